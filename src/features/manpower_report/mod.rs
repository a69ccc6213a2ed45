//! The yearly manpower report (Wajib Lapor Ketenagakerjaan, UU 7/1981; issue 24): pre-filled from what the
//! portal knows and last year's report, checked (counts that do not add up are refused; warnings the office
//! cares about), locked once submitted (a correction is a new version), a receipt PDF with a QR code and its
//! public verification page.
pub mod api;
pub mod events;
pub mod model;
pub mod pages;
pub mod rules;

#[cfg(feature = "ssr")]
pub mod company;
#[cfg(feature = "ssr")]
pub mod documents;
#[cfg(feature = "ssr")]
pub mod dues;
#[cfg(feature = "ssr")]
pub mod jobs;
#[cfg(feature = "ssr")]
pub mod prefill;
#[cfg(feature = "ssr")]
pub mod receipt_pdf;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod views;
