//! Regulations, rights explainers and procedures as edited content: the shared types, the editor's form
//! with its `check()` (browser and server), the bounded search, and the paragraph comparison of versions.
use serde::{Deserialize, Serialize};

use crate::core::{calendar::parse_date, error::FieldErrors, local_path::local_path};

/// The topics people follow (the database's CHECK lists the same).
pub const CATEGORIES: [&str; 7] = [
    "placement",
    "wages",
    "contracts",
    "foreign_workers",
    "safety",
    "relations",
    "rights",
];
pub const KINDS: [&str; 3] = ["regulation", "explainer", "procedure"];
/// A search is cut to this many characters before it reaches the database.
pub const MAX_QUERY: usize = 100;
pub const MAX_BODY: usize = 20_000;

/// The editor's form: a new regulation (empty `regulation_id`) or a new version of one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegulationForm {
    pub regulation_id: String,
    /// The version the editor started from (a concurrent edit in between is a conflict).
    pub base_version: String,
    pub category: String,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub title_en: String,
    pub body_en: String,
    pub link: String,
    pub change_note: String,
    pub effective_on: String,
}

fn length(errors: &mut FieldErrors, field: &str, value: &str, min: usize, max: usize) {
    let n = value.trim().chars().count();
    if n < min || n > max {
        errors.add(field, "regulation_err_length");
    }
}

impl RegulationForm {
    pub fn is_new(&self) -> bool {
        self.regulation_id.trim().is_empty()
    }

    pub fn check(&self) -> FieldErrors {
        let mut errors = FieldErrors::new();
        if !CATEGORIES.contains(&self.category.as_str()) {
            errors.add("category", "regulation_err_category");
        }
        if !KINDS.contains(&self.kind.as_str()) {
            errors.add("kind", "regulation_err_kind");
        }
        length(&mut errors, "title", &self.title, 5, 200);
        length(&mut errors, "body", &self.body, 10, MAX_BODY);
        length(&mut errors, "title_en", &self.title_en, 0, 200);
        length(&mut errors, "body_en", &self.body_en, 0, MAX_BODY);
        let link = self.link.trim();
        if !link.is_empty() && (link.len() > 200 || local_path(link).is_none()) {
            errors.add("link", "regulation_err_link");
        }
        if !self.is_new() {
            length(&mut errors, "change_note", &self.change_note, 5, 500);
        }
        if parse_date(self.effective_on.trim()).is_none() {
            errors.add("effective_on", "regulation_err_date");
        }
        errors
    }
}

/// The search as typed, bounded: trimmed, without control characters, at most `MAX_QUERY` characters.
pub fn bounded_query(raw: &str) -> String {
    crate::core::text::bounded_search(raw, MAX_QUERY)
}

/// Paragraphs of `text` (blank lines or line breaks separate them).
pub fn paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The paragraphs of `this` marked `true` where the `other` version has no such paragraph: what changed.
pub fn marked_paragraphs(this: &str, other: &str) -> Vec<(String, bool)> {
    let theirs = paragraphs(other);
    paragraphs(this)
        .into_iter()
        .map(|p| {
            let changed = !theirs.contains(&p);
            (p, changed)
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegulationSummary {
    pub id: i64,
    pub category: String,
    pub kind: String,
    pub title: String,
    pub excerpt: String,
    pub effective_on: String,
    pub version: i64,
    /// In force today (else it takes effect on `effective_on`).
    pub in_force: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegulationList {
    pub items: Vec<RegulationSummary>,
    /// The categories the asker follows; `None` for visitors (following needs an account).
    pub followed: Option<Vec<String>>,
    pub can_edit: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionView {
    pub version: i64,
    pub title: String,
    pub body: String,
    pub link: String,
    pub change_note: String,
    pub effective_on: String,
    pub published: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegulationDetail {
    pub id: i64,
    pub category: String,
    pub kind: String,
    pub current: VersionView,
    /// Every version, newest first.
    pub versions: Vec<VersionView>,
    pub in_force: bool,
    pub can_edit: bool,
    /// The editor's starting point (staff only).
    pub form: Option<RegulationForm>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> RegulationForm {
        RegulationForm {
            category: "wages".into(),
            kind: "regulation".into(),
            title: "UMK Kabupaten Tangerang 2027".into(),
            body: "UMK 2027: Rp5.500.000 sebulan.".into(),
            effective_on: "2027-01-01".into(),
            ..RegulationForm::default()
        }
    }

    #[test]
    fn a_new_regulation_needs_no_change_note_but_a_new_version_does() {
        assert!(valid().check().is_empty());
        let edit = RegulationForm {
            regulation_id: "3".into(),
            ..valid()
        };
        assert_eq!(
            edit.check().get("change_note"),
            Some("regulation_err_length")
        );
    }

    #[test]
    fn hostile_input_is_refused_field_by_field() {
        let bad = RegulationForm {
            category: "x".into(),
            kind: "law".into(),
            title: "ab".into(),
            body: "x".repeat(MAX_BODY + 1),
            link: "https://evil.example".into(),
            effective_on: "2027-02-30".into(),
            ..RegulationForm::default()
        };
        let errors = bad.check();
        for field in ["category", "kind", "title", "body", "link", "effective_on"] {
            assert!(errors.get(field).is_some(), "{field}");
        }
    }

    #[test]
    fn search_is_bounded_and_literal() {
        assert_eq!(bounded_query(&"a".repeat(500)).len(), MAX_QUERY);
    }

    #[test]
    fn changed_paragraphs_are_marked() {
        let old = "Pasal 1\nUMK Rp5.210.377\nBerlaku 2026";
        let new = "Pasal 1\nUMK Rp5.500.000\nBerlaku 2027";
        assert_eq!(
            marked_paragraphs(new, old),
            vec![
                ("Pasal 1".to_owned(), false),
                ("UMK Rp5.500.000".to_owned(), true),
                ("Berlaku 2027".to_owned(), true),
            ]
        );
    }
}
