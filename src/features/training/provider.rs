//! Providers manage their programmes: a company its own (`/perusahaan/pelatihan`), officers the BLK's and
//! partners' (`/petugas/pelatihan`). The provider is in every query (`COALESCE(company_id, 0) = owner`).
//! Selection, attendance and results; a result of completed or passed issues the certificate at once and
//! adds the programme's skills to the person's wallet as verified.
use crate::{
    core::{calendar::parse_date, error::AppError, text::normalize_text},
    features::training::{
        model::{ProgrammeForm, RegStatus},
        repo::{programme, registration as reg, sessions},
        support::{new_certificate_code, provider, release_place, require_vouching, send, today},
    },
    server::{audit, authz::RequestCtx, review},
};

/// A provider opened a programme's participant list (names of people): the read is audited.
pub async fn record_participants_read(ctx: &RequestCtx, programme_id: i64) -> Result<(), AppError> {
    audit::record(
        &ctx.state.db.pool,
        ctx.audit(
            "training.participants_read",
            "training_programme",
            Some(programme_id.to_string()),
        ),
    )
    .await?;
    Ok(())
}

/// Creates (`programme_id` 0) or edits a programme; returns its id.
pub async fn save(
    ctx: &RequestCtx,
    programme_id: i64,
    mut form: ProgrammeForm,
) -> Result<i64, AppError> {
    let who = provider(ctx)?;
    if who.is_office() {
        if form.provider_kind.trim() == "company" {
            return Err(AppError::field("provider_kind", "err_choose"));
        }
    } else {
        form.provider_kind = "company".into();
    }
    let today = parse_date(&today(ctx)).ok_or(AppError::BadRequest)?;
    let plan = form
        .check((programme_id == 0).then_some(today))
        .map_err(AppError::Validation)?;
    let name = if who.is_office() {
        form.provider_name.trim().to_owned()
    } else {
        programme::company_name(&ctx.state.db, who.owner).await?
    };
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    let id = if programme_id == 0 {
        // A new programme is published at once: only a verified company may offer one.
        require_vouching(&mut tx, who).await?;
        let company = (!who.is_office()).then_some(who.owner);
        programme::insert(&mut tx, company, &name, &form, &plan, who.account_id, now).await?
    } else {
        if !programme::update(&mut tx, programme_id, who.owner, &form, &plan, now).await? {
            drop(tx);
            return Err(
                if programme::owned(&ctx.state.db, programme_id, who.owner).await? {
                    AppError::Conflict("err_training_quota_below_held".into())
                } else {
                    AppError::NotFound
                },
            );
        }
        programme_id
    };
    audit::record(
        &mut *tx,
        ctx.audit("training.save", "training_programme", Some(id.to_string())),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The selection's result: "accepted", "reserve" or "not_accepted". A registered person put on the
/// reserve list gives the place back and waits at the end of the order; a reserve may be accepted directly
/// while a place is free; a place or a reserve given back by "not_accepted" moves the first reserve up.
pub async fn decide(
    ctx: &RequestCtx,
    registration_id: i64,
    decision: &str,
) -> Result<(), AppError> {
    let who = provider(ctx)?;
    let to = match decision {
        "accepted" => RegStatus::Accepted,
        "reserve" => RegStatus::Reserve,
        "not_accepted" => RegStatus::NotAccepted,
        _ => return Err(AppError::field("decision", "err_choose")),
    };
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    let row = reg::of_provider(&mut tx, registration_id, who.owner)
        .await?
        .ok_or(AppError::NotFound)?;
    programme::lock(&mut tx, row.programme_id).await?;
    let from = RegStatus::parse(&row.status).ok_or(AppError::NotFound)?;
    let allowed = match to {
        RegStatus::Reserve => from == RegStatus::Registered,
        _ => from == RegStatus::Registered || from == RegStatus::Reserve,
    };
    if !allowed {
        return Err(review::already_reviewed());
    }
    let mut notices = vec![(
        row.seeker_account_id,
        row.email.clone(),
        match to {
            RegStatus::Accepted => "training_notice_accepted",
            RegStatus::Reserve => "training_notice_reserve",
            _ => "training_notice_not_accepted",
        },
    )];
    match (from, to) {
        (_, RegStatus::Reserve) => {
            let rank = reg::place_to_reserve(&mut tx, row.programme_id)
                .await?
                .ok_or_else(|| AppError::Conflict("err_training_no_reserve_left".into()))?;
            review::claimed(reg::set_reserve(&mut tx, row.id, rank, now).await?)?;
        }
        (RegStatus::Reserve, RegStatus::Accepted) => {
            if !reg::reserve_to_place(&mut tx, row.programme_id).await? {
                return Err(AppError::Conflict("err_training_no_place_free".into()));
            }
            review::claimed(
                reg::set_status(&mut tx, row.id, from.as_str(), to.as_str(), now).await?,
            )?;
        }
        _ => {
            review::claimed(
                reg::set_status(&mut tx, row.id, from.as_str(), to.as_str(), now).await?,
            )?;
            if to == RegStatus::NotAccepted {
                if from.holds_place() {
                    release_place(&mut tx, &row, now, &mut notices).await?;
                } else {
                    reg::adjust(&mut tx, row.programme_id, 0, -1).await?;
                }
            }
        }
    }
    for (account_id, email, key) in &notices {
        send(ctx, &mut tx, *account_id, email, key, &row.title).await?;
    }
    audit::record(
        &mut *tx,
        ctx.audit(
            "training.select",
            "training_registration",
            Some(row.id.to_string()),
        )
        .about(row.seeker_account_id)
        .detail(to.as_str()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Cancels a published programme: every registration ends and each person is told (in-app and by e-mail).
pub async fn cancel(ctx: &RequestCtx, programme_id: i64) -> Result<(), AppError> {
    let who = provider(ctx)?;
    let now = ctx.now_ms();
    let title = programme::detail(&ctx.state.db, programme_id)
        .await?
        .card
        .title;
    let mut tx = ctx.state.db.begin_write().await?;
    if !programme::cancel(&mut tx, programme_id, who.owner, now).await? {
        drop(tx);
        return Err(
            if programme::owned(&ctx.state.db, programme_id, who.owner).await? {
                review::already_reviewed()
            } else {
                AppError::NotFound
            },
        );
    }
    for (account_id, email) in reg::withdraw_all(&mut tx, programme_id, now).await? {
        send(
            ctx,
            &mut tx,
            account_id,
            &email,
            "training_notice_cancelled",
            &title,
        )
        .await?;
    }
    audit::record(
        &mut *tx,
        ctx.audit(
            "training.cancel",
            "training_programme",
            Some(programme_id.to_string()),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn add_session(
    ctx: &RequestCtx,
    programme_id: i64,
    session_on: &str,
    topic: &str,
) -> Result<i64, AppError> {
    let who = provider(ctx)?;
    if parse_date(session_on.trim()).is_none() {
        return Err(AppError::field("session_on", "err_date"));
    }
    let topic = normalize_text(topic, 3, 150).map_err(|k| AppError::field("topic", k))?;
    if !programme::owned(&ctx.state.db, programme_id, who.owner).await? {
        return Err(AppError::NotFound);
    }
    let mut tx = ctx.state.db.begin_write().await?;
    let id = sessions::insert(
        &mut tx,
        programme_id,
        session_on.trim(),
        &topic,
        ctx.now_ms(),
    )
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit("training.session", "training_session", Some(id.to_string())),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Marks an accepted participant present or absent at a session (the tablet checklist).
pub async fn mark(
    ctx: &RequestCtx,
    session_id: i64,
    registration_id: i64,
    present: bool,
) -> Result<(), AppError> {
    let who = provider(ctx)?;
    let mut tx = ctx.state.db.begin_write().await?;
    let programme_id = sessions::programme_of(&mut tx, session_id, who.owner)
        .await?
        .ok_or(AppError::NotFound)?;
    let row = reg::of_provider(&mut tx, registration_id, who.owner)
        .await?
        .filter(|r| r.programme_id == programme_id)
        .ok_or(AppError::NotFound)?;
    if RegStatus::parse(&row.status) != Some(RegStatus::Accepted) {
        return Err(AppError::Conflict("err_training_not_participant".into()));
    }
    sessions::mark(
        &mut tx,
        session_id,
        registration_id,
        present,
        who.account_id,
        ctx.now_ms(),
    )
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "training.attendance",
            "training_registration",
            Some(registration_id.to_string()),
        )
        .about(row.seeker_account_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Records the result of an accepted participant; completed or passed issues the certificate now.
/// Returns the certificate code (empty when none is issued).
pub async fn record_result(
    ctx: &RequestCtx,
    registration_id: i64,
    result: &str,
) -> Result<String, AppError> {
    let who = provider(ctx)?;
    let to = RegStatus::parse(result)
        .filter(|r| r.finished() || *r == RegStatus::NotCompleted)
        .ok_or_else(|| AppError::field("result", "err_choose"))?;
    let now = ctx.now_ms();
    let code = to.finished().then(new_certificate_code);
    let mut tx = ctx.state.db.begin_write().await?;
    let row = reg::of_provider(&mut tx, registration_id, who.owner)
        .await?
        .ok_or(AppError::NotFound)?;
    // A result issues a certificate and marks the person's skills verified.
    require_vouching(&mut tx, who).await?;
    review::claimed(reg::record_result(&mut tx, row.id, to.as_str(), code.as_deref(), now).await?)?;
    if let Some(code) = &code {
        reg::verify_skills(&mut tx, row.id, code, now).await?;
    }
    let key = match to {
        RegStatus::NotCompleted => "training_notice_not_completed",
        _ => "training_notice_certificate",
    };
    send(
        ctx,
        &mut tx,
        row.seeker_account_id,
        &row.email,
        key,
        &row.title,
    )
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "training.result",
            "training_registration",
            Some(row.id.to_string()),
        )
        .about(row.seeker_account_id)
        .detail(to.as_str()),
    )
    .await?;
    tx.commit().await?;
    Ok(code.unwrap_or_default())
}
