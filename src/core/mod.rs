//! The small core every feature uses. Compiled for both the server (`ssr`) and the browser (`hydrate`).
pub mod calendar;
pub mod error;
pub mod i18n;
pub mod ids;
pub mod local_path;
pub mod money;
pub mod regions_data;
pub mod role;
pub mod validate;
