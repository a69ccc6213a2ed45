//! d'naker DIGI: the labour-services portal of Disnaker Kabupaten Tangerang.
//!
//! `core` and `ui` compile for the server and the browser; `server` holds the server-only
//! infrastructure; `features` has one folder per service area (see ARCHITECTURE.md). `wiring` and `cli`
//! are the server's composition root: the only server code that lists features.
#![recursion_limit = "256"]

pub mod app;
pub mod core;
pub mod features;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod cli;
#[cfg(feature = "ssr")]
pub mod server;
#[cfg(feature = "ssr")]
pub mod wiring;

#[cfg(all(test, feature = "ssr"))]
mod hostile_input;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Asynchronous: a lazy route (`cargo leptos build --split`) hydrates once its chunk has arrived.
    wasm_bindgen_futures::spawn_local(async {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(body) = document.body() else {
            return;
        };
        leptos::mount::hydrate_from_async(body, app::App)
            .await
            .forget();
        // A signal for end-to-end tests and support staff that the page is interactive.
        if let Some(html) = document.document_element() {
            let _ = html.set_attribute("data-hydrated", "true");
        }
    });
}
