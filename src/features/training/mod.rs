//! Training programmes (issue 25): the public catalogue, registration with selection and ordered reserves,
//! sessions with attendance, results with a certificate (PDF with a QR code to its verification page),
//! the verified skills wallet that matching counts, and the 3- and 6-month follow-up.
//!
//! The feature template: `repo/` holds the SQL; `provider` (companies and officers managing programmes)
//! and `seeker` are the actions of each actor; `views` assembles the screens; `api` is the thin
//! layer of server functions over them.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod certificate_pdf;
#[cfg(feature = "ssr")]
pub mod jobs;
#[cfg(feature = "ssr")]
pub mod provider;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod seeker;
#[cfg(feature = "ssr")]
pub mod support;
#[cfg(feature = "ssr")]
pub mod views;
