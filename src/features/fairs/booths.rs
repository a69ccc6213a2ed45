//! Booths on the server: a company asks for one, an officer decides; the company writes its page, picks
//! its vacancies, uploads a banner, plans interview slots and runs its queue; anyone sees approved booths
//! and their screen.
use sqlx::FromRow;

use crate::{
    core::{error::AppError, role::Role},
    features::{
        ak1::model::Decision,
        fairs::{
            events::{self, FAIR_COLUMNS, FairRow, viewer, wib_minute},
            model::{
                BANNER_MAX_BYTES, BoothCard, BoothForm, BoothPage, BoothRequest, BoothScreen,
                BoothVacancy, CompanyBooth, CompanyFairs, FairCard, OfficerFairs, QueueEntry,
                SlotPlanForm, SlotView,
            },
            visitors,
        },
        vacancies::service::company_of,
    },
    server::{audit, authz::RequestCtx, db::Db, error::internal, notify, qr},
};

pub async fn public_booths(db: &Db, fair_id: i64) -> Result<Vec<BoothCard>, AppError> {
    let rows: Vec<(i64, String, String, i64, Option<String>)> = sqlx::query_as(
        "SELECT b.id, c.name, b.description, (SELECT COUNT(*) FROM fair_booth_vacancies v WHERE v.booth_id = b.id), \
         b.banner_key FROM fair_booths b JOIN companies c ON c.id = b.company_id \
         WHERE b.fair_id = $1 AND b.status = 'approved' ORDER BY c.name",
    )
    .bind(fair_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, company_name, description, vacancies, banner)| BoothCard {
                id,
                company_name,
                description,
                vacancies,
                has_banner: banner.is_some(),
            },
        )
        .collect())
}

#[derive(FromRow)]
struct BoothRow {
    id: i64,
    fair_id: i64,
    company_id: i64,
    company_name: String,
    status: String,
    description: String,
    contact_hours: String,
    banner_key: Option<String>,
    officer_note: Option<String>,
}

async fn booth_row(db: &Db, booth_id: i64) -> Result<BoothRow, AppError> {
    sqlx::query_as(
        "SELECT b.id, b.fair_id, b.company_id, c.name AS company_name, b.status, b.description, b.contact_hours, \
         b.banner_key, b.officer_note FROM fair_booths b JOIN companies c ON c.id = b.company_id WHERE b.id = $1",
    )
    .bind(booth_id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)
}

/// An approved booth of a fair the public may see.
async fn public_booth(ctx: &RequestCtx, booth_id: i64) -> Result<(BoothRow, FairCard), AppError> {
    let booth = booth_row(&ctx.state.db, booth_id).await?;
    if booth.status != "approved" {
        return Err(AppError::NotFound);
    }
    let fair = events::visible_fair(ctx, booth.fair_id).await?;
    Ok((booth, fair))
}

/// The calling company's own booth.
async fn own_booth(ctx: &RequestCtx, booth_id: i64) -> Result<BoothRow, AppError> {
    let (_, company_id) = company_of(ctx)?;
    let booth = booth_row(&ctx.state.db, booth_id).await?;
    if booth.company_id != company_id {
        return Err(AppError::NotFound);
    }
    Ok(booth)
}

async fn slots(db: &Db, booth_id: i64, from: &str, limit: i64) -> Result<Vec<SlotView>, AppError> {
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

async fn booth_vacancies(db: &Db, booth_id: i64) -> Result<Vec<(i64, String, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT v.id, v.title, r.name FROM fair_booth_vacancies bv JOIN vacancies v ON v.id = bv.vacancy_id \
         JOIN regions r ON r.code = v.district_code WHERE bv.booth_id = $1 AND v.status = 'published' ORDER BY v.title",
    )
    .bind(booth_id)
    .fetch_all(&db.pool)
    .await?)
}

pub async fn page(ctx: &RequestCtx, booth_id: i64) -> Result<BoothPage, AppError> {
    let (booth, fair) = public_booth(ctx, booth_id).await?;
    let db = &ctx.state.db;
    let seeker = ctx
        .user
        .as_ref()
        .filter(|u| u.role == Role::Seeker)
        .map(|u| u.account_id);
    let applied: Vec<i64> = match seeker {
        Some(account_id) => sqlx::query_as::<_, (i64,)>(
            "SELECT a.vacancy_id FROM job_applications a JOIN fair_booth_vacancies bv ON bv.vacancy_id = a.vacancy_id \
             WHERE bv.booth_id = $1 AND a.seeker_account_id = $2",
        )
        .bind(booth_id)
        .bind(account_id)
        .fetch_all(&db.pool)
        .await?
        .into_iter()
        .map(|(id,)| id)
        .collect(),
        None => Vec::new(),
    };
    let vacancies = booth_vacancies(db, booth_id)
        .await?
        .into_iter()
        .map(|(id, title, district)| BoothVacancy {
            id,
            title,
            district,
            applied: applied.contains(&id),
        })
        .collect();
    let (registered, my_booking) = match seeker {
        Some(account_id) => (
            visitors::is_registered(db, fair.id, account_id).await?,
            visitors::booking_at(db, booth_id, account_id).await?,
        ),
        None => (false, None),
    };
    Ok(BoothPage {
        id: booth.id,
        company_name: booth.company_name,
        description: booth.description,
        contact_hours: booth.contact_hours,
        has_banner: booth.banner_key.is_some(),
        vacancies,
        slots: slots(db, booth_id, &wib_minute(ctx.now_ms()), 200).await?,
        viewer: viewer(ctx),
        registered,
        my_booking,
        fair,
    })
}

pub async fn screen(ctx: &RequestCtx, booth_id: i64) -> Result<BoothScreen, AppError> {
    let (booth, fair) = public_booth(ctx, booth_id).await?;
    let db = &ctx.state.db;
    let booth_url = format!(
        "{}/bursa-kerja/stan/{booth_id}",
        ctx.state.config.server.public_url.trim_end_matches('/')
    );
    Ok(BoothScreen {
        booth_id,
        fair_name: fair.name,
        company_name: booth.company_name,
        vacancies: booth_vacancies(db, booth_id)
            .await?
            .into_iter()
            .map(|(_, title, _)| title)
            .take(8)
            .collect(),
        next_slots: slots(db, booth_id, &wib_minute(ctx.now_ms()), 6).await?,
        qr: qr::svg(&booth_url).map_err(internal)?,
        booth_url,
        now_ms: ctx.now_ms(),
    })
}

/// The booth's banner image (public once the booth is approved).
pub async fn banner(ctx: &RequestCtx, booth_id: i64) -> Result<Vec<u8>, AppError> {
    let (booth, _) = public_booth(ctx, booth_id).await?;
    let key = booth.banner_key.ok_or(AppError::NotFound)?;
    ctx.state.storage.get(&key).await.map_err(internal)
}

pub async fn request(ctx: &RequestCtx, fair_id: i64, form: BoothForm) -> Result<i64, AppError> {
    let (account_id, company_id) = company_of(ctx)?;
    form.check().map_err(AppError::Validation)?;
    let db = &ctx.state.db;
    let (verified,): (i64,) = sqlx::query_as("SELECT verified FROM companies WHERE id = $1")
        .bind(company_id)
        .fetch_one(&db.pool)
        .await?;
    if verified != 1 {
        return Err(AppError::Conflict("err_company_unverified".into()));
    }
    let fair = events::fair_card(db, fair_id).await?;
    if fair.status != "published" || fair.ends_on < events::today(ctx) {
        return Err(AppError::Conflict("err_fair_not_open_for_booths".into()));
    }
    let mut tx = db.begin_write().await?;
    let inserted: Option<(i64,)> = sqlx::query_as(&format!(
        "INSERT INTO fair_booths (fair_id, company_id, status, description, contact_hours, requested_by, created_at_ms) \
         VALUES ($1, $2, 'requested', $3, $4, $5, $6){} RETURNING id",
        db.backend.insert_ignore_suffix("fair_id, company_id")
    ))
    .bind(fair_id)
    .bind(company_id)
    .bind(form.description.trim())
    .bind(form.contact_hours.trim())
    .bind(account_id)
    .bind(ctx.now_ms())
    .fetch_optional(&mut *tx)
    .await?;
    let Some((id,)) = inserted else {
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

pub async fn decide(
    ctx: &RequestCtx,
    booth_id: i64,
    decision: Decision,
    reason: &str,
) -> Result<(), AppError> {
    let officer = ctx.require_staff()?;
    let reason = reason.trim();
    let status = match decision {
        Decision::Approve => "approved",
        Decision::Reject => "rejected",
        Decision::Revise => return Err(AppError::field("decision", "err_choose")),
    };
    if status == "rejected" && reason.chars().count() < 5 {
        return Err(AppError::field("reason", "err_reason_required"));
    }
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    let decided = sqlx::query(
        "UPDATE fair_booths SET status = $1, officer_note = $2, decided_by = $3, decided_at_ms = $4 \
         WHERE id = $5 AND status = 'requested'",
    )
    .bind(status)
    .bind(Some(reason.to_owned()).filter(|r| !r.is_empty()))
    .bind(officer.account_id)
    .bind(now)
    .bind(booth_id)
    .execute(&mut *tx)
    .await?;
    if decided.rows_affected() == 0 {
        return Err(AppError::Conflict("err_already_reviewed".into()));
    }
    let (requested_by, email, fair_name): (i64, String, String) = sqlx::query_as(
        "SELECT b.requested_by, a.email, f.name FROM fair_booths b JOIN accounts a ON a.id = b.requested_by \
         JOIN job_fairs f ON f.id = b.fair_id WHERE b.id = $1",
    )
    .bind(booth_id)
    .fetch_one(&mut *tx)
    .await?;
    notify::send(
        &mut tx,
        notify::Notice {
            account_id: requested_by,
            message_key: if status == "approved" {
                "notice_booth_approved"
            } else {
                "notice_booth_rejected"
            },
            subject: &fair_name,
            link: Some("/perusahaan/bursa-kerja".into()),
            now_ms: now,
            email: Some(notify::Email {
                to: &email,
                public_url: &ctx.state.config.server.public_url,
            }),
        },
    )
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "fair.booth_decide",
            "fair_booth",
            Some(booth_id.to_string()),
        )
        .detail(status),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn update(ctx: &RequestCtx, booth_id: i64, form: BoothForm) -> Result<(), AppError> {
    let booth = own_booth(ctx, booth_id).await?;
    form.check().map_err(AppError::Validation)?;
    let mut tx = ctx.state.db.begin_write().await?;
    sqlx::query("UPDATE fair_booths SET description = $1, contact_hours = $2 WHERE id = $3")
        .bind(form.description.trim())
        .bind(form.contact_hours.trim())
        .bind(booth.id)
        .execute(&mut *tx)
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
        let own: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM vacancies WHERE id = $1 AND company_id = $2 AND status = 'published'",
        )
        .bind(vacancy_id)
        .bind(booth.company_id)
        .fetch_optional(&mut *tx)
        .await?;
        if own.is_none() {
            return Err(AppError::NotFound);
        }
        sqlx::query(&format!(
            "INSERT INTO fair_booth_vacancies (booth_id, vacancy_id) VALUES ($1, $2){}",
            db.backend.insert_ignore_suffix("booth_id, vacancy_id")
        ))
        .bind(booth.id)
        .bind(vacancy_id)
        .execute(&mut *tx)
        .await?;
    } else {
        sqlx::query("DELETE FROM fair_booth_vacancies WHERE booth_id = $1 AND vacancy_id = $2")
            .bind(booth.id)
            .bind(vacancy_id)
            .execute(&mut *tx)
            .await?;
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
        sqlx::query("UPDATE fair_booths SET banner_key = $1 WHERE id = $2")
            .bind(&key)
            .bind(booth.id)
            .execute(&mut *tx)
            .await?;
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
    if booth.status != "approved" {
        return Err(AppError::Conflict("err_booth_not_approved".into()));
    }
    let db = &ctx.state.db;
    let fair = events::fair_card(db, booth.fair_id).await?;
    let hours = fair
        .hours()
        .ok_or_else(|| internal("fair dates unreadable"))?;
    let new_slots = plan.check(&hours).map_err(AppError::Validation)?;
    let video_url = Some(plan.video_url.trim().to_owned()).filter(|u| !u.is_empty());
    let mut tx = db.begin_write().await?;
    let mut added = 0;
    for slot in &new_slots {
        let result = sqlx::query(&format!(
            "INSERT INTO booth_slots (booth_id, starts_at, minutes, capacity, video_url) VALUES ($1, $2, $3, $4, $5){}",
            db.backend.insert_ignore_suffix("booth_id, starts_at")
        ))
        .bind(booth.id)
        .bind(&slot.starts_at)
        .bind(slot.minutes)
        .bind(slot.capacity)
        .bind(video_url.clone())
        .execute(&mut *tx)
        .await?;
        added += result.rows_affected() as usize;
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
    let (_, company_id) = company_of(ctx)?;
    let mut tx = ctx.state.db.begin_write().await?;
    let deleted = sqlx::query(
        "DELETE FROM booth_slots WHERE id = $1 AND booth_id IN (SELECT id FROM fair_booths WHERE company_id = $2) \
         AND NOT EXISTS (SELECT 1 FROM slot_bookings WHERE slot_id = $1)",
    )
    .bind(slot_id)
    .bind(company_id)
    .execute(&mut *tx)
    .await?;
    if deleted.rows_affected() == 0 {
        // Another company's slot (or none) is "not found", as everywhere: only one's own booked slot is a
        // conflict.
        let own: Option<(i64,)> = sqlx::query_as(
            "SELECT s.id FROM booth_slots s JOIN fair_booths b ON b.id = s.booth_id WHERE s.id = $1 AND b.company_id = $2",
        )
        .bind(slot_id)
        .bind(company_id)
        .fetch_optional(&mut *tx)
        .await?;
        return Err(match own {
            Some(_) => AppError::Conflict("err_slot_has_bookings".into()),
            None => AppError::NotFound,
        });
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
    let (_, company_id) = company_of(ctx)?;
    if !matches!(outcome, "attended" | "missed") {
        return Err(AppError::field("outcome", "err_choose"));
    }
    let mut tx = ctx.state.db.begin_write().await?;
    let marked = sqlx::query(
        "UPDATE slot_bookings SET status = $1, updated_at_ms = $2 WHERE id = $3 AND status <> 'cancelled' \
         AND booth_id IN (SELECT id FROM fair_booths WHERE company_id = $4)",
    )
    .bind(outcome)
    .bind(ctx.now_ms())
    .bind(booking_id)
    .bind(company_id)
    .execute(&mut *tx)
    .await?;
    if marked.rows_affected() == 0 {
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

pub async fn company_view(ctx: &RequestCtx) -> Result<CompanyFairs, AppError> {
    let (_, company_id) = company_of(ctx)?;
    let db = &ctx.state.db;
    let today = events::today(ctx);
    let open: Vec<FairRow> = sqlx::query_as(&format!(
        "SELECT {FAIR_COLUMNS} FROM job_fairs f WHERE f.status = 'published' AND f.ends_on >= $1 \
         AND NOT EXISTS (SELECT 1 FROM fair_booths b WHERE b.fair_id = f.id AND b.company_id = $2) ORDER BY f.starts_on"
    ))
    .bind(&today)
    .bind(company_id)
    .fetch_all(&db.pool)
    .await?;
    let booth_ids: Vec<(i64,)> = sqlx::query_as(
        "SELECT b.id FROM fair_booths b JOIN job_fairs f ON f.id = b.fair_id WHERE b.company_id = $1 \
         ORDER BY f.starts_on DESC, b.id DESC LIMIT 20",
    )
    .bind(company_id)
    .fetch_all(&db.pool)
    .await?;
    let mut booths = Vec::with_capacity(booth_ids.len());
    for (id,) in booth_ids {
        booths.push(company_booth(ctx, id, &today).await?);
    }
    if booths.iter().any(|b| !b.queue.is_empty()) {
        // The queue names the seekers who booked: a read of their personal data.
        audit::record(&db.pool, ctx.audit("fair.queue_read", "fair_booth", None)).await?;
    }
    let vacancies: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, title FROM vacancies WHERE company_id = $1 AND status = 'published' ORDER BY title LIMIT 200",
    )
    .bind(company_id)
    .fetch_all(&db.pool)
    .await?;
    let (verified,): (i64,) = sqlx::query_as("SELECT verified FROM companies WHERE id = $1")
        .bind(company_id)
        .fetch_one(&db.pool)
        .await?;
    Ok(CompanyFairs {
        open_fairs: open.into_iter().map(FairCard::from).collect(),
        booths,
        vacancies,
        company_verified: verified == 1,
    })
}

async fn company_booth(
    ctx: &RequestCtx,
    booth_id: i64,
    today: &str,
) -> Result<CompanyBooth, AppError> {
    let db = &ctx.state.db;
    let booth = booth_row(db, booth_id).await?;
    let fair = events::fair_card(db, booth.fair_id).await?;
    let vacancy_ids: Vec<(i64,)> =
        sqlx::query_as("SELECT vacancy_id FROM fair_booth_vacancies WHERE booth_id = $1")
            .bind(booth_id)
            .fetch_all(&db.pool)
            .await?;
    // The queue of the fair's current day, or of its first day before it begins.
    let queue_day = if today > fair.starts_on.as_str() && today <= fair.ends_on.as_str() {
        today.to_owned()
    } else {
        fair.starts_on.clone()
    };
    let queue: Vec<(i64, String, String, String, Option<i64>)> = sqlx::query_as(
        "SELECT k.id, s.starts_at, a.full_name, k.status, r.checked_in_at_ms FROM slot_bookings k \
         JOIN booth_slots s ON s.id = k.slot_id JOIN accounts a ON a.id = k.seeker_account_id \
         LEFT JOIN fair_registrations r ON r.fair_id = $1 AND r.seeker_account_id = k.seeker_account_id \
         WHERE k.booth_id = $2 AND k.status <> 'cancelled' AND s.starts_at >= $3 AND s.starts_at < $4 \
         ORDER BY s.starts_at, k.id",
    )
    .bind(fair.id)
    .bind(booth_id)
    .bind(format!("{queue_day} 00:00"))
    .bind(format!("{queue_day} 99:99"))
    .fetch_all(&db.pool)
    .await?;
    Ok(CompanyBooth {
        id: booth.id,
        status: booth.status,
        officer_note: booth.officer_note,
        description: booth.description,
        contact_hours: booth.contact_hours,
        has_banner: booth.banner_key.is_some(),
        vacancy_ids: vacancy_ids.into_iter().map(|(id,)| id).collect(),
        slots: slots(db, booth_id, "", 500).await?,
        queue: queue
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
            .collect(),
        queue_day,
        fair,
    })
}

pub async fn officer_view(ctx: &RequestCtx) -> Result<OfficerFairs, AppError> {
    ctx.require_staff()?;
    let db = &ctx.state.db;
    let fairs: Vec<FairRow> = sqlx::query_as(&format!(
        "SELECT {FAIR_COLUMNS} FROM job_fairs f ORDER BY f.starts_on DESC, f.id DESC LIMIT 50"
    ))
    .fetch_all(&db.pool)
    .await?;
    let requests: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT b.id, f.name, c.name, b.description, b.created_at_ms FROM fair_booths b \
         JOIN job_fairs f ON f.id = b.fair_id JOIN companies c ON c.id = b.company_id \
         WHERE b.status = 'requested' ORDER BY b.created_at_ms, b.id LIMIT 100",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(OfficerFairs {
        fairs: fairs.into_iter().map(FairCard::from).collect(),
        booth_requests: requests
            .into_iter()
            .map(
                |(id, fair_name, company_name, description, created_at_ms)| BoothRequest {
                    id,
                    fair_name,
                    company_name,
                    description,
                    created_at_ms,
                },
            )
            .collect(),
    })
}

/// The approved booth of the calling company at this fair, if any (its staff may check tickets in).
pub async fn company_booth_at(
    db: &Db,
    fair_id: i64,
    company_id: i64,
) -> Result<Option<i64>, AppError> {
    Ok(sqlx::query_as::<_, (i64,)>(
        "SELECT id FROM fair_booths WHERE fair_id = $1 AND company_id = $2 AND status = 'approved'",
    )
    .bind(fair_id)
    .bind(company_id)
    .fetch_optional(&db.pool)
    .await?
    .map(|(id,)| id))
}
