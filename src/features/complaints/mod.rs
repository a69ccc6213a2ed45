//! Complaints and labour disputes (issue 22, DESIGN.md section 12): filing with three privacy levels and a
//! ticket code, tracking by code, the officer's triage with its clocks and the referral package, the dispute
//! procedure of UU 2/2004 (bipartite, mediation sessions, anjuran, answers with silence as rejection, joint
//! agreement), the named company's side, and the officer's statistics.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod company;
#[cfg(feature = "ssr")]
pub mod complaint_pdf;
#[cfg(feature = "ssr")]
pub mod documents;
#[cfg(feature = "ssr")]
pub mod jobs;
#[cfg(feature = "ssr")]
pub mod notices;
#[cfg(feature = "ssr")]
pub mod officer;
#[cfg(feature = "ssr")]
pub mod public;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod stats;
#[cfg(feature = "ssr")]
pub mod support;
#[cfg(feature = "ssr")]
pub mod views;
