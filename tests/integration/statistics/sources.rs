//! Complaints and training in the statistics, on both backends: a complaint waits in the dashboard's queue
//! with its own legal deadline (not one working day) and is overdue after its due day; its decided steps
//! count in the service levels; completed training and filed complaints show in the open figures, small
//! cells hidden, no complainant's data in the downloads.
use dnaker::{
    core::calendar::{format_date, wib_date},
    features::{
        demo::seed::seed_demo,
        statistics::{
            api::{LoadServiceDashboard, LoadServiceLevels},
            clock::{month_of, wib_day_start_ms},
            jobs,
            model::suppress,
            service,
        },
    },
};
use leptos::server_fn::ServerFn;
use serde_json::Value;
use time::Duration;

use super::{DAY_MS, open_figures, year_start_ms};
use crate::common::{
    Client, TestApp,
    matrix::{self, Actor},
    ok_json,
};

/// A complaint about company `company` in `status`, filed at `filed_at_ms`; returns its id.
async fn complaint(
    app: &TestApp,
    company: i64,
    status: &str,
    category: &str,
    filed_at_ms: i64,
) -> i64 {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO complaints (code, company_id, company_name, category, privacy, status, description, since_date, \
         workers_affected, wish, filed_at_ms, updated_at_ms) \
         VALUES ($1, $2, 'PT Statistik', $3, 'anonymous', $4, 'Upah dipotong tanpa alasan', '2026-01-01', 3, \
         'Dibayar penuh', $5, $5) RETURNING id",
    )
    .bind(format!("ADU-STAT{status}{filed_at_ms}{category}"))
    .bind(company)
    .bind(category)
    .bind(status)
    .bind(filed_at_ms)
    .fetch_one(&app.db().pool)
    .await
    .expect("complaint");
    id
}

async fn clock(
    app: &TestApp,
    id: i64,
    step: &str,
    days: (time::Date, time::Date, Option<time::Date>),
) {
    sqlx::query(
        "INSERT INTO complaint_clocks (complaint_id, step, started_on, due_on, done_on) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(step)
    .bind(format_date(days.0))
    .bind(format_date(days.1))
    .bind(days.2.map(format_date))
    .execute(&app.db().pool)
    .await
    .expect("clock");
}

fn queue(dashboard: &Value, slug: &str) -> Value {
    dashboard["queues"]
        .as_array()
        .expect("queues")
        .iter()
        .find(|q| q["service"] == slug)
        .cloned()
        .expect("queue")
}

on_both_backends!(
    complaints_wait_in_the_dashboard_with_their_legal_deadline,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let now = app.state.clock.now_ms();
        let today = wib_date(now);
        let day = |n: i64| today + Duration::days(n);
        // Filed an hour ago: verification due in 3 working days, waiting within its clock.
        let fresh = complaint(&app, f.company_a, "submitted", "wages", now - 3_600_000).await;
        clock(&app, fresh, "verify", (today, day(5), None)).await;
        // Accepted ten days ago; the follow-up plan fell due yesterday: overdue.
        let late = complaint(&app, f.company_a, "accepted", "phk", now - 12 * DAY_MS).await;
        clock(&app, late, "verify", (day(-12), day(-8), Some(day(-10)))).await;
        clock(&app, late, "plan", (day(-10), day(-1), None)).await;
        // Waiting for the complainant's answer, and a closed case: not the office's queue.
        let asked = complaint(&app, f.company_a, "info_needed", "bpjs", now - 2 * DAY_MS).await;
        clock(&app, asked, "verify", (day(-2), day(3), Some(day(-1)))).await;
        let closed = complaint(&app, f.company_a, "closed", "other", now - 20 * DAY_MS).await;
        clock(&app, closed, "plan", (day(-20), day(-15), None)).await;
        // The late case's verification was decided at 10:00 WIB on its done day: within its 3 working days.
        sqlx::query(
            "INSERT INTO complaint_events (complaint_id, kind, body, by_role, company_sees, at_ms) \
             VALUES ($1, 'accept', '', 'officer', 0, $2)",
        )
        .bind(late)
        .bind(wib_day_start_ms(day(-10)) + 10 * 3_600_000)
        .execute(&app.db().pool)
        .await
        .expect("event");
        jobs::rebuild(app.db(), now).await.expect("rebuilt");

        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.71.0.2").await;
        let dashboard = ok_json(&mut officer, LoadServiceDashboard::PATH, &[]).await;
        let complaints = queue(&dashboard, "pengaduan");
        assert_eq!(
            (
                complaints["waiting"].as_i64(),
                complaints["overdue"].as_i64()
            ),
            (Some(2), Some(1)),
            "{complaints}"
        );
        assert_eq!(complaints["href"], "/petugas/pengaduan");
        // The oldest waits since the day its plan clock started (the case was filed before that).
        assert_eq!(
            complaints["oldest_submitted_at_ms"].as_i64(),
            Some(wib_day_start_ms(day(-10)))
        );
        let item = dashboard["overdue"]
            .as_array()
            .expect("overdue")
            .iter()
            .find(|i| i["service"] == "pengaduan")
            .cloned()
            .expect("the overdue complaint is listed");
        assert_eq!(item["id"], late);
        // Its stored deadline: the end of the due day in WIB, not one working day after it started.
        assert_eq!(item["due_at_ms"], wib_day_start_ms(day(-1)) + DAY_MS - 1);
        let overdue = service::overdue_items(app.db(), now)
            .await
            .expect("overdue");
        assert!(
            overdue
                .iter()
                .any(|i| i.service == "pengaduan" && i.id == late)
        );
        assert!(
            !overdue
                .iter()
                .any(|i| i.service == "pengaduan" && i.id != late)
        );

        // The verification decided within its 3 working days counts in its month's share.
        let month = month_of(wib_day_start_ms(day(-10)) + 10 * 3_600_000);
        let shares = complaints["months"].as_array().expect("months");
        let decided = shares
            .iter()
            .find(|m| m["month"] == month.as_str())
            .cloned()
            .expect("the month of the decision");
        assert!(
            decided["finished"].as_i64() >= Some(1)
                && decided["within_clock"] == decided["finished"],
            "{decided}"
        );
        let mut visitor = Client::new(&app, "10.71.0.3");
        let levels = ok_json(&mut visitor, LoadServiceLevels::PATH, &[]).await;
        assert!(
            levels["services"]
                .as_array()
                .expect("services")
                .iter()
                .any(|s| s["service"] == "pengaduan"),
            "the public page lists complaints"
        );
    }
);

/// `count` completed registrations of one new programme (KBJI major group 0, found nowhere else in the
/// demo), each for a different demo seeker, with results an hour ago.
async fn complete_training(app: &TestApp, programme: i64, count: usize, now: i64) {
    let seekers: Vec<(i64,)> = sqlx::query_as("SELECT account_id FROM seekers ORDER BY account_id")
        .fetch_all(&app.db().pool)
        .await
        .expect("seekers");
    for (account,) in seekers.iter().take(count) {
        sqlx::query(
            "INSERT INTO training_registrations (programme_id, seeker_account_id, status, created_at_ms, updated_at_ms, \
             result_at_ms) VALUES ($1, $2, 'passed', $3, $3, $4)",
        )
        .bind(programme)
        .bind(account)
        .bind(now - 30 * DAY_MS)
        .bind(now - 3_600_000)
        .execute(&app.db().pool)
        .await
        .expect("registration");
    }
    assert!(seekers.len() >= count, "enough demo seekers");
}

/// A finished programme of KBJI major group 0 that started 40 days ago.
async fn new_programme(app: &TestApp, now: i64) -> i64 {
    let starts_on = format_date(wib_date(now - 40 * DAY_MS));
    let (programme,): (i64,) = sqlx::query_as(
        "INSERT INTO training_programmes (provider_kind, provider_name, title, description, kbji_code, skills, format, \
         district_code, starts_on, ends_on, hours, quota, reserves, min_age, max_age, registration_opens_on, \
         registration_closes_on, selection, status, created_by, created_at_ms, updated_at_ms) \
         SELECT 'blk', 'BLK', 'Statistik', 'Kelas uji statistik', '0110', 'Uji', 'in_person', '36.03.01', $1, $1, 40, 20, 0, \
         18, 45, $1, $1, 'none', 'finished', MIN(id), $2, $2 FROM accounts RETURNING id",
    )
    .bind(&starts_on)
    .bind(now - 50 * DAY_MS)
    .fetch_one(&app.db().pool)
    .await
    .expect("programme");
    programme
}

on_both_backends!(
    completed_training_and_complaints_show_in_the_open_figures,
    |app: TestApp| async move {
        seed_demo(app.db(), &app.state.pii).await.expect("seeded");
        let now = app.state.clock.now_ms();
        let year = wib_date(now).year();
        let (start, end) = (year_start_ms(year), year_start_ms(year + 1));
        let programme = new_programme(&app, now).await;
        let completed_sql = format!(
            "SELECT COUNT(*) FROM training_registrations WHERE status IN ('completed', 'passed') \
             AND result_at_ms >= {start} AND result_at_ms < {end}"
        );
        complete_training(&app, programme, 3, now).await;
        jobs::rebuild(app.db(), now).await.expect("rebuilt");

        let completed = app.count(&completed_sql).await;
        let stats = open_figures(&app, "pelatihan-selesai", "", year).await;
        assert_eq!(stats["total_current"].as_i64(), suppress(completed, true));
        let kbji = |stats: &Value| {
            stats["breakdowns"]
                .as_array()
                .expect("breakdowns")
                .iter()
                .find(|b| b["dimension"] == "Occupation")
                .expect("by occupation")["rows"]
                .as_array()
                .expect("rows")
                .iter()
                .find(|r| r["code"] == "0")
                .cloned()
                .expect("group 0")
        };
        assert_eq!(kbji(&stats)["current"], Value::Null, "3 people show as *");
        let csv = app
            .get(&format!("/statistik/csv/pelatihan-selesai?tahun={year}"))
            .await;
        assert_eq!(csv.status, axum::http::StatusCode::OK);
        let group_zero: Vec<&str> = csv
            .body
            .lines()
            .filter(|l| l.contains(",kbji,0,"))
            .collect();
        assert!(!group_zero.is_empty(), "{}", csv.body);
        assert!(
            group_zero.iter().all(|l| l.ends_with(",,1,orang")),
            "{group_zero:?}"
        );

        // The same three people complete a second class of the group: six completions.
        let second = new_programme(&app, now).await;
        complete_training(&app, second, 3, now).await;
        jobs::rebuild(app.db(), now).await.expect("rebuilt");
        let stats = open_figures(&app, "pelatihan-selesai", "", year).await;
        assert_eq!(stats["total_current"].as_i64(), Some(completed + 3));
        let programmes = app
            .count(&format!(
                "SELECT COUNT(*) FROM training_programmes WHERE status <> 'cancelled' \
                 AND starts_on >= '{year}-01-01' AND starts_on <= '{year}-12-31'"
            ))
            .await;
        let offered = open_figures(&app, "pelatihan-program", "", year).await;
        assert_eq!(
            offered["total_current"], programmes,
            "programmes are not suppressed"
        );
        let registered = app
            .count(&format!(
                "SELECT COUNT(*) FROM training_registrations WHERE status <> 'withdrawn' \
                 AND created_at_ms >= {start} AND created_at_ms < {end}"
            ))
            .await;
        let registrations = open_figures(&app, "pelatihan-pendaftar", "", year).await;
        assert_eq!(
            registrations["total_current"].as_i64(),
            suppress(registered, true)
        );

        // Complaints filed this year, by category; the download names no complainant.
        let filed = app
            .count(&format!(
                "SELECT COUNT(*) FROM complaints WHERE filed_at_ms >= {start} AND filed_at_ms < {end}"
            ))
            .await;
        assert!(filed > 0, "the demo's complaints");
        let complaints = open_figures(&app, "pengaduan", "", year).await;
        assert_eq!(complaints["total_current"].as_i64(), suppress(filed, true));
        let by_category = complaints["breakdowns"][0].clone();
        assert_eq!(by_category["dimension"], "ComplaintCategory");
        let names: Vec<(String,)> = sqlx::query_as(
            "SELECT complainant_name FROM complaints WHERE complainant_name IS NOT NULL",
        )
        .fetch_all(&app.db().pool)
        .await
        .expect("names");
        let csv = app.get("/statistik/csv/pengaduan").await;
        assert_eq!(csv.status, axum::http::StatusCode::OK);
        assert!(csv.body.contains(",kategori_pengaduan,"), "{}", csv.body);
        assert!(!csv.body.contains("ADU-"), "no ticket code");
        for (name,) in names {
            assert!(!csv.body.contains(&name), "{name} is not in the open data");
        }
        assert_eq!(
            app.get("/statistik/kamus/pengaduan").await.status,
            axum::http::StatusCode::OK
        );
    }
);

on_both_backends!(
    more_overdue_complaints_than_the_dashboard_lists_come_as_reading_every_clock_gives,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let now = app.state.clock.now_ms();
        let today = wib_date(now);
        let day = |n: i64| today + Duration::days(n);
        // 32 overdue plans: ten fell due five days ago, 22 four days ago, half of those started a day later.
        // Some cases were filed on their clock's start day (the clock starts at the filing), the others
        // before it (at 00:00 WIB). The dashboard lists 20 with the fixture's two overdue companies first, so
        // its cut falls inside the clocks that share both days, where only the instants decide.
        // Inserted last first, so that the order of the rows is not already the order of the instants.
        for n in (0..32_i64).rev() {
            let (due, start) = match n {
                0..10 => (day(-5), day(-20)),
                _ if n % 2 == 0 => (day(-4), day(-20)),
                _ => (day(-4), day(-19)),
            };
            let filed = if n % 3 == 0 {
                wib_day_start_ms(start) + (n + 1) * 60_000
            } else if n == 14 {
                // Filed at 00:00 WIB of the start day exactly: it started then, like those filed before.
                wib_day_start_ms(start)
            } else {
                wib_day_start_ms(start) - (n + 1) * 60_000
            };
            let id = complaint(&app, f.company_a, "accepted", "wages", filed).await;
            clock(&app, id, "plan", (start, due, None)).await;
        }
        // One within its clock, and a closed one past its due day: not overdue, not waiting.
        let fresh = complaint(&app, f.company_a, "submitted", "phk", now - 3_600_000).await;
        clock(&app, fresh, "verify", (today, day(5), None)).await;
        let closed = complaint(&app, f.company_a, "closed", "other", now - 30 * DAY_MS).await;
        clock(&app, closed, "plan", (day(-30), day(-25), None)).await;

        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.71.0.5").await;
        let dashboard = ok_json(&mut officer, LoadServiceDashboard::PATH, &[]).await;
        let complaints = queue(&dashboard, "pengaduan");
        assert_eq!(
            (
                complaints["waiting"].as_i64(),
                complaints["overdue"].as_i64()
            ),
            (Some(33), Some(32)),
            "{complaints}"
        );
        assert_eq!(
            complaints["oldest_submitted_at_ms"].as_i64(),
            Some(wib_day_start_ms(day(-20)))
        );
        let listed: Vec<(String, i64, i64, i64)> = dashboard["overdue"]
            .as_array()
            .expect("overdue")
            .iter()
            .map(|o| {
                (
                    o["service"].as_str().unwrap_or_default().to_owned(),
                    o["id"].as_i64().unwrap_or_default(),
                    o["submitted_at_ms"].as_i64().unwrap_or_default(),
                    o["due_at_ms"].as_i64().unwrap_or_default(),
                )
            })
            .collect();
        let every = service::overdue_items(app.db(), now)
            .await
            .expect("overdue");
        let expected: Vec<(String, i64, i64, i64)> = every
            .iter()
            .take(20)
            .map(|o| (o.service.clone(), o.id, o.submitted_at_ms, o.due_at_ms))
            .collect();
        assert_eq!(listed, expected);
        assert_eq!(
            listed.iter().filter(|o| o.0 == "pengaduan").count(),
            18,
            "{listed:?}"
        );
        assert_eq!(
            every.iter().filter(|o| o.service == "pengaduan").count(),
            32
        );
    }
);
