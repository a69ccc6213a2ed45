//! The admin's side of the integration (`/admin/integrasi`): issue and revoke keys, register, delete and
//! re-enable webhook endpoints and rotate their secrets, send a test event, read the delivery log. Every
//! change is audited in its transaction. Partners do not register endpoints themselves: they ask
//! Disnaker, as for a key.
use crate::{
    core::{calendar, error::AppError, role::Role},
    features::partner_api::{
        jobs,
        model::{EndpointForm, IntegrationOverview, KEY_PREFIX, KeyForm, ShownOnce},
        repo::{self, webhooks as hooks},
        webhooks,
    },
    server::{
        audit,
        authz::RequestCtx,
        error::internal,
        pii::{new_token, token_hash},
    },
};

pub async fn overview(ctx: &RequestCtx) -> Result<IntegrationOverview, AppError> {
    ctx.require(Role::Admin)?;
    let mut conn = ctx.state.db.pool.acquire().await?;
    Ok(IntegrationOverview {
        keys: repo::list_keys(&mut conn).await?,
        endpoints: hooks::list_endpoints(&mut conn).await?,
        deliveries: hooks::list_deliveries(&mut conn).await?,
    })
}

/// Issues a key; the key itself is in the answer only (the database keeps its SHA-256).
pub async fn issue_key(ctx: &RequestCtx, form: &KeyForm) -> Result<ShownOnce, AppError> {
    let admin = ctx.require(Role::Admin)?.account_id;
    let today = calendar::format_date(calendar::wib_date(ctx.now_ms()));
    let key = form.check(&today).map_err(AppError::Validation)?;
    let secret = format!("{KEY_PREFIX}{}", new_token());
    let prefix: String = secret.chars().take(KEY_PREFIX.len() + 6).collect();
    let mut tx = ctx.state.db.begin_write().await?;
    let id = repo::insert_key(
        &mut tx,
        &key,
        &prefix,
        &token_hash(&secret),
        admin,
        ctx.now_ms(),
    )
    .await?;
    let detail = format!("partner={} scopes={}", key.partner, key.scopes.join(" "));
    audit::record(
        &mut *tx,
        ctx.audit("api_key.issued", "api_key", Some(id.to_string()))
            .detail(&detail),
    )
    .await?;
    tx.commit().await?;
    Ok(ShownOnce { id, secret })
}

pub async fn revoke_key(ctx: &RequestCtx, id: i64) -> Result<(), AppError> {
    ctx.require(Role::Admin)?;
    let mut tx = ctx.state.db.begin_write().await?;
    if !repo::revoke_key(&mut tx, id, ctx.now_ms()).await? {
        return Err(AppError::Conflict("partner_api_err_revoked".to_owned()));
    }
    audit::record(
        &mut *tx,
        ctx.audit("api_key.revoked", "api_key", Some(id.to_string())),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Registers a receiver; its signing secret is in the answer only (stored encrypted for signing).
pub async fn add_endpoint(ctx: &RequestCtx, form: &EndpointForm) -> Result<ShownOnce, AppError> {
    let admin = ctx.require(Role::Admin)?.account_id;
    let endpoint = form.check().map_err(AppError::Validation)?;
    let secret = webhooks::new_secret();
    let ciphertext = ctx.state.pii.encrypt(&secret).map_err(internal)?;
    let mut tx = ctx.state.db.begin_write().await?;
    let id = hooks::insert_endpoint(&mut tx, &endpoint, &ciphertext, admin, ctx.now_ms()).await?;
    let detail = format!(
        "partner={} events={} private={}",
        endpoint.partner,
        endpoint.event_types.join(" "),
        endpoint.allow_private
    );
    audit::record(
        &mut *tx,
        ctx.audit(
            "webhook_endpoint.added",
            "webhook_endpoint",
            Some(id.to_string()),
        )
        .detail(&detail),
    )
    .await?;
    tx.commit().await?;
    Ok(ShownOnce { id, secret })
}

/// Queues a `test.ping` for one enabled endpoint and starts a delivery pass at once.
pub async fn send_test_event(ctx: &RequestCtx, endpoint_id: i64) -> Result<(), AppError> {
    ctx.require(Role::Admin)?;
    let mut tx = ctx.state.db.begin_write().await?;
    if !hooks::endpoint_enabled(&mut tx, endpoint_id).await? {
        return Err(AppError::NotFound);
    }
    let data = serde_json::json!({ "endpoint": endpoint_id }).to_string();
    hooks::insert_test_event(&mut tx, endpoint_id, &data, ctx.now_ms()).await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "webhook.test_sent",
            "webhook_endpoint",
            Some(endpoint_id.to_string()),
        ),
    )
    .await?;
    tx.commit().await?;
    let state = ctx.state.clone();
    tokio::spawn(async move {
        if let Err(error) = jobs::deliver_webhooks(&state).await {
            tracing::warn!(?error, "test delivery pass failed");
        }
    });
    Ok(())
}

/// Deletes an endpoint and its delivery log (nothing more is sent to it); the audit row keeps its
/// partner and address.
pub async fn delete_endpoint(ctx: &RequestCtx, endpoint_id: i64) -> Result<(), AppError> {
    ctx.require(Role::Admin)?;
    let mut tx = ctx.state.db.begin_write().await?;
    let Some((partner, url)) = hooks::delete_endpoint(&mut tx, endpoint_id).await? else {
        return Err(AppError::NotFound);
    };
    // The host only: a receiver's address may carry a token in its path or query.
    let host = url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', '?', '#']).next());
    let detail = format!("partner={partner} host={}", host.unwrap_or("-"));
    let event = ctx.audit(
        "webhook_endpoint.deleted",
        "webhook_endpoint",
        Some(endpoint_id.to_string()),
    );
    audit::record(&mut *tx, event.detail(&detail)).await?;
    tx.commit().await?;
    Ok(())
}

/// Enables an endpoint that was disabled (a receiver's 410); 409 when it is enabled, 404 when there is
/// no such endpoint.
pub async fn enable_endpoint(ctx: &RequestCtx, endpoint_id: i64) -> Result<(), AppError> {
    ctx.require(Role::Admin)?;
    let mut tx = ctx.state.db.begin_write().await?;
    if !hooks::enable_endpoint(&mut tx, endpoint_id).await? {
        return Err(if hooks::endpoint_enabled(&mut tx, endpoint_id).await? {
            AppError::Conflict("partner_api_err_enabled".to_owned())
        } else {
            AppError::NotFound
        });
    }
    let event = ctx.audit(
        "webhook_endpoint.enabled",
        "webhook_endpoint",
        Some(endpoint_id.to_string()),
    );
    audit::record(&mut *tx, event).await?;
    tx.commit().await?;
    Ok(())
}

/// A new signing secret for an endpoint, in the answer only; every later attempt (retries of earlier
/// events too) is signed with it.
pub async fn rotate_secret(ctx: &RequestCtx, endpoint_id: i64) -> Result<ShownOnce, AppError> {
    ctx.require(Role::Admin)?;
    let secret = webhooks::new_secret();
    let ciphertext = ctx.state.pii.encrypt(&secret).map_err(internal)?;
    let mut tx = ctx.state.db.begin_write().await?;
    if !hooks::set_secret(&mut tx, endpoint_id, &ciphertext).await? {
        return Err(AppError::NotFound);
    }
    let event = ctx.audit(
        "webhook_endpoint.secret_rotated",
        "webhook_endpoint",
        Some(endpoint_id.to_string()),
    );
    audit::record(&mut *tx, event).await?;
    tx.commit().await?;
    Ok(ShownOnce {
        id: endpoint_id,
        secret,
    })
}
