//! Training programmes through the real HTTP stack, on SQLite and PostgreSQL: the whole cycle (register,
//! selection, a reserve moving up on a withdrawal, attendance, result, certificate with its QR code and
//! verification page, the skill verified and raising a matching score with its reason, rating and the
//! follow-up), 100 simultaneous registrations for 16 places and 2 reserves, eligibility refused on both
//! sides, and the authorization matrix of every endpoint.
use axum::http::StatusCode;
use dnaker::{
    core::{
        calendar::{format_date, wib_date},
        role::Role,
    },
    features::{
        accounts::repo::{self, NewAccount, NewSeeker},
        ak1::api::SaveProfile,
        training::{
            api::{
                AddTrainingSession, AnswerTrainingFollowup, CancelTrainingProgramme,
                DecideTrainingSelection, LoadMyTraining, LoadProgramme, LoadProgrammeForm,
                LoadTrainingManage, MarkTrainingAttendance, RateTraining, RecordTrainingResult,
                RegisterForTraining, SaveProgramme, SearchProgrammes, VerifyTrainingCertificate,
                WithdrawTraining,
            },
            jobs::ask_followups,
        },
        vacancies::suggestions::score_for,
    },
};
use leptos::server_fn::ServerFn;

use crate::{
    ak1::{PROFILE, qr_codes_in},
    common::{
        Client, TestApp,
        matrix::{self, Actor, Case, Method, PASSWORD},
        ok_json, post,
    },
    vacancies::{post_vacancy, verify_company},
};

#[path = "training_gaps.rs"]
mod gaps;

fn day(app: &TestApp, offset: i64) -> String {
    format_date(wib_date(app.state.clock.now_ms()) + time::Duration::days(offset))
}

/// A programme whose registration is open from today; `extra` overrides fields (`form[...]` names).
fn programme_form(app: &TestApp, extra: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let mut form: Vec<(&'static str, String)> = vec![
        ("programme_id", "0".into()),
        ("form[title]", "Pengelasan SMAW Dasar".into()),
        (
            "form[description]",
            "Pelatihan pengelasan busur manual untuk pemula: teori, praktik dan K3 pengelasan."
                .into(),
        ),
        ("form[provider_kind]", "blk".into()),
        ("form[provider_name]", "BLK Kabupaten Tangerang".into()),
        ("form[kbji_code]", "72".into()),
        ("form[skills]", "Las listrik, K3 pengelasan".into()),
        (
            "form[skkni_units]",
            "C.24.10.1.001.01 Menerapkan K3 pengelasan".into(),
        ),
        ("form[format]", "in_person".into()),
        ("form[district_code]", "36.03.01".into()),
        ("form[starts_on]", day(app, 7)),
        ("form[ends_on]", day(app, 30)),
        ("form[hours]", "160".into()),
        ("form[quota]", "16".into()),
        ("form[reserves]", "2".into()),
        ("form[min_age]", "18".into()),
        ("form[max_age]", "45".into()),
        ("form[min_education]", String::new()),
        ("form[requires_ak1]", String::new()),
        ("form[eligible_district]", String::new()),
        ("form[cost_idr]", "0".into()),
        ("form[registration_opens_on]", day(app, 0)),
        ("form[registration_closes_on]", day(app, 5)),
        ("form[selection]", "none".into()),
        ("form[selection_on]", String::new()),
    ];
    for (key, value) in extra {
        if let Some(slot) = form.iter_mut().find(|(k, _)| k == key) {
            slot.1 = (*value).to_owned();
        }
    }
    form
}

async fn create(client: &mut Client<'_>, form: &[(&'static str, String)]) -> i64 {
    ok_json(client, SaveProgramme::PATH, form)
        .await
        .as_i64()
        .expect("programme id")
}

async fn register(client: &mut Client<'_>, programme: i64) -> String {
    ok_json(
        client,
        RegisterForTraining::PATH,
        &[("programme_id", programme.to_string())],
    )
    .await
    .as_str()
    .expect("status")
    .to_owned()
}

/// The registration id of a seeker on a programme.
async fn registration(app: &TestApp, programme: i64, account: i64) -> i64 {
    let (id,): (i64,) = sqlx::query_as(
        "SELECT id FROM training_registrations WHERE programme_id = $1 AND seeker_account_id = $2 \
         AND status <> 'withdrawn'",
    )
    .bind(programme)
    .bind(account)
    .fetch_one(&app.db().pool)
    .await
    .expect("registration");
    id
}

async fn status_of(app: &TestApp, id: i64) -> (String, Option<i64>) {
    sqlx::query_as("SELECT status, reserve_rank FROM training_registrations WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db().pool)
        .await
        .expect("status")
}

on_both_backends!(
    register_select_reserve_moves_up_attend_certificate_verified_skill_and_matching,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        verify_company(&app, f.company_a).await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.125.0.1").await;
        let mut a = matrix::signed_in(&app, Actor::SeekerA, "10.125.0.2").await;
        let mut b = matrix::signed_in(&app, Actor::SeekerB, "10.125.0.3").await;
        assert_eq!(
            a.post(SaveProfile::PATH, &PROFILE).await.status,
            StatusCode::OK
        );
        sqlx::query("INSERT INTO consents (account_id, purpose, granted, changed_at_ms) VALUES ($1, 'matching', 1, 1)")
            .bind(f.seeker_a)
            .execute(&app.db().pool)
            .await
            .expect("consent");

        // A bad form is refused field by field and writes nothing.
        let bad = post(
            &mut officer,
            SaveProgramme::PATH,
            &programme_form(&app, &[("form[quota]", "0"), ("form[skills]", "")]),
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
        assert!(bad.body.contains("quota") && bad.body.contains("skills"));
        assert_eq!(
            app.count("SELECT COUNT(*) FROM training_programmes").await,
            0
        );

        let form = programme_form(
            &app,
            &[
                ("form[quota]", "1"),
                ("form[reserves]", "1"),
                ("form[selection]", "test"),
                ("form[selection_on]", &day(&app, 6)),
            ],
        );
        let programme = create(&mut officer, &form).await;
        // Found in the catalogue by its filters.
        let found = ok_json(
            &mut b,
            SearchProgrammes::PATH,
            &[
                ("query[text]", "pengelasan".into()),
                ("query[district_code]", "36.03.01".into()),
                ("query[occupation]", "72".into()),
                ("query[page]", "1".into()),
            ],
        )
        .await;
        assert_eq!(found["total"], 1, "{found}");
        let none = ok_json(
            &mut b,
            SearchProgrammes::PATH,
            &[("query[occupation]", "83".into())],
        )
        .await;
        assert_eq!(none["total"], 0);

        // B takes the place, A the reserve.
        assert_eq!(register(&mut b, programme).await, "registered");
        assert_eq!(register(&mut a, programme).await, "reserve");
        let again = post(
            &mut a,
            RegisterForTraining::PATH,
            &[("programme_id", programme.to_string())],
        )
        .await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        assert!(again.body.contains("err_training_already_registered"));
        let reg_a = registration(&app, programme, f.seeker_a).await;
        let reg_b = registration(&app, programme, f.seeker_b).await;
        assert_eq!(status_of(&app, reg_a).await, ("reserve".into(), Some(1)));

        // The selection accepts B; B withdraws and A moves up to the selection.
        ok_json(
            &mut officer,
            DecideTrainingSelection::PATH,
            &[
                ("registration_id", reg_b.to_string()),
                ("decision", "accepted".into()),
            ],
        )
        .await;
        ok_json(
            &mut b,
            WithdrawTraining::PATH,
            &[("registration_id", reg_b.to_string())],
        )
        .await;
        assert_eq!(status_of(&app, reg_a).await, ("registered".into(), None));
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM notifications WHERE account_id = {} AND message_key = 'training_notice_promoted'",
                f.seeker_a
            ))
            .await,
            1
        );
        let (held, reserve_held): (i64, i64) =
            sqlx::query_as("SELECT held, reserve_held FROM training_programmes WHERE id = $1")
                .bind(programme)
                .fetch_one(&app.db().pool)
                .await
                .expect("counters");
        assert_eq!((held, reserve_held), (1, 0));
        ok_json(
            &mut officer,
            DecideTrainingSelection::PATH,
            &[
                ("registration_id", reg_a.to_string()),
                ("decision", "accepted".into()),
            ],
        )
        .await;

        // Attendance at a session.
        let session = ok_json(
            &mut officer,
            AddTrainingSession::PATH,
            &[
                ("programme_id", programme.to_string()),
                ("session_on", day(&app, 7)),
                ("topic", "K3 pengelasan".into()),
            ],
        )
        .await
        .as_i64()
        .expect("session");
        ok_json(
            &mut officer,
            MarkTrainingAttendance::PATH,
            &[
                ("session_id", session.to_string()),
                ("registration_id", reg_a.to_string()),
                ("present", "1".into()),
            ],
        )
        .await;
        let managed = ok_json(
            &mut officer,
            LoadTrainingManage::PATH,
            &[("programme_id", programme.to_string())],
        )
        .await;
        let participants = managed["opened"]["participants"]
            .as_array()
            .expect("participants")
            .clone();
        assert_eq!(participants.len(), 1, "{participants:?}");
        assert_eq!(participants[0]["attendance_share"], 100);

        // Before the result: one of the vacancy's two skills, typed.
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.125.0.4").await;
        let (vacancy, _) = post_vacancy(
            &mut company,
            "Juru Las Listrik",
            &[("form[skills]", "las listrik, K3 pengelasan")],
        )
        .await;
        let before = score_for(app.db(), f.seeker_a, vacancy)
            .await
            .expect("score")
            .expect("consented");
        assert_eq!(
            (before.parts[0].reason.as_str(), before.parts[0].points),
            ("match_skills", 17)
        );

        // The result issues the certificate at once.
        let code = ok_json(
            &mut officer,
            RecordTrainingResult::PATH,
            &[
                ("registration_id", reg_a.to_string()),
                ("result", "passed".into()),
            ],
        )
        .await
        .as_str()
        .expect("code")
        .to_owned();
        assert_eq!(code.len(), 10);
        let twice = post(
            &mut officer,
            RecordTrainingResult::PATH,
            &[
                ("registration_id", reg_a.to_string()),
                ("result", "completed".into()),
            ],
        )
        .await;
        assert_eq!(twice.status, StatusCode::CONFLICT);

        // The PDF's QR code opens the verification page, which anyone can read.
        let pdf = a
            .get(&format!("/akun/pelatihan/{reg_a}/sertifikat.pdf"))
            .await;
        assert_eq!(pdf.status, StatusCode::OK);
        let request = axum::http::Request::get(format!("/akun/pelatihan/{reg_a}/sertifikat.pdf"))
            .header("cookie", a.cookie.clone().expect("cookie"))
            .body(axum::body::Body::empty())
            .expect("request");
        let (_, _, bytes) = app.request_bytes(request).await;
        let codes = qr_codes_in(&bytes);
        assert!(
            codes
                .iter()
                .any(|c| c.ends_with(&format!("/verifikasi/pelatihan/{code}"))),
            "{codes:?}"
        );
        let other = b
            .get(&format!("/akun/pelatihan/{reg_a}/sertifikat.pdf"))
            .await;
        assert_eq!(other.status, StatusCode::NOT_FOUND);
        let mut anyone = Client::new(&app, "10.125.0.9");
        let check = ok_json(
            &mut anyone,
            VerifyTrainingCertificate::PATH,
            &[("code", code.clone())],
        )
        .await;
        assert_eq!(check["result"], "passed");
        assert_eq!(check["programme_title"], "Pengelasan SMAW Dasar");
        let page = anyone.get(&format!("/verifikasi/pelatihan/{code}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(&code) && page.body.contains("Pengelasan SMAW Dasar"));
        let unknown = post(
            &mut anyone,
            VerifyTrainingCertificate::PATH,
            &[("code", "XXXXXXXXXX".into())],
        )
        .await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);

        // The skills are verified in the wallet, on the profile's list matching reads, and raise the score.
        let mine = ok_json(&mut a, LoadMyTraining::PATH, &[]).await;
        let wallet: Vec<&str> = mine["wallet"]
            .as_array()
            .expect("wallet")
            .iter()
            .filter_map(|s| s["skill"].as_str())
            .collect();
        assert_eq!(wallet, vec!["Las listrik", "K3 pengelasan"]);
        let after = score_for(app.db(), f.seeker_a, vacancy)
            .await
            .expect("score")
            .expect("consented");
        assert_eq!(
            (after.parts[0].reason.as_str(), after.parts[0].points),
            ("training_match_verified_skills", 35)
        );
        assert!(after.score > before.score && after.missing_skills.is_empty());
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM seeker_certificates WHERE account_id = {} AND kind = 'training'",
                f.seeker_a
            ))
            .await,
            1
        );

        // Rating once; the follow-up at 3 months is asked once and answered.
        ok_json(
            &mut a,
            RateTraining::PATH,
            &[
                ("registration_id", reg_a.to_string()),
                ("rating", "5".into()),
                ("comment", "Instruktur sabar".into()),
            ],
        )
        .await;
        let again = post(
            &mut a,
            RateTraining::PATH,
            &[
                ("registration_id", reg_a.to_string()),
                ("rating", "1".into()),
            ],
        )
        .await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        app.state.clock.advance_ms(92 * 24 * 3600 * 1000);
        ask_followups(&app.state).await.expect("job");
        ask_followups(&app.state).await.expect("job again");
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM notifications WHERE message_key = 'training_notice_followup3'"
            )
            .await,
            1
        );
        let mut a = matrix::signed_in(&app, Actor::SeekerA, "10.125.0.5").await;
        ok_json(
            &mut a,
            AnswerTrainingFollowup::PATH,
            &[
                ("registration_id", reg_a.to_string()),
                ("months", "3".into()),
                ("working", "1".into()),
                ("employer", "PT Las Jaya".into()),
                ("occupation", "Juru las".into()),
            ],
        )
        .await;
        // Six months: a placement reported through the portal answers by itself and counts.
        sqlx::query(
            "INSERT INTO placements (company_id, seeker_account_id, worker_name, nik_ciphertext, nik_hash, position, \
             start_date, wage_idr, contract_type, reported_by, created_at_ms) \
             SELECT $1, $2, 'Siti', 'x', 'y', 'Juru las', '2027-01-01', 5000000, 'contract', $2, $3",
        )
        .bind(f.company_a)
        .bind(f.seeker_a)
        .bind(app.state.clock.now_ms())
        .execute(&app.db().pool)
        .await
        .expect("placement");
        app.state.clock.advance_ms(92 * 24 * 3600 * 1000);
        ask_followups(&app.state).await.expect("job");
        let mut visitor = Client::new(&app, "10.125.0.10");
        let public = ok_json(
            &mut visitor,
            LoadProgramme::PATH,
            &[("programme_id", programme.to_string())],
        )
        .await;
        assert_eq!(public["stats"]["completion_rate"], 100);
        assert_eq!(public["stats"]["placement_rate"], 100);
        assert_eq!(public["stats"]["rating_tenths"], 50);
        assert_eq!(public["stats"]["comments"][0], "Instruktur sabar");
        // The provider sees the same figures over all their programmes, and the comments on the one opened.
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.125.0.11").await;
        let managed = ok_json(
            &mut officer,
            LoadTrainingManage::PATH,
            &[("programme_id", programme.to_string())],
        )
        .await;
        assert_eq!(managed["totals"]["finished"], public["stats"]["finished"]);
        assert_eq!(managed["totals"]["rating_tenths"], 50);
        assert_eq!(managed["totals"]["placement_rate"], 100);
        assert_eq!(managed["totals"]["comments"], serde_json::json!([]));
        assert_eq!(
            managed["opened"]["stats"]["comments"],
            serde_json::json!(["Instruktur sabar"])
        );
    }
);

/// `n` seekers with identity records (eligibility reads the birth date), signed in: their cookies.
async fn many_seekers(app: &TestApp, n: usize) -> Vec<String> {
    let hash = repo::hash_password(PASSWORD.to_owned())
        .await
        .expect("hash");
    let mut cookies = Vec::with_capacity(n);
    for i in 0..n {
        let email = format!("peserta{i}@training.test");
        let id = repo::insert(
            &app.db().pool,
            &NewAccount {
                email: &email,
                full_name: "Peserta Uji",
                role: Role::Seeker,
                company_id: None,
                company_role: None,
                phone: None,
                password_hash: &hash,
                now_ms: 1,
            },
        )
        .await
        .expect("account");
        let nik = format!("3603011508{:06}", 950_100 + i);
        let ciphertext = app.state.pii.encrypt(&nik).expect("encrypt");
        repo::insert_seeker(
            &app.db().pool,
            &NewSeeker {
                account_id: id,
                nik_ciphertext: &ciphertext,
                nik_hash: &app.state.pii.blind_index(&nik),
                place_of_birth: "Tangerang",
                date_of_birth: "2000-08-15",
                sex: "male",
                now_ms: 1,
            },
        )
        .await
        .expect("seeker");
        let mut client = Client::new(app, &format!("10.126.{}.{}", i / 250, i % 250 + 1));
        let signed_in = client
            .post(
                dnaker::features::accounts::api::SignIn::PATH,
                &[("email", &email), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.body);
        cookies.push(client.cookie.expect("session cookie"));
    }
    cookies
}

on_both_backends!(
    a_hundred_simultaneous_registrations_fill_sixteen_places_and_two_reserves,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.127.0.1").await;
        let programme = create(&mut officer, &programme_form(&app, &[])).await;
        let cookies = many_seekers(&app, 100).await;
        let requests = cookies
            .iter()
            .map(|c| {
                (
                    c.clone(),
                    vec![("programme_id".to_owned(), programme.to_string())],
                )
            })
            .collect();
        let answers = app
            .post_all_at_once(RegisterForTraining::PATH, requests)
            .await;
        let count = |status: &str| {
            answers
                .iter()
                .filter(|r| r.status == StatusCode::OK && r.body.contains(status))
                .count()
        };
        let refused = answers
            .iter()
            .filter(|r| r.status == StatusCode::CONFLICT && r.body.contains("err_training_full"))
            .count();
        eprintln!(
            "100 at once: {} accepted, {} reserves, {} refused as full, {} other",
            count("accepted"),
            count("reserve"),
            refused,
            100 - count("accepted") - count("reserve") - refused
        );
        assert_eq!((count("accepted"), count("reserve"), refused), (16, 2, 82));
        assert!(answers.iter().all(|r| r.status.as_u16() < 500));
        let (held, reserve_held): (i64, i64) =
            sqlx::query_as("SELECT held, reserve_held FROM training_programmes WHERE id = $1")
                .bind(programme)
                .fetch_one(&app.db().pool)
                .await
                .expect("counters");
        assert_eq!((held, reserve_held), (16, 2));
        let ranks: Vec<(i64,)> = sqlx::query_as(
            "SELECT reserve_rank FROM training_registrations WHERE status = 'reserve' ORDER BY reserve_rank",
        )
        .fetch_all(&app.db().pool)
        .await
        .expect("ranks");
        assert_eq!(ranks, vec![(1,), (2,)]);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM training_registrations")
                .await,
            18
        );
    }
);

on_both_backends!(
    eligibility_is_checked_on_the_server_and_a_company_manages_only_its_own,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut unverified = matrix::signed_in(&app, Actor::CompanyAdminA, "10.128.0.9").await;
        // Only a company an officer verified offers training: it certifies people's skills.
        let refused = post(
            &mut unverified,
            SaveProgramme::PATH,
            &programme_form(&app, &[]),
        )
        .await;
        assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
        assert!(
            refused.body.contains("err_company_unverified"),
            "{}",
            refused.body
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM training_programmes").await,
            0
        );
        verify_company(&app, f.company_a).await;
        let mut a = matrix::signed_in(&app, Actor::SeekerA, "10.128.0.1").await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.128.0.2").await;
        let mut company_b = matrix::signed_in(&app, Actor::CompanyAdminB, "10.128.0.3").await;
        // Seeker A (born 1995) is too old for 18–25, and has no AK-1 card.
        let young = create(
            &mut company,
            &programme_form(&app, &[("form[max_age]", "25")]),
        )
        .await;
        let refused = post(
            &mut a,
            RegisterForTraining::PATH,
            &[("programme_id", young.to_string())],
        )
        .await;
        assert_eq!(refused.status, StatusCode::CONFLICT);
        assert!(
            refused.body.contains("err_training_age"),
            "{}",
            refused.body
        );
        let card = create(
            &mut company,
            &programme_form(&app, &[("form[requires_ak1]", "1")]),
        )
        .await;
        let refused = post(
            &mut a,
            RegisterForTraining::PATH,
            &[("programme_id", card.to_string())],
        )
        .await;
        assert!(
            refused.body.contains("err_training_needs_ak1"),
            "{}",
            refused.body
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM training_registrations")
                .await,
            0
        );
        // A company's programme carries its own name whatever the form says.
        let page = ok_json(
            &mut a,
            LoadProgramme::PATH,
            &[("programme_id", young.to_string())],
        )
        .await;
        assert_eq!(page["card"]["provider_kind"], "company");
        assert_eq!(page["card"]["provider_name"], "PT Uji A");
        // Company B neither sees nor edits A's programme.
        let form = post(
            &mut company_b,
            LoadProgrammeForm::PATH,
            &[("programme_id", young.to_string())],
        )
        .await;
        assert_eq!(form.status, StatusCode::NOT_FOUND);
        let mut edit = programme_form(&app, &[("form[title]", "Diambil alih")]);
        edit[0].1 = young.to_string();
        assert_eq!(
            post(&mut company_b, SaveProgramme::PATH, &edit)
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        ok_json(&mut company, SaveProgramme::PATH, &edit).await;
        let _ = f;
    }
);

/// Every training endpoint as every actor (run by `matrix_complete`).
pub(crate) async fn training_cases(app: &TestApp, f: &matrix::Fixture) -> Vec<Case> {
    let mut officer = matrix::signed_in(app, Actor::Officer, "10.129.0.1").await;
    let mut company = matrix::signed_in(app, Actor::CompanyAdminA, "10.129.0.2").await;
    let mut a = matrix::signed_in(app, Actor::SeekerA, "10.129.0.3").await;
    // Company A offers programmes (verified for that, and unverified again below, as the fixture has it).
    verify_company(app, f.company_a).await;
    let office = create(
        &mut officer,
        &programme_form(
            app,
            &[
                ("form[selection]", "interview"),
                ("form[selection_on]", &day(app, 6)),
            ],
        ),
    )
    .await;
    let own = create(
        &mut company,
        &programme_form(
            app,
            &[
                ("form[selection]", "test"),
                ("form[selection_on]", &day(app, 6)),
            ],
        ),
    )
    .await;
    // A finished registration of A on the office's programme, with a certificate and an asked follow-up.
    let done = create(&mut officer, &programme_form(app, &[])).await;
    register(&mut a, done).await;
    let reg_done = registration(app, done, f.seeker_a).await;
    let code = ok_json(
        &mut officer,
        RecordTrainingResult::PATH,
        &[
            ("registration_id", reg_done.to_string()),
            ("result", "completed".into()),
        ],
    )
    .await
    .as_str()
    .expect("code")
    .to_owned();
    sqlx::query("UPDATE training_registrations SET followup3_asked_at_ms = 1 WHERE id = $1")
        .bind(reg_done)
        .execute(&app.db().pool)
        .await
        .expect("asked");
    // Registrations waiting for the selection: one per programme, and one accepted for attendance/result.
    register(&mut a, office).await;
    let reg_office = registration(app, office, f.seeker_a).await;
    register(&mut a, own).await;
    let reg_own = registration(app, own, f.seeker_a).await;
    let accepted_programme = create(&mut officer, &programme_form(app, &[])).await;
    register(&mut a, accepted_programme).await;
    let reg_accepted = registration(app, accepted_programme, f.seeker_a).await;
    let session = ok_json(
        &mut officer,
        AddTrainingSession::PATH,
        &[
            ("programme_id", accepted_programme.to_string()),
            ("session_on", day(app, 7)),
            ("topic", "Pembukaan".into()),
        ],
    )
    .await
    .as_i64()
    .expect("session");
    // A withdrawable registration of A.
    let open = create(&mut officer, &programme_form(app, &[])).await;
    register(&mut a, open).await;
    let reg_open = registration(app, open, f.seeker_a).await;
    let register_on = create(&mut officer, &programme_form(app, &[])).await;
    let to_cancel = create(&mut officer, &programme_form(app, &[])).await;
    let own_to_cancel = create(&mut company, &programme_form(app, &[])).await;
    sqlx::query("UPDATE companies SET verified = 0 WHERE id = $1")
        .bind(f.company_a)
        .execute(&app.db().pool)
        .await
        .expect("unverified again");
    let mut edit = programme_form(app, &[("form[title]", "Pengelasan SMAW Lanjutan")]);
    edit[0].1 = own.to_string();
    let mut office_edit = programme_form(app, &[("form[title]", "Pengelasan SMAW Lanjutan")]);
    office_edit[0].1 = office.to_string();
    let company_or_staff: Vec<Actor> = matrix::COMPANY_MEMBERS
        .iter()
        .chain(matrix::STAFF.iter())
        .copied()
        .collect();
    vec![
        Case::public(
            "the catalogue",
            Method::Post,
            SearchProgrammes::PATH,
            &[("query[text]", "las".into())],
        ),
        Case::public(
            "a programme's page",
            Method::Post,
            LoadProgramme::PATH,
            &[("programme_id", office.to_string())],
        ),
        Case::public(
            "a certificate's check",
            Method::Post,
            VerifyTrainingCertificate::PATH,
            &[("code", code)],
        ),
        Case::post(
            "register",
            RegisterForTraining::PATH,
            &[("programme_id", register_on.to_string())],
            &matrix::SEEKERS,
        ),
        Case::post(
            "withdraw",
            WithdrawTraining::PATH,
            &[("registration_id", reg_open.to_string())],
            &[Actor::SeekerA],
        ),
        Case::post("my training", LoadMyTraining::PATH, &[], &matrix::SEEKERS),
        Case::post(
            "answer the follow-up",
            AnswerTrainingFollowup::PATH,
            &[
                ("registration_id", reg_done.to_string()),
                ("months", "3".into()),
                ("working", "0".into()),
            ],
            &[Actor::SeekerA],
        ),
        Case::post(
            "rate",
            RateTraining::PATH,
            &[
                ("registration_id", reg_done.to_string()),
                ("rating", "4".into()),
            ],
            &[Actor::SeekerA],
        ),
        Case::get(
            "the certificate PDF",
            &format!("/akun/pelatihan/{reg_done}/sertifikat.pdf"),
            &[Actor::SeekerA],
        ),
        Case::post(
            "the provider's page",
            LoadTrainingManage::PATH,
            &[("programme_id", "0".into())],
            &company_or_staff,
        ),
        Case::post(
            "an office programme opened",
            LoadTrainingManage::PATH,
            &[("programme_id", office.to_string())],
            &matrix::STAFF,
        ),
        Case::post(
            "an office programme's form",
            LoadProgrammeForm::PATH,
            &[("programme_id", office.to_string())],
            &matrix::STAFF,
        ),
        Case::post(
            "a new programme",
            SaveProgramme::PATH,
            &programme_form(app, &[]),
            &company_or_staff,
        ),
        Case::post(
            "edit the company's programme",
            SaveProgramme::PATH,
            &edit,
            &[Actor::CompanyAdminA, Actor::CompanyStaffA],
        ),
        Case::post(
            "edit an office programme",
            SaveProgramme::PATH,
            &office_edit,
            &matrix::STAFF,
        ),
        Case::post(
            "select on an office programme",
            DecideTrainingSelection::PATH,
            &[
                ("registration_id", reg_office.to_string()),
                ("decision", "accepted".into()),
            ],
            &matrix::STAFF,
        ),
        Case::post(
            "select on the company's programme",
            DecideTrainingSelection::PATH,
            &[
                ("registration_id", reg_own.to_string()),
                ("decision", "accepted".into()),
            ],
            &[Actor::CompanyAdminA, Actor::CompanyStaffA],
        ),
        Case::post(
            "cancel an office programme",
            CancelTrainingProgramme::PATH,
            &[("programme_id", to_cancel.to_string())],
            &matrix::STAFF,
        ),
        Case::post(
            "cancel the company's programme",
            CancelTrainingProgramme::PATH,
            &[("programme_id", own_to_cancel.to_string())],
            &[Actor::CompanyAdminA, Actor::CompanyStaffA],
        ),
        Case::post(
            "add a session",
            AddTrainingSession::PATH,
            &[
                ("programme_id", accepted_programme.to_string()),
                ("session_on", day(app, 8)),
                ("topic", "Praktik".into()),
            ],
            &matrix::STAFF,
        ),
        Case::post(
            "mark attendance",
            MarkTrainingAttendance::PATH,
            &[
                ("session_id", session.to_string()),
                ("registration_id", reg_accepted.to_string()),
                ("present", "1".into()),
            ],
            &matrix::STAFF,
        ),
        Case::post(
            "record a result",
            RecordTrainingResult::PATH,
            &[
                ("registration_id", reg_accepted.to_string()),
                ("result", "completed".into()),
            ],
            &matrix::STAFF,
        ),
    ]
}
