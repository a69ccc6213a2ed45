//! What the AK-1 screens show: the seeker's card and profile, the officer's queue and statistics, the
//! public verification.
use serde::{Deserialize, Serialize};

use super::{Ak1Status, Completeness, NextReport, ProfileForm};

/// A seeker's AK-1 as they see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ak1View {
    pub application_id: i64,
    pub status: Ak1Status,
    pub submitted_at_ms: i64,
    pub due_at_ms: i64,
    pub officer_note: Option<String>,
    pub card_number: Option<String>,
    pub issued_on: Option<String>,
    pub valid_until: Option<String>,
    pub verification_code: Option<String>,
    pub re_report_due: Vec<String>,
    /// Dates (WIB) of the re-reports made.
    pub reports: Vec<String>,
    pub next_report: Option<NextReport>,
    pub events: Vec<Ak1Event>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ak1Event {
    pub at_ms: i64,
    pub to_status: String,
    pub reason: Option<String>,
}

/// The seeker's profile page data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyProfile {
    pub form: ProfileForm,
    /// Kinds of the files attached ("photo", "cv").
    pub files: Vec<String>,
    pub completeness: Completeness,
    pub ak1: Option<Ak1View>,
    /// The holder's name (the counter officer sees whose profile is open).
    pub full_name: String,
}

/// The officer's queue: how many are waiting in all, and the oldest of them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ak1Queue {
    pub total_waiting: i64,
    pub overdue: i64,
    pub items: Vec<QueueItem>,
}

/// How many applications the queue page lists at once (oldest first).
pub const QUEUE_PAGE_SIZE: i64 = 100;

/// One waiting application in the officer's queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueItem {
    pub application_id: i64,
    pub account_id: i64,
    pub full_name: String,
    pub nik_masked: String,
    pub education_level: Option<String>,
    pub district: Option<String>,
    pub school: Option<String>,
    pub skills: String,
    pub has_photo: bool,
    pub has_cv: bool,
    pub submitted_at_ms: i64,
    pub due_at_ms: i64,
}

/// The office's AK-1 figures: cards issued per day (last 30 days) and per month (last 12), how long issuing
/// takes, and how much of it met the one-working-day promise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ak1Statistics {
    /// (`YYYY-MM-DD`, cards issued), oldest first, days without cards included.
    pub per_day: Vec<(String, i64)>,
    /// (`YYYY-MM`, cards issued), oldest first.
    pub per_month: Vec<(String, i64)>,
    /// Cards issued in the last 12 months.
    pub issued: i64,
    /// Median minutes from the (last) submission to issue, over the last 12 months.
    pub median_minutes_to_issue: Option<i64>,
    /// Share (per mille, 0–1000) of those cards issued within the one-working-day deadline.
    pub within_deadline_per_mille: Option<i64>,
    pub waiting: i64,
    pub overdue: i64,
}

/// What the officer reviewing an AK-1 application sees of the applicant's profile (the read is audited).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewProfile {
    pub form: ProfileForm,
    pub entries: crate::features::ak1::experience::ProfileEntries,
}

/// What the public verification page shows (nothing more).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VerificationView {
    pub masked_name: String,
    pub card_number: String,
    /// "valid", "expired" or "closed".
    pub state: String,
    pub valid_until: String,
}
