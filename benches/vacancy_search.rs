//! Vacancy search, suggested candidates and recommendations at scale, on SQLite and (when
//! `BENCH_POSTGRES_URL` or `TEST_POSTGRES_URL` is set) PostgreSQL, plus the search page under concurrent load
//! as a ratio to a trivial route of the same router, measured in the same run.
//!
//! `cargo bench --features ssr --bench vacancy_search` (BENCH_SCALE=100 → 100,000 vacancies and 200,000
//! seekers; the default). Percentiles come from timing each call; the machine is noisy, so compare ratios.
use std::time::{Duration, Instant};

use axum::{body::Body, http::Request};
use dnaker::{
    core::i18n::Lang,
    features::vacancies::{
        query::{SearchQuery, SortOrder},
        search,
        suggestions::{rank_candidates, recommend},
    },
    server::{config::Config, db::Db, secrets::SecretKey, state::AppState},
    wiring,
};
use rand::{Rng, SeedableRng, rngs::StdRng, seq::IndexedRandom};
use tower::ServiceExt;

mod support;

const WORDS: &[&str] = &[
    "",
    "operator",
    "forklift",
    "gudang",
    "kasir",
    "perawat",
    "admin",
    "las",
    "programmer",
    "operator mesin",
    "teknisi listrik",
    "sopir",
    "quality control",
    "barista",
];
const DISTRICTS: &[&str] = &["36.03.01", "36.03.18", "36.03.07", "36.03.12", "36.03.22"];

struct Percentiles {
    p50: Duration,
    p99: Duration,
    max: Duration,
}

fn percentiles(mut samples: Vec<Duration>) -> Percentiles {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    Percentiles {
        p50: at(0.50),
        p99: at(0.99),
        max: at(1.0),
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn random_query(rng: &mut StdRng) -> SearchQuery {
    let mut query = SearchQuery {
        text: (*WORDS.choose(rng).unwrap_or(&"")).to_owned(),
        page: 1,
        ..SearchQuery::default()
    };
    if rng.random_bool(0.4) {
        query.district_code = DISTRICTS.choose(rng).map(|d| (*d).to_owned());
    }
    if rng.random_bool(0.2) {
        query.occupation = Some(["8", "83", "43", "52", "2"][rng.random_range(0..5)].to_owned());
    }
    if rng.random_bool(0.2) {
        query.education = Some(["SMA", "SMK", "D3"][rng.random_range(0..3)].to_owned());
    }
    if rng.random_bool(0.2) {
        query.min_wage_idr = Some(6_000_000);
    }
    query.sort = [SortOrder::Relevance, SortOrder::Newest, SortOrder::Wage][rng.random_range(0..3)];
    if rng.random_bool(0.1) {
        query.page = rng.random_range(2..6);
    }
    query
}

async fn time_each<F, Fut>(n: usize, mut call: F) -> Percentiles
where
    F: FnMut(usize) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let mut samples = Vec::with_capacity(n);
    for i in 0..n {
        let started = Instant::now();
        call(i).await;
        samples.push(started.elapsed());
    }
    percentiles(samples)
}

/// Requests per second for `path` with `concurrency` requests in flight, for `total` requests.
async fn throughput(router: &axum::Router, path: &str, concurrency: usize, total: usize) -> f64 {
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    let per_task = total / concurrency;
    for _ in 0..concurrency {
        let router = router.clone();
        let path = path.to_owned();
        tasks.spawn(async move {
            for _ in 0..per_task {
                let request = Request::get(&path)
                    .header("x-forwarded-for", "198.51.100.7")
                    .body(Body::empty())
                    .expect("request");
                let response = router.clone().oneshot(request).await.expect("answer");
                assert!(
                    response.status().is_success(),
                    "{path}: {}",
                    response.status()
                );
                let _ = http_body_util::BodyExt::collect(response.into_body()).await;
            }
        });
    }
    while tasks.join_next().await.is_some() {}
    (per_task * concurrency) as f64 / started.elapsed().as_secs_f64()
}

async fn bench_backend(name: &str, url: &str, dir: &std::path::Path, scale: u32) {
    let db = Db::connect_lazy(url).expect("database url");
    db.migrate().await.expect("migrate");
    let mut config = Config::default();
    config.server.data_dir = dir.to_path_buf();
    config.server.database_url = url.to_owned();
    config.server.trust_proxy = true;
    let secret = SecretKey::load_or_generate(None, dir).expect("secret");
    let state = AppState::new(config, db.clone(), secret).expect("state");
    state.mark_migrated();
    let report = support::seed_once(&state, name, scale).await;
    let now = dnaker::server::db::now_ms();
    let mut rng = StdRng::seed_from_u64(42);

    println!("[{name}] search …");
    let queries: Vec<SearchQuery> = (0..400).map(|_| random_query(&mut rng)).collect();
    // Warm the caches once.
    for query in queries.iter().take(20) {
        search::search(&db, Lang::Id, query, now)
            .await
            .expect("search");
    }
    let mut timed: Vec<(Duration, &SearchQuery)> = Vec::with_capacity(queries.len());
    for query in &queries {
        let started = Instant::now();
        search::search(&db, Lang::Id, query, now)
            .await
            .expect("search");
        timed.push((started.elapsed(), query));
    }
    timed.sort_by_key(|t| std::cmp::Reverse(t.0));
    // The p99 of 400 is about the fifth slowest: name the eight slowest.
    for (took, query) in timed.iter().take(8) {
        println!("  slow: {} {}", ms(*took), query.to_query_string());
    }
    let searched = percentiles(timed.iter().map(|(d, _)| *d).collect());

    println!("[{name}] suggested candidates …");
    let vacancy_ids: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM vacancies WHERE status = 'published' ORDER BY id DESC LIMIT 2000",
    )
    .fetch_all(&db.pool)
    .await
    .expect("vacancies");
    let sample: Vec<i64> = (0..40)
        .filter_map(|_| vacancy_ids.choose(&mut rng).map(|v| v.0))
        .collect();
    let mut timed_suggestions: Vec<(Duration, i64)> = Vec::with_capacity(sample.len());
    for id in &sample {
        let started = Instant::now();
        rank_candidates(&db, &state.pii, *id, now)
            .await
            .expect("suggestions");
        timed_suggestions.push((started.elapsed(), *id));
    }
    timed_suggestions.sort_by_key(|t| std::cmp::Reverse(t.0));
    for (took, id) in timed_suggestions.iter().take(3) {
        println!("  slow: {} vacancy {id}", ms(*took));
    }
    let suggested = percentiles(timed_suggestions.iter().map(|(d, _)| *d).collect());

    println!("[{name}] recommendations …");
    let seekers: Vec<(i64,)> = sqlx::query_as(
        "SELECT account_id FROM consents WHERE purpose = 'matching' AND granted = 1 ORDER BY account_id DESC LIMIT 2000",
    )
    .fetch_all(&db.pool)
    .await
    .expect("seekers");
    let seeker_sample: Vec<i64> = (0..40)
        .filter_map(|_| seekers.choose(&mut rng).map(|s| s.0))
        .collect();
    let recommended = time_each(seeker_sample.len(), |i| {
        let (db, id) = (&db, seeker_sample[i]);
        async move {
            recommend(db, Lang::Id, id, now)
                .await
                .expect("recommendations");
        }
    })
    .await;

    println!("[{name}] load …");
    let app = wiring::router(state.clone());
    let trivial = throughput(&app, "/healthz", 16, 4000).await;
    let page = throughput(&app, "/lowongan?q=operator&kecamatan=36.03.18", 16, 400).await;

    println!(
        "\n[{name}] {} vacancies, {} seekers",
        report.vacancies, report.seekers
    );
    println!(
        "  search ({} queries):          p50 {}  p99 {}  max {}   (target p99 ≤ 50 ms)",
        queries.len(),
        ms(searched.p50),
        ms(searched.p99),
        ms(searched.max)
    );
    println!(
        "  suggested candidates ({}):     p50 {}  p99 {}  max {}   (target ≤ 200 ms)",
        sample.len(),
        ms(suggested.p50),
        ms(suggested.p99),
        ms(suggested.max)
    );
    println!(
        "  recommended jobs ({}):         p50 {}  p99 {}  max {}   (target ≤ 100 ms)",
        seeker_sample.len(),
        ms(recommended.p50),
        ms(recommended.p99),
        ms(recommended.max)
    );
    println!(
        "  under load, 16 in flight:      /healthz {trivial:.0} req/s, /lowongan?q=… {page:.0} req/s, ratio {:.3}\n",
        page / trivial
    );
}

fn main() {
    support::on_both_backends("search", |name, url, dir| {
        Box::pin(async move {
            let scale: u32 = std::env::var("BENCH_SCALE")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(100);
            bench_backend(name, &url, &dir, scale).await;
        })
    });
}
