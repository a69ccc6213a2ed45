//! Open statistics, open data and the service dashboard through the real HTTP stack on both backends: the
//! figures equal counts made directly from the data, small cells are hidden, the CSV's columns are the
//! dictionary's, the catalogue has what a harvester needs, and the dashboard counts what waits and what is
//! overdue, for staff only.
use axum::http::StatusCode;
use dnaker::{
    core::calendar::{self, wib_date},
    features::{
        demo::seed::seed_demo,
        statistics::{
            api::{LoadOpenStatistics, LoadServiceDashboard, LoadServiceLevels},
            clock::month_of,
            jobs,
            model::suppress,
            open_data::{self, COLUMNS},
            service,
        },
    },
};
use leptos::server_fn::ServerFn;
use serde_json::Value;

mod demo_counts;
mod sources;

use crate::common::{
    Client, TestApp,
    matrix::{self, Actor, Case, Method},
    ok_json,
};

const DAY_MS: i64 = 86_400_000;

/// Epoch ms of 00:00 WIB on 1 January of `year`.
fn year_start_ms(year: i32) -> i64 {
    let date = time::Date::from_calendar_date(year, time::Month::January, 1).expect("date");
    (i64::from(date.to_julian_day()) - 2_440_588) * DAY_MS - 7 * 3_600_000
}

async fn open_figures(app: &TestApp, data: &str, district: &str, year: i32) -> Value {
    let mut client = Client::new(app, "10.70.0.1");
    ok_json(
        &mut client,
        LoadOpenStatistics::PATH,
        &[
            ("data", data.to_owned()),
            ("kecamatan", district.to_owned()),
            ("tahun", year.to_string()),
        ],
    )
    .await
}

fn breakdown_sum(stats: &Value, dimension: &str) -> i64 {
    stats["breakdowns"]
        .as_array()
        .expect("breakdowns")
        .iter()
        .find(|b| b["dimension"] == dimension)
        .expect("dimension")["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["current"].as_i64().expect("shown"))
        .sum()
}

/// Cards issued on `day` to the first seekers, `count` of them.
async fn issue_cards(app: &TestApp, count: usize, decided_at_ms: i64, tag: &str) {
    let seekers: Vec<(i64,)> = sqlx::query_as("SELECT account_id FROM seekers ORDER BY account_id")
        .fetch_all(&app.db().pool)
        .await
        .expect("seekers");
    let day = calendar::format_date(wib_date(decided_at_ms));
    for i in 0..count {
        sqlx::query(
            "INSERT INTO ak1_applications (account_id, status, submitted_at_ms, due_at_ms, decided_at_ms, card_number, \
             issued_on, valid_until, verification_code) VALUES ($1, 'issued', $2, $3, $4, $5, $6, $6, $7)",
        )
        .bind(seekers[i % seekers.len()].0)
        .bind(decided_at_ms - 3_600_000)
        .bind(decided_at_ms + DAY_MS)
        .bind(decided_at_ms)
        .bind(format!("STAT/{tag}/{i}"))
        .bind(&day)
        .bind(format!("STAT{tag}{i}"))
        .execute(&app.db().pool)
        .await
        .expect("card");
    }
}

on_both_backends!(
    figures_equal_counts_made_from_the_data,
    |app: TestApp| async move {
        seed_demo(app.db(), &app.state.pii).await.expect("seeded");
        let now = app.state.clock.now_ms();
        let year = wib_date(now).year();
        let (start, end) = (year_start_ms(year), year_start_ms(year + 1));
        jobs::rebuild(app.db(), now).await.expect("rebuilt");

        let published = format!("published_at_ms >= {start} AND published_at_ms < {end}");
        let vacancies = app
            .count(&format!("SELECT COUNT(*) FROM vacancies WHERE {published}"))
            .await;
        let positions = app
        .count(&format!(
            "SELECT CAST(COALESCE(SUM(headcount), 0) AS BIGINT) FROM vacancies WHERE {published}"
        ))
        .await;
        assert!(vacancies > 0, "the demo publishes vacancies this year");
        let stats = open_figures(&app, "lowongan", "", year).await;
        assert_eq!(stats["total_current"], vacancies);
        assert_eq!(breakdown_sum(&stats, "District"), vacancies);
        assert_eq!(breakdown_sum(&stats, "Education"), vacancies);
        let months: i64 = stats["current"]
            .as_array()
            .expect("months")
            .iter()
            .map(|m| m.as_i64().expect("vacancies are not hidden"))
            .sum();
        assert_eq!(months, vacancies);
        assert_eq!(
            open_figures(&app, "formasi", "", year).await["total_current"],
            positions
        );

        // One district: the filter counts only its vacancies.
        let (district, in_district): (String, i64) = sqlx::query_as(&format!(
        "SELECT district_code, COUNT(*) FROM vacancies WHERE {published} GROUP BY district_code ORDER BY COUNT(*) DESC"
    ))
    .fetch_one(&app.db().pool)
    .await
    .expect("a district");
        let one = open_figures(&app, "lowongan", &district, year).await;
        assert_eq!(one["total_current"], in_district);
        assert_eq!(one["query"]["district"], district.as_str());

        // Job-fair registrations, hidden when fewer than five.
        let registered = app
        .count(&format!(
            "SELECT COUNT(*) FROM fair_registrations WHERE created_at_ms >= {start} AND created_at_ms < {end}"
        ))
        .await;
        let fairs = open_figures(&app, "bursa-kerja-pendaftar", "", year).await;
        assert_eq!(
            fairs["total_current"].as_i64(),
            suppress(registered, true),
            "{registered} registrations"
        );
        assert!(fairs["refreshed_at_ms"].as_i64().is_some());
    }
);

on_both_backends!(
    small_cells_are_hidden_until_five,
    |app: TestApp| async move {
        seed_demo(app.db(), &app.state.pii).await.expect("seeded");
        let now = app.state.clock.now_ms();
        let year = wib_date(now).year();
        issue_cards(&app, 3, now - 3_600_000, "a").await;
        jobs::rebuild(app.db(), now).await.expect("rebuilt");
        let stats = open_figures(&app, "pencari-kerja", "", year).await;
        assert_eq!(stats["total_current"], Value::Null, "3 people show as <5");
        let (_, _, csv) = app
            .request_bytes(
                axum::http::Request::get(format!("/statistik/csv/pencari-kerja?tahun={year}"))
                    .body(axum::body::Body::empty())
                    .expect("request"),
            )
            .await;
        let csv = String::from_utf8(csv).expect("UTF-8");
        let total = csv
            .lines()
            .find(|l| l.contains(",jumlah,semua,"))
            .expect("a total row");
        assert!(total.contains(",jumlah,semua,semua,,1,"), "hidden: {total}");
        assert!(
            !csv.lines().any(|l| l.contains(",3,0,")),
            "no 3 shown: {csv}"
        );

        issue_cards(&app, 3, now - 3_600_000, "b").await;
        jobs::rebuild(app.db(), now).await.expect("rebuilt");
        let stats = open_figures(&app, "pencari-kerja", "", year).await;
        let issued = app
            .count("SELECT COUNT(*) FROM ak1_applications WHERE card_number LIKE 'STAT/%'")
            .await;
        assert_eq!(stats["total_current"], issued);
        assert_eq!(issued, 6);
    }
);

on_both_backends!(
    csv_columns_match_the_dictionary,
    |app: TestApp| async move {
        seed_demo(app.db(), &app.state.pii).await.expect("seeded");
        let response = app.get("/statistik/csv/lowongan").await;
        assert_eq!(response.status, StatusCode::OK);
        assert!(
            response.headers["content-type"]
                .to_str()
                .is_ok_and(|t| t.starts_with("text/csv; charset=utf-8"))
        );
        let header: Vec<&str> = response
            .body
            .lines()
            .next()
            .expect("header")
            .split(',')
            .collect();
        assert!(response.body.lines().count() > 10, "the demo's vacancies");
        let dictionary = app.get("/statistik/kamus/lowongan").await;
        assert_eq!(dictionary.status, StatusCode::OK);
        let mut reader = csv::Reader::from_reader(dictionary.body.as_bytes());
        assert_eq!(
            reader.headers().expect("header").iter().collect::<Vec<_>>(),
            ["kolom", "tipe", "arti", "satuan"]
        );
        let described: Vec<String> = reader
            .records()
            .map(|r| {
                let r = r.expect("row");
                assert!(
                    !r[1].is_empty() && !r[2].is_empty(),
                    "{r:?} has a type and a meaning"
                );
                r[0].to_owned()
            })
            .collect();
        assert_eq!(header, described);
        assert_eq!(header, COLUMNS.map(|c| c.0));
        for path in ["/statistik/csv/tidak-ada", "/statistik/kamus/tidak-ada"] {
            assert_eq!(app.get(path).await.status, StatusCode::NOT_FOUND, "{path}");
        }
        // Junk filters are ignored, not a failure.
        let junk = app
            .get("/statistik/csv/lowongan?kecamatan=%27%20OR%201=1&tahun=abc")
            .await;
        assert_eq!(junk.status, StatusCode::OK);
    }
);

/// An ISO 8601 calendar date (`YYYY-MM-DD`) or month (`YYYY-MM`), as the schema's date patterns take them.
fn iso_date(text: &str) -> bool {
    let month = |m: &str| m.parse::<u8>().is_ok_and(|m| (1..=12).contains(&m));
    match text.split('-').collect::<Vec<_>>()[..] {
        [y, m] => y.len() == 4 && y.parse::<u16>().is_ok() && m.len() == 2 && month(m),
        [_, _, _] => calendar::parse_date(text).is_some(),
        _ => false,
    }
}

fn non_empty(value: &Value) -> bool {
    value.as_str().is_some_and(|s| !s.trim().is_empty())
}

on_both_backends!(the_catalogue_lists_every_table, |app: TestApp| async move {
    seed_demo(app.db(), &app.state.pii).await.expect("seeded");
    jobs::rebuild(app.db(), app.state.clock.now_ms())
        .await
        .expect("rebuilt");
    let response = app.get("/statistik/katalog.json").await;
    assert_eq!(response.status, StatusCode::OK);
    let catalogue: Value = serde_json::from_str(&response.body).expect("JSON");
    // The catalogue as Project Open Data v1.1 requires it (catalog.json: conformsTo, dataset).
    assert_eq!(catalogue["conformsTo"], open_data::CONFORMS_TO);
    assert_eq!(catalogue["@type"], "dcat:Catalog");
    for field in ["title", "description", "license", "@context", "@id"] {
        assert!(non_empty(&catalogue[field]), "{field}");
    }
    assert!(catalogue["modified"].as_str().is_some_and(iso_date));
    let datasets = catalogue["dataset"].as_array().expect("datasets");
    assert_eq!(datasets.len(), service::dataset_names().len());
    for dataset in datasets {
        // dataset.json's required fields (bureauCode and programCode are for US federal agencies only).
        for field in [
            "title",
            "description",
            "identifier",
            "license",
            "accrualPeriodicity",
        ] {
            assert!(non_empty(&dataset[field]), "{field}: {dataset}");
        }
        assert_eq!(dataset["@type"], "dcat:Dataset");
        assert_eq!(dataset["accessLevel"], "public");
        assert!(
            dataset["keyword"]
                .as_array()
                .is_some_and(|k| !k.is_empty() && k.iter().all(non_empty)),
            "{dataset}"
        );
        assert!(
            dataset["modified"].as_str().is_some_and(iso_date),
            "{dataset}"
        );
        assert_eq!(dataset["publisher"]["@type"], "org:Organization");
        assert!(non_empty(&dataset["publisher"]["name"]));
        assert_eq!(dataset["contactPoint"]["@type"], "vcard:Contact");
        assert!(non_empty(&dataset["contactPoint"]["fn"]));
        let email = dataset["contactPoint"]["hasEmail"]
            .as_str()
            .expect("hasEmail");
        let address = email.strip_prefix("mailto:").expect("a mailto: address");
        assert!(
            address
                .split_once('@')
                .is_some_and(|(who, host)| !who.is_empty() && host.contains('.')),
            "{email}"
        );
        // temporal is a start/end interval of the months the figures cover.
        let temporal = dataset["temporal"].as_str().expect("temporal");
        let (start, end) = temporal.split_once('/').expect("start/end");
        assert!(
            iso_date(start) && iso_date(end) && start <= end,
            "{temporal}"
        );
        let distributions = dataset["distribution"].as_array().expect("distributions");
        assert!(!distributions.is_empty());
        for distribution in distributions {
            assert_eq!(distribution["@type"], "dcat:Distribution");
            assert_eq!(distribution["mediaType"], "text/csv");
            assert!(non_empty(&distribution["format"]));
            let url = distribution["downloadURL"].as_str().expect("url");
            let path = &url[url.find("/statistik/").expect("a portal path")..];
            assert_eq!(app.get(path).await.status, StatusCode::OK, "{path}");
        }
    }
});

on_both_backends!(
    the_dashboard_counts_waiting_and_overdue,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let now = app.state.clock.now_ms();
        // The fixture's two companies wait since 1970: overdue. A fresh AK-1 waits within its clock, an old one not.
        for (submitted, due) in [
            (now - 60_000, now + DAY_MS),
            (now - 9 * DAY_MS, now - 8 * DAY_MS),
        ] {
            sqlx::query(
            "INSERT INTO ak1_applications (account_id, status, submitted_at_ms, due_at_ms) VALUES ($1, 'waiting', $2, $3)",
        )
        .bind(f.seeker_a)
        .bind(submitted)
        .bind(due)
        .execute(&app.db().pool)
        .await
        .expect("application");
        }
        // Decided ones for the share: one on time, one late.
        for submitted in [now - 2 * 3_600_000, now - 20 * DAY_MS] {
            sqlx::query(
            "INSERT INTO ak1_applications (account_id, status, submitted_at_ms, due_at_ms, decided_at_ms) \
             VALUES ($1, 'rejected', $2, $2, $3)",
        )
        .bind(f.seeker_b)
        .bind(submitted)
        .bind(now - 3_600_000)
        .execute(&app.db().pool)
        .await
        .expect("decided");
        }
        // A permit request past its legal deadline, and one sent back to the company (its wait, not the office's).
        for (status, due) in [
            ("in_review", now - DAY_MS),
            ("correction_requested", now - DAY_MS),
        ] {
            sqlx::query(
                "INSERT INTO requests (code, type_id, company_id, filed_by, status, data_json, warnings_json, \
                 submitted_at_ms, due_at_ms, created_at_ms, updated_at_ms) \
                 SELECT $1, MIN(t.id), $2, a.id, $3, '{}', '[]', $4, $5, $4, $4 FROM request_types t \
                 JOIN accounts a ON a.email = 'admin-a@matrix.test' GROUP BY a.id",
            )
            .bind(format!("STAT-{status}"))
            .bind(f.company_a)
            .bind(status)
            .bind(now - 5 * DAY_MS)
            .bind(due)
            .execute(&app.db().pool)
            .await
            .expect("request");
        }
        jobs::rebuild(app.db(), now).await.expect("rebuilt");

        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.70.0.2").await;
        let dashboard = ok_json(&mut officer, LoadServiceDashboard::PATH, &[]).await;
        let queue = |slug: &str| {
            dashboard["queues"]
                .as_array()
                .expect("queues")
                .iter()
                .find(|q| q["service"] == slug)
                .cloned()
                .expect("queue")
        };
        let ak1 = queue("ak1");
        assert_eq!(
            (ak1["waiting"].as_i64(), ak1["overdue"].as_i64()),
            (Some(2), Some(1))
        );
        assert_eq!(ak1["oldest_submitted_at_ms"], now - 9 * DAY_MS);
        let month = ak1["months"]
            .as_array()
            .expect("months")
            .iter()
            .find(|m| m["month"] == month_of(now - 3_600_000).as_str())
            .cloned()
            .expect("this month");
        assert_eq!(
            (month["finished"].as_i64(), month["within_clock"].as_i64()),
            (Some(2), Some(1))
        );
        let companies = queue("verifikasi-perusahaan");
        let unverified = app
            .count("SELECT COUNT(*) FROM companies WHERE verified = 0 AND rejection_reason IS NULL")
            .await;
        assert_eq!(companies["waiting"], unverified);
        assert_eq!(companies["overdue"], unverified);

        let requests = queue("permohonan");
        assert_eq!(
            (requests["waiting"].as_i64(), requests["overdue"].as_i64()),
            (Some(1), Some(1))
        );

        // The same overdue items for part B's alerts, the longest overdue first.
        let overdue = service::overdue_items(app.db(), now)
            .await
            .expect("overdue");
        assert_eq!(overdue.len() as i64, unverified + 2);
        assert!(overdue.windows(2).all(|w| w[0].due_at_ms <= w[1].due_at_ms));
        assert_eq!(
            dashboard["overdue"].as_array().map(Vec::len),
            Some(overdue.len())
        );

        // More overdue items than the dashboard lists (20): its SQL counts and bounded reads give the same
        // counts and the same longest-overdue items, in order, as reading every item.
        for n in 0..25 {
            sqlx::query(
                "INSERT INTO ak1_applications (account_id, status, submitted_at_ms, due_at_ms) VALUES ($1, 'waiting', $2, $3)",
            )
            .bind(f.seeker_b)
            .bind(now - 40 * DAY_MS + n * 3_600_000)
            .bind(now - 30 * DAY_MS + (n % 7) * 60_000)
            .execute(&app.db().pool)
            .await
            .expect("overdue application");
        }
        // Vacancies waiting for review keep no deadline (one working day from the report): 22 old ones
        // among the stored deadlines above, and one reported a minute ago, within its clock.
        for n in (0..22).chain([-1]) {
            let created = if n < 0 {
                now - 60_000
            } else {
                now - 45 * DAY_MS + n * DAY_MS
            };
            sqlx::query(
                "INSERT INTO vacancies (company_id, title, description, kbli_section, education_code, district_code, \
                 wage_min_idr, wage_max_idr, headcount, work_type, deadline, status, created_at_ms, skills, shift, \
                 contract_type, experience_years) VALUES ($1, 'Operator', 'Uraian.', 'C', 'SMA', '36.03.01', \
                 5000000, 6000000, 1, 'full_time', '2099-01-01', 'pending', $2, '', 'day', 'permanent', 0)",
            )
            .bind(f.company_a)
            .bind(created)
            .execute(&app.db().pool)
            .await
            .expect("pending vacancy");
        }
        let pending = app
            .count("SELECT COUNT(*) FROM vacancies WHERE status = 'pending'")
            .await;
        let dashboard = ok_json(&mut officer, LoadServiceDashboard::PATH, &[]).await;
        let overdue = service::overdue_items(app.db(), now)
            .await
            .expect("overdue");
        let listed: Vec<(String, i64, i64)> = dashboard["overdue"]
            .as_array()
            .expect("overdue")
            .iter()
            .map(|o| {
                (
                    o["service"].as_str().unwrap_or_default().to_owned(),
                    o["id"].as_i64().unwrap_or_default(),
                    o["due_at_ms"].as_i64().unwrap_or_default(),
                )
            })
            .collect();
        let expected: Vec<(String, i64, i64)> = overdue
            .iter()
            .take(20)
            .map(|o| (o.service.clone(), o.id, o.due_at_ms))
            .collect();
        assert_eq!(listed, expected);
        let ak1 = dashboard["queues"]
            .as_array()
            .expect("queues")
            .iter()
            .find(|q| q["service"] == "ak1")
            .cloned()
            .expect("ak1");
        assert_eq!(
            (ak1["waiting"].as_i64(), ak1["overdue"].as_i64()),
            (Some(27), Some(26))
        );
        assert_eq!(ak1["oldest_submitted_at_ms"], now - 40 * DAY_MS);
        let moderation = dashboard["queues"]
            .as_array()
            .expect("queues")
            .iter()
            .find(|q| q["service"] == "moderasi-lowongan")
            .cloned()
            .expect("moderation");
        assert_eq!(moderation["waiting"], pending);
        let late = overdue
            .iter()
            .filter(|o| o.service == "moderasi-lowongan")
            .count() as i64;
        assert_eq!(moderation["overdue"], late);
        assert!(late >= 22 && late < pending, "{late} of {pending}");
        assert!(listed.iter().any(|o| o.0 == "moderasi-lowongan"));
        assert!(listed.iter().any(|o| o.0 == "ak1"));

        // The public page of service levels shows the same month.
        let mut visitor = Client::new(&app, "10.70.0.3");
        let levels = ok_json(&mut visitor, LoadServiceLevels::PATH, &[]).await;
        let ak1_levels = levels["services"]
            .as_array()
            .expect("services")
            .iter()
            .find(|s| s["service"] == "ak1")
            .cloned()
            .expect("ak1");
        assert_eq!(ak1_levels["months"].as_array().map(Vec::len), Some(12));
        assert_eq!(ak1_levels["months"][11]["finished"], 2);

        // Only staff see the dashboard.
        let seeker = matrix::signed_in(&app, Actor::SeekerA, "10.70.0.4").await;
        let mut seeker = seeker;
        assert_eq!(
            seeker.post(LoadServiceDashboard::PATH, &[]).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            visitor.post(LoadServiceDashboard::PATH, &[]).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
);

/// Every statistics endpoint in the authorization matrix.
pub(crate) async fn statistics_cases(_app: &TestApp, _f: &matrix::Fixture) -> Vec<Case> {
    vec![
        Case::public(
            "open statistics",
            Method::Post,
            LoadOpenStatistics::PATH,
            &[
                ("data", "lowongan".into()),
                ("kecamatan", String::new()),
                ("tahun", String::new()),
            ],
        ),
        Case::public("service levels", Method::Post, LoadServiceLevels::PATH, &[]),
        Case::post(
            "service dashboard",
            LoadServiceDashboard::PATH,
            &[],
            &matrix::STAFF,
        ),
        Case::public(
            "open table CSV",
            Method::Get,
            "/statistik/csv/lowongan",
            &[],
        ),
        Case::public(
            "data dictionary",
            Method::Get,
            "/statistik/kamus/lowongan",
            &[],
        ),
        Case::public(
            "open-data catalogue",
            Method::Get,
            "/statistik/katalog.json",
            &[],
        ),
    ]
}
