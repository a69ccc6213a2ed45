//! Integration tests of regulations as content, on SQLite and PostgreSQL: the seeded texts, search, a new
//! version with its history, followers told when a version changes or takes effect (once), the wage
//! consequence for companies, a stale edit refused, and the matrix.
use axum::http::StatusCode;
use leptos::server_fn::ServerFn;

use dnaker::{
    core::calendar::{format_date, wib_date},
    features::regulations::{
        api::{FollowRegulations, ListRegulations, LoadRegulation, PublishRegulation},
        jobs,
    },
};

use crate::common::{
    Client, TestApp,
    matrix::{self, Actor, Case, SIGNED_IN, STAFF},
    ok_json, post,
};

fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = [
        ("category", "wages"),
        ("kind", "regulation"),
        ("title", "UMK Kabupaten Tangerang 2027"),
        ("body", "Pasal 1\nUMK 2027: Rp5.500.000 sebulan."),
        ("effective_on", "2026-01-01"),
    ]
    .iter()
    .filter(|(k, _)| !pairs.iter().any(|(p, _)| p == k))
    .chain(pairs.iter())
    .map(|(k, v)| (format!("form[{k}]"), (*v).to_owned()))
    .collect();
    all.sort();
    all
}

async fn publish(client: &mut Client<'_>, pairs: &[(&str, &str)]) -> crate::common::Response {
    let f = form(pairs);
    let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    client.post(PublishRegulation::PATH, &refs).await
}

fn day(app: &TestApp, offset: i64) -> String {
    let today = wib_date(app.state.clock.now_ms());
    format_date(
        today
            .checked_add(time::Duration::days(offset))
            .expect("date"),
    )
}

async fn notices(app: &TestApp, key: &str) -> i64 {
    app.count(&format!(
        "SELECT COUNT(*) FROM notifications WHERE message_key = '{key}'"
    ))
    .await
}

on_both_backends!(
    the_former_texts_are_content_and_searchable,
    |app: TestApp| async move {
        let mut visitor = Client::new(&app, "10.81.0.1");
        let all = ok_json(&mut visitor, ListRegulations::PATH, &[]).await;
        assert_eq!(
            all["items"].as_array().map(Vec::len),
            Some(13),
            "8 regulations and 5 procedures"
        );
        assert_eq!(all["followed"], serde_json::Value::Null);
        let found = ok_json(
            &mut visitor,
            ListRegulations::PATH,
            &[("q", "pp 35/2021".into())],
        )
        .await;
        assert_eq!(
            found["items"].as_array().map(Vec::len),
            Some(2),
            "PKWT and overtime"
        );
        let wages = ok_json(
            &mut visitor,
            ListRegulations::PATH,
            &[("category", "wages".into())],
        )
        .await;
        assert_eq!(wages["items"].as_array().map(Vec::len), Some(2));
        // Wildcards are literal and the query is bounded.
        let none = ok_json(&mut visitor, ListRegulations::PATH, &[("q", "%_%".into())]).await;
        assert_eq!(none["items"].as_array().map(Vec::len), Some(0));
        let long = ok_json(
            &mut visitor,
            ListRegulations::PATH,
            &[("q", "a".repeat(5_000))],
        )
        .await;
        assert!(long["items"].is_array());
        let page = visitor.get("/regulasi?q=PKWT").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("PP 35/2021"));
        let missing = post(
            &mut visitor,
            LoadRegulation::PATH,
            &[("id", "999999".into())],
        )
        .await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
    }
);

on_both_backends!(
    a_new_version_keeps_history_and_tells_followers_once,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "10.81.1.1").await;
        ok_json(
            &mut seeker,
            FollowRegulations::PATH,
            &[("category", "wages".into()), ("follow", "1".into())],
        )
        .await;
        let mut b = matrix::signed_in(&app, Actor::SeekerB, "10.81.1.2").await;
        ok_json(
            &mut b,
            FollowRegulations::PATH,
            &[("category", "safety".into()), ("follow", "1".into())],
        )
        .await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.81.1.3").await;
        // A new regulation already in force: the followers of "wages" are told at once, others not.
        let response = publish(&mut officer, &[]).await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.body);
        let id: i64 = response.body.trim().parse().expect("id");
        assert_eq!(notices(&app, "notice_regulation_changed").await, 1);
        // A new version taking effect next week: told in advance, announced again on the day.
        let next_week = day(&app, 7);
        let id_text = id.to_string();
        let version = publish(
            &mut officer,
            &[
                ("regulation_id", &id_text),
                ("base_version", "1"),
                ("body", "Pasal 1\nUMK 2027: Rp5.600.000 sebulan."),
                ("change_note", "Angka UMK dikoreksi"),
                ("effective_on", &next_week),
            ],
        )
        .await;
        assert_eq!(version.status, StatusCode::OK, "{}", version.body);
        // Published ahead of its date: the followers are told now when it takes effect (once per version).
        let (to, params): (i64, String) = sqlx::query_as(
            "SELECT account_id, params FROM notifications WHERE message_key = 'notice_regulation_upcoming'",
        )
        .fetch_one(&app.db().pool)
        .await
        .expect("one advance notice");
        assert_eq!(to, f.seeker_a);
        let params: serde_json::Value = serde_json::from_str(&params).expect("params");
        assert_eq!(params["date"], next_week.as_str());
        assert_eq!(params["subject"], "UMK Kabupaten Tangerang 2027");
        // An editor who started from version 1 too is refused, not silently overwritten.
        let stale = publish(
            &mut officer,
            &[
                ("regulation_id", &id_text),
                ("base_version", "1"),
                ("change_note", "Perubahan lain"),
                ("effective_on", &next_week),
            ],
        )
        .await;
        assert_eq!(stale.status, StatusCode::CONFLICT);
        let detail = ok_json(
            &mut seeker,
            LoadRegulation::PATH,
            &[("id", id_text.clone())],
        )
        .await;
        assert_eq!(detail["versions"].as_array().map(Vec::len), Some(2));
        assert_eq!(detail["current"]["version"], 2);
        assert_eq!(detail["current"]["change_note"], "Angka UMK dikoreksi");
        assert_eq!(detail["in_force"], false);
        assert_eq!(
            detail["form"],
            serde_json::Value::Null,
            "no editor for a seeker"
        );
        let page = seeker.get(&format!("/regulasi/{id}?a=1&b=2")).await;
        assert!(
            page.body.contains("Rp5.600.000") && page.body.contains("Rp5.500.000"),
            "side by side"
        );
        jobs::announce_effective(&app.state).await.expect("job");
        assert_eq!(
            notices(&app, "notice_regulation_changed").await,
            1,
            "not yet in force"
        );
        app.state.clock.advance_ms(8 * 86_400_000);
        jobs::announce_effective(&app.state).await.expect("job");
        jobs::announce_effective(&app.state)
            .await
            .expect("job again");
        assert_eq!(
            notices(&app, "notice_regulation_changed").await,
            2,
            "told once when it took effect"
        );
        assert_eq!(
            notices(&app, "notice_regulation_upcoming").await,
            1,
            "the stale edit told no one"
        );
        let (account,): (i64,) = sqlx::query_as("SELECT account_id FROM notifications WHERE message_key = 'notice_regulation_changed' ORDER BY id DESC")
        .fetch_one(&app.db().pool)
        .await
        .expect("notice");
        assert_eq!(account, f.seeker_a);
        // Unfollowing stops the notices.
        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "10.81.1.4").await;
        ok_json(
            &mut seeker,
            FollowRegulations::PATH,
            &[("category", "wages".into()), ("follow", "0".into())],
        )
        .await;
        assert_eq!(
            app.count("SELECT COUNT(*) FROM regulation_follows WHERE category = 'wages'")
                .await,
            0
        );
    }
);

/// A registered, approved contract of `company` paying `wage_idr`, in force until next year.
async fn contract(app: &TestApp, company: i64, by: i64, wage_idr: i64, tag: &str) {
    sqlx::query(
        "INSERT INTO pkwt_contracts (company_id, worker_id_ciphertext, worker_id_hash, worker_name, worker_sex, worker_birth_date, \
         worker_address, foreign_worker, position, workplace, wage_idr, wage_with_allowances, contract_kind, start_date, end_date, \
         signed_place, signed_date, link_kind, late, status, submitted_at_ms, due_at_ms, submitted_by, registration_number) \
         VALUES ($1, 'x', $2, 'Siti', 'female', '1995-08-15', 'Jl. Uji', 0, 'Operator', 'Pabrik', $3, 0, 'period', $4, $5, \
         'Tangerang', $4, 'new', 0, 'approved', 1, 2, $6, $7)",
    )
    .bind(company)
    .bind(format!("hash-{tag}"))
    .bind(wage_idr)
    .bind(day(app, -100))
    .bind(day(app, 300))
    .bind(by)
    .bind(format!("PKWT-REG-{tag}"))
    .execute(&app.db().pool)
    .await
    .expect("contract");
}

async fn account(app: &TestApp, actor: Actor) -> i64 {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM accounts WHERE email = $1")
        .bind(matrix::email(actor))
        .fetch_one(&app.db().pool)
        .await
        .expect("account");
    id
}

on_both_backends!(
    a_wage_regulation_tells_companies_paying_below_the_umk_once_per_version,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let (admin_a, admin_b) = (
            account(&app, Actor::CompanyAdminA).await,
            account(&app, Actor::CompanyAdminB).await,
        );
        // Company A pays one worker below the UMK in force (2026: Rp 5.210.377), company B above it.
        contract(&app, f.company_a, admin_a, 4_000_000, "a-low").await;
        contract(&app, f.company_a, admin_a, 6_000_000, "a-high").await;
        contract(&app, f.company_b, admin_b, 6_000_000, "b-high").await;
        let consequences = || async {
            sqlx::query_as::<_, (i64, String, Option<String>)>(
                "SELECT account_id, params, link FROM notifications \
                 WHERE message_key = 'notice_regulation_wage_consequence' ORDER BY id",
            )
            .fetch_all(&app.db().pool)
            .await
            .expect("consequences")
        };
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.81.3.1").await;
        // A wage regulation already in force: company A's admin is told at once, company B's is not.
        let response = publish(&mut officer, &[]).await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.body);
        let told = consequences().await;
        assert_eq!(told.len(), 1, "{told:?}");
        assert_eq!(told[0].0, admin_a);
        assert_eq!(told[0].2.as_deref(), Some("/perusahaan/pkwt"));
        let params: serde_json::Value = serde_json::from_str(&told[0].1).expect("params");
        assert_eq!(params["count"], "1", "only the contract below the UMK");
        assert!(
            params["umk"].as_str().is_some_and(|u| u.contains(" Rp ")),
            "{params}"
        );
        // Rerunning the daily job tells nobody again.
        for _ in 0..2 {
            jobs::announce_effective(&app.state).await.expect("job");
        }
        assert_eq!(consequences().await.len(), 1);
        // A regulation of another category has no wage consequence.
        let other = publish(
            &mut officer,
            &[("category", "safety"), ("title", "Pedoman K3 gudang")],
        )
        .await;
        assert_eq!(other.status, StatusCode::OK, "{}", other.body);
        assert_eq!(consequences().await.len(), 1);
        // A new wage version taking effect in three days: nothing for companies until that day, then once.
        let id = response.body.trim().to_owned();
        let later = day(&app, 3);
        let version = publish(
            &mut officer,
            &[
                ("regulation_id", &id),
                ("base_version", "1"),
                ("change_note", "UMK baru"),
                ("effective_on", &later),
            ],
        )
        .await;
        assert_eq!(version.status, StatusCode::OK, "{}", version.body);
        jobs::announce_effective(&app.state).await.expect("job");
        assert_eq!(consequences().await.len(), 1, "not yet in force");
        app.state.clock.advance_ms(4 * 86_400_000);
        for _ in 0..2 {
            jobs::announce_effective(&app.state).await.expect("job");
        }
        let told = consequences().await;
        assert_eq!(told.len(), 2, "once more, for the new version");
        assert!(told.iter().all(|(to, ..)| *to == admin_a), "{told:?}");
    }
);

on_both_backends!(bad_forms_write_nothing, |app: TestApp| async move {
    matrix::fixture(&app).await;
    let mut officer = matrix::signed_in(&app, Actor::Officer, "10.81.2.1").await;
    let before = app.count("SELECT COUNT(*) FROM regulation_versions").await;
    for bad in [
        vec![("title", "ab")],
        vec![("category", "x")],
        vec![("link", "https://evil.example")],
        vec![("effective_on", "2026-02-30")],
        vec![("regulation_id", "1"), ("change_note", "")],
    ] {
        let response = publish(&mut officer, &bad).await;
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{bad:?}: {}",
            response.body
        );
    }
    let unknown = publish(
        &mut officer,
        &[("regulation_id", "999999"), ("change_note", "Perubahan")],
    )
    .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM regulation_versions").await,
        before
    );
});

pub(crate) async fn regulation_cases(_app: &TestApp, _f: &matrix::Fixture) -> Vec<Case> {
    let new: Vec<(String, String)> = form(&[("effective_on", "2030-01-01")]);
    let new: Vec<(&str, String)> = new.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    vec![
        Case::public(
            "search regulations",
            matrix::Method::Post,
            ListRegulations::PATH,
            &[("q", "UMK".into())],
        ),
        Case::public(
            "a regulation",
            matrix::Method::Post,
            LoadRegulation::PATH,
            &[("id", "1".into())],
        ),
        Case::post(
            "follow a category",
            FollowRegulations::PATH,
            &[("category", "contracts".into()), ("follow", "1".into())],
            &SIGNED_IN,
        ),
        Case::post(
            "publish a regulation",
            PublishRegulation::PATH,
            &new,
            &STAFF,
        ),
    ]
}
