//! Fifty identical requests at the same moment per decision or transition, on both backends: exactly one
//! takes effect (one number, one row, one audit row, one notice), every other one is refused with 409,
//! and none fails with a 500. On SQLite the write transactions queue (`BEGIN IMMEDIATE`); on PostgreSQL
//! they run together and the UPDATE guarded by the expected status lets only the first through.
use std::collections::BTreeMap;

use axum::http::StatusCode;
use dnaker::features::{
    admin::api::ResolveCorrection,
    ak1::api::{ApplyAk1, DecideAk1, SaveProfile},
    pkwt::api::DecideContract,
    vacancies::api::{ApplyToVacancy, DecideVacancy, MoveApplication, WithdrawApplication},
};
use leptos::server_fn::ServerFn;

use crate::{
    ak1::PROFILE,
    common::{
        Client, Response, TestApp,
        matrix::{self, Actor},
    },
    pkwt::{PDF, contract, register},
    vacancies::{post_vacancy, verify_company},
};

const N: usize = 50;

/// The same form, posted `N` times at once in the client's session.
async fn all_at_once(client: &Client<'_>, path: &str, form: &[(&str, &str)]) -> Vec<Response> {
    let cookie = client.cookie.clone().expect("signed in");
    let form: Vec<(String, String)> = form
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    client
        .app
        .post_all_at_once(path, vec![(cookie, form); N])
        .await
}

/// Exactly one answer is a success and every other one a conflict; returns the success.
fn once<'r>(responses: &'r [Response], what: &str) -> &'r Response {
    let mut statuses = BTreeMap::new();
    for response in responses {
        *statuses.entry(response.status.as_u16()).or_insert(0) += 1;
    }
    let failed = responses
        .iter()
        .find(|r| r.status != StatusCode::OK && r.status != StatusCode::CONFLICT);
    assert!(
        failed.is_none(),
        "{what}: {statuses:?}, e.g. {:?}",
        failed.map(|r| &r.body)
    );
    assert_eq!(
        statuses.get(&200),
        Some(&1),
        "{what}: exactly one succeeds: {statuses:?}"
    );
    assert_eq!(statuses.get(&409), Some(&(N - 1)), "{what}: {statuses:?}");
    responses
        .iter()
        .find(|r| r.status == StatusCode::OK)
        .expect("one success")
}

async fn audits(app: &TestApp, action: &str, subject_id: i64) -> i64 {
    app.count(&format!(
        "SELECT COUNT(*) FROM audit_log WHERE action = '{action}' AND subject_id = '{subject_id}'"
    ))
    .await
}

async fn notices(app: &TestApp, account_id: i64, key: &str) -> i64 {
    app.count(&format!(
        "SELECT COUNT(*) FROM notifications WHERE account_id = {account_id} AND message_key = '{key}'"
    ))
    .await
}

on_both_backends!(
    concurrent_vacancy_moderation_decides_once,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        // An unverified company's vacancy waits for an officer.
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.80.0.1").await;
        let (vacancy, status) = post_vacancy(&mut company, "Operator Forklift", &[]).await;
        assert_eq!(status, "pending");
        let officer = matrix::signed_in(&app, Actor::Officer, "10.80.0.2").await;
        let id = vacancy.to_string();
        let answers = all_at_once(
            &officer,
            DecideVacancy::PATH,
            &[("vacancy_id", &id), ("decision", "approve")],
        )
        .await;
        once(&answers, "vacancy approve");
        assert_eq!(audits(&app, "vacancy.review", vacancy).await, 1);
        let (creator,): (i64,) = sqlx::query_as("SELECT created_by FROM vacancies WHERE id = $1")
            .bind(vacancy)
            .fetch_one(&app.db().pool)
            .await
            .expect("creator");
        assert_eq!(notices(&app, creator, "notice_vacancy_published").await, 1);
    }
);

on_both_backends!(
    concurrent_ak1_application_and_approval_happen_once,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "10.81.0.1").await;
        assert_eq!(
            seeker.post(SaveProfile::PATH, &PROFILE).await.status,
            StatusCode::OK
        );
        once(
            &all_at_once(&seeker, ApplyAk1::PATH, &[]).await,
            "AK-1 apply",
        );
        let (application,): (i64,) =
            sqlx::query_as("SELECT id FROM ak1_applications WHERE account_id = $1")
                .bind(f.seeker_a)
                .fetch_one(&app.db().pool)
                .await
                .expect("one application");
        assert_eq!(audits(&app, "ak1.apply", application).await, 1);

        let officer = matrix::signed_in(&app, Actor::Officer, "10.81.0.2").await;
        let id = application.to_string();
        let answers = all_at_once(
            &officer,
            DecideAk1::PATH,
            &[("application_id", &id), ("decision", "approve")],
        )
        .await;
        let issued = once(&answers, "AK-1 approve");
        let number: Option<String> = serde_json::from_str(&issued.body).expect("number");
        assert!(number.is_some(), "{}", issued.body);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM ak1_applications WHERE card_number IS NOT NULL")
                .await,
            1
        );
        assert_eq!(
            app.count("SELECT MAX(last_serial) FROM ak1_number_counters")
                .await,
            1,
            "one number taken"
        );
        assert_eq!(audits(&app, "ak1.issue", application).await, 1);
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM ak1_events WHERE application_id = {application} AND to_status = 'issued'"
            ))
            .await,
            1
        );
    }
);

on_both_backends!(
    concurrent_pkwt_approval_issues_one_number,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.82.0.1").await;
        let registered = register(&mut company, &contract(&app, &[]), Some(PDF)).await;
        assert_eq!(registered.status, StatusCode::OK, "{}", registered.body);
        let contract_id: i64 = registered.body.trim().parse().expect("contract id");
        let officer = matrix::signed_in(&app, Actor::Officer, "10.82.0.2").await;
        let id = contract_id.to_string();
        let answers = all_at_once(
            &officer,
            DecideContract::PATH,
            &[("contract_id", &id), ("decision", "approve")],
        )
        .await;
        once(&answers, "PKWT approve");
        assert_eq!(
            app.count("SELECT COUNT(*) FROM pkwt_contracts WHERE registration_number IS NOT NULL")
                .await,
            1
        );
        assert_eq!(
            app.count("SELECT MAX(last_serial) FROM pkwt_number_counters")
                .await,
            1,
            "one number taken"
        );
        assert_eq!(audits(&app, "pkwt.approve", contract_id).await, 1);
    }
);

on_both_backends!(
    concurrent_apply_move_and_withdraw_happen_once,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        verify_company(&app, f.company_a).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.83.0.1").await;
        let (vacancy, _) = post_vacancy(&mut company, "Operator Forklift", &[]).await;
        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "10.83.0.2").await;
        assert_eq!(
            seeker.post(SaveProfile::PATH, &PROFILE).await.status,
            StatusCode::OK
        );

        let vacancy_id = vacancy.to_string();
        let answers = all_at_once(
            &seeker,
            ApplyToVacancy::PATH,
            &[
                ("vacancy_id", &vacancy_id),
                ("cover_note", "Saya punya SIO."),
            ],
        )
        .await;
        once(&answers, "apply");
        let (application,): (i64,) =
            sqlx::query_as("SELECT id FROM job_applications WHERE vacancy_id = $1")
                .bind(vacancy)
                .fetch_one(&app.db().pool)
                .await
                .expect("one application");
        assert_eq!(audits(&app, "application.create", application).await, 1);
        let events = |to: &'static str| {
            format!(
                "SELECT COUNT(*) FROM job_application_events WHERE application_id = {application} AND to_status = '{to}'"
            )
        };
        assert_eq!(app.count(&events("received")).await, 1);

        let id = application.to_string();
        let answers = all_at_once(
            &company,
            MoveApplication::PATH,
            &[("application_id", &id), ("to", "screened")],
        )
        .await;
        once(&answers, "pipeline move");
        assert_eq!(audits(&app, "application.move", application).await, 1);
        assert_eq!(app.count(&events("screened")).await, 1);
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM notifications WHERE account_id = {}",
                f.seeker_a
            ))
            .await,
            1,
            "one notice of the move"
        );

        let answers = all_at_once(
            &seeker,
            WithdrawApplication::PATH,
            &[("application_id", &id)],
        )
        .await;
        once(&answers, "withdraw");
        assert_eq!(audits(&app, "application.withdraw", application).await, 1);
        assert_eq!(app.count(&events("withdrawn")).await, 1);
    }
);

on_both_backends!(
    concurrent_correction_resolution_happens_once,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let officer = matrix::signed_in(&app, Actor::Officer, "10.84.0.1").await;
        let id = f.correction_by_a.to_string();
        let answers = all_at_once(
            &officer,
            ResolveCorrection::PATH,
            &[("id", &id), ("accepted", "1"), ("response", "")],
        )
        .await;
        once(&answers, "correction resolve");
        assert_eq!(
            audits(&app, "correction.resolve", f.correction_by_a).await,
            1
        );
        assert_eq!(
            notices(&app, f.seeker_a, "notice_correction_accepted").await,
            1
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM mail_outbox WHERE to_address = 'seeker-a@matrix.test'")
                .await,
            1,
            "one e-mail"
        );
    }
);
