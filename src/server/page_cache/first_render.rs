//! The single-flight first render of a page that has no copy.
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};

use tokio::sync::watch;

use super::keys::Key;

/// How long a request waits for another one's first render of the same page before rendering it too.
pub(super) const WAIT_FOR_FIRST_RENDER: Duration = Duration::from_secs(5);

/// The pages being rendered for the first time; the receivers wake when the render ends, kept or not.
pub(super) type FirstRenders = Arc<Mutex<HashMap<Key, watch::Receiver<()>>>>;

/// Held by the request rendering a page that has no copy; dropping it (done, failed or cancelled) wakes
/// the requests waiting for that page.
pub(super) struct FirstRender {
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
pub(super) enum FirstRenderTurn {
    Render(FirstRender),
    Wait(watch::Receiver<()>),
}

/// The first request for a page with no copy renders it; the others wait for that render.
pub(super) fn first_render_turn(
    first_renders: &FirstRenders,
    key: &Key,
) -> Option<FirstRenderTurn> {
    let mut renders = first_renders.lock().ok()?;
    if let Some(done) = renders.get(key) {
        return Some(FirstRenderTurn::Wait(done.clone()));
    }
    let (done, waiting) = watch::channel(());
    renders.insert(key.clone(), waiting);
    Some(FirstRenderTurn::Render(FirstRender {
        renders: first_renders.clone(),
        key: key.clone(),
        _done: done,
    }))
}
