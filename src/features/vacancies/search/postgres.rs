//! PostgreSQL's way to the newest matches of a text search: which plan each read may take, within which
//! time, and where the next read picks up. The planner alone would choose badly at a million vacancies:
//! it believes words and filters independent.
use std::time::Instant;

use futures_util::TryStreamExt;
use sqlx::FromRow;

use super::read::{Candidate, MatchRead};
use crate::{
    core::error::AppError,
    features::vacancies::query::COUNT_CAP,
    server::db::{Db, SqlBuilder},
};

/// The walk: the vacancies newest first (an index, never a bitmap, a table scan or a sort), the fast way
/// through many matches: the thousand newest of "operator mesin" in occupation group 8 lie in the newest
/// 14,000 rows (10 ms). The planner would not take that walk there: it expects 700 matches of the 75,000
/// (a bitmap of all of them: 430 ms). Where they rarely meet the walk tests row after row ("programmer"
/// with education up to SMK never meet: every row, 4.9 s), so it is timed ([`PROBE_MS`], [`WALK_MS`]).
/// Custom plans: a statement prepared on a pooled connection would otherwise get one generic plan after five
/// runs. No JIT: the walk's cost estimate is over its threshold, and compiling took 7-9 ms of every walk and
/// timed some out.
const WALK_PLAN: &[(&str, &str)] = &[
    ("plan_cache_mode", "force_custom_plan"),
    ("jit", "off"),
    ("enable_bitmapscan", "off"),
    ("enable_seqscan", "off"),
    ("enable_sort", "off"),
    ("max_parallel_workers_per_gather", "0"),
];
/// The first walk: long enough to see how dense the matches are (some 5,000 rows), short enough that a
/// search whose walk could not finish loses little before the bitmap. "operator" in district 36.03.01
/// (5,212 matches) would need 188,000 rows, 281 ms, for its thousand newest; the bitmap of all of them
/// takes 36 ms.
const PROBE_MS: u32 = 8;
/// The whole walk, the probe included, when the probe shows it will finish in that time.
const WALK_MS: u32 = 40;
/// Matches a probe needs before its density is trusted to say "more than a thousand in all".
const TRUSTED_SAMPLE: i64 = 20;
/// How far over COUNT_CAP the estimate must be: the matches thin out with age (deadlines pass), so the
/// newest rows overstate the density.
const MANY_MARGIN: i64 = 4;
/// After the walk: the GIN index's bitmap, which holds only rows that match, sorted newest first. The pool's
/// 32 MB of work memory (`Db::connect_lazy`) keeps such a bitmap exact, so no row is rechecked. With a range
/// of ids the bitmap is intersected with the primary key's first, and only the range's rows are read.
const FROM_THE_BITMAP: &[(&str, &str)] = &[
    ("plan_cache_mode", "force_custom_plan"),
    ("jit", "off"),
    ("enable_indexscan", "off"),
    ("enable_seqscan", "off"),
];
/// PostgreSQL's code for a statement cancelled by `statement_timeout`.
const QUERY_CANCELED: &str = "57014";

/// The newest `COUNT_CAP + 1` matches, or `None` when `many_will_do` and the probe shows there are far more
/// (the caller then lists them through the date or wage index, exactly). First a short walk, the probe; its
/// rows arrive as it finds them, so a walk that runs out of time still hands over what it found and tells how
/// dense the matches are ([`after_probe`]): the walk goes on where it will finish in time, the bitmap
/// takes over where it would not.
///
/// From the bitmap, the next read takes only as many ids below the walk as should hold the rest, twice over:
/// a bitmap's cost is mostly the rows it visits ("quality control" with education up to SMA matches 25,000
/// vacancies on 23,000 pages, 100 ms of rows; the newest 100,000 ids hold 2,500 of them, 4 ms of rows).
/// Whatever that range lacks comes from the rest. A range over more than a quarter of the ids gets no read of
/// its own: it saves little, and the primary key's bitmap of it costs (a judgement, not measured).
pub(super) async fn newest_matches(
    db: &Db,
    read: &MatchRead<'_>,
    many_will_do: bool,
) -> Result<Option<Vec<Candidate>>, AppError> {
    let cap = COUNT_CAP + 1;
    let mut found = Vec::new();
    let Some(elapsed_ms) = walk(db, &read.statement(None, None, cap), &mut found, PROBE_MS).await?
    else {
        return Ok(Some(found));
    };
    if found.len() as i64 >= cap {
        // Cancelled after the last row had arrived.
        return Ok(Some(found));
    }
    let Some(mut last) = found.last().map(|m| m.id) else {
        // Not one match in the newest few thousand rows: few in all, so the bitmap is small. (A probe
        // that spent its time before reading a row would say the same of a broad word: then the bitmap of
        // all its matches, as a 40 ms walk that found none would have led to.)
        return from_the_bitmap(db, read, found, None, None).await.map(Some);
    };
    let (newest,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(id), 0) FROM vacancies")
        .fetch_one(&db.pool)
        .await?;
    let seen = Probe {
        found: found.len() as i64,
        walked: newest - last,
        ids: newest,
        elapsed_ms,
    };
    match after_probe(&seen, cap, many_will_do) {
        Next::Many => return Ok(None),
        Next::Bitmap => {}
        Next::Walk { ms } => {
            let sql = read.statement(Some(last), None, cap - seen.found);
            if walk(db, &sql, &mut found, ms).await?.is_none() || found.len() as i64 >= cap {
                return Ok(Some(found));
            }
            last = found.last().map_or(last, |m| m.id);
        }
    }
    let range = range_for(newest - last, found.len() as i64, cap);
    let lowest = (range <= newest / 4).then_some(last - range);
    from_the_bitmap(db, read, found, Some(last), lowest)
        .await
        .map(Some)
}

/// The rest of `COUNT_CAP + 1` from the bitmap: below `below`, first down to `lowest` when given.
async fn from_the_bitmap(
    db: &Db,
    read: &MatchRead<'_>,
    mut found: Vec<Candidate>,
    below: Option<i64>,
    lowest: Option<i64>,
) -> Result<Vec<Candidate>, AppError> {
    let cap = COUNT_CAP + 1;
    let mut below = below;
    if let Some(lowest) = lowest {
        let sql = read.statement(below, Some(lowest), cap - found.len() as i64);
        found.extend(planned_with::<Candidate>(db, &sql, FROM_THE_BITMAP).await?);
        below = Some(lowest);
    }
    let wanted = cap - found.len() as i64;
    if wanted > 0 {
        let sql = read.statement(below, None, wanted);
        found.extend(planned_with::<Candidate>(db, &sql, FROM_THE_BITMAP).await?);
    }
    Ok(found)
}

/// What a probe that ran out of time saw: `found` matches in the newest `walked` of `ids` ids, in
/// `elapsed_ms`.
struct Probe {
    found: i64,
    walked: i64,
    ids: i64,
    elapsed_ms: u32,
}

#[derive(Debug, PartialEq)]
enum Next {
    /// Far more than `cap` match (the caller said a listing will do).
    Many,
    /// Walk on for `ms`: at the probe's pace the rest comes within the walk's time.
    Walk { ms: u32 },
    /// The rest from the bitmap.
    Bitmap,
}

/// Where the rest of `cap` comes from after a probe, at the pace the probe found matches.
fn after_probe(seen: &Probe, cap: i64, many_will_do: bool) -> Next {
    let found = seen.found.max(1);
    let estimated_all = seen.ids.saturating_mul(found) / seen.walked.max(1);
    if many_will_do
        && seen.found >= TRUSTED_SAMPLE
        && estimated_all > cap.saturating_mul(MANY_MARGIN)
    {
        return Next::Many;
    }
    let rest = (cap - seen.found).max(0);
    // Rounded up, so that a rest that needs any time at all is never promised to come in none.
    let needed_ms = i64::from(seen.elapsed_ms.max(1))
        .saturating_mul(rest)
        .saturating_add(found - 1)
        / found;
    let left_ms = WALK_MS.saturating_sub(seen.elapsed_ms);
    if seen.found > 0 && left_ms > 0 && needed_ms <= i64::from(left_ms) {
        Next::Walk { ms: left_ms }
    } else {
        Next::Bitmap
    }
}

/// How many ids below the walk's last match should hold the rest of `cap`, twice over, when the walk found
/// `found` matches in `walked` ids.
fn range_for(walked: i64, found: i64, cap: i64) -> i64 {
    let rest = (cap - found).max(0);
    walked.max(1).saturating_mul(rest).saturating_mul(2) / found.max(1)
}

/// The walk under [`WALK_PLAN`] for at most `ms`, its rows added to `found` as they arrive: `None` when it
/// finished, else the milliseconds it ran before it was cancelled.
async fn walk(
    db: &Db,
    sql: &SqlBuilder,
    found: &mut Vec<Candidate>,
    ms: u32,
) -> Result<Option<u32>, AppError> {
    let mut tx = db.pool.begin().await?;
    // 0 would mean no timeout at all.
    let ms = ms.max(1);
    let settings = format!(
        "{}, set_config('statement_timeout', '{ms}', true)",
        settings_sql(WALK_PLAN)
    );
    sqlx::query(&settings).execute(&mut *tx).await?;
    let started = Instant::now();
    let finished = {
        let mut rows = sql.query_as::<Candidate>().fetch(&mut *tx);
        loop {
            match rows.try_next().await {
                Ok(Some(row)) => found.push(row),
                Ok(None) => break true,
                Err(e) if timed_out(&e) => break false,
                Err(e) => return Err(e.into()),
            }
        }
    };
    if finished {
        tx.commit().await?;
        return Ok(None);
    }
    // A cancelled statement aborted the transaction; dropping it rolls back.
    let ran = u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX);
    Ok(Some(ran.max(1)))
}

/// The statement under planner settings that last for its transaction only.
async fn planned_with<T>(
    db: &Db,
    sql: &SqlBuilder,
    settings: &'static [(&'static str, &'static str)],
) -> Result<Vec<T>, sqlx::Error>
where
    T: for<'r> FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    let mut tx = db.pool.begin().await?;
    sqlx::query(&settings_sql(settings))
        .execute(&mut *tx)
        .await?;
    let rows = sql.query_as().fetch_all(&mut *tx).await?;
    tx.commit().await?;
    Ok(rows)
}

/// One statement that applies planner settings until the transaction ends (`set_config(…, true)` is
/// `SET LOCAL`), all in one round trip.
fn settings_sql(settings: &[(&str, &str)]) -> String {
    let settings: Vec<String> = settings
        .iter()
        .map(|(name, value)| format!("set_config('{name}', '{value}', true)"))
        .collect();
    format!("SELECT {}", settings.join(", "))
}

/// Whether PostgreSQL cancelled the statement at its `statement_timeout`.
fn timed_out(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.code().as_deref() == Some(QUERY_CANCELED))
}

#[cfg(test)]
mod tests {
    use super::{Next, Probe, after_probe, range_for};

    const CAP: i64 = 1001;

    fn probe(found: i64, walked: i64) -> Probe {
        Probe {
            found,
            walked,
            ids: 1_000_000,
            elapsed_ms: 8,
        }
    }

    #[test]
    fn a_probe_walks_on_only_where_the_rest_comes_in_the_walks_time() {
        // "operator" in district 36.03.01: 28 matches in 8 ms, the rest would take 278 ms.
        assert_eq!(after_probe(&probe(28, 5_600), CAP, false), Next::Bitmap);
        // 400 in 8 ms: the other 601 in 12 ms, within the 32 ms left.
        assert_eq!(
            after_probe(&probe(400, 5_600), CAP, false),
            Next::Walk { ms: 32 }
        );
        // The edge: 201 → 800 more in 31.8 ms; 200 → 801 more in 32.04 ms, rounded up to 33.
        assert_eq!(
            after_probe(&probe(201, 5_600), CAP, false),
            Next::Walk { ms: 32 }
        );
        assert_eq!(after_probe(&probe(200, 5_600), CAP, false), Next::Bitmap);
        // Nothing seen: the bitmap.
        assert_eq!(after_probe(&probe(0, 5_600), CAP, false), Next::Bitmap);
        // A probe that already took the whole walk's time walks no further, however close it came (a walk
        // of 0 ms would have no timeout at all).
        for found in [900, 1_000] {
            for elapsed_ms in [40, 45] {
                let slow = Probe {
                    elapsed_ms,
                    ..probe(found, 5_600)
                };
                assert_eq!(after_probe(&slow, CAP, false), Next::Bitmap);
            }
        }
        // One millisecond left is still a walk when the rest comes in it.
        let close = Probe {
            elapsed_ms: 39,
            ..probe(1_000, 5_600)
        };
        assert_eq!(after_probe(&close, CAP, false), Next::Walk { ms: 1 });
    }

    #[test]
    fn many_only_when_asked_and_the_sample_says_far_more_than_the_cap() {
        // A district with an education level, no words: 95 in 5,600 ids, about 17,000 in all.
        assert_eq!(after_probe(&probe(95, 5_600), CAP, true), Next::Many);
        // The same with words: their thousand newest are wanted.
        assert_eq!(after_probe(&probe(95, 5_600), CAP, false), Next::Bitmap);
        // Too few matches seen to trust (10 in 100 ids), or not four times the cap (22 in 5,600: 3,928).
        assert_eq!(after_probe(&probe(10, 100), CAP, true), Next::Bitmap);
        assert_eq!(after_probe(&probe(22, 5_600), CAP, true), Next::Bitmap);
        // A listing also wins over a walk that would finish: it is exact in every order.
        assert_eq!(after_probe(&probe(400, 5_600), CAP, true), Next::Many);
        // Never overflows.
        let huge = Probe {
            ids: i64::MAX,
            ..probe(super::TRUSTED_SAMPLE, 1)
        };
        assert_eq!(after_probe(&huge, CAP, true), Next::Many);
    }

    #[test]
    fn the_range_below_the_walk_holds_the_rest_twice_over() {
        // 250 matches in 10,000 ids: 751 more need about 30,000 ids; twice that.
        assert_eq!(range_for(10_000, 250, 1001), 60_080);
        // Nothing left to find, or an empty walk: no range, or one of the walk's own length per match.
        assert_eq!(range_for(10_000, 1001, 1001), 0);
        assert_eq!(range_for(0, 1, 1001), 2_000);
        // Never overflows.
        assert!(range_for(i64::MAX, 1, 1001) > 0);
    }
}
