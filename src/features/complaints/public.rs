//! What the person who complains does, signed in or not: files a complaint (the code is theirs to keep),
//! adds information, files and their answer to the anjuran by code, and rates the service once closed.
use crate::{
    core::{calendar::format_date, error::AppError, role::Role, text::normalize_text},
    features::complaints::{
        model::{Clock, ComplaintForm, Privacy, Status, case_ref, normalize_code, valid_code},
        repo::{self, ComplaintRow, write},
        support,
    },
    server::{audit, authz::RequestCtx, notify},
};

/// Files a complaint; returns its ticket code. An anonymous complaint is tied to no account, and its
/// audit row says neither who sent it nor from where.
pub async fn file(ctx: &RequestCtx, form: ComplaintForm) -> Result<String, AppError> {
    let now = ctx.now_ms();
    let (today, calendar) = support::calendar(ctx).await?;
    let checked = form.check(today).map_err(AppError::Validation)?;
    let anonymous = checked.privacy == Privacy::Anonymous;
    let account_id = match &ctx.user {
        Some(user) if !anonymous && user.role == Role::Seeker => Some(user.account_id),
        _ => None,
    };
    let db = &ctx.state.db;
    let company_name = match checked.company_id {
        Some(id) => repo::company_name(&db.pool, id)
            .await?
            .ok_or_else(|| AppError::field("company_id", "err_choose"))?,
        None => checked.company_name.clone(),
    };
    // Counted before the write: filing needs no account, so an address and a named company get a bounded
    // number of complaints (429 beyond it), and junk cannot bury real cases or flood a company's list.
    support::reserve_filing(ctx, checked.company_id, &company_name).await?;
    let code = support::new_code();
    let mut tx = db.begin_write().await?;
    let id = write::insert(
        &mut *tx,
        &write::NewComplaint {
            code: &code,
            form: &checked,
            company_name: &company_name,
            account_id,
            now_ms: now,
        },
    )
    .await?;
    support::start_clock(&mut tx, &calendar, id, Clock::Verify, today).await?;
    write::event(
        &mut *tx,
        &write::Event {
            complaint_id: id,
            kind: "filed",
            body: "",
            by_role: "complainant",
            company_sees: true,
            at_ms: now,
        },
    )
    .await?;
    if let (Some(account), Some(user)) = (account_id, &ctx.user) {
        notify::send(
            &mut tx,
            notify::Notice {
                account_id: account,
                message_key: "complaint_notice_filed",
                subject: &code,
                link: Some(format!("/pengaduan/{code}")),
                now_ms: now,
                email: Some(notify::Email {
                    to: &user.email,
                    public_url: &ctx.state.config.server.public_url,
                }),
            },
        )
        .await?;
    }
    audit::record(
        &mut *tx,
        support::audit(ctx, "complaint.file", id, checked.privacy.as_str()),
    )
    .await?;
    tx.commit().await?;
    Ok(code)
}

/// The case behind a typed code (a malformed code is not looked up).
pub async fn by_code(ctx: &RequestCtx, code: &str) -> Result<ComplaintRow, AppError> {
    let code = normalize_code(code);
    if !valid_code(&code) {
        return Err(AppError::NotFound);
    }
    repo::by_code(&ctx.state.db.pool, &code)
        .await?
        .ok_or(AppError::NotFound)
}

/// The person adds information, a file, or their answer to the anjuran ("accept"/"reject").
pub async fn add_info(
    ctx: &RequestCtx,
    code: &str,
    text: &str,
    answer: &str,
    file: Option<(String, Vec<u8>)>,
) -> Result<(), AppError> {
    let case = by_code(ctx, code).await?;
    let status = Status::parse(&case.status).ok_or(AppError::NotFound)?;
    if !status.is_open() {
        return Err(AppError::Conflict("complaint_err_closed".into()));
    }
    let text = if text.trim().is_empty() {
        String::new()
    } else {
        normalize_text(text, 5, 4000).map_err(|key| AppError::field("text", key))?
    };
    let answer = answer.trim();
    if !matches!(answer, "" | "accept" | "reject") {
        return Err(AppError::field("answer", "err_choose"));
    }
    if !answer.is_empty() && status != Status::Recommendation {
        return Err(AppError::Conflict("complaint_err_no_anjuran".into()));
    }
    if text.is_empty() && answer.is_empty() && file.is_none() {
        return Err(AppError::field("text", "complaint_err_nothing"));
    }
    let stored = support::store_file(ctx, case.id, file).await?;
    let now = ctx.now_ms();
    let (today, calendar) = support::calendar(ctx).await?;
    let verify = (
        format_date(today),
        format_date(Clock::Verify.due(&calendar, today)),
    );
    let mut tx = ctx.state.db.begin_write().await?;
    if !answer.is_empty() && !write::set_answer(&mut *tx, case.id, "worker", answer).await? {
        return Err(AppError::Conflict("complaint_err_answered".into()));
    }
    let kind = if answer.is_empty() {
        "info"
    } else {
        "worker_answer"
    };
    let body = if answer.is_empty() {
        text.clone()
    } else {
        format!("{answer}\n{text}").trim().to_owned()
    };
    write::event(
        &mut *tx,
        &write::Event {
            complaint_id: case.id,
            kind,
            body: &body,
            by_role: "complainant",
            company_sees: false,
            at_ms: now,
        },
    )
    .await?;
    if let Some(file) = &stored {
        support::record_file(&mut tx, case.id, "complainant", file, now).await?;
    }
    write::reopen_after_info(&mut tx, case.id, now, (&verify.0, &verify.1)).await?;
    if let Some(officer) = case.officer_id {
        notify::send(
            &mut tx,
            notify::Notice {
                account_id: officer,
                message_key: "complaint_notice_info",
                subject: &case_ref(case.id),
                link: Some(format!("/petugas/pengaduan/{}", case.id)),
                now_ms: now,
                email: None,
            },
        )
        .await?;
    }
    audit::record(
        &mut *tx,
        support::audit(ctx, "complaint.info", case.id, &case.privacy),
    )
    .await?;
    tx.commit().await?;
    if let Some(file) = stored {
        file.pending.keep();
    }
    Ok(())
}

/// The 1-4 satisfaction rating of a closed or referred case, once.
pub async fn rate(ctx: &RequestCtx, code: &str, rating: i64) -> Result<(), AppError> {
    if !(1..=4).contains(&rating) {
        return Err(AppError::field("rating", "err_choose"));
    }
    let case = by_code(ctx, code).await?;
    let mut tx = ctx.state.db.begin_write().await?;
    if !write::rate(&mut *tx, case.id, rating).await? {
        return Err(AppError::Conflict("complaint_err_rated".into()));
    }
    audit::record(
        &mut *tx,
        support::audit(ctx, "complaint.rate", case.id, &case.privacy),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
