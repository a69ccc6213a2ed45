//! Complaints after review (findings F1, F6-F9, F20, F21, F24, F26), on both backends: filing is limited per
//! address and per named company and the officer's queue pages; a repeated session is refused; a lapsed
//! bipartite fails by the daily job and the parties are told; the parties' choice of conciliation or
//! arbitration keeps the mediator away; the complaint survey and evidence reads name no confidential
//! complainant; staff notices never carry the ticket code; the file limit holds in the insert.
use axum::http::StatusCode;
use dnaker::features::{
    complaints::{
        api::{AddComplaintInfo, ComplaintStep, FileComplaint, LoadComplaintQueue},
        jobs::run_clocks,
        model::FILES_PER_CASE,
        repo::write,
    },
    survey::api::AnswerSurvey,
};
use leptos::server_fn::ServerFn;

use crate::{
    common::{
        Client, TestApp,
        matrix::{self, Actor},
        ok_json, post,
    },
    complaints::{complaint, file, id_of, step},
    tka::PDF,
};

const DAY_MS: i64 = 86_400_000;

fn s(v: impl ToString) -> String {
    v.to_string()
}

async fn status_of(app: &TestApp, id: i64) -> String {
    let (status,): (String,) = sqlx::query_as("SELECT status FROM complaints WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db().pool)
        .await
        .expect("status");
    status
}

/// Accept, plan (bipartite starts), and the bipartite minutes recorded as failed (the choice starts).
async fn to_choice(officer: &mut Client<'_>, id: i64) {
    step(officer, id, "accept", &[]).await;
    step(
        officer,
        id,
        "plan",
        &[("form[text]", "Bipartit difasilitasi.")],
    )
    .await;
    step(
        officer,
        id,
        "bipartite_failed",
        &[("form[no_response]", "1")],
    )
    .await;
}

on_both_backends!(
    filing_is_limited_per_address_and_company_and_the_queue_pages,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut worker = Client::new(&app, "10.23.0.1");
        let form = complaint(f.company_a, "anonymous", "wages");
        let mut statuses = Vec::new();
        for _ in 0..6 {
            statuses.push(
                post(&mut worker, FileComplaint::PATH, &form)
                    .await
                    .status
                    .as_u16(),
            );
        }
        assert_eq!(statuses, vec![200, 200, 200, 200, 200, 429]);
        assert_eq!(app.count("SELECT COUNT(*) FROM complaints").await, 5);
        // The address's hour passes: it may file again.
        app.state.clock.advance_ms(61 * 60_000);
        file(&mut worker, &form).await;
        // Fifty a day name one company, from however many addresses.
        for i in 0..44 {
            let mut other = Client::new(&app, &format!("10.23.1.{}", i + 1));
            file(&mut other, &form).await;
        }
        assert_eq!(app.count("SELECT COUNT(*) FROM complaints").await, 50);
        let mut fresh = Client::new(&app, "10.23.2.1");
        let refused = post(&mut fresh, FileComplaint::PATH, &form).await;
        assert_eq!(
            refused.status,
            StatusCode::TOO_MANY_REQUESTS,
            "{}",
            refused.body
        );
        assert!(refused.body.contains("RateLimited"), "{}", refused.body);
        file(&mut fresh, &complaint(f.company_b, "anonymous", "wages")).await;
        assert_eq!(app.count("SELECT COUNT(*) FROM complaints").await, 51);

        // The queue shows 50 a page, oldest first; the page number is clamped.
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.23.3.1").await;
        let first = ok_json(&mut officer, LoadComplaintQueue::PATH, &[("page", s(1))]).await;
        assert_eq!(first["items"].as_array().map(Vec::len), Some(50));
        assert_eq!(
            (first["total"].as_i64(), first["pages"].as_i64()),
            (Some(51), Some(2))
        );
        let second = ok_json(&mut officer, LoadComplaintQueue::PATH, &[("page", s(2))]).await;
        let newest = second["items"].as_array().expect("items");
        assert_eq!(newest.len(), 1);
        assert!(newest[0]["next"]["step"] == "verify", "{}", second);
        let far = ok_json(
            &mut officer,
            LoadComplaintQueue::PATH,
            &[("page", s(i64::MAX))],
        )
        .await;
        assert_eq!(far["page"].as_i64(), Some(400));
        assert_eq!(far["items"].as_array().map(Vec::len), Some(0));
        let html = officer.get("/petugas/pengaduan?hal=2").await;
        assert_eq!(html.status, StatusCode::OK);
        assert!(html.body.contains("complaint-open-count"), "{}", html.body);
        // F24: counted by the registered company's district and sector.
        let stats = &first["stats"];
        let has = |list: &str, label: &str| {
            stats[list]
                .as_array()
                .is_some_and(|rows| rows.iter().any(|r| r["label"] == label && r["count"] == 51))
        };
        assert!(
            has("by_district", "Balaraja") && has("by_sector", "Industri Pengolahan"),
            "{stats}"
        );
    }
);

on_both_backends!(
    a_repeated_session_step_schedules_one_session,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut worker = Client::new(&app, "10.23.4.1");
        let code = file(&mut worker, &complaint(f.company_a, "open", "overtime")).await;
        let id = id_of(&app, &code).await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.23.4.2").await;
        let admin = matrix::signed_in(&app, Actor::Admin, "10.23.4.3").await;
        to_choice(&mut officer, id).await;
        step(
            &mut officer,
            id,
            "mediation",
            &[("form[text]", "Mediator ditunjuk.")],
        )
        .await;
        let form = vec![
            (s("form[complaint_id]"), s(id)),
            (s("form[step]"), s("session")),
            (s("form[date]"), s("2026-12-10")),
            (s("form[place]"), s("Ruang mediasi 1")),
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
            app.count("SELECT COUNT(*) FROM complaint_sessions").await,
            1
        );
        let invitations = app
            .count(
                "SELECT COUNT(*) FROM notifications WHERE message_key = 'complaint_notice_session'",
            )
            .await;
        assert_eq!(invitations, 3, "three company accounts, invited once");
        // Another session on another day is scheduled as usual.
        step(
            &mut officer,
            id,
            "session",
            &[
                ("form[date]", "2026-12-17"),
                ("form[place]", "Ruang mediasi 1"),
            ],
        )
        .await;
        assert_eq!(
            app.count("SELECT COUNT(*) FROM complaint_sessions").await,
            2
        );
    }
);

on_both_backends!(
    a_bipartite_past_thirty_working_days_fails_and_the_parties_hear_of_it,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "10.23.5.1").await;
        let code = file(&mut seeker, &complaint(f.company_a, "open", "phk")).await;
        let id = id_of(&app, &code).await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.23.5.2").await;
        step(&mut officer, id, "accept", &[]).await;
        step(
            &mut officer,
            id,
            "plan",
            &[("form[text]", "Bipartit difasilitasi.")],
        )
        .await;
        app.state.clock.advance_ms(20 * DAY_MS);
        run_clocks(&app.state).await.expect("job");
        assert_eq!(
            status_of(&app, id).await,
            "bipartite",
            "not yet 30 working days"
        );
        app.state.clock.advance_ms(40 * DAY_MS);
        let summary = run_clocks(&app.state).await.expect("job");
        assert!(summary.contains("1 bipartite failed"), "{summary}");
        assert_eq!(status_of(&app, id).await, "choice");
        let clocks = "SELECT COUNT(*) FROM complaint_clocks WHERE complaint_id = $1 AND";
        let done = format!("{clocks} step = 'bipartite' AND done_on IS NOT NULL");
        let running = format!("{clocks} step = 'choice' AND done_on IS NULL");
        for sql in [done, running] {
            let (n,): (i64,) = sqlx::query_as(&sql)
                .bind(id)
                .fetch_one(&app.db().pool)
                .await
                .expect("clocks");
            assert_eq!(n, 1, "{sql}");
        }
        assert_eq!(
            app.count("SELECT COUNT(*) FROM complaint_events WHERE kind = 'bipartite_lapsed'")
                .await,
            1
        );
        let told = app
            .count("SELECT COUNT(*) FROM notifications WHERE message_key = 'complaint_notice_bipartite_lapsed'")
            .await;
        assert_eq!(
            told,
            1 + 3,
            "the complainant and the company's three accounts"
        );
        // The next run neither moves it again nor appoints a mediator before the 7 working days.
        let again = run_clocks(&app.state).await.expect("job");
        assert!(
            again.contains("0 to mediation, 0 bipartite failed"),
            "{again}"
        );
    }
);

on_both_backends!(
    the_parties_choice_of_arbitration_keeps_the_mediator_away,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut worker = Client::new(&app, "10.23.6.1");
        let code = file(&mut worker, &complaint(f.company_a, "open", "phk")).await;
        let id = id_of(&app, &code).await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.23.6.2").await;
        to_choice(&mut officer, id).await;
        let bad = post(
            &mut officer,
            ComplaintStep::PATH,
            &[
                ("form[complaint_id]", s(id)),
                ("form[step]", s("chosen")),
                ("form[forum]", s("court")),
                ("form[body]", s("BANI")),
            ],
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
        step(
            &mut officer,
            id,
            "chosen",
            &[
                ("form[forum]", "arbitration"),
                ("form[body]", "BANI Perwakilan Banten"),
            ],
        )
        .await;
        let (status, outcome, forum, to): (String, Option<String>, Option<String>, Option<String>) =
            sqlx::query_as(
                "SELECT status, outcome, forum, referred_to FROM complaints WHERE id = $1",
            )
            .bind(id)
            .fetch_one(&app.db().pool)
            .await
            .expect("case");
        assert_eq!(
            (
                status.as_str(),
                outcome.as_deref(),
                forum.as_deref(),
                to.as_deref()
            ),
            (
                "closed",
                Some("referred"),
                Some("arbitration"),
                Some("BANI Perwakilan Banten")
            )
        );
        app.state.clock.advance_ms(14 * DAY_MS);
        run_clocks(&app.state).await.expect("job");
        assert_eq!(status_of(&app, id).await, "closed");
        assert_eq!(
            app.count("SELECT COUNT(*) FROM complaint_events WHERE kind = 'mediator_appointed'")
                .await,
            0
        );
    }
);

on_both_backends!(
    the_survey_and_evidence_reads_name_no_confidential_complainant,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "10.23.7.1").await;
        let code = file(&mut seeker, &complaint(f.company_a, "confidential", "phk")).await;
        let id = id_of(&app, &code).await;
        let upload = seeker
            .post_multipart(
                AddComplaintInfo::PATH,
                &[("code", &code), ("text", "Slip gaji terlampir.")],
                &[("file", "slip.pdf", PDF)],
            )
            .await;
        assert_eq!(upload.status, StatusCode::OK, "{}", upload.body);
        let (file_id,): (i64,) =
            sqlx::query_as("SELECT id FROM complaint_files WHERE complaint_id = $1")
                .bind(id)
                .fetch_one(&app.db().pool)
                .await
                .expect("file");
        // F20: the officer's read of the evidence is audited, about nobody while the identity is locked.
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.23.7.2").await;
        let read = officer
            .get(&format!("/pengaduan/kasus/{id}/berkas/{file_id}"))
            .await;
        assert_eq!(read.status, StatusCode::OK);
        let audited = app
            .count(&format!(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'complaint.file_read' AND subject_id = '{id}' \
                 AND actor_account_id IS NOT NULL AND subject_account_id IS NULL"
            ))
            .await;
        assert_eq!(audited, 1);
        // F9: the survey invitation names the case number and no account; the answer's audit row no one.
        step(
            &mut officer,
            id,
            "close",
            &[
                ("form[outcome]", "withdrawn"),
                ("form[text]", "Dicabut pelapor."),
            ],
        )
        .await;
        let (survey, subject, account): (String, String, Option<i64>) = sqlx::query_as(
            "SELECT code, subject_ref, account_id FROM survey_invitations WHERE service_key = 'complaint'",
        )
        .fetch_one(&app.db().pool)
        .await
        .expect("invitation");
        assert_eq!((subject, account), (format!("PGD-{id:06}"), None));
        let mut answer: Vec<(&str, String)> = vec![("code", survey)];
        let names = [
            "form[q1]", "form[q2]", "form[q3]", "form[q4]", "form[q5]", "form[q6]", "form[q7]",
            "form[q8]", "form[q9]",
        ];
        answer.extend(names.iter().map(|n| (*n, s(4))));
        assert_eq!(
            post(&mut seeker, AnswerSurvey::PATH, &answer).await.status,
            StatusCode::OK
        );
        let named = app
            .count(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'survey.answer' \
                 AND (actor_account_id IS NOT NULL OR ip IS NOT NULL OR request_id IS NOT NULL)",
            )
            .await;
        assert_eq!(named, 0);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'survey.answer'")
                .await,
            1
        );
    }
);

on_both_backends!(
    staff_notices_name_the_case_number_never_the_ticket_code,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut worker = Client::new(&app, "10.23.8.1");
        let code = file(&mut worker, &complaint(f.company_a, "open", "wages")).await;
        let id = id_of(&app, &code).await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.23.8.2").await;
        step(&mut officer, id, "accept", &[]).await;
        let info = worker
            .post_multipart(
                AddComplaintInfo::PATH,
                &[("code", &code), ("text", "Slip gaji menyusul.")],
                &[],
            )
            .await;
        assert_eq!(info.status, StatusCode::OK, "{}", info.body);
        // The follow-up plan (5 working days) is missed: the officer and the heads are alerted.
        app.state.clock.advance_ms(14 * DAY_MS);
        let summary = run_clocks(&app.state).await.expect("job");
        assert!(summary.ends_with("1 overdue alerts"), "{summary}");
        let reference = format!("PGD-{id:06}");
        let staff = app
            .count(&format!(
                "SELECT COUNT(*) FROM notifications WHERE message_key IN ('complaint_notice_info', 'complaint_notice_overdue') \
                 AND params LIKE '%{reference}%'"
            ))
            .await;
        assert!(staff >= 2, "{staff} staff notices");
        let leaked = app
            .count(&format!(
                "SELECT COUNT(*) FROM notifications WHERE params LIKE '%{code}%' OR link LIKE '%{code}%'"
            ))
            .await;
        assert_eq!(leaked, 0, "a staff notice carries the ticket code");
        let mailed = app
            .count(&format!(
                "SELECT COUNT(*) FROM mail_outbox WHERE subject LIKE '%{code}%' OR body_text LIKE '%{code}%'"
            ))
            .await;
        assert_eq!(mailed, 0, "a staff e-mail carries the ticket code");
    }
);

on_both_backends!(
    the_file_limit_is_checked_in_the_insert,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut worker = Client::new(&app, "10.23.9.1");
        let code = file(&mut worker, &complaint(f.company_a, "open", "wages")).await;
        let id = id_of(&app, &code).await;
        let row = |n: i64| write::NewFile {
            complaint_id: id,
            by_role: "complainant",
            storage_key: "complaints/x",
            file_name: "f.pdf",
            content_type: "application/pdf",
            size_bytes: n,
            at_ms: 1,
        };
        let mut tx = app.db().begin_write().await.expect("tx");
        for n in 0..FILES_PER_CASE {
            assert!(
                write::add_file(&mut tx, &row(n), FILES_PER_CASE)
                    .await
                    .expect("insert")
            );
        }
        assert!(
            !write::add_file(&mut tx, &row(99), FILES_PER_CASE)
                .await
                .expect("insert")
        );
        tx.commit().await.expect("commit");
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM complaint_files WHERE complaint_id = {id}"
            ))
            .await,
            FILES_PER_CASE
        );
    }
);
