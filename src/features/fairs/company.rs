//! The company's side of job fairs: it asks for a booth, writes its page, picks its vacancies, uploads a
//! banner, plans interview slots and marks who came.
use crate::{
    core::error::AppError,
    features::fairs::{
        access::{own_booth, today},
        model::{BANNER_MAX_BYTES, BoothForm, BoothStatus, SlotPlanForm},
        repo::{booth, fair, slot},
    },
    server::{audit, authz::RequestCtx, error::internal},
};

/// Asks for a booth at a published fair that is not over; the company must be verified.
pub async fn request(ctx: &RequestCtx, fair_id: i64, form: BoothForm) -> Result<i64, AppError> {
    let company = ctx.require_company()?;
    form.check().map_err(AppError::Validation)?;
    let db = &ctx.state.db;
    if !crate::server::authz::company_verified(&db.pool, company.company_id).await? {
        return Err(AppError::Conflict("err_company_unverified".into()));
    }
    let fair = fair::fair_card(db, fair_id).await?;
    if fair.status != "published" || fair.ends_on < today(ctx) {
        return Err(AppError::Conflict("err_fair_not_open_for_booths".into()));
    }
    let mut tx = db.begin_write().await?;
    let text = (form.description.trim(), form.contact_hours.trim());
    let inserted = booth::insert(
        &mut tx,
        db.backend,
        fair_id,
        company.company_id,
        text,
        company.account_id,
        ctx.now_ms(),
    )
    .await?;
    let Some(id) = inserted else {
        return Err(AppError::Conflict("err_booth_exists".into()));
    };
    audit::record(
        &mut *tx,
        ctx.audit("fair.booth_request", "fair_booth", Some(id.to_string())),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update(ctx: &RequestCtx, booth_id: i64, form: BoothForm) -> Result<(), AppError> {
    let booth = own_booth(ctx, booth_id).await?;
    form.check().map_err(AppError::Validation)?;
    let mut tx = ctx.state.db.begin_write().await?;
    booth::set_text(
        &mut tx,
        booth.id,
        form.description.trim(),
        form.contact_hours.trim(),
    )
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "fair.booth_update",
            "fair_booth",
            Some(booth.id.to_string()),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Shows (`on`) or hides one of the company's published vacancies at its booth.
pub async fn set_vacancy(
    ctx: &RequestCtx,
    booth_id: i64,
    vacancy_id: i64,
    on: bool,
) -> Result<(), AppError> {
    let booth = own_booth(ctx, booth_id).await?;
    let db = &ctx.state.db;
    let mut tx = db.begin_write().await?;
    if on {
        if !booth::is_own_published_vacancy(&mut tx, vacancy_id, booth.company_id).await? {
            return Err(AppError::NotFound);
        }
        booth::show_vacancy(&mut tx, db.backend, booth.id, vacancy_id).await?;
    } else {
        booth::hide_vacancy(&mut tx, booth.id, vacancy_id).await?;
    }
    audit::record(
        &mut *tx,
        ctx.audit(
            "fair.booth_vacancy",
            "fair_booth",
            Some(booth.id.to_string()),
        )
        .detail(if on { "add" } else { "remove" }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A banner must be a JPEG or PNG, by its bytes.
pub fn check_banner(bytes: &[u8]) -> Result<(), AppError> {
    if bytes.is_empty() {
        return Err(AppError::field("banner", "err_file_empty"));
    }
    if bytes.len() > BANNER_MAX_BYTES {
        return Err(AppError::field("banner", "err_file_too_large"));
    }
    match infer::get(bytes).map(|t| t.mime_type()) {
        Some("image/jpeg" | "image/png") => Ok(()),
        _ => Err(AppError::field("banner", "err_image_type")),
    }
}

pub async fn upload_banner(ctx: &RequestCtx, booth_id: i64, bytes: &[u8]) -> Result<(), AppError> {
    let booth = own_booth(ctx, booth_id).await?;
    check_banner(bytes)?;
    let key = format!(
        "fairs/booth-{}/banner-{}",
        booth.id,
        &crate::server::pii::new_token()[..16]
    );
    ctx.state.storage.put(&key, bytes).await.map_err(internal)?;
    let written = async {
        let mut tx = ctx.state.db.begin_write().await?;
        booth::set_banner(&mut tx, booth.id, &key).await?;
        audit::record(
            &mut *tx,
            ctx.audit(
                "fair.booth_banner",
                "fair_booth",
                Some(booth.id.to_string()),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok::<(), AppError>(())
    }
    .await;
    match written {
        // The old banner goes once nothing refers to it (a page rendered a moment ago shows a broken image
        // at worst, and reloads).
        Ok(()) => {
            if let Some(old) = booth.banner_key {
                let _ = ctx.state.storage.delete(&old).await;
            }
            Ok(())
        }
        Err(error) => {
            let _ = ctx.state.storage.delete(&key).await;
            Err(error)
        }
    }
}

/// Adds the slots of a plan to an approved booth; slots that already exist are kept. Returns how many
/// were added.
pub async fn add_slots(
    ctx: &RequestCtx,
    booth_id: i64,
    plan: SlotPlanForm,
) -> Result<usize, AppError> {
    let booth = own_booth(ctx, booth_id).await?;
    if BoothStatus::parse(&booth.status) != Some(BoothStatus::Approved) {
        return Err(AppError::Conflict("err_booth_not_approved".into()));
    }
    let db = &ctx.state.db;
    let fair = fair::fair_card(db, booth.fair_id).await?;
    let hours = fair
        .hours()
        .ok_or_else(|| internal("fair dates unreadable"))?;
    let new_slots = plan.check(&hours).map_err(AppError::Validation)?;
    let video_url = Some(plan.video_url.trim().to_owned()).filter(|u| !u.is_empty());
    let mut tx = db.begin_write().await?;
    let mut added = 0;
    for new_slot in &new_slots {
        added += slot::insert_slot(&mut tx, db.backend, booth.id, new_slot, video_url.clone())
            .await? as usize;
    }
    audit::record(
        &mut *tx,
        ctx.audit("fair.slots_add", "fair_booth", Some(booth.id.to_string()))
            .detail(&added.to_string()),
    )
    .await?;
    tx.commit().await?;
    Ok(added)
}

/// Removes a slot nobody has booked (a booked slot is kept: the seekers hold it).
pub async fn delete_slot(ctx: &RequestCtx, slot_id: i64) -> Result<(), AppError> {
    let company = ctx.require_company()?;
    let mut tx = ctx.state.db.begin_write().await?;
    if !slot::delete_unbooked_slot(&mut tx, slot_id, company.company_id).await? {
        // Another company's slot (or none) is "not found", as everywhere: only one's own booked slot is a
        // conflict.
        return Err(
            if slot::is_own_slot(&mut tx, slot_id, company.company_id).await? {
                AppError::Conflict("err_slot_has_bookings".into())
            } else {
                AppError::NotFound
            },
        );
    }
    audit::record(
        &mut *tx,
        ctx.audit("fair.slot_delete", "booth_slot", Some(slot_id.to_string())),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The booth marks whether a booked seeker came ("attended" or "missed").
pub async fn mark_booking(
    ctx: &RequestCtx,
    booking_id: i64,
    outcome: &str,
) -> Result<(), AppError> {
    let company = ctx.require_company()?;
    if !matches!(outcome, "attended" | "missed") {
        return Err(AppError::field("outcome", "err_choose"));
    }
    let mut tx = ctx.state.db.begin_write().await?;
    let marked = slot::mark_booking(
        &mut tx,
        booking_id,
        company.company_id,
        outcome,
        ctx.now_ms(),
    )
    .await?;
    if !marked {
        return Err(AppError::NotFound);
    }
    audit::record(
        &mut *tx,
        ctx.audit(
            "fair.booking_mark",
            "slot_booking",
            Some(booking_id.to_string()),
        )
        .detail(outcome),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
