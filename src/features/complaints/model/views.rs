//! What the complaint screens show: the tracking page (by code), the officer's queue and case page, the
//! company's cases. Each type carries only what its viewer may see.
use serde::{Deserialize, Serialize};

/// One legal clock of a case: when it started, its last day and the rule it comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockView {
    pub step: String,
    pub started_on: String,
    pub due_on: String,
    pub done_on: Option<String>,
    pub article: String,
    pub working_days: u32,
    pub overdue: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventView {
    pub kind: String,
    pub body: String,
    pub by_role: String,
    pub at_ms: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub number: i64,
    pub held_on: String,
    pub place: String,
    pub minutes: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileView {
    pub id: i64,
    pub by_role: String,
    pub file_name: String,
}

/// The case as the person who filed it sees it at `/pengaduan/{code}` (never their name: the code alone
/// opens this page).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackView {
    pub code: String,
    pub company_name: String,
    pub category: String,
    pub privacy: String,
    pub status: String,
    pub outcome: Option<String>,
    pub filed_at_ms: i64,
    /// The clock now running, if any.
    pub next: Option<ClockView>,
    pub clocks: Vec<ClockView>,
    pub events: Vec<EventView>,
    pub sessions: Vec<SessionView>,
    pub referred_to: Option<String>,
    /// "conciliation" or "arbitration" when the parties chose one instead of mediation.
    pub forum: Option<String>,
    /// When and why an officer unlocked a confidential identity.
    pub unlocked: Option<(i64, String)>,
    /// The documents the person may download: "referral", "anjuran", "agreement".
    pub documents: Vec<String>,
    pub anjuran: Option<String>,
    pub worker_answer: Option<String>,
    pub survey_code: Option<String>,
    pub rating: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub id: i64,
    pub code: String,
    pub company_name: String,
    pub category: String,
    pub privacy: String,
    pub status: String,
    pub filed_at_ms: i64,
    pub next: Option<ClockView>,
}

/// A count by a label (category, status, outcome).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub label: String,
    pub count: i64,
}

/// Per clock: how many steps finished, the median working days they took (the mean of the two middle values
/// when the count is even), how many within their period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageStat {
    pub step: String,
    pub done: i64,
    pub median_days: f64,
    pub within: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ComplaintStats {
    pub by_category: Vec<Count>,
    /// Cases about registered companies by the company's district and KBLI sector (typed companies have
    /// neither and are counted as "unknown").
    pub by_district: Vec<Count>,
    pub by_sector: Vec<Count>,
    pub by_status: Vec<Count>,
    pub outcomes: Vec<Count>,
    pub stages: Vec<StageStat>,
}

/// Open cases per page of the officer's queue, and the last page one may ask for (the page number is
/// clamped to it, so no request makes the database skip more than this many pages' rows).
pub const QUEUE_PAGE_SIZE: i64 = 50;
pub const QUEUE_MAX_PAGE: i64 = 400;

/// The page actually shown for a requested page number: within `1..=QUEUE_MAX_PAGE`.
pub fn queue_page(requested: i64) -> i64 {
    requested.clamp(1, QUEUE_MAX_PAGE)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfficerQueue {
    pub items: Vec<QueueItem>,
    /// This page (1-based), the number of pages and how many cases are open in all.
    pub page: i64,
    pub pages: i64,
    pub total: i64,
    pub stats: ComplaintStats,
}

/// Who filed, as an officer may see it: the name only for an open case or after an unlock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// A confidential identity not yet unlocked.
    pub locked: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficerCase {
    pub id: i64,
    pub code: String,
    pub company_name: String,
    pub registered_company: bool,
    pub category: String,
    pub labour_norm: bool,
    pub privacy: String,
    pub status: String,
    pub identity: Identity,
    pub description: String,
    pub since_date: String,
    pub workers_affected: i64,
    pub wish: String,
    pub lapor_id: Option<String>,
    pub follow_up_plan: Option<String>,
    pub referred_to: Option<String>,
    pub forum: Option<String>,
    pub anjuran: Option<String>,
    pub worker_answer: Option<String>,
    pub company_answer: Option<String>,
    pub outcome: Option<String>,
    pub clocks: Vec<ClockView>,
    pub events: Vec<EventView>,
    pub sessions: Vec<SessionView>,
    pub files: Vec<FileView>,
    pub documents: Vec<String>,
}

/// A case as the named company sees it: what is alleged, never who filed a confidential one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyCase {
    pub id: i64,
    /// The case number (`case_ref`), never the ticket code.
    pub reference: String,
    pub category: String,
    pub status: String,
    pub complainant_name: Option<String>,
    pub description: String,
    pub since_date: String,
    pub workers_affected: i64,
    pub next: Option<ClockView>,
    pub events: Vec<EventView>,
    pub sessions: Vec<SessionView>,
    pub files: Vec<FileView>,
    pub anjuran: Option<String>,
    pub company_answer: Option<String>,
    pub documents: Vec<String>,
}
