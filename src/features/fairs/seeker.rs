//! The seeker's side of job fairs: registration with a QR ticket (capacity-capped, see `repo::visitor`),
//! timed booth slots, applications from a booth, and the ticket as a PDF.
use rand::Rng;

use crate::{
    core::{error::AppError, role::Role},
    features::{
        fairs::{
            access::{today, visible_fair, wib_minute},
            model::BoothStatus,
            repo::{fair, visitor},
            ticket_pdf,
        },
        vacancies::service as vacancies,
    },
    server::{audit, authz::RequestCtx, error::internal},
};

/// Letters and digits that cannot be mistaken for one another when typed from a phone screen.
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const CODE_LENGTH: usize = 10;

pub fn new_ticket_code() -> String {
    let mut rng = rand::rng();
    (0..CODE_LENGTH)
        .map(|_| CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())] as char)
        .collect()
}

/// What the ticket's QR code opens: the check-in page with the code filled in (so a phone camera works
/// too), from which the scanner page also reads the code.
pub fn check_in_url(public_url: &str, code: &str) -> String {
    format!(
        "{}/petugas/bursa-kerja/pindai?kode={code}",
        public_url.trim_end_matches('/')
    )
}

/// Registers the seeker for a fair within its window and capacity; returns the ticket code.
pub async fn register(ctx: &RequestCtx, fair_id: i64) -> Result<String, AppError> {
    let seeker = ctx.require(Role::Seeker)?;
    let db = &ctx.state.db;
    if visitor::is_registered(db, fair_id, seeker.account_id).await? {
        return Err(AppError::Conflict("err_fair_already_registered".into()));
    }
    let today = today(ctx);
    let code = new_ticket_code();
    let mut tx = db.begin_write().await?;
    if !visitor::take_place(&mut tx, fair_id, &today).await? {
        drop(tx);
        let fair = visible_fair(ctx, fair_id).await?;
        let key = if fair.status == "published" && fair.places_left() == 0 {
            "err_fair_full"
        } else {
            "err_fair_registration_closed"
        };
        return Err(AppError::Conflict(key.into()));
    }
    let inserted = visitor::insert_registration(
        &mut tx,
        db.backend,
        fair_id,
        seeker.account_id,
        &code,
        ctx.now_ms(),
    )
    .await?;
    // A second request of the same person that raced the first: its place goes back (rollback).
    let Some(id) = inserted else {
        return Err(AppError::Conflict("err_fair_already_registered".into()));
    };
    audit::record(
        &mut *tx,
        ctx.audit("fair.register", "fair_registration", Some(id.to_string()))
            .about(seeker.account_id),
    )
    .await?;
    tx.commit().await?;
    Ok(code)
}

/// Gives the place back before the fair (not after checking in); the seeker's bookings end with it.
pub async fn cancel_registration(ctx: &RequestCtx, fair_id: i64) -> Result<(), AppError> {
    let seeker = ctx.require(Role::Seeker)?;
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    if !visitor::delete_registration(&mut tx, fair_id, seeker.account_id, &today(ctx)).await? {
        return Err(AppError::NotFound);
    }
    for booking_id in visitor::live_bookings(&mut tx, fair_id, seeker.account_id).await? {
        visitor::release_booking(&mut tx, booking_id, seeker.account_id, now).await?;
    }
    audit::record(
        &mut *tx,
        ctx.audit("fair.unregister", "job_fair", Some(fair_id.to_string()))
            .about(seeker.account_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Books a place in a slot (one live booking per booth); the seeker needs a ticket for the fair.
pub async fn book(ctx: &RequestCtx, slot_id: i64) -> Result<i64, AppError> {
    let seeker = ctx.require(Role::Seeker)?;
    let db = &ctx.state.db;
    let Some((booth_id, starts_at, fair_id, booth_status, fair_status)) =
        visitor::slot(db, slot_id).await?
    else {
        return Err(AppError::NotFound);
    };
    if BoothStatus::parse(&booth_status) != Some(BoothStatus::Approved) || fair_status == "draft" {
        return Err(AppError::NotFound);
    }
    if fair_status != "published" || starts_at <= wib_minute(ctx.now_ms()) {
        return Err(AppError::Conflict("err_slot_closed".into()));
    }
    if !visitor::is_registered(db, fair_id, seeker.account_id).await? {
        return Err(AppError::Conflict("err_slot_needs_ticket".into()));
    }
    let now = ctx.now_ms();
    let mut tx = db.begin_write().await?;
    // The seeker's registration row is written first (and so held until commit): a registration cancelled
    // meanwhile either finishes before (no ticket, no booking) or waits for this booking and releases it.
    if !visitor::hold_registration(&mut tx, fair_id, seeker.account_id).await? {
        return Err(AppError::Conflict("err_slot_needs_ticket".into()));
    }
    if !visitor::take_slot_place(&mut tx, slot_id).await? {
        return Err(AppError::Conflict("err_slot_full".into()));
    }
    let inserted =
        visitor::insert_booking(&mut tx, slot_id, booth_id, seeker.account_id, now).await?;
    let Some(id) = inserted else {
        return Err(AppError::Conflict("err_slot_already_booked".into()));
    };
    audit::record(
        &mut *tx,
        ctx.audit("fair.book_slot", "slot_booking", Some(id.to_string()))
            .about(seeker.account_id),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn cancel_booking(ctx: &RequestCtx, booking_id: i64) -> Result<(), AppError> {
    let seeker = ctx.require(Role::Seeker)?;
    let mut tx = ctx.state.db.begin_write().await?;
    if !visitor::release_booking(&mut tx, booking_id, seeker.account_id, ctx.now_ms()).await? {
        return Err(AppError::NotFound);
    }
    audit::record(
        &mut *tx,
        ctx.audit(
            "fair.cancel_booking",
            "slot_booking",
            Some(booking_id.to_string()),
        )
        .about(seeker.account_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Applies for a vacancy shown at a booth; the application counts for the fair.
pub async fn apply_at_booth(
    ctx: &RequestCtx,
    booth_id: i64,
    vacancy_id: i64,
) -> Result<i64, AppError> {
    ctx.require(Role::Seeker)?;
    let fair_id = visitor::fair_showing(&ctx.state.db, booth_id, vacancy_id)
        .await?
        .ok_or(AppError::NotFound)?;
    vacancies::apply_from(ctx, vacancy_id, "", Some(fair_id)).await
}

/// The seeker's ticket as a PDF (only its holder may download it).
pub async fn ticket_pdf(ctx: &RequestCtx, registration_id: i64) -> Result<Vec<u8>, AppError> {
    let seeker = ctx.require(Role::Seeker)?;
    let (fair_id, code) = visitor::own_ticket(&ctx.state.db, registration_id, seeker.account_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let fair = fair::fair_card(&ctx.state.db, fair_id).await?;
    let data = ticket_pdf::TicketData {
        holder: seeker.full_name.clone(),
        check_in_url: check_in_url(&ctx.state.config.server.public_url, &code),
        code,
        fair,
    };
    // Drawing a PDF is CPU work: off the async threads.
    tokio::task::spawn_blocking(move || ticket_pdf::render(&data))
        .await
        .map_err(internal)?
        .map_err(internal)
}
