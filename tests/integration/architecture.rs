//! The dependency rules of ARCHITECTURE.md, checked on the source: which module imports which.
//!
//! A module is a file under `src/` (`a/mod.rs` is module `a`). Every `use crate::…`, `use super::…`,
//! `use self::…` and every inline `crate::…`/`super::…` path counts as an import of the deepest module it
//! names. Test code (`tests.rs`, `#[cfg(test)] mod … { … }`) is left out: tests may reach anywhere.
use std::{
    collections::{BTreeMap, BTreeSet},
    path::{Path, PathBuf},
};

type Module = Vec<String>;

/// Files allowed over the length limit, each with the reason.
const LONG_FILES: &[(&str, &str)] = &[(
    "core/regions_data.rs",
    "generated from data/regions by tools/gen_reference_sql.py",
)];
const LINE_LIMIT: usize = 450;

struct Graph {
    files: BTreeMap<Module, PathBuf>,
    edges: BTreeMap<Module, BTreeSet<Module>>,
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn module_of(path: &Path) -> Module {
    let relative = path.strip_prefix(src_dir()).expect("under src");
    let mut parts: Module = relative
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    if parts == ["lib"] || parts == ["main"] {
        parts.clear();
    }
    parts
}

fn is_test_file(module: &Module) -> bool {
    module.iter().any(|p| p == "tests")
}

/// The source without comments and without `#[cfg(test)] mod name { … }` blocks.
fn production_code(source: &str) -> String {
    let without_comments: String = source
        .lines()
        .map(|line| match line.find("//") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = String::new();
    let mut rest = without_comments.as_str();
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "#[cfg(test)]".len()..];
        let trimmed = after.trim_start();
        if trimmed.starts_with("mod ")
            && trimmed.split('{').next().is_some_and(|h| !h.contains(';'))
        {
            let open = after.find('{').expect("a block");
            let mut depth = 0usize;
            let mut end = after.len();
            for (i, ch) in after[open..].char_indices() {
                match ch {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = open + i + 1;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            rest = &after[end..];
        } else {
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// `a::{b, c::{d, e}}` → [[a, b], [a, c, d], [a, c, e]].
fn expand_use(tree: &str) -> Vec<Vec<String>> {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head: Vec<String> = tree[..open]
            .split("::")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let mut parts = Vec::new();
        let (mut depth, mut start) = (0usize, 0usize);
        for (i, ch) in inner.char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(&inner[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        parts.push(&inner[start..]);
        parts
            .into_iter()
            .filter(|p| !p.trim().is_empty())
            .flat_map(|p| {
                expand_use(p).into_iter().map(|tail| {
                    let mut path = head.clone();
                    path.extend(tail);
                    path
                })
            })
            .collect()
    } else {
        let path = tree.split(" as ").next().unwrap_or(tree);
        vec![
            path.split("::")
                .map(str::trim)
                .filter(|s| !s.is_empty() && *s != "*")
                .map(str::to_owned)
                .collect(),
        ]
    }
}

/// The absolute module path of `path` written in `module` (`crate::`, `super::`, `self::` resolved).
fn absolute(module: &Module, path: &[String]) -> Option<Module> {
    let (first, rest) = path.split_first()?;
    let mut base: Module = match first.as_str() {
        "crate" => Vec::new(),
        "self" => module.clone(),
        "super" => module[..module.len().saturating_sub(1)].to_vec(),
        _ => return None,
    };
    let mut rest = rest;
    while let Some((head, tail)) = rest.split_first() {
        if head != "super" {
            break;
        }
        base.pop();
        rest = tail;
    }
    base.extend(rest.iter().cloned());
    Some(base)
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every path this source names, as written (`crate::a::b`, `super::c`).
fn named_paths(code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    // `use` items, groups expanded.
    for item in code.split(';') {
        let Some(at) = item.find("use ") else {
            continue;
        };
        if at > 0 && item[..at].chars().last().is_some_and(is_ident_char) {
            continue;
        }
        let tree = item[at + 4..].trim();
        if ["crate::", "super::", "self::"]
            .iter()
            .any(|p| tree.starts_with(p))
        {
            paths.extend(expand_use(tree));
        }
    }
    // Inline paths.
    for keyword in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(found) = code[from..].find(keyword) {
            let start = from + found;
            from = start + keyword.len();
            // `a::crate::` is not a path start, nor the second `super::` of `super::super::`.
            if start > 0
                && code[..start]
                    .chars()
                    .last()
                    .is_some_and(|c| is_ident_char(c) || c == ':')
            {
                continue;
            }
            let end = code[start..]
                .find(|c: char| !(is_ident_char(c) || c == ':'))
                .map_or(code.len(), |e| start + e);
            let path: Vec<String> = code[start..end]
                .split("::")
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            // `crate::{…}` alone names no module; the `use` reader expands the group.
            if path.len() > 1 {
                paths.push(path);
            }
        }
    }
    paths
}

fn graph() -> Graph {
    let mut paths = Vec::new();
    rust_files(&src_dir(), &mut paths);
    let files: BTreeMap<Module, PathBuf> = paths.into_iter().map(|p| (module_of(&p), p)).collect();
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (module, path) in &files {
        if is_test_file(module) {
            continue;
        }
        let source = std::fs::read_to_string(path).expect("source is readable");
        for named in named_paths(&production_code(&source)) {
            let Some(target) = absolute(module, &named) else {
                continue;
            };
            // The deepest module the path names.
            let Some(target) = (0..=target.len())
                .rev()
                .map(|n| target[..n].to_vec())
                .find(|m| files.contains_key(m))
            else {
                continue;
            };
            if &target != module && !is_test_file(&target) {
                edges.entry(module.clone()).or_default().insert(target);
            }
        }
    }
    Graph { files, edges }
}

fn name(module: &Module) -> String {
    if module.is_empty() {
        "crate".into()
    } else {
        module.join("::")
    }
}

fn in_layer(module: &Module, layer: &str) -> bool {
    module.first().is_some_and(|m| m == layer)
}

#[test]
fn the_import_reader_understands_groups_super_and_inline_paths() {
    let code = production_code(
        "use crate::{core::error::AppError, features::ak1::{model::X, repo}};\n\
         use super::super::views;\n\
         fn f() { crate::server::audit::record(); } // crate::ui::never\n\
         #[cfg(test)]\nmod tests { use crate::features::pkwt::service; }\n",
    );
    let module: Module = vec!["features".into(), "fairs".into(), "company".into()];
    let found: BTreeSet<String> = named_paths(&code)
        .iter()
        .filter_map(|p| absolute(&module, p))
        .map(|m| name(&m))
        .collect();
    let expected: BTreeSet<String> = [
        "core::error::AppError",
        "features::ak1::model::X",
        "features::ak1::repo",
        "features::views",
        "server::audit::record",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    assert_eq!(found, expected);
}

#[test]
fn core_server_and_ui_import_no_feature() {
    let graph = graph();
    let wrong: Vec<String> = graph
        .edges
        .iter()
        .filter(|(from, _)| ["core", "server", "ui"].iter().any(|l| in_layer(from, l)))
        .flat_map(|(from, to)| {
            to.iter()
                .filter(|t| in_layer(t, "features"))
                .map(move |t| format!("{} -> {}", name(from), name(t)))
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "only app.rs, wiring.rs and cli.rs list features:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn core_imports_nothing_but_core() {
    let graph = graph();
    let wrong: Vec<String> = graph
        .edges
        .iter()
        .filter(|(from, _)| in_layer(from, "core"))
        .flat_map(|(from, to)| {
            to.iter()
                .filter(|t| !in_layer(t, "core") && !t.is_empty())
                .map(move |t| format!("{} -> {}", name(from), name(t)))
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "core is shared by everything:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn a_feature_never_reads_another_features_repository() {
    let graph = graph();
    let wrong: Vec<String> = graph
        .edges
        .iter()
        .filter(|(from, _)| in_layer(from, "features") && from.len() > 1)
        .flat_map(|(from, to)| {
            to.iter()
                .filter(|t| {
                    in_layer(t, "features") && t.len() > 2 && t[1] != from[1] && t[2] == "repo"
                })
                .map(move |t| format!("{} -> {}", name(from), name(t)))
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "use the other feature's api, model or service:\n{}",
        wrong.join("\n")
    );
}

/// Strongly connected components of more than one module (Tarjan, iterative enough for this size).
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    struct Walk<'g> {
        graph: &'g Graph,
        index: BTreeMap<&'g Module, usize>,
        low: BTreeMap<&'g Module, usize>,
        stack: Vec<&'g Module>,
        on_stack: BTreeSet<&'g Module>,
        found: Vec<Vec<String>>,
    }
    fn visit<'g>(walk: &mut Walk<'g>, v: &'g Module) {
        let n = walk.index.len();
        walk.index.insert(v, n);
        walk.low.insert(v, n);
        walk.stack.push(v);
        walk.on_stack.insert(v);
        for w in walk.graph.edges.get(v).into_iter().flatten() {
            if !walk.index.contains_key(w) {
                visit(walk, w);
                let low = walk.low[v].min(walk.low[w]);
                walk.low.insert(v, low);
            } else if walk.on_stack.contains(w) {
                let low = walk.low[v].min(walk.index[w]);
                walk.low.insert(v, low);
            }
        }
        if walk.low[v] == walk.index[v] {
            let mut component = Vec::new();
            while let Some(w) = walk.stack.pop() {
                walk.on_stack.remove(w);
                component.push(name(w));
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                walk.found.push(component);
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for module in graph.files.keys() {
        if !walk.index.contains_key(module) {
            visit(&mut walk, module);
        }
    }
    walk.found
}

#[test]
fn no_module_imports_a_module_that_imports_it_back() {
    let graph = graph();
    // A module's own folder re-exporting it (`mod.rs` → child → `super::`) is the one allowed loop shape:
    // a parent naming its child is how Rust declares modules, not a dependency.
    let mut graph = graph;
    for (from, to) in graph.edges.iter_mut() {
        to.retain(|t| !(t.len() > from.len() && t.starts_with(from)));
    }
    let found = cycles(&graph);
    let listed: Vec<String> = found.iter().map(|c| c.join(" ⇄ ")).collect();
    assert!(listed.is_empty(), "import cycles:\n{}", listed.join("\n"));
}

#[test]
fn source_files_stay_short() {
    let graph = graph();
    let long: Vec<String> = graph
        .files
        .iter()
        .filter(|(module, _)| !is_test_file(module))
        .filter_map(|(_, path)| {
            let relative = path
                .strip_prefix(src_dir())
                .ok()?
                .to_string_lossy()
                .into_owned();
            let source = std::fs::read_to_string(path).ok()?;
            let lines = production_code(&source).lines().count();
            (lines > LINE_LIMIT && !LONG_FILES.iter().any(|(f, _)| *f == relative))
                .then(|| format!("{relative}: {lines} lines"))
        })
        .collect();
    assert!(
        long.is_empty(),
        "split these files (limit {LINE_LIMIT}, tests apart):\n{}",
        long.join("\n")
    );
}
