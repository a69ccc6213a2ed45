//! The shared rules on the hot paths: the matching score, NIK validation and the vacancy check; and the
//! one deliberately slow rule, the password check at sign-in.
//! `cargo bench --features ssr --bench rules`
use criterion::{Criterion, criterion_group, criterion_main};
use dnaker::{
    core::validate::parse_nik,
    features::accounts::repo::{hash_password, verify_password},
    features::vacancies::{
        matching::{SeekerFacts, VacancyFacts, score},
        model::VacancyForm,
    },
};
use std::hint::black_box;

fn seeker() -> SeekerFacts {
    SeekerFacts {
        skills: ["forklift", "las listrik", "operator mesin", "Excel"]
            .map(String::from)
            .to_vec(),
        verified_skills: vec![],
        preferred_occupations: vec!["operator produksi".into(), "operator forklift".into()],
        education_rank: 4,
        experience_months: 30,
        district_code: Some("36.03.01".into()),
        preferred_district_code: Some("36.03.18".into()),
        minimum_wage_idr: Some(5_500_000),
        work_time: Some("full_time".into()),
    }
}

fn vacancy() -> VacancyFacts {
    VacancyFacts {
        title: "Operator Forklift".into(),
        required_skills: ["forklift", "SIO forklift", "K3"]
            .map(String::from)
            .to_vec(),
        education_rank: 4,
        experience_years: 1,
        district_code: "36.03.18".into(),
        wage_max_idr: 6_000_000,
        work_time: "full_time".into(),
    }
}

fn rules(c: &mut Criterion) {
    let (seeker, vacancy) = (seeker(), vacancy());
    c.bench_function("matching score (one seeker, one vacancy)", |b| {
        b.iter(|| score(black_box(&seeker), black_box(&vacancy)));
    });
    c.bench_function("NIK validation", |b| {
        b.iter(|| parse_nik(black_box("3603015508950001")));
    });
    let form = VacancyForm {
        title: "Operator Forklift".into(),
        occupation_code: "83".into(),
        description: "Mengoperasikan forklift di gudang bahan baku, memuat dan membongkar palet, mencatat stok harian."
            .into(),
        education_level: "SMA".into(),
        skills: "forklift, SIO forklift, K3".into(),
        experience_years: "1".into(),
        headcount: "3".into(),
        wage_min: "5.300.000".into(),
        wage_max: "6.000.000".into(),
        district_code: "36.03.18".into(),
        work_time: "full_time".into(),
        shift: "rotating".into(),
        contract_type: "contract".into(),
        deadline: "2026-12-31".into(),
        ..VacancyForm::default()
    };
    let today = time::macros::date!(2026 - 11 - 28);
    c.bench_function("vacancy check incl. wording flags", |b| {
        b.iter(|| black_box(&form).check(today, 5_210_377));
    });
}

/// One sign-in's password check: Argon2id with the portal's parameters (`repo::hash_password`), through
/// `repo::verify_password`, the same call sign-in makes (so the hop to the blocking pool is included).
/// Tens of milliseconds by design, hence few samples.
fn password_verification(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let hash = runtime
        .block_on(hash_password("kopi-tubruk-pagi-hari".to_owned()))
        .expect("hash");
    let mut group = c.benchmark_group("passwords");
    group.sample_size(10);
    group.bench_function("verify one password (Argon2id, sign-in)", |b| {
        b.iter(|| {
            let ok = runtime
                .block_on(verify_password(
                    black_box("kopi-tubruk-pagi-hari".to_owned()),
                    Some(hash.clone()),
                ))
                .expect("verify");
            assert!(ok);
        });
    });
    group.finish();
}

criterion_group!(benches, rules, password_verification);
criterion_main!(benches);
