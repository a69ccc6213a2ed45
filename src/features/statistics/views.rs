//! Screen data of the statistics pages and the officers' dashboard, assembled from the read model
//! (read-only). Every count that reaches a public page passes through `suppress`.
use std::collections::{BTreeMap, HashMap};

use crate::{
    core::{calendar, error::AppError, i18n::Lang},
    features::statistics::{
        clock::Service,
        model::{
            AGE_BANDS, Breakdown, COMPLAINT_CATEGORIES, CategoryRow, Dashboard, Dimension,
            OpenStatistics, QueueStatus, ServiceLevel, ServiceLevels, ServiceMonth, StatsQuery,
            TOTAL, suppress, suppress_group,
        },
        repo, service,
    },
    server::{authz::RequestCtx, db::Db},
};

/// Months shown on the service-level page and the dashboard.
const SERVICE_MONTHS: i32 = 12;
/// Overdue items listed on the dashboard.
const OVERDUE_SHOWN: usize = 20;

/// "YYYY-MM" of the month `back` months before the month of `now_ms` (WIB).
fn month_back(now_ms: i64, back: i32) -> String {
    let today = calendar::wib_date(now_ms);
    let index = today.year() * 12 + i32::from(today.month() as u8) - 1 - back;
    format!(
        "{:04}-{:02}",
        index.div_euclid(12),
        index.rem_euclid(12) + 1
    )
}

/// Sums per (dimension, category) → (this year, last year), and per year the twelve month totals.
struct Sums {
    by_category: HashMap<(String, String), (i64, i64)>,
    months: [[i64; 12]; 2],
}

fn sum_up(rows: Vec<(String, String, String, i64)>, year: i32) -> Sums {
    let mut sums = Sums {
        by_category: HashMap::new(),
        months: [[0; 12]; 2],
    };
    for (dimension, category, month, value) in rows {
        let row_year: i32 = month.get(0..4).and_then(|y| y.parse().ok()).unwrap_or(0);
        let slot = usize::from(row_year != year);
        if dimension == TOTAL {
            if let Some(m) = month.get(5..7).and_then(|m| m.parse::<usize>().ok())
                && (1..=12).contains(&m)
            {
                sums.months[slot][m - 1] += value;
            }
            continue;
        }
        let entry = sums.by_category.entry((dimension, category)).or_default();
        if slot == 0 {
            entry.0 += value;
        } else {
            entry.1 += value;
        }
    }
    sums
}

/// The label of a category: a reference table's name, a translated word, or the band itself.
fn label(
    dimension: Dimension,
    code: &str,
    names: &HashMap<(String, String), String>,
    lang: Lang,
) -> String {
    let t = lang.strings();
    if code.is_empty() {
        return t.statistics_unknown.to_owned();
    }
    if let Some(key) = dimension.word_key(code) {
        return t.lookup(&key).unwrap_or(code).to_owned();
    }
    match dimension {
        Dimension::AgeBand => code.to_owned(),
        _ => names
            .get(&(dimension.slug().to_owned(), code.to_owned()))
            .map_or_else(|| code.to_owned(), |name| format!("{code} {name}")),
    }
}

/// The order categories are listed in: the reference tables' order, bands young to old; "not known" last.
fn order_key(dimension: Dimension, code: &str, order: &HashMap<(String, String), usize>) -> usize {
    if code.is_empty() {
        return usize::MAX;
    }
    match dimension {
        Dimension::AgeBand => AGE_BANDS.iter().position(|b| *b == code).unwrap_or(99),
        Dimension::Sex => usize::from(code != "female"),
        Dimension::ComplaintCategory => COMPLAINT_CATEGORIES
            .iter()
            .position(|c| *c == code)
            .unwrap_or(99),
        _ => order
            .get(&(dimension.slug().to_owned(), code.to_owned()))
            .copied()
            .unwrap_or(usize::MAX - 1),
    }
}

/// The public statistics page: one dataset, in one district or all, a year against the one before.
pub async fn open_statistics(
    db: &Db,
    lang: Lang,
    query: StatsQuery,
    now_ms: i64,
) -> Result<OpenStatistics, AppError> {
    let year = query
        .year
        .unwrap_or_else(|| calendar::wib_date(now_ms).year());
    let dataset = query.dataset;
    let people = dataset.counts_people();
    let rows = repo::sums(
        &db.pool,
        dataset,
        (&format!("{:04}-01", year - 1), &format!("{year:04}-12")),
        query.district.as_deref(),
    )
    .await?;
    let sums = sum_up(rows, year);
    let labels = repo::labels(&db.pool, lang).await?;
    let order: HashMap<(String, String), usize> = labels
        .iter()
        .enumerate()
        .map(|(i, (d, c, _))| ((d.clone(), c.clone()), i))
        .collect();
    let districts: Vec<(String, String)> = labels
        .iter()
        .filter(|(d, _, _)| d == Dimension::District.slug())
        .map(|(_, c, n)| (c.clone(), n.clone()))
        .collect();
    let names: HashMap<(String, String), String> =
        labels.into_iter().map(|(d, c, n)| ((d, c), n)).collect();
    let breakdowns = dataset
        .dimensions()
        .iter()
        .map(|dimension| breakdown(*dimension, &sums, &names, &order, lang, people))
        .collect();
    // The twelve months add up to the year's total: hidden as a group, so none is total minus the rest.
    let months = |slot: usize| -> Vec<Option<i64>> { suppress_group(&sums.months[slot], people) };
    let mut years = repo::years(&db.pool, dataset).await?;
    if !years.contains(&year) {
        years.push(year);
        years.sort_unstable_by(|a, b| b.cmp(a));
    }
    Ok(OpenStatistics {
        year,
        districts,
        years,
        current: months(0),
        previous: months(1),
        total_current: suppress(sums.months[0].iter().sum(), people),
        total_previous: suppress(sums.months[1].iter().sum(), people),
        breakdowns,
        refreshed_at_ms: repo::refreshed(&db.pool).await?.map(|r| r.0),
        query: StatsQuery {
            year: Some(year),
            ..query
        },
    })
}

fn breakdown(
    dimension: Dimension,
    sums: &Sums,
    names: &HashMap<(String, String), String>,
    order: &HashMap<(String, String), usize>,
    lang: Lang,
    people: bool,
) -> Breakdown {
    let mut counts: Vec<(&String, i64, i64)> = sums
        .by_category
        .iter()
        .filter(|((d, _), _)| d == dimension.slug())
        .map(|((_, code), (current, previous))| (code, *current, *previous))
        .collect();
    counts.sort();
    // The categories add up to the year's total: hidden as a group (complementary suppression).
    let current = suppress_group(&counts.iter().map(|c| c.1).collect::<Vec<_>>(), people);
    let previous = suppress_group(&counts.iter().map(|c| c.2).collect::<Vec<_>>(), people);
    let mut rows: Vec<(usize, CategoryRow)> = counts
        .iter()
        .zip(current.into_iter().zip(previous))
        .map(|((code, _, _), (current, previous))| {
            (
                order_key(dimension, code, order),
                CategoryRow {
                    code: (*code).clone(),
                    label: label(dimension, code, names, lang),
                    current,
                    previous,
                },
            )
        })
        .collect();
    rows.sort_by(|a, b| (a.0, &a.1.code).cmp(&(b.0, &b.1.code)));
    Breakdown {
        dimension,
        rows: rows.into_iter().map(|(_, row)| row).collect(),
    }
}

/// The last twelve months of every service, missing months as zero.
async fn service_table(db: &Db, now_ms: i64, months: i32) -> Result<Vec<ServiceLevel>, AppError> {
    let first = month_back(now_ms, months - 1);
    let mut stored: BTreeMap<(String, String), ServiceMonth> =
        repo::service_months(&db.pool, &first)
            .await?
            .into_iter()
            .map(|(service, month)| ((service, month.month.clone()), month))
            .collect();
    Ok(Service::ALL
        .iter()
        .map(|service| ServiceLevel {
            service: service.slug().to_owned(),
            months: (0..months)
                .rev()
                .map(|back| {
                    let month = month_back(now_ms, back);
                    stored
                        .remove(&(service.slug().to_owned(), month.clone()))
                        .unwrap_or(ServiceMonth {
                            month,
                            ..ServiceMonth::default()
                        })
                })
                .collect(),
        })
        .collect())
}

/// The public service-level page.
pub async fn service_levels(db: &Db, now_ms: i64) -> Result<ServiceLevels, AppError> {
    Ok(ServiceLevels {
        services: service_table(db, now_ms, SERVICE_MONTHS).await?,
        refreshed_at_ms: repo::refreshed(&db.pool).await?.map(|r| r.0),
    })
}

/// The officers' dashboard: every queue with its waiting and overdue counts, the oldest item, and the last
/// six months' share within the clock. Staff only; no personal data is shown (ids and times).
pub async fn dashboard(ctx: &RequestCtx) -> Result<Dashboard, AppError> {
    ctx.require_staff()?;
    let db = &ctx.state.db;
    let now_ms = ctx.now_ms();
    let mut levels = service_table(db, now_ms, 6).await?;
    let (counts, overdue) = service::queue_overview(db, now_ms, OVERDUE_SHOWN).await?;
    let queues = counts
        .into_iter()
        .map(|(service, count)| QueueStatus {
            service: service.slug().to_owned(),
            href: service.href().to_owned(),
            waiting: count.waiting,
            overdue: count.overdue,
            oldest_submitted_at_ms: count.oldest_submitted_at_ms,
            months: levels
                .iter_mut()
                .find(|l| l.service == service.slug())
                .map(|l| std::mem::take(&mut l.months))
                .unwrap_or_default(),
        })
        .collect();
    Ok(Dashboard {
        queues,
        overdue,
        now_ms,
        refreshed_at_ms: repo::refreshed(&db.pool).await?.map(|r| r.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::statistics::model::ALL;

    #[test]
    fn months_back_cross_the_year() {
        // 2026-01-10 WIB.
        let now = 1_768_003_200_000;
        assert_eq!(month_back(now, 0), "2026-01");
        assert_eq!(month_back(now, 1), "2025-12");
        assert_eq!(month_back(now, 13), "2024-12");
    }

    #[test]
    fn sums_split_totals_by_month_and_categories_by_year() {
        let rows = vec![
            (TOTAL.into(), ALL.into(), "2026-02".into(), 7),
            (TOTAL.into(), ALL.into(), "2025-02".into(), 3),
            ("jenis_kelamin".into(), "male".into(), "2026-02".into(), 7),
            ("jenis_kelamin".into(), "male".into(), "2025-05".into(), 3),
        ];
        let sums = sum_up(rows, 2026);
        assert_eq!(sums.months[0][1], 7);
        assert_eq!(sums.months[1][1], 3);
        assert_eq!(
            sums.by_category
                .get(&("jenis_kelamin".into(), "male".into())),
            Some(&(7, 3))
        );
    }
}
