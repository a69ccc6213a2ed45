//! Events: the shared `FairRow`, the public and officer lists, the event form, status changes and what a
//! cancellation undoes.
use sqlx::{AnyConnection, FromRow};

use crate::{
    core::{calendar::format_date, error::AppError},
    features::fairs::model::{FairCard, FairForm, FairPlan},
    server::db::Db,
};

/// The columns of a [`FairRow`]; `f` is `job_fairs`.
pub const FAIR_COLUMNS: &str = "f.id, f.name, f.kind, f.venue, f.starts_on, f.ends_on, f.opens_at, f.closes_at, \
    f.registration_opens_on, f.registration_closes_on, f.status, f.capacity, f.registered, \
    (SELECT COUNT(*) FROM fair_booths b WHERE b.fair_id = f.id AND b.status = 'approved') AS booths";

#[derive(FromRow)]
pub struct FairRow {
    id: i64,
    name: String,
    kind: String,
    venue: String,
    starts_on: String,
    ends_on: String,
    opens_at: String,
    closes_at: String,
    registration_opens_on: String,
    registration_closes_on: String,
    status: String,
    capacity: i64,
    registered: i64,
    booths: i64,
}

impl From<FairRow> for FairCard {
    fn from(r: FairRow) -> FairCard {
        FairCard {
            id: r.id,
            name: r.name,
            kind: r.kind,
            venue: r.venue,
            starts_on: r.starts_on,
            ends_on: r.ends_on,
            opens_at: r.opens_at,
            closes_at: r.closes_at,
            registration_opens_on: r.registration_opens_on,
            registration_closes_on: r.registration_closes_on,
            status: r.status,
            capacity: r.capacity,
            registered: r.registered,
            booths: r.booths,
        }
    }
}

fn cards(rows: Vec<FairRow>) -> Vec<FairCard> {
    rows.into_iter().map(FairCard::from).collect()
}

pub async fn fair_card(db: &Db, id: i64) -> Result<FairCard, AppError> {
    let row: Option<FairRow> = sqlx::query_as(&format!(
        "SELECT {FAIR_COLUMNS} FROM job_fairs f WHERE f.id = $1"
    ))
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    row.map(FairCard::from).ok_or(AppError::NotFound)
}

/// The events that are not drafts and not over, soonest first.
pub async fn upcoming(db: &Db, today: &str) -> Result<Vec<FairCard>, AppError> {
    let rows: Vec<FairRow> = sqlx::query_as(&format!(
        "SELECT {FAIR_COLUMNS} FROM job_fairs f WHERE f.status <> 'draft' AND f.ends_on >= $1 \
         ORDER BY f.starts_on, f.id LIMIT 50"
    ))
    .bind(today)
    .fetch_all(&db.pool)
    .await?;
    Ok(cards(rows))
}

/// The events that took place, latest first.
pub async fn past(db: &Db, today: &str) -> Result<Vec<FairCard>, AppError> {
    let rows: Vec<FairRow> = sqlx::query_as(&format!(
        "SELECT {FAIR_COLUMNS} FROM job_fairs f WHERE f.status IN ('published', 'closed') AND f.ends_on < $1 \
         ORDER BY f.starts_on DESC, f.id DESC LIMIT 12"
    ))
    .bind(today)
    .fetch_all(&db.pool)
    .await?;
    Ok(cards(rows))
}

/// Published events still open where this company has no booth yet.
pub async fn open_for_company(
    db: &Db,
    today: &str,
    company_id: i64,
) -> Result<Vec<FairCard>, AppError> {
    let rows: Vec<FairRow> = sqlx::query_as(&format!(
        "SELECT {FAIR_COLUMNS} FROM job_fairs f WHERE f.status = 'published' AND f.ends_on >= $1 \
         AND NOT EXISTS (SELECT 1 FROM fair_booths b WHERE b.fair_id = f.id AND b.company_id = $2) ORDER BY f.starts_on"
    ))
    .bind(today)
    .bind(company_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(cards(rows))
}

/// Every event for the officer, latest first.
pub async fn all_latest(db: &Db) -> Result<Vec<FairCard>, AppError> {
    let rows: Vec<FairRow> = sqlx::query_as(&format!(
        "SELECT {FAIR_COLUMNS} FROM job_fairs f ORDER BY f.starts_on DESC, f.id DESC LIMIT 50"
    ))
    .fetch_all(&db.pool)
    .await?;
    Ok(cards(rows))
}

/// `(description, map_url, cancel_reason)` of an event.
pub async fn page_text(
    db: &Db,
    id: i64,
) -> Result<(String, Option<String>, Option<String>), AppError> {
    Ok(
        sqlx::query_as("SELECT description, map_url, cancel_reason FROM job_fairs WHERE id = $1")
            .bind(id)
            .fetch_one(&db.pool)
            .await?,
    )
}

/// Inserts a draft event; returns its id.
pub async fn insert(
    conn: &mut AnyConnection,
    form: &FairForm,
    plan: &FairPlan,
    map_url: Option<String>,
    officer_id: i64,
    now: i64,
) -> Result<i64, AppError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO job_fairs (name, description, kind, venue, map_url, starts_on, ends_on, opens_at, closes_at, \
         registration_opens_on, registration_closes_on, capacity, status, created_by, created_at_ms, updated_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'draft', $13, $14, $14) RETURNING id",
    )
    .bind(form.name.trim())
    .bind(form.description.trim())
    .bind(form.kind.trim())
    .bind(form.venue.trim())
    .bind(map_url)
    .bind(format_date(plan.starts_on))
    .bind(format_date(plan.ends_on))
    .bind(form.opens_at.trim())
    .bind(form.closes_at.trim())
    .bind(format_date(plan.registration_opens_on))
    .bind(format_date(plan.registration_closes_on))
    .bind(plan.capacity)
    .bind(officer_id)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

/// Edits an event that is not over; false when it is not editable. The capacity may not drop below the
/// visitors already registered.
pub async fn update(
    conn: &mut AnyConnection,
    fair_id: i64,
    form: &FairForm,
    plan: &FairPlan,
    map_url: Option<String>,
    now: i64,
) -> Result<bool, AppError> {
    let updated = sqlx::query(
        "UPDATE job_fairs SET name = $1, description = $2, kind = $3, venue = $4, map_url = $5, starts_on = $6, \
         ends_on = $7, opens_at = $8, closes_at = $9, registration_opens_on = $10, registration_closes_on = $11, \
         capacity = $12, updated_at_ms = $13 WHERE id = $14 AND status IN ('draft', 'published') AND registered <= $12",
    )
    .bind(form.name.trim())
    .bind(form.description.trim())
    .bind(form.kind.trim())
    .bind(form.venue.trim())
    .bind(map_url)
    .bind(format_date(plan.starts_on))
    .bind(format_date(plan.ends_on))
    .bind(form.opens_at.trim())
    .bind(form.closes_at.trim())
    .bind(format_date(plan.registration_opens_on))
    .bind(format_date(plan.registration_closes_on))
    .bind(plan.capacity)
    .bind(now)
    .bind(fair_id)
    .execute(&mut *conn)
    .await?;
    Ok(updated.rows_affected() > 0)
}

/// The stored values of an event as its form.
pub async fn form(db: &Db, fair_id: i64) -> Result<FairForm, AppError> {
    #[derive(FromRow)]
    struct Row {
        name: String,
        description: String,
        kind: String,
        venue: String,
        map_url: Option<String>,
        starts_on: String,
        ends_on: String,
        opens_at: String,
        closes_at: String,
        registration_opens_on: String,
        registration_closes_on: String,
        capacity: i64,
    }
    let row: Row = sqlx::query_as(
        "SELECT name, description, kind, venue, map_url, starts_on, ends_on, opens_at, closes_at, \
         registration_opens_on, registration_closes_on, capacity FROM job_fairs WHERE id = $1",
    )
    .bind(fair_id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(FairForm {
        name: row.name,
        description: row.description,
        kind: row.kind,
        venue: row.venue,
        map_url: row.map_url.unwrap_or_default(),
        starts_on: row.starts_on,
        ends_on: row.ends_on,
        opens_at: row.opens_at,
        closes_at: row.closes_at,
        registration_opens_on: row.registration_opens_on,
        registration_closes_on: row.registration_closes_on,
        capacity: row.capacity.to_string(),
    })
}

/// Moves an event from one of the `from` statuses (one or two) to `to`; false when it was in none.
pub async fn set_status(
    conn: &mut AnyConnection,
    fair_id: i64,
    to: &str,
    from: &[&str],
    cancel_reason: Option<String>,
    now: i64,
) -> Result<bool, AppError> {
    let changed = sqlx::query(
        "UPDATE job_fairs SET status = $1, cancel_reason = $2, updated_at_ms = $3 WHERE id = $4 AND status IN ($5, $6)",
    )
    .bind(to)
    .bind(cancel_reason)
    .bind(now)
    .bind(fair_id)
    .bind(from[0])
    .bind(from.get(1).copied().unwrap_or(from[0]))
    .execute(&mut *conn)
    .await?;
    Ok(changed.rows_affected() > 0)
}

pub async fn name(conn: &mut AnyConnection, fair_id: i64) -> Result<String, AppError> {
    let (name,): (String,) = sqlx::query_as("SELECT name FROM job_fairs WHERE id = $1")
        .bind(fair_id)
        .fetch_one(&mut *conn)
        .await?;
    Ok(name)
}

/// `(account_id, email)` of every registered visitor.
pub async fn visitors(
    conn: &mut AnyConnection,
    fair_id: i64,
) -> Result<Vec<(i64, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT a.id, a.email FROM fair_registrations r JOIN accounts a ON a.id = r.seeker_account_id \
         WHERE r.fair_id = $1",
    )
    .bind(fair_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Ends the live slot bookings of a cancelled fair and recounts its slots.
pub async fn end_bookings(
    conn: &mut AnyConnection,
    fair_id: i64,
    now: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE slot_bookings SET status = 'cancelled', updated_at_ms = $1 WHERE status = 'booked' \
         AND booth_id IN (SELECT id FROM fair_booths WHERE fair_id = $2)",
    )
    .bind(now)
    .bind(fair_id)
    .execute(&mut *conn)
    .await?;
    // Bookings already marked attended or missed stay counted.
    sqlx::query(
        "UPDATE booth_slots SET booked = (SELECT COUNT(*) FROM slot_bookings k WHERE k.slot_id = booth_slots.id \
         AND k.status <> 'cancelled') WHERE booth_id IN (SELECT id FROM fair_booths WHERE fair_id = $1)",
    )
    .bind(fair_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
