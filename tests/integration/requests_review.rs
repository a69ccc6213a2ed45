//! Requests, after the review of issues 22–26 (F2, F3, F10, F22, F25, F26), on SQLite and PostgreSQL: a
//! PKB valid for its own term, the renewal reminder ahead of the last filing day, a union's strike notice
//! filed by a worker against a registered employer, PHK names in the officer queue logged, the lock-out
//! ban cited from Ps 147, no correction after its window, and a deemed approval stating its own type's
//! period and basis.
use axum::http::StatusCode;
use dnaker::{
    core::calendar::{format_date, wib_date},
    features::requests::{
        api::{
            CorrectRequest, FileRequest, LoadCompanyRequests, LoadOfficerRequests,
            LoadUnionNotices, SaveRequestType, VerifyRequest, WithdrawRequest,
        },
        jobs,
        repo::write::{self, Resubmission},
    },
    server::reference,
};
use leptos::server_fn::ServerFn;

use crate::{
    common::{
        Client, Response, TestApp,
        matrix::{self, Actor},
        ok_json, post,
    },
    requests::{decide, filed, pp_docs, pp_fields},
    tka::{PDF, day},
};

const MS_PER_DAY: i64 = 86_400_000;

/// The strike notice's form as a union fills it, starting `start` (YYYY-MM-DD).
pub(crate) fn strike_fields(app: &TestApp, start: String) -> Vec<(&'static str, String)> {
    vec![
        ("union_name", "PUK SPSI PT Uji A".to_owned()),
        ("union_registration", "568/SP/2019".into()),
        ("start_date", start),
        ("start_time", "08:00".into()),
        ("end_date", day(app, 25)),
        ("end_time", "17:00".into()),
        ("place", "Halaman pabrik".into()),
        ("reasons", "Upah lembur belum dibayar".into()),
    ]
}

/// Files a strike notice against the employer with `nib`, with the union's signed notice.
pub(crate) async fn file_strike(
    client: &mut Client<'_>,
    app: &TestApp,
    nib: &str,
    fields: &[(&str, String)],
) -> Response {
    let (type_id,): (i64,) =
        sqlx::query_as("SELECT id FROM request_types WHERE type_key = 'strike'")
            .fetch_one(&app.db().pool)
            .await
            .expect("strike type");
    let type_id = type_id.to_string();
    let names: Vec<(String, String)> = fields
        .iter()
        .map(|(k, v)| (format!("f_{k}"), v.clone()))
        .collect();
    let mut form: Vec<(&str, &str)> = vec![("type_id", &type_id), ("employer_nib", nib)];
    form.extend(names.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    client
        .post_multipart(
            FileRequest::PATH,
            &form,
            &[("d_signatures", "pemberitahuan.pdf", PDF)],
        )
        .await
}

async fn one<T>(app: &TestApp, sql: &str) -> T
where
    T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    sqlx::query_as(sql)
        .fetch_one(&app.db().pool)
        .await
        .expect(sql)
}

on_both_backends!(
    a_pkb_is_valid_until_the_end_of_its_own_term,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.95.0.1").await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.95.0.2").await;
        // A term that started before registration and ends well before registration + 24 months.
        let term_end = day(&app, 500);
        let (_, pkb) = filed(
            &mut company,
            &app,
            "pkb",
            &[
                ("union_name", "SPSI PT Uji A".into()),
                ("union_registration", "568/SP/2019".into()),
                ("term_start", day(&app, -60)),
                ("term_end", term_end.clone()),
            ],
            &[("pkb_text", PDF)],
        )
        .await;
        assert_eq!(
            decide(&mut officer, pkb, "approve", "").await.status,
            StatusCode::OK
        );
        let (valid_until, code): (Option<String>, String) = one(
            &app,
            &format!("SELECT valid_until, verification_code FROM requests WHERE id = {pkb}"),
        )
        .await;
        assert_eq!(valid_until.as_deref(), Some(term_end.as_str()));
        let mut anyone = Client::new(&app, "10.95.0.3");
        let verified = ok_json(&mut anyone, VerifyRequest::PATH, &[("code", code)]).await;
        assert_eq!(verified["valid_until"], term_end.as_str());
    }
);

on_both_backends!(
    the_renewal_reminder_comes_before_the_last_filing_day,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.95.1.1").await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.95.1.2").await;
        let (_, id) = filed(&mut company, &app, "pp_approval", &pp_fields(), &pp_docs()).await;
        assert_eq!(
            decide(&mut officer, id, "approve", "").await.status,
            StatusCode::OK
        );
        let cal = reference::holiday_calendar(app.db())
            .await
            .expect("holidays");
        let today = wib_date(app.state.clock.now_ms());
        let db = app.db();
        let expire_in = |working_days: u32| {
            let expires = format_date(cal.add_working_days(today, working_days));
            async move {
                sqlx::query("UPDATE requests SET valid_until = $1 WHERE id = $2")
                    .bind(expires)
                    .bind(id)
                    .execute(&db.pool)
                    .await
                    .expect("validity");
            }
        };
        let reminders =
            "SELECT COUNT(*) FROM notifications WHERE message_key = 'requests_notice_renewal'";
        // 60 working days before expiry: too early for a reminder.
        expire_in(60).await;
        jobs::run(&app.state).await.expect("job");
        assert_eq!(app.count(reminders).await, 0);
        // 40 working days before expiry = 10 working days before the last day to file: reminded, once.
        expire_in(40).await;
        jobs::run(&app.state).await.expect("job");
        assert_eq!(app.count(reminders).await, 1);
        jobs::run(&app.state).await.expect("again");
        assert_eq!(app.count(reminders).await, 1);
    }
);

on_both_backends!(
    a_union_files_a_strike_notice_against_a_registered_employer,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut worker = matrix::signed_in(&app, Actor::SeekerA, "10.95.2.1").await;
        let fields = strike_fields(&app, day(&app, 20));

        // The employer must be a registered company; a bad NIB writes nothing.
        let unknown = file_strike(&mut worker, &app, "1000000000999", &fields).await;
        assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(unknown.body.contains("employer_nib"), "{}", unknown.body);
        assert_eq!(app.count("SELECT COUNT(*) FROM requests").await, 0);
        // Too soon is refused as before (7 working days, Ps 140).
        let soon = strike_fields(&app, day(&app, 2));
        let early = file_strike(&mut worker, &app, "1000000000001", &soon).await;
        assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);

        let filed = file_strike(&mut worker, &app, "1000000000001", &fields).await;
        assert_eq!(filed.status, StatusCode::OK, "{}", filed.body);
        let code: String = serde_json::from_str(&filed.body).expect("code");
        let (id, company_id, filed_by, status, number): (i64, i64, i64, String, Option<String>) =
            one(
                &app,
                &format!(
                    "SELECT id, company_id, filed_by, status, number FROM requests WHERE code = '{code}'"
                ),
            )
            .await;
        assert_eq!((company_id, filed_by), (f.company_a, f.seeker_a));
        assert_eq!(status, "registered");
        assert!(number.is_some_and(|n| n.starts_with("MOGOK/")));
        // The mediation attempt is opened against the employer named in the form.
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM complaints WHERE company_id = {}",
                f.company_a
            ))
            .await,
            1
        );
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM notifications WHERE account_id = {} AND link = '/akun/mogok'",
                f.seeker_a
            ))
            .await,
            2
        );
        // The employer's company admins hear of the union's notice at once (only company A's).
        let admins = app
            .count(&format!(
                "SELECT COUNT(*) FROM accounts WHERE company_id = {} AND role = 'company' AND company_role = 'admin' AND disabled = 0",
                f.company_a
            ))
            .await;
        assert!(admins >= 1);
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM notifications n JOIN accounts a ON a.id = n.account_id \
                 WHERE n.message_key = 'requests_notice_strike_employer' AND a.company_id = {} AND a.company_role = 'admin'",
                f.company_a
            ))
            .await,
            admins
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM notifications WHERE message_key = 'requests_notice_strike_employer'")
                .await,
            admins
        );

        // The worker sees their notice and its receipt; another worker does not.
        let mine = ok_json(&mut worker, LoadUnionNotices::PATH, &[]).await;
        assert_eq!(mine["requests"][0]["code"], code.as_str());
        let keys: Vec<&str> = mine["types"]
            .as_array()
            .expect("types")
            .iter()
            .filter_map(|t| t["key"].as_str())
            .collect();
        assert_eq!(keys, ["strike"]);
        let receipt = format!("/layanan/{id}/dokumen.pdf");
        let pdf = worker.get(&receipt).await;
        assert_eq!(pdf.status, StatusCode::OK);
        // The receipt states the day with each date (Ps 140(2)): "Senin, 2027-01-11".
        let start = day(&app, 20);
        let dated = dnaker::features::requests::document_pdf::with_weekday(&start);
        assert!(dated.len() > start.len());
        assert!(pdf.body.contains(&dated), "{dated}");
        let mut other = matrix::signed_in(&app, Actor::SeekerB, "10.95.2.2").await;
        assert_eq!(other.get(&receipt).await.status, StatusCode::NOT_FOUND);

        // The employer sees the notice (not its survey) and may neither withdraw it nor file one itself.
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.95.2.3").await;
        let theirs = ok_json(&mut company, LoadCompanyRequests::PATH, &[]).await;
        assert_eq!(theirs["requests"][0]["code"], code.as_str());
        assert!(theirs["requests"][0]["survey_code"].is_null());
        assert!(
            !theirs["types"]
                .as_array()
                .expect("types")
                .iter()
                .any(|t| t["key"] == "strike")
        );
        assert_eq!(
            post(
                &mut company,
                WithdrawRequest::PATH,
                &[("request_id", id.to_string())]
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );
        let by_company = file_strike(&mut company, &app, "1000000000001", &fields).await;
        assert_eq!(by_company.status, StatusCode::FORBIDDEN);
        // A worker files only the union's notices.
        let (pp,): (i64,) = one(
            &app,
            "SELECT id FROM request_types WHERE type_key = 'pp_approval'",
        )
        .await;
        let pp = pp.to_string();
        let not_theirs = worker
            .post_multipart(FileRequest::PATH, &[("type_id", pp.as_str())], &[])
            .await;
        assert_eq!(not_theirs.status, StatusCode::FORBIDDEN);
        assert_eq!(app.count("SELECT COUNT(*) FROM requests").await, 1);
    }
);

on_both_backends!(
    phk_names_in_the_officer_queue_are_logged_about_the_worker,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.95.3.1").await;
        let (_, phk) = filed(
            &mut company,
            &app,
            "phk",
            &[
                ("worker_nik", "3603015508950001".to_owned()),
                ("worker_name", "Siti Aminah".into()),
                ("notice_date", day(&app, 0)),
                ("end_date", day(&app, 30)),
                ("probation", "tidak".into()),
                ("reasons", "Efisiensi".into()),
            ],
            &[("notice", PDF)],
        )
        .await;
        filed(&mut company, &app, "pp_approval", &pp_fields(), &pp_docs()).await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.95.3.2").await;
        let queue = ok_json(&mut officer, LoadOfficerRequests::PATH, &[]).await;
        assert_eq!(queue["queue"].as_array().map(Vec::len), Some(2));
        let reads = format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'requests.queue_read' \
             AND subject_id = '{phk}' AND subject_account_id = {} AND actor_account_id IS NOT NULL",
            f.seeker_a
        );
        assert_eq!(app.count(&reads).await, 1);
        // Only the PHK report is logged as a read of personal data.
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'requests.queue_read'")
                .await,
            1
        );
    }
);

on_both_backends!(
    the_shipped_notices_cite_their_articles,
    |app: TestApp| async move {
        let (basis,): (String,) = one(
            &app,
            "SELECT legal_basis FROM request_types WHERE type_key = 'lockout'",
        )
        .await;
        assert!(basis.contains("Ps 147"), "{basis}");
        let (fields,): (String,) = one(
            &app,
            "SELECT fields_json FROM request_types WHERE type_key = 'strike'",
        )
        .await;
        assert!(fields.contains("\"union_registration\""), "{fields}");
    }
);

on_both_backends!(
    a_correction_after_its_window_is_refused,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.95.4.1").await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.95.4.2").await;
        let (_, id) = filed(&mut company, &app, "pp_approval", &pp_fields(), &pp_docs()).await;
        assert_eq!(
            decide(&mut officer, id, "revise", "Lengkapi tanda tangan")
                .await
                .status,
            StatusCode::OK
        );
        // 14 working days are at most 40 calendar days, holidays included; the daily job has not run yet.
        app.state.clock.advance_ms(40 * MS_PER_DAY);
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.95.4.3").await;
        let rid = id.to_string();
        let late = company
            .post_multipart(
                CorrectRequest::PATH,
                &[
                    ("request_id", rid.as_str()),
                    ("f_workers", "121"),
                    ("f_renewal", "tidak"),
                    ("f_representatives", "Wakil pekerja: Budi, Sari, Tono"),
                ],
                &[],
            )
            .await;
        assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
        assert!(
            late.body.contains("requests_err_correction_lapsed"),
            "{}",
            late.body
        );
        // The guarded write refuses it too (a correction racing the deadline).
        let resubmitted = write::resubmit(
            &app.db().pool,
            &Resubmission {
                id,
                company_id: f.company_a,
                data_json: "{}",
                warnings_json: "[]",
                worker_nik_ciphertext: None,
                worker_nik_hash: None,
                event_date: None,
                due_at_ms: None,
                now_ms: app.state.clock.now_ms(),
            },
        )
        .await
        .expect("resubmit");
        assert!(!resubmitted);
        let (status,): (String,) = one(
            &app,
            &format!("SELECT status FROM requests WHERE id = {id}"),
        )
        .await;
        assert_eq!(status, "correction_requested");
    }
);

on_both_backends!(
    a_deemed_approval_states_its_own_types_period_and_basis,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut admin = matrix::signed_in(&app, Actor::Admin, "10.95.5.1").await;
        let form: Vec<(&str, String)> = vec![
            ("type_id", "0".into()),
            ("form[key]", "jadwal_shift".into()),
            ("form[name_id]", "Pengesahan jadwal kerja shift".into()),
            ("form[name_en]", "Shift schedule approval".into()),
            ("form[legal_basis]", "Perbup Tangerang 1/2026".into()),
            ("form[decider]", "officer".into()),
            ("form[decision_working_days]", "5".into()),
            ("form[correction_working_days]", "14".into()),
            ("form[issued_status]", "approved".into()),
            ("form[document_title]", "PERSETUJUAN JADWAL SHIFT".into()),
            ("form[validity_months]", "12".into()),
            ("form[deemed_approval]", "on".into()),
            ("form[active]", "on".into()),
            (
                "form[fields]",
                "shifts | number | wajib | Jumlah shift | Shifts".into(),
            ),
            (
                "form[documents]",
                "schedule | opsional | Jadwal shift | Shift schedule".into(),
            ),
        ];
        ok_json(&mut admin, SaveRequestType::PATH, &form).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.95.5.2").await;
        let (_, id) = filed(
            &mut company,
            &app,
            "jadwal_shift",
            &[("shifts", "3".into())],
            &[],
        )
        .await;
        // 5 working days are at most 20 calendar days, holidays included.
        app.state.clock.advance_ms(20 * MS_PER_DAY);
        jobs::run(&app.state).await.expect("job");
        let (status,): (String,) = one(
            &app,
            &format!("SELECT status FROM requests WHERE id = {id}"),
        )
        .await;
        assert_eq!(status, "deemed_approved");
        let (reason,): (String,) = one(
            &app,
            &format!(
                "SELECT reason FROM request_events WHERE request_id = {id} AND to_status = 'deemed_approved'"
            ),
        )
        .await;
        assert!(reason.contains("5 hari kerja"), "{reason}");
        assert!(reason.contains("Perbup Tangerang 1/2026"), "{reason}");
        assert!(!reason.contains("30 hari kerja"), "{reason}");
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.95.5.3").await;
        let pdf = company.get(&format!("/layanan/{id}/dokumen.pdf")).await;
        assert_eq!(pdf.status, StatusCode::OK);
    }
);
