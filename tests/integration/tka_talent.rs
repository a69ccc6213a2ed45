//! The DKPTKA queue's local-talent check reads the hourly count of card holders (`tka_talent_pool`): not
//! known before the first count, each holder once, only valid cards, flagged when the count is old, and a
//! count made earlier never replaces a later one.
use dnaker::features::tka::{
    api::{CreateLevyBill, LoadOfficerTka, ReportForeignWorker},
    jobs::count_talent_pool,
    repo::talent,
};
use leptos::server_fn::ServerFn;

use crate::{
    ak1::{PNG, issue_card_for_seeker_a},
    common::{
        TestApp,
        matrix::{self, Actor},
        ok_json,
    },
    tka::{bill, day, pay, worker},
    vacancies::verify_company,
};

const HOUR_MS: i64 = 3_600_000;

/// The holders the queue shows for each position of the one waiting payment.
fn holders(queue: &serde_json::Value) -> Vec<serde_json::Value> {
    queue["queue"][0]["talent"]
        .as_array()
        .expect("talent rows")
        .iter()
        .map(|row| row["ak1_holders"].clone())
        .collect()
}

on_both_backends!(
    the_local_talent_check_reads_the_hourly_count,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        verify_company(&app, f.company_a).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.83.0.1").await;
        ok_json(
            &mut company,
            ReportForeignWorker::PATH,
            &worker(&app, "E1234 5678", &[]),
        )
        .await;
        let id = ok_json(&mut company, CreateLevyBill::PATH, &bill(&app, 61, 231))
            .await
            .as_i64()
            .expect("bill");
        assert_eq!(
            pay(&mut company, &app, id, Some(("bukti.png", PNG)))
                .await
                .status,
            200
        );
        // The title "Production Manager" names two of the holder's wishes: they count once.
        issue_card_for_seeker_a(&app).await;
        sqlx::query("UPDATE seeker_profiles SET preferred_occupations = 'Manager, Production , operator' WHERE account_id = $1")
            .bind(f.seeker_a)
            .execute(&app.db().pool)
            .await
            .expect("wishes");

        // Before the first count: not known (null, never a zero that reads as "nobody").
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.83.0.2").await;
        let queue = ok_json(&mut officer, LoadOfficerTka::PATH, &[]).await;
        assert_eq!(
            (queue["waiting"].as_i64(), queue["overdue"].as_i64()),
            (Some(1), Some(0))
        );
        assert!(queue["talent_counted_at_ms"].is_null());
        assert_eq!(queue["talent_stale"], false);
        assert_eq!(holders(&queue), vec![serde_json::Value::Null]);

        let before = app.state.clock.now_ms();
        count_talent_pool(&app.state).await.expect("count");
        let counted_at = app
            .count("SELECT built_at_ms FROM talent_pool_builds")
            .await;
        assert!((before..=app.state.clock.now_ms()).contains(&counted_at));
        let queue = ok_json(&mut officer, LoadOfficerTka::PATH, &[]).await;
        assert_eq!(queue["talent_counted_at_ms"].as_i64(), Some(counted_at));
        assert_eq!(holders(&queue), vec![serde_json::json!(1)]);
        assert_eq!(app.count("SELECT holders FROM talent_pool_builds").await, 1);

        // Three hours without a count: still shown, flagged as out of date (a staff session idles out
        // sooner, so the officer signs in again).
        app.state.clock.advance_ms(3 * HOUR_MS);
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.83.0.3").await;
        let queue = ok_json(&mut officer, LoadOfficerTka::PATH, &[]).await;
        assert_eq!(queue["talent_stale"], true);
        assert_eq!(holders(&queue), vec![serde_json::json!(1)]);
        // Two weeks on, past any one-working-day deadline: the counts say the payment is overdue.
        app.state.clock.advance_ms(14 * 24 * HOUR_MS);
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.83.0.4").await;
        let queue = ok_json(&mut officer, LoadOfficerTka::PATH, &[]).await;
        assert_eq!(
            (queue["waiting"].as_i64(), queue["overdue"].as_i64()),
            (Some(1), Some(1))
        );

        // A card that ended yesterday no longer counts at the next count.
        sqlx::query("UPDATE ak1_applications SET valid_until = $1 WHERE account_id = $2")
            .bind(day(&app, -1))
            .bind(f.seeker_a)
            .execute(&app.db().pool)
            .await
            .expect("expire the card");
        count_talent_pool(&app.state).await.expect("count");
        let queue = ok_json(&mut officer, LoadOfficerTka::PATH, &[]).await;
        assert_eq!(queue["talent_stale"], false);
        assert_eq!(holders(&queue), vec![serde_json::json!(0)]);

        // A count that read the cards earlier and commits later is dropped: the later count stays.
        let mut tx = app.db().begin_write().await.expect("begin");
        let stale = vec![("manager".to_owned(), 5)];
        let replaced = talent::replace(&mut tx, &stale, counted_at, &day(&app, -14))
            .await
            .expect("replace");
        tx.commit().await.expect("commit");
        assert!(!replaced);
        assert_eq!(app.count("SELECT COUNT(*) FROM talent_pool").await, 0);
        assert_eq!(
            holders(&ok_json(&mut officer, LoadOfficerTka::PATH, &[]).await),
            vec![serde_json::json!(0)]
        );
    }
);
