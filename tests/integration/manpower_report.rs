//! Integration tests of the manpower report (WLKP) and the compliance page, on SQLite and PostgreSQL: the
//! pre-fill equals what the portal knows of the company, a submitted report is locked and a correction keeps
//! both versions, the warnings hold a report back until confirmed, the receipt and its verification, C4,
//! and the authorization matrix of every endpoint.
use std::collections::HashMap;

use axum::http::StatusCode;
use dnaker::{
    core::calendar::{format_date, wib_date},
    features::{
        compliance::api::LoadCompliance,
        manpower_report::{
            api::{
                DeclareManpowerEvent, LoadCompanyReport, SubmitManpowerReport, VerifyManpowerReport,
            },
            jobs::send_due_reminders,
            service::{DuesScope, company_dues, latest_workforce},
        },
        pkwt::api::DecideContract,
        tka::api::ReportForeignWorker,
    },
};
use leptos::server_fn::ServerFn;

use crate::{
    common::{
        TestApp,
        matrix::{self, Actor, Case},
        ok_json, post,
    },
    safety::accident_form,
    vacancies::verify_company,
};

fn day(app: &TestApp, offset: i64) -> String {
    format_date(wib_date(app.state.clock.now_ms()) + time::Duration::days(offset))
}

/// A report of `total` workers that adds up and warns of nothing (20 workers: no P2K3 or disability duty).
pub(crate) fn report(total: i64, lowest_wage: &str) -> Vec<(String, String)> {
    let half = total / 2;
    let rest = total - half;
    let mut form: Vec<(String, String)> = [
        ("reason", "yearly".to_owned()),
        ("office_kind", "head".into()),
        ("address", "Jl. Raya Serang Km 12, Cikupa".into()),
        ("bpjs_number", "12345678901".into()),
        ("total", total.to_string()),
        ("male", half.to_string()),
        ("female", rest.to_string()),
        ("age_under_25", half.to_string()),
        ("age_25_39", rest.to_string()),
        ("age_40_54", "0".into()),
        ("age_55_up", "0".into()),
        ("edu_basic", "0".into()),
        ("edu_secondary", total.to_string()),
        ("edu_diploma", "0".into()),
        ("edu_degree", "0".into()),
        ("permanent", half.to_string()),
        ("pkwt", rest.to_string()),
        ("outsourced", "0".into()),
        ("daily", "0".into()),
        ("local", total.to_string()),
        ("foreign", "0".into()),
        ("disability", (total / 100).to_string()),
        ("lowest_wage", lowest_wage.into()),
        ("bpjs_tk", total.to_string()),
        ("bpjs_kes", total.to_string()),
        ("weekly_hours", "40".into()),
        ("overtime", "occasional".into()),
        ("trained", "2".into()),
        ("regulation_kind", "pp".into()),
        ("regulation_number", "PP/3603/2025/014".into()),
        ("regulation_valid_until", "2027-03-01".into()),
        ("k3_officers", "1".into()),
        ("accidents", "0".into()),
    ]
    .into_iter()
    .map(|(k, v)| (format!("form[{k}]"), v))
    .collect();
    if total >= 100 {
        form.push(("form[p2k3]".into(), "on".into()));
    }
    form
}

fn borrowed(form: &[(String, String)]) -> Vec<(&str, String)> {
    form.iter().map(|(k, v)| (k.as_str(), v.clone())).collect()
}

fn field<'a>(view: &'a serde_json::Value, name: &str) -> &'a str {
    view["form"][name].as_str().unwrap_or_default()
}

on_both_backends!(
    the_prefill_equals_what_the_portal_knows_of_the_company,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        verify_company(&app, f.company_a).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.90.0.1").await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.90.0.2").await;
        // One PKWT contract in force (registered and approved), one foreign worker, one accident.
        let yesterday = day(&app, -1);
        let contract = crate::pkwt::contract(
            &app,
            &[("start_date", &yesterday), ("signed_date", &yesterday)],
        );
        let response = crate::pkwt::register(&mut company, &contract, Some(crate::tka::PDF)).await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.body);
        let id: i64 = response.body.trim().parse().expect("contract id");
        ok_json(
            &mut officer,
            DecideContract::PATH,
            &[
                ("contract_id", id.to_string()),
                ("decision", "approve".into()),
            ],
        )
        .await;
        ok_json(
            &mut company,
            ReportForeignWorker::PATH,
            &crate::tka::worker(&app, "E7777 1234", &[]),
        )
        .await;
        let accident = accident_form(&app, 2, "injured");
        ok_json(
            &mut company,
            dnaker::features::safety::api::ReportAccident::PATH,
            &borrowed(&accident),
        )
        .await;

        // An approved company regulation (C3) fills the industrial-relations section.
        let (_, pp) = crate::requests::filed(
            &mut company,
            &app,
            "pp_approval",
            &crate::requests::pp_fields(),
            &crate::requests::pp_docs(),
        )
        .await;
        let approved = crate::requests::decide(&mut officer, pp, "approve", "").await;
        assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);

        // This year's report (the default is last year's for a company known before this year).
        let this_year = wib_date(app.state.clock.now_ms()).year().to_string();
        let view = ok_json(
            &mut company,
            LoadCompanyReport::PATH,
            &[("year", this_year)],
        )
        .await;
        assert_eq!(field(&view, "regulation_kind"), "pp");
        assert!(!field(&view, "regulation_number").is_empty());
        assert!(!field(&view, "regulation_valid_until").is_empty());
        // No earlier report: one contract + one foreign worker (not registered as PKWT) on fixed terms.
        assert_eq!(field(&view, "reason"), "founding");
        assert_eq!(field(&view, "pkwt"), "2");
        assert_eq!(field(&view, "foreign"), "1");
        assert_eq!(field(&view, "total"), "2");
        assert_eq!(field(&view, "female"), "1", "the contract's worker");
        assert_eq!(field(&view, "male"), "1", "the foreign worker");
        assert_eq!(field(&view, "accidents"), "1");
        assert_eq!(field(&view, "lowest_wage"), "5600000");
        let known = view["known"].as_array().expect("known facts");
        let fact = |key: &str| {
            known
                .iter()
                .find(|k| k["label_key"] == key)
                .and_then(|k| k["value"].as_str())
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!(fact("manpower_known_pkwt"), "1");
        assert_eq!(fact("manpower_known_tka"), "1");
        assert_eq!(fact("manpower_known_accidents"), "1");
        assert!(fact("manpower_known_regulation").starts_with("PP "));
        // Company B's page knows nothing of A's.
        let mut company_b = matrix::signed_in(&app, Actor::CompanyAdminB, "10.90.0.3").await;
        let b = ok_json(&mut company_b, LoadCompanyReport::PATH, &[]).await;
        assert_eq!(field(&b, "pkwt"), "0");
        assert_eq!(field(&b, "accidents"), "0");
        assert_eq!(field(&b, "regulation_kind"), "none");
        // Last year's report is as of 31 December: the PP approved this year was not yet in force then.
        let last_year = (wib_date(app.state.clock.now_ms()).year() - 1).to_string();
        let past = ok_json(
            &mut company,
            LoadCompanyReport::PATH,
            &[("year", last_year)],
        )
        .await;
        assert_eq!(field(&past, "regulation_kind"), "none");
    }
);

on_both_backends!(
    a_submitted_report_is_locked_and_a_correction_keeps_both_versions,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.90.1.1").await;
        // Counts that do not add up are refused, and nothing is written.
        let mut bad = report(20, "6000000");
        bad[5].1 = "11".into(); // male
        let response = post(&mut company, SubmitManpowerReport::PATH, &borrowed(&bad)).await;
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            response.body
        );
        assert!(
            response.body.contains("manpower_err_sum"),
            "{}",
            response.body
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM manpower_reports").await, 0);

        let first = ok_json(
            &mut company,
            SubmitManpowerReport::PATH,
            &borrowed(&report(20, "6000000")),
        )
        .await;
        let first_id = first["saved"].as_i64().expect("saved");
        assert_eq!(first["warnings"].as_array().map(Vec::len), Some(0));
        // Locked: submitting again without naming the version it corrects is refused.
        let again = post(
            &mut company,
            SubmitManpowerReport::PATH,
            &borrowed(&report(20, "6000000")),
        )
        .await;
        assert_eq!(again.status, StatusCode::CONFLICT);

        // A correction below the UMK is held back with its warning until confirmed.
        let correction_form = report(22, "1000000");
        let mut correction = borrowed(&correction_form);
        correction.push(("replaces", first_id.to_string()));
        let held = ok_json(&mut company, SubmitManpowerReport::PATH, &correction).await;
        assert!(held["saved"].is_null());
        let warnings = held["warnings"].as_array().expect("warnings");
        assert!(
            warnings.iter().any(|w| w
                .as_str()
                .unwrap_or_default()
                .starts_with("manpower_warn_umk")),
            "{warnings:?}"
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM manpower_reports").await, 1);
        correction.push(("confirm", "on".into()));
        let saved = ok_json(&mut company, SubmitManpowerReport::PATH, &correction).await;
        let second_id = saved["saved"].as_i64().expect("saved");

        // Both versions kept; the first superseded, the second current.
        let view = ok_json(&mut company, LoadCompanyReport::PATH, &[]).await;
        let versions = view["versions"].as_array().expect("versions");
        assert_eq!(versions.len(), 2);
        assert_eq!(versions[0]["version"], 2);
        assert_eq!(versions[0]["superseded"], false);
        assert_eq!(versions[1]["superseded"], true);
        assert_eq!(view["current_id"].as_i64(), Some(second_id));
        assert_eq!(field(&view, "total"), "22");
        // Correcting the superseded version again is a conflict.
        let stale = post(&mut company, SubmitManpowerReport::PATH, &correction).await;
        assert_eq!(stale.status, StatusCode::CONFLICT);

        // Receipts of both versions; QR to the public page, which says the first was corrected.
        for id in [first_id, second_id] {
            let receipt = company.get(&format!("/wlkp/{id}/tanda-terima.pdf")).await;
            assert_eq!(receipt.status, StatusCode::OK);
            assert!(receipt.body.starts_with("%PDF-"));
        }
        let mut company_b = matrix::signed_in(&app, Actor::CompanyAdminB, "10.90.1.2").await;
        let other = company_b
            .get(&format!("/wlkp/{first_id}/tanda-terima.pdf"))
            .await;
        assert_eq!(other.status, StatusCode::NOT_FOUND);
        let code = versions[1]["verification_code"]
            .as_str()
            .expect("code")
            .to_owned();
        let mut anonymous = crate::common::Client::new(&app, "10.90.1.3");
        let verified = ok_json(
            &mut anonymous,
            VerifyManpowerReport::PATH,
            &[("code", code)],
        )
        .await;
        assert_eq!(verified["superseded"], true);
        assert_eq!(verified["version"], 1);

        // C4: the latest workforce is the current version's.
        let mut conn = app.db().pool.acquire().await.expect("conn");
        assert_eq!(
            latest_workforce(&mut conn, f.company_a).await.expect("c4"),
            Some(22)
        );
        assert_eq!(
            latest_workforce(&mut conn, f.company_b).await.expect("c4"),
            None
        );
    }
);

on_both_backends!(
    the_compliance_page_shows_reports_accidents_and_filters,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.90.2.1").await;
        ok_json(
            &mut company,
            SubmitManpowerReport::PATH,
            &borrowed(&report(20, "6000000")),
        )
        .await;
        let accident = accident_form(&app, 1, "injured");
        ok_json(
            &mut company,
            dnaker::features::safety::api::ReportAccident::PATH,
            &borrowed(&accident),
        )
        .await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.90.2.2").await;
        let page = ok_json(&mut officer, LoadCompliance::PATH, &[]).await;
        let rows = page["companies"].as_array().expect("rows");
        let a = rows
            .iter()
            .find(|r| r["name"] == "PT Uji A")
            .expect("company A");
        assert_eq!(a["workforce"], 20);
        assert_eq!(a["accidents_this_year"], 1);
        // Yesterday at 00:00 WIB: less than two days ago.
        assert!(a["zero_accident_days"].as_i64().is_some_and(|d| d <= 1));
        assert_eq!(page["accidents"].as_array().map(Vec::len), Some(1));
        // No victim on the officers' list.
        assert_eq!(page["accidents"][0]["victim_name"], "");
        // A district filter that matches nobody.
        let none = ok_json(
            &mut officer,
            LoadCompliance::PATH,
            &[("district", "36.03.99".into())],
        )
        .await;
        assert_eq!(none["companies"].as_array().map(Vec::len), Some(0));
        // The filter applies to the accident and overdue-order lists too.
        let (company_a, officer_id): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT id FROM companies WHERE name = 'PT Uji A'), (SELECT id FROM accounts WHERE email = $1)",
        )
        .bind(matrix::email(Actor::Officer))
        .fetch_one(&app.db().pool)
        .await
        .expect("ids");
        let (inspection,): (i64,) = sqlx::query_as(
            "INSERT INTO k3_inspections (company_id, inspected_on, summary, document_key, created_by, created_at_ms) \
             VALUES ($1, '2026-01-05', 'Jalur evakuasi terhalang.', 'k3/x', $2, 1) RETURNING id",
        )
        .bind(company_a)
        .bind(officer_id)
        .fetch_one(&app.db().pool)
        .await
        .expect("inspection");
        sqlx::query(
            "INSERT INTO k3_orders (inspection_id, company_id, description, due_date, status) \
             VALUES ($1, $2, 'Bersihkan jalur evakuasi', '2026-01-10', 'open')",
        )
        .bind(inspection)
        .bind(company_a)
        .execute(&app.db().pool)
        .await
        .expect("order");
        let lists = |page: &serde_json::Value| {
            (
                page["accidents"].as_array().map_or(0, Vec::len),
                page["overdue_orders"].as_array().map_or(0, Vec::len),
            )
        };
        let all = ok_json(&mut officer, LoadCompliance::PATH, &[]).await;
        assert_eq!(lists(&all), (1, 1));
        for (filter, value, expected) in [
            ("district", "36.03.99", (0, 0)),
            ("district", "36.03.01", (1, 1)),
            ("sector", "A", (0, 0)),
            ("sector", "C", (1, 1)),
        ] {
            let page = ok_json(
                &mut officer,
                LoadCompliance::PATH,
                &[(filter, value.into())],
            )
            .await;
            assert_eq!(lists(&page), expected, "{filter}={value}");
        }
        // 120 more companies: 50 a page, the last page clamps, and the award list covers every page.
        for n in 0..120 {
            sqlx::query(
                "INSERT INTO companies (name, nib, npwp, kbli_section, kbli_division, district_code, address, size_band, \
                 contact_name, contact_email, verified, created_at_ms) VALUES ($1, $2, '012345678912000', 'C', '10', \
                 '36.03.01', 'Jl. Uji', 'kecil', 'Narahubung', 'x@matrix.test', 1, $3)",
            )
            .bind(format!("PT Zeta {n:03}"))
            .bind(format!("99{n:011}"))
            // The last one has the longest streak: first among the nominees.
            .bind(if n == 119 { 0_i64 } else { 1 })
            .execute(&app.db().pool)
            .await
            .expect("company");
        }
        let today = wib_date(app.state.clock.now_ms());
        let first = ok_json(&mut officer, LoadCompliance::PATH, &[]).await;
        let total = first["total"].as_i64().expect("total");
        assert!(total >= 122, "{total}");
        assert_eq!(first["companies"].as_array().map(Vec::len), Some(50));
        assert_eq!(first["page"], 1);
        assert_eq!(first["pages"].as_i64(), Some((total + 49) / 50));
        let nominees = first["award_nominees"].as_array().expect("nominees");
        assert!(
            nominees.iter().any(|n| n[0] == "PT Zeta 119"),
            "a company of the last page is a nominee: {nominees:?}"
        );
        assert!(
            nominees.iter().all(|n| n[0] != "PT Uji A"),
            "A had an accident"
        );
        let last = ok_json(&mut officer, LoadCompliance::PATH, &[("page", "99".into())]).await;
        assert_eq!(last["page"], first["pages"], "clamped to the last page");
        let rows = last["companies"].as_array().expect("rows");
        assert_eq!(rows.len() as i64, total - (total - 1) / 50 * 50);
        assert!(rows.iter().any(|r| r["name"] == "PT Zeta 119"));
        // Each page reads the due dates of its own companies: the same as reading every company's.
        let every: HashMap<i64, String> = {
            let mut conn = app.db().pool.acquire().await.expect("connection");
            company_dues(
                &mut conn,
                today,
                DuesScope::All {
                    verified_only: false,
                },
            )
            .await
            .expect("dues")
            .into_iter()
            .map(|d| (d.company_id, format_date(d.next().unwrap_or(today))))
            .collect()
        };
        for page in [&first, &last] {
            for row in page["companies"].as_array().expect("rows") {
                let id = row["company_id"].as_i64().expect("company id");
                assert_eq!(
                    row["report_due"].as_str(),
                    every.get(&id).map(String::as_str),
                    "{row}"
                );
            }
        }
        let csv = officer.get("/petugas/kepatuhan/laporan.csv").await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.body.contains("PT Uji A") && csv.body.contains("WLKP/"));
        let csv = officer.get("/petugas/kepatuhan/kecelakaan.csv").await;
        assert!(csv.body.contains("K3/") && !csv.body.contains("Budi"));
    }
);

fn with(form: &[(String, String)], extra: &[(&str, String)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = form
        .iter()
        .filter(|(k, _)| !extra.iter().any(|(e, _)| e == k))
        .cloned()
        .collect();
    out.extend(extra.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
    out
}

/// Only company A verified, registered now: the reminders go to its admins alone.
async fn only_company_a_verified(app: &TestApp, company_a: i64) -> i64 {
    sqlx::query(
        "UPDATE companies SET verified = CASE WHEN id = $1 THEN 1 ELSE 0 END, created_at_ms = $2",
    )
    .bind(company_a)
    .bind(app.state.clock.now_ms())
    .execute(&app.db().pool)
    .await
    .expect("verify");
    app.count(&format!(
        "SELECT COUNT(*) FROM accounts WHERE company_id = {company_a} AND company_role = 'admin' AND disabled = 0"
    ))
    .await
}

async fn notices(app: &TestApp, key: &str) -> i64 {
    app.count(&format!(
        "SELECT COUNT(*) FROM notifications WHERE message_key = '{key}'"
    ))
    .await
}

async fn set_umk(app: &TestApp, year: i32, amount: i64) {
    let region = dnaker::core::region::REGENCY.dotted;
    sqlx::query(
        "DELETE FROM minimum_wages WHERE region_code = $1 AND year = $2 AND sector_code IS NULL",
    )
    .bind(region)
    .bind(i64::from(year))
    .execute(&app.db().pool)
    .await
    .expect("delete");
    sqlx::query("INSERT INTO minimum_wages (region_code, year, sector_code, amount_idr, legal_basis) VALUES ($1, $2, NULL, $3, 'uji')")
        .bind(region)
        .bind(i64::from(year))
        .bind(amount)
        .execute(&app.db().pool)
        .await
        .expect("umk");
}

on_both_backends!(
    the_report_year_is_picked_and_that_years_umk_applies,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let this = wib_date(app.state.clock.now_ms()).year();
        let last = this - 1;
        set_umk(&app, last, 5_000_000).await;
        set_umk(&app, this, 6_000_000).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.90.3.1").await;
        // Last year's report: its wage is above last year's UMK (the higher UMK of this year does not apply).
        let form = with(&report(20, "5500000"), &[("year", last.to_string())]);
        let saved = ok_json(&mut company, SubmitManpowerReport::PATH, &borrowed(&form)).await;
        let id = saved["saved"].as_i64().expect("saved without warnings");
        assert_eq!(saved["warnings"].as_array().map(Vec::len), Some(0));
        let (year, receipt): (i64, String) =
            sqlx::query_as("SELECT year, receipt_number FROM manpower_reports WHERE id = $1")
                .bind(id)
                .fetch_one(&app.db().pool)
                .await
                .expect("row");
        assert_eq!(year, i64::from(last));
        assert!(receipt.contains(&format!("/{last}/")), "{receipt}");
        let view = ok_json(
            &mut company,
            LoadCompanyReport::PATH,
            &[("year", last.to_string())],
        )
        .await;
        assert_eq!(view["current_id"].as_i64(), Some(id));
        assert_eq!(view["year"].as_i64(), Some(i64::from(last)));
        // This year's report is a report of its own (not a correction), checked against this year's UMK.
        let form = with(&report(20, "5500000"), &[("year", this.to_string())]);
        let held = ok_json(&mut company, SubmitManpowerReport::PATH, &borrowed(&form)).await;
        assert!(held["saved"].is_null());
        let warning = held["warnings"][0].as_str().unwrap_or_default().to_owned();
        assert!(
            warning.starts_with("manpower_warn_umk") && warning.contains(&format!("year={this}")),
            "{warning}"
        );
        let confirmed = with(&form, &[("confirm", "on".into())]);
        let second = ok_json(
            &mut company,
            SubmitManpowerReport::PATH,
            &borrowed(&confirmed),
        )
        .await;
        assert!(second["saved"].as_i64().is_some());
        assert_eq!(
            app.count("SELECT COUNT(*) FROM manpower_reports WHERE version = 1")
                .await,
            2
        );
        // A year that is neither last year nor this year is refused.
        let form = with(&report(20, "6500000"), &[("year", (this - 2).to_string())]);
        let response = post(&mut company, SubmitManpowerReport::PATH, &borrowed(&form)).await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            response.body.contains("manpower_err_year"),
            "{}",
            response.body
        );
    }
);

on_both_backends!(
    a_correction_does_not_push_the_yearly_due_date_back,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let admins = only_company_a_verified(&app, f.company_a).await;
        let first_day = wib_date(app.state.clock.now_ms());
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.90.4.1").await;
        let first = ok_json(
            &mut company,
            SubmitManpowerReport::PATH,
            &borrowed(&report(20, "9000000")),
        )
        .await;
        let first_id = first["saved"].as_i64().expect("saved");
        // Ten months later, a correction of that report (its year is now last year).
        app.state.clock.advance_ms(300 * 86_400_000);
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.90.4.2").await;
        let correction = with(
            &report(21, "9000000"),
            &[
                ("year", first_day.year().to_string()),
                ("replaces", first_id.to_string()),
                ("confirm", "on".into()),
            ],
        );
        let saved = ok_json(
            &mut company,
            SubmitManpowerReport::PATH,
            &borrowed(&correction),
        )
        .await;
        assert!(saved["saved"].as_i64().is_some(), "{saved}");
        // 11.5 months after the first report: the yearly report is due within 30 days.
        app.state.clock.advance_ms(45 * 86_400_000);
        send_due_reminders(&app.state).await.expect("reminders");
        assert_eq!(notices(&app, "notice_wlkp_due").await, admins);
        let due = format_date(dnaker::features::manpower_report::rules::one_year_after(
            first_day,
        ));
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.90.4.3").await;
        let view = ok_json(&mut company, LoadCompanyReport::PATH, &[]).await;
        assert_eq!(view["due_date"].as_str(), Some(due.as_str()));
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.90.4.4").await;
        let page = ok_json(&mut officer, LoadCompliance::PATH, &[]).await;
        let a = page["companies"]
            .as_array()
            .and_then(|rows| {
                rows.iter()
                    .find(|r| r["company_id"].as_i64() == Some(f.company_a))
            })
            .cloned()
            .expect("company A");
        assert_eq!(
            a["report_due"].as_str(),
            Some(due.as_str()),
            "the same due date"
        );
    }
);

on_both_backends!(
    declared_moves_and_closings_set_due_dates_reminded_once,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let admins = only_company_a_verified(&app, f.company_a).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.90.5.1").await;
        let event =
            |kind: &str, date: String| vec![("form[kind]", kind.to_owned()), ("form[date]", date)];
        let bad = post(
            &mut company,
            DeclareManpowerEvent::PATH,
            &event("bankrupt", day(&app, 800)),
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(app.count("SELECT COUNT(*) FROM manpower_events").await, 0);
        // Closing in 40 days: the report is due in 10, so the reminder goes out at once, and once.
        ok_json(
            &mut company,
            DeclareManpowerEvent::PATH,
            &event("closing", day(&app, 40)),
        )
        .await;
        for _ in 0..2 {
            send_due_reminders(&app.state).await.expect("reminders");
        }
        assert_eq!(notices(&app, "notice_wlkp_closing").await, admins);
        let view = ok_json(&mut company, LoadCompanyReport::PATH, &[]).await;
        let has_due = |view: &serde_json::Value, trigger: &str| {
            view["dues"]
                .as_array()
                .is_some_and(|d| d.iter().any(|d| d["trigger"] == trigger))
        };
        assert!(has_due(&view, "closing"));
        assert_eq!(view["events"][0]["kind"], "closing");
        // The closing report meets it.
        let closing = with(
            &report(20, "9000000"),
            &[("form[reason]", "closing".into())],
        );
        ok_json(
            &mut company,
            SubmitManpowerReport::PATH,
            &borrowed(&closing),
        )
        .await;
        let view = ok_json(&mut company, LoadCompanyReport::PATH, &[]).await;
        assert!(!has_due(&view, "closing"), "{}", view["dues"]);
        // A move in 10 days: a report before it at once; one after it from the moving day.
        ok_json(
            &mut company,
            DeclareManpowerEvent::PATH,
            &event("moving", day(&app, 10)),
        )
        .await;
        send_due_reminders(&app.state).await.expect("reminders");
        assert_eq!(notices(&app, "notice_wlkp_moving_out").await, admins);
        assert_eq!(notices(&app, "notice_wlkp_moved").await, 0);
        app.state.clock.advance_ms(10 * 86_400_000);
        for _ in 0..2 {
            send_due_reminders(&app.state).await.expect("reminders");
        }
        assert_eq!(notices(&app, "notice_wlkp_moved").await, admins);
        assert_eq!(notices(&app, "notice_wlkp_moving_out").await, admins);
        assert_eq!(notices(&app, "notice_wlkp_closing").await, admins);
    }
);

on_both_backends!(
    the_prefill_of_a_past_year_counts_its_31_december_and_last_years_report_is_the_base,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        verify_company(&app, f.company_a).await;
        let pool = &app.db().pool;
        let this = wib_date(app.state.clock.now_ms()).year();
        let last = this - 1;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.90.8.1").await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.90.8.2").await;
        // A PKWT contract of last year that ended early on 15 January: in force on last year's 31 December,
        // not today.
        let yesterday = day(&app, -1);
        let contract = crate::pkwt::contract(
            &app,
            &[("start_date", &yesterday), ("signed_date", &yesterday)],
        );
        let response = crate::pkwt::register(&mut company, &contract, Some(crate::tka::PDF)).await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.body);
        let id: i64 = response.body.trim().parse().expect("contract id");
        ok_json(
            &mut officer,
            DecideContract::PATH,
            &[
                ("contract_id", id.to_string()),
                ("decision", "approve".into()),
            ],
        )
        .await;
        sqlx::query(
            "UPDATE pkwt_contracts SET start_date = $1, end_date = $2, ended_on = $3, ended_early = 1 WHERE id = $4",
        )
        .bind(format!("{last}-06-01"))
        .bind(format!("{this}-12-31"))
        .bind(format!("{this}-01-15"))
        .bind(id)
        .execute(pool)
        .await
        .expect("dates");
        // A foreign worker since last March (still working), and one who left before last year's end.
        ok_json(
            &mut company,
            ReportForeignWorker::PATH,
            &crate::tka::worker(&app, "E7777 1234", &[]),
        )
        .await;
        ok_json(
            &mut company,
            ReportForeignWorker::PATH,
            &crate::tka::worker(&app, "E7777 5678", &[]),
        )
        .await;
        let workers: Vec<(i64,)> = sqlx::query_as("SELECT id FROM tka_workers ORDER BY id")
            .fetch_all(pool)
            .await
            .expect("workers");
        assert_eq!(workers.len(), 2);
        sqlx::query("UPDATE tka_workers SET start_date = $1 WHERE id = $2")
            .bind(format!("{last}-03-01"))
            .bind(workers[0].0)
            .execute(pool)
            .await
            .expect("start");
        sqlx::query(
            "UPDATE tka_workers SET start_date = $1, status = 'left', left_on = $2 WHERE id = $3",
        )
        .bind(format!("{last}-03-01"))
        .bind(format!("{last}-11-30"))
        .bind(workers[1].0)
        .execute(pool)
        .await
        .expect("left");
        // A P2K3 self-check today (a committee formed): not yet on last year's 31 December.
        ok_json(
            &mut company,
            dnaker::features::safety::api::SubmitP2k3Check::PATH,
            &[
                ("form[workers]", "150".into()),
                ("form[formed]", "on".into()),
                ("form[members]", "6".into()),
            ],
        )
        .await;

        // The default report year is last year, counted as of its 31 December.
        let view = ok_json(&mut company, LoadCompanyReport::PATH, &[]).await;
        assert_eq!(view["year"].as_i64(), Some(i64::from(last)));
        assert_eq!(field(&view, "reason"), "founding");
        assert_eq!(
            field(&view, "pkwt"),
            "2",
            "the contract ended after 31 December + the foreign worker"
        );
        assert_eq!(
            field(&view, "foreign"),
            "1",
            "the worker who left in November is not counted"
        );
        assert!(
            view["form"]["p2k3"].is_null(),
            "this year's self-check: {view}"
        );
        let fact = |view: &serde_json::Value, key: &str| {
            view["known"]
                .as_array()
                .and_then(|k| k.iter().find(|k| k["label_key"] == key))
                .and_then(|k| k["value"].as_str())
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!(fact(&view, "manpower_known_pkwt"), "1");

        // Last year's report, submitted: this year's form starts from it, with the portal's facts of this year.
        let form = with(&report(20, "5500000"), &[("year", last.to_string())]);
        let saved = ok_json(&mut company, SubmitManpowerReport::PATH, &borrowed(&form)).await;
        assert!(saved["saved"].as_i64().is_some(), "{saved}");
        let accident = accident_form(&app, 0, "injured");
        ok_json(
            &mut company,
            dnaker::features::safety::api::ReportAccident::PATH,
            &borrowed(&accident),
        )
        .await;
        let now = app.state.clock.now_ms();
        sqlx::query(
            "INSERT INTO vacancies (company_id, title, description, kbli_section, education_code, district_code, \
             wage_min_idr, wage_max_idr, headcount, work_type, deadline, status, created_at_ms, published_at_ms) \
             VALUES ($1, 'Operator Produksi', 'Shift pagi', 'C', 'SMA', '36.03.01', 5300000, 5600000, 3, 'full_time', \
             $2, 'published', $3, $3)",
        )
        .bind(f.company_a)
        .bind(day(&app, 20))
        .bind(now)
        .execute(pool)
        .await
        .expect("vacancy");
        let reporter = sqlx::query_as::<_, (i64,)>("SELECT id FROM accounts WHERE email = $1")
            .bind(matrix::email(Actor::CompanyAdminA))
            .fetch_one(pool)
            .await
            .expect("account")
            .0;
        sqlx::query(
            "INSERT INTO placements (company_id, worker_name, nik_ciphertext, nik_hash, position, start_date, wage_idr, \
             contract_type, reported_by, created_at_ms) VALUES ($1, 'Rina', 'test', 'test', 'Operator', $2, 5600000, \
             'contract', $3, $4)",
        )
        .bind(f.company_a)
        .bind(day(&app, 0))
        .bind(reporter)
        .bind(now)
        .execute(pool)
        .await
        .expect("placement");
        let view = ok_json(
            &mut company,
            LoadCompanyReport::PATH,
            &[("year", this.to_string())],
        )
        .await;
        assert_eq!(
            field(&view, "reason"),
            "yearly",
            "last year's report is the base"
        );
        assert_eq!(field(&view, "total"), "20", "from last year's report");
        assert_eq!(
            field(&view, "bpjs_number"),
            "12345678901",
            "from last year's report"
        );
        assert_eq!(
            field(&view, "pkwt"),
            "1",
            "the early-ended contract is gone; the foreign worker stays"
        );
        assert_eq!(field(&view, "foreign"), "1");
        assert_eq!(field(&view, "accidents"), "1");
        assert_eq!(field(&view, "p2k3"), "on", "from the P2K3 self-check");
        let changed: Vec<&str> = view["changed"]
            .as_array()
            .expect("changed")
            .iter()
            .filter_map(|c| c.as_str())
            .collect();
        for name in ["pkwt", "foreign", "accidents", "p2k3"] {
            assert!(changed.contains(&name), "{name} changed: {changed:?}");
        }
        assert!(!changed.contains(&"total"), "{changed:?}");
        assert_eq!(fact(&view, "manpower_known_vacancies"), "1");
        assert_eq!(fact(&view, "manpower_known_placements"), "1");
        assert_eq!(fact(&view, "manpower_known_accidents"), "1");
        assert_eq!(fact(&view, "manpower_known_tka"), "1");
    }
);

/// The matrix cases of the manpower report and the compliance page.
pub(crate) async fn manpower_cases(app: &TestApp, _f: &matrix::Fixture) -> Vec<Case> {
    let mut company = matrix::signed_in(app, Actor::CompanyAdminA, "10.91.0.1").await;
    let saved = ok_json(
        &mut company,
        SubmitManpowerReport::PATH,
        &borrowed(&report(20, "6000000")),
    )
    .await;
    let id = saved["saved"].as_i64().expect("saved");
    let (code,): (String,) =
        sqlx::query_as("SELECT verification_code FROM manpower_reports WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db().pool)
            .await
            .expect("code");
    let valid_form = report(20, "6000000");
    let valid = borrowed(&valid_form);
    vec![
        Case::post(
            "the company's report page",
            LoadCompanyReport::PATH,
            &[],
            &matrix::COMPANY_MEMBERS,
        ),
        Case::post(
            "submit a report",
            SubmitManpowerReport::PATH,
            &valid,
            &matrix::COMPANY_MEMBERS,
        ),
        Case::public(
            "verify a receipt",
            matrix::Method::Post,
            VerifyManpowerReport::PATH,
            &[("code", code)],
        ),
        Case::get(
            "a report's receipt",
            &format!("/wlkp/{id}/tanda-terima.pdf"),
            &[
                Actor::CompanyAdminA,
                Actor::CompanyStaffA,
                Actor::Officer,
                Actor::Admin,
            ],
        ),
        Case::post(
            "declare a move, closing or reopening",
            DeclareManpowerEvent::PATH,
            &[
                ("form[kind]", "moving".into()),
                ("form[date]", day(app, 60)),
            ],
            &matrix::COMPANY_MEMBERS,
        ),
        Case::post(
            "the compliance page",
            LoadCompliance::PATH,
            &[],
            &matrix::STAFF,
        ),
        Case::get(
            "reports CSV",
            "/petugas/kepatuhan/laporan.csv",
            &matrix::STAFF,
        ),
        Case::get(
            "accidents CSV",
            "/petugas/kepatuhan/kecelakaan.csv",
            &matrix::STAFF,
        ),
    ]
}
