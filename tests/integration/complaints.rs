//! Complaints and labour disputes through the real HTTP stack on both backends: the journey file → triage →
//! bipartite failed → mediation with two sessions → anjuran → one side silent 10 working days → closed, with
//! every document downloadable only by the right people; privacy (anonymous stores nothing, a confidential
//! name reaches neither the company nor an officer before an unlock, which is logged and shown to the person);
//! the referral package; bad input writes nothing; concurrent decisions have one effect; the matrix cases.
use axum::http::StatusCode;
use dnaker::features::{
    accounts::api::LoadMyDataAccess,
    admin::api::AuditEntries,
    complaints::{
        api::{
            AddComplaintInfo, AnswerComplaint, ComplaintStep, FileComplaint, LoadCompanyComplaints,
            LoadComplaintCase, LoadComplaintCompanies, LoadComplaintQueue, RateComplaint,
            TrackComplaint, UnlockComplainant,
        },
        jobs::run_clocks,
    },
};
use leptos::server_fn::ServerFn;

use crate::{
    common::{
        Client, TestApp,
        matrix::{self, Actor, Case, Fixture, Method},
        ok_json, post,
    },
    tka::PDF,
};

const NAME: &str = "Sulastri Wibowo";

fn s(v: impl ToString) -> String {
    v.to_string()
}

pub(crate) fn complaint(
    company_id: i64,
    privacy: &str,
    category: &str,
) -> Vec<(&'static str, String)> {
    vec![
        ("form[company_id]", s(company_id)),
        ("form[category]", s(category)),
        (
            "form[description]",
            s("Upah lembur tiga bulan terakhir tidak dibayar sama sekali."),
        ),
        ("form[since_date]", s("2026-09-01")),
        ("form[workers_affected]", s("25")),
        ("form[wish]", s("Upah lembur dibayar penuh")),
        ("form[privacy]", s(privacy)),
        ("form[name]", s(NAME)),
        ("form[email]", s("sulastri@example.test")),
        ("form[phone]", s("081234567890")),
    ]
}

/// Files a complaint as `client`; returns its code.
pub(crate) async fn file(client: &mut Client<'_>, form: &[(&str, String)]) -> String {
    ok_json(client, FileComplaint::PATH, form)
        .await
        .as_str()
        .expect("code")
        .to_owned()
}

pub(crate) async fn id_of(app: &TestApp, code: &str) -> i64 {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM complaints WHERE code = $1")
        .bind(code)
        .fetch_one(&app.db().pool)
        .await
        .expect("complaint");
    id
}

pub(crate) async fn step(officer: &mut Client<'_>, id: i64, step: &str, extra: &[(&str, &str)]) {
    let mut form = vec![("form[complaint_id]", s(id)), ("form[step]", s(step))];
    form.extend(extra.iter().map(|(k, v)| (*k, s(v))));
    let response = post(officer, ComplaintStep::PATH, &form).await;
    assert_eq!(response.status, StatusCode::OK, "{step}: {}", response.body);
}

async fn track(client: &mut Client<'_>, code: &str) -> serde_json::Value {
    ok_json(client, TrackComplaint::PATH, &[("code", s(code))]).await
}

/// Takes a case from filing to an issued anjuran, with two sessions.
pub(crate) async fn to_anjuran(officer: &mut Client<'_>, id: i64) {
    step(officer, id, "accept", &[]).await;
    step(
        officer,
        id,
        "plan",
        &[("form[text]", "Perundingan bipartit difasilitasi.")],
    )
    .await;
    step(
        officer,
        id,
        "bipartite_failed",
        &[
            ("form[parties]", "PT Uji A dan perwakilan pekerja"),
            ("form[date]", "2026-12-01"),
            ("form[place]", "Kantor PT Uji A"),
            ("form[text]", "Upah lembur tidak dibayar"),
            ("form[positions]", "Pekerja menuntut, pengusaha menolak"),
            ("form[conclusion]", "Tidak sepakat"),
        ],
    )
    .await;
    step(
        officer,
        id,
        "mediation",
        &[("form[text]", "Mediator ditunjuk: Budi.")],
    )
    .await;
    for (date, place) in [
        ("2026-12-10", "Ruang mediasi 1"),
        ("2026-12-17", "Ruang mediasi 2"),
    ] {
        step(
            officer,
            id,
            "session",
            &[("form[date]", date), ("form[place]", place)],
        )
        .await;
    }
    step(
        officer,
        id,
        "minutes",
        &[
            ("form[session]", "1"),
            ("form[text]", "Para pihak hadir; belum sepakat."),
        ],
    )
    .await;
    step(
        officer,
        id,
        "anjuran",
        &[(
            "form[text]",
            "Pengusaha membayar upah lembur sesuai PP 35/2021.",
        )],
    )
    .await;
}

on_both_backends!(
    journey_to_a_closed_dispute_with_its_documents,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut worker = Client::new(&app, "10.22.0.1");
        let code = file(
            &mut worker,
            &complaint(f.company_a, "confidential", "overtime"),
        )
        .await;
        assert!(code.starts_with("ADU-"));
        let id = id_of(&app, &code).await;
        let view = track(&mut worker, &code).await;
        assert_eq!(view["status"], "submitted");
        assert_eq!(view["next"]["step"], "verify");
        assert_eq!(view["next"]["working_days"], 3);

        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.22.0.2").await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.22.0.3").await;
        to_anjuran(&mut officer, id).await;
        let view = track(&mut worker, &code).await;
        assert_eq!(view["status"], "recommendation");
        assert_eq!(view["sessions"].as_array().map(Vec::len), Some(2));
        let articles: Vec<String> = view["clocks"]
            .as_array()
            .expect("clocks")
            .iter()
            .map(|c| c["article"].as_str().unwrap_or_default().to_owned())
            .collect();
        for article in [
            "UU 2/2004 Ps 3 ayat (2)",
            "UU 2/2004 Ps 4 ayat (3)-(4)",
            "UU 2/2004 Ps 13 ayat (2) huruf a",
            "UU 2/2004 Ps 15",
        ] {
            assert!(
                articles.iter().any(|a| a == article),
                "{article} in {articles:?}"
            );
        }
        // Both sides were invited to each session: the company in-app and by e-mail.
        let invitations = app
            .count(
                "SELECT COUNT(*) FROM notifications WHERE message_key = 'complaint_notice_session'",
            )
            .await;
        assert_eq!(invitations, 3 * 2, "three company accounts, two sessions");
        assert!(
            app.count("SELECT COUNT(*) FROM mail_outbox WHERE subject = 'Undangan sidang mediasi'")
                .await
                >= 2
        );

        // The company rejects the anjuran with a document; the worker stays silent.
        let reply = company
            .post_multipart(
                AnswerComplaint::PATH,
                &[
                    ("complaint_id", &s(id)),
                    ("answer", "reject"),
                    ("text", "Kami tidak sependapat."),
                ],
                &[("file", "jawaban.pdf", PDF)],
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        // The ticket code is the complainant's only credential: no notice (the worker has no account here,
        // so every notice went to the company or an officer about the company's reply) and no e-mail except
        // the complainant's own carries it.
        let leaked = app
            .count(&format!(
                "SELECT COUNT(*) FROM notifications WHERE params LIKE '%{code}%' OR link LIKE '%{code}%'"
            ))
            .await;
        assert_eq!(leaked, 0, "a notice carries the ticket code");
        let mailed = app
            .count(&format!(
                "SELECT COUNT(*) FROM mail_outbox WHERE to_address <> 'sulastri@example.test' \
                 AND (subject LIKE '%{code}%' OR body_text LIKE '%{code}%')"
            ))
            .await;
        assert_eq!(mailed, 0, "a company e-mail carries the ticket code");
        let cases = post(&mut company, LoadCompanyComplaints::PATH, &[]).await;
        assert!(
            !cases.body.contains(&code) && cases.body.contains(&format!("PGD-{id:06}")),
            "{}",
            cases.body
        );
        let pdf = company
            .get(&format!("/pengaduan/kasus/{id}/dokumen/anjuran"))
            .await;
        let disposition = pdf
            .headers
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        assert!(
            disposition.contains("PGD-") && !disposition.contains(&code),
            "{disposition}"
        );
        run_clocks(&app.state).await.expect("job");
        assert_eq!(
            app.count("SELECT COUNT(*) FROM complaints WHERE worker_answer IS NOT NULL")
                .await,
            0,
            "not yet"
        );
        app.state.clock.advance_ms(20 * 86_400_000);
        let summary = run_clocks(&app.state).await.expect("job");
        assert!(summary.starts_with("1 silent"), "{summary}");
        // Twenty days on, the sessions have expired: both sign in again.
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.22.0.6").await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.22.0.7").await;
        let (worker_answer, company_answer): (Option<String>, Option<String>) =
            sqlx::query_as("SELECT worker_answer, company_answer FROM complaints WHERE id = $1")
                .bind(id)
                .fetch_one(&app.db().pool)
                .await
                .expect("answers");
        assert_eq!(
            (worker_answer.as_deref(), company_answer.as_deref()),
            (Some("silent"), Some("reject"))
        );
        step(
            &mut officer,
            id,
            "close",
            &[
                ("form[outcome]", "recommendation"),
                ("form[text]", "Anjuran ditolak; para pihak ke PHI."),
            ],
        )
        .await;
        let view = track(&mut worker, &code).await;
        assert_eq!(
            (view["status"].as_str(), view["outcome"].as_str()),
            (Some("closed"), Some("recommendation"))
        );
        assert!(
            view["survey_code"].as_str().is_some(),
            "the IKM survey is offered on closing"
        );
        assert!(
            view["events"]
                .as_array()
                .expect("events")
                .iter()
                .any(|e| e["kind"] == "silence")
        );

        // Documents: the anjuran for both sides and officers, not for another company or a stranger.
        let by_code = worker
            .get(&format!("/pengaduan/{code}/dokumen/anjuran"))
            .await;
        assert_eq!(by_code.status, StatusCode::OK);
        assert!(by_code.body.starts_with("%PDF"));
        let by_id = format!("/pengaduan/kasus/{id}/dokumen/anjuran");
        assert_eq!(company.get(&by_id).await.status, StatusCode::OK);
        assert_eq!(officer.get(&by_id).await.status, StatusCode::OK);
        let mut other = matrix::signed_in(&app, Actor::CompanyAdminB, "10.22.0.4").await;
        assert_eq!(other.get(&by_id).await.status, StatusCode::NOT_FOUND);
        assert_eq!(
            Client::new(&app, "10.22.0.5").get(&by_id).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            worker
                .get(&format!("/pengaduan/{code}/dokumen/agreement"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        // The satisfaction rating, once.
        ok_json(
            &mut worker,
            RateComplaint::PATH,
            &[("code", s(&code)), ("rating", s(4))],
        )
        .await;
        assert_eq!(
            post(
                &mut worker,
                RateComplaint::PATH,
                &[("code", s(&code)), ("rating", s(3))]
            )
            .await
            .status,
            StatusCode::CONFLICT
        );
    }
);

on_both_backends!(
    a_confidential_name_stays_hidden_until_an_unlock_the_person_sees,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "10.22.1.1").await;
        // The seeker's account name, to look for in the admin audit log.
        sqlx::query("UPDATE accounts SET full_name = 'Budi Rahasiawan' WHERE email = 'seeker-a@matrix.test'")
            .execute(&app.db().pool)
            .await
            .expect("name");
        let code = file(&mut seeker, &complaint(f.company_a, "confidential", "phk")).await;
        let id = id_of(&app, &code).await;
        let info = seeker
            .post_multipart(
                AddComplaintInfo::PATH,
                &[
                    ("code", &code),
                    ("text", "Surat PHK saya terima lisan saja."),
                ],
                &[],
            )
            .await;
        assert_eq!(info.status, StatusCode::OK, "{}", info.body);
        let named = app
            .count(&format!(
                "SELECT COUNT(*) FROM audit_log WHERE subject_type = 'complaint' AND subject_id = '{id}' \
                 AND (actor_account_id IS NOT NULL OR ip IS NOT NULL OR actor_role IS NOT NULL)"
            ))
            .await;
        assert_eq!(named, 0, "the complainant's own actions name no one");
        let mut admin = matrix::signed_in(&app, Actor::Admin, "10.22.1.4").await;
        let log = post(
            &mut admin,
            AuditEntries::PATH,
            &[("filter[action]", s("complaint."))],
        )
        .await;
        assert_eq!(log.status, StatusCode::OK, "{}", log.body);
        assert!(
            log.body.contains("complaint.file") && !log.body.contains("Budi Rahasiawan"),
            "the admin audit log names the confidential complainant: {}",
            log.body
        );
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.22.1.2").await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.22.1.3").await;
        let before = post(&mut officer, LoadComplaintCase::PATH, &[("id", s(id))]).await;
        assert_eq!(before.status, StatusCode::OK);
        assert!(
            !before.body.contains(NAME) && !before.body.contains("sulastri@"),
            "officer before unlock: {}",
            before.body
        );
        for page in ["/petugas/pengaduan", &format!("/petugas/pengaduan/{id}")] {
            let html = officer.get(page).await;
            assert!(!html.body.contains(NAME), "{page}");
        }
        let company_view = post(&mut company, LoadCompanyComplaints::PATH, &[]).await;
        assert!(
            company_view.body.contains(&format!("PGD-{id:06}"))
                && !company_view.body.contains(&code)
                && !company_view.body.contains(NAME),
            "{}",
            company_view.body
        );
        assert!(
            !company
                .get("/perusahaan/pengaduan")
                .await
                .body
                .contains(NAME)
        );
        assert!(
            !post(&mut seeker, TrackComplaint::PATH, &[("code", s(&code))])
                .await
                .body
                .contains(NAME)
        );

        // No reason, no unlock; with one, the name shows and the person sees who and why.
        let refused = post(
            &mut officer,
            UnlockComplainant::PATH,
            &[("complaint_id", s(id)), ("reason", s("cek"))],
        )
        .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        let reason = "Perlu konfirmasi langsung untuk jadwal bipartit";
        ok_json(
            &mut officer,
            UnlockComplainant::PATH,
            &[("complaint_id", s(id)), ("reason", s(reason))],
        )
        .await;
        assert!(
            post(&mut officer, LoadComplaintCase::PATH, &[("id", s(id))])
                .await
                .body
                .contains(NAME)
        );
        assert!(
            !post(&mut company, LoadCompanyComplaints::PATH, &[])
                .await
                .body
                .contains(NAME),
            "the company never"
        );
        let view = track(&mut seeker, &code).await;
        assert_eq!(view["unlocked"][1], reason);
        let access = post(&mut seeker, LoadMyDataAccess::PATH, &[]).await;
        assert!(
            access.body.contains("complaint.unlock") && access.body.contains(reason),
            "{}",
            access.body
        );
        assert_eq!(
            post(
                &mut officer,
                UnlockComplainant::PATH,
                &[("complaint_id", s(id)), ("reason", s(reason))]
            )
            .await
            .status,
            StatusCode::CONFLICT
        );
    }
);

on_both_backends!(
    an_anonymous_complaint_keeps_no_identity_anywhere,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "10.22.2.1").await;
        let code = file(
            &mut seeker,
            &complaint(f.company_a, "anonymous", "harassment"),
        )
        .await;
        let id = id_of(&app, &code).await;
        let stored = app.count(&format!(
        "SELECT COUNT(*) FROM complaints WHERE id = {id} AND account_id IS NULL AND complainant_name IS NULL \
         AND complainant_email IS NULL AND complainant_phone IS NULL"
    )).await;
        assert_eq!(stored, 1);
        let audit = app.count(&format!(
        "SELECT COUNT(*) FROM audit_log WHERE subject_type = 'complaint' AND subject_id = '{id}' AND actor_account_id IS NULL AND ip IS NULL"
    )).await;
        assert_eq!(audit, 1, "the filing's audit row names no one");
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM notifications WHERE message_key = 'complaint_notice_filed'"
            )
            .await,
            0
        );
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.22.2.2").await;
        assert!(
            !post(&mut company, LoadCompanyComplaints::PATH, &[])
                .await
                .body
                .contains(&code),
            "the company does not see anonymous cases"
        );
        // The database refuses an identity on an anonymous row whatever the code does.
        let forced = sqlx::query("UPDATE complaints SET complainant_name = 'X' WHERE id = $1")
            .bind(id)
            .execute(&app.db().pool)
            .await;
        assert!(forced.is_err());
    }
);

on_both_backends!(
    not_our_authority_hands_on_with_a_referral_package,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut worker = Client::new(&app, "10.22.3.1");
        let code = file(&mut worker, &complaint(f.company_a, "open", "safety")).await;
        let id = id_of(&app, &code).await;
        let evidence = worker
            .post_multipart(
                AddComplaintInfo::PATH,
                &[("code", &code), ("text", "Foto lokasi kerja")],
                &[("file", "foto.pdf", PDF)],
            )
            .await;
        assert_eq!(evidence.status, StatusCode::OK, "{}", evidence.body);
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.22.3.2").await;
        step(
            &mut officer,
            id,
            "refer",
            &[("form[text]", "K3 adalah kewenangan pengawas provinsi.")],
        )
        .await;
        let view = track(&mut worker, &code).await;
        assert_eq!(view["status"], "referred");
        assert!(
            view["referred_to"]
                .as_str()
                .is_some_and(|b| b.contains("Provinsi Banten"))
        );
        let pdf = worker
            .get(&format!("/pengaduan/{code}/dokumen/referral"))
            .await;
        assert_eq!(pdf.status, StatusCode::OK);
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.22.3.3").await;
        assert_eq!(
            company
                .get(&format!("/pengaduan/kasus/{id}/dokumen/referral"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            officer
                .get(&format!("/pengaduan/kasus/{id}/dokumen/referral"))
                .await
                .status,
            StatusCode::OK
        );
    }
);

on_both_backends!(
    bad_input_writes_nothing_and_decisions_happen_once,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut worker = Client::new(&app, "10.22.4.1");
        let mut bad = complaint(f.company_a, "open", "wages");
        bad[2].1 = s("pendek");
        assert_eq!(
            post(&mut worker, FileComplaint::PATH, &bad).await.status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM complaints").await, 0);
        let code = file(&mut worker, &complaint(f.company_a, "open", "wages")).await;
        let html = worker
            .post_multipart(
                AddComplaintInfo::PATH,
                &[("code", &code)],
                &[("file", "x.pdf", b"<html>not a pdf</html>")],
            )
            .await;
        assert_eq!(html.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(app.count("SELECT COUNT(*) FROM complaint_files").await, 0);
        assert_eq!(
            post(
                &mut worker,
                TrackComplaint::PATH,
                &[("code", s("ADU-0000000000"))]
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );

        let id = id_of(&app, &code).await;
        let officer = matrix::signed_in(&app, Actor::Officer, "10.22.4.2").await;
        let admin = matrix::signed_in(&app, Actor::Admin, "10.22.4.3").await;
        let form = vec![
            (s("form[complaint_id]"), s(id)),
            (s("form[step]"), s("accept")),
        ];
        let answers = app
            .post_all_at_once(
                ComplaintStep::PATH,
                vec![
                    (officer.cookie.clone().expect("cookie"), form.clone()),
                    (admin.cookie.clone().expect("cookie"), form),
                ],
            )
            .await;
        let mut statuses: Vec<u16> = answers.iter().map(|r| r.status.as_u16()).collect();
        statuses.sort_unstable();
        assert_eq!(
            statuses,
            vec![200, 409],
            "{:?}",
            answers.iter().map(|r| &r.body).collect::<Vec<_>>()
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM complaint_events WHERE kind = 'accept'")
                .await,
            1
        );
    }
);

on_both_backends!(
    more_information_restarts_verification_and_stays_from_the_company,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut worker = Client::new(&app, "10.22.6.1");
        let code = file(&mut worker, &complaint(f.company_a, "open", "wages")).await;
        let id = id_of(&app, &code).await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.22.6.2").await;
        step(
            &mut officer,
            id,
            "more_info",
            &[("form[text]", "Mohon kirim slip gaji tiga bulan terakhir.")],
        )
        .await;
        let info = worker
            .post_multipart(
                AddComplaintInfo::PATH,
                &[("code", &code), ("text", "Slip gaji terlampir di kantor.")],
                &[],
            )
            .await;
        assert_eq!(info.status, StatusCode::OK, "{}", info.body);
        let running = app
            .count(&format!(
                "SELECT COUNT(*) FROM complaint_clocks WHERE complaint_id = {id} AND step = 'verify' AND done_on IS NULL"
            ))
            .await;
        assert_eq!(running, 1, "the verification clock runs again");
        assert_eq!(track(&mut worker, &code).await["next"]["step"], "verify");
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.22.6.3").await;
        let seen = post(&mut company, LoadCompanyComplaints::PATH, &[]).await;
        assert!(
            !seen.body.contains("Mohon kirim slip gaji"),
            "{}",
            seen.body
        );
    }
);

on_both_backends!(
    a_step_taken_on_a_stale_page_never_moves_a_case_back,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut worker = Client::new(&app, "10.22.5.1");
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.22.5.2").await;
        let admin = matrix::signed_in(&app, Actor::Admin, "10.22.5.3").await;
        for round in 0..3 {
            let code = file(&mut worker, &complaint(f.company_a, "open", "wages")).await;
            let id = id_of(&app, &code).await;
            step(&mut officer, id, "accept", &[]).await;
            step(
                &mut officer,
                id,
                "plan",
                &[("form[text]", "Bipartit difasilitasi.")],
            )
            .await;
            step(
                &mut officer,
                id,
                "bipartite_failed",
                &[
                    ("form[parties]", "PT Uji A dan pekerja"),
                    ("form[date]", "2026-12-01"),
                    ("form[place]", "Kantor PT Uji A"),
                    ("form[text]", "Upah lembur"),
                    ("form[positions]", "Berbeda"),
                    ("form[conclusion]", "Tidak sepakat"),
                ],
            )
            .await;
            step(
                &mut officer,
                id,
                "mediation",
                &[("form[text]", "Mediator ditunjuk.")],
            )
            .await;
            step(
                &mut officer,
                id,
                "session",
                &[("form[date]", "2026-12-10"), ("form[place]", "Ruang 1")],
            )
            .await;
            // One officer schedules a session (page loaded in mediation) while another issues the anjuran.
            let session = vec![
                (s("form[complaint_id]"), s(id)),
                (s("form[step]"), s("session")),
                (s("form[date]"), s("2026-12-17")),
                (s("form[place]"), s("Ruang 2")),
            ];
            let anjuran = vec![
                (s("form[complaint_id]"), s(id)),
                (s("form[step]"), s("anjuran")),
                (s("form[text]"), s("Pengusaha membayar upah lembur.")),
            ];
            let answers = app
                .post_all_at_once(
                    ComplaintStep::PATH,
                    vec![
                        (officer.cookie.clone().expect("cookie"), session),
                        (admin.cookie.clone().expect("cookie"), anjuran),
                    ],
                )
                .await;
            assert!(
                answers
                    .iter()
                    .all(|r| matches!(r.status.as_u16(), 200 | 409)),
                "round {round}: {:?}",
                answers.iter().map(|r| &r.body).collect::<Vec<_>>()
            );
            assert_eq!(
                answers[1].status,
                StatusCode::OK,
                "the anjuran: {}",
                answers[1].body
            );
            let (status,): (String,) =
                sqlx::query_as("SELECT status FROM complaints WHERE id = $1")
                    .bind(id)
                    .fetch_one(&app.db().pool)
                    .await
                    .expect("status");
            assert_eq!(
                status, "recommendation",
                "round {round}: the case went back"
            );
        }
    }
);

/// The matrix: the complainant by code (public), officers everything, the named company only its cases.
pub(crate) async fn complaint_cases(app: &TestApp, f: &Fixture) -> Vec<Case> {
    let mut worker = Client::new(app, "10.22.9.1");
    let mut officer = matrix::signed_in(app, Actor::Officer, "10.22.9.2").await;
    let mut company = matrix::signed_in(app, Actor::CompanyAdminA, "10.22.9.3").await;
    let open = file(&mut worker, &complaint(f.company_a, "open", "wages")).await;
    let confidential = file(&mut worker, &complaint(f.company_a, "confidential", "phk")).await;
    let (open_id, confidential_id) = (id_of(app, &open).await, id_of(app, &confidential).await);
    let disputed = file(&mut worker, &complaint(f.company_a, "open", "overtime")).await;
    let disputed_id = id_of(app, &disputed).await;
    to_anjuran(&mut officer, disputed_id).await;
    let reply = company
        .post_multipart(
            AnswerComplaint::PATH,
            &[
                ("complaint_id", &s(disputed_id)),
                ("text", "Dokumen pendukung"),
            ],
            &[("file", "d.pdf", PDF)],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let (file_id,): (i64,) =
        sqlx::query_as("SELECT id FROM complaint_files WHERE complaint_id = $1")
            .bind(disputed_id)
            .fetch_one(&app.db().pool)
            .await
            .expect("file");
    let closed = file(&mut worker, &complaint(f.company_a, "open", "other")).await;
    step(
        &mut officer,
        id_of(app, &closed).await,
        "close",
        &[
            ("form[outcome]", "withdrawn"),
            ("form[text]", "Dicabut pelapor."),
        ],
    )
    .await;
    let company_side = [
        Actor::CompanyAdminA,
        Actor::CompanyStaffA,
        Actor::Officer,
        Actor::Admin,
    ];
    vec![
        Case::public(
            "complaint file",
            Method::Post,
            FileComplaint::PATH,
            &complaint(f.company_b, "anonymous", "other"),
        ),
        Case::public(
            "complaint companies",
            Method::Post,
            LoadComplaintCompanies::PATH,
            &[],
        ),
        Case::public(
            "complaint track by code",
            Method::Post,
            TrackComplaint::PATH,
            &[("code", open.clone())],
        ),
        Case::public(
            "complaint add info by code",
            Method::Multipart,
            AddComplaintInfo::PATH,
            &[("code", open.clone()), ("text", s("Keterangan tambahan."))],
        ),
        Case::public(
            "complaint rate by code",
            Method::Post,
            RateComplaint::PATH,
            &[("code", closed.clone()), ("rating", s(3))],
        ),
        Case::public(
            "complaint document by code",
            Method::Get,
            &format!("/pengaduan/{disputed}/dokumen/anjuran"),
            &[],
        ),
        Case::post(
            "complaint queue",
            LoadComplaintQueue::PATH,
            &[],
            &matrix::STAFF,
        ),
        Case::post(
            "complaint case",
            LoadComplaintCase::PATH,
            &[("id", s(open_id))],
            &matrix::STAFF,
        ),
        Case::post(
            "complaint step",
            ComplaintStep::PATH,
            &[
                ("form[complaint_id]", s(open_id)),
                ("form[step]", s("more_info")),
                ("form[text]", s("Mohon lampirkan slip gaji.")),
            ],
            &matrix::STAFF,
        ),
        Case::post(
            "complaint unlock",
            UnlockComplainant::PATH,
            &[
                ("complaint_id", s(confidential_id)),
                ("reason", s("Perlu menghubungi pelapor untuk bipartit")),
            ],
            &matrix::STAFF,
        ),
        Case::post(
            "company complaints",
            LoadCompanyComplaints::PATH,
            &[],
            &matrix::COMPANY_MEMBERS,
        ),
        Case::multipart(
            "company answers",
            AnswerComplaint::PATH,
            &[
                ("complaint_id", s(open_id)),
                ("text", s("Tanggapan perusahaan.")),
            ],
            &[],
            &[Actor::CompanyAdminA, Actor::CompanyStaffA],
        ),
        Case::get(
            "complaint document by case",
            &format!("/pengaduan/kasus/{disputed_id}/dokumen/anjuran"),
            &company_side,
        ),
        Case::get(
            "complaint file by case",
            &format!("/pengaduan/kasus/{disputed_id}/berkas/{file_id}"),
            &company_side,
        ),
    ]
}
