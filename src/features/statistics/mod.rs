//! Open labour-market statistics (`/statistik`, open data with a catalogue) and the service dashboard
//! (`/petugas`, `/statistik/layanan`), issue 28 part A. A reporting read model: the hourly job sums the
//! other areas' tables into `stat_cells` and `stat_service_months` with its own read-only SQL (never their
//! repos); the pages read the sums. Charts are server-rendered SVG (see `chart.rs` for why).
pub mod api;
pub mod chart;
pub mod clock;
pub mod dataset;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod jobs;
#[cfg(feature = "ssr")]
pub mod open_data;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod views;
