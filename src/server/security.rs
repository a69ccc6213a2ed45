//! Security headers for every response.
//!
//! Pages rendered by Leptos set their own Content-Security-Policy with the per-response nonce of the
//! hydration scripts ([`page_csp`], called from the shell); everything else gets [`STATIC_CSP`].
use axum::http::{HeaderName, HeaderValue, header};
use tower_http::set_header::SetResponseHeaderLayer;

pub const STATIC_CSP: &str = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; \
     frame-ancestors 'none'; form-action 'self'";

/// The policy of an HTML page: scripts only from this origin or carrying this response's nonce.
pub fn page_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; \
         frame-ancestors 'none'; form-action 'self'"
    )
}

/// Layers that add the fixed headers (the CSP only where the page did not set its own).
pub fn header_layers() -> Vec<SetResponseHeaderLayer<HeaderValue>> {
    let fixed: [(HeaderName, &'static str); 4] = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=()",
        ),
    ];
    let mut layers: Vec<_> = fixed
        .into_iter()
        .map(|(name, value)| {
            SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
        })
        .collect();
    layers.push(SetResponseHeaderLayer::if_not_present(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(STATIC_CSP),
    ));
    layers
}
