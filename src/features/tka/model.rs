//! What the foreign-worker and DKPTKA pages show, shared by the server functions and the pages.
use serde::{Deserialize, Serialize};

use crate::core::money::Rupiah;

/// A levy bill's status (`dkptka_bills.status`), mapped to its text here only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BillStatus {
    Unpaid,
    Submitted,
    Validated,
    Rejected,
    Cancelled,
}

impl BillStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            BillStatus::Unpaid => "unpaid",
            BillStatus::Submitted => "submitted",
            BillStatus::Validated => "validated",
            BillStatus::Rejected => "rejected",
            BillStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<BillStatus> {
        [
            BillStatus::Unpaid,
            BillStatus::Submitted,
            BillStatus::Validated,
            BillStatus::Rejected,
            BillStatus::Cancelled,
        ]
        .into_iter()
        .find(|status| status.as_str() == s)
    }

    /// A bill the company may still pay: never paid, or its payment was rejected.
    pub fn payable(self) -> bool {
        matches!(self, BillStatus::Unpaid | BillStatus::Rejected)
    }
}

/// Officers validate a submitted payment within one working day.
pub const SERVICE_WORKING_DAYS: u32 = 1;
/// Expiry warnings and reminders: this many days before a permit or RPTKA ends.
pub const EXPIRY_WINDOWS: [i64; 2] = [90, 30];
/// A payment proof: PDF, JPEG or PNG.
pub const PROOF_MAX_BYTES: usize = 5 * 1024 * 1024;

/// A reported foreign worker as the company (and officers) see it: the passport masked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkerView {
    pub id: i64,
    pub company_name: String,
    pub name: String,
    pub passport_masked: String,
    pub nationality: String,
    pub position: String,
    pub occupation: String,
    pub rptka_number: String,
    pub rptka_end: String,
    pub permit_number: String,
    pub permit_end: String,
    pub district: String,
    pub start_date: String,
    pub end_date: String,
    pub counterpart_name: String,
    pub counterpart_progress: i64,
    pub language_training: String,
    /// "active" or "left".
    pub status: String,
    pub left_on: Option<String>,
    /// Days until the permit or the RPTKA ends, whichever is sooner (negative once ended).
    pub days_to_expiry: i64,
}

/// A levy bill as its company and officers see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillView {
    pub id: i64,
    pub company_name: String,
    pub bill_number: String,
    pub rptka_number: String,
    pub period_start: String,
    pub period_end: String,
    pub positions: i64,
    pub months: i64,
    /// "USD 1.200,00".
    pub amount_usd: String,
    pub rate: String,
    pub rate_date: String,
    pub rate_source: String,
    pub amount_idr: Rupiah,
    /// "unpaid", "submitted", "validated", "rejected", "cancelled".
    pub status: String,
    pub payment_reference: Option<String>,
    pub paid_on: Option<String>,
    pub has_proof: bool,
    pub officer_note: Option<String>,
    pub due_at_ms: Option<i64>,
    pub verification_code: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyTka {
    pub workers: Vec<WorkerView>,
    pub bills: Vec<BillView>,
    /// The RPTKA numbers of the company's active workers, with how many workers each.
    pub rptkas: Vec<(String, i64)>,
    /// KBJI sub-major groups (code, name) for the form.
    pub occupations: Vec<(String, String)>,
    /// The year of the yearly report due now, and whether it was sent.
    pub report_year: i32,
    pub yearly_report_sent: bool,
    pub company_verified: bool,
}

/// The advisory local-talent check shown with a bill (whether Indonesians could fill the positions).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TalentCheck {
    pub occupation: String,
    /// Seekers with a valid AK-1 card who want this kind of job (named in the position's title), as of the
    /// last hourly count; none before the first.
    pub ak1_holders: Option<i64>,
    /// The company's vacancies reported for this occupation group (any status).
    pub company_vacancies: i64,
    /// The counterparts' average progress (per cent) on this RPTKA.
    pub counterpart_progress: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueBill {
    pub bill: BillView,
    pub talent: Vec<TalentCheck>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficerTka {
    /// The server's time of the answer: "overdue" is decided by it, so the page renders alike everywhere.
    pub now_ms: i64,
    /// The oldest 100 waiting payments.
    pub queue: Vec<QueueBill>,
    /// Every waiting payment, and those past their deadline (the list shows at most 100).
    pub waiting: i64,
    pub overdue: i64,
    /// When the card holders of the local-talent check were last counted (hourly; none before the first).
    pub talent_counted_at_ms: Option<i64>,
    /// The count is older than two hourly runs (the job has stopped).
    pub talent_stale: bool,
    /// Active workers whose permit or RPTKA ends within 90 days, soonest first.
    pub expiring: Vec<WorkerView>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub label: String,
    pub count: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevyMonth {
    /// `YYYY-MM`.
    pub month: String,
    pub billed_count: i64,
    pub billed_idr: Rupiah,
    pub validated_count: i64,
    pub validated_idr: Rupiah,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TkaStatistics {
    pub active_workers: i64,
    pub by_nationality: Vec<Count>,
    pub by_sector: Vec<Count>,
    pub by_district: Vec<Count>,
    pub levy_by_month: Vec<LevyMonth>,
}

/// The public check behind a receipt's QR code: masked fields only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DkptkaVerification {
    pub bill_number: String,
    pub company_name: String,
    pub rptka_masked: String,
    pub period_start: String,
    pub period_end: String,
    pub positions: i64,
    pub amount_usd: String,
    pub amount_idr: Rupiah,
    pub validated_on: String,
}

/// USD cents as `USD 1.200,00`.
pub fn format_usd(cents: i64) -> String {
    let dollars = Rupiah(cents / 100).to_string();
    format!(
        "USD {},{:02}",
        dollars.trim_start_matches("Rp").trim(),
        cents % 100
    )
}
