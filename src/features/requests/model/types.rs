//! Request types as reference data: each type's form fields (a small typed schema), required documents,
//! who decides, its clocks and the document it issues; the admin's form for a type, and the check of a
//! filing against its type (the same code in the browser and on the server).
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::error::FieldErrors;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    LongText,
    Date,
    Time,
    Number,
    YesNo,
    Choice,
    /// A worker's NIK: stored encrypted with a keyed hash, never in the request's data.
    Nik,
}

pub const FIELD_KINDS: [(&str, FieldKind); 8] = [
    ("text", FieldKind::Text),
    ("long_text", FieldKind::LongText),
    ("date", FieldKind::Date),
    ("time", FieldKind::Time),
    ("number", FieldKind::Number),
    ("yes_no", FieldKind::YesNo),
    ("choice", FieldKind::Choice),
    ("nik", FieldKind::Nik),
];

impl FieldKind {
    pub fn as_str(self) -> &'static str {
        FIELD_KINDS
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("text", |(s, _)| s)
    }

    pub fn parse(s: &str) -> Option<FieldKind> {
        FIELD_KINDS
            .iter()
            .find(|(name, _)| *name == s)
            .map(|(_, k)| *k)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSpec {
    pub key: String,
    pub kind: FieldKind,
    pub required: bool,
    pub label_id: String,
    pub label_en: String,
    #[serde(default)]
    pub options: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocSpec {
    pub key: String,
    pub required: bool,
    pub label_id: String,
    pub label_en: String,
}

/// Who acts on a filing: an officer decides; a notice gets its receipt at once; a tracked record is
/// registered at once and its stages follow.
pub const DECIDERS: [&str; 3] = ["officer", "receipt", "record"];
/// The status a positive decision gives.
pub const ISSUED_STATUSES: [&str; 2] = ["approved", "registered"];
/// Type rules with checks of their own beyond the schema (admin-added types are "generic").
pub const RULES: [&str; 10] = [
    "generic",
    "pp",
    "pkb",
    "pkb_extension",
    "strike",
    "lockout",
    "phk",
    "overtime",
    "mass_leave",
    "tka_permit",
];
/// Lock-outs are not allowed in these services: companies serving the public interest or whose work
/// endangers human life — hospitals, clean water, telecommunications control, power, oil and gas
/// processing, railways (UU 13/2003 Ps 147).
pub const ESSENTIAL_SECTORS: [&str; 6] = [
    "rumah_sakit",
    "air_bersih",
    "telekomunikasi",
    "listrik",
    "migas",
    "kereta_api",
];

/// A request type as the pages and the engine read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestType {
    pub id: i64,
    pub key: String,
    pub name_id: String,
    pub name_en: String,
    pub legal_basis: String,
    pub rule: String,
    pub decider: String,
    pub decision_working_days: i64,
    pub correction_working_days: i64,
    pub issued_status: String,
    pub document_title: String,
    pub validity_months: i64,
    pub deemed_approval: bool,
    pub fields: Vec<FieldSpec>,
    pub documents: Vec<DocSpec>,
    pub active: bool,
}

impl RequestType {
    pub fn name(&self, english: bool) -> &str {
        if english {
            &self.name_en
        } else {
            &self.name_id
        }
    }
}

/// The admin's form for a type. `fields` has one line per field: `key | kind | wajib/opsional | label
/// (id) | label (en) | options,comma,separated`; `documents` one per document: `key | wajib/opsional |
/// label (id) | label (en)`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TypeForm {
    pub key: String,
    pub name_id: String,
    pub name_en: String,
    pub legal_basis: String,
    pub decider: String,
    pub decision_working_days: String,
    pub correction_working_days: String,
    pub issued_status: String,
    pub document_title: String,
    pub validity_months: String,
    pub deemed_approval: Option<String>,
    pub active: Option<String>,
    pub fields: String,
    pub documents: String,
}

/// A checked type form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedType {
    pub key: String,
    pub name_id: String,
    pub name_en: String,
    pub legal_basis: String,
    pub decider: String,
    pub decision_working_days: i64,
    pub correction_working_days: i64,
    pub issued_status: String,
    pub document_title: String,
    pub validity_months: i64,
    pub deemed_approval: bool,
    pub active: bool,
    pub fields: Vec<FieldSpec>,
    pub documents: Vec<DocSpec>,
}

fn checked(value: &Option<String>) -> bool {
    value
        .as_deref()
        .is_some_and(|v| !v.is_empty() && v != "off" && v != "false" && v != "0")
}

fn key_ok(key: &str) -> bool {
    (2..=40).contains(&key.len())
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn text(errors: &mut FieldErrors, field: &str, value: &str, max: usize) -> String {
    let value = value.trim();
    if value.is_empty() || value.chars().count() > max {
        errors.add(field, "err_text_length");
    }
    value.to_owned()
}

fn number(errors: &mut FieldErrors, field: &str, value: &str, max: i64) -> i64 {
    match value.trim().parse::<i64>() {
        Ok(n) if (0..=max).contains(&n) => n,
        _ => {
            errors.add(field, "requests_err_number");
            0
        }
    }
}

fn required_word(word: &str) -> Option<bool> {
    match word.trim().to_lowercase().as_str() {
        "wajib" | "required" | "ya" | "yes" => Some(true),
        "opsional" | "optional" | "tidak" | "no" => Some(false),
        _ => None,
    }
}

/// At most this many fields and documents a type.
pub const MAX_FIELDS: usize = 20;

/// Parses the field lines; `None` on the first bad line.
pub fn parse_fields(lines: &str) -> Option<Vec<FieldSpec>> {
    let specs: Option<Vec<FieldSpec>> = lines
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(MAX_FIELDS + 1)
        .map(|line| {
            let parts: Vec<&str> = line.split('|').map(str::trim).collect();
            let (key, kind, required, label_id, label_en) = (
                parts.first()?,
                parts.get(1)?,
                parts.get(2)?,
                parts.get(3)?,
                parts.get(4)?,
            );
            let options: Vec<String> = parts
                .get(5)
                .map(|o| {
                    o.split(',')
                        .map(|s| s.trim().to_owned())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default();
            let kind = FieldKind::parse(kind)?;
            let ok = key_ok(key)
                && !label_id.is_empty()
                && !label_en.is_empty()
                && label_id.len() <= 120
                && label_en.len() <= 120
                && (kind != FieldKind::Choice || !options.is_empty());
            let required = required_word(required)?;
            ok.then(|| FieldSpec {
                key: (*key).to_owned(),
                kind,
                required,
                label_id: (*label_id).to_owned(),
                label_en: (*label_en).to_owned(),
                options,
            })
        })
        .collect();
    specs.filter(|s| s.len() <= MAX_FIELDS && unique(s.iter().map(|f| f.key.as_str())))
}

/// Parses the document lines; `None` on the first bad line.
pub fn parse_documents(lines: &str) -> Option<Vec<DocSpec>> {
    let specs: Option<Vec<DocSpec>> = lines
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(MAX_FIELDS + 1)
        .map(|line| {
            let parts: Vec<&str> = line.split('|').map(str::trim).collect();
            let (key, required, label_id, label_en) =
                (parts.first()?, parts.get(1)?, parts.get(2)?, parts.get(3)?);
            (key_ok(key) && !label_id.is_empty() && !label_en.is_empty() && label_id.len() <= 120)
                .then(|| {
                    Some(DocSpec {
                        key: (*key).to_owned(),
                        required: required_word(required)?,
                        label_id: (*label_id).to_owned(),
                        label_en: (*label_en).to_owned(),
                    })
                })
                .flatten()
        })
        .collect();
    specs.filter(|s| s.len() <= MAX_FIELDS && unique(s.iter().map(|d| d.key.as_str())))
}

fn unique<'a>(keys: impl Iterator<Item = &'a str>) -> bool {
    let mut seen = std::collections::BTreeSet::new();
    keys.into_iter().all(|k| seen.insert(k))
}

/// The lines of a type's fields, for editing.
pub fn fields_text(fields: &[FieldSpec]) -> String {
    fields
        .iter()
        .map(|f| {
            let required = if f.required { "wajib" } else { "opsional" };
            let mut line = format!(
                "{} | {} | {required} | {} | {}",
                f.key,
                f.kind.as_str(),
                f.label_id,
                f.label_en
            );
            if !f.options.is_empty() {
                line.push_str(" | ");
                line.push_str(&f.options.join(","));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The lines of a type's documents, for editing.
pub fn documents_text(documents: &[DocSpec]) -> String {
    documents
        .iter()
        .map(|d| {
            let required = if d.required { "wajib" } else { "opsional" };
            format!("{} | {required} | {} | {}", d.key, d.label_id, d.label_en)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

impl TypeForm {
    pub fn check(&self) -> Result<CheckedType, FieldErrors> {
        let mut e = FieldErrors::new();
        let key = self.key.trim().to_owned();
        if !key_ok(&key) {
            e.add("key", "requests_err_type_key");
        }
        let checked_type = CheckedType {
            name_id: text(&mut e, "name_id", &self.name_id, 120),
            name_en: text(&mut e, "name_en", &self.name_en, 120),
            legal_basis: text(&mut e, "legal_basis", &self.legal_basis, 300),
            document_title: text(&mut e, "document_title", &self.document_title, 120),
            decision_working_days: number(
                &mut e,
                "decision_working_days",
                &self.decision_working_days,
                120,
            ),
            correction_working_days: number(
                &mut e,
                "correction_working_days",
                &self.correction_working_days,
                60,
            ),
            validity_months: number(&mut e, "validity_months", &self.validity_months, 120),
            decider: self.decider.trim().to_owned(),
            issued_status: self.issued_status.trim().to_owned(),
            deemed_approval: checked(&self.deemed_approval),
            active: checked(&self.active),
            fields: parse_fields(&self.fields).unwrap_or_default(),
            documents: parse_documents(&self.documents).unwrap_or_default(),
            key,
        };
        if !DECIDERS.contains(&checked_type.decider.as_str()) {
            e.add("decider", "err_choose");
        }
        if !ISSUED_STATUSES.contains(&checked_type.issued_status.as_str()) {
            e.add("issued_status", "err_choose");
        }
        if parse_fields(&self.fields).is_none_or(|f| f.is_empty()) {
            e.add("fields", "requests_err_field_lines");
        }
        if parse_documents(&self.documents).is_none() {
            e.add("documents", "requests_err_document_lines");
        }
        if checked_type.deemed_approval && checked_type.decider != "officer" {
            e.add("deemed_approval", "requests_err_deemed_needs_officer");
        }
        e.checked().map(|()| checked_type)
    }
}

/// The raw values of a filing, by field key.
pub type Values = BTreeMap<String, String>;

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> TypeForm {
        TypeForm {
            key: "izin_khusus".into(),
            name_id: "Izin khusus".into(),
            name_en: "Special permit".into(),
            legal_basis: "Perbup 1/2026".into(),
            decider: "officer".into(),
            decision_working_days: "5".into(),
            correction_working_days: "14".into(),
            issued_status: "approved".into(),
            document_title: "SURAT IZIN KHUSUS".into(),
            validity_months: "12".into(),
            deemed_approval: None,
            active: Some("on".into()),
            fields: "alasan | long_text | wajib | Alasan | Reason\nshift | choice | opsional | Sif | Shift | pagi,malam".into(),
            documents: "surat | wajib | Surat permohonan | Application letter".into(),
        }
    }

    #[test]
    fn a_type_form_round_trips_its_lines() {
        let checked = form().check().expect("valid");
        assert_eq!(checked.fields.len(), 2);
        assert_eq!(checked.fields[1].options, vec!["pagi", "malam"]);
        assert!(checked.documents[0].required);
        assert_eq!(
            parse_fields(&fields_text(&checked.fields)),
            Some(checked.fields.clone())
        );
        assert_eq!(
            parse_documents(&documents_text(&checked.documents)),
            Some(checked.documents)
        );
    }

    #[test]
    fn bad_type_forms_name_their_fields() {
        let mut bad = form();
        bad.key = "Bad Key".into();
        bad.fields = "x | nonsense | wajib | A | B".into();
        bad.decider = "robot".into();
        bad.deemed_approval = Some("on".into());
        bad.decision_working_days = "-1".into();
        let errors = bad.check().expect_err("invalid");
        for field in ["key", "fields", "decider", "decision_working_days"] {
            assert!(errors.get(field).is_some(), "{field}");
        }
        let mut duplicate = form();
        duplicate.fields = "a | text | wajib | A | A\na | text | wajib | B | B".into();
        assert!(duplicate.check().is_err());
    }
}
