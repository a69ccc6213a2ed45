//! Regulations, rights explainers and procedures as edited content (issue 28): `/regulasi` (public search
//! and categories), a regulation's page with its versions side by side, staff publishing new regulations
//! and versions (never overwriting), people following categories, and the daily job announcing versions
//! as they take effect (with the wage consequence for companies).
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod announce;
#[cfg(feature = "ssr")]
pub mod editor;
#[cfg(feature = "ssr")]
pub mod follower;
#[cfg(feature = "ssr")]
pub mod jobs;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod views;
