//! Integration tests of K3, on SQLite and PostgreSQL: an accident report (NIK encrypted, late ones flagged,
//! a fatal one alerting every staff account), its referral package PDF, photos checked by their bytes, the
//! SMK3 and P2K3 self-checks, an inspection with orders reported done, and the authorization matrix.
use axum::http::StatusCode;
use dnaker::{
    core::calendar::{format_date, wib_date},
    features::safety::api::{
        AddAccidentPhoto, AttachInspection, ForwardAccident, LoadCompanySafety, ReportAccident,
        ReportOrderDone, SubmitP2k3Check, SubmitSmk3Check,
    },
};
use leptos::server_fn::ServerFn;

use crate::{
    ak1::PNG,
    common::{
        Client, TestApp,
        matrix::{self, Actor, Case},
        ok_json, post,
    },
    tka::PDF,
};

const NIK: &str = "3603012005960901";

/// An accident `days_ago` days back at 00:00 WIB: midnight is never in the future, even when the
/// test runs in the first minutes of a WIB day (00:05 once failed CI at 00:03 WIB).
pub(crate) fn accident_form(app: &TestApp, days_ago: i64, outcome: &str) -> Vec<(String, String)> {
    let date = format_date(wib_date(app.state.clock.now_ms()) - time::Duration::days(days_ago));
    [
        ("victim_name", "Budi Santoso"),
        ("victim_nik", NIK),
        ("victim_birth_date", "1996-05-20"),
        ("victim_sex", "male"),
        ("victim_job", "Operator mesin press"),
        ("victim_unit", "Produksi"),
        ("place", "Lini press 3, gedung B"),
        ("date", &date),
        ("time", "00:00"),
        (
            "description",
            "Tangan kiri terjepit cetakan saat membersihkan sisa material.",
        ),
        ("task", "Membersihkan cetakan"),
        ("witnesses", "Andi (operator)"),
        ("agent", "Mesin press hidrolik"),
        ("outcome", outcome),
        ("body_part", "Tangan kiri"),
        ("treatment", "Dijahit, rawat jalan"),
        ("hospital", "RSUD Balaraja"),
        ("lost_days", "3"),
        ("loss", "2.500.000"),
    ]
    .into_iter()
    .map(|(k, v)| (format!("form[{k}]"), v.to_owned()))
    .collect()
}

fn borrowed(form: &[(String, String)]) -> Vec<(&str, String)> {
    form.iter().map(|(k, v)| (k.as_str(), v.clone())).collect()
}

async fn report(client: &mut Client<'_>, form: &[(String, String)]) -> i64 {
    ok_json(client, ReportAccident::PATH, &borrowed(form))
        .await
        .as_i64()
        .expect("accident id")
}

async fn attach(
    officer: &mut Client<'_>,
    company_id: i64,
    orders: &str,
    document: &[u8],
) -> crate::common::Response {
    let inspected = "2026-01-05".to_owned();
    let company = company_id.to_string();
    officer
        .post_multipart(
            AttachInspection::PATH,
            &[
                ("company_id", &company),
                ("inspected_on", &inspected),
                (
                    "summary",
                    "Pelindung mesin press tidak terpasang di lini 3.",
                ),
                ("orders", orders),
            ],
            &[("document", "temuan.pdf", document)],
        )
        .await
}

on_both_backends!(
    an_accident_report_is_encrypted_flagged_when_late_and_referred_as_a_pdf,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.92.0.1").await;
        // Bad input: refused, nothing written.
        let mut bad = accident_form(&app, 0, "lost");
        bad[1].1 = "1234".into();
        let response = post(&mut company, ReportAccident::PATH, &borrowed(&bad)).await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(app.count("SELECT COUNT(*) FROM k3_accidents").await, 0);

        // Three days ago at 00:00: more than 48 hours, accepted and flagged.
        let late = report(&mut company, &accident_form(&app, 3, "injured")).await;
        let (ciphertext, flag, case): (String, i64, String) = sqlx::query_as(
            "SELECT victim_nik_ciphertext, late, case_number FROM k3_accidents WHERE id = $1",
        )
        .bind(late)
        .fetch_one(&app.db().pool)
        .await
        .expect("row");
        assert!(!ciphertext.contains(NIK));
        assert_eq!(flag, 1);
        assert!(case.starts_with("K3/3603/"), "{case}");
        let view = ok_json(&mut company, LoadCompanySafety::PATH, &[]).await;
        assert_eq!(view["accidents"][0]["late"], true);
        assert!(
            view["accidents"][0]["victim_id_masked"]
                .as_str()
                .is_some_and(|m| !m.contains(NIK))
        );

        // The referral package: a PDF with the case number and the late note; not for company B.
        let pdf = company
            .get(&format!("/k3/kecelakaan/{late}/rujukan.pdf"))
            .await;
        assert_eq!(pdf.status, StatusCode::OK);
        assert!(pdf.body.starts_with("%PDF-"));
        assert!(
            pdf.body.contains(&case) && pdf.body.contains("lewat 48 jam"),
            "the referral names its case"
        );
        let mut company_b = matrix::signed_in(&app, Actor::CompanyAdminB, "10.92.0.2").await;
        let other = company_b
            .get(&format!("/k3/kecelakaan/{late}/rujukan.pdf"))
            .await;
        assert_eq!(other.status, StatusCode::NOT_FOUND);
        // An officer's read names the victim: audited.
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.92.0.3").await;
        let pdf = officer
            .get(&format!("/k3/kecelakaan/{late}/rujukan.pdf"))
            .await;
        assert_eq!(pdf.status, StatusCode::OK);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'k3.accident_read'")
                .await,
            1
        );

        // Photos: a PNG is taken, a PDF is not a photo, company B cannot add to A's accident.
        let id = late.to_string();
        let photo = company
            .post_multipart(
                AddAccidentPhoto::PATH,
                &[("accident_id", &id)],
                &[("photo", "foto.png", PNG)],
            )
            .await;
        assert_eq!(photo.status, StatusCode::OK, "{}", photo.body);
        let refused = company
            .post_multipart(
                AddAccidentPhoto::PATH,
                &[("accident_id", &id)],
                &[("photo", "foto.png", PDF)],
            )
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        let foreign = company_b
            .post_multipart(
                AddAccidentPhoto::PATH,
                &[("accident_id", &id)],
                &[("photo", "foto.png", PNG)],
            )
            .await;
        assert_eq!(foreign.status, StatusCode::NOT_FOUND);
        assert_eq!(
            company
                .get(&format!("/k3/kecelakaan/{late}/foto/1"))
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            company
                .get(&format!("/k3/kecelakaan/{late}/foto/2"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );

        // A fatal accident today: every officer and admin is told at once.
        let before = app
            .count("SELECT COUNT(*) FROM notifications WHERE message_key = 'safety_notice_fatal'")
            .await;
        let fatal = report(&mut company, &accident_form(&app, 0, "died")).await;
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM notifications WHERE message_key = 'safety_notice_fatal'"
            )
            .await
                - before,
            2
        );
        let (flag,): (i64,) = sqlx::query_as("SELECT late FROM k3_accidents WHERE id = $1")
            .bind(fatal)
            .fetch_one(&app.db().pool)
            .await
            .expect("row");
        assert_eq!(flag, 0);
        let _ = f;
    }
);

on_both_backends!(
    self_checks_and_inspection_orders_reported_done,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.92.1.1").await;
        ok_json(
            &mut company,
            SubmitSmk3Check::PATH,
            &[
                ("form[level]", "initial".into()),
                ("form[met]", "55".into()),
                ("form[critical]", "1".into()),
            ],
        )
        .await;
        ok_json(
            &mut company,
            SubmitP2k3Check::PATH,
            &[
                ("form[workers]", "150".into()),
                ("form[formed]", "on".into()),
                ("form[members]", "6".into()),
            ],
        )
        .await;
        let view = ok_json(&mut company, LoadCompanySafety::PATH, &[]).await;
        assert_eq!(view["smk3"]["percentage"], 85);
        assert_eq!(
            view["smk3"]["category"], "failed",
            "a critical finding fails it"
        );
        assert_eq!(view["p2k3"]["category"], "not_compliant");

        // The officer attaches findings with two orders; a bad order line or a non-PDF is refused.
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.92.1.2").await;
        assert_eq!(
            attach(&mut officer, f.company_a, "besok perbaiki", PDF)
                .await
                .status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            attach(
                &mut officer,
                f.company_a,
                "2026-01-10 Pasang pelindung mesin",
                PNG
            )
            .await
            .status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM k3_inspections").await, 0);
        let orders =
            "2026-01-10 Pasang pelindung mesin press\n2099-12-31 Latih operator tentang K3";
        let response = attach(&mut officer, f.company_a, orders, PDF).await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.body);
        let view = ok_json(&mut company, LoadCompanySafety::PATH, &[]).await;
        let listed = view["inspections"][0]["orders"]
            .as_array()
            .expect("orders")
            .clone();
        assert_eq!(listed.len(), 2);
        assert_eq!(listed[0]["overdue"], true);
        let order = listed[0]["id"].as_i64().expect("id").to_string();

        // Done with evidence; twice is a conflict; company B cannot.
        let mut company_b = matrix::signed_in(&app, Actor::CompanyAdminB, "10.92.1.3").await;
        let foreign = company_b
            .post_multipart(
                ReportOrderDone::PATH,
                &[("order_id", &order), ("note", "Sudah dipasang.")],
                &[("evidence", "bukti.png", PNG)],
            )
            .await;
        assert_eq!(foreign.status, StatusCode::NOT_FOUND);
        let done = company
            .post_multipart(
                ReportOrderDone::PATH,
                &[("order_id", &order), ("note", "Sudah dipasang.")],
                &[("evidence", "bukti.png", PNG)],
            )
            .await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
        let twice = company
            .post_multipart(
                ReportOrderDone::PATH,
                &[("order_id", &order), ("note", "Sudah dipasang.")],
                &[("evidence", "bukti.png", PNG)],
            )
            .await;
        assert_eq!(twice.status, StatusCode::CONFLICT);
        assert_eq!(
            company
                .get(&format!("/k3/perintah/{order}/bukti"))
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM notifications WHERE message_key = 'safety_notice_inspection'"
            )
            .await,
            3,
            "company A's three accounts"
        );
    }
);

const PASSPORT: &str = "K7788 9911";
const PASSPORT_STORED: &str = "K77889911";

/// The accident form of a foreign victim: a passport number and a nationality, no NIK.
fn foreign_victim_form(app: &TestApp) -> Vec<(String, String)> {
    let mut form = accident_form(app, 1, "injured");
    form.retain(|(k, _)| k != "form[victim_nik]");
    form.extend(
        [
            ("victim_id_kind", "passport"),
            ("victim_passport", PASSPORT),
            ("victim_nationality", "Tiongkok"),
        ]
        .map(|(k, v)| (format!("form[{k}]"), v.to_owned())),
    );
    form
}

on_both_backends!(
    a_foreign_victim_is_reported_by_passport_never_kept_in_clear,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.92.4.1").await;
        // A passport too short, or no nationality: refused, nothing written.
        let mut bad = foreign_victim_form(&app);
        for (k, v) in bad.iter_mut() {
            if k == "form[victim_passport]" {
                *v = "K77".into();
            }
        }
        let response = post(&mut company, ReportAccident::PATH, &borrowed(&bad)).await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(response.body.contains("err_passport"), "{}", response.body);
        assert_eq!(app.count("SELECT COUNT(*) FROM k3_accidents").await, 0);

        let id = report(&mut company, &foreign_victim_form(&app)).await;
        let (kind, nik, ciphertext, hash, nationality): (String, String, String, String, String) =
            sqlx::query_as(
                "SELECT victim_id_kind, victim_nik_ciphertext, victim_passport_ciphertext, victim_passport_hash, \
                 victim_nationality FROM k3_accidents WHERE id = $1",
            )
            .bind(id)
            .fetch_one(&app.db().pool)
            .await
            .expect("row");
        assert_eq!((kind.as_str(), nik.as_str()), ("passport", ""));
        assert_eq!(nationality, "Tiongkok");
        assert_eq!(
            app.state.pii.decrypt(&ciphertext).ok().as_deref(),
            Some(PASSPORT_STORED)
        );
        assert_eq!(
            hash,
            app.state.pii.blind_index(PASSPORT_STORED),
            "indexed like a NIK"
        );
        // Masked on the page and in the referral package; named nowhere in clear.
        let view = ok_json(&mut company, LoadCompanySafety::PATH, &[]).await;
        assert_eq!(view["accidents"][0]["victim_id_masked"], "******911");
        assert_eq!(view["accidents"][0]["victim_id_kind"], "passport");
        let pdf = company
            .get(&format!("/k3/kecelakaan/{id}/rujukan.pdf"))
            .await;
        assert_eq!(pdf.status, StatusCode::OK);
        assert!(pdf.body.contains("******911") && pdf.body.contains("Tiongkok"));
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.92.4.2").await;
        let csv = officer.get("/petugas/kepatuhan/kecelakaan.csv").await;
        assert_eq!(csv.status, StatusCode::OK);
        for text in [&pdf.body, &csv.body, &view.to_string()] {
            assert!(!text.contains(PASSPORT_STORED) && !text.contains(PASSPORT));
        }
        for needle in [PASSPORT_STORED, PASSPORT, "K7788"] {
            assert_eq!(
                crate::pii_scan::columns_holding(&app, needle).await,
                Vec::<String>::new(),
                "{needle} in clear"
            );
        }
    }
);

on_both_backends!(
    concurrent_photo_uploads_stay_within_the_limit,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut first = matrix::signed_in(&app, Actor::CompanyAdminA, "10.92.5.1").await;
        let id = report(&mut first, &accident_form(&app, 1, "injured")).await;
        let mut second = matrix::signed_in(&app, Actor::CompanyStaffA, "10.92.5.2").await;
        let mut third = matrix::signed_in(&app, Actor::CompanyAdminA, "10.92.5.3").await;
        let mut fourth = matrix::signed_in(&app, Actor::CompanyStaffA, "10.92.5.4").await;
        let id = id.to_string();
        let fields = [("accident_id", id.as_str())];
        let files = [("photo", "foto.png", PNG)];
        // Two photos already; four more at once: only one more fits.
        for _ in 0..2 {
            let r = first
                .post_multipart(AddAccidentPhoto::PATH, &fields, &files)
                .await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        }
        let mut fifth = matrix::signed_in(&app, Actor::CompanyAdminA, "10.92.5.5").await;
        let (a, b, c, d) = tokio::join!(
            second.post_multipart(AddAccidentPhoto::PATH, &fields, &files),
            third.post_multipart(AddAccidentPhoto::PATH, &fields, &files),
            fourth.post_multipart(AddAccidentPhoto::PATH, &fields, &files),
            fifth.post_multipart(AddAccidentPhoto::PATH, &fields, &files),
        );
        let ok = [a, b, c, d]
            .iter()
            .filter(|r| r.status == StatusCode::OK)
            .count();
        assert_eq!(ok, 1);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM k3_accident_photos").await,
            3
        );
    }
);

on_both_backends!(
    the_accidents_csv_lists_every_row_and_says_when_it_is_cut,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.92.6.1").await;
        let first = report(&mut company, &accident_form(&app, 1, "injured")).await;
        // 100 more rows like it (a day apart, each its own case number).
        for n in 1..=100_i64 {
            sqlx::query(
                "INSERT INTO k3_accidents (company_id, case_number, victim_name, victim_nik_ciphertext, victim_nik_hash, \
                 victim_birth_date, victim_sex, victim_job, victim_unit, place, occurred_at_ms, description, task, witnesses, \
                 agent, outcome, body_part, treatment, hospital, lost_days, loss_idr, late, reported_by, reported_at_ms) \
                 SELECT company_id, $1, victim_name, victim_nik_ciphertext, victim_nik_hash, victim_birth_date, victim_sex, \
                 victim_job, victim_unit, place, occurred_at_ms - $2, description, task, witnesses, agent, outcome, body_part, \
                 treatment, hospital, lost_days, loss_idr, late, reported_by, reported_at_ms FROM k3_accidents WHERE id = $3",
            )
            .bind(format!("K3/3603/2026/X{n:04}"))
            .bind(n * 86_400_000)
            .bind(first)
            .execute(&app.db().pool)
            .await
            .expect("copy");
        }
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.92.6.2").await;
        let csv = officer.get("/petugas/kepatuhan/kecelakaan.csv").await;
        assert_eq!(csv.status, StatusCode::OK);
        let lines: Vec<&str> = csv.body.lines().collect();
        assert_eq!(lines.len(), 102, "a header and all 101 accidents");
        assert!(
            lines[101].contains("X0100"),
            "the oldest last: {}",
            lines[101]
        );
        assert!(!csv.body.contains("TRUNCATED"));
        // Past the maximum the file ends with a row saying it was cut (the cap lowered to 40 here).
        let mut conn = app.db().pool.acquire().await.expect("conn");
        for (max, rows) in [(40, 40), (101, 101), (1000, 101)] {
            let bytes = dnaker::features::compliance::officer::accidents_csv_upto(&mut conn, max)
                .await
                .expect("csv");
            let text = String::from_utf8(bytes).expect("utf-8");
            let cut = rows < 101;
            assert_eq!(
                text.lines().count(),
                1 + rows + usize::from(cut),
                "max {max}"
            );
            assert_eq!(
                text.lines().last().is_some_and(|l| l.contains("TRUNCATED")),
                cut
            );
        }
    }
);

on_both_backends!(
    a_3000_character_account_reaches_the_referral_in_full_with_the_company_facts,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.92.8.1").await;
        let words: Vec<String> = (0..375).map(|n| format!("k{n:06}")).collect();
        let description = words.join(" ");
        assert_eq!(description.chars().count(), 2999);
        let mut form = accident_form(&app, 0, "injured");
        let field = form
            .iter_mut()
            .find(|(k, _)| k == "form[description]")
            .expect("description");
        field.1 = format!("{description}.");
        let id = report(&mut company, &form).await;
        let pdf = company
            .get(&format!("/k3/kecelakaan/{id}/rujukan.pdf"))
            .await;
        assert_eq!(pdf.status, StatusCode::OK);
        let missing: Vec<&String> = words
            .iter()
            .filter(|w| !pdf.body.contains(w.as_str()))
            .collect();
        assert!(missing.is_empty(), "cut from the referral: {missing:?}");
        assert!(pdf.body.contains("lanjutan (halaman 2 dari "));
        let (address, nib, section, division): (String, String, String, String) = sqlx::query_as(
            "SELECT address, nib, kbli_section, kbli_division FROM companies WHERE id = $1",
        )
        .bind(f.company_a)
        .fetch_one(&app.db().pool)
        .await
        .expect("company");
        for fact in [address, format!("{nib} / {section} / {division}")] {
            assert!(pdf.body.contains(&fact), "the company block names {fact}");
        }
    }
);

on_both_backends!(
    an_officer_forwards_the_referral_once_and_the_company_has_a_receipt,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.92.9.1").await;
        let id = report(&mut company, &accident_form(&app, 0, "injured")).await;
        let (case,): (String,) =
            sqlx::query_as("SELECT case_number FROM k3_accidents WHERE id = $1")
                .bind(id)
                .fetch_one(&app.db().pool)
                .await
                .expect("case");
        let receipt = company
            .get(&format!("/k3/kecelakaan/{id}/tanda-terima.pdf"))
            .await;
        assert_eq!(receipt.status, StatusCode::OK);
        assert!(receipt.body.starts_with("%PDF-"));
        assert!(receipt.body.contains(&case) && receipt.body.contains("Belum"));
        let mut company_b = matrix::signed_in(&app, Actor::CompanyAdminB, "10.92.9.2").await;
        let other = company_b
            .get(&format!("/k3/kecelakaan/{id}/tanda-terima.pdf"))
            .await;
        assert_eq!(other.status, StatusCode::NOT_FOUND);

        // The company cannot mark its own report forwarded; nothing is written.
        let form = vec![("accident_id".to_owned(), id.to_string())];
        let refused = post(
            &mut company,
            ForwardAccident::PATH,
            &[("accident_id", id.to_string())],
        )
        .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM k3_accidents WHERE referred_at_ms IS NOT NULL")
                .await,
            0
        );

        // Two officers at once: one forwards it, the other gets a 409.
        let officer = matrix::signed_in(&app, Actor::Officer, "10.92.9.3").await;
        let admin = matrix::signed_in(&app, Actor::Admin, "10.92.9.4").await;
        let answers = app
            .post_all_at_once(
                ForwardAccident::PATH,
                vec![
                    (officer.cookie.clone().expect("cookie"), form.clone()),
                    (admin.cookie.clone().expect("cookie"), form),
                ],
            )
            .await;
        let mut statuses: Vec<u16> = answers.iter().map(|r| r.status.as_u16()).collect();
        statuses.sort_unstable();
        assert_eq!(
            statuses,
            vec![200, 409],
            "{:?}",
            answers.iter().map(|r| &r.body).collect::<Vec<_>>()
        );
        let (to, by): (Option<String>, Option<i64>) =
            sqlx::query_as("SELECT referred_to, referred_by FROM k3_accidents WHERE id = $1")
                .bind(id)
                .fetch_one(&app.db().pool)
                .await
                .expect("row");
        assert_eq!(
            to.as_deref(),
            Some("Pengawas Ketenagakerjaan Provinsi Banten")
        );
        assert!(by.is_some());
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'k3.accident_forwarded'")
                .await,
            1
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM notifications WHERE message_key = 'safety_notice_forwarded'")
                .await,
            app.count(&format!(
                "SELECT COUNT(*) FROM accounts WHERE disabled = 0 AND company_id = (SELECT company_id FROM k3_accidents WHERE id = {id})"
            ))
            .await,
            "every account of the company is told once"
        );

        // The company sees it forwarded, and so does its receipt.
        let view = ok_json(&mut company, LoadCompanySafety::PATH, &[]).await;
        assert!(view["accidents"][0]["forwarded_at"].is_string(), "{view}");
        let receipt = company
            .get(&format!("/k3/kecelakaan/{id}/tanda-terima.pdf"))
            .await;
        assert!(
            receipt
                .body
                .contains("Pengawas Ketenagakerjaan Provinsi Banten pada")
        );
    }
);

on_both_backends!(
    every_demo_inspection_document_is_readable,
    |app: TestApp| async move {
        let report = dnaker::features::demo::seed::seed_demo(app.db(), &app.state.pii)
            .await
            .expect("seeded");
        let store = || {
            dnaker::features::demo::obligations::store_demo_documents(app.db(), &app.state.storage)
        };
        assert_eq!(
            store().await.expect("stored"),
            1,
            "one shared findings file"
        );
        assert_eq!(
            store().await.expect("again"),
            0,
            "run again: nothing to store"
        );
        let keys: Vec<(i64, String)> =
            sqlx::query_as("SELECT id, document_key FROM k3_inspections ORDER BY id")
                .fetch_all(&app.db().pool)
                .await
                .expect("inspections");
        assert!(!keys.is_empty(), "the demo has inspections");
        for (_, key) in &keys {
            let bytes = app.state.storage.get(key).await.expect("readable");
            assert!(bytes.starts_with(b"%PDF-"), "{key}");
        }
        // Through the download route, as the demo officer.
        let (_, email, password) = report
            .accounts
            .iter()
            .find(|a| a.0 == dnaker::core::role::Role::Officer)
            .expect("a demo officer");
        let mut officer = Client::new(&app, "10.92.7.1");
        let signed = officer
            .post(
                <dnaker::features::accounts::api::SignIn as ServerFn>::PATH,
                &[("email", email), ("password", password)],
            )
            .await;
        assert_eq!(signed.status, StatusCode::OK, "{}", signed.body);
        for (id, _) in &keys {
            let file = officer.get(&format!("/k3/pemeriksaan/{id}/berkas")).await;
            assert_eq!(file.status, StatusCode::OK);
            assert!(file.body.starts_with("%PDF-"));
        }
    }
);

/// The matrix cases of K3.
pub(crate) async fn safety_cases(app: &TestApp, f: &matrix::Fixture) -> Vec<Case> {
    let mut company = matrix::signed_in(app, Actor::CompanyAdminA, "10.93.0.1").await;
    let accident = report(&mut company, &accident_form(app, 1, "injured")).await;
    let id = accident.to_string();
    let photo = company
        .post_multipart(
            AddAccidentPhoto::PATH,
            &[("accident_id", &id)],
            &[("photo", "foto.png", PNG)],
        )
        .await;
    assert_eq!(photo.status, StatusCode::OK);
    let mut officer = matrix::signed_in(app, Actor::Officer, "10.93.0.2").await;
    let orders = "2026-01-10 Pasang pelindung mesin press\n2099-12-31 Latih operator tentang K3\n2099-12-30 Perbaiki jalur evakuasi";
    let inspection: i64 = attach(&mut officer, f.company_a, orders, PDF)
        .await
        .body
        .trim()
        .parse()
        .expect("id");
    let ids: Vec<(i64,)> = sqlx::query_as("SELECT id FROM k3_orders ORDER BY id")
        .fetch_all(&app.db().pool)
        .await
        .expect("orders");
    let done = ids[0].0.to_string();
    let done_form = |order: &str| {
        vec![
            ("order_id", order.to_owned()),
            ("note", "Sudah dipasang.".to_owned()),
        ]
    };
    // One order done before the matrix runs, so its evidence exists.
    let evidence = ids[2].0.to_string();
    let response = company
        .post_multipart(
            ReportOrderDone::PATH,
            &[("order_id", &evidence), ("note", "Sudah diperbaiki.")],
            &[("evidence", "bukti.png", PNG)],
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let company_members = [
        Actor::CompanyAdminA,
        Actor::CompanyStaffA,
        Actor::Officer,
        Actor::Admin,
    ];
    let sick = accident_form(app, 1, "sick");
    let accident_form_a = borrowed(&sick);
    vec![
        Case::post(
            "the company's K3 page",
            LoadCompanySafety::PATH,
            &[],
            &matrix::COMPANY_MEMBERS,
        ),
        Case::post(
            "report an accident",
            ReportAccident::PATH,
            &accident_form_a,
            &matrix::COMPANY_MEMBERS,
        ),
        Case::multipart(
            "add an accident photo",
            AddAccidentPhoto::PATH,
            &[("accident_id", id.clone())],
            &[("photo", "foto.png", PNG)],
            &[Actor::CompanyAdminA, Actor::CompanyStaffA],
        ),
        Case::post(
            "SMK3 self-check",
            SubmitSmk3Check::PATH,
            &[
                ("form[level]", "initial".into()),
                ("form[met]", "60".into()),
                ("form[critical]", "0".into()),
            ],
            &matrix::COMPANY_MEMBERS,
        ),
        Case::post(
            "P2K3 self-check",
            SubmitP2k3Check::PATH,
            &[("form[workers]", "20".into())],
            &matrix::COMPANY_MEMBERS,
        ),
        Case::multipart(
            "report an order done",
            ReportOrderDone::PATH,
            &done_form(&done),
            &[("evidence", "bukti.png", PNG)],
            &[Actor::CompanyAdminA, Actor::CompanyStaffA],
        ),
        Case::multipart(
            "attach an inspection",
            AttachInspection::PATH,
            &[
                ("company_id", f.company_b.to_string()),
                ("inspected_on", "2026-01-05".into()),
                ("summary", "Jalur evakuasi terhalang barang.".into()),
                ("orders", "2099-01-10 Bersihkan jalur evakuasi".into()),
            ],
            &[("document", "temuan.pdf", PDF)],
            &matrix::STAFF,
        ),
        Case::get(
            "an accident's referral",
            &format!("/k3/kecelakaan/{accident}/rujukan.pdf"),
            &company_members,
        ),
        Case::get(
            "an accident's receipt",
            &format!("/k3/kecelakaan/{accident}/tanda-terima.pdf"),
            &company_members,
        ),
        Case::post(
            "forward an accident's referral",
            ForwardAccident::PATH,
            &[("accident_id", id.clone())],
            &matrix::STAFF,
        ),
        Case::get(
            "an accident's photo",
            &format!("/k3/kecelakaan/{accident}/foto/1"),
            &company_members,
        ),
        Case::get(
            "an inspection's findings",
            &format!("/k3/pemeriksaan/{inspection}/berkas"),
            &company_members,
        ),
        Case::get(
            "an order's evidence",
            &format!("/k3/perintah/{evidence}/bukti"),
            &company_members,
        ),
    ]
}
