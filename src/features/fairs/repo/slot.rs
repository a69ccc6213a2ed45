//! Interview slots of a booth: the timetable, the company's slot writes, booking outcomes and the queue.
use sqlx::AnyConnection;

use crate::{
    core::error::AppError,
    features::fairs::model::{NewSlot, QueueEntry, SlotView},
    server::db::{Backend, Db},
};

pub async fn slots(
    db: &Db,
    booth_id: i64,
    from: &str,
    limit: i64,
) -> Result<Vec<SlotView>, AppError> {
    let rows: Vec<(i64, String, i64, i64, i64)> = sqlx::query_as(
        "SELECT id, starts_at, minutes, capacity, booked FROM booth_slots WHERE booth_id = $1 AND starts_at >= $2 \
         ORDER BY starts_at LIMIT $3",
    )
    .bind(booth_id)
    .bind(from)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, starts_at, minutes, capacity, booked)| SlotView {
            id,
            starts_at,
            minutes,
            capacity,
            booked,
        })
        .collect())
}

/// Adds a slot unless one starts at the same time; returns how many rows were added (0 or 1).
pub async fn insert_slot(
    conn: &mut AnyConnection,
    backend: Backend,
    booth_id: i64,
    slot: &NewSlot,
    video_url: Option<String>,
) -> Result<u64, AppError> {
    let result = sqlx::query(&format!(
        "INSERT INTO booth_slots (booth_id, starts_at, minutes, capacity, video_url) VALUES ($1, $2, $3, $4, $5){}",
        backend.insert_ignore_suffix("booth_id, starts_at")
    ))
    .bind(booth_id)
    .bind(&slot.starts_at)
    .bind(slot.minutes)
    .bind(slot.capacity)
    .bind(video_url)
    .execute(&mut *conn)
    .await?;
    Ok(result.rows_affected())
}

/// Deletes a slot of this company that nobody booked; false otherwise.
pub async fn delete_unbooked_slot(
    conn: &mut AnyConnection,
    slot_id: i64,
    company_id: i64,
) -> Result<bool, AppError> {
    let deleted = sqlx::query(
        "DELETE FROM booth_slots WHERE id = $1 AND booth_id IN (SELECT id FROM fair_booths WHERE company_id = $2) \
         AND NOT EXISTS (SELECT 1 FROM slot_bookings WHERE slot_id = $1)",
    )
    .bind(slot_id)
    .bind(company_id)
    .execute(&mut *conn)
    .await?;
    Ok(deleted.rows_affected() > 0)
}

pub async fn is_own_slot(
    conn: &mut AnyConnection,
    slot_id: i64,
    company_id: i64,
) -> Result<bool, AppError> {
    let own: Option<(i64,)> = sqlx::query_as(
        "SELECT s.id FROM booth_slots s JOIN fair_booths b ON b.id = s.booth_id WHERE s.id = $1 AND b.company_id = $2",
    )
    .bind(slot_id)
    .bind(company_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(own.is_some())
}

/// Marks a live booking at one of this company's booths; false when there is none.
pub async fn mark_booking(
    conn: &mut AnyConnection,
    booking_id: i64,
    company_id: i64,
    outcome: &str,
    now: i64,
) -> Result<bool, AppError> {
    let marked = sqlx::query(
        "UPDATE slot_bookings SET status = $1, updated_at_ms = $2 WHERE id = $3 AND status <> 'cancelled' \
         AND booth_id IN (SELECT id FROM fair_booths WHERE company_id = $4)",
    )
    .bind(outcome)
    .bind(now)
    .bind(booking_id)
    .bind(company_id)
    .execute(&mut *conn)
    .await?;
    Ok(marked.rows_affected() > 0)
}

/// The live bookings of a booth on one day (`YYYY-MM-DD`), in order.
pub async fn queue(
    db: &Db,
    fair_id: i64,
    booth_id: i64,
    day: &str,
) -> Result<Vec<QueueEntry>, AppError> {
    let rows: Vec<(i64, String, String, String, Option<i64>)> = sqlx::query_as(
        "SELECT k.id, s.starts_at, a.full_name, k.status, r.checked_in_at_ms FROM slot_bookings k \
         JOIN booth_slots s ON s.id = k.slot_id JOIN accounts a ON a.id = k.seeker_account_id \
         LEFT JOIN fair_registrations r ON r.fair_id = $1 AND r.seeker_account_id = k.seeker_account_id \
         WHERE k.booth_id = $2 AND k.status <> 'cancelled' AND s.starts_at >= $3 AND s.starts_at < $4 \
         ORDER BY s.starts_at, k.id",
    )
    .bind(fair_id)
    .bind(booth_id)
    .bind(format!("{day} 00:00"))
    .bind(format!("{day} 99:99"))
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(booking_id, starts_at, seeker_name, status, checked_in)| QueueEntry {
                booking_id,
                starts_at,
                seeker_name,
                status,
                checked_in: checked_in.is_some(),
            },
        )
        .collect())
}
