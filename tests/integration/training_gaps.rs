//! Training, the audit's gaps (issue 25): verified skills reach matching whatever the order of the
//! result and the profile, the "reserve" selection outcome with reserves moving up in rank order, the
//! placement rate over those asked at 6 months, the follow-up ignoring unconfirmed placements, and a
//! programme's cancel and finish.
use axum::http::StatusCode;
use dnaker::features::{
    accounts::api::SignIn,
    ak1::api::{LoadProfileEntries, RemoveProfileEntry, SaveProfile},
    training::{
        api::{
            AnswerTrainingFollowup, CancelTrainingProgramme, DecideTrainingSelection,
            LoadProgramme, RecordTrainingResult, RegisterForTraining, SearchProgrammes,
            WithdrawTraining,
        },
        jobs::{ask_followups, finish_ended},
    },
    vacancies::{api::LoadSuggestions, suggestions::score_for},
};
use leptos::server_fn::ServerFn;

use super::{create, programme_form, register, registration, status_of};
use crate::{
    ak1::PROFILE,
    common::{
        Client, TestApp,
        matrix::{self, Actor},
        ok_json, post,
    },
    vacancies::{post_vacancy, verify_company},
};

async fn consent_to_matching(app: &TestApp, account: i64) {
    sqlx::query(
        "INSERT INTO consents (account_id, purpose, granted, changed_at_ms) VALUES ($1, 'matching', 1, 1)",
    )
    .bind(account)
    .execute(&app.db().pool)
    .await
    .expect("consent");
}

on_both_backends!(
    a_result_before_any_profile_still_reaches_matching_as_verified,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        verify_company(&app, f.company_a).await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.131.0.1").await;
        let mut a = matrix::signed_in(&app, Actor::SeekerA, "10.131.0.2").await;
        // No selection: registering is accepting. The seeker has no profile row yet.
        let programme = create(&mut officer, &programme_form(&app, &[])).await;
        assert_eq!(register(&mut a, programme).await, "accepted");
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM seeker_profiles WHERE account_id = {}",
                f.seeker_a
            ))
            .await,
            0
        );
        let reg_a = registration(&app, programme, f.seeker_a).await;
        ok_json(
            &mut officer,
            RecordTrainingResult::PATH,
            &[
                ("registration_id", reg_a.to_string()),
                ("result", "passed".into()),
            ],
        )
        .await;
        // The profile comes after the result, with none of the programme's skills typed.
        let profile: Vec<(&str, &str)> = PROFILE
            .iter()
            .map(|&(k, v)| {
                if k == "form[skills]" {
                    (k, "forklift")
                } else {
                    (k, v)
                }
            })
            .collect();
        assert_eq!(
            a.post(SaveProfile::PATH, &profile).await.status,
            StatusCode::OK
        );
        consent_to_matching(&app, f.seeker_a).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.131.0.3").await;
        let (vacancy, _) = post_vacancy(
            &mut company,
            "Juru Las Listrik",
            &[("form[skills]", "las listrik, K3 pengelasan")],
        )
        .await;
        let score = score_for(app.db(), f.seeker_a, vacancy)
            .await
            .expect("score")
            .expect("consented");
        assert_eq!(
            (score.parts[0].reason.as_str(), score.parts[0].points),
            ("training_match_verified_skills", 35)
        );
        // Saving the profile again keeps them.
        assert_eq!(
            a.post(SaveProfile::PATH, &profile).await.status,
            StatusCode::OK
        );
        let (verified,): (String,) =
            sqlx::query_as("SELECT verified_skills FROM seeker_profiles WHERE account_id = $1")
                .bind(f.seeker_a)
                .fetch_one(&app.db().pool)
                .await
                .expect("profile");
        assert_eq!(verified, "Las listrik, K3 pengelasan");
        // A second programme with the same skill in another case adds only the new one to the wallet.
        let second = create(
            &mut officer,
            &programme_form(
                &app,
                &[("form[skills]", "las listrik, Membaca gambar teknik")],
            ),
        )
        .await;
        assert_eq!(register(&mut a, second).await, "accepted");
        let reg_second = registration(&app, second, f.seeker_a).await;
        result(&mut officer, reg_second).await;
        let (verified,): (String,) =
            sqlx::query_as("SELECT verified_skills FROM seeker_profiles WHERE account_id = $1")
                .bind(f.seeker_a)
                .fetch_one(&app.db().pool)
                .await
                .expect("profile");
        assert_eq!(
            verified,
            "Las listrik, K3 pengelasan, Membaca gambar teknik"
        );

        // Suggested to a vacancy in another district by the verified skills alone (typed: "forklift"),
        // and shown as verified.
        sqlx::query(
            "INSERT INTO consents (account_id, purpose, granted, changed_at_ms) VALUES ($1, 'discoverable', 1, 1)",
        )
        .bind(f.seeker_a)
        .execute(&app.db().pool)
        .await
        .expect("consent");
        let (elsewhere, _) = post_vacancy(
            &mut company,
            "Juru Las Pipa",
            &[
                ("form[skills]", "las listrik, K3 pengelasan"),
                ("form[district_code]", "36.03.18"),
            ],
        )
        .await;
        let suggested = ok_json(
            &mut company,
            LoadSuggestions::PATH,
            &[("vacancy_id", elsewhere.to_string())],
        )
        .await;
        let list = suggested.as_array().expect("list");
        assert_eq!(list.len(), 1, "{suggested}");
        assert_eq!(list[0]["skills"], serde_json::json!(["forklift"]));
        assert_eq!(
            list[0]["verified_skills"],
            serde_json::json!(["Las listrik", "K3 pengelasan", "Membaca gambar teknik"])
        );

        // The AK-1 profile marks both training entries as verified, and the seeker cannot remove them.
        let entries = ok_json(&mut a, LoadProfileEntries::PATH, &[]).await;
        let certificates = entries["certificates"]
            .as_array()
            .expect("certificates")
            .clone();
        assert_eq!(certificates.len(), 2, "{entries}");
        assert!(
            certificates
                .iter()
                .all(|c| c["kind"] == "training" && c["training_registration_id"].is_i64()),
            "{entries}"
        );
        let entry = certificates[0]["id"].as_i64().expect("id");
        let refused = post(
            &mut a,
            RemoveProfileEntry::PATH,
            &[
                ("list", "certificates".into()),
                ("entry_id", entry.to_string()),
            ],
        )
        .await;
        assert_eq!(refused.status, StatusCode::CONFLICT);
        assert!(
            refused.body.contains("err_training_verified_entry"),
            "{}",
            refused.body
        );
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM seeker_certificates WHERE account_id = {}",
                f.seeker_a
            ))
            .await,
            2
        );
    }
);

/// Four signed-in seekers (identity records, no profile) and their account ids.
async fn four_seekers(app: &TestApp) -> Vec<(Client<'_>, i64)> {
    let cookies = super::many_seekers(app, 4).await;
    let mut out = Vec::new();
    for (i, cookie) in cookies.into_iter().enumerate() {
        let (id,): (i64,) = sqlx::query_as("SELECT id FROM accounts WHERE email = $1")
            .bind(format!("peserta{i}@training.test"))
            .fetch_one(&app.db().pool)
            .await
            .expect("account");
        let mut client = Client::new(app, &format!("10.132.0.{}", i + 1));
        client.cookie = Some(cookie);
        out.push((client, id));
    }
    out
}

async fn counters(app: &TestApp, programme: i64) -> (i64, i64) {
    sqlx::query_as("SELECT held, reserve_held FROM training_programmes WHERE id = $1")
        .bind(programme)
        .fetch_one(&app.db().pool)
        .await
        .expect("counters")
}

async fn decide(
    officer: &mut Client<'_>,
    registration: i64,
    decision: &str,
) -> (StatusCode, String) {
    let answer = post(
        officer,
        DecideTrainingSelection::PATH,
        &[
            ("registration_id", registration.to_string()),
            ("decision", decision.into()),
        ],
    )
    .await;
    (answer.status, answer.body)
}

on_both_backends!(
    the_selection_puts_on_reserve_and_two_reserves_move_up_in_order,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.132.1.1").await;
        let form = programme_form(
            &app,
            &[
                ("form[quota]", "3"),
                ("form[reserves]", "2"),
                ("form[selection]", "test"),
                ("form[selection_on]", &crate::training::day(&app, 6)),
            ],
        );
        let programme = create(&mut officer, &form).await;
        let mut seekers = four_seekers(&app).await;
        let mut statuses = Vec::new();
        for (client, _) in seekers.iter_mut() {
            statuses.push(register(client, programme).await);
        }
        assert_eq!(
            statuses,
            ["registered", "registered", "registered", "reserve"]
        );
        let regs: Vec<i64> = {
            let mut regs = Vec::new();
            for (_, id) in &seekers {
                regs.push(registration(&app, programme, *id).await);
            }
            regs
        };
        // The selection puts the third on the reserve list: after the one already waiting (rank 2).
        assert_eq!(
            decide(&mut officer, regs[2], "reserve").await.0,
            StatusCode::OK
        );
        assert_eq!(status_of(&app, regs[2]).await, ("reserve".into(), Some(2)));
        assert_eq!(status_of(&app, regs[3]).await, ("reserve".into(), Some(1)));
        assert_eq!(counters(&app, programme).await, (2, 2));
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM notifications WHERE account_id = {} AND message_key = 'training_notice_reserve'",
                seekers[2].1
            ))
            .await,
            1
        );
        // No reserve is left for another.
        let (status, body) = decide(&mut officer, regs[1], "reserve").await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert!(body.contains("err_training_no_reserve_left"), "{body}");
        assert_eq!(status_of(&app, regs[1]).await, ("registered".into(), None));
        // Not accepted: the place goes to rank 1, then rank 2 waits first.
        assert_eq!(
            decide(&mut officer, regs[0], "not_accepted").await.0,
            StatusCode::OK
        );
        assert_eq!(status_of(&app, regs[3]).await, ("registered".into(), None));
        assert_eq!(status_of(&app, regs[2]).await, ("reserve".into(), Some(2)));
        assert_eq!(counters(&app, programme).await, (2, 1));
        // A place is free: the remaining reserve is accepted directly.
        assert_eq!(
            decide(&mut officer, regs[2], "accepted").await.0,
            StatusCode::OK
        );
        assert_eq!(status_of(&app, regs[2]).await, ("accepted".into(), None));
        assert_eq!(counters(&app, programme).await, (3, 0));
        // A second decision on the same person is a conflict.
        assert_eq!(
            decide(&mut officer, regs[2], "reserve").await.0,
            StatusCode::CONFLICT
        );
    }
);

on_both_backends!(
    a_reserve_is_accepted_directly_only_while_a_place_is_free,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.133.1.1").await;
        let form = programme_form(
            &app,
            &[
                ("form[quota]", "1"),
                ("form[reserves]", "2"),
                ("form[selection]", "test"),
                ("form[selection_on]", &crate::training::day(&app, 6)),
            ],
        );
        let programme = create(&mut officer, &form).await;
        let mut seekers = four_seekers(&app).await;
        for (client, _) in seekers.iter_mut().take(3) {
            register(client, programme).await;
        }
        let first = registration(&app, programme, seekers[0].1).await;
        let second = registration(&app, programme, seekers[1].1).await;
        let third = registration(&app, programme, seekers[2].1).await;
        let (status, body) = decide(&mut officer, third, "accepted").await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert!(body.contains("err_training_no_place_free"), "{body}");
        assert_eq!(status_of(&app, third).await, ("reserve".into(), Some(2)));
        // The one holding the place withdraws: rank 1 moves up before rank 2.
        ok_json(
            &mut seekers[0].0,
            WithdrawTraining::PATH,
            &[("registration_id", first.to_string())],
        )
        .await;
        assert_eq!(status_of(&app, second).await, ("registered".into(), None));
        assert_eq!(status_of(&app, third).await, ("reserve".into(), Some(2)));
        assert_eq!(counters(&app, programme).await, (1, 1));
    }
);

async fn result(officer: &mut Client<'_>, registration: i64) {
    ok_json(
        officer,
        RecordTrainingResult::PATH,
        &[
            ("registration_id", registration.to_string()),
            ("result", "completed".into()),
        ],
    )
    .await;
}

/// A seeker of `four_seekers` signed in again (a session does not last months).
async fn sign_in<'a>(app: &'a TestApp, email: &str, ip: &str) -> Client<'a> {
    let mut client = Client::new(app, ip);
    let answer = client
        .post(
            SignIn::PATH,
            &[("email", email), ("password", matrix::PASSWORD)],
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    client
}

const DAY_MS: i64 = 24 * 3600 * 1000;

on_both_backends!(
    the_placement_rate_counts_those_asked_at_six_months_and_a_pending_placement_answers_nothing,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.134.1.1").await;
        let programme = create(&mut officer, &programme_form(&app, &[])).await;
        let mut seekers = four_seekers(&app).await;
        for (client, _) in seekers.iter_mut().take(2) {
            assert_eq!(register(client, programme).await, "accepted");
        }
        let early = registration(&app, programme, seekers[0].1).await;
        let late = registration(&app, programme, seekers[1].1).await;
        result(&mut officer, early).await;
        // A company reports the first person by NIK; they have not confirmed it.
        sqlx::query(
            "INSERT INTO placements (company_id, seeker_account_id, worker_name, nik_ciphertext, nik_hash, position, \
             start_date, wage_idr, contract_type, reported_by, created_at_ms, confirmation) \
             SELECT $1, $2, 'Peserta', 'x', 'y', 'Juru las', '2027-01-01', 5000000, 'contract', $2, $3, 'pending'",
        )
        .bind(f.company_a)
        .bind(seekers[0].1)
        .bind(app.state.clock.now_ms() + 1)
        .execute(&app.db().pool)
        .await
        .expect("placement");
        app.state.clock.advance_ms(100 * DAY_MS);
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.134.1.2").await;
        result(&mut officer, late).await;
        app.state.clock.advance_ms(90 * DAY_MS);
        ask_followups(&app.state).await.expect("job");
        // The unconfirmed placement did not answer: the person is asked at 3 and at 6 months.
        let (asked6, working6): (Option<i64>, Option<i64>) = sqlx::query_as(
            "SELECT followup6_asked_at_ms, followup6_working FROM training_registrations WHERE id = $1",
        )
        .bind(early)
        .fetch_one(&app.db().pool)
        .await
        .expect("follow-up");
        assert!(asked6.is_some());
        assert_eq!(working6, None);
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM notifications WHERE account_id = {} AND message_key IN \
                 ('training_notice_followup3', 'training_notice_followup6')",
                seekers[0].1
            ))
            .await,
            2
        );
        let mut first = sign_in(&app, "peserta0@training.test", "10.134.1.3").await;
        ok_json(
            &mut first,
            AnswerTrainingFollowup::PATH,
            &[
                ("registration_id", early.to_string()),
                ("months", "6".into()),
                ("working", "1".into()),
                ("employer", "PT Las Jaya".into()),
                ("occupation", "Juru las".into()),
            ],
        )
        .await;
        // Two finished; only the first was asked at six months, and works: 100 %, not 50 %.
        let mut visitor = Client::new(&app, "10.134.1.4");
        let public = ok_json(
            &mut visitor,
            LoadProgramme::PATH,
            &[("programme_id", programme.to_string())],
        )
        .await;
        assert_eq!(public["stats"]["finished"], 2);
        assert_eq!(public["stats"]["placement_rate"], 100);
    }
);

on_both_backends!(
    a_cancelled_programme_tells_its_registrants_and_an_ended_one_is_finished_and_not_first,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.135.1.1").await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminB, "10.135.1.2").await;
        let mut a = matrix::signed_in(&app, Actor::SeekerA, "10.135.1.3").await;
        let mut b = matrix::signed_in(&app, Actor::SeekerB, "10.135.1.4").await;
        let ended = create(&mut officer, &programme_form(&app, &[])).await;
        let coming = create(&mut officer, &programme_form(&app, &[])).await;
        let cancelled = create(&mut officer, &programme_form(&app, &[])).await;
        // The first ran last month and is still 'published': it must not head the catalogue.
        sqlx::query(
            "UPDATE training_programmes SET starts_on = $1, ends_on = $2, registration_opens_on = $3, \
             registration_closes_on = $3 WHERE id = $4",
        )
        .bind(crate::training::day(&app, -40))
        .bind(crate::training::day(&app, -10))
        .bind(crate::training::day(&app, -50))
        .bind(ended)
        .execute(&app.db().pool)
        .await
        .expect("ended");
        let ids = |catalogue: serde_json::Value| -> Vec<i64> {
            catalogue["items"]
                .as_array()
                .expect("items")
                .iter()
                .filter_map(|i| i["id"].as_i64())
                .collect()
        };
        let before = ok_json(&mut a, SearchProgrammes::PATH, &[]).await;
        assert_eq!(ids(before), vec![coming, cancelled, ended]);

        assert_eq!(register(&mut a, cancelled).await, "accepted");
        assert_eq!(register(&mut b, cancelled).await, "accepted");
        // Another company neither sees nor cancels it.
        let other = post(
            &mut company,
            CancelTrainingProgramme::PATH,
            &[("programme_id", cancelled.to_string())],
        )
        .await;
        assert_eq!(other.status, StatusCode::NOT_FOUND);
        ok_json(
            &mut officer,
            CancelTrainingProgramme::PATH,
            &[("programme_id", cancelled.to_string())],
        )
        .await;
        let again = post(
            &mut officer,
            CancelTrainingProgramme::PATH,
            &[("programme_id", cancelled.to_string())],
        )
        .await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        for seeker in [f.seeker_a, f.seeker_b] {
            assert_eq!(
                app.count(&format!(
                    "SELECT COUNT(*) FROM notifications WHERE account_id = {seeker} \
                     AND message_key = 'training_notice_cancelled'"
                ))
                .await,
                1
            );
        }
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM training_registrations WHERE programme_id = {cancelled} \
                 AND status <> 'withdrawn'"
            ))
            .await,
            0
        );
        assert_eq!(counters(&app, cancelled).await, (0, 0));
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'training.cancel' AND subject_id = '{cancelled}'"
            ))
            .await,
            1
        );
        let late = post(
            &mut a,
            RegisterForTraining::PATH,
            &[("programme_id", cancelled.to_string())],
        )
        .await;
        assert_eq!(late.status, StatusCode::CONFLICT);

        // The daily job finishes the ended programme, once; the cancelled one leaves the catalogue.
        assert_eq!(finish_ended(&app.state).await.expect("job"), "1 finished");
        assert_eq!(finish_ended(&app.state).await.expect("job"), "0 finished");
        let (status,): (String,) =
            sqlx::query_as("SELECT status FROM training_programmes WHERE id = $1")
                .bind(ended)
                .fetch_one(&app.db().pool)
                .await
                .expect("status");
        assert_eq!(status, "finished");
        let after = ok_json(&mut a, SearchProgrammes::PATH, &[]).await;
        assert_eq!(ids(after), vec![coming, ended]);
    }
);
