//! What other features may ask of TKA and DKPTKA (read-only): the inbox's automation reads unpaid bills,
//! permits ending and the validation queue past its deadline. Never `tka::repo`.
use sqlx::AnyConnection;

/// An unpaid levy bill whose period starts on or before a date.
#[derive(sqlx::FromRow, Clone, Debug)]
pub struct UnpaidBill {
    pub id: i64,
    pub company_id: i64,
    pub bill_number: String,
    pub period_start: String,
    pub amount_idr: i64,
}

pub async fn unpaid_bills_starting_by(
    conn: &mut AnyConnection,
    by: &str,
) -> Result<Vec<UnpaidBill>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, company_id, bill_number, period_start, amount_idr FROM dkptka_bills \
         WHERE status = 'unpaid' AND period_start <= $1 ORDER BY id",
    )
    .bind(by)
    .fetch_all(conn)
    .await
}

/// Per company, unpaid bills.
pub async fn unpaid_bills_per_company(
    conn: &mut AnyConnection,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT company_id, COUNT(*) FROM dkptka_bills WHERE status = 'unpaid' GROUP BY company_id",
    )
    .fetch_all(conn)
    .await
}

/// Per company, active foreign workers whose permit ends between `from` and `to` (inclusive).
pub async fn permits_ending_per_company(
    conn: &mut AnyConnection,
    from: &str,
    to: &str,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT company_id, COUNT(*) FROM tka_workers WHERE status = 'active' \
         AND permit_end >= $1 AND permit_end <= $2 GROUP BY company_id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await
}

/// Payment proofs waiting past their one-working-day deadline: (count, oldest submission).
pub async fn overdue_queue(
    conn: &mut AnyConnection,
    now_ms: i64,
) -> Result<(i64, Option<i64>), sqlx::Error> {
    sqlx::query_as(
        "SELECT COUNT(*), MIN(submitted_at_ms) FROM dkptka_bills WHERE status = 'submitted' AND due_at_ms < $1",
    )
    .bind(now_ms)
    .fetch_one(conn)
    .await
}

/// The company's foreign workers working on `as_of` (YYYY-MM-DD): started by then, and still active or
/// left on or after it: (all, male, female), for the manpower report's pre-fill.
pub async fn company_active_workers(
    conn: &mut AnyConnection,
    company_id: i64,
    as_of: &str,
) -> Result<(i64, i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT COUNT(*), COALESCE(CAST(SUM(CASE WHEN sex = 'male' THEN 1 ELSE 0 END) AS BIGINT), 0), \
         COALESCE(CAST(SUM(CASE WHEN sex = 'female' THEN 1 ELSE 0 END) AS BIGINT), 0) \
         FROM tka_workers WHERE company_id = $1 AND start_date <= $2 \
         AND (status = 'active' OR left_on >= $2)",
    )
    .bind(company_id)
    .bind(as_of)
    .fetch_one(conn)
    .await
}
