//! The manpower report (Wajib Lapor Ketenagakerjaan, UU 7/1981) as typed, its check (counts that do not
//! add up are refused) and the screen types. The warnings and due dates are in `rules.rs`.
use serde::{Deserialize, Serialize};

use crate::core::{
    calendar::parse_date, error::FieldErrors, i18n::with_values, text::normalize_text,
};

/// Why the report is made: yearly, or within 30 days of founding, reopening or moving, or 30 days before
/// closing.
pub const REASONS: [&str; 5] = ["yearly", "founding", "reopening", "moving", "closing"];
pub const OFFICE_KINDS: [&str; 2] = ["head", "branch"];
pub const OVERTIME: [&str; 3] = ["none", "occasional", "regular"];
pub const REGULATION_KINDS: [&str; 3] = ["none", "pp", "pkb"];
/// A count or amount above this is a typing error (and keeps the arithmetic far from overflow).
pub const MAX_COUNT: i64 = 1_000_000;
pub const MAX_WAGE: i64 = 1_000_000_000;

/// The groups of counts that each add up to the workforce total: the first field carries the error.
pub const GROUPS: [(&str, &[&str]); 5] = [
    ("sex", &["male", "female"]),
    (
        "age",
        &["age_under_25", "age_25_39", "age_40_54", "age_55_up"],
    ),
    (
        "education",
        &["edu_basic", "edu_secondary", "edu_diploma", "edu_degree"],
    ),
    ("status", &["permanent", "pkwt", "outsourced", "daily"]),
    ("nationality", &["local", "foreign"]),
];

/// Every whole-number field but the wage (which has no sensible default).
pub const COUNT_FIELDS: [&str; 24] = [
    "total",
    "male",
    "female",
    "age_under_25",
    "age_25_39",
    "age_40_54",
    "age_55_up",
    "edu_basic",
    "edu_secondary",
    "edu_diploma",
    "edu_degree",
    "permanent",
    "pkwt",
    "outsourced",
    "daily",
    "local",
    "foreign",
    "disability",
    "bpjs_tk",
    "bpjs_kes",
    "weekly_hours",
    "trained",
    "k3_officers",
    "accidents",
];

/// The report as typed: every figure as text, so nothing is lost on an error; checkboxes are present
/// ("on") or absent. The company's NIB and KBLI come from its registration and are not typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportForm {
    pub reason: String,
    pub office_kind: String,
    pub address: String,
    pub bpjs_number: String,
    pub total: String,
    pub male: String,
    pub female: String,
    pub age_under_25: String,
    pub age_25_39: String,
    pub age_40_54: String,
    pub age_55_up: String,
    pub edu_basic: String,
    pub edu_secondary: String,
    pub edu_diploma: String,
    pub edu_degree: String,
    pub permanent: String,
    pub pkwt: String,
    pub outsourced: String,
    pub daily: String,
    pub local: String,
    pub foreign: String,
    pub disability: String,
    pub lowest_wage: String,
    pub wage_scale: Option<String>,
    pub bpjs_tk: String,
    pub bpjs_kes: String,
    pub weekly_hours: String,
    pub overtime: String,
    pub trained: String,
    pub union_present: Option<String>,
    pub regulation_kind: String,
    pub regulation_number: String,
    pub regulation_valid_until: String,
    pub p2k3: Option<String>,
    pub smk3: Option<String>,
    pub k3_officers: String,
    pub accidents: String,
}

/// The figures of a report that passed its check.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Figures {
    pub total: i64,
    pub disability: i64,
    pub lowest_wage: i64,
    pub bpjs_tk: i64,
    pub bpjs_kes: i64,
}

/// A checkbox as posted: present and not "off".
pub fn ticked(value: &Option<String>) -> bool {
    value
        .as_deref()
        .is_some_and(|v| !v.is_empty() && v != "off")
}

/// A checkbox value for a pre-filled form.
pub fn tick(on: bool) -> Option<String> {
    on.then(|| "on".to_owned())
}

impl ReportForm {
    /// The form's fields by name (the names its inputs post), for the sums and the highlights.
    pub fn fields(&self) -> Vec<(String, String)> {
        let value = serde_json::to_value(self).unwrap_or_default();
        let Some(map) = value.as_object() else {
            return Vec::new();
        };
        map.iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
            .collect()
    }

    fn value(&self, name: &str) -> String {
        self.fields()
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
            .unwrap_or_default()
    }

    /// The fields whose values differ from `earlier` (last year's report): highlighted on the form.
    pub fn changed_from(&self, earlier: &ReportForm) -> Vec<String> {
        let before = earlier.fields();
        self.fields()
            .into_iter()
            .filter(|(k, v)| before.iter().any(|(bk, bv)| bk == k && bv != v))
            .map(|(k, _)| k)
            .collect()
    }

    pub fn has_regulation(&self) -> bool {
        matches!(self.regulation_kind.as_str(), "pp" | "pkb")
    }

    /// The check shared by the browser and the server: every figure a whole number, each group adding up
    /// to the total, disability and BPJS enrolment within it, a regulation with its number and validity.
    pub fn check(&self) -> Result<Figures, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut count = |name: &str, max: i64| -> i64 {
            match parse_count(&self.value(name), max) {
                Some(n) => n,
                None => {
                    errors.add(name, "manpower_err_count");
                    0
                }
            }
        };
        let total = count("total", MAX_COUNT);
        let mut sums = Vec::new();
        for (group, names) in GROUPS {
            let sum: i64 = names.iter().map(|n| count(n, MAX_COUNT)).sum();
            sums.push((group, names[0], sum));
        }
        let figures = Figures {
            total,
            disability: count("disability", MAX_COUNT),
            lowest_wage: count("lowest_wage", MAX_WAGE),
            bpjs_tk: count("bpjs_tk", MAX_COUNT),
            bpjs_kes: count("bpjs_kes", MAX_COUNT),
        };
        let hours = count("weekly_hours", 168);
        let trained = count("trained", MAX_COUNT);
        count("k3_officers", MAX_COUNT);
        count("accidents", MAX_COUNT);
        for (_, first, sum) in sums {
            if errors.get(first).is_none() && errors.get("total").is_none() && sum != total {
                let (sum, total) = (sum.to_string(), total.to_string());
                errors.add(
                    first,
                    &with_values("manpower_err_sum", &[("sum", &sum), ("total", &total)]),
                );
            }
        }
        for (name, value) in [
            ("disability", figures.disability),
            ("bpjs_tk", figures.bpjs_tk),
            ("bpjs_kes", figures.bpjs_kes),
            ("trained", trained),
        ] {
            if errors.get(name).is_none() && value > total {
                errors.add(name, "manpower_err_above_total");
            }
        }
        if total > 0 && figures.lowest_wage == 0 && errors.get("lowest_wage").is_none() {
            errors.add("lowest_wage", "manpower_err_wage");
        }
        if total > 0 && hours == 0 && errors.get("weekly_hours").is_none() {
            errors.add("weekly_hours", "manpower_err_count");
        }
        self.check_choices(&mut errors);
        errors.checked().map(|()| figures)
    }

    fn check_choices(&self, errors: &mut FieldErrors) {
        for (name, value, allowed) in [
            ("reason", &self.reason, &REASONS[..]),
            ("office_kind", &self.office_kind, &OFFICE_KINDS[..]),
            ("overtime", &self.overtime, &OVERTIME[..]),
            (
                "regulation_kind",
                &self.regulation_kind,
                &REGULATION_KINDS[..],
            ),
        ] {
            if !allowed.contains(&value.as_str()) {
                errors.add(name, "err_choose");
            }
        }
        if let Err(key) = normalize_text(&self.address, 5, 300) {
            errors.add("address", key);
        }
        if self.bpjs_number.trim().chars().count() > 40 {
            errors.add("bpjs_number", "err_text_length");
        }
        if self.has_regulation() {
            if let Err(key) = normalize_text(&self.regulation_number, 3, 80) {
                errors.add("regulation_number", key);
            }
            if parse_date(self.regulation_valid_until.trim()).is_none() {
                errors.add("regulation_valid_until", "err_date");
            }
        }
    }
}

/// A whole number from 0 to `max` as typed (dots and spaces as thousands separators are allowed).
pub fn parse_count(text: &str, max: i64) -> Option<i64> {
    let digits: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, '.' | ' ' | ','))
        .collect();
    if digits.is_empty() || digits.len() > 12 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse::<i64>().ok().filter(|n| *n <= max)
}

/// One submitted version of a report, as its company and officers see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportVersion {
    pub id: i64,
    pub year: i64,
    pub version: i64,
    pub reason: String,
    pub submitted_at: String,
    pub superseded: bool,
    pub receipt_number: String,
    pub verification_code: String,
    pub workforce_total: i64,
    /// Message keys (with values) of the warnings it was submitted with.
    pub warnings: Vec<String>,
}

/// What the portal knows of the company, shown beside the pre-filled form: (label key, value).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownFact {
    pub label_key: String,
    pub value: String,
}

/// The company's report page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyReport {
    pub company_name: String,
    pub nib: String,
    pub kbli: String,
    /// The report year shown (and submitted), and the years the company may pick.
    pub year: i64,
    pub years: Vec<i64>,
    /// The form to submit: the current version's figures for a correction, else the pre-fill.
    pub form: ReportForm,
    /// Fields that differ from last year's report (highlighted).
    pub changed: Vec<String>,
    pub known: Vec<KnownFact>,
    /// The current version of the report year's report, which a correction replaces.
    pub current_id: Option<i64>,
    pub versions: Vec<ReportVersion>,
    /// The earliest open due date (`dues[0]`).
    pub due_date: String,
    pub overdue: bool,
    /// Declared moves, closings and reopenings, and every open due date, earliest first.
    pub events: Vec<DeclaredEvent>,
    pub dues: Vec<DueView>,
}

/// The answer to a submission: saved (the new version's id), or held back with its warnings until the
/// company confirms them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmitOutcome {
    pub saved: Option<i64>,
    pub warnings: Vec<String>,
}

/// The public check behind a receipt's QR code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportVerification {
    pub receipt_number: String,
    pub company_name: String,
    pub year: i64,
    pub version: i64,
    pub submitted_on: String,
    pub workforce_total: i64,
    pub superseded: bool,
}

/// A declared event as the page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeclaredEvent {
    pub kind: String,
    pub date: String,
}

/// An open due date as the page lists it: its kind (`events::trigger_name`) and date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueView {
    pub trigger: String,
    pub due_date: String,
    pub overdue: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn valid() -> ReportForm {
        let n = |v: &str| v.to_owned();
        ReportForm {
            reason: n("yearly"),
            office_kind: n("head"),
            address: n("Jl. Raya Serang Km 12, Cikupa"),
            total: n("120"),
            male: n("70"),
            female: n("50"),
            age_under_25: n("30"),
            age_25_39: n("60"),
            age_40_54: n("25"),
            age_55_up: n("5"),
            edu_basic: n("20"),
            edu_secondary: n("80"),
            edu_diploma: n("10"),
            edu_degree: n("10"),
            permanent: n("60"),
            pkwt: n("40"),
            outsourced: n("15"),
            daily: n("5"),
            local: n("118"),
            foreign: n("2"),
            disability: n("1"),
            lowest_wage: n("5.210.377"),
            bpjs_tk: n("120"),
            bpjs_kes: n("120"),
            weekly_hours: n("40"),
            overtime: n("occasional"),
            trained: n("30"),
            regulation_kind: n("pp"),
            regulation_number: n("PP/3603/2025/014"),
            regulation_valid_until: n("2027-03-01"),
            p2k3: tick(true),
            k3_officers: n("2"),
            accidents: n("0"),
            ..ReportForm::default()
        }
    }

    #[test]
    fn a_report_that_adds_up_passes() {
        let figures = valid().check().expect("valid");
        assert_eq!(figures.total, 120);
        assert_eq!(figures.lowest_wage, 5_210_377);
    }

    #[test]
    fn each_group_must_add_up_to_the_total() {
        for (field, group_first) in [
            ("female", "male"),
            ("age_55_up", "age_under_25"),
            ("edu_degree", "edu_basic"),
            ("daily", "permanent"),
            ("foreign", "local"),
        ] {
            let mut form = valid();
            let mut value = serde_json::to_value(&form).expect("json");
            value[field] = serde_json::Value::String("6".into());
            form = serde_json::from_value(value).expect("form");
            let errors = form.check().expect_err(field);
            assert!(
                errors
                    .get(group_first)
                    .is_some_and(|e| e.starts_with("manpower_err_sum")),
                "{field}: {errors:?}"
            );
        }
    }

    #[test]
    fn disability_and_bpjs_cannot_exceed_the_total() {
        for field in ["disability", "bpjs_tk", "bpjs_kes"] {
            let mut value = serde_json::to_value(valid()).expect("json");
            value[field] = serde_json::Value::String("121".into());
            let form: ReportForm = serde_json::from_value(value).expect("form");
            let errors = form.check().expect_err(field);
            assert_eq!(errors.get(field), Some("manpower_err_above_total"));
        }
    }

    #[test]
    fn junk_and_huge_numbers_are_refused_not_panicked_on() {
        for junk in ["", "-1", "1e9", "abc", "99999999999999999999", "1.000.001"] {
            let form = ReportForm {
                total: junk.into(),
                ..valid()
            };
            assert_eq!(
                form.check().expect_err(junk).get("total"),
                Some("manpower_err_count")
            );
        }
    }

    #[test]
    fn a_regulation_needs_its_number_and_validity() {
        let form = ReportForm {
            regulation_number: String::new(),
            regulation_valid_until: "kapan".into(),
            ..valid()
        };
        let errors = form.check().expect_err("regulation");
        assert!(errors.get("regulation_number").is_some());
        assert_eq!(errors.get("regulation_valid_until"), Some("err_date"));
    }

    #[test]
    fn changes_from_last_year_are_listed_by_field() {
        let last = valid();
        let now = ReportForm {
            total: "121".into(),
            male: "71".into(),
            ..valid()
        };
        let mut changed = now.changed_from(&last);
        changed.sort();
        assert_eq!(changed, vec!["male".to_owned(), "total".to_owned()]);
    }
}
