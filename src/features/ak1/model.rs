//! AK-1 (Kartu Tanda Pencari Kerja, Permenaker 39/2016) rules and the seeker profile it is issued from,
//! shared by the browser and the server.
use serde::{Deserialize, Serialize};
use time::{Date, Month};

use crate::{
    core::{
        error::FieldErrors,
        regions_data::{TANGERANG_DISTRICTS, TANGERANG_VILLAGES},
        validate::is_tangerang_district,
    },
    features::accounts::model::normalize_text,
};

/// A card is valid for two years.
pub const VALIDITY_YEARS: i32 = 2;
/// The holder re-reports (lapor diri) every six months.
pub const RE_REPORT_MONTHS: u8 = 6;
/// Minimum age for an AK-1 (office practice).
pub const MIN_AGE: i32 = 18;
/// Kabupaten Tangerang's regency code in card numbers.
pub const REGENCY: &str = "3603";

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
    pub fn validate(&self, this_year: i32) -> Result<(), FieldErrors> {
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ak1Status {
    Waiting,
    Revision,
    Issued,
    Rejected,
    Closed,
}

impl Ak1Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Ak1Status::Waiting => "waiting",
            Ak1Status::Revision => "revision",
            Ak1Status::Issued => "issued",
            Ak1Status::Rejected => "rejected",
            Ak1Status::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Ak1Status> {
        [
            Ak1Status::Waiting,
            Ak1Status::Revision,
            Ak1Status::Issued,
            Ak1Status::Rejected,
            Ak1Status::Closed,
        ]
        .into_iter()
        .find(|status| status.as_str() == s)
    }
}

/// An officer's decision on a waiting application.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    Reject,
    Revise,
}

impl Decision {
    pub fn parse(s: &str) -> Option<Decision> {
        match s {
            "approve" => Some(Decision::Approve),
            "reject" => Some(Decision::Reject),
            "revise" => Some(Decision::Revise),
            _ => None,
        }
    }

    /// Rejections and revision requests must say why.
    pub fn needs_reason(self) -> bool {
        !matches!(self, Decision::Approve)
    }
}

/// `AK1/3603/2026/000123`
pub fn card_number(year: i32, serial: i64) -> String {
    format!("AK1/{REGENCY}/{year}/{serial:06}")
}

/// The same calendar day `years` later; 29 February becomes 1 March in a common year.
fn anniversary(date: Date, years: i32) -> Date {
    let year = date.year() + years;
    Date::from_calendar_date(year, date.month(), date.day())
        .or_else(|_| Date::from_calendar_date(year, Month::March, 1))
        .unwrap_or(date)
}

/// Valid through the day before the second anniversary of issue.
pub fn valid_until(issued_on: Date) -> Date {
    anniversary(issued_on, VALIDITY_YEARS)
        .previous_day()
        .unwrap_or(issued_on)
}

/// `months` calendar months later, clamped to the month's last day (31 Aug + 6 months = 28/29 Feb).
pub fn add_months(date: Date, months: u8) -> Date {
    let zero_based = date.month() as i32 - 1 + i32::from(months);
    let year = date.year() + zero_based / 12;
    let month = Month::try_from((zero_based % 12 + 1) as u8).unwrap_or(Month::January);
    let last_day = time::util::days_in_month(month, year);
    Date::from_calendar_date(year, month, date.day().min(last_day)).unwrap_or(date)
}

/// The re-report dates of a card: every six months while it is valid (6, 12 and 18 months).
pub fn re_report_due_dates(issued_on: Date) -> Vec<Date> {
    let end = valid_until(issued_on);
    (1..)
        .map(|n| add_months(issued_on, RE_REPORT_MONTHS * n))
        .take_while(|due| *due <= end)
        .take(3)
        .collect()
}

/// A re-report opens this many days before its due date.
pub const REPORT_WINDOW_DAYS: i64 = 30;
/// Reminders go out this many days before a due date.
pub const REMINDER_DAYS: i64 = 7;

/// The next re-report a card holder owes: which period (1–3), when it is due, and whether it can be made today.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextReport {
    pub period: u8,
    pub due: String,
    pub open: bool,
    pub overdue: bool,
}

/// `done` lists the periods already reported. `None` when every report is made.
pub fn next_report(issued_on: Date, done: &[u8], today: Date) -> Option<NextReport> {
    re_report_due_dates(issued_on)
        .into_iter()
        .zip(1u8..)
        .find(|(_, period)| !done.contains(period))
        .map(|(due, period)| NextReport {
            period,
            due: crate::core::calendar::format_date(due),
            open: today >= due - time::Duration::days(REPORT_WINDOW_DAYS),
            overdue: today > due,
        })
}

/// Whether a card issued on `issued_on` is still valid on `today`.
pub fn is_valid_on(issued_on: Date, today: Date) -> bool {
    today >= issued_on && today <= valid_until(issued_on)
}

/// Masks a name for the public verification page: `Siti Aminah` → `S*** A*****`.
pub fn mask_name(name: &str) -> String {
    name.split_whitespace()
        .map(|word| {
            let mut chars = word.chars();
            let first = chars.next().map(String::from).unwrap_or_default();
            first + &"*".repeat(chars.count())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A seeker's AK-1 as they see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ak1View {
    pub application_id: i64,
    pub status: Ak1Status,
    pub submitted_at_ms: i64,
    pub due_at_ms: i64,
    pub officer_note: Option<String>,
    pub card_number: Option<String>,
    pub issued_on: Option<String>,
    pub valid_until: Option<String>,
    pub verification_code: Option<String>,
    pub re_report_due: Vec<String>,
    /// Dates (WIB) of the re-reports made.
    pub reports: Vec<String>,
    pub next_report: Option<NextReport>,
    pub events: Vec<Ak1Event>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ak1Event {
    pub at_ms: i64,
    pub to_status: String,
    pub reason: Option<String>,
}

/// The seeker's profile page data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyProfile {
    pub form: ProfileForm,
    /// Kinds of the files attached ("photo", "cv").
    pub files: Vec<String>,
    pub completeness: Completeness,
    pub ak1: Option<Ak1View>,
    /// The holder's name (the counter officer sees whose profile is open).
    pub full_name: String,
}

/// The officer's queue: how many are waiting in all, and the oldest of them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ak1Queue {
    pub total_waiting: i64,
    pub overdue: i64,
    pub items: Vec<QueueItem>,
}

/// How many applications the queue page lists at once (oldest first).
pub const QUEUE_PAGE_SIZE: i64 = 100;

/// One waiting application in the officer's queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueItem {
    pub application_id: i64,
    pub account_id: i64,
    pub full_name: String,
    pub nik_masked: String,
    pub education_level: Option<String>,
    pub district: Option<String>,
    pub school: Option<String>,
    pub skills: String,
    pub has_photo: bool,
    pub has_cv: bool,
    pub submitted_at_ms: i64,
    pub due_at_ms: i64,
}

/// The office's AK-1 figures: cards issued per day (last 30 days) and per month (last 12), how long issuing
/// takes, and how much of it met the one-working-day promise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ak1Statistics {
    /// (`YYYY-MM-DD`, cards issued), oldest first, days without cards included.
    pub per_day: Vec<(String, i64)>,
    /// (`YYYY-MM`, cards issued), oldest first.
    pub per_month: Vec<(String, i64)>,
    /// Cards issued in the last 12 months.
    pub issued: i64,
    /// Median minutes from the (last) submission to issue, over the last 12 months.
    pub median_minutes_to_issue: Option<i64>,
    /// Share (per mille, 0–1000) of those cards issued within the one-working-day deadline.
    pub within_deadline_per_mille: Option<i64>,
    pub waiting: i64,
    pub overdue: i64,
}

/// What the officer reviewing an AK-1 application sees of the applicant's profile (the read is audited).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewProfile {
    pub form: ProfileForm,
    pub entries: crate::features::ak1::experience::ProfileEntries,
}

/// What the public verification page shows (nothing more).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VerificationView {
    pub masked_name: String,
    pub card_number: String,
    /// "valid", "expired" or "closed".
    pub state: String,
    pub valid_until: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn cards_are_valid_two_years_and_re_reported_every_six_months() {
        assert_eq!(valid_until(date!(2026 - 11 - 28)), date!(2028 - 11 - 27));
        assert_eq!(valid_until(date!(2028 - 02 - 29)), date!(2030 - 02 - 28));
        assert_eq!(
            re_report_due_dates(date!(2026 - 08 - 31)),
            vec![
                date!(2027 - 02 - 28),
                date!(2027 - 08 - 31),
                date!(2028 - 02 - 29)
            ]
        );
        assert!(is_valid_on(date!(2026 - 11 - 28), date!(2028 - 11 - 27)));
        assert!(!is_valid_on(date!(2026 - 11 - 28), date!(2028 - 11 - 28)));
        assert!(!is_valid_on(date!(2026 - 11 - 28), date!(2026 - 11 - 27)));
    }

    #[test]
    fn re_reports_open_a_month_before_each_due_date() {
        let issued = date!(2026 - 01 - 15);
        let first = next_report(issued, &[], date!(2026 - 06 - 14)).expect("owed");
        assert_eq!(
            (first.period, first.due.as_str(), first.open, first.overdue),
            (1, "2026-07-15", false, false)
        );
        assert!(
            next_report(issued, &[], date!(2026 - 06 - 15))
                .expect("owed")
                .open
        );
        assert!(
            next_report(issued, &[], date!(2026 - 07 - 16))
                .expect("owed")
                .overdue
        );
        let second = next_report(issued, &[1], date!(2026 - 07 - 16)).expect("owed");
        assert_eq!(
            (second.period, second.due.as_str(), second.open),
            (2, "2027-01-15", false)
        );
        assert_eq!(next_report(issued, &[1, 2, 3], date!(2027 - 12 - 01)), None);
    }

    #[test]
    fn numbers_names_and_statuses() {
        assert_eq!(card_number(2026, 123), "AK1/3603/2026/000123");
        assert_eq!(mask_name("Siti  Aminah"), "S*** A*****");
        for status in [
            Ak1Status::Waiting,
            Ak1Status::Revision,
            Ak1Status::Issued,
            Ak1Status::Rejected,
            Ak1Status::Closed,
        ] {
            assert_eq!(Ak1Status::parse(status.as_str()), Some(status));
        }
        assert!(Decision::Reject.needs_reason() && !Decision::Approve.needs_reason());
    }

    #[test]
    fn the_meter_names_what_is_missing() {
        let empty = completeness(&ProfileForm::default());
        assert_eq!(empty.percent, 0);
        assert_eq!(empty.missing.len(), 7);
        let full = ProfileForm {
            marital_status: "belum_kawin".into(),
            address: "Jl. Raya Serang Km 24".into(),
            district_code: "36.03.01".into(),
            village_code: "36.03.01.1001".into(),
            education_level: "SMK".into(),
            school: "SMK Negeri 1 Balaraja".into(),
            graduation_year: "2014".into(),
            skills: "las listrik, forklift".into(),
            ..ProfileForm::default()
        };
        assert_eq!(
            completeness(&full),
            Completeness {
                missing: vec![],
                percent: 100
            }
        );
        assert_eq!(full.skill_list(), vec!["las listrik", "forklift"]);
        assert!(full.validate(2026).is_ok());
        let bad = ProfileForm {
            graduation_year: "2031".into(),
            district_code: "31.71.01".into(),
            ..full
        };
        let errors = bad.validate(2026).expect_err("invalid");
        assert_eq!(errors.get("graduation_year"), Some("err_year"));
        assert_eq!(errors.get("district_code"), Some("err_district"));
        assert_eq!(errors.get("village_code"), Some("err_village"));
    }

    #[test]
    fn villages_belong_to_their_district_and_preferences_are_checked() {
        assert!(village_in_district("36.03.01.1001", "36.03.01"));
        assert!(!village_in_district("36.03.01.1001", "36.03.02"));
        assert!(!village_in_district("36.03.01.9999", "36.03.01"));
        assert!(villages_of("36.03.01").all(|(code, _)| code.starts_with("36.03.01.")));
        assert!(villages_of("36.03.01").count() > 3);
        assert_eq!(tangerang_region_name("36.03.01"), Some("Balaraja"));
        assert_eq!(tangerang_region_name("36.03.01.1001"), Some("Balaraja"));
        let prefs = ProfileForm {
            preferred_occupations: "operator, Operator , admin gudang".into(),
            preferred_sector: "C".into(),
            preferred_district_code: "36.03.18".into(),
            minimum_wage: "Rp 4.900.000".into(),
            work_time: "full_time".into(),
            shift: "rotating".into(),
            ..ProfileForm::default()
        };
        assert!(prefs.validate(2026).is_ok());
        assert_eq!(prefs.occupation_list(), vec!["operator", "admin gudang"]);
        assert_eq!(prefs.minimum_wage_idr(), Some(4_900_000));
        let bad = ProfileForm {
            preferred_sector: "Z".into(),
            minimum_wage: "4,5 juta".into(),
            work_time: "weekends".into(),
            ..prefs
        };
        let errors = bad.validate(2026).expect_err("invalid");
        assert_eq!(errors.get("preferred_sector"), Some("err_choose"));
        assert_eq!(errors.get("minimum_wage"), Some("err_amount"));
        assert_eq!(errors.get("work_time"), Some("err_choose"));
    }
}
