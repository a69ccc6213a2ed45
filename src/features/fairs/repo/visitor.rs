//! Visitors: registrations and their capacity, slot bookings, tickets and check-ins.
//!
//! Capacity is taken by a conditional UPDATE as the first write of the transaction
//! (`SET registered = registered + 1 WHERE registered < capacity`): on PostgreSQL a concurrent request
//! waits for the row and re-checks the condition; on SQLite writers are serialized. Either way exactly
//! `capacity` requests succeed, whatever the burst.
use sqlx::AnyConnection;

use crate::{
    core::error::AppError,
    features::fairs::model::MyBooking,
    server::db::{Backend, Db},
};

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

/// The seeker's ticket code for a fair, if registered.
pub async fn ticket_code(
    db: &Db,
    fair_id: i64,
    account_id: i64,
) -> Result<Option<String>, AppError> {
    Ok(sqlx::query_as::<_, (String,)>(
        "SELECT ticket_code FROM fair_registrations WHERE fair_id = $1 AND seeker_account_id = $2",
    )
    .bind(fair_id)
    .bind(account_id)
    .fetch_optional(&db.pool)
    .await?
    .map(|(code,)| code))
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

/// The seeker's live bookings at a fair, in time order.
pub async fn bookings_at_fair(
    db: &Db,
    fair_id: i64,
    account_id: i64,
) -> Result<Vec<MyBooking>, AppError> {
    let rows: Vec<BookingRow> = sqlx::query_as(&format!(
        "SELECT {BOOKING_COLUMNS} WHERE b.fair_id = $1 AND k.seeker_account_id = $2 AND k.status <> 'cancelled' \
         ORDER BY s.starts_at"
    ))
    .bind(fair_id)
    .bind(account_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(booking).collect())
}

/// Takes a place at a published fair within its registration window; false when none is left or the
/// window is shut. The first write of the registering transaction.
pub async fn take_place(
    conn: &mut AnyConnection,
    fair_id: i64,
    today: &str,
) -> Result<bool, AppError> {
    let taken = sqlx::query(
        "UPDATE job_fairs SET registered = registered + 1 WHERE id = $1 AND status = 'published' \
         AND registered < capacity AND registration_opens_on <= $2 AND registration_closes_on >= $2",
    )
    .bind(fair_id)
    .bind(today)
    .execute(&mut *conn)
    .await?;
    Ok(taken.rows_affected() > 0)
}

/// The registration with its ticket; `None` when the seeker already has one.
pub async fn insert_registration(
    conn: &mut AnyConnection,
    backend: Backend,
    fair_id: i64,
    account_id: i64,
    code: &str,
    now: i64,
) -> Result<Option<i64>, AppError> {
    let inserted: Option<(i64,)> = sqlx::query_as(&format!(
        "INSERT INTO fair_registrations (fair_id, seeker_account_id, ticket_code, created_at_ms) \
         VALUES ($1, $2, $3, $4){} RETURNING id",
        backend.insert_ignore_suffix("fair_id, seeker_account_id")
    ))
    .bind(fair_id)
    .bind(account_id)
    .bind(code)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(inserted.map(|(id,)| id))
}

/// Deletes a registration not checked in, of a published fair that begins after `today`, and gives its
/// place back; false when there is none.
pub async fn delete_registration(
    conn: &mut AnyConnection,
    fair_id: i64,
    account_id: i64,
    today: &str,
) -> Result<bool, AppError> {
    let deleted = sqlx::query(
        "DELETE FROM fair_registrations WHERE fair_id = $1 AND seeker_account_id = $2 AND checked_in_at_ms IS NULL \
         AND fair_id IN (SELECT id FROM job_fairs WHERE status = 'published' AND starts_on > $3)",
    )
    .bind(fair_id)
    .bind(account_id)
    .bind(today)
    .execute(&mut *conn)
    .await?;
    if deleted.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query("UPDATE job_fairs SET registered = registered - 1 WHERE id = $1")
        .bind(fair_id)
        .execute(&mut *conn)
        .await?;
    Ok(true)
}

/// The seeker's booked (not yet attended) bookings at a fair.
pub async fn live_bookings(
    conn: &mut AnyConnection,
    fair_id: i64,
    account_id: i64,
) -> Result<Vec<i64>, AppError> {
    let live: Vec<(i64,)> = sqlx::query_as(
        "SELECT k.id FROM slot_bookings k JOIN fair_booths b ON b.id = k.booth_id \
         WHERE b.fair_id = $1 AND k.seeker_account_id = $2 AND k.status = 'booked'",
    )
    .bind(fair_id)
    .bind(account_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(live.into_iter().map(|(id,)| id).collect())
}

/// Cancels a live booking and gives its place back.
pub async fn release_booking(
    conn: &mut AnyConnection,
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
    .fetch_optional(&mut *conn)
    .await?;
    let Some((slot_id,)) = released else {
        return Ok(false);
    };
    sqlx::query("UPDATE booth_slots SET booked = booked - 1 WHERE id = $1 AND booked > 0")
        .bind(slot_id)
        .execute(&mut *conn)
        .await?;
    Ok(true)
}

/// `(booth_id, starts_at, fair_id, booth status, fair status)` of a slot.
pub async fn slot(
    db: &Db,
    slot_id: i64,
) -> Result<Option<(i64, String, i64, String, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT s.booth_id, s.starts_at, b.fair_id, b.status, f.status FROM booth_slots s \
         JOIN fair_booths b ON b.id = s.booth_id JOIN job_fairs f ON f.id = b.fair_id WHERE s.id = $1",
    )
    .bind(slot_id)
    .fetch_optional(&db.pool)
    .await?)
}

/// Writes the seeker's registration row (so it is held until commit); false when there is none.
pub async fn hold_registration(
    conn: &mut AnyConnection,
    fair_id: i64,
    account_id: i64,
) -> Result<bool, AppError> {
    let ticket = sqlx::query(
        "UPDATE fair_registrations SET created_at_ms = created_at_ms WHERE fair_id = $1 AND seeker_account_id = $2",
    )
    .bind(fair_id)
    .bind(account_id)
    .execute(&mut *conn)
    .await?;
    Ok(ticket.rows_affected() > 0)
}

/// Takes a place in a slot; false when it is full.
pub async fn take_slot_place(conn: &mut AnyConnection, slot_id: i64) -> Result<bool, AppError> {
    let taken = sqlx::query(
        "UPDATE booth_slots SET booked = booked + 1 WHERE id = $1 AND booked < capacity",
    )
    .bind(slot_id)
    .execute(&mut *conn)
    .await?;
    Ok(taken.rows_affected() > 0)
}

/// A booking; `None` when the seeker already has a live one at this booth.
pub async fn insert_booking(
    conn: &mut AnyConnection,
    slot_id: i64,
    booth_id: i64,
    account_id: i64,
    now: i64,
) -> Result<Option<i64>, AppError> {
    let inserted: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO slot_bookings (slot_id, booth_id, seeker_account_id, status, created_at_ms, updated_at_ms) \
         VALUES ($1, $2, $3, 'booked', $4, $4) \
         ON CONFLICT (booth_id, seeker_account_id) WHERE status <> 'cancelled' DO NOTHING RETURNING id",
    )
    .bind(slot_id)
    .bind(booth_id)
    .bind(account_id)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(inserted.map(|(id,)| id))
}

/// The fair of an approved booth showing this vacancy, if the fair is published or closed.
pub async fn fair_showing(
    db: &Db,
    booth_id: i64,
    vacancy_id: i64,
) -> Result<Option<i64>, AppError> {
    let shown: Option<(i64,)> = sqlx::query_as(
        "SELECT b.fair_id FROM fair_booth_vacancies bv JOIN fair_booths b ON b.id = bv.booth_id \
         JOIN job_fairs f ON f.id = b.fair_id \
         WHERE bv.booth_id = $1 AND bv.vacancy_id = $2 AND b.status = 'approved' AND f.status IN ('published', 'closed')",
    )
    .bind(booth_id)
    .bind(vacancy_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(shown.map(|(id,)| id))
}

/// `(registration_id, fair_id, ticket_code, checked_in_at_ms)` of the seeker's latest tickets.
pub async fn tickets(
    db: &Db,
    account_id: i64,
) -> Result<Vec<(i64, i64, String, Option<i64>)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT r.id, r.fair_id, r.ticket_code, r.checked_in_at_ms FROM fair_registrations r \
         JOIN job_fairs f ON f.id = r.fair_id WHERE r.seeker_account_id = $1 ORDER BY f.starts_on DESC LIMIT 20",
    )
    .bind(account_id)
    .fetch_all(&db.pool)
    .await?)
}

/// `(fair_id, ticket_code)` of the seeker's own registration.
pub async fn own_ticket(
    db: &Db,
    registration_id: i64,
    account_id: i64,
) -> Result<Option<(i64, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT fair_id, ticket_code FROM fair_registrations WHERE id = $1 AND seeker_account_id = $2",
    )
    .bind(registration_id)
    .bind(account_id)
    .fetch_optional(&db.pool)
    .await?)
}

/// `(registration_id, fair_id, seeker_account_id, full_name)` of a ticket code.
pub async fn by_code(db: &Db, code: &str) -> Result<Option<(i64, i64, i64, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT r.id, r.fair_id, r.seeker_account_id, a.full_name FROM fair_registrations r \
         JOIN accounts a ON a.id = r.seeker_account_id WHERE r.ticket_code = $1",
    )
    .bind(code)
    .fetch_optional(&db.pool)
    .await?)
}

/// Checks a registration in unless it already was; true the first time.
pub async fn check_in(
    conn: &mut AnyConnection,
    registration_id: i64,
    by: i64,
    now: i64,
) -> Result<bool, AppError> {
    let first = sqlx::query(
        "UPDATE fair_registrations SET checked_in_at_ms = $1, checked_in_by = $2 WHERE id = $3 AND checked_in_at_ms IS NULL",
    )
    .bind(now)
    .bind(by)
    .bind(registration_id)
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    Ok(first)
}

/// Records a ticket's visit to a booth (once).
pub async fn record_visit(
    conn: &mut AnyConnection,
    backend: Backend,
    booth_id: i64,
    registration_id: i64,
    now: i64,
) -> Result<(), AppError> {
    sqlx::query(&format!(
        "INSERT INTO booth_visits (booth_id, registration_id, at_ms) VALUES ($1, $2, $3){}",
        backend.insert_ignore_suffix("booth_id, registration_id")
    ))
    .bind(booth_id)
    .bind(registration_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn checked_in_at(
    conn: &mut AnyConnection,
    registration_id: i64,
) -> Result<i64, AppError> {
    let (checked_in_at_ms,): (i64,) =
        sqlx::query_as("SELECT checked_in_at_ms FROM fair_registrations WHERE id = $1")
            .bind(registration_id)
            .fetch_one(&mut *conn)
            .await?;
    Ok(checked_in_at_ms)
}
