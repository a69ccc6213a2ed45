//! Security headers for every response.
//!
//! Pages rendered by Leptos get a Content-Security-Policy with the per-response nonce of the hydration
//! scripts ([`page_policy`]); everything else gets [`STATIC_CSP`] unless it set its own.
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

/// The nonce of the page a request may render, minted before Leptos sees the request, so that the policy
/// is set here, on the response itself, and does not depend on Leptos's `ResponseOptions` reaching it:
/// while another request could take them (see `server::request_owner`), a signed-in page went out with
/// [`STATIC_CSP`] and its scripts' nonce, and the browser refused to hydrate it. `rendered` says a page
/// render took the nonce ([`provide_page_nonce`]), so a static file or a download keeps its own policy.
#[derive(Clone)]
pub struct PageNonce {
    nonce: leptos::nonce::Nonce,
    rendered: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

/// Middleware, inside the layer that adds [`STATIC_CSP`]: a page Leptos rendered gets [`page_csp`] with
/// the nonce its scripts carry.
pub async fn page_policy(
    mut request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let page = PageNonce {
        nonce: leptos::nonce::Nonce::new(),
        rendered: Default::default(),
    };
    request.extensions_mut().insert(page.clone());
    let mut response = next.run(request).await;
    if page.rendered.load(std::sync::atomic::Ordering::Acquire)
        && !response
            .headers()
            .contains_key(header::CONTENT_SECURITY_POLICY)
        && let Ok(value) = HeaderValue::from_str(&page_csp(&page.nonce))
    {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, value);
    }
    response
}

/// In the context of every page render (after Leptos's own `provide_nonce`, which it replaces): the
/// hydration scripts carry the nonce [`page_policy`] puts in the header. Leptos calls the same context
/// for a server function's request, which renders no page: it provides the `<head>`'s context to a
/// page render only.
pub fn provide_page_nonce() {
    if leptos::prelude::use_context::<leptos_meta::ServerMetaContext>().is_none() {
        return;
    }
    let Some(page) = leptos::prelude::use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<PageNonce>().cloned())
    else {
        return;
    };
    page.rendered
        .store(true, std::sync::atomic::Ordering::Release);
    leptos::prelude::provide_context(page.nonce);
}

/// Browsers that once reached the portal over HTTPS refuse plain HTTP to it for a year (sent only when
/// `DNAKER_PUBLIC_URL` is https: over plain HTTP the header would be ignored anyway).
pub const HSTS: &str = "max-age=31536000";

/// Layers that add the fixed headers (the CSP only where the page did not set its own; HSTS when the
/// portal is served over HTTPS).
pub fn header_layers(https: bool) -> Vec<SetResponseHeaderLayer<HeaderValue>> {
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
    if https {
        layers.push(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        ));
    }
    layers
}

/// `Cache-Control: no-store` on what is answered to a request carrying a session (or starting one): a
/// signed-in page must not be kept by the browser or a proxy, where the next person at a shared counter
/// tablet (or the back button after signing out) would see it. What says `public` (built assets, icons)
/// keeps its own lifetime: it is the same for everyone.
pub async fn no_store_with_session(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let with_session = has_session_cookie(request.headers().get_all(header::COOKIE));
    let mut response = next.run(request).await;
    let starts_session = has_session_cookie(response.headers().get_all(header::SET_COOKIE));
    let same_for_everyone = response
        .headers()
        .get_all(header::CACHE_CONTROL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.contains("public"));
    if (with_session || starts_session) && !same_for_everyone {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Whether any of these `Cookie` or `Set-Cookie` values names the session cookie (either name).
fn has_session_cookie(values: axum::http::header::GetAll<'_, HeaderValue>) -> bool {
    values
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.split_once('='))
        .any(|(name, value)| name.trim().ends_with("dnaker_sid") && !value.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use axum::{body::Body, http::Request, routing::get};
    use tower::ServiceExt;

    async fn headers(https: bool, cookie: Option<&str>) -> axum::http::HeaderMap {
        let mut router = axum::Router::new().route("/", get(|| async { "ok" }));
        for layer in super::header_layers(https) {
            router = router.layer(layer);
        }
        let router = router.layer(axum::middleware::from_fn(super::no_store_with_session));
        let mut request = Request::get("/");
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        router
            .oneshot(request.body(Body::empty()).expect("request"))
            .await
            .expect("answer")
            .headers()
            .clone()
    }

    #[tokio::test]
    async fn hsts_only_when_the_portal_is_served_over_https() {
        assert_eq!(
            headers(true, None).await["strict-transport-security"],
            super::HSTS
        );
        assert!(
            !headers(false, None)
                .await
                .contains_key("strict-transport-security")
        );
    }

    #[tokio::test]
    async fn a_request_with_a_session_gets_no_store() {
        assert!(!headers(false, None).await.contains_key("cache-control"));
        assert!(
            !headers(false, Some("dnaker_lang=en"))
                .await
                .contains_key("cache-control")
        );
        for cookie in ["dnaker_sid=abc", "dnaker_lang=id; __Host-dnaker_sid=abc"] {
            assert_eq!(
                headers(true, Some(cookie)).await["cache-control"],
                "no-store",
                "{cookie}"
            );
        }
    }
}
