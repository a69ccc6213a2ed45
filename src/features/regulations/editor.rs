//! Officers and admins publish: a new regulation, or a new version of one (never an overwrite). A version
//! already in force is announced to followers in the same transaction; a later one is forewarned now
//! (with its effective date) and announced by the daily job on that day.
use crate::{
    core::{
        calendar::{format_date, wib_date},
        error::AppError,
    },
    features::regulations::{
        announce::{Announcement, announce, forewarn},
        model::RegulationForm,
        repo::{self, NewVersion},
    },
    server::{audit, authz::RequestCtx},
};

/// Publishes the form; returns the regulation's id.
pub async fn publish(ctx: &RequestCtx, form: RegulationForm) -> Result<i64, AppError> {
    let staff = ctx.require_staff()?;
    let errors = form.check();
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    let (id, version) = if form.is_new() {
        let id = repo::insert_regulation(&mut tx, &form.category, &form.kind, now).await?;
        (id, 1)
    } else {
        let id: i64 = form
            .regulation_id
            .trim()
            .parse()
            .map_err(|_| AppError::NotFound)?;
        let current = repo::current(&mut tx, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let base: i64 = form.base_version.trim().parse().unwrap_or(current.version);
        (id, base + 1)
    };
    let effective_on = form.effective_on.trim();
    let new = NewVersion {
        regulation_id: id,
        version,
        title: form.title.trim(),
        body: form.body.trim(),
        title_en: form.title_en.trim(),
        body_en: form.body_en.trim(),
        link: form.link.trim(),
        change_note: form.change_note.trim(),
        effective_on,
        published_by: staff.account_id,
        now_ms: now,
    };
    // A concurrent publication of the same version number fails the unique key: a conflict, not a 500.
    let version_id = match repo::insert_version(&mut tx, &new).await {
        Ok(id) => id,
        Err(e) if crate::server::error::violated_constraint(&e).is_some() => {
            return Err(AppError::Conflict("regulation_err_conflict".into()));
        }
        Err(e) => return Err(e.into()),
    };
    if repo::advance(
        &mut tx,
        id,
        version - 1,
        version,
        &form.category,
        &form.kind,
        now,
    )
    .await?
        == 0
    {
        return Err(AppError::Conflict("regulation_err_conflict".into()));
    }
    let a = Announcement {
        version_id,
        regulation_id: id,
        category: &form.category,
        title: form.title.trim(),
    };
    if effective_on <= format_date(wib_date(now)).as_str() {
        announce(&ctx.state, &mut tx, &a, now).await?;
    } else {
        forewarn(&ctx.state, &mut tx, &a, effective_on, now).await?;
    }
    audit::record(
        &mut *tx,
        ctx.audit("regulation.publish", "regulation", Some(id.to_string()))
            .detail(if version == 1 { "new" } else { "version" }),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
