//! What the vacancy pages show: search results, a vacancy, the company's lists and pipeline, the officer's
//! moderation queue, the seeker's applications. Plain data, shared by the server and the browser.
use serde::{Deserialize, Serialize};

use crate::{
    core::money::Rupiah,
    features::vacancies::{matching::MatchScore, pipeline::ApplicationStatus},
};

/// (value, label) pairs for drop-downs, localized on the server from reference tables.
pub type Options = Vec<(String, String)>;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VacancySummary {
    pub id: i64,
    pub title: String,
    pub company_name: String,
    pub district_name: String,
    pub occupation_name: String,
    pub wage_min: Rupiah,
    pub wage_max: Rupiah,
    pub work_time: String,
    pub deadline: String,
    pub published_at_ms: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub items: Vec<VacancySummary>,
    /// Counted up to `query::COUNT_CAP`; `more` says there are more than that.
    pub total: i64,
    pub more: bool,
    pub page: i64,
    pub pages: i64,
}

/// The filters' choices.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchOptions {
    pub districts: Options,
    pub sectors: Options,
    pub occupations: Options,
    pub education: Options,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchPage {
    pub results: SearchResults,
    pub options: SearchOptions,
}

/// The viewer's relation to a vacancy (what the page offers them).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Viewer {
    Public,
    /// A seeker: their application's status (if any) and how well they match.
    Seeker {
        application: Option<ApplicationStatus>,
        score: Option<MatchScore>,
    },
    /// A member of the company that posted it.
    Owner,
    Staff,
    /// Signed in with another role (another company).
    Other,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VacancyDetail {
    pub summary: VacancySummary,
    pub company_id: i64,
    pub description: String,
    pub sector_code: String,
    pub sector_name: String,
    pub occupation_code: String,
    pub education_code: String,
    pub skills: Vec<String>,
    pub certificates: String,
    pub experience_years: i64,
    pub headcount: i64,
    pub shift: String,
    pub contract_type: String,
    pub address: String,
    pub age_min: Option<i64>,
    pub age_max: Option<i64>,
    pub age_justification: Option<String>,
    pub status: String,
    /// True while it can be applied to (published, deadline not passed).
    pub open: bool,
    pub viewer: Viewer,
    /// schema.org JobPosting, rendered on the server (public, open vacancies only).
    pub json_ld: Option<String>,
}

/// What the vacancy form needs from the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormContext {
    pub minimum_wage: Rupiah,
    pub minimum_wage_year: i32,
    pub company_verified: bool,
    pub sector_name: String,
    pub occupations: Options,
    pub education: Options,
}

/// What happened to a submitted vacancy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Submitted {
    pub id: i64,
    /// "published" or "pending".
    pub status: String,
    pub warnings: Vec<String>,
    /// Flag categories (translation keys).
    pub flags: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompanyVacancy {
    pub id: i64,
    pub title: String,
    pub status: String,
    pub closed_reason: Option<String>,
    pub review_reason: Option<String>,
    pub flags: Vec<String>,
    pub deadline: String,
    pub headcount: i64,
    pub hired: i64,
    pub applications: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlacementRow {
    pub id: i64,
    pub worker_name: String,
    /// Masked: the last four digits only.
    pub nik_masked: String,
    pub position: String,
    pub vacancy_title: Option<String>,
    pub start_date: String,
    pub wage: Rupiah,
    pub contract_type: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompanyReports {
    pub company_verified: bool,
    pub vacancies: Vec<CompanyVacancy>,
    pub placements: Vec<PlacementRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModerationItem {
    pub id: i64,
    pub title: String,
    pub company_name: String,
    pub company_verified: bool,
    pub description: String,
    pub skills: String,
    pub flags: Vec<String>,
    pub age_justification: Option<String>,
    pub wage_min: Rupiah,
    pub wage_max: Rupiah,
    pub created_at_ms: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompanyNote {
    pub body: String,
    pub at_ms: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PipelineCandidate {
    pub application_id: i64,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub education: Option<String>,
    pub skills: String,
    pub cover_note: Option<String>,
    pub status: ApplicationStatus,
    pub score: Option<i64>,
    pub applied_at_ms: i64,
    pub notes: Vec<CompanyNote>,
}

/// A discoverable seeker shown to a company without name, NIK or contact until they accept an invitation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SuggestedCandidate {
    /// Stable per vacancy, meaningless elsewhere.
    pub pseudonym: String,
    pub score: MatchScore,
    pub education: Option<String>,
    pub district_name: Option<String>,
    pub experience_months: u32,
    pub skills: Vec<String>,
    /// Skills verified by a finished training programme (shown marked as verified).
    #[serde(default)]
    pub verified_skills: Vec<String>,
    /// "invited", "accepted" or "declined" once invited.
    pub invitation: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pipeline {
    pub vacancy: CompanyVacancy,
    pub candidates: Vec<PipelineCandidate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineStep {
    pub status: ApplicationStatus,
    pub at_ms: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyApplication {
    pub id: i64,
    pub vacancy_id: i64,
    pub title: String,
    pub company_name: String,
    pub status: ApplicationStatus,
    pub timeline: Vec<TimelineStep>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Invitation {
    pub id: i64,
    pub vacancy_id: i64,
    pub title: String,
    pub company_name: String,
    pub status: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Notice {
    pub message_key: String,
    pub subject: String,
    pub link: Option<String>,
    pub at_ms: i64,
    pub unread: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyJobs {
    pub applications: Vec<MyApplication>,
    pub invitations: Vec<Invitation>,
    pub notices: Vec<Notice>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    pub vacancy: VacancySummary,
    pub score: MatchScore,
}

/// A placement reported by NIK that waits for the seeker (or an officer) to confirm it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingPlacement {
    pub id: i64,
    pub company_name: String,
    /// The name the company typed (shown to officers, who compare it with the account's).
    pub worker_name: String,
    pub account_name: String,
    pub position: String,
    pub start_date: String,
    pub reported_at_ms: i64,
}
