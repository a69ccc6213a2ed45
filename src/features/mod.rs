//! One folder per service area: its shared models, server functions, queries and pages.
pub mod accounts;
pub mod admin;
pub mod ak1;
pub mod companies;
#[cfg(feature = "ssr")]
pub mod demo;
pub mod fairs;
pub mod home;
pub mod info;
pub mod pkwt;
pub mod tka;
pub mod vacancies;
