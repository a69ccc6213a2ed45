//! Webhook events from the real flows (issue 26, audit gaps 2 and 11), driven over HTTP as the other
//! tests do: each flow writes its event exactly once, in its own transaction, with the thin payload the
//! docs promise; `placement.reported` has one shape on both paths; a test event is delivered and signed.
use std::time::Duration;

use axum::http::StatusCode;
use leptos::server_fn::ServerFn;
use serde_json::{Value, json};

use dnaker::features::{
    partner_api::{api::SendWebhookTest, jobs::deliver_webhooks, webhooks},
    pkwt::api::{DecideContract, LoadPkwtQueue},
    vacancies::api::{
        ApplyToVacancy, DecideVacancy, LoadPipeline, MoveApplication, ReportPlacement,
    },
};

use super::{Receiver, admin, endpoint_for};
use crate::{
    ak1::{issue_card_for_seeker_a, json as parse},
    common::{
        TestApp,
        matrix::{self, Actor},
        ok_json,
    },
    pkwt::{PDF, contract, register},
    vacancies::{post_vacancy, verify_company},
};

/// The `(subject, data)` of every outbox row of this type, oldest first.
async fn events(app: &TestApp, event_type: &str) -> Vec<(String, Value)> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT subject, data FROM webhook_events WHERE event_type = $1 ORDER BY id",
    )
    .bind(event_type)
    .fetch_all(&app.db().pool)
    .await
    .expect("events");
    rows.into_iter()
        .map(|(subject, data)| (subject, serde_json::from_str(&data).expect("data")))
        .collect()
}

on_both_backends!(
    partner_api_ak1_issued_comes_once_from_the_officers_decision,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        issue_card_for_seeker_a(&app).await;
        let (number, valid_until): (String, String) = sqlx::query_as(
            "SELECT card_number, valid_until FROM ak1_applications WHERE status = 'issued'",
        )
        .fetch_one(&app.db().pool)
        .await
        .expect("card");
        assert_eq!(
            events(&app, "ak1.issued").await,
            [(
                number.clone(),
                json!({"card_number": number, "valid_until": valid_until})
            )]
        );
    }
);

on_both_backends!(
    partner_api_pkwt_registered_comes_once_from_the_officers_decision,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.126.0.1").await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.126.0.2").await;
        let registered = register(&mut company, &contract(&app, &[]), Some(PDF)).await;
        assert_eq!(registered.status, StatusCode::OK, "{}", registered.body);
        let id = registered.body.trim().to_owned();
        assert!(
            events(&app, "pkwt.registered").await.is_empty(),
            "filed, not registered"
        );
        officer.post(LoadPkwtQueue::PATH, &[]).await;
        let approve = [("contract_id", id.as_str()), ("decision", "approve")];
        let decided = officer.post(DecideContract::PATH, &approve).await;
        assert_eq!(decided.status, StatusCode::OK, "{}", decided.body);
        let number = parse(&decided.body).as_str().expect("number").to_owned();
        let again = officer.post(DecideContract::PATH, &approve).await;
        assert_eq!(again.status, StatusCode::CONFLICT, "decided once");
        assert_eq!(
            events(&app, "pkwt.registered").await,
            [(number.clone(), json!({"registration_number": number}))]
        );
    }
);

on_both_backends!(
    partner_api_vacancy_published_comes_once_from_either_path,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.126.1.1").await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.126.1.2").await;
        // An unverified company's vacancy waits for an officer: published (and announced) on approval.
        let (waiting, status) = post_vacancy(&mut company, "Operator Gudang", &[]).await;
        assert_eq!(status, "pending");
        assert!(events(&app, "vacancy.published").await.is_empty());
        let (refused, _) = post_vacancy(&mut company, "Staf Administrasi", &[]).await;
        let reject = [
            ("vacancy_id", refused.to_string()),
            ("decision", "reject".to_owned()),
            ("reason", "Lengkapi uraian pekerjaan.".to_owned()),
        ];
        let rejected = crate::common::post(&mut officer, DecideVacancy::PATH, &reject).await;
        assert_eq!(rejected.status, StatusCode::OK, "{}", rejected.body);
        let approve = [
            ("vacancy_id", waiting.to_string()),
            ("decision", "approve".to_owned()),
        ];
        let approved = crate::common::post(&mut officer, DecideVacancy::PATH, &approve).await;
        assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
        let twice = crate::common::post(&mut officer, DecideVacancy::PATH, &approve).await;
        assert_eq!(twice.status, StatusCode::CONFLICT);
        // A verified company's clean vacancy is published at once.
        verify_company(&app, f.company_a).await;
        let (direct, status) = post_vacancy(&mut company, "Operator Forklift", &[]).await;
        assert_eq!(status, "published");
        let thin = |id: i64| {
            (
                id.to_string(),
                json!({"vacancy_id": id, "url": format!("/lowongan/{id}")}),
            )
        };
        assert_eq!(
            events(&app, "vacancy.published").await,
            [thin(waiting), thin(direct)],
            "one event per publication, none for the rejected one"
        );
    }
);

/// The placement's id and vacancy of the latest placement row.
async fn last_placement(app: &TestApp) -> (i64, Option<i64>) {
    sqlx::query_as("SELECT id, vacancy_id FROM placements ORDER BY id DESC LIMIT 1")
        .fetch_one(&app.db().pool)
        .await
        .expect("placement")
}

fn placement_event(placement: (i64, Option<i64>)) -> (String, Value) {
    (
        placement.0.to_string(),
        json!({"placement_id": placement.0, "vacancy_id": placement.1}),
    )
}

on_both_backends!(
    partner_api_placement_reported_has_one_shape_on_both_paths,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        verify_company(&app, f.company_a).await;
        issue_card_for_seeker_a(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.126.2.1").await;
        let (vacancy, _) = post_vacancy(&mut company, "Operator Forklift", &[]).await;
        let vacancy_id = vacancy.to_string();

        // Path 1: a hire through the pipeline.
        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "10.126.2.2").await;
        let applied = seeker
            .post(ApplyToVacancy::PATH, &[("vacancy_id", &vacancy_id)])
            .await;
        assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
        let pipeline = company
            .post(LoadPipeline::PATH, &[("vacancy_id", &vacancy_id)])
            .await;
        let application = parse(&pipeline.body)["candidates"][0]["application_id"]
            .as_i64()
            .expect("application")
            .to_string();
        for step in ["screened", "interview", "hired"] {
            let moved = company
                .post(
                    MoveApplication::PATH,
                    &[("application_id", &application), ("to", step)],
                )
                .await;
            assert_eq!(moved.status, StatusCode::OK, "{step}: {}", moved.body);
        }
        let hire = last_placement(&app).await;
        assert_eq!(hire.1, Some(vacancy));
        assert_eq!(
            events(&app, "placement.reported").await,
            [placement_event(hire)]
        );

        // Path 2: a hire made elsewhere, reported by NIK (nobody registered, no vacancy).
        let today = dnaker::core::calendar::format_date(dnaker::core::calendar::wib_date(
            app.state.clock.now_ms(),
        ));
        let form = [
            ("form[nik]", "3603024703920002"),
            ("form[worker_name]", "Rina Wulandari"),
            ("form[position]", "Staf Gudang"),
            ("form[start_date]", today.as_str()),
            ("form[wage]", "5.400.000"),
            ("form[contract_type]", "contract"),
            ("form[vacancy_id]", ""),
        ];
        let reported = company.post(ReportPlacement::PATH, &form).await;
        assert_eq!(reported.status, StatusCode::OK, "{}", reported.body);
        let by_nik = last_placement(&app).await;
        assert_eq!(by_nik.1, None);
        assert_eq!(
            events(&app, "placement.reported").await,
            [placement_event(hire), placement_event(by_nik)],
            "one shape: subject and placement_id are the placement, vacancy_id may be null"
        );
        for (_, data) in events(&app, "placement.reported").await {
            assert_eq!(
                data.as_object().map(serde_json::Map::len),
                Some(2),
                "{data}"
            );
        }
    }
);

on_both_backends!(
    partner_api_test_event_is_delivered_and_signed,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let receiver = Receiver::start(&[]).await;
        let (id, secret) = endpoint_for(&app, &receiver.url, true, "ak1.issued").await;
        let mut client = admin(&app).await;
        ok_json(
            &mut client,
            SendWebhookTest::PATH,
            &[("endpoint_id", id.to_string())],
        )
        .await;
        // The button starts a pass at once; one more pass here finds the delivery taken or done.
        deliver_webhooks(&app.state).await.expect("pass");
        for _ in 0..50 {
            if receiver.count() > 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        let seen = receiver.seen.lock().expect("log").clone();
        assert_eq!(seen.len(), 1, "sent once");
        let (message, timestamp, signature, body) = &seen[0];
        let ts: i64 = timestamp.parse().expect("timestamp");
        assert!(webhooks::verify(&secret, message, ts, body, signature, ts));
        let payload: Value = serde_json::from_str(body).expect("body");
        assert_eq!(payload["type"], "test.ping");
        assert_eq!(payload["data"], json!({"endpoint": id}));
    }
);
