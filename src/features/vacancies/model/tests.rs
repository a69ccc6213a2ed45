use super::*;
use time::macros::date;

const UMK_2026: i64 = 5_210_377;

fn operator() -> VacancyForm {
    VacancyForm {
        title: "Operator Produksi".into(),
        occupation_code: "81".into(),
        description:
            "Mengoperasikan mesin injeksi plastik, menjaga mutu produk dan kebersihan area kerja."
                .into(),
        education_level: "SMK".into(),
        skills: "Operator mesin produksi, quality control".into(),
        experience_years: "1".into(),
        headcount: "10".into(),
        wage_min: "5.210.377".into(),
        wage_max: "6.000.000".into(),
        district_code: "36.03.18".into(),
        deadline: "2026-12-31".into(),
        work_time: "full_time".into(),
        shift: "rotating".into(),
        contract_type: "permanent".into(),
        ..VacancyForm::default()
    }
}

#[test]
fn wages_below_the_umk_of_the_year_are_refused_and_wide_ranges_warned() {
    let today = date!(2026 - 11 - 28);
    assert_eq!(
        operator().check(today, UMK_2026),
        Ok(VacancyReview::default())
    );
    let below = VacancyForm {
        wage_min: "Rp 5.210.376".into(),
        ..operator()
    };
    let errors = below.check(today, UMK_2026).expect_err("below UMK");
    assert_eq!(errors.get("wage_min"), Some("err_below_umk"));
    let wide = VacancyForm {
        wage_max: "10.420.755".into(),
        ..operator()
    };
    assert_eq!(
        wide.check(today, UMK_2026).expect("allowed").warnings,
        vec!["warn_wage_spread"]
    );
    let reversed = VacancyForm {
        wage_max: "5.000.000".into(),
        wage_min: "6.000.000".into(),
        ..operator()
    };
    assert_eq!(
        reversed
            .check(today, UMK_2026)
            .expect_err("max < min")
            .get("wage_max"),
        Some("err_wage_order")
    );
}

#[test]
fn the_deadline_is_in_the_future_and_within_a_year() {
    let today = date!(2026 - 11 - 28);
    for (deadline, key) in [
        ("2026-11-28", "err_deadline_past"),
        ("2026-11-01", "err_deadline_past"),
        ("2028-01-01", "err_deadline_far"),
        ("31/12/2026", "err_date"),
    ] {
        let form = VacancyForm {
            deadline: deadline.into(),
            ..operator()
        };
        assert_eq!(
            form.check(today, UMK_2026)
                .expect_err(deadline)
                .get("deadline"),
            Some(key),
            "{deadline}"
        );
    }
}

#[test]
fn an_age_range_needs_a_reason_and_adult_bounds() {
    let today = date!(2026 - 11 - 28);
    let unexplained = VacancyForm {
        age_max: "35".into(),
        ..operator()
    };
    let errors = unexplained.check(today, UMK_2026).expect_err("no reason");
    assert_eq!(
        errors.get("age_justification"),
        Some("err_age_justification")
    );
    let explained = VacancyForm {
        age_min: "21".into(),
        age_max: "35".into(),
        age_justification: "Pekerjaan di ketinggian dengan sertifikasi K3 yang mensyaratkan usia"
            .into(),
        ..operator()
    };
    assert!(explained.check(today, UMK_2026).is_ok());
    let child = VacancyForm {
        age_min: "15".into(),
        ..explained
    };
    assert_eq!(
        child
            .check(today, UMK_2026)
            .expect_err("minor")
            .get("age_max"),
        Some("err_age_range")
    );
}

#[test]
fn discriminatory_wording_is_flagged_by_category() {
    let cases: &[(&str, &[&str])] = &[
        (
            "Wanita, berpenampilan menarik, belum menikah",
            &["flag_appearance", "flag_marital", "flag_sex"],
        ),
        (
            "Good-looking front-desk staff, single",
            &["flag_appearance", "flag_marital"],
        ),
        (
            "Suku Sunda diutamakan, beragama Islam",
            &["flag_ethnicity", "flag_religion"],
        ),
        ("Usia maksimal 25 tahun", &["flag_age"]),
        (
            "Mampu mengoperasikan forklift dan membaca gambar teknik",
            &[],
        ),
        // Whole words only: "pria" is not found inside "seprai".
        ("Menjahit seprai dan sarung bantal", &[]),
    ];
    for (text, expected) in cases {
        let mut categories: Vec<String> = wording_flags(text)
            .into_iter()
            .map(|f| f.category)
            .collect();
        categories.sort();
        categories.dedup();
        assert_eq!(categories, expected.to_vec(), "{text}");
    }
    let flags = wording_flags("Berpenampilan menarik");
    assert_eq!(flags.len(), 1, "one finding, not two: {flags:?}");
    let review = VacancyForm {
        description:
            "Kasir wanita berpenampilan menarik untuk toko di Cikupa, shift pagi dan sore.".into(),
        ..operator()
    }
    .check(date!(2026 - 11 - 28), UMK_2026)
    .expect("flags do not refuse");
    assert_eq!(review.flags.len(), 2);
}

#[test]
fn a_placement_report_needs_a_valid_nik_a_near_start_and_at_least_the_umk() {
    let today = date!(2026 - 11 - 28);
    let form = PlacementForm {
        nik: "3603015508950001".into(),
        worker_name: "Siti Rahayu".into(),
        position: "Operator Produksi".into(),
        start_date: "2026-12-01".into(),
        wage: "5.300.000".into(),
        contract_type: "contract".into(),
        vacancy_id: String::new(),
    };
    assert_eq!(form.check(today, UMK_2026), Ok(()));
    for (broken, field) in [
        (
            PlacementForm {
                nik: "123".into(),
                ..form.clone()
            },
            "nik",
        ),
        (
            PlacementForm {
                start_date: "2027-06-01".into(),
                ..form.clone()
            },
            "start_date",
        ),
        (
            PlacementForm {
                start_date: "2025-01-01".into(),
                ..form.clone()
            },
            "start_date",
        ),
        (
            PlacementForm {
                wage: "4.000.000".into(),
                ..form.clone()
            },
            "wage",
        ),
        (
            PlacementForm {
                contract_type: "forever".into(),
                ..form.clone()
            },
            "contract_type",
        ),
        (
            PlacementForm {
                vacancy_id: "abc".into(),
                ..form.clone()
            },
            "vacancy_id",
        ),
    ] {
        let errors = broken.check(today, UMK_2026).expect_err(field);
        assert!(errors.get(field).is_some(), "{field}: {errors:?}");
    }
}
