//! What a company does: files a request of any active type (its form checked against the type's schema
//! and rules, its documents by their bytes), corrects one sent back, withdraws one, and records the stages
//! of a tracked foreign-worker permit. Notices and receipts are issued at once where the type says so.
use sqlx::{Any, Transaction};

use crate::{
    core::{calendar::wib_date, error::AppError, text::normalize_text},
    features::{
        complaints::service as complaints,
        requests::{
            engine::{self, Actor},
            model::{
                RequestStatus, Values, clock::decision_due_ms, filing::check_filing,
                types::FieldKind,
            },
            renewals,
            repo::{
                self, RequestRow,
                write::{self, NewRequest, Resubmission},
            },
            union,
            uploads::{check, nik_columns, request_code, save_documents, store, values_of},
        },
    },
    server::{audit, authz::RequestCtx, error::internal, multipart::Upload, reference},
};

/// The trail's note on a filing an officer made at the counter for a walk-in company.
pub const AT_THE_COUNTER: &str = "Diajukan di loket pelayanan Disnaker";

/// Files a request of an active type; returns its code. A notice type gets its receipt at once. A company
/// member files for their company; a worker files a strike notice for a union; an officer files for a
/// walk-in company at the counter (`union::filer`).
pub async fn file(ctx: &RequestCtx, upload: &Upload) -> Result<String, AppError> {
    ctx.require_signed_in()?;
    let type_id = upload
        .text("type_id")
        .and_then(|v| v.parse().ok())
        .ok_or(AppError::NotFound)?;
    let db = &ctx.state.db;
    let ty = repo::type_by_id(&db.pool, type_id)
        .await?
        .filter(|t| t.active)
        .ok_or(AppError::NotFound)?;
    let cal = reference::holiday_calendar(db).await?;
    let now = ctx.now_ms();
    let checked = check_filing(&ty, &values_of(&ty, upload), wib_date(now), &cal);
    let actor = union::filer(ctx, &ty, upload, &checked).await?;
    let (mut filing, docs) = check(&ty, upload, checked, true)?;
    renewals::late_renewal(db, &cal, &ty, actor.company_id, now, &mut filing).await?;
    if ty.rule == "pkb_extension" {
        renewals::pkb_extension_allowed(db, actor.company_id, 0, &filing.values).await?;
    }
    let (nik_ciphertext, nik_hash) = nik_columns(ctx, &filing)?;
    let stored = store(ctx, actor.company_id, &docs).await?;
    let code = request_code();
    let due = (ty.decider == "officer").then(|| {
        decision_due_ms(
            &cal,
            now,
            u32::try_from(ty.decision_working_days).unwrap_or(0),
        )
    });
    let data_json = serde_json::to_string(&filing.values).map_err(internal)?;
    let warnings_json = serde_json::to_string(&filing.warnings).map_err(internal)?;
    let mut tx = db.begin_write().await?;
    let id = write::insert(
        &mut *tx,
        &NewRequest {
            code: &code,
            type_id,
            company_id: actor.company_id,
            filed_by: actor.account_id,
            status: RequestStatus::Submitted.as_str(),
            data_json: &data_json,
            warnings_json: &warnings_json,
            worker_nik_ciphertext: nik_ciphertext.as_deref(),
            worker_nik_hash: nik_hash.as_deref(),
            event_date: filing.event_date.as_deref(),
            due_at_ms: due,
            now_ms: now,
        },
    )
    .await?;
    save_documents(&mut tx, id, &docs, &stored, now).await?;
    let row = repo::by_id(&mut *tx, id).await?.ok_or(AppError::NotFound)?;
    // At the counter the trail names the officer who filed it there; the company owns the request.
    let filer = Actor {
        account_id: Some(actor.counter_officer.unwrap_or(actor.account_id)),
        role: actor.role,
    };
    let public_url = ctx.state.config.server.public_url.clone();
    engine::record(
        &mut tx,
        &public_url,
        &row,
        None,
        RequestStatus::Submitted,
        filer,
        actor.counter_officer.map(|_| AT_THE_COUNTER),
        now,
    )
    .await?;
    if ty.decider != "officer" {
        receipt_at_once(ctx, &mut tx, &row, now).await?;
    }
    if let Some(hash) = nik_hash.as_deref() {
        engine::tell_worker(
            &mut tx,
            &public_url,
            &row,
            hash,
            "requests_notice_phk_worker",
            now,
        )
        .await?;
    }
    // A union's strike notice is about an employer who did not file it: its admins hear of it at once.
    if union::union_files(&ty) {
        engine::tell_employer(&mut tx, &public_url, &row, now).await?;
    }
    let action = if actor.counter_officer.is_some() {
        "requests.counter_file"
    } else {
        "requests.file"
    };
    audit::record(
        &mut *tx,
        ctx.audit(action, "request", Some(id.to_string()))
            .detail(&ty.key),
    )
    .await?;
    tx.commit().await?;
    for (_, pending) in stored {
        pending.keep();
    }
    Ok(code)
}

/// A notice's receipt (or a tracked record's registration) is issued at once; a strike notice also opens
/// a mediation attempt in the dispute procedure against the employer it names.
async fn receipt_at_once(
    ctx: &RequestCtx,
    tx: &mut Transaction<'static, Any>,
    row: &RequestRow,
    now: i64,
) -> Result<(), AppError> {
    let claimed = write::transition(
        &mut **tx,
        row.id,
        None,
        &["submitted"],
        "registered",
        None,
        now,
    )
    .await?;
    crate::server::review::claimed(claimed)?;
    let mediation = if row.rule == "strike" {
        let summary = format!(
            "Pemberitahuan mogok kerja {} ({})",
            row.code,
            row.event_date.clone().unwrap_or_default()
        );
        Some(complaints::open_dispute_from_notice(tx, row.company_id, &summary, now).await?)
    } else {
        None
    };
    let reason = mediation.map(|ticket| format!("mediasi {ticket}"));
    let url = ctx.state.config.server.public_url.clone();
    engine::record(
        tx,
        &url,
        row,
        Some(RequestStatus::Submitted),
        RequestStatus::Registered,
        engine::SYSTEM,
        reason.as_deref(),
        now,
    )
    .await?;
    engine::finish(tx, row, RequestStatus::Registered, now).await
}

/// Resubmits a request sent back for correction: new values (and any new documents), the clock restarts.
pub async fn correct(ctx: &RequestCtx, upload: &Upload) -> Result<(), AppError> {
    let actor = ctx.require_company()?;
    let id = upload
        .text("request_id")
        .and_then(|v| v.parse().ok())
        .ok_or(AppError::NotFound)?;
    let db = &ctx.state.db;
    let row = repo::of_company(&db.pool, id, actor.company_id)
        .await?
        .filter(|r| r.filer_role == "company")
        .ok_or(AppError::NotFound)?;
    let ty = repo::type_by_id(&db.pool, row.type_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if RequestStatus::parse(&row.status) != Some(RequestStatus::CorrectionRequested) {
        return Err(AppError::Conflict("requests_err_not_correctable".into()));
    }
    let now = ctx.now_ms();
    // Only inside the 14 working days of the correction notice; after them the daily job refuses it.
    if row.due_at_ms.is_some_and(|due| due < now) {
        return Err(AppError::Conflict("requests_err_correction_lapsed".into()));
    }
    let cal = reference::holiday_calendar(db).await?;
    let mut values = values_of(&ty, upload);
    // A NIK already given need not be typed again: it is kept encrypted.
    let keeps_nik = ty.fields.iter().any(|f| f.kind == FieldKind::Nik)
        && !values.keys().any(|k| k.contains("nik"));
    let mut checked_ty = ty.clone();
    if keeps_nik {
        checked_ty.fields.retain(|f| f.kind != FieldKind::Nik);
        values.retain(|k, _| !k.contains("nik"));
    }
    let checked = check_filing(&checked_ty, &values, wib_date(now), &cal);
    let (filing, docs) = check(&ty, upload, checked, false)?;
    if ty.rule == "pkb_extension" {
        renewals::pkb_extension_allowed(db, actor.company_id, id, &filing.values).await?;
    }
    let (nik_ciphertext, nik_hash) = nik_columns(ctx, &filing)?;
    let stored = store(ctx, actor.company_id, &docs).await?;
    let due = decision_due_ms(
        &cal,
        now,
        u32::try_from(ty.decision_working_days).unwrap_or(0),
    );
    let data_json = serde_json::to_string(&filing.values).map_err(internal)?;
    let warnings_json = serde_json::to_string(&filing.warnings).map_err(internal)?;
    let mut tx = db.begin_write().await?;
    let resubmitted = write::resubmit(
        &mut *tx,
        &Resubmission {
            id,
            company_id: actor.company_id,
            data_json: &data_json,
            warnings_json: &warnings_json,
            worker_nik_ciphertext: nik_ciphertext.as_deref(),
            worker_nik_hash: nik_hash.as_deref(),
            event_date: filing.event_date.as_deref(),
            due_at_ms: Some(due),
            now_ms: now,
        },
    )
    .await?;
    if !resubmitted {
        return Err(AppError::Conflict("requests_err_not_correctable".into()));
    }
    save_documents(&mut tx, id, &docs, &stored, now).await?;
    let company = Actor {
        account_id: Some(actor.account_id),
        role: "company",
    };
    let url = ctx.state.config.server.public_url.clone();
    engine::record(
        &mut tx,
        &url,
        &row,
        Some(RequestStatus::CorrectionRequested),
        RequestStatus::Submitted,
        company,
        None,
        now,
    )
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit("requests.correct", "request", Some(id.to_string())),
    )
    .await?;
    tx.commit().await?;
    for (_, pending) in stored {
        pending.keep();
    }
    Ok(())
}

/// Withdraws a request that is not decided yet.
pub async fn withdraw(ctx: &RequestCtx, id: i64) -> Result<(), AppError> {
    let actor = ctx.require_company()?;
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    // A union's notice about the company is not the company's to withdraw.
    let row = repo::of_company(&mut *tx, id, actor.company_id)
        .await?
        .filter(|r| r.filer_role == "company")
        .ok_or(AppError::NotFound)?;
    let from = RequestStatus::parse(&row.status).filter(|s| s.withdrawable());
    let withdrawn = write::transition(
        &mut *tx,
        id,
        Some(actor.company_id),
        &["draft", "submitted", "correction_requested", "in_review"],
        "withdrawn",
        None,
        now,
    )
    .await?;
    let Some(from) = from.filter(|_| withdrawn) else {
        return Err(AppError::Conflict("requests_err_not_withdrawable".into()));
    };
    let company = Actor {
        account_id: Some(actor.account_id),
        role: "company",
    };
    let url = ctx.state.config.server.public_url.clone();
    engine::record(
        &mut tx,
        &url,
        &row,
        Some(from),
        RequestStatus::Withdrawn,
        company,
        None,
        now,
    )
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit("requests.withdraw", "request", Some(id.to_string())),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Records a new stage of a tracked foreign-worker permit application (RPTKA or notification).
pub async fn track(ctx: &RequestCtx, id: i64, stage: &str, note: &str) -> Result<(), AppError> {
    let actor = ctx.require_company()?;
    let stages = ["diajukan", "verifikasi", "disetujui", "ditolak"];
    let stage = stages
        .iter()
        .find(|s| **s == stage.trim())
        .ok_or_else(|| AppError::field("stage", "err_choose"))?;
    let note = normalize_text(note, 0, 500).map_err(|key| AppError::field("note", key))?;
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    let row = repo::of_company(&mut *tx, id, actor.company_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if row.rule != "tka_permit" || row.status != "registered" {
        return Err(AppError::Conflict("requests_err_not_tracked".into()));
    }
    let mut values: Values = serde_json::from_str(&row.data_json).unwrap_or_default();
    values.insert("stage".into(), (*stage).to_owned());
    let data_json = serde_json::to_string(&values).map_err(internal)?;
    write::set_data(&mut *tx, id, actor.company_id, &data_json, now).await?;
    let reason = if note.is_empty() {
        (*stage).to_owned()
    } else {
        format!("{stage}: {note}")
    };
    let company = Actor {
        account_id: Some(actor.account_id),
        role: "company",
    };
    let url = ctx.state.config.server.public_url.clone();
    engine::record(
        &mut tx,
        &url,
        &row,
        Some(RequestStatus::Registered),
        RequestStatus::Registered,
        company,
        Some(&reason),
        now,
    )
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit("requests.track", "request", Some(id.to_string())),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
