//! A public page whose data cannot be read answers with the error's HTTP status, and the page cache
//! never keeps it: a pool time-out under a crowd must not become the page every visitor gets.
use axum::{
    body::Body,
    http::{Request, StatusCode},
};

use crate::common::{Response, TestApp};

/// As a browser asks for a page (server functions called during the render then see `text/html`).
async fn browse(app: &TestApp, path: &str) -> Response {
    app.request(
        Request::get(path)
            .header("accept", "text/html,application/xhtml+xml")
            .body(Body::empty())
            .expect("request"),
    )
    .await
}

fn kept(response: &Response) -> bool {
    response.headers.contains_key("age")
}

const UNAVAILABLE_ID: &str = "Layanan sedang tidak tersedia sementara";
const ERROR_TITLE_ID: &str = "Maaf, terjadi kendala";

on_both_backends!(
    a_pool_time_out_answers_503_and_is_not_kept,
    |app: TestApp| async move {
        // Every connection busy, as under a crowd: the page's query waits the acquire time-out.
        let pool = &app.state.db.pool;
        let mut held = Vec::new();
        for _ in 0..pool.options().get_max_connections() {
            held.push(pool.acquire().await.expect("connection"));
        }
        let busy = browse(&app, "/lowongan").await;
        assert_eq!(
            busy.status,
            StatusCode::SERVICE_UNAVAILABLE,
            "{}",
            busy.body
        );
        assert!(busy.body.contains(UNAVAILABLE_ID), "{}", busy.body);
        drop(held);

        // The next visitor gets the real page, rendered afresh, and it is kept.
        let after = browse(&app, "/lowongan").await;
        assert_eq!(after.status, StatusCode::OK);
        assert!(!kept(&after), "the error page was not kept");
        assert!(!after.body.contains(UNAVAILABLE_ID));
        assert!(kept(&browse(&app, "/lowongan").await), "a real 200 is kept");
    }
);

on_both_backends!(
    a_failed_query_during_a_render_is_a_5xx_and_is_not_kept,
    |app: TestApp| async move {
        // The home page joins vacancies to their district names: break that table for one request.
        let pool = &app.state.db.pool;
        sqlx::query("ALTER TABLE regions RENAME TO regions_away")
            .execute(pool)
            .await
            .expect("break the table");
        let broken = browse(&app, "/").await;
        sqlx::query("ALTER TABLE regions_away RENAME TO regions")
            .execute(pool)
            .await
            .expect("repair the table");
        assert!(broken.status.is_server_error(), "{}", broken.status);
        assert!(
            broken.body.contains(ERROR_TITLE_ID),
            "the error panel shows"
        );

        let repaired = browse(&app, "/").await;
        assert_eq!(repaired.status, StatusCode::OK);
        assert!(!kept(&repaired), "the error page was not kept");
        assert!(!repaired.body.contains(ERROR_TITLE_ID));
    }
);

// A signed-in person on another role's page reads what the page is for and who can use it, with ways on.
// These pages stream (the status may go out before the error is known), so the test reads the content.
on_both_backends!(
    another_roles_page_says_whose_it_is_and_the_way_on,
    |app: TestApp| async move {
        use crate::common::matrix::{Actor, fixture, signed_in};
        use dnaker::core::i18n::ID;
        let f = fixture(&app).await;

        let mut seeker = signed_in(&app, Actor::SeekerA, "203.0.113.51").await;
        let page = seeker.get("/perusahaan/pkwt").await;
        for (what, text) in [
            ("what the page is for", ID.forbidden_company),
            ("a seeker's own contracts", ID.forbidden_pkwt_mine),
            ("home", ID.back_home),
            ("company sign-in", ID.forbidden_company_sign_in),
        ] {
            assert!(page.body.contains(text), "{what}: {}", page.body);
        }
        for href in [
            "href=\"/daftar/perusahaan\"",
            "href=\"/akun/kontrak\"",
            "href=\"/masuk?kembali=/perusahaan/pkwt\"",
            "href=\"/\"",
        ] {
            assert!(page.body.contains(href), "links {href}");
        }

        let mut company = signed_in(&app, Actor::CompanyAdminA, "203.0.113.52").await;
        let page = company.get("/petugas/pkwt").await;
        assert!(page.body.contains(ID.forbidden_officer), "{}", page.body);
        assert!(
            !page.body.contains(ID.forbidden_company),
            "not the company text"
        );
        for href in ["href=\"/masuk?kembali=/petugas/pkwt\"", "href=\"/\""] {
            assert!(page.body.contains(href), "links {href}");
        }

        // An officer at a person's counter page without that day's consent (it ends with the WIB day): the
        // way on is the counter, not the role text.
        let mut officer = signed_in(&app, Actor::Officer, "203.0.113.53").await;
        let page = officer.get(&format!("/petugas/loket/{}", f.seeker_a)).await;
        assert!(
            page.body.contains(ID.forbidden_counter_consent),
            "{}",
            page.body
        );
        assert!(
            !page.body.contains(ID.forbidden_officer),
            "not the role text"
        );
        assert!(
            page.body.contains(ID.forbidden_counter_open_again),
            "the link to open the person again"
        );

        // Not signed in: the sign-in that comes back, and no role explanation.
        let page = app.get("/akun/profil").await;
        assert!(
            page.body.contains("href=\"/masuk?kembali=/akun/profil\""),
            "{}",
            page.body
        );
        assert!(!page.body.contains(ID.forbidden_seeker));
    }
);

/// As a browser tab opens a download link (`Sec-Fetch-Dest: document`).
async fn open_in_tab(app: &TestApp, path: &str, cookie: Option<&str>) -> Response {
    let mut request = Request::get(path)
        .header("sec-fetch-dest", "document")
        .header("accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    app.request(request.body(Body::empty()).expect("request"))
        .await
}

on_both_backends!(
    a_download_opened_in_a_tab_explains_its_error_or_asks_to_sign_in,
    |app: TestApp| async move {
        use crate::common::matrix::{Actor, fixture, signed_in};
        use dnaker::core::i18n::Lang;
        fixture(&app).await;

        // A visitor (or a session that ended) is taken to the sign-in, which comes back to the file.
        let visitor = open_in_tab(&app, "/akun/kartu-ak1.pdf", None).await;
        assert_eq!(visitor.status, StatusCode::SEE_OTHER);
        assert_eq!(
            visitor.headers["location"],
            "/masuk?kembali=/akun/kartu-ak1.pdf"
        );

        // A seeker without a card gets the reason as a page of the portal, with a way on.
        let seeker = signed_in(&app, Actor::SeekerB, "10.8.9.2").await;
        let cookie = seeker.cookie.clone().expect("session");
        let page = open_in_tab(&app, "/akun/kartu-ak1.pdf", Some(&cookie)).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        assert_eq!(page.headers["content-type"], "text/html; charset=utf-8");
        assert!(
            page.body.contains(Lang::Id.strings().err_not_found),
            "{}",
            page.body
        );
        assert!(page.body.contains(ERROR_TITLE_ID), "{}", page.body);
        assert!(
            page.body.contains("<a class=\"link\" href=\"/\">"),
            "{}",
            page.body
        );
        assert!(
            page.headers["content-security-policy"]
                .to_str()
                .is_ok_and(|csp| csp.contains("default-src 'self'")),
            "the static policy"
        );

        // A script asking the same gets the status and the text, as before.
        let fetched = app.get_with_cookie("/akun/kartu-ak1.pdf", &cookie).await;
        assert_eq!(fetched.status, StatusCode::NOT_FOUND);
        assert_eq!(fetched.body, Lang::Id.strings().err_not_found);
    }
);
