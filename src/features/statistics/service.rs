//! What other features may ask of statistics (C6): the open tables as serializable rows (the partner API's
//! `/api/v1/statistics`), the queues' overdue items (part B's breach alerts), and a rebuild of the read
//! model (the demo seed, so a fresh demo shows figures before the first hourly run).
use serde::{Deserialize, Serialize};

use crate::{
    core::{
        calendar::{self, HolidayCalendar},
        error::AppError,
    },
    features::statistics::{
        clock::{ComplaintClock, Service},
        model::{Dataset, OverdueItem, TOTAL, suppress, suppress_group},
        repo,
    },
    server::{db::Db, reference},
};

pub use crate::features::statistics::jobs::rebuild;

/// One published cell of an open table. `value` is `None` where it counts 1 to 4 people (shown "<5").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenRow {
    pub dataset: String,
    pub month: String,
    pub district_code: String,
    pub dimension: String,
    pub category: String,
    pub value: Option<i64>,
    pub unit: &'static str,
}

/// The datasets' names (URL slugs), in the order the page lists them.
pub fn dataset_names() -> Vec<&'static str> {
    Dataset::ALL.iter().map(|d| d.slug()).collect()
}

/// The cells of one open table (a dataset slug), optionally one district ("36.03.01") and year; unknown
/// dataset names are `NotFound`.
pub async fn open_table(
    db: &Db,
    dataset: &str,
    district: Option<&str>,
    year: Option<i32>,
) -> Result<Vec<OpenRow>, AppError> {
    let dataset = Dataset::parse(dataset).ok_or(AppError::NotFound)?;
    let unit = dataset.unit_slug();
    let cells = repo::cells(&db.pool, dataset, district, year).await?;
    let values = suppress_cells(&cells, dataset.counts_people());
    Ok(cells
        .into_iter()
        .zip(values)
        .map(
            |((month, district_code, dimension, category, _), value)| OpenRow {
                dataset: dataset.slug().to_owned(),
                month,
                district_code,
                dimension,
                category,
                value,
                unit,
            },
        )
        .collect())
}

/// The published values of cells ordered by month, district, dimension and category: each dimension's
/// categories of one month and district add up to that month's and district's total, so they are
/// suppressed as a group (`suppress_group`); the totals themselves alone.
fn suppress_cells(
    cells: &[(String, String, String, String, i64)],
    people: bool,
) -> Vec<Option<i64>> {
    let mut out = Vec::with_capacity(cells.len());
    let mut start = 0;
    while start < cells.len() {
        let (month, district, dimension, _, _) = &cells[start];
        let end = cells[start..]
            .iter()
            .position(|c| (&c.0, &c.1, &c.2) != (month, district, dimension))
            .map_or(cells.len(), |n| start + n);
        let values: Vec<i64> = cells[start..end].iter().map(|c| c.4).collect();
        if dimension == TOTAL {
            out.extend(values.iter().map(|v| suppress(*v, people)));
        } else {
            out.extend(suppress_group(&values, people));
        }
        start = end;
    }
    out
}

/// A waiting item of a queue with its deadline: the stored one, or one working day by the calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueueItem {
    pub id: i64,
    pub submitted_at_ms: i64,
    pub due_at_ms: i64,
}

/// Every queue's waiting items, oldest first.
pub async fn queues(db: &Db) -> Result<Vec<(Service, Vec<QueueItem>)>, AppError> {
    let calendar = reference::holiday_calendar(db).await?;
    let mut out = Vec::with_capacity(Service::ALL.len());
    for service in Service::ALL {
        let rows = repo::waiting(&db.pool, service).await?;
        out.push((service, queue_items(rows, &calendar)));
    }
    Ok(out)
}

fn queue_items(rows: Vec<(i64, i64, Option<i64>)>, calendar: &HolidayCalendar) -> Vec<QueueItem> {
    let mut items: Vec<QueueItem> = rows
        .into_iter()
        .map(|(id, submitted_at_ms, due)| QueueItem {
            id,
            submitted_at_ms,
            due_at_ms: due.unwrap_or_else(|| calendar.service_deadline(submitted_at_ms, 1)),
        })
        .collect();
    items.sort_by_key(|item| (item.submitted_at_ms, item.id));
    items
}

/// A queue at a glance: how many items wait, how many of them are past their deadline, the oldest.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QueueCount {
    pub waiting: i64,
    pub overdue: i64,
    pub oldest_submitted_at_ms: Option<i64>,
}

/// Every queue counted, and the `shown` longest-overdue items across them, counted in SQL rather than read
/// item by item: at a million vacancies 40,000 AK-1 cards wait, and reading each was the dashboard's time.
/// Complaints keep their clocks as days, counted by day (`repo::complaint_counts`).
pub async fn queue_overview(
    db: &Db,
    now_ms: i64,
    shown: usize,
) -> Result<(Vec<(Service, QueueCount)>, Vec<OverdueItem>), AppError> {
    let calendar = reference::holiday_calendar(db).await?;
    let cutoff = calendar.overdue_cutoff(now_ms, 1);
    let mut counts: Vec<(Service, QueueCount)> = Service::ALL
        .iter()
        .map(|service| (*service, QueueCount::default()))
        .collect();
    let mut late: Vec<(Service, QueueItem)> = Vec::new();
    for (service, waiting, overdue, oldest) in repo::counts(&db.pool, now_ms, cutoff).await? {
        set_count(
            &mut counts,
            service,
            QueueCount {
                waiting,
                overdue,
                oldest_submitted_at_ms: oldest,
            },
        );
    }
    if counts.iter().any(|(_, c)| c.overdue > 0) {
        let limit = i64::try_from(shown).unwrap_or(i64::MAX);
        for (service, id, submitted, due) in
            repo::overdue_heads(&db.pool, now_ms, cutoff, limit).await?
        {
            late.extend(
                queue_items(vec![(id, submitted, due)], &calendar)
                    .into_iter()
                    .map(|i| (service, i)),
            );
        }
    }
    let today = calendar::format_date(calendar::wib_date(now_ms));
    let (waiting, overdue, oldest) = repo::complaint_counts(&db.pool, &today).await?;
    set_count(
        &mut counts,
        Service::Complaints,
        QueueCount {
            waiting,
            overdue,
            oldest_submitted_at_ms: oldest.and_then(|c| c.started_at_ms()),
        },
    );
    if overdue > 0 {
        let limit = i64::try_from(shown).unwrap_or(i64::MAX);
        let heads = repo::complaint_overdue_heads(&db.pool, &today, limit).await?;
        let items = queue_items(
            heads.iter().filter_map(ComplaintClock::waiting).collect(),
            &calendar,
        );
        late.extend(items.into_iter().map(|i| (Service::Complaints, i)));
    }
    let mut overdue = overdue_list(late.iter().map(|(s, i)| (*s, i)), now_ms);
    overdue.truncate(shown);
    Ok((counts, overdue))
}

fn set_count(counts: &mut [(Service, QueueCount)], service: Service, count: QueueCount) {
    if let Some(slot) = counts.iter_mut().find(|(s, _)| *s == service) {
        slot.1 = count;
    }
}

/// Items past their deadline at `now_ms`, the longest overdue first (then the longest waiting).
fn overdue_list<'a>(
    items: impl Iterator<Item = (Service, &'a QueueItem)>,
    now_ms: i64,
) -> Vec<OverdueItem> {
    let mut overdue: Vec<OverdueItem> = items
        .filter(|(_, item)| item.due_at_ms < now_ms)
        .map(|(service, item)| OverdueItem {
            service: service.slug().to_owned(),
            id: item.id,
            submitted_at_ms: item.submitted_at_ms,
            due_at_ms: item.due_at_ms,
        })
        .collect();
    overdue.sort_by_key(|item| (item.due_at_ms, item.submitted_at_ms, item.id));
    overdue
}

/// Every waiting item past its deadline at `now_ms`, the longest overdue first (the breach alerts, which
/// name each item; the dashboard counts instead, `queue_overview`).
pub async fn overdue_items(db: &Db, now_ms: i64) -> Result<Vec<OverdueItem>, AppError> {
    let queues = queues(db).await?;
    Ok(overdue_list(
        queues
            .iter()
            .flat_map(|(service, items)| items.iter().map(move |item| (*service, item))),
        now_ms,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_queue_without_a_stored_deadline_gets_one_working_day() {
        // Friday 2026-08-14 09:00 WIB: due Monday 23:59:59.999 WIB without holidays.
        let friday = 1_786_672_800_000;
        let items = queue_items(
            vec![(2, friday, None), (1, friday - 1, Some(5))],
            &HolidayCalendar::default(),
        );
        assert_eq!(items[0].id, 1);
        assert_eq!(items[0].due_at_ms, 5);
        assert_eq!(
            items[1].due_at_ms,
            friday + 3 * 86_400_000 + 15 * 3_600_000 - 1
        );
    }

    #[test]
    fn open_table_cells_are_suppressed_per_month_district_and_dimension() {
        let cell = |month: &str, dimension: &str, category: &str, value: i64| {
            (
                month.to_owned(),
                "36.03.01".to_owned(),
                dimension.to_owned(),
                category.to_owned(),
                value,
            )
        };
        let cells = vec![
            cell("2026-01", "jenis_kelamin", "female", 2),
            cell("2026-01", "jenis_kelamin", "male", 6),
            cell("2026-01", "jumlah", "semua", 8),
            cell("2026-02", "jenis_kelamin", "female", 9),
            cell("2026-02", "jenis_kelamin", "male", 6),
            cell("2026-02", "jumlah", "semua", 15),
        ];
        assert_eq!(
            suppress_cells(&cells, true),
            vec![None, None, Some(8), Some(9), Some(6), Some(15)]
        );
    }
}
