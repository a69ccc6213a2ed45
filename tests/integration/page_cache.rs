//! Whole public pages kept for anonymous visitors (`server::page_cache`): kept and sent again, dropped
//! after a change made through this instance, never kept for signed-in visitors or private pages, and
//! their CSP naming the inline scripts by hash.
use std::io::Read;

use axum::{
    body::Body,
    http::{HeaderMap, Request, StatusCode},
};
use base64::{Engine, engine::general_purpose::STANDARD};
use sha2::{Digest, Sha256};

use dnaker::features::{accounts::api::CurrentUser, vacancies::api::SearchVacancies};
use leptos::server_fn::ServerFn;

use crate::{
    common::{
        Client, Response, TestApp,
        matrix::{self, Actor},
    },
    vacancies::{post_vacancy, verify_company},
};

const SEARCH: &str = "/lowongan?q=forklift";

fn kept(response: &Response) -> bool {
    response.headers.contains_key("age")
}

pub(crate) fn policy(response: &Response) -> String {
    response
        .headers
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

async fn get_encoded(app: &TestApp, accept_encoding: &str) -> (StatusCode, HeaderMap, Vec<u8>) {
    get_path_encoded(app, SEARCH, accept_encoding).await
}

async fn get_path_encoded(
    app: &TestApp,
    path: &str,
    accept_encoding: &str,
) -> (StatusCode, HeaderMap, Vec<u8>) {
    app.request_bytes(
        Request::get(path)
            .header("accept-encoding", accept_encoding)
            .body(Body::empty())
            .expect("request"),
    )
    .await
}

/// The contents of the page's inline `<script>` elements.
fn inline_scripts(html: &str) -> Vec<&str> {
    html.split("<script")
        .skip(1)
        .filter_map(|element| {
            let (_, inside) = element.split_once('>')?;
            let (content, _) = inside.split_once("</script>")?;
            (!content.is_empty()).then_some(content)
        })
        .collect()
}

on_both_backends!(
    anonymous_public_pages_are_kept_and_dropped_after_a_change,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        verify_company(&app, f.company_a).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.71.0.1").await;
        post_vacancy(&mut company, "Operator Forklift", &[]).await;

        let first = app.get(SEARCH).await;
        assert_eq!(first.status, StatusCode::OK);
        assert!(!kept(&first), "the first visit renders the page");
        assert!(first.body.contains("Operator Forklift"));
        let again = app.get(SEARCH).await;
        assert!(kept(&again), "the second is sent from the kept copy");
        assert_eq!(again.body, first.body);
        assert_eq!(policy(&again), policy(&first));

        // Everyone gets the same copy, so the policy names its inline scripts by hash, not a nonce.
        let csp = policy(&again);
        assert!(!csp.contains("'nonce-"), "{csp}");
        let scripts = inline_scripts(&again.body);
        assert!(!scripts.is_empty(), "the page has its hydration script");
        for script in scripts {
            let hash = STANDARD.encode(Sha256::digest(script.as_bytes()));
            assert!(
                csp.contains(&format!("'sha256-{hash}'")),
                "{script} allowed"
            );
        }

        // Sent brotli-compressed as kept (to browsers that accept it), gzip by the compression layer.
        let (status, headers, bytes) = get_encoded(&app, "gzip, deflate, br").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers["content-encoding"], "br");
        let mut plain = String::new();
        brotli::Decompressor::new(&bytes[..], 4096)
            .read_to_string(&mut plain)
            .expect("brotli");
        assert_eq!(plain, first.body);
        let (_, headers, _) = get_encoded(&app, "gzip").await;
        assert_eq!(headers["content-encoding"], "gzip");

        // Reads are POSTs too (the header's "who is signed in" on every page, a search): they keep them.
        let mut visitor = Client::new(&app, "10.71.0.2");
        let read = visitor.post(CurrentUser::PATH, &[]).await;
        assert_eq!(read.status, StatusCode::OK);
        let read = company
            .post(SearchVacancies::PATH, &[("query[text]", "forklift")])
            .await;
        assert_eq!(read.status, StatusCode::OK, "{}", read.body);
        assert!(kept(&app.get(SEARCH).await), "a read drops nothing");

        // A change through this instance is seen at once.
        post_vacancy(&mut company, "Operator Forklift Malam", &[]).await;
        let after = app.get(SEARCH).await;
        assert!(!kept(&after), "a change drops the kept pages");
        assert!(after.body.contains("Operator Forklift Malam"));

        // Each language is its own copy.
        let english = app.get_with_cookie(SEARCH, "dnaker_lang=en").await;
        assert!(!kept(&english));
        assert_ne!(english.body, after.body);
        assert!(kept(&app.get_with_cookie(SEARCH, "dnaker_lang=en").await));

        // Signed-in visitors, any other cookie and private pages are never kept.
        company.get(SEARCH).await;
        assert!(!kept(&company.get(SEARCH).await));
        let stranger = "dnaker_sid=not-a-session";
        app.get_with_cookie(SEARCH, stranger).await;
        assert!(!kept(&app.get_with_cookie(SEARCH, stranger).await));
        app.get("/atur-sandi?token=abc").await;
        let reset = app.get("/atur-sandi?token=abc").await;
        assert!(!kept(&reset));
        assert!(
            policy(&reset).contains("'nonce-"),
            "not kept: the nonce stays"
        );
        // A page rendered per request is gzipped even for brotli clients (brotli's setup per response
        // halved the dashboard's throughput); only kept copies are brotli.
        let (status, headers, bytes) =
            get_path_encoded(&app, "/atur-sandi?token=abc", "gzip, deflate, br").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers["content-encoding"], "gzip");
        // One gzip stream, nothing after it, that decodes to the whole document; one `Vary`.
        let mut plain = String::new();
        let mut decoder = flate2::bufread::GzDecoder::new(&bytes[..]);
        decoder.read_to_string(&mut plain).expect("a gzip stream");
        assert!(decoder.into_inner().is_empty(), "one gzip member");
        assert!(
            plain.starts_with("<!DOCTYPE html>") && plain.contains("</html>"),
            "{plain}"
        );
        let varies = headers
            .get_all("vary")
            .iter()
            .filter(|v| v.to_str().is_ok_and(|v| v.contains("accept-encoding")))
            .count();
        assert_eq!(varies, 1);

        // The portal's clock ages the copies: past their lifetime the page is rendered again.
        assert!(kept(&app.get(SEARCH).await));
        app.state.clock.advance_ms(60_000);
        assert!(!kept(&app.get(SEARCH).await));
    }
);

on_both_backends!(
    a_sign_in_or_a_private_change_keeps_the_public_pages,
    |app: TestApp| async move {
        use dnaker::features::accounts::api::{SignIn, SignOut};
        let f = matrix::fixture(&app).await;
        verify_company(&app, f.company_a).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.72.0.1").await;
        post_vacancy(&mut company, "Operator Forklift", &[]).await;
        app.get(SEARCH).await;
        assert!(kept(&app.get(SEARCH).await));
        // A crowd signing in (each one audited) must not make every public page render again.
        let mut visitor = Client::new(&app, "10.72.0.2");
        let signed_in = visitor
            .post(
                SignIn::PATH,
                &[
                    ("email", matrix::email(Actor::SeekerA)),
                    ("password", matrix::PASSWORD),
                ],
            )
            .await;
        assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.body);
        visitor.post(SignOut::PATH, &[]).await;
        assert!(kept(&app.get(SEARCH).await), "a sign-in drops nothing");
        // A change of public data still does.
        post_vacancy(&mut company, "Operator Forklift Malam", &[]).await;
        assert!(!kept(&app.get(SEARCH).await));
    }
);
