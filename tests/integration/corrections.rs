//! Correction requests (UU 27/2022 Pasal 30): the officer's queue with its 3×24-hour deadline, and
//! accepting (the record changes) or refusing (a reason is needed), the seeker told either way.

use crate::{
    accounts::assert_not_in_sqlite_files,
    common::{
        Client, Response, TestApp,
        matrix::{self, Actor, Fixture},
    },
};
use axum::http::StatusCode;
use dnaker::features::{
    accounts::{
        api::{LoadMyAccount, RequestCorrection},
        repo::{self, NewSeeker},
    },
    admin::{
        api::{OpenCorrections, ResolveCorrection},
        model::CorrectionRequest,
    },
    ak1::api::CounterOpen,
};
use leptos::server_fn::ServerFn;

/// Seeker A's NIK in the matrix fixture (a woman born 15 Aug 1995).
const NIK_A: &str = "3603015508950001";
/// A NIK that agrees with seeker A's birth date and sex, with another serial.
const NIK_NEW: &str = "3603015508950011";
const HOUR_MS: i64 = 3_600_000;

async fn request(seeker: &mut Client<'_>, field: &str, value: &str) -> i64 {
    let sent = seeker
        .post(
            RequestCorrection::PATH,
            &[
                ("field", field),
                ("value", value),
                ("reason", "salah saat mendaftar"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let (id,): (i64,) = sqlx::query_as("SELECT MAX(id) FROM correction_requests")
        .fetch_one(&seeker.app.db().pool)
        .await
        .expect("request id");
    id
}

async fn resolve(officer: &mut Client<'_>, id: i64, accepted: bool, response: &str) -> Response {
    let accepted = if accepted { "1" } else { "0" };
    officer
        .post(
            ResolveCorrection::PATH,
            &[
                ("id", &id.to_string()),
                ("accepted", accepted),
                ("response", response),
            ],
        )
        .await
}

async fn status_of(app: &TestApp, id: i64) -> String {
    let (status,): (String,) =
        sqlx::query_as("SELECT status FROM correction_requests WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db().pool)
            .await
            .expect("request");
    status
}

/// (NIK hash, NIK ciphertext, date of birth, sex) of a seeker.
async fn identity(app: &TestApp, account_id: i64) -> (String, String, String, String) {
    sqlx::query_as(
        "SELECT nik_hash, nik_ciphertext, date_of_birth, sex FROM seekers WHERE account_id = $1",
    )
    .bind(account_id)
    .fetch_one(&app.db().pool)
    .await
    .expect("seeker")
}

async fn notices(app: &TestApp, account_id: i64) -> Vec<(String, String)> {
    sqlx::query_as(
        "SELECT message_key, params FROM notifications WHERE account_id = $1 AND message_key LIKE 'notice_correction%'",
    )
    .bind(account_id)
    .fetch_all(&app.db().pool)
    .await
    .expect("notifications")
}

async fn resolve_audits(app: &TestApp, id: i64) -> Vec<(Option<i64>, String)> {
    sqlx::query_as(
        "SELECT subject_account_id, detail FROM audit_log WHERE action = 'correction.resolve' AND subject_id = $1",
    )
    .bind(id.to_string())
    .fetch_all(&app.db().pool)
    .await
    .expect("audit")
}

async fn queue(officer: &mut Client<'_>) -> Vec<CorrectionRequest> {
    let response = officer.post(OpenCorrections::PATH, &[]).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).expect("queue json")
}

async fn setup(app: &TestApp) -> (Fixture, Client<'_>, Client<'_>) {
    let f = matrix::fixture(app).await;
    let seeker = matrix::signed_in(app, Actor::SeekerA, "10.0.7.1").await;
    let officer = matrix::signed_in(app, Actor::Officer, "10.0.7.2").await;
    (f, seeker, officer)
}

on_both_backends!(
    the_queue_is_oldest_first_with_its_3x24_hour_deadline,
    |app: TestApp| async move {
        let (f, mut seeker, mut officer) = setup(&app).await;
        let bad = seeker
            .post(
                RequestCorrection::PATH,
                &[
                    ("field", "nik"),
                    ("value", "3603-0155"),
                    ("reason", "salah"),
                ],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
        assert!(bad.body.contains("err_nik_digits"), "{}", bad.body);
        let filed_at = app.state.clock.now_ms();
        let newer = request(&mut seeker, "sex", "Perempuan").await;

        let items = queue(&mut officer).await;
        let ids: Vec<i64> = items.iter().map(|c| c.id).collect();
        assert_eq!(ids, [f.correction_by_a, newer], "oldest first");
        let (old, new) = (&items[0], &items[1]);
        assert_eq!(old.due_at_ms, 1 + 72 * HOUR_MS);
        assert!(old.overdue, "filed long ago");
        assert_eq!(old.current_value.as_deref(), Some("Orang Uji"));
        assert!(new.created_at_ms >= filed_at);
        assert_eq!(new.due_at_ms, new.created_at_ms + 72 * HOUR_MS);
        assert!(!new.overdue);
        assert_eq!(
            (new.requested_value.as_str(), new.current_value.as_deref()),
            ("female", Some("female")),
            "stored in its canonical form"
        );

        app.state.clock.advance_ms(72 * HOUR_MS + 1);
        // Three days on, the officer's session has long expired.
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.0.7.3").await;
        assert!(queue(&mut officer).await.iter().all(|c| c.overdue));
    }
);

on_both_backends!(
    accepting_a_name_correction_changes_the_name_and_tells_the_seeker,
    |app: TestApp| async move {
        let (f, mut seeker, mut officer) = setup(&app).await;
        let accepted = resolve(&mut officer, f.correction_by_a, true, "").await;
        assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);

        let mine = seeker.post(LoadMyAccount::PATH, &[]).await;
        assert!(
            mine.body.contains("\"full_name\":\"Siti A.\""),
            "{}",
            mine.body
        );
        assert_eq!(status_of(&app, f.correction_by_a).await, "done");
        assert_eq!(
            resolve_audits(&app, f.correction_by_a).await,
            [(Some(f.seeker_a), "accepted full_name".to_owned())]
        );
        let notices = notices(&app, f.seeker_a).await;
        assert_eq!(notices.len(), 1);
        assert_eq!(notices[0].0, "notice_correction_accepted");
        assert_eq!(
            app.count("SELECT COUNT(*) FROM mail_outbox WHERE to_address = 'seeker-a@matrix.test' AND body_text LIKE '%koreksi data Anda diterima%'")
                .await,
            1
        );
        assert!(queue(&mut officer).await.is_empty());
        let again = resolve(&mut officer, f.correction_by_a, false, "sudah ditangani").await;
        assert_eq!(again.status, StatusCode::CONFLICT, "handled once only");
    }
);

on_both_backends!(
    accepting_a_nik_correction_re_encrypts_and_re_hashes_it,
    |app: TestApp| async move {
        let (f, mut seeker, mut officer) = setup(&app).await;
        let (old_hash, old_ciphertext, ..) = identity(&app, f.seeker_a).await;
        let id = request(&mut seeker, "nik", "3603 0155 0895 0011").await;
        let shown = queue(&mut officer).await;
        let item = shown.iter().find(|c| c.id == id).expect("in the queue");
        assert_eq!(
            (item.current_value.as_deref(), item.requested_value.as_str()),
            (Some(NIK_A), NIK_NEW),
            "officers compare the NIKs in full"
        );

        let accepted = resolve(&mut officer, id, true, "sesuai KTP").await;
        assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
        let (hash, ciphertext, ..) = identity(&app, f.seeker_a).await;
        assert_eq!(hash, app.state.pii.blind_index(NIK_NEW));
        assert_ne!(hash, old_hash);
        assert_ne!(ciphertext, old_ciphertext);
        assert_eq!(
            app.state.pii.decrypt(&ciphertext).expect("decrypts"),
            NIK_NEW
        );

        let open = |nik: &'static str| [("nik", nik), ("consent", "on")];
        let found = officer.post(CounterOpen::PATH, &open(NIK_NEW)).await;
        assert_eq!(found.status, StatusCode::OK, "{}", found.body);
        assert_eq!(found.body, f.seeker_a.to_string());
        let old = officer.post(CounterOpen::PATH, &open(NIK_A)).await;
        assert!(old.body.contains("err_nik_unknown"), "{}", old.body);

        // The NIK is nowhere in clear: not in the record, the request, the notice, the mail or the log.
        for sql in [
            "SELECT COUNT(*) FROM seekers WHERE nik_ciphertext LIKE $1 OR nik_hash LIKE $1",
            "SELECT COUNT(*) FROM correction_requests WHERE requested_value LIKE $1 OR response LIKE $1",
            "SELECT COUNT(*) FROM notifications WHERE params LIKE $1",
            "SELECT COUNT(*) FROM mail_outbox WHERE body_text LIKE $1 OR subject LIKE $1",
            "SELECT COUNT(*) FROM audit_log WHERE detail LIKE $1 OR subject_id LIKE $1",
        ] {
            let (n,): (i64,) = sqlx::query_as(sql)
                .bind(format!("%{NIK_NEW}%"))
                .fetch_one(&app.db().pool)
                .await
                .expect("count");
            assert_eq!(n, 0, "{sql}");
        }
        assert_not_in_sqlite_files(&app, NIK_NEW).await;
        assert_eq!(
            resolve_audits(&app, id).await,
            [(Some(f.seeker_a), "accepted nik".to_owned())]
        );
        assert_eq!(notices(&app, f.seeker_a).await.len(), 1);
    }
);

on_both_backends!(
    a_nik_held_by_another_account_is_refused_and_nothing_changes,
    |app: TestApp| async move {
        let (f, mut seeker, mut officer) = setup(&app).await;
        // Another person whose NIK would also fit seeker A's birth date and sex.
        let other = repo::insert(
            &app.db().pool,
            &repo::NewAccount {
                email: "lain@matrix.test",
                full_name: "Orang Lain",
                role: dnaker::core::role::Role::Seeker,
                company_id: None,
                company_role: None,
                phone: None,
                password_hash: "x",
                now_ms: 1,
            },
        )
        .await
        .expect("account");
        repo::insert_seeker(
            &app.db().pool,
            &NewSeeker {
                account_id: other,
                nik_ciphertext: &app.state.pii.encrypt(NIK_NEW).expect("encrypt"),
                nik_hash: &app.state.pii.blind_index(NIK_NEW),
                place_of_birth: "Tangerang",
                date_of_birth: "1995-08-15",
                sex: "female",
                now_ms: 1,
            },
        )
        .await
        .expect("seeker");
        let before = identity(&app, f.seeker_a).await;
        let id = request(&mut seeker, "nik", NIK_NEW).await;

        let refused = resolve(&mut officer, id, true, "").await;
        assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
        assert!(
            refused.body.contains("err_correction_nik_taken"),
            "{}",
            refused.body
        );
        assert_eq!(identity(&app, f.seeker_a).await, before);
        assert_eq!(status_of(&app, id).await, "open");
        assert!(notices(&app, f.seeker_a).await.is_empty());
        assert!(resolve_audits(&app, id).await.is_empty());
    }
);

on_both_backends!(
    a_birth_date_or_sex_the_nik_contradicts_is_refused,
    |app: TestApp| async move {
        let (f, mut seeker, mut officer) = setup(&app).await;
        let before = identity(&app, f.seeker_a).await;
        for (field, value, key) in [
            (
                "date_of_birth",
                "1995-08-16",
                "err_correction_birth_mismatch",
            ),
            ("sex", "Laki-laki", "err_correction_sex_mismatch"),
            // A NIK whose birth date is not seeker A's.
            ("nik", "3603015608950001", "err_correction_birth_mismatch"),
        ] {
            let id = request(&mut seeker, field, value).await;
            let refused = resolve(&mut officer, id, true, "").await;
            assert_eq!(
                refused.status,
                StatusCode::CONFLICT,
                "{field}: {}",
                refused.body
            );
            assert!(refused.body.contains(key), "{field}: {}", refused.body);
            assert_eq!(status_of(&app, id).await, "open");
        }
        assert_eq!(identity(&app, f.seeker_a).await, before);
        assert!(notices(&app, f.seeker_a).await.is_empty());

        // A NIK carries two digits of the year: the same day a century later agrees with it, but is refused
        // by the sign-up age rule.
        let id = request(&mut seeker, "date_of_birth", "2095-08-15").await;
        let future = resolve(&mut officer, id, true, "").await;
        assert_eq!(future.status, StatusCode::CONFLICT, "{}", future.body);
        assert!(future.body.contains("err_too_young"), "{}", future.body);
        assert_eq!(identity(&app, f.seeker_a).await, before);
        let place = request(&mut seeker, "place_of_birth", "Kota Tangerang").await;
        assert_eq!(
            resolve(&mut officer, place, true, "").await.status,
            StatusCode::OK
        );
        let (place_now,): (String,) =
            sqlx::query_as("SELECT place_of_birth FROM seekers WHERE account_id = $1")
                .bind(f.seeker_a)
                .fetch_one(&app.db().pool)
                .await
                .expect("seeker");
        assert_eq!(place_now, "Kota Tangerang");
    }
);

on_both_backends!(
    refusing_needs_a_reason_and_the_seeker_is_told_it,
    |app: TestApp| async move {
        let (f, _seeker, mut officer) = setup(&app).await;
        for reason in ["", "  ", "tdk"] {
            let missing = resolve(&mut officer, f.correction_by_a, false, reason).await;
            assert_eq!(
                missing.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{}",
                missing.body
            );
            assert!(
                missing.body.contains("err_correction_response"),
                "{}",
                missing.body
            );
        }
        assert_eq!(status_of(&app, f.correction_by_a).await, "open");

        const REASON: &str = "Nama pada KTP tertulis Orang Uji";
        let refused = resolve(&mut officer, f.correction_by_a, false, REASON).await;
        assert_eq!(refused.status, StatusCode::OK, "{}", refused.body);
        assert_eq!(status_of(&app, f.correction_by_a).await, "rejected");
        let (name,): (String,) = sqlx::query_as("SELECT full_name FROM accounts WHERE id = $1")
            .bind(f.seeker_a)
            .fetch_one(&app.db().pool)
            .await
            .expect("account");
        assert_eq!(name, "Orang Uji", "a refusal changes nothing");
        let notices = notices(&app, f.seeker_a).await;
        assert_eq!(notices.len(), 1);
        assert_eq!(notices[0].0, "notice_correction_refused");
        assert!(notices[0].1.contains(REASON), "{}", notices[0].1);
        let mailed = app
            .count(&format!(
                "SELECT COUNT(*) FROM mail_outbox WHERE to_address = 'seeker-a@matrix.test' AND body_text LIKE '%{REASON}%'"
            ))
            .await;
        assert_eq!(mailed, 1);
        assert_eq!(
            resolve_audits(&app, f.correction_by_a).await,
            [(Some(f.seeker_a), "refused full_name".to_owned())]
        );
    }
);
