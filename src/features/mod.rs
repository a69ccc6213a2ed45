//! One folder per service area: its shared models, server functions, queries and pages.
pub mod accounts;
pub mod demo;
pub mod home;
