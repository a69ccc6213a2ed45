//! One reactive owner per request, so no request finds another's Leptos context.
//!
//! Leptos keeps the current reactive owner in a thread-local. A page render makes its root owner with
//! `Owner::new_root`, which sets it as current and never puts the previous one back
//! (reactive_graph 0.2: `build_response` in leptos_integration_utils). While that page waits for its
//! data, the next request polled on the same worker thread found the page's owner current: the handler
//! for a file of `public/` (`/pwa.js`, asked for by every page) made its owner a child of it, took the
//! page's `ResponseOptions` and applied them to the file's response, emptying them. The page then went out
//! without the headers it had set: once in about twenty loads of a signed-in page in the end-to-end
//! journeys, without its Content-Security-Policy, so the browser refused its hydration script. A server
//! function could likewise see the page's `<head>` context and take itself for a render.
//!
//! [`isolate`] polls every request under its own empty root owner, and `Owner::with` restores the
//! previous owner after each poll, so whatever a render sets as current ends with that poll.
use std::{
    future::Future,
    pin::Pin,
    task::{Context, Poll},
};

use axum::{extract::Request, middleware::Next, response::Response};
use leptos::reactive::owner::Owner;

/// The outermost middleware: the request runs under an owner of its own, which holds no context.
pub async fn isolate(request: Request, next: Next) -> Response {
    Isolated {
        owner: new_root_owner(),
        future: Box::pin(next.run(request)),
    }
    .await
}

/// A root owner, without leaving it current on this thread (`Owner::new_root` sets it).
fn new_root_owner() -> Owner {
    let previous = Owner::current();
    let owner = Owner::new_root(None);
    match previous {
        Some(previous) => previous.set(),
        None => owner.clone().unset(),
    }
    owner
}

struct Isolated<F> {
    owner: Owner,
    future: Pin<Box<F>>,
}

impl<F: Future> Future for Isolated<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = &mut *self;
        this.owner.with(|| this.future.as_mut().poll(cx))
    }
}

#[cfg(test)]
mod tests {
    use leptos::prelude::{provide_context, use_context};

    use super::*;

    /// What a page render does: a root owner with context, left current on the thread.
    fn leaky_render() -> Owner {
        let page = Owner::new_root(None);
        provide_context(7_u8);
        page
    }

    #[test]
    fn a_poll_leaves_no_owner_behind() {
        let request = new_root_owner();
        assert!(Owner::current().is_none(), "making it sets nothing current");
        let page = request.with(leaky_render);
        assert!(
            Owner::current().is_none(),
            "the render's owner ended with it"
        );
        // Without the scope, the render's owner stays current and the next request sees its context.
        let leaked = leaky_render();
        assert_eq!(use_context::<u8>(), Some(7), "the leak this guards against");
        leaked.unset();
        drop(page);
    }

    #[tokio::test]
    async fn a_request_polled_after_a_leaky_render_finds_no_context() {
        // Two requests on one thread (tokio's test runtime is single-threaded): the first renders and
        // waits, the second looks for context meanwhile.
        let first = Isolated {
            owner: new_root_owner(),
            future: Box::pin(async {
                let _page = leaky_render();
                tokio::task::yield_now().await;
            }),
        };
        let second = Isolated {
            owner: new_root_owner(),
            future: Box::pin(async {
                tokio::task::yield_now().await;
                use_context::<u8>()
            }),
        };
        let ((), seen) = tokio::join!(first, second);
        assert_eq!(seen, None, "the second request saw the first one's context");
    }
}
