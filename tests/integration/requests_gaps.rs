//! Requests, after the audit of issue 23, on SQLite and PostgreSQL: the worker a PHK report is about hears
//! when it is registered or refused; an officer files for a walk-in company at the counter; a PP renewal
//! names the approval it renews and is warned when filed late; a registered PKB is extended once, by at
//! most a year; an admin edits a shipped type (its clock, or switches it off).
use axum::http::StatusCode;
use dnaker::{
    features::requests::{
        api::{LoadCompanyRequests, LoadRequestTypes, SaveRequestType},
        company::AT_THE_COUNTER,
        model::{
            RequestType,
            clock::decision_due_ms,
            types::{documents_text, fields_text},
        },
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
    requests::{decide, file, filed, pp_docs, pp_fields, status},
    tka::{PDF, day},
};

const MS_PER_DAY: i64 = 86_400_000;

fn phk_fields(app: &TestApp, name: &str) -> Vec<(&'static str, String)> {
    vec![
        ("worker_nik", "3603015508950001".to_owned()),
        ("worker_name", name.to_owned()),
        ("notice_date", day(app, 0)),
        ("end_date", day(app, 30)),
        ("probation", "tidak".into()),
        ("reasons", "Efisiensi".into()),
    ]
}

async fn worker_notices(app: &TestApp, seeker: i64, key: &str) -> i64 {
    app.count(&format!(
        "SELECT COUNT(*) FROM notifications WHERE account_id = {seeker} AND message_key = '{key}'"
    ))
    .await
}

on_both_backends!(
    the_phk_worker_hears_when_the_report_is_registered_or_refused,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.96.0.1").await;
        let (_, kept) = filed(
            &mut company,
            &app,
            "phk",
            &phk_fields(&app, "Siti Aminah"),
            &[("notice", PDF)],
        )
        .await;
        let (_, refused) = filed(
            &mut company,
            &app,
            "phk",
            &phk_fields(&app, "Siti Aminah"),
            &[("notice", PDF)],
        )
        .await;
        assert_eq!(
            worker_notices(&app, f.seeker_a, "requests_notice_phk_worker").await,
            2
        );
        // A refusal (the report is incomplete) reaches the worker at once.
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.96.0.2").await;
        assert_eq!(
            decide(
                &mut officer,
                refused,
                "reject",
                "Bukti pemberitahuan tidak terbaca"
            )
            .await
            .status,
            StatusCode::OK
        );
        assert_eq!(status(&app, refused).await, "refused");
        assert_eq!(
            worker_notices(&app, f.seeker_a, "requests_notice_phk_worker_refused").await,
            1
        );
        assert_eq!(
            worker_notices(&app, f.seeker_a, "requests_notice_phk_worker_registered").await,
            0
        );
        // After the objection window the registration reaches them too; another seeker hears nothing.
        app.state.clock.advance_ms(20 * MS_PER_DAY);
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.96.0.3").await;
        assert_eq!(
            decide(&mut officer, kept, "approve", "").await.status,
            StatusCode::OK
        );
        assert_eq!(status(&app, kept).await, "registered");
        assert_eq!(
            worker_notices(&app, f.seeker_a, "requests_notice_phk_worker_registered").await,
            1
        );
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM notifications WHERE account_id = {} AND message_key LIKE 'requests_notice_phk%'",
                f.seeker_b
            ))
            .await,
            0
        );
    }
);

fn mass_leave(app: &TestApp) -> Vec<(&'static str, String)> {
    vec![
        ("start_date", day(app, 20)),
        ("end_date", day(app, 22)),
        ("workers", "300".into()),
        ("reasons", "Cuti bersama".into()),
    ]
}

/// A mass-leave notice posted with the counter's `company_nib` input (a plain input, not an `f_` field).
async fn at_counter(client: &mut Client<'_>, app: &TestApp, nib: &str) -> Response {
    let fields = mass_leave(app);
    let type_id = crate::requests::type_id(app, "mass_leave").await;
    let mut form: Vec<(String, String)> = vec![
        ("type_id".into(), type_id),
        ("company_nib".into(), nib.to_owned()),
    ];
    form.extend(fields.iter().map(|(k, v)| (format!("f_{k}"), v.clone())));
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    client
        .post_multipart(
            <dnaker::features::requests::api::FileRequest as ServerFn>::PATH,
            &form,
            &[],
        )
        .await
}

on_both_backends!(
    an_officer_files_for_a_walk_in_company_at_the_counter,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.96.1.1").await;
        // An unknown NIB (or none) is a field error, and nothing is written.
        let unknown = at_counter(&mut officer, &app, "1000000000999").await;
        assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(unknown.body.contains("company_nib"), "{}", unknown.body);
        let missing = file(&mut officer, &app, "mass_leave", &mass_leave(&app), &[]).await;
        assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(app.count("SELECT COUNT(*) FROM requests").await, 0);

        let filed = at_counter(&mut officer, &app, "1000000000001").await;
        assert_eq!(filed.status, StatusCode::OK, "{}", filed.body);
        let code: String = serde_json::from_str(&filed.body).expect("code");
        let (id, company_id, filed_by, state): (i64, i64, i64, String) =
            sqlx::query_as("SELECT id, company_id, filed_by, status FROM requests WHERE code = $1")
                .bind(&code)
                .fetch_one(&app.db().pool)
                .await
                .expect("request");
        assert_eq!(company_id, f.company_a);
        assert_eq!(state, "registered");
        // The company owns it (its admin account), the trail names the officer at the counter.
        let (officer_id,): (i64,) =
            sqlx::query_as("SELECT id FROM accounts WHERE email = 'officer@matrix.test'")
                .fetch_one(&app.db().pool)
                .await
                .expect("officer");
        let (admin_id,): (i64,) =
            sqlx::query_as("SELECT id FROM accounts WHERE email = 'admin-a@matrix.test'")
                .fetch_one(&app.db().pool)
                .await
                .expect("admin");
        assert_eq!(filed_by, admin_id);
        let (actor, role, reason): (Option<i64>, String, Option<String>) = sqlx::query_as(
            "SELECT actor_account_id, actor_role, reason FROM request_events WHERE request_id = $1 AND from_status IS NULL",
        )
        .bind(id)
        .fetch_one(&app.db().pool)
        .await
        .expect("first event");
        assert_eq!(
            (actor, role.as_str(), reason.as_deref()),
            (Some(officer_id), "counter", Some(AT_THE_COUNTER))
        );
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'requests.counter_file' AND actor_account_id = {officer_id} AND subject_id = '{id}'"
            ))
            .await,
            1
        );
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM notifications WHERE account_id = {admin_id} AND message_key = 'requests_notice_registered'"
            ))
            .await,
            1
        );
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.96.1.2").await;
        let theirs = ok_json(&mut company, LoadCompanyRequests::PATH, &[]).await;
        assert_eq!(theirs["requests"][0]["code"], code.as_str());

        // Only staff file at the counter: company B's NIB field is ignored (it files for itself), a
        // seeker is refused.
        let mut other = matrix::signed_in(&app, Actor::CompanyAdminB, "10.96.1.3").await;
        let own = at_counter(&mut other, &app, "1000000000001").await;
        assert_eq!(own.status, StatusCode::OK, "{}", own.body);
        let code_b: String = serde_json::from_str(&own.body).expect("code");
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM requests WHERE code = '{code_b}' AND company_id = {}",
                f.company_b
            ))
            .await,
            1
        );
        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "10.96.1.4").await;
        let refused = at_counter(&mut seeker, &app, "1000000000001").await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert_eq!(app.count("SELECT COUNT(*) FROM requests").await, 2);
    }
);

fn renewal(previous: &str) -> Vec<(&'static str, String)> {
    let mut fields = pp_fields();
    fields.retain(|(k, _)| *k != "renewal");
    fields.push(("renewal", "ya".into()));
    fields.push(("previous_number", previous.to_owned()));
    fields
}

async fn warnings(app: &TestApp, id: i64) -> String {
    let (warnings,): (String,) = sqlx::query_as("SELECT warnings_json FROM requests WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db().pool)
        .await
        .expect("warnings");
    warnings
}

on_both_backends!(
    a_pp_renewal_names_the_previous_approval_and_is_warned_when_late,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.96.2.1").await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.96.2.2").await;
        let (_, first) = filed(&mut company, &app, "pp_approval", &pp_fields(), &pp_docs()).await;
        assert_eq!(
            decide(&mut officer, first, "approve", "").await.status,
            StatusCode::OK
        );
        let (number,): (String,) = sqlx::query_as("SELECT number FROM requests WHERE id = $1")
            .bind(first)
            .fetch_one(&app.db().pool)
            .await
            .expect("number");

        // A renewal without the previous approval's number is refused, and nothing is written.
        let before = app.count("SELECT COUNT(*) FROM requests").await;
        let unnamed = file(&mut company, &app, "pp_approval", &renewal(""), &pp_docs()).await;
        assert_eq!(unnamed.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            unnamed.body.contains("requests_err_pp_previous"),
            "{}",
            unnamed.body
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM requests").await, before);

        // In time (the approval runs two more years): no warning.
        let (_, early) = filed(
            &mut company,
            &app,
            "pp_approval",
            &renewal(&number),
            &pp_docs(),
        )
        .await;
        assert!(!warnings(&app, early).await.contains("renewal_late"));

        // The approval now expires in 20 days, well inside the last 30 working days: warned, not refused.
        sqlx::query("UPDATE requests SET valid_until = $1 WHERE id = $2")
            .bind(day(&app, 20))
            .bind(first)
            .execute(&app.db().pool)
            .await
            .expect("expiry");
        let (_, late) = filed(
            &mut company,
            &app,
            "pp_approval",
            &renewal(&number),
            &pp_docs(),
        )
        .await;
        assert!(
            warnings(&app, late)
                .await
                .contains("requests_warn_pp_renewal_late")
        );
        assert_eq!(status(&app, late).await, "submitted");
    }
);

async fn number_and_validity(app: &TestApp, id: i64) -> (Option<String>, Option<String>) {
    sqlx::query_as("SELECT number, valid_until FROM requests WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db().pool)
        .await
        .expect("request")
}

fn extension(number: &str, term_end: String) -> Vec<(&'static str, String)> {
    vec![
        ("previous_number", number.to_owned()),
        ("union_name", "SPSI PT Uji A".into()),
        ("term_end", term_end),
    ]
}

on_both_backends!(
    a_registered_pkb_is_extended_once_by_at_most_a_year,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.96.3.1").await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.96.3.2").await;
        let (_, pkb) = filed(
            &mut company,
            &app,
            "pkb",
            &[
                ("union_name", "SPSI PT Uji A".into()),
                ("union_registration", "568/SP/2019".into()),
                ("term_start", day(&app, -60)),
                ("term_end", day(&app, 300)),
            ],
            &[("pkb_text", PDF)],
        )
        .await;
        assert_eq!(
            decide(&mut officer, pkb, "approve", "").await.status,
            StatusCode::OK
        );
        let (number, old_end) = number_and_validity(&app, pkb).await;
        let number = number.expect("registered");
        assert_eq!(old_end, Some(day(&app, 300)));
        let docs: &[(&str, &[u8])] = &[("extension_agreement", PDF)];

        // Not a PKB of this company registered here; more than a year past its end (367 days: a year
        // across 29 February is 366).
        let unknown = file(
            &mut company,
            &app,
            "pkb_extension",
            &extension("PKB/99999/3603/2026", day(&app, 500)),
            docs,
        )
        .await;
        assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            unknown.body.contains("requests_err_pkb_unknown"),
            "{}",
            unknown.body
        );
        let too_long = file(
            &mut company,
            &app,
            "pkb_extension",
            &extension(&number, day(&app, 300 + 367)),
            docs,
        )
        .await;
        assert_eq!(too_long.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            too_long.body.contains("requests_err_pkb_extension_term"),
            "{}",
            too_long.body
        );
        // Company B cannot extend company A's PKB.
        let mut other = matrix::signed_in(&app, Actor::CompanyAdminB, "10.96.3.3").await;
        let foreign = file(
            &mut other,
            &app,
            "pkb_extension",
            &extension(&number, day(&app, 600)),
            docs,
        )
        .await;
        assert_eq!(foreign.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM requests r JOIN request_types t ON t.id = r.type_id WHERE t.type_key = 'pkb_extension'")
                .await,
            0
        );

        // Within a year: registered with its own number, valid to the new end.
        let new_end = day(&app, 600);
        let (_, extended) = filed(
            &mut company,
            &app,
            "pkb_extension",
            &extension(&number, new_end.clone()),
            docs,
        )
        .await;
        assert_eq!(
            decide(&mut officer, extended, "approve", "").await.status,
            StatusCode::OK
        );
        assert_eq!(status(&app, extended).await, "registered");
        let (ext_number, ext_until) = number_and_validity(&app, extended).await;
        assert!(ext_number.is_some_and(|n| n.starts_with("PKB-P/")));
        assert_eq!(ext_until, Some(new_end));

        // Once only.
        let again = file(
            &mut company,
            &app,
            "pkb_extension",
            &extension(&number, day(&app, 650)),
            docs,
        )
        .await;
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            again.body.contains("requests_err_pkb_extended_once"),
            "{}",
            again.body
        );
    }
);

/// The admin's form of a type as it stands, with `change` applied.
fn type_form(ty: &RequestType, change: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let mut form = vec![
        ("type_id", ty.id.to_string()),
        ("form[key]", ty.key.clone()),
        ("form[name_id]", ty.name_id.clone()),
        ("form[name_en]", ty.name_en.clone()),
        ("form[legal_basis]", ty.legal_basis.clone()),
        ("form[decider]", ty.decider.clone()),
        (
            "form[decision_working_days]",
            ty.decision_working_days.to_string(),
        ),
        (
            "form[correction_working_days]",
            ty.correction_working_days.to_string(),
        ),
        ("form[issued_status]", ty.issued_status.clone()),
        ("form[document_title]", ty.document_title.clone()),
        ("form[validity_months]", ty.validity_months.to_string()),
        ("form[fields]", fields_text(&ty.fields)),
        ("form[documents]", documents_text(&ty.documents)),
    ];
    if ty.deemed_approval {
        form.push(("form[deemed_approval]", "on".into()));
    }
    if ty.active {
        form.push(("form[active]", "on".into()));
    }
    for (name, value) in change {
        form.retain(|(n, _)| n != name);
        if !value.is_empty() {
            form.push((name, (*value).to_owned()));
        }
    }
    form
}

on_both_backends!(
    an_admin_edits_a_shipped_types_clock_and_switches_one_off,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut admin = matrix::signed_in(&app, Actor::Admin, "10.96.4.1").await;
        let types: Vec<RequestType> =
            serde_json::from_value(ok_json(&mut admin, LoadRequestTypes::PATH, &[]).await)
                .expect("types");
        let of = |key: &str| types.iter().find(|t| t.key == key).cloned().expect(key);
        let (pp, leave) = (of("pp_approval"), of("mass_leave"));
        let saved = post(
            &mut admin,
            SaveRequestType::PATH,
            &type_form(&pp, &[("form[decision_working_days]", "20")]),
        )
        .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        let off = post(
            &mut admin,
            SaveRequestType::PATH,
            &type_form(&leave, &[("form[active]", "")]),
        )
        .await;
        assert_eq!(off.status, StatusCode::OK, "{}", off.body);

        // A new PP filing runs on the edited 20 working days; the switched-off type is gone for companies.
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.96.4.2").await;
        let filed_at = app.state.clock.now_ms();
        let (_, id) = filed(&mut company, &app, "pp_approval", &pp_fields(), &pp_docs()).await;
        let (due,): (Option<i64>,) = sqlx::query_as("SELECT due_at_ms FROM requests WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db().pool)
            .await
            .expect("due");
        let cal = reference::holiday_calendar(app.db())
            .await
            .expect("calendar");
        assert_eq!(due, Some(decision_due_ms(&cal, filed_at, 20)));
        let theirs = ok_json(&mut company, LoadCompanyRequests::PATH, &[]).await;
        assert!(
            !theirs["types"]
                .as_array()
                .expect("types")
                .iter()
                .any(|t| t["key"] == "mass_leave")
        );
        let refused = file(&mut company, &app, "mass_leave", &mass_leave(&app), &[]).await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'requests.type'")
                .await,
            2
        );
    }
);
