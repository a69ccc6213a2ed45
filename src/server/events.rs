//! Domain events for partner systems (contract C5): a row in the `webhook_events` outbox, written in the
//! caller's transaction, so an event exists exactly when its change committed. The partner API's webhook
//! job fans each row out to the endpoints that subscribed to its type and delivers it (retrying, across
//! restarts). Payloads are thin: ids and states, never personal data.
use crate::core::error::AppError;

/// The longest event type, subject and payload kept (the callers pass short, fixed values).
const MAX_TYPE: usize = 64;
const MAX_SUBJECT: usize = 128;
const MAX_DATA: usize = 16 * 1024;

/// Records `event_type` (e.g. `ak1.issued`) about `subject` (e.g. the card number) with `data`.
pub async fn emit(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    event_type: &str,
    subject: &str,
    data: serde_json::Value,
) -> Result<(), AppError> {
    let data = data.to_string();
    if event_type.is_empty()
        || event_type.len() > MAX_TYPE
        || subject.len() > MAX_SUBJECT
        || data.len() > MAX_DATA
    {
        return Err(crate::server::error::internal(format!(
            "event {event_type} out of bounds"
        )));
    }
    sqlx::query(
        "INSERT INTO webhook_events (event_type, subject, data, created_at_ms, fanned_out) \
         VALUES ($1, $2, $3, $4, 0)",
    )
    .bind(event_type)
    .bind(subject)
    .bind(data)
    .bind(crate::server::db::now_ms())
    .execute(&mut **tx)
    .await?;
    Ok(())
}
