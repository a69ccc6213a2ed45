//! Visitors on the server: registration with a QR ticket, timed booth slots, applications from a booth,
//! the seeker's own tickets, and check-in by ticket code.
//!
//! Capacity is taken by a conditional UPDATE as the first write of the transaction
//! (`SET registered = registered + 1 WHERE registered < capacity`): on PostgreSQL a concurrent request
//! waits for the row and re-checks the condition; on SQLite writers are serialized. Either way exactly
//! `capacity` requests succeed, whatever the burst.
use rand::Rng;

use crate::{
    core::{error::AppError, role::Role},
    features::{
        fairs::{
            booths,
            events::{self, FAIR_COLUMNS, FairRow, wib_minute},
            model::{CheckInOutcome, FairCard, MyBooking, MyTicket, ticket_code_from_scan},
            ticket_pdf,
        },
        vacancies::applications,
    },
    server::{audit, authz::RequestCtx, db::Db, error::internal, qr},
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

pub async fn is_registered(db: &Db, fair_id: i64, account_id: i64) -> Result<bool, AppError> {
    let found: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM fair_registrations WHERE fair_id = $1 AND seeker_account_id = $2",
    )
    .bind(fair_id)
    .bind(account_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(found.is_some())
}

type BookingRow = (i64, i64, String, String, i64, String, Option<String>);

const BOOKING_COLUMNS: &str = "k.id, k.booth_id, c.name, s.starts_at, s.minutes, k.status, s.video_url \
    FROM slot_bookings k JOIN booth_slots s ON s.id = k.slot_id JOIN fair_booths b ON b.id = k.booth_id \
    JOIN companies c ON c.id = b.company_id";

fn booking(
    (id, booth_id, company_name, starts_at, minutes, status, video_url): BookingRow,
) -> MyBooking {
    MyBooking {
        id,
        booth_id,
        company_name,
        starts_at,
        minutes,
        status,
        video_url,
    }
}

/// The seeker's live booking at a booth, if any.
pub async fn booking_at(
    db: &Db,
    booth_id: i64,
    account_id: i64,
) -> Result<Option<MyBooking>, AppError> {
    let row: Option<BookingRow> = sqlx::query_as(&format!(
        "SELECT {BOOKING_COLUMNS} WHERE k.booth_id = $1 AND k.seeker_account_id = $2 AND k.status <> 'cancelled'"
    ))
    .bind(booth_id)
    .bind(account_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(booking))
}

/// Registers the seeker for a fair within its window and capacity; returns the ticket code.
pub async fn register(ctx: &RequestCtx, fair_id: i64) -> Result<String, AppError> {
    let seeker = ctx.require(Role::Seeker)?;
    let db = &ctx.state.db;
    if is_registered(db, fair_id, seeker.account_id).await? {
        return Err(AppError::Conflict("err_fair_already_registered".into()));
    }
    let today = events::today(ctx);
    let code = new_ticket_code();
    let mut tx = db.begin_write().await?;
    let taken = sqlx::query(
        "UPDATE job_fairs SET registered = registered + 1 WHERE id = $1 AND status = 'published' \
         AND registered < capacity AND registration_opens_on <= $2 AND registration_closes_on >= $2",
    )
    .bind(fair_id)
    .bind(&today)
    .execute(&mut *tx)
    .await?;
    if taken.rows_affected() == 0 {
        drop(tx);
        let fair = events::visible_fair(ctx, fair_id).await?;
        let key = if fair.status == "published" && fair.places_left() == 0 {
            "err_fair_full"
        } else {
            "err_fair_registration_closed"
        };
        return Err(AppError::Conflict(key.into()));
    }
    let inserted: Option<(i64,)> = sqlx::query_as(&format!(
        "INSERT INTO fair_registrations (fair_id, seeker_account_id, ticket_code, created_at_ms) \
         VALUES ($1, $2, $3, $4){} RETURNING id",
        db.backend
            .insert_ignore_suffix("fair_id, seeker_account_id")
    ))
    .bind(fair_id)
    .bind(seeker.account_id)
    .bind(&code)
    .bind(ctx.now_ms())
    .fetch_optional(&mut *tx)
    .await?;
    // A second request of the same person that raced the first: its place goes back (rollback).
    let Some((id,)) = inserted else {
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
    let deleted = sqlx::query(
        "DELETE FROM fair_registrations WHERE fair_id = $1 AND seeker_account_id = $2 AND checked_in_at_ms IS NULL \
         AND fair_id IN (SELECT id FROM job_fairs WHERE status = 'published' AND starts_on > $3)",
    )
    .bind(fair_id)
    .bind(seeker.account_id)
    .bind(events::today(ctx))
    .execute(&mut *tx)
    .await?;
    if deleted.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    sqlx::query("UPDATE job_fairs SET registered = registered - 1 WHERE id = $1")
        .bind(fair_id)
        .execute(&mut *tx)
        .await?;
    let live: Vec<(i64,)> = sqlx::query_as(
        "SELECT k.id FROM slot_bookings k JOIN fair_booths b ON b.id = k.booth_id \
         WHERE b.fair_id = $1 AND k.seeker_account_id = $2 AND k.status = 'booked'",
    )
    .bind(fair_id)
    .bind(seeker.account_id)
    .fetch_all(&mut *tx)
    .await?;
    for (booking_id,) in live {
        release_booking(&mut tx, booking_id, seeker.account_id, now).await?;
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
    let slot: Option<(i64, String, i64, String, String)> = sqlx::query_as(
        "SELECT s.booth_id, s.starts_at, b.fair_id, b.status, f.status FROM booth_slots s \
         JOIN fair_booths b ON b.id = s.booth_id JOIN job_fairs f ON f.id = b.fair_id WHERE s.id = $1",
    )
    .bind(slot_id)
    .fetch_optional(&db.pool)
    .await?;
    let Some((booth_id, starts_at, fair_id, booth_status, fair_status)) = slot else {
        return Err(AppError::NotFound);
    };
    if booth_status != "approved" || fair_status == "draft" {
        return Err(AppError::NotFound);
    }
    if fair_status != "published" || starts_at <= wib_minute(ctx.now_ms()) {
        return Err(AppError::Conflict("err_slot_closed".into()));
    }
    if !is_registered(db, fair_id, seeker.account_id).await? {
        return Err(AppError::Conflict("err_slot_needs_ticket".into()));
    }
    let now = ctx.now_ms();
    let mut tx = db.begin_write().await?;
    // The seeker's registration row is written first (and so held until commit): a registration cancelled
    // meanwhile either finishes before (no ticket, no booking) or waits for this booking and releases it.
    let ticket = sqlx::query(
        "UPDATE fair_registrations SET created_at_ms = created_at_ms WHERE fair_id = $1 AND seeker_account_id = $2",
    )
    .bind(fair_id)
    .bind(seeker.account_id)
    .execute(&mut *tx)
    .await?;
    if ticket.rows_affected() == 0 {
        return Err(AppError::Conflict("err_slot_needs_ticket".into()));
    }
    let taken = sqlx::query(
        "UPDATE booth_slots SET booked = booked + 1 WHERE id = $1 AND booked < capacity",
    )
    .bind(slot_id)
    .execute(&mut *tx)
    .await?;
    if taken.rows_affected() == 0 {
        return Err(AppError::Conflict("err_slot_full".into()));
    }
    let inserted: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO slot_bookings (slot_id, booth_id, seeker_account_id, status, created_at_ms, updated_at_ms) \
         VALUES ($1, $2, $3, 'booked', $4, $4) \
         ON CONFLICT (booth_id, seeker_account_id) WHERE status <> 'cancelled' DO NOTHING RETURNING id",
    )
    .bind(slot_id)
    .bind(booth_id)
    .bind(seeker.account_id)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((id,)) = inserted else {
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

/// Cancels a live booking and gives its place back.
async fn release_booking(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    booking_id: i64,
    account_id: i64,
    now: i64,
) -> Result<bool, AppError> {
    let released: Option<(i64,)> = sqlx::query_as(
        "UPDATE slot_bookings SET status = 'cancelled', updated_at_ms = $1 \
         WHERE id = $2 AND seeker_account_id = $3 AND status = 'booked' RETURNING slot_id",
    )
    .bind(now)
    .bind(booking_id)
    .bind(account_id)
    .fetch_optional(&mut **tx)
    .await?;
    let Some((slot_id,)) = released else {
        return Ok(false);
    };
    sqlx::query("UPDATE booth_slots SET booked = booked - 1 WHERE id = $1 AND booked > 0")
        .bind(slot_id)
        .execute(&mut **tx)
        .await?;
    Ok(true)
}

pub async fn cancel_booking(ctx: &RequestCtx, booking_id: i64) -> Result<(), AppError> {
    let seeker = ctx.require(Role::Seeker)?;
    let mut tx = ctx.state.db.begin_write().await?;
    if !release_booking(&mut tx, booking_id, seeker.account_id, ctx.now_ms()).await? {
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
    let shown: Option<(i64,)> = sqlx::query_as(
        "SELECT b.fair_id FROM fair_booth_vacancies bv JOIN fair_booths b ON b.id = bv.booth_id \
         JOIN job_fairs f ON f.id = b.fair_id \
         WHERE bv.booth_id = $1 AND bv.vacancy_id = $2 AND b.status = 'approved' AND f.status IN ('published', 'closed')",
    )
    .bind(booth_id)
    .bind(vacancy_id)
    .fetch_optional(&ctx.state.db.pool)
    .await?;
    let (fair_id,) = shown.ok_or(AppError::NotFound)?;
    applications::apply_from(ctx, vacancy_id, "", Some(fair_id)).await
}

pub async fn my_tickets(ctx: &RequestCtx) -> Result<Vec<MyTicket>, AppError> {
    let seeker = ctx.require(Role::Seeker)?;
    let db = &ctx.state.db;
    let rows: Vec<(i64, i64, String, Option<i64>)> = sqlx::query_as(
        "SELECT r.id, r.fair_id, r.ticket_code, r.checked_in_at_ms FROM fair_registrations r \
         JOIN job_fairs f ON f.id = r.fair_id WHERE r.seeker_account_id = $1 ORDER BY f.starts_on DESC LIMIT 20",
    )
    .bind(seeker.account_id)
    .fetch_all(&db.pool)
    .await?;
    let public_url = &ctx.state.config.server.public_url;
    let mut tickets = Vec::with_capacity(rows.len());
    for (registration_id, fair_id, code, checked_in_at_ms) in rows {
        let bookings: Vec<BookingRow> = sqlx::query_as(&format!(
            "SELECT {BOOKING_COLUMNS} WHERE b.fair_id = $1 AND k.seeker_account_id = $2 AND k.status <> 'cancelled' \
             ORDER BY s.starts_at"
        ))
        .bind(fair_id)
        .bind(seeker.account_id)
        .fetch_all(&db.pool)
        .await?;
        tickets.push(MyTicket {
            registration_id,
            fair: events::fair_card(db, fair_id).await?,
            qr: qr::svg(&check_in_url(public_url, &code)).map_err(internal)?,
            code,
            checked_in_at_ms,
            bookings: bookings.into_iter().map(booking).collect(),
        });
    }
    Ok(tickets)
}

/// The seeker's ticket as a PDF (only its holder may download it).
pub async fn ticket_pdf(ctx: &RequestCtx, registration_id: i64) -> Result<Vec<u8>, AppError> {
    let seeker = ctx.require(Role::Seeker)?;
    let row: Option<(i64, String)> = sqlx::query_as(
        "SELECT fair_id, ticket_code FROM fair_registrations WHERE id = $1 AND seeker_account_id = $2",
    )
    .bind(registration_id)
    .bind(seeker.account_id)
    .fetch_optional(&ctx.state.db.pool)
    .await?;
    let (fair_id, code) = row.ok_or(AppError::NotFound)?;
    let fair = events::fair_card(&ctx.state.db, fair_id).await?;
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

/// Checks a ticket in. Officers check visitors into the fair; a booth's staff also record the visit to
/// their booth (checking the visitor in if no one had). Each ticket checks in once.
pub async fn check_in(ctx: &RequestCtx, scanned: &str) -> Result<CheckInOutcome, AppError> {
    let user = ctx.require_signed_in()?;
    if !(user.role.is_staff() || user.role == Role::Company) {
        return Err(AppError::Forbidden);
    }
    let code = ticket_code_from_scan(scanned);
    if code.is_empty() {
        return Err(AppError::field("code", "err_required"));
    }
    let db = &ctx.state.db;
    let row: Option<(i64, i64, i64, String)> = sqlx::query_as(
        "SELECT r.id, r.fair_id, r.seeker_account_id, a.full_name FROM fair_registrations r \
         JOIN accounts a ON a.id = r.seeker_account_id WHERE r.ticket_code = $1",
    )
    .bind(&code)
    .fetch_optional(&db.pool)
    .await?;
    let Some((registration_id, fair_id, seeker_id, visitor)) = row else {
        return Err(AppError::field("code", "err_ticket_unknown"));
    };
    let booth_id = if user.role == Role::Company {
        let (_, company_id) = crate::features::vacancies::service::company_of(ctx)?;
        Some(
            booths::company_booth_at(db, fair_id, company_id)
                .await?
                .ok_or(AppError::Forbidden)?,
        )
    } else {
        None
    };
    let fair: FairCard = sqlx::query_as::<_, FairRow>(&format!(
        "SELECT {FAIR_COLUMNS} FROM job_fairs f WHERE f.id = $1"
    ))
    .bind(fair_id)
    .fetch_one(&db.pool)
    .await?
    .into();
    if !matches!(fair.status.as_str(), "published" | "closed") {
        return Err(AppError::Conflict("err_fair_not_running".into()));
    }
    let now = ctx.now_ms();
    let mut tx = db.begin_write().await?;
    let first = sqlx::query(
        "UPDATE fair_registrations SET checked_in_at_ms = $1, checked_in_by = $2 WHERE id = $3 AND checked_in_at_ms IS NULL",
    )
    .bind(now)
    .bind(user.account_id)
    .bind(registration_id)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if let Some(booth_id) = booth_id {
        sqlx::query(&format!(
            "INSERT INTO booth_visits (booth_id, registration_id, at_ms) VALUES ($1, $2, $3){}",
            db.backend.insert_ignore_suffix("booth_id, registration_id")
        ))
        .bind(booth_id)
        .bind(registration_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    let (checked_in_at_ms,): (i64,) =
        sqlx::query_as("SELECT checked_in_at_ms FROM fair_registrations WHERE id = $1")
            .bind(registration_id)
            .fetch_one(&mut *tx)
            .await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "fair.check_in",
            "fair_registration",
            Some(registration_id.to_string()),
        )
        .about(seeker_id)
        .detail(if first { "first" } else { "again" }),
    )
    .await?;
    tx.commit().await?;
    Ok(CheckInOutcome {
        first_check_in: first,
        checked_in_at_ms,
        visitor,
        fair_name: fair.name,
        booth_visit: booth_id.is_some(),
    })
}
