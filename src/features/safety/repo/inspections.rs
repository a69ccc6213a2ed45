//! Inspections attached by officers and their orders, reported done by the company.
use sqlx::{Any, Executor, FromRow};

pub async fn company_exists(
    executor: impl Executor<'_, Database = Any>,
    company_id: i64,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("SELECT name FROM companies WHERE id = $1")
        .bind(company_id)
        .fetch_optional(executor)
        .await?;
    Ok(row.map(|(name,)| name))
}

pub async fn insert_inspection(
    executor: impl Executor<'_, Database = Any>,
    company_id: i64,
    inspected_on: &str,
    summary: &str,
    document_key: &str,
    created_by: i64,
    now_ms: i64,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO k3_inspections (company_id, inspected_on, summary, document_key, created_by, created_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(company_id)
    .bind(inspected_on)
    .bind(summary)
    .bind(document_key)
    .bind(created_by)
    .bind(now_ms)
    .fetch_one(executor)
    .await?;
    Ok(id)
}

pub async fn insert_order(
    executor: impl Executor<'_, Database = Any>,
    inspection_id: i64,
    company_id: i64,
    description: &str,
    due_date: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO k3_orders (inspection_id, company_id, description, due_date, status) VALUES ($1, $2, $3, $4, 'open')",
    )
    .bind(inspection_id)
    .bind(company_id)
    .bind(description)
    .bind(due_date)
    .execute(executor)
    .await?;
    Ok(())
}

#[derive(Clone, FromRow)]
pub struct InspectionRow {
    pub id: i64,
    pub company_id: i64,
    pub inspected_on: String,
    pub summary: String,
    pub document_key: String,
}

pub async fn inspections(
    executor: impl Executor<'_, Database = Any>,
    company_id: i64,
) -> Result<Vec<InspectionRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, company_id, inspected_on, summary, document_key FROM k3_inspections WHERE company_id = $1 \
         ORDER BY inspected_on DESC, id DESC",
    )
    .bind(company_id)
    .fetch_all(executor)
    .await
}

pub async fn inspection(
    executor: impl Executor<'_, Database = Any>,
    id: i64,
) -> Result<Option<InspectionRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, company_id, inspected_on, summary, document_key FROM k3_inspections WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(executor)
    .await
}

#[derive(Clone, FromRow)]
pub struct OrderRow {
    pub id: i64,
    pub inspection_id: i64,
    pub company_id: i64,
    pub company_name: String,
    pub description: String,
    pub due_date: String,
    pub status: String,
    pub done_note: Option<String>,
    pub evidence_key: Option<String>,
}

const ORDER_COLUMNS: &str = "o.id, o.inspection_id, o.company_id, c.name AS company_name, o.description, o.due_date, \
    o.status, o.done_note, o.evidence_key FROM k3_orders o JOIN companies c ON c.id = o.company_id";

pub async fn company_orders(
    executor: impl Executor<'_, Database = Any>,
    company_id: i64,
) -> Result<Vec<OrderRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {ORDER_COLUMNS} WHERE o.company_id = $1 ORDER BY o.due_date, o.id"
    ))
    .bind(company_id)
    .fetch_all(executor)
    .await
}

/// Open orders whose due date has passed (`today` is YYYY-MM-DD), oldest first.
/// Open orders past their due date, of the companies in a district and KBLI section (empty = all).
pub async fn overdue_orders(
    executor: impl Executor<'_, Database = Any>,
    today: &str,
    (district, sector): (&str, &str),
) -> Result<Vec<OrderRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {ORDER_COLUMNS} WHERE o.status = 'open' AND o.due_date < $1 \
         AND ($2 = '' OR c.district_code = $2) AND ($3 = '' OR c.kbli_section = $3) ORDER BY o.due_date, o.id LIMIT 500"
    ))
    .bind(today)
    .bind(district)
    .bind(sector)
    .fetch_all(executor)
    .await
}

pub async fn order(
    executor: impl Executor<'_, Database = Any>,
    id: i64,
) -> Result<Option<OrderRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {ORDER_COLUMNS} WHERE o.id = $1"))
        .bind(id)
        .fetch_optional(executor)
        .await
}

/// Marks an open order of the company done; false when it is not open or not the company's.
pub async fn mark_order_done(
    executor: impl Executor<'_, Database = Any>,
    id: i64,
    company_id: i64,
    note: &str,
    evidence_key: &str,
    done_by: i64,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE k3_orders SET status = 'done', done_note = $1, evidence_key = $2, done_by = $3, done_at_ms = $4 \
         WHERE id = $5 AND company_id = $6 AND status = 'open'",
    )
    .bind(note)
    .bind(evidence_key)
    .bind(done_by)
    .bind(now_ms)
    .bind(id)
    .bind(company_id)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Staff accounts alerted at once about a fatal accident: the office head has no role of its own in the
/// portal, so every active officer and admin.
pub async fn staff_accounts(
    executor: impl Executor<'_, Database = Any>,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, email FROM accounts WHERE role IN ('officer', 'admin') AND disabled = 0 ORDER BY id",
    )
    .fetch_all(executor)
    .await
}

/// The company's active accounts (told of an inspection in their inbox).
pub async fn company_accounts(
    executor: impl Executor<'_, Database = Any>,
    company_id: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let rows: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM accounts WHERE company_id = $1 AND disabled = 0")
            .bind(company_id)
            .fetch_all(executor)
            .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}
