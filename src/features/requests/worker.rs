//! The worker's side of a PHK report: a signed-in seeker sees the reports about them (matched by their
//! NIK's keyed hash) and objects online within 7 working days of the notice (then bipartite talks follow).
use crate::{
    core::{
        calendar::{format_date, wib_date},
        error::AppError,
        role::Role,
        text::normalize_text,
    },
    features::requests::{
        engine::{self, Actor},
        model::{OBJECTION_CHARS, PhkView, RequestStatus, Values},
        officer::objection_until,
        repo::{self, write},
        views::field_lines,
    },
    server::{audit, authz::RequestCtx, reference},
};

/// The PHK reports about the signed-in seeker.
pub async fn my_reports(ctx: &RequestCtx) -> Result<Vec<PhkView>, AppError> {
    let seeker = ctx.require(Role::Seeker)?.clone();
    let db = &ctx.state.db;
    let Some(hash) = repo::seeker_nik_hash(db, seeker.account_id).await? else {
        return Ok(Vec::new());
    };
    let rows = repo::phk_for_worker(db, &hash).await?;
    audit::record(
        &db.pool,
        ctx.audit("requests.phk_read", "request", None)
            .about(seeker.account_id),
    )
    .await?;
    let cal = reference::holiday_calendar(db).await?;
    let today = wib_date(ctx.now_ms());
    Ok(rows
        .into_iter()
        .map(|row| {
            let values: Values = serde_json::from_str(&row.data_json).unwrap_or_default();
            let until = objection_until(&cal, &row);
            let open = RequestStatus::parse(&row.status).is_some_and(RequestStatus::with_office)
                && until.is_some_and(|until| today <= until);
            PhkView {
                id: row.id,
                code: row.code.clone(),
                company_name: row.company_name.clone(),
                status: row.status.clone(),
                fields: field_lines(&row, &values),
                can_object: open && row.objection.is_none(),
                objection: row.objection.clone(),
                objection_until: until.map(format_date).unwrap_or_default(),
            }
        })
        .collect())
}

/// The worker objects to a PHK report about them, once, while the office has it.
pub async fn object(ctx: &RequestCtx, id: i64, text: &str) -> Result<(), AppError> {
    let seeker = ctx.require(Role::Seeker)?.clone();
    let (min, max) = OBJECTION_CHARS;
    let text = normalize_text(text, min, max).map_err(|key| AppError::field("objection", key))?;
    let db = &ctx.state.db;
    let hash = repo::seeker_nik_hash(db, seeker.account_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = ctx.now_ms();
    let mut tx = db.begin_write().await?;
    let row = repo::by_id(&mut *tx, id)
        .await?
        .filter(|r| r.worker_nik_hash.as_deref() == Some(hash.as_str()))
        .ok_or(AppError::NotFound)?;
    // The 7 working days of PP 35/2021 Ps 39 are the worker's, and only those.
    let cal = reference::holiday_calendar(db).await?;
    if objection_until(&cal, &row).is_none_or(|until| wib_date(now) > until) {
        return Err(AppError::Conflict("requests_err_objection_closed".into()));
    }
    if !write::object(&mut *tx, id, &hash, &text, now).await? {
        return Err(AppError::Conflict("requests_err_objection_closed".into()));
    }
    let status = RequestStatus::parse(&row.status).unwrap_or(RequestStatus::Submitted);
    let worker = Actor {
        account_id: Some(seeker.account_id),
        role: "seeker",
    };
    let url = ctx.state.config.server.public_url.clone();
    engine::record(
        &mut tx,
        &url,
        &row,
        Some(status),
        status,
        worker,
        Some("keberatan pekerja"),
        now,
    )
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit("requests.phk_object", "request", Some(id.to_string()))
            .about(seeker.account_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
