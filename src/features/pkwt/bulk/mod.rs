//! Bulk PKWT registration from a CSV or XLSX file: every row is checked like a single contract (against the
//! company's earlier contracts and the other rows), the company sees a per-row report, and nothing is
//! registered until it confirms the valid rows.
//!
//! The valid rows wait in `pkwt_imports` for the confirmation, encrypted like every NIK at rest (they hold
//! the workers' NIKs or passport numbers, names and addresses); the file is deleted when confirmed, and
//! an unconfirmed one after a day.
mod parse;
mod read;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

pub use self::{
    parse::{parse_rows, template_csv},
    read::read_table,
};
use crate::{
    core::{
        calendar::{self, parse_date},
        error::AppError,
    },
    features::pkwt::{
        model::{ImportOutcome, ImportPreview, ImportRow, SERVICE_WORKING_DAYS, mask_worker_id},
        repo::{self, NewContract, RuleData},
        rules::{ContractForm, Period},
    },
    server::{audit, authz::RequestCtx, error::internal},
};

/// A checked file can be confirmed for a day; the daily job deletes it after that.
const IMPORT_LIFETIME_MS: i64 = 24 * 3_600_000;

/// A row that passed, as kept until the company confirms.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct StagedRow {
    line: usize,
    form: ContractForm,
}

/// The staged rows as stored: one encrypted value.
fn seal(ctx: &RequestCtx, staged: &[StagedRow]) -> Result<String, AppError> {
    let json = serde_json::to_string(staged).map_err(internal)?;
    ctx.state
        .pii
        .encrypt(&json)
        .map_err(|_| internal("import rows encryption failed"))
}

fn unseal(ctx: &RequestCtx, stored: &str) -> Result<Vec<StagedRow>, AppError> {
    let json = ctx
        .state
        .pii
        .decrypt(stored)
        .map_err(|_| internal("import rows decryption failed"))?;
    serde_json::from_str(&json).map_err(internal)
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
    let rows = repo::company_book_rows(executor, company_id).await?;
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

/// The report rows: every failing row and a sample of 20 passing ones; and the passing rows to keep.
fn sort_rows(
    rows: Vec<(usize, ContractForm)>,
    checked: Vec<RowCheck>,
) -> (Vec<ImportRow>, Vec<ImportRow>, Vec<StagedRow>) {
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
    (report, sample, staged)
}

/// Reads and checks a file; keeps the valid rows for confirmation; registers nothing.
pub async fn preview(
    ctx: &RequestCtx,
    file_name: &str,
    bytes: &[u8],
) -> Result<ImportPreview, AppError> {
    let company = ctx.require_company()?;
    let (account_id, company_id) = (company.account_id, company.company_id);
    let db = &ctx.state.db;
    let rows = parse_rows(read_table(file_name, bytes)?)?;
    let today = calendar::wib_date(ctx.now_ms());
    let rules = RuleData::load(db).await?;
    let mut book = company_book(&db.pool, company_id).await?;
    let checked = check_rows(ctx, &rules, &mut book, &rows, today);
    let (mut report, sample, staged) = sort_rows(rows, checked);
    let (valid_rows, invalid_rows) = (staged.len(), report.len());
    let rows_sealed = seal(ctx, &staged)?;
    let file_name: String = file_name.chars().take(200).collect();
    let mut tx = db.begin_write().await?;
    // This company's files past confirmation go now, not only with the daily job.
    repo::delete_expired_imports(&mut tx, company_id, ctx.now_ms() - IMPORT_LIFETIME_MS).await?;
    let import_id = repo::insert_import(
        &mut tx,
        company_id,
        account_id,
        ctx.now_ms(),
        &file_name,
        rows_sealed,
        valid_rows,
        invalid_rows,
    )
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

/// Who registers a confirmed file's rows, and when.
struct Batch {
    company_id: i64,
    account_id: i64,
    import_id: i64,
    now_ms: i64,
    due_at_ms: i64,
}

/// Registers one row that passed the second check.
async fn insert_row(
    ctx: &RequestCtx,
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    batch: &Batch,
    form: &ContractForm,
    late: bool,
    hash: String,
    previous_id: Option<i64>,
) -> Result<(), AppError> {
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
    repo::insert_contract(
        tx,
        &NewContract {
            company_id: batch.company_id,
            form,
            review: &review,
            worker_id_ciphertext: ciphertext,
            worker_id_hash: hash,
            previous_id,
            document_key: None,
            import_id: Some(batch.import_id),
            submitted_by: batch.account_id,
            now_ms: batch.now_ms,
            due_at_ms: batch.due_at_ms,
        },
    )
    .await?;
    Ok(())
}

/// Registers the valid rows of a checked file, all in one transaction, each checked again.
pub async fn confirm(ctx: &RequestCtx, import_id: i64) -> Result<ImportOutcome, AppError> {
    let company = ctx.require_company()?;
    let (account_id, company_id) = (company.account_id, company.company_id);
    let db = &ctx.state.db;
    let now = ctx.now_ms();
    let today = calendar::wib_date(now);
    let rules = RuleData::load(db).await?;
    let mut tx = db.begin_write().await?;
    // Taking the file out first makes a double click (or a second instance) find nothing left to confirm,
    // and leaves no copy of the rows behind once they are registered.
    let taken = repo::take_import(&mut tx, import_id, company_id, now - IMPORT_LIFETIME_MS).await?;
    let Some(rows_sealed) = taken else {
        // Another company's file is "not found", as everywhere; one's own is gone (confirmed or expired).
        return Err(match repo::import_owner(&mut tx, import_id).await? {
            Some(owner) if owner != company_id => AppError::NotFound,
            _ => AppError::Conflict("err_import_gone".into()),
        });
    };
    let staged = unseal(ctx, &rows_sealed)?;
    let rows: Vec<(usize, ContractForm)> = staged.into_iter().map(|r| (r.line, r.form)).collect();
    let mut book = company_book(&mut *tx, company_id).await?;
    let checked = check_rows(ctx, &rules, &mut book, &rows, today);
    let batch = Batch {
        company_id,
        account_id,
        import_id,
        now_ms: now,
        due_at_ms: rules.holidays.service_deadline(now, SERVICE_WORKING_DAYS),
    };
    let mut outcome = ImportOutcome::default();
    for ((_, form), check) in rows.iter().zip(checked) {
        let late = check.late;
        let Some((hash, previous_id)) = check.valid else {
            outcome.skipped += 1;
            continue;
        };
        insert_row(ctx, &mut tx, &batch, form, late, hash, previous_id).await?;
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
