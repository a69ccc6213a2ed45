//! The rows of a bulk file as contract forms: the template, the header's column names, and the template's
//! Indonesian values (dates as people type them, "ya"/"tidak", "L"/"P") mapped to the form's.
use crate::{
    core::{calendar::parse_date, error::AppError},
    features::pkwt::{
        model::{IMPORT_COLUMNS as COLUMNS, IMPORT_MAX_ROWS},
        rules::ContractForm,
    },
};

/// Columns a file may leave out (empty means "no", "new", or not applicable).
const OPTIONAL: [&str; 5] = [
    "tka",
    "upah_pokok_dan_tunjangan_tetap",
    "hari_kerja_per_bulan",
    "hubungan",
    "nomor_pkwt_sebelumnya",
];

/// The downloadable template: the header and one example row, with a byte-order mark so Excel reads UTF-8.
pub fn template_csv() -> Vec<u8> {
    let header: Vec<&str> = COLUMNS.iter().map(|(h, _)| *h).collect();
    let example = [
        "3603015508950001",
        "Siti Aminah",
        "P",
        "1995-08-15",
        "Jl. Raya Serang Km 12, Cikupa",
        "tidak",
        "Operator produksi",
        "Pabrik Cikupa",
        "5.300.000",
        "ya",
        "jangka waktu",
        "",
        "2027-01-04",
        "2027-07-03",
        "Tangerang",
        "2027-01-02",
        "baru",
        "",
    ];
    let mut out = b"\xEF\xBB\xBF".to_vec();
    out.extend_from_slice(header.join(",").as_bytes());
    out.extend_from_slice(b"\r\n");
    let quoted: Vec<String> = example
        .iter()
        .map(|v| {
            if v.contains(',') {
                format!("\"{v}\"")
            } else {
                (*v).to_owned()
            }
        })
        .collect();
    out.extend_from_slice(quoted.join(",").as_bytes());
    out.extend_from_slice(b"\r\n");
    out
}

/// A header cell as a column name: lower case, spaces and dashes as underscores.
fn column_name(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace([' ', '-'], "_")
}

/// Dates as people type them: 2026-01-05, 05-01-2026, 05/01/2026 (day first, as in Indonesia).
pub(super) fn normalize_date(value: &str) -> String {
    let v = value.trim();
    if parse_date(v).is_some() {
        return v.to_owned();
    }
    let parts: Vec<&str> = v.split(['/', '-', '.']).collect();
    if let [d, m, y] = parts.as_slice()
        && y.len() == 4
        && d.len() <= 2
        && m.len() <= 2
    {
        let text = format!("{y}-{m:0>2}-{d:0>2}");
        if parse_date(&text).is_some() {
            return text;
        }
    }
    v.to_owned()
}

fn yes(value: &str) -> Option<String> {
    matches!(
        value.trim().to_lowercase().as_str(),
        "ya" | "y" | "yes" | "1" | "true" | "benar"
    )
    .then(|| "on".to_owned())
}

/// One row of text as a contract form, the template's Indonesian values mapped to the form's.
fn row_form(columns: &[Option<&'static str>], row: &[String]) -> ContractForm {
    let mut form = ContractForm::default();
    for (field, value) in columns.iter().zip(row) {
        let Some(field) = field else { continue };
        let value = value.trim();
        let lower = value.to_lowercase();
        match *field {
            "worker_id" => form.worker_id = value.to_owned(),
            "worker_name" => form.worker_name = value.to_owned(),
            "worker_sex" => {
                form.worker_sex = match lower.as_str() {
                    "l" | "laki-laki" | "laki laki" | "pria" | "male" | "m" => "male",
                    "p" | "perempuan" | "wanita" | "female" | "f" => "female",
                    _ => value,
                }
                .to_owned();
            }
            "worker_birth_date" => form.worker_birth_date = normalize_date(value),
            "worker_address" => form.worker_address = value.to_owned(),
            "foreign_worker" => form.foreign_worker = yes(value),
            "position" => form.position = value.to_owned(),
            "workplace" => form.workplace = value.to_owned(),
            "wage" => form.wage = value.to_owned(),
            "wage_with_allowances" => form.wage_with_allowances = yes(value),
            "contract_kind" => {
                form.contract_kind = match lower.replace('_', " ").as_str() {
                    "jangka waktu" | "waktu tertentu" | "period" => "period",
                    "harian" | "pekerjaan harian" | "daily" => "daily",
                    _ => value,
                }
                .to_owned();
            }
            "days_per_month" => form.days_per_month = value.to_owned(),
            "start_date" => form.start_date = normalize_date(value),
            "end_date" => form.end_date = normalize_date(value),
            "signed_place" => form.signed_place = value.to_owned(),
            "signed_date" => form.signed_date = normalize_date(value),
            "link_kind" => {
                form.link_kind = match lower.as_str() {
                    "" | "baru" | "new" => "new",
                    "perpanjangan" | "extension" => "extension",
                    "pembaruan" | "renewal" => "renewal",
                    _ => value,
                }
                .to_owned();
            }
            "previous_number" => form.previous_number = value.to_owned(),
            _ => {}
        }
    }
    if form.link_kind.is_empty() {
        form.link_kind = "new".into();
    }
    form
}

/// The file's rows as forms with their line numbers; the header must name every required column.
pub fn parse_rows(table: Vec<Vec<String>>) -> Result<Vec<(usize, ContractForm)>, AppError> {
    let mut rows = table.into_iter();
    let header = rows
        .next()
        .ok_or_else(|| AppError::field("file", "err_import_empty"))?;
    let names: Vec<String> = header.iter().map(|h| column_name(h)).collect();
    let missing: Vec<&str> = COLUMNS
        .iter()
        .map(|(h, _)| *h)
        .filter(|h| !OPTIONAL.contains(h) && !names.iter().any(|n| n == h))
        .collect();
    if !missing.is_empty() {
        return Err(AppError::field(
            "file",
            &crate::core::i18n::with_values(
                "err_import_columns",
                &[("missing", &missing.join(", "))],
            ),
        ));
    }
    let columns: Vec<Option<&'static str>> = names
        .iter()
        .map(|n| COLUMNS.iter().find(|(h, _)| h == n).map(|(_, f)| *f))
        .collect();
    let forms: Vec<(usize, ContractForm)> = rows
        .enumerate()
        .filter(|(_, row)| row.iter().any(|v| !v.trim().is_empty()))
        .map(|(i, row)| (i + 2, row_form(&columns, &row)))
        .collect();
    if forms.is_empty() {
        return Err(AppError::field("file", "err_import_empty"));
    }
    if forms.len() > IMPORT_MAX_ROWS {
        return Err(AppError::field("file", "err_import_too_many"));
    }
    Ok(forms)
}
