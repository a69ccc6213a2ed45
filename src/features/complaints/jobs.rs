//! The daily complaint job (run by `server::jobs`): an answer to the anjuran that did not come within 10
//! working days is recorded as a rejection (UU 2/2004 Ps 13 ayat (2) huruf c); parties who did not choose
//! conciliation or arbitration within 7 working days go to mediation (Ps 4 ayat (4)); and every clock past
//! its last day alerts the responsible officer and the heads (admins), once.
use crate::{
    core::{
        calendar::{HolidayCalendar, format_date, wib_date},
        error::AppError,
    },
    features::complaints::{
        model::{Clock, Status},
        repo::{self, write},
    },
    server::{notify, reference, state::AppState},
};

pub async fn run_clocks(state: &AppState) -> Result<String, AppError> {
    let now = state.clock.now_ms();
    let today = format_date(wib_date(now));
    let calendar = reference::holiday_calendar(&state.db).await?;
    let pool = &state.db.pool;
    let mut silent = 0;
    for id in write::lapsed(pool, Clock::Answers, Status::Recommendation, &today).await? {
        silent += silence(state, id, &today, now).await?;
    }
    let mut mediation = 0;
    for id in write::lapsed(pool, Clock::Choice, Status::Choice, &today).await? {
        mediation += appoint_mediator(state, &calendar, id, now).await?;
    }
    let mut alerts = 0;
    for (id, code, step, officer) in write::unalerted_overdue(pool, &today).await? {
        alerts += alert(state, id, &code, &step, officer, now).await?;
    }
    Ok(format!(
        "{silent} silent answers, {mediation} to mediation, {alerts} overdue alerts"
    ))
}

fn system_event<'a>(id: i64, kind: &'a str, body: &'a str, now: i64) -> write::Event<'a> {
    write::Event {
        complaint_id: id,
        kind,
        body,
        by_role: "system",
        company_sees: true,
        at_ms: now,
    }
}

/// Records silence for each side that did not answer; returns how many.
async fn silence(state: &AppState, id: i64, today: &str, now: i64) -> Result<usize, AppError> {
    let mut tx = state.db.begin_write().await?;
    let mut count = 0;
    for side in ["worker", "company"] {
        if write::set_answer(&mut *tx, id, side, "silent").await? {
            write::event(&mut *tx, &system_event(id, "silence", side, now)).await?;
            count += 1;
        }
    }
    write::stop_clock(&mut *tx, id, Clock::Answers, today).await?;
    tx.commit().await?;
    Ok(count)
}

async fn appoint_mediator(
    state: &AppState,
    calendar: &HolidayCalendar,
    id: i64,
    now: i64,
) -> Result<usize, AppError> {
    let today = wib_date(now);
    let mut tx = state.db.begin_write().await?;
    if !write::advance(
        &mut *tx,
        id,
        &[Status::Choice],
        Status::Mediation,
        None,
        now,
    )
    .await?
    {
        return Ok(0);
    }
    write::stop_clock(&mut *tx, id, Clock::Choice, &format_date(today)).await?;
    let due = Clock::Mediation.due(calendar, today);
    write::start_clock(
        &mut *tx,
        id,
        Clock::Mediation,
        &format_date(today),
        &format_date(due),
    )
    .await?;
    write::event(&mut *tx, &system_event(id, "mediator_appointed", "", now)).await?;
    tx.commit().await?;
    Ok(1)
}

async fn alert(
    state: &AppState,
    id: i64,
    code: &str,
    step: &str,
    officer: Option<i64>,
    now: i64,
) -> Result<usize, AppError> {
    let mut tx = state.db.begin_write().await?;
    if !write::mark_alerted(&mut *tx, id, step).await? {
        return Ok(0);
    }
    let mut to = repo::admins(&mut *tx).await?;
    if let Some(officer) = officer
        && let Some(email) = repo::email_of(&mut *tx, officer).await?
    {
        to.insert(0, (officer, email));
    }
    let subject = format!("{code} · {step}");
    for (account, email) in &to {
        notify::send(
            &mut tx,
            notify::Notice {
                account_id: *account,
                message_key: "complaint_notice_overdue",
                subject: &subject,
                link: Some(format!("/petugas/pengaduan/{id}")),
                now_ms: now,
                email: Some(notify::Email {
                    to: email,
                    public_url: &state.config.server.public_url,
                }),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(1)
}
