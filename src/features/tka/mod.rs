//! Foreign workers (TKA) and the DKPTKA levy (PP 34/2021): the company's presence reports, expiry tracking
//! and reminders, levy bills for RPTKA extensions with payment proofs, the officer's validation with the
//! local-talent check, receipts with public verification, and statistics.
pub mod api;
pub mod model;
pub mod pages;
pub mod rules;

#[cfg(feature = "ssr")]
pub mod company;
#[cfg(feature = "ssr")]
pub mod documents;
#[cfg(feature = "ssr")]
pub mod jobs;
#[cfg(feature = "ssr")]
pub mod officer;
#[cfg(feature = "ssr")]
pub mod public;
#[cfg(feature = "ssr")]
pub mod receipt_pdf;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod talent;
#[cfg(feature = "ssr")]
pub mod views;
