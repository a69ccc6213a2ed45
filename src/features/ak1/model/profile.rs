//! The seeker profile form, its rules and completeness, and the Tangerang regions it names.
use serde::{Deserialize, Serialize};

use crate::core::{
    error::FieldErrors,
    regions_data::{TANGERANG_DISTRICTS, TANGERANG_VILLAGES},
    text::normalize_text,
    validate::is_tangerang_district,
};

pub const MARITAL_STATUSES: [&str; 4] = ["belum_kawin", "kawin", "cerai_hidup", "cerai_mati"];

/// The profile form as typed (all text: a half-filled profile can be saved).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileForm {
    pub marital_status: String,
    pub religion: String,
    pub address: String,
    pub district_code: String,
    pub village_code: String,
    pub address_elsewhere: String,
    pub education_level: String,
    pub school: String,
    pub major: String,
    pub graduation_year: String,
    /// Comma-separated skills.
    pub skills: String,
    /// Job preferences: comma-separated occupations, a KBLI section, a district, the lowest acceptable
    /// monthly wage as typed, full/part time and shift.
    pub preferred_occupations: String,
    pub preferred_sector: String,
    pub preferred_district_code: String,
    pub minimum_wage: String,
    pub work_time: String,
    pub shift: String,
}

impl ProfileForm {
    /// Checks what is filled in; empty fields are allowed (the completeness meter says what AK-1 needs).
    pub fn check(&self, this_year: i32) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        if !self.marital_status.is_empty()
            && !MARITAL_STATUSES.contains(&self.marital_status.as_str())
        {
            errors.add("marital_status", "err_choose");
        }
        for (field, value, max) in [
            ("address", &self.address, 300),
            ("school", &self.school, 160),
            ("major", &self.major, 120),
        ] {
            if !value.trim().is_empty() && normalize_text(value, 2, max).is_err() {
                errors.add(field, "err_text_length");
            }
        }
        let district = self.district_code.trim();
        if !district.is_empty() && !is_tangerang_district(district) {
            errors.add("district_code", "err_district");
        }
        let village = self.village_code.trim();
        if !village.is_empty() && !village_in_district(village, district) {
            errors.add("village_code", "err_village");
        }
        let preferred = self.preferred_district_code.trim();
        if !preferred.is_empty() && !is_tangerang_district(preferred) {
            errors.add("preferred_district_code", "err_district");
        }
        if !self.preferred_sector.is_empty() && !is_kbli_section(&self.preferred_sector) {
            errors.add("preferred_sector", "err_choose");
        }
        if !self.minimum_wage.trim().is_empty() && self.minimum_wage_idr().is_none() {
            errors.add("minimum_wage", "err_amount");
        }
        if !self.work_time.is_empty() && !WORK_TIMES.contains(&self.work_time.as_str()) {
            errors.add("work_time", "err_choose");
        }
        if !self.shift.is_empty() && !SHIFTS.contains(&self.shift.as_str()) {
            errors.add("shift", "err_choose");
        }
        if self.preferred_occupations.chars().count() > 300 {
            errors.add("preferred_occupations", "err_text_length");
        }
        if !self.graduation_year.trim().is_empty() {
            match self.graduation_year.trim().parse::<i32>() {
                Ok(year) if (1950..=this_year).contains(&year) => {}
                _ => errors.add("graduation_year", "err_year"),
            }
        }
        if self.skills.chars().count() > 500 {
            errors.add("skills", "err_text_length");
        }
        errors.checked()
    }

    pub fn skill_list(&self) -> Vec<String> {
        comma_list(&self.skills)
    }

    pub fn occupation_list(&self) -> Vec<String> {
        comma_list(&self.preferred_occupations)
    }

    /// The lowest acceptable monthly wage in whole rupiah, as typed ("4.500.000", "Rp 4500000").
    pub fn minimum_wage_idr(&self) -> Option<i64> {
        crate::core::money::Rupiah::parse(&self.minimum_wage)
            .map(|r| r.0)
            .filter(|idr| (0..=MAX_WAGE_IDR).contains(idr))
    }
}

/// A comma-separated list as people type it, trimmed, without empty items or repeats.
pub fn comma_list(text: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if !items.iter().any(|seen| seen.eq_ignore_ascii_case(item)) {
            items.push(item.to_owned());
        }
    }
    items
}

/// Common skills in Kabupaten Tangerang's industries, offered as one-tap suggestions (free text stays possible).
pub const SKILL_SUGGESTIONS: [&str; 12] = [
    "Operator mesin produksi",
    "Quality control",
    "Las listrik",
    "Forklift",
    "Administrasi gudang",
    "Microsoft Excel",
    "Akuntansi",
    "Mengemudi (SIM B1)",
    "Listrik industri",
    "Jahit industri",
    "Layanan pelanggan",
    "Bahasa Inggris",
];

/// A wage preference above this is a typing slip (Rp 1 billion a month).
pub const MAX_WAGE_IDR: i64 = 1_000_000_000;
pub const WORK_TIMES: [&str; 3] = ["full_time", "part_time", "any"];
pub const SHIFTS: [&str; 3] = ["day", "rotating", "any"];

/// A KBLI 2020 section letter, A to U.
pub fn is_kbli_section(code: &str) -> bool {
    matches!(code.as_bytes(), [b'A'..=b'U'])
}

/// Is `village` a village of Kabupaten Tangerang inside `district`?
pub fn village_in_district(village: &str, district: &str) -> bool {
    village
        .strip_prefix(district)
        .is_some_and(|rest| rest.starts_with('.'))
        && TANGERANG_VILLAGES
            .binary_search_by(|(code, _)| (*code).cmp(village))
            .is_ok()
}

/// The villages of one district, for the address picker.
pub fn villages_of(district: &str) -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    TANGERANG_VILLAGES.iter().filter(move |(code, _)| {
        code.strip_prefix(district)
            .is_some_and(|rest| rest.starts_with('.'))
    })
}

/// Names a district or village of Kabupaten Tangerang by its code.
pub fn tangerang_region_name(code: &str) -> Option<&'static str> {
    let table = if code.len() <= 8 {
        TANGERANG_DISTRICTS
    } else {
        TANGERANG_VILLAGES
    };
    table
        .binary_search_by(|(c, _)| (*c).cmp(code))
        .ok()
        .map(|i| table[i].1)
}

/// What is still missing for an AK-1 application (translation keys), and how far along the profile is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Completeness {
    pub missing: Vec<String>,
    pub percent: u8,
}

pub fn completeness(profile: &ProfileForm) -> Completeness {
    let checks = [
        (!profile.marital_status.is_empty(), "field_marital_status"),
        (!profile.address.trim().is_empty(), "address"),
        (
            (!profile.district_code.trim().is_empty() && !profile.village_code.trim().is_empty())
                || !profile.address_elsewhere.trim().is_empty(),
            "field_district",
        ),
        (!profile.education_level.is_empty(), "field_education_level"),
        (!profile.school.trim().is_empty(), "field_school"),
        (
            !profile.graduation_year.trim().is_empty(),
            "field_graduation_year",
        ),
        (!profile.skill_list().is_empty(), "field_skills"),
    ];
    let missing: Vec<String> = checks
        .iter()
        .filter(|(ok, _)| !ok)
        .map(|(_, key)| (*key).to_owned())
        .collect();
    let percent = (100 * (checks.len() - missing.len()) / checks.len()) as u8;
    Completeness { missing, percent }
}
