//! What the router benchmarks share: the app on a fresh database of either backend, and requests sent
//! through the real router (no TCP).
#![allow(dead_code)]

use std::{future::Future, path::Path, pin::Pin};

use axum::{Router, body::Body, http::Request};
use dnaker::{
    server::{config::Config, db::Db, secrets::SecretKey, state::AppState},
    wiring,
};
use tower::ServiceExt;

/// The migrated app on `url`, trusting `X-Forwarded-For` (each simulated person has an address).
pub async fn app(url: &str, dir: &Path) -> (AppState, Router) {
    // `RUST_LOG=sqlx::query=debug` shows each statement of a timed page with its time.
    if std::env::var_os("RUST_LOG").is_some() {
        dnaker::server::telemetry::init("text");
    }
    let db = Db::connect_lazy(url).expect("database url");
    db.migrate().await.expect("migrate");
    let mut config = Config::default();
    config.server.data_dir = dir.to_path_buf();
    config.server.database_url = url.to_owned();
    config.server.trust_proxy = true;
    let secret = SecretKey::load_or_generate(None, dir).expect("secret");
    let state = AppState::new(config, db, secret).expect("state");
    state.mark_migrated();
    let router = wiring::router(state.clone());
    (state, router)
}

/// Status, body and the session cookie a response sets.
pub async fn send(router: &Router, request: Request<Body>) -> (u16, String, Option<String>) {
    let response = router.clone().oneshot(request).await.expect("answer");
    let status = response.status().as_u16();
    let cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(str::to_owned);
    let bytes = http_body_util::BodyExt::collect(response.into_body())
        .await
        .expect("body")
        .to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned(), cookie)
}

/// A POST as the portal's own pages send it, from `ip`.
pub fn post(
    path: &str,
    cookie: Option<&str>,
    ip: &str,
    content_type: &str,
    body: Vec<u8>,
) -> Request<Body> {
    let mut request = Request::post(path)
        .header("content-type", content_type)
        .header("accept", "application/json")
        .header("origin", "http://localhost")
        .header("host", "localhost")
        .header("x-forwarded-for", ip);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.body(Body::from(body)).expect("request")
}

pub type Bench = fn(&'static str, String, std::path::PathBuf) -> Pin<Box<dyn Future<Output = ()>>>;

/// Runs `bench` on SQLite, then on PostgreSQL when `BENCH_POSTGRES_URL` (or `TEST_POSTGRES_URL`) names an
/// admin connection (a database is created for the run and dropped after).
///
/// `BENCH_KEEP=<dir>` keeps both databases for the next run instead, shared by the benchmarks that seed
/// with [`seed_once`] (`vacancy_search`, `statistics`): SQLite (and its secret key) in `<dir>/sqlite`,
/// PostgreSQL as `dnaker_bench_kept` with its key in `<dir>/postgres`. At `BENCH_SCALE=1000` the seed
/// takes minutes per backend, the timed part seconds. The other benchmarks expect a fresh database.
///
/// `BENCH_BACKENDS=sqlite` or `=postgres` runs one of them (two processes can then seed both at once).
pub fn on_both_backends(tag: &str, bench: Bench) {
    let only = std::env::var("BENCH_BACKENDS").ok();
    if let Some(only) = &only {
        assert!(
            ["sqlite", "postgres"].contains(&only.as_str()),
            "BENCH_BACKENDS is sqlite or postgres, not {only:?}"
        );
    }
    let runs = |backend: &str| only.as_deref().is_none_or(|only| only == backend);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let keep = std::env::var_os("BENCH_KEEP").map(std::path::PathBuf::from);
    runtime.block_on(async {
        let temp = tempfile::tempdir().expect("tempdir");
        let dir = match &keep {
            Some(keep) => kept_dir(keep, "sqlite"),
            None => temp.path().to_path_buf(),
        };
        let url = dnaker::server::db::sqlite_url_in(&dir);
        if runs("sqlite") {
            bench("sqlite", url, dir).await;
        }
        if !runs("postgres") {
            return;
        }
        let admin = std::env::var("BENCH_POSTGRES_URL")
            .or_else(|_| std::env::var("TEST_POSTGRES_URL"))
            .ok();
        let Some(admin) = admin else {
            println!("PostgreSQL skipped: set BENCH_POSTGRES_URL (an admin URL) to include it.");
            return;
        };
        let pool = sqlx::PgPool::connect(&admin).await.expect("postgres admin");
        let database = match &keep {
            Some(_) => "dnaker_bench_kept".to_owned(),
            None => format!("dnaker_bench_{tag}_{}", std::process::id()),
        };
        let (exists,): (bool,) =
            sqlx::query_as("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
                .bind(&database)
                .fetch_one(&pool)
                .await
                .expect("list databases");
        if !exists {
            sqlx::query(&format!("CREATE DATABASE {database}"))
                .execute(&pool)
                .await
                .expect("create database");
        }
        let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
        let pg_temp = tempfile::tempdir().expect("tempdir");
        let pg_dir = match &keep {
            Some(keep) => kept_dir(keep, "postgres"),
            None => pg_temp.path().to_path_buf(),
        };
        bench("postgres", format!("{base}/{database}"), pg_dir).await;
        if keep.is_none() {
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
                .execute(&pool)
                .await;
        }
    });
}

fn kept_dir(keep: &Path, name: &str) -> std::path::PathBuf {
    let dir = keep.join(name);
    std::fs::create_dir_all(&dir).expect("BENCH_KEEP directory");
    dir
}

/// What the scale data holds.
pub struct Seeded {
    pub vacancies: i64,
    pub seekers: i64,
}

/// Seeds `scale` unless the database already holds vacancies (a kept one, see [`on_both_backends`]).
pub async fn seed_once(state: &AppState, name: &str, scale: u32) -> Seeded {
    let count = |sql: &'static str| async move {
        let (n,): (i64,) = sqlx::query_as(sql)
            .fetch_one(&state.db.pool)
            .await
            .expect("count");
        n
    };
    let kept = count("SELECT COUNT(*) FROM vacancies").await;
    if kept == 0 {
        println!("[{name}] seeding scale {scale} …");
        let report = dnaker::features::demo::scale::seed_scale(&state.db, &state.pii, scale, true)
            .await
            .expect("seed");
        report.print();
    } else {
        println!(
            "[{name}] reusing the kept database ({kept} vacancies); BENCH_SCALE is not applied"
        );
    }
    Seeded {
        vacancies: count("SELECT COUNT(*) FROM vacancies").await,
        seekers: count("SELECT COUNT(*) FROM seekers").await,
    }
}
