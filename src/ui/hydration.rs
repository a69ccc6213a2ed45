//! Loads the WASM that makes a server-rendered page interactive, once the page has loaded.
//!
//! Leptos's `HydrationScripts` preloads the JS and the 360 KB of WASM from the `<head>` (at low priority
//! with `defer`). On a slow phone network that download then shares the line with the HTML and CSS the
//! page paints with, and Lighthouse counts every request begun before the largest paint against that
//! paint. Here nothing is fetched before the `load` event: the page paints, stays usable (links, and
//! forms that post without JavaScript), and hydrates when the browser is next idle.
use leptos::prelude::*;

/// Starts the hydration after `load`, in the first idle moment (at most two seconds later).
const SCRIPT: &str = r#"(function (js, wasm) {
  const hydrate = () => import(js).then((mod) => mod.default({ module_or_path: wasm }).then(() => mod.hydrate()));
  const whenIdle = () => ("requestIdleCallback" in window ? requestIdleCallback(hydrate, { timeout: 2000 }) : setTimeout(hydrate, 0));
  if (document.readyState === "complete") whenIdle(); else addEventListener("load", whenIdle, { once: true });
})"#;

/// In the `<head>` of the shell, in place of `HydrationScripts`.
#[component]
pub fn DeferredHydration(options: LeptosOptions) -> impl IntoView {
    // Rendered for its side effect only: it gives the lazy routes the manifest of their WASM chunks.
    // Its preload links and script are dropped.
    let _ = view! { <HydrationScripts options=options.clone() defer=true /> };
    let (js, wasm) = bundle_paths(&options);
    let nonce = leptos::nonce::use_nonce();
    view! { <script type="module" nonce=nonce>{format!("{SCRIPT}({js:?}, {wasm:?});")}</script> }
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
