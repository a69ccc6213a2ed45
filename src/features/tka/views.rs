//! What the foreign-worker pages show, assembled from repo reads: the company's page (workers, bills,
//! RPTKAs), the officer's queue with the local-talent check beside each payment, the expiry list and the
//! statistics. Reads of workers' personal data are logged.
use std::collections::BTreeMap;

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
            reports,
            workers::{self, WorkerRow},
        },
        rules::{format_rate, mask_passport},
    },
    server::{audit, authz::RequestCtx, db::Db, error::internal},
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
    let company_verified = workers::company_verified(&db.pool, company_id).await?;
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

/// The preferred jobs of every seeker with a valid AK-1 card, as lower-case words.
async fn ak1_holders_preferences(db: &Db, today: &str) -> Result<Vec<Vec<String>>, AppError> {
    let lists = reports::ak1_holders_preferences(&db.pool, today).await?;
    Ok(lists
        .into_iter()
        .map(|list| {
            list.split(',')
                .map(|o| o.trim().to_lowercase())
                .filter(|o| !o.is_empty())
                .collect()
        })
        .collect())
}

/// The advisory local-talent check for the positions of one RPTKA. A card holder counts for a position
/// whose title names one of the jobs they want (the vacancy matching's rule); vacancies count by KBJI group.
async fn talent_check(
    db: &Db,
    company_id: i64,
    rptka: &str,
    holders: &[Vec<String>],
) -> Result<Vec<TalentCheck>, AppError> {
    let groups = reports::rptka_positions(&db.pool, company_id, rptka).await?;
    let mut checks = Vec::with_capacity(groups.len());
    for (code, name, position, progress) in groups {
        let title = position.to_lowercase();
        let ak1_holders = holders
            .iter()
            .filter(|wants| wants.iter().any(|o| title.contains(o.as_str())))
            .count() as i64;
        let vacancies = reports::company_vacancies(&db.pool, company_id, &code).await?;
        checks.push(TalentCheck {
            occupation: format!("{code} {name} — {position}"),
            ak1_holders,
            company_vacancies: vacancies,
            counterpart_progress: progress,
        });
    }
    Ok(checks)
}

/// The officer's page: submitted payments with the local-talent check, the overdue count, the expiry list.
pub async fn officer_view(ctx: &RequestCtx) -> Result<OfficerTka, AppError> {
    ctx.require_staff()?;
    let db = &ctx.state.db;
    let today = format_date(calendar::wib_date(ctx.now_ms()));
    let rows = bills::submitted(&db.pool).await?;
    let now = ctx.now_ms();
    let overdue = rows
        .iter()
        .filter(|r| r.due_at_ms.is_some_and(|due| due < now))
        .count() as i64;
    let holders = if rows.is_empty() {
        Vec::new()
    } else {
        ak1_holders_preferences(db, &today).await?
    };
    let mut queue = Vec::with_capacity(rows.len());
    for row in rows {
        let talent = talent_check(db, row.company_id, &row.rptka_number, &holders).await?;
        queue.push(QueueBill {
            bill: row.into(),
            talent,
        });
    }
    Ok(OfficerTka {
        now_ms: now,
        queue,
        overdue,
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
