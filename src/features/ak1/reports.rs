//! Re-reports (lapor diri every six months) and the reminders before each due date.
use crate::{
    core::{
        calendar::{self, format_date, parse_date},
        error::AppError,
        i18n::{Lang, fill},
        role::Role,
    },
    features::ak1::{
        model::{REMINDER_DAYS, next_report},
        repo,
        views::latest_application,
    },
    server::{audit, authz::RequestCtx, error::violated_constraint, mail, notify, state::AppState},
};

/// The holder's six-monthly re-report ("I am still looking for work"), while its window is open.
pub async fn re_report(ctx: &RequestCtx, still_seeking: bool) -> Result<(), AppError> {
    let seeker = ctx.require(Role::Seeker)?.clone();
    let today = calendar::wib_date(ctx.now_ms());
    let card = latest_application(&ctx.state.db, seeker.account_id, today).await?;
    let Some((id, next)) = card.and_then(|c| Some((c.application_id, c.next_report?))) else {
        return Err(AppError::Conflict("err_report_not_due".into()));
    };
    if !next.open {
        return Err(AppError::Conflict("err_report_not_due".into()));
    }
    let mut tx = ctx.state.db.begin_write().await?;
    repo::insert_report(&mut *tx, id, next.period, ctx.now_ms(), still_seeking)
        .await
        .map_err(|e| {
            if violated_constraint(&e).is_some() {
                AppError::Conflict("err_report_not_due".into())
            } else {
                e.into()
            }
        })?;
    audit::record(
        &mut *tx,
        ctx.audit("ak1.re_report", "ak1_application", Some(id.to_string()))
            .about(seeker.account_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Queues a reminder e-mail and an inbox notice for every card whose next re-report is due within a week
/// (once per period).
/// Run periodically by the server; returns how many reminders were queued.
pub async fn send_due_reminders(state: &AppState) -> Result<usize, AppError> {
    let now = state.clock.now_ms();
    let today = calendar::wib_date(now);
    let cards = repo::reminder_candidates(&state.db.pool, &format_date(today)).await?;
    let mut queued = 0;
    for (id, issued_on, email, name, account_id) in cards {
        let Some(issued) = parse_date(&issued_on) else {
            continue;
        };
        let done: Vec<u8> = repo::reported_periods(&state.db.pool, id)
            .await?
            .into_iter()
            .filter_map(|p| u8::try_from(p).ok())
            .collect();
        let Some(next) = next_report(issued, &done, today) else {
            continue;
        };
        let Some(due) = parse_date(&next.due) else {
            continue;
        };
        if (due - today).whole_days() > REMINDER_DAYS {
            continue;
        }
        let mut tx = state.db.begin_write().await?;
        let inserted = repo::insert_reminder(&mut *tx, id, next.period, now).await?;
        if inserted {
            let t = Lang::Id.strings();
            let link = format!("{}/akun/profil", state.config.server.public_url);
            let body = fill(
                t.mail_rereport_body,
                &[("name", &name), ("due", &next.due), ("link", &link)],
            );
            mail::enqueue(&mut *tx, now, &email, t.mail_rereport_subject, &body).await?;
            // The same reminder in the inbox (its e-mail went just above, with the holder's name).
            let notice = notify::Notice {
                account_id,
                message_key: "notice_ak1_rereport_due",
                subject: &next.due,
                link: Some("/akun/profil".to_owned()),
                now_ms: now,
                email: None,
            };
            notify::send(&mut tx, notice).await?;
            queued += 1;
        }
        tx.commit().await?;
    }
    Ok(queued)
}

/// One pass of the hourly reminder job (`wiring::jobs`): queues the reminders now due.
pub async fn run_reminders(state: &AppState) -> Result<String, AppError> {
    let queued = send_due_reminders(state).await?;
    if queued > 0 {
        tracing::info!(queued, "AK-1 re-report reminders queued");
    }
    Ok(format!("{queued} reminders queued"))
}
