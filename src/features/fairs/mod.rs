//! Online, on-site and hybrid job fairs: events, company booths with their vacancies, visitor tickets
//! with QR check-in, capacity-capped timed booth slots, booth screens, and the fair report.
//!
//! The feature template: `repo/` holds the SQL; `officer`, `company` and `seeker` are the actions of
//! each actor (with `access` deciding who may see which fair and booth); `views` assembles the screens;
//! `api` is the thin layer of server functions over them.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod access;
#[cfg(feature = "ssr")]
pub mod company;
#[cfg(feature = "ssr")]
pub mod officer;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod report;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod seeker;
#[cfg(feature = "ssr")]
pub mod ticket_pdf;
#[cfg(feature = "ssr")]
pub mod views;
