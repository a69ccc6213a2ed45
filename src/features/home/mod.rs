//! The home page: what the portal offers, and live figures from the database.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod repo;
