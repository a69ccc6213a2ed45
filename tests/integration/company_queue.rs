//! The officers' company verification queue (`/petugas/perusahaan`) on SQLite and PostgreSQL: fifty a page,
//! oldest registration first, the page number clamped to the pages there are, and a search by part of the
//! name (wildcards taken literally) or by the NIB, on the server function and on the rendered page.
use axum::http::StatusCode;
use dnaker::features::companies::{api::LoadPendingCompanies, model::QUEUE_PAGE_SIZE};
use leptos::server_fn::ServerFn;
use serde_json::Value;

use crate::common::{
    TestApp,
    matrix::{Actor, fixture, signed_in},
    ok_json,
};

async fn company(app: &TestApp, name: &str, nib: &str, verified: bool, created_at_ms: i64) {
    sqlx::query(
        "INSERT INTO companies (name, nib, npwp, kbli_section, kbli_division, district_code, address, size_band, \
         contact_name, contact_email, verified, created_at_ms) VALUES ($1, $2, '012345678912000', 'C', '10', \
         '36.03.01', 'Jl. Uji', 'kecil', 'Narahubung', 'x@matrix.test', $3, $4)",
    )
    .bind(name)
    .bind(nib)
    .bind(i64::from(verified))
    .bind(created_at_ms)
    .execute(&app.db().pool)
    .await
    .expect("company");
}

fn names(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|c| c["name"].as_str().expect("name").to_owned())
        .collect()
}

on_both_backends!(
    the_company_queue_pages_oldest_first_and_finds_by_name_or_nib,
    |app: TestApp| async move {
        fixture(&app).await;
        // Registered newest first, so the queue's order is not the order of insertion.
        for n in (0..53).rev() {
            company(
                &app,
                &format!("PT Antre {n:03}"),
                &format!("88{n:011}"),
                false,
                10_000 + n,
            )
            .await;
        }
        company(&app, "PT Antre Lunas", "7700000000001", true, 5).await;
        company(&app, "PT 50% Jaya", "7700000000002", false, 20_000).await;
        sqlx::query("UPDATE companies SET rejection_reason = 'NIB tidak terdaftar di OSS.' WHERE name = 'PT Antre 052'")
            .execute(&app.db().pool)
            .await
            .expect("reject");
        let (total,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM companies WHERE verified = 0 AND rejection_reason IS NULL",
        )
        .fetch_one(&app.db().pool)
        .await
        .expect("count");
        let pages = (total + QUEUE_PAGE_SIZE - 1) / QUEUE_PAGE_SIZE;
        assert!(pages >= 2, "{total}");

        let mut officer = signed_in(&app, Actor::Officer, "203.0.113.61").await;
        let first = ok_json(&mut officer, LoadPendingCompanies::PATH, &[]).await;
        assert_eq!(
            (first["page"].as_i64(), first["pages"].as_i64()),
            (Some(1), Some(pages))
        );
        assert_eq!(first["total"].as_i64(), Some(total));
        assert_eq!(names(&first).len(), QUEUE_PAGE_SIZE as usize);
        let times: Vec<i64> = first["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|c| c["registered_at_ms"].as_i64().expect("time"))
            .collect();
        assert!(
            times.windows(2).all(|w| w[0] <= w[1]),
            "oldest first: {times:?}"
        );
        let antre: Vec<String> = names(&first)
            .into_iter()
            .filter(|n| n.starts_with("PT Antre"))
            .collect();
        assert_eq!(
            antre.first().map(String::as_str),
            Some("PT Antre 000"),
            "{antre:?}"
        );

        // Past the last page: the last page, holding the rest; the newest registration is last.
        let last = ok_json(
            &mut officer,
            LoadPendingCompanies::PATH,
            &[("page", "999".into())],
        )
        .await;
        assert_eq!(last["page"].as_i64(), Some(pages));
        let rest = names(&last);
        assert_eq!(rest.len() as i64, total - (pages - 1) * QUEUE_PAGE_SIZE);
        assert_eq!(rest.last().map(String::as_str), Some("PT 50% Jaya"));
        assert!(
            !rest
                .iter()
                .chain(names(&first).iter())
                .any(|n| n == "PT Antre Lunas" || n == "PT Antre 052")
        );

        let tens: Vec<String> = (10..20).map(|n| format!("PT Antre {n:03}")).collect();
        for (search, expected) in [
            ("antre 007", vec!["PT Antre 007".to_owned()]),
            ("  ANTRE 01", tens),
            ("8800000000041", vec!["PT Antre 041".to_owned()]),
            ("50%", vec!["PT 50% Jaya".to_owned()]),
            ("%", vec!["PT 50% Jaya".to_owned()]),
            ("_", vec![]),
            ("lunas", vec![]),
        ] {
            let found = ok_json(
                &mut officer,
                LoadPendingCompanies::PATH,
                &[("search", search.into())],
            )
            .await;
            assert_eq!(names(&found), expected, "{search:?}");
            assert_eq!(
                found["total"].as_i64(),
                Some(expected.len() as i64),
                "{search:?}"
            );
            let applied: String = search.trim().chars().filter(|c| !c.is_control()).collect();
            assert_eq!(found["search"].as_str(), Some(applied.as_str()));
        }

        // A NUL (which PostgreSQL refuses in text) is refused at the door, as a bad request, on both
        // backends alike; so is one in the page's address.
        let nul = officer
            .post(LoadPendingCompanies::PATH, &[("search", "antre\u{0} 007")])
            .await;
        assert_eq!(nul.status, StatusCode::BAD_REQUEST, "{}", nul.body);
        assert_eq!(
            officer
                .get("/petugas/perusahaan?cari=antre%00")
                .await
                .status,
            StatusCode::BAD_REQUEST
        );

        // The page itself: the search has an address, its count and the way back to the whole queue.
        let page = officer.get("/petugas/perusahaan?cari=Antre%20007").await;
        assert!(
            page.body.contains("PT Antre 007") && !page.body.contains("PT Antre 008"),
            "{}",
            page.body
        );
        assert!(
            page.body
                .contains("1 perusahaan menunggu verifikasi yang cocok dengan “Antre 007”."),
            "{}",
            page.body
        );
        assert!(
            page.body.contains(
                "href=\"/petugas/perusahaan\" data-testid=\"company-queue-show-all\" class=\"link\">Tampilkan semua</a>"
            ),
            "the way back: {}",
            page.body
        );
        let second = officer.get("/petugas/perusahaan?hal=2").await;
        assert!(
            second
                .body
                .contains("rel=\"prev\" href=\"/petugas/perusahaan?hal=1\""),
            "{}",
            second.body
        );
        assert!(
            second.body.contains(&format!("Halaman 2 dari {pages}")),
            "{}",
            second.body
        );
    }
);
