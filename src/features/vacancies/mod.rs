//! Vacancies (the Perpres 57/2023 vacancy report), the public search, applications and their pipeline,
//! explainable matching both ways, and placement reports.
pub mod api;
pub mod matching;
pub mod model;
pub mod pages;
pub mod pipeline;
pub mod query;
pub mod views;

#[cfg(feature = "ssr")]
pub mod company;
#[cfg(feature = "ssr")]
pub mod facets;
#[cfg(feature = "ssr")]
pub mod jobs;
#[cfg(feature = "ssr")]
pub mod officer;
#[cfg(feature = "ssr")]
pub mod placement_confirm;
#[cfg(feature = "ssr")]
pub mod placements;
#[cfg(feature = "ssr")]
pub mod public;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod search;
#[cfg(feature = "ssr")]
pub mod search_options;
#[cfg(feature = "ssr")]
pub mod seeker;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod suggestions;
