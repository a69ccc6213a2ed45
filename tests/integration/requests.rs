//! Requests and permits and the IKM survey through the real HTTP stack, on SQLite and PostgreSQL: each
//! shipped type from its filing to its decision, a correction round, the issued PDF and its public
//! verification, the survey and the IKM report, deemed approval issued once by two instances at once, an
//! admin's new type filed by a company, and who may see what (a company only its own requests, a worker only
//! the PHK reports about them).
use axum::http::StatusCode;
use dnaker::features::{
    requests::{
        api::{
            CorrectRequest, DecideRequest, FileRequest, LoadCompanyRequests, LoadMyPhk,
            LoadOfficerRequests, LoadRequestTypes, LoadUnionNotices, ObjectPhk, SaveRequestType,
            TrackRequest, VerifyRequest, WithdrawRequest,
        },
        jobs,
    },
    survey::api::{AnswerSurvey, LoadIkmPublic, LoadIkmReport, LoadSurvey},
};
use leptos::server_fn::ServerFn;

use crate::{
    common::{
        Client, Response, TestApp,
        matrix::{self, Actor, Case},
        ok_json, post,
    },
    requests_review::{file_strike, strike_fields},
    tka::{PDF, day},
};

const MS_PER_DAY: i64 = 86_400_000;

pub(crate) async fn type_id(app: &TestApp, key: &str) -> String {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM request_types WHERE type_key = $1")
        .bind(key)
        .fetch_one(&app.db().pool)
        .await
        .expect("type");
    id.to_string()
}

/// Files a request of `key` with `fields` (`f_` added) and documents (`d_` added).
pub(crate) async fn file(
    client: &mut Client<'_>,
    app: &TestApp,
    key: &str,
    fields: &[(&str, String)],
    docs: &[(&str, &[u8])],
) -> Response {
    let id = type_id(app, key).await;
    let names: Vec<(String, String)> = fields
        .iter()
        .map(|(k, v)| (format!("f_{k}"), v.clone()))
        .collect();
    let mut form: Vec<(&str, &str)> = vec![("type_id", id.as_str())];
    form.extend(names.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let doc_names: Vec<String> = docs.iter().map(|(k, _)| format!("d_{k}")).collect();
    let files: Vec<(&str, &str, &[u8])> = doc_names
        .iter()
        .zip(docs)
        .map(|(name, (_, bytes))| (name.as_str(), "berkas.pdf", *bytes))
        .collect();
    client
        .post_multipart(FileRequest::PATH, &form, &files)
        .await
}

pub(crate) async fn filed(
    client: &mut Client<'_>,
    app: &TestApp,
    key: &str,
    fields: &[(&str, String)],
    docs: &[(&str, &[u8])],
) -> (String, i64) {
    let response = file(client, app, key, fields, docs).await;
    assert_eq!(response.status, StatusCode::OK, "{key}: {}", response.body);
    let code: String = serde_json::from_str(&response.body).expect("code");
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM requests WHERE code = $1")
        .bind(&code)
        .fetch_one(&app.db().pool)
        .await
        .expect("request");
    (code, id)
}

pub(crate) async fn status(app: &TestApp, id: i64) -> String {
    let (status,): (String,) = sqlx::query_as("SELECT status FROM requests WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db().pool)
        .await
        .expect("status");
    status
}

pub(crate) async fn decide(
    officer: &mut Client<'_>,
    id: i64,
    decision: &str,
    reason: &str,
) -> Response {
    post(
        officer,
        DecideRequest::PATH,
        &[
            ("request_id", id.to_string()),
            ("decision", decision.into()),
            ("reason", reason.into()),
        ],
    )
    .await
}

pub(crate) fn pp_fields() -> Vec<(&'static str, String)> {
    vec![
        ("workers", "120".into()),
        ("renewal", "tidak".into()),
        ("representatives", "Wakil pekerja: Budi, Sari".into()),
    ]
}

pub(crate) fn pp_docs() -> Vec<(&'static str, &'static [u8])> {
    vec![("pp_text", PDF), ("consultation", PDF)]
}

on_both_backends!(
    pp_approval_with_a_correction_pdf_verification_and_survey,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.90.0.1").await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.90.0.2").await;

        // A missing document and a document that is not a PDF/image are refused; nothing is written.
        let missing = file(
            &mut company,
            &app,
            "pp_approval",
            &pp_fields(),
            &[("pp_text", PDF)],
        )
        .await;
        assert_eq!(
            missing.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            missing.body
        );
        assert!(missing.body.contains("d_consultation"));
        let not_pdf = file(
            &mut company,
            &app,
            "pp_approval",
            &pp_fields(),
            &[("pp_text", b"MZ\x90\x00 not a pdf"), ("consultation", PDF)],
        )
        .await;
        assert_eq!(not_pdf.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(app.count("SELECT COUNT(*) FROM requests").await, 0);
        assert_eq!(app.count("SELECT COUNT(*) FROM request_documents").await, 0);

        let (code, id) = filed(&mut company, &app, "pp_approval", &pp_fields(), &pp_docs()).await;
        assert_eq!(status(&app, id).await, "submitted");
        assert_eq!(app.count("SELECT COUNT(*) FROM request_documents").await, 2);
        let queue = ok_json(&mut officer, LoadOfficerRequests::PATH, &[]).await;
        assert_eq!(queue["queue"][0]["code"], code.as_str());
        assert!(queue["queue"][0]["due_at_ms"].as_i64().is_some());

        // The officer asks for a correction (a reason is required), the company corrects, the clock restarts.
        assert_eq!(
            decide(&mut officer, id, "revise", "").await.status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            decide(
                &mut officer,
                id,
                "revise",
                "Lampirkan daftar hadir wakil pekerja"
            )
            .await
            .status,
            StatusCode::OK
        );
        assert_eq!(status(&app, id).await, "correction_requested");
        let rid = id.to_string();
        let corrected = company
            .post_multipart(
                CorrectRequest::PATH,
                &[
                    ("request_id", rid.as_str()),
                    ("f_workers", "121"),
                    ("f_renewal", "tidak"),
                    ("f_representatives", "Wakil pekerja: Budi, Sari, Tono"),
                ],
                &[("d_consultation", "hadir.pdf", PDF)],
            )
            .await;
        assert_eq!(corrected.status, StatusCode::OK, "{}", corrected.body);
        assert_eq!(status(&app, id).await, "submitted");
        assert_eq!(app.count("SELECT COUNT(*) FROM request_documents").await, 3);

        // Taken into review once: a repeat is a conflict and leaves one trail entry (review F17).
        assert_eq!(
            decide(&mut officer, id, "review", "").await.status,
            StatusCode::OK
        );
        assert_eq!(
            decide(&mut officer, id, "review", "").await.status,
            StatusCode::CONFLICT
        );
        assert_eq!(status(&app, id).await, "in_review");

        // Approved once: a second decision is a conflict.
        assert_eq!(
            decide(&mut officer, id, "approve", "").await.status,
            StatusCode::OK
        );
        assert_eq!(
            decide(&mut officer, id, "approve", "").await.status,
            StatusCode::CONFLICT
        );
        assert_eq!(status(&app, id).await, "approved");
        let mine = ok_json(&mut company, LoadCompanyRequests::PATH, &[]).await;
        let request = &mine["requests"][0];
        let number = request["number"].as_str().expect("number").to_owned();
        assert!(number.starts_with("PP/"), "{number}");
        assert!(request["valid_until"].as_str().is_some());
        let trail: Vec<&str> = request["trail"]
            .as_array()
            .expect("trail")
            .iter()
            .filter_map(|e| e["to_status"].as_str())
            .collect();
        assert_eq!(
            trail,
            // One "in_review" although the officer took it into review twice.
            [
                "submitted",
                "correction_requested",
                "submitted",
                "in_review",
                "approved"
            ]
        );
        assert!(app.count("SELECT COUNT(*) FROM notifications").await >= 4);

        // The PDF, for its company only; its QR page, for anyone.
        let pdf = company.get(&format!("/layanan/{id}/dokumen.pdf")).await;
        assert_eq!(pdf.status, StatusCode::OK);
        let mut company_b = matrix::signed_in(&app, Actor::CompanyAdminB, "10.90.0.3").await;
        assert_eq!(
            company_b
                .get(&format!("/layanan/{id}/dokumen.pdf"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let (verification,): (String,) =
            sqlx::query_as("SELECT verification_code FROM requests WHERE id = $1")
                .bind(id)
                .fetch_one(&app.db().pool)
                .await
                .expect("code");
        let mut anyone = Client::new(&app, "10.90.0.4");
        let verified = ok_json(&mut anyone, VerifyRequest::PATH, &[("code", verification)]).await;
        assert_eq!(verified["number"], number.as_str());
        assert_eq!(
            post(&mut anyone, VerifyRequest::PATH, &[("code", "nope".into())])
                .await
                .status,
            StatusCode::NOT_FOUND
        );

        // The survey: once, then the IKM report counts it.
        let survey = request["survey_code"].as_str().expect("survey").to_owned();
        let invite = ok_json(&mut anyone, LoadSurvey::PATH, &[("code", survey.clone())]).await;
        assert_eq!(invite["service_key"], "request:pp_approval");
        let mut answer: Vec<(&str, String)> = vec![("code", survey.clone())];
        let names = [
            "form[q1]", "form[q2]", "form[q3]", "form[q4]", "form[q5]", "form[q6]", "form[q7]",
            "form[q8]", "form[q9]",
        ];
        answer.extend(names.iter().map(|n| (*n, "4".to_owned())));
        assert_eq!(
            post(&mut anyone, AnswerSurvey::PATH, &answer[..9])
                .await
                .status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            post(&mut anyone, AnswerSurvey::PATH, &answer).await.status,
            StatusCode::OK
        );
        assert_eq!(
            post(&mut anyone, AnswerSurvey::PATH, &answer).await.status,
            StatusCode::CONFLICT
        );
        let report = ok_json(&mut officer, LoadIkmReport::PATH, &[("year", "0".into())]).await;
        assert_eq!(report["overall"]["answers"], 1);
        assert_eq!(report["overall"]["converted_hundredths"], 10_000);
        assert_eq!(report["monthly"][0]["service_key"], "request:pp_approval");
        let public = ok_json(&mut anyone, LoadIkmPublic::PATH, &[("year", "0".into())]).await;
        assert_eq!(public["yearly"][0]["ikm"]["answers"], 1);
        assert_eq!(public["monthly"].as_array().map(Vec::len), Some(0));
    }
);

on_both_backends!(
    every_shipped_notice_and_report_reaches_its_decision,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.91.0.1").await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.91.0.2").await;
        let when = |d: i64| day(&app, d);

        // PKB: registered by the officer with a number.
        let (_, pkb) = filed(
            &mut company,
            &app,
            "pkb",
            &[
                ("union_name", "SPSI PT Uji A".into()),
                ("union_registration", "568/SP/2019".into()),
                ("term_start", when(0)),
                ("term_end", when(700)),
            ],
            &[("pkb_text", PDF)],
        )
        .await;
        assert_eq!(
            decide(&mut officer, pkb, "approve", "").await.status,
            StatusCode::OK
        );
        assert_eq!(status(&app, pkb).await, "registered");

        // Strike: the union's, filed by a worker against the employer (company A by its NIB): too soon is
        // refused; in time, a receipt at once and a mediation case opened.
        let mut union = matrix::signed_in(&app, Actor::SeekerA, "10.91.0.5").await;
        assert_eq!(
            file_strike(
                &mut union,
                &app,
                "1000000000001",
                &strike_fields(&app, when(2))
            )
            .await
            .status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        let strike = file_strike(
            &mut union,
            &app,
            "1000000000001",
            &strike_fields(&app, when(20)),
        )
        .await;
        assert_eq!(strike.status, StatusCode::OK, "{}", strike.body);
        let strike_code: String = serde_json::from_str(&strike.body).expect("code");
        let (strike_id,): (i64,) = sqlx::query_as("SELECT id FROM requests WHERE code = $1")
            .bind(&strike_code)
            .fetch_one(&app.db().pool)
            .await
            .expect("strike");
        assert_eq!(status(&app, strike_id).await, "registered");
        assert!(
            app.count("SELECT COUNT(*) FROM requests WHERE number LIKE 'MOGOK/%'")
                .await
                == 1
        );
        assert!(
            app.count("SELECT COUNT(*) FROM request_events WHERE reason LIKE 'mediasi %'")
                .await
                == 1
        );

        // Lock-out: refused for essential services, a receipt otherwise.
        let lockout = |sector: &str| {
            vec![
                ("sector", sector.to_owned()),
                ("start_date", when(20)),
                ("start_time", "07:00".into()),
                ("end_date", when(22)),
                ("end_time", "17:00".into()),
                ("reasons", "Perundingan gagal".into()),
            ]
        };
        let essential = file(&mut company, &app, "lockout", &lockout("listrik"), &[]).await;
        assert_eq!(essential.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            essential.body.contains("requests_err_essential"),
            "{}",
            essential.body
        );
        let (_, lockout_id) = filed(&mut company, &app, "lockout", &lockout("umum"), &[]).await;
        assert_eq!(status(&app, lockout_id).await, "registered");

        // Overtime beyond the limits is warned, not refused; mass leave gets its receipt.
        let (_, overtime) = filed(
            &mut company,
            &app,
            "overtime",
            &[
                ("start_date", when(3)),
                ("end_date", when(10)),
                ("workers", "40".into()),
                ("hours_per_day", "5".into()),
                ("hours_per_week", "20".into()),
                ("reasons", "Pesanan akhir tahun".into()),
            ],
            &[],
        )
        .await;
        let warnings = app.count(&format!("SELECT COUNT(*) FROM requests WHERE id = {overtime} AND warnings_json LIKE '%overtime_week%'")).await;
        assert_eq!(warnings, 1);
        // Warned, not refused: the receipt is issued at once.
        assert_eq!(status(&app, overtime).await, "registered");
        let (_, leave) = filed(
            &mut company,
            &app,
            "mass_leave",
            &[
                ("start_date", when(20)),
                ("end_date", when(22)),
                ("workers", "300".into()),
                ("reasons", "Cuti bersama".into()),
            ],
            &[],
        )
        .await;
        assert_eq!(status(&app, leave).await, "registered");

        // Foreign-worker permit tracking: recorded, then its stages.
        let (_, tka) = filed(
            &mut company,
            &app,
            "tka_permit",
            &[
                ("application_kind", "rptka_baru".into()),
                ("application_number", "RPTKA-2026-0001".into()),
                ("position", "Production Manager".into()),
                ("stage", "diajukan".into()),
            ],
            &[],
        )
        .await;
        let stage_notices = "SELECT COUNT(*) FROM notifications n JOIN accounts a ON a.id = n.account_id \
             WHERE a.email = 'admin-a@matrix.test' AND n.message_key = 'requests_notice_registered'";
        let before = app.count(stage_notices).await;
        ok_json(
            &mut company,
            TrackRequest::PATH,
            &[
                ("request_id", tka.to_string()),
                ("stage", "disetujui".into()),
                ("note", "Disetujui Kemnaker".into()),
            ],
        )
        .await;
        // Each stage change is a notice to the filer.
        assert_eq!(app.count(stage_notices).await, before + 1);
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM request_events WHERE request_id = {tka}"
            ))
            .await,
            3
        );

        // PHK: 14 working days; the worker (seeker A, by NIK) sees it and objects once; seeker B sees nothing.
        let phk = |end: String, probation: &str| {
            vec![
                ("worker_nik", "3603015508950001".to_owned()),
                ("worker_name", "Siti Aminah".into()),
                ("notice_date", when(0)),
                ("end_date", end),
                ("probation", probation.into()),
                ("reasons", "Efisiensi".into()),
            ]
        };
        assert_eq!(
            file(
                &mut company,
                &app,
                "phk",
                &phk(when(5), "tidak"),
                &[("notice", PDF)]
            )
            .await
            .status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        let (_, phk_id) = filed(
            &mut company,
            &app,
            "phk",
            &phk(when(30), "tidak"),
            &[("notice", PDF)],
        )
        .await;
        assert_eq!(
            app.count("SELECT COUNT(*) FROM requests WHERE data_json LIKE '%3603015508950001%'")
                .await,
            0
        );
        let mut worker = matrix::signed_in(&app, Actor::SeekerA, "10.91.0.3").await;
        let reports = ok_json(&mut worker, LoadMyPhk::PATH, &[]).await;
        assert_eq!(reports.as_array().map(Vec::len), Some(1));
        assert_eq!(reports[0]["can_object"], true);
        let mut other = matrix::signed_in(&app, Actor::SeekerB, "10.91.0.4").await;
        assert_eq!(
            ok_json(&mut other, LoadMyPhk::PATH, &[])
                .await
                .as_array()
                .map(Vec::len),
            Some(0)
        );
        let objection = [
            ("request_id", phk_id.to_string()),
            (
                "objection",
                "Saya tidak pernah menerima surat peringatan.".into(),
            ),
        ];
        assert_eq!(
            post(&mut other, ObjectPhk::PATH, &objection).await.status,
            StatusCode::NOT_FOUND
        );
        ok_json(&mut worker, ObjectPhk::PATH, &objection).await;
        assert_eq!(
            post(&mut worker, ObjectPhk::PATH, &objection).await.status,
            StatusCode::CONFLICT
        );
        // An objected report is not registered (PP 35/2021 Ps 39): the officer is told why.
        let objected = decide(&mut officer, phk_id, "approve", "").await;
        assert_eq!(objected.status, StatusCode::CONFLICT);
        assert!(
            objected.body.contains("requests_err_phk_objected"),
            "{}",
            objected.body
        );
        assert_eq!(status(&app, phk_id).await, "submitted");

        // A refusal finishes a request too (and invites the survey); a decided request cannot be withdrawn.
        let (_, refused) = filed(&mut company, &app, "pp_approval", &pp_fields(), &pp_docs()).await;
        assert_eq!(
            decide(
                &mut officer,
                refused,
                "reject",
                "Naskah tidak ditandatangani"
            )
            .await
            .status,
            StatusCode::OK
        );
        assert_eq!(status(&app, refused).await, "refused");
        assert_eq!(
            post(
                &mut company,
                WithdrawRequest::PATH,
                &[("request_id", refused.to_string())]
            )
            .await
            .status,
            StatusCode::CONFLICT
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM requests WHERE survey_code IS NULL AND status IN ('registered', 'approved', 'refused')").await, 0);
    }
);

on_both_backends!(
    phk_is_registered_only_after_the_objection_window,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.93.0.1").await;
        let fields = vec![
            ("worker_nik", "3603015508950001".to_owned()),
            ("worker_name", "Siti Aminah".into()),
            ("notice_date", day(&app, 0)),
            ("end_date", day(&app, 30)),
            ("probation", "tidak".into()),
            ("reasons", "Efisiensi".into()),
        ];
        let (_, id) = filed(&mut company, &app, "phk", &fields, &[("notice", PDF)]).await;
        // Day 3: the worker's 7 working days still run; the officer may not register.
        app.state.clock.advance_ms(3 * MS_PER_DAY);
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.93.0.5").await;
        let early = decide(&mut officer, id, "approve", "").await;
        assert_eq!(early.status, StatusCode::CONFLICT);
        assert!(
            early.body.contains("requests_err_objection_window_open"),
            "{}",
            early.body
        );
        assert_eq!(status(&app, id).await, "submitted");
        // Day 20: the window is over: no objection any more, the report is registered.
        app.state.clock.advance_ms(17 * MS_PER_DAY);
        let mut worker = matrix::signed_in(&app, Actor::SeekerA, "10.93.0.3").await;
        let reports = ok_json(&mut worker, LoadMyPhk::PATH, &[]).await;
        assert_eq!(reports[0]["can_object"], false);
        let late = post(
            &mut worker,
            ObjectPhk::PATH,
            &[
                ("request_id", id.to_string()),
                ("objection", "Saya keberatan atas PHK ini.".into()),
            ],
        )
        .await;
        assert_eq!(late.status, StatusCode::CONFLICT);
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.93.0.4").await;
        assert_eq!(
            decide(&mut officer, id, "approve", "").await.status,
            StatusCode::OK
        );
        assert_eq!(status(&app, id).await, "registered");
    }
);

on_both_backends!(
    no_refusal_after_the_decision_period,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.94.0.1").await;
        let (_, id) = filed(&mut company, &app, "pp_approval", &pp_fields(), &pp_docs()).await;
        // Past working day 30 (at most 50 calendar days), before the daily job ran.
        app.state.clock.advance_ms(60 * MS_PER_DAY);
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.94.0.2").await;
        for decision in ["reject", "revise"] {
            let late = decide(&mut officer, id, decision, "Naskah belum lengkap").await;
            assert_eq!(late.status, StatusCode::CONFLICT, "{decision}");
            assert!(late.body.contains("requests_err_deemed"), "{}", late.body);
        }
        assert_eq!(status(&app, id).await, "submitted");
        jobs::run(&app.state).await.expect("job");
        assert_eq!(status(&app, id).await, "deemed_approved");
    }
);

on_both_backends!(
    deemed_approval_is_issued_once_by_two_instances,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.92.0.1").await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.92.0.2").await;
        let (_, silent) = filed(&mut company, &app, "pp_approval", &pp_fields(), &pp_docs()).await;
        let (_, sent_back) =
            filed(&mut company, &app, "pp_approval", &pp_fields(), &pp_docs()).await;
        assert_eq!(
            decide(&mut officer, sent_back, "revise", "Lengkapi tanda tangan")
                .await
                .status,
            StatusCode::OK
        );
        // Nothing happens before the last day.
        jobs::run(&app.state).await.expect("job");
        assert_eq!(status(&app, silent).await, "submitted");

        // 30 working days are at most 50 calendar days here: both clocks have run out.
        let second = app.second_instance();
        app.state.clock.advance_ms(60 * MS_PER_DAY);
        second.clock.advance_ms(60 * MS_PER_DAY);
        let (a, b) = tokio::join!(jobs::run(&app.state), jobs::run(&second));
        let (a, b) = (a.expect("instance a"), b.expect("instance b"));
        assert_eq!(status(&app, silent).await, "deemed_approved", "{a} / {b}");
        assert_eq!(status(&app, sent_back).await, "refused");
        assert_eq!(app.count(&format!("SELECT COUNT(*) FROM request_events WHERE request_id = {silent} AND to_status = 'deemed_approved'")).await, 1);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM requests WHERE number IS NOT NULL")
                .await,
            1
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM survey_invitations").await,
            2
        );
        // Sessions expired with the clock: sign in again.
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.92.0.3").await;
        let pdf = company.get(&format!("/layanan/{silent}/dokumen.pdf")).await;
        assert_eq!(pdf.status, StatusCode::OK);
        // The whole statement prints (wrapped, not clipped) and the letterhead names the legal basis.
        assert!(pdf.body.contains("Ps 112"), "statement cut on the PDF");
        assert!(pdf.body.contains("Permenaker 28/2014"));
        assert!(!pdf.body.contains("Ps 108-1..."));
        // Exactly one notice of the deemed approval, though two instances ran.
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM notifications WHERE message_key = 'requests_notice_deemed'"
            )
            .await,
            1
        );
        // The job again changes nothing.
        jobs::run(&app.state).await.expect("again");
        assert_eq!(
            app.count("SELECT COUNT(*) FROM request_events WHERE to_status = 'deemed_approved'")
                .await,
            1
        );
    }
);

fn new_type(key: &str) -> Vec<(&'static str, String)> {
    vec![
        ("type_id", "0".into()),
        ("form[key]", key.into()),
        ("form[name_id]", "Pengesahan jadwal kerja shift".into()),
        ("form[name_en]", "Shift schedule approval".into()),
        ("form[legal_basis]", "Perbup Tangerang 1/2026".into()),
        ("form[decider]", "officer".into()),
        ("form[decision_working_days]", "5".into()),
        ("form[correction_working_days]", "14".into()),
        ("form[issued_status]", "approved".into()),
        ("form[document_title]", "PERSETUJUAN JADWAL SHIFT".into()),
        ("form[validity_months]", "12".into()),
        ("form[active]", "on".into()),
        ("form[fields]", "shifts | number | wajib | Jumlah shift | Shifts\nnote | long_text | opsional | Catatan | Note".into()),
        ("form[documents]", "schedule | wajib | Jadwal shift | Shift schedule".into()),
    ]
}

on_both_backends!(
    an_admin_adds_a_type_and_a_company_files_it,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut admin = matrix::signed_in(&app, Actor::Admin, "10.93.0.1").await;
        let bad = post(&mut admin, SaveRequestType::PATH, &new_type("Bad Key")).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        ok_json(&mut admin, SaveRequestType::PATH, &new_type("jadwal_shift")).await;
        assert_eq!(
            post(&mut admin, SaveRequestType::PATH, &new_type("jadwal_shift"))
                .await
                .status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        let types = ok_json(&mut admin, LoadRequestTypes::PATH, &[]).await;
        // The 9 shipped types (the PKB extension since the issue 23 audit) and the new one.
        assert_eq!(types.as_array().map(Vec::len), Some(10));

        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.93.0.2").await;
        let (_, id) = filed(
            &mut company,
            &app,
            "jadwal_shift",
            &[("shifts", "3".into())],
            &[("schedule", PDF)],
        )
        .await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.93.0.3").await;
        assert_eq!(
            decide(&mut officer, id, "approve", "").await.status,
            StatusCode::OK
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM requests WHERE number LIKE 'LYN/%'")
                .await,
            1
        );
        // Its survey answered, the IKM report names the new type by its own name, not its key.
        let (survey,): (String,) = sqlx::query_as("SELECT survey_code FROM requests WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db().pool)
            .await
            .expect("survey");
        let mut answer: Vec<(&str, String)> = vec![("code", survey)];
        answer.extend(
            [
                "form[q1]", "form[q2]", "form[q3]", "form[q4]", "form[q5]", "form[q6]", "form[q7]",
                "form[q8]", "form[q9]",
            ]
            .map(|n| (n, "4".to_owned())),
        );
        let mut respondent = Client::new(&app, "10.93.0.6");
        assert_eq!(
            post(&mut respondent, AnswerSurvey::PATH, &answer)
                .await
                .status,
            StatusCode::OK
        );
        let report = ok_json(&mut officer, LoadIkmReport::PATH, &[("year", "0".into())]).await;
        let row = report["yearly"]
            .as_array()
            .expect("yearly")
            .iter()
            .find(|r| r["service_key"] == "request:jadwal_shift")
            .cloned()
            .expect("the new type's row");
        assert_eq!(row["name"][0], "Pengesahan jadwal kerja shift");
        assert_eq!(row["name"][1], "Shift schedule approval");

        // Company B sees none of A's requests; A's staff member sees them.
        let mut company_b = matrix::signed_in(&app, Actor::CompanyAdminB, "10.93.0.4").await;
        assert_eq!(
            ok_json(&mut company_b, LoadCompanyRequests::PATH, &[]).await["requests"]
                .as_array()
                .map(Vec::len),
            Some(0)
        );
        assert_eq!(
            post(
                &mut company_b,
                WithdrawRequest::PATH,
                &[("request_id", id.to_string())]
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );
        let mut staff = matrix::signed_in(&app, Actor::CompanyStaffA, "10.93.0.5").await;
        assert_eq!(
            ok_json(&mut staff, LoadCompanyRequests::PATH, &[]).await["requests"]
                .as_array()
                .map(Vec::len),
            Some(1)
        );
    }
);

/// The authorization matrix of requests and the survey.
pub(crate) async fn requests_cases(app: &TestApp, _f: &matrix::Fixture) -> Vec<Case> {
    let mut company = matrix::signed_in(app, Actor::CompanyAdminA, "10.94.0.1").await;
    let (_, id) = filed(&mut company, app, "pp_approval", &pp_fields(), &pp_docs()).await;
    let (_, receipt) = filed(
        &mut company,
        app,
        "mass_leave",
        &[
            ("start_date", day(app, 20)),
            ("end_date", day(app, 22)),
            ("workers", "300".into()),
            ("reasons", "Cuti bersama".into()),
        ],
        &[],
    )
    .await;
    let (_, tracked) = filed(
        &mut company,
        app,
        "tka_permit",
        &[
            ("application_kind", "notifikasi".into()),
            ("application_number", "N-1".into()),
            ("position", "Engineer".into()),
            ("stage", "diajukan".into()),
        ],
        &[],
    )
    .await;
    let (doc,): (i64,) = sqlx::query_as(
        "SELECT id FROM request_documents WHERE request_id = $1 ORDER BY id LIMIT 1",
    )
    .bind(id)
    .fetch_one(&app.db().pool)
    .await
    .expect("document");
    let (verification, survey): (String, String) =
        sqlx::query_as("SELECT verification_code, survey_code FROM requests WHERE id = $1")
            .bind(receipt)
            .fetch_one(&app.db().pool)
            .await
            .expect("receipt");
    let owners = [
        Actor::CompanyAdminA,
        Actor::CompanyStaffA,
        Actor::Officer,
        Actor::Admin,
    ];
    let company_a = [Actor::CompanyAdminA, Actor::CompanyStaffA];
    let filers = [
        Actor::CompanyAdminA,
        Actor::CompanyStaffA,
        Actor::CompanyAdminB,
        Actor::Officer,
        Actor::Admin,
    ];
    let pp_type = type_id(app, "pp_approval").await;
    let mut answer: Vec<(&str, String)> = vec![("code", survey.clone())];
    answer.extend(
        [
            "form[q1]", "form[q2]", "form[q3]", "form[q4]", "form[q5]", "form[q6]", "form[q7]",
            "form[q8]", "form[q9]",
        ]
        .map(|n| (n, "3".to_owned())),
    );
    vec![
        Case::get(
            "the issued document",
            &format!("/layanan/{receipt}/dokumen.pdf"),
            &owners,
        ),
        Case::get(
            "an uploaded document",
            &format!("/layanan/{id}/berkas/{doc}"),
            &owners,
        ),
        Case::post(
            "the company's requests",
            LoadCompanyRequests::PATH,
            &[],
            &matrix::COMPANY_MEMBERS,
        ),
        // Company B gets a validation error for its own (incomplete) filing: it passed the access check.
        // Staff pass it too: an officer files for a walk-in company at the counter (a missing NIB is a
        // validation error).
        Case::multipart(
            "file a request",
            FileRequest::PATH,
            &[("type_id", pp_type.clone())],
            &[],
            &filers,
        ),
        Case::multipart(
            "file a request at the counter, for company A by its NIB",
            FileRequest::PATH,
            &[
                ("type_id", pp_type),
                ("company_nib", "1000000000001".into()),
            ],
            &[],
            &filers,
        ),
        Case::multipart(
            "correct a request",
            CorrectRequest::PATH,
            &[("request_id", id.to_string())],
            &[],
            &company_a,
        ),
        Case::post(
            "withdraw a request",
            WithdrawRequest::PATH,
            &[("request_id", id.to_string())],
            &company_a,
        ),
        Case::post(
            "a permit's stage",
            TrackRequest::PATH,
            &[
                ("request_id", tracked.to_string()),
                ("stage", "verifikasi".into()),
            ],
            &company_a,
        ),
        Case::post(
            "the officers' queue",
            LoadOfficerRequests::PATH,
            &[],
            &matrix::STAFF,
        ),
        Case::post(
            "decide a request",
            DecideRequest::PATH,
            &[
                ("request_id", receipt.to_string()),
                ("decision", "approve".into()),
            ],
            &matrix::STAFF,
        ),
        Case::post("request types", LoadRequestTypes::PATH, &[], &matrix::ADMIN),
        Case::post(
            "save a request type",
            SaveRequestType::PATH,
            &[("type_id", "0".into()), ("form[key]", "Bad Key".into())],
            &matrix::ADMIN,
        ),
        Case::public(
            "verify an issued document",
            matrix::Method::Post,
            VerifyRequest::PATH,
            &[("code", verification)],
        ),
        Case::post("my PHK reports", LoadMyPhk::PATH, &[], &matrix::SEEKERS),
        Case::post(
            "a union's strike notices",
            LoadUnionNotices::PATH,
            &[],
            &matrix::SEEKERS,
        ),
        Case::post(
            "object to a PHK report",
            ObjectPhk::PATH,
            &[("request_id", id.to_string()), ("objection", "x".into())],
            &matrix::SEEKERS,
        ),
        Case::public(
            "a survey invitation",
            matrix::Method::Post,
            LoadSurvey::PATH,
            &[("code", survey)],
        ),
        Case::public(
            "answer a survey",
            matrix::Method::Post,
            AnswerSurvey::PATH,
            &answer,
        ),
        Case::post(
            "the IKM report",
            LoadIkmReport::PATH,
            &[("year", "0".into())],
            &matrix::STAFF,
        ),
        Case::public(
            "the public IKM figure",
            matrix::Method::Post,
            LoadIkmPublic::PATH,
            &[("year", "0".into())],
        ),
    ]
}
