//! Hostile input for every parser of typed data: rupiah amounts, dates, NIKs, TKA rates, and the forms built
//! on them (a PKWT contract, a foreign worker report, a levy bill and its proof). Whatever arrives, no panic,
//! and a refusal names at least one field. The bulk file readers have their own in
//! `features/pkwt/bulk/tests.rs`.
use proptest::prelude::*;
use time::{Date, macros::date};

use crate::{
    core::{
        calendar::{HolidayCalendar, format_date, parse_date, wib_date},
        money::Rupiah,
        validate::{Sex, check_nik, parse_nik},
    },
    features::{
        pkwt::rules::{ContractForm, Period, RuleContext},
        tka::rules::{BillForm, ProofForm, WorkerForm, format_rate, parse_rate},
    },
};

/// What people (and attackers) type into a field: anything, digits, near-dates, the calendar's edges.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9]{0,24}",
        "-?[0-9.,]{0,24}",
        "[0-9]{1,6}[-/.][0-9]{1,3}[-/.][0-9]{1,6}",
        "(0000|9999|1900|2026|2100)-(00|01|02|12|13)-(00|01|29|30|31|32)",
        "(Rp|rp|RP)\\.? ?[0-9.]{0,25}",
        Just("9999-12-31".to_owned()),
        Just("-9223372036854775808".to_owned()),
        Just("3603015508950001".to_owned()),
    ]
}

fn fields(n: usize) -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(typed(), n)
}

fn checkbox() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(typed())
}

/// Any day of the calendar (a birth date already read from a form).
fn dates() -> impl Strategy<Value = Date> {
    (Date::MIN.to_julian_day()..=Date::MAX.to_julian_day())
        .prop_map(|day| Date::from_julian_day(day).unwrap_or(Date::MIN))
}

/// A day the server's clock or database can give: 1900–2200.
fn server_days() -> impl Strategy<Value = Date> {
    (date!(1900 - 01 - 01).to_julian_day()..=date!(2200 - 12 - 31).to_julian_day())
        .prop_map(|day| Date::from_julian_day(day).unwrap_or(Date::MIN))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn rupiah_amounts_read_back_or_are_refused(text in typed()) {
        if let Some(amount) = Rupiah::parse(&text) {
            prop_assert_eq!(Rupiah::parse(&amount.to_string()), Some(amount));
        }
    }

    #[test]
    fn a_letter_in_an_amount_refuses_it(
        before in "[0-9.]{0,8}",
        letter in "[a-oqs-zA-OQS-Z]",
        after in "[0-9.]{0,8}",
    ) {
        prop_assert_eq!(Rupiah::parse(&format!("{before}{letter}{after}")), None);
    }

    #[test]
    fn niks_are_sixteen_digits_or_refused(text in typed(), birth in dates(), male in any::<bool>()) {
        if parse_nik(&text).is_ok() {
            let trimmed = text.trim();
            prop_assert!(trimmed.len() == 16 && trimmed.bytes().all(|b| b.is_ascii_digit()));
        }
        let sex = if male { Sex::Male } else { Sex::Female };
        let _ = check_nik(&text, birth, sex);
    }

    #[test]
    fn dates_read_back_or_are_refused(text in typed(), instant in any::<i64>()) {
        if let Some(day) = parse_date(&text) {
            prop_assert_eq!(parse_date(&format_date(day)), Some(day));
        }
        let _ = wib_date(instant);
    }

    #[test]
    fn rates_are_believable_and_read_back_or_are_refused(
        text in typed(),
        before in "[0-9.]{0,8}",
        letter in "[a-oq-zA-QS-Z]",
    ) {
        if let Some(hundredths) = parse_rate(&text) {
            // Rp 1.000,00 to Rp 100.000,00 a dollar, in hundredths.
            prop_assert!((100_000..=10_000_000).contains(&hundredths));
            prop_assert_eq!(parse_rate(&format_rate(hundredths)), Some(hundredths));
        }
        prop_assert_eq!(parse_rate(&format!("{before}{letter}")), None);
    }

    #[test]
    fn a_contract_form_of_junk_names_its_fields(
        f in fields(14),
        foreign in checkbox(),
        allowances in checkbox(),
        today in server_days(),
        earlier in proptest::collection::vec((server_days(), server_days()), 0..3),
    ) {
        let form = ContractForm {
            worker_id: f[0].clone(),
            worker_name: f[1].clone(),
            worker_sex: f[2].clone(),
            worker_birth_date: f[3].clone(),
            worker_address: f[4].clone(),
            foreign_worker: foreign,
            position: f[5].clone(),
            workplace: f[6].clone(),
            wage: f[7].clone(),
            wage_with_allowances: allowances,
            contract_kind: f[8].clone(),
            days_per_month: f[9].clone(),
            start_date: f[10].clone(),
            end_date: f[11].clone(),
            signed_place: "Tangerang".into(),
            signed_date: f[12].clone(),
            link_kind: f[13].clone(),
            previous_number: String::new(),
        };
        let earlier: Vec<Period> = earlier
            .into_iter()
            .map(|(a, b)| Period { start: a.min(b), end: a.max(b) })
            .collect();
        let holidays = HolidayCalendar::new([date!(2026 - 01 - 01)]);
        let context = RuleContext {
            today,
            minimum_wages: &[(2025, 4_901_117), (2026, 5_210_377)],
            holidays: &holidays,
            earlier: &earlier,
        };
        if let Err(errors) = form.check(&context) {
            prop_assert!(!errors.is_empty());
        }
        let _ = form.period();
        let _ = form.normalized_worker_id();
    }

    #[test]
    fn the_tka_forms_of_junk_name_their_fields(f in fields(30), today in server_days()) {
        let worker = WorkerForm {
            name: f[0].clone(),
            passport: f[1].clone(),
            nationality: f[2].clone(),
            sex: f[3].clone(),
            position: f[4].clone(),
            occupation_code: f[5].clone(),
            rptka_number: f[6].clone(),
            rptka_start: f[7].clone(),
            rptka_end: f[8].clone(),
            permit_number: f[9].clone(),
            permit_start: f[10].clone(),
            permit_end: f[11].clone(),
            district_code: f[12].clone(),
            start_date: f[13].clone(),
            end_date: f[14].clone(),
            counterpart_name: f[15].clone(),
            counterpart_nik: f[16].clone(),
            counterpart_position: f[17].clone(),
            counterpart_progress: f[18].clone(),
            language_training: f[19].clone(),
        };
        if let Err(errors) = worker.check() {
            prop_assert!(!errors.is_empty());
        }
        let bill = BillForm {
            rptka_number: f[20].clone(),
            period_start: f[21].clone(),
            period_end: f[22].clone(),
            positions: f[23].clone(),
            rate: f[24].clone(),
            rate_date: f[25].clone(),
            rate_source: f[26].clone(),
        };
        if let Err(errors) = bill.check() {
            prop_assert!(!errors.is_empty());
        }
        let proof = ProofForm {
            payment_reference: f[27].clone(),
            paid_on: f[28].clone(),
            rate: f[29].clone(),
            rate_source: f[26].clone(),
        };
        if let Err(errors) = proof.check(today) {
            prop_assert!(!errors.is_empty());
        }
    }
}
