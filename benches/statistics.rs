//! Open statistics and the service dashboard at scale, on SQLite and (when `BENCH_POSTGRES_URL` or
//! `TEST_POSTGRES_URL` is set) PostgreSQL: the read model's rebuild (what a live query per visit would
//! cost: every card, vacancy and placement read and summed), then the pages rendered through the real router
//! from the pre-summed cells: `/statistik` with random filters, `/statistik/layanan`, and `/petugas` for a
//! signed-in officer.
//!
//! `cargo bench --features ssr --bench statistics` (BENCH_SCALE=100 → 100,000 vacancies and 200,000 seekers,
//! each with an issued AK-1 card; the default).
use std::time::{Duration, Instant};

use axum::{body::Body, http::Request};
use dnaker::{
    core::role::Role,
    features::{
        accounts::{
            api::SignIn,
            repo::{self as accounts, NewAccount},
        },
        demo::scale::seed_scale,
        statistics::{jobs, model::Dataset},
    },
};
use leptos::server_fn::ServerFn;
use rand::{SeedableRng, rngs::StdRng, seq::IndexedRandom};

mod support;

const DISTRICTS: &[&str] = &[
    "", "36.03.01", "36.03.18", "36.03.07", "36.03.12", "36.03.22",
];

fn percentile(samples: &mut [Duration], q: f64) -> Duration {
    samples.sort();
    samples[((samples.len() as f64 - 1.0) * q).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

async fn timed_gets(
    router: &axum::Router,
    paths: &[String],
    cookie: Option<&str>,
) -> (Duration, Duration) {
    let mut samples = Vec::with_capacity(paths.len());
    for path in paths {
        let mut request = Request::get(path).header("x-forwarded-for", "10.9.0.1");
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        let started = Instant::now();
        let (status, body, _) =
            support::send(router, request.body(Body::empty()).expect("request")).await;
        samples.push(started.elapsed());
        assert_eq!(status, 200, "{path}: {}", &body[..body.len().min(300)]);
    }
    (
        percentile(&mut samples, 0.5),
        percentile(&mut samples, 0.99),
    )
}

/// Every scale seeker gets an issued card (the scale seed makes profiles, not cards).
async fn issue_cards(db: &dnaker::server::db::Db) {
    sqlx::query(
        "INSERT INTO ak1_applications (account_id, status, submitted_at_ms, due_at_ms, decided_at_ms, card_number, \
         verification_code) SELECT account_id, 'issued', created_at_ms, created_at_ms + 86400000, \
         created_at_ms + 3600000, 'B/' || account_id, 'BV' || account_id FROM seekers",
    )
    .execute(&db.pool)
    .await
    .expect("cards");
}

async fn officer_cookie(state: &dnaker::server::state::AppState, router: &axum::Router) -> String {
    let hash = accounts::hash_password("bench-sandi-petugas".to_owned())
        .await
        .expect("hash");
    accounts::insert(
        &state.db.pool,
        &NewAccount {
            email: "petugas@bench.test",
            full_name: "Petugas Bench",
            role: Role::Officer,
            company_id: None,
            company_role: None,
            phone: None,
            password_hash: &hash,
            now_ms: 1,
        },
    )
    .await
    .expect("officer");
    let body = "email=petugas%40bench.test&password=bench-sandi-petugas";
    let (status, _, cookie) = support::send(
        router,
        support::post(
            SignIn::PATH,
            None,
            "10.9.0.2",
            "application/x-www-form-urlencoded",
            body.as_bytes().to_vec(),
        ),
    )
    .await;
    assert_eq!(status, 200, "sign-in");
    cookie.expect("session cookie")
}

async fn bench_backend(name: &str, url: &str, dir: &std::path::Path, scale: u32) {
    let (state, router) = support::app(url, dir).await;
    println!("[{name}] seeding scale {scale} …");
    let report = seed_scale(&state.db, &state.pii, scale, true)
        .await
        .expect("seed");
    report.print();
    issue_cards(&state.db).await;

    println!("[{name}] rebuilding the read model …");
    let started = Instant::now();
    let summary = jobs::rebuild(&state.db, state.clock.now_ms())
        .await
        .expect("rebuild");
    let rebuild = started.elapsed();

    let mut rng = StdRng::seed_from_u64(7);
    let year = dnaker::core::calendar::wib_date(state.clock.now_ms()).year();
    let paths: Vec<String> = (0..60)
        .map(|_| {
            let dataset = Dataset::ALL.choose(&mut rng).copied().unwrap_or_default();
            let district = DISTRICTS.choose(&mut rng).copied().unwrap_or("");
            format!(
                "/statistik?data={}&kecamatan={district}&tahun={year}",
                dataset.slug()
            )
        })
        .collect();
    let (page_p50, page_p99) = timed_gets(&router, &paths, None).await;
    let levels: Vec<String> = (0..20).map(|_| "/statistik/layanan".to_owned()).collect();
    let (levels_p50, levels_p99) = timed_gets(&router, &levels, None).await;
    let cookie = officer_cookie(&state, &router).await;
    let dashboard: Vec<String> = (0..30).map(|_| "/petugas".to_owned()).collect();
    let (dash_p50, dash_p99) = timed_gets(&router, &dashboard, Some(&cookie)).await;
    let csv: Vec<String> = (0..10)
        .map(|_| "/statistik/csv/pencari-kerja".to_owned())
        .collect();
    let (csv_p50, csv_p99) = timed_gets(&router, &csv, None).await;

    println!(
        "\n[{name}] {} vacancies, {} seekers with cards",
        report.vacancies, report.seekers
    );
    println!(
        "  read model rebuild (the hourly job; a live query would pay this per visit): {} ({summary})",
        ms(rebuild)
    );
    println!(
        "  /statistik page ({} filters):  p50 {}  p99 {}",
        paths.len(),
        ms(page_p50),
        ms(page_p99)
    );
    println!(
        "  /statistik/layanan:            p50 {}  p99 {}",
        ms(levels_p50),
        ms(levels_p99)
    );
    println!(
        "  /petugas dashboard (officer):  p50 {}  p99 {}",
        ms(dash_p50),
        ms(dash_p99)
    );
    println!(
        "  seekers CSV download:          p50 {}  p99 {}\n",
        ms(csv_p50),
        ms(csv_p99)
    );
}

fn main() {
    support::on_both_backends("statistics", |name, url, dir| {
        Box::pin(async move {
            let scale: u32 = std::env::var("BENCH_SCALE")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(100);
            bench_backend(name, &url, &dir, scale).await;
        })
    });
}
