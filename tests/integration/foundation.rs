//! The foundation through the real HTTP stack, on SQLite and PostgreSQL.

use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use dnaker::{
    core::{
        i18n::{EN, ID},
        role::Role,
    },
    features::{
        accounts::admin::{CreateAdminError, create_admin},
        demo::seed::seed_demo,
    },
};

on_both_backends!(
    migrations_apply_and_instance_is_ready,
    |app: crate::common::TestApp| async move {
        assert_eq!(app.get("/readyz").await.status, StatusCode::OK);
        assert_eq!(app.get("/healthz").await.status, StatusCode::OK);
        // Running the migrator again changes nothing.
        app.db().migrate().await.expect("idempotent");
        assert!(
            app.count("SELECT COUNT(*) FROM regions WHERE level = 'district'")
                .await
                > 7000
        );
        assert!(
            app.count(
                "SELECT COUNT(*) FROM regions WHERE level = 'village' AND code LIKE '36.03.%'"
            )
            .await
                > 200
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM kbli_sections").await, 21);
        assert_eq!(app.count("SELECT COUNT(*) FROM education_levels").await, 11);
        assert_eq!(
        app.count("SELECT amount_idr FROM minimum_wages WHERE region_code = '36.03' AND year = 2026 AND sector_code IS NULL").await,
        5_210_377
    );
        assert!(
            app.count("SELECT COUNT(*) FROM holidays WHERE date LIKE '2026-%'")
                .await
                >= 15
        );
    }
);

on_both_backends!(
    home_renders_in_indonesian_and_english,
    |app: crate::common::TestApp| async move {
        let home = app.get("/").await;
        assert_eq!(home.status, StatusCode::OK);
        assert!(
            home.body.contains(r#"<html lang="id""#),
            "Indonesian by default"
        );
        assert!(home.body.contains(ID.home_title));
        assert!(
            home.body.contains(ID.home_no_vacancies),
            "an empty portal says so"
        );
        let english = app.get_with_cookie("/", "dnaker_lang=en").await;
        assert!(english.body.contains(r#"<html lang="en""#));
        assert!(english.body.contains(EN.home_title));
        assert!(!english.body.contains(ID.home_title));
    }
);

on_both_backends!(
    every_link_of_the_home_page_leads_to_a_page,
    |app: crate::common::TestApp| async move {
        let home = app.get("/").await;
        assert_eq!(home.status, StatusCode::OK);
        let mut links: Vec<&str> = home
            .body
            .split("<a ")
            .skip(1)
            .filter_map(|tag| tag.split_once("href=\"")?.1.split('"').next())
            .filter(|href| href.starts_with('/'))
            .collect();
        links.sort_unstable();
        links.dedup();
        assert!(
            links.contains(&"/akun/profil"),
            "the AK-1 service: {links:?}"
        );
        for link in links {
            let page = app.get(link).await;
            assert_ne!(page.status, StatusCode::NOT_FOUND, "{link} is a 404");
        }
    }
);

on_both_backends!(
    home_shows_demo_data_and_seeding_is_idempotent,
    |app: crate::common::TestApp| async move {
        let report = seed_demo(app.db(), &app.state.pii).await.expect("seeded");
        assert!(!report.already_loaded);
        // An admin, two officers, two companies' HR admins, three seekers.
        assert_eq!(report.accounts.len(), 8);
        let roles = |role: Role| report.accounts.iter().filter(|a| a.0 == role).count();
        assert_eq!(
            [Role::Admin, Role::Officer, Role::Company, Role::Seeker].map(roles),
            [1, 2, 2, 3]
        );
        assert_eq!(
            app.count("SELECT COUNT(DISTINCT company_id) FROM accounts WHERE role = 'company'")
                .await,
            2,
            "the two HR accounts belong to two companies"
        );
        let vacancies = app.count("SELECT COUNT(*) FROM vacancies").await;
        assert!(vacancies >= 30);
        // Demo contracts: two registered with the demo seekers, one waiting for an officer.
        assert_eq!(report.contracts, 3);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM pkwt_contracts WHERE status = 'approved' AND registration_number IS NOT NULL")
                .await,
            2
        );
        let seekers_with_contracts = app
            .count("SELECT COUNT(*) FROM pkwt_contracts c JOIN seekers s ON s.nik_hash = c.worker_id_hash")
            .await;
        assert_eq!(
            seekers_with_contracts, 2,
            "the demo seekers see their contracts"
        );
        // Job fairs: an upcoming hybrid one with four booths and a ticket, a past one with check-ins.
        assert_eq!(
            app.count("SELECT COUNT(*) FROM fair_booths b JOIN job_fairs f ON f.id = b.fair_id WHERE f.kind = 'hybrid' AND f.status = 'published' AND b.status = 'approved'")
                .await,
            4
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM slot_bookings").await, 1);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM fair_registrations r JOIN job_fairs f ON f.id = r.fair_id WHERE f.status = 'closed' AND r.checked_in_at_ms IS NOT NULL")
                .await,
            3
        );
        // Foreign workers of the demo company and a DKPTKA payment waiting for an officer.
        assert_eq!(app.count("SELECT COUNT(*) FROM tka_workers").await, 2);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM dkptka_bills WHERE status = 'submitted'")
                .await,
            1
        );
        let fairs_page = app.get("/bursa-kerja").await;
        assert!(
            fairs_page
                .body
                .contains("Job Fair Kabupaten Tangerang 2026")
        );
        let again = seed_demo(app.db(), &app.state.pii)
            .await
            .expect("second run");
        assert!(again.already_loaded);
        assert_eq!(app.count("SELECT COUNT(*) FROM vacancies").await, vacancies);

        let home = app.get("/").await;
        let newest = dnaker::features::demo::data::VACANCIES[0].title_id;
        assert!(
            home.body.contains(newest),
            "the newest demo vacancy is listed"
        );
        assert!(home.body.contains("Rp "), "wages shown in rupiah");
        // Wages below the 2026 UMK would be refused by the vacancy rules; the demo data must respect them.
        assert_eq!(
            app.count("SELECT COUNT(*) FROM vacancies WHERE wage_min_idr < 5210377")
                .await,
            0
        );
    }
);

on_both_backends!(
    unknown_pages_are_localized_404s,
    |app: crate::common::TestApp| async move {
        let missing = app.get("/tidak-ada-halaman-ini").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert!(missing.body.contains(ID.not_found_title));
        let english = app
            .get_with_cookie("/tidak-ada-halaman-ini", "dnaker_lang=en")
            .await;
        assert_eq!(english.status, StatusCode::NOT_FOUND);
        assert!(english.body.contains(EN.not_found_title));
    }
);

on_both_backends!(
    pages_carry_security_headers_and_request_ids,
    |app: crate::common::TestApp| async move {
        let home = app.get("/").await;
        let csp = crate::page_cache::policy(&home);
        // The home page is kept for anonymous visitors (`page_cache`): its scripts are allowed by hash.
        assert!(
            csp.contains("'sha256-"),
            "kept page CSP names its scripts: {csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"));
        // A page rendered per request, and the not-found page (Leptos's fallback handler): the header's
        // nonce is the one their inline scripts carry, a fresh one per response.
        let mut nonces = Vec::new();
        for path in [
            "/atur-sandi?token=x",
            "/atur-sandi?token=x",
            "/tidak-ada-halaman-ini",
        ] {
            let page = app.get(path).await;
            let csp = crate::page_cache::policy(&page);
            assert!(
                csp.contains("'nonce-"),
                "{path}: page CSP has a nonce: {csp}"
            );
            let nonce = csp
                .split("'nonce-")
                .nth(1)
                .and_then(|rest| rest.split('\'').next())
                .unwrap_or_default()
                .to_owned();
            assert!(
                page.body.contains(&format!("nonce=\"{nonce}\"")),
                "{path}: inline scripts carry the same nonce"
            );
            nonces.push(nonce);
        }
        assert_ne!(nonces[0], nonces[1], "a fresh nonce per response");

        assert_eq!(
            home.headers
                .get("x-content-type-options")
                .map(axum::http::HeaderValue::as_bytes),
            Some(&b"nosniff"[..])
        );
        assert!(home.headers.get("referrer-policy").is_some());
        assert!(home.headers.get("x-request-id").is_some());
        let health = app.get("/healthz").await;
        assert_eq!(
            crate::page_cache::policy(&health),
            dnaker::server::security::STATIC_CSP,
            "non-page responses get the static CSP, no nonce"
        );
        // A server function's answer renders no page (Leptos runs the pages' context for it too).
        let mut visitor = crate::common::Client::new(&app, "10.0.9.1");
        let summary = visitor
            .post(
                <dnaker::features::home::api::LoadHomeSummary as leptos::server_fn::ServerFn>::PATH,
                &[],
            )
            .await;
        assert_eq!(summary.status, StatusCode::OK);
        assert_eq!(
            crate::page_cache::policy(&summary),
            dnaker::server::security::STATIC_CSP,
            "a server function's answer gets the static CSP"
        );
    }
);

on_both_backends!(
    readyz_is_503_when_the_database_goes_away,
    |app: crate::common::TestApp| async move {
        assert_eq!(app.get("/readyz").await.status, StatusCode::OK);
        app.db().pool.close().await;
        assert_eq!(
            app.get("/readyz").await.status,
            StatusCode::SERVICE_UNAVAILABLE
        );
        assert_eq!(
            app.get("/healthz").await.status,
            StatusCode::OK,
            "the process is still alive"
        );
    }
);

#[tokio::test]
async fn readyz_is_503_while_the_database_is_unreachable() {
    let app = crate::common::unreachable_postgres_app().await;
    assert_eq!(
        app.get("/readyz").await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(app.get("/healthz").await.status, StatusCode::OK);
    // Pages still render, with the localized "temporarily unavailable" message instead of the live
    // figures, and say so in their status (so no cache keeps them and a balancer can see it).
    let home = app.get("/").await;
    assert_eq!(home.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(home.body.contains(ID.err_unavailable));
}

on_both_backends!(
    language_switch_sets_a_cookie_and_returns_locally,
    |app: crate::common::TestApp| async move {
        let switched = app.get("/bahasa/en?kembali=/lowongan%3Fq%3Dlas").await;
        assert_eq!(switched.status, StatusCode::SEE_OTHER);
        assert_eq!(
            switched
                .headers
                .get("location")
                .map(axum::http::HeaderValue::as_bytes),
            Some(&b"/lowongan?q=las"[..])
        );
        let cookie = switched
            .headers
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(cookie.starts_with("dnaker_lang=en;") && cookie.contains("SameSite=Lax"));
        let open_redirect = app.get("/bahasa/id?kembali=//evil.example").await;
        assert_eq!(
            open_redirect
                .headers
                .get("location")
                .map(axum::http::HeaderValue::as_bytes),
            Some(&b"/"[..])
        );
        assert_eq!(app.get("/bahasa/xx").await.status, StatusCode::NOT_FOUND);
    }
);

on_both_backends!(
    oversized_bodies_are_refused,
    |app: crate::common::TestApp| async move {
        let body = vec![b'a'; 200 * 1024];
        let request = Request::post("/api/load_home_summary")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("content-length", body.len().to_string())
            .body(Body::from(body))
            .expect("request");
        assert_eq!(
            app.request(request).await.status,
            StatusCode::PAYLOAD_TOO_LARGE
        );
    }
);

on_both_backends!(
    create_admin_validates_and_refuses_duplicates,
    |app: crate::common::TestApp| async move {
        let audit_before = app.count("SELECT COUNT(*) FROM audit_log").await;
        let bad = create_admin(app.db(), "not-an-email", "A", "short").await;
        let Err(CreateAdminError::Invalid(errors)) = bad else {
            panic!("expected field errors, got {bad:?}")
        };
        assert_eq!(errors.get("email"), Some("err_email"));
        assert_eq!(errors.get("name"), Some("err_full_name"));
        assert_eq!(errors.get("password"), Some("err_password_short"));
        for (email, password) in [
            ("admin@tangerangkab.go.id", "Password123"),
            ("admin@tangerangkab.go.id", "ADMIN@tangerangkab.go.id"),
        ] {
            let weak = create_admin(app.db(), email, "Admin Dinas", password).await;
            let Err(CreateAdminError::Invalid(errors)) = weak else {
                panic!("{password}: expected a field error, got {weak:?}")
            };
            assert_eq!(errors.get("password"), Some("err_password_common"));
        }
        assert_eq!(
            app.count("SELECT COUNT(*) FROM accounts").await,
            0,
            "nothing written"
        );

        let id = create_admin(
            app.db(),
            "Kepala.Dinas@Tangerangkab.go.id",
            "Kepala Dinas",
            "rahasia-panjang-1",
        )
        .await
        .expect("created");
        assert!(id > 0);
        let (email, role): (String, String) =
            sqlx::query_as("SELECT email, role FROM accounts WHERE id = $1")
                .bind(id)
                .fetch_one(&app.db().pool)
                .await
                .expect("row");
        assert_eq!(
            (email.as_str(), role.as_str()),
            ("kepala.dinas@tangerangkab.go.id", "admin")
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_log").await,
            audit_before + 1
        );
        let again = create_admin(
            app.db(),
            "kepala.dinas@tangerangkab.go.id",
            "Lain",
            "rahasia-panjang-2",
        )
        .await;
        assert!(matches!(again, Err(CreateAdminError::EmailTaken)));
    }
);

#[tokio::test]
async fn sqlite_is_durable_and_backs_up_with_vacuum_into() {
    let app = crate::common::sqlite_app().await;
    let mut conn = app.db().pool.acquire().await.expect("connection");
    let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode")
        .fetch_one(&mut *conn)
        .await
        .expect("pragma");
    assert_eq!(mode, "wal");
    drop(conn);
    let target = app.state.config.server.data_dir.join("copy.db");
    dnaker::server::backup::backup(app.db(), &app.state.config, &target)
        .await
        .expect("backup");
    let copy = dnaker::server::db::Db::connect_lazy(&format!("sqlite://{}", target.display()))
        .expect("url");
    let (regions,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM regions")
        .fetch_one(&copy.pool)
        .await
        .expect("copy readable");
    assert!(regions > 7000);
    assert!(
        dnaker::server::backup::backup(app.db(), &app.state.config, &target)
            .await
            .is_err(),
        "never overwrites"
    );
}

on_both_backends!(
    reference_data_drives_the_working_day_calendar,
    |app: crate::common::TestApp| async move {
        use dnaker::{core::money::Rupiah, server::reference};
        use time::macros::date;
        let calendar = reference::holiday_calendar(app.db())
            .await
            .expect("holidays");
        // 17 August 2026 (Independence Day) is a Monday: Friday 14 August + 1 working day is Tuesday 18 August.
        assert!(calendar.is_holiday(date!(2026 - 08 - 17)));
        assert_eq!(
            calendar.add_working_days(date!(2026 - 08 - 14), 1),
            date!(2026 - 08 - 18)
        );
        assert_eq!(
            calendar.add_working_days(date!(2026 - 12 - 31), 1),
            date!(2027 - 01 - 04),
            "New Year across the year boundary"
        );
        assert_eq!(
            reference::minimum_wage(app.db(), "36.03", 2026)
                .await
                .expect("query"),
            Some((Rupiah(5_210_377), 2026))
        );
        // A year the office has not entered yet: the latest before it is in force.
        assert_eq!(
            reference::minimum_wage(app.db(), "36.03", 2031)
                .await
                .expect("query"),
            Some((Rupiah(5_210_377), 2026))
        );
        assert_eq!(
            reference::minimum_wage(app.db(), "36.03", 2019)
                .await
                .expect("query"),
            None
        );
    }
);

/// A server function called while a page waits for its data, on the same thread (tokio's test runtime has
/// one): it must not find the page's Leptos context and take itself for a render, which would give its
/// answer the page's policy (`server::request_owner`).
#[tokio::test]
async fn a_request_during_a_page_render_keeps_to_itself() {
    let app = crate::common::sqlite_app().await;
    let page = Request::get("/lowongan/987654321")
        .body(Body::empty())
        .expect("request");
    let call = Request::post(
        <dnaker::features::home::api::LoadHomeSummary as leptos::server_fn::ServerFn>::PATH,
    )
    .header("content-type", "application/x-www-form-urlencoded")
    .header("accept", "application/json")
    .header("origin", "http://localhost")
    .header("host", "localhost")
    .body(Body::empty())
    .expect("request");
    let (page, call) = tokio::join!(app.request(page), async {
        // The page first, up to its first wait for the database.
        tokio::task::yield_now().await;
        app.request(call).await
    });
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(crate::page_cache::policy(&page).contains("'nonce-"));
    assert_eq!(call.status, StatusCode::OK);
    assert_eq!(
        crate::page_cache::policy(&call),
        dnaker::server::security::STATIC_CSP
    );
}

#[tokio::test]
async fn built_assets_are_sent_precompressed_and_misses_are_not_cached() {
    let site = tempfile::tempdir().expect("tempdir");
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).expect("pkg dir");
    std::fs::write(pkg.join("dnaker.js"), "console.log('plain');").expect("js");
    std::fs::write(pkg.join("dnaker.js.br"), b"brotli bytes").expect("br");
    let app = crate::common::sqlite_app_with_site(site.path()).await;

    let request = |path: &str| {
        Request::get(path)
            .header("accept-encoding", "br, gzip")
            .body(Body::empty())
            .expect("request")
    };
    let (status, headers, body) = app.request_bytes(request("/pkg/dnaker.js")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-encoding"], "br");
    assert_eq!(body, b"brotli bytes");
    // Test binaries have no hash.txt beside them: unhashed names must be revalidated, never kept a year.
    assert_eq!(headers["cache-control"], "no-cache");

    let (status, headers, _) = app.request_bytes(request("/pkg/missing.js")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(headers.get("cache-control").is_none());
}

/// The files of `public/`, the built assets and the health check are served ahead of the session layer: a
/// signed-in browser's icons and scripts cost no read of its session, and they may be kept.
#[tokio::test]
async fn public_files_are_served_without_reading_the_session() {
    let site = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(site.path().join("pkg")).expect("pkg dir");
    std::fs::create_dir_all(site.path().join("icons")).expect("icons dir");
    std::fs::write(site.path().join("pkg/dnaker.js"), "// app").expect("js");
    std::fs::write(site.path().join("pwa.js"), "// pwa").expect("pwa");
    std::fs::write(site.path().join("pwa.js.br"), b"brotli pwa").expect("pwa br");
    std::fs::write(site.path().join("icons/icon.svg"), "<svg/>").expect("icon");
    let app = crate::common::sqlite_app_with_site(site.path()).await;
    // With the database gone, reading a session fails the request: these must not read one.
    app.db().pool.close().await;
    let request = |path: &str| {
        Request::get(path)
            .header("accept-encoding", "br")
            .header("cookie", "dnaker_sid=am90Vhn8WFXLNuJJle1PVA; lang=en")
            .body(Body::empty())
            .expect("request")
    };
    for (path, lifetime) in [
        ("/pwa.js", "public, no-cache"),
        ("/icons/icon.svg", "public, max-age=3600"),
        ("/pkg/dnaker.js", "no-store"),
        ("/healthz", "no-store"),
    ] {
        let (status, headers, _) = app.request_bytes(request(path)).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(headers["cache-control"], lifetime, "{path}");
        assert!(headers.get("set-cookie").is_none(), "{path}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
    }
    let (_, headers, body) = app.request_bytes(request("/pwa.js")).await;
    assert_eq!(headers["content-encoding"], "br");
    assert_eq!(body, b"brotli pwa");
    assert!(
        headers["vary"]
            .to_str()
            .is_ok_and(|v| v.contains("accept-encoding"))
    );
    // Revalidated: the 304 keeps the lifetime, or the browser would take `no-store` onto its copy.
    let mut again = request("/pwa.js");
    again
        .headers_mut()
        .insert("if-modified-since", headers["last-modified"].clone());
    let (status, headers, _) = app.request_bytes(again).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert_eq!(headers["cache-control"], "public, no-cache");
    // A page still reads the session: it answers, without the database, as unavailable.
    let (status, _, _) = app.request_bytes(request("/akun")).await;
    assert_ne!(status, StatusCode::OK);
}

on_both_backends!(
    anonymous_visitors_hydrate_on_first_use_and_signed_in_visitors_after_load,
    |app: crate::common::TestApp| async move {
        use crate::common::matrix::{self, Actor};
        // The last argument of the inline hydration script (`ui::hydration`): fetch the WASM on demand.
        let on_demand = |body: &str| {
            let on = body.contains(", true);</script>");
            let off = body.contains(", false);</script>");
            assert!(on != off, "one hydration script: {body}");
            on
        };
        assert!(
            on_demand(&app.get("/").await.body),
            "a reader downloads no WASM"
        );
        let english = app.get_with_cookie("/lowongan", "dnaker_lang=en").await;
        assert!(
            on_demand(&english.body),
            "the language choice is no session"
        );
        let stale = app.get_with_cookie("/", "dnaker_sid=not-a-session").await;
        assert!(
            !on_demand(&stale.body),
            "any session cookie means a signed-in visitor"
        );

        matrix::fixture(&app).await;
        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "10.72.0.1").await;
        let home = seeker.get("/").await;
        assert_eq!(home.status, StatusCode::OK);
        assert!(
            !on_demand(&home.body),
            "signed in: hydrated after load, unasked"
        );
    }
);

fn cache_control(response: &crate::common::Response) -> String {
    response
        .headers
        .get_all("cache-control")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(", ")
}

on_both_backends!(
    answers_to_a_signed_in_browser_are_never_stored,
    |app: crate::common::TestApp| async move {
        use crate::common::{Client, matrix};
        use dnaker::features::accounts::api::SignIn;
        use leptos::server_fn::ServerFn;
        matrix::fixture(&app).await;
        let anonymous = app.get("/").await;
        assert_eq!(anonymous.status, StatusCode::OK);
        assert!(!cache_control(&anonymous).contains("no-store"));
        assert!(
            !anonymous.headers.contains_key("strict-transport-security"),
            "no HSTS over plain HTTP"
        );
        let mut counter = Client::new(&app, "10.0.5.1");
        let signed_in = counter
            .post(
                SignIn::PATH,
                &[
                    ("email", matrix::email(matrix::Actor::SeekerA)),
                    ("password", matrix::PASSWORD),
                ],
            )
            .await;
        assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.body);
        assert_eq!(
            cache_control(&signed_in),
            "no-store",
            "the answer that starts a session"
        );
        for path in ["/", "/akun", "/lowongan"] {
            let page = counter.get(path).await;
            assert_eq!(page.status, StatusCode::OK, "{path}");
            assert_eq!(cache_control(&page), "no-store", "{path}");
        }
    }
);
