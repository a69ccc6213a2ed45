//! Requests and permits (issue 23): one workflow engine for the office's other services. Request types
//! are reference data (form fields as a typed schema, required documents, who decides, the clock in
//! working days, the document issued) that admins edit and extend; companies file, track, correct and
//! withdraw; officers review, ask for corrections and decide; notices get their receipt at once; the
//! daily job deems silent PP approvals approved (UU 13/2003 Ps 112); a PHK report's worker objects
//! online; issued documents carry a QR code to a public verification page; every finished request
//! invites the applicant to the IKM survey.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod admin;
#[cfg(feature = "ssr")]
pub mod company;
#[cfg(feature = "ssr")]
pub mod document_pdf;
#[cfg(feature = "ssr")]
pub mod documents;
#[cfg(feature = "ssr")]
pub mod engine;
#[cfg(feature = "ssr")]
pub mod jobs;
#[cfg(feature = "ssr")]
pub mod officer;
#[cfg(feature = "ssr")]
pub mod public;
#[cfg(feature = "ssr")]
pub mod renewals;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod union;
#[cfg(feature = "ssr")]
pub mod uploads;
#[cfg(feature = "ssr")]
pub mod views;
#[cfg(feature = "ssr")]
pub mod worker;
