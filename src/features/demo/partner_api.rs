//! Demo partner key (issue 26): a key with every scope and a high per-minute limit, so the partner API
//! can be tried and fuzzed (`test.sh` runs schemathesis with it) against a demo portal. Only `seed-demo`
//! creates it; a real portal issues its keys on `/admin/integrasi`.
use crate::{core::calendar, features::partner_api::model::SCOPES, server::pii::token_hash};

/// The demo key, known on purpose (demo data only; never on a production database).
pub const DEMO_KEY: &str = "dnk_live_demo-key-for-the-demo-portal-only";

pub async fn insert_demo_key(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let expires = calendar::wib_date(now) + time::Duration::days(365);
    sqlx::query(
        "INSERT INTO api_keys (name, partner, key_prefix, key_hash, scopes, allowed_ips, per_minute, expires_on, \
         created_by, created_at_ms) VALUES ('Kunci demo', 'Portal demo', 'dnk_live_demo-k', $1, $2, '', 100000, $3, \
         NULL, $4)",
    )
    .bind(token_hash(DEMO_KEY))
    .bind(SCOPES.join(" "))
    .bind(calendar::format_date(expires))
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
