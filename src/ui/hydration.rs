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

/// `(js, wasm, onDemand)`. Fields keep what was typed during the download, as hydration leaves their `value`
/// alone. A click on a button that works only with the WASM would be lost before hydration: pages a visitor
/// who is not signed in sees have none (their buttons submit forms), and one that needs them is marked
/// `data-hydrate="now"`.
#[cfg(feature = "ssr")]
const SCRIPT: &str = r#"(function (js, wasm, onDemand) {
  const hydrate = () => {
    const main = import(js);
    preloadChunks();
    return main.then((mod) => mod.default({ module_or_path: wasm }).then(() => mod.hydrate()));
  };
  // The lazy page's WASM chunks, listed by the server in one `<meta>`, fetched alongside the main module:
  // after it is asked for and at low priority, as on HTTP/1.1 some 80 of them would otherwise queue ahead of it.
  const preloadChunks = () => {
    const list = document.querySelector('meta[name="wasm-chunks"]');
    if (!list) return;
    const dir = js.slice(0, js.lastIndexOf("/") + 1);
    for (const file of list.content.split(" ").filter(Boolean)) {
      const link = document.createElement("link");
      if (file.endsWith(".js")) link.rel = "modulepreload";
      else Object.assign(link, { rel: "preload", as: "fetch", type: "application/wasm" });
      link.crossOrigin = "anonymous";
      link.fetchPriority = "low";
      link.href = dir + file;
      document.head.append(link);
    }
  };
  if (!onDemand || document.querySelector("[data-hydrate=now]")) {
    const whenIdle = () => ("requestIdleCallback" in window ? requestIdleCallback(hydrate, { timeout: 2000 }) : setTimeout(hydrate, 0));
    if (document.readyState === "complete") whenIdle(); else addEventListener("load", whenIdle, { once: true });
    return;
  }
  document.documentElement.dataset.hydration = "on-demand";
  const triggers = ["focusin", "pointerdown", "keydown"];
  const start = (ev) => {
    if (ev.type !== "keydown" && !(ev.target instanceof Element && ev.target.closest("input,select,textarea,button"))) return;
    triggers.forEach((type) => removeEventListener(type, start, true));
    hydrate();
  };
  triggers.forEach((type) => addEventListener(type, start, { capture: true, passive: true }));
})"#;

/// In the `<head>` of the shell, in place of `HydrationScripts`. `on_demand`: the visitor is not signed in
/// (no cookie but the language choice, the page cache's rule); the shell knows the request.
#[component]
pub fn DeferredHydration(options: LeptosOptions, on_demand: bool) -> impl IntoView {
    let bundle = bundle(&options);
    #[cfg(feature = "ssr")]
    if !on_demand && let Some(manifest) = &bundle.manifest {
        // The lazy routes' chunks, which `preload_lazy_chunks` lists. An anonymous visitor gets no manifest,
        // so a lazy public page loads no chunk before it is used.
        provide_context(manifest.clone());
    }
    let nonce = leptos::nonce::use_nonce();
    let script = if on_demand {
        bundle.script_on_demand.as_str()
    } else {
        bundle.script_when_idle.as_str()
    };
    view! { <script type="module" nonce=nonce>{script}</script> }
}

/// The site's stylesheet, in place of `leptos_meta`'s `HashedStylesheet`, which reads the hash file from disk
/// on every page (and panics when it cannot).
#[component]
pub fn BundleStylesheet(options: LeptosOptions) -> impl IntoView {
    let href = bundle(&options).stylesheet.as_str();
    view! { <link id="leptos" rel="stylesheet" href=href /> }
}

/// `/pkg/dnaker.<hash>.css`, for what the server answers outside Leptos (`server::error_page`).
#[cfg(feature = "ssr")]
pub fn stylesheet_href(options: &LeptosOptions) -> &'static str {
    bundle(options).stylesheet.as_str()
}

/// Lists the WASM chunks of the lazy page being rendered, so that a page rendered whole (`SsrMode::Async`)
/// has them fetched alongside the main module when it hydrates. Leptos does this itself after the render,
/// but looks up the chunk manifest and the `<head>` outside the page's reactive owner (`from_app` in
/// leptos_integration_utils 0.8.9), so it finds them only on some renders: twelve renders of `/bursa-kerja`
/// had 26 preloads three times and none nine times. Called from a lazy route's view (on the server, inside
/// the owner); it empties Leptos's list so nothing is listed twice. An anonymous visitor has no manifest
/// (see [`DeferredHydration`]) and gets none.
///
/// The list is one `<meta name="wasm-chunks">` of file names, which the hydration script turns into
/// low-priority preload links once it has asked for the main module. It used to be one `<link>` per chunk:
/// about 80 on a signed-in page, 11 KB of its 19 KB, each a `leptos_meta` component rendered and gzipped on
/// every request. The chunks are no longer fetched while the page itself loads (where they competed with the
/// stylesheet the page paints with).
#[cfg(feature = "ssr")]
pub fn preload_lazy_chunks() {
    let (Some(requested), Some(manifest)) = (
        use_context::<leptos::PrefetchLazyFn>(),
        use_context::<leptos::WasmSplitManifest>(),
    ) else {
        return;
    };
    let Some(keys) = requested
        .0
        .try_write_value()
        .map(|mut keys| keys.drain().collect::<Vec<_>>())
    else {
        return;
    };
    let Some(manifest) = manifest.0.try_read_value() else {
        return;
    };
    if let Some(content) = chunk_list(&keys, &manifest.1, &manifest.2) {
        // `to_html` registers a `leptos_meta` tag with the `<head>` and writes nothing into the page.
        _ = view! { <leptos_meta::Meta name="wasm-chunks" content /> }.to_html();
    }
}

/// `chunk_1.aa.wasm chunk_2.bb.wasm __wasm_split.dd.js`: the requested pages' chunks (each once) and the
/// split loader, or `None` when no requested page has a chunk. Names are cargo-leptos's file stems (letters,
/// digits, `-`, `_` and `.`: the hashes are base64url), so a space separates them.
#[cfg(feature = "ssr")]
fn chunk_list(
    keys: &[&str],
    chunks_of: &std::collections::HashMap<String, Vec<String>>,
    loader: &str,
) -> Option<String> {
    let mut seen = std::collections::HashSet::new();
    let mut list = String::new();
    for chunk in keys
        .iter()
        .flat_map(|key| chunks_of.get(*key).into_iter().flatten())
    {
        if seen.insert(chunk) {
            list.push_str(chunk);
            list.push_str(".wasm ");
        }
    }
    if list.is_empty() {
        return None;
    }
    list.push_str(loader);
    Some(list)
}

/// What the shell needs of this build's WASM bundle, read once: the hydration script (for either kind of
/// visitor) naming `/pkg/dnaker.<hash>.js` and `.wasm`, and the manifest of the lazy chunks. Leptos's
/// `HydrationScripts`, rendered per page before for the manifest alone, read the hash file from disk on
/// every signed-in page.
struct Bundle {
    script_on_demand: String,
    script_when_idle: String,
    /// `/pkg/dnaker.<hash>.css`.
    stylesheet: String,
    #[cfg(feature = "ssr")]
    manifest: Option<leptos::WasmSplitManifest>,
}

#[cfg(feature = "ssr")]
fn bundle(options: &LeptosOptions) -> &'static Bundle {
    static BUNDLE: std::sync::OnceLock<Bundle> = std::sync::OnceLock::new();
    BUNDLE.get_or_init(|| {
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
        let pkg = format!("/{}/{}", options.site_pkg_dir, options.output_name);
        let (js, wasm) = match (hash_of("js"), hash_of("wasm")) {
            (Some(js), Some(wasm)) => (format!("{pkg}{js}.js"), format!("{pkg}{wasm}.wasm")),
            // As Leptos names them without hashes (cargo-leptos sets LEPTOS_OUTPUT_NAME).
            _ if option_env!("LEPTOS_OUTPUT_NAME").is_some() => {
                (format!("{pkg}.js"), format!("{pkg}.wasm"))
            }
            _ => (format!("{pkg}.js"), format!("{pkg}_bg.wasm")),
        };
        // Named as `HydrationScripts` names them (leptos 0.8), so the same files are found.
        let manifest_file = hash_of("manifest").map_or_else(
            || "__wasm_split_manifest.json".to_owned(),
            |hash| format!("__wasm_split_manifest{hash}.json"),
        );
        let loader = hash_of("split").map_or_else(
            || "__wasm_split.______________________.js".to_owned(),
            |hash| format!("__wasm_split{hash}.js"),
        );
        let manifest_path = std::path::Path::new(options.site_root.as_ref())
            .join(options.site_pkg_dir.as_ref())
            .join(manifest_file);
        // No manifest without `--split` (debug builds): then there is nothing to preload.
        let manifest = std::fs::read_to_string(&manifest_path)
            .ok()
            .and_then(|text| {
                serde_json::from_str(&text)
                    .inspect_err(|error| {
                        // Leptos panics here; a page without preloads still works, so it is only logged.
                        tracing::warn!(%error, path = %manifest_path.display(), "unreadable WASM chunk manifest: no preloads");
                    })
                    .ok()
            })
            .map(|chunks| {
                leptos::WasmSplitManifest(ArcStoredValue::new((
                    format!("/{}", options.site_pkg_dir),
                    chunks,
                    loader,
                )))
            });
        let stylesheet = hash_of("css").map_or_else(
            || format!("{pkg}.css"),
            |hash| format!("{pkg}{hash}.css"),
        );
        Bundle {
            stylesheet,
            script_on_demand: format!("{SCRIPT}({js:?}, {wasm:?}, true);"),
            script_when_idle: format!("{SCRIPT}({js:?}, {wasm:?}, false);"),
            manifest,
        }
    })
}

#[cfg(not(feature = "ssr"))]
fn bundle(_options: &LeptosOptions) -> &'static Bundle {
    // Never rendered in the browser: the shell is rendered on the server only.
    static EMPTY: Bundle = Bundle {
        stylesheet: String::new(),
        script_on_demand: String::new(),
        script_when_idle: String::new(),
    };
    &EMPTY
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use std::collections::{HashMap, HashSet};

    use futures::StreamExt;
    use leptos::{PrefetchLazyFn, WasmSplitManifest, prelude::*};
    use leptos_meta::ServerMetaContext;

    use super::{chunk_list, preload_lazy_chunks};

    const PAGE: &str = "__fair_route_view_1";

    /// The `<head>` after a render in which `requested` lazy pages rendered, with `manifest` if given.
    async fn head_after(requested: &[&'static str], manifest: bool) -> (String, PrefetchLazyFn) {
        // leptos_meta waits a tick of Leptos's executor before it writes the `<head>`.
        _ = any_spawner::Executor::init_tokio();
        let owner = Owner::new();
        owner.set();
        let (meta, output) = ServerMetaContext::new();
        provide_context(meta);
        let prefetches = PrefetchLazyFn::default();
        *prefetches.0.write_value() = requested.iter().copied().collect::<HashSet<_>>();
        provide_context(prefetches.clone());
        if manifest {
            let chunks = HashMap::from([
                (
                    PAGE.to_owned(),
                    vec!["chunk_1.aa".to_owned(), "chunk_2.bb".to_owned()],
                ),
                (
                    "__other_route_view_1".to_owned(),
                    vec!["chunk_3.cc".to_owned()],
                ),
            ]);
            provide_context(WasmSplitManifest(ArcStoredValue::new((
                "/pkg".to_owned(),
                chunks,
                "__wasm_split.dd.js".to_owned(),
            ))));
        }
        preload_lazy_chunks();
        let page = futures::stream::once(async {
            "<!DOCTYPE html><html><head></head><body></body></html>".to_owned()
        });
        let head = output
            .inject_meta_context(Box::pin(page))
            .await
            .collect::<String>()
            .await;
        (head, prefetches)
    }

    #[tokio::test]
    async fn the_chunks_of_the_rendered_lazy_page_are_listed_once() {
        let (head, prefetches) = head_after(&[PAGE], true).await;
        assert_eq!(
            head.matches(r#"<meta name="wasm-chunks""#).count(),
            1,
            "one list: {head}"
        );
        assert!(
            head.contains(
                r#"<meta name="wasm-chunks" content="chunk_1.aa.wasm chunk_2.bb.wasm __wasm_split.dd.js">"#
            ),
            "only this page's chunks, then the loader: {head}"
        );
        assert!(!head.contains("<link"), "no link per chunk: {head}");
        // Leptos's own pass after the render finds nothing left to list again.
        assert!(prefetches.0.read_value().is_empty());
    }

    #[test]
    fn a_chunk_two_pages_share_is_listed_once_and_a_page_without_chunks_lists_nothing() {
        let chunks = HashMap::from([
            ("a".to_owned(), vec!["x.1".to_owned(), "y.2".to_owned()]),
            ("b".to_owned(), vec!["y.2".to_owned(), "z.3".to_owned()]),
        ]);
        assert_eq!(
            chunk_list(&["a", "b"], &chunks, "loader.js").as_deref(),
            Some("x.1.wasm y.2.wasm z.3.wasm loader.js")
        );
        assert_eq!(chunk_list(&["c"], &chunks, "loader.js"), None);
        assert_eq!(chunk_list(&[], &chunks, "loader.js"), None);
    }

    #[test]
    fn the_hydration_script_turns_the_list_into_low_priority_preloads_after_the_main_module() {
        let script = super::SCRIPT;
        let preload = script.find("preloadChunks();").expect("called");
        assert!(preload > script.find("= import(js)").expect("imports"));
        assert!(script.contains(r#"meta[name="wasm-chunks"]"#));
        assert!(script.contains(r#"link.fetchPriority = "low""#));
    }

    #[tokio::test]
    async fn without_the_manifest_of_an_anonymous_visitor_nothing_is_preloaded() {
        let (head, _) = head_after(&[PAGE], false).await;
        assert!(!head.contains("wasm-chunks"), "{head}");
    }
}
