//! Test harness: the real router against a fresh SQLite file or a fresh PostgreSQL database.
//!
//! PostgreSQL comes from `TEST_POSTGRES_URL` (an admin connection; each test creates and drops its own
//! database). Without it the PostgreSQL variant of a test is skipped, unless
//! `DNAKER_REQUIRE_POSTGRES=1`, which makes a missing PostgreSQL a failure (CI sets it).
#![allow(dead_code)]

pub mod matrix;

use axum::{
    Router,
    body::Body,
    http::{HeaderMap, Request, StatusCode},
};
use http_body_util::BodyExt;
use tower::ServiceExt;

use dnaker::{
    server::{config::Config, db::Db, secrets::SecretKey, state::AppState},
    wiring,
};

pub struct TestApp {
    pub state: AppState,
    pub router: Router,
    _guard: Guard,
}

enum Guard {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres {
        admin_url: String,
        database: String,
        _dir: tempfile::TempDir,
    },
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Guard::Postgres {
            admin_url,
            database,
            ..
        } = self
        {
            let (admin_url, database) = (admin_url.clone(), database.clone());
            // Drop cannot await; a short-lived runtime on its own thread does the cleanup.
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build();
                if let Ok(runtime) = runtime {
                    runtime.block_on(async {
                        if let Ok(admin) = admin_pool(&admin_url).await {
                            let _ = sqlx::query(&format!(
                                "DROP DATABASE IF EXISTS {database} WITH (FORCE)"
                            ))
                            .execute(&admin)
                            .await;
                            admin.close().await;
                        }
                    });
                }
            })
            .join();
        }
    }
}

pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl TestApp {
    pub async fn request(&self, request: Request<Body>) -> Response {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        Response {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// Like `request`, keeping the body as bytes (PDFs, downloads).
    pub async fn request_bytes(&self, request: Request<Body>) -> (StatusCode, HeaderMap, Vec<u8>) {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("router answers");
        let (status, headers) = (response.status(), response.headers().clone());
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec();
        (status, headers, bytes)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.request(Request::get(path).body(Body::empty()).expect("request"))
            .await
    }

    pub async fn get_with_cookie(&self, path: &str, cookie: &str) -> Response {
        self.request(
            Request::get(path)
                .header("cookie", cookie)
                .body(Body::empty())
                .expect("request"),
        )
        .await
    }

    /// A second server instance on the same database (own pool, same secret and configuration), as when
    /// several instances run behind a load balancer.
    pub fn second_instance(&self) -> AppState {
        let config: Config = (*self.state.config).clone();
        let db = Db::connect_lazy(&config.database_url()).expect("database url");
        let secret = SecretKey::load_or_generate(None, &config.server.data_dir).expect("secret");
        let state = AppState::new(config, db, secret).expect("storage");
        state.mark_migrated();
        state
    }

    pub fn db(&self) -> &Db {
        &self.state.db
    }

    pub async fn count(&self, sql: &str) -> i64 {
        let (n,): (i64,) = sqlx::query_as(sql)
            .fetch_one(&self.state.db.pool)
            .await
            .expect("count query");
        n
    }
}

fn test_config(data_dir: &std::path::Path, database_url: &str) -> Config {
    let mut config = Config::default();
    config.server.data_dir = data_dir.to_path_buf();
    config.server.database_url = database_url.to_owned();
    config.server.body_limit_bytes = 64 * 1024;
    // Tests give each client its own address through X-Forwarded-For.
    config.server.trust_proxy = true;
    config
}

async fn build(config: Config, guard: Guard, migrate: bool) -> TestApp {
    let db = Db::connect_lazy(&config.database_url()).expect("database url");
    if migrate {
        db.migrate().await.expect("migrations apply");
    }
    let secret = SecretKey::load_or_generate(None, &config.server.data_dir).expect("secret");
    let state = AppState::new(config, db, secret).expect("storage");
    if migrate {
        state.mark_migrated();
    }
    TestApp {
        router: wiring::router(state.clone()),
        state,
        _guard: guard,
    }
}

/// A migrated app on a fresh SQLite file, its built files (`site_root`) in `site_root`.
pub async fn sqlite_app_with_site(site_root: &std::path::Path) -> TestApp {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut config = test_config(dir.path(), "");
    config.server.site_root = site_root.to_string_lossy().into_owned();
    build(config, Guard::Sqlite(dir), true).await
}

/// A migrated app on a fresh SQLite file.
pub async fn sqlite_app() -> TestApp {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = test_config(dir.path(), "");
    build(config, Guard::Sqlite(dir), true).await
}

/// A migrated SQLite app whose uploads go to the S3-compatible server at `TEST_S3_ENDPOINT` (test.sh starts
/// one), in bucket `TEST_S3_BUCKET` under a fresh prefix; `None` when none is configured.
pub async fn sqlite_app_with_s3() -> Option<TestApp> {
    let endpoint = match std::env::var("TEST_S3_ENDPOINT") {
        Ok(url) if !url.trim().is_empty() => url,
        _ => {
            assert!(
                std::env::var("DNAKER_REQUIRE_S3").as_deref() != Ok("1"),
                "DNAKER_REQUIRE_S3=1 but TEST_S3_ENDPOINT is not set"
            );
            return None;
        }
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let mut config = test_config(dir.path(), "");
    config.storage.backend = "s3".into();
    config.storage.s3_endpoint = endpoint;
    config.storage.s3_bucket =
        std::env::var("TEST_S3_BUCKET").unwrap_or_else(|_| "dnaker-test".into());
    config.storage.s3_prefix = format!("run-{}", uuid::Uuid::new_v4().simple());
    config.storage.s3_access_key_id = "test".into();
    config.storage.s3_secret_access_key = "test".into();
    Some(build(config, Guard::Sqlite(dir), true).await)
}

fn postgres_admin_url() -> Option<String> {
    match std::env::var("TEST_POSTGRES_URL") {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var("DNAKER_REQUIRE_POSTGRES").as_deref() != Ok("1"),
                "DNAKER_REQUIRE_POSTGRES=1 but TEST_POSTGRES_URL is not set"
            );
            None
        }
    }
}

async fn admin_pool(url: &str) -> Result<sqlx::AnyPool, sqlx::Error> {
    sqlx::any::install_default_drivers();
    sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await
}

/// A migrated app on a fresh PostgreSQL database, or `None` when PostgreSQL is not configured.
pub async fn postgres_app() -> Option<TestApp> {
    let admin_url = postgres_admin_url()?;
    let database = format!("dnaker_t_{}", uuid::Uuid::new_v4().simple());
    let admin = admin_pool(&admin_url)
        .await
        .expect("TEST_POSTGRES_URL answers");
    sqlx::query(&format!("CREATE DATABASE {database}"))
        .execute(&admin)
        .await
        .expect("create test database");
    admin.close().await;
    let url = with_database(&admin_url, &database);
    let dir = tempfile::tempdir().expect("tempdir");
    let config = test_config(dir.path(), &url);
    Some(
        build(
            config,
            Guard::Postgres {
                admin_url,
                database,
                _dir: dir,
            },
            true,
        )
        .await,
    )
}

/// An app whose database cannot be reached (nothing listens on port 1).
pub async fn unreachable_postgres_app() -> TestApp {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = test_config(dir.path(), "postgres://nobody@127.0.0.1:1/none");
    build(config, Guard::Sqlite(dir), false).await
}

fn with_database(url: &str, database: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let prefix = base.rsplit_once('/').map_or(base, |(p, _)| p);
    match query {
        Some(q) => format!("{prefix}/{database}?{q}"),
        None => format!("{prefix}/{database}"),
    }
}

/// Runs one async test body against SQLite and against PostgreSQL, as two named tests.
#[macro_export]
macro_rules! on_both_backends {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::common::sqlite_app().await;
                ($body)(app).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) = $crate::common::postgres_app().await {
                    ($body)(app).await;
                } else {
                    eprintln!("PostgreSQL not configured: skipped");
                }
            }
        }
    };
}

/// A browser-like client: keeps its session cookie, sends same-origin headers, has its own IP.
pub struct Client<'a> {
    pub app: &'a TestApp,
    pub cookie: Option<String>,
    pub ip: String,
}

pub fn form_encode(pairs: &[(&str, &str)]) -> String {
    fn enc(s: &str) -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    }
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

impl<'a> Client<'a> {
    pub fn new(app: &'a TestApp, ip: &str) -> Client<'a> {
        Client {
            app,
            cookie: None,
            ip: ip.to_owned(),
        }
    }

    fn remember(&mut self, response: &Response) {
        for value in response.headers.get_all("set-cookie") {
            let Ok(text) = value.to_str() else { continue };
            let Some((pair, attributes)) = text.split_once(';').or(Some((text, ""))) else {
                continue;
            };
            let Some((name, cookie_value)) = pair.split_once('=') else {
                continue;
            };
            if !name.contains("dnaker_sid") {
                continue;
            }
            let expired = cookie_value.is_empty() || attributes.contains("Max-Age=0");
            self.cookie = if expired { None } else { Some(pair.to_owned()) };
        }
    }

    /// POSTs a form to a server function (or any path), as the portal's own page would.
    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Response {
        let mut request = Request::post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .header("origin", "http://localhost")
            .header("host", "localhost")
            .header("x-forwarded-for", &self.ip);
        if let Some(cookie) = &self.cookie {
            request = request.header("cookie", cookie);
        }
        let response = self
            .app
            .request(
                request
                    .body(axum::body::Body::from(form_encode(form)))
                    .expect("request"),
            )
            .await;
        self.remember(&response);
        response
    }

    /// POSTs a multipart form (text fields and files: name, file name, bytes), as a page's file form would.
    pub async fn post_multipart(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, &[u8])],
    ) -> Response {
        let boundary = "----dnakerTestBoundary7MA4YWxk";
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                    .into_bytes(),
            );
        }
        for (name, file_name, bytes) in files {
            body.extend(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\n\
                     Content-Type: application/octet-stream\r\n\r\n"
                )
                .into_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend(format!("--{boundary}--\r\n").into_bytes());
        let mut request = Request::post(path)
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header("accept", "application/json")
            .header("origin", "http://localhost")
            .header("host", "localhost")
            .header("x-forwarded-for", &self.ip);
        if let Some(cookie) = &self.cookie {
            request = request.header("cookie", cookie);
        }
        let response = self
            .app
            .request(request.body(axum::body::Body::from(body)).expect("request"))
            .await;
        self.remember(&response);
        response
    }

    pub async fn get(&mut self, path: &str) -> Response {
        let mut request = Request::get(path)
            .header("x-forwarded-for", &self.ip)
            .header("host", "localhost");
        if let Some(cookie) = &self.cookie {
            request = request.header("cookie", cookie);
        }
        let response = self
            .app
            .request(request.body(axum::body::Body::empty()).expect("request"))
            .await;
        self.remember(&response);
        response
    }
}

impl TestApp {
    /// The newest mail to an address, and the token in its link.
    pub async fn last_mail_token(&self, to: &str) -> Option<String> {
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT body_text FROM mail_outbox WHERE to_address = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(to)
        .fetch_optional(&self.state.db.pool)
        .await
        .expect("outbox query");
        let body = row?.0;
        let start = body.find("token=")? + "token=".len();
        Some(body[start..].split_whitespace().next()?.to_owned())
    }
}

impl TestApp {
    /// POSTs every (session cookie, form) to `path` from its own task, released together, as simultaneous
    /// browsers would; the answers come back in the order given.
    pub async fn post_all_at_once(
        &self,
        path: &str,
        requests: Vec<(String, Vec<(String, String)>)>,
    ) -> Vec<Response> {
        let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(requests.len()));
        let tasks: Vec<_> = requests
            .into_iter()
            .enumerate()
            .map(|(index, (cookie, form))| {
                let (router, barrier, path) =
                    (self.router.clone(), barrier.clone(), path.to_owned());
                tokio::spawn(async move {
                    let pairs: Vec<(&str, &str)> =
                        form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                    let request = Request::post(path)
                        .header("content-type", "application/x-www-form-urlencoded")
                        .header("accept", "application/json")
                        .header("origin", "http://localhost")
                        .header("host", "localhost")
                        .header(
                            "x-forwarded-for",
                            format!("10.250.{}.{}", index / 250, index % 250 + 1),
                        )
                        .header("cookie", cookie)
                        .body(Body::from(form_encode(&pairs)))
                        .expect("request");
                    barrier.wait().await;
                    let response = router.oneshot(request).await.expect("router answers");
                    let (status, headers) = (response.status(), response.headers().clone());
                    let bytes = response
                        .into_body()
                        .collect()
                        .await
                        .expect("body")
                        .to_bytes();
                    Response {
                        status,
                        headers,
                        body: String::from_utf8_lossy(&bytes).into_owned(),
                    }
                })
            })
            .collect();
        let mut responses = Vec::with_capacity(tasks.len());
        for task in tasks {
            responses.push(task.await.expect("request task"));
        }
        responses
    }
}

/// POSTs a form whose values are owned strings (forms built by test helpers).
pub async fn post(client: &mut Client<'_>, path: &str, form: &[(&str, String)]) -> Response {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    client.post(path, &pairs).await
}

/// POSTs a form that must succeed, and reads the JSON answer.
pub async fn ok_json(
    client: &mut Client<'_>,
    path: &str,
    form: &[(&str, String)],
) -> serde_json::Value {
    let response = post(client, path, form).await;
    assert_eq!(response.status, StatusCode::OK, "{path}: {}", response.body);
    serde_json::from_str(&response.body)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", response.body))
}
