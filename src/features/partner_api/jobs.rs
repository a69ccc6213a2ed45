//! The webhook job: fans the outbox out to the subscribed endpoints, then sends what is due. Everything
//! it needs is in the database, so a restart loses nothing: the next run (of any instance) picks the
//! pending deliveries up.
use crate::{
    core::error::AppError,
    features::partner_api::{
        repo::webhooks::{self as repo, Attempt, DueDelivery},
        webhooks,
    },
    server::{error::internal, state::AppState},
};

/// Deliveries sent per run, and how long a claimed delivery is held before another run may retry it.
/// The lease runs from the moment of the claim (one attempt takes at most about 15 s: a 5 s look-up and
/// a 10 s request), and a pass stops claiming after `PASS_MS`, so no lease it holds has lapsed while
/// its attempt is still under way.
const BATCH: i64 = 50;
pub const LEASE_MS: i64 = 120_000;
const PASS_MS: i64 = 90_000;

/// One pass; returns a summary for `job_runs`.
pub async fn deliver_webhooks(state: &AppState) -> Result<String, AppError> {
    let now = state.clock.now_ms();
    let mut tx = state.db.begin_write().await?;
    let fanned = repo::fan_out(&mut tx, now, 500).await?;
    tx.commit().await?;
    let mut conn = state.db.pool.acquire().await?;
    let due = repo::due(&mut conn, now, BATCH).await?;
    drop(conn);
    let (mut delivered, mut failed) = (0, 0);
    for delivery in due {
        let claim_at = state.clock.now_ms();
        if claim_at - now > PASS_MS {
            break; // the rest waits for the next pass, with fresh leases
        }
        let mut tx = state.db.begin_write().await?;
        let claimed = repo::claim(&mut tx, &delivery, claim_at + LEASE_MS).await?;
        tx.commit().await?;
        if !claimed {
            continue;
        }
        if attempt(state, &delivery).await? {
            delivered += 1;
        } else {
            failed += 1;
        }
    }
    Ok(format!(
        "{fanned} events, {delivered} delivered, {failed} failed attempts"
    ))
}

/// The message body: the event's type, its time and its thin data.
fn body(delivery: &DueDelivery) -> String {
    let data: serde_json::Value =
        serde_json::from_str(&delivery.data).unwrap_or(serde_json::Value::Null);
    let timestamp = time::OffsetDateTime::from_unix_timestamp(delivery.event_created_at_ms / 1000)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default();
    serde_json::json!({ "type": delivery.event_type, "timestamp": timestamp, "data": data })
        .to_string()
}

/// Sends one delivery and records the outcome; true when the receiver accepted it.
async fn attempt(state: &AppState, delivery: &DueDelivery) -> Result<bool, AppError> {
    let now = state.clock.now_ms();
    let secret = state
        .pii
        .decrypt(&delivery.secret_ciphertext)
        .map_err(internal)?;
    let body = body(delivery);
    let timestamp = now / 1000;
    let signature = webhooks::sign(&secret, &delivery.message_id, timestamp, &body)
        .ok_or_else(|| internal("malformed webhook secret"))?;
    let headers = [
        ("webhook-id", delivery.message_id.clone()),
        ("webhook-timestamp", timestamp.to_string()),
        ("webhook-signature", signature),
    ];
    let outcome = webhooks::send(&delivery.url, delivery.allow_private == 1, headers, body).await;
    let failures = usize::try_from(delivery.attempts + 1).unwrap_or(usize::MAX);
    let jitter = rand::random::<f64>() * 2.0 - 1.0;
    let retry = webhooks::retry_after_ms(failures, jitter).map(|ms| now + ms);
    let (status, code, error) = match &outcome {
        Ok(code) if (200..300).contains(code) => ("delivered", Some(*code), None),
        Ok(410) => (
            "failed",
            Some(410),
            Some("410 Gone: endpoint disabled".to_owned()),
        ),
        Ok(code) => (
            if retry.is_some() { "pending" } else { "failed" },
            Some(*code),
            None,
        ),
        Err(e) => (
            if retry.is_some() { "pending" } else { "failed" },
            None,
            Some(e.to_string()),
        ),
    };
    let mut tx = state.db.begin_write().await?;
    let record = Attempt {
        status,
        next_attempt_at_ms: retry.unwrap_or(now),
        status_code: code.map(i64::from),
        error: error.as_deref(),
    };
    repo::record_attempt(&mut tx, delivery.id, &record, now).await?;
    if code == Some(410) {
        repo::disable_endpoint(&mut tx, delivery.endpoint_id, "410 Gone", now).await?;
    }
    tx.commit().await?;
    Ok(status == "delivered")
}
