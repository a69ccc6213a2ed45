//! Work safety (K3): the accident report of Permenaker 03/1998 and its 2 x 24-hour clock, the P2K3 and
//! SMK3 self-checks (PP 50/2012 scoring), the orders of an inspection, and the screen types.
use serde::{Deserialize, Serialize};
use time::{Date, PrimitiveDateTime, Time};

use crate::core::{
    calendar::{WIB, parse_date},
    error::FieldErrors,
    text::normalize_text,
};

/// An accident must be reported within 2 x 24 hours of the event: hours, weekends and nights included.
pub const REPORT_HOURS: i64 = 48;

/// Where an officer forwards an accident's referral package (UU 23/2014: inspection is the province's).
pub const REFERRAL_DESTINATION: &str = "Pengawas Ketenagakerjaan Provinsi Banten";
const HOUR_MS: i64 = 3_600_000;
pub const OUTCOMES: [&str; 3] = ["died", "injured", "sick"];
/// How the victim is identified: a NIK (an Indonesian), or a passport number (a foreign worker, who has no
/// NIK). Either is stored only encrypted with its keyed hash (`server::pii`).
pub const ID_KINDS: [&str; 2] = ["nik", "passport"];
/// Photos of an accident: JPEG or PNG, at most this many and this large.
pub const MAX_PHOTOS: usize = 3;
pub const PHOTO_MAX_BYTES: usize = 3 * 1024 * 1024;
/// An inspection's findings or an order's evidence (PDF, JPEG or PNG).
pub const DOCUMENT_MAX_BYTES: usize = 5 * 1024 * 1024;
pub const MAX_ORDERS: usize = 20;

/// The instant (UTC epoch ms) of a WIB date and `HH:MM` time.
pub fn wib_instant_ms(date: &str, time: &str) -> Option<i64> {
    let day = parse_date(date.trim())?;
    let (h, m) = time.trim().split_once(':')?;
    let (h, m) = (h.parse::<u8>().ok()?, m.get(..2)?.parse::<u8>().ok()?);
    let at = PrimitiveDateTime::new(day, Time::from_hms(h, m, 0).ok()?).assume_offset(WIB);
    Some(at.unix_timestamp() * 1000)
}

/// The last instant of the 2 x 24-hour window.
pub fn report_deadline_ms(occurred_ms: i64) -> i64 {
    occurred_ms + REPORT_HOURS * HOUR_MS
}

/// Whole hours from the event to the report (0 for a report timed before the event).
pub fn hours_after(occurred_ms: i64, reported_ms: i64) -> i64 {
    (reported_ms - occurred_ms).max(0) / HOUR_MS
}

/// Reported after the 2 x 24 hours: accepted, and flagged.
pub fn is_late(occurred_ms: i64, reported_ms: i64) -> bool {
    reported_ms > report_deadline_ms(occurred_ms)
}

/// The accident report as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccidentForm {
    pub victim_name: String,
    /// One of [`ID_KINDS`]; empty reads as "nik" (the form before foreign victims).
    pub victim_id_kind: String,
    pub victim_nik: String,
    pub victim_passport: String,
    pub victim_nationality: String,
    pub victim_birth_date: String,
    pub victim_sex: String,
    pub victim_job: String,
    pub victim_unit: String,
    pub place: String,
    pub date: String,
    pub time: String,
    pub description: String,
    pub task: String,
    pub witnesses: String,
    pub agent: String,
    pub outcome: String,
    pub body_part: String,
    pub treatment: String,
    pub hospital: String,
    pub lost_days: String,
    pub loss: String,
}

/// What a valid accident form brings: when it happened, the lost days and the estimated loss.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AccidentFacts {
    pub occurred_ms: i64,
    pub birth_date: Date,
    pub lost_days: i64,
    pub loss_idr: i64,
}

fn count(text: &str, max: i64) -> Option<i64> {
    crate::features::manpower_report::model::parse_count(text, max)
}

impl AccidentForm {
    /// The check shared by the browser and the server. `now_ms`: an event cannot lie in the future.
    pub fn check(&self, now_ms: i64) -> Result<AccidentFacts, FieldErrors> {
        let mut errors = FieldErrors::new();
        let texts: [(&str, &str, usize, usize); 12] = [
            ("victim_name", &self.victim_name, 3, 120),
            ("victim_job", &self.victim_job, 2, 120),
            ("victim_unit", &self.victim_unit, 2, 120),
            ("place", &self.place, 3, 200),
            ("description", &self.description, 20, 3000),
            ("task", &self.task, 3, 500),
            ("witnesses", &self.witnesses, 0, 500),
            ("agent", &self.agent, 3, 300),
            ("body_part", &self.body_part, 0, 200),
            ("treatment", &self.treatment, 3, 500),
            ("hospital", &self.hospital, 0, 200),
            ("victim_sex", &self.victim_sex, 0, 10),
        ];
        for (name, value, min, max) in texts {
            if let Err(key) = normalize_text(value, min, max) {
                errors.add(name, key);
            }
        }
        let birth = self.check_victim_id(&mut errors);
        if !OUTCOMES.contains(&self.outcome.trim()) {
            errors.add("outcome", "err_choose");
        }
        let occurred = wib_instant_ms(&self.date, &self.time);
        match occurred {
            None => errors.add("date", "safety_err_when"),
            Some(at) if at > now_ms => errors.add("date", "err_future_date"),
            Some(_) => {}
        }
        let lost_days = count(&self.lost_days, 36_500);
        if lost_days.is_none() {
            errors.add("lost_days", "manpower_err_count");
        }
        let loss = count(&self.loss, 1_000_000_000_000);
        if loss.is_none() {
            errors.add("loss", "manpower_err_count");
        }
        errors.checked()?;
        Ok(AccidentFacts {
            occurred_ms: occurred.unwrap_or_default(),
            birth_date: birth.unwrap_or(Date::MIN),
            lost_days: lost_days.unwrap_or_default(),
            loss_idr: loss.unwrap_or_default(),
        })
    }
}

impl AccidentForm {
    /// Whether the victim is identified by a passport number (a foreign worker).
    pub fn uses_passport(&self) -> bool {
        self.victim_id_kind.trim() == "passport"
    }

    /// The victim's identity number as it is encrypted: the NIK, or the passport number normalised as
    /// foreign workers' are (letters and digits, upper case).
    pub fn victim_id_number(&self) -> String {
        if self.uses_passport() {
            crate::features::tka::rules::normalize_passport(&self.victim_passport)
        } else {
            self.victim_nik.trim().to_owned()
        }
    }

    /// The victim's birth date, sex and identity: a NIK that matches the birth date and sex, or a passport
    /// number (6-20 letters or digits, as for foreign workers) with the nationality. Returns the birth date.
    fn check_victim_id(&self, errors: &mut FieldErrors) -> Option<Date> {
        let birth = parse_date(self.victim_birth_date.trim());
        let sex = crate::features::accounts::model::parse_sex(self.victim_sex.trim());
        match self.victim_id_kind.trim() {
            "" | "nik" => match (birth, sex) {
                (None, _) => errors.add("victim_birth_date", "err_date"),
                (_, None) => errors.add("victim_sex", "err_choose"),
                (Some(birth), Some(sex)) => {
                    if crate::core::validate::check_nik(self.victim_nik.trim(), birth, sex).is_err()
                    {
                        errors.add("victim_nik", "safety_err_nik");
                    }
                }
            },
            "passport" => {
                if birth.is_none() {
                    errors.add("victim_birth_date", "err_date");
                }
                if sex.is_none() {
                    errors.add("victim_sex", "err_choose");
                }
                if !(6..=20).contains(&self.victim_id_number().len()) {
                    errors.add("victim_passport", "err_passport");
                }
                if let Err(key) = normalize_text(&self.victim_nationality, 2, 60) {
                    errors.add("victim_nationality", key);
                }
            }
            _ => errors.add("victim_id_kind", "err_choose"),
        }
        birth
    }
}

/// The SMK3 audit levels of PP 50/2012 and their criteria.
pub const SMK3_LEVELS: [(&str, i64); 3] = [("initial", 64), ("transition", 122), ("advanced", 166)];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Smk3Category {
    Poor,
    Good,
    Satisfactory,
    /// A critical finding fails the assessment whatever the score.
    Failed,
}

impl Smk3Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Smk3Category::Poor => "poor",
            Smk3Category::Good => "good",
            Smk3Category::Satisfactory => "satisfactory",
            Smk3Category::Failed => "failed",
        }
    }
}

/// The score of `met` criteria out of `criteria` (rounded down to a whole percent) and its category:
/// 0-59 poor, 60-84 good, 85-100 satisfactory; a critical finding fails it.
pub fn smk3_score(criteria: i64, met: i64, critical: i64) -> (i64, Smk3Category) {
    let criteria = criteria.max(1);
    let met = met.clamp(0, criteria);
    let percent = met * 100 / criteria;
    let category = if critical > 0 {
        Smk3Category::Failed
    } else if percent >= 85 {
        Smk3Category::Satisfactory
    } else if percent >= 60 {
        Smk3Category::Good
    } else {
        Smk3Category::Poor
    };
    (percent, category)
}

/// The SMK3 self-check as typed: the level, the criteria met, the critical findings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Smk3Form {
    pub level: String,
    pub met: String,
    pub critical: String,
}

impl Smk3Form {
    /// Returns (criteria of the level, met, critical findings).
    pub fn check(&self) -> Result<(i64, i64, i64), FieldErrors> {
        let mut errors = FieldErrors::new();
        let criteria = SMK3_LEVELS
            .iter()
            .find(|(level, _)| *level == self.level.trim())
            .map(|(_, n)| *n);
        if criteria.is_none() {
            errors.add("level", "err_choose");
        }
        let max = criteria.unwrap_or(166);
        let met = count(&self.met, max);
        if met.is_none() {
            errors.add("met", "safety_err_met");
        }
        let critical = count(&self.critical, max);
        if critical.is_none() {
            errors.add("critical", "manpower_err_count");
        }
        errors.checked()?;
        Ok((max, met.unwrap_or_default(), critical.unwrap_or_default()))
    }
}

/// The P2K3 self-check: the committee (required at 100+ workers or a high risk, Permenaker 04/1987).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct P2k3Form {
    pub workers: String,
    pub high_risk: Option<String>,
    pub formed: Option<String>,
    pub members: String,
    pub expert_secretary: Option<String>,
    pub meets_monthly: Option<String>,
    pub reports_quarterly: Option<String>,
}

/// P2K3 criteria a committee meets out of these four: formed, a K3 expert as secretary, monthly meetings,
/// quarterly reports to the office.
pub const P2K3_CRITERIA: i64 = 4;

impl P2k3Form {
    /// Returns (required, criteria met).
    pub fn check(&self) -> Result<(bool, i64), FieldErrors> {
        use crate::features::manpower_report::model::ticked;
        let mut errors = FieldErrors::new();
        let workers = count(&self.workers, 1_000_000);
        if workers.is_none() {
            errors.add("workers", "manpower_err_count");
        }
        let formed = ticked(&self.formed);
        if formed && count(&self.members, 1_000).is_none_or(|n| n < 2) {
            errors.add("members", "safety_err_members");
        }
        errors.checked()?;
        let required = workers.unwrap_or_default() >= 100 || ticked(&self.high_risk);
        let met = [
            formed,
            formed && ticked(&self.expert_secretary),
            formed && ticked(&self.meets_monthly),
            formed && ticked(&self.reports_quarterly),
        ]
        .into_iter()
        .filter(|m| *m)
        .count() as i64;
        Ok((required, met))
    }
}

/// The orders of an inspection as typed: one a line, `YYYY-MM-DD what to do`.
pub fn parse_orders(text: &str) -> Result<Vec<(Date, String)>, &'static str> {
    if text.len() > 20_000 {
        return Err("safety_err_orders");
    }
    let mut orders = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if orders.len() == MAX_ORDERS {
            return Err("safety_err_orders");
        }
        let (date, what) = line.split_once(' ').ok_or("safety_err_orders")?;
        let due = parse_date(date).ok_or("safety_err_orders")?;
        let what = normalize_text(what, 5, 500).map_err(|_| "safety_err_orders")?;
        orders.push((due, what));
    }
    if orders.is_empty() {
        return Err("safety_err_orders");
    }
    Ok(orders)
}

mod views;
pub use views::*;

#[cfg(test)]
mod tests;
