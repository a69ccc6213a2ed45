//! The kept pages, with their brotli copies and hashed policies.
use std::{
    io::Write,
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    time::Duration,
};

use axum::{
    body::{Body, Bytes},
    extract::Request,
    http::{HeaderMap, HeaderValue, header},
    response::Response,
};
use moka::future::Cache;

use super::{
    csp::policy_without_nonce,
    first_render::{
        FirstRender, FirstRenderTurn, FirstRenders, WAIT_FOR_FIRST_RENDER, first_render_turn,
    },
    keys::{Key, may_keep, request_key},
};
use crate::server::clock::Clock;

/// Longer lifetimes are cut to this (a kept page is a few seconds' relief, not an archive).
const LONGEST_LIFETIME: Duration = Duration::from_secs(3600);
/// Memory for kept pages (each is kept plain and brotli-compressed).
const CACHE_BYTES: u64 = 64 * 1024 * 1024;
/// Of that, the pages whose address has a query string (searches): kept apart, so addresses a client
/// makes up (`/?x=1`, `/?x=2`, …) only ever evict one another, never the pages without a query.
pub(super) const VARIANT_BYTES: u64 = CACHE_BYTES / 4;
/// A larger page is sent but not kept.
const MAX_PAGE_BYTES: usize = 1024 * 1024;
/// Quality 4: within a few per cent of brotli's best size for a page, at a small fraction of its time.
/// About a millisecond per kept page, paid once per copy (pages not kept are gzipped per request).
const BROTLI_QUALITY: u32 = 4;
const BROTLI_WINDOW: u32 = 22;

pub(super) struct Page {
    pub(super) generation: u64,
    /// By the portal's clock, so a test moving it ages the copies.
    pub(super) stored_at_ms: i64,
    /// Set by the one request that renders the page again after its lifetime.
    pub(super) refreshing: AtomicBool,
    pub(super) headers: HeaderMap,
    pub(super) plain: Bytes,
    pub(super) brotli: Bytes,
}

/// What to do with a request for a page that may be kept.
pub(super) enum Lookup {
    Send(Arc<Page>),
    /// Render it; the stale copy this request is refreshing, if any.
    Render(Option<Arc<Page>>),
}

#[derive(Clone)]
pub struct PageCache {
    pub(super) pages: Option<Cache<Key, Arc<Page>>>,
    /// The pages with a query string (see [`VARIANT_BYTES`]).
    pub(super) variants: Option<Cache<Key, Arc<Page>>>,
    pub(super) lifetime_ms: i64,
    pub(super) generation: Arc<AtomicU64>,
    pub(super) first_renders: FirstRenders,
    pub(super) clock: Clock,
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

    pub(super) fn key(&self, request: &Request) -> Option<Key> {
        self.pages.as_ref()?;
        request_key(request)
    }

    /// Where a page is kept: apart when its address has a query string.
    pub(super) fn store_for(&self, key: &Key) -> Option<&Cache<Key, Arc<Page>>> {
        if key.path_and_query.contains('?') {
            self.variants.as_ref()
        } else {
            self.pages.as_ref()
        }
    }

    pub(super) async fn lookup(&self, key: &Key) -> Lookup {
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

    /// What to do once no copy was found: wait for a render already under way, then look again.
    pub(super) async fn lookup_after_first_render(
        &self,
        key: &Key,
    ) -> (Lookup, Option<FirstRender>) {
        match first_render_turn(&self.first_renders, key) {
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
    pub(super) async fn keep(
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

    pub(super) fn page(
        &self,
        generation: u64,
        mut headers: HeaderMap,
        plain: Bytes,
    ) -> Option<Page> {
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
    pub(super) fn response(&self, brotli: bool, kept: bool, now_ms: i64) -> Response {
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

fn compress(plain: &[u8]) -> Option<Bytes> {
    let mut writer = brotli::CompressorWriter::new(Vec::new(), 4096, BROTLI_QUALITY, BROTLI_WINDOW);
    writer.write_all(plain).ok()?;
    writer.flush().ok()?;
    Some(Bytes::from(writer.into_inner()))
}
