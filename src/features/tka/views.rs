//! What the foreign-worker pages show, assembled from repo reads: the company's page (workers, bills,
//! RPTKAs), the officer's queue with the local-talent check beside each payment, the expiry list and the
//! statistics. Reads of workers' personal data are logged.
use std::{
    collections::{BTreeMap, BTreeSet, HashMap},
    sync::Arc,
    time::Duration,
};

use crate::{
    core::{
        calendar::{self, format_date, parse_date},
        error::AppError,
        money::Rupiah,
    },
    features::tka::{
        model::{
            BillStatus, BillView, CompanyTka, Count, EXPIRY_WINDOWS, LevyMonth, OfficerTka,
            QueueBill, TalentCheck, TkaStatistics, WorkerView, format_usd,
        },
        repo::{
            bills::{self, BillRow},
            reports, talent,
            workers::{self, WorkerRow},
        },
        rules::{format_rate, mask_passport},
        talent::TalentPool,
    },
    server::{audit, authz::RequestCtx, cache::VersionedCache, db::Db, error::internal},
};

impl From<BillRow> for BillView {
    fn from(r: BillRow) -> BillView {
        BillView {
            id: r.id,
            company_name: r.company_name,
            bill_number: r.bill_number,
            rptka_number: r.rptka_number,
            period_start: r.period_start,
            period_end: r.period_end,
            positions: r.positions,
            months: r.months,
            amount_usd: format_usd(r.amount_usd_cents),
            rate: format_rate(r.rate_hundredths),
            rate_date: r.rate_date,
            rate_source: r.rate_source,
            amount_idr: Rupiah(r.amount_idr),
            status: r.status,
            payment_reference: r.payment_reference,
            paid_on: r.paid_on,
            has_proof: r.proof_key.is_some(),
            officer_note: r.officer_note,
            due_at_ms: r.due_at_ms,
            verification_code: r.verification_code,
        }
    }
}

/// A worker as listed: the passport decrypted only to be masked, the days until the sooner of the permit's
/// and the RPTKA's end.
fn worker_view(
    ctx: &RequestCtx,
    row: WorkerRow,
    today: time::Date,
) -> Result<WorkerView, AppError> {
    let passport = ctx
        .state
        .pii
        .decrypt(&row.passport_ciphertext)
        .map_err(|_| internal("passport decryption failed"))?;
    let soonest = [&row.permit_end, &row.rptka_end]
        .into_iter()
        .filter_map(|d| parse_date(d))
        .min()
        .unwrap_or(today);
    Ok(WorkerView {
        id: row.id,
        company_name: row.company_name,
        name: row.name,
        passport_masked: mask_passport(&passport),
        nationality: row.nationality,
        position: row.position,
        occupation: row.occupation,
        rptka_number: row.rptka_number,
        rptka_end: row.rptka_end,
        permit_number: row.permit_number,
        permit_end: row.permit_end,
        district: row.district,
        start_date: row.start_date,
        end_date: row.end_date,
        counterpart_name: row.counterpart_name,
        counterpart_progress: row.counterpart_progress,
        language_training: row.language_training,
        status: row.status,
        left_on: row.left_on,
        days_to_expiry: (soonest - today).whole_days(),
    })
}

fn worker_views(
    ctx: &RequestCtx,
    rows: Vec<WorkerRow>,
    today: time::Date,
) -> Result<Vec<WorkerView>, AppError> {
    rows.into_iter()
        .map(|row| worker_view(ctx, row, today))
        .collect()
}

/// The company's page: its workers, bills and RPTKAs, and whether this year's report is sent.
pub async fn company_view(ctx: &RequestCtx) -> Result<CompanyTka, AppError> {
    let company_id = ctx.require_company()?.company_id;
    let db = &ctx.state.db;
    let today = calendar::wib_date(ctx.now_ms());
    let workers = worker_views(ctx, workers::of_company(&db.pool, company_id).await?, today)?;
    if !workers.is_empty() {
        // The list shows workers' names and (masked) passports: a read of personal data, logged.
        audit::record(&db.pool, ctx.audit("tka.company_read", "tka_worker", None)).await?;
    }
    let rptkas = workers::active_rptkas(&db.pool, company_id).await?;
    let year = today.year();
    let yearly_report_sent =
        workers::yearly_report_sent(&db.pool, company_id, i64::from(year)).await?;
    let company_verified = crate::server::authz::company_verified(&db.pool, company_id).await?;
    let bills = bills::of_company(&db.pool, company_id).await?;
    Ok(CompanyTka {
        workers,
        bills: bills.into_iter().map(BillView::from).collect(),
        rptkas,
        occupations: workers::occupations(&db.pool).await?,
        report_year: year,
        yearly_report_sent,
        company_verified,
    })
}

/// Active workers whose permit or RPTKA ends within the widest window, soonest first (officers).
pub async fn expiring(ctx: &RequestCtx) -> Result<Vec<WorkerView>, AppError> {
    ctx.require_staff()?;
    let today = calendar::wib_date(ctx.now_ms());
    let horizon = format_date(today + time::Duration::days(EXPIRY_WINDOWS[0]));
    let rows = workers::expiring(&ctx.state.db.pool, &horizon).await?;
    let list = worker_views(ctx, rows, today)?;
    if !list.is_empty() {
        audit::record(
            &ctx.state.db.pool,
            ctx.audit("tka.expiring_read", "tka_worker", None),
        )
        .await?;
    }
    Ok(list)
}

/// The advisory local-talent check for the positions of one RPTKA: the card holders counted for each
/// position's title (`talent`'s rule, from the hourly counts; none before the first count), the company's
/// vacancies by KBJI group, the counterparts' progress. `positions` and `vacancies` are the queue's
/// companies' (`reports::rptka_positions`, `reports::company_vacancies`), read once for the whole queue.
fn talent_check(
    positions: &[(i64, String, String, String, String, i64)],
    vacancies: &HashMap<(i64, String), i64>,
    company_id: i64,
    rptka: &str,
    pool: Option<&TalentPool>,
) -> Vec<TalentCheck> {
    positions
        .iter()
        .filter(|p| p.0 == company_id && p.1 == rptka)
        .map(|(_, _, code, name, position, progress)| TalentCheck {
            ak1_holders: pool.map(|pool| pool.holders_for(position)),
            occupation: format!("{code} {name} — {position}"),
            company_vacancies: vacancies
                .get(&(company_id, code.clone()))
                .copied()
                .unwrap_or(0),
            counterpart_progress: *progress,
        })
        .collect()
}

/// This instance's counted pool, indexed, as last read: one per count, keyed by its time (no two stored
/// counts share one: `talent::replace`). Real wish lists are free text, so a count can hold nearly as many
/// lists as there are card holders; each visit must not read them again.
pub struct PoolCache(VersionedCache<i64, TalentPool>);

impl Default for PoolCache {
    fn default() -> PoolCache {
        PoolCache(VersionedCache::counted(2, Duration::from_secs(2 * 3600)))
    }
}

async fn counted_pool(
    ctx: &RequestCtx,
    build: &talent::Build,
) -> Result<Arc<TalentPool>, AppError> {
    let cache = ctx.state.cache.get::<PoolCache>();
    let db = &ctx.state.db;
    cache
        .0
        .get_or_load(build.built_at_ms, async {
            Ok(TalentPool::new(talent::lists(&db.pool).await?))
        })
        .await
}

/// A count older than two hourly runs: the job has stopped, and cards that ended since still count. The
/// page says so. (By age alone: just after midnight the count is of yesterday's cards until the hour's run.)
fn is_stale(build: &talent::Build, now_ms: i64) -> bool {
    now_ms - build.built_at_ms > 2 * 3_600_000
}

/// The officer's page: submitted payments with the local-talent check, the overdue count, the expiry list.
pub async fn officer_view(ctx: &RequestCtx) -> Result<OfficerTka, AppError> {
    ctx.require_staff()?;
    let db = &ctx.state.db;
    let rows = bills::submitted(&db.pool).await?;
    let now = ctx.now_ms();
    // Counted in SQL: the list shows the oldest 100, the counts are of every waiting payment.
    let (waiting, overdue) = bills::queue_counts(&db.pool, now).await?;
    let build = talent::latest_build(&db.pool).await?;
    let pool = match (&build, rows.is_empty()) {
        (Some(build), false) => Some(counted_pool(ctx, build).await?),
        _ => None,
    };
    // Two reads for the whole queue, not two per position of each payment (about 400 at 100 waiting).
    let companies: Vec<i64> = rows
        .iter()
        .map(|row| row.company_id)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let positions = reports::rptka_positions(&db.pool, &companies).await?;
    let vacancies: HashMap<(i64, String), i64> = reports::company_vacancies(&db.pool, &companies)
        .await?
        .into_iter()
        .map(|(company, code, count)| ((company, code), count))
        .collect();
    let queue = rows
        .into_iter()
        .map(|row| QueueBill {
            talent: talent_check(
                &positions,
                &vacancies,
                row.company_id,
                &row.rptka_number,
                pool.as_deref(),
            ),
            bill: row.into(),
        })
        .collect();
    Ok(OfficerTka {
        now_ms: now,
        queue,
        waiting,
        overdue,
        talent_stale: build.as_ref().is_some_and(|build| is_stale(build, now)),
        talent_counted_at_ms: build.map(|build| build.built_at_ms),
        expiring: expiring(ctx).await?,
    })
}

fn to_counts(rows: Vec<(String, i64)>) -> Vec<Count> {
    rows.into_iter()
        .map(|(label, count)| Count { label, count })
        .collect()
}

/// The officer's statistics: active workers by nationality, sector and district; the levy by month.
pub async fn statistics(ctx: &RequestCtx) -> Result<TkaStatistics, AppError> {
    ctx.require_staff()?;
    let pool = &ctx.state.db.pool;
    Ok(TkaStatistics {
        active_workers: reports::active_workers(pool).await?,
        by_nationality: to_counts(reports::by_nationality(pool).await?),
        by_sector: to_counts(reports::by_sector(pool).await?),
        by_district: to_counts(reports::by_district(pool).await?),
        levy_by_month: levy_by_month(&ctx.state.db).await?,
    })
}

/// Billed figures by the month of the bill, validated ones by the month of the validation; newest first.
async fn levy_by_month(db: &Db) -> Result<Vec<LevyMonth>, AppError> {
    let rows = reports::live_bills(&db.pool).await?;
    let month_of = |ms: i64| format_date(calendar::wib_date(ms))[..7].to_owned();
    let mut months: BTreeMap<String, LevyMonth> = BTreeMap::default();
    for (created, amount, status, decided) in rows {
        let billed = months.entry(month_of(created)).or_default();
        billed.billed_count += 1;
        billed.billed_idr = Rupiah(billed.billed_idr.0 + amount);
        if let (true, Some(decided)) = (status == BillStatus::Validated.as_str(), decided) {
            let validated = months.entry(month_of(decided)).or_default();
            validated.validated_count += 1;
            validated.validated_idr = Rupiah(validated.validated_idr.0 + amount);
        }
    }
    Ok(months
        .into_iter()
        .rev()
        .map(|(month, figures)| LevyMonth { month, ..figures })
        .collect())
}
