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
    assert!(full.check(2026).is_ok());
    let bad = ProfileForm {
        graduation_year: "2031".into(),
        district_code: "31.71.01".into(),
        ..full
    };
    let errors = bad.check(2026).expect_err("invalid");
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
    assert!(prefs.check(2026).is_ok());
    assert_eq!(prefs.occupation_list(), vec!["operator", "admin gudang"]);
    assert_eq!(prefs.minimum_wage_idr(), Some(4_900_000));
    let bad = ProfileForm {
        preferred_sector: "Z".into(),
        minimum_wage: "4,5 juta".into(),
        work_time: "weekends".into(),
        ..prefs
    };
    let errors = bad.check(2026).expect_err("invalid");
    assert_eq!(errors.get("preferred_sector"), Some("err_choose"));
    assert_eq!(errors.get("minimum_wage"), Some("err_amount"));
    assert_eq!(errors.get("work_time"), Some("err_choose"));
}
