use proptest::prelude::*;
use time::macros::date;

use super::*;

fn at(date: &str, time: &str) -> i64 {
    wib_instant_ms(date, time).expect("instant")
}

pub fn accident() -> AccidentForm {
    let s = |v: &str| v.to_owned();
    AccidentForm {
        victim_name: s("Budi Santoso"),
        victim_nik: s("3603012005960901"),
        victim_birth_date: s("1996-05-20"),
        victim_sex: s("male"),
        victim_job: s("Operator mesin press"),
        victim_unit: s("Produksi"),
        place: s("Lini press 3, gedung B"),
        date: s("2026-12-04"),
        time: s("22:30"),
        description: s("Tangan kiri terjepit cetakan saat membersihkan sisa material."),
        task: s("Membersihkan cetakan"),
        witnesses: s("Andi (operator), Sari (pengawas)"),
        agent: s("Mesin press hidrolik"),
        outcome: s("injured"),
        body_part: s("Tangan kiri"),
        treatment: s("Dijahit, rawat jalan"),
        hospital: s("RSUD Balaraja"),
        lost_days: s("3"),
        loss: s("2.500.000"),
        ..AccidentForm::default()
    }
}

#[test]
fn the_clock_runs_in_hours_across_midnight() {
    let event = at("2026-12-04", "22:30");
    assert!(!is_late(event, at("2026-12-06", "22:30")));
    assert!(is_late(event, at("2026-12-06", "22:31")));
    assert_eq!(hours_after(event, at("2026-12-05", "01:30")), 3);
}

#[test]
fn weekends_count_because_the_clock_is_hours_not_working_days() {
    // Friday 17:00 WIB: due Sunday 17:00, not Tuesday.
    let friday = at("2026-12-04", "17:00");
    assert_eq!(date!(2026 - 12 - 04).weekday(), time::Weekday::Friday);
    assert_eq!(report_deadline_ms(friday), at("2026-12-06", "17:00"));
    assert!(is_late(friday, at("2026-12-07", "08:00")));
    assert_eq!(hours_after(friday, at("2026-12-07", "08:00")), 63);
}

#[test]
fn times_are_wib() {
    // 00:30 WIB is 17:30 UTC the day before.
    let ms = at("2026-12-05", "00:30");
    assert_eq!(ms % 86_400_000, (17 * 60 + 30) * 60_000);
    assert!(wib_instant_ms("2026-12-05", "24:00").is_none());
    assert!(wib_instant_ms("2026-12-05", "jam").is_none());
}

#[test]
fn an_accident_report_checks_its_fields() {
    let now = at("2026-12-05", "09:00");
    let facts = accident().check(now).expect("valid");
    assert_eq!(facts.loss_idr, 2_500_000);
    let future = AccidentForm {
        date: "2026-12-06".into(),
        ..accident()
    };
    assert_eq!(
        future.check(now).expect_err("future").get("date"),
        Some("err_future_date")
    );
    let bad = AccidentForm {
        victim_nik: "1234".into(),
        outcome: "lost".into(),
        description: "short".into(),
        ..accident()
    };
    let errors = bad.check(now).expect_err("bad");
    assert_eq!(errors.get("victim_nik"), Some("safety_err_nik"));
    assert_eq!(errors.get("outcome"), Some("err_choose"));
    assert!(errors.get("description").is_some());
}

#[test]
fn a_foreign_victim_is_identified_by_passport_and_nationality() {
    let now = at("2026-12-05", "09:00");
    let foreign = AccidentForm {
        victim_id_kind: "passport".into(),
        victim_nik: String::new(),
        victim_passport: "e1234 5678".into(),
        victim_nationality: "Tiongkok".into(),
        ..accident()
    };
    assert!(foreign.check(now).is_ok(), "{:?}", foreign.check(now));
    assert_eq!(foreign.victim_id_number(), "E12345678");
    // The passport path does not ask for a NIK, and the NIK path ignores the passport.
    let no_nik = AccidentForm {
        victim_passport: "X1".into(),
        ..accident()
    };
    assert!(no_nik.check(now).is_ok());
    assert_eq!(no_nik.victim_id_number(), "3603012005960901");
    for (passport, nationality, field) in [
        ("E123", "Tiongkok", "victim_passport"),
        ("E1234567890123456789X", "Tiongkok", "victim_passport"),
        ("E12345678", "", "victim_nationality"),
    ] {
        let bad = AccidentForm {
            victim_passport: passport.into(),
            victim_nationality: nationality.into(),
            ..foreign.clone()
        };
        assert!(
            bad.check(now).expect_err(field).get(field).is_some(),
            "{field}"
        );
    }
    let unknown = AccidentForm {
        victim_id_kind: "kitas".into(),
        ..foreign
    };
    assert_eq!(
        unknown.check(now).expect_err("kind").get("victim_id_kind"),
        Some("err_choose")
    );
}

#[test]
fn smk3_categories_and_a_critical_finding() {
    assert_eq!(smk3_score(64, 38, 0), (59, Smk3Category::Poor));
    assert_eq!(smk3_score(64, 39, 0), (60, Smk3Category::Good));
    assert_eq!(smk3_score(122, 103, 0), (84, Smk3Category::Good));
    assert_eq!(smk3_score(122, 104, 0), (85, Smk3Category::Satisfactory));
    assert_eq!(smk3_score(166, 166, 0), (100, Smk3Category::Satisfactory));
    assert_eq!(smk3_score(166, 166, 1), (100, Smk3Category::Failed));
    let form = Smk3Form {
        level: "transition".into(),
        met: "123".into(),
        critical: "0".into(),
    };
    assert_eq!(
        form.check().expect_err("above").get("met"),
        Some("safety_err_met")
    );
}

#[test]
fn p2k3_is_required_from_100_workers_or_high_risk() {
    let small = P2k3Form {
        workers: "40".into(),
        ..P2k3Form::default()
    };
    assert_eq!(small.check().expect("ok"), (false, 0));
    let risky = P2k3Form {
        high_risk: Some("on".into()),
        formed: Some("on".into()),
        members: "6".into(),
        expert_secretary: Some("on".into()),
        ..small.clone()
    };
    assert_eq!(risky.check().expect("ok"), (true, 2));
}

#[test]
fn orders_are_one_a_line_with_their_due_date() {
    let orders = parse_orders(
        "2027-01-15 Pasang pagar pengaman mesin press\n\n2027-02-01 Latih operator K3",
    )
    .expect("ok");
    assert_eq!(orders.len(), 2);
    assert_eq!(orders[0].0, date!(2027 - 01 - 15));
    assert_eq!(parse_orders("besok perbaiki"), Err("safety_err_orders"));
    assert_eq!(parse_orders(""), Err("safety_err_orders"));
}

proptest! {
    #[test]
    fn the_smk3_percentage_stays_within_0_to_100(criteria in -5i64..400, met in -500i64..500, critical in 0i64..3) {
        let (percent, category) = smk3_score(criteria, met, critical);
        prop_assert!((0..=100).contains(&percent));
        prop_assert_eq!(category == Smk3Category::Failed, critical > 0);
    }

    #[test]
    fn late_means_more_than_48_hours(event in 0i64..4_000_000_000_000, after in 0i64..400_000_000) {
        prop_assert_eq!(is_late(event, event + after), after > 48 * 3_600_000);
    }
}
