//! DKPTKA levy bills on the server: the company bills an RPTKA extension (never a period already billed),
//! uploads the payment proof with the payment's reference, date and rate; the officer validates it within
//! one working day (with the local-talent check beside it) or rejects it with a reason; a validated bill has
//! a number and a receipt whose QR code opens the public verification page (masked fields only).
use rand::{Rng, distr::Alphanumeric};
use sqlx::FromRow;

use crate::{
    core::{
        calendar::{self, format_date},
        error::AppError,
        money::Rupiah,
    },
    features::{
        ak1::model::Decision,
        tka::{
            model::{
                BillView, DkptkaVerification, OfficerTka, PROOF_MAX_BYTES, QueueBill,
                SERVICE_WORKING_DAYS, TalentCheck, format_usd,
            },
            receipt_pdf,
            rules::{BillForm, ProofForm, format_rate, levy, mask_document_number},
            workers,
        },
        vacancies::service::company_of,
    },
    server::{audit, authz::RequestCtx, db::Db, error::internal, notify, reference},
};

#[derive(FromRow)]
struct BillRow {
    id: i64,
    company_id: i64,
    company_name: String,
    bill_number: String,
    rptka_number: String,
    period_start: String,
    period_end: String,
    positions: i64,
    months: i64,
    amount_usd_cents: i64,
    rate_hundredths: i64,
    rate_date: String,
    rate_source: String,
    amount_idr: i64,
    status: String,
    payment_reference: Option<String>,
    paid_on: Option<String>,
    proof_key: Option<String>,
    officer_note: Option<String>,
    due_at_ms: Option<i64>,
    decided_at_ms: Option<i64>,
    verification_code: Option<String>,
}

const BILL_COLUMNS: &str = "b.id, b.company_id, c.name AS company_name, b.bill_number, b.rptka_number, b.period_start, \
    b.period_end, b.positions, b.months, b.amount_usd_cents, b.rate_hundredths, b.rate_date, b.rate_source, b.amount_idr, \
    b.status, b.payment_reference, b.paid_on, b.proof_key, b.officer_note, b.due_at_ms, b.decided_at_ms, \
    b.verification_code FROM dkptka_bills b JOIN companies c ON c.id = b.company_id";

impl From<BillRow> for BillView {
    fn from(r: BillRow) -> BillView {
        BillView {
            id: r.id,
            company_name: r.company_name,
            bill_number: r.bill_number,
            rptka_number: r.rptka_number,
            period_start: r.period_start,
            period_end: r.period_end,
            positions: r.positions,
            months: r.months,
            amount_usd: format_usd(r.amount_usd_cents),
            rate: format_rate(r.rate_hundredths),
            rate_date: r.rate_date,
            rate_source: r.rate_source,
            amount_idr: Rupiah(r.amount_idr),
            status: r.status,
            payment_reference: r.payment_reference,
            paid_on: r.paid_on,
            has_proof: r.proof_key.is_some(),
            officer_note: r.officer_note,
            due_at_ms: r.due_at_ms,
            verification_code: r.verification_code,
        }
    }
}

async fn bill_row(db: &Db, id: i64) -> Result<BillRow, AppError> {
    sqlx::query_as(&format!("SELECT {BILL_COLUMNS} WHERE b.id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)
}

/// A bill the caller may see: its company's members, or staff.
async fn visible_bill(ctx: &RequestCtx, id: i64) -> Result<BillRow, AppError> {
    let user = ctx.require_signed_in()?;
    let row = bill_row(&ctx.state.db, id).await?;
    if user.role.is_staff() || user.company_id == Some(row.company_id) {
        Ok(row)
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn company_bills(ctx: &RequestCtx, company_id: i64) -> Result<Vec<BillView>, AppError> {
    let rows: Vec<BillRow> = sqlx::query_as(&format!(
        "SELECT {BILL_COLUMNS} WHERE b.company_id = $1 ORDER BY b.created_at_ms DESC, b.id DESC LIMIT 200"
    ))
    .bind(company_id)
    .fetch_all(&ctx.state.db.pool)
    .await?;
    Ok(rows.into_iter().map(BillView::from).collect())
}

/// The next number of the year, gapless: `DKPTKA/3603/2026/000001`.
async fn next_number(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    year: i32,
) -> Result<String, AppError> {
    let (serial,): (i64,) = sqlx::query_as(
        "INSERT INTO dkptka_number_counters (year, last_serial) VALUES ($1, 1) \
         ON CONFLICT (year) DO UPDATE SET last_serial = dkptka_number_counters.last_serial + 1 RETURNING last_serial",
    )
    .bind(i64::from(year))
    .fetch_one(&mut **tx)
    .await?;
    Ok(format!("DKPTKA/3603/{year}/{serial:06}"))
}

/// Bills an RPTKA extension of the company's; a period overlapping an earlier bill of the same RPTKA is
/// refused. Returns the bill's id.
pub async fn create(ctx: &RequestCtx, form: BillForm) -> Result<i64, AppError> {
    let (account_id, company_id) = company_of(ctx)?;
    let plan = form.check().map_err(AppError::Validation)?;
    let rptka = form.rptka_number.trim().to_owned();
    let db = &ctx.state.db;
    let now = ctx.now_ms();
    let mut tx = db.begin_write().await?;
    // The first write locks this RPTKA's row: bills of one RPTKA are made one at a time.
    sqlx::query(
        "INSERT INTO dkptka_rptkas (company_id, rptka_number, bills) VALUES ($1, $2, 1) \
         ON CONFLICT (company_id, rptka_number) DO UPDATE SET bills = dkptka_rptkas.bills + 1",
    )
    .bind(company_id)
    .bind(&rptka)
    .execute(&mut *tx)
    .await?;
    let reported: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM tka_workers WHERE company_id = $1 AND rptka_number = $2 LIMIT 1",
    )
    .bind(company_id)
    .bind(&rptka)
    .fetch_optional(&mut *tx)
    .await?;
    if reported.is_none() {
        return Err(AppError::field("rptka_number", "err_rptka_unknown"));
    }
    let overlapping: Option<(String,)> = sqlx::query_as(
        "SELECT bill_number FROM dkptka_bills WHERE company_id = $1 AND rptka_number = $2 AND status <> 'cancelled' \
         AND period_start <= $3 AND period_end >= $4 LIMIT 1",
    )
    .bind(company_id)
    .bind(&rptka)
    .bind(format_date(plan.period_end))
    .bind(format_date(plan.period_start))
    .fetch_optional(&mut *tx)
    .await?;
    if let Some((number,)) = overlapping {
        return Err(AppError::Conflict(crate::core::i18n::with_values(
            "err_period_billed",
            &[("number", &number)],
        )));
    }
    let number = next_number(&mut tx, calendar::wib_date(now).year()).await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO dkptka_bills (company_id, bill_number, rptka_number, period_start, period_end, positions, months, \
         amount_usd_cents, rate_hundredths, rate_date, rate_source, amount_idr, status, created_by, created_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'unpaid', $13, $14) RETURNING id",
    )
    .bind(company_id)
    .bind(&number)
    .bind(&rptka)
    .bind(format_date(plan.period_start))
    .bind(format_date(plan.period_end))
    .bind(plan.positions)
    .bind(plan.levy.months)
    .bind(plan.levy.usd_cents)
    .bind(plan.rate_hundredths)
    .bind(format_date(plan.rate_date))
    .bind(form.rate_source.trim())
    .bind(plan.levy.idr)
    .bind(account_id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit("dkptka.bill", "dkptka_bill", Some(id.to_string())),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// An unpaid or rejected bill may be withdrawn (its period can then be billed again).
pub async fn cancel(ctx: &RequestCtx, bill_id: i64) -> Result<(), AppError> {
    let (_, company_id) = company_of(ctx)?;
    let mut tx = ctx.state.db.begin_write().await?;
    let changed = sqlx::query(
        "UPDATE dkptka_bills SET status = 'cancelled' WHERE id = $1 AND company_id = $2 AND status IN ('unpaid', 'rejected')",
    )
    .bind(bill_id)
    .bind(company_id)
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    audit::record(
        &mut *tx,
        ctx.audit("dkptka.cancel", "dkptka_bill", Some(bill_id.to_string())),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A payment proof must be a PDF, JPEG or PNG, by its bytes.
pub fn check_proof(bytes: &[u8]) -> Result<(), AppError> {
    if bytes.is_empty() {
        return Err(AppError::field("proof", "err_file_empty"));
    }
    if bytes.len() > PROOF_MAX_BYTES {
        return Err(AppError::field("proof", "err_file_too_large"));
    }
    match infer::get(bytes).map(|t| t.mime_type()) {
        Some("application/pdf" | "image/jpeg" | "image/png") => Ok(()),
        _ => Err(AppError::field("proof", "err_proof_type")),
    }
}

/// The company sends the payment proof of an unpaid (or rejected) bill: the rupiah amount follows the rate
/// of the payment date, and the officer's one-working-day clock starts.
pub async fn submit_proof(
    ctx: &RequestCtx,
    bill_id: i64,
    form: ProofForm,
    proof: Option<Vec<u8>>,
) -> Result<(), AppError> {
    let (_, company_id) = company_of(ctx)?;
    let now = ctx.now_ms();
    let (paid_on, rate) = form
        .check(calendar::wib_date(now))
        .map_err(AppError::Validation)?;
    let bytes = proof.ok_or_else(|| AppError::field("proof", "err_file_empty"))?;
    check_proof(&bytes)?;
    let db = &ctx.state.db;
    let bill = bill_row(db, bill_id).await?;
    if bill.company_id != company_id {
        return Err(AppError::NotFound);
    }
    if !matches!(bill.status.as_str(), "unpaid" | "rejected") {
        return Err(AppError::Conflict("err_bill_not_payable".into()));
    }
    let amount = levy(bill.positions, bill.months, rate);
    let due = reference::holiday_calendar(db)
        .await?
        .service_deadline(now, SERVICE_WORKING_DAYS);
    let key = format!(
        "dkptka/{company_id}/proof-{}",
        &crate::server::pii::new_token()[..20]
    );
    ctx.state
        .storage
        .put(&key, &bytes)
        .await
        .map_err(internal)?;
    let written = record_proof(
        ctx, bill_id, company_id, &form, paid_on, amount.idr, rate, &key, due,
    )
    .await;
    if written.is_err() {
        // Nothing refers to the file: it goes, so a refused or failed payment leaves nothing stored.
        let _ = ctx.state.storage.delete(&key).await;
    }
    written
}

#[allow(clippy::too_many_arguments)]
async fn record_proof(
    ctx: &RequestCtx,
    bill_id: i64,
    company_id: i64,
    form: &ProofForm,
    paid_on: time::Date,
    amount_idr: i64,
    rate: i64,
    key: &str,
    due: i64,
) -> Result<(), AppError> {
    let mut tx = ctx.state.db.begin_write().await?;
    let changed = sqlx::query(
        "UPDATE dkptka_bills SET status = 'submitted', payment_reference = $1, paid_on = $2, rate_hundredths = $3, \
         rate_date = $2, rate_source = $4, amount_idr = $5, proof_key = $6, submitted_at_ms = $7, due_at_ms = $8, \
         officer_note = NULL WHERE id = $9 AND company_id = $10 AND status IN ('unpaid', 'rejected')",
    )
    .bind(form.payment_reference.trim())
    .bind(format_date(paid_on))
    .bind(rate)
    .bind(form.rate_source.trim())
    .bind(amount_idr)
    .bind(key)
    .bind(ctx.now_ms())
    .bind(due)
    .bind(bill_id)
    .bind(company_id)
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() == 0 {
        return Err(AppError::Conflict("err_bill_not_payable".into()));
    }
    audit::record(
        &mut *tx,
        ctx.audit("dkptka.proof", "dkptka_bill", Some(bill_id.to_string())),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The preferred jobs of every seeker with a valid AK-1 card, as lower-case words.
async fn ak1_holders_preferences(db: &Db, today: &str) -> Result<Vec<Vec<String>>, AppError> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT p.preferred_occupations FROM seeker_profiles p WHERE p.account_id IN \
         (SELECT a.account_id FROM ak1_applications a WHERE a.status = 'issued' AND a.valid_until >= $1)",
    )
    .bind(today)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(list,)| {
            list.split(',')
                .map(|o| o.trim().to_lowercase())
                .filter(|o| !o.is_empty())
                .collect()
        })
        .collect())
}

/// The advisory local-talent check for the positions of one RPTKA. A card holder counts for a position
/// whose title names one of the jobs they want (the vacancy matching's rule); vacancies count by KBJI group.
async fn talent_check(
    db: &Db,
    company_id: i64,
    rptka: &str,
    holders: &[Vec<String>],
) -> Result<Vec<TalentCheck>, AppError> {
    let groups: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT w.occupation_code, k.name_id, w.position, CAST(ROUND(AVG(w.counterpart_progress)) AS BIGINT) \
         FROM tka_workers w JOIN kbji_groups k ON k.code = w.occupation_code WHERE w.company_id = $1 \
         AND w.rptka_number = $2 AND w.status = 'active' GROUP BY w.occupation_code, k.name_id, w.position \
         ORDER BY w.occupation_code, w.position",
    )
    .bind(company_id)
    .bind(rptka)
    .fetch_all(&db.pool)
    .await?;
    let mut checks = Vec::with_capacity(groups.len());
    for (code, name, position, progress) in groups {
        let title = position.to_lowercase();
        let ak1_holders = holders
            .iter()
            .filter(|wants| wants.iter().any(|o| title.contains(o.as_str())))
            .count() as i64;
        let (vacancies,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM vacancies WHERE company_id = $1 AND occupation_code = $2",
        )
        .bind(company_id)
        .bind(&code)
        .fetch_one(&db.pool)
        .await?;
        checks.push(TalentCheck {
            occupation: format!("{code} {name} — {position}"),
            ak1_holders,
            company_vacancies: vacancies,
            counterpart_progress: progress,
        });
    }
    Ok(checks)
}

pub async fn officer_view(ctx: &RequestCtx) -> Result<OfficerTka, AppError> {
    ctx.require_staff()?;
    let db = &ctx.state.db;
    let today = format_date(calendar::wib_date(ctx.now_ms()));
    let rows: Vec<BillRow> = sqlx::query_as(&format!(
        "SELECT {BILL_COLUMNS} WHERE b.status = 'submitted' ORDER BY b.submitted_at_ms, b.id LIMIT 100"
    ))
    .fetch_all(&db.pool)
    .await?;
    let now = ctx.now_ms();
    let overdue = rows
        .iter()
        .filter(|r| r.due_at_ms.is_some_and(|due| due < now))
        .count() as i64;
    let holders = if rows.is_empty() {
        Vec::new()
    } else {
        ak1_holders_preferences(db, &today).await?
    };
    let mut queue = Vec::with_capacity(rows.len());
    for row in rows {
        let talent = talent_check(db, row.company_id, &row.rptka_number, &holders).await?;
        queue.push(QueueBill {
            bill: row.into(),
            talent,
        });
    }
    Ok(OfficerTka {
        now_ms: now,
        queue,
        overdue,
        expiring: workers::expiring(ctx).await?,
    })
}

/// Validates a submitted payment (issuing the receipt's verification code) or rejects it with a reason;
/// once only. The company is told either way.
pub async fn decide(
    ctx: &RequestCtx,
    bill_id: i64,
    decision: Decision,
    reason: &str,
) -> Result<(), AppError> {
    let officer = ctx.require_staff()?;
    let reason = reason.trim();
    let status = match decision {
        Decision::Approve => "validated",
        Decision::Reject => "rejected",
        Decision::Revise => return Err(AppError::field("decision", "err_choose")),
    };
    if status == "rejected" && reason.chars().count() < 5 {
        return Err(AppError::field("reason", "err_reason_required"));
    }
    let now = ctx.now_ms();
    let code: Option<String> = (status == "validated").then(|| {
        rand::rng()
            .sample_iter(&Alphanumeric)
            .take(16)
            .map(char::from)
            .collect()
    });
    let mut tx = ctx.state.db.begin_write().await?;
    let changed = sqlx::query(
        "UPDATE dkptka_bills SET status = $1, officer_note = $2, decided_by = $3, decided_at_ms = $4, \
         verification_code = $5 WHERE id = $6 AND status = 'submitted'",
    )
    .bind(status)
    .bind(Some(reason.to_owned()).filter(|r| !r.is_empty()))
    .bind(officer.account_id)
    .bind(now)
    .bind(code)
    .bind(bill_id)
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() == 0 {
        return Err(AppError::Conflict("err_already_reviewed".into()));
    }
    let (number, created_by, email): (String, i64, String) = sqlx::query_as(
        "SELECT b.bill_number, b.created_by, a.email FROM dkptka_bills b JOIN accounts a ON a.id = b.created_by WHERE b.id = $1",
    )
    .bind(bill_id)
    .fetch_one(&mut *tx)
    .await?;
    notify::send(
        &mut tx,
        notify::Notice {
            account_id: created_by,
            message_key: if status == "validated" {
                "notice_dkptka_validated"
            } else {
                "notice_dkptka_rejected"
            },
            subject: &number,
            link: Some("/perusahaan/tka".into()),
            now_ms: now,
            email: Some(notify::Email {
                to: &email,
                public_url: &ctx.state.config.server.public_url,
            }),
        },
    )
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit("dkptka.decide", "dkptka_bill", Some(bill_id.to_string()))
            .detail(status),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The uploaded payment proof (its company, or staff).
pub async fn proof(ctx: &RequestCtx, bill_id: i64) -> Result<Vec<u8>, AppError> {
    let bill = visible_bill(ctx, bill_id).await?;
    let key = bill.proof_key.ok_or(AppError::NotFound)?;
    ctx.state.storage.get(&key).await.map_err(internal)
}

/// The receipt of a validated bill (its company, or staff): file name and PDF.
pub async fn receipt(ctx: &RequestCtx, bill_id: i64) -> Result<(String, Vec<u8>), AppError> {
    let bill = visible_bill(ctx, bill_id).await?;
    let (Some(code), Some(decided)) = (bill.verification_code.as_deref(), bill.decided_at_ms)
    else {
        return Err(AppError::NotFound);
    };
    let data = receipt_pdf::ReceiptData {
        verify_url: format!(
            "{}/verifikasi/dkptka/{code}",
            ctx.state.config.server.public_url.trim_end_matches('/')
        ),
        validated_on: format_date(calendar::wib_date(decided)),
        bill_number: bill.bill_number.clone(),
        company_name: bill.company_name.clone(),
        rptka_number: bill.rptka_number.clone(),
        period: format!("{} s.d. {}", bill.period_start, bill.period_end),
        positions_months: format!("{} jabatan x {} bulan", bill.positions, bill.months),
        amount_usd: format_usd(bill.amount_usd_cents),
        rate: format!(
            "{} ({}, {})",
            format_rate(bill.rate_hundredths),
            bill.rate_date,
            bill.rate_source
        ),
        amount_idr: Rupiah(bill.amount_idr).to_string(),
        payment: format!(
            "{} ({})",
            bill.payment_reference.clone().unwrap_or_default(),
            bill.paid_on.clone().unwrap_or_default()
        ),
    };
    // Drawing a PDF is CPU work: off the async threads.
    let bytes = tokio::task::spawn_blocking(move || receipt_pdf::render(&data))
        .await
        .map_err(internal)?
        .map_err(internal)?;
    Ok((format!("{}.pdf", bill.bill_number.replace('/', "-")), bytes))
}

/// The public check behind a receipt's QR code: masked fields, no names or passports.
pub async fn verify(db: &Db, code: &str) -> Result<DkptkaVerification, AppError> {
    let code = code.trim();
    if code.is_empty() || code.len() > 40 {
        return Err(AppError::NotFound);
    }
    let row: BillRow = sqlx::query_as(&format!(
        "SELECT {BILL_COLUMNS} WHERE b.verification_code = $1 AND b.status = 'validated'"
    ))
    .bind(code)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(DkptkaVerification {
        bill_number: row.bill_number,
        company_name: row.company_name,
        rptka_masked: mask_document_number(&row.rptka_number),
        period_start: row.period_start,
        period_end: row.period_end,
        positions: row.positions,
        amount_usd: format_usd(row.amount_usd_cents),
        amount_idr: Rupiah(row.amount_idr),
        validated_on: row
            .decided_at_ms
            .map(|ms| format_date(calendar::wib_date(ms)))
            .unwrap_or_default(),
    })
}
