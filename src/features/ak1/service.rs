//! The seeker's side of the AK-1: application, the card and its public verification (the profile is in
//! `profile.rs`, the officer's side in `officer.rs`).
use sqlx::FromRow;

use crate::{
    core::{
        calendar::{self, format_date, parse_date},
        error::AppError,
    },
    features::{
        accounts::{model::age_on, repo as accounts},
        ak1::{
            model::{
                Ak1Event, Ak1Status, Ak1View, MIN_AGE, VerificationView, completeness, is_valid_on,
                mask_name, next_report, re_report_due_dates, tangerang_region_name,
            },
            profile,
        },
    },
    server::{
        audit,
        authz::RequestCtx,
        db::{Backend, Db},
        error::internal,
        reference,
    },
};

/// Applies for an AK-1, or resubmits an application the officer sent back for revision.
pub async fn apply(ctx: &RequestCtx, on_behalf_of: Option<i64>) -> Result<(), AppError> {
    let seeker_id = profile::subject(ctx, on_behalf_of).await?;
    let identity = accounts::seeker(&ctx.state.db, seeker_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let today = calendar::wib_date(ctx.now_ms());
    let born = parse_date(&identity.date_of_birth)
        .ok_or_else(|| internal("stored date of birth unreadable"))?;
    if age_on(born, today) < MIN_AGE {
        return Err(AppError::Conflict("err_ak1_too_young".into()));
    }
    if !completeness(&profile::load_form(&ctx.state.db, seeker_id).await?)
        .missing
        .is_empty()
    {
        return Err(AppError::Conflict("err_ak1_profile_incomplete".into()));
    }
    let now = ctx.now_ms();
    let calendar = reference::holiday_calendar(&ctx.state.db).await?;
    let due = calendar.service_deadline(now, 1);
    let mut tx = ctx.state.db.begin_write().await?;
    // On PostgreSQL two identical requests would both read "no open application" and both insert one:
    // the seeker's account row is locked first, so the second reads after the first has committed.
    // (SQLite's `BEGIN IMMEDIATE` already runs them one after the other.)
    if ctx.state.db.backend == Backend::Postgres {
        sqlx::query("SELECT id FROM accounts WHERE id = $1 FOR NO KEY UPDATE")
            .bind(seeker_id)
            .fetch_optional(&mut *tx)
            .await?;
    }
    let current: Option<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT id, status, valid_until FROM ak1_applications WHERE account_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(seeker_id)
    .fetch_optional(&mut *tx)
    .await?;
    let still_valid = |until: &Option<String>| {
        until
            .as_deref()
            .and_then(parse_date)
            .is_some_and(|d| d >= today)
    };
    let (id, from) = match current {
        Some((_, status, _)) if status == "waiting" => {
            return Err(AppError::Conflict("err_ak1_already_waiting".into()));
        }
        Some((_, status, until)) if status == "issued" && still_valid(&until) => {
            return Err(AppError::Conflict("err_ak1_already_issued".into()));
        }
        Some((id, status, _)) if status == "revision" => {
            let resubmitted = sqlx::query(
                "UPDATE ak1_applications SET status = 'waiting', submitted_at_ms = $1, due_at_ms = $2 \
                 WHERE id = $3 AND status = 'revision'",
            )
            .bind(now)
            .bind(due)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            if resubmitted.rows_affected() == 0 {
                return Err(AppError::Conflict("err_ak1_already_waiting".into()));
            }
            (id, Some("revision"))
        }
        _ => {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO ak1_applications (account_id, status, submitted_at_ms, due_at_ms) VALUES ($1, 'waiting', $2, $3) RETURNING id",
            )
            .bind(seeker_id)
            .bind(now)
            .bind(due)
            .fetch_one(&mut *tx)
            .await?;
            (id, None)
        }
    };
    record_event(
        &mut tx,
        id,
        now,
        ctx.user.as_ref().map(|u| u.account_id),
        from,
        "waiting",
        None,
    )
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit("ak1.apply", "ak1_application", Some(id.to_string()))
            .about(seeker_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn record_event(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    application_id: i64,
    at_ms: i64,
    actor: Option<i64>,
    from: Option<&str>,
    to: &str,
    reason: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO ak1_events (application_id, at_ms, actor_account_id, from_status, to_status, reason) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(application_id)
    .bind(at_ms)
    .bind(actor)
    .bind(from)
    .bind(to)
    .bind(reason)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[derive(FromRow)]
struct ApplicationRow {
    id: i64,
    status: String,
    submitted_at_ms: i64,
    due_at_ms: i64,
    officer_note: Option<String>,
    card_number: Option<String>,
    issued_on: Option<String>,
    valid_until: Option<String>,
    verification_code: Option<String>,
}

pub(crate) async fn latest_application(
    db: &Db,
    account_id: i64,
    today: time::Date,
) -> Result<Option<Ak1View>, AppError> {
    let row: Option<ApplicationRow> = sqlx::query_as(
        "SELECT id, status, submitted_at_ms, due_at_ms, officer_note, card_number, issued_on, valid_until, verification_code \
         FROM ak1_applications WHERE account_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(account_id)
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let events: Vec<(i64, String, Option<String>)> =
        sqlx::query_as("SELECT at_ms, to_status, reason FROM ak1_events WHERE application_id = $1 ORDER BY at_ms, id")
            .bind(row.id)
            .fetch_all(&db.pool)
            .await?;
    let issued = row.issued_on.as_deref().and_then(parse_date);
    let re_report_due = issued
        .map(|d| {
            re_report_due_dates(d)
                .into_iter()
                .map(format_date)
                .collect()
        })
        .unwrap_or_default();
    let reports: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT period, reported_at_ms FROM ak1_reports WHERE application_id = $1 ORDER BY period",
    )
    .bind(row.id)
    .fetch_all(&db.pool)
    .await?;
    let done: Vec<u8> = reports
        .iter()
        .filter_map(|(period, _)| u8::try_from(*period).ok())
        .collect();
    let next = match (row.status.as_str(), issued) {
        ("issued", Some(issued)) if is_valid_on(issued, today) => next_report(issued, &done, today),
        _ => None,
    };
    Ok(Some(Ak1View {
        application_id: row.id,
        status: Ak1Status::parse(&row.status).ok_or_else(|| internal("unknown AK-1 status"))?,
        submitted_at_ms: row.submitted_at_ms,
        due_at_ms: row.due_at_ms,
        officer_note: row.officer_note,
        card_number: row.card_number,
        issued_on: row.issued_on,
        valid_until: row.valid_until,
        verification_code: row.verification_code,
        re_report_due,
        reports: reports
            .iter()
            .map(|(_, at)| format_date(calendar::wib_date(*at)))
            .collect(),
        next_report: next,
        events: events
            .into_iter()
            .map(|(at_ms, to_status, reason)| Ak1Event {
                at_ms,
                to_status,
                reason,
            })
            .collect(),
    }))
}

/// The public check behind the QR code: masked name, number, state, validity.
pub async fn verify(db: &Db, code: &str, today: time::Date) -> Result<VerificationView, AppError> {
    if code.len() != 16 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(AppError::NotFound);
    }
    let row: Option<(String, String, String, String, String)> = sqlx::query_as(
        "SELECT acc.full_name, a.card_number, a.status, a.issued_on, a.valid_until FROM ak1_applications a \
         JOIN accounts acc ON acc.id = a.account_id WHERE a.verification_code = $1",
    )
    .bind(code)
    .fetch_optional(&db.pool)
    .await?;
    let (name, number, status, issued_on, until) = row.ok_or(AppError::NotFound)?;
    let issued = parse_date(&issued_on).ok_or_else(|| internal("stored issue date unreadable"))?;
    let state = match status.as_str() {
        "closed" => "closed",
        _ if is_valid_on(issued, today) => "valid",
        _ => "expired",
    };
    Ok(VerificationView {
        masked_name: mask_name(&name),
        card_number: number,
        state: state.into(),
        valid_until: until,
    })
}

/// Closes the holder's issued card because they were placed in a job. Only for a placement the person is
/// known to be part of: a hire through their own application, or a report by NIK they (or an officer)
/// confirmed (`vacancies::placement_confirm`). Returns whether a card was closed.
pub async fn close_on_placement(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    account_id: i64,
    actor_account_id: Option<i64>,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM ak1_applications WHERE account_id = $1 AND status = 'issued' ORDER BY id DESC LIMIT 1")
            .bind(account_id)
            .fetch_optional(&mut **tx)
            .await?;
    let Some((id,)) = row else { return Ok(false) };
    sqlx::query(
        "UPDATE ak1_applications SET status = 'closed', closed_reason = 'placed' WHERE id = $1",
    )
    .bind(id)
    .execute(&mut **tx)
    .await?;
    record_event(
        tx,
        id,
        now_ms,
        actor_account_id,
        Some("issued"),
        "closed",
        Some("placed"),
    )
    .await?;
    Ok(true)
}

/// The issued card as a PDF (rendered off the async runtime): the seeker's own, or printed at the counter.
pub async fn card_pdf(
    ctx: &RequestCtx,
    on_behalf_of: Option<i64>,
) -> Result<(String, Vec<u8>), AppError> {
    let seeker_id = profile::subject(ctx, on_behalf_of).await?;
    let today = calendar::wib_date(ctx.now_ms());
    let card = latest_application(&ctx.state.db, seeker_id, today)
        .await?
        .ok_or(AppError::NotFound)?;
    let (Ak1Status::Issued, Some(number), Some(code)) = (
        card.status,
        card.card_number.clone(),
        card.verification_code.clone(),
    ) else {
        return Err(AppError::NotFound);
    };
    let identity = accounts::seeker(&ctx.state.db, seeker_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let profile = profile::load_form(&ctx.state.db, seeker_id).await?;
    let (officer_name,): (String,) = sqlx::query_as(
        "SELECT COALESCE(o.full_name, '-') FROM ak1_applications a LEFT JOIN accounts o ON o.id = a.decided_by WHERE a.id = $1",
    )
    .bind(card.application_id)
    .fetch_one(&ctx.state.db.pool)
    .await?;
    let (full_name,): (String,) = sqlx::query_as("SELECT full_name FROM accounts WHERE id = $1")
        .bind(seeker_id)
        .fetch_one(&ctx.state.db.pool)
        .await?;
    let t = crate::core::i18n::Lang::Id.strings();
    let place = match (
        tangerang_region_name(&profile.village_code),
        tangerang_region_name(&profile.district_code),
    ) {
        (Some(village), Some(district)) => {
            format!("Desa/Kel. {village}, Kec. {district}, Kab. Tangerang")
        }
        (None, Some(district)) => format!("Kec. {district}, Kab. Tangerang"),
        _ => profile.address_elsewhere.clone(),
    };
    let data = super::card_pdf::CardData {
        nik: ctx
            .state
            .pii
            .decrypt(&identity.nik_ciphertext)
            .map_err(internal)?,
        full_name,
        place_of_birth: identity.place_of_birth,
        date_of_birth: identity.date_of_birth,
        sex: if identity.sex == "female" {
            t.sex_female
        } else {
            t.sex_male
        }
        .to_owned(),
        marital_status: t
            .lookup(&format!("marital_{}", profile.marital_status))
            .unwrap_or("-")
            .to_owned(),
        address: format!("{}, {place}", profile.address),
        education: format!(
            "{} - {} ({})",
            profile.education_level.replace('_', "/"),
            profile.school,
            profile.graduation_year
        ),
        skills: profile.skill_list().join(", "),
        officer_name,
        issued_on: card.issued_on.clone().unwrap_or_default(),
        valid_until: card.valid_until.clone().unwrap_or_default(),
        re_report_due: card.re_report_due.clone(),
        reports: card.reports.clone(),
        verify_url: format!(
            "{}/verifikasi/ak1/{code}",
            ctx.state.config.server.public_url
        ),
        number: number.clone(),
    };
    let bytes = tokio::task::spawn_blocking(move || super::card_pdf::render(&data))
        .await
        .map_err(internal)?
        .map_err(internal)?;
    audit::record(
        &ctx.state.db.pool,
        ctx.audit(
            "ak1.download_card",
            "ak1_application",
            Some(card.application_id.to_string()),
        )
        .about(seeker_id),
    )
    .await?;
    Ok((number, bytes))
}
