//! Rows of the seeker's uploaded files (photo, CV); the bytes are in storage under `storage_key`.
use sqlx::{Any, Executor};

/// The kinds of file the seeker has uploaded, in name order.
pub async fn file_kinds<'c, E>(executor: E, account_id: i64) -> Result<Vec<String>, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let files: Vec<(String,)> =
        sqlx::query_as("SELECT kind FROM seeker_files WHERE account_id = $1 ORDER BY kind")
            .bind(account_id)
            .fetch_all(executor)
            .await?;
    Ok(files.into_iter().map(|(kind,)| kind).collect())
}

/// The storage key of the seeker's current file of this kind.
pub async fn file_key<'c, E>(
    executor: E,
    account_id: i64,
    kind: &str,
) -> Result<Option<String>, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let old: Option<(String,)> =
        sqlx::query_as("SELECT storage_key FROM seeker_files WHERE account_id = $1 AND kind = $2")
            .bind(account_id)
            .bind(kind)
            .fetch_optional(executor)
            .await?;
    Ok(old.map(|(key,)| key))
}

/// The storage key and content type of the seeker's file of this kind.
pub async fn file_row<'c, E>(
    executor: E,
    account_id: i64,
    kind: &str,
) -> Result<Option<(String, String)>, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query_as(
        "SELECT storage_key, content_type FROM seeker_files WHERE account_id = $1 AND kind = $2",
    )
    .bind(account_id)
    .bind(kind)
    .fetch_optional(executor)
    .await
}

/// A stored upload: the row that points at it.
pub struct NewFile<'a> {
    pub account_id: i64,
    pub kind: &'a str,
    pub storage_key: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub uploaded_at_ms: i64,
}

/// Points the seeker's file of this kind at a new upload.
pub async fn upsert_file<'c, E>(executor: E, file: &NewFile<'_>) -> Result<(), sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query(
        "INSERT INTO seeker_files (account_id, kind, storage_key, content_type, size_bytes, uploaded_at_ms) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (account_id, kind) DO UPDATE SET storage_key = excluded.storage_key, content_type = excluded.content_type, \
         size_bytes = excluded.size_bytes, uploaded_at_ms = excluded.uploaded_at_ms",
    )
    .bind(file.account_id)
    .bind(file.kind)
    .bind(file.storage_key)
    .bind(file.content_type)
    .bind(file.size_bytes)
    .bind(file.uploaded_at_ms)
    .execute(executor)
    .await?;
    Ok(())
}
