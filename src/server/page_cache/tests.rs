use std::{
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering::SeqCst},
    },
    time::Duration,
};

use axum::{
    body::{Body, Bytes},
    http::{HeaderMap, HeaderValue, header},
    response::Response,
};
use base64::{Engine, engine::general_purpose::STANDARD};
use sha2::{Digest, Sha256};

use super::{
    PageCache,
    csp::{inline_hashes, policy_without_nonce},
    keys::{Key, accepts_brotli, is_public_page, may_keep},
    store::Lookup,
};
use crate::{
    core::i18n::Lang,
    server::{clock::Clock, lang::only_language_cookie, security::page_csp},
};

fn sha(content: &str) -> String {
    format!(
        "'sha256-{}'",
        STANDARD.encode(Sha256::digest(content.as_bytes()))
    )
}

#[test]
fn the_nonce_becomes_the_hashes_of_the_inline_scripts_that_carried_it() {
    let html = r#"<html><head><script type="module" nonce="abc">import('/pkg/a.js')</script>
        <script src="/pkg/b.js" nonce="abc"></script><script>alert(1)</script>
        <scripts nonce="abc">x</scripts><style nonce="abc">p{}</style></head></html>"#;
    let policy = policy_without_nonce(&page_csp("abc"), html).expect("rewritten");
    assert!(!policy.contains("nonce"), "{policy}");
    let script_src = policy
        .split("; ")
        .find(|d| d.starts_with("script-src"))
        .unwrap_or_default();
    assert_eq!(
        script_src,
        format!(
            "script-src 'self' {} 'wasm-unsafe-eval'",
            sha("import('/pkg/a.js')")
        )
    );
    let style_src = policy
        .split("; ")
        .find(|d| d.starts_with("style-src"))
        .unwrap_or_default();
    assert_eq!(style_src, format!("style-src 'self' {}", sha("p{}")));
    assert!(policy.contains("frame-ancestors 'none'"));
}

#[test]
fn a_script_without_the_nonce_is_not_allowed_by_the_rewrite() {
    let hashes = inline_hashes(
        r#"<script>evil()</script><script nonce="other">x()</script>"#,
        "script",
        "abc",
    );
    assert!(hashes.is_empty());
}

#[test]
fn a_policy_without_a_nonce_is_kept_as_it_is() {
    let policy = "default-src 'self'";
    assert_eq!(
        policy_without_nonce(policy, "<p></p>").as_deref(),
        Some(policy)
    );
}

#[test]
fn only_the_public_pages_are_kept() {
    for path in [
        "/",
        "/lowongan",
        "/lowongan/12",
        "/bursa-kerja/stan/3/layar",
        "/alat/lembur",
        "/masuk",
    ] {
        assert!(is_public_page(path), "{path}");
    }
    for path in [
        "/akun",
        "/verifikasi/ak1/X",
        "/verifikasi-email",
        "/atur-sandi",
        "/undangan",
        "/petugas/ak1",
        "/pkg/a.wasm",
        "/lowongan-x",
    ] {
        assert!(!is_public_page(path), "{path}");
    }
}

#[test]
fn a_visitor_with_any_cookie_but_the_language_is_not_anonymous() {
    assert!(only_language_cookie(None));
    assert!(only_language_cookie(Some("dnaker_lang=en")));
    assert!(only_language_cookie(Some("dnaker_lang=en; ")));
    assert!(!only_language_cookie(Some(
        "dnaker_lang=en; dnaker_sid=abc"
    )));
    assert!(!only_language_cookie(Some("__Host-dnaker_sid=abc")));
    assert!(!only_language_cookie(Some("garbage")));
}

#[test]
fn brotli_is_sent_only_to_those_who_accept_it() {
    let accepts = |value: &str| {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).unwrap_or(HeaderValue::from_static("")),
        );
        accepts_brotli(&headers)
    };
    assert!(accepts("gzip, deflate, br, zstd"));
    assert!(accepts("br;q=0.5"));
    assert!(!accepts("gzip"));
    assert!(!accepts("br;q=0, gzip"));
    assert!(!accepts("brotli"));
    assert!(!accepts_brotli(&HeaderMap::new()));
}

#[test]
fn private_pages_and_pages_that_set_cookies_are_not_kept() {
    let with = |pairs: &[(header::HeaderName, &'static str)]| {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.append(name.clone(), HeaderValue::from_static(value));
        }
        may_keep(&headers)
    };
    assert!(with(&[(header::CONTENT_TYPE, "text/html; charset=utf-8")]));
    assert!(!with(&[(header::CONTENT_TYPE, "application/json")]));
    assert!(!with(&[
        (header::CONTENT_TYPE, "text/html"),
        (header::SET_COOKIE, "a=b")
    ]));
    assert!(!with(&[
        (header::CONTENT_TYPE, "text/html"),
        (header::CACHE_CONTROL, "private, no-store")
    ]));
}

#[tokio::test]
async fn one_request_renders_a_page_again_after_its_lifetime_while_the_others_get_the_old_copy() {
    let clock = Clock::default();
    let cache = PageCache::new(Duration::from_secs(10), clock.clone());
    let key = Key {
        lang: Lang::Id,
        path_and_query: "/".into(),
    };
    let page = cache
        .page(0, HeaderMap::new(), Bytes::from_static(b"<p>x</p>"))
        .expect("kept");
    cache
        .pages
        .as_ref()
        .expect("on")
        .insert(key.clone(), Arc::new(page))
        .await;
    assert!(
        matches!(cache.lookup(&key).await, Lookup::Send(_)),
        "within its lifetime"
    );

    clock.advance_ms(11_000);
    let Lookup::Render(Some(stale)) = cache.lookup(&key).await else {
        panic!("the first request after the lifetime renders it again");
    };
    assert!(
        matches!(cache.lookup(&key).await, Lookup::Send(_)),
        "the others get the old copy"
    );

    // A render that could not be kept (an error page) lets the next request try again.
    let error = Response::builder()
        .status(500)
        .body(Body::empty())
        .expect("response");
    cache.keep(key.clone(), 0, error, true, Some(stale)).await;
    assert!(matches!(cache.lookup(&key).await, Lookup::Render(Some(_))));

    cache.forget_all();
    assert!(
        matches!(cache.lookup(&key).await, Lookup::Render(None)),
        "after a change everyone renders"
    );
}

#[tokio::test]
async fn a_lifetime_of_zero_keeps_nothing() {
    let cache = PageCache::new(Duration::ZERO, Clock::default());
    assert!(cache.pages.is_none());
    let key = Key {
        lang: Lang::En,
        path_and_query: "/".into(),
    };
    assert!(matches!(cache.lookup(&key).await, Lookup::Render(None)));
}

#[test]
fn a_huge_lifetime_is_cut_to_an_hour() {
    let cache = PageCache::new(Duration::from_secs(u64::MAX), Clock::default());
    assert_eq!(cache.lifetime_ms, 3_600_000);
}

/// Renders so far, and the most that were under way at once.
#[derive(Default)]
struct RenderCount {
    total: AtomicUsize,
    under_way: AtomicUsize,
    most_at_once: AtomicUsize,
}

/// A router whose one page counts its renders and takes 50 ms to render, behind the cache.
fn counting_router(cache: PageCache, status: u16) -> (axum::Router, Arc<RenderCount>) {
    let count = Arc::new(RenderCount::default());
    let counter = count.clone();
    let page = move || {
        let count = counter.clone();
        async move {
            let n = count.total.fetch_add(1, SeqCst) + 1;
            let at_once = count.under_way.fetch_add(1, SeqCst) + 1;
            count.most_at_once.fetch_max(at_once, SeqCst);
            tokio::time::sleep(Duration::from_millis(50)).await;
            count.under_way.fetch_sub(1, SeqCst);
            Response::builder()
                .status(status)
                .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
                .body(Body::from(format!("<p>render {n}</p>")))
                .expect("response")
        }
    };
    let router = axum::Router::new()
        .route("/lowongan", axum::routing::get(page))
        .layer(axum::middleware::from_fn_with_state(cache, super::serve));
    (router, count)
}

async fn crowd(router: &axum::Router, visitors: usize) -> Vec<(u16, String)> {
    use tower::ServiceExt;
    let requests: Vec<_> = (0..visitors)
        .map(|_| {
            let router = router.clone();
            tokio::spawn(async move {
                let request = axum::http::Request::get("/lowongan?q=operator")
                    .body(Body::empty())
                    .expect("request");
                let response = router.oneshot(request).await.expect("infallible");
                let status = response.status().as_u16();
                let body = axum::body::to_bytes(response.into_body(), usize::MAX)
                    .await
                    .expect("body");
                (status, String::from_utf8_lossy(&body).into_owned())
            })
        })
        .collect();
    let mut answers = Vec::new();
    for request in requests {
        answers.push(request.await.expect("task"));
    }
    answers
}

#[tokio::test]
async fn a_crowd_asking_for_a_page_with_no_copy_waits_for_one_render() {
    let cache = PageCache::new(Duration::from_secs(10), Clock::default());
    let (router, count) = counting_router(cache, 200);
    let answers = crowd(&router, 30).await;
    assert_eq!(count.total.load(SeqCst), 1);
    assert!(
        answers
            .iter()
            .all(|answer| *answer == (200, "<p>render 1</p>".to_owned())),
        "{answers:?}"
    );
}

#[tokio::test]
async fn when_the_first_render_is_not_kept_the_waiting_requests_render_side_by_side() {
    let cache = PageCache::new(Duration::from_secs(10), Clock::default());
    let (router, count) = counting_router(cache, 503);
    let answers = crowd(&router, 10).await;
    assert_eq!(count.total.load(SeqCst), 10);
    assert!(answers.iter().all(|(status, _)| *status == 503));
    // Not one after another, each waiting for the previous one's render.
    assert!(count.most_at_once.load(SeqCst) > 1);
}

#[test]
fn sign_ins_reads_and_private_records_keep_the_pages_other_changes_drop_them() {
    use super::changes_public_pages;
    for action in [
        "account.sign_in",
        "account.sign_out",
        "account.sign_up",
        "seeker.read",
        "fair.report_read",
        "company.report_export",
        "placement.pending_list",
        "pkwt.approve",
        "ak1.issue",
    ] {
        assert!(!changes_public_pages(action), "{action}");
    }
    for action in [
        "vacancy.submit",
        "vacancy.review",
        "fair.publish",
        "fair.register",
        "company.verify",
        "reference.minimum_wage",
        "something.new",
    ] {
        assert!(changes_public_pages(action), "{action}");
    }
}

#[tokio::test]
async fn made_up_query_strings_never_evict_the_pages_without_one() {
    let cache = PageCache::new(Duration::from_secs(10), Clock::default());
    let home = Key {
        lang: Lang::Id,
        path_and_query: "/".into(),
    };
    // One copy's bytes shared by every entry: each weighs half a megabyte, almost nothing is allocated.
    let body = Bytes::from(vec![b'x'; 256 * 1024]);
    let page = |cache: &PageCache| {
        Arc::new(super::store::Page {
            generation: 0,
            stored_at_ms: cache.clock.now_ms(),
            refreshing: std::sync::atomic::AtomicBool::new(false),
            headers: HeaderMap::new(),
            plain: body.clone(),
            brotli: body.clone(),
        })
    };
    let home_page = page(&cache);
    cache
        .store_for(&home)
        .expect("on")
        .insert(home.clone(), home_page)
        .await;
    // Far more made-up addresses than all the memory for kept pages.
    for n in 0..400 {
        let key = Key {
            lang: Lang::Id,
            path_and_query: format!("/?x={n}"),
        };
        let store = cache.store_for(&key).expect("on");
        store.insert(key, page(&cache)).await;
        store.run_pending_tasks().await;
    }
    let pages = cache.pages.as_ref().expect("on");
    pages.run_pending_tasks().await;
    assert!(pages.contains_key(&home), "the home page is still kept");
    let variants = cache.variants.as_ref().expect("on");
    assert!(variants.weighted_size() <= super::store::VARIANT_BYTES);
}
