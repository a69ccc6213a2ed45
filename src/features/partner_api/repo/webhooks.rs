//! Webhook endpoints, the outbox fan-out and the deliveries with their retry state.
use sqlx::{AnyConnection, FromRow};

use crate::features::partner_api::model::{DeliveryRow, EndpointRow, NewEndpoint};

pub async fn insert_endpoint(
    conn: &mut AnyConnection,
    endpoint: &NewEndpoint,
    secret_ciphertext: &str,
    created_by: i64,
    now_ms: i64,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO webhook_endpoints (partner, url, secret_ciphertext, event_types, allow_private, \
         created_by, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(&endpoint.partner)
    .bind(&endpoint.url)
    .bind(secret_ciphertext)
    .bind(endpoint.event_types.join(" "))
    .bind(i64::from(endpoint.allow_private))
    .bind(created_by)
    .bind(now_ms)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

#[derive(FromRow)]
struct EndpointListRow {
    id: i64,
    partner: String,
    url: String,
    event_types: String,
    allow_private: i64,
    disabled_reason: Option<String>,
}

pub async fn list_endpoints(conn: &mut AnyConnection) -> Result<Vec<EndpointRow>, sqlx::Error> {
    let rows: Vec<EndpointListRow> = sqlx::query_as(
        "SELECT id, partner, url, event_types, allow_private, disabled_reason FROM webhook_endpoints \
         ORDER BY id DESC LIMIT 200",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| EndpointRow {
            id: r.id,
            partner: r.partner,
            url: r.url,
            event_types: r.event_types,
            allow_private: r.allow_private == 1,
            disabled_reason: r.disabled_reason,
        })
        .collect())
}

pub async fn list_deliveries(conn: &mut AnyConnection) -> Result<Vec<DeliveryRow>, sqlx::Error> {
    sqlx::query_as::<_, (i64, i64, String, String, String, i64, Option<i64>, Option<String>, i64)>(
        "SELECT d.id, d.endpoint_id, e.event_type, d.message_id, d.status, d.attempts, d.last_status_code, \
         d.last_error, d.created_at_ms FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id \
         ORDER BY d.id DESC LIMIT 50",
    )
    .fetch_all(conn)
    .await
    .map(|rows| {
        rows.into_iter()
            .map(|r| DeliveryRow {
                id: r.0,
                endpoint_id: r.1,
                event_type: r.2,
                message_id: r.3,
                status: r.4,
                attempts: r.5,
                last_status_code: r.6,
                last_error: r.7,
                created_at_ms: r.8,
            })
            .collect()
    })
}

/// True when the endpoint exists and is enabled.
pub async fn endpoint_enabled(conn: &mut AnyConnection, id: i64) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM webhook_endpoints WHERE id = $1 AND disabled_at_ms IS NULL")
            .bind(id)
            .fetch_optional(conn)
            .await?;
    Ok(row.is_some())
}

/// Deletes an endpoint and its deliveries; its `(partner, url)` for the audit row, or None when there is
/// no such endpoint.
pub async fn delete_endpoint(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<(String, String)>, sqlx::Error> {
    let found: Option<(String, String)> =
        sqlx::query_as("SELECT partner, url FROM webhook_endpoints WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    if found.is_some() {
        sqlx::query("DELETE FROM webhook_deliveries WHERE endpoint_id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        sqlx::query("DELETE FROM webhook_endpoints WHERE id = $1")
            .bind(id)
            .execute(conn)
            .await?;
    }
    Ok(found)
}

/// Enables a disabled endpoint again; false when it is not disabled (or does not exist). Events of the
/// disabled time were never fanned out to it and are not sent.
pub async fn enable_endpoint(conn: &mut AnyConnection, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE webhook_endpoints SET disabled_at_ms = NULL, disabled_reason = NULL \
         WHERE id = $1 AND disabled_at_ms IS NOT NULL",
    )
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Replaces the endpoint's signing secret (encrypted); false when there is no such endpoint.
pub async fn set_secret(
    conn: &mut AnyConnection,
    id: i64,
    secret_ciphertext: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE webhook_endpoints SET secret_ciphertext = $1 WHERE id = $2")
        .bind(secret_ciphertext)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// An event for one endpoint only (the "send test event" button): already fanned out.
pub async fn insert_test_event(
    conn: &mut AnyConnection,
    endpoint_id: i64,
    data: &str,
    now_ms: i64,
) -> Result<i64, sqlx::Error> {
    let (event_id,): (i64,) = sqlx::query_as(
        "INSERT INTO webhook_events (event_type, subject, data, created_at_ms, fanned_out) \
         VALUES ('test.ping', 'test', $1, $2, 1) RETURNING id",
    )
    .bind(data)
    .bind(now_ms)
    .fetch_one(&mut *conn)
    .await?;
    insert_delivery(conn, event_id, endpoint_id, now_ms).await?;
    Ok(event_id)
}

async fn insert_delivery(
    conn: &mut AnyConnection,
    event_id: i64,
    endpoint_id: i64,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO webhook_deliveries (endpoint_id, event_id, message_id, status, attempts, \
         next_attempt_at_ms, created_at_ms) VALUES ($1, $2, $3, 'pending', 0, $4, $4) \
         ON CONFLICT (event_id, endpoint_id) DO NOTHING",
    )
    .bind(endpoint_id)
    .bind(event_id)
    .bind(format!("msg_{event_id}_{endpoint_id}"))
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(())
}

/// Turns up to `limit` outbox rows into deliveries, one per enabled endpoint subscribed to the type.
/// Returns the number of events fanned out.
pub async fn fan_out(
    conn: &mut AnyConnection,
    now_ms: i64,
    limit: i64,
) -> Result<usize, sqlx::Error> {
    let events: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, event_type FROM webhook_events WHERE fanned_out = 0 ORDER BY id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    let endpoints: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, event_types FROM webhook_endpoints WHERE disabled_at_ms IS NULL",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (event_id, event_type) in &events {
        for (endpoint_id, types) in &endpoints {
            if types.split(' ').any(|t| t == event_type) {
                insert_delivery(conn, *event_id, *endpoint_id, now_ms).await?;
            }
        }
        sqlx::query("UPDATE webhook_events SET fanned_out = 1 WHERE id = $1")
            .bind(event_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(events.len())
}

/// A delivery due now, with what sending it needs.
#[derive(FromRow)]
pub struct DueDelivery {
    pub id: i64,
    pub endpoint_id: i64,
    pub message_id: String,
    pub attempts: i64,
    pub next_attempt_at_ms: i64,
    pub event_type: String,
    pub data: String,
    pub event_created_at_ms: i64,
    pub url: String,
    pub secret_ciphertext: String,
    pub allow_private: i64,
}

pub async fn due(
    conn: &mut AnyConnection,
    now_ms: i64,
    limit: i64,
) -> Result<Vec<DueDelivery>, sqlx::Error> {
    sqlx::query_as(
        "SELECT d.id, d.endpoint_id, d.message_id, d.attempts, d.next_attempt_at_ms, e.event_type, e.data, \
         e.created_at_ms AS event_created_at_ms, w.url, w.secret_ciphertext, w.allow_private \
         FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id \
         JOIN webhook_endpoints w ON w.id = d.endpoint_id \
         WHERE d.status = 'pending' AND d.next_attempt_at_ms <= $1 AND w.disabled_at_ms IS NULL \
         ORDER BY d.next_attempt_at_ms, d.id LIMIT $2",
    )
    .bind(now_ms)
    .bind(limit)
    .fetch_all(conn)
    .await
}

/// Leases a due delivery for `lease_ms` (another instance skips it meanwhile); false when it was taken.
pub async fn claim(
    conn: &mut AnyConnection,
    delivery: &DueDelivery,
    lease_until_ms: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE webhook_deliveries SET next_attempt_at_ms = $1 \
         WHERE id = $2 AND status = 'pending' AND next_attempt_at_ms = $3",
    )
    .bind(lease_until_ms)
    .bind(delivery.id)
    .bind(delivery.next_attempt_at_ms)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The outcome of one attempt: the new status, when to try again, the answer's status and error text.
pub struct Attempt<'a> {
    pub status: &'a str,
    pub next_attempt_at_ms: i64,
    pub status_code: Option<i64>,
    pub error: Option<&'a str>,
}

pub async fn record_attempt(
    conn: &mut AnyConnection,
    id: i64,
    attempt: &Attempt<'_>,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE webhook_deliveries SET status = $1, attempts = attempts + 1, next_attempt_at_ms = $2, \
         last_status_code = $3, last_error = $4, \
         delivered_at_ms = COALESCE($5, delivered_at_ms) \
         WHERE id = $6 AND status = 'pending'",
    )
    .bind(attempt.status)
    .bind(attempt.next_attempt_at_ms)
    .bind(attempt.status_code)
    .bind(attempt.error)
    .bind((attempt.status == "delivered").then_some(now_ms))
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

/// A receiver that answered 410 Gone: the endpoint is disabled and its pending deliveries cancelled.
pub async fn disable_endpoint(
    conn: &mut AnyConnection,
    endpoint_id: i64,
    reason: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE webhook_endpoints SET disabled_at_ms = $1, disabled_reason = $2 \
         WHERE id = $3 AND disabled_at_ms IS NULL",
    )
    .bind(now_ms)
    .bind(reason)
    .bind(endpoint_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE webhook_deliveries SET status = 'cancelled' WHERE endpoint_id = $1 AND status = 'pending'",
    )
    .bind(endpoint_id)
    .execute(conn)
    .await?;
    Ok(())
}
