//! Placements reported by NIK (issue 20, defect 2): only a verified company may report one, and a
//! registered seeker's AK-1 closes only when they (or an officer) confirm it.
use axum::http::StatusCode;
use dnaker::features::vacancies::api::{
    AnswerPlacement, LoadMyPlacements, LoadPlacementConfirmations, ReportPlacement,
};
use leptos::server_fn::ServerFn;

use crate::{
    ak1::{issue_card_for_seeker_a, json},
    common::{
        Client, TestApp,
        matrix::{self, Actor, Case, Fixture},
    },
    vacancies::{post_vacancy, verify_company},
};

const NIK_A: &str = "3603015508950001";

fn today_plus(days: i64) -> String {
    let today = dnaker::core::calendar::wib_date(dnaker::server::db::now_ms());
    dnaker::core::calendar::format_date(today + time::Duration::days(days))
}

/// Reports a placement by NIK starting `start`, optionally against a vacancy; returns the response.
async fn report(
    client: &mut Client<'_>,
    nik: &str,
    start: &str,
    vacancy: Option<i64>,
) -> crate::common::Response {
    let vacancy = vacancy.map(|v| v.to_string()).unwrap_or_default();
    let form = [
        ("form[nik]", nik),
        ("form[worker_name]", "Siti Rahayu"),
        ("form[position]", "Operator Forklift"),
        ("form[start_date]", start),
        ("form[wage]", "5.400.000"),
        ("form[contract_type]", "contract"),
        ("form[vacancy_id]", vacancy.as_str()),
    ];
    client.post(ReportPlacement::PATH, &form).await
}

async fn card_status(app: &TestApp, seeker: i64) -> String {
    let (status,): (String,) = sqlx::query_as(
        "SELECT status FROM ak1_applications WHERE account_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(seeker)
    .fetch_one(&app.db().pool)
    .await
    .expect("card");
    status
}

async fn answer(client: &mut Client<'_>, id: i64, answer: &str) -> StatusCode {
    let id = id.to_string();
    client
        .post(
            AnswerPlacement::PATH,
            &[("placement_id", id.as_str()), ("answer", answer)],
        )
        .await
        .status
}

on_both_backends!(
    nik_placements_need_a_verified_company_and_the_seekers_confirmation,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        issue_card_for_seeker_a(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.20.0.1").await;
        // Unverified: refused, nothing recorded, the card untouched.
        let refused = report(&mut company, NIK_A, &today_plus(0), None).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
        assert_eq!(app.count("SELECT COUNT(*) FROM placements").await, 0);

        verify_company(&app, f.company_a).await;
        let placed = report(&mut company, NIK_A, &today_plus(0), None).await;
        assert_eq!(placed.status, StatusCode::OK, "{}", placed.body);
        let first = json(&placed.body).as_i64().expect("id");
        assert_eq!(
            card_status(&app, f.seeker_a).await,
            "issued",
            "a report alone closes nothing"
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM placements WHERE confirmation = 'pending'")
                .await,
            1,
            "recorded, waiting for the seeker"
        );
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM notifications WHERE account_id = {} AND message_key = 'notice_placement_confirm'",
                f.seeker_a
            ))
            .await,
            1
        );

        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "10.20.0.2").await;
        let mine = json(&seeker.post(LoadMyPlacements::PATH, &[]).await.body);
        assert_eq!(mine[0]["id"].as_i64(), Some(first));
        assert_eq!(mine[0]["company_name"], "PT Uji A");

        // Nobody else answers for the seeker: another seeker, the company itself.
        let mut other = matrix::signed_in(&app, Actor::SeekerB, "10.20.0.3").await;
        assert_eq!(
            json(&other.post(LoadMyPlacements::PATH, &[]).await.body),
            serde_json::json!([])
        );
        assert_eq!(
            answer(&mut other, first, "confirm").await,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            answer(&mut company, first, "confirm").await,
            StatusCode::FORBIDDEN
        );
        assert_eq!(card_status(&app, f.seeker_a).await, "issued");

        // "This was not me": the card stays open; the answer is final.
        assert_eq!(answer(&mut seeker, first, "reject").await, StatusCode::OK);
        assert_eq!(card_status(&app, f.seeker_a).await, "issued");
        assert_eq!(
            answer(&mut seeker, first, "confirm").await,
            StatusCode::CONFLICT
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM placements WHERE confirmation = 'rejected'")
                .await,
            1
        );

        // A second report, confirmed: now the card closes, and the answer is audited.
        let again = report(&mut company, NIK_A, &today_plus(1), None).await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.body);
        let second = json(&again.body).as_i64().expect("id");
        assert_eq!(answer(&mut seeker, second, "confirm").await, StatusCode::OK);
        assert_eq!(card_status(&app, f.seeker_a).await, "closed");
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_log WHERE action IN ('placement.confirm', 'placement.reject')").await,
            2
        );

        // A verified company cannot report against another company's vacancy.
        let (vacancy, _) = post_vacancy(&mut company, "Operator Forklift", &[]).await;
        verify_company(&app, f.company_b).await;
        let mut company_b = matrix::signed_in(&app, Actor::CompanyAdminB, "10.20.0.4").await;
        let foreign = report(
            &mut company_b,
            "3603011508950002",
            &today_plus(0),
            Some(vacancy),
        )
        .await;
        assert_eq!(
            foreign.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            foreign.body
        );
        assert!(foreign.body.contains("vacancy_id"), "{}", foreign.body);
    }
);

on_both_backends!(
    officers_confirm_placements_for_the_seeker_with_audit,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        issue_card_for_seeker_a(&app).await;
        verify_company(&app, f.company_a).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.20.1.1").await;
        let placed = report(&mut company, NIK_A, &today_plus(0), None).await;
        let id = json(&placed.body).as_i64().expect("id");
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.20.1.2").await;
        let waiting = json(
            &officer
                .post(LoadPlacementConfirmations::PATH, &[])
                .await
                .body,
        );
        assert_eq!(waiting[0]["id"].as_i64(), Some(id));
        assert_eq!(waiting[0]["worker_name"], "Siti Rahayu");
        assert_eq!(answer(&mut officer, id, "confirm").await, StatusCode::OK);
        assert_eq!(card_status(&app, f.seeker_a).await, "closed");
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'placement.confirm' AND actor_role = 'officer' \
                 AND subject_account_id = {}",
                f.seeker_a
            ))
            .await,
            1
        );
        // The seeker sees who confirmed on their behalf.
        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "10.20.1.3").await;
        let access = seeker
            .post(dnaker::features::accounts::api::LoadMyDataAccess::PATH, &[])
            .await;
        assert!(access.body.contains("placement.confirm"), "{}", access.body);
    }
);

/// The matrix rows of the confirmation (run by `matrix_complete.rs`): seeker A's waiting placement, answered
/// by seeker A or staff only (another seeker gets 404, a company 403).
pub(crate) async fn placement_cases(app: &TestApp, f: &Fixture) -> Vec<Case> {
    verify_company(app, f.company_a).await;
    let mut company = matrix::signed_in(app, Actor::CompanyAdminA, "10.20.2.1").await;
    let placed = report(&mut company, NIK_A, &today_plus(0), None).await;
    assert_eq!(placed.status, StatusCode::OK, "{}", placed.body);
    let id = json(&placed.body).as_i64().expect("id").to_string();
    vec![
        Case::post(
            "my placements",
            LoadMyPlacements::PATH,
            &[],
            &matrix::SEEKERS,
        ),
        Case::post(
            "placements awaiting confirmation",
            LoadPlacementConfirmations::PATH,
            &[],
            &matrix::STAFF,
        ),
        Case::post(
            "answer a placement",
            AnswerPlacement::PATH,
            &[("placement_id", id), ("answer", "reject".to_owned())],
            &[Actor::SeekerA, Actor::Officer, Actor::Admin],
        ),
    ]
}

on_both_backends!(
    a_disowned_placement_reopens_the_vacancy_it_filled,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        issue_card_for_seeker_a(&app).await;
        verify_company(&app, f.company_a).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.20.2.1").await;
        // Headcount 1: the report fills it.
        let (vacancy, _) = post_vacancy(&mut company, "Operator Forklift", &[]).await;
        let placed = report(&mut company, NIK_A, &today_plus(0), Some(vacancy)).await;
        assert_eq!(placed.status, StatusCode::OK, "{}", placed.body);
        let id = json(&placed.body).as_i64().expect("id");
        let status = |app: &TestApp| {
            let sql = format!("SELECT status, closed_reason FROM vacancies WHERE id = {vacancy}");
            let pool = app.db().pool.clone();
            async move {
                sqlx::query_as::<_, (String, Option<String>)>(&sql)
                    .fetch_one(&pool)
                    .await
                    .expect("vacancy")
            }
        };
        assert_eq!(
            status(&app).await,
            ("closed".to_owned(), Some("filled".to_owned()))
        );
        // "This was not me": the vacancy is open again.
        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "10.20.2.2").await;
        assert_eq!(answer(&mut seeker, id, "reject").await, StatusCode::OK);
        assert_eq!(status(&app).await, ("published".to_owned(), None));
    }
);
