//! Bulk PKWT registration from a CSV or XLSX file: every row is checked like a single contract (against the
//! company's earlier contracts and the other rows), the company sees a per-row report, and nothing is
//! registered until it confirms the valid rows.
use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::{
    core::{
        calendar::{self, parse_date},
        error::AppError,
    },
    features::{
        pkwt::{
            model::{
                IMPORT_COLUMNS as COLUMNS, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, ImportOutcome,
                ImportPreview, ImportRow, SERVICE_WORKING_DAYS, mask_worker_id,
            },
            rules::{ContractForm, Period},
            service::{NewContract, RuleData, insert_contract},
        },
        vacancies::service::company_of,
    },
    server::{audit, authz::RequestCtx, error::internal},
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

/// Reads a CSV (comma or semicolon separated, as Indonesian Excel saves it) or an XLSX file into rows of
/// text, the header first.
pub fn read_table(file_name: &str, bytes: &[u8]) -> Result<Vec<Vec<String>>, AppError> {
    let unreadable = || AppError::field("file", "err_import_unreadable");
    if bytes.is_empty() {
        return Err(AppError::field("file", "err_file_empty"));
    }
    if bytes.len() > IMPORT_MAX_BYTES {
        return Err(AppError::field("file", "err_file_too_large"));
    }
    // An XLSX file is a ZIP archive, whatever it is called.
    if bytes.starts_with(b"PK\x03\x04") {
        return read_xlsx(bytes).map_err(|_| unreadable());
    }
    if file_name.to_ascii_lowercase().ends_with(".xls")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
    {
        return Err(AppError::field("file", "err_import_old_excel"));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| unreadable())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|_| unreadable())?;
        rows.push(record.iter().map(|v| v.trim().to_owned()).collect());
        if rows.len() > IMPORT_MAX_ROWS + 1 {
            return Err(AppError::field("file", "err_import_too_many"));
        }
    }
    Ok(rows)
}

fn read_xlsx(bytes: &[u8]) -> Result<Vec<Vec<String>>, calamine::XlsxError> {
    use calamine::{Data, Reader, Xlsx};
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or(calamine::XlsxError::WorksheetNotFound(String::new()))??;
    Ok(range
        .rows()
        .take(IMPORT_MAX_ROWS + 2)
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::Empty => String::new(),
                    Data::String(s) => s.trim().to_owned(),
                    Data::Int(i) => i.to_string(),
                    Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e16 => {
                        format!("{}", *f as i64)
                    }
                    Data::Float(f) => f.to_string(),
                    Data::Bool(b) => if *b { "ya" } else { "tidak" }.to_owned(),
                    Data::DateTime(d) => excel_serial_date(d.as_f64()),
                    Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_owned(),
                    Data::DurationIso(s) => s.clone(),
                    Data::Error(_) => String::new(),
                })
                .collect()
        })
        .collect())
}

/// Excel's day number (1900 system: day 0 is 1899-12-30 once its 1900 leap-year bug is accounted for).
fn excel_serial_date(serial: f64) -> String {
    let base = time::macros::date!(1899 - 12 - 30);
    base.checked_add(time::Duration::days(serial.floor() as i64))
        .map(calendar::format_date)
        .unwrap_or_default()
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
fn normalize_date(value: &str) -> String {
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
                .to_owned()
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
                .to_owned()
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
                .to_owned()
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

/// A row that passed, as kept until the company confirms.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct StagedRow {
    line: usize,
    form: ContractForm,
}

/// The company's registrations that bind workers, by worker: (periods, start dates), and its registration
/// numbers (for extensions).
struct CompanyBook {
    periods: HashMap<String, Vec<Period>>,
    starts: HashSet<(String, String)>,
    numbers: HashMap<String, (i64, String)>,
}

async fn company_book(
    executor: impl sqlx::Executor<'_, Database = sqlx::Any>,
    company_id: i64,
) -> Result<CompanyBook, sqlx::Error> {
    // id, worker hash, start, end, early end, registration number.
    #[allow(clippy::type_complexity)]
    let rows: Vec<(i64, String, String, String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT id, worker_id_hash, start_date, end_date, ended_on, registration_number FROM pkwt_contracts \
         WHERE company_id = $1 AND status <> 'rejected'",
    )
    .bind(company_id)
    .fetch_all(executor)
    .await?;
    let mut book = CompanyBook {
        periods: HashMap::new(),
        starts: HashSet::new(),
        numbers: HashMap::new(),
    };
    for (id, hash, start, end, ended_on, number) in rows {
        let end = ended_on.unwrap_or(end);
        if let (Some(s), Some(e)) = (parse_date(&start), parse_date(&end)) {
            book.periods
                .entry(hash.clone())
                .or_default()
                .push(Period { start: s, end: e });
        }
        book.starts.insert((hash.clone(), start));
        if let Some(number) = number {
            book.numbers.insert(number, (id, hash));
        }
    }
    Ok(book)
}

/// What the check found for one row.
struct RowCheck {
    errors: Vec<(String, String)>,
    late: bool,
    /// For a valid row: the worker id's keyed hash and the contract it extends or renews.
    valid: Option<(String, Option<i64>)>,
}

/// Checks every row as a single registration would be checked, counting earlier rows of the same file.
fn check_rows(
    ctx: &RequestCtx,
    rules: &RuleData,
    book: &mut CompanyBook,
    rows: &[(usize, ContractForm)],
    today: time::Date,
) -> Vec<RowCheck> {
    let mut out = Vec::with_capacity(rows.len());
    for (_, form) in rows {
        let hash = ctx.state.pii.blind_index(&form.normalized_worker_id());
        let earlier = book.periods.get(&hash).cloned().unwrap_or_default();
        let mut errors: Vec<(String, String)> = Vec::new();
        let mut late = false;
        match form.check(&rules.context(today, &earlier)) {
            Ok(review) => late = review.late,
            Err(found) => errors.extend(found.0),
        }
        let start = form.start_date.trim().to_owned();
        if errors.is_empty() && book.starts.contains(&(hash.clone(), start.clone())) {
            errors.push(("start_date".into(), "err_contract_exists".into()));
        }
        let previous = if form.link_kind.trim() == "new" {
            None
        } else {
            match book.numbers.get(form.previous_number.trim()) {
                Some((id, owner)) if *owner == hash => Some(*id),
                _ => {
                    errors.push(("previous_number".into(), "err_previous_unknown".into()));
                    None
                }
            }
        };
        if errors.is_empty() {
            // Later rows for the same worker count this one, as they would once it is registered.
            if let Some(period) = form.period() {
                book.periods.entry(hash.clone()).or_default().push(period);
            }
            book.starts.insert((hash.clone(), start));
            out.push(RowCheck {
                errors,
                late,
                valid: Some((hash, previous)),
            });
        } else {
            out.push(RowCheck {
                errors,
                late,
                valid: None,
            });
        }
    }
    out
}

/// Reads and checks a file; keeps the valid rows for confirmation; registers nothing.
pub async fn preview(
    ctx: &RequestCtx,
    file_name: &str,
    bytes: &[u8],
) -> Result<ImportPreview, AppError> {
    let (account_id, company_id) = company_of(ctx)?;
    let db = &ctx.state.db;
    let rows = parse_rows(read_table(file_name, bytes)?)?;
    let today = calendar::wib_date(ctx.now_ms());
    let rules = RuleData::load(db).await?;
    let mut book = company_book(&db.pool, company_id).await?;
    let checked = check_rows(ctx, &rules, &mut book, &rows, today);
    let mut report = Vec::new();
    let mut sample = Vec::new();
    let mut staged = Vec::new();
    for ((line, form), check) in rows.into_iter().zip(checked) {
        let RowCheck {
            errors,
            late,
            valid: ok,
        } = check;
        let row = ImportRow {
            line,
            worker_name: form.worker_name.trim().chars().take(100).collect(),
            worker_id_masked: mask_worker_id(&form.normalized_worker_id()),
            start_date: form.start_date.chars().take(20).collect(),
            end_date: form.end_date.chars().take(20).collect(),
            late,
            errors,
        };
        if ok.is_some() {
            if sample.len() < 20 {
                sample.push(row);
            }
            staged.push(StagedRow { line, form });
        } else {
            report.push(row);
        }
    }
    let (valid_rows, invalid_rows) = (staged.len(), report.len());
    let rows_json = serde_json::to_string(&staged).map_err(internal)?;
    let file_name: String = file_name.chars().take(200).collect();
    let mut tx = db.begin_write().await?;
    let (import_id,): (i64,) = sqlx::query_as(
        "INSERT INTO pkwt_imports (company_id, created_by, created_at_ms, file_name, rows_json, valid_rows, invalid_rows) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(company_id)
    .bind(account_id)
    .bind(ctx.now_ms())
    .bind(&file_name)
    .bind(rows_json)
    .bind(valid_rows as i64)
    .bind(invalid_rows as i64)
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "pkwt.import_check",
            "pkwt_import",
            Some(import_id.to_string()),
        ),
    )
    .await?;
    tx.commit().await?;
    report.extend(sample);
    Ok(ImportPreview {
        import_id,
        file_name,
        valid_rows,
        invalid_rows,
        rows: report,
    })
}

/// Registers the valid rows of a checked file, all in one transaction, each checked again.
pub async fn confirm(ctx: &RequestCtx, import_id: i64) -> Result<ImportOutcome, AppError> {
    let (account_id, company_id) = company_of(ctx)?;
    let db = &ctx.state.db;
    let now = ctx.now_ms();
    let today = calendar::wib_date(now);
    let rules = RuleData::load(db).await?;
    let mut tx = db.begin_write().await?;
    // Claiming the import first makes a double click (or a second instance) find nothing left to confirm.
    let claimed = sqlx::query(
        "UPDATE pkwt_imports SET confirmed_at_ms = $1 WHERE id = $2 AND company_id = $3 AND confirmed_at_ms IS NULL \
         AND created_at_ms > $4",
    )
    .bind(now)
    .bind(import_id)
    .bind(company_id)
    .bind(now - 24 * 3_600_000)
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() == 0 {
        return Err(AppError::Conflict("err_import_gone".into()));
    }
    let (rows_json,): (String,) =
        sqlx::query_as("SELECT rows_json FROM pkwt_imports WHERE id = $1")
            .bind(import_id)
            .fetch_one(&mut *tx)
            .await?;
    let staged: Vec<StagedRow> = serde_json::from_str(&rows_json).map_err(internal)?;
    let rows: Vec<(usize, ContractForm)> = staged.into_iter().map(|r| (r.line, r.form)).collect();
    let mut book = company_book(&mut *tx, company_id).await?;
    let checked = check_rows(ctx, &rules, &mut book, &rows, today);
    let due = rules.holidays.service_deadline(now, SERVICE_WORKING_DAYS);
    let mut outcome = ImportOutcome::default();
    for ((_, form), check) in rows.iter().zip(checked) {
        let late = check.late;
        let Some((hash, previous_id)) = check.valid else {
            outcome.skipped += 1;
            continue;
        };
        let review = crate::features::pkwt::rules::ContractReview {
            late,
            months_before: 0,
            months_total: 0,
        };
        let ciphertext = ctx
            .state
            .pii
            .encrypt(&form.normalized_worker_id())
            .map_err(|_| internal("worker id encryption failed"))?;
        insert_contract(
            &mut tx,
            &NewContract {
                company_id,
                form,
                review: &review,
                worker_id_ciphertext: ciphertext,
                worker_id_hash: hash,
                previous_id,
                document_key: None,
                import_id: Some(import_id),
                submitted_by: account_id,
                now_ms: now,
                due_at_ms: due,
            },
        )
        .await?;
        outcome.registered += 1;
    }
    let detail = format!(
        "{} registered, {} skipped",
        outcome.registered, outcome.skipped
    );
    audit::record(
        &mut *tx,
        ctx.audit(
            "pkwt.import_confirm",
            "pkwt_import",
            Some(import_id.to_string()),
        )
        .detail(&detail),
    )
    .await?;
    tx.commit().await?;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Vec<Vec<String>> {
        read_table("pkwt.csv", text.as_bytes()).expect("readable")
    }

    #[test]
    fn the_template_reads_back_as_one_valid_looking_row() {
        let rows =
            parse_rows(read_table("templat.csv", &template_csv()).expect("csv")).expect("columns");
        assert_eq!(rows.len(), 1);
        let (line, form) = &rows[0];
        assert_eq!(*line, 2);
        assert_eq!(form.worker_sex, "female");
        assert_eq!(form.contract_kind, "period");
        assert_eq!(form.link_kind, "new");
        assert!(form.with_allowances() && !form.is_foreign());
        assert_eq!(form.worker_address, "Jl. Raya Serang Km 12, Cikupa");
    }

    #[test]
    fn semicolons_day_first_dates_and_missing_optional_columns() {
        let rows = parse_rows(table(
            "NIK atau paspor;Nama pekerja;Jenis kelamin;Tanggal lahir;Alamat;Jabatan;Tempat kerja;Upah;Jenis PKWT;\
             Tanggal mulai;Tanggal berakhir;Tempat tanda tangan;Tanggal tanda tangan\n\
             3603015508950001;Siti;L;15/08/1995;Jl. A;Operator;Cikupa;5300000;harian;4-1-2027;3-7-2027;Tangerang;2.1.2027\n\
             ;;;;;;;;;;;;\n",
        ))
        .expect("columns");
        assert_eq!(rows.len(), 1, "blank lines are skipped");
        let form = &rows[0].1;
        assert_eq!(form.worker_birth_date, "1995-08-15");
        assert_eq!(form.start_date, "2027-01-04");
        assert_eq!(form.signed_date, "2027-01-02");
        assert_eq!(form.worker_sex, "male");
        assert_eq!(form.contract_kind, "daily");
    }

    #[test]
    fn wrong_columns_and_broken_files_are_refused_with_a_reason() {
        let error = parse_rows(table("nama,upah\nSiti,5000000\n")).unwrap_err();
        let AppError::Validation(errors) = error else {
            panic!("validation")
        };
        let message = errors.get("file").unwrap_or_default();
        assert!(
            message.starts_with("err_import_columns|missing=nik_atau_paspor"),
            "{message}"
        );
        let only_header = parse_rows(table(&COLUMNS.map(|(h, _)| h).join(","))).unwrap_err();
        assert_eq!(only_header, AppError::field("file", "err_import_empty"));
        assert_eq!(
            read_table("x.csv", &[0xFF, 0xFE, 0x00, 0x41]).unwrap_err(),
            AppError::field("file", "err_import_unreadable")
        );
        assert_eq!(
            read_table("x.xlsx", b"PK\x03\x04 not really a zip").unwrap_err(),
            AppError::field("file", "err_import_unreadable")
        );
        assert_eq!(
            read_table("x.xls", &[0xD0, 0xCF, 0x11, 0xE0, 1, 2]).unwrap_err(),
            AppError::field("file", "err_import_old_excel")
        );
        assert_eq!(
            read_table("x.csv", b"").unwrap_err(),
            AppError::field("file", "err_file_empty")
        );
    }

    #[test]
    fn excel_day_numbers_become_dates() {
        assert_eq!(excel_serial_date(46_026.0), "2026-01-04");
        assert_eq!(excel_serial_date(1.0), "1899-12-31");
    }
}
