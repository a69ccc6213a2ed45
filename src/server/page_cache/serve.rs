//! The middleware serving kept pages, and the marker of changes that drop them.
use std::sync::{
    Arc,
    atomic::{AtomicBool, Ordering},
};

use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};

use super::{
    keys::accepts_brotli,
    store::{Lookup, PageCache},
};

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
