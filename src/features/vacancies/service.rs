//! What other features may ask of vacancies (the rest of the feature is its own): a job-fair booth's visitor
//! applies through the same path as the vacancy page, so every rule of applying holds at the fair too.
pub use super::seeker::apply_from;
