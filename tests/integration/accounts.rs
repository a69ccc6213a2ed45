//! Accounts, sessions, passwords, throttling and personal data, through the real HTTP stack.

use crate::common::{
    Client, TestApp,
    matrix::{self, Actor},
};
use axum::http::StatusCode;
use dnaker::features::{
    accounts::{
        api::{
            ChangePassword, EndSession, LoadMyAccount, RequestCorrection, RequestPasswordReset,
            ResetPassword, SignIn, SignOut, SignOutEverywhere, SignUpSeeker, VerifyEmail,
        },
        privacy,
    },
    admin::api::OpenCorrections,
};
use leptos::server_fn::ServerFn;

const NIK: &str = "3603015508950001";
const PASSWORD: &str = "kopi-tubruk-pagi";

fn seeker_form<'a>(
    nik: &'a str,
    email: &'a str,
    password: &'a str,
) -> Vec<(&'static str, &'a str)> {
    vec![
        ("form[nik]", nik),
        ("form[full_name]", "Siti Aminah"),
        ("form[place_of_birth]", "Tangerang"),
        ("form[date_of_birth]", "1995-08-15"),
        ("form[sex]", "female"),
        ("form[email]", email),
        ("form[phone]", "0812-3456-7890"),
        ("form[password]", password),
        ("form[consent_matching]", "on"),
    ]
}

async fn sign_up(client: &mut Client<'_>, email: &str) -> crate::common::Response {
    client
        .post(SignUpSeeker::PATH, &seeker_form(NIK, email, PASSWORD))
        .await
}

async fn sign_in(client: &mut Client<'_>, email: &str, password: &str) -> crate::common::Response {
    client
        .post(SignIn::PATH, &[("email", email), ("password", password)])
        .await
}

async fn count(app: &TestApp, table: &str) -> i64 {
    app.count(&format!("SELECT COUNT(*) FROM {table}")).await
}

on_both_backends!(
    seeker_signs_up_verifies_signs_in_sees_masked_nik_and_signs_out,
    |app: TestApp| async move {
        let mut browser = Client::new(&app, "10.0.0.1");
        let signed_up = sign_up(&mut browser, "siti@example.co.id").await;
        assert_eq!(signed_up.status, StatusCode::OK, "{}", signed_up.body);
        let token = app
            .last_mail_token("siti@example.co.id")
            .await
            .expect("verification mail in the outbox");
        assert_eq!(
            browser
                .post(VerifyEmail::PATH, &[("token", &token)])
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            browser
                .post(VerifyEmail::PATH, &[("token", &token)])
                .await
                .status,
            StatusCode::CONFLICT,
            "single use"
        );

        let signed_in = sign_in(&mut browser, "Siti@Example.co.id", PASSWORD).await;
        assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.body);
        assert!(browser.cookie.is_some(), "a session cookie was set");
        let account = browser.post(LoadMyAccount::PATH, &[]).await;
        assert_eq!(account.status, StatusCode::OK, "{}", account.body);
        assert!(
            account.body.contains("3603********0001"),
            "{}",
            account.body
        );
        assert!(
            !account.body.contains(NIK),
            "the full NIK is not sent to the page"
        );
        assert!(account.body.contains("\"email_verified\":true"));
        assert!(
            account.body.contains("\"phone\":\"+6281234567890\""),
            "a job seeker's own phone, from the seeker row: {}",
            account.body
        );

        assert_eq!(
            browser.post(SignOut::PATH, &[]).await.status,
            StatusCode::OK
        );
        assert_eq!(
            browser.post(LoadMyAccount::PATH, &[]).await.status,
            StatusCode::UNAUTHORIZED
        );
        // The audit log has the sign-up, verification, sign-in and sign-out.
        for action in [
            "account.sign_up",
            "account.verify_email",
            "account.sign_in",
            "account.sign_out",
        ] {
            assert_eq!(
                app.count(&format!(
                    "SELECT COUNT(*) FROM audit_log WHERE action = '{action}'"
                ))
                .await,
                1,
                "{action}"
            );
        }
    }
);

on_both_backends!(
    bad_or_duplicate_sign_ups_get_field_errors_and_write_nothing,
    |app: TestApp| async move {
        let mut browser = Client::new(&app, "10.0.0.2");
        let bad_nik = browser
            .post(
                SignUpSeeker::PATH,
                &seeker_form("3603011508950001", "a@example.co.id", PASSWORD),
            )
            .await;
        assert_eq!(bad_nik.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            bad_nik.body.contains("err_nik_sex_mismatch"),
            "{}",
            bad_nik.body
        );
        let weak = browser
            .post(
                SignUpSeeker::PATH,
                &seeker_form(NIK, "a@example.co.id", "password123"),
            )
            .await;
        assert!(weak.body.contains("err_password_common"), "{}", weak.body);
        assert_eq!(
            count(&app, "accounts").await
                + count(&app, "seekers").await
                + count(&app, "mail_outbox").await,
            0
        );

        assert_eq!(
            sign_up(&mut browser, "first@example.co.id").await.status,
            StatusCode::OK
        );
        let same_nik = sign_up(&mut browser, "second@example.co.id").await;
        assert!(same_nik.body.contains("err_nik_taken"), "{}", same_nik.body);
        let same_email = browser
            .post(
                SignUpSeeker::PATH,
                &seeker_form("3603015508950002", "FIRST@example.co.id", PASSWORD),
            )
            .await;
        assert!(
            same_email.body.contains("err_email_taken"),
            "{}",
            same_email.body
        );
        assert_eq!(count(&app, "accounts").await, 1);
        assert_eq!(count(&app, "seekers").await, 1);
    }
);

on_both_backends!(the_nik_is_encrypted_at_rest, |app: TestApp| async move {
    let mut browser = Client::new(&app, "10.0.0.3");
    assert_eq!(
        sign_up(&mut browser, "enc@example.co.id").await.status,
        StatusCode::OK
    );
    let (ciphertext, hash): (String, String) =
        sqlx::query_as("SELECT nik_ciphertext, nik_hash FROM seekers")
            .fetch_one(&app.db().pool)
            .await
            .expect("row");
    assert!(!ciphertext.contains(NIK) && !hash.contains(NIK));
    assert_eq!(app.state.pii.decrypt(&ciphertext).expect("decrypts"), NIK);
    assert_not_in_sqlite_files(&app, NIK).await;
});

/// On SQLite, `needle` appears nowhere in the database file or its WAL.
pub(crate) async fn assert_not_in_sqlite_files(app: &TestApp, needle: &str) {
    if app.db().backend != dnaker::server::db::Backend::Sqlite {
        return;
    }
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&app.db().pool)
        .await
        .expect("checkpoint");
    let dir = &app.state.config.server.data_dir;
    for file in ["dnaker.db", "dnaker.db-wal"] {
        if let Ok(bytes) = std::fs::read(dir.join(file)) {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{needle} found in {file}"
            );
        }
    }
}

on_both_backends!(
    a_nik_correction_is_encrypted_at_rest_and_shown_in_full_to_officers,
    |app: TestApp| async move {
        const WANTED: &str = "3603015508950011";
        const LEGACY: &str = "3603015508950022";
        let f = matrix::fixture(&app).await;
        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "10.0.3.1").await;
        let sent = seeker
            .post(
                RequestCorrection::PATH,
                &[
                    ("field", "nik"),
                    ("value", WANTED),
                    ("reason", "satu digit NIK salah"),
                ],
            )
            .await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
        // A request stored in clear before the ciphertext column existed is encrypted at start-up.
        sqlx::query(
            "INSERT INTO correction_requests (account_id, field, requested_value, reason, status, created_at_ms) \
             VALUES ($1, 'nik', $2, 'lama', 'open', 2)",
        )
        .bind(f.seeker_a)
        .bind(LEGACY)
        .execute(&app.db().pool)
        .await
        .expect("legacy row");
        let encrypt = || privacy::encrypt_plain_nik_corrections(app.db(), &app.state.pii);
        assert_eq!(encrypt().await.expect("encrypts"), 1);
        assert_eq!(encrypt().await.expect("encrypts"), 0, "once only");

        let rows: Vec<(String, Option<String>)> = sqlx::query_as(
            "SELECT requested_value, requested_value_ciphertext FROM correction_requests WHERE field = 'nik' ORDER BY id",
        )
        .fetch_all(&app.db().pool)
        .await
        .expect("rows");
        let shown: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(shown, ["3603********0011", "3603********0022"]);
        for (_, ciphertext) in &rows {
            let ciphertext = ciphertext.as_deref().expect("encrypted");
            assert!(!ciphertext.contains(WANTED) && !ciphertext.contains(LEGACY));
        }
        assert_not_in_sqlite_files(&app, WANTED).await;
        assert_not_in_sqlite_files(&app, LEGACY).await;

        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.0.3.2").await;
        let queue = officer.post(OpenCorrections::PATH, &[]).await;
        assert_eq!(queue.status, StatusCode::OK, "{}", queue.body);
        assert!(
            queue.body.contains(WANTED) && queue.body.contains(LEGACY),
            "{}",
            queue.body
        );
    }
);

on_both_backends!(
    password_reset_links_are_single_use_and_expire,
    |app: TestApp| async move {
        let mut browser = Client::new(&app, "10.0.0.4");
        assert_eq!(
            sign_up(&mut browser, "reset@example.co.id").await.status,
            StatusCode::OK
        );
        let unknown = browser
            .post(
                RequestPasswordReset::PATH,
                &[("email", "nobody@example.co.id")],
            )
            .await;
        assert_eq!(unknown.status, StatusCode::OK, "no account discovery");
        assert_eq!(
            browser
                .post(
                    RequestPasswordReset::PATH,
                    &[("email", "reset@example.co.id")]
                )
                .await
                .status,
            StatusCode::OK
        );
        let token = app
            .last_mail_token("reset@example.co.id")
            .await
            .expect("reset mail");
        let new_password = "teh-manis-sore-hari";
        assert_eq!(
            browser
                .post(
                    ResetPassword::PATH,
                    &[("token", &token), ("password", new_password)]
                )
                .await
                .status,
            StatusCode::OK
        );
        let reused = browser
            .post(
                ResetPassword::PATH,
                &[("token", &token), ("password", "lain-lagi-123x")],
            )
            .await;
        assert_eq!(reused.status, StatusCode::CONFLICT);
        assert!(reused.body.contains("err_link_invalid"));
        assert_eq!(
            sign_in(&mut browser, "reset@example.co.id", new_password)
                .await
                .status,
            StatusCode::OK
        );

        assert_eq!(
            browser
                .post(
                    RequestPasswordReset::PATH,
                    &[("email", "reset@example.co.id")]
                )
                .await
                .status,
            StatusCode::OK
        );
        let late = app
            .last_mail_token("reset@example.co.id")
            .await
            .expect("second reset mail");
        app.state.clock.advance_ms(61 * 60 * 1000);
        let expired = browser
            .post(
                ResetPassword::PATH,
                &[("token", &late), ("password", "terlambat-sekali-1")],
            )
            .await;
        assert_eq!(
            expired.status,
            StatusCode::CONFLICT,
            "expired after an hour"
        );
    }
);

on_both_backends!(
    sign_in_is_throttled_without_locking_out_the_owner,
    |app: TestApp| async move {
        let mut owner = Client::new(&app, "10.0.0.5");
        assert_eq!(
            sign_up(&mut owner, "owner@example.co.id").await.status,
            StatusCode::OK
        );
        let mut attacker = Client::new(&app, "203.0.113.9");
        for _ in 0..5 {
            assert_eq!(
                sign_in(&mut attacker, "owner@example.co.id", "salah-sandi-123")
                    .await
                    .status,
                StatusCode::UNPROCESSABLE_ENTITY
            );
        }
        let limited = sign_in(&mut attacker, "owner@example.co.id", PASSWORD).await;
        assert_eq!(
            limited.status,
            StatusCode::TOO_MANY_REQUESTS,
            "even the right password waits out the back-off"
        );
        // The owner, from their own address, is not locked out.
        assert_eq!(
            sign_in(&mut owner, "owner@example.co.id", PASSWORD)
                .await
                .status,
            StatusCode::OK
        );
        // The back-off ends by itself.
        app.state.clock.advance_ms(2_000);
        assert_eq!(
            sign_in(&mut attacker, "owner@example.co.id", PASSWORD)
                .await
                .status,
            StatusCode::OK
        );
    }
);

async fn mails_to(app: &TestApp, email: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM mail_outbox WHERE to_address = $1")
        .bind(email)
        .fetch_one(&app.db().pool)
        .await
        .expect("outbox");
    n
}

async fn request_reset(client: &mut Client<'_>, email: &str) -> StatusCode {
    client
        .post(RequestPasswordReset::PATH, &[("email", email)])
        .await
        .status
}

on_both_backends!(
    password_reset_requests_are_throttled_per_account_and_per_address,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let email = matrix::email(Actor::SeekerA);
        let mut flooder = Client::new(&app, "203.0.113.20");
        for _ in 0..5 {
            assert_eq!(request_reset(&mut flooder, email).await, StatusCode::OK);
        }
        assert_eq!(mails_to(&app, email).await, 5);
        assert_eq!(
            request_reset(&mut flooder, email).await,
            StatusCode::TOO_MANY_REQUESTS,
            "the sixth request within the hour waits"
        );
        let mut elsewhere = Client::new(&app, "203.0.113.21");
        assert_eq!(
            request_reset(&mut elsewhere, email).await,
            StatusCode::TOO_MANY_REQUESTS,
            "the account's mailbox is not flooded from another address either"
        );
        assert_eq!(
            request_reset(&mut flooder, matrix::email(Actor::SeekerB)).await,
            StatusCode::TOO_MANY_REQUESTS,
            "nor is another account's, from the flooding address"
        );
        assert_eq!(
            request_reset(&mut elsewhere, matrix::email(Actor::SeekerB)).await,
            StatusCode::OK
        );
        assert_eq!(
            mails_to(&app, email).await,
            5,
            "nothing was sent while limited"
        );
        // Unknown addresses are limited the same way (no account discovery through the limit).
        let mut prober = Client::new(&app, "203.0.113.22");
        for _ in 0..5 {
            assert_eq!(
                request_reset(&mut prober, "tidak-ada@matrix.test").await,
                StatusCode::OK
            );
        }
        assert_eq!(
            request_reset(&mut prober, "tidak-ada@matrix.test").await,
            StatusCode::TOO_MANY_REQUESTS
        );
        // A back-off, not a lock: a minute later the owner can ask again.
        app.state.clock.advance_ms(61_000);
        assert_eq!(request_reset(&mut elsewhere, email).await, StatusCode::OK);
        assert_eq!(mails_to(&app, email).await, 6);
    }
);

on_both_backends!(
    sign_in_is_throttled_per_address_across_many_accounts,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut sprayer = Client::new(&app, "203.0.113.30");
        // One guess each at 30 addresses stays under every per-account limit …
        for n in 0..30 {
            assert_eq!(
                sign_in(
                    &mut sprayer,
                    &format!("orang{n}@example.co.id"),
                    "sandi-tebakan-1"
                )
                .await
                .status,
                StatusCode::UNPROCESSABLE_ENTITY
            );
        }
        // … but the address has used its allowance: even a right password waits from there.
        let limited = sign_in(
            &mut sprayer,
            matrix::email(Actor::SeekerA),
            matrix::PASSWORD,
        )
        .await;
        assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(limited.body.contains("RateLimited"), "{}", limited.body);
        // Nobody else is affected: the accounts sign in from their own addresses.
        for (actor, ip) in [(Actor::SeekerA, "10.0.4.1"), (Actor::SeekerB, "10.0.4.2")] {
            let mut owner = Client::new(&app, ip);
            assert_eq!(
                sign_in(&mut owner, matrix::email(actor), matrix::PASSWORD)
                    .await
                    .status,
                StatusCode::OK
            );
        }
        // The back-off grows with each further failure and ends by itself.
        app.state.clock.advance_ms(1_100);
        assert_eq!(
            sign_in(&mut sprayer, "orang30@example.co.id", "sandi-tebakan-1")
                .await
                .status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            sign_in(&mut sprayer, "orang31@example.co.id", "sandi-tebakan-1")
                .await
                .status,
            StatusCode::TOO_MANY_REQUESTS
        );
        app.state.clock.advance_ms(2_100);
        assert_eq!(
            sign_in(
                &mut sprayer,
                matrix::email(Actor::SeekerB),
                matrix::PASSWORD
            )
            .await
            .status,
            StatusCode::OK
        );
    }
);

on_both_backends!(
    sign_up_is_throttled_per_address,
    |app: TestApp| async move {
        let mut bot = Client::new(&app, "198.51.100.7");
        for n in 0..10 {
            let nik = format!("36030155089500{:02}", n + 10);
            let email = format!("bot{n}@example.co.id");
            assert_eq!(
                bot.post(SignUpSeeker::PATH, &seeker_form(&nik, &email, PASSWORD))
                    .await
                    .status,
                StatusCode::OK
            );
        }
        let refused = bot
            .post(
                SignUpSeeker::PATH,
                &seeker_form("3603015508950099", "bot99@example.co.id", PASSWORD),
            )
            .await;
        assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(refused.body.contains("RateLimited"));
    }
);

on_both_backends!(
    sessions_expire_when_idle_and_at_the_absolute_limit,
    |app: TestApp| async move {
        let mut browser = Client::new(&app, "10.0.0.6");
        assert_eq!(
            sign_up(&mut browser, "idle@example.co.id").await.status,
            StatusCode::OK
        );
        assert_eq!(
            sign_in(&mut browser, "idle@example.co.id", PASSWORD)
                .await
                .status,
            StatusCode::OK
        );
        app.state.clock.advance_ms(100 * 60 * 1000);
        assert_eq!(
            browser.post(LoadMyAccount::PATH, &[]).await.status,
            StatusCode::OK,
            "activity within 2 hours keeps it"
        );
        app.state.clock.advance_ms(121 * 60 * 1000);
        assert_eq!(
            browser.post(LoadMyAccount::PATH, &[]).await.status,
            StatusCode::UNAUTHORIZED,
            "idle for over 2 hours"
        );

        assert_eq!(
            sign_in(&mut browser, "idle@example.co.id", PASSWORD)
                .await
                .status,
            StatusCode::OK
        );
        for _ in 0..7 {
            app.state.clock.advance_ms(100 * 60 * 1000);
            assert_eq!(
                browser.post(LoadMyAccount::PATH, &[]).await.status,
                StatusCode::OK
            );
        }
        app.state.clock.advance_ms(100 * 60 * 1000);
        assert_eq!(
            browser.post(LoadMyAccount::PATH, &[]).await.status,
            StatusCode::UNAUTHORIZED,
            "12-hour absolute limit"
        );
    }
);

on_both_backends!(
    staff_sessions_end_after_30_idle_minutes_on_every_request,
    |app: TestApp| async move {
        const MINUTE: i64 = 60 * 1000;
        matrix::fixture(&app).await;
        let mut idle_officer = matrix::signed_in(&app, Actor::Officer, "10.0.1.1").await;
        let mut idle_admin = matrix::signed_in(&app, Actor::Admin, "10.0.1.2").await;
        let mut busy_officer = matrix::signed_in(&app, Actor::Officer, "10.0.1.3").await;
        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "10.0.1.4").await;
        // A request after the sign-in is what used to put staff back on the 2-hour default.
        for client in [&mut idle_officer, &mut busy_officer, &mut seeker] {
            assert_eq!(
                client.post(LoadMyAccount::PATH, &[]).await.status,
                StatusCode::OK
            );
        }
        // So is a request that never loads the user (the language switch; files and health checks do not
        // reach the session at all).
        assert_eq!(
            idle_admin.get("/bahasa/id?kembali=/").await.status,
            StatusCode::SEE_OTHER
        );
        app.state.clock.advance_ms(20 * MINUTE);
        assert_eq!(
            busy_officer.post(LoadMyAccount::PATH, &[]).await.status,
            StatusCode::OK
        );
        app.state.clock.advance_ms(11 * MINUTE);
        for (client, who) in [(&mut idle_officer, "officer"), (&mut idle_admin, "admin")] {
            assert_eq!(
                client.post(LoadMyAccount::PATH, &[]).await.status,
                StatusCode::UNAUTHORIZED,
                "{who} idle for 31 minutes is signed out"
            );
        }
        assert_eq!(
            seeker.post(LoadMyAccount::PATH, &[]).await.status,
            StatusCode::OK,
            "a seeker idle for 31 minutes is still signed in"
        );
        // The busy officer (last seen 11 minutes ago) goes on for another hour, active every 20 minutes.
        for _ in 0..4 {
            assert_eq!(
                busy_officer.post(LoadMyAccount::PATH, &[]).await.status,
                StatusCode::OK,
                "an officer active every 20 minutes stays signed in"
            );
            app.state.clock.advance_ms(20 * MINUTE);
        }
        app.state.clock.advance_ms(11 * MINUTE);
        assert_eq!(
            busy_officer.post(LoadMyAccount::PATH, &[]).await.status,
            StatusCode::UNAUTHORIZED,
            "and is signed out once idle for 31 minutes"
        );
    }
);

on_both_backends!(
    a_session_is_written_again_only_when_it_changes_or_a_minute_has_passed,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "10.0.1.9").await;
        let row = || async {
            let row: (i64, i64) = sqlx::query_as(
                "SELECT s.last_seen_ms, s.expires_at_ms FROM sessions s JOIN accounts a ON a.id = s.account_id \
                 WHERE a.email = $1",
            )
            .bind(matrix::email(Actor::SeekerA))
            .fetch_one(&app.db().pool)
            .await
            .expect("one session");
            row
        };
        assert_eq!(
            seeker.post(LoadMyAccount::PATH, &[]).await.status,
            StatusCode::OK
        );
        let first = row().await;
        for _ in 0..3 {
            assert_eq!(
                seeker.post(LoadMyAccount::PATH, &[]).await.status,
                StatusCode::OK
            );
        }
        assert_eq!(
            row().await,
            first,
            "page views within a minute write nothing"
        );
        app.state.clock.advance_ms(2 * 60 * 1000);
        assert_eq!(
            seeker.post(LoadMyAccount::PATH, &[]).await.status,
            StatusCode::OK
        );
        let later = row().await;
        assert!(
            later.0 >= first.0 + 2 * 60 * 1000,
            "last seen moves: {first:?} {later:?}"
        );
        assert!(
            later.1 >= first.1 + 2 * 60 * 1000,
            "the idle limit slides: {first:?} {later:?}"
        );
    }
);

async fn sessions_of(app: &TestApp, account_id: i64) -> Vec<String> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT id FROM sessions WHERE account_id = $1 ORDER BY id")
            .bind(account_id)
            .fetch_all(&app.db().pool)
            .await
            .expect("sessions");
    rows.into_iter().map(|(id,)| id).collect()
}

async fn audited(app: &TestApp, action: &str) -> i64 {
    app.count(&format!(
        "SELECT COUNT(*) FROM audit_log WHERE action = '{action}'"
    ))
    .await
}

on_both_backends!(
    ending_sessions_and_changing_passwords_end_sessions_with_their_audit_row,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut phone = matrix::signed_in(&app, Actor::SeekerA, "10.0.2.1").await;
        let mut laptop = matrix::signed_in(&app, Actor::SeekerA, "10.0.2.2").await;
        let mut tablet = matrix::signed_in(&app, Actor::SeekerA, "10.0.2.3").await;
        let sessions = sessions_of(&app, f.seeker_a).await;
        assert_eq!(sessions.len(), 3);

        // End one session by its handle (as the sessions list shows it).
        let tablet_id = sessions
            .iter()
            .find(|id| {
                tablet
                    .cookie
                    .as_deref()
                    .is_some_and(|c| c.ends_with(id.as_str()))
            })
            .expect("the tablet's session")
            .clone();
        let handle = &dnaker::server::pii::token_hash(&tablet_id)[..16];
        let ended = phone.post(EndSession::PATH, &[("handle", handle)]).await;
        assert_eq!(ended.status, StatusCode::OK, "{}", ended.body);
        assert_eq!(sessions_of(&app, f.seeker_a).await.len(), 2);
        assert_eq!(audited(&app, "account.end_session").await, 1);
        assert_eq!(
            tablet.post(LoadMyAccount::PATH, &[]).await.status,
            StatusCode::UNAUTHORIZED
        );

        // A new password signs the other devices out; this one continues.
        let changed = phone
            .post(
                ChangePassword::PATH,
                &[
                    ("current_password", matrix::PASSWORD),
                    ("password", "teh-manis-sore-hari"),
                ],
            )
            .await;
        assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
        assert_eq!(sessions_of(&app, f.seeker_a).await.len(), 1);
        assert_eq!(audited(&app, "account.change_password").await, 1);
        assert_eq!(
            laptop.post(LoadMyAccount::PATH, &[]).await.status,
            StatusCode::UNAUTHORIZED
        );

        let everywhere = phone.post(SignOutEverywhere::PATH, &[]).await;
        assert_eq!(everywhere.status, StatusCode::OK, "{}", everywhere.body);
        assert!(sessions_of(&app, f.seeker_a).await.is_empty());
        assert_eq!(audited(&app, "account.sign_out_everywhere").await, 1);
        assert_eq!(
            phone.post(LoadMyAccount::PATH, &[]).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
);

on_both_backends!(
    no_state_changes_from_other_sites,
    |app: TestApp| async move {
        let request = axum::http::Request::post(SignUpSeeker::PATH)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "cross-site")
            .body(axum::body::Body::from(crate::common::form_encode(
                &seeker_form(NIK, "csrf@example.co.id", PASSWORD),
            )))
            .expect("request");
        assert_eq!(app.request(request).await.status, StatusCode::FORBIDDEN);
        assert_eq!(count(&app, "accounts").await, 0);
    }
);

on_both_backends!(
    a_sign_in_posted_before_the_page_hydrated_goes_back_to_the_form_with_the_error,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let plain_post = |password: &str| {
            axum::http::Request::post(SignIn::PATH)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "text/html,application/xhtml+xml")
                .header("origin", "http://localhost")
                .header("host", "localhost")
                .header("referer", "http://localhost/masuk")
                .header("x-forwarded-for", "10.73.0.1")
                .body(axum::body::Body::from(crate::common::form_encode(&[
                    ("next", ""),
                    ("email", matrix::email(Actor::SeekerA)),
                    ("password", password),
                ])))
                .expect("request")
        };

        // Not a 422 with JSON, which the browser would show as it is: back to the form.
        let wrong = app.request(plain_post("bukan-sandinya")).await;
        assert_eq!(wrong.status, StatusCode::FOUND, "{}", wrong.body);
        let back = wrong.headers["location"].to_str().expect("location");
        assert!(back.starts_with("http://localhost/masuk?"), "{back}");
        assert!(back.contains("__err="), "{back}");
        let path = back.trim_start_matches("http://localhost");
        let form = app.get(path).await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(
            form.body.contains("E-mail atau kata sandi salah."),
            "the form names the problem in Indonesian"
        );

        let right = app.request(plain_post(matrix::PASSWORD)).await;
        assert_eq!(right.status, StatusCode::FOUND, "{}", right.body);
        assert_eq!(right.headers["location"], "/akun");
        assert!(right.headers.contains_key("set-cookie"));

        // The hydrated page's own calls still get the error status.
        let mut page = Client::new(&app, "10.73.0.2");
        let call = page
            .post(
                SignIn::PATH,
                &[
                    ("email", matrix::email(Actor::SeekerA)),
                    ("password", "bukan-sandinya"),
                ],
            )
            .await;
        assert_eq!(call.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
);

/// `n` sign-ins released together from one address, as a scripted guesser would send them.
async fn sign_ins_at_once(
    app: &TestApp,
    n: usize,
    email: &str,
    password: &str,
    ip: &str,
) -> Vec<u16> {
    use tower::ServiceExt;
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(n));
    let tasks: Vec<_> = (0..n)
        .map(|_| {
            let (router, barrier) = (app.router.clone(), barrier.clone());
            let body = crate::common::form_encode(&[("email", email), ("password", password)]);
            let request = axum::http::Request::post(SignIn::PATH)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "application/json")
                .header("origin", "http://localhost")
                .header("host", "localhost")
                .header("x-forwarded-for", ip)
                .body(axum::body::Body::from(body))
                .expect("request");
            tokio::spawn(async move {
                barrier.wait().await;
                router
                    .oneshot(request)
                    .await
                    .expect("router answers")
                    .status()
                    .as_u16()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.expect("task"));
    }
    statuses
}

on_both_backends!(
    parallel_wrong_sign_ins_are_evaluated_only_up_to_the_allowance,
    |app: TestApp| async move {
        let mut owner = Client::new(&app, "10.0.9.1");
        assert_eq!(
            sign_up(&mut owner, "paralel@example.co.id").await.status,
            StatusCode::OK
        );
        let statuses = sign_ins_at_once(
            &app,
            20,
            "paralel@example.co.id",
            "tebakan-salah-1",
            "203.0.113.77",
        )
        .await;
        let evaluated = statuses.iter().filter(|s| **s == 422).count();
        let throttled = statuses.iter().filter(|s| **s == 429).count();
        // Five free failures per account and address: the fifth starts the back-off, so exactly five
        // guesses are checked against the password however many arrive at once.
        assert_eq!((evaluated, throttled), (5, 15), "{statuses:?}");
        let counted: Vec<(String, i64)> = sqlx::query_as(
            "SELECT key, failures FROM throttle WHERE key LIKE 'signin:%' ORDER BY key",
        )
        .fetch_all(&app.db().pool)
        .await
        .expect("throttle rows");
        assert_eq!(counted.len(), 3, "{counted:?}");
        assert!(
            counted.iter().all(|(_, failures)| *failures == 5),
            "refused attempts are not counted: {counted:?}"
        );
        // The owner still signs in from their own address, and that gives the attempt back.
        assert_eq!(
            sign_in(&mut owner, "paralel@example.co.id", PASSWORD)
                .await
                .status,
            StatusCode::OK
        );
        let (account_failures,): (i64,) = sqlx::query_as(
            "SELECT failures FROM throttle WHERE key LIKE 'signin:a:%' AND key NOT LIKE '%:%:%:%'",
        )
        .fetch_one(&app.db().pool)
        .await
        .expect("account key");
        assert_eq!(account_failures, 5, "a right password is not a failure");
    }
);

on_both_backends!(
    a_session_ended_elsewhere_is_never_saved_back,
    |app: TestApp| async move {
        use tower_sessions::SessionStore;
        let f = matrix::fixture(&app).await;
        let mut phone = matrix::signed_in(&app, Actor::SeekerA, "10.0.8.1").await;
        let mut tablet = matrix::signed_in(&app, Actor::SeekerA, "10.0.8.2").await;
        let tablet_id = tablet
            .cookie
            .as_deref()
            .and_then(|c| c.split_once('='))
            .and_then(|(_, id)| dnaker::server::session::parse_id(id))
            .expect("the tablet's session id");
        // A request of the tablet's is under way: it loaded its session before the sign-out below …
        let store =
            dnaker::server::session::DbSessionStore::new(app.db().clone(), app.state.clock.clone());
        let mut loaded = store
            .load(&tablet_id)
            .await
            .expect("load")
            .expect("the tablet's session");
        let everywhere = phone.post(SignOutEverywhere::PATH, &[]).await;
        assert_eq!(everywhere.status, StatusCode::OK, "{}", everywhere.body);
        assert!(sessions_of(&app, f.seeker_a).await.is_empty());
        // … and saves it afterwards, with changed data: the ended session must stay ended.
        loaded.data.insert("changed".into(), serde_json::json!(1));
        store.save(&loaded).await.expect("save");
        assert!(
            sessions_of(&app, f.seeker_a).await.is_empty(),
            "saving re-inserted an ended session"
        );
        assert_eq!(
            tablet.post(LoadMyAccount::PATH, &[]).await.status,
            StatusCode::UNAUTHORIZED
        );
        // The tablet's next requests (any that would save a session) do not bring it back either.
        tablet.get("/bahasa/en").await;
        tablet.post(LoadMyAccount::PATH, &[]).await;
        assert!(sessions_of(&app, f.seeker_a).await.is_empty());
        assert_eq!(
            tablet.post(LoadMyAccount::PATH, &[]).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
);

on_both_backends!(
    reset_links_end_when_the_password_changes,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let email = matrix::email(Actor::SeekerA);
        let mut visitor = Client::new(&app, "10.0.7.1");
        assert_eq!(request_reset(&mut visitor, email).await, StatusCode::OK);
        let first = app.last_mail_token(email).await.expect("first link");
        assert_eq!(request_reset(&mut visitor, email).await, StatusCode::OK);
        let second = app.last_mail_token(email).await.expect("second link");
        assert_ne!(first, second);
        // One link used: the other one, sent before, is spent with it.
        assert_eq!(
            visitor
                .post(
                    ResetPassword::PATH,
                    &[("token", &second), ("password", "gula-aren-manis-1")]
                )
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            visitor
                .post(
                    ResetPassword::PATH,
                    &[("token", &first), ("password", "gula-aren-manis-2")]
                )
                .await
                .status,
            StatusCode::CONFLICT
        );
        // A link outstanding when the owner changes the password is worthless afterwards.
        assert_eq!(request_reset(&mut visitor, email).await, StatusCode::OK);
        let third = app.last_mail_token(email).await.expect("third link");
        let mut owner = Client::new(&app, "10.0.7.2");
        assert_eq!(
            sign_in(&mut owner, email, "gula-aren-manis-1").await.status,
            StatusCode::OK
        );
        let changed = owner
            .post(
                ChangePassword::PATH,
                &[
                    ("current_password", "gula-aren-manis-1"),
                    ("password", "gula-aren-manis-3"),
                ],
            )
            .await;
        assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
        assert_eq!(
            visitor
                .post(
                    ResetPassword::PATH,
                    &[("token", &third), ("password", "gula-aren-manis-4")]
                )
                .await
                .status,
            StatusCode::CONFLICT
        );
    }
);

on_both_backends!(
    behind_a_proxy_the_client_is_the_hop_the_proxy_appended,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut browser = Client::new(&app, "1.2.3.4, 5.6.7.8");
        let signed_in = sign_in(
            &mut browser,
            matrix::email(Actor::SeekerA),
            matrix::PASSWORD,
        )
        .await;
        assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.body);
        let (ip,): (Option<String>,) = sqlx::query_as(
            "SELECT ip FROM audit_log WHERE action = 'account.sign_in' ORDER BY id DESC LIMIT 1",
        )
        .fetch_one(&app.db().pool)
        .await
        .expect("audit row");
        assert_eq!(
            ip.as_deref(),
            Some("5.6.7.8"),
            "1.2.3.4 is the client's own say"
        );
    }
);

on_both_backends!(
    only_verified_companies_invite_and_not_without_end,
    |app: TestApp| async move {
        use dnaker::features::companies::api::InviteStaff;
        let f = matrix::fixture(&app).await;
        let mut admin = matrix::signed_in(&app, Actor::CompanyAdminA, "10.0.6.1").await;
        let refused = admin
            .post(InviteStaff::PATH, &[("email", "siapa@contoh.co.id")])
            .await;
        assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
        assert!(
            refused.body.contains("err_invite_unverified"),
            "{}",
            refused.body
        );
        assert_eq!(
            count(&app, "mail_outbox WHERE to_address = 'siapa@contoh.co.id'").await,
            0
        );
        crate::vacancies::verify_company(&app, f.company_a).await;
        for n in 0..20 {
            let sent = admin
                .post(
                    InviteStaff::PATH,
                    &[("email", &format!("staf{n}@contoh.co.id"))],
                )
                .await;
            assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
        }
        let throttled = admin
            .post(InviteStaff::PATH, &[("email", "staf99@contoh.co.id")])
            .await;
        assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(
            count(&app, "mail_outbox WHERE to_address LIKE 'staf%'").await,
            20
        );
    }
);
