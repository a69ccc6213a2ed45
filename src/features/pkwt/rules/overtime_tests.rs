//! The overtime calculator's rules (PP 35/2021 Pasal 26–33).
use proptest::prelude::*;

use super::*;
use crate::core::money::Rupiah;

#[test]
fn overtime_bands_follow_pp_35_2021() {
    // Hourly wage 1/173 of 5,190,000 = 30,000.
    let wage = 5_190_000;
    // Working day: 1.5× the first hour, 2× after: 3 hours = 1.5 + 2 + 2 = 5.5 × 30,000.
    assert_eq!(
        overtime_day_pay(wage, WorkWeek::SixDays, DayKind::Working, 3),
        Rupiah(165_000)
    );
    // Six-day week rest day: 7 h at 2×, the 8th at 3×, 9–11 at 4×.
    assert_eq!(
        overtime_day_pay(wage, WorkWeek::SixDays, DayKind::Rest, 7),
        Rupiah(420_000)
    );
    assert_eq!(
        overtime_day_pay(wage, WorkWeek::SixDays, DayKind::Rest, 8),
        Rupiah(510_000)
    );
    assert_eq!(
        overtime_day_pay(wage, WorkWeek::SixDays, DayKind::Rest, 10),
        Rupiah(750_000)
    );
    // Five-day week rest day: 8 h at 2×, the 9th at 3×, 10–12 at 4×.
    assert_eq!(
        overtime_day_pay(wage, WorkWeek::FiveDays, DayKind::Rest, 8),
        Rupiah(480_000)
    );
    assert_eq!(
        overtime_day_pay(wage, WorkWeek::FiveDays, DayKind::Rest, 9),
        Rupiah(570_000)
    );
    assert_eq!(
        overtime_day_pay(wage, WorkWeek::FiveDays, DayKind::Rest, 12),
        Rupiah(930_000)
    );
    assert_eq!(
        hour_rate_halves(WorkWeek::FiveDays, DayKind::Rest, 13),
        None
    );
    assert_eq!(hour_rate_halves(WorkWeek::SixDays, DayKind::Rest, 12), None);
}

#[test]
fn overtime_limits_are_warned() {
    let mut input = OvertimeInput {
        wage: "5.190.000".into(),
        week: "5".into(),
        ..OvertimeInput::default()
    };
    for (i, h) in ["4", "4", "4", "3", "3"].iter().enumerate() {
        input.hours[i] = (*h).into();
    }
    let result = input.calculate().expect("valid");
    assert_eq!(result.hourly, Rupiah(30_000));
    assert!(
        result.warnings.is_empty(),
        "18 h is the limit: {:?}",
        result.warnings
    );
    // (1.5 + 2 + 2 + 2) × 3 days + (1.5 + 2 + 2) × 2 days = 33.5 hourly wages.
    assert_eq!(result.total, Rupiah(1_005_000));
    input.hours[4] = "4".into();
    let result = input.calculate().expect("valid");
    assert_eq!(
        result.warnings,
        vec!["warn_overtime_week|hours=19".to_owned()]
    );
}

#[test]
fn a_holiday_on_the_shortest_day_of_a_six_day_week_has_its_own_bands() {
    // Pasal 31: hours 1–5 twice, the 6th three times, the 7th–9th four times the hourly wage.
    let mut input = OvertimeInput {
        wage: "5.210.377".into(),
        week: "6".into(),
        ..OvertimeInput::default()
    };
    input.hours[5] = "7".into();
    input.short_day[5] = Some("1".into());
    let result = input.calculate().expect("valid");
    assert_eq!(result.days[0].kind, DayKind::ShortDayHoliday);
    // (5 × 2 + 3 + 4) = 17 hourly wages of 5,210,377 / 173.
    assert_eq!(result.total, Rupiah(512_002));
    // As a plain rest day it would be 7 × 2 = 14 hourly wages.
    input.short_day[5] = None;
    input.rest[5] = Some("1".into());
    assert_eq!(input.calculate().expect("valid").total, Rupiah(421_649));
    // Past the 9th hour of such a day nothing more is paid here, and the page says so.
    input.short_day[5] = Some("1".into());
    input.hours[5] = "10".into();
    let result = input.calculate().expect("valid");
    assert!(
        result
            .warnings
            .contains(&"warn_overtime_rest_bands".to_owned())
    );
    // A five-day week has no shorter day: such a holiday is paid as a rest day.
    input.week = "5".into();
    input.hours[5] = "7".into();
    assert_eq!(
        input.calculate().expect("valid").days[0].kind,
        DayKind::Rest
    );
}

#[test]
fn overtime_is_reckoned_on_three_quarters_of_the_whole_wage_when_allowances_vary() {
    // Pasal 33: basic pay and fixed allowances below 75% of the whole wage → 75% of the whole wage.
    let mut input = OvertimeInput {
        wage: "3.000.000".into(),
        variable_allowances: "2.000.000".into(),
        week: "5".into(),
        ..OvertimeInput::default()
    };
    input.hours[0] = "1".into();
    let result = input.calculate().expect("valid");
    assert_eq!(result.base, Rupiah(3_750_000));
    assert!(result.base_is_three_quarters);
    assert_eq!(result.total, Rupiah(32_514));
    // Above 75% already: the basic pay and fixed allowances.
    input.variable_allowances = "500.000".into();
    let result = input.calculate().expect("valid");
    assert_eq!(result.base, Rupiah(3_000_000));
    assert!(!result.base_is_three_quarters);
    input.variable_allowances = "banyak".into();
    let errors = input.calculate().expect_err("refused");
    assert!(errors.0.contains_key("variable_allowances"), "{errors:?}");
}

proptest! {
    #[test]
    fn the_overtime_base_is_never_below_either_rule(fixed in 0i64..=1_000_000_000_000, variable in 0i64..=1_000_000_000_000) {
        let base = overtime_base(fixed, variable);
        prop_assert!(base >= fixed);
        // At least three quarters of the whole (rounded to the rupiah), never more than the whole.
        prop_assert!(4 * i128::from(base) + 2 >= 3 * (i128::from(fixed) + i128::from(variable)));
        prop_assert!(base <= fixed + variable);
    }
}

#[test]
fn an_absurd_wage_is_refused_not_wrapped() {
    // Twenty digits: before, the total wrapped to a negative amount in release builds.
    let mut input = OvertimeInput {
        wage: "9.000.000.000.000.000.000".into(),
        week: "6".into(),
        ..OvertimeInput::default()
    };
    for hours in &mut input.hours {
        *hours = "24".into();
    }
    let errors = input.calculate().expect_err("refused");
    assert!(errors.0.contains_key("wage"), "{errors:?}");
    // The largest wage taken still gives a positive total.
    input.wage = MAX_MONTHLY_WAGE_IDR.to_string();
    let result = input.calculate().expect("valid");
    assert!(result.total.0 > 0);
}

#[test]
fn overtime_over_the_day_and_week_limits() {
    let mut input = OvertimeInput {
        wage: "5.190.000".into(),
        week: "6".into(),
        ..OvertimeInput::default()
    };
    for i in 0..5 {
        input.hours[i] = "4".into();
    }
    input.hours[5] = "5".into();
    // Sunday worked 12 h, beyond the six-day week's last band.
    input.hours[6] = "12".into();
    input.rest[6] = Some("on".into());
    let result = input.calculate().expect("valid");
    assert!(result.warnings.contains(&"warn_overtime_day".to_owned()));
    assert!(
        result
            .warnings
            .contains(&"warn_overtime_week|hours=25".to_owned())
    );
    assert!(
        result
            .warnings
            .contains(&"warn_overtime_rest_bands".to_owned())
    );
    assert_eq!(result.days.len(), 7);
    assert_eq!(result.days[6].kind, DayKind::Rest);
    let bad = OvertimeInput {
        wage: "x".into(),
        hours: [
            "30".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ],
        ..OvertimeInput::default()
    };
    let errors = bad.calculate().unwrap_err();
    assert_eq!(errors.get("wage"), Some("err_amount"));
    assert_eq!(errors.get("h0"), Some("err_hours"));
}
