//! The catalogue's filters, which live in the URL (`/pelatihan?q=…&kecamatan=…`) as the vacancy search's
//! do: read from the query string, cleaned (nothing typed there reaches SQL unchecked), written back.
use serde::{Deserialize, Serialize};

use super::{FORMATS, PROVIDER_KINDS};

pub const CATALOGUE_PAGE_SIZE: i64 = 20;
pub const CATALOGUE_MAX_PAGE: i64 = 100;
const MAX_TEXT_CHARS: usize = 100;

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct CatalogueQuery {
    pub text: String,
    pub district_code: Option<String>,
    /// A KBJI sub-major group (two digits).
    pub occupation: Option<String>,
    pub format: Option<String>,
    pub provider_kind: Option<String>,
    pub free_only: bool,
    /// 1-based.
    pub page: i64,
}

const TEXT: &str = "q";
const DISTRICT: &str = "kecamatan";
const OCCUPATION: &str = "jabatan";
const FORMAT: &str = "bentuk";
const PROVIDER: &str = "penyelenggara";
const FREE: &str = "gratis";
const PAGE: &str = "hal";

fn district_like(value: &str) -> Option<String> {
    let value = value.trim();
    ((2..=13).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
        .then(|| value.to_owned())
}

impl CatalogueQuery {
    /// From `(name, value)` pairs; values that do not look right are dropped, not refused.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> CatalogueQuery {
        let mut query = CatalogueQuery {
            page: 1,
            ..CatalogueQuery::default()
        };
        for (name, value) in pairs {
            match name {
                TEXT => {
                    query.text = value
                        .chars()
                        .take(MAX_TEXT_CHARS)
                        .collect::<String>()
                        .trim()
                        .to_owned();
                }
                DISTRICT => query.district_code = district_like(value),
                OCCUPATION => {
                    query.occupation = Some(value.trim().to_owned())
                        .filter(|v| v.len() == 2 && v.bytes().all(|b| b.is_ascii_digit()));
                }
                FORMAT => {
                    query.format = Some(value.to_owned()).filter(|v| FORMATS.contains(&v.as_str()));
                }
                PROVIDER => {
                    query.provider_kind =
                        Some(value.to_owned()).filter(|v| PROVIDER_KINDS.contains(&v.as_str()));
                }
                FREE => query.free_only = value == "1",
                PAGE => query.page = value.parse().unwrap_or(1).clamp(1, CATALOGUE_MAX_PAGE),
                _ => {}
            }
        }
        query
    }

    fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.text.is_empty() {
            pairs.push((TEXT, self.text.clone()));
        }
        for (name, value) in [
            (DISTRICT, &self.district_code),
            (OCCUPATION, &self.occupation),
            (FORMAT, &self.format),
            (PROVIDER, &self.provider_kind),
        ] {
            if let Some(value) = value {
                pairs.push((name, value.clone()));
            }
        }
        if self.free_only {
            pairs.push((FREE, "1".into()));
        }
        if self.page > 1 {
            pairs.push((PAGE, self.page.to_string()));
        }
        pairs
    }

    /// The query string (without `?`).
    pub fn to_query_string(&self) -> String {
        self.pairs()
            .into_iter()
            .map(|(name, value)| format!("{name}={}", encode(&value)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// This query under the rules of a link's query string (the server cleans what a POST sends).
    pub fn cleaned(&self) -> CatalogueQuery {
        let pairs = self.pairs();
        let mut query = CatalogueQuery::from_pairs(pairs.iter().map(|(n, v)| (*n, v.as_str())));
        query.page = self.page.clamp(1, CATALOGUE_MAX_PAGE);
        query
    }

    pub fn with_page(&self, page: i64) -> CatalogueQuery {
        CatalogueQuery {
            page,
            ..self.clone()
        }
    }
}

fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(byte as char);
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}
