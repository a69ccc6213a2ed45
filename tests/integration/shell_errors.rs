//! Requests the portal cannot read are the client's fault (400, no parser text echoed), and the language
//! switch returns to the same page with its query.

use crate::common::{Client, TestApp};
use axum::http::StatusCode;
use dnaker::core::i18n::ID;
use dnaker::features::{accounts::api::SignIn, vacancies::api::SearchVacancies};
use leptos::server_fn::ServerFn;

on_both_backends!(
    malformed_server_function_arguments_are_a_400_not_a_500,
    |app: TestApp| async move {
        let mut client = Client::new(&app, "203.0.113.40");
        for page in ["1'", "abc", "99999999999999999999"] {
            let response = client
                .post(
                    SearchVacancies::PATH,
                    &[("query[text]", "las"), ("query[page]", page)],
                )
                .await;
            assert_eq!(
                response.status,
                StatusCode::BAD_REQUEST,
                "page={page}: {}",
                response.body
            );
            assert!(
                !response.body.contains("invalid digit"),
                "the parser's text is not echoed: {}",
                response.body
            );
        }
        // A missing argument too.
        let response = client.post(SignIn::PATH, &[("email", "a@b.test")]).await;
        assert_eq!(
            response.status,
            StatusCode::BAD_REQUEST,
            "{}",
            response.body
        );
    }
);

on_both_backends!(
    language_switch_keeps_the_page_query,
    |app: TestApp| async move {
        let page = app.get("/lowongan?q=las&page=2").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body.contains("kembali=/lowongan%3Fq%3Dlas%26page%3D2"),
            "the switch links back to the same search: {}",
            page.body
                .split("language-switch")
                .next()
                .map(|head| &head[head.len().saturating_sub(300)..])
                .unwrap_or_default()
        );
    }
);

on_both_backends!(
    a_page_that_needs_signing_in_is_no_dead_end,
    |app: TestApp| async move {
        for path in ["/akun/profil", "/perusahaan/pkwt", "/perusahaan/tka"] {
            // These pages stream (their head, status included, may go out before the error is known),
            // so the test reads what the visitor sees, not the status.
            let page = app.get(path).await;
            let link = format!("href=\"/masuk?kembali={}\"", path.replace('?', "%3F"));
            assert!(
                page.body.contains(&link),
                "{path} links to the sign-in that comes back: {link}"
            );
        }
        // A signed-in seeker on a company page is shown the way home.
        crate::common::matrix::fixture(&app).await;
        let mut seeker = crate::common::matrix::signed_in(
            &app,
            crate::common::matrix::Actor::SeekerA,
            "203.0.113.41",
        )
        .await;
        let page = seeker.get("/perusahaan/pkwt").await;
        assert!(
            page.body.contains(ID.err_forbidden) && page.body.contains(ID.back_home),
            "told it is not theirs, with a way home"
        );
    }
);
