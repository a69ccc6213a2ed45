//! The daily complaint job (run by `server::jobs`): a bipartite stage without an agreement after 30 working
//! days has failed (UU 2/2004 Ps 3 ayat (3)) and the 7-day choice starts, the parties told; an answer to the
//! anjuran that did not come within 10 working days is recorded as a rejection (Ps 13 ayat (2) huruf c);
//! parties who did not choose conciliation or arbitration within 7 working days go to mediation (Ps 4 ayat
//! (4)); and every clock past its last day alerts the responsible officer and the heads (admins), once.
use time::Date;

use crate::{
    core::{
        calendar::{HolidayCalendar, format_date, parse_date, wib_date},
        error::AppError,
    },
    features::complaints::{
        model::{Clock, Status, answer_or_silence, bipartite_lapsed, case_ref},
        notices,
        repo::{self, write},
    },
    server::{notify, reference, state::AppState},
};

pub async fn run_clocks(state: &AppState) -> Result<String, AppError> {
    let now = state.clock.now_ms();
    let today = wib_date(now);
    let day = format_date(today);
    let calendar = reference::holiday_calendar(&state.db).await?;
    let pool = &state.db.pool;
    let mut failed = 0;
    for (id, started, _) in write::lapsed(pool, Clock::Bipartite, Status::Bipartite, &day).await? {
        if parse_date(&started).is_some_and(|s| bipartite_lapsed(&calendar, s, today)) {
            failed += bipartite_failed(state, &calendar, id, now).await?;
        }
    }
    let mut silent = 0;
    for (id, _, due) in write::lapsed(pool, Clock::Answers, Status::Recommendation, &day).await? {
        if let Some(due) = parse_date(&due) {
            silent += silence(state, id, due, today, now).await?;
        }
    }
    let mut mediation = 0;
    for (id, _, _) in write::lapsed(pool, Clock::Choice, Status::Choice, &day).await? {
        mediation += appoint_mediator(state, &calendar, id, now).await?;
    }
    let mut alerts = 0;
    for (id, step, officer) in write::unalerted_overdue(pool, &day).await? {
        alerts += alert(state, id, &step, officer, now).await?;
    }
    Ok(format!(
        "{silent} silent answers, {mediation} to mediation, {failed} bipartite failed, {alerts} overdue alerts"
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

/// The bipartite stage ran 30 working days without an agreement: it failed by law. The case moves on to
/// the 7 working days in which the parties may choose conciliation or arbitration, and both sides are told
/// that next step. Returns 1 when this run moved the case.
async fn bipartite_failed(
    state: &AppState,
    calendar: &HolidayCalendar,
    id: i64,
    now: i64,
) -> Result<usize, AppError> {
    let today = wib_date(now);
    let mut tx = state.db.begin_write().await?;
    let moved = write::advance(
        &mut *tx,
        id,
        &[Status::Bipartite],
        Status::Choice,
        None,
        now,
    );
    if !moved.await? {
        return Ok(0);
    }
    let Some(case) = repo::by_id(&mut *tx, id).await? else {
        return Ok(0);
    };
    let (was, to) = (Status::Bipartite.as_str(), Status::Choice.as_str());
    crate::server::events::complaint_status_changed(&mut tx, now, &case_ref(id), was, to).await?;
    write::stop_clock(&mut *tx, id, Clock::Bipartite, &format_date(today)).await?;
    let due = Clock::Choice.due(calendar, today);
    let (start, due) = (format_date(today), format_date(due));
    write::start_clock(&mut *tx, id, Clock::Choice, &start, &due).await?;
    write::event(&mut *tx, &system_event(id, "bipartite_lapsed", &due, now)).await?;
    let recipients = notices::recipients(&mut tx, &case).await?;
    let subject = format!("{} · {due}", case.code);
    let company_subject = format!("{} · {due}", case_ref(id));
    let title = "Perundingan bipartit dinyatakan gagal";
    notices::mail_complainant(&mut tx, &case, title, &subject, now).await?;
    let key = "complaint_notice_bipartite_lapsed";
    let subjects = (subject.as_str(), company_subject.as_str());
    let public_url = &state.config.server.public_url;
    for notice in notices::build(public_url, &recipients, key, subjects, &case, now) {
        notify::send(&mut tx, notice).await?;
    }
    tx.commit().await?;
    Ok(1)
}

/// Records silence for each side that did not answer in time (the model's rule decides); returns how many.
async fn silence(
    state: &AppState,
    id: i64,
    due: Date,
    today: Date,
    now: i64,
) -> Result<usize, AppError> {
    let mut tx = state.db.begin_write().await?;
    let Some(case) = repo::by_id(&mut *tx, id).await? else {
        return Ok(0);
    };
    let mut count = 0;
    let sides = [
        ("worker", case.worker_answer.as_deref()),
        ("company", case.company_answer.as_deref()),
    ];
    for (side, answer) in sides {
        if answer.is_none()
            && answer_or_silence(answer, due, today) == Some("silent")
            && write::set_answer(&mut *tx, id, side, "silent").await?
        {
            write::event(&mut *tx, &system_event(id, "silence", side, now)).await?;
            count += 1;
        }
    }
    write::stop_clock(&mut *tx, id, Clock::Answers, &format_date(today)).await?;
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
    let (was, to) = (Status::Choice.as_str(), Status::Mediation.as_str());
    crate::server::events::complaint_status_changed(&mut tx, now, &case_ref(id), was, to).await?;
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

/// A missed deadline: the officer and the heads hear of it by the case number, never the ticket code (the
/// complainant's only key, which these mailboxes must not hold).
async fn alert(
    state: &AppState,
    id: i64,
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
    let subject = format!("{} · {step}", case_ref(id));
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
