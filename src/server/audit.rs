//! The audit log: who changed or read what, and when. Written in the caller's transaction so a state
//! change and its audit row commit together.
use sqlx::{Any, Executor};

use crate::server::db::now_ms;

/// One audit event. `detail` must not contain personal data beyond ids (the log is kept for years).
pub struct AuditEvent<'a> {
    pub actor_account_id: Option<i64>,
    pub action: &'a str,
    pub subject_type: &'a str,
    pub subject_id: Option<String>,
    pub detail: &'a str,
}

pub async fn record<'c, E>(executor: E, event: AuditEvent<'_>) -> Result<(), sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query(
        "INSERT INTO audit_log (at_ms, actor_account_id, action, subject_type, subject_id, detail) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(now_ms())
    .bind(event.actor_account_id)
    .bind(event.action)
    .bind(event.subject_type)
    .bind(event.subject_id)
    .bind(event.detail)
    .execute(executor)
    .await?;
    Ok(())
}
