//! Vacancy rules shared by the browser and the server (Perpres 57/2023 Pasal 5; SE Menaker M/6/HK.04/V/2025):
//! the form as typed, its checks, the warnings a company may accept, and the wording an officer must review.
use serde::{Deserialize, Serialize};
use time::Date;

use crate::core::{calendar::parse_date, error::FieldErrors, money::Rupiah};

/// A wage range whose top is more than this many times its bottom is probably a typing slip (warned).
pub const WAGE_SPREAD_LIMIT: i64 = 2;
pub const MAX_HEADCOUNT: i64 = 10_000;
/// The youngest worker (UU 13/2003 Pasal 68–69: adults only, outside the light-work exceptions).
pub const MIN_WORKING_AGE: i64 = 18;
pub const WORK_TIMES: [&str; 2] = ["full_time", "part_time"];
pub const SHIFTS: [&str; 2] = ["day", "rotating"];
pub const CONTRACT_TYPES: [&str; 2] = ["permanent", "contract"];

/// The vacancy form as typed (all text, so nothing the company typed is lost on an error).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VacancyForm {
    pub title: String,
    pub occupation_code: String,
    pub description: String,
    pub education_level: String,
    /// Comma-separated required skills.
    pub skills: String,
    pub experience_years: String,
    pub headcount: String,
    pub wage_min: String,
    pub wage_max: String,
    pub district_code: String,
    /// Street address of the workplace (optional; the district is the searchable part).
    pub address: String,
    /// Comma-separated certificates asked for (optional).
    pub certificates: String,
    /// "full_time" or "part_time".
    pub work_time: String,
    /// "day" or "rotating".
    pub shift: String,
    /// "permanent" or "contract".
    pub contract_type: String,
    pub deadline: String,
    pub age_min: String,
    pub age_max: String,
    pub age_justification: String,
}

/// What the checks found that does not refuse the vacancy: warnings for the company, and flags that send it
/// to an officer's review before it is published.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VacancyReview {
    /// Translation keys.
    pub warnings: Vec<String>,
    pub flags: Vec<WordingFlag>,
}

/// A phrase that may discriminate, with what kind of requirement it states (a translation key).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordingFlag {
    pub phrase: String,
    pub category: String,
}

/// Requirements a job rarely truly needs, in Indonesian and English. Sex and age are allowed only with a
/// stated reason (the age range fields), so they are flagged in free text.
pub const DISCRIMINATORY_PHRASES: &[(&str, &str)] = &[
    ("berpenampilan menarik", "flag_appearance"),
    ("penampilan menarik", "flag_appearance"),
    ("good looking", "flag_appearance"),
    ("good-looking", "flag_appearance"),
    ("attractive", "flag_appearance"),
    ("cantik", "flag_appearance"),
    ("tampan", "flag_appearance"),
    ("tinggi badan", "flag_appearance"),
    ("belum menikah", "flag_marital"),
    ("belum kawin", "flag_marital"),
    ("lajang", "flag_marital"),
    ("single", "flag_marital"),
    ("unmarried", "flag_marital"),
    ("suku", "flag_ethnicity"),
    ("pribumi", "flag_ethnicity"),
    ("keturunan", "flag_ethnicity"),
    ("tionghoa", "flag_ethnicity"),
    ("etnis", "flag_ethnicity"),
    ("ethnicity", "flag_ethnicity"),
    ("beragama", "flag_religion"),
    ("agama", "flag_religion"),
    ("muslim", "flag_religion"),
    ("non muslim", "flag_religion"),
    ("kristen", "flag_religion"),
    ("religion", "flag_religion"),
    ("pria", "flag_sex"),
    ("wanita", "flag_sex"),
    ("laki laki", "flag_sex"),
    ("perempuan", "flag_sex"),
    ("male only", "flag_sex"),
    ("female only", "flag_sex"),
    ("usia maksimal", "flag_age"),
    ("usia maks", "flag_age"),
    ("umur maksimal", "flag_age"),
    ("maximum age", "flag_age"),
    ("max age", "flag_age"),
];

/// Lower case, every run of other characters one space, padded: phrases then match whole words only.
fn normalize_words(text: &str) -> String {
    let mut out = String::from(" ");
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// The discriminatory phrases in a text, each once, in table order.
pub fn wording_flags(text: &str) -> Vec<WordingFlag> {
    let words = normalize_words(text);
    let mut flags: Vec<WordingFlag> = Vec::new();
    for (phrase, category) in DISCRIMINATORY_PHRASES {
        let needle = normalize_words(phrase);
        if words.contains(&needle) && !flags.iter().any(|f| f.phrase == *phrase) {
            // "penampilan menarik" inside "berpenampilan menarik" is the same finding.
            if !flags
                .iter()
                .any(|f| f.category == *category && f.phrase.contains(phrase))
            {
                flags.push(WordingFlag {
                    phrase: (*phrase).to_owned(),
                    category: (*category).to_owned(),
                });
            }
        }
    }
    flags
}

fn parse_count(text: &str) -> Option<i64> {
    let text = text.trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) || text.len() > 6 {
        return None;
    }
    text.parse().ok()
}

impl VacancyForm {
    pub fn skill_list(&self) -> Vec<String> {
        let mut items: Vec<String> = Vec::new();
        for item in self
            .skills
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            if !items.iter().any(|seen| seen.eq_ignore_ascii_case(item)) {
                items.push(item.to_owned());
            }
        }
        items
    }

    pub fn experience(&self) -> i64 {
        parse_count(&self.experience_years).unwrap_or(0)
    }

    pub fn age_bounds(&self) -> (Option<i64>, Option<i64>) {
        (parse_count(&self.age_min), parse_count(&self.age_max))
    }

    pub fn wage_min_idr(&self) -> Option<i64> {
        Rupiah::parse(&self.wage_min)
            .map(|r| r.0)
            .filter(|v| *v > 0)
    }

    pub fn wage_max_idr(&self) -> Option<i64> {
        Rupiah::parse(&self.wage_max)
            .map(|r| r.0)
            .filter(|v| *v > 0)
    }

    /// Refuses what cannot be published (field errors); otherwise returns the warnings and the wording flags.
    /// `minimum_wage_idr` is the UMK of the year the vacancy opens (`today`'s year).
    pub fn check(&self, today: Date, minimum_wage_idr: i64) -> Result<VacancyReview, FieldErrors> {
        let mut errors = FieldErrors::new();
        self.check_texts_and_choices(&mut errors);
        match parse_count(&self.headcount) {
            Some(n) if (1..=MAX_HEADCOUNT).contains(&n) => {}
            _ => errors.add("headcount", "err_headcount"),
        }
        if !self.experience_years.trim().is_empty()
            && parse_count(&self.experience_years).is_none_or(|y| y > 40)
        {
            errors.add("experience_years", "err_years");
        }
        let (wage_min, wage_max) = (self.wage_min_idr(), self.wage_max_idr());
        match wage_min {
            None => errors.add("wage_min", "err_amount"),
            Some(min) if min < minimum_wage_idr => errors.add("wage_min", "err_below_umk"),
            Some(_) => {}
        }
        match (wage_min, wage_max) {
            (_, None) => errors.add("wage_max", "err_amount"),
            (Some(min), Some(max)) if max < min => errors.add("wage_max", "err_wage_order"),
            _ => {}
        }
        match parse_date(self.deadline.trim()) {
            None => errors.add("deadline", "err_date"),
            Some(day) if day <= today => errors.add("deadline", "err_deadline_past"),
            Some(day) if (day - today).whole_days() > 366 => {
                errors.add("deadline", "err_deadline_far");
            }
            Some(_) => {}
        }
        self.check_age(&mut errors);
        errors.checked()?;
        let mut review = VacancyReview::default();
        if let (Some(min), Some(max)) = (wage_min, wage_max)
            && max > min.saturating_mul(WAGE_SPREAD_LIMIT)
        {
            review.warnings.push("warn_wage_spread".to_owned());
        }
        review.flags = wording_flags(&format!(
            "{} {} {}",
            self.title, self.description, self.skills
        ));
        Ok(review)
    }

    /// The free texts' lengths and the choices from fixed lists.
    fn check_texts_and_choices(&self, errors: &mut FieldErrors) {
        let title_len = self.title.trim().chars().count();
        if !(3..=120).contains(&title_len) {
            errors.add("title", "err_text_length");
        }
        let description_len = self.description.trim().chars().count();
        if !(30..=5000).contains(&description_len) {
            errors.add("description", "err_description_length");
        }
        if self.education_level.trim().is_empty() {
            errors.add("education_level", "err_choose");
        }
        if self.district_code.trim().is_empty() {
            errors.add("district_code", "err_choose");
        }
        if self.occupation_code.trim().len() != 2
            || !self.occupation_code.bytes().all(|b| b.is_ascii_digit())
        {
            errors.add("occupation_code", "err_choose");
        }
        for (field, value, allowed) in [
            ("work_time", &self.work_time, &WORK_TIMES[..]),
            ("shift", &self.shift, &SHIFTS[..]),
            ("contract_type", &self.contract_type, &CONTRACT_TYPES[..]),
        ] {
            if !allowed.contains(&value.trim()) {
                errors.add(field, "err_choose");
            }
        }
        if self.address.chars().count() > 300 {
            errors.add("address", "err_text_length");
        }
        if self.skills.chars().count() > 500 || self.skill_list().len() > 20 {
            errors.add("skills", "err_text_length");
        }
        if self.certificates.chars().count() > 300 {
            errors.add("certificates", "err_text_length");
        }
    }

    /// An age range is optional, and needs a stated reason when given.
    fn check_age(&self, errors: &mut FieldErrors) {
        let (min_text, max_text) = (self.age_min.trim(), self.age_max.trim());
        if min_text.is_empty() && max_text.is_empty() {
            return;
        }
        let min = if min_text.is_empty() {
            Some(MIN_WORKING_AGE)
        } else {
            parse_count(min_text)
        };
        let max = if max_text.is_empty() {
            Some(99)
        } else {
            parse_count(max_text)
        };
        match (min, max) {
            (Some(min), Some(max)) if MIN_WORKING_AGE <= min && min <= max && max <= 99 => {}
            _ => errors.add("age_max", "err_age_range"),
        }
        if self.age_justification.trim().chars().count() < 10 {
            errors.add("age_justification", "err_age_justification");
        }
    }
}

mod placement;
pub use placement::PlacementForm;

#[cfg(test)]
mod tests;
