//! Old path kept for callers outside the feature (job-fair booths apply through it). Applying, withdrawing
//! and answering invitations live in `seeker.rs`, the company's pipeline in `company.rs`, the SQL in
//! `repo/applications.rs`.
pub use super::seeker::apply_from;
