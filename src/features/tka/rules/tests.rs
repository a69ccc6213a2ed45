// Money is grouped as units_hundredths: `100_00` is USD 100.00, `16_234_50` is Rp 16,234.50.
#![expect(clippy::inconsistent_digit_grouping)]

use time::macros::date;

use super::*;

#[test]
fn levy_months_count_a_part_month_as_whole() {
    let cases = [
        (date!(2026 - 01 - 01), date!(2026 - 12 - 31), 12),
        (date!(2026 - 01 - 15), date!(2026 - 02 - 14), 1),
        (date!(2026 - 01 - 15), date!(2026 - 02 - 15), 2),
        (date!(2026 - 01 - 15), date!(2026 - 01 - 15), 1),
        (date!(2026 - 03 - 01), date!(2026 - 08 - 31), 6),
        (date!(2026 - 03 - 01), date!(2026 - 09 - 01), 7),
        // A month from the 31st ends on the last day of a shorter month (it has no 31st).
        (date!(2026 - 01 - 31), date!(2026 - 02 - 27), 1),
        (date!(2026 - 01 - 31), date!(2026 - 02 - 28), 1),
        (date!(2026 - 01 - 31), date!(2026 - 03 - 01), 2),
        (date!(2026 - 01 - 31), date!(2026 - 03 - 30), 2),
        (date!(2026 - 01 - 31), date!(2026 - 03 - 31), 3),
        (date!(2026 - 08 - 31), date!(2027 - 02 - 28), 6),
        (date!(2026 - 08 - 31), date!(2027 - 03 - 01), 7),
        (date!(2026 - 08 - 30), date!(2026 - 09 - 29), 1),
        (date!(2026 - 08 - 30), date!(2026 - 09 - 30), 2),
        // Leap year: from 29 February, a year is twelve months, in a leap year or not.
        (date!(2028 - 02 - 29), date!(2029 - 02 - 27), 12),
        (date!(2028 - 02 - 29), date!(2029 - 02 - 28), 12),
        (date!(2028 - 02 - 29), date!(2029 - 03 - 01), 13),
        (date!(2027 - 03 - 01), date!(2028 - 02 - 29), 12),
        (date!(2026 - 12 - 01), date!(2026 - 11 - 30), 0),
        // Beyond the longest bill: one more than the limit, at once (no loop to the end of time).
        (
            date!(2026 - 01 - 01),
            date!(9999 - 12 - 31),
            MAX_BILL_MONTHS + 1,
        ),
    ];
    for (start, end, months) in cases {
        assert_eq!(levy_months(start, end), months, "{start} – {end}");
    }
}

#[test]
fn rupiah_conversion_of_several_positions_and_months() {
    // (positions, months, rate in hundredths, USD cents, rupiah)
    let cases = [
        (1, 1, 16_234_50, 100_00, 1_623_450),
        (3, 12, 16_234_50, 3_600_00, 58_444_200),
        (2, 7, 15_999_99, 1_400_00, 22_399_986),
        (1, 1, 1_000_01, 100_00, 100_001),
        (5, 60, 16_000_00, 30_000_00, 480_000_000),
    ];
    for (positions, months, rate, usd_cents, idr) in cases {
        let levy = levy(positions, months, rate);
        assert_eq!(
            (levy.usd_cents, levy.idr),
            (usd_cents, idr),
            "{positions} × {months} at {rate}"
        );
    }
}

#[test]
fn rates_are_read_in_indonesian_and_international_forms() {
    for (typed, hundredths) in [
        ("16.234,50", Some(16_234_50)),
        ("16234,5", Some(16_234_50)),
        ("16234.50", Some(16_234_50)),
        ("16.234", Some(16_234_00)),
        ("Rp 16.234", Some(16_234_00)),
        ("16234", Some(16_234_00)),
        ("16,234.5", None),
        ("999", None),
        ("abc", None),
        ("", None),
        ("16.234,505", None),
    ] {
        assert_eq!(parse_rate(typed), hundredths, "{typed}");
    }
    assert_eq!(format_rate(16_234_50), "16.234,50");
}

fn bill() -> BillForm {
    BillForm {
        rptka_number: "RPTKA-3603-0099".into(),
        period_start: "2027-01-01".into(),
        period_end: "2027-06-15".into(),
        positions: "2".into(),
        rate: "16.234,50".into(),
        rate_date: "2026-11-29".into(),
        rate_source: "Kurs JISDOR Bank Indonesia".into(),
    }
}

#[test]
fn a_bill_computes_its_levy_and_refuses_what_it_cannot_bill() {
    let plan = bill().check().expect("valid");
    assert_eq!(plan.levy.months, 6);
    assert_eq!(plan.levy.usd_cents, 1_200_00);
    assert_eq!(plan.levy.idr, 19_481_400);
    let cases = [
        (
            BillForm {
                positions: "0".into(),
                ..bill()
            },
            "positions",
            "err_positions",
        ),
        (
            BillForm {
                period_end: "2026-12-31".into(),
                ..bill()
            },
            "period_end",
            "err_end_before_start_date",
        ),
        (
            BillForm {
                period_end: "2032-06-01".into(),
                ..bill()
            },
            "period_end",
            "err_bill_too_long",
        ),
        (
            BillForm {
                rate: "12".into(),
                ..bill()
            },
            "rate",
            "err_rate",
        ),
        (
            BillForm {
                rate_source: String::new(),
                ..bill()
            },
            "rate_source",
            "err_required",
        ),
    ];
    for (form, field, key) in cases {
        let errors = form.check().expect_err(key);
        assert_eq!(errors.get(field), Some(key), "{errors:?}");
    }
}

fn worker() -> WorkerForm {
    WorkerForm {
        name: "Li Wei".into(),
        passport: "e1234 5678".into(),
        nationality: "Tiongkok".into(),
        sex: "male".into(),
        position: "Production Manager".into(),
        occupation_code: "13".into(),
        rptka_number: "RPTKA-3603-0099".into(),
        rptka_start: "2026-01-01".into(),
        rptka_end: "2026-12-31".into(),
        permit_number: "NOTIF-778899".into(),
        permit_start: "2026-01-10".into(),
        permit_end: "2026-12-31".into(),
        district_code: "36.03.01".into(),
        start_date: "2026-01-10".into(),
        end_date: "2026-12-31".into(),
        counterpart_name: "Budi Santoso".into(),
        counterpart_nik: "3603012005960901".into(),
        counterpart_position: "Asisten Manajer Produksi".into(),
        counterpart_progress: "40 %".into(),
        language_training: "ongoing".into(),
    }
}

#[test]
fn a_worker_report_checks_documents_periods_and_the_counterpart() {
    assert!(worker().check().is_ok());
    assert_eq!(normalize_passport(&worker().passport), "E12345678");
    assert_eq!(mask_passport("E12345678"), "******678");
    let cases = [
        (
            WorkerForm {
                passport: "E1".into(),
                ..worker()
            },
            "passport",
            "err_passport",
        ),
        (
            WorkerForm {
                permit_end: "2025-12-31".into(),
                ..worker()
            },
            "permit_end",
            "err_end_before_start_date",
        ),
        (
            WorkerForm {
                counterpart_nik: "123".into(),
                ..worker()
            },
            "counterpart_nik",
            "err_nik_length",
        ),
        (
            WorkerForm {
                counterpart_progress: "140".into(),
                ..worker()
            },
            "counterpart_progress",
            "err_progress",
        ),
        (
            WorkerForm {
                district_code: "31.71.01".into(),
                ..worker()
            },
            "district_code",
            "err_district",
        ),
        (
            WorkerForm {
                language_training: "maybe".into(),
                ..worker()
            },
            "language_training",
            "err_choose",
        ),
    ];
    for (form, field, key) in cases {
        let errors = form.check().expect_err(key);
        assert_eq!(errors.get(field), Some(key), "{errors:?}");
    }
}

#[test]
fn a_payment_cannot_be_dated_in_the_future() {
    let proof = ProofForm {
        payment_reference: "BNI-20261129-0001".into(),
        paid_on: "2026-11-30".into(),
        rate: "16.240".into(),
        rate_source: "Kurs JISDOR".into(),
    };
    let errors = proof.check(date!(2026 - 11 - 29)).expect_err("future");
    assert_eq!(errors.get("paid_on"), Some("err_future_date"));
    assert_eq!(
        proof.check(date!(2026 - 11 - 30)).expect("valid"),
        (date!(2026 - 11 - 30), 16_240_00)
    );
}

proptest::proptest! {
    /// Whatever the start, `n` months end on `crate::core::months::period_end(start, n)`: that day bills `n`, the next `n + 1`,
    /// and a later end never bills less.
    #[test]
    fn n_months_end_where_the_next_begins(days in 0i64..40_000, n in 1i64..=24, extra in 0i64..400) {
        let start = date!(2000 - 01 - 01) + time::Duration::days(days);
        let end = crate::core::months::period_end(start, n);
        proptest::prop_assert_eq!(levy_months(start, end), n);
        proptest::prop_assert_eq!(levy_months(start, end.next_day().expect("day")), n + 1);
        let later = end + time::Duration::days(extra);
        proptest::prop_assert!(levy_months(start, later) >= n);
        // A month is never shorter than 28 days nor longer than 31.
        let first = crate::core::months::period_end(start, 1);
        proptest::prop_assert!((27..=30).contains(&(first - start).whole_days()));
    }
}
