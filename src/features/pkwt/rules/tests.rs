use proptest::prelude::*;
use time::{Date, macros::date};

use super::*;
use crate::core::{calendar::HolidayCalendar, error::FieldErrors, money::Rupiah};

const UMK: [(i32, i64); 3] = [(2024, 4_601_988), (2025, 4_901_117), (2026, 5_210_377)];

fn form() -> ContractForm {
    ContractForm {
        // A woman born 15 August 1995 in Kabupaten Tangerang (day + 40 = 55).
        worker_id: "3603015508950001".into(),
        worker_name: "Siti Aminah".into(),
        worker_sex: "female".into(),
        worker_birth_date: "1995-08-15".into(),
        worker_address: "Jl. Raya Serang Km 12, Cikupa".into(),
        foreign_worker: None,
        position: "Operator produksi".into(),
        workplace: "Pabrik Cikupa".into(),
        wage: "5.300.000".into(),
        wage_with_allowances: Some("on".into()),
        contract_kind: "period".into(),
        days_per_month: String::new(),
        start_date: "2026-01-05".into(),
        end_date: "2026-07-04".into(),
        signed_place: "Tangerang".into(),
        signed_date: "2026-01-02".into(),
        link_kind: "new".into(),
        previous_number: String::new(),
    }
}

fn check(
    form: &ContractForm,
    today: Date,
    earlier: &[Period],
) -> Result<ContractReview, FieldErrors> {
    let holidays = HolidayCalendar::new([date!(2026 - 01 - 01), date!(2026 - 03 - 20)]);
    form.check(&RuleContext {
        today,
        minimum_wages: &UMK,
        holidays: &holidays,
        earlier,
    })
}

fn period(start: Date, end: Date) -> Period {
    Period { start, end }
}

#[test]
fn a_valid_contract_passes_on_time() {
    let review = check(&form(), date!(2026 - 01 - 05), &[]).expect("valid");
    assert!(!review.late);
    assert_eq!((review.months_before, review.months_total), (0, 6));
}

#[test]
fn end_must_follow_start_and_dates_must_be_real() {
    let mut f = form();
    f.end_date = "2026-01-05".into();
    let errors = check(&f, date!(2026 - 01 - 05), &[]).unwrap_err();
    assert_eq!(errors.get("end_date"), Some("err_end_before_start"));
    f.start_date = "2026-02-30".into();
    let errors = check(&f, date!(2026 - 01 - 05), &[]).unwrap_err();
    assert_eq!(errors.get("start_date"), Some("err_date"));
}

#[test]
fn the_wage_is_held_to_the_umk_of_the_start_year() {
    let mut f = form();
    f.wage = "5.000.000".into();
    let errors = check(&f, date!(2026 - 01 - 05), &[]).unwrap_err();
    assert_eq!(
        errors.get("wage"),
        Some("err_below_umk_year|year=2026|amount=Rp 5.210.377")
    );
    // The same wage for a contract that started in 2025 meets that year's UMK.
    f.start_date = "2025-06-02".into();
    f.end_date = "2025-12-31".into();
    f.signed_date = "2025-06-02".into();
    assert!(check(&f, date!(2025 - 06 - 02), &[]).is_ok());
    // A year the office has not entered yet falls back to the latest known UMK.
    assert_eq!(minimum_wage_for(&UMK, 2027), Some((2026, 5_210_377)));
    assert_eq!(minimum_wage_for(&UMK, 2023), None);
}

#[test]
fn registration_after_three_working_days_is_late_across_holidays() {
    let holidays = HolidayCalendar::new([date!(2026 - 03 - 20)]);
    // Signed Wednesday 18 March 2026; Friday 20 March is a holiday: Thu 19, Mon 23, Tue 24 are the three days.
    let signed = date!(2026 - 03 - 18);
    assert!(!is_late(&holidays, signed, date!(2026 - 03 - 24)));
    assert!(is_late(&holidays, signed, date!(2026 - 03 - 25)));
    // Without the holiday the third working day is Monday 23.
    assert!(is_late(
        &HolidayCalendar::default(),
        signed,
        date!(2026 - 03 - 24)
    ));
    // Late contracts are accepted, flagged.
    let mut f = form();
    f.signed_date = "2025-12-01".into();
    assert!(
        check(&f, date!(2026 - 01 - 05), &[])
            .expect("accepted")
            .late
    );
}

#[test]
fn signing_cannot_be_in_the_future() {
    let mut f = form();
    f.signed_date = "2026-02-01".into();
    let errors = check(&f, date!(2026 - 01 - 05), &[]).unwrap_err();
    assert_eq!(errors.get("signed_date"), Some("err_date_future"));
}

#[test]
fn daily_work_stays_under_21_days_a_month() {
    let mut f = form();
    f.contract_kind = "daily".into();
    for (days, ok) in [
        ("20", true),
        ("21", false),
        ("25", false),
        ("0", false),
        ("", false),
        ("x", false),
    ] {
        f.days_per_month = days.into();
        assert_eq!(
            check(&f, date!(2026 - 01 - 05), &[]).is_ok(),
            ok,
            "{days} days"
        );
    }
    f.days_per_month = "21".into();
    let errors = check(&f, date!(2026 - 01 - 05), &[]).unwrap_err();
    assert_eq!(errors.get("days_per_month"), Some("err_daily_days"));
}

#[test]
fn daily_work_is_held_to_the_daily_minimum_for_its_days() {
    let mut f = form();
    f.contract_kind = "daily".into();
    f.days_per_month = "15".into();
    // 15 days at the UMK over 25 (Rp 208,415 a day): lawful, though far below the monthly UMK.
    f.wage = "3.126.226".into();
    assert!(check(&f, date!(2026 - 01 - 05), &[]).is_ok());
    f.wage = "3.000.000".into();
    let errors = check(&f, date!(2026 - 01 - 05), &[]).unwrap_err();
    assert_eq!(
        errors.get("wage"),
        Some("err_below_umk_daily|year=2026|amount=Rp 3.126.226")
    );
    // A contract by period is held to the whole month's UMK.
    f.contract_kind = "period".into();
    let errors = check(&f, date!(2026 - 01 - 05), &[]).unwrap_err();
    assert_eq!(
        errors.get("wage"),
        Some("err_below_umk_year|year=2026|amount=Rp 5.210.377")
    );
}

#[test]
fn the_nik_must_agree_with_birth_date_and_sex_but_foreigners_give_a_passport() {
    let mut f = form();
    f.worker_sex = "male".into();
    let errors = check(&f, date!(2026 - 01 - 05), &[]).unwrap_err();
    assert_eq!(errors.get("worker_id"), Some("err_nik_sex_mismatch"));
    let mut f = form();
    f.foreign_worker = Some("on".into());
    f.worker_id = "x1234567".into();
    assert!(check(&f, date!(2026 - 01 - 05), &[]).is_ok());
    assert_eq!(f.normalized_worker_id(), "X1234567");
    f.worker_id = "12 4".into();
    let errors = check(&f, date!(2026 - 01 - 05), &[]).unwrap_err();
    assert_eq!(errors.get("worker_id"), Some("err_passport"));
}

#[test]
fn workers_must_be_adults_at_the_start() {
    let mut f = form();
    f.worker_birth_date = "2008-08-15".into();
    f.worker_id = "3603015508080001".into();
    let errors = check(&f, date!(2026 - 01 - 05), &[]).unwrap_err();
    assert_eq!(errors.get("worker_birth_date"), Some("err_worker_age"));
}

#[test]
fn extensions_name_the_earlier_contract() {
    let mut f = form();
    f.link_kind = "extension".into();
    let errors = check(&f, date!(2026 - 01 - 05), &[]).unwrap_err();
    assert_eq!(errors.get("previous_number"), Some("err_previous_required"));
    f.previous_number = "PKWT/3603/2025/000001".into();
    assert!(check(&f, date!(2026 - 01 - 05), &[]).is_ok());
}

#[test]
fn five_years_across_a_chain_of_contracts_and_extensions() {
    // Three years, then an extension of one year: four years used, one left.
    let earlier = [
        period(date!(2021 - 01 - 04), date!(2024 - 01 - 03)),
        period(date!(2024 - 01 - 04), date!(2025 - 01 - 03)),
    ];
    let mut f = form();
    f.start_date = "2025-01-04".into();
    f.end_date = "2026-01-03".into();
    f.signed_date = "2025-01-02".into();
    let review = check(&f, date!(2025 - 01 - 03), &earlier).expect("exactly five years");
    assert_eq!((review.months_before, review.months_total), (48, 60));
    // One day more is refused, showing the months already used.
    f.end_date = "2026-01-04".into();
    let errors = check(&f, date!(2025 - 01 - 03), &earlier).unwrap_err();
    assert_eq!(errors.get("end_date"), Some("err_pkwt_cap|used=48|left=12"));
    // Overlapping registrations are not counted twice.
    let overlapping = [
        period(date!(2021 - 01 - 04), date!(2024 - 01 - 03)),
        period(date!(2023 - 01 - 04), date!(2025 - 01 - 03)),
    ];
    f.end_date = "2026-01-03".into();
    assert!(check(&f, date!(2025 - 01 - 03), &overlapping).is_ok());
}

#[test]
fn covered_days_and_months() {
    assert_eq!(days_covered(&[]), 0);
    assert_eq!(
        days_covered(&[period(date!(2026 - 01 - 01), date!(2026 - 01 - 31))]),
        31
    );
    assert_eq!(
        days_covered(&[
            period(date!(2026 - 01 - 10), date!(2026 - 01 - 20)),
            period(date!(2026 - 01 - 01), date!(2026 - 01 - 15)),
            period(date!(2026 - 01 - 12), date!(2026 - 01 - 13)),
        ]),
        20
    );
    assert_eq!(days_as_months(181), 6);
    assert_eq!(days_as_months(365), 12);
    assert_eq!(add_months(date!(2026 - 01 - 31), 1), date!(2026 - 02 - 28));
    assert_eq!(add_months(date!(2024 - 01 - 31), 1), date!(2024 - 02 - 29));
    assert_eq!(add_months(date!(2026 - 11 - 15), 14), date!(2028 - 01 - 15));
}

#[test]
fn compensation_is_pro_rata_from_one_month() {
    // Six whole months: 6/12 of the wage.
    let c = compensation(
        date!(2026 - 01 - 05),
        date!(2026 - 07 - 04),
        5_400_000,
        false,
    );
    assert_eq!((c.months, c.days, c.amount), (6, 0, Rupiah(2_700_000)));
    // Twelve months: one month's wage.
    let c = compensation(
        date!(2026 - 01 - 01),
        date!(2026 - 12 - 31),
        5_210_377,
        false,
    );
    assert_eq!((c.months, c.amount), (12, Rupiah(5_210_377)));
    // Three months and fifteen days: (3 + 15/30) / 12.
    let c = compensation(
        date!(2026 - 01 - 01),
        date!(2026 - 04 - 15),
        6_000_000,
        false,
    );
    assert_eq!((c.months, c.days, c.amount), (3, 15, Rupiah(1_750_000)));
    // Under one month: nothing due.
    let c = compensation(
        date!(2026 - 01 - 01),
        date!(2026 - 01 - 30),
        6_000_000,
        false,
    );
    assert_eq!(
        (c.amount, c.none_reason.as_deref()),
        (Rupiah(0), Some("none_short"))
    );
    // Exactly one month is due.
    let c = compensation(
        date!(2026 - 02 - 01),
        date!(2026 - 02 - 28),
        6_000_000,
        false,
    );
    assert_eq!((c.months, c.amount), (1, Rupiah(500_000)));
    // Foreign workers receive none.
    let c = compensation(
        date!(2026 - 01 - 01),
        date!(2026 - 12 - 31),
        30_000_000,
        true,
    );
    assert_eq!(
        (c.amount, c.none_reason.as_deref()),
        (Rupiah(0), Some("none_foreign"))
    );
}

#[test]
fn an_early_end_is_paid_for_the_time_served() {
    // A one-year contract ended after four months.
    let c = compensation(
        date!(2026 - 01 - 01),
        date!(2026 - 04 - 30),
        6_000_000,
        false,
    );
    assert_eq!((c.months, c.amount), (4, Rupiah(2_000_000)));
}

#[test]
fn the_compensation_calculator_reads_what_people_type() {
    let input = CompensationInput {
        wage: "Rp 5.400.000".into(),
        start_date: "2026-01-05".into(),
        end_date: "2026-07-04".into(),
        foreign_worker: None,
    };
    assert_eq!(input.calculate().expect("valid").amount, Rupiah(2_700_000));
    let bad = CompensationInput {
        wage: "lima juta".into(),
        start_date: "2026-07-05".into(),
        end_date: "2026-01-04".into(),
        foreign_worker: None,
    };
    let errors = bad.calculate().unwrap_err();
    assert_eq!(errors.get("wage"), Some("err_amount"));
    assert_eq!(errors.get("end_date"), Some("err_end_before_start"));
}

proptest! {
    /// Whatever chain of back-to-back contracts a company registers, none accepted reaches past five years
    /// from the first start.
    #[test]
    fn no_accepted_chain_exceeds_five_years(lengths in proptest::collection::vec(20i64..900, 1..12)) {
        let first = date!(2020 - 03 - 16);
        let mut accepted: Vec<Period> = Vec::new();
        let mut start = first;
        for days in lengths {
            let Some(end) = start.checked_add(time::Duration::days(days)) else { break };
            let new = period(start, end);
            if check_cap(&accepted, new).is_ok() {
                accepted.push(new);
                prop_assert!(end < add_months(first, MAX_TOTAL_MONTHS));
            } else {
                prop_assert!(end >= add_months(first, MAX_TOTAL_MONTHS));
                break;
            }
            start = match end.next_day() { Some(d) => d, None => break };
        }
    }
}

#[test]
fn time_served_is_counted_without_looping_to_the_end_of_time() {
    // Month ends and short months, as before.
    assert_eq!(served(date!(2026 - 01 - 31), date!(2026 - 02 - 27)), (1, 0));
    assert_eq!(served(date!(2026 - 01 - 31), date!(2026 - 02 - 28)), (1, 1));
    assert_eq!(served(date!(2026 - 01 - 15), date!(2026 - 07 - 14)), (6, 0));
    assert_eq!(
        served(date!(2026 - 01 - 15), date!(2026 - 01 - 10)),
        (0, -4)
    );
    // An end near the last date `time` knows answers at once with the right count.
    let (months, _) = served(date!(2026 - 01 - 01), date!(9999 - 12 - 30));
    assert_eq!(months, (9999 - 2026) * 12 + 11);
}

proptest! {
    #[test]
    fn served_months_are_the_most_whole_months_that_fit(
        start in 0i64..20_000, length in 0i64..4_000
    ) {
        let start = date!(2000 - 01 - 01) + time::Duration::days(start);
        let end = start + time::Duration::days(length);
        let (months, days) = served(start, end);
        let stop = end.next_day().expect("day");
        prop_assert!(add_months(start, months) <= stop);
        prop_assert!(add_months(start, months + 1) > stop);
        prop_assert_eq!(days, (stop - add_months(start, months)).whole_days());
    }
}
