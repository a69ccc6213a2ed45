//! Domain events for partner systems (contract C5): a row in the `webhook_events` outbox, written in the
//! caller's transaction, so an event exists exactly when its change committed. The partner API's webhook
//! job fans each row out to the endpoints that subscribed to its type and delivers it (retrying, across
//! restarts). Payloads are thin: ids and states, never personal data. Events are stamped with the app's
//! clock (`state.clock`, passed in by the caller) like every other write.
use crate::core::error::AppError;

/// The longest event type, subject and payload kept (the callers pass short, fixed values).
const MAX_TYPE: usize = 64;
const MAX_SUBJECT: usize = 128;
const MAX_DATA: usize = 16 * 1024;

/// Records `event_type` (e.g. `ak1.issued`) about `subject` (e.g. the card number) with `data`, at
/// `at_ms` (the caller's `now` from the app clock).
pub async fn emit(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    at_ms: i64,
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
    .bind(at_ms)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A placement was reported, from a hire through the pipeline or by NIK for a hire made elsewhere: one
/// shape for both, subject = the placement id, `{placement_id, vacancy_id}` (the vacancy is null for a
/// hire reported without one). Never the worker's name or NIK.
pub async fn placement_reported(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    at_ms: i64,
    placement_id: i64,
    vacancy_id: Option<i64>,
) -> Result<(), AppError> {
    let data = serde_json::json!({ "placement_id": placement_id, "vacancy_id": vacancy_id });
    emit(
        tx,
        at_ms,
        "placement.reported",
        &placement_id.to_string(),
        data,
    )
    .await
}

/// The statuses that end a request with a decision (issue 23): approved, registered, refused, or approved
/// by the law's silence.
const REQUEST_DECISIONS: [&str; 4] = ["approved", "registered", "refused", "deemed_approved"];

/// The event type of a request's transition: filed (no status before), decided, or another change.
pub fn request_event_type(from: Option<&str>, to: &str) -> &'static str {
    match from {
        None => "request.filed",
        Some(_) if REQUEST_DECISIONS.contains(&to) => "request.decided",
        Some(_) => "request.status_changed",
    }
}

/// A request moved from `from` to `to`. The payload names the request by its reference code (never a
/// person, a NIK or a field of the filing), its type and its statuses.
pub async fn request_changed(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    at_ms: i64,
    code: &str,
    type_key: &str,
    from: Option<&str>,
    to: &str,
) -> Result<(), AppError> {
    let data = serde_json::json!({
        "request": code, "type": type_key, "status": to, "previous_status": from,
    });
    emit(tx, at_ms, request_event_type(from, to), code, data).await
}

/// A complaint case moved from `from` to `to` (nothing is recorded when the status stayed). The payload
/// names the case only by its case number (`PGD-000123`), never by the complainant's ticket code (their
/// credential), a name or the case's text.
pub async fn complaint_status_changed(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    at_ms: i64,
    case_ref: &str,
    from: &str,
    to: &str,
) -> Result<(), AppError> {
    if from == to {
        return Ok(());
    }
    let data = serde_json::json!({ "case": case_ref, "status": to, "previous_status": from });
    emit(tx, at_ms, "complaint.status_changed", case_ref, data).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_transitions_map_to_filed_decided_or_changed() {
        assert_eq!(request_event_type(None, "submitted"), "request.filed");
        for to in REQUEST_DECISIONS {
            assert_eq!(request_event_type(Some("in_review"), to), "request.decided");
        }
        assert_eq!(
            request_event_type(Some("submitted"), "correction_requested"),
            "request.status_changed"
        );
        assert_eq!(
            request_event_type(Some("submitted"), "withdrawn"),
            "request.status_changed"
        );
    }
}
