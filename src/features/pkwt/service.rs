//! What other features may ask of PKWT (read-only): the inbox's automation reads registered contracts for
//! the monthly income notice, the company digest and the service-clock check. Never `pkwt::repo`.
use sqlx::AnyConnection;

pub use super::repo::minimum_wages;
use super::rules::{DAILY_DAYS_LIMIT, DAILY_WAGE_DIVISOR};

/// A registered contract in force whose worker has an account (matched by the NIK's HMAC index).
#[derive(sqlx::FromRow, Clone, Debug)]
pub struct WorkerContract {
    pub contract_id: i64,
    pub worker_account_id: i64,
    pub company_name: String,
    pub position: String,
    pub wage_idr: i64,
    pub start_date: String,
    pub end_date: String,
    pub foreign_worker: i64,
}

/// Approved contracts in force on `today` (YYYY-MM-DD) whose worker has an account.
pub async fn contracts_in_force_with_accounts(
    conn: &mut AnyConnection,
    today: &str,
) -> Result<Vec<WorkerContract>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id AS contract_id, s.account_id AS worker_account_id, co.name AS company_name, c.position, \
         c.wage_idr, c.start_date, c.end_date, c.foreign_worker FROM pkwt_contracts c \
         JOIN seekers s ON s.nik_hash = c.worker_id_hash JOIN companies co ON co.id = c.company_id \
         WHERE c.status = 'approved' AND c.ended_on IS NULL AND c.start_date <= $1 AND c.end_date >= $1 \
         ORDER BY c.id",
    )
    .bind(today)
    .fetch_all(conn)
    .await
}

/// Per company, approved contracts in force that end between `from` and `to` (inclusive).
pub async fn contracts_ending_per_company(
    conn: &mut AnyConnection,
    from: &str,
    to: &str,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT company_id, COUNT(*) FROM pkwt_contracts WHERE status = 'approved' AND ended_on IS NULL \
         AND end_date >= $1 AND end_date <= $2 GROUP BY company_id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await
}

/// Registrations waiting past their one-working-day deadline: (count, oldest submission).
pub async fn overdue_queue(
    conn: &mut AnyConnection,
    now_ms: i64,
) -> Result<(i64, Option<i64>), sqlx::Error> {
    sqlx::query_as(
        "SELECT COUNT(*), MIN(submitted_at_ms) FROM pkwt_contracts WHERE status = 'waiting' AND due_at_ms < $1",
    )
    .bind(now_ms)
    .fetch_one(conn)
    .await
}

/// The company's approved contracts in force on `today` (YYYY-MM-DD), for the manpower report's pre-fill;
/// a contract ended early counts up to the day it ended (so a past report year's 31 December sees it).
#[derive(sqlx::FromRow, Clone, Debug, Default, PartialEq, Eq)]
pub struct ContractsInForce {
    pub contracts: i64,
    pub male: i64,
    pub female: i64,
    pub foreign_workers: i64,
    pub lowest_wage_idr: Option<i64>,
}

pub async fn company_contracts_in_force(
    conn: &mut AnyConnection,
    company_id: i64,
    today: &str,
) -> Result<ContractsInForce, sqlx::Error> {
    sqlx::query_as(
        "SELECT COUNT(*) AS contracts, \
         COALESCE(CAST(SUM(CASE WHEN worker_sex = 'male' THEN 1 ELSE 0 END) AS BIGINT), 0) AS male, \
         COALESCE(CAST(SUM(CASE WHEN worker_sex = 'female' THEN 1 ELSE 0 END) AS BIGINT), 0) AS female, \
         COALESCE(CAST(SUM(foreign_worker) AS BIGINT), 0) AS foreign_workers, \
         MIN(CASE WHEN contract_kind = 'daily' THEN NULL ELSE wage_idr END) AS lowest_wage_idr \
         FROM pkwt_contracts WHERE company_id = $1 AND status = 'approved' \
         AND start_date <= $2 AND COALESCE(ended_on, end_date) >= $2",
    )
    .bind(company_id)
    .bind(today)
    .fetch_one(conn)
    .await
}

/// Per company, approved contracts in force on or after `from` (YYYY-MM-DD) paying below the minimum wage
/// `amount_idr`: a daily-work contract below the daily minimum for its days, rounded as the form rounds
/// it (`ContractForm::check_wage`).
pub async fn contracts_below_wage_per_company(
    conn: &mut AnyConnection,
    amount_idr: i64,
    from: &str,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT company_id, COUNT(*) FROM pkwt_contracts WHERE status = 'approved' \
         AND wage_idr < CASE WHEN contract_kind = 'daily' AND days_per_month BETWEEN 1 AND $4 \
         THEN ($1 * days_per_month * 2 + $3) / ($3 * 2) ELSE $1 END \
         AND COALESCE(ended_on, end_date) >= $2 GROUP BY company_id",
    )
    .bind(amount_idr)
    .bind(from)
    .bind(DAILY_WAGE_DIVISOR)
    .bind(DAILY_DAYS_LIMIT - 1)
    .fetch_all(conn)
    .await
}
