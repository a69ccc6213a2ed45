//! What the company does: reports a foreign worker (one at a time), an early leave and the yearly report;
//! bills an RPTKA extension (never a period already billed), withdraws a bill, and uploads the payment
//! proof with the payment's reference, date and rate.
use crate::{
    core::{
        calendar::{self, format_date, parse_date},
        error::AppError,
    },
    features::tka::{
        model::{BillStatus, PROOF_MAX_BYTES, SERVICE_WORKING_DAYS},
        repo::{bills, workers},
        rules::{BillForm, ProofForm, WorkerForm, levy, normalize_passport},
    },
    server::{audit, authz::RequestCtx, error::internal, reference},
};

/// Reports one foreign worker. Returns the worker's id.
pub async fn report(ctx: &RequestCtx, form: WorkerForm) -> Result<i64, AppError> {
    let company = ctx.require_company()?;
    let (account_id, company_id) = (company.account_id, company.company_id);
    form.check().map_err(AppError::Validation)?;
    let pii = &ctx.state.pii;
    let passport = normalize_passport(&form.passport);
    let nik = form.counterpart_nik.trim().to_owned();
    let encrypt = |value: &str| {
        pii.encrypt(value)
            .map_err(|_| internal("encryption failed"))
    };
    if !workers::occupation_known(&ctx.state.db.pool, form.occupation_code.trim()).await? {
        return Err(AppError::field("occupation_code", "err_choose"));
    }
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    let worker = workers::NewWorker {
        company_id,
        name: form.name.trim(),
        passport_ciphertext: encrypt(&passport)?,
        passport_hash: pii.blind_index(&passport),
        nationality: form.nationality.trim(),
        sex: form.sex.trim(),
        position: form.position.trim(),
        occupation_code: form.occupation_code.trim(),
        rptka_number: form.rptka_number.trim(),
        rptka_start: form.rptka_start.trim(),
        rptka_end: form.rptka_end.trim(),
        permit_number: form.permit_number.trim(),
        permit_start: form.permit_start.trim(),
        permit_end: form.permit_end.trim(),
        district_code: form.district_code.trim(),
        start_date: form.start_date.trim(),
        end_date: form.end_date.trim(),
        counterpart_name: form.counterpart_name.trim(),
        counterpart_nik_ciphertext: encrypt(&nik)?,
        counterpart_nik_hash: pii.blind_index(&nik),
        counterpart_position: form.counterpart_position.trim(),
        counterpart_progress: form.progress().unwrap_or_default(),
        language_training: form.language_training.trim(),
        created_by: account_id,
        now_ms: now,
    };
    let Some(id) = workers::insert(&mut *tx, ctx.state.db.backend, &worker).await? else {
        return Err(AppError::field("passport", "err_passport_reported"));
    };
    audit::record(
        &mut *tx,
        ctx.audit("tka.report", "tka_worker", Some(id.to_string())),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The early-leave report: the worker left before the end date.
pub async fn report_leaving(
    ctx: &RequestCtx,
    worker_id: i64,
    left_on: &str,
    reason: &str,
) -> Result<(), AppError> {
    let company = ctx.require_company()?;
    let (account_id, company_id) = (company.account_id, company.company_id);
    let reason = reason.trim();
    let Some(day) = parse_date(left_on.trim()) else {
        return Err(AppError::field("left_on", "err_date"));
    };
    if day > calendar::wib_date(ctx.now_ms()) {
        return Err(AppError::field("left_on", "err_future_date"));
    }
    if reason.chars().count() < 5 {
        return Err(AppError::field("reason", "err_reason_required"));
    }
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    let left = workers::mark_left(
        &mut *tx,
        worker_id,
        company_id,
        &format_date(day),
        reason,
        now,
    )
    .await?;
    if !left {
        return Err(AppError::NotFound);
    }
    let year = i64::from(day.year());
    workers::insert_leave_report(&mut *tx, company_id, year, worker_id, account_id, now).await?;
    audit::record(
        &mut *tx,
        ctx.audit("tka.left", "tka_worker", Some(worker_id.to_string())),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The yearly presence report of the current year: the active workers as they are reported now.
pub async fn send_yearly_report(ctx: &RequestCtx) -> Result<i64, AppError> {
    let company = ctx.require_company()?;
    let (account_id, company_id) = (company.account_id, company.company_id);
    let year = i64::from(calendar::wib_date(ctx.now_ms()).year());
    let mut tx = ctx.state.db.begin_write().await?;
    let count = workers::count_active(&mut *tx, company_id).await?;
    let inserted =
        workers::insert_yearly_report(&mut *tx, company_id, year, count, account_id, ctx.now_ms())
            .await?;
    let Some(id) = inserted else {
        return Err(AppError::Conflict("err_yearly_report_sent".into()));
    };
    audit::record(
        &mut *tx,
        ctx.audit("tka.yearly_report", "tka_report", Some(id.to_string())),
    )
    .await?;
    tx.commit().await?;
    Ok(count)
}

/// Bills an RPTKA extension of the company's; a period overlapping an earlier bill of the same RPTKA is
/// refused. Returns the bill's id.
pub async fn create_bill(ctx: &RequestCtx, form: BillForm) -> Result<i64, AppError> {
    let company = ctx.require_company()?;
    let (account_id, company_id) = (company.account_id, company.company_id);
    let plan = form.check().map_err(AppError::Validation)?;
    let rptka = form.rptka_number.trim().to_owned();
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    // The first write locks this RPTKA's row: bills of one RPTKA are made one at a time.
    bills::lock_rptka(&mut *tx, company_id, &rptka).await?;
    if !workers::rptka_reported(&mut *tx, company_id, &rptka).await? {
        return Err(AppError::field("rptka_number", "err_rptka_unknown"));
    }
    let (start, end) = (format_date(plan.period_start), format_date(plan.period_end));
    if let Some(number) = bills::overlapping(&mut *tx, company_id, &rptka, &start, &end).await? {
        return Err(AppError::Conflict(crate::core::i18n::with_values(
            "err_period_billed",
            &[("number", &number)],
        )));
    }
    let number = bills::next_number(&mut tx, calendar::wib_date(now).year()).await?;
    let bill = bills::NewBill {
        company_id,
        bill_number: &number,
        rptka_number: &rptka,
        period_start: start,
        period_end: end,
        positions: plan.positions,
        months: plan.levy.months,
        amount_usd_cents: plan.levy.usd_cents,
        rate_hundredths: plan.rate_hundredths,
        rate_date: format_date(plan.rate_date),
        rate_source: form.rate_source.trim(),
        amount_idr: plan.levy.idr,
        created_by: account_id,
        now_ms: now,
    };
    let id = bills::insert(&mut *tx, &bill).await?;
    audit::record(
        &mut *tx,
        ctx.audit("dkptka.bill", "dkptka_bill", Some(id.to_string())),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// An unpaid or rejected bill may be withdrawn (its period can then be billed again).
pub async fn cancel_bill(ctx: &RequestCtx, bill_id: i64) -> Result<(), AppError> {
    let company_id = ctx.require_company()?.company_id;
    let mut tx = ctx.state.db.begin_write().await?;
    if !bills::cancel(&mut *tx, bill_id, company_id).await? {
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
    let company_id = ctx.require_company()?.company_id;
    let now = ctx.now_ms();
    let (paid_on, rate) = form
        .check(calendar::wib_date(now))
        .map_err(AppError::Validation)?;
    let bytes = proof.ok_or_else(|| AppError::field("proof", "err_file_empty"))?;
    check_proof(&bytes)?;
    let db = &ctx.state.db;
    let bill = bills::by_id(&db.pool, bill_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if bill.company_id != company_id {
        return Err(AppError::NotFound);
    }
    if !BillStatus::parse(&bill.status).is_some_and(BillStatus::payable) {
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
    let payment = bills::Payment {
        bill_id,
        company_id,
        payment_reference: form.payment_reference.trim(),
        paid_on: format_date(paid_on),
        rate_hundredths: rate,
        rate_source: form.rate_source.trim(),
        amount_idr: amount.idr,
        proof_key: &key,
        submitted_at_ms: ctx.now_ms(),
        due_at_ms: due,
    };
    let written = record_payment(ctx, &payment).await;
    if written.is_err() {
        // Nothing refers to the file: it goes, so a refused or failed payment leaves nothing stored.
        let _ = ctx.state.storage.delete(&key).await;
    }
    written
}

async fn record_payment(ctx: &RequestCtx, payment: &bills::Payment<'_>) -> Result<(), AppError> {
    let mut tx = ctx.state.db.begin_write().await?;
    if !bills::record_payment(&mut *tx, payment).await? {
        return Err(AppError::Conflict("err_bill_not_payable".into()));
    }
    audit::record(
        &mut *tx,
        ctx.audit(
            "dkptka.proof",
            "dkptka_bill",
            Some(payment.bill_id.to_string()),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
