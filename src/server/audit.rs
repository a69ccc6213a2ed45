//! The audit log: who changed or read what, when, from where. Written in the caller's transaction so a
//! state change and its audit row commit together.
use sqlx::{Any, Executor};

use crate::server::db::now_ms;

/// One audit event. `detail` must not contain personal data beyond ids (the log is kept for years).
#[derive(Clone, Debug, Default)]
pub struct AuditEvent<'a> {
    pub actor_account_id: Option<i64>,
    pub actor_role: Option<&'a str>,
    pub action: &'a str,
    pub subject_type: &'a str,
    pub subject_id: Option<String>,
    /// Whose personal data this concerns (for the "who accessed my data" page).
    pub subject_account_id: Option<i64>,
    pub ip: Option<&'a str>,
    pub request_id: Option<&'a str>,
    pub detail: &'a str,
}

impl<'a> AuditEvent<'a> {
    pub fn about(mut self, account_id: i64) -> Self {
        self.subject_account_id = Some(account_id);
        self
    }

    pub fn detail(mut self, detail: &'a str) -> Self {
        self.detail = detail;
        self
    }
}

pub async fn record<'c, E>(executor: E, event: AuditEvent<'_>) -> Result<(), sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query(
        "INSERT INTO audit_log (at_ms, actor_account_id, actor_role, action, subject_type, subject_id, \
         subject_account_id, ip, request_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(now_ms())
    .bind(event.actor_account_id)
    .bind(event.actor_role)
    .bind(event.action)
    .bind(event.subject_type)
    .bind(event.subject_id)
    .bind(event.subject_account_id)
    .bind(event.ip)
    .bind(event.request_id)
    .bind(event.detail)
    .execute(executor)
    .await?;
    Ok(())
}
