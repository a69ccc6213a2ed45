//! The partner API's request and response types: what `/api/v1` sends and takes, and (through utoipa)
//! the OpenAPI document, so the document cannot drift from the code.
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// RFC 9457 problem details, sent as `application/problem+json` for every error.
#[derive(Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
}

/// AK-1 verification: the state and the validity dates, nothing else.
#[derive(Serialize, ToSchema)]
pub struct Ak1Verification {
    /// `valid`, `expired` or `closed` (closed on placement).
    pub status: String,
    /// YYYY-MM-DD
    pub issued_on: String,
    /// YYYY-MM-DD
    pub valid_until: String,
}

/// A registered (approved) fixed-term contract: period, wage and status, no worker identity.
#[derive(Serialize, ToSchema)]
pub struct Contract {
    pub registration_number: String,
    pub employer_nib: String,
    pub employer_name: String,
    pub position: String,
    /// `period` or `daily`.
    pub contract_kind: String,
    pub start_date: String,
    pub end_date: String,
    pub monthly_wage_idr: i64,
    /// `upcoming`, `active`, `ended` or `ended_early`.
    pub status: String,
}

#[derive(Serialize, ToSchema)]
pub struct ContractPage {
    pub items: Vec<Contract>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// The body of a look-up by NIK (POST, so the NIK is never in an address or a log line).
#[derive(Deserialize, ToSchema)]
pub struct WorkerQuery {
    /// 16 digits.
    pub nik: String,
    /// Why the partner asks (UU 27/2022), 3-200 characters; kept in the audit log.
    pub purpose: String,
    pub cursor: Option<String>,
    pub limit: Option<i64>,
}

/// The body of a company look-up: exactly one of `nib` and `npwp`, and the purpose. A POST body, so an
/// NPWP (an individual's is their NIK) is never in an address or a log line; it is never audited in clear.
/// The answer carries the NPWP and the address (personal data for a sole proprietor), so a purpose is
/// required as for the other personal-data calls.
#[derive(Deserialize, ToSchema)]
pub struct CompanyQuery {
    /// 13 digits.
    pub nib: Option<String>,
    /// 15 or 16 digits (dots and dashes allowed).
    pub npwp: Option<String>,
    /// Why the partner asks (UU 27/2022), 3-200 characters; kept in the audit log.
    pub purpose: String,
}

/// Company data for the tax office: identity, verification state, workforce size.
#[derive(Serialize, ToSchema)]
pub struct Company {
    pub name: String,
    pub nib: String,
    /// 15 or 16 digits; a sole proprietor's NPWP is their NIK, hence the required purpose.
    pub npwp: String,
    pub kbli_section: String,
    pub district_code: Option<String>,
    pub address: String,
    /// `mikro`, `kecil`, `menengah` or `besar`.
    pub size_band: String,
    pub verified: bool,
    /// From the latest submitted manpower report, when there is one.
    pub workforce: Option<i64>,
}

/// A published vacancy, with schema.org JobPosting-like names.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct JobPosting {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub hiring_organization: String,
    pub hiring_organization_nib: String,
    /// KBJI 2014 occupation group code.
    pub occupational_category: Option<String>,
    /// KBLI 2020 section.
    pub industry: String,
    pub education_requirements: String,
    pub employment_type: String,
    pub job_location_district: String,
    pub base_salary_min_idr: i64,
    pub base_salary_max_idr: i64,
    pub total_job_openings: i64,
    /// YYYY-MM-DD
    pub date_posted: Option<String>,
    /// YYYY-MM-DD
    pub valid_through: String,
    pub url: String,
}

#[derive(Serialize, ToSchema)]
pub struct JobPostingPage {
    pub items: Vec<JobPosting>,
    pub next_cursor: Option<String>,
}

/// A published job fair, with schema.org Event-like names.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct JobFair {
    pub id: i64,
    pub name: String,
    pub description: String,
    /// `online`, `onsite` or `hybrid`.
    pub event_attendance_mode: String,
    pub location: String,
    pub start_date: String,
    pub end_date: String,
    pub maximum_attendee_capacity: i64,
    /// `published` or `closed`.
    pub event_status: String,
    pub url: String,
}

#[derive(Serialize, ToSchema)]
pub struct JobFairPage {
    pub items: Vec<JobFair>,
    pub next_cursor: Option<String>,
}

/// One published cell of an open-statistics table; `value` is null where it counts 1 to 4 people.
#[derive(Serialize, ToSchema)]
pub struct StatisticsCell {
    pub dataset: String,
    /// YYYY-MM
    pub month: String,
    pub district_code: String,
    pub dimension: String,
    pub category: String,
    pub value: Option<i64>,
    pub unit: String,
}

/// The open statistics of `/statistik`: the dataset names, and a page of one dataset's cells when asked.
#[derive(Serialize, ToSchema)]
pub struct Statistics {
    pub source: String,
    pub licence: String,
    pub datasets: Vec<String>,
    pub dataset: Option<String>,
    pub cells: Vec<StatisticsCell>,
    pub next_cursor: Option<String>,
}

/// "Is this NIK's contract registered with this company?"
#[derive(Deserialize, ToSchema)]
pub struct ContractCheck {
    pub nik: String,
    /// 13 digits.
    pub nib: String,
    pub purpose: String,
}

/// "Does this NIK hold a valid AK-1?"
#[derive(Deserialize, ToSchema)]
pub struct Ak1Check {
    pub nik: String,
    pub purpose: String,
}

/// A yes/no answer and a reference to the evidence, never the record.
#[derive(Serialize, ToSchema)]
pub struct CheckAnswer {
    pub answer: bool,
    /// A document number a person can verify on the portal, when the answer is yes.
    pub evidence: Option<String>,
}
