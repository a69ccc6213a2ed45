//! The webhook endpoint's life on the admin side (issue 26, audit gaps 5 and 10): re-enabled after a
//! 410, its secret rotated (shown once, later deliveries signed with it), deleted with its deliveries;
//! and a long delivery pass leases each delivery from the moment it claims it.
use std::sync::{Arc, Mutex};

use axum::http::{HeaderMap, StatusCode};
use leptos::server_fn::ServerFn;

use dnaker::features::partner_api::{
    api::{DeleteWebhookEndpoint, EnableWebhookEndpoint, LoadIntegration, RotateWebhookSecret},
    jobs::{LEASE_MS, deliver_webhooks},
    webhooks,
};

use super::{Receiver, admin, emit, endpoint};
use crate::common::{TestApp, matrix, ok_json, post};

async fn audited(app: &TestApp, action: &str) -> i64 {
    app.count(&format!(
        "SELECT COUNT(*) FROM audit_log WHERE action = '{action}'"
    ))
    .await
}

on_both_backends!(
    partner_api_webhook_endpoint_is_reenabled_rotated_and_deleted,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let receiver = Receiver::start(&[410]).await;
        let (id, first_secret) = endpoint(&app, &receiver.url, true).await;
        let endpoint_id = [("endpoint_id", id.to_string())];
        let mut client = admin(&app).await;

        // Enabling an endpoint that is enabled is a conflict.
        let early = post(&mut client, EnableWebhookEndpoint::PATH, &endpoint_id).await;
        assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.body);

        // 410: disabled. Re-enabled by the admin, it receives new events again (not those of the gap).
        emit(&app, "pkwt.registered").await;
        deliver_webhooks(&app.state).await.expect("pass");
        emit(&app, "pkwt.registered").await;
        deliver_webhooks(&app.state)
            .await
            .expect("pass while disabled");
        ok_json(&mut client, EnableWebhookEndpoint::PATH, &endpoint_id).await;
        let overview = ok_json(&mut client, LoadIntegration::PATH, &[]).await;
        assert!(overview["endpoints"][0]["disabled_reason"].is_null());
        emit(&app, "pkwt.registered").await;
        app.state.clock.advance_ms(1_000);
        deliver_webhooks(&app.state)
            .await
            .expect("pass after enabling");
        assert_eq!(
            receiver.count(),
            2,
            "the 410, then the event after re-enabling"
        );

        // Rotated: the new secret is shown once and signs what is sent from then on; the old one fails.
        let rotated = ok_json(&mut client, RotateWebhookSecret::PATH, &endpoint_id).await;
        let second_secret = rotated["secret"].as_str().expect("secret").to_owned();
        assert!(second_secret.starts_with("whsec_") && second_secret != first_secret);
        let overview = ok_json(&mut client, LoadIntegration::PATH, &[]).await;
        assert!(!overview.to_string().contains(&second_secret), "shown once");
        emit(&app, "ak1.issued").await;
        app.state.clock.advance_ms(1_000);
        deliver_webhooks(&app.state)
            .await
            .expect("pass after rotation");
        let seen = receiver.seen.lock().expect("log").clone();
        let (message, timestamp, signature, body) = seen.last().expect("delivered");
        let ts: i64 = timestamp.parse().expect("timestamp");
        assert!(webhooks::verify(
            &second_secret,
            message,
            ts,
            body,
            signature,
            ts
        ));
        assert!(!webhooks::verify(
            &first_secret,
            message,
            ts,
            body,
            signature,
            ts
        ));

        // Deleted: gone with its deliveries; nothing more is sent; a second delete is 404.
        ok_json(&mut client, DeleteWebhookEndpoint::PATH, &endpoint_id).await;
        assert_eq!(app.count("SELECT COUNT(*) FROM webhook_endpoints").await, 0);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM webhook_deliveries").await,
            0
        );
        emit(&app, "ak1.issued").await;
        app.state.clock.advance_ms(1_000);
        deliver_webhooks(&app.state)
            .await
            .expect("pass after delete");
        assert_eq!(receiver.count(), 3);
        for path in [
            DeleteWebhookEndpoint::PATH,
            EnableWebhookEndpoint::PATH,
            RotateWebhookSecret::PATH,
        ] {
            let missing = post(&mut client, path, &endpoint_id).await;
            assert_eq!(missing.status, StatusCode::NOT_FOUND, "{path}");
        }
        assert_eq!(
            (
                audited(&app, "webhook_endpoint.enabled").await,
                audited(&app, "webhook_endpoint.secret_rotated").await,
                audited(&app, "webhook_endpoint.deleted").await,
            ),
            (1, 1, 1)
        );
        // The audit row names the host, never a path or query that could carry a token.
        let (detail,): (String,) = sqlx::query_as(
            "SELECT detail FROM audit_log WHERE action = 'webhook_endpoint.deleted'",
        )
        .fetch_one(&app.db().pool)
        .await
        .expect("row");
        assert!(
            detail.starts_with("partner=BPJS Ketenagakerjaan host=127.0.0.1:")
                && !detail.contains("/hook"),
            "{detail}"
        );
    }
);

/// What the lease of each delivery was, against the clock, when the receiver got it.
type Leases = Arc<Mutex<Vec<i64>>>;

on_both_backends!(
    partner_api_webhook_lease_runs_from_the_claim,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        // A slow receiver: each answer takes 80 seconds of the app clock: a second claim in the same pass
        // comes well after the pass began.
        let leases: Leases = Arc::default();
        let (state, log) = (app.state.clone(), leases.clone());
        let handler = move |headers: HeaderMap, _body: String| {
            let (state, log) = (state.clone(), log.clone());
            async move {
                let id = headers
                    .get("webhook-id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
                    .to_owned();
                let (lease,): (i64,) = sqlx::query_as(
                    "SELECT next_attempt_at_ms FROM webhook_deliveries WHERE message_id = $1",
                )
                .bind(&id)
                .fetch_one(&state.db.pool)
                .await
                .expect("delivery");
                log.lock().expect("log").push(lease - state.clock.now_ms());
                state.clock.advance_ms(80_000);
                StatusCode::OK
            }
        };
        let router = axum::Router::new().route("/hook", axum::routing::post(handler));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let address = listener.local_addr().expect("address");
        tokio::spawn(async move { axum::serve(listener, router).await });
        endpoint(&app, &format!("http://{address}/hook"), true).await;
        for _ in 0..3 {
            emit(&app, "pkwt.registered").await;
        }
        let summary = deliver_webhooks(&app.state).await.expect("pass");
        let leases = leases.lock().expect("log").clone();
        // Two are sent (at 0 s and 80 s); at 160 s the pass has run too long and leaves the third.
        assert_eq!(leases.len(), 2, "{summary}");
        assert!(
            leases
                .iter()
                .all(|left| (LEASE_MS - 5_000..=LEASE_MS).contains(left)),
            "each lease runs a full LEASE_MS from its claim: {leases:?}"
        );
        deliver_webhooks(&app.state).await.expect("next pass");
        assert_eq!(delivered(&app).await, 3, "the next pass sends the rest");
    }
);

async fn delivered(app: &TestApp) -> i64 {
    app.count("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'delivered'")
        .await
}
