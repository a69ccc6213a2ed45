//! The officer's compliance page, assembled from the compliance read model and the K3 lists (read-only).
use std::collections::HashMap;

use time::Date;

use crate::{
    core::{
        calendar::{self, format_date},
        error::AppError,
        regions_data::TANGERANG_DISTRICTS,
    },
    features::{
        compliance::{
            model::{AWARD_STREAK_DAYS, CompanyObligations, Compliance, PAGE_SIZE, days_between},
            repo::{self, ObligationRow},
        },
        manpower_report::{
            prefill::year_start_ms,
            service::{DuesScope, company_dues},
        },
        safety::views as safety_views,
    },
    server::authz::RequestCtx,
};

fn obligations(row: ObligationRow, now_ms: i64, due: Option<Date>) -> CompanyObligations {
    let today = calendar::wib_date(now_ms);
    let due = due.unwrap_or(today);
    CompanyObligations {
        company_id: row.company_id,
        name: row.name,
        district: row.district,
        sector: row.sector,
        report_year: row.report_year,
        workforce: row.workforce,
        warnings: row.warnings.map_or(0, |w| {
            w.split('\n').filter(|l| !l.is_empty()).count() as i64
        }),
        report_due: format_date(due),
        report_overdue: today > due,
        accidents_this_year: row.accidents_this_year,
        open_orders: row.open_orders,
        overdue_orders: row.overdue_orders,
        zero_accident_days: days_between(row.last_accident_ms.unwrap_or(row.created_at_ms), now_ms),
    }
}

/// The compliance page, filtered by district and KBLI section (empty = all), page `page` (from 1, clamped)
/// of the companies.
pub async fn compliance(
    ctx: &RequestCtx,
    district: &str,
    sector: &str,
    page: i64,
) -> Result<Compliance, AppError> {
    ctx.require_staff()?;
    let filter = (district.trim(), sector.trim());
    let now = ctx.now_ms();
    let today = calendar::wib_date(now);
    let mut conn = ctx.state.db.pool.acquire().await?;
    let total = repo::count(&mut *conn, filter.0, filter.1).await?;
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let page = page.clamp(1, pages);
    let rows = repo::obligations(
        &mut *conn,
        filter,
        year_start_ms(today.year()),
        &format_date(today),
        (PAGE_SIZE, (page - 1) * PAGE_SIZE),
    )
    .await?;
    // The same open due dates as the company's page and the reminders (events and corrections included),
    // of the companies on this page only: every company's took most of the page's time at 20,000.
    let ids: Vec<i64> = rows.iter().map(|r| r.company_id).collect();
    let dues: HashMap<i64, Date> = company_dues(&mut conn, today, DuesScope::These(&ids))
        .await?
        .into_iter()
        .filter_map(|d| Some((d.company_id, d.next()?)))
        .collect();
    let companies: Vec<CompanyObligations> = rows
        .into_iter()
        .map(|r| {
            let due = dues.get(&r.company_id).copied();
            obligations(r, now, due)
        })
        .collect();
    let cutoff = now - AWARD_STREAK_DAYS * 86_400_000;
    let award_nominees = repo::award_nominees(&mut *conn, filter, cutoff)
        .await?
        .into_iter()
        .map(|(name, since)| (name, days_between(since, now)))
        .collect();
    let (accidents, overdue_orders) =
        safety_views::officer_lists(&mut conn, &format_date(today), filter).await?;
    Ok(Compliance {
        district: filter.0.to_owned(),
        sector: filter.1.to_owned(),
        page,
        pages,
        total,
        districts: TANGERANG_DISTRICTS
            .iter()
            .map(|(code, name)| ((*code).to_owned(), (*name).to_owned()))
            .collect(),
        sectors: repo::sectors(&mut *conn).await?,
        companies,
        accidents,
        overdue_orders,
        award_nominees,
    })
}
