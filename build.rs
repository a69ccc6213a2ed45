//! Generates the typed translation table from `locales/id.json` and `locales/en.json`, plus one file per
//! feature area in `locales/id/` and `locales/en/` (`locales/id/complaints.json`, …), merged.
//!
//! Every key becomes a field of `Strings`, so a missing or misspelt key is a compile error in both the
//! server and the WASM build, and both files must carry exactly the same keys.
use std::{collections::BTreeMap, env, fs, path::Path};

fn load(path: &str) -> BTreeMap<String, String> {
    println!("cargo:rerun-if-changed={path}");
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{path} is not a flat JSON object of strings: {e}"))
}

/// The language's main file merged with every `locales/<lang>/*.json`; a key defined twice fails the build.
fn load_lang(lang: &str) -> BTreeMap<String, String> {
    let mut all = load(&format!("locales/{lang}.json"));
    let dir = format!("locales/{lang}");
    println!("cargo:rerun-if-changed={dir}");
    let mut files: Vec<String> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path().to_string_lossy().into_owned())
                .filter(|p| p.ends_with(".json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    for file in files {
        for (key, value) in load(&file) {
            assert!(
                !all.contains_key(&key),
                "translation key {key:?} in {file} is already defined"
            );
            all.insert(key, value);
        }
    }
    all
}

fn main() {
    let id = load_lang("id");
    let en = load_lang("en");
    let missing_en: Vec<_> = id.keys().filter(|k| !en.contains_key(*k)).collect();
    let missing_id: Vec<_> = en.keys().filter(|k| !id.contains_key(*k)).collect();
    assert!(
        missing_en.is_empty(),
        "keys missing from locales/en.json: {missing_en:?}"
    );
    assert!(
        missing_id.is_empty(),
        "keys missing from locales/id.json: {missing_id:?}"
    );
    for key in id.keys() {
        assert!(
            key.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "translation key {key:?} must be snake_case"
        );
    }

    // `repr(C)` with every field a `&'static str`: the table has the layout of an array of them, which
    // `lookup` indexes by the key's place in the sorted `KEYS` (a 1,000-arm string match cost 47 KB of WASM).
    let mut out = String::from(
        "/// Every user-facing string of the portal, in one language.\n#[derive(Debug)]\n#[repr(C)]\npub struct Strings {\n",
    );
    for key in id.keys() {
        out.push_str(&format!("    pub {key}: &'static str,\n"));
    }
    out.push_str("}\n\n");
    out.push_str(&format!(
        "const KEY_COUNT: usize = {};\n/// The keys, in the order of the fields (sorted).\nstatic KEYS: [&str; KEY_COUNT] = [\n",
        id.len()
    ));
    for key in id.keys() {
        out.push_str(&format!("    {key:?},\n"));
    }
    out.push_str("];\n\n");
    for (name, map) in [("ID", &id), ("EN", &en)] {
        out.push_str(&format!("pub static {name}: Strings = Strings {{\n"));
        for (key, value) in map.iter() {
            out.push_str(&format!("    {key}: {value:?},\n"));
        }
        out.push_str("};\n\n");
    }

    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("strings.rs");
    fs::write(dest, out).expect("write generated translations");
}
