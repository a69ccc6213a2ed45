//! The IKM satisfaction survey (PermenPANRB 14/2017): a one-time invitation after every finished service
//! (`service::offer`, used by requests and complaints), the public questionnaire at `/survei/{code}`, the
//! officers' report per service and month, and the public yearly figure.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod public;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod views;
