//! Integration tests of the partner API (issue 26), on SQLite and PostgreSQL: every endpoint with a key
//! of the right scope, a key without it (403 problem), expired and revoked keys (401), the rate limit
//! (429 + Retry-After), personal-data calls without a purpose, the audit log; webhooks signed, retried,
//! delivered once per webhook-id, disabled by 410, surviving a restart, refused for private addresses.
use std::{
    collections::VecDeque,
    sync::{Arc, Mutex},
};

use axum::{
    body::Body,
    http::{HeaderMap, Request, StatusCode},
};
use leptos::server_fn::ServerFn;
use serde_json::{Value, json};

use dnaker::{
    core::calendar,
    features::partner_api::{
        api::{
            AddWebhookEndpoint, DeleteWebhookEndpoint, EnableWebhookEndpoint, IssueApiKey,
            LoadIntegration, RevokeApiKey, RotateWebhookSecret, SendWebhookTest,
        },
        jobs::deliver_webhooks,
        webhooks,
    },
};

use crate::common::{
    Client, Response, TestApp,
    matrix::{self, Actor, Case, Fixture, Method},
    ok_json,
};

#[path = "partner_api_events.rs"]
mod events;
#[path = "partner_api_scopes.rs"]
mod scopes;
#[path = "partner_api_webhooks.rs"]
mod webhook_admin;

const NIK: &str = "3603015508950001";
const CARD: &str = "AK1/3603/2026/000001";
const CONTRACT: &str = "PKWT/3603/2026/000001";

fn day(app: &TestApp, offset: i64) -> String {
    let today = calendar::wib_date(app.state.clock.now_ms());
    calendar::format_date(today + time::Duration::days(offset))
}

async fn id_of(app: &TestApp, email: &str) -> i64 {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM accounts WHERE email = $1")
        .bind(email)
        .fetch_one(&app.db().pool)
        .await
        .expect("account");
    id
}

/// An issued AK-1 of seeker A, an approved contract of company A with seeker A's NIK, a published
/// vacancy and a published job fair.
async fn seed(app: &TestApp, f: &Fixture) {
    let pool = &app.db().pool;
    sqlx::query(
        "INSERT INTO ak1_applications (account_id, status, submitted_at_ms, due_at_ms, card_number, issued_on, \
         valid_until, verification_code) VALUES ($1, 'issued', 1, 2, $2, $3, $4, 'VERIFAK10001')",
    )
    .bind(f.seeker_a)
    .bind(CARD)
    .bind(day(app, -10))
    .bind(day(app, 700))
    .execute(pool)
    .await
    .expect("ak1");
    let submitter = id_of(app, matrix::email(Actor::CompanyAdminA)).await;
    sqlx::query(
        "INSERT INTO pkwt_contracts (company_id, worker_id_ciphertext, worker_id_hash, worker_name, worker_sex, \
         worker_birth_date, worker_address, foreign_worker, position, workplace, wage_idr, wage_with_allowances, \
         contract_kind, start_date, end_date, signed_place, signed_date, link_kind, late, status, submitted_at_ms, \
         due_at_ms, submitted_by, registration_number, verification_code) VALUES ($1, $2, $3, 'Siti', 'female', \
         '1995-08-15', 'Cikupa', 0, 'Operator', 'Cikupa', 5300000, 0, 'period', $4, $5, 'Tangerang', $4, 'new', 0, \
         'approved', 1, 2, $6, $7, 'PKWTCODE0001')",
    )
    .bind(f.company_a)
    .bind(app.state.pii.encrypt(NIK).expect("encrypt"))
    .bind(app.state.pii.blind_index(NIK))
    .bind(day(app, -30))
    .bind(day(app, 300))
    .bind(submitter)
    .bind(CONTRACT)
    .execute(pool)
    .await
    .expect("contract");
    sqlx::query(
        "INSERT INTO vacancies (company_id, title, description, kbli_section, education_code, district_code, \
         wage_min_idr, wage_max_idr, headcount, work_type, deadline, status, created_at_ms, published_at_ms) \
         VALUES ($1, 'Operator Produksi', 'Shift pagi', 'C', 'SMA', '36.03.01', 5300000, 5600000, 3, 'full_time', \
         $2, 'published', 1, 1)",
    )
    .bind(f.company_a)
    .bind(day(app, 20))
    .execute(pool)
    .await
    .expect("vacancy");
    let officer = id_of(app, matrix::email(Actor::Officer)).await;
    sqlx::query(
        "INSERT INTO job_fairs (name, description, kind, venue, starts_on, ends_on, opens_at, closes_at, \
         registration_opens_on, registration_closes_on, capacity, status, created_by, created_at_ms, updated_at_ms) \
         VALUES ('Bursa Kerja Tigaraksa', 'Bursa', 'onsite', 'Tigaraksa', $1, $1, '08:00', '16:00', $2, $1, 500, \
         'published', $3, 1, 1)",
    )
    .bind(day(app, 14))
    .bind(day(app, -5))
    .bind(officer)
    .execute(pool)
    .await
    .expect("fair");
}

async fn admin(app: &TestApp) -> Client<'_> {
    matrix::signed_in(app, Actor::Admin, "192.0.2.250").await
}

/// Issues a key through the admin's server function; returns the key shown once.
async fn issue(app: &TestApp, scopes: &str, per_minute: &str) -> String {
    let mut client = admin(app).await;
    let shown = ok_json(
        &mut client,
        IssueApiKey::PATH,
        &[
            ("form[name]", "Kunci uji".to_owned()),
            ("form[partner]", "BPJS Ketenagakerjaan".to_owned()),
            ("form[scopes]", scopes.to_owned()),
            ("form[expires_on]", day(app, 30)),
            ("form[per_minute]", per_minute.to_owned()),
        ],
    )
    .await;
    let key = shown["secret"].as_str().expect("key").to_owned();
    assert!(key.starts_with("dnk_live_"), "{key}");
    key
}

async fn call(app: &TestApp, path: &str, key: Option<&str>, body: Option<Value>) -> Response {
    let mut request = match &body {
        Some(_) => Request::post(path).header("content-type", "application/json"),
        None => Request::get(path),
    }
    .header("x-forwarded-for", "198.51.100.7");
    if let Some(key) = key {
        request = request.header("authorization", format!("Bearer {key}"));
    }
    let body = body.map_or_else(Body::empty, |b| Body::from(b.to_string()));
    app.request(request.body(body).expect("request")).await
}

fn json(response: &Response) -> Value {
    serde_json::from_str(&response.body)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", response.body))
}

fn assert_problem(response: &Response, status: StatusCode) {
    assert_eq!(response.status, status, "{}", response.body);
    assert_eq!(
        response
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/problem+json")
    );
    assert_eq!(json(response)["status"], status.as_u16());
}

const ALL_SCOPES: &str =
    "ak1:verify pkwt:read companies:read vacancies:read fairs:read statistics:read checks:read";

on_both_backends!(
    partner_api_every_endpoint_answers_with_its_scope,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        seed(&app, &f).await;
        let key = issue(&app, ALL_SCOPES, "").await;
        let k = Some(key.as_str());
        let purpose = "verifikasi klaim JHT";

        let card = json(&call(&app, &format!("/api/v1/ak1/verify?number={CARD}"), k, None).await);
        assert_eq!(card["status"], "valid");
        assert_eq!(card["valid_until"], day(&app, 700));
        assert_eq!(
            card.as_object().map(serde_json::Map::len),
            Some(3),
            "nothing else: {card}"
        );
        let by_code = json(&call(&app, "/api/v1/ak1/verify?code=VERIFAK10001", k, None).await);
        assert_eq!(by_code["status"], "valid");
        assert_problem(
            &call(&app, "/api/v1/ak1/verify?number=AK1/none", k, None).await,
            StatusCode::NOT_FOUND,
        );

        let by_worker = call(
            &app,
            "/api/v1/pkwt/by-worker",
            k,
            Some(json!({"nik": NIK, "purpose": purpose})),
        )
        .await;
        assert_eq!(by_worker.status, StatusCode::OK, "{}", by_worker.body);
        assert!(!by_worker.body.contains(NIK), "the NIK is never echoed");
        let contracts = json(&by_worker);
        assert_eq!(contracts["items"][0]["registration_number"], CONTRACT);
        assert_eq!(contracts["items"][0]["status"], "active");
        let by_company = json(
            &call(
                &app,
                "/api/v1/pkwt/by-company?nib=1000000000001&purpose=audit+BPJS&limit=1",
                k,
                None,
            )
            .await,
        );
        assert_eq!(by_company["items"][0]["monthly_wage_idr"], 5_300_000);
        assert_eq!(
            by_company["next_cursor"], "1",
            "a full page has a next cursor: {by_company}"
        );

        // The NPWP goes in a POST body, never in an address (an individual's NPWP is their NIK); the
        // answer holds the NPWP and the address, so a purpose is required and audited.
        let npwp = json!({"npwp": "01.234.567.8-912.000", "purpose": "pemadanan data pajak"});
        let company = json(&call(&app, "/api/v1/companies/lookup", k, Some(npwp)).await);
        assert_eq!(company["nib"], "1000000000001");
        assert!(company["workforce"].is_null());
        let by_nib = json!({"nib": "1000000000001", "purpose": "pemadanan data pajak"});
        let same = json(&call(&app, "/api/v1/companies/lookup", k, Some(by_nib)).await);
        assert_eq!(same["npwp"], company["npwp"]);
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'api.call' AND subject_type = 'company' \
                 AND detail LIKE '%scope=companies:read purpose=pemadanan data pajak'"
            )
            .await,
            2
        );
        for bad in [
            json!({"purpose": "pemadanan data pajak"}),
            json!({"nib": "1000000000001", "npwp": "012345678912000", "purpose": "pemadanan"}),
            json!({"nib": "1000000000001"}),
            json!({"npwp": "012345678912000", "purpose": "x"}),
            json!({"npwp": "012345678912000", "purpose": "NPWP 012345678912000"}),
        ] {
            assert_problem(
                &call(&app, "/api/v1/companies/lookup", k, Some(bad)).await,
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
        let old_get = call(&app, "/api/v1/companies?npwp=01.234.567.8-912.000", k, None).await;
        assert!(
            matches!(
                old_get.status,
                StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
            ),
            "the GET by NPWP is gone: {}",
            old_get.status
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_log WHERE subject_id LIKE '%012345678912000%' OR detail LIKE '%012345678912000%'").await,
            0,
            "an NPWP (an individual's is the NIK) is audited only as a keyed-hash prefix"
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_log WHERE subject_id LIKE 'npwp-index:%'")
                .await,
            1
        );

        let vacancies = call(&app, "/api/v1/vacancies?limit=10", k, None).await;
        assert_eq!(
            json(&vacancies)["items"][0]["occupationalCategory"],
            Value::Null
        );
        assert_eq!(
            json(&vacancies)["items"][0]["hiringOrganizationNib"],
            "1000000000001"
        );
        let etag = vacancies
            .headers
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .expect("etag")
            .to_owned();
        let again = app
            .request(
                Request::get("/api/v1/vacancies?limit=10")
                    .header("authorization", format!("Bearer {key}"))
                    .header("if-none-match", &etag)
                    .body(Body::empty())
                    .expect("request"),
            )
            .await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED);
        let fairs = json(&call(&app, "/api/v1/fairs", k, None).await);
        assert_eq!(fairs["items"][0]["name"], "Bursa Kerja Tigaraksa");
        let statistics = json(&call(&app, "/api/v1/statistics", k, None).await);
        let first = statistics["datasets"][0]
            .as_str()
            .expect("datasets")
            .to_owned();
        let table = call(
            &app,
            &format!("/api/v1/statistics?dataset={first}&limit=100"),
            k,
            None,
        )
        .await;
        assert_eq!(table.status, StatusCode::OK, "{}", table.body);
        assert_eq!(json(&table)["dataset"], first.as_str());
        assert_problem(
            &call(&app, "/api/v1/statistics?dataset=no-such", k, None).await,
            StatusCode::NOT_FOUND,
        );

        let yes = json(
            &call(
                &app,
                "/api/v1/checks/pkwt-registered",
                k,
                Some(json!({"nik": NIK, "nib": "1000000000001", "purpose": purpose})),
            )
            .await,
        );
        assert_eq!(
            (yes["answer"].clone(), yes["evidence"].clone()),
            (json!(true), json!(CONTRACT))
        );
        let no = json(
            &call(
                &app,
                "/api/v1/checks/pkwt-registered",
                k,
                Some(json!({"nik": NIK, "nib": "1000000000002", "purpose": purpose})),
            )
            .await,
        );
        assert_eq!(no["answer"], false);
        let ak1 = json(
            &call(
                &app,
                "/api/v1/checks/ak1-valid",
                k,
                Some(json!({"nik": NIK, "purpose": purpose})),
            )
            .await,
        );
        assert_eq!(ak1["evidence"], CARD);

        // 16 authorized calls (the 304 too), each in the audit log with key, scope and purpose; no NIK there.
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'api.call'")
                .await,
            16
        );
        assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'api.call' AND subject_type = 'pkwt' \
                   AND detail LIKE '%scope=pkwt:read purpose=verifikasi klaim JHT'").await,
        1
    );
        assert_eq!(app.count(&format!("SELECT COUNT(*) FROM audit_log WHERE subject_id LIKE '%{NIK}%' OR detail LIKE '%{NIK}%'")).await, 0);
        let (last_used,): (Option<i64>,) = sqlx::query_as("SELECT last_used_at_ms FROM api_keys")
            .fetch_one(&app.db().pool)
            .await
            .expect("key");
        assert!(last_used.is_some());
    }
);

on_both_backends!(
    partner_api_refuses_wrong_scope_expired_revoked_and_sessions,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        seed(&app, &f).await;
        let narrow = issue(&app, "vacancies:read", "").await;
        let response = call(
            &app,
            "/api/v1/pkwt/by-company?nib=1000000000001&purpose=audit",
            Some(&narrow),
            None,
        )
        .await;
        assert_problem(&response, StatusCode::FORBIDDEN);
        assert!(
            json(&response)["detail"]
                .as_str()
                .is_some_and(|d| d.contains("pkwt:read"))
        );
        assert_problem(
            &call(&app, "/api/v1/vacancies", None, None).await,
            StatusCode::UNAUTHORIZED,
        );
        assert_problem(
            &call(&app, "/api/v1/vacancies", Some("dnk_live_made-up"), None).await,
            StatusCode::UNAUTHORIZED,
        );

        // A signed-in browser session is not a key.
        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "192.0.2.10").await;
        assert_eq!(
            seeker.get("/api/v1/vacancies").await.status,
            StatusCode::FORBIDDEN
        );

        // Revoked through the admin page: 401 from then on.
        let revoked = issue(&app, "vacancies:read", "").await;
        assert_eq!(
            call(&app, "/api/v1/vacancies", Some(&revoked), None)
                .await
                .status,
            StatusCode::OK
        );
        let (id,): (i64,) = sqlx::query_as("SELECT id FROM api_keys ORDER BY id DESC LIMIT 1")
            .fetch_one(&app.db().pool)
            .await
            .expect("key");
        let mut admin = admin(&app).await;
        ok_json(&mut admin, RevokeApiKey::PATH, &[("id", id.to_string())]).await;
        assert_problem(
            &call(&app, "/api/v1/vacancies", Some(&revoked), None).await,
            StatusCode::UNAUTHORIZED,
        );
        let twice =
            crate::common::post(&mut admin, RevokeApiKey::PATH, &[("id", id.to_string())]).await;
        assert_eq!(twice.status, StatusCode::CONFLICT);

        // Expired: 31 days later the 30-day key no longer works.
        app.state.clock.advance_ms(32 * 86_400_000);
        assert_problem(
            &call(&app, "/api/v1/vacancies", Some(&narrow), None).await,
            StatusCode::UNAUTHORIZED,
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'api_key.revoked'")
                .await,
            1
        );
    }
);

on_both_backends!(
    partner_api_limits_calls_per_minute_and_requires_a_purpose,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        seed(&app, &f).await;
        let key = issue(&app, "pkwt:read vacancies:read", "2").await;
        let k = Some(key.as_str());
        // Personal data without a purpose (or with a NIK in it) is refused before anything is read or counted.
        let no_purpose = call(&app, "/api/v1/pkwt/by-company?nib=1000000000001", k, None).await;
        assert_problem(&no_purpose, StatusCode::UNPROCESSABLE_ENTITY);
        let missing = call(&app, "/api/v1/pkwt/by-worker", k, Some(json!({"nik": NIK}))).await;
        assert_problem(&missing, StatusCode::UNPROCESSABLE_ENTITY);
        let nik_in_purpose = call(
            &app,
            "/api/v1/pkwt/by-worker",
            k,
            Some(json!({"nik": NIK, "purpose": NIK})),
        )
        .await;
        assert_problem(&nik_in_purpose, StatusCode::UNPROCESSABLE_ENTITY);
        for bad in [
            "/api/v1/vacancies?limit=0",
            "/api/v1/vacancies?cursor=-3",
            "/api/v1/pkwt/by-company?nib=12&purpose=audit",
        ] {
            assert_problem(
                &call(&app, bad, k, None).await,
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'api.call'")
                .await,
            0
        );

        assert_eq!(
            call(&app, "/api/v1/vacancies", k, None).await.status,
            StatusCode::OK
        );
        assert_eq!(
            call(&app, "/api/v1/vacancies", k, None).await.status,
            StatusCode::OK
        );
        let limited = call(&app, "/api/v1/vacancies", k, None).await;
        assert_problem(&limited, StatusCode::TOO_MANY_REQUESTS);
        let retry: i64 = limited
            .headers
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok())
            .expect("Retry-After");
        assert!((1..=60).contains(&retry), "{retry}");
        app.state.clock.advance_ms(61_000);
        assert_eq!(
            call(&app, "/api/v1/vacancies", k, None).await.status,
            StatusCode::OK
        );
    }
);

on_both_backends!(
    partner_api_vacancies_past_their_deadline_are_not_served,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        seed(&app, &f).await;
        // Still published (the closing job has not run yet), but past the deadline; and one closing today.
        for (title, offset) in [("Lewat tenggat", -1), ("Tenggat hari ini", 0)] {
            sqlx::query(
                "INSERT INTO vacancies (company_id, title, description, kbli_section, education_code, \
                 district_code, wage_min_idr, wage_max_idr, headcount, work_type, deadline, status, \
                 created_at_ms, published_at_ms) VALUES ($1, $2, 'Uji', 'C', 'SMA', '36.03.01', 5300000, \
                 5600000, 1, 'full_time', $3, 'published', 1, 1)",
            )
            .bind(f.company_a)
            .bind(title)
            .bind(day(&app, offset))
            .execute(&app.db().pool)
            .await
            .expect("vacancy");
        }
        let key = issue(&app, "vacancies:read", "").await;
        let titles = |page: &Value| -> Vec<String> {
            page["items"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v["title"].as_str().map(str::to_owned))
                .collect()
        };
        let page = json(&call(&app, "/api/v1/vacancies", Some(&key), None).await);
        assert_eq!(titles(&page), ["Operator Produksi", "Tenggat hari ini"]);
        // 21 days on, the seeded vacancy (20 days) is past its deadline too.
        app.state.clock.advance_ms(21 * 86_400_000);
        let later = json(&call(&app, "/api/v1/vacancies", Some(&key), None).await);
        assert!(titles(&later).is_empty(), "{later}");
    }
);

on_both_backends!(partner_api_documents_itself, |app: TestApp| async move {
    let document = app.get("/api/v1/openapi.json").await;
    assert_eq!(document.status, StatusCode::OK);
    let doc = json(&document);
    assert_eq!(doc["openapi"], "3.1.0");
    for path in [
        "/api/v1/ak1/verify",
        "/api/v1/pkwt/by-worker",
        "/api/v1/pkwt/by-company",
        "/api/v1/companies/lookup",
        "/api/v1/vacancies",
        "/api/v1/fairs",
        "/api/v1/statistics",
        "/api/v1/checks/pkwt-registered",
        "/api/v1/checks/ak1-valid",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} documented");
    }
    assert!(doc["paths"]["/api/v1/vacancies"]["get"]["responses"]["429"].is_object());
    // No identity number is ever a parameter of a GET (it would land in addresses and access logs): a
    // NIK or an NPWP goes in a POST body.
    assert!(doc["paths"]["/api/v1/companies"].is_null());
    assert!(doc["paths"]["/api/v1/companies/lookup"]["post"]["requestBody"].is_object());
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for p in item["get"]["parameters"].as_array().into_iter().flatten() {
            let name = p["name"].as_str().unwrap_or_default().to_lowercase();
            assert!(
                !["nik", "npwp"].contains(&name.as_str()),
                "GET {path} ?{name}"
            );
        }
    }
    let docs = app.get("/api/v1/docs").await;
    assert_eq!(docs.status, StatusCode::OK);
    assert!(
        docs.body.contains("/api/v1/pkwt/by-worker") && docs.body.contains("webhook-signature")
    );
    // Every problem `type` the API answers with points at an anchor of this page.
    for (slug, status, _) in dnaker::features::partner_api::problem::PROBLEM_TYPES {
        let anchor = format!("<dt id=\"problem-{slug}\"><code>{slug}</code> ({status})</dt>");
        assert!(docs.body.contains(&anchor), "{anchor}");
    }
    // Each operation names its scope (and the purpose where one is needed); bodies and answers list
    // their schemas' fields.
    for scope in [
        "ak1:verify",
        "pkwt:read",
        "companies:read",
        "vacancies:read",
        "fairs:read",
        "statistics:read",
        "checks:read",
    ] {
        assert!(
            docs.body.contains(&format!("Scope: <code>{scope}</code>")),
            "{scope}"
        );
    }
    assert_eq!(
        docs.body
            .matches("a <code>purpose</code> is required")
            .count(),
        5
    );
    assert!(
        docs.body
            .contains("<h4>JSON body: <a href=\"#schema-CompanyQuery\">")
    );
    assert!(docs.body.contains("<section id=\"schema-JobPosting\">"));
    assert!(docs.body.contains(
        "<tr><td><code>occupationalCategory</code></td><td>string or null</td><td>no</td>\
         <td>KBJI 2014 occupation group code.</td></tr>"
    ));
    assert!(
        docs.body
            .contains("<code>{placement_id, vacancy_id}</code>")
    );
    assert!(!docs.body.contains("<script"), "no script, no CDN");
});

/// What the test receiver saw: webhook id, timestamp, signature, body.
type Seen = Arc<Mutex<Vec<(String, String, String, String)>>>;

/// A local receiver that answers with the scripted statuses (then 200) and records what it got.
struct Receiver {
    url: String,
    seen: Seen,
}

impl Receiver {
    async fn start(statuses: &[u16]) -> Receiver {
        let seen: Seen = Arc::default();
        let script = Arc::new(Mutex::new(
            statuses.iter().copied().collect::<VecDeque<u16>>(),
        ));
        let (log, plan) = (seen.clone(), script.clone());
        let handler = move |headers: HeaderMap, body: String| {
            let (log, plan) = (log.clone(), plan.clone());
            async move {
                let h = |n: &str| {
                    headers
                        .get(n)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("")
                        .to_owned()
                };
                log.lock().expect("log").push((
                    h("webhook-id"),
                    h("webhook-timestamp"),
                    h("webhook-signature"),
                    body,
                ));
                let status = plan.lock().expect("plan").pop_front().unwrap_or(200);
                StatusCode::from_u16(status).expect("status")
            }
        };
        let router = axum::Router::new().route("/hook", axum::routing::post(handler));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let address = listener.local_addr().expect("address");
        tokio::spawn(async move { axum::serve(listener, router).await });
        Receiver {
            url: format!("http://{address}/hook"),
            seen,
        }
    }

    fn count(&self) -> usize {
        self.seen.lock().expect("log").len()
    }
}

/// Registers an endpoint through the admin's server function; returns its id and signing secret.
async fn endpoint(app: &TestApp, url: &str, allow_private: bool) -> (i64, String) {
    endpoint_for(app, url, allow_private, "pkwt.registered ak1.issued").await
}

async fn endpoint_for(
    app: &TestApp,
    url: &str,
    allow_private: bool,
    events: &str,
) -> (i64, String) {
    let mut client = admin(app).await;
    let mut form = vec![
        ("form[partner]", "BPJS Ketenagakerjaan".to_owned()),
        ("form[url]", url.to_owned()),
        ("form[event_types]", events.to_owned()),
    ];
    if allow_private {
        form.push(("form[allow_private]", "1".to_owned()));
    }
    let shown = ok_json(&mut client, AddWebhookEndpoint::PATH, &form).await;
    let secret = shown["secret"].as_str().expect("secret").to_owned();
    assert!(secret.starts_with("whsec_"));
    (shown["id"].as_i64().expect("id"), secret)
}

async fn emit(app: &TestApp, event_type: &str) {
    let mut tx = app.db().begin_write().await.expect("tx");
    dnaker::server::events::emit(
        &mut tx,
        app.state.clock.now_ms(),
        event_type,
        CONTRACT,
        json!({"registration_number": CONTRACT}),
    )
    .await
    .expect("emit");
    tx.commit().await.expect("commit");
}

async fn delivery_state(app: &TestApp) -> (String, i64) {
    sqlx::query_as("SELECT status, attempts FROM webhook_deliveries ORDER BY id DESC LIMIT 1")
        .fetch_one(&app.db().pool)
        .await
        .expect("delivery")
}

on_both_backends!(
    partner_api_webhook_retries_until_delivered_once,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let receiver = Receiver::start(&[500, 503]).await;
        let (_, secret) = endpoint(&app, &receiver.url, true).await;
        emit(&app, "pkwt.registered").await;
        emit(&app, "vacancy.published").await; // not subscribed
        deliver_webhooks(&app.state).await.expect("first pass");
        assert_eq!(
            (receiver.count(), delivery_state(&app).await),
            (1, ("pending".to_owned(), 1))
        );
        deliver_webhooks(&app.state).await.expect("too early");
        assert_eq!(receiver.count(), 1, "the back-off is kept");
        app.state.clock.advance_ms(10_000);
        deliver_webhooks(&app.state).await.expect("second pass");
        app.state.clock.advance_ms(400_000);
        deliver_webhooks(&app.state).await.expect("third pass");
        app.state.clock.advance_ms(90_000_000);
        deliver_webhooks(&app.state).await.expect("nothing left");
        assert_eq!(delivery_state(&app).await, ("delivered".to_owned(), 3));
        let seen = receiver.seen.lock().expect("log").clone();
        assert_eq!(seen.len(), 3);
        let ids: std::collections::BTreeSet<&str> = seen.iter().map(|s| s.0.as_str()).collect();
        assert_eq!(
            ids.len(),
            1,
            "every retry carries the same webhook-id, so the receiver keeps it once"
        );
        for (id, timestamp, signature, body) in &seen {
            let ts: i64 = timestamp.parse().expect("timestamp");
            assert!(
                webhooks::verify(&secret, id, ts, body, signature, ts),
                "signed: {signature}"
            );
            let payload: Value = serde_json::from_str(body).expect("body");
            assert_eq!(payload["type"], "pkwt.registered");
            assert_eq!(payload["data"]["registration_number"], CONTRACT);
        }
        let mut client = admin(&app).await;
        let overview = ok_json(&mut client, LoadIntegration::PATH, &[]).await;
        assert_eq!(overview["deliveries"][0]["status"], "delivered");
    }
);

on_both_backends!(
    partner_api_webhook_gone_disables_the_endpoint,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let receiver = Receiver::start(&[410]).await;
        let (id, _) = endpoint(&app, &receiver.url, true).await;
        emit(&app, "ak1.issued").await;
        deliver_webhooks(&app.state).await.expect("pass");
        let (reason,): (Option<String>,) =
            sqlx::query_as("SELECT disabled_reason FROM webhook_endpoints WHERE id = $1")
                .bind(id)
                .fetch_one(&app.db().pool)
                .await
                .expect("endpoint");
        assert_eq!(reason.as_deref(), Some("410 Gone"));
        emit(&app, "ak1.issued").await;
        app.state.clock.advance_ms(60_000);
        deliver_webhooks(&app.state).await.expect("pass");
        assert_eq!(
            receiver.count(),
            1,
            "nothing more goes to a disabled endpoint"
        );
        let mut client = admin(&app).await;
        let test = crate::common::post(
            &mut client,
            SendWebhookTest::PATH,
            &[("endpoint_id", id.to_string())],
        )
        .await;
        assert_eq!(test.status, StatusCode::NOT_FOUND);
    }
);

on_both_backends!(
    partner_api_webhook_delivery_survives_a_restart,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let receiver = Receiver::start(&[]).await;
        endpoint(&app, &receiver.url, true).await;
        emit(&app, "pkwt.registered").await;
        // The instance that wrote the event stops before delivering; a fresh one picks the outbox up.
        let fresh = app.second_instance();
        deliver_webhooks(&fresh).await.expect("pass");
        assert_eq!(receiver.count(), 1);
        assert_eq!(delivery_state(&app).await.0, "delivered");
    }
);

on_both_backends!(
    partner_api_webhook_refuses_private_addresses_unless_allowed,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let receiver = Receiver::start(&[]).await;
        let (id, _) = endpoint(&app, &receiver.url, false).await;
        emit(&app, "pkwt.registered").await;
        deliver_webhooks(&app.state).await.expect("pass");
        assert_eq!(
            receiver.count(),
            0,
            "the loopback receiver is never contacted"
        );
        let (error,): (Option<String>,) =
            sqlx::query_as("SELECT last_error FROM webhook_deliveries")
                .fetch_one(&app.db().pool)
                .await
                .expect("delivery");
        assert!(error.is_some_and(|e| e.contains("not allowed")));
        // The test button queues a ping for the endpoint (audited).
        let mut client = admin(&app).await;
        ok_json(
            &mut client,
            SendWebhookTest::PATH,
            &[("endpoint_id", id.to_string())],
        )
        .await;
        assert_eq!(
            app.count("SELECT COUNT(*) FROM webhook_events WHERE event_type = 'test.ping'")
                .await,
            1
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'webhook.test_sent'")
                .await,
            1
        );
    }
);

async fn refused(app: &TestApp, reason: &str) -> i64 {
    app.count(&format!(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'api.refused' AND detail LIKE 'reason={reason} %'"
    ))
    .await
}

async fn last_key_id(app: &TestApp) -> i64 {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM api_keys ORDER BY id DESC LIMIT 1")
        .fetch_one(&app.db().pool)
        .await
        .expect("key");
    id
}

on_both_backends!(
    partner_api_refused_calls_are_audited_by_key_prefix_and_bounded,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        seed(&app, &f).await;
        // A scope the key lacks: the key's id, its prefix, the scope and the address; never the key.
        let narrow = issue(&app, "vacancies:read", "").await;
        let narrow_id = last_key_id(&app).await;
        let path = "/api/v1/pkwt/by-company?nib=1000000000001&purpose=audit";
        assert_problem(
            &call(&app, path, Some(&narrow), None).await,
            StatusCode::FORBIDDEN,
        );
        let (subject, ip, detail): (Option<String>, Option<String>, String) = sqlx::query_as(
            "SELECT subject_id, ip, detail FROM audit_log WHERE action = 'api.refused'",
        )
        .fetch_one(&app.db().pool)
        .await
        .expect("refusal row");
        assert_eq!(subject, Some(narrow_id.to_string()));
        assert_eq!(ip.as_deref(), Some("198.51.100.7"));
        assert_eq!(
            detail,
            format!(
                "reason=insufficient-scope key={} scope=pkwt:read path=/api/v1/pkwt/by-company",
                &narrow[..15]
            )
        );

        // Revoked, and used from an address the key is not allowed from.
        let revoked = issue(&app, "vacancies:read", "").await;
        let revoked_id = last_key_id(&app).await;
        let mut admin = admin(&app).await;
        ok_json(
            &mut admin,
            RevokeApiKey::PATH,
            &[("id", revoked_id.to_string())],
        )
        .await;
        assert_problem(
            &call(&app, "/api/v1/vacancies", Some(&revoked), None).await,
            StatusCode::UNAUTHORIZED,
        );
        let fenced = issue(&app, "vacancies:read", "").await;
        sqlx::query("UPDATE api_keys SET allowed_ips = '203.0.113.5' WHERE id = $1")
            .bind(last_key_id(&app).await)
            .execute(&app.db().pool)
            .await
            .expect("fence");
        assert_problem(
            &call(&app, "/api/v1/vacancies", Some(&fenced), None).await,
            StatusCode::FORBIDDEN,
        );

        // A flood of made-up keys: every call refused, at most 10 audit rows a minute for all of them.
        for i in 0..25 {
            let made_up = format!("dnk_live_{i:02}madeupmadeupmadeup");
            assert_problem(
                &call(&app, "/api/v1/vacancies", Some(&made_up), None).await,
                StatusCode::UNAUTHORIZED,
            );
        }
        assert_problem(
            &call(
                &app,
                "/api/v1/vacancies",
                Some("hunter2-mistaken-secret"),
                None,
            )
            .await,
            StatusCode::UNAUTHORIZED,
        );
        let counts = (
            refused(&app, "insufficient-scope").await,
            refused(&app, "revoked").await,
            refused(&app, "address-not-allowed").await,
            refused(&app, "unknown-key").await,
        );
        // Known keys have an allowance each, so the flood of unknown ones hides none of them.
        assert_eq!(counts, (1, 1, 1, 10));
        app.state.clock.advance_ms(61_000);
        assert_problem(
            &call(&app, "/api/v1/vacancies", Some("dnk_live_zzmadeup"), None).await,
            StatusCode::UNAUTHORIZED,
        );
        assert_eq!(
            refused(&app, "unknown-key").await,
            11,
            "a new minute, a new allowance"
        );

        // Expired: 31 days later the 30-day key is refused, and that is audited too.
        app.state.clock.advance_ms(32 * 86_400_000);
        assert_problem(
            &call(&app, "/api/v1/vacancies", Some(&narrow), None).await,
            StatusCode::UNAUTHORIZED,
        );
        assert_eq!(refused(&app, "expired").await, 1);

        // Only prefixes: no key (nor the mistaken password) is in the log, and no call was served.
        for secret in [
            narrow.as_str(),
            revoked.as_str(),
            fenced.as_str(),
            "hunter2-mistaken-secret",
            "madeupmadeupmadeup",
        ] {
            let tail = &secret[secret.len().saturating_sub(12)..];
            assert_eq!(
                app.count(&format!(
                    "SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%{tail}%'"
                ))
                .await,
                0,
                "{tail}"
            );
        }
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'api.call'")
                .await,
            0
        );
    }
);

/// The request and complaint fixtures' names and codes that must never reach a partner.
const COMPLAINANT: &str = "Sulastri Wibowo";

on_both_backends!(
    partner_api_request_and_complaint_events_are_thin_and_on_the_app_clock,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let receiver = Receiver::start(&[]).await;
        let events = "request.decided complaint.status_changed";
        endpoint_for(&app, &receiver.url, true, events).await;
        // The app clock runs three days ahead of the wall clock: events carry the app's time.
        app.state.clock.advance_ms(3 * 86_400_000);

        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.26.0.1").await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.26.0.2").await;
        let (code, id) = crate::requests::filed(
            &mut company,
            &app,
            "pp_approval",
            &crate::requests::pp_fields(),
            &crate::requests::pp_docs(),
        )
        .await;
        let approved = crate::requests::decide(&mut officer, id, "approve", "").await;
        assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
        let (subject, data, at): (String, String, i64) = sqlx::query_as(
            "SELECT subject, data, created_at_ms FROM webhook_events WHERE event_type = 'request.decided'",
        )
        .fetch_one(&app.db().pool)
        .await
        .expect("request.decided");
        assert_eq!(subject, code);
        let data: Value = serde_json::from_str(&data).expect("data");
        assert_eq!(
            data,
            json!({"request": code, "type": "pp_approval", "status": "approved", "previous_status": "submitted"})
        );
        let now = app.state.clock.now_ms();
        assert!(
            (now - 60_000..=now).contains(&at),
            "stamped by the app clock: {at} vs {now}"
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM webhook_events WHERE event_type = 'request.filed'")
                .await,
            1
        );

        // A confidential complaint: the event names the case number, never the ticket code or the person.
        let mut worker = Client::new(&app, "10.26.0.3");
        let form = [
            ("form[company_id]", f.company_a.to_string()),
            ("form[category]", "overtime".to_owned()),
            (
                "form[description]",
                "Upah lembur tiga bulan terakhir tidak dibayar sama sekali.".to_owned(),
            ),
            ("form[since_date]", "2026-09-01".to_owned()),
            ("form[workers_affected]", "25".to_owned()),
            ("form[wish]", "Upah lembur dibayar penuh".to_owned()),
            ("form[privacy]", "confidential".to_owned()),
            ("form[name]", COMPLAINANT.to_owned()),
            ("form[email]", "sulastri@example.test".to_owned()),
            ("form[phone]", "081234567890".to_owned()),
        ];
        let ticket = crate::complaints::file(&mut worker, &form).await;
        let case = crate::complaints::id_of(&app, &ticket).await;
        crate::complaints::step(&mut officer, case, "accept", &[]).await;
        let (subject, data): (String, String) = sqlx::query_as(
            "SELECT subject, data FROM webhook_events WHERE event_type = 'complaint.status_changed'",
        )
        .fetch_one(&app.db().pool)
        .await
        .expect("complaint.status_changed");
        assert_eq!(subject, format!("PGD-{case:06}"));
        let data: Value = serde_json::from_str(&data).expect("data");
        assert_eq!(data["case"], subject.as_str());
        assert_eq!(
            data.as_object().map(serde_json::Map::len),
            Some(3),
            "{data}"
        );

        // Delivered: exactly the two subscribed events, and nothing personal in any event.
        deliver_webhooks(&app.state).await.expect("pass");
        let seen = receiver.seen.lock().expect("log").clone();
        let types: Vec<String> = seen
            .iter()
            .map(|s| {
                serde_json::from_str::<Value>(&s.3).expect("body")["type"]
                    .as_str()
                    .unwrap_or("")
                    .to_owned()
            })
            .collect();
        assert_eq!(types.len(), 2, "{types:?}");
        assert!(
            types.contains(&"request.decided".to_owned())
                && types.contains(&"complaint.status_changed".to_owned())
        );
        for leak in [ticket.as_str(), COMPLAINANT, "sulastri", "PT Uji"] {
            assert_eq!(
                app.count(&format!("SELECT COUNT(*) FROM webhook_events WHERE data LIKE '%{leak}%' OR subject LIKE '%{leak}%'")).await,
                0,
                "{leak}"
            );
        }
    }
);

on_both_backends!(
    partner_api_ak1_closed_names_the_card_not_the_application,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        seed(&app, &f).await;
        app.state.clock.advance_ms(2 * 86_400_000);
        let now = app.state.clock.now_ms();
        let mut tx = app.db().begin_write().await.expect("tx");
        let closed =
            dnaker::features::ak1::card::close_on_placement(&mut tx, f.seeker_a, None, now)
                .await
                .expect("close");
        tx.commit().await.expect("commit");
        assert!(closed);
        let (subject, data, at): (String, String, i64) = sqlx::query_as(
            "SELECT subject, data, created_at_ms FROM webhook_events WHERE event_type = 'ak1.closed'",
        )
        .fetch_one(&app.db().pool)
        .await
        .expect("ak1.closed");
        assert_eq!(subject, CARD, "the same subject as ak1.issued");
        let data: Value = serde_json::from_str(&data).expect("data");
        assert_eq!(data, json!({"card_number": CARD, "reason": "placed"}));
        assert_eq!(at, now, "stamped by the app clock");
    }
);

/// The authorization matrix of the partner API: the admin page's server functions (admins only), the
/// keyed API routes (no session is a key: anonymous 401, signed in 403), the public document and docs.
pub async fn partner_api_cases(app: &TestApp, _f: &Fixture) -> Vec<Case> {
    let admin_id = id_of(app, matrix::email(Actor::Admin)).await;
    let (key_id,): (i64,) = sqlx::query_as(
        "INSERT INTO api_keys (name, partner, key_prefix, key_hash, scopes, per_minute, expires_on, created_by, \
         created_at_ms) VALUES ('m', 'm', 'dnk_live_m', 'matrix-hash', 'vacancies:read', 10, '2099-01-01', $1, 1) \
         RETURNING id",
    )
    .bind(admin_id)
    .fetch_one(&app.db().pool)
    .await
    .expect("key");
    let secret = app.state.pii.encrypt("whsec_bWF0cml4").expect("encrypt");
    let (endpoint_id,): (i64,) = sqlx::query_as(
        "INSERT INTO webhook_endpoints (partner, url, secret_ciphertext, event_types, allow_private, created_at_ms) \
         VALUES ('m', 'http://127.0.0.1:9/none', $1, 'ak1.issued', 0, 1) RETURNING id",
    )
    .bind(&secret)
    .fetch_one(&app.db().pool)
    .await
    .expect("endpoint");
    let (disabled_id,): (i64,) = sqlx::query_as(
        "INSERT INTO webhook_endpoints (partner, url, secret_ciphertext, event_types, allow_private, \
         disabled_at_ms, disabled_reason, created_at_ms) VALUES ('m', 'http://127.0.0.1:9/gone', $1, \
         'ak1.issued', 0, 1, '410 Gone', 1) RETURNING id",
    )
    .bind(&secret)
    .fetch_one(&app.db().pool)
    .await
    .expect("disabled endpoint");
    let key_form = [
        ("form[name]", "Kunci matriks".to_owned()),
        ("form[partner]", "Mitra".to_owned()),
        ("form[scopes]", "vacancies:read".to_owned()),
        ("form[expires_on]", day(app, 10)),
    ];
    let endpoint_form = [
        ("form[partner]", "Mitra".to_owned()),
        ("form[url]", "https://hooks.example.org/x".to_owned()),
        ("form[event_types]", "ak1.issued".to_owned()),
    ];
    let admin = &matrix::ADMIN;
    vec![
        Case::post("partner: overview", LoadIntegration::PATH, &[], admin),
        Case::post("partner: issue key", IssueApiKey::PATH, &key_form, admin),
        Case::post(
            "partner: revoke key",
            RevokeApiKey::PATH,
            &[("id", key_id.to_string())],
            admin,
        ),
        Case::post(
            "partner: add endpoint",
            AddWebhookEndpoint::PATH,
            &endpoint_form,
            admin,
        ),
        Case::post(
            "partner: test event",
            SendWebhookTest::PATH,
            &[("endpoint_id", endpoint_id.to_string())],
            admin,
        ),
        Case::post(
            "partner: rotate endpoint secret",
            RotateWebhookSecret::PATH,
            &[("endpoint_id", endpoint_id.to_string())],
            admin,
        ),
        Case::post(
            "partner: enable endpoint",
            EnableWebhookEndpoint::PATH,
            &[("endpoint_id", disabled_id.to_string())],
            admin,
        ),
        Case::post(
            "partner: delete endpoint",
            DeleteWebhookEndpoint::PATH,
            &[("endpoint_id", endpoint_id.to_string())],
            admin,
        ),
        Case::public("partner: openapi", Method::Get, "/api/v1/openapi.json", &[]),
        Case::public("partner: docs", Method::Get, "/api/v1/docs", &[]),
        Case::get("api: ak1", "/api/v1/ak1/verify?number=x", &[]),
        Case::post("api: pkwt by worker", "/api/v1/pkwt/by-worker", &[], &[]),
        Case::get("api: pkwt by company", "/api/v1/pkwt/by-company", &[]),
        Case::post("api: company lookup", "/api/v1/companies/lookup", &[], &[]),
        Case::get("api: vacancies", "/api/v1/vacancies", &[]),
        Case::get("api: fairs", "/api/v1/fairs", &[]),
        Case::get("api: statistics", "/api/v1/statistics", &[]),
        Case::post(
            "api: check contract",
            "/api/v1/checks/pkwt-registered",
            &[],
            &[],
        ),
        Case::post("api: check ak1", "/api/v1/checks/ak1-valid", &[], &[]),
    ]
}
