//! PostgreSQL's search reads its matches in parts (`vacancies::search::postgres`): a walk newest first
//! within 40 ms, then the full-text index's bitmap below where the walk stopped, first over a range of ids
//! sized by what the walk found, then over the rest. This builds a table where the walk must run out of
//! time with only some of the matches in hand, and checks that the parts add up to exactly the newest
//! thousand matches. SQLite reads its matches in one statement from its own index.
use axum::http::StatusCode;
use dnaker::features::vacancies::api::SearchVacancies;
use leptos::server_fn::ServerFn;

use crate::{
    ak1::json,
    common::{Client, matrix, postgres_app},
};

/// Vacancies between the old matches and the new, all but one in two hundred not matching: the walk tests
/// each of them (district, terms and words), 300,000 rows, several times what it gets through in 40 ms.
const GAP: i64 = 300_000;
const OLD_MATCHES: i64 = 1_500;
const NEW_MATCHES: i64 = 200;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_walk_out_of_time_continues_from_the_bitmap_to_exactly_the_newest_thousand() {
    let Some(app) = postgres_app().await else {
        eprintln!("PostgreSQL not configured: skipped");
        return;
    };
    let f = matrix::fixture(&app).await;
    crate::vacancies::verify_company(&app, f.company_a).await;
    let pool = &app.db().pool;
    sqlx::query("UPDATE vacancies SET status = 'closed'")
        .execute(pool)
        .await
        .expect("fixture vacancies out of the way");
    let deadline = crate::vacancies::deadline_in(30);
    let since = app.state.clock.now_ms() - 86_400_000;
    // Old matches pay more the older they are, so a page sorted by wage shows which of them were kept.
    // One row in two hundred of the gap matches too, older ones paying more: the walk finds some before its
    // time runs out, and the range below it the rest, so the page by wage shows exactly where they stop.
    for (title, count, wage) in [
        ("'Teknisi Zirkonium'", OLD_MATCHES, "30000000 - n * 1000"),
        (
            "CASE WHEN n % 200 = 0 THEN 'Teknisi Zirkonium' ELSE 'Kasir Toko Bangunan' END",
            GAP,
            "CASE WHEN n % 200 = 0 THEN 20000000 - n ELSE 4000000 END",
        ),
        ("'Teknisi Zirkonium'", NEW_MATCHES, "1000000"),
    ] {
        sqlx::query(&format!(
            "INSERT INTO vacancies (company_id, title, description, kbli_section, education_code, \
             district_code, wage_min_idr, wage_max_idr, headcount, work_type, deadline, status, created_at_ms, \
             occupation_code, skills, shift, contract_type, published_at_ms, experience_years) \
             SELECT $1, {title}, 'Melayani pelanggan dan menata barang di gudang.', 'C', 'SMA', '36.03.18', \
             1000000, {wage}, 1, 'full_time', $2, 'published', $3 + n, '83', '', 'day', 'permanent', $3 + n, 0 \
             FROM generate_series(1, $4) AS n"
        ))
        .bind(f.company_a)
        .bind(&deadline)
        .bind(since)
        .bind(count)
        .execute(pool)
        .await
        .expect("vacancies");
    }
    sqlx::query("ANALYZE vacancies")
        .execute(pool)
        .await
        .expect("analyze");

    // What the search should list: of the newest 1,001 matches by id (one more than it shows, to say
    // "1000+"), the newest thousand, sorted by wage.
    let (newest_thousand,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM (SELECT id FROM vacancies WHERE title = 'Teknisi Zirkonium' \
         AND status = 'published' ORDER BY id DESC LIMIT 1001) kept",
    )
    .fetch_one(pool)
    .await
    .expect("count");
    assert_eq!(newest_thousand, 1001);
    let want: Vec<i64> = sqlx::query_as::<_, (i64,)>(
        "SELECT id FROM (SELECT id, wage_max_idr FROM vacancies WHERE title = 'Teknisi Zirkonium' \
         AND status = 'published' ORDER BY id DESC LIMIT 1000) kept ORDER BY wage_max_idr DESC, id DESC LIMIT 20",
    )
    .fetch_all(pool)
    .await
    .expect("expected page")
    .into_iter()
    .map(|(id,)| id)
    .collect();

    let mut public = Client::new(&app, "10.9.7.2");
    let response = public
        .post(
            SearchVacancies::PATH,
            &[
                ("query[text]", "zirkonium"),
                ("query[district_code]", "36.03.18"),
                ("query[sort]", "Wage"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let body = json(&response.body);
    let ids: Vec<i64> = body["results"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["id"].as_i64().expect("id"))
        .collect();
    assert_eq!(
        ids, want,
        "the best-paid of exactly the newest thousand matches (older ones pay more)"
    );
    assert_eq!(body["results"]["total"].as_i64(), Some(1000));
    assert_eq!(body["results"]["more"].as_bool(), Some(true));
}
