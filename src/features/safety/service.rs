//! What other features may ask of K3 (read-only): the manpower report's pre-fill counts the accidents a
//! company reported in a year.
use sqlx::AnyConnection;

/// Accidents the company reported that happened between two instants (UTC epoch ms, `from` included).
pub async fn accidents_between(
    conn: &mut AnyConnection,
    company_id: i64,
    from_ms: i64,
    to_ms: i64,
) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM k3_accidents WHERE company_id = $1 AND occurred_at_ms >= $2 AND occurred_at_ms < $3",
    )
    .bind(company_id)
    .bind(from_ms)
    .bind(to_ms)
    .fetch_one(conn)
    .await?;
    Ok(n)
}

/// Whether the company's latest P2K3 self-check before `before_ms` says a committee is formed.
pub async fn p2k3_formed(
    conn: &mut AnyConnection,
    company_id: i64,
    before_ms: i64,
) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT met FROM k3_self_checks WHERE company_id = $1 AND kind = 'p2k3' AND submitted_at_ms < $2 \
         ORDER BY submitted_at_ms DESC, id DESC LIMIT 1",
    )
    .bind(company_id)
    .bind(before_ms)
    .fetch_optional(conn)
    .await?;
    Ok(row.is_some_and(|(met,)| met > 0))
}

/// An accident as the officers' CSV lists it: no victim (nothing to decrypt).
#[derive(sqlx::FromRow)]
pub struct AccidentExportRow {
    pub id: i64,
    pub case_number: String,
    pub company_name: String,
    pub occurred_at_ms: i64,
    pub reported_at_ms: i64,
    pub late: i64,
    pub outcome: String,
    pub place: String,
    pub lost_days: i64,
}

/// One page of every company's accidents, newest first, after the key `(occurred_at_ms, id)` of the
/// previous page's last row (keyset paging: each page costs the same however deep).
pub async fn accident_export_page(
    conn: &mut AnyConnection,
    after: Option<(i64, i64)>,
    limit: i64,
) -> Result<Vec<AccidentExportRow>, sqlx::Error> {
    let (occurred, id) = after.unwrap_or((0, 0));
    sqlx::query_as(
        "SELECT a.id, a.case_number, c.name AS company_name, a.occurred_at_ms, a.reported_at_ms, a.late, a.outcome, \
         a.place, a.lost_days FROM k3_accidents a JOIN companies c ON c.id = a.company_id \
         WHERE $1 = 0 OR a.occurred_at_ms < $2 OR (a.occurred_at_ms = $2 AND a.id < $3) \
         ORDER BY a.occurred_at_ms DESC, a.id DESC LIMIT $4",
    )
    .bind(i64::from(after.is_some()))
    .bind(occurred)
    .bind(id)
    .bind(limit)
    .fetch_all(conn)
    .await
}
