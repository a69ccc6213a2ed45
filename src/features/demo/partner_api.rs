//! Demo partner key (issue 26), so the partner API can be fuzzed (`test.sh` runs schemathesis with it)
//! against a demo portal. There is no key in the source: `seed-demo` creates one only when
//! `DNAKER_DEMO_API_KEY` holds a key (`dnk_live_` and at least 24 more characters; `test.sh` generates a
//! random one per run), usable from this machine only (127.0.0.1, ::1) for seven days. A real portal issues
//! its keys on `/admin/integrasi`.
use crate::{
    core::calendar,
    features::partner_api::model::{KEY_PREFIX, SCOPES},
    server::pii::token_hash,
};

/// The environment variable that holds the demo key.
pub const DEMO_KEY_VAR: &str = "DNAKER_DEMO_API_KEY";

/// The demo key from the environment, when it is one: prefixed, long enough to be unguessable, printable.
pub fn demo_key(value: Option<String>) -> Option<String> {
    let key = value?;
    let secret = key.strip_prefix(KEY_PREFIX)?;
    (secret.len() >= 24
        && key.len() <= 100
        && secret
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
    .then_some(key)
}

pub async fn insert_demo_key(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let Some(key) = demo_key(std::env::var(DEMO_KEY_VAR).ok()) else {
        return Ok(());
    };
    let expires = calendar::wib_date(now) + time::Duration::days(7);
    sqlx::query(
        "INSERT INTO api_keys (name, partner, key_prefix, key_hash, scopes, allowed_ips, per_minute, expires_on, \
         created_by, created_at_ms) VALUES ('Kunci demo', 'Portal demo', $1, $2, $3, '127.0.0.1 ::1', 100000, $4, \
         NULL, $5)",
    )
    .bind(key.chars().take(KEY_PREFIX.len() + 4).collect::<String>())
    .bind(token_hash(&key))
    .bind(SCOPES.join(" "))
    .bind(calendar::format_date(expires))
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_long_prefixed_key_from_the_environment_is_seeded() {
        assert_eq!(demo_key(None), None);
        assert_eq!(demo_key(Some(String::new())), None);
        assert_eq!(demo_key(Some("dnk_live_short".into())), None);
        assert_eq!(demo_key(Some("x".repeat(40))), None);
        assert_eq!(
            demo_key(Some(format!("dnk_live_{}", "a b".repeat(10)))),
            None
        );
        let key = format!("dnk_live_{}", "0123456789abcdef".repeat(2));
        assert_eq!(demo_key(Some(key.clone())), Some(key));
    }
}
