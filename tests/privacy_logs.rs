//! The NIK and mailed single-use links never reach the logs. Alone in its own test binary: it installs a
//! log capture for its thread, and tracing's per-callsite caches are shared by every test in a binary.
#![cfg(feature = "ssr")]

mod common;

use axum::http::StatusCode;
use common::Client;
use dnaker::features::accounts::api::{LoadMyAccount, SignIn, SignUpSeeker};
use leptos::server_fn::ServerFn;

const NIK: &str = "3603015508950001";
const PASSWORD: &str = "kopi-tubruk-pagi";

fn seeker_form<'a>(nik: &'a str, email: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("form[nik]", nik),
        ("form[full_name]", "Siti Aminah"),
        ("form[place_of_birth]", "Tangerang"),
        ("form[date_of_birth]", "1995-08-15"),
        ("form[sex]", "female"),
        ("form[email]", email),
        ("form[phone]", "0812-3456-7890"),
        ("form[password]", PASSWORD),
    ]
}

#[tokio::test(flavor = "current_thread")]
async fn the_nik_never_reaches_the_logs() {
    use std::sync::{Arc, Mutex};
    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);
    impl std::io::Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0
                .lock()
                .map_err(|_| std::io::Error::other("poisoned"))?
                .extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let app = common::sqlite_app().await;
    let mut browser = Client::new(&app, "10.0.0.7");
    assert_eq!(
        browser
            .post(SignUpSeeker::PATH, &seeker_form(NIK, "logs@example.co.id"))
            .await
            .status,
        StatusCode::OK
    );
    let bad = browser
        .post(SignUpSeeker::PATH, &seeker_form(NIK, "logs@example.co.id"))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        browser
            .post(
                SignIn::PATH,
                &[("email", "logs@example.co.id"), ("password", PASSWORD)]
            )
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        browser.post(LoadMyAccount::PATH, &[]).await.status,
        StatusCode::OK
    );
    // The verification mail goes out through the file transport: its single-use link is not logged.
    let token = app
        .last_mail_token("logs@example.co.id")
        .await
        .expect("a verification link");
    assert!(
        dnaker::server::mail::deliver_due(&app.state)
            .await
            .expect("delivered")
            >= 1
    );

    let logs = String::from_utf8_lossy(&buffer.0.lock().expect("log buffer")).into_owned();
    assert!(logs.contains("request"), "the requests were logged");
    assert!(logs.contains("outbox"), "the delivery was logged");
    assert!(!logs.contains(NIK), "a NIK appeared in the logs");
    assert!(!logs.contains(&token), "a mail's link appeared in the logs");
}
