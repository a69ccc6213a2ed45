//! The officer's compliance view (issue 24): per company its obligations and their state (manpower report
//! due or overdue, warnings, accidents, open and overdue inspection orders), filterable by district and
//! sector; the reports and accidents as CSV; the zero-accident streaks (the regency award's nominees); and
//! the form that attaches the province's inspection findings.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod officer;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod views;
