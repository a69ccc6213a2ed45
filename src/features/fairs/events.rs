//! Job-fair events on the server: the officer creates, edits, publishes, closes and cancels them; anyone
//! sees the published ones.
use sqlx::{Any, FromRow, Transaction};

use crate::{
    core::{
        calendar::{format_date, wib_date},
        error::AppError,
        role::Role,
    },
    features::fairs::model::{FairCard, FairDetail, FairForm, FairList},
    server::{audit, authz::RequestCtx, db::Db, notify},
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

pub fn today(ctx: &RequestCtx) -> String {
    format_date(wib_date(ctx.now_ms()))
}

/// `YYYY-MM-DD HH:MM` in WIB, comparable with slot start times.
pub fn wib_minute(now_ms: i64) -> String {
    let wib = time::OffsetDateTime::from_unix_timestamp(now_ms.div_euclid(1000))
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
        .to_offset(time::macros::offset!(+7));
    format!(
        "{} {:02}:{:02}",
        format_date(wib.date()),
        wib.hour(),
        wib.minute()
    )
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

/// A fair anyone may see: every one but drafts (staff see drafts too).
pub async fn visible_fair(ctx: &RequestCtx, id: i64) -> Result<FairCard, AppError> {
    let fair = fair_card(&ctx.state.db, id).await?;
    let staff = ctx.user.as_ref().is_some_and(|u| u.role.is_staff());
    if fair.status == "draft" && !staff {
        return Err(AppError::NotFound);
    }
    Ok(fair)
}

pub async fn list(ctx: &RequestCtx) -> Result<FairList, AppError> {
    let today = today(ctx);
    let rows: Vec<FairRow> = sqlx::query_as(&format!(
        "SELECT {FAIR_COLUMNS} FROM job_fairs f WHERE f.status <> 'draft' AND f.ends_on >= $1 \
         ORDER BY f.starts_on, f.id LIMIT 50"
    ))
    .bind(&today)
    .fetch_all(&ctx.state.db.pool)
    .await?;
    let past: Vec<FairRow> = sqlx::query_as(&format!(
        "SELECT {FAIR_COLUMNS} FROM job_fairs f WHERE f.status IN ('published', 'closed') AND f.ends_on < $1 \
         ORDER BY f.starts_on DESC, f.id DESC LIMIT 12"
    ))
    .bind(&today)
    .fetch_all(&ctx.state.db.pool)
    .await?;
    Ok(FairList {
        upcoming: rows.into_iter().map(FairCard::from).collect(),
        past: past.into_iter().map(FairCard::from).collect(),
        today,
    })
}

pub async fn detail(ctx: &RequestCtx, id: i64) -> Result<FairDetail, AppError> {
    let fair = visible_fair(ctx, id).await?;
    let db = &ctx.state.db;
    let (description, map_url, cancel_reason): (String, Option<String>, Option<String>) =
        sqlx::query_as("SELECT description, map_url, cancel_reason FROM job_fairs WHERE id = $1")
            .bind(id)
            .fetch_one(&db.pool)
            .await?;
    let booths = super::booths::public_booths(db, id).await?;
    let viewer = viewer(ctx);
    let my_ticket = match ctx.user.as_ref().filter(|u| u.role == Role::Seeker) {
        Some(user) => sqlx::query_as::<_, (String,)>(
            "SELECT ticket_code FROM fair_registrations WHERE fair_id = $1 AND seeker_account_id = $2",
        )
        .bind(id)
        .bind(user.account_id)
        .fetch_optional(&db.pool)
        .await?
        .map(|(code,)| code),
        None => None,
    };
    Ok(FairDetail {
        fair,
        description,
        map_url,
        cancel_reason,
        booths,
        today: today(ctx),
        viewer,
        my_ticket,
    })
}

/// Who is looking: "anonymous", or the role's name.
pub fn viewer(ctx: &RequestCtx) -> String {
    ctx.user
        .as_ref()
        .map_or("anonymous", |u| u.role.as_str())
        .to_owned()
}

/// Creates a draft event (`fair_id` 0) or edits one that is not over. Returns its id.
pub async fn save(ctx: &RequestCtx, fair_id: i64, form: FairForm) -> Result<i64, AppError> {
    let officer = ctx.require_staff()?;
    let today = wib_date(ctx.now_ms());
    let plan = form
        .check((fair_id == 0).then_some(today))
        .map_err(AppError::Validation)?;
    let now = ctx.now_ms();
    let map_url = Some(form.map_url.trim().to_owned()).filter(|u| !u.is_empty());
    let mut tx = ctx.state.db.begin_write().await?;
    let id = if fair_id == 0 {
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
        .bind(officer.account_id)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        id
    } else {
        // The capacity may not drop below the visitors already registered.
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
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() == 0 {
            return Err(AppError::Conflict("err_fair_not_editable".into()));
        }
        fair_id
    };
    let action = if fair_id == 0 {
        "fair.create"
    } else {
        "fair.update"
    };
    audit::record(
        &mut *tx,
        ctx.audit(action, "job_fair", Some(id.to_string())),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The officer's form values of an event, to edit it.
pub async fn form_of(ctx: &RequestCtx, fair_id: i64) -> Result<FairForm, AppError> {
    ctx.require_staff()?;
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
    .fetch_optional(&ctx.state.db.pool)
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

/// Publishes a draft, closes a published event, or cancels one (telling every registered visitor).
pub async fn set_status(
    ctx: &RequestCtx,
    fair_id: i64,
    action: &str,
    reason: &str,
) -> Result<(), AppError> {
    ctx.require_staff()?;
    let reason = reason.trim();
    let (to, from): (&str, &[&str]) = match action {
        "publish" => ("published", &["draft"]),
        "close" => ("closed", &["published"]),
        "cancel" => ("cancelled", &["draft", "published"]),
        _ => return Err(AppError::field("action", "err_choose")),
    };
    if to == "cancelled" && reason.chars().count() < 5 {
        return Err(AppError::field("reason", "err_reason_required"));
    }
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    let changed = sqlx::query(
        "UPDATE job_fairs SET status = $1, cancel_reason = $2, updated_at_ms = $3 WHERE id = $4 AND status IN ($5, $6)",
    )
    .bind(to)
    .bind((to == "cancelled").then(|| reason.to_owned()))
    .bind(now)
    .bind(fair_id)
    .bind(from[0])
    .bind(from.get(1).copied().unwrap_or(from[0]))
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() == 0 {
        return Err(AppError::Conflict("err_fair_status".into()));
    }
    if to == "cancelled" {
        tell_visitors_of_cancellation(ctx, &mut tx, fair_id, now).await?;
    }
    audit::record(
        &mut *tx,
        ctx.audit(
            match to {
                "published" => "fair.publish",
                "closed" => "fair.close",
                _ => "fair.cancel",
            },
            "job_fair",
            Some(fair_id.to_string()),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Every registered visitor gets a notice (in the portal and by e-mail); their slot bookings end.
async fn tell_visitors_of_cancellation(
    ctx: &RequestCtx,
    tx: &mut Transaction<'static, Any>,
    fair_id: i64,
    now: i64,
) -> Result<(), AppError> {
    let (name,): (String,) = sqlx::query_as("SELECT name FROM job_fairs WHERE id = $1")
        .bind(fair_id)
        .fetch_one(&mut **tx)
        .await?;
    let visitors: Vec<(i64, String)> = sqlx::query_as(
        "SELECT a.id, a.email FROM fair_registrations r JOIN accounts a ON a.id = r.seeker_account_id \
         WHERE r.fair_id = $1",
    )
    .bind(fair_id)
    .fetch_all(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE slot_bookings SET status = 'cancelled', updated_at_ms = $1 WHERE status = 'booked' \
         AND booth_id IN (SELECT id FROM fair_booths WHERE fair_id = $2)",
    )
    .bind(now)
    .bind(fair_id)
    .execute(&mut **tx)
    .await?;
    // Bookings already marked attended or missed stay counted.
    sqlx::query(
        "UPDATE booth_slots SET booked = (SELECT COUNT(*) FROM slot_bookings k WHERE k.slot_id = booth_slots.id \
         AND k.status <> 'cancelled') WHERE booth_id IN (SELECT id FROM fair_booths WHERE fair_id = $1)",
    )
    .bind(fair_id)
    .execute(&mut **tx)
    .await?;
    let public_url = &ctx.state.config.server.public_url;
    for (account_id, email) in visitors {
        notify::send(
            tx,
            notify::Notice {
                account_id,
                message_key: "notice_fair_cancelled",
                subject: &name,
                link: Some(format!("/bursa-kerja/{fair_id}")),
                now_ms: now,
                email: Some(notify::Email {
                    to: &email,
                    public_url,
                }),
            },
        )
        .await?;
    }
    Ok(())
}
