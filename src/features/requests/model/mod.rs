//! What the request pages show and the rules they share: the status machine, the clocks (`clock`), the
//! typed schema of request types and the admin's form (`types`), and the check of a filing (`filing`).
pub mod clock;
pub mod filing;
pub mod types;

use serde::{Deserialize, Serialize};

pub use types::{RequestType, Values};

/// A request's status (`requests.status`), mapped to its text here only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Draft,
    Submitted,
    CorrectionRequested,
    InReview,
    Approved,
    Registered,
    Refused,
    DeemedApproved,
    Withdrawn,
}

pub const ALL_STATUSES: [RequestStatus; 9] = [
    RequestStatus::Draft,
    RequestStatus::Submitted,
    RequestStatus::CorrectionRequested,
    RequestStatus::InReview,
    RequestStatus::Approved,
    RequestStatus::Registered,
    RequestStatus::Refused,
    RequestStatus::DeemedApproved,
    RequestStatus::Withdrawn,
];

impl RequestStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Draft => "draft",
            RequestStatus::Submitted => "submitted",
            RequestStatus::CorrectionRequested => "correction_requested",
            RequestStatus::InReview => "in_review",
            RequestStatus::Approved => "approved",
            RequestStatus::Registered => "registered",
            RequestStatus::Refused => "refused",
            RequestStatus::DeemedApproved => "deemed_approved",
            RequestStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<RequestStatus> {
        ALL_STATUSES.into_iter().find(|status| status.as_str() == s)
    }

    /// The translation key of the status.
    pub fn label_key(self) -> String {
        format!("requests_status_{}", self.as_str())
    }

    /// Waiting for the office (its clock runs).
    pub fn with_office(self) -> bool {
        matches!(self, RequestStatus::Submitted | RequestStatus::InReview)
    }

    /// The applicant may still withdraw it.
    pub fn withdrawable(self) -> bool {
        matches!(
            self,
            RequestStatus::Draft
                | RequestStatus::Submitted
                | RequestStatus::CorrectionRequested
                | RequestStatus::InReview
        )
    }

    /// A document was issued: approval, registration or receipt, or deemed approval.
    pub fn issued(self) -> bool {
        matches!(
            self,
            RequestStatus::Approved | RequestStatus::Registered | RequestStatus::DeemedApproved
        )
    }
}

/// One line of a request's form as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldLine {
    pub label_id: String,
    pub label_en: String,
    pub value: String,
}

/// One transition: who (a role, or none for the system), when, why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrailEntry {
    pub at_ms: i64,
    pub from_status: Option<String>,
    pub to_status: String,
    /// "company", "officer", "admin", "seeker", or "" for the daily job.
    pub actor_role: String,
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentView {
    pub id: i64,
    pub label_id: String,
    pub label_en: String,
    pub file_name: String,
}

/// A request as its company and officers see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestView {
    pub id: i64,
    pub code: String,
    pub type_key: String,
    pub type_name_id: String,
    pub type_name_en: String,
    pub decider: String,
    pub rule: String,
    pub company_name: String,
    pub status: String,
    pub fields: Vec<FieldLine>,
    /// The raw values, for the correction form.
    pub values: Values,
    pub warnings: Vec<String>,
    pub submitted_at_ms: Option<i64>,
    /// The deadline of the current stage (the office's decision, or the applicant's correction).
    pub due_at_ms: Option<i64>,
    pub number: Option<String>,
    pub valid_until: Option<String>,
    /// The issued document's public verification code (its QR page).
    pub verification_code: Option<String>,
    pub survey_code: Option<String>,
    pub objection: Option<String>,
    pub trail: Vec<TrailEntry>,
    pub documents: Vec<DocumentView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyRequests {
    pub now_ms: i64,
    pub types: Vec<RequestType>,
    pub requests: Vec<RequestView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficerRequests {
    /// The server's time: "overdue" is decided by it, so the page renders alike everywhere.
    pub now_ms: i64,
    /// Waiting for the office, oldest first.
    pub queue: Vec<RequestView>,
    pub overdue: i64,
    /// Waiting for the applicant's correction.
    pub corrections: Vec<RequestView>,
    /// The company types an officer may file at the counter for a walk-in company.
    pub types: Vec<RequestType>,
}

/// The public check behind an issued document's QR code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestVerification {
    pub number: String,
    pub document_title: String,
    pub type_name_id: String,
    pub type_name_en: String,
    pub company_name: String,
    pub status: String,
    pub issued_on: String,
    pub valid_until: Option<String>,
}

/// A PHK report as the worker it concerns sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhkView {
    pub id: i64,
    pub code: String,
    pub company_name: String,
    pub status: String,
    pub fields: Vec<FieldLine>,
    pub objection: Option<String>,
    /// The last day to object (7 working days after the notice), `YYYY-MM-DD`.
    pub objection_until: String,
    pub can_object: bool,
}

/// The shortest and longest objection (characters).
/// The applicant's page (where a company's request notices link).
pub const COMPANY_PAGE: &str = "/perusahaan/layanan";

pub const OBJECTION_CHARS: (usize, usize) = (10, 2000);
/// A document: PDF, JPEG or PNG, at most 5 MB.
pub const DOCUMENT_MAX_BYTES: usize = 5 * 1024 * 1024;
