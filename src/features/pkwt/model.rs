//! What the PKWT pages show, shared by the server functions and the pages.
use serde::{Deserialize, Serialize};

use crate::{core::money::Rupiah, features::pkwt::rules::Compensation};

/// A registered contract's status (`pkwt_contracts.status`), mapped to its text here only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContractStatus {
    Waiting,
    Approved,
    Rejected,
    Revision,
}

impl ContractStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ContractStatus::Waiting => "waiting",
            ContractStatus::Approved => "approved",
            ContractStatus::Rejected => "rejected",
            ContractStatus::Revision => "revision",
        }
    }

    pub fn parse(s: &str) -> Option<ContractStatus> {
        [
            ContractStatus::Waiting,
            ContractStatus::Approved,
            ContractStatus::Rejected,
            ContractStatus::Revision,
        ]
        .into_iter()
        .find(|status| status.as_str() == s)
    }
}

/// Officers decide a waiting contract within one working day.
pub const SERVICE_WORKING_DAYS: u32 = 1;
pub const QUEUE_PAGE_SIZE: i64 = 50;
/// A bulk file holds at most this many rows.
pub const IMPORT_MAX_ROWS: usize = 10_000;
/// The largest bulk file accepted (CSV or XLSX) and the largest signed contract (PDF).
pub const IMPORT_MAX_BYTES: usize = 8 * 1024 * 1024;
pub const DOCUMENT_MAX_BYTES: usize = 5 * 1024 * 1024;

/// The bulk template's columns, in order: (header, the form field it fills).
pub const IMPORT_COLUMNS: [(&str, &str); 18] = [
    ("nik_atau_paspor", "worker_id"),
    ("nama_pekerja", "worker_name"),
    ("jenis_kelamin", "worker_sex"),
    ("tanggal_lahir", "worker_birth_date"),
    ("alamat", "worker_address"),
    ("tka", "foreign_worker"),
    ("jabatan", "position"),
    ("tempat_kerja", "workplace"),
    ("upah", "wage"),
    ("upah_pokok_dan_tunjangan_tetap", "wage_with_allowances"),
    ("jenis_pkwt", "contract_kind"),
    ("hari_kerja_per_bulan", "days_per_month"),
    ("tanggal_mulai", "start_date"),
    ("tanggal_berakhir", "end_date"),
    ("tempat_tanda_tangan", "signed_place"),
    ("tanggal_tanda_tangan", "signed_date"),
    ("hubungan", "link_kind"),
    ("nomor_pkwt_sebelumnya", "previous_number"),
];

/// What the contract form needs: the UMK by year and the holidays (so the browser runs the same checks),
/// and, for a contract sent back for revision, its values.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PkwtFormContext {
    pub minimum_wages: Vec<(i32, i64)>,
    pub holidays: Vec<String>,
}

/// One registered contract as its company sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompanyContract {
    pub id: i64,
    pub worker_name: String,
    pub worker_id_masked: String,
    pub position: String,
    pub start_date: String,
    pub end_date: String,
    pub wage: Rupiah,
    pub contract_kind: String,
    pub link_kind: String,
    /// "waiting", "approved", "rejected", "revision".
    pub status: String,
    pub late: bool,
    pub registration_number: Option<String>,
    /// The code of the public verification page (approved contracts).
    pub verification_code: Option<String>,
    pub officer_note: Option<String>,
    pub ended_early: bool,
    pub has_document: bool,
    pub compensation: Compensation,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CompanyContracts {
    pub contracts: Vec<CompanyContract>,
    pub company_verified: bool,
}

/// A contract waiting for an officer, with the one-working-day clock.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueContract {
    pub id: i64,
    pub company_name: String,
    pub worker_name: String,
    pub worker_id_masked: String,
    pub foreign_worker: bool,
    pub position: String,
    pub workplace: String,
    pub start_date: String,
    pub end_date: String,
    pub wage: Rupiah,
    pub contract_kind: String,
    pub days_per_month: Option<i64>,
    pub link_kind: String,
    pub signed_date: String,
    pub late: bool,
    pub has_document: bool,
    pub submitted_at_ms: i64,
    pub due_at_ms: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PkwtQueue {
    pub total_waiting: i64,
    pub overdue: i64,
    pub items: Vec<QueueContract>,
}

/// A contract as the worker sees it (their own NIK).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkerContract {
    pub company_name: String,
    pub position: String,
    pub workplace: String,
    pub start_date: String,
    pub end_date: String,
    pub wage: Rupiah,
    pub registration_number: String,
    /// Days until the end (negative once ended).
    pub days_left: i64,
    pub ended_early: bool,
    pub compensation: Compensation,
}

/// What the public verification page shows of an approved contract (masked).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PkwtVerification {
    pub registration_number: String,
    pub company_name: String,
    pub worker_name_masked: String,
    pub position: String,
    pub start_date: String,
    pub end_date: String,
    pub registered_on: String,
    /// "active" or "ended".
    pub state: String,
}

/// One row of a checked bulk file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportRow {
    /// The line in the file (the header is line 1).
    pub line: usize,
    pub worker_name: String,
    pub worker_id_masked: String,
    pub start_date: String,
    pub end_date: String,
    pub late: bool,
    /// (column, message key) for each problem; empty when the row can be registered.
    pub errors: Vec<(String, String)>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub import_id: i64,
    pub file_name: String,
    pub valid_rows: usize,
    pub invalid_rows: usize,
    /// The rows with problems first, then a sample of the valid ones.
    pub rows: Vec<ImportRow>,
}

/// What a confirmation registered, and the rows that no longer pass (the data changed since the check).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportOutcome {
    pub registered: usize,
    pub skipped: usize,
}

/// Masks a name for public pages: "Siti Aminah" → "S*** A*****".
pub fn mask_name(name: &str) -> String {
    name.split_whitespace()
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                std::iter::once(first)
                    .chain(chars.map(|_| '*'))
                    .collect::<String>()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A worker id as the company and officers see it in lists: a NIK as `3603********0001`, a passport with
/// its last three characters.
pub fn mask_worker_id(id: &str) -> String {
    if id.len() == 16 && id.bytes().all(|b| b.is_ascii_digit()) {
        crate::features::accounts::model::mask_nik(id)
    } else {
        let keep = id.len().saturating_sub(3);
        format!("{}{}", "*".repeat(keep), id.get(keep..).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_ids_are_masked() {
        assert_eq!(mask_name("Siti  Aminah"), "S*** A*****");
        assert_eq!(mask_worker_id("3603015508950001"), "3603********0001");
        assert_eq!(mask_worker_id("X1234567"), "*****567");
    }
}
