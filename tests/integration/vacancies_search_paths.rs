//! PostgreSQL's search reads its matches in parts (`vacancies::search::postgres`): a short walk newest first
//! that may go on within 40 ms, then the full-text index's bitmap below where the walk stopped, first over a
//! range of ids sized by what the walk found, then over the rest; or, without words and far more matches
//! than a thousand, the listing. This builds a table where the walk must run out of
//! time with only some of the matches in hand, and checks that the parts add up to exactly the newest
//! thousand matches. SQLite reads its matches in one statement from its own index. PostgreSQL also asks
//! for a word's prefix as the exact lexemes it begins (`db::expanded_prefixes`), from a list its triggers
//! keep; the second test checks that list follows inserts and edits, on both backends alike.
use axum::http::StatusCode;
use dnaker::{
    features::vacancies::api::SearchVacancies,
    server::db::{Backend, expanded_prefixes},
};
use leptos::server_fn::ServerFn;

use crate::{
    ak1::json,
    common::{Client, TestApp, matrix, postgres_app},
    vacancies::{post_vacancy, verify_company},
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
    // One gap row in fifty is part-time (nothing else is), for a filter without words below.
    for (title, count, wage, work) in [
        (
            "'Teknisi Zirkonium'",
            OLD_MATCHES,
            "30000000 - n * 1000",
            "'full_time'",
        ),
        (
            "CASE WHEN n % 200 = 0 THEN 'Teknisi Zirkonium' ELSE 'Kasir Toko Bangunan' END",
            GAP,
            "CASE WHEN n % 200 = 0 THEN 20000000 - n ELSE 4000000 END",
            "CASE WHEN n % 50 = 1 THEN 'part_time' ELSE 'full_time' END",
        ),
        ("'Teknisi Zirkonium'", NEW_MATCHES, "1000000", "'full_time'"),
    ] {
        sqlx::query(&format!(
            "INSERT INTO vacancies (company_id, title, description, kbli_section, education_code, \
             district_code, wage_min_idr, wage_max_idr, headcount, work_type, deadline, status, created_at_ms, \
             occupation_code, skills, shift, contract_type, published_at_ms, experience_years) \
             SELECT $1, {title}, 'Melayani pelanggan dan menata barang di gudang.', 'C', 'SMA', '36.03.18', \
             1000000, {wage}, 1, {work}, $2, 'published', $3 + n, '83', '', 'day', 'permanent', $3 + n, 0 \
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
    let want = ids_of(
        pool,
        "SELECT id FROM (SELECT id, wage_max_idr FROM vacancies WHERE title = 'Teknisi Zirkonium' \
         AND status = 'published' ORDER BY id DESC LIMIT 1000) kept ORDER BY wage_max_idr DESC, id DESC LIMIT 20",
    )
    .await;

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
    let ids = item_ids(&body);
    assert_eq!(
        ids, want,
        "the best-paid of exactly the newest thousand matches (older ones pay more)"
    );
    assert_eq!(body["results"]["total"].as_i64(), Some(1000));
    assert_eq!(body["results"]["more"].as_bool(), Some(true));

    // A filter without words that 6,000 vacancies meet, one row in fifty: the walk's first look sees far
    // more than a thousand coming and hands over to the listing, which is exact.
    let want = ids_of(
        pool,
        "SELECT id FROM vacancies WHERE work_type = 'part_time' AND status = 'published' \
         ORDER BY id DESC LIMIT 20",
    )
    .await;
    assert_eq!(want.len(), 20);
    let response = public
        .post(
            SearchVacancies::PATH,
            &[
                ("query[district_code]", "36.03.18"),
                ("query[work_time]", "part_time"),
                ("query[sort]", "Newest"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let body = json(&response.body);
    let ids = item_ids(&body);
    assert_eq!(ids, want, "the newest part-time vacancies, exactly");
    assert_eq!(body["results"]["total"].as_i64(), Some(1000));
    assert_eq!(body["results"]["more"].as_bool(), Some(true));
}

/// The ids a statement lists, in its order.
async fn ids_of(pool: &sqlx::AnyPool, sql: &str) -> Vec<i64> {
    sqlx::query_as::<_, (i64,)>(sql)
        .fetch_all(pool)
        .await
        .expect("expected page")
        .into_iter()
        .map(|(id,)| id)
        .collect()
}

/// The ids of a search page's items, in its order.
fn item_ids(body: &serde_json::Value) -> Vec<i64> {
    body["results"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["id"].as_i64().expect("id"))
        .collect()
}

async fn total(client: &mut Client<'_>, text: &str) -> i64 {
    let response = client
        .post(SearchVacancies::PATH, &[("query[text]", text)])
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    json(&response.body)["results"]["total"]
        .as_i64()
        .expect("total")
}

on_both_backends!(
    a_prefix_finds_every_word_it_begins_after_inserts_and_edits,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        verify_company(&app, f.company_a).await;
        let pool = &app.db().pool;
        sqlx::query("UPDATE vacancies SET status = 'closed'")
            .execute(pool)
            .await
            .expect("fixture vacancies out of the way");
        let mut company = matrix::signed_in(&app, matrix::Actor::CompanyAdminA, "10.9.7.3").await;
        post_vacancy(&mut company, "Teknisi Zirkon", &[]).await;
        post_vacancy(&mut company, "Pemoles Zirkonia", &[]).await;
        let (edited, _) = post_vacancy(&mut company, "Staf Gudang", &[]).await;
        sqlx::query("UPDATE vacancies SET title = 'Pengawas Zirkonium' WHERE id = $1")
            .bind(edited)
            .execute(pool)
            .await
            .expect("edit");
        // 70 words under "q" (more than a prefix is expanded into), 11 of them under "q1".
        sqlx::query(
            "INSERT INTO vacancies (company_id, title, description, kbli_section, education_code, \
             district_code, wage_min_idr, wage_max_idr, headcount, work_type, deadline, status, created_at_ms, \
             occupation_code, skills, shift, contract_type, published_at_ms, experience_years) \
             SELECT $1, 'Kode q' || n || 'x', 'Uraian.', 'C', 'SMA', '36.03.18', 1000000, 2000000, 1, \
             'full_time', $2, 'published', $3, '83', '', 'day', 'permanent', $3, 0 \
             FROM (WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 70) \
             SELECT n FROM s) AS numbers",
        )
        .bind(f.company_a)
        .bind(crate::vacancies::deadline_in(30))
        .bind(app.state.clock.now_ms())
        .execute(pool)
        .await
        .expect("many words");

        let mut public = Client::new(&app, "10.9.7.4");
        assert_eq!(total(&mut public, "zirkon").await, 3, "inserted and edited");
        assert_eq!(total(&mut public, "zirkonia").await, 1);
        assert_eq!(total(&mut public, "zirkonium").await, 1);
        assert_eq!(
            total(&mut public, "staf").await,
            0,
            "the edited title's old word"
        );
        assert_eq!(
            total(&mut public, "q").await,
            70,
            "too many words: the prefix as it is"
        );
        assert_eq!(total(&mut public, "q1").await, 11);
        assert_eq!(total(&mut public, "q1 zirkon").await, 0);
        assert_eq!(total(&mut public, "zirkonx").await, 0);

        let words = |w: &[&str]| w.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>();
        let expanded = expanded_prefixes(app.db(), &words(&["zirkon", "q"]))
            .await
            .expect("expansion");
        let many = expanded_prefixes(app.db(), &words(&["q1"]))
            .await
            .expect("expansion");
        let none = expanded_prefixes(app.db(), &words(&["½"]))
            .await
            .expect("expansion");
        match app.db().backend {
            Backend::Postgres => {
                assert_eq!(
                    expanded.as_deref(),
                    Some("('zirkon' | 'zirkonia' | 'zirkonium') & 'q':*"),
                    "the triggers listed the inserted and the edited words"
                );
                // Bytewise: "q10x" … "q19x" before "q1x".
                let q1: Vec<String> = (10..20)
                    .chain(std::iter::once(1))
                    .map(|n| format!("'q{n}x'"))
                    .collect();
                assert_eq!(
                    many,
                    Some(format!("({})", q1.join(" | "))),
                    "the statement's 70 rows were listed"
                );
                assert_eq!(none, None, "no lexeme: the plain query");
            }
            Backend::Sqlite => {
                assert_eq!(expanded, None, "SQLite's index walks prefixes itself");
                assert_eq!((many, none), (None, None));
            }
        }
    }
);
