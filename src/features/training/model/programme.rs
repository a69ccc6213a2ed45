//! The provider's programme form and its check (run in the browser and again on the server).
use serde::{Deserialize, Serialize};
use time::Date;

use crate::core::{calendar::parse_date, error::FieldErrors};

pub const PROVIDER_KINDS: [&str; 3] = ["blk", "company", "partner"];
pub const FORMATS: [&str; 3] = ["in_person", "online", "mixed"];
pub const SELECTIONS: [&str; 3] = ["none", "test", "interview"];
pub const MAX_QUOTA: i64 = 500;
pub const MAX_RESERVES: i64 = 100;
pub const MAX_HOURS: i64 = 2000;
pub const MAX_SKILLS: usize = 12;
pub const MAX_UNITS: usize = 30;
/// A programme of more than a year is a typing mistake.
pub const MAX_DAYS: i64 = 366;

/// The programme form, as typed (all text, so nothing is lost on an error).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProgrammeForm {
    pub title: String,
    pub description: String,
    /// "blk", "company" or "partner" (a company always provides as "company").
    pub provider_kind: String,
    /// The partner's or training centre's name (a company's own name is used for its programmes).
    pub provider_name: String,
    /// A KBJI sub-major group (two digits).
    pub kbji_code: String,
    /// Comma-separated skills taught.
    pub skills: String,
    /// SKKNI units, one a line: the unit code, then its title.
    pub skkni_units: String,
    pub format: String,
    pub district_code: String,
    pub starts_on: String,
    pub ends_on: String,
    pub hours: String,
    pub quota: String,
    pub reserves: String,
    pub min_age: String,
    pub max_age: String,
    /// An education level code, or empty for none.
    pub min_education: String,
    /// "1" when only AK-1 holders may join.
    pub requires_ak1: String,
    /// A district code, or empty: only residents of this district may join.
    pub eligible_district: String,
    pub cost_idr: String,
    pub registration_opens_on: String,
    pub registration_closes_on: String,
    pub selection: String,
    pub selection_on: String,
}

/// A checked programme form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgrammePlan {
    pub skills: Vec<String>,
    pub units: Vec<(String, String)>,
    pub hours: i64,
    pub quota: i64,
    pub reserves: i64,
    pub min_age: i64,
    pub max_age: i64,
    pub cost_idr: i64,
    pub requires_ak1: bool,
}

fn count(value: &str) -> Option<i64> {
    let digits: String = value.trim().chars().filter(|c| *c != '.').collect();
    if digits.is_empty() || digits.len() > 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn length(errors: &mut FieldErrors, field: &str, value: &str, min: usize, max: usize) {
    let n = value.trim().chars().count();
    if n == 0 && min > 0 {
        errors.add(field, "err_required");
    } else if n < min || n > max {
        errors.add(field, "err_text_length");
    }
}

/// Comma-separated skills, trimmed, empty ones dropped, duplicates (ignoring case) once.
pub fn skill_list(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for skill in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if !out.iter().any(|s| s.eq_ignore_ascii_case(skill)) {
            out.push(skill.to_owned());
        }
    }
    out
}

/// SKKNI units, one a line: `CODE Title`. `None` when a line has no title or an odd code.
pub fn unit_list(text: &str) -> Option<Vec<(String, String)>> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let (code, title) = line.split_once(char::is_whitespace)?;
            let title = title.trim().trim_start_matches(['-', '—']).trim();
            let code_ok = (3..=30).contains(&code.len())
                && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.');
            (code_ok && (3..=200).contains(&title.chars().count()))
                .then(|| (code.to_owned(), title.to_owned()))
        })
        .collect()
}

fn code_like(value: &str, len: std::ops::RangeInclusive<usize>) -> bool {
    let value = value.trim();
    len.contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_')
}

impl ProgrammeForm {
    /// `today` bounds a new programme's registration start (an edited one may already be open: `None`).
    pub fn check(&self, today: Option<Date>) -> Result<ProgrammePlan, FieldErrors> {
        let mut e = FieldErrors::new();
        length(&mut e, "title", &self.title, 5, 150);
        length(&mut e, "description", &self.description, 20, 4000);
        if !PROVIDER_KINDS.contains(&self.provider_kind.trim()) {
            e.add("provider_kind", "err_choose");
        }
        if self.provider_kind.trim() != "company" {
            length(&mut e, "provider_name", &self.provider_name, 3, 150);
        }
        let kbji = self.kbji_code.trim();
        if kbji.len() != 2 || !kbji.bytes().all(|b| b.is_ascii_digit()) {
            e.add("kbji_code", "err_choose");
        }
        let skills = skill_list(&self.skills);
        if skills.is_empty() {
            e.add("skills", "err_required");
        } else if skills.len() > MAX_SKILLS || skills.iter().any(|s| s.chars().count() > 60) {
            e.add("skills", "err_training_skills");
        }
        let units = unit_list(&self.skkni_units).filter(|u| u.len() <= MAX_UNITS);
        if units.is_none() {
            e.add("skkni_units", "err_training_units");
        }
        if !FORMATS.contains(&self.format.trim()) {
            e.add("format", "err_choose");
        }
        if !code_like(&self.district_code, 2..=13) {
            e.add("district_code", "err_choose");
        }
        let eligible_district = self.eligible_district.trim();
        if !eligible_district.is_empty() && !code_like(eligible_district, 2..=13) {
            e.add("eligible_district", "err_choose");
        }
        if !self.min_education.trim().is_empty() && !code_like(&self.min_education, 1..=20) {
            e.add("min_education", "err_choose");
        }
        let mut number = |field: &str, value: &str, range: std::ops::RangeInclusive<i64>| {
            let n = count(value).filter(|n| range.contains(n));
            if n.is_none() {
                e.add(field, "err_training_number");
            }
            n
        };
        let hours = number("hours", &self.hours, 1..=MAX_HOURS);
        let quota = number("quota", &self.quota, 1..=MAX_QUOTA);
        let reserves = number("reserves", &self.reserves, 0..=MAX_RESERVES);
        let min_age = number("min_age", &self.min_age, 15..=70);
        let max_age = number("max_age", &self.max_age, 15..=70);
        let cost = if self.cost_idr.trim().is_empty() {
            Some(0)
        } else {
            number("cost_idr", &self.cost_idr, 0..=100_000_000)
        };
        if let (Some(min), Some(max)) = (min_age, max_age)
            && max < min
        {
            e.add("max_age", "err_training_age_range");
        }
        self.check_dates(&mut e, today);
        e.checked()?;
        match (hours, quota, reserves, min_age, max_age, cost, units) {
            (
                Some(hours),
                Some(quota),
                Some(reserves),
                Some(min_age),
                Some(max_age),
                Some(cost_idr),
                Some(units),
            ) => Ok(ProgrammePlan {
                skills,
                units,
                hours,
                quota,
                reserves,
                min_age,
                max_age,
                cost_idr,
                requires_ak1: self.requires_ak1.trim() == "1",
            }),
            _ => {
                let mut errors = FieldErrors::new();
                errors.add("form", "err_validation");
                Err(errors)
            }
        }
    }

    fn check_dates(&self, e: &mut FieldErrors, today: Option<Date>) {
        let mut date = |field: &str, value: &str| {
            let parsed = parse_date(value.trim());
            if parsed.is_none() {
                e.add(field, "err_date");
            }
            parsed
        };
        let starts = date("starts_on", &self.starts_on);
        let ends = date("ends_on", &self.ends_on);
        let opens = date("registration_opens_on", &self.registration_opens_on);
        let closes = date("registration_closes_on", &self.registration_closes_on);
        let selection = SELECTIONS.contains(&self.selection.trim());
        let selection_on = if selection && self.selection.trim() != "none" {
            date("selection_on", &self.selection_on)
        } else {
            None
        };
        if !selection {
            e.add("selection", "err_choose");
        }
        if let (Some(s), Some(end)) = (starts, ends) {
            if end < s {
                e.add("ends_on", "err_end_before_start_date");
            } else if (end - s).whole_days() > MAX_DAYS {
                e.add("ends_on", "err_training_too_long");
            }
        }
        if let (Some(o), Some(c)) = (opens, closes)
            && c < o
        {
            e.add("registration_closes_on", "err_end_before_start_date");
        }
        if let (Some(c), Some(s)) = (closes, starts)
            && c > s
        {
            e.add(
                "registration_closes_on",
                "err_training_registration_after_start",
            );
        }
        if let (Some(o), Some(today)) = (closes, today)
            && o < today
        {
            e.add("registration_closes_on", "err_date_past");
        }
        if let Some(day) = selection_on
            && (closes.is_some_and(|c| day < c) || starts.is_some_and(|s| day > s))
        {
            e.add("selection_on", "err_training_selection_date");
        }
    }
}
