use proptest::prelude::*;
use time::macros::date;

use super::*;

pub(crate) fn welding_form() -> ProgrammeForm {
    ProgrammeForm {
        title: "Pengelasan SMAW Dasar".into(),
        description: "Pelatihan pengelasan busur manual untuk pemula, 160 jam teori dan praktik.".into(),
        provider_kind: "blk".into(),
        provider_name: "BLK Kabupaten Tangerang".into(),
        kbji_code: "72".into(),
        skills: "Pengelasan SMAW, K3 pengelasan, pengelasan smaw".into(),
        skkni_units: "C.24.10.1.001.01 Menerapkan K3 pengelasan\nC.24.10.1.002.01 Mengelas pelat posisi datar".into(),
        format: "in_person".into(),
        district_code: "36.03.01".into(),
        starts_on: "2027-01-11".into(),
        ends_on: "2027-02-19".into(),
        hours: "160".into(),
        quota: "16".into(),
        reserves: "2".into(),
        min_age: "18".into(),
        max_age: "35".into(),
        min_education: "SMP".into(),
        requires_ak1: "1".into(),
        eligible_district: String::new(),
        cost_idr: String::new(),
        registration_opens_on: "2026-12-01".into(),
        registration_closes_on: "2026-12-31".into(),
        selection: "test".into(),
        selection_on: "2027-01-05".into(),
    }
}

#[test]
fn a_good_form_passes_and_skills_are_listed_once() {
    let plan = welding_form()
        .check(Some(date!(2026 - 12 - 05)))
        .expect("valid");
    assert_eq!(plan.skills, vec!["Pengelasan SMAW", "K3 pengelasan"]);
    assert_eq!(plan.units.len(), 2);
    assert_eq!(plan.units[0].0, "C.24.10.1.001.01");
    assert_eq!((plan.quota, plan.reserves, plan.cost_idr), (16, 2, 0));
    assert!(plan.requires_ak1);
}

#[test]
fn bad_fields_are_named() {
    let form = ProgrammeForm {
        kbji_code: "7".into(),
        skills: " , ".into(),
        skkni_units: "X".into(),
        quota: "0".into(),
        min_age: "40".into(),
        max_age: "30".into(),
        ends_on: "2027-01-01".into(),
        registration_closes_on: "2027-01-20".into(),
        selection_on: "2026-12-01".into(),
        ..welding_form()
    };
    let errors = form
        .check(Some(date!(2026 - 12 - 05)))
        .expect_err("invalid");
    for field in [
        "kbji_code",
        "skills",
        "skkni_units",
        "quota",
        "max_age",
        "ends_on",
        "registration_closes_on",
        "selection_on",
    ] {
        assert!(errors.get(field).is_some(), "{field}: {errors:?}");
    }
    // No selection date is needed without a selection.
    let open = ProgrammeForm {
        selection: "none".into(),
        selection_on: String::new(),
        ..welding_form()
    };
    assert!(open.check(None).is_ok());
}

fn budi() -> Applicant {
    Applicant {
        date_of_birth: Some("2000-06-15".into()),
        education: Some("SMK".into()),
        has_ak1: true,
        district_code: Some("36.03.01".into()),
    }
}

fn rules() -> Eligibility {
    Eligibility {
        min_age: 18,
        max_age: 26,
        min_education: "SMA".into(),
        requires_ak1: true,
        district: "36.03.01".into(),
    }
}

#[test]
fn eligibility_names_the_first_rule_missed() {
    let today = date!(2026 - 12 - 05);
    assert_eq!(eligibility(&rules(), &budi(), today), Ok(()));
    // 26 until the birthday in June 2027, 27 after it.
    assert_eq!(
        eligibility(&rules(), &budi(), date!(2027 - 06 - 14)),
        Ok(())
    );
    assert_eq!(
        eligibility(&rules(), &budi(), date!(2027 - 06 - 15)),
        Err("err_training_age")
    );
    let young = Applicant {
        date_of_birth: Some("2010-01-01".into()),
        ..budi()
    };
    assert_eq!(
        eligibility(&rules(), &young, today),
        Err("err_training_age")
    );
    let smp = Applicant {
        education: Some("SMP".into()),
        ..budi()
    };
    assert_eq!(
        eligibility(&rules(), &smp, today),
        Err("err_training_education")
    );
    let no_card = Applicant {
        has_ak1: false,
        ..budi()
    };
    assert_eq!(
        eligibility(&rules(), &no_card, today),
        Err("err_training_needs_ak1")
    );
    let elsewhere = Applicant {
        district_code: Some("36.03.02".into()),
        ..budi()
    };
    assert_eq!(
        eligibility(&rules(), &elsewhere, today),
        Err("err_training_district")
    );
    let unknown = Applicant {
        date_of_birth: None,
        ..budi()
    };
    assert_eq!(
        eligibility(&rules(), &unknown, today),
        Err("err_training_no_birth_date")
    );
    let open = Eligibility {
        min_age: 15,
        max_age: 70,
        ..Eligibility::default()
    };
    assert_eq!(
        eligibility(
            &open,
            &Applicant {
                has_ak1: false,
                education: None,
                ..budi()
            },
            today
        ),
        Ok(())
    );
}

#[test]
fn sixteen_places_then_two_reserves_in_order_then_full() {
    let mut seats = Seats {
        quota: 16,
        reserves: 2,
        ..Seats::default()
    };
    let got: Vec<Seat> = (0..20).map(|_| seats.take()).collect();
    assert!(got[..16].iter().all(|s| *s == Seat::Place));
    assert_eq!(
        got[16..],
        [Seat::Reserve(1), Seat::Reserve(2), Seat::Full, Seat::Full]
    );
    let mut waiting = vec![2, 1];
    assert_eq!(seats.release_place(&mut waiting), Some(1));
    assert_eq!(seats.release_place(&mut waiting), Some(2));
    assert_eq!(seats.release_place(&mut waiting), None);
    assert_eq!((seats.held, seats.reserve_held), (15, 0));
}

#[test]
fn shares_and_rates() {
    assert_eq!(attendance_share(9, 10), 90);
    assert_eq!(attendance_share(12, 10), 100);
    assert_eq!(attendance_share(0, 0), 0);
    assert_eq!(completion_rate(14, 2), Some(87));
    assert_eq!(completion_rate(0, 0), None);
    assert_eq!(placement_rate(7, 14), Some(50));
    assert_eq!(placement_rate(3, 0), None);
    assert_eq!(rating_tenths(9, 2), Some(45));
    assert_eq!(RegStatus::parse("reserve"), Some(RegStatus::Reserve));
    assert!(RegStatus::Accepted.holds_place() && !RegStatus::Reserve.holds_place());
}

#[test]
fn the_catalogue_query_round_trips_and_drops_junk() {
    let query = CatalogueQuery::from_pairs([
        ("q", "las listrik"),
        ("kecamatan", "36.03.01"),
        ("jabatan", "72"),
        ("bentuk", "online"),
        ("penyelenggara", "blk"),
        ("gratis", "1"),
        ("hal", "3"),
    ]);
    let again = CatalogueQuery::from_pairs(
        query
            .to_query_string()
            .split('&')
            .filter_map(|p| p.split_once('='))
            .collect::<Vec<_>>()
            .iter()
            .map(|(k, v)| {
                (
                    *k,
                    if *v == "las+listrik" {
                        "las listrik"
                    } else {
                        *v
                    },
                )
            }),
    );
    assert_eq!(query, again);
    let junk = CatalogueQuery::from_pairs([
        ("kecamatan", "'; DROP"),
        ("jabatan", "x"),
        ("bentuk", "zz"),
        ("hal", "-9"),
    ]);
    assert_eq!(
        junk,
        CatalogueQuery {
            page: 1,
            ..CatalogueQuery::default()
        }
    );
}

proptest! {
    /// Whatever the order of registrations and withdrawals: places never exceed the quota, reserves never
    /// exceed their number, and reserves move up strictly in the order they registered.
    #[test]
    fn reserves_move_up_in_order_and_never_exceed_the_quota(
        quota in 1i64..20,
        reserves in 0i64..5,
        steps in proptest::collection::vec(0u8..4, 0..80),
    ) {
        let mut seats = Seats { quota, reserves, ..Seats::default() };
        let mut waiting: Vec<i64> = Vec::new();
        let mut promoted: Vec<i64> = Vec::new();
        for step in steps {
            match step {
                0 | 1 => {
                    if let Seat::Reserve(rank) = seats.take() {
                        waiting.push(rank);
                    }
                }
                2 if seats.held > 0 => {
                    if let Some(rank) = seats.release_place(&mut waiting) {
                        promoted.push(rank);
                    }
                }
                _ => {
                    if let Some(rank) = waiting.last().copied() {
                        seats.release_reserve(&mut waiting, rank);
                    }
                }
            }
            prop_assert!(seats.held <= quota && seats.held >= 0);
            prop_assert!(seats.reserve_held <= reserves && seats.reserve_held >= 0);
            prop_assert_eq!(seats.reserve_held as usize, waiting.len());
        }
        prop_assert!(promoted.windows(2).all(|w| w[0] < w[1]), "in order: {:?}", promoted);
    }
}
