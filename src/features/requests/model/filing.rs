//! A filing checked against its type: every field by its kind, then the rules of the shipped types
//! (notice periods, essential services, the PKB term, overtime limits as warnings).
use time::Date;

use super::{
    clock::{self, LOCKOUT_NOTICE_WORKING_DAYS, STRIKE_NOTICE_WORKING_DAYS},
    types::{ESSENTIAL_SECTORS, FieldKind, FieldSpec, RequestType, Values},
};
use crate::{
    core::{
        calendar::{HolidayCalendar, format_date, parse_date},
        error::FieldErrors,
        validate::parse_nik,
    },
    features::pkwt::rules::{OVERTIME_DAY_LIMIT, OVERTIME_WEEK_LIMIT},
};

/// A filing that passed: the values to store (the NIK taken out), the NIK alone, the day the noticed event
/// starts, and warnings (translation keys) that do not stop it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filing {
    pub values: Values,
    pub nik: Option<String>,
    pub event_date: Option<String>,
    pub warnings: Vec<String>,
}

/// The form field name of a type's field (`f_<key>`) and document (`d_<key>`).
pub fn field_input(key: &str) -> String {
    format!("f_{key}")
}

pub fn document_input(key: &str) -> String {
    format!("d_{key}")
}

fn check_value(spec: &FieldSpec, raw: &str) -> Result<String, &'static str> {
    let value = raw.trim();
    if value.is_empty() {
        return if spec.required {
            Err("err_required")
        } else {
            Ok(String::new())
        };
    }
    let ok = match spec.kind {
        FieldKind::Text => value.chars().count() <= 200,
        FieldKind::LongText => value.chars().count() <= 2000,
        FieldKind::Date => parse_date(value).is_some(),
        FieldKind::Time => {
            let parts: Vec<&str> = value.split(':').collect();
            parts.len() == 2
                && parts[0].parse::<u8>().is_ok_and(|h| h < 24)
                && parts[1].len() == 2
                && parts[1].parse::<u8>().is_ok_and(|m| m < 60)
        }
        FieldKind::Number => value
            .parse::<i64>()
            .is_ok_and(|n| (0..=1_000_000_000).contains(&n)),
        FieldKind::YesNo => matches!(value, "ya" | "tidak"),
        FieldKind::Choice => spec.options.iter().any(|o| o == value),
        FieldKind::Nik => {
            return parse_nik(value)
                .map(|_| value.to_owned())
                .map_err(|e| e.message_key());
        }
    };
    if ok {
        Ok(value.to_owned())
    } else {
        Err("requests_err_value")
    }
}

/// Checks a filing of `ty` made on `today`.
pub fn check_filing(
    ty: &RequestType,
    raw: &Values,
    today: Date,
    cal: &HolidayCalendar,
) -> Result<Filing, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut filing = Filing::default();
    for spec in &ty.fields {
        let input = raw.get(&spec.key).map_or("", String::as_str);
        match check_value(spec, input) {
            Ok(value) if spec.kind == FieldKind::Nik => {
                filing.nik = Some(value).filter(|v| !v.is_empty());
            }
            Ok(value) => {
                filing.values.insert(spec.key.clone(), value);
            }
            Err(key) => errors.add(&field_input(&spec.key), key),
        }
    }
    if errors.is_empty() {
        rule_checks(ty, &mut filing, &mut errors, today, cal);
    }
    errors.checked().map(|()| filing)
}

fn date_of(filing: &Filing, key: &str) -> Option<Date> {
    filing.values.get(key).and_then(|v| parse_date(v))
}

fn number_of(filing: &Filing, key: &str) -> i64 {
    filing
        .values
        .get(key)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn rule_checks(
    ty: &RequestType,
    f: &mut Filing,
    e: &mut FieldErrors,
    today: Date,
    cal: &HolidayCalendar,
) {
    let start = date_of(f, "start_date");
    let end = date_of(f, "end_date");
    match ty.rule.as_str() {
        "strike" | "lockout" => {
            let lead = if ty.rule == "strike" {
                STRIKE_NOTICE_WORKING_DAYS
            } else {
                LOCKOUT_NOTICE_WORKING_DAYS
            };
            if let Some(start) = start {
                if !clock::notice_in_time(cal, today, start, lead) {
                    e.add(&field_input("start_date"), "requests_err_notice_7");
                }
                f.event_date = Some(format_date(start));
            }
            if ty.rule == "lockout"
                && f.values
                    .get("sector")
                    .is_some_and(|s| ESSENTIAL_SECTORS.contains(&s.as_str()))
            {
                e.add(&field_input("sector"), "requests_err_essential");
            }
        }
        "phk" => {
            let probation = f.values.get("probation").is_some_and(|v| v == "ya");
            if let (Some(notified), Some(end)) = (date_of(f, "notice_date"), end) {
                if !clock::notice_in_time(cal, notified, end, clock::phk_lead(probation)) {
                    e.add(
                        &field_input("end_date"),
                        if probation {
                            "requests_err_phk_7"
                        } else {
                            "requests_err_phk_14"
                        },
                    );
                }
                f.event_date = Some(format_date(end));
            }
        }
        "pkb" => {
            if let (Some(start), Some(end)) = (date_of(f, "term_start"), date_of(f, "term_end"))
                && (end <= start
                    || end > crate::core::months::period_end(start, clock::PKB_TERM_MONTHS))
            {
                e.add(&field_input("term_end"), "requests_err_pkb_term");
            }
        }
        "overtime" => {
            if number_of(f, "hours_per_day") > i64::from(OVERTIME_DAY_LIMIT) {
                f.warnings.push("requests_warn_overtime_day".into());
            }
            if number_of(f, "hours_per_week") > i64::from(OVERTIME_WEEK_LIMIT) {
                f.warnings.push("requests_warn_overtime_week".into());
            }
            f.event_date = start.map(format_date);
        }
        "pp" => {
            if number_of(f, "workers") < 10 {
                f.warnings.push("requests_warn_pp_small".into());
            }
            // A renewal names the approval it renews (Permenaker 28/2014: the previous approval is part
            // of the renewal's file), so the office can link the two.
            if f.values.get("renewal").is_some_and(|v| v == "ya")
                && f.values.get("previous_number").is_none_or(String::is_empty)
            {
                e.add(&field_input("previous_number"), "requests_err_pp_previous");
            }
        }
        "mass_leave" => f.event_date = start.map(format_date),
        _ => {}
    }
    if let (Some(start), Some(end)) = (start, end)
        && end < start
    {
        e.add(&field_input("end_date"), "requests_err_end_before_start");
    }
}

/// The warning a PP renewal gets when filed after its last lawful filing day, 30 working days before the
/// current approval expires (Permenaker 28/2014). A warning, not a refusal: the rule binds the company,
/// and refusing a late renewal would leave its workers with no approved regulation at all, while the
/// office can still decide within its own 30 working days.
pub fn renewal_lateness(cal: &HolidayCalendar, today: Date, expires: Date) -> Option<&'static str> {
    (today > clock::renewal_last_filing_day(cal, expires))
        .then_some("requests_warn_pp_renewal_late")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::requests::model::types::{DocSpec, parse_fields};
    use time::macros::date;

    fn ty(rule: &str, fields: &str) -> RequestType {
        RequestType {
            id: 1,
            key: rule.into(),
            name_id: rule.into(),
            name_en: rule.into(),
            legal_basis: String::new(),
            rule: rule.into(),
            decider: "receipt".into(),
            decision_working_days: 0,
            correction_working_days: 14,
            issued_status: "registered".into(),
            document_title: "TANDA TERIMA".into(),
            validity_months: 0,
            deemed_approval: false,
            fields: parse_fields(fields).expect("fields"),
            documents: Vec::<DocSpec>::new(),
            active: true,
        }
    }

    fn values(pairs: &[(&str, &str)]) -> Values {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_strike_needs_7_working_days_across_a_holiday() {
        let strike = ty(
            "strike",
            "start_date | date | wajib | Mulai | Start\nreasons | long_text | wajib | Alasan | Reasons",
        );
        let cal = HolidayCalendar::new([date!(2026 - 08 - 17)]);
        let today = date!(2026 - 08 - 12);
        let early = check_filing(
            &strike,
            &values(&[("start_date", "2026-08-21"), ("reasons", "upah")]),
            today,
            &cal,
        );
        assert_eq!(
            early.expect_err("early").get("f_start_date"),
            Some("requests_err_notice_7")
        );
        let ok = check_filing(
            &strike,
            &values(&[("start_date", "2026-08-24"), ("reasons", "upah")]),
            today,
            &cal,
        )
        .expect("in time");
        assert_eq!(ok.event_date.as_deref(), Some("2026-08-24"));
    }

    #[test]
    fn lockouts_are_refused_in_essential_services() {
        let lockout = ty(
            "lockout",
            "start_date | date | wajib | Mulai | Start\nsector | choice | wajib | Sektor | Sector | umum,listrik",
        );
        let cal = HolidayCalendar::default();
        let errors = check_filing(
            &lockout,
            &values(&[("start_date", "2027-01-29"), ("sector", "listrik")]),
            date!(2026 - 12 - 07),
            &cal,
        )
        .expect_err("essential");
        assert_eq!(errors.get("f_sector"), Some("requests_err_essential"));
    }

    #[test]
    fn phk_notice_and_the_nik_kept_apart() {
        let phk = ty(
            "phk",
            "worker_nik | nik | wajib | NIK | NIK\nnotice_date | date | wajib | Pemberitahuan | Notice\nend_date | date | wajib | Berakhir | Ends\nprobation | yes_no | wajib | Percobaan | Probation",
        );
        let cal = HolidayCalendar::default();
        let today = date!(2026 - 11 - 02);
        let base = [
            ("worker_nik", "3603014101900001"),
            ("notice_date", "2026-11-02"),
            ("end_date", "2026-11-19"),
        ];
        let mut v = values(&base);
        v.insert("probation".into(), "tidak".into());
        assert_eq!(
            check_filing(&phk, &v, today, &cal)
                .expect_err("short")
                .get("f_end_date"),
            Some("requests_err_phk_14")
        );
        v.insert("probation".into(), "ya".into());
        let ok = check_filing(&phk, &v, today, &cal).expect("probation: 7 days");
        assert_eq!(ok.nik.as_deref(), Some("3603014101900001"));
        assert!(!ok.values.contains_key("worker_nik"));
    }

    #[test]
    fn overtime_beyond_the_limits_warns() {
        let overtime = ty(
            "overtime",
            "hours_per_day | number | wajib | Jam/hari | Hours/day\nhours_per_week | number | wajib | Jam/minggu | Hours/week",
        );
        let cal = HolidayCalendar::default();
        let ok = check_filing(
            &overtime,
            &values(&[("hours_per_day", "5"), ("hours_per_week", "18")]),
            date!(2026 - 12 - 07),
            &cal,
        )
        .expect("warned, not refused");
        assert_eq!(ok.warnings, vec!["requests_warn_overtime_day".to_owned()]);
    }

    #[test]
    fn a_pp_renewal_names_the_previous_approval_and_is_filed_in_time() {
        let pp = ty(
            "pp",
            "workers | number | wajib | Pekerja | Workers\nrenewal | yes_no | wajib | Pembaruan | Renewal\nprevious_number | text | opsional | Nomor | Number",
        );
        let cal = HolidayCalendar::default();
        let today = date!(2026 - 12 - 07);
        let renewal = values(&[
            ("workers", "50"),
            ("renewal", "ya"),
            ("previous_number", ""),
        ]);
        assert_eq!(
            check_filing(&pp, &renewal, today, &cal)
                .expect_err("no previous number")
                .get("f_previous_number"),
            Some("requests_err_pp_previous")
        );
        let named = values(&[
            ("workers", "50"),
            ("renewal", "ya"),
            ("previous_number", "PP/00001/3603/2025"),
        ]);
        assert!(check_filing(&pp, &named, today, &cal).is_ok());
        let first = values(&[("workers", "50"), ("renewal", "tidak")]);
        assert!(check_filing(&pp, &first, today, &cal).is_ok());
        // Expiry Friday 26 February 2027: the last filing day is 30 working days earlier, Friday 15
        // January 2027. Filed that day: in time; the Monday after: late, warned.
        let expires = date!(2027 - 02 - 26);
        assert_eq!(
            clock::renewal_last_filing_day(&cal, expires),
            date!(2027 - 01 - 15)
        );
        assert_eq!(renewal_lateness(&cal, date!(2027 - 01 - 15), expires), None);
        assert_eq!(
            renewal_lateness(&cal, date!(2027 - 01 - 18), expires),
            Some("requests_warn_pp_renewal_late")
        );
    }

    #[test]
    fn every_field_is_checked_by_its_kind() {
        let any = ty(
            "generic",
            "dd | date | wajib | D | D\ntt | time | opsional | T | T\nnn | number | opsional | N | N",
        );
        let errors = check_filing(
            &any,
            &values(&[("dd", "2026-02-30"), ("tt", "25:00"), ("nn", "x")]),
            date!(2026 - 12 - 07),
            &HolidayCalendar::default(),
        )
        .expect_err("bad");
        assert_eq!(errors.0.len(), 3);
    }
}
