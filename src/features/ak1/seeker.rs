//! The seeker's side (or the officer's at the counter, with consent): whose profile a request may touch,
//! the own profile and its entries, saving them, and applying for the AK-1.
use crate::{
    core::{
        calendar::{self, parse_date},
        error::AppError,
        role::Role,
    },
    features::{
        accounts::{model::age_on, service as accounts},
        ak1::{
            experience::{CertificateEntry, MAX_ENTRIES, ProfileEntries, WorkEntry},
            model::{MIN_AGE, MyProfile, ProfileForm, completeness},
            repo::{self, Event},
            views,
        },
    },
    server::{audit, authz::RequestCtx, db::Backend, error::internal, reference},
};

/// Whose profile a request works on: the seeker's own, or, at the service counter, a person who gave
/// this officer their consent today (see `counter.rs`).
pub async fn subject(ctx: &RequestCtx, on_behalf_of: Option<i64>) -> Result<i64, AppError> {
    let Some(seeker_id) = on_behalf_of else {
        return Ok(ctx.require(Role::Seeker)?.account_id);
    };
    let officer = ctx.require_staff()?;
    let consent = repo::consent_given(
        &ctx.state.db.pool,
        seeker_id,
        officer.account_id,
        ctx.now_ms(),
    )
    .await?;
    consent.then_some(seeker_id).ok_or(AppError::Forbidden)
}

pub async fn my_profile(
    ctx: &RequestCtx,
    on_behalf_of: Option<i64>,
) -> Result<MyProfile, AppError> {
    let seeker_id = subject(ctx, on_behalf_of).await?;
    let db = &ctx.state.db;
    let form = repo::load_form(&db.pool, seeker_id).await?;
    let ak1 = views::latest_application(db, seeker_id, calendar::wib_date(ctx.now_ms())).await?;
    let files = repo::file_kinds(&db.pool, seeker_id).await?;
    let full_name = repo::full_name(&db.pool, seeker_id).await?;
    if on_behalf_of.is_some() {
        audit::record(
            &db.pool,
            ctx.audit(
                "profile.read",
                "seeker_profile",
                Some(seeker_id.to_string()),
            )
            .about(seeker_id)
            .detail("counter"),
        )
        .await?;
    }
    Ok(MyProfile {
        completeness: completeness(&form),
        form,
        files,
        ak1,
        full_name,
    })
}

pub async fn entries(
    ctx: &RequestCtx,
    on_behalf_of: Option<i64>,
) -> Result<ProfileEntries, AppError> {
    let seeker_id = subject(ctx, on_behalf_of).await?;
    views::profile_entries(&ctx.state.db, seeker_id).await
}

pub async fn save_profile(
    ctx: &RequestCtx,
    on_behalf_of: Option<i64>,
    form: ProfileForm,
) -> Result<(), AppError> {
    let seeker_id = subject(ctx, on_behalf_of).await?;
    let this_year = calendar::wib_date(ctx.now_ms()).year();
    form.check(this_year).map_err(AppError::Validation)?;
    let mut tx = ctx.state.db.begin_write().await?;
    if let Some(field) = repo::first_unknown_code(&mut tx, &form).await? {
        return Err(AppError::field(field, "err_choose"));
    }
    repo::upsert_profile(&mut *tx, seeker_id, &form, ctx.now_ms()).await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "profile.update",
            "seeker_profile",
            Some(seeker_id.to_string()),
        )
        .about(seeker_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Refuses a new entry once a profile lists `MAX_ENTRIES` in `table`.
async fn check_room(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    table: &str,
    seeker_id: i64,
) -> Result<(), AppError> {
    if repo::count_entries(&mut **tx, table, seeker_id).await? >= MAX_ENTRIES {
        return Err(AppError::Conflict("err_too_many_entries".into()));
    }
    Ok(())
}

fn this_month(ctx: &RequestCtx) -> (i32, u8) {
    let today = calendar::wib_date(ctx.now_ms());
    (today.year(), today.month() as u8)
}

pub async fn add_work(
    ctx: &RequestCtx,
    on_behalf_of: Option<i64>,
    entry: WorkEntry,
) -> Result<(), AppError> {
    let seeker_id = subject(ctx, on_behalf_of).await?;
    entry.check(this_month(ctx)).map_err(AppError::Validation)?;
    let mut tx = ctx.state.db.begin_write().await?;
    check_room(&mut tx, repo::WORK_TABLE, seeker_id).await?;
    let id = repo::insert_work(&mut *tx, seeker_id, &entry, ctx.now_ms()).await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "profile.work_add",
            "seeker_work_history",
            Some(id.to_string()),
        )
        .about(seeker_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn add_certificate(
    ctx: &RequestCtx,
    on_behalf_of: Option<i64>,
    entry: CertificateEntry,
) -> Result<(), AppError> {
    let seeker_id = subject(ctx, on_behalf_of).await?;
    entry
        .check(this_month(ctx).0)
        .map_err(AppError::Validation)?;
    let mut tx = ctx.state.db.begin_write().await?;
    check_room(&mut tx, repo::CERTIFICATE_TABLE, seeker_id).await?;
    let id = repo::insert_certificate(&mut *tx, seeker_id, &entry, ctx.now_ms()).await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "profile.certificate_add",
            "seeker_certificates",
            Some(id.to_string()),
        )
        .about(seeker_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Which list an entry is removed from.
#[derive(Clone, Copy)]
pub enum EntryList {
    Work,
    Certificates,
}

/// Removes one of the profile's own entries; another person's entry is simply not found.
pub async fn remove_entry(
    ctx: &RequestCtx,
    on_behalf_of: Option<i64>,
    list: EntryList,
    entry_id: i64,
) -> Result<(), AppError> {
    let seeker_id = subject(ctx, on_behalf_of).await?;
    let table = match list {
        EntryList::Work => repo::WORK_TABLE,
        EntryList::Certificates => repo::CERTIFICATE_TABLE,
    };
    let mut tx = ctx.state.db.begin_write().await?;
    if matches!(list, EntryList::Certificates)
        && repo::certificate_verified(&mut *tx, entry_id, seeker_id).await?
    {
        return Err(AppError::Conflict("err_training_verified_entry".into()));
    }
    if repo::delete_entry(&mut *tx, table, entry_id, seeker_id).await? == 0 {
        return Err(AppError::NotFound);
    }
    audit::record(
        &mut *tx,
        ctx.audit("profile.entry_remove", table, Some(entry_id.to_string()))
            .about(seeker_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Applies for an AK-1, or resubmits an application the officer sent back for revision.
pub async fn apply(ctx: &RequestCtx, on_behalf_of: Option<i64>) -> Result<(), AppError> {
    let seeker_id = subject(ctx, on_behalf_of).await?;
    let identity = accounts::seeker_identity(&ctx.state.db, seeker_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let today = calendar::wib_date(ctx.now_ms());
    let born = parse_date(&identity.date_of_birth)
        .ok_or_else(|| internal("stored date of birth unreadable"))?;
    if age_on(born, today) < MIN_AGE {
        return Err(AppError::Conflict("err_ak1_too_young".into()));
    }
    if !completeness(&repo::load_form(&ctx.state.db.pool, seeker_id).await?)
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
        repo::lock_account(&mut *tx, seeker_id).await?;
    }
    let (id, from) = open_application(&mut tx, seeker_id, today, now, due).await?;
    repo::record_event(
        &mut *tx,
        &Event {
            application_id: id,
            at_ms: now,
            actor: ctx.user.as_ref().map(|u| u.account_id),
            from,
            to: "waiting",
            reason: None,
        },
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

/// Puts the seeker's application into `waiting`: the one sent back for revision, or a new one. Returns
/// its id and the status it came from.
async fn open_application(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    seeker_id: i64,
    today: time::Date,
    now: i64,
    due: i64,
) -> Result<(i64, Option<&'static str>), AppError> {
    let still_valid = |until: &Option<String>| {
        until
            .as_deref()
            .and_then(parse_date)
            .is_some_and(|d| d >= today)
    };
    match repo::latest_status(&mut **tx, seeker_id).await? {
        Some((_, status, _)) if status == "waiting" => {
            Err(AppError::Conflict("err_ak1_already_waiting".into()))
        }
        Some((_, status, until)) if status == "issued" && still_valid(&until) => {
            Err(AppError::Conflict("err_ak1_already_issued".into()))
        }
        Some((id, status, _)) if status == "revision" => {
            if !repo::resubmit(&mut **tx, id, now, due).await? {
                return Err(AppError::Conflict("err_ak1_already_waiting".into()));
            }
            Ok((id, Some("revision")))
        }
        _ => Ok((
            repo::insert_application(&mut **tx, seeker_id, now, due).await?,
            None,
        )),
    }
}
