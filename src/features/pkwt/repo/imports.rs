//! The bulk registration's tables: the company's registrations a file is checked against, and the checked
//! files waiting (encrypted) in `pkwt_imports` for confirmation.
use sqlx::{Any, Transaction};

/// A registration that binds a worker: id, worker hash, start, end, early end, registration number.
pub type CompanyBookRow = (i64, String, String, String, Option<String>, Option<String>);

/// The company's registrations that were not rejected.
pub async fn company_book_rows(
    executor: impl sqlx::Executor<'_, Database = sqlx::Any>,
    company_id: i64,
) -> Result<Vec<CompanyBookRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, worker_id_hash, start_date, end_date, ended_on, registration_number FROM pkwt_contracts \
         WHERE company_id = $1 AND status <> 'rejected'",
    )
    .bind(company_id)
    .fetch_all(executor)
    .await
}

/// Deletes this company's checked files created at or before `created_before_ms`.
pub async fn delete_expired_imports(
    tx: &mut Transaction<'static, Any>,
    company_id: i64,
    created_before_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM pkwt_imports WHERE company_id = $1 AND created_at_ms <= $2")
        .bind(company_id)
        .bind(created_before_ms)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Keeps a checked file: (company, checked by, when, file name, sealed rows, valid, invalid). Returns its id.
#[expect(clippy::too_many_arguments)]
pub async fn insert_import(
    tx: &mut Transaction<'static, Any>,
    company_id: i64,
    created_by: i64,
    created_at_ms: i64,
    file_name: &str,
    rows_sealed: String,
    valid_rows: usize,
    invalid_rows: usize,
) -> Result<i64, sqlx::Error> {
    let (import_id,): (i64,) = sqlx::query_as(
        "INSERT INTO pkwt_imports (company_id, created_by, created_at_ms, file_name, rows_json, valid_rows, invalid_rows) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(company_id)
    .bind(created_by)
    .bind(created_at_ms)
    .bind(file_name)
    .bind(rows_sealed)
    .bind(valid_rows as i64)
    .bind(invalid_rows as i64)
    .fetch_one(&mut **tx)
    .await?;
    Ok(import_id)
}

/// Deletes this company's checked file if created after `created_after_ms`, returning its sealed rows.
pub async fn take_import(
    tx: &mut Transaction<'static, Any>,
    import_id: i64,
    company_id: i64,
    created_after_ms: i64,
) -> Result<Option<String>, sqlx::Error> {
    let taken: Option<(String,)> = sqlx::query_as(
        "DELETE FROM pkwt_imports WHERE id = $1 AND company_id = $2 AND created_at_ms > $3 RETURNING rows_json",
    )
    .bind(import_id)
    .bind(company_id)
    .bind(created_after_ms)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(taken.map(|(rows,)| rows))
}

/// The company a checked file belongs to, if it is still kept.
pub async fn import_owner(
    tx: &mut Transaction<'static, Any>,
    import_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let owner: Option<(i64,)> = sqlx::query_as("SELECT company_id FROM pkwt_imports WHERE id = $1")
        .bind(import_id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(owner.map(|(id,)| id))
}
