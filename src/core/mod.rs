//! The small core every feature uses. Compiled for both the server (`ssr`) and the browser (`hydrate`).
pub mod auth;
pub mod calendar;
pub mod error;
pub mod i18n;
pub mod ids;
pub mod local_path;
pub mod money;
pub mod months;
pub mod notice;
pub mod qr;
pub mod region;
pub mod regions_data;
pub mod review;
pub mod role;
pub mod text;
pub mod validate;
