//! The open figures against counts made directly from the seeded data, on both backends: placements (a
//! placement the worker rejected does not count), training programmes and registrations (a withdrawn one
//! does not count), and the breakdown by sex of both people tables, each suppressed as the page does it.
use std::collections::BTreeMap;

use dnaker::{
    core::calendar::wib_date,
    features::{
        demo::seed::seed_demo,
        statistics::{
            jobs,
            model::{suppress, suppress_group},
        },
    },
};
use serde_json::Value;

use super::{open_figures, year_start_ms};
use crate::common::TestApp;

/// The published values of one breakdown, by category code.
fn shown(stats: &Value, dimension: &str) -> BTreeMap<String, Option<i64>> {
    stats["breakdowns"]
        .as_array()
        .expect("breakdowns")
        .iter()
        .find(|b| b["dimension"] == dimension)
        .expect("dimension")["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            (
                r["code"].as_str().expect("code").to_owned(),
                r["current"].as_i64(),
            )
        })
        .collect()
}

/// What a breakdown must show for these counts per category: suppressed as one group.
fn expected(mut counts: Vec<(String, i64)>) -> BTreeMap<String, Option<i64>> {
    counts.sort();
    let values: Vec<i64> = counts.iter().map(|c| c.1).collect();
    counts
        .into_iter()
        .map(|c| c.0)
        .zip(suppress_group(&values, true))
        .collect()
}

async fn by_sex(app: &TestApp, sql: &str) -> Vec<(String, i64)> {
    sqlx::query_as(sql)
        .fetch_all(&app.db().pool)
        .await
        .expect("counts by sex")
}

/// Six placements of each demo seeker at the first demo vacancy's company, and one the worker rejected.
async fn place_demo_seekers(app: &TestApp, at_ms: i64) {
    let seekers: Vec<(i64,)> = sqlx::query_as("SELECT account_id FROM seekers ORDER BY account_id")
        .fetch_all(&app.db().pool)
        .await
        .expect("seekers");
    let (vacancy, company, by): (i64, i64, i64) = sqlx::query_as(
        "SELECT v.id, v.company_id, a.id FROM vacancies v JOIN accounts a ON a.email = 'hrd@demo.dnaker.id' \
         ORDER BY v.id LIMIT 1",
    )
    .fetch_one(&app.db().pool)
    .await
    .expect("a vacancy");
    let mut rows: Vec<(i64, &str)> = seekers
        .iter()
        .flat_map(|(s,)| std::iter::repeat_n((*s, "confirmed"), 6))
        .collect();
    rows.push((seekers[0].0, "rejected"));
    for (n, (seeker, confirmation)) in rows.into_iter().enumerate() {
        sqlx::query(
            "INSERT INTO placements (company_id, vacancy_id, seeker_account_id, worker_name, nik_ciphertext, nik_hash, \
             position, start_date, wage_idr, contract_type, reported_by, created_at_ms, confirmation) \
             VALUES ($1, $2, $3, 'Pekerja Uji', 'x', $4, 'Operator', '2026-12-01', 6000000, 'contract', $5, $6, $7)",
        )
        .bind(company)
        .bind(vacancy)
        .bind(seeker)
        .bind(format!("stat-{n}"))
        .bind(by)
        .bind(at_ms)
        .bind(confirmation)
        .execute(&app.db().pool)
        .await
        .expect("placement");
    }
}

/// Every demo seeker registers for every open programme they are not in yet; one withdraws.
async fn register_demo_seekers(app: &TestApp, at_ms: i64) {
    sqlx::query(
        "INSERT INTO training_registrations (programme_id, seeker_account_id, status, created_at_ms, updated_at_ms) \
         SELECT p.id, s.account_id, 'registered', $1, $1 FROM training_programmes p CROSS JOIN seekers s \
         WHERE p.status <> 'cancelled' AND NOT EXISTS (SELECT 1 FROM training_registrations g \
         WHERE g.programme_id = p.id AND g.seeker_account_id = s.account_id)",
    )
    .bind(at_ms)
    .execute(&app.db().pool)
    .await
    .expect("registrations");
    sqlx::query(
        "UPDATE training_registrations SET status = 'withdrawn' WHERE id = \
         (SELECT MAX(id) FROM training_registrations WHERE status = 'registered')",
    )
    .execute(&app.db().pool)
    .await
    .expect("one withdraws");
}

on_both_backends!(
    placements_training_and_sex_equal_counts_made_from_the_demo_data,
    |app: TestApp| async move {
        seed_demo(app.db(), &app.state.pii).await.expect("seeded");
        let now = app.state.clock.now_ms();
        let year = wib_date(now).year();
        let (start, end) = (year_start_ms(year), year_start_ms(year + 1));
        place_demo_seekers(&app, now - 60_000).await;
        register_demo_seekers(&app, now - 60_000).await;
        jobs::rebuild(app.db(), now).await.expect("rebuilt");

        // Placements: the rejected one is left out; by sex of the placed seeker.
        let within = |column: &str| format!("{column} >= {start} AND {column} < {end}");
        let placed = app
            .count(&format!(
                "SELECT COUNT(*) FROM placements WHERE confirmation <> 'rejected' AND {}",
                within("created_at_ms")
            ))
            .await;
        assert_eq!(placed, 18, "six for each of the three demo seekers");
        let stats = open_figures(&app, "penempatan", "", year).await;
        assert_eq!(stats["total_current"].as_i64(), suppress(placed, true));
        let sexes = by_sex(
            &app,
            &format!(
                "SELECT COALESCE(s.sex, ''), COUNT(*) FROM placements p \
                 LEFT JOIN seekers s ON s.account_id = p.seeker_account_id \
                 WHERE p.confirmation <> 'rejected' AND {} GROUP BY COALESCE(s.sex, '')",
                within("p.created_at_ms")
            ),
        )
        .await;
        let placed_by_sex = shown(&stats, "Sex");
        assert_eq!(placed_by_sex, expected(sexes));
        assert_eq!(
            (placed_by_sex.get("female"), placed_by_sex.get("male")),
            (Some(&Some(12)), Some(&Some(6))),
            "two women and one man in the demo, six placements each"
        );

        // Training registrations: every one but the withdrawn; by sex of the participant.
        let registered = app
            .count(&format!(
                "SELECT COUNT(*) FROM training_registrations g JOIN training_programmes p ON p.id = g.programme_id \
                 WHERE g.status <> 'withdrawn' AND {}",
                within("g.created_at_ms")
            ))
            .await;
        assert!(registered >= 5, "{registered} registrations");
        let stats = open_figures(&app, "pelatihan-pendaftar", "", year).await;
        assert_eq!(stats["total_current"].as_i64(), suppress(registered, true));
        let sexes = by_sex(
            &app,
            &format!(
                "SELECT COALESCE(s.sex, ''), COUNT(*) FROM training_registrations g \
                 JOIN training_programmes p ON p.id = g.programme_id \
                 LEFT JOIN seekers s ON s.account_id = g.seeker_account_id \
                 WHERE g.status <> 'withdrawn' AND {} GROUP BY COALESCE(s.sex, '')",
                within("g.created_at_ms")
            ),
        )
        .await;
        assert_eq!(shown(&stats, "Sex"), expected(sexes));

        // Training programmes: offers, counted in the month they start, never suppressed.
        let programmes = app
            .count(&format!(
                "SELECT COUNT(*) FROM training_programmes WHERE status <> 'cancelled' \
                 AND starts_on >= '{year}-01-01' AND starts_on <= '{year}-12-31'"
            ))
            .await;
        let stats = open_figures(&app, "pelatihan-program", "", year).await;
        assert_eq!(stats["total_current"], programmes);
    }
);
