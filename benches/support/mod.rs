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
pub fn on_both_backends(tag: &str, bench: Bench) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = dnaker::server::db::sqlite_url_in(dir.path());
        bench("sqlite", url, dir.path().to_path_buf()).await;
        let admin = std::env::var("BENCH_POSTGRES_URL")
            .or_else(|_| std::env::var("TEST_POSTGRES_URL"))
            .ok();
        let Some(admin) = admin else {
            println!("PostgreSQL skipped: set BENCH_POSTGRES_URL (an admin URL) to include it.");
            return;
        };
        let database = format!("dnaker_bench_{tag}_{}", std::process::id());
        let pool = sqlx::PgPool::connect(&admin).await.expect("postgres admin");
        sqlx::query(&format!("CREATE DATABASE {database}"))
            .execute(&pool)
            .await
            .expect("create database");
        let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
        let pg_dir = tempfile::tempdir().expect("tempdir");
        bench(
            "postgres",
            format!("{base}/{database}"),
            pg_dir.path().to_path_buf(),
        )
        .await;
        let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
            .execute(&pool)
            .await;
    });
}
