//! Vacancies: the shared rules of the vacancy report (Perpres 57/2023) and the explainable matching score.
//! The form, moderation, public search, applications and placements build on these.
pub mod matching;
pub mod model;
