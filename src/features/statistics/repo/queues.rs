//! The queues' reads: each service's decided items (submitted, decided, the stored legal deadline) and
//! waiting items, from the tables of the areas that own the queues (read-only, never their repos).
//! Complaints keep their clocks as days (`complaint_clocks`); `clock::ComplaintClock` turns them into
//! instants.
use std::collections::HashMap;

use sqlx::AnyPool;

use crate::{
    core::calendar::parse_date,
    features::statistics::clock::{
        COMPLAINT_CLOCKS, ComplaintClock, Service, complaint_clock_stops, wib_day_start_ms,
    },
};

/// Decided items of a service: (submitted, decided, the legal deadline where the service keeps one).
pub async fn finished(
    pool: &AnyPool,
    service: Service,
) -> Result<Vec<(i64, i64, Option<i64>)>, sqlx::Error> {
    let sql = match service {
        Service::Ak1 => {
            "SELECT submitted_at_ms, decided_at_ms, CAST(NULL AS BIGINT) FROM ak1_applications \
             WHERE decided_at_ms IS NOT NULL"
        }
        Service::CompanyVerification => {
            "SELECT created_at_ms, reviewed_at_ms, CAST(NULL AS BIGINT) FROM companies WHERE reviewed_at_ms IS NOT NULL"
        }
        Service::VacancyModeration => {
            "SELECT created_at_ms, reviewed_at_ms, CAST(NULL AS BIGINT) FROM vacancies \
             WHERE reviewed_at_ms IS NOT NULL AND reviewed_by IS NOT NULL"
        }
        Service::Pkwt => {
            "SELECT submitted_at_ms, decided_at_ms, CAST(NULL AS BIGINT) FROM pkwt_contracts \
             WHERE decided_at_ms IS NOT NULL"
        }
        Service::Dkptka => {
            "SELECT submitted_at_ms, decided_at_ms, CAST(NULL AS BIGINT) FROM dkptka_bills \
             WHERE decided_at_ms IS NOT NULL AND submitted_at_ms IS NOT NULL"
        }
        // The decision is the event that ended the request's clock (deemed approval included: late).
        Service::Requests => {
            "SELECT r.submitted_at_ms, MIN(e.at_ms), r.due_at_ms FROM requests r \
             JOIN request_events e ON e.request_id = r.id \
             WHERE e.to_status IN ('approved', 'registered', 'refused', 'deemed_approved') \
             AND r.submitted_at_ms IS NOT NULL GROUP BY r.id, r.submitted_at_ms, r.due_at_ms"
        }
        Service::Complaints => return complaints_finished(pool).await,
    };
    sqlx::query_as(sql).fetch_all(pool).await
}

/// A queue's waiting items as SQL: the table with its condition, the submitted instant and the stored
/// deadline (NULL where the service keeps none: one working day by the calendar). Complaints keep theirs as
/// days and are read as clocks instead (`None`).
struct WaitingSql {
    from: &'static str,
    submitted: &'static str,
    due: &'static str,
    /// Which of `overdue_heads`' two reads can find anything: past a stored deadline, without one.
    stored: bool,
    computed: bool,
}

fn waiting_sql(service: Service) -> Option<WaitingSql> {
    const NO_DUE: &str = "CAST(NULL AS BIGINT)";
    let (from, submitted, due) = match service {
        Service::Ak1 => (
            "ak1_applications WHERE status = 'waiting'",
            "submitted_at_ms",
            "due_at_ms",
        ),
        Service::CompanyVerification => (
            "companies WHERE verified = 0 AND rejection_reason IS NULL",
            "created_at_ms",
            NO_DUE,
        ),
        Service::VacancyModeration => (
            "vacancies WHERE status = 'pending'",
            "created_at_ms",
            NO_DUE,
        ),
        Service::Pkwt => (
            "pkwt_contracts WHERE status = 'waiting'",
            "submitted_at_ms",
            "due_at_ms",
        ),
        Service::Dkptka => (
            "dkptka_bills WHERE status = 'submitted'",
            "COALESCE(submitted_at_ms, created_at_ms)",
            "due_at_ms",
        ),
        // A request sent back for correction waits for the company, not the office.
        Service::Requests => (
            "requests WHERE status IN ('submitted', 'in_review') AND submitted_at_ms IS NOT NULL",
            "submitted_at_ms",
            "due_at_ms",
        ),
        // A case waiting for the complainant's answer (more information) has no running office clock.
        Service::Complaints => return None,
    };
    // AK-1 and PKWT store every deadline (NOT NULL); the two reviews keep none.
    let always = matches!(service, Service::Ak1 | Service::Pkwt);
    Some(WaitingSql {
        from,
        submitted,
        due,
        stored: due != NO_DUE,
        computed: !always,
    })
}

/// Waiting items of a service: id, submitted, and the stored deadline where the table keeps one.
pub async fn waiting(
    pool: &AnyPool,
    service: Service,
) -> Result<Vec<(i64, i64, Option<i64>)>, sqlx::Error> {
    let Some(q) = waiting_sql(service) else {
        let clocks = complaint_clocks(pool, false).await?;
        return Ok(clocks.iter().filter_map(ComplaintClock::waiting).collect());
    };
    let sql = format!("SELECT id, {}, {} FROM {}", q.submitted, q.due, q.from);
    sqlx::query_as(&sql).fetch_all(pool).await
}

/// The queues kept in SQL (all but complaints), in `Service::ALL` order.
fn sql_queues() -> impl Iterator<Item = (Service, WaitingSql)> {
    Service::ALL
        .into_iter()
        .filter_map(|service| Some((service, waiting_sql(service)?)))
}

/// Every queue kept in SQL counted in one statement: (service, waiting, overdue at `now_ms`, oldest
/// submission). Overdue is a stored deadline before `now_ms`, or none stored and submitted before
/// `cutoff_ms` (`HolidayCalendar::overdue_cutoff`). Complaints are not among them (`waiting`).
pub async fn counts(
    pool: &AnyPool,
    now_ms: i64,
    cutoff_ms: i64,
) -> Result<Vec<(Service, i64, i64, Option<i64>)>, sqlx::Error> {
    let sql = sql_queues()
        .enumerate()
        .map(|(n, (_, q))| {
            format!(
                "SELECT CAST({n} AS BIGINT), COUNT(*), \
                 COUNT(CASE WHEN {due} < $1 OR ({due} IS NULL AND {sub} < $2) THEN 1 END), MIN({sub}) FROM {from}",
                due = q.due,
                sub = q.submitted,
                from = q.from
            )
        })
        .collect::<Vec<_>>()
        .join(" UNION ALL ");
    let rows: Vec<(i64, i64, i64, Option<i64>)> = sqlx::query_as(&sql)
        .bind(now_ms)
        .bind(cutoff_ms)
        .fetch_all(pool)
        .await?;
    Ok(by_queue(rows, |(n, waiting, overdue, oldest)| {
        (n, (waiting, overdue, oldest))
    })
    .map(|(service, (w, o, m))| (service, w, o, m))
    .collect())
}

/// The `limit` longest-overdue items of each queue kept in SQL, in one statement: (service, id,
/// submitted, stored deadline). Two bounded reads per queue: past a stored deadline, by (deadline,
/// submission, id); without one, by (submission, id), the same order (their deadline grows with the
/// submission). The caller merges them by (deadline, submission, id).
pub async fn overdue_heads(
    pool: &AnyPool,
    now_ms: i64,
    cutoff_ms: i64,
    limit: i64,
) -> Result<Vec<(Service, i64, i64, Option<i64>)>, sqlx::Error> {
    let mut reads = Vec::new();
    for (n, (_, q)) in sql_queues().enumerate() {
        let (due, sub, from) = (q.due, q.submitted, q.from);
        let columns = format!("CAST({n} AS BIGINT) AS q, id, {sub} AS sub, {due} AS due");
        if q.stored {
            reads.push(format!(
                "SELECT * FROM (SELECT {columns} FROM {from} AND {due} < $1 \
                 ORDER BY due, sub, id LIMIT $3) s{n}"
            ));
        }
        if q.computed {
            reads.push(format!(
                "SELECT * FROM (SELECT {columns} FROM {from} AND {due} IS NULL AND {sub} < $2 \
                 ORDER BY sub, id LIMIT $3) c{n}"
            ));
        }
    }
    let sql = reads.join(" UNION ALL ");
    let rows: Vec<(i64, i64, i64, Option<i64>)> = sqlx::query_as(&sql)
        .bind(now_ms)
        .bind(cutoff_ms)
        .bind(limit)
        .fetch_all(pool)
        .await?;
    Ok(by_queue(rows, |(n, id, sub, due)| (n, (id, sub, due)))
        .map(|(service, (id, sub, due))| (service, id, sub, due))
        .collect())
}

/// Rows tagged with their queue's position among `sql_queues` turned back into services.
fn by_queue<R, T>(
    rows: Vec<R>,
    split: impl Fn(R) -> (i64, T),
) -> impl Iterator<Item = (Service, T)> {
    let services: Vec<Service> = sql_queues().map(|(service, _)| service).collect();
    rows.into_iter().filter_map(move |row| {
        let (n, rest) = split(row);
        let service = *services.get(usize::try_from(n).ok()?)?;
        Some((service, rest))
    })
}

/// The office's clocks of complaints: the running ones of open cases, or the done ones.
async fn complaint_clocks(pool: &AnyPool, done: bool) -> Result<Vec<ComplaintClock>, sqlx::Error> {
    clocks_where(pool, done, "", &[], &[]).await
}

/// `complaint_clocks` narrowed by `tail` (conditions after `AND`, an order, a limit), with `texts` bound
/// from `$1` and then `numbers`.
async fn clocks_where(
    pool: &AnyPool,
    done: bool,
    tail: &str,
    texts: &[&str],
    numbers: &[i64],
) -> Result<Vec<ComplaintClock>, sqlx::Error> {
    let sql = format!(
        "SELECT k.complaint_id, k.step, k.started_on, k.due_on, k.done_on, c.filed_at_ms {}{tail}",
        clocks_from(done)
    );
    let mut query = sqlx::query_as::<_, ClockRow>(&sql);
    for text in texts {
        query = query.bind(*text);
    }
    for number in numbers {
        query = query.bind(*number);
    }
    Ok(query
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(clock_of)
        .collect())
}

/// A clock as `clocks_where` selects it: complaint, step, start day, due day, done day, filing instant.
type ClockRow = (i64, String, String, String, Option<String>, i64);

fn clock_of(
    (complaint_id, step, started_on, due_on, done_on, filed_at_ms): ClockRow,
) -> ComplaintClock {
    ComplaintClock {
        complaint_id,
        step,
        started_on,
        due_on,
        done_on,
        filed_at_ms,
    }
}

/// The clocks' table and condition: the running clocks of open cases, or the done ones.
fn clocks_from(done: bool) -> String {
    let (done_clause, status_clause) = if done {
        ("k.done_on IS NOT NULL", "")
    } else {
        (
            "k.done_on IS NULL",
            " AND c.status NOT IN ('referred', 'closed')",
        )
    };
    let steps = COMPLAINT_CLOCKS.map(|s| format!("'{s}'")).join(", ");
    format!(
        "FROM complaint_clocks k JOIN complaints c ON c.id = k.complaint_id \
         WHERE k.step IN ({steps}) AND {done_clause}{status_clause}"
    )
}

/// The running complaint clocks counted in SQL: how many, how many are overdue on `today` (a due day
/// before it; the due day itself still counts), and the one that started first, in one pass over them. A
/// clock's deadline is the end of its due day, and it starts within its start day (at 00:00 WIB, or at the
/// filing when the case was filed that day: clocks are only ever started on the day of the filing or of a
/// later step), so ISO dates order clocks as their instants do.
pub async fn complaint_counts(
    pool: &AnyPool,
    today: &str,
) -> Result<(i64, i64, Option<ComplaintClock>), sqlx::Error> {
    // A `ClockRow` and the two counts over every running clock.
    type Counted = (i64, String, String, String, Option<String>, i64, i64, i64);
    let first: Option<Counted> = sqlx::query_as(&format!(
        "SELECT k.complaint_id, k.step, k.started_on, k.due_on, k.done_on, c.filed_at_ms, COUNT(*) OVER (), \
         COUNT(CASE WHEN k.due_on < $1 THEN 1 END) OVER () {} \
         ORDER BY k.started_on, c.filed_at_ms, k.complaint_id LIMIT 1",
        clocks_from(false)
    ))
    .bind(today)
    .fetch_optional(pool)
    .await?;
    Ok(match first {
        None => (0, 0, None),
        Some((id, step, started_on, due_on, done_on, filed_at_ms, waiting, overdue)) => {
            let oldest = clock_of((id, step, started_on, due_on, done_on, filed_at_ms));
            (waiting, overdue, Some(oldest))
        }
    })
}

/// The `limit` running complaint clocks longest overdue on `today`, as the dashboard orders them (deadline,
/// start, complaint). SQL orders by (due day, start day) first; among the clocks of the last such pair only
/// the start instant and the id decide, so those are read again in that order, as many as are still
/// missing.
pub async fn complaint_overdue_heads(
    pool: &AnyPool,
    today: &str,
    limit: i64,
) -> Result<Vec<ComplaintClock>, sqlx::Error> {
    let mut heads = clocks_where(
        pool,
        false,
        " AND k.due_on < $1 ORDER BY k.due_on, k.started_on LIMIT $2",
        &[today],
        &[limit],
    )
    .await?;
    let Some(last) = heads.last().filter(|_| heads.len() as i64 >= limit) else {
        return Ok(heads);
    };
    let (due_on, started_on) = (last.due_on.clone(), last.started_on.clone());
    let Some(day_start) = parse_date(&started_on).map(wib_day_start_ms) else {
        return Ok(heads);
    };
    heads.retain(|c| (&c.due_on, &c.started_on) != (&due_on, &started_on));
    let missing = limit - heads.len() as i64;
    heads.extend(tied_clocks(pool, &due_on, &started_on, day_start, missing).await?);
    Ok(heads)
}

/// The first `missing` running clocks of one (due day, start day) pair in the order of their start
/// instants, then ids. A clock of a case filed before its start day started at 00:00 WIB, so all of those
/// come first, by id (read along the index, stopping early); the ones filed later that day follow by
/// filing time. Reading them apart spares sorting the whole group, which may be most open clocks.
async fn tied_clocks(
    pool: &AnyPool,
    due_on: &str,
    started_on: &str,
    day_start: i64,
    missing: i64,
) -> Result<Vec<ComplaintClock>, sqlx::Error> {
    let same_pair = " AND k.due_on = $1 AND k.started_on = $2";
    let mut group = clocks_where(
        pool,
        false,
        &format!("{same_pair} AND c.filed_at_ms <= $3 ORDER BY k.complaint_id LIMIT $4"),
        &[due_on, started_on],
        &[day_start, missing],
    )
    .await?;
    let still = missing - group.len() as i64;
    if still > 0 {
        group.extend(
            clocks_where(
                pool,
                false,
                &format!(
                    "{same_pair} AND c.filed_at_ms > $3 ORDER BY c.filed_at_ms, k.complaint_id LIMIT $4"
                ),
                &[due_on, started_on],
                &[day_start, still],
            )
            .await?,
        );
    }
    Ok(group)
}

/// Done office clocks of complaints, each finished at the officer step that stopped it.
async fn complaints_finished(pool: &AnyPool) -> Result<Vec<(i64, i64, Option<i64>)>, sqlx::Error> {
    let clocks = complaint_clocks(pool, true).await?;
    let events: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT complaint_id, kind, at_ms FROM complaint_events \
         WHERE by_role = 'officer' AND kind IN ('accept', 'more_info', 'refer', 'close', 'plan') \
         ORDER BY complaint_id, at_ms",
    )
    .fetch_all(pool)
    .await?;
    let mut steps: HashMap<i64, Vec<(String, i64)>> = HashMap::new();
    for (id, kind, at_ms) in events {
        steps.entry(id).or_default().push((kind, at_ms));
    }
    Ok(clocks
        .iter()
        .filter_map(|clock| {
            let stops = complaint_clock_stops(&clock.step);
            let times: Vec<i64> = steps
                .get(&clock.complaint_id)
                .map(|all| {
                    all.iter()
                        .filter(|(kind, _)| stops.contains(&kind.as_str()))
                        .map(|(_, at)| *at)
                        .collect()
                })
                .unwrap_or_default();
            clock.finished(&times)
        })
        .map(|f| (f.submitted_at_ms, f.finished_at_ms, f.due_at_ms))
        .collect())
}
