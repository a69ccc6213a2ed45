//! Bahasa Indonesia first, English second.
//!
//! The texts live in `locales/id.json` and `locales/en.json`; `build.rs` turns them into the typed
//! [`Strings`] table, so a missing key fails the build. The chosen language is kept in a cookie and
//! rendered into `<html lang>`, from which the browser picks it up again at hydration.
use serde::{Deserialize, Serialize};

include!(concat!(env!("OUT_DIR"), "/strings.rs"));

// `Strings` must be exactly an array of its texts for `texts` below.
const _: () = assert!(
    std::mem::size_of::<Strings>() == std::mem::size_of::<[&str; KEY_COUNT]>()
        && std::mem::align_of::<Strings>() == std::mem::align_of::<[&str; KEY_COUNT]>()
);

impl Strings {
    /// Looks a key up by name (for keys carried in data, e.g. validation errors).
    pub fn lookup(&self, key: &str) -> Option<&'static str> {
        KEYS.binary_search(&key)
            .ok()
            .map(|index| self.texts()[index])
    }

    /// The texts in the order of [`KEYS`].
    fn texts(&self) -> &[&'static str; KEY_COUNT] {
        // SAFETY: `Strings` is `repr(C)` and all of its fields, one per key in the order of `KEYS`, are
        // `&'static str`: its layout is that of the array (same size and alignment, asserted above, and
        // no padding between fields of one type).
        unsafe { &*std::ptr::from_ref(self).cast::<[&'static str; KEY_COUNT]>() }
    }
}

/// Name of the cookie that remembers the language choice.
pub const LANG_COOKIE: &str = "dnaker_lang";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "id" | "id-id" | "in" => Some(Lang::Id),
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Id => &ID,
            Lang::En => &EN,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Id => Lang::En,
            Lang::En => Lang::Id,
        }
    }

    /// The language for a request: the remembered choice, else Indonesian.
    ///
    /// `Accept-Language` is deliberately not consulted: the portal is Indonesian first, and a
    /// browser set to English on a counter tablet should not surprise the citizen being served.
    pub fn from_cookie_header(cookie_header: Option<&str>) -> Lang {
        cookie_header
            .into_iter()
            .flat_map(|header| header.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == LANG_COOKIE)
            .and_then(|(_, value)| Lang::from_code(value))
            .unwrap_or_default()
    }
}

/// Replaces `{name}` placeholders in a translated template.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

/// A message key carrying values, `key|name=value|…`, for errors that must show a figure (the UMK, the
/// months of a contract cap). [`localize`] turns it back into text.
pub fn with_values(key: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(key.to_owned(), |text, (name, value)| {
        format!("{text}|{name}={}", value.replace('|', "/"))
    })
}

/// The text of a message key, plain or written by [`with_values`]; unknown keys read as a generic
/// validation message.
pub fn localize(strings: &Strings, message: &str) -> String {
    let mut parts = message.split('|');
    let key = parts.next().unwrap_or_default();
    let template = strings.lookup(key).unwrap_or(strings.err_validation);
    let values: Vec<(&str, &str)> = parts.filter_map(|p| p.split_once('=')).collect();
    fill(template, &values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_comes_from_the_cookie_and_defaults_to_indonesian() {
        assert_eq!(Lang::from_cookie_header(None), Lang::Id);
        assert_eq!(
            Lang::from_cookie_header(Some("a=1; dnaker_lang=en")),
            Lang::En
        );
        assert_eq!(Lang::from_cookie_header(Some("dnaker_lang=xx")), Lang::Id);
        assert_eq!(Lang::from_cookie_header(Some("other_lang=en")), Lang::Id);
    }

    #[test]
    fn the_two_languages_differ_and_fill_placeholders() {
        assert_ne!(ID.home_title, EN.home_title);
        assert_eq!(
            fill(
                "Rp {amount} / {unit}",
                &[("amount", "5"), ("unit", "bulan")]
            ),
            "Rp 5 / bulan"
        );
        assert_eq!(EN.lookup("err_not_found"), Some(EN.err_not_found));
        assert_eq!(EN.lookup("no_such_key"), None);
        let key = with_values(
            "err_below_umk_year",
            &[("year", "2026"), ("amount", "Rp 5.210.377")],
        );
        assert_eq!(key, "err_below_umk_year|year=2026|amount=Rp 5.210.377");
        let text = localize(&ID, &key);
        assert!(
            text.contains("2026") && text.contains("Rp 5.210.377"),
            "{text}"
        );
        assert_eq!(localize(&EN, "err_not_found"), EN.err_not_found);
        assert_eq!(localize(&EN, "no_such_key"), EN.err_validation);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn every_key_looks_up_its_own_text_in_both_languages() {
        for (strings, lang) in [(&ID, "id"), (&EN, "en")] {
            // The main file and every area file of the language (build.rs merges them the same way).
            let mut files = vec![format!("locales/{lang}.json")];
            for entry in std::fs::read_dir(format!("locales/{lang}")).expect("area locale folder") {
                files.push(entry.expect("entry").path().to_string_lossy().into_owned());
            }
            let mut texts = std::collections::BTreeMap::<String, String>::new();
            for file in &files {
                let text = std::fs::read_to_string(file).expect("locale file");
                let part: std::collections::BTreeMap<String, String> =
                    serde_json::from_str(&text).expect("flat JSON");
                texts.extend(part);
            }
            assert_eq!(texts.len(), KEY_COUNT);
            for (key, value) in &texts {
                assert_eq!(strings.lookup(key), Some(value.as_str()), "{lang}: {key}");
            }
        }
        assert_eq!(ID.lookup("site_name"), Some(ID.site_name));
        assert_eq!(EN.lookup("zzz"), None);
        assert_eq!(EN.lookup(""), None);
    }
}
