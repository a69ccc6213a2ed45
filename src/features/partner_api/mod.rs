//! Partner API (issue 26): a versioned HTTP API under `/api/v1` for partner systems (tax office, BPJS
//! Ketenagakerjaan, national systems) with scoped, hashed, rate-limited keys, an OpenAPI 3.1 document
//! generated from the types, RFC 9457 problem details, and Standard Webhooks fed by the event outbox
//! (`server::events`). Admins manage keys and webhooks on `/admin/integrasi`.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod access;
#[cfg(feature = "ssr")]
pub mod admin;
#[cfg(feature = "ssr")]
pub mod checks;
#[cfg(feature = "ssr")]
pub mod docs;
#[cfg(feature = "ssr")]
pub mod endpoints;
#[cfg(feature = "ssr")]
pub mod jobs;
#[cfg(feature = "ssr")]
pub mod openapi;
#[cfg(feature = "ssr")]
pub mod problem;
#[cfg(feature = "ssr")]
pub mod refusals;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod schema;
#[cfg(feature = "ssr")]
pub mod webhooks;
#[cfg(feature = "ssr")]
pub mod workforce;
