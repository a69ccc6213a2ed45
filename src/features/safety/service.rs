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

/// Whether the company's latest P2K3 self-check says a committee is formed.
pub async fn p2k3_formed(conn: &mut AnyConnection, company_id: i64) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT met FROM k3_self_checks WHERE company_id = $1 AND kind = 'p2k3' \
         ORDER BY submitted_at_ms DESC, id DESC LIMIT 1",
    )
    .bind(company_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.is_some_and(|(met,)| met > 0))
}
