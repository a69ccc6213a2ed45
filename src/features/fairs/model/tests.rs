use time::{
    Date,
    macros::{date, time},
};

use super::*;

fn fair() -> FairForm {
    FairForm {
        name: "Bursa Kerja Tangerang 2026".into(),
        description: "Bursa kerja hibrida dengan tiga puluh perusahaan.".into(),
        kind: "hybrid".into(),
        venue: "Gedung Serbaguna Tigaraksa".into(),
        map_url: "https://maps.example.id/tigaraksa".into(),
        starts_on: "2026-12-10".into(),
        ends_on: "2026-12-11".into(),
        opens_at: "08:00".into(),
        closes_at: "16:00".into(),
        registration_opens_on: "2026-11-20".into(),
        registration_closes_on: "2026-12-09".into(),
        capacity: "2.500".into(),
    }
}

fn field_errors(form: &FairForm, today: Option<Date>) -> Vec<(String, String)> {
    match form.check(today) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.0.into_iter().collect(),
    }
}

#[test]
fn a_complete_event_form_passes_with_its_figures() {
    let plan = fair().check(Some(date!(2026 - 11 - 29))).expect("valid");
    assert_eq!(plan.capacity, 2500);
    assert_eq!(plan.opens_at, time!(08:00));
    assert_eq!(plan.ends_on, date!(2026 - 12 - 11));
}

#[test]
fn event_form_refusals_name_their_fields() {
    let today = Some(date!(2026 - 11 - 29));
    let cases: Vec<(FairForm, &str, &str)> = vec![
        (
            FairForm {
                starts_on: "2026-11-28".into(),
                ..fair()
            },
            "starts_on",
            "err_date_past",
        ),
        (
            FairForm {
                ends_on: "2026-12-09".into(),
                ..fair()
            },
            "ends_on",
            "err_end_before_start_date",
        ),
        (
            FairForm {
                ends_on: "2026-12-30".into(),
                ..fair()
            },
            "ends_on",
            "err_fair_too_long",
        ),
        (
            FairForm {
                closes_at: "08:00".into(),
                ..fair()
            },
            "closes_at",
            "err_closes_before_opens",
        ),
        (
            FairForm {
                opens_at: "8".into(),
                ..fair()
            },
            "opens_at",
            "err_clock",
        ),
        (
            FairForm {
                registration_closes_on: "2026-12-12".into(),
                ..fair()
            },
            "registration_closes_on",
            "err_registration_after_fair",
        ),
        (
            FairForm {
                capacity: "0".into(),
                ..fair()
            },
            "capacity",
            "err_fair_capacity",
        ),
        (
            FairForm {
                kind: "circus".into(),
                ..fair()
            },
            "kind",
            "err_choose",
        ),
        (
            FairForm {
                map_url: "javascript:alert(1)".into(),
                ..fair()
            },
            "map_url",
            "err_web_link",
        ),
        (
            FairForm {
                venue: String::new(),
                ..fair()
            },
            "venue",
            "err_required",
        ),
    ];
    for (form, field, key) in cases {
        let errors = field_errors(&form, today);
        assert!(
            errors.iter().any(|(f, k)| f == field && k == key),
            "{field}: expected {key}, got {errors:?}"
        );
    }
}

#[test]
fn an_online_fair_needs_no_venue_and_an_event_being_edited_may_have_begun() {
    let online = FairForm {
        kind: "online".into(),
        venue: String::new(),
        ..fair()
    };
    assert!(online.check(Some(date!(2026 - 11 - 29))).is_ok());
    let begun = FairForm {
        starts_on: "2026-11-01".into(),
        ends_on: "2026-11-02".into(),
        registration_opens_on: "2026-10-01".into(),
        registration_closes_on: "2026-11-01".into(),
        ..fair()
    };
    assert!(begun.check(None).is_ok());
}

fn hours(online: bool) -> FairHours {
    FairHours {
        starts_on: date!(2026 - 12 - 10),
        ends_on: date!(2026 - 12 - 11),
        opens_at: time!(08:00),
        closes_at: time!(16:00),
        online,
    }
}

fn plan() -> SlotPlanForm {
    SlotPlanForm {
        day: "2026-12-10".into(),
        from: "09:00".into(),
        until: "10:00".into(),
        minutes: "15".into(),
        capacity: "3".into(),
        video_url: String::new(),
    }
}

#[test]
fn a_slot_plan_makes_back_to_back_slots_that_end_in_time() {
    let slots = plan().check(&hours(false)).expect("valid");
    let starts: Vec<&str> = slots.iter().map(|s| s.starts_at.as_str()).collect();
    assert_eq!(
        starts,
        [
            "2026-12-10 09:00",
            "2026-12-10 09:15",
            "2026-12-10 09:30",
            "2026-12-10 09:45"
        ]
    );
    // A 25-minute slot from 09:00 to 10:00 fits twice; the third would end at 10:15.
    let uneven = SlotPlanForm {
        minutes: "25".into(),
        ..plan()
    };
    assert_eq!(uneven.check(&hours(false)).expect("valid").len(), 2);
    assert!(slots.iter().all(|s| s.capacity == 3 && s.minutes == 15));
}

#[test]
fn slot_plan_refusals() {
    let cases: Vec<(SlotPlanForm, bool, &str, &str)> = vec![
        (
            SlotPlanForm {
                day: "2026-12-12".into(),
                ..plan()
            },
            false,
            "day",
            "err_slot_day_outside",
        ),
        (
            SlotPlanForm {
                from: "07:00".into(),
                ..plan()
            },
            false,
            "from",
            "err_slot_outside_hours",
        ),
        (
            SlotPlanForm {
                minutes: "3".into(),
                ..plan()
            },
            false,
            "minutes",
            "err_slot_minutes",
        ),
        (
            SlotPlanForm {
                capacity: "101".into(),
                ..plan()
            },
            false,
            "capacity",
            "err_slot_capacity",
        ),
        (plan(), true, "video_url", "err_video_link_required"),
        (
            SlotPlanForm {
                video_url: "http://meet.example/x".into(),
                ..plan()
            },
            false,
            "video_url",
            "err_web_link",
        ),
        (
            SlotPlanForm {
                until: "09:10".into(),
                ..plan()
            },
            false,
            "until",
            "err_slot_none",
        ),
    ];
    for (form, online, field, key) in cases {
        let errors = form.check(&hours(online)).expect_err(key);
        assert_eq!(errors.get(field), Some(key), "{errors:?}");
    }
}

#[test]
fn a_day_of_five_minute_slots_is_too_many_for_one_plan() {
    let form = SlotPlanForm {
        from: "08:00".into(),
        until: "16:00".into(),
        minutes: "5".into(),
        ..plan()
    };
    let errors = form.check(&hours(false)).expect_err("too many");
    assert_eq!(errors.get("until"), Some("err_slot_too_many"));
}

#[test]
fn registration_is_open_only_in_its_window_with_places_left() {
    let card = FairCard {
        id: 1,
        name: "x".into(),
        kind: "hybrid".into(),
        venue: "v".into(),
        starts_on: "2026-12-10".into(),
        ends_on: "2026-12-11".into(),
        opens_at: "08:00".into(),
        closes_at: "16:00".into(),
        registration_opens_on: "2026-11-20".into(),
        registration_closes_on: "2026-12-09".into(),
        status: "published".into(),
        capacity: 2,
        registered: 1,
        booths: 0,
    };
    assert!(card.registration_open("2026-11-20"));
    assert!(card.registration_open("2026-12-09"));
    assert!(!card.registration_open("2026-11-19"));
    assert!(!card.registration_open("2026-12-10"));
    let full = FairCard {
        registered: 2,
        ..card.clone()
    };
    assert!(!full.registration_open("2026-11-25"));
    let draft = FairCard {
        status: "draft".into(),
        ..card
    };
    assert!(!draft.registration_open("2026-11-25"));
}

#[test]
fn a_scanned_link_or_code_gives_the_ticket_code() {
    assert_eq!(
        ticket_code_from_scan("https://dnaker.example/petugas/bursa-kerja/pindai?kode=bk7q2m&x=1"),
        "BK7Q2M"
    );
    assert_eq!(ticket_code_from_scan("  bk7q2m "), "BK7Q2M");
}

#[test]
fn a_booth_form_needs_a_description_and_contact_hours() {
    let errors = BoothForm::default().check().expect_err("empty");
    assert_eq!(errors.get("description"), Some("err_required"));
    assert_eq!(errors.get("contact_hours"), Some("err_required"));
    assert!(
        BoothForm {
            description: "Lowongan operator dan teknisi.".into(),
            contact_hours: "09.00–15.00".into(),
        }
        .check()
        .is_ok()
    );
}
