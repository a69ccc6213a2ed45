//! Administration: accounts and roles, the audit log, reference data (minimum wages) and the daily jobs'
//! runs; officers' correction-request queue.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod corrections;
#[cfg(feature = "ssr")]
pub mod reference;
#[cfg(feature = "ssr")]
pub mod service;
