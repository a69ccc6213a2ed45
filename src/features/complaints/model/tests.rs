use proptest::prelude::*;
use time::macros::date;

use super::*;
use crate::core::calendar::HolidayCalendar;

fn today() -> Date {
    date!(2026 - 12 - 07)
}

fn form() -> ComplaintForm {
    ComplaintForm {
        company_name: "PT Maju Terus".into(),
        category: "wages".into(),
        description: "Upah bulan Oktober dan November belum dibayar sama sekali.".into(),
        since_date: "2026-10-31".into(),
        workers_affected: "40".into(),
        wish: "Upah dibayar penuh".into(),
        privacy: "confidential".into(),
        name: "Siti Rahayu".into(),
        email: "siti@example.test".into(),
        ..ComplaintForm::default()
    }
}

#[test]
fn each_clock_counts_its_working_days_and_names_its_article() {
    // Monday 7 December 2026; a holiday on Friday 25 December.
    let cal = HolidayCalendar::new([date!(2026 - 12 - 25)]);
    let start = date!(2026 - 12 - 07);
    assert_eq!(Clock::Verify.due(&cal, start), date!(2026 - 12 - 10));
    assert_eq!(Clock::Plan.due(&cal, start), date!(2026 - 12 - 14));
    assert_eq!(Clock::Choice.due(&cal, start), date!(2026 - 12 - 16));
    assert_eq!(
        Clock::Recommendation.due(&cal, start),
        date!(2026 - 12 - 21)
    );
    assert_eq!(
        Clock::Answers.due(&cal, date!(2026 - 12 - 18)),
        date!(2027 - 01 - 04)
    );
    // Thirty working days: weekends and the Christmas holiday skipped.
    assert_eq!(Clock::Bipartite.due(&cal, start), date!(2027 - 01 - 19));
    assert_eq!(
        Clock::Mediation.due(&cal, start),
        Clock::Bipartite.due(&cal, start)
    );
    assert_eq!(Clock::Bipartite.article(), "UU 2/2004 Ps 3 ayat (2)");
    assert_eq!(Clock::Choice.article(), "UU 2/2004 Ps 4 ayat (3)-(4)");
    assert_eq!(
        Clock::Recommendation.article(),
        "UU 2/2004 Ps 13 ayat (2) huruf a"
    );
    assert_eq!(Clock::Mediation.article(), "UU 2/2004 Ps 15");
}

#[test]
fn silence_is_a_rejection_after_ten_working_days() {
    let cal = HolidayCalendar::default();
    let issued = date!(2026 - 12 - 07);
    let due = Clock::Answers.due(&cal, issued);
    assert_eq!(due, date!(2026 - 12 - 21));
    assert_eq!(
        answer_or_silence(None, due, due),
        None,
        "the last day still counts"
    );
    assert_eq!(
        answer_or_silence(None, due, date!(2026 - 12 - 22)),
        Some("silent")
    );
    assert_eq!(
        answer_or_silence(Some("accept"), due, date!(2027 - 01 - 22)),
        Some("accept")
    );
    assert_eq!(
        answer_or_silence(Some("reject"), due, issued),
        Some("reject")
    );
}

#[test]
fn bipartite_fails_by_the_calendar_after_thirty_working_days() {
    let cal = HolidayCalendar::new([date!(2026 - 12 - 25)]);
    let started = date!(2026 - 12 - 07);
    assert!(!bipartite_lapsed(&cal, started, date!(2027 - 01 - 19)));
    assert!(bipartite_lapsed(&cal, started, date!(2027 - 01 - 20)));
}

#[test]
fn the_stage_machine_runs_the_dispute_procedure_in_order() {
    let mut status = Status::Submitted;
    for step in [
        Step::Accept,
        Step::Plan,
        Step::BipartiteFailed,
        Step::Mediation,
        Step::Session,
        Step::Minutes,
        Step::Anjuran,
        Step::Answer,
        Step::Close,
    ] {
        assert!(step.from().contains(&status), "{step:?} from {status:?}");
        status = step.to(status);
    }
    assert_eq!(status, Status::Closed);
    assert!(
        !Step::Anjuran.from().contains(&Status::Bipartite),
        "no anjuran before mediation"
    );
    assert!(!Step::Close.from().contains(&Status::Closed), "closed once");
    assert!(Step::Refer.from().contains(&Status::Submitted));
    assert_eq!(Step::Refer.to(Status::Submitted), Status::Referred);
    assert!(!Status::Referred.is_open());
}

#[test]
fn labour_norm_and_safety_go_to_the_province() {
    assert!(Category::Safety.labour_norm());
    assert!(Category::Wages.labour_norm());
    assert!(!Category::Phk.labour_norm());
    let step = StepForm {
        step: "refer".into(),
        text: "Pelanggaran norma upah".into(),
        ..StepForm::default()
    };
    assert_eq!(
        step.check().map(|s| s.place),
        Ok(PROVINCIAL_INSPECTORATE.to_owned())
    );
}

#[test]
fn the_form_checks_what_it_needs() {
    assert!(form().check(today()).is_ok());
    let errors = ComplaintForm::default().check(today()).expect_err("empty");
    for field in [
        "company_name",
        "category",
        "privacy",
        "description",
        "since_date",
        "workers_affected",
        "wish",
    ] {
        assert!(errors.get(field).is_some(), "{field}");
    }
    let future = ComplaintForm {
        since_date: "2026-12-08".into(),
        ..form()
    };
    assert_eq!(
        future.check(today()).expect_err("future").get("since_date"),
        Some("complaint_err_future")
    );
    let no_name = ComplaintForm {
        name: String::new(),
        ..form()
    };
    assert!(
        no_name
            .check(today())
            .expect_err("name")
            .get("name")
            .is_some()
    );
}

#[test]
fn an_anonymous_complaint_keeps_no_identity_even_when_typed() {
    let anonymous = ComplaintForm {
        privacy: "anonymous".into(),
        phone: "081234567890".into(),
        ..form()
    };
    let checked = anonymous.check(today()).expect("valid");
    assert_eq!(
        (checked.name, checked.email, checked.phone),
        (None, None, None)
    );
}

#[test]
fn ticket_codes_use_the_unambiguous_alphabet() {
    assert!(valid_code("ADU-34679ACDEF"));
    assert!(!valid_code("ADU-0O1IL25SB8"));
    assert!(!valid_code("ADU-34679ACDE"));
    assert!(!valid_code("XYZ-34679ACDEF"));
    for confusable in b"01258ILOSZB" {
        assert!(!CODE_ALPHABET.contains(confusable));
    }
    assert_eq!(normalize_code(" adu-34679acdef "), "ADU-34679ACDEF");
}

#[test]
fn the_bipartite_minutes_need_every_part_or_the_non_response() {
    let empty = StepForm {
        step: "bipartite_failed".into(),
        ..StepForm::default()
    };
    let errors = empty.check().expect_err("empty");
    for field in [
        "parties",
        "date",
        "place",
        "text",
        "positions",
        "conclusion",
    ] {
        assert!(errors.get(field).is_some(), "{field}");
    }
    let no_response = StepForm {
        no_response: "1".into(),
        ..empty
    };
    assert_eq!(
        no_response.check().map(|s| s.text),
        Ok("no_response".to_owned())
    );
}

fn any_date() -> impl Strategy<Value = Date> {
    let first = date!(2020 - 01 - 01).to_julian_day();
    let last = date!(2035 - 12 - 31).to_julian_day();
    (first..=last).prop_map(|jd| Date::from_julian_day(jd).expect("in range"))
}

proptest! {
    #[test]
    fn no_deadline_falls_on_a_weekend_or_holiday(
        holidays in prop::collection::vec(any_date(), 0..300),
        start in any_date(),
        clock in prop::sample::select(Clock::ALL.to_vec()),
    ) {
        let cal = HolidayCalendar::new(holidays);
        let due = clock.due(&cal, start);
        prop_assert!(cal.is_working_day(due));
        prop_assert!(due > start);
        prop_assert_eq!(cal.working_days_between(start, due), i64::from(clock.working_days()));
    }
}
