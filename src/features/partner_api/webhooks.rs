//! Standard Webhooks 1.0: signing (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` with the decoded
//! `whsec_` secret), the retry schedule with jitter, and the SSRF guard: the receiver's host is resolved
//! here and refused when any address is loopback, private, link-local or otherwise not public (unless
//! the admin allowed it), and the request goes to exactly the address that was checked (no re-resolving,
//! no redirects).
use std::net::{IpAddr, SocketAddr};

use base64::{Engine as _, engine::general_purpose::STANDARD};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Seconds to wait after the 1st, 2nd, … failed attempt: from seconds up to a day in all.
pub const RETRY_SECONDS: [i64; 7] = [5, 300, 1800, 7200, 18_000, 36_000, 21_600];

/// A new signing secret: `whsec_` + base64 of 24 random bytes.
pub fn new_secret() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    format!("whsec_{}", STANDARD.encode(bytes))
}

/// The `webhook-signature` value for one message, or `None` for a malformed secret.
pub fn sign(secret: &str, message_id: &str, timestamp: i64, body: &str) -> Option<String> {
    let key = STANDARD.decode(secret.strip_prefix("whsec_")?).ok()?;
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key).ok()?;
    mac.update(format!("{message_id}.{timestamp}.{body}").as_bytes());
    Some(format!(
        "v1,{}",
        STANDARD.encode(mac.finalize().into_bytes())
    ))
}

/// What a receiver does: true when one of the (space-separated) signatures matches and the timestamp is
/// within five minutes of `now_s`.
pub fn verify(
    secret: &str,
    message_id: &str,
    timestamp: i64,
    body: &str,
    signatures: &str,
    now_s: i64,
) -> bool {
    let Some(expected) = sign(secret, message_id, timestamp, body) else {
        return false;
    };
    (now_s - timestamp).abs() <= 300 && signatures.split(' ').any(|s| s == expected)
}

/// The wait before the next attempt after `failures` failed ones (±10 % jitter), or `None` when the
/// schedule is used up.
pub fn retry_after_ms(failures: usize, jitter: f64) -> Option<i64> {
    let base = *RETRY_SECONDS.get(failures.checked_sub(1)?)?;
    let spread = (base as f64 * 0.1 * jitter.clamp(-1.0, 1.0)) as i64;
    Some((base + spread).max(1) * 1000)
}

/// Public unicast addresses only: no loopback, private, link-local, shared, multicast or reserved ones.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                || a >= 240
                || (a == 100 && (64..128).contains(&b))
                || (a == 198 && (b == 18 || b == 19))
                || (a == 192 && b == 0 && v4.octets()[2] == 0)
                || (a == 192 && b == 88 && v4.octets()[2] == 99))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            // Only global unicast (2000::/3) passes, which leaves out loopback, unspecified, IPv4-compatible
            // (::a.b.c.d), NAT64 (64:ff9b::/96), discard (100::/64), unique-local (fc00::/7), link- and
            // site-local (fe80::/10, fec0::/10) and multicast (ff00::/8); inside it, the ranges that tunnel
            // to IPv4 addresses or are not routed are refused too: Teredo and other IETF protocol
            // assignments (2001::/23), documentation (2001:db8::/32) and 6to4 (2002::/16).
            let [first, second, ..] = v6.segments();
            (first & 0xe000) == 0x2000
                && !(first == 0x2001 && (second < 0x0200 || second == 0x0db8))
                && first != 0x2002
        }
    }
}

/// Why a delivery could not be attempted or failed (kept in the delivery log; no response bodies).
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error("invalid address")]
    BadUrl,
    #[error("address not allowed (private or loopback)")]
    Forbidden,
    #[error("host could not be resolved")]
    Unresolved,
    #[error("request failed")]
    Request,
}

/// How long a receiver's name may take to resolve: the delivery pass is sequential, so one slow resolver
/// would otherwise hold up every other endpoint (the request's own timeout starts only after the lookup).
pub const LOOKUP_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// A lookup bounded in time: an error or no answer within `limit` is `Unresolved`.
pub async fn within<T>(
    limit: std::time::Duration,
    lookup: impl std::future::Future<Output = std::io::Result<T>>,
) -> Result<T, SendError> {
    match tokio::time::timeout(limit, lookup).await {
        Ok(Ok(addresses)) => Ok(addresses),
        Ok(Err(_)) | Err(_) => Err(SendError::Unresolved),
    }
}

/// Resolves the receiver's host (within [`LOOKUP_TIMEOUT`]) and checks every address; returns the URL and
/// the address to use.
pub async fn resolve(
    url: &str,
    allow_private: bool,
) -> Result<(reqwest::Url, SocketAddr), SendError> {
    let url = reqwest::Url::parse(url).map_err(|_| SendError::BadUrl)?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(SendError::BadUrl);
    }
    let host = url.host_str().ok_or(SendError::BadUrl)?.to_owned();
    let port = url.port_or_known_default().ok_or(SendError::BadUrl)?;
    let host_for_lookup = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_owned();
    let lookup = tokio::net::lookup_host((host_for_lookup.as_str(), port));
    let addresses: Vec<SocketAddr> = within(LOOKUP_TIMEOUT, lookup).await?.collect();
    let first = *addresses.first().ok_or(SendError::Unresolved)?;
    if !allow_private && addresses.iter().any(|a| !is_public(a.ip())) {
        return Err(SendError::Forbidden);
    }
    Ok((url, first))
}

/// Sends one signed message; returns the receiver's status code.
pub async fn send(
    url: &str,
    allow_private: bool,
    headers: [(&'static str, String); 3],
    body: String,
) -> Result<u16, SendError> {
    let (url, address) = resolve(url, allow_private).await?;
    let host = url.host_str().ok_or(SendError::BadUrl)?.to_owned();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(std::time::Duration::from_secs(10))
        .resolve(&host, address)
        .build()
        .map_err(|_| SendError::Request)?;
    let mut request = client
        .post(url)
        .header("content-type", "application/json")
        .header("user-agent", "dnaker-webhooks/1");
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let response = request
        .body(body)
        .send()
        .await
        .map_err(|_| SendError::Request)?;
    Ok(response.status().as_u16())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The test vector of the Standard Webhooks specification.
    #[test]
    fn signs_the_standard_webhooks_test_vector() {
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let (id, ts, body) = (
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1_614_265_330,
            r#"{"test": 2432232314}"#,
        );
        assert_eq!(
            sign(secret, id, ts, body).as_deref(),
            Some("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        );
        let header = "v1,bm9ldHUK v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        assert!(verify(secret, id, ts, body, header, ts + 10));
        assert!(!verify(secret, id, ts, body, header, ts + 301), "too old");
        assert!(
            !verify(secret, id, ts, r#"{"test": 1}"#, header, ts),
            "another body"
        );
        assert!(sign("no-prefix", id, ts, body).is_none());
    }

    #[test]
    fn retries_back_off_from_seconds_to_a_day_then_stop() {
        assert_eq!(retry_after_ms(1, 0.0), Some(5_000));
        assert_eq!(retry_after_ms(0, 0.0), None);
        assert_eq!(retry_after_ms(RETRY_SECONDS.len() + 1, 0.0), None);
        let total: i64 = RETRY_SECONDS.iter().sum();
        assert!((86_400 - 3600..=86_400 + 3600).contains(&total), "{total}");
        for failures in 1..=RETRY_SECONDS.len() {
            let (low, high) = (
                retry_after_ms(failures, -1.0),
                retry_after_ms(failures, 1.0),
            );
            assert!(low < high || failures == 1 && low <= high);
        }
    }

    #[test]
    fn only_public_addresses_pass_the_ssrf_guard() {
        for blocked in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::7f00:1",
            "::127.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "64:ff9b:1::a9fe:a9fe",
            "2002:7f00:1::1",
            "2001::a9fe:a9fe",
            "2001:db8::1",
            "fc00::1",
            "fec0::1",
            "fe80::abcd",
            "febf::1",
            "ff02::1",
            "100::1",
            "::",
            "0.1.2.3",
            "100.127.255.255",
            "192.0.0.8",
            "192.88.99.1",
            "239.255.255.250",
            "255.255.255.255",
            "224.0.0.1",
        ] {
            let ip: IpAddr = blocked.parse().expect("address");
            assert!(!is_public(ip), "{blocked}");
        }
        for public in [
            "203.0.114.1",
            "8.8.8.8",
            "2606:4700::1111",
            "2a00:1450::1",
            "::ffff:8.8.8.8",
            "2001:4860::8888",
        ] {
            let ip: IpAddr = public.parse().expect("address");
            assert!(is_public(ip), "{public}");
        }
    }

    /// A resolver that never answers does not hold the delivery pass: the lookup gives up.
    #[tokio::test]
    async fn a_lookup_that_never_answers_times_out_as_unresolved() {
        let hanging = std::future::pending::<std::io::Result<Vec<SocketAddr>>>();
        let started = std::time::Instant::now();
        let limit = std::time::Duration::from_millis(50);
        assert!(matches!(
            within(limit, hanging).await,
            Err(SendError::Unresolved)
        ));
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        assert!(LOOKUP_TIMEOUT <= std::time::Duration::from_secs(5));
        let answered = async { Ok::<_, std::io::Error>(7) };
        assert!(matches!(within(LOOKUP_TIMEOUT, answered).await, Ok(7)));
    }

    #[tokio::test]
    async fn a_loopback_receiver_is_refused_unless_allowed() {
        assert!(matches!(
            resolve("http://127.0.0.1:9/hook", false).await,
            Err(SendError::Forbidden)
        ));
        assert!(resolve("http://127.0.0.1:9/hook", true).await.is_ok());
        assert!(matches!(
            resolve("ftp://x/", true).await,
            Err(SendError::BadUrl)
        ));
    }
}
