//! Accounts, sign-in, sessions, passwords, e-mail verification, consents and one's own data.
pub mod api;
pub mod correction;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod admin;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod privacy;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod signin;
#[cfg(feature = "ssr")]
pub mod signup;
#[cfg(feature = "ssr")]
pub mod staff_reads;
