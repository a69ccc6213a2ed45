use serde::{Deserialize, Serialize};

use crate::core::role::Role;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: i64,
    pub full_name: String,
    pub email: String,
    pub role: Role,
    pub company_name: Option<String>,
    pub disabled: bool,
    pub created_at_ms: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Prefix of the action, e.g. `account.` or `company.verify`.
    pub action: Option<String>,
    pub actor_account_id: Option<i64>,
    pub subject_account_id: Option<i64>,
    /// `YYYY-MM-DD` (WIB), inclusive.
    pub from: Option<String>,
    pub to: Option<String>,
    pub page: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AuditEntry {
    pub id: i64,
    pub at_ms: i64,
    pub actor_name: Option<String>,
    pub actor_role: Option<String>,
    pub action: String,
    pub subject_type: String,
    pub subject_id: Option<String>,
    pub subject_account_id: Option<i64>,
    pub ip: Option<String>,
    pub request_id: Option<String>,
}

/// An open correction request as the officer handles it: what is recorded now, what is asked for (a NIK in
/// full: officers check it against the KTP), and by when it must be handled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CorrectionRequest {
    pub id: i64,
    pub account_id: i64,
    pub account_name: String,
    pub field: String,
    /// `None` when the account has no such data (a seeker field on a staff account).
    pub current_value: Option<String>,
    pub requested_value: String,
    pub reason: String,
    pub created_at_ms: i64,
    /// 3×24 hours after filing (UU 27/2022 Pasal 30).
    pub due_at_ms: i64,
    pub overdue: bool,
}

pub const AUDIT_PAGE_SIZE: i64 = 50;

/// A minimum wage (UMK) of Kabupaten Tangerang as the admin sees and edits it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MinimumWageRow {
    pub year: i64,
    pub amount: crate::core::money::Rupiah,
    pub legal_basis: String,
}

/// One run of a daily job.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct JobRun {
    pub job: String,
    pub run_on: String,
    pub instance: String,
    pub started_at_ms: i64,
    pub finished_at_ms: Option<i64>,
    pub outcome: Option<String>,
    pub detail: Option<String>,
}
