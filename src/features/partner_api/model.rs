//! Shared types and rules of the partner API's admin page: scopes, event types, the key and endpoint
//! forms with their `check()` (run in the browser and on the server), and what the page shows.
use serde::{Deserialize, Serialize};

use crate::core::{calendar, error::FieldErrors, text::normalize_text};

/// Every scope a key can carry, one per resource and access.
pub const SCOPES: [&str; 7] = [
    "ak1:verify",
    "pkwt:read",
    "companies:read",
    "vacancies:read",
    "fairs:read",
    "statistics:read",
    "checks:read",
];

/// Every event type a webhook endpoint can subscribe to (`test.ping` is sent by the test button). The
/// request and complaint events carry only the request's reference code or the case number and statuses.
pub const EVENT_TYPES: [&str; 9] = [
    "ak1.issued",
    "ak1.closed",
    "pkwt.registered",
    "vacancy.published",
    "placement.reported",
    "request.filed",
    "request.status_changed",
    "request.decided",
    "complaint.status_changed",
];

/// The typed prefix of every key, so a leaked key is recognisable (secret scanners, logs).
pub const KEY_PREFIX: &str = "dnk_live_";

/// Calls a key may make per minute unless the admin sets another limit.
pub const DEFAULT_PER_MINUTE: i64 = 120;

/// The admin's form for a new key. `scopes` and `allowed_ips` are lists separated by spaces or commas.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyForm {
    pub name: String,
    pub partner: String,
    pub scopes: String,
    pub expires_on: String,
    #[serde(default)]
    pub allowed_ips: String,
    #[serde(default)]
    pub per_minute: String,
}

/// A key form that passed `check()`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewKey {
    pub name: String,
    pub partner: String,
    pub scopes: Vec<String>,
    pub expires_on: String,
    pub allowed_ips: Vec<String>,
    pub per_minute: i64,
}

/// Splits a list typed with spaces, commas or new lines.
pub fn split_list(text: &str) -> Vec<String> {
    let mut items: Vec<String> = text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    items.sort();
    items.dedup();
    items
}

/// An IPv4 or IPv6 address as `std` reads it (no host names, no ranges, no zone).
fn is_ip_address(text: &str) -> bool {
    text.len() <= 45 && text.parse::<std::net::IpAddr>().is_ok()
}

impl KeyForm {
    /// `today` is the WIB date: a key must expire after today and within two years.
    pub fn check(&self, today: &str) -> Result<NewKey, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = normalize_text(&self.name, 3, 80).map_err(|k| errors.add("name", k));
        let partner = normalize_text(&self.partner, 2, 120).map_err(|k| errors.add("partner", k));
        let scopes = split_list(&self.scopes);
        if self.scopes.len() > 400
            || scopes.is_empty()
            || scopes.iter().any(|s| !SCOPES.contains(&s.as_str()))
        {
            errors.add("scopes", "partner_api_err_scopes");
        }
        let expires = calendar::parse_date(self.expires_on.trim());
        let latest = calendar::parse_date(today).map(|d| d + time::Duration::days(731));
        match (expires, calendar::parse_date(today), latest) {
            (Some(e), Some(t), Some(l)) if e > t && e <= l => {}
            _ => errors.add("expires_on", "partner_api_err_expiry"),
        }
        let allowed_ips = split_list(&self.allowed_ips);
        if self.allowed_ips.len() > 1000
            || allowed_ips.len() > 20
            || allowed_ips.iter().any(|ip| !is_ip_address(ip))
        {
            errors.add("allowed_ips", "partner_api_err_ips");
        }
        let per_minute = match self.per_minute.trim() {
            "" => Some(DEFAULT_PER_MINUTE),
            text => text
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=100_000).contains(n)),
        };
        if per_minute.is_none() {
            errors.add("per_minute", "partner_api_err_per_minute");
        }
        errors.checked()?;
        match (name, partner, per_minute) {
            (Ok(name), Ok(partner), Some(per_minute)) => Ok(NewKey {
                name,
                partner,
                scopes,
                expires_on: self.expires_on.trim().to_owned(),
                allowed_ips,
                per_minute,
            }),
            _ => Err(FieldErrors::new()),
        }
    }
}

/// The admin's form for a webhook endpoint. `allow_private` is "1" when the admin allows a private or
/// loopback address (a receiver inside the office network).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndpointForm {
    pub partner: String,
    pub url: String,
    pub event_types: String,
    #[serde(default)]
    pub allow_private: String,
}

/// An endpoint form that passed `check()`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewEndpoint {
    pub partner: String,
    pub url: String,
    pub event_types: Vec<String>,
    pub allow_private: bool,
}

impl EndpointForm {
    pub fn check(&self) -> Result<NewEndpoint, FieldErrors> {
        let mut errors = FieldErrors::new();
        let partner = normalize_text(&self.partner, 2, 120).map_err(|k| errors.add("partner", k));
        let url = self.url.trim().to_owned();
        let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
        let host = url
            .split("://")
            .nth(1)
            .unwrap_or("")
            .split(['/', '?', '#'])
            .next();
        if url.len() > 500
            || !scheme_ok
            || host.is_none_or(str::is_empty)
            || url.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            errors.add("url", "partner_api_err_url");
        }
        let event_types = split_list(&self.event_types);
        if self.event_types.len() > 400
            || event_types.is_empty()
            || event_types
                .iter()
                .any(|e| !EVENT_TYPES.contains(&e.as_str()))
        {
            errors.add("event_types", "partner_api_err_events");
        }
        errors.checked()?;
        let Ok(partner) = partner else {
            return Err(FieldErrors::new());
        };
        Ok(NewEndpoint {
            partner,
            url,
            event_types,
            allow_private: matches!(self.allow_private.as_str(), "1" | "on" | "true"),
        })
    }
}

/// A key as the admin page lists it (never the key itself).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyRow {
    pub id: i64,
    pub name: String,
    pub partner: String,
    pub key_prefix: String,
    pub scopes: String,
    pub allowed_ips: String,
    pub per_minute: i64,
    pub expires_on: String,
    pub revoked: bool,
    pub last_used_at_ms: Option<i64>,
}

/// A webhook endpoint as the admin page lists it (never its secret).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndpointRow {
    pub id: i64,
    pub partner: String,
    pub url: String,
    pub event_types: String,
    pub allow_private: bool,
    pub disabled_reason: Option<String>,
}

/// One line of the delivery log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryRow {
    pub id: i64,
    pub endpoint_id: i64,
    pub event_type: String,
    pub message_id: String,
    pub status: String,
    pub attempts: i64,
    pub last_status_code: Option<i64>,
    pub last_error: Option<String>,
    pub created_at_ms: i64,
}

/// What the admin page shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntegrationOverview {
    pub keys: Vec<KeyRow>,
    pub endpoints: Vec<EndpointRow>,
    pub deliveries: Vec<DeliveryRow>,
}

/// A secret shown once: a new key (`dnk_live_…`) or a new endpoint's signing secret (`whsec_…`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownOnce {
    pub id: i64,
    pub secret: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_form() -> KeyForm {
        KeyForm {
            name: "BPJS integrasi".into(),
            partner: "BPJS Ketenagakerjaan".into(),
            scopes: "pkwt:read, checks:read".into(),
            expires_on: "2027-06-30".into(),
            allowed_ips: "203.0.113.5 2001:db8::1".into(),
            per_minute: String::new(),
        }
    }

    #[test]
    fn a_good_key_form_passes_with_the_default_limit() {
        let key = key_form().check("2026-12-05").expect("valid");
        assert_eq!(key.scopes, vec!["checks:read", "pkwt:read"]);
        assert_eq!(key.per_minute, DEFAULT_PER_MINUTE);
        assert_eq!(key.allowed_ips.len(), 2);
    }

    #[test]
    fn unknown_scopes_past_or_far_expiry_and_host_names_are_refused() {
        let mut form = key_form();
        form.scopes = "pkwt:write".into();
        form.expires_on = "2026-12-05".into();
        form.allowed_ips = "example.org".into();
        form.per_minute = "0".into();
        let errors = form.check("2026-12-05").expect_err("invalid");
        for field in ["scopes", "expires_on", "allowed_ips", "per_minute"] {
            assert!(errors.get(field).is_some(), "{field}");
        }
        let mut far = key_form();
        far.expires_on = "2029-01-01".into();
        assert!(far.check("2026-12-05").is_err());
        for bad in [
            "::::",
            "1.2.3",
            "256.1.1.1",
            "2001:db8::1::2",
            "fe80::1%eth0",
        ] {
            let mut form = key_form();
            form.allowed_ips = bad.into();
            assert!(form.check("2026-12-05").is_err(), "{bad}");
        }
        let mut long = key_form();
        long.allowed_ips = "2001:0db8:0000:0000:0000:0000:0000:0001 ::ffff:203.0.113.5".into();
        assert!(long.check("2026-12-05").is_ok());
    }

    #[test]
    fn endpoint_forms_need_a_web_address_and_known_events() {
        let form = EndpointForm {
            partner: "BPJS".into(),
            url: "https://hooks.example.org/dnaker".into(),
            event_types: "pkwt.registered ak1.issued".into(),
            allow_private: String::new(),
        };
        let endpoint = form.check().expect("valid");
        assert!(!endpoint.allow_private);
        for (url, events) in [
            ("ftp://x", "ak1.issued"),
            ("https://", "ak1.issued"),
            ("https://a.b", "nope.event"),
        ] {
            let bad = EndpointForm {
                url: url.into(),
                event_types: events.into(),
                ..form.clone()
            };
            assert!(bad.check().is_err(), "{url} {events}");
        }
    }
}
