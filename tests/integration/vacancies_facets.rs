//! The search's filters are terms of the full-text index too (migration 0091, `vacancies::facets`): the
//! index narrows by them, the exact filters apply after. This checks, on both backends and through the real
//! HTTP stack, that every filter (alone, combined, with and without words) finds exactly the vacancies the
//! filter's own definition selects, also after a vacancy's filtered fields change and after a deletion.
use axum::http::StatusCode;
use dnaker::{features::vacancies::api::SearchVacancies, server::db::Backend};
use leptos::server_fn::ServerFn;

use crate::{
    ak1::json,
    common::{Client, TestApp, matrix},
};

const DISTRICTS: [&str; 3] = ["36.03.01", "36.03.18", "36.03.07"];
const OCCUPATIONS: [Option<&str>; 4] = [Some("83"), Some("52"), None, Some("43")];
/// Education codes with their rank (the reference table's).
const EDUCATION: [(&str, i64); 5] = [("SD", 1), ("SMA", 3), ("SMK", 3), ("D3", 6), ("D4_S1", 7)];

#[derive(Clone, Debug)]
struct Vacancy {
    id: i64,
    title: &'static str,
    district: String,
    sector: &'static str,
    occupation: Option<&'static str>,
    education: &'static str,
    work_time: &'static str,
    wage_max: i64,
    open: bool,
    published_at_ms: i64,
}

fn rank(code: &str) -> i64 {
    EDUCATION
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(i64::MAX, |(_, r)| *r)
}

/// What a filter's own definition selects (the query's pairs as the search form posts them).
fn selects(v: &Vacancy, pairs: &[(&str, &str)]) -> bool {
    v.open
        && pairs.iter().all(|(name, value)| match *name {
            "query[text]" => v.title.to_lowercase().contains(&value.to_lowercase()),
            "query[district_code]" => v.district == *value,
            "query[sector]" => v.sector == *value,
            "query[occupation]" => v.occupation.is_some_and(|o| o.starts_with(value)),
            "query[education]" => rank(v.education) <= rank(value),
            "query[work_time]" => v.work_time == *value,
            "query[min_wage_idr]" => v.wage_max >= value.parse::<i64>().expect("wage"),
            _ => true,
        })
}

async fn insert(app: &TestApp, company: i64, i: i64, since_ms: i64) -> Vacancy {
    // Wages cross the bands' edges: every seventh exactly on a band (1, 2, … million).
    let wage_max = if i % 7 == 0 {
        (i / 7 + 1) * 1_000_000
    } else {
        1_500_000 + i * 430_000
    };
    let v = Vacancy {
        id: 0,
        title: if (i / 5) % 2 == 0 {
            "Operator Bubut"
        } else {
            "Kasir Toko"
        },
        district: DISTRICTS[(i % 3) as usize].to_owned(),
        sector: ["C", "G"][((i / 3) % 2) as usize],
        occupation: OCCUPATIONS[(i % 4) as usize],
        education: EDUCATION[(i % 5) as usize].0,
        work_time: ["full_time", "part_time"][((i / 2) % 2) as usize],
        wage_max,
        open: i % 11 != 0,
        published_at_ms: since_ms + i * 1_000,
    };
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO vacancies (company_id, title, description, kbli_section, education_code, district_code, \
         wage_min_idr, wage_max_idr, headcount, work_type, deadline, status, created_at_ms, occupation_code, skills, \
         shift, contract_type, published_at_ms, experience_years) \
         VALUES ($1, $2, 'Uraian pekerjaan.', $3, $4, $5, 1000000, $6, 1, $7, $8, $9, $10, $11, '', 'day', \
         'permanent', $10, 0) RETURNING id",
    )
    .bind(company)
    .bind(v.title)
    .bind(v.sector)
    .bind(v.education)
    .bind(&v.district)
    .bind(v.wage_max)
    .bind(v.work_time)
    .bind(crate::vacancies::deadline_in(30))
    .bind(if v.open { "published" } else { "closed" })
    .bind(v.published_at_ms)
    .bind(v.occupation)
    .fetch_one(&app.db().pool)
    .await
    .expect("vacancy");
    Vacancy { id, ..v }
}

/// The search's first page (newest first) and total for these pairs.
async fn found(client: &mut Client<'_>, pairs: &[(&str, &str)]) -> (Vec<i64>, i64) {
    let mut form = pairs.to_vec();
    form.push(("query[sort]", "Newest"));
    let response = client.post(SearchVacancies::PATH, &form).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let body = json(&response.body);
    let ids = body["results"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["id"].as_i64().expect("id"))
        .collect();
    (ids, body["results"]["total"].as_i64().expect("total"))
}

fn expected(vacancies: &[Vacancy], pairs: &[(&str, &str)]) -> (Vec<i64>, i64) {
    let mut hits: Vec<&Vacancy> = vacancies.iter().filter(|v| selects(v, pairs)).collect();
    hits.sort_by_key(|v| std::cmp::Reverse((v.published_at_ms, v.id)));
    let total = hits.len() as i64;
    (hits.iter().take(20).map(|v| v.id).collect(), total)
}

const COMBINATIONS: &[&[(&str, &str)]] = &[
    &[("query[district_code]", "36.03.18")],
    &[("query[sector]", "G")],
    &[("query[occupation]", "8")],
    &[("query[occupation]", "52")],
    &[("query[education]", "SMA")],
    &[("query[education]", "D3")],
    &[("query[education]", "D4_S1")],
    &[("query[work_time]", "part_time")],
    &[("query[min_wage_idr]", "6000000")],
    &[("query[min_wage_idr]", "6500000")],
    &[("query[min_wage_idr]", "500000")],
    &[("query[min_wage_idr]", "31000000")],
    &[
        ("query[district_code]", "36.03.01"),
        ("query[education]", "SMK"),
    ],
    &[("query[text]", "bubut"), ("query[occupation]", "52")],
    &[
        ("query[text]", "kasir"),
        ("query[sector]", "C"),
        ("query[work_time]", "full_time"),
        ("query[min_wage_idr]", "8000000"),
    ],
    &[("query[district_code]", "36.03.22")],
    &[
        ("query[text]", "operator"),
        ("query[district_code]", "36.03.22"),
    ],
];

on_both_backends!(
    every_filter_finds_what_it_selects_through_the_index_terms,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        crate::vacancies::verify_company(&app, f.company_a).await;
        sqlx::query("UPDATE vacancies SET status = 'closed'")
            .execute(&app.db().pool)
            .await
            .expect("fixture vacancies out of the way");
        let since = app.state.clock.now_ms() - 86_400_000;
        let mut vacancies = Vec::new();
        for i in 0..66 {
            vacancies.push(insert(&app, f.company_a, i, since).await);
        }
        // A change of the filtered fields moves the vacancy's terms (the update triggers), and a deleted
        // vacancy leaves the index.
        let moved = &mut vacancies[4];
        sqlx::query(
            "UPDATE vacancies SET district_code = '36.03.22', wage_max_idr = 31000000 WHERE id = $1",
        )
        .bind(moved.id)
        .execute(&app.db().pool)
        .await
        .expect("moved");
        moved.district = "36.03.22".to_owned();
        moved.wage_max = 31_000_000;
        let gone = vacancies.remove(5);
        sqlx::query("DELETE FROM vacancies WHERE id = $1")
            .bind(gone.id)
            .execute(&app.db().pool)
            .await
            .expect("deleted");

        if app.db().backend == Backend::Sqlite {
            // The index holds exactly the terms the rows give (a wrong 'delete' would leave stale ones,
            // which the exact filters would hide from the searches below).
            sqlx::query(
                "INSERT INTO vacancies_fts (vacancies_fts, rank) VALUES ('integrity-check', 1)",
            )
            .execute(&app.db().pool)
            .await
            .expect("the full-text index agrees with its rows");
        }

        let mut public = Client::new(&app, "10.9.7.1");
        for pairs in COMBINATIONS {
            let want = expected(&vacancies, pairs);
            assert!(want.1 > 0, "{pairs:?} selects something");
            assert_eq!(found(&mut public, pairs).await, want, "{pairs:?}");
        }
        // Without words the default order is the newest first, as the listing's.
        let response = public
            .post(
                SearchVacancies::PATH,
                &[("query[district_code]", "36.03.18")],
            )
            .await;
        let ids: Vec<i64> = json(&response.body)["results"]["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|i| i["id"].as_i64().expect("id"))
            .collect();
        assert_eq!(
            ids,
            expected(&vacancies, &[("query[district_code]", "36.03.18")]).0
        );
        // An education level the portal does not know finds nothing (and is no error).
        let unknown = found(&mut public, &[("query[education]", "S9")]).await;
        assert_eq!(unknown, (Vec::new(), 0));
    }
);
