//! Online, on-site and hybrid job fairs: events, company booths with their vacancies, visitor tickets
//! with QR check-in, capacity-capped timed booth slots, booth screens, and the fair report.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod booths;
#[cfg(feature = "ssr")]
pub mod events;
#[cfg(feature = "ssr")]
pub mod report;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod ticket_pdf;
#[cfg(feature = "ssr")]
pub mod visitors;
