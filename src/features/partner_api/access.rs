//! Who is calling `/api/v1`, and may they: the key (`Authorization: Bearer dnk_live_…`, looked up by its
//! hash; revoked or expired = 401), its source addresses, its scopes (403), its per-minute limit (429 with
//! `Retry-After`, counted in the database so it holds across instances), the declared purpose of a
//! personal-data call, and the audit row of every call, served or refused (`refusals`; a call over the
//! limit too). Errors are
//! RFC 9457 problem details (`problem`).
use axum::{
    extract::FromRequestParts,
    http::{HeaderMap, HeaderValue, StatusCode, header, request::Parts},
    response::{IntoResponse, Response},
};
use serde::Serialize;
use std::net::IpAddr;

pub use crate::features::partner_api::problem::ApiError;
use crate::{
    core::{calendar, error::AppError, text::normalize_text},
    features::partner_api::{
        model::KEY_PREFIX,
        refusals::{self, Refusal},
        repo,
    },
    server::{
        audit::{self, AuditEvent},
        authz::RequestCtx,
        pii::token_hash,
        state::AppState,
    },
};

/// A partner calling with a valid key from an allowed address.
pub struct Partner {
    pub key_id: i64,
    pub partner: String,
    scopes: Vec<String>,
    per_minute: i64,
    pub state: AppState,
    ip: Option<String>,
    request_id: Option<String>,
    /// The prefix of the key as presented and the path, for the audit row of a refused scope.
    key_prefix: String,
    path: String,
}

/// A key refused before its call is served: why (for the audit row), the key's id when it is known,
/// and the answer.
struct Refused {
    key_id: Option<i64>,
    reason: &'static str,
    error: ApiError,
}

impl Refused {
    fn unknown() -> Refused {
        Refused {
            key_id: None,
            reason: "unknown-key",
            error: ApiError::unauthenticated("unknown key"),
        }
    }
}

impl FromRequestParts<AppState> for Partner {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let ctx = RequestCtx::from_parts(state.clone(), parts).await?;
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        let Some(key) = bearer else {
            // A browser session is not an API credential: signed in, but not allowed here.
            return Err(if ctx.user.is_some() {
                ApiError::new(
                    StatusCode::FORBIDDEN,
                    "session-not-accepted",
                    "send an API key",
                )
            } else {
                ApiError::unauthenticated("send an API key: Authorization: Bearer dnk_live_...")
            });
        };
        let row = match check_key(state, key, ctx.ip.as_deref()).await? {
            Ok(row) => row,
            Err(refused) => {
                let refusal = Refusal {
                    key_id: refused.key_id,
                    presented: key,
                    reason: refused.reason,
                    scope: None,
                    path: parts.uri.path(),
                    ip: ctx.ip.as_deref(),
                    request_id: ctx.request_id.as_deref(),
                };
                refusals::record(state, &refusal).await;
                return Err(refused.error);
            }
        };
        Ok(Partner {
            key_id: row.id,
            partner: row.partner,
            scopes: row.scopes.split(' ').map(str::to_owned).collect(),
            per_minute: row.per_minute,
            state: state.clone(),
            ip: ctx.ip,
            request_id: ctx.request_id,
            key_prefix: refusals::key_prefix(key),
            path: parts.uri.path().chars().take(80).collect(),
        })
    }
}

/// The key's row when the key is known, neither revoked nor expired, and used from an allowed address;
/// otherwise why it is refused. The outer error is a failure to read.
async fn check_key(
    state: &AppState,
    key: &str,
    ip: Option<&str>,
) -> Result<Result<repo::KeyAuth, Refused>, ApiError> {
    if key.len() > 100 || !key.starts_with(KEY_PREFIX) {
        return Ok(Err(Refused::unknown()));
    }
    let mut conn = state.db.pool.acquire().await?;
    let Some(row) = repo::key_by_hash(&mut conn, &token_hash(key)).await? else {
        return Ok(Err(Refused::unknown()));
    };
    let today = calendar::format_date(calendar::wib_date(state.clock.now_ms()));
    let refused = |reason, error| {
        Ok(Err(Refused {
            key_id: Some(row.id),
            reason,
            error,
        }))
    };
    if row.revoked_at_ms.is_some() {
        return refused("revoked", ApiError::unauthenticated("the key was revoked"));
    }
    if row.expires_on < today {
        return refused("expired", ApiError::unauthenticated("the key has expired"));
    }
    if !row.allowed_ips.is_empty() && !ip_allowed(&row.allowed_ips, ip) {
        let error = ApiError::new(
            StatusCode::FORBIDDEN,
            "address-not-allowed",
            "this key may not be used from this address",
        );
        return refused("address-not-allowed", error);
    }
    Ok(Ok(row))
}

/// Is the caller's address one of the key's (space-separated) addresses? Compared as addresses, not
/// text: `2001:0db8::1` is `2001:db8::1`, and an IPv4-mapped `::ffff:a.b.c.d` is `a.b.c.d`.
fn ip_allowed(allowed: &str, ip: Option<&str>) -> bool {
    let parse = |text: &str| text.trim().parse::<IpAddr>().ok().map(|a| a.to_canonical());
    let Some(ip) = ip.and_then(parse) else {
        return false;
    };
    allowed.split(' ').filter_map(parse).any(|a| a == ip)
}

/// What one call is about, for the scope check and the audit log.
pub struct Call<'a> {
    pub scope: &'a str,
    pub resource: &'a str,
    pub object: &'a str,
    pub purpose: Option<&'a str>,
}

impl Partner {
    /// Checks the scope, counts the call against the key's limit and writes its audit row (one write
    /// transaction). A call over the limit is refused with 429 and the seconds until the next minute.
    pub async fn call(&self, call: &Call<'_>) -> Result<(), ApiError> {
        if !self.scopes.iter().any(|s| s == call.scope) {
            self.refused("insufficient-scope", call.scope).await;
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "insufficient-scope",
                format!("this key lacks the scope {}", call.scope),
            ));
        }
        let now = self.state.clock.now_ms();
        let window = now - now.rem_euclid(60_000);
        let mut tx = self.state.db.begin_write().await?;
        let calls = repo::count_call(&mut tx, self.key_id, window).await?;
        if calls > self.per_minute {
            tx.commit().await?;
            self.refused("rate-limited", call.scope).await;
            let mut error = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate-limited",
                format!("at most {} calls a minute", self.per_minute),
            );
            error.retry_after_s = Some(((window + 60_000 - now + 999) / 1000).max(1));
            return Err(error);
        }
        repo::touch_key(&mut tx, self.key_id, now).await?;
        let detail = format!(
            "key={} partner={} scope={} purpose={}",
            self.key_id,
            self.partner,
            call.scope,
            call.purpose.unwrap_or("-")
        );
        let event = AuditEvent {
            actor_role: Some("partner"),
            action: "api.call",
            subject_type: call.resource,
            subject_id: Some(call.object.to_owned()),
            ip: self.ip.as_deref(),
            request_id: self.request_id.as_deref(),
            detail: &detail,
            ..AuditEvent::default()
        };
        audit::record(&mut *tx, event).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Audits a call refused after the key was accepted (a scope it lacks, over its limit), bounded
    /// like every refusal (`refusals`).
    async fn refused(&self, reason: &'static str, scope: &str) {
        let refusal = Refusal {
            key_id: Some(self.key_id),
            presented: &self.key_prefix,
            reason,
            scope: Some(scope),
            path: &self.path,
            ip: self.ip.as_deref(),
            request_id: self.request_id.as_deref(),
        };
        refusals::record(&self.state, &refusal).await;
    }

    /// The WIB date of today (contract states, key expiry).
    pub fn today(&self) -> String {
        calendar::format_date(calendar::wib_date(self.state.clock.now_ms()))
    }
}

/// The declared purpose of a personal-data call (UU 27/2022): required, 3-200 characters, and no
/// identity number (a NIK pasted by mistake, also as `3603-0115-…`, would otherwise land in the audit log).
pub fn purpose(text: Option<&str>) -> Result<String, ApiError> {
    let text = text.ok_or_else(|| ApiError::invalid("purpose is required for personal data"))?;
    let purpose =
        normalize_text(text, 3, 200).map_err(|_| ApiError::invalid("purpose: 3-200 characters"))?;
    // Ten digits: a partner's purpose has no case numbers to allow, and a BPJS KPJ number has eleven.
    if crate::core::text::has_identity_number(&purpose, 10) {
        return Err(ApiError::invalid(
            "purpose must not contain identity numbers",
        ));
    }
    Ok(purpose)
}

/// A NIK as given by a partner: exactly 16 digits (checked before any hashing).
pub fn nik(text: &str) -> Result<&str, ApiError> {
    let text = text.trim();
    if text.len() == 16 && text.bytes().all(|b| b.is_ascii_digit()) {
        Ok(text)
    } else {
        Err(ApiError::invalid("nik: 16 digits"))
    }
}

/// A NIB: exactly 13 digits.
pub fn nib(text: &str) -> Result<String, ApiError> {
    crate::core::validate::validate_nib(text).map_err(|_| ApiError::invalid("nib: 13 digits"))
}

/// The page a list call asks for: after the cursor (an opaque decimal id), at most `limit` (1-100,
/// default 20) items.
pub fn page(cursor: Option<&str>, limit: Option<&str>) -> Result<(i64, i64), ApiError> {
    let after = match cursor {
        None | Some("") => 0,
        Some(c) => c
            .parse::<i64>()
            .ok()
            .filter(|n| c.len() <= 19 && *n >= 0)
            .ok_or_else(|| ApiError::invalid("cursor: use next_cursor from the previous page"))?,
    };
    let limit = match limit {
        None | Some("") => 20,
        Some(l) => l
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=100).contains(n))
            .ok_or_else(|| ApiError::invalid("limit: 1-100"))?,
    };
    Ok((after, limit))
}

/// The next cursor: the last id, when the page was full.
pub fn next_cursor(ids: &[i64], limit: i64) -> Option<String> {
    (i64::try_from(ids.len()).ok() == Some(limit))
        .then(|| ids.last().map(i64::to_string))
        .flatten()
}

/// A JSON answer with an `ETag` over its bytes; `If-None-Match` with the same tag gets 304.
pub fn json_with_etag<T: Serialize>(request_headers: &HeaderMap, value: &T) -> Response {
    let Ok(body) = serde_json::to_vec(value) else {
        return ApiError::from(AppError::BadRequest).into_response();
    };
    let tag = format!("\"{}\"", &token_hash_bytes(&body)[..32]);
    let matches = request_headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag));
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            body,
        )
            .into_response()
    };
    if let Ok(value) = HeaderValue::from_str(&tag) {
        response.headers_mut().insert(header::ETAG, value);
    }
    response
}

fn token_hash_bytes(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_bounded_before_use() {
        assert_eq!(page(None, None).ok(), Some((0, 20)));
        assert_eq!(page(Some("42"), Some("100")).ok(), Some((42, 100)));
        for (cursor, limit) in [
            (Some("-1"), None),
            (Some("99999999999999999999999"), None),
            (Some("abc"), None),
            (None, Some("0")),
            (None, Some("101")),
        ] {
            assert!(page(cursor, limit).is_err(), "{cursor:?} {limit:?}");
        }
        assert_eq!(next_cursor(&[1, 2], 2).as_deref(), Some("2"));
        assert_eq!(next_cursor(&[1], 2), None);
    }

    #[test]
    fn allowed_addresses_are_compared_as_addresses() {
        let allowed = "203.0.113.5 2001:db8::1";
        for ip in [
            "203.0.113.5",
            "::ffff:203.0.113.5",
            "2001:0db8::1",
            "2001:DB8:0:0:0:0:0:1",
        ] {
            assert!(ip_allowed(allowed, Some(ip)), "{ip}");
        }
        for ip in [
            Some("203.0.113.6"),
            Some("2001:db8::2"),
            Some("not-an-ip"),
            None,
        ] {
            assert!(!ip_allowed(allowed, ip), "{ip:?}");
        }
        assert!(ip_allowed("::ffff:198.51.100.7", Some("198.51.100.7")));
    }

    #[test]
    fn purposes_are_required_bounded_and_free_of_identity_numbers() {
        assert!(purpose(None).is_err());
        assert!(purpose(Some("x")).is_err());
        assert!(purpose(Some("klaim JHT 3603015508950001")).is_err());
        // Grouped as people write it: still a NIK.
        assert!(purpose(Some("klaim JHT 3603-0155-0895-0001")).is_err());
        assert!(purpose(Some("klaim JHT 3603 0155 0895 0001")).is_err());
        assert!(purpose(Some("klaim JHT KPJ 12345678901")).is_err());
        assert!(purpose(Some("klaim JHT 2026")).is_ok());
        // Dates and amounts are not identity numbers.
        assert!(purpose(Some("klaim periode 01.01.2025 - 31.12.2025")).is_ok());
        assert_eq!(
            purpose(Some(" verifikasi klaim JHT ")).ok().as_deref(),
            Some("verifikasi klaim JHT")
        );
        assert!(nik("360301550895000").is_err());
        assert!(nik("36030155089500a1").is_err());
        assert!(nik("3603015508950001").is_ok());
    }
}
