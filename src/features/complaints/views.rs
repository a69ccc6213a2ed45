//! Screen data from repo reads: the tracking page (by code), the officer's queue with statistics and case
//! page, and the company's cases. Each assembles only what its viewer may see.
use time::Date;

use crate::{
    core::{
        calendar::{parse_date, wib_date},
        error::AppError,
    },
    features::complaints::{
        model::{
            Category, Clock, ClockView, CompanyCase, EventView, FileView, Identity, OfficerCase,
            OfficerQueue, QUEUE_PAGE_SIZE, QueueItem, SessionView, TrackView, case_ref, queue_page,
        },
        public,
        repo::{self, ClockRow, ComplaintRow, EventRow},
        stats,
    },
    server::{audit, authz::RequestCtx},
};

fn clock_view(row: &ClockRow, today: Date) -> ClockView {
    let clock = Clock::parse(&row.step);
    ClockView {
        step: row.step.clone(),
        started_on: row.started_on.clone(),
        due_on: row.due_on.clone(),
        done_on: row.done_on.clone(),
        article: clock.map(Clock::article).unwrap_or_default().to_owned(),
        working_days: clock.map(Clock::working_days).unwrap_or_default(),
        overdue: row.done_on.is_none() && parse_date(&row.due_on).is_some_and(|due| today > due),
    }
}

/// The running clock that falls due first.
fn next(clocks: &[ClockView]) -> Option<ClockView> {
    clocks
        .iter()
        .filter(|c| c.done_on.is_none())
        .min_by(|a, b| a.due_on.cmp(&b.due_on))
        .cloned()
}

fn events(rows: Vec<EventRow>) -> Vec<EventView> {
    rows.into_iter()
        .map(|e| EventView {
            kind: e.kind,
            body: e.body,
            by_role: e.by_role,
            at_ms: e.at_ms,
        })
        .collect()
}

/// The documents a case has: the referral package (not when the parties chose conciliation or arbitration
/// themselves), the anjuran, the joint agreement.
fn documents(case: &ComplaintRow, company: bool) -> Vec<String> {
    let mut out = Vec::new();
    if case.referred_to.is_some() && case.forum.is_none() && !company {
        out.push("referral".to_owned());
    }
    if case.anjuran.is_some() {
        out.push("anjuran".to_owned());
    }
    if case.agreement.is_some() {
        out.push("agreement".to_owned());
    }
    out
}

struct Parts {
    clocks: Vec<ClockView>,
    events: Vec<EventView>,
    sessions: Vec<SessionView>,
    files: Vec<FileView>,
}

async fn parts(
    ctx: &RequestCtx,
    case: &ComplaintRow,
    company_view: bool,
) -> Result<Parts, AppError> {
    let pool = &ctx.state.db.pool;
    let today = wib_date(ctx.now_ms());
    let clocks = repo::clocks(pool, case.id)
        .await?
        .iter()
        .map(|c| clock_view(c, today))
        .collect();
    let sessions = repo::sessions(pool, case.id)
        .await?
        .into_iter()
        .map(|s| SessionView {
            number: s.number,
            held_on: s.held_on,
            place: s.place,
            minutes: s.minutes,
        })
        .collect();
    let files = repo::files(pool, case.id)
        .await?
        .into_iter()
        .filter(|f| !company_view || f.by_role != "complainant")
        .map(|f| FileView {
            id: f.id,
            by_role: f.by_role,
            file_name: f.file_name,
        })
        .collect();
    Ok(Parts {
        clocks,
        events: events(repo::events(pool, case.id, company_view).await?),
        sessions,
        files,
    })
}

/// The tracking page of a code: status, the next step with its deadline and article, the timeline.
pub async fn track(ctx: &RequestCtx, code: &str) -> Result<TrackView, AppError> {
    let case = public::by_code(ctx, code).await?;
    let p = parts(ctx, &case, false).await?;
    Ok(TrackView {
        documents: documents(&case, false),
        next: next(&p.clocks),
        code: case.code,
        company_name: case.company_name,
        category: case.category,
        privacy: case.privacy,
        status: case.status,
        outcome: case.outcome,
        filed_at_ms: case.filed_at_ms,
        clocks: p.clocks,
        events: p.events,
        sessions: p.sessions,
        referred_to: case.referred_to,
        forum: case.forum,
        unlocked: case.unlocked_at_ms.zip(case.unlock_reason),
        anjuran: case.anjuran,
        worker_answer: case.worker_answer,
        survey_code: case.survey_code,
        rating: case.rating,
    })
}

/// One page of the open cases, oldest first, with their next deadline, and the statistics. The page number
/// is clamped to `1..=QUEUE_MAX_PAGE`.
pub async fn officer_queue(ctx: &RequestCtx, page: i64) -> Result<OfficerQueue, AppError> {
    ctx.require_staff()?;
    let pool = &ctx.state.db.pool;
    let today = wib_date(ctx.now_ms());
    let page = queue_page(page);
    let total = repo::open_count(pool).await?;
    let rows = repo::open_cases(pool, (page - 1) * QUEUE_PAGE_SIZE, QUEUE_PAGE_SIZE).await?;
    let ids: Vec<i64> = rows.iter().map(|c| c.id).collect();
    let running = repo::running_clocks(pool, &ids).await?;
    let items = rows
        .into_iter()
        .map(|c| QueueItem {
            next: running
                .iter()
                .find(|k| k.complaint_id == c.id)
                .map(|k| clock_view(k, today)),
            id: c.id,
            code: c.code,
            company_name: c.company_name,
            category: c.category,
            privacy: c.privacy,
            status: c.status,
            filed_at_ms: c.filed_at_ms,
        })
        .collect();
    Ok(OfficerQueue {
        items,
        page,
        pages: (total + QUEUE_PAGE_SIZE - 1) / QUEUE_PAGE_SIZE,
        total,
        stats: stats::load(ctx).await?,
    })
}

/// One case for an officer. The name shows for an open case, or a confidential one after an unlock; a read
/// that shows it is written to the audit log about the person.
pub async fn officer_case(ctx: &RequestCtx, id: i64) -> Result<OfficerCase, AppError> {
    ctx.require_staff()?;
    let case = repo::by_id(&ctx.state.db.pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let shown =
        case.privacy == "open" || (case.privacy == "confidential" && case.unlocked_at_ms.is_some());
    if shown {
        let mut event = ctx.audit("complaint.read", "complaint", Some(id.to_string()));
        if let Some(account) = case.account_id {
            event = event.about(account);
        }
        audit::record(&ctx.state.db.pool, event).await?;
    }
    let p = parts(ctx, &case, false).await?;
    let identity = Identity {
        name: case.complainant_name.clone().filter(|_| shown),
        email: case.complainant_email.clone().filter(|_| shown),
        phone: case.complainant_phone.clone().filter(|_| shown),
        locked: case.privacy == "confidential" && !shown,
    };
    Ok(OfficerCase {
        documents: documents(&case, false),
        labour_norm: Category::parse(&case.category).is_some_and(Category::labour_norm),
        registered_company: case.company_id.is_some(),
        id: case.id,
        code: case.code,
        company_name: case.company_name,
        category: case.category,
        privacy: case.privacy,
        status: case.status,
        identity,
        description: case.description,
        since_date: case.since_date,
        workers_affected: case.workers_affected,
        wish: case.wish,
        lapor_id: case.lapor_id,
        follow_up_plan: case.follow_up_plan,
        referred_to: case.referred_to,
        forum: case.forum,
        anjuran: case.anjuran,
        worker_answer: case.worker_answer,
        company_answer: case.company_answer,
        outcome: case.outcome,
        clocks: p.clocks,
        events: p.events,
        sessions: p.sessions,
        files: p.files,
    })
}

/// The signed-in company's cases (named, not anonymous), without the name of a confidential complainant.
pub async fn company_cases(ctx: &RequestCtx) -> Result<Vec<CompanyCase>, AppError> {
    let company = ctx.require_company()?;
    let rows = repo::company_cases(&ctx.state.db.pool, company.company_id).await?;
    let mut out = Vec::with_capacity(rows.len());
    for case in rows {
        let p = parts(ctx, &case, true).await?;
        out.push(CompanyCase {
            documents: documents(&case, true),
            next: next(&p.clocks),
            complainant_name: case
                .complainant_name
                .clone()
                .filter(|_| case.privacy == "open"),
            id: case.id,
            reference: case_ref(case.id),
            category: case.category,
            status: case.status,
            description: case.description,
            since_date: case.since_date,
            workers_affected: case.workers_affected,
            events: p.events,
            sessions: p.sessions,
            files: p.files,
            anjuran: case.anjuran,
            company_answer: case.company_answer,
        });
    }
    Ok(out)
}

/// Registered companies for the filing form (id, name).
pub async fn companies(ctx: &RequestCtx) -> Result<Vec<(i64, String)>, AppError> {
    Ok(repo::companies(&ctx.state.db.pool).await?)
}
