//! Work safety (K3; issue 24): accident reports (Permenaker 03/1998, 2 x 24 hours, late ones flagged), the
//! referral package to the provincial inspectorate (forwarded by an officer) and the company's receipt, P2K3 and SMK3 self-checks, and the province's
//! inspection findings with their orders, reported done by the company.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod company;
#[cfg(feature = "ssr")]
pub mod documents;
#[cfg(feature = "ssr")]
pub mod officer;
#[cfg(feature = "ssr")]
pub mod receipt_pdf;
#[cfg(feature = "ssr")]
pub mod referral_pdf;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod views;
