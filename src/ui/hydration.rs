//! Loads the WASM that makes a server-rendered page interactive, only once it is wanted.
//!
//! Leptos's `HydrationScripts` preloads the JS and the 360 KB of WASM from the `<head>` (at low priority
//! with `defer`). On a slow phone network that download then shares the line with the HTML and CSS the
//! page paints with, and Lighthouse counts every request begun before the largest paint against that
//! paint. Here nothing is fetched while the page loads; the page paints and stays usable without it
//! (links, the `<details>` menu, forms that post without JavaScript). Then:
//! - a visitor who is not signed in (no cookie but the language choice) gets the WASM when they first use a
//!   control: focus or press on a field or button, or any key. Reading vacancies and following links costs
//!   no WASM at all, which matters on the prepaid data plans most job seekers use;
//! - a signed-in person gets it after `load`, when the browser is next idle: their pages are forms and queues.
//!   So does a page that must run unattended (a booth screen refreshes itself): it marks an element
//!   `data-hydrate="now"` (the module script runs after the document is parsed, so it sees the mark).
use leptos::prelude::*;

/// `(js, wasm, onDemand)`. A script-only button clicked before hydration is clicked again once the page has
/// hydrated; fields keep what was typed, as hydration leaves their `value` alone.
const SCRIPT: &str = r#"(function (js, wasm, onDemand) {
  const html = document.documentElement;
  let started = false;
  let held = null;
  const hydrate = () => {
    if (started) return;
    started = true;
    import(js)
      .then((mod) => mod.default({ module_or_path: wasm }).then(() => mod.hydrate()))
      .then(() => held && held.click());
  };
  if (!onDemand || document.querySelector("[data-hydrate=now]")) {
    const whenIdle = () => ("requestIdleCallback" in window ? requestIdleCallback(hydrate, { timeout: 2000 }) : setTimeout(hydrate, 0));
    if (document.readyState === "complete") whenIdle(); else addEventListener("load", whenIdle, { once: true });
    return;
  }
  html.dataset.hydration = "on-demand";
  const triggers = ["focusin", "pointerdown", "keydown"];
  const start = (ev) => {
    if (ev.type !== "keydown" && !(ev.target instanceof Element && ev.target.closest("input,select,textarea,button"))) return;
    triggers.forEach((type) => removeEventListener(type, start, true));
    hydrate();
  };
  triggers.forEach((type) => addEventListener(type, start, { capture: true, passive: true }));
  addEventListener("click", (ev) => {
    const button = !html.dataset.hydrated && ev.target instanceof Element && ev.target.closest("button[type=button]");
    if (!button) return;
    ev.preventDefault();
    held = button;
    hydrate();
  }, true);
})"#;

/// In the `<head>` of the shell, in place of `HydrationScripts`.
#[component]
pub fn DeferredHydration(options: LeptosOptions) -> impl IntoView {
    let on_demand = visitor_is_anonymous();
    if !on_demand {
        // Rendered for its side effect only: it gives the lazy routes the manifest of their WASM chunks,
        // which Leptos then preloads. Its preload links and script are dropped. An anonymous visitor gets no
        // manifest, so a lazy public page loads no chunk before it is used.
        let _ = view! { <HydrationScripts options=options.clone() defer=true /> };
    }
    let (js, wasm) = bundle_paths(&options);
    let nonce = leptos::nonce::use_nonce();
    view! { <script type="module" nonce=nonce>{format!("{SCRIPT}({js:?}, {wasm:?}, {on_demand});")}</script> }
}

#[cfg(feature = "ssr")]
fn visitor_is_anonymous() -> bool {
    use_context::<http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get_all(http::header::COOKIE)
            .iter()
            .all(|value| {
                value
                    .to_str()
                    .is_ok_and(|value| crate::server::lang::only_language_cookie(Some(value)))
            })
    })
}

#[cfg(not(feature = "ssr"))]
fn visitor_is_anonymous() -> bool {
    false
}

/// `/pkg/dnaker.<hash>.js` and `.wasm`, the names cargo-leptos gave this build (read once).
#[cfg(feature = "ssr")]
fn bundle_paths(options: &LeptosOptions) -> (String, String) {
    static PATHS: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();
    PATHS
        .get_or_init(|| {
            let pkg = format!("/{}/{}", options.site_pkg_dir, options.output_name);
            let hashes = options
                .hash_files
                .then(|| {
                    let exe = std::env::current_exe().ok()?;
                    std::fs::read_to_string(exe.parent()?.join(options.hash_file.as_ref())).ok()
                })
                .flatten()
                .unwrap_or_default();
            let hash_of = |kind: &str| {
                hashes
                    .lines()
                    .filter_map(|line| line.trim().split_once(':'))
                    .find(|(file, _)| *file == kind)
                    .map(|(_, hash)| format!(".{}", hash.trim()))
            };
            match (hash_of("js"), hash_of("wasm")) {
                (Some(js), Some(wasm)) => (format!("{pkg}{js}.js"), format!("{pkg}{wasm}.wasm")),
                // As Leptos names them without hashes (cargo-leptos sets LEPTOS_OUTPUT_NAME).
                _ if option_env!("LEPTOS_OUTPUT_NAME").is_some() => {
                    (format!("{pkg}.js"), format!("{pkg}.wasm"))
                }
                _ => (format!("{pkg}.js"), format!("{pkg}_bg.wasm")),
            }
        })
        .clone()
}

#[cfg(not(feature = "ssr"))]
fn bundle_paths(_options: &LeptosOptions) -> (String, String) {
    (String::new(), String::new())
}
