//! The screens of job fairs, assembled from repo reads: the public list and fair page, a booth's page,
//! screen and banner, the company's and the officer's overviews, and the seeker's tickets.
use crate::{
    core::{error::AppError, role::Role},
    features::fairs::{
        access::{public_booth, today, viewer, visible_fair, wib_minute},
        model::{
            BoothPage, BoothScreen, BoothVacancy, CompanyBooth, CompanyFairs, FairDetail, FairList,
            MyTicket, OfficerFairs,
        },
        repo::{booth, fair, slot, visitor},
        seeker::check_in_url,
    },
    server::{audit, authz::RequestCtx, error::internal, qr},
};

pub async fn list(ctx: &RequestCtx) -> Result<FairList, AppError> {
    let today = today(ctx);
    let db = &ctx.state.db;
    Ok(FairList {
        upcoming: fair::upcoming(db, &today).await?,
        past: fair::past(db, &today).await?,
        today,
    })
}

pub async fn detail(ctx: &RequestCtx, id: i64) -> Result<FairDetail, AppError> {
    let fair = visible_fair(ctx, id).await?;
    let db = &ctx.state.db;
    let (description, map_url, cancel_reason) = fair::page_text(db, id).await?;
    let booths = booth::public_booths(db, id).await?;
    let viewer = viewer(ctx);
    let my_ticket = match ctx.user.as_ref().filter(|u| u.role == Role::Seeker) {
        Some(user) => visitor::ticket_code(db, id, user.account_id).await?,
        None => None,
    };
    Ok(FairDetail {
        fair,
        description,
        map_url,
        cancel_reason,
        booths,
        today: today(ctx),
        viewer,
        my_ticket,
    })
}

pub async fn page(ctx: &RequestCtx, booth_id: i64) -> Result<BoothPage, AppError> {
    let (booth, fair) = public_booth(ctx, booth_id).await?;
    let db = &ctx.state.db;
    let seeker = ctx
        .user
        .as_ref()
        .filter(|u| u.role == Role::Seeker)
        .map(|u| u.account_id);
    let applied = match seeker {
        Some(account_id) => booth::applied_at(db, booth_id, account_id).await?,
        None => Vec::new(),
    };
    let vacancies = booth::booth_vacancies(db, booth_id)
        .await?
        .into_iter()
        .map(|(id, title, district)| BoothVacancy {
            id,
            title,
            district,
            applied: applied.contains(&id),
        })
        .collect();
    let (registered, my_booking) = match seeker {
        Some(account_id) => (
            visitor::is_registered(db, fair.id, account_id).await?,
            visitor::booking_at(db, booth_id, account_id).await?,
        ),
        None => (false, None),
    };
    Ok(BoothPage {
        id: booth.id,
        company_name: booth.company_name,
        description: booth.description,
        contact_hours: booth.contact_hours,
        has_banner: booth.banner_key.is_some(),
        vacancies,
        slots: slot::slots(db, booth_id, &wib_minute(ctx.now_ms()), 200).await?,
        viewer: viewer(ctx),
        registered,
        my_booking,
        fair,
    })
}

pub async fn screen(ctx: &RequestCtx, booth_id: i64) -> Result<BoothScreen, AppError> {
    let (booth, fair) = public_booth(ctx, booth_id).await?;
    let db = &ctx.state.db;
    let booth_url = format!(
        "{}/bursa-kerja/stan/{booth_id}",
        ctx.state.config.server.public_url.trim_end_matches('/')
    );
    Ok(BoothScreen {
        booth_id,
        fair_name: fair.name,
        company_name: booth.company_name,
        vacancies: booth::booth_vacancies(db, booth_id)
            .await?
            .into_iter()
            .map(|(_, title, _)| title)
            .take(8)
            .collect(),
        next_slots: slot::slots(db, booth_id, &wib_minute(ctx.now_ms()), 6).await?,
        qr: qr::svg(&booth_url).map_err(internal)?,
        booth_url,
        now_ms: ctx.now_ms(),
    })
}

/// The booth's banner image (public once the booth is approved).
pub async fn banner(ctx: &RequestCtx, booth_id: i64) -> Result<Vec<u8>, AppError> {
    let (booth, _) = public_booth(ctx, booth_id).await?;
    let key = booth.banner_key.ok_or(AppError::NotFound)?;
    ctx.state.storage.get(&key).await.map_err(internal)
}

pub async fn company_view(ctx: &RequestCtx) -> Result<CompanyFairs, AppError> {
    let company_id = ctx.require_company()?.company_id;
    let db = &ctx.state.db;
    let today = today(ctx);
    let open_fairs = fair::open_for_company(db, &today, company_id).await?;
    let booth_ids = booth::company_booth_ids(db, company_id).await?;
    let mut booths = Vec::with_capacity(booth_ids.len());
    for id in booth_ids {
        booths.push(company_booth(ctx, id, &today).await?);
    }
    if booths.iter().any(|b| !b.queue.is_empty()) {
        // The queue names the seekers who booked: a read of their personal data.
        audit::record(&db.pool, ctx.audit("fair.queue_read", "fair_booth", None)).await?;
    }
    Ok(CompanyFairs {
        open_fairs,
        booths,
        vacancies: booth::company_vacancies(db, company_id).await?,
        company_verified: crate::server::authz::company_verified(&db.pool, company_id).await?,
    })
}

async fn company_booth(
    ctx: &RequestCtx,
    booth_id: i64,
    today: &str,
) -> Result<CompanyBooth, AppError> {
    let db = &ctx.state.db;
    let booth = booth::booth_row(db, booth_id).await?;
    let fair = fair::fair_card(db, booth.fair_id).await?;
    let vacancy_ids = booth::vacancy_ids(db, booth_id).await?;
    // The queue of the fair's current day, or of its first day before it begins.
    let queue_day = if today > fair.starts_on.as_str() && today <= fair.ends_on.as_str() {
        today.to_owned()
    } else {
        fair.starts_on.clone()
    };
    let queue = slot::queue(db, fair.id, booth_id, &queue_day).await?;
    Ok(CompanyBooth {
        id: booth.id,
        status: booth.status,
        officer_note: booth.officer_note,
        description: booth.description,
        contact_hours: booth.contact_hours,
        has_banner: booth.banner_key.is_some(),
        vacancy_ids,
        slots: slot::slots(db, booth_id, "", 500).await?,
        queue,
        queue_day,
        fair,
    })
}

pub async fn officer_view(ctx: &RequestCtx) -> Result<OfficerFairs, AppError> {
    ctx.require_staff()?;
    let db = &ctx.state.db;
    Ok(OfficerFairs {
        fairs: fair::all_latest(db).await?,
        booth_requests: booth::requests(db).await?,
    })
}

pub async fn my_tickets(ctx: &RequestCtx) -> Result<Vec<MyTicket>, AppError> {
    let seeker = ctx.require(Role::Seeker)?;
    let db = &ctx.state.db;
    let rows = visitor::tickets(db, seeker.account_id).await?;
    let public_url = &ctx.state.config.server.public_url;
    let mut tickets = Vec::with_capacity(rows.len());
    for (registration_id, fair_id, code, checked_in_at_ms) in rows {
        let bookings = visitor::bookings_at_fair(db, fair_id, seeker.account_id).await?;
        tickets.push(MyTicket {
            registration_id,
            fair: fair::fair_card(db, fair_id).await?,
            qr: qr::svg(&check_in_url(public_url, &code)).map_err(internal)?,
            code,
            checked_in_at_ms,
            bookings,
        });
    }
    Ok(tickets)
}
