//! Server-only infrastructure (compiled with the `ssr` feature only; declared once in `lib.rs`).
pub mod audit;
pub mod backup;
pub mod cli;
pub mod config;
pub mod db;
pub mod error;
pub mod health;
pub mod lang;
pub mod reference;
pub mod router;
pub mod secrets;
pub mod security;
pub mod state;
pub mod telemetry;
