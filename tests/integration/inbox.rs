//! Integration tests of the one inbox, on SQLite and PostgreSQL: read and unread, links, marking only one's
//! own notices, the e-mail copy per category, the automation jobs (each once per period), and the matrix.
use axum::http::StatusCode;
use leptos::server_fn::ServerFn;

use dnaker::{
    core::calendar::{format_date, wib_date},
    features::inbox::{
        api::{
            LoadInbox, MarkAllNoticesRead, MarkCategoryRead, MarkNoticeRead, SetNoticeEmail,
            UnreadNotices,
        },
        jobs,
    },
    server::notify::{self, Email, Notice},
};

use crate::common::{
    TestApp,
    matrix::{self, Actor, Case, SIGNED_IN},
    ok_json, post,
};

/// Writes a notice as a feature would (with its e-mail copy); returns its id.
pub(crate) async fn notice(app: &TestApp, account_id: i64, key: &'static str, link: &str) -> i64 {
    let mut tx = app.state.db.begin_write().await.expect("tx");
    notify::send(
        &mut tx,
        Notice {
            account_id,
            message_key: key,
            subject: "Operator produksi",
            link: Some(link.to_owned()),
            now_ms: app.state.clock.now_ms(),
            email: Some(Email {
                to: "someone@inbox.test",
                public_url: "https://dnaker.test",
            }),
        },
    )
    .await
    .expect("notice");
    tx.commit().await.expect("commit");
    let (id,): (i64,) = sqlx::query_as("SELECT MAX(id) FROM notifications WHERE account_id = $1")
        .bind(account_id)
        .fetch_one(&app.db().pool)
        .await
        .expect("id");
    id
}

async fn account_of(app: &TestApp, actor: Actor) -> i64 {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM accounts WHERE email = $1")
        .bind(matrix::email(actor))
        .fetch_one(&app.db().pool)
        .await
        .expect("account");
    id
}

on_both_backends!(
    inbox_shows_own_notices_read_and_unread_with_local_links,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let first = notice(&app, f.seeker_a, "notice_app_hired", "/akun/lamaran").await;
        notice(
            &app,
            f.seeker_a,
            "notice_pkwt_approved",
            "https://evil.example/x",
        )
        .await;
        let theirs = notice(&app, f.seeker_b, "notice_app_received", "/akun/lamaran").await;
        let mut a = matrix::signed_in(&app, Actor::SeekerA, "10.80.0.1").await;
        let view = ok_json(&mut a, LoadInbox::PATH, &[]).await;
        assert_eq!(view["unread"], 2);
        let items = view["items"].as_array().expect("items");
        assert_eq!(items.len(), 2, "only A's notices");
        // Newest first; a link off the portal is dropped, a local one kept.
        assert_eq!(items[0]["link"], serde_json::Value::Null);
        assert_eq!(items[0]["category"], "pkwt");
        assert_eq!(items[1]["link"], "/akun/lamaran");
        assert!(
            items[1]["text"]
                .as_str()
                .unwrap_or_default()
                .contains("Operator produksi")
        );
        assert_eq!(ok_json(&mut a, UnreadNotices::PATH, &[]).await, 2);
        // B's notice cannot be marked by A, and stays unread.
        let refused = post(
            &mut a,
            MarkNoticeRead::PATH,
            &[("notice_id", theirs.to_string())],
        )
        .await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND);
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM notifications WHERE id = {theirs} AND read_at_ms IS NULL"
            ))
            .await,
            1
        );
        ok_json(
            &mut a,
            MarkNoticeRead::PATH,
            &[("notice_id", first.to_string())],
        )
        .await;
        let view = ok_json(&mut a, LoadInbox::PATH, &[]).await;
        assert_eq!(view["unread"], 1);
        assert_eq!(view["items"][1]["read"], true);
        assert_eq!(ok_json(&mut a, MarkAllNoticesRead::PATH, &[]).await, 1);
        assert_eq!(ok_json(&mut a, UnreadNotices::PATH, &[]).await, 0);
        // B's notice is still unread after A's "all read".
        let mut b = matrix::signed_in(&app, Actor::SeekerB, "10.80.0.2").await;
        assert_eq!(ok_json(&mut b, UnreadNotices::PATH, &[]).await, 1);
        // The inbox page itself renders for a company too (their notices were never shown before).
        notice(
            &app,
            account_of(&app, Actor::CompanyAdminA).await,
            "notice_umk_below",
            "/perusahaan/pkwt",
        )
        .await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.80.0.3").await;
        let page = company.get("/kotak-masuk").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body.contains("Operator produksi"),
            "the company's notice is shown"
        );
    }
);

on_both_backends!(
    the_my_jobs_page_marks_nothing_read_only_the_inbox_does,
    |app: TestApp| async move {
        use dnaker::features::vacancies::api::LoadMyJobs;
        let f = matrix::fixture(&app).await;
        notice(&app, f.seeker_a, "notice_app_hired", "/akun/lamaran").await;
        notice(&app, f.seeker_a, "notice_app_offered", "/akun/lamaran").await;
        notice(&app, f.seeker_a, "notice_pkwt_approved", "/akun/kontrak").await;
        notice(&app, f.seeker_a, "notice_ak1_card_expires", "/akun/profil").await;
        let mut a = matrix::signed_in(&app, Actor::SeekerA, "10.80.3.1").await;
        let audits = || app.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'inbox.%'");
        // Opening "my jobs" (twice, and its page) shows the notices but leaves them unread.
        for _ in 0..2 {
            let jobs = ok_json(&mut a, LoadMyJobs::PATH, &[]).await;
            assert_eq!(jobs["notices"].as_array().map(Vec::len), Some(4));
        }
        assert_eq!(a.get("/akun/lamaran").await.status, StatusCode::OK);
        assert_eq!(ok_json(&mut a, UnreadNotices::PATH, &[]).await, 4);
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM notifications WHERE account_id = {} AND read_at_ms IS NULL",
                f.seeker_a
            ))
            .await,
            4
        );
        assert_eq!(audits().await, 0, "nothing was marked");
        // The inbox marks one category read (audited), the others stay unread.
        assert_eq!(
            ok_json(
                &mut a,
                MarkCategoryRead::PATH,
                &[("category", "vacancy".into())]
            )
            .await,
            2
        );
        assert_eq!(ok_json(&mut a, UnreadNotices::PATH, &[]).await, 2);
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'inbox.read_category' AND detail = 'vacancy'"
            )
            .await,
            1
        );
        let view = ok_json(&mut a, LoadInbox::PATH, &[]).await;
        for item in view["items"].as_array().expect("items") {
            assert_eq!(item["read"], item["category"] == "vacancy", "{item}");
        }
        // An unknown category is refused and marks nothing; B's notices are never A's to mark.
        let refused = post(&mut a, MarkCategoryRead::PATH, &[("category", "x".into())]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        notice(&app, f.seeker_b, "notice_pkwt_approved", "/akun/kontrak").await;
        assert_eq!(
            ok_json(
                &mut a,
                MarkCategoryRead::PATH,
                &[("category", "pkwt".into())]
            )
            .await,
            1
        );
        let mut b = matrix::signed_in(&app, Actor::SeekerB, "10.80.3.2").await;
        assert_eq!(ok_json(&mut b, UnreadNotices::PATH, &[]).await, 1);
    }
);

on_both_backends!(
    email_copies_follow_the_category_preferences,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut a = matrix::signed_in(&app, Actor::SeekerA, "10.80.1.1").await;
        let mails = || {
            app.count("SELECT COUNT(*) FROM mail_outbox WHERE to_address = 'someone@inbox.test'")
        };
        notice(&app, f.seeker_a, "notice_app_hired", "/akun/lamaran").await;
        assert_eq!(mails().await, 1, "on by default");
        ok_json(
            &mut a,
            SetNoticeEmail::PATH,
            &[("category", "vacancy".into()), ("on", "0".into())],
        )
        .await;
        notice(&app, f.seeker_a, "notice_app_offered", "/akun/lamaran").await;
        assert_eq!(mails().await, 1, "switched off: in the inbox only");
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM notifications WHERE message_key = 'notice_app_offered'"
            )
            .await,
            1
        );
        // B's choice is B's own: A's switch does not silence B.
        notice(&app, f.seeker_b, "notice_app_offered", "/akun/lamaran").await;
        assert_eq!(mails().await, 2);
        // A mandatory category cannot be switched off, and its copy always goes.
        let refused = post(
            &mut a,
            SetNoticeEmail::PATH,
            &[("category", "pkwt".into()), ("on", "0".into())],
        )
        .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        let unknown = post(
            &mut a,
            SetNoticeEmail::PATH,
            &[("category", "x".repeat(5000)), ("on", "0".into())],
        )
        .await;
        assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
        notice(&app, f.seeker_a, "notice_pkwt_approved", "/akun/kontrak").await;
        assert_eq!(mails().await, 3);
        ok_json(
            &mut a,
            SetNoticeEmail::PATH,
            &[("category", "vacancy".into()), ("on", "1".into())],
        )
        .await;
        notice(&app, f.seeker_a, "notice_app_hired", "/akun/lamaran").await;
        assert_eq!(mails().await, 4);
        let view = ok_json(&mut a, LoadInbox::PATH, &[]).await;
        let prefs = view["prefs"].as_array().expect("prefs");
        assert!(
            prefs.iter().any(|p| p["category"] == "pkwt"
                && p["mandatory"] == true
                && p["email_on"] == true)
        );
    }
);

/// Data every automation job has something to say about: an AK-1 card ending in 10 days, one application
/// overdue, an unpaid levy bill starting in a week, and a registered contract of seeker A ending this month.
async fn due_things(app: &TestApp, f: &matrix::Fixture) {
    let now = app.state.clock.now_ms();
    let today = wib_date(now);
    let day = |d: i64| format_date(today.checked_add(time::Duration::days(d)).expect("date"));
    sqlx::query(
        "INSERT INTO ak1_applications (account_id, status, submitted_at_ms, due_at_ms, card_number, issued_on, valid_until, verification_code) \
         VALUES ($1, 'issued', 1, 2, 'AK1-TEST-1', '2024-12-15', $2, 'KODEUJI1')",
    )
    .bind(f.seeker_a)
    .bind(day(10))
    .execute(&app.db().pool)
    .await
    .expect("card");
    sqlx::query("INSERT INTO ak1_applications (account_id, status, submitted_at_ms, due_at_ms) VALUES ($1, 'waiting', $2, $3)")
        .bind(f.seeker_b)
        .bind(now - 3 * 86_400_000)
        .bind(now - 86_400_000)
        .execute(&app.db().pool)
        .await
        .expect("overdue application");
    let admin_a = account_of(app, Actor::CompanyAdminA).await;
    sqlx::query(
        "INSERT INTO dkptka_bills (company_id, bill_number, rptka_number, period_start, period_end, positions, months, \
         amount_usd_cents, rate_hundredths, rate_date, rate_source, amount_idr, status, created_by, created_at_ms) \
         VALUES ($1, 'DKPTKA-UJI-1', 'RPTKA-1', $2, $3, 1, 12, 120000, 1600000, '2026-12-01', 'BI', 19200000, 'unpaid', $4, 1)",
    )
    .bind(f.company_a)
    .bind(day(7))
    .bind(day(370))
    .bind(admin_a)
    .execute(&app.db().pool)
    .await
    .expect("bill");
    let (hash,): (String,) = sqlx::query_as("SELECT nik_hash FROM seekers WHERE account_id = $1")
        .bind(f.seeker_a)
        .fetch_one(&app.db().pool)
        .await
        .expect("hash");
    let (_, last) = jobs::month_bounds(today);
    sqlx::query(
        "INSERT INTO pkwt_contracts (company_id, worker_id_ciphertext, worker_id_hash, worker_name, worker_sex, worker_birth_date, \
         worker_address, foreign_worker, position, workplace, wage_idr, wage_with_allowances, contract_kind, start_date, end_date, \
         signed_place, signed_date, link_kind, late, status, submitted_at_ms, due_at_ms, submitted_by, registration_number) \
         VALUES ($1, 'x', $2, 'Siti', 'female', '1995-08-15', 'Jl. Uji', 0, 'Operator', 'Pabrik', 6000000, 0, 'period', $3, $4, \
         'Tangerang', $3, 'new', 0, 'approved', 1, 2, $5, 'PKWT-UJI-1')",
    )
    .bind(f.company_a)
    .bind(hash)
    .bind(day(-200))
    .bind(format_date(last))
    .bind(admin_a)
    .execute(&app.db().pool)
    .await
    .expect("contract");
    // Past their legal clocks: a permit request in review and a complaint's follow-up plan (the fixture's
    // companies, unverified since 1970, are past the verification clock already).
    sqlx::query(
        "INSERT INTO requests (code, type_id, company_id, filed_by, status, data_json, warnings_json, \
         submitted_at_ms, due_at_ms, created_at_ms, updated_at_ms) \
         SELECT 'INBOX-LATE', MIN(t.id), $1, $2, 'in_review', '{}', '[]', $3, $4, $3, $3 FROM request_types t",
    )
    .bind(f.company_a)
    .bind(admin_a)
    .bind(now - 5 * 86_400_000)
    .bind(now - 86_400_000)
    .execute(&app.db().pool)
    .await
    .expect("overdue request");
    let (complaint,): (i64,) = sqlx::query_as(
        "INSERT INTO complaints (code, company_id, company_name, category, privacy, status, description, since_date, \
         workers_affected, wish, filed_at_ms, updated_at_ms) VALUES ('ADU-INBOX', $1, 'PT Uji', 'wages', 'anonymous', \
         'accepted', 'Upah dipotong', '2026-01-01', 3, 'Dibayar penuh', $2, $2) RETURNING id",
    )
    .bind(f.company_a)
    .bind(now - 12 * 86_400_000)
    .fetch_one(&app.db().pool)
    .await
    .expect("complaint");
    sqlx::query(
        "INSERT INTO complaint_clocks (complaint_id, step, started_on, due_on) VALUES ($1, 'plan', $2, $3)",
    )
    .bind(complaint)
    .bind(day(-10))
    .bind(day(-1))
    .execute(&app.db().pool)
    .await
    .expect("clock");
}

async fn notices_with(app: &TestApp, key: &str) -> i64 {
    app.count(&format!(
        "SELECT COUNT(*) FROM notifications WHERE message_key = '{key}'"
    ))
    .await
}

on_both_backends!(
    each_automation_job_sends_once_per_period,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        due_things(&app, &f).await;
        for _ in 0..2 {
            jobs::ak1_expiry_notices(&app.state).await.expect("ak1");
            jobs::dkptka_payment_due(&app.state).await.expect("dkptka");
            jobs::service_breaches(&app.state).await.expect("breaches");
            jobs::company_digest(&app.state).await.expect("digest");
            jobs::monthly_income(&app.state).await.expect("income");
        }
        assert_eq!(notices_with(&app, "notice_ak1_card_expires").await, 1);
        assert_eq!(
            notices_with(&app, "notice_dkptka_payment_due").await,
            1,
            "company A's one admin"
        );
        // The breach alert: the officer, and the admin as head of office, once each a day; every queue
        // of the dashboard past its clock is named.
        let (officer, admin) = (
            account_of(&app, Actor::Officer).await,
            account_of(&app, Actor::Admin).await,
        );
        for (key, to) in [
            ("notice_service_breach", officer),
            ("notice_service_breach_head", admin),
        ] {
            let sent: Vec<(i64, String, Option<String>)> = sqlx::query_as(
                "SELECT account_id, params, link FROM notifications WHERE message_key = $1",
            )
            .bind(key)
            .fetch_all(&app.db().pool)
            .await
            .expect("breach notices");
            assert_eq!(sent.len(), 1, "{key}");
            assert_eq!(sent[0].0, to, "{key}");
            for queue in [
                "Kartu AK-1 1",
                "Verifikasi perusahaan",
                "Permohonan izin dan pencatatan 1",
                "Pengaduan (verifikasi, rencana tindak lanjut) 1",
            ] {
                assert!(sent[0].1.contains(queue), "{queue} in {}", sent[0].1);
            }
            // The link goes to the queue overdue longest: the fixture's companies, waiting since 1970.
            assert_eq!(sent[0].2.as_deref(), Some("/petugas/perusahaan"));
        }
        // The AK-1 re-report reminder reaches the inbox too (the card's first re-report is due).
        for _ in 0..2 {
            dnaker::features::ak1::reports::send_due_reminders(&app.state)
                .await
                .expect("re-report reminders");
        }
        let (to, link): (i64, Option<String>) = sqlx::query_as(
            "SELECT account_id, link FROM notifications WHERE message_key = 'notice_ak1_rereport_due'",
        )
        .fetch_one(&app.db().pool)
        .await
        .expect("one re-report notice");
        assert_eq!((to, link.as_deref()), (f.seeker_a, Some("/akun/profil")));
        assert_eq!(notices_with(&app, "notice_digest_company").await, 1);
        assert_eq!(notices_with(&app, "notice_income_monthly").await, 1);
        // The income notice carries the registered wage, the UMK in force and the accrued compensation.
        let (params,): (String,) = sqlx::query_as(
            "SELECT params FROM notifications WHERE message_key = 'notice_income_monthly'",
        )
        .fetch_one(&app.db().pool)
        .await
        .expect("income");
        let params: serde_json::Value = serde_json::from_str(&params).expect("json");
        assert_eq!(params["wage"], "Rp 6.000.000");
        assert!(
            params["umk"]
                .as_str()
                .unwrap_or_default()
                .starts_with("Rp "),
            "{params}"
        );
        assert!(
            params["compensation"]
                .as_str()
                .unwrap_or_default()
                .starts_with("Rp "),
            "{params}"
        );
        let mut a = matrix::signed_in(&app, Actor::SeekerA, "10.80.2.1").await;
        let view = ok_json(&mut a, LoadInbox::PATH, &[]).await;
        assert!(view["items"].as_array().expect("items").iter().any(|i| {
            i["text"]
                .as_str()
                .unwrap_or_default()
                .contains("Rp 6.000.000")
        }));
        // The next day: the daily breach notice again (a new period), nothing else repeats.
        app.state.clock.advance_ms(86_400_000);
        jobs::service_breaches(&app.state).await.expect("breaches");
        jobs::company_digest(&app.state).await.expect("digest");
        jobs::ak1_expiry_notices(&app.state).await.expect("ak1");
        assert_eq!(notices_with(&app, "notice_service_breach").await, 2);
        assert_eq!(notices_with(&app, "notice_service_breach_head").await, 2);
        assert_eq!(notices_with(&app, "notice_digest_company").await, 1);
        assert_eq!(notices_with(&app, "notice_ak1_card_expires").await, 1);
    }
);

/// The matrix: every signed-in role has an inbox; each marks its own notice (another's is "not found").
pub(crate) async fn inbox_cases(app: &TestApp, _f: &matrix::Fixture) -> Vec<Case> {
    let mut own = Vec::new();
    for actor in SIGNED_IN {
        let id = notice(
            app,
            account_of(app, actor).await,
            "notice_app_received",
            "/akun/lamaran",
        )
        .await;
        own.push((actor, id));
    }
    let first = own[0].1;
    let mut mark = Case::post(
        "mark a notice read",
        MarkNoticeRead::PATH,
        &[("notice_id", first.to_string())],
        &SIGNED_IN,
    );
    for (actor, id) in own.iter().skip(1) {
        mark = mark.for_actor(*actor, &[("notice_id", id.to_string())]);
    }
    vec![
        Case::post("the inbox", LoadInbox::PATH, &[], &SIGNED_IN),
        Case::public(
            "the header's unread count",
            matrix::Method::Post,
            UnreadNotices::PATH,
            &[],
        ),
        mark,
        Case::post("mark all read", MarkAllNoticesRead::PATH, &[], &SIGNED_IN),
        Case::post(
            "mark a category read",
            MarkCategoryRead::PATH,
            &[("category", "vacancy".into())],
            &SIGNED_IN,
        ),
        Case::post(
            "e-mail copy of a category",
            SetNoticeEmail::PATH,
            &[("category", "fair".into()), ("on", "0".into())],
            &SIGNED_IN,
        ),
    ]
}

on_both_backends!(
    manpower_report_reminders_go_out_once_per_due_date,
    |app: TestApp| async move {
        use dnaker::features::manpower_report::jobs::send_due_reminders;
        matrix::fixture(&app).await;
        // The fixture's companies, verified and registered today.
        sqlx::query("UPDATE companies SET verified = 1, created_at_ms = $1")
            .bind(app.state.clock.now_ms())
            .execute(&app.db().pool)
            .await
            .expect("verify");
        // Every admin of a verified company without a report: due 30 days after the company was registered.
        let admins = app
            .count(
                "SELECT COUNT(*) FROM accounts a JOIN companies c ON c.id = a.company_id \
                 WHERE c.verified = 1 AND a.company_role = 'admin' AND a.disabled = 0",
            )
            .await;
        assert!(admins > 0, "the fixture has a verified company");
        for _ in 0..2 {
            send_due_reminders(&app.state).await.expect("reminders");
        }
        assert_eq!(notices_with(&app, "notice_wlkp_due").await, admins);
        assert_eq!(notices_with(&app, "notice_wlkp_overdue").await, 0);
        // Past the due date: one overdue reminder each, also only once.
        app.state.clock.advance_ms(31 * 86_400_000);
        for _ in 0..2 {
            send_due_reminders(&app.state).await.expect("reminders");
        }
        assert_eq!(notices_with(&app, "notice_wlkp_due").await, admins);
        assert_eq!(notices_with(&app, "notice_wlkp_overdue").await, admins);
    }
);
