//! Administration: accounts and roles, the audit log; officers' correction-request queue.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod service;
