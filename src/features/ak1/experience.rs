//! Work history, certificates and training on the seeker profile: shared entry forms and their rules.
use serde::{Deserialize, Serialize};

use crate::core::{error::FieldErrors, text::normalize_text};

/// One job as typed; months are `YYYY-MM` (what `<input type="month">` sends), no end month while it continues.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkEntry {
    pub employer: String,
    pub position: String,
    pub start_month: String,
    pub end_month: String,
    pub duties: String,
}

/// A certificate (e.g. BNSP competency) or a training course.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CertificateEntry {
    /// "certificate" or "training".
    pub kind: String,
    pub name: String,
    pub issuer: String,
    pub year: String,
}

pub const CERTIFICATE_KINDS: [&str; 2] = ["certificate", "training"];
/// A profile lists at most this many of each (a CV, not an archive).
pub const MAX_ENTRIES: i64 = 20;

/// `YYYY-MM` as (year, month).
pub fn parse_month(s: &str) -> Option<(i32, u8)> {
    let (year, month) = s.trim().split_once('-')?;
    let year: i32 = year.parse().ok().filter(|y| (1950..=2100).contains(y))?;
    let month: u8 = month.parse().ok().filter(|m| (1..=12).contains(m))?;
    (s.trim().len() == 7).then_some((year, month))
}

impl WorkEntry {
    /// `this_month` is today's (year, month) in WIB: a job cannot start or end in the future.
    pub fn check(&self, this_month: (i32, u8)) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        for (field, value, max) in [
            ("employer", &self.employer, 160),
            ("position", &self.position, 120),
        ] {
            if let Err(key) = normalize_text(value, 2, max) {
                errors.add(field, key);
            }
        }
        if self.duties.chars().count() > 500 {
            errors.add("duties", "err_text_length");
        }
        let start = parse_month(&self.start_month);
        match start {
            None => errors.add("start_month", "err_month"),
            Some(start) if start > this_month => errors.add("start_month", "err_future"),
            Some(_) => {}
        }
        if !self.end_month.trim().is_empty() {
            match parse_month(&self.end_month) {
                None => errors.add("end_month", "err_month"),
                Some(end) if end > this_month => errors.add("end_month", "err_future"),
                Some(end) if start.is_some_and(|start| end < start) => {
                    errors.add("end_month", "err_end_before_start");
                }
                Some(_) => {}
            }
        }
        errors.checked()
    }
}

impl CertificateEntry {
    pub fn check(&self, this_year: i32) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        if !CERTIFICATE_KINDS.contains(&self.kind.as_str()) {
            errors.add("kind", "err_choose");
        }
        for (field, value, max) in [("name", &self.name, 160), ("issuer", &self.issuer, 160)] {
            if let Err(key) = normalize_text(value, 2, max) {
                errors.add(field, key);
            }
        }
        match self.year.trim().parse::<i32>() {
            Ok(year) if (1950..=this_year).contains(&year) => {}
            _ => errors.add("year", "err_year"),
        }
        errors.checked()
    }
}

/// A saved job on the profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct WorkItem {
    pub id: i64,
    pub employer: String,
    pub position: String,
    pub start_month: String,
    pub end_month: Option<String>,
    pub duties: Option<String>,
}

/// A saved certificate or training.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CertificateItem {
    pub id: i64,
    pub kind: String,
    pub name: String,
    pub issuer: String,
    pub year: i64,
    /// Set on the entry a finished training programme wrote: verified, and not removable by the seeker.
    #[serde(default)]
    pub training_registration_id: Option<i64>,
}

/// The work history and certificates of a profile, newest first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProfileEntries {
    pub work: Vec<WorkItem>,
    pub certificates: Vec<CertificateItem>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job() -> WorkEntry {
        WorkEntry {
            employer: "PT Maju Jaya Plastik".into(),
            position: "Operator produksi".into(),
            start_month: "2019-03".into(),
            end_month: "2023-12".into(),
            duties: String::new(),
        }
    }

    #[test]
    fn jobs_need_a_past_start_and_an_end_after_it() {
        let now = (2026, 11);
        assert!(job().check(now).is_ok());
        let ongoing = WorkEntry {
            end_month: String::new(),
            ..job()
        };
        assert!(ongoing.check(now).is_ok());
        let reversed = WorkEntry {
            end_month: "2018-12".into(),
            ..job()
        };
        assert_eq!(
            reversed
                .check(now)
                .expect_err("end before start")
                .get("end_month"),
            Some("err_end_before_start")
        );
        let future = WorkEntry {
            start_month: "2026-12".into(),
            end_month: String::new(),
            ..job()
        };
        assert_eq!(
            future.check(now).expect_err("future").get("start_month"),
            Some("err_future")
        );
        let garbled = WorkEntry {
            start_month: "2019-13".into(),
            employer: " ".into(),
            ..job()
        };
        let errors = garbled.check(now).expect_err("garbled");
        assert_eq!(errors.get("start_month"), Some("err_month"));
        assert!(errors.get("employer").is_some());
        assert_eq!(parse_month("2019-3"), None);
        assert_eq!(parse_month("2019-03"), Some((2019, 3)));
    }

    #[test]
    fn certificates_name_a_kind_an_issuer_and_a_past_year() {
        let bnsp = CertificateEntry {
            kind: "certificate".into(),
            name: "Operator Forklift".into(),
            issuer: "BNSP".into(),
            year: "2022".into(),
        };
        assert!(bnsp.check(2026).is_ok());
        let bad = CertificateEntry {
            kind: "diploma".into(),
            year: "2027".into(),
            ..bnsp
        };
        let errors = bad.check(2026).expect_err("invalid");
        assert_eq!(errors.get("kind"), Some("err_choose"));
        assert_eq!(errors.get("year"), Some("err_year"));
    }
}
