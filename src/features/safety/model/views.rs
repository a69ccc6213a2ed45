//! What the K3 pages show.
use serde::{Deserialize, Serialize};

/// An accident report as its company and officers see it: the victim's NIK or passport number masked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccidentView {
    pub id: i64,
    pub case_number: String,
    pub company_name: String,
    pub victim_name: String,
    /// "nik" or "passport" (a foreign victim).
    pub victim_id_kind: String,
    pub victim_id_masked: String,
    pub victim_nationality: String,
    pub occurred_at: String,
    pub reported_at: String,
    pub hours_after: i64,
    pub late: bool,
    pub outcome: String,
    pub place: String,
    pub lost_days: i64,
    pub photos: i64,
    /// When an officer forwarded the referral package to [`super::REFERRAL_DESTINATION`] (WIB), if so.
    pub forwarded_at: Option<String>,
}

/// The latest P2K3 or SMK3 self-check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelfCheckView {
    pub kind: String,
    pub level: String,
    pub criteria: i64,
    pub met: i64,
    pub critical: i64,
    pub percentage: i64,
    /// SMK3: poor, good, satisfactory, failed; P2K3: required, not_required.
    pub category: String,
    pub submitted_at: String,
}

/// An order of an inspection, with its due date and whether it is done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderView {
    pub id: i64,
    pub inspection_id: i64,
    pub company_name: String,
    pub description: String,
    pub due_date: String,
    pub done: bool,
    pub overdue: bool,
    pub done_note: Option<String>,
    pub has_evidence: bool,
}

/// The province's inspection findings attached to a company's record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionView {
    pub id: i64,
    pub inspected_on: String,
    pub summary: String,
    pub orders: Vec<OrderView>,
}

/// The company's K3 page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanySafety {
    pub company_name: String,
    pub accidents: Vec<AccidentView>,
    pub p2k3: Option<SelfCheckView>,
    pub smk3: Option<SelfCheckView>,
    pub inspections: Vec<InspectionView>,
}
