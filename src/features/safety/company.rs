//! What the company does for K3: reports an accident (late ones accepted and flagged; a fatal one alerts
//! the office at once), adds photos, files the P2K3 and SMK3 self-checks, and reports an inspection order
//! done with its evidence.
use crate::{
    core::{calendar, error::AppError},
    features::safety::{
        model::{
            AccidentForm, DOCUMENT_MAX_BYTES, MAX_PHOTOS, P2K3_CRITERIA, P2k3Form, PHOTO_MAX_BYTES,
            Smk3Form, is_late, smk3_score,
        },
        repo,
    },
    server::{
        audit,
        authz::RequestCtx,
        error::internal,
        notify::{self, Email, Notice},
        storage::PendingFile,
    },
};

/// Reports an accident. Returns its id.
pub async fn report_accident(ctx: &RequestCtx, form: AccidentForm) -> Result<i64, AppError> {
    let company = ctx.require_company()?;
    let now = ctx.now_ms();
    let facts = form.check(now).map_err(AppError::Validation)?;
    let pii = &ctx.state.pii;
    // The NIK or (a foreign victim) the passport number: only its ciphertext and keyed hash are kept.
    let number = form.victim_id_number();
    let ciphertext = pii
        .encrypt(&number)
        .map_err(|_| internal("encryption failed"))?;
    let late = is_late(facts.occurred_ms, now);
    let accident = repo::NewAccident {
        company_id: company.company_id,
        form: &form,
        id_ciphertext: ciphertext,
        id_hash: pii.blind_index(&number),
        facts,
        late,
        reported_by: company.account_id,
        now_ms: now,
    };
    let mut tx = ctx.state.db.begin_write().await?;
    let year = calendar::wib_date(facts.occurred_ms).year();
    let (id, number) = repo::insert_accident(&mut tx, &accident, year).await?;
    if form.outcome.trim() == "died" {
        let company_name = repo::company_exists(&mut *tx, company.company_id)
            .await?
            .unwrap_or_default();
        let subject = format!("{company_name} ({number})");
        let public_url = ctx.state.config.server.public_url.clone();
        for (account_id, email) in repo::staff_accounts(&mut *tx).await? {
            let notice = Notice {
                account_id,
                message_key: "safety_notice_fatal",
                subject: &subject,
                link: Some("/petugas/kepatuhan".to_owned()),
                now_ms: now,
                email: Some(Email {
                    to: &email,
                    public_url: &public_url,
                }),
            };
            notify::send(&mut tx, notice).await?;
        }
    }
    let detail = if late { "late" } else { "" };
    audit::record(
        &mut *tx,
        ctx.audit("k3.accident", "k3_accident", Some(id.to_string()))
            .detail(detail),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The type of an upload by its bytes, if it is one of `allowed`.
pub fn sniff(bytes: &[u8], allowed: &[&'static str]) -> Option<&'static str> {
    let mime = infer::get(bytes)?.mime_type();
    allowed.iter().copied().find(|a| *a == mime)
}

/// Checks an upload's size and type by its bytes; returns its content type.
pub fn check_file(
    field: &str,
    bytes: Option<&[u8]>,
    max: usize,
    allowed: &[&'static str],
) -> Result<&'static str, AppError> {
    let bytes = bytes
        .filter(|b| !b.is_empty())
        .ok_or_else(|| AppError::field(field, "err_file_empty"))?;
    if bytes.len() > max {
        return Err(AppError::field(field, "err_file_too_large"));
    }
    sniff(bytes, allowed).ok_or_else(|| AppError::field(field, "safety_err_file_type"))
}

/// Adds a photo (JPEG or PNG, by its bytes) to one of the company's accidents.
pub async fn add_photo(
    ctx: &RequestCtx,
    accident_id: i64,
    photo: Option<Vec<u8>>,
) -> Result<(), AppError> {
    let company = ctx.require_company()?;
    let kind = check_file(
        "photo",
        photo.as_deref(),
        PHOTO_MAX_BYTES,
        &["image/jpeg", "image/png"],
    )?;
    let db = &ctx.state.db;
    let accident = repo::accident(&db.pool, accident_id, Some(company.company_id))
        .await?
        .ok_or(AppError::NotFound)?;
    // An early refusal, before the file is stored; the insert checks again.
    if accident.photos >= MAX_PHOTOS as i64 {
        return Err(AppError::field("photo", "safety_err_photos"));
    }
    let key = format!(
        "k3/{}/photo-{}",
        company.company_id,
        &crate::server::pii::new_token()[..20]
    );
    let bytes = photo.unwrap_or_default();
    ctx.state
        .storage
        .put(&key, &bytes)
        .await
        .map_err(internal)?;
    let pending = PendingFile::new(&ctx.state.storage, &key);
    let mut tx = db.begin_write().await?;
    // Counted again inside the write: concurrent uploads cannot pass MAX_PHOTOS together.
    if !repo::insert_photo(
        &mut tx,
        accident_id,
        (&key, kind),
        MAX_PHOTOS as i64,
        ctx.now_ms(),
    )
    .await?
    {
        return Err(AppError::field("photo", "safety_err_photos"));
    }
    audit::record(
        &mut *tx,
        ctx.audit("k3.photo", "k3_accident", Some(accident_id.to_string())),
    )
    .await?;
    tx.commit().await?;
    pending.keep();
    Ok(())
}

/// Files the SMK3 self-check: the portal computes the percentage and the category.
pub async fn smk3_check(ctx: &RequestCtx, form: Smk3Form) -> Result<i64, AppError> {
    let company = ctx.require_company()?;
    let (criteria, met, critical) = form.check().map_err(AppError::Validation)?;
    let (percentage, category) = smk3_score(criteria, met, critical);
    let check = repo::NewSelfCheck {
        company_id: company.company_id,
        kind: "smk3",
        level: form.level.trim(),
        criteria,
        met,
        critical,
        percentage,
        category: category.as_str(),
        detail_json: "{}",
        submitted_by: company.account_id,
        now_ms: ctx.now_ms(),
    };
    save_check(ctx, &check).await
}

/// Files the P2K3 self-check: whether the committee is required, and the criteria it meets.
pub async fn p2k3_check(ctx: &RequestCtx, form: P2k3Form) -> Result<i64, AppError> {
    let company = ctx.require_company()?;
    let (required, met) = form.check().map_err(AppError::Validation)?;
    let detail = serde_json::to_string(&form).map_err(internal)?;
    let category = match (required, met == P2K3_CRITERIA) {
        (true, true) => "compliant",
        (true, false) => "not_compliant",
        (false, _) => "not_required",
    };
    let check = repo::NewSelfCheck {
        company_id: company.company_id,
        kind: "p2k3",
        level: if required { "required" } else { "voluntary" },
        criteria: P2K3_CRITERIA,
        met,
        critical: 0,
        percentage: met * 100 / P2K3_CRITERIA,
        category,
        detail_json: &detail,
        submitted_by: company.account_id,
        now_ms: ctx.now_ms(),
    };
    save_check(ctx, &check).await
}

async fn save_check(ctx: &RequestCtx, check: &repo::NewSelfCheck<'_>) -> Result<i64, AppError> {
    let mut tx = ctx.state.db.begin_write().await?;
    let id = repo::insert_self_check(&mut *tx, check).await?;
    audit::record(
        &mut *tx,
        ctx.audit("k3.self_check", "k3_self_check", Some(id.to_string()))
            .detail(check.kind),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Reports an open order of the company's done, with a note and its evidence (PDF, JPEG or PNG).
pub async fn order_done(
    ctx: &RequestCtx,
    order_id: i64,
    note: &str,
    evidence: Option<Vec<u8>>,
) -> Result<(), AppError> {
    let company = ctx.require_company()?;
    let note = crate::core::text::normalize_text(note, 5, 1000)
        .map_err(|key| AppError::field("note", key))?;
    check_file(
        "evidence",
        evidence.as_deref(),
        DOCUMENT_MAX_BYTES,
        &["application/pdf", "image/jpeg", "image/png"],
    )?;
    let key = format!(
        "k3/{}/evidence-{}",
        company.company_id,
        &crate::server::pii::new_token()[..20]
    );
    let bytes = evidence.unwrap_or_default();
    ctx.state
        .storage
        .put(&key, &bytes)
        .await
        .map_err(internal)?;
    let pending = PendingFile::new(&ctx.state.storage, &key);
    let mut tx = ctx.state.db.begin_write().await?;
    let done = repo::mark_order_done(
        &mut *tx,
        order_id,
        company.company_id,
        &note,
        &key,
        company.account_id,
        ctx.now_ms(),
    )
    .await?;
    if !done {
        return match repo::order(&mut *tx, order_id).await? {
            Some(order) if order.company_id == company.company_id => {
                Err(AppError::Conflict("safety_err_order_done".into()))
            }
            _ => Err(AppError::NotFound),
        };
    }
    audit::record(
        &mut *tx,
        ctx.audit("k3.order_done", "k3_order", Some(order_id.to_string())),
    )
    .await?;
    tx.commit().await?;
    pending.keep();
    Ok(())
}
