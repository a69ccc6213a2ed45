//! What the officer does with a case: triage (accept, ask for more, hand on), the dispute steps of UU 2/2004
//! (plan, bipartite minutes, mediation, sessions with invitations, minutes, anjuran, answers, agreement,
//! closing), each a guarded transition with its clocks, timeline entry, notices and audit row in one
//! transaction; and unlocking a confidential identity with a stated reason.
use sqlx::{Any, Transaction};
use time::Date;

use crate::{
    core::{
        calendar::{HolidayCalendar, format_date, parse_date},
        error::AppError,
        text::normalize_text,
    },
    features::complaints::{
        model::{CheckedStep, Clock, Forum, Outcome, Status, Step, StepForm, case_ref},
        notices,
        repo::{
            self, ComplaintRow,
            write::{self, TextColumn},
        },
        support,
    },
    features::survey::service as survey,
    server::{authz::RequestCtx, notify, review},
};

/// Takes one step of the procedure on a case.
pub async fn step(ctx: &RequestCtx, form: StepForm) -> Result<(), AppError> {
    let officer = ctx.require_staff()?.account_id;
    let checked = form.check().map_err(AppError::Validation)?;
    let case = repo::by_id(&ctx.state.db.pool, form.complaint_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let from = Status::parse(&case.status).ok_or(AppError::NotFound)?;
    let step = checked.step;
    if !step.from().contains(&from) {
        return Err(review::already_reviewed());
    }
    let (today, calendar) = support::calendar(ctx).await?;
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    // Guarded on the status actually read (not every status the step may start from), so a step taken on a
    // stale page cannot move the case back: Session/Minutes/Answer keep the status they were taken in.
    review::claimed(
        write::advance(
            &mut *tx,
            case.id,
            &[from],
            step.to(from),
            Some(officer),
            now,
        )
        .await?,
    )?;
    let (was, to) = (from.as_str(), step.to(from).as_str());
    crate::server::events::complaint_status_changed(&mut tx, now, &case_ref(case.id), was, to)
        .await?;
    if let Some(clock) = step.stops() {
        support::stop_clock(&mut tx, case.id, clock, today).await?;
    }
    if let Some(clock) = step.starts() {
        support::start_clock(&mut tx, &calendar, case.id, clock, today).await?;
    }
    let body = effects(&mut tx, &case, &checked, (today, now), &calendar).await?;
    write::event(
        &mut *tx,
        &write::Event {
            complaint_id: case.id,
            kind: step.as_str(),
            body: &body,
            by_role: "officer",
            company_sees: step.company_sees(),
            at_ms: now,
        },
    )
    .await?;
    if step.to(from) == Status::Closed || step == Step::Refer {
        write::stop_all_clocks(&mut *tx, case.id, &format_date(today)).await?;
        write::mark_closed(&mut *tx, case.id, now).await?;
        // The satisfaction survey (IKM, PermenPANRB 14/2017) for the person who complained. The invitation
        // names the case by its number, not the ticket code, and only an open complainant's account, so an
        // answer cannot tie a confidential or anonymous person to the case.
        let account = case.account_id.filter(|_| case.privacy == "open");
        let survey = survey::offer(&mut tx, "complaint", &case_ref(case.id), account, now).await?;
        write::set_text(&mut *tx, case.id, TextColumn::SurveyCode, &survey).await?;
    }
    let recipients = notices::recipients(&mut tx, &case).await?;
    // The complainant's notices name the ticket code; the company's only the case number (the code is the
    // complainant's credential).
    let reference = case_ref(case.id);
    let (key, subject, company_subject) = if step == Step::Session {
        (
            "complaint_notice_session",
            format!("{} · {}", case.code, body),
            format!("{reference} · {body}"),
        )
    } else {
        ("complaint_notice_step", case.code.clone(), reference)
    };
    if step == Step::Session {
        notices::mail_complainant(&mut tx, &case, "Undangan sidang mediasi", &subject, now).await?;
    }
    let subjects = (subject.as_str(), company_subject.as_str());
    let public_url = &ctx.state.config.server.public_url;
    let notices = notices::build(public_url, &recipients, key, subjects, &case, now);
    let audit = ctx
        .audit("complaint.step", "complaint", Some(case.id.to_string()))
        .detail(step.as_str());
    review::finish(tx, notices, audit).await
}

/// The step's own effects; returns the timeline text.
async fn effects(
    tx: &mut Transaction<'static, Any>,
    case: &ComplaintRow,
    s: &CheckedStep,
    (today, now): (Date, i64),
    calendar: &HolidayCalendar,
) -> Result<String, AppError> {
    let id = case.id;
    Ok(match s.step {
        Step::Refer => {
            write::set_text(&mut **tx, id, TextColumn::ReferredTo, &s.place).await?;
            write::set_text(
                &mut **tx,
                id,
                TextColumn::Outcome,
                Outcome::Referred.as_str(),
            )
            .await?;
            format!("{}: {}", s.place, s.text)
        }
        Step::Plan => {
            write::set_text(&mut **tx, id, TextColumn::FollowUpPlan, &s.text).await?;
            s.text.clone()
        }
        Step::Session => {
            let held_on = s.date.clone().unwrap_or_default();
            // A repeated submit (same day, same place) schedules nothing and invites no one twice.
            let number = write::add_session(&mut **tx, id, &held_on, &s.place, now)
                .await?
                .ok_or_else(|| AppError::Conflict("complaint_err_session_exists".into()))?;
            if number == 1 {
                // The anjuran is due within 10 working days of the first session (Ps 13 ayat (2) huruf a).
                let first = parse_date(&held_on).unwrap_or(today);
                support::start_clock(tx, calendar, id, Clock::Recommendation, first).await?;
            }
            format!("{number}: {held_on}, {}", s.place)
        }
        Step::Minutes => {
            review::claimed(write::set_minutes(&mut **tx, id, s.session, &s.text).await?)?;
            format!("{}: {}", s.session, s.text)
        }
        Step::Anjuran => {
            write::set_text(&mut **tx, id, TextColumn::Anjuran, &s.text).await?;
            write::set_text(&mut **tx, id, TextColumn::AnjuranOn, &format_date(today)).await?;
            s.text.clone()
        }
        Step::Answer => {
            review::claimed(write::set_answer(&mut **tx, id, &s.side, &s.answer).await?)?;
            let row = repo::by_id(&mut **tx, id)
                .await?
                .ok_or(AppError::NotFound)?;
            if row.worker_answer.is_some() && row.company_answer.is_some() {
                support::stop_clock(tx, id, Clock::Answers, today).await?;
            }
            format!("{}: {}", s.side, s.answer)
        }
        Step::Agreement => {
            write::set_text(&mut **tx, id, TextColumn::Agreement, &s.text).await?;
            write::set_text(
                &mut **tx,
                id,
                TextColumn::Outcome,
                Outcome::Agreement.as_str(),
            )
            .await?;
            s.text.clone()
        }
        Step::Chosen => {
            // The parties chose conciliation or arbitration (UU 2/2004 Ps 4 ayat (3)): no mediator.
            let forum = s.forum.map(Forum::as_str).unwrap_or_default();
            write::set_text(&mut **tx, id, TextColumn::Forum, forum).await?;
            write::set_text(&mut **tx, id, TextColumn::ReferredTo, &s.place).await?;
            let referred = Outcome::Referred.as_str();
            write::set_text(&mut **tx, id, TextColumn::Outcome, referred).await?;
            format!("{forum}: {}", s.place)
        }
        Step::Close => {
            let outcome = s.outcome.unwrap_or(Outcome::Withdrawn);
            write::set_text(&mut **tx, id, TextColumn::Outcome, outcome.as_str()).await?;
            format!("{}: {}", outcome.as_str(), s.text)
        }
        Step::Accept | Step::MoreInfo | Step::BipartiteFailed | Step::Mediation => s.text.clone(),
    })
}

/// Unlocks a confidential complainant's identity for this case: the reason is stored, shown to the person on
/// the tracking page and (with an account) on "who accessed my data".
pub async fn unlock(ctx: &RequestCtx, complaint_id: i64, reason: &str) -> Result<(), AppError> {
    let officer = ctx.require_staff()?.account_id;
    let reason = normalize_text(reason, 10, 300)
        .map_err(|_| AppError::field("reason", "err_access_reason"))?;
    let case = repo::by_id(&ctx.state.db.pool, complaint_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if case.privacy != "confidential" {
        return Err(AppError::Conflict("complaint_err_not_confidential".into()));
    }
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    review::claimed(write::unlock(&mut *tx, case.id, officer, &reason, now).await?)?;
    write::event(
        &mut *tx,
        &write::Event {
            complaint_id: case.id,
            kind: "unlocked",
            body: &reason,
            by_role: "officer",
            company_sees: false,
            at_ms: now,
        },
    )
    .await?;
    let detail = format!("reason:{reason}");
    let mut audit = ctx
        .audit("complaint.unlock", "complaint", Some(case.id.to_string()))
        .detail(&detail);
    let mut notices = Vec::new();
    let email = match case.account_id {
        Some(account) => repo::email_of(&mut *tx, account).await?,
        None => None,
    };
    if let (Some(account), Some(email)) = (case.account_id, email.as_deref()) {
        audit = audit.about(account);
        notices.push(notify::Notice {
            account_id: account,
            message_key: "complaint_notice_unlocked",
            subject: &case.code,
            link: Some(format!("/pengaduan/{}", case.code)),
            now_ms: now,
            email: Some(notify::Email {
                to: email,
                public_url: &ctx.state.config.server.public_url,
            }),
        });
    }
    review::finish(tx, notices, audit).await
}
