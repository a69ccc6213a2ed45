//! Matrix cases for the axum routes outside the server functions (operations, language, downloads, the
//! profile upload and its files), and the remaining public and profile functions.
use dnaker::features::{
    ak1::api::{AddCertificateEntry, VerifyAk1},
    home::api::LoadHomeSummary,
};
use leptos::server_fn::ServerFn;

use crate::{
    ak1::{PNG, issue_card_for_seeker_a},
    common::{
        TestApp,
        matrix::{self, Actor, Case, Fixture, Method, SEEKERS, STAFF},
    },
};

fn s(value: impl ToString) -> String {
    value.to_string()
}

pub(crate) async fn cases(app: &TestApp, f: &Fixture) -> Vec<Case> {
    issue_card_for_seeker_a(app).await;
    let (code,): (String,) = sqlx::query_as(
        "SELECT verification_code FROM ak1_applications WHERE account_id = $1 AND verification_code IS NOT NULL",
    )
    .bind(f.seeker_a)
    .fetch_one(&app.db().pool)
    .await
    .expect("seeker A's card");
    let seeker = matrix::signed_in(app, Actor::SeekerA, "10.94.0.1").await;
    let cookie = seeker.cookie.clone().expect("session");
    let (status, location) =
        crate::ak1::upload(app, Some(&cookie), "photo", "foto.png", "image/png", PNG).await;
    assert!(location.ends_with("berkas=ok"), "{status} {location}");
    let public = |name, path: &str| Case::public(name, Method::Get, path, &[]);
    vec![
        public("liveness", "/healthz"),
        public("readiness", "/readyz"),
        public("switch the language", "/bahasa/en?kembali=/lowongan"),
        public("the bulk PKWT template", "/perusahaan/pkwt/templat.csv"),
        Case::public("home figures", Method::Post, LoadHomeSummary::PATH, &[]),
        Case::public(
            "check an AK-1 card's code",
            Method::Post,
            VerifyAk1::PATH,
            &[("code", code)],
        ),
        // Seeker B has no card: "not found" for anyone but its holder.
        Case::get("my AK-1 card", "/akun/kartu-ak1.pdf", &[Actor::SeekerA]),
        // Seeker B has no photo: only its owner gets one.
        Case::get("my photo", "/akun/berkas/photo", &[Actor::SeekerA]),
        // The plain form post answers with a redirect carrying the outcome (read by the matrix).
        Case::multipart(
            "upload my photo",
            "/akun/profil/berkas",
            &[("kind", s("photo"))],
            &[("file", "foto.png", PNG)],
            &SEEKERS,
        ),
        Case::get(
            "staff read a seeker's photo, with a reason",
            &format!(
                "/petugas/pencaker/{}/berkas/photo?alasan=Memeriksa%20foto%20kartu%20AK-1",
                f.seeker_a
            ),
            &STAFF,
        ),
        Case::post(
            "add a certificate (invalid)",
            AddCertificateEntry::PATH,
            &[("entry[name]", s("x"))],
            &SEEKERS,
        ),
    ]
}
