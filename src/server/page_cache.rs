//! Whole public pages for anonymous visitors, kept for a few seconds and sent precompressed.
//!
//! Rendering a page costs one to three milliseconds of a core; sending a kept one costs microseconds,
//! which is what lets one instance take a job-fair crowd on the home, search and vacancy pages.
//!
//! Only anonymous GETs (no cookie but the language choice) of an allowlist of public pages are kept,
//! and only a `200 text/html` answer that sets no cookie and does not say `no-store` or `private`.
//! Pages with tokens in their address (password reset, invitations) and document verification
//! (a revoked card must say so at once) are never kept.
//!
//! Everyone who gets a kept copy would share its CSP nonce, so a kept page's policy allows its inline
//! scripts and styles by their SHA-256 instead of by the nonce.
//!
//! Freshness: a change made through this instance (a POST, PUT, PATCH or DELETE that wrote an audit
//! event and did not fail, or a daily job) drops every kept page at once; changes made through another
//! instance and the passing of time are seen within the lifetime (`DNAKER_PAGE_CACHE_SECONDS`, default 10).
//! When a copy's lifetime ends, one request renders the page again while the others still get the old
//! copy for those few milliseconds: without that, every request arriving during the render renders too.
//! A page with no copy at all (never kept, evicted, or dropped by a change) is rendered by the first
//! request that asks; the others wait for its copy (a cold search of 100,000 vacancies, asked for by a
//! crowd, is then rendered once instead of once per request).
use std::{
    collections::HashMap,
    io::Write,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    time::Duration,
};

use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, header},
    middleware::Next,
    response::Response,
};
use base64::{Engine, engine::general_purpose::STANDARD};
use moka::future::Cache;
use sha2::{Digest, Sha256};
use tokio::sync::watch;

use crate::{core::i18n::Lang, server::clock::Clock, server::lang::only_language_cookie};

/// Longer lifetimes are cut to this (a kept page is a few seconds' relief, not an archive).
const LONGEST_LIFETIME: Duration = Duration::from_secs(3600);
/// Memory for kept pages (each is kept plain and brotli-compressed).
const CACHE_BYTES: u64 = 64 * 1024 * 1024;
/// Of that, the pages whose address has a query string (searches): kept apart, so addresses a client
/// makes up (`/?x=1`, `/?x=2`, …) only ever evict one another, never the pages without a query.
const VARIANT_BYTES: u64 = CACHE_BYTES / 4;
/// A larger page is sent but not kept.
const MAX_PAGE_BYTES: usize = 1024 * 1024;
/// Quality 4: within a few per cent of brotli's best size for a page, at a small fraction of its time.
/// About a millisecond per kept page, paid once per copy (pages not kept are gzipped per request).
const BROTLI_QUALITY: u32 = 4;
const BROTLI_WINDOW: u32 = 22;
/// How long a request waits for another one's first render of the same page before rendering it too.
const WAIT_FOR_FIRST_RENDER: Duration = Duration::from_secs(5);

const PUBLIC_PAGES: &[&str] = &[
    "/",
    "/masuk",
    "/daftar",
    "/daftar/pencaker",
    "/daftar/perusahaan",
    "/lupa-sandi",
    "/lowongan",
    "/bursa-kerja",
    "/regulasi",
];
const PUBLIC_PREFIXES: &[&str] = &["/lowongan/", "/bursa-kerja/", "/alat/"];

#[derive(Clone, Debug, Hash, PartialEq, Eq)]
struct Key {
    lang: Lang,
    path_and_query: String,
}

struct Page {
    generation: u64,
    /// By the portal's clock, so a test moving it ages the copies.
    stored_at_ms: i64,
    /// Set by the one request that renders the page again after its lifetime.
    refreshing: AtomicBool,
    headers: HeaderMap,
    plain: Bytes,
    brotli: Bytes,
}

/// What to do with a request for a page that may be kept.
enum Lookup {
    Send(Arc<Page>),
    /// Render it; the stale copy this request is refreshing, if any.
    Render(Option<Arc<Page>>),
}

/// The pages being rendered for the first time; the receivers wake when the render ends, kept or not.
type FirstRenders = Arc<Mutex<HashMap<Key, watch::Receiver<()>>>>;

/// Held by the request rendering a page that has no copy; dropping it (done, failed or cancelled) wakes
/// the requests waiting for that page.
struct FirstRender {
    renders: FirstRenders,
    key: Key,
    _done: watch::Sender<()>,
}

impl Drop for FirstRender {
    fn drop(&mut self) {
        // Removed before the sender drops, so a woken request finds no render to wait for.
        if let Ok(mut renders) = self.renders.lock() {
            renders.remove(&self.key);
        }
    }
}

/// Who renders a page that has no copy.
enum FirstRenderTurn {
    Render(FirstRender),
    Wait(watch::Receiver<()>),
}

#[derive(Clone)]
pub struct PageCache {
    pages: Option<Cache<Key, Arc<Page>>>,
    /// The pages with a query string (see [`VARIANT_BYTES`]).
    variants: Option<Cache<Key, Arc<Page>>>,
    lifetime_ms: i64,
    generation: Arc<AtomicU64>,
    first_renders: FirstRenders,
    clock: Clock,
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache")
            .field("pages", &self.pages.as_ref().map(Cache::entry_count))
            .field("variants", &self.variants.as_ref().map(Cache::entry_count))
            .field("generation", &self.generation)
            .finish()
    }
}

impl PageCache {
    /// A lifetime of zero keeps nothing.
    pub fn new(lifetime: Duration, clock: Clock) -> PageCache {
        let lifetime = lifetime.min(LONGEST_LIFETIME);
        let store = |capacity: u64| {
            (!lifetime.is_zero()).then(|| {
                Cache::builder()
                    .max_capacity(capacity)
                    // The key counts too: its query string is the client's choice.
                    .weigher(|key: &Key, page: &Arc<Page>| {
                        let bytes = key.path_and_query.len() + page.plain.len() + page.brotli.len();
                        u32::try_from(bytes).unwrap_or(u32::MAX)
                    })
                    // Twice the lifetime: a stale copy is still there to send while one request
                    // renders.
                    .time_to_live(lifetime * 2)
                    .build()
            })
        };
        PageCache {
            pages: store(CACHE_BYTES - VARIANT_BYTES),
            variants: store(VARIANT_BYTES),
            lifetime_ms: i64::try_from(lifetime.as_millis()).unwrap_or(i64::MAX),
            generation: Arc::default(),
            first_renders: FirstRenders::default(),
            clock,
        }
    }

    fn key(&self, request: &Request) -> Option<Key> {
        self.pages.as_ref()?;
        let headers = request.headers();
        if request.method() != Method::GET
            || headers.contains_key(header::AUTHORIZATION)
            || !is_public_page(request.uri().path())
            || headers.get_all(header::COOKIE).iter().count() > 1
        {
            return None;
        }
        let cookies = match headers.get(header::COOKIE) {
            Some(value) => Some(value.to_str().ok()?),
            None => None,
        };
        if !only_language_cookie(cookies) {
            return None;
        }
        Some(Key {
            lang: Lang::from_cookie_header(cookies),
            path_and_query: request.uri().path_and_query()?.as_str().to_owned(),
        })
    }

    /// Where a page is kept: apart when its address has a query string.
    fn store_for(&self, key: &Key) -> Option<&Cache<Key, Arc<Page>>> {
        if key.path_and_query.contains('?') {
            self.variants.as_ref()
        } else {
            self.pages.as_ref()
        }
    }

    async fn lookup(&self, key: &Key) -> Lookup {
        let page = match self.store_for(key) {
            Some(pages) => pages.get(key).await,
            None => None,
        };
        let Some(page) = page else {
            return Lookup::Render(None);
        };
        if page.generation != self.generation.load(Ordering::Acquire) {
            return Lookup::Render(None);
        }
        if self.clock.now_ms() - page.stored_at_ms < self.lifetime_ms
            || page.refreshing.swap(true, Ordering::AcqRel)
        {
            return Lookup::Send(page);
        }
        Lookup::Render(Some(page))
    }

    /// The first request for a page with no copy renders it; the others wait for that render.
    fn first_render_turn(&self, key: &Key) -> Option<FirstRenderTurn> {
        let mut renders = self.first_renders.lock().ok()?;
        if let Some(done) = renders.get(key) {
            return Some(FirstRenderTurn::Wait(done.clone()));
        }
        let (done, waiting) = watch::channel(());
        renders.insert(key.clone(), waiting);
        Some(FirstRenderTurn::Render(FirstRender {
            renders: self.first_renders.clone(),
            key: key.clone(),
            _done: done,
        }))
    }

    /// What to do once no copy was found: wait for a render already under way, then look again.
    async fn lookup_after_first_render(&self, key: &Key) -> (Lookup, Option<FirstRender>) {
        match self.first_render_turn(key) {
            Some(FirstRenderTurn::Wait(mut done)) => {
                // Ends when the render's guard drops (`Err`), whatever its outcome.
                let _ = tokio::time::timeout(WAIT_FOR_FIRST_RENDER, done.changed()).await;
                (self.lookup(key).await, None)
            }
            Some(FirstRenderTurn::Render(render)) => (Lookup::Render(None), Some(render)),
            None => (Lookup::Render(None), None),
        }
    }

    /// Drops every kept page (a change was made through this instance).
    pub fn forget_all(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// Keeps the rendered page when it may be kept, and answers with it either way.
    async fn keep(
        &self,
        key: Key,
        generation: u64,
        response: Response,
        brotli: bool,
        refreshing: Option<Arc<Page>>,
    ) -> Response {
        // Not kept this time: the next request tries again.
        let not_kept = |response: Response| {
            if let Some(stale) = &refreshing {
                stale.refreshing.store(false, Ordering::Release);
            }
            response
        };
        let (parts, body) = response.into_parts();
        if !may_keep(&parts.headers) || parts.status != axum::http::StatusCode::OK {
            return not_kept(Response::from_parts(parts, body));
        }
        let plain = match axum::body::to_bytes(body, usize::MAX).await {
            Ok(bytes) => bytes,
            Err(error) => {
                tracing::warn!(%error, "page body failed while being kept");
                return not_kept(Response::from_parts(parts, Body::empty()));
            }
        };
        let Some(page) = self.page(generation, parts.headers.clone(), plain.clone()) else {
            return not_kept(Response::from_parts(parts, Body::from(plain)));
        };
        let page = Arc::new(page);
        if let Some(pages) = self.store_for(&key) {
            pages.insert(key, page.clone()).await;
        }
        page.response(brotli, false, 0)
    }

    fn page(&self, generation: u64, mut headers: HeaderMap, plain: Bytes) -> Option<Page> {
        if plain.len() > MAX_PAGE_BYTES {
            return None;
        }
        let html = std::str::from_utf8(&plain).ok()?;
        if let Some(policy) = headers.get(header::CONTENT_SECURITY_POLICY) {
            let policy = policy.to_str().ok()?;
            let hashed = policy_without_nonce(policy, html)?;
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_str(&hashed).ok()?,
            );
        }
        headers.remove(header::CONTENT_LENGTH);
        let brotli = compress(&plain)?;
        Some(Page {
            generation,
            stored_at_ms: self.clock.now_ms(),
            refreshing: AtomicBool::new(false),
            headers,
            plain,
            brotli,
        })
    }
}

impl Page {
    /// `kept`: sent from the cache (then it says how old the copy is, as an HTTP cache would).
    fn response(&self, brotli: bool, kept: bool, now_ms: i64) -> Response {
        let mut response = Response::new(Body::from(if brotli {
            self.brotli.clone()
        } else {
            self.plain.clone()
        }));
        let headers = response.headers_mut();
        headers.clone_from(&self.headers);
        if kept {
            headers.insert(
                header::AGE,
                HeaderValue::from((now_ms - self.stored_at_ms).max(0) / 1000),
            );
        }
        // Without brotli the outer compression layer gzips the plain copy as it does any page.
        if brotli {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
            headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        response
    }
}

/// Set when a request changed something public: every change writes an audit event, and
/// [`RequestCtx::audit`](crate::server::authz::RequestCtx::audit) marks this when
/// [`changes_public_pages`] says the action may show on a kept page. Reads (the header's "who is
/// signed in", a search, a fair's slots) are POSTs too, and must not empty the cache.
#[derive(Clone, Default)]
pub struct ChangeMarker(Arc<AtomicBool>);

impl ChangeMarker {
    pub fn mark(&self) {
        self.0.store(true, Ordering::Release);
    }

    fn is_marked(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }
}

/// Whether an audited action can change what a kept public page shows. Sign-ins, reads and the private
/// records of people and contracts cannot: they must not empty the cache (a crowd signing in at a job
/// fair would otherwise render every public page again and again). Anything not named here counts as a
/// change, so a new action is safe by default.
pub fn changes_public_pages(action: &str) -> bool {
    const PRIVATE: &[&str] = &[
        "account.",
        "ak1.",
        "candidate.",
        "correction.",
        "counter.",
        "dkptka.",
        "pkwt.",
        "profile.",
        "seeker.",
        "seeker_file.",
        "tka.",
    ];
    const READS: &[&str] = &["read", "list", "export", "csv", "receipt"];
    let private = PRIVATE.iter().any(|prefix| action.starts_with(prefix));
    let read = action
        .rsplit(['.', '_'])
        .next()
        .is_some_and(|last| READS.contains(&last));
    !(private || read)
}

/// The middleware: serves kept pages, keeps new ones, and forgets them all after a change.
pub async fn serve(State(cache): State<PageCache>, mut request: Request, next: Next) -> Response {
    if !request.method().is_safe() {
        let marker = ChangeMarker::default();
        request.extensions_mut().insert(marker.clone());
        let response = next.run(request).await;
        let status = response.status();
        // After the response: the change has committed, so a page rendered from now on shows it.
        if marker.is_marked() && !status.is_client_error() && !status.is_server_error() {
            cache.forget_all();
        }
        return response;
    }
    let Some(key) = cache.key(&request) else {
        return next.run(request).await;
    };
    let brotli = accepts_brotli(request.headers());
    let (lookup, _first_render) = match cache.lookup(&key).await {
        Lookup::Render(None) => cache.lookup_after_first_render(&key).await,
        lookup => (lookup, None),
    };
    let refreshing = match lookup {
        Lookup::Send(page) => return page.response(brotli, true, cache.clock.now_ms()),
        Lookup::Render(refreshing) => refreshing,
    };
    // Read before rendering: a change committed during the render makes this copy stale at once.
    let generation = cache.generation.load(Ordering::Acquire);
    let response = next.run(request).await;
    cache
        .keep(key, generation, response, brotli, refreshing)
        .await
}

fn is_public_page(path: &str) -> bool {
    PUBLIC_PAGES.contains(&path) || PUBLIC_PREFIXES.iter().any(|p| path.starts_with(p))
}

fn may_keep(headers: &HeaderMap) -> bool {
    let html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let private = headers
        .get_all(header::CACHE_CONTROL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.contains("no-store") || v.contains("private"));
    html && !private
        && !headers.contains_key(header::SET_COOKIE)
        && !headers.contains_key(header::CONTENT_ENCODING)
}

fn accepts_brotli(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            parts.next() == Some("br")
                && parts.all(|param| {
                    param
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                        .is_none_or(|q| q > 0.0)
                })
        })
}

fn compress(plain: &[u8]) -> Option<Bytes> {
    let mut writer = brotli::CompressorWriter::new(Vec::new(), 4096, BROTLI_QUALITY, BROTLI_WINDOW);
    writer.write_all(plain).ok()?;
    writer.flush().ok()?;
    Some(Bytes::from(writer.into_inner()))
}

/// The policy with its nonce replaced by the SHA-256 of each inline script and style carrying it.
/// `None` when the policy names a nonce the page does not use as expected.
fn policy_without_nonce(policy: &str, html: &str) -> Option<String> {
    let Some(nonce) = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
    else {
        return Some(policy.to_owned());
    };
    let nonce_source = format!("'nonce-{nonce}'");
    let scripts = inline_hashes(html, "script", nonce);
    let styles = inline_hashes(html, "style", nonce);
    let directives: Vec<String> = policy
        .split(';')
        .map(|directive| {
            let sources = match directive.split_whitespace().next() {
                Some("script-src") => &scripts,
                Some("style-src") => &styles,
                _ => return directive.to_owned(),
            };
            directive
                .split_whitespace()
                .flat_map(|source| {
                    if source == nonce_source {
                        sources.clone()
                    } else {
                        vec![source.to_owned()]
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let rewritten = directives
        .iter()
        .map(|d| d.trim())
        .collect::<Vec<_>>()
        .join("; ");
    (!rewritten.contains("'nonce-")).then_some(rewritten)
}

/// `'sha256-…'` sources for the inline `<tag nonce="…">…</tag>` elements of a page.
fn inline_hashes(html: &str, tag: &str, nonce: &str) -> Vec<String> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let nonce_attribute = format!("nonce=\"{nonce}\"");
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let attributes = &after[..tag_end];
        let inside = &after[tag_end + 1..];
        let Some(content_end) = inside.find(&close) else {
            break;
        };
        let content = &inside[..content_end];
        let element_name_ends =
            attributes.is_empty() || attributes.starts_with(char::is_whitespace);
        if element_name_ends && attributes.contains(&nonce_attribute) && !content.is_empty() {
            let hash = STANDARD.encode(Sha256::digest(content.as_bytes()));
            let source = format!("'sha256-{hash}'");
            if !hashes.contains(&source) {
                hashes.push(source);
            }
        }
        rest = &inside[content_end + close.len()..];
    }
    hashes
}

#[cfg(test)]
mod tests;
