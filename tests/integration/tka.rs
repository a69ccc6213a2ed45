//! Foreign workers and the DKPTKA levy through the real HTTP stack on both backends: reports with encrypted
//! passports, levy bills (arithmetic, no period billed twice), payment proofs (refused uploads store
//! nothing), the officer's validation with the receipt and its public verification, the expiry reminders, the
//! statistics, and who may see what.
// Money is grouped as units_hundredths: `100_00` is USD 100.00, `16_234_50` is Rp 16,234.50.
#![allow(clippy::inconsistent_digit_grouping)]

use axum::http::StatusCode;
use dnaker::{
    core::calendar::{format_date, wib_date},
    features::tka::{
        api::{
            CancelLevyBill, CreateLevyBill, DecideLevyPayment, LoadCompanyTka, LoadOfficerTka,
            LoadTkaStatistics, ReportForeignWorker, ReportWorkerLeft, SendYearlyTkaReport,
            SubmitLevyPayment, VerifyDkptka,
        },
        jobs::count_talent_pool,
    },
    server::jobs,
    wiring,
};
use leptos::server_fn::ServerFn;

use crate::{
    ak1::{PNG, issue_card_for_seeker_a, json, qr_codes_in},
    common::{
        Client, Response, TestApp,
        matrix::{self, Actor, Case},
        ok_json, post,
    },
    vacancies::verify_company,
};

pub(crate) const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

pub(crate) fn day(app: &TestApp, offset: i64) -> String {
    format_date(wib_date(app.state.clock.now_ms()) + time::Duration::days(offset))
}

pub(crate) fn worker<'a>(
    app: &TestApp,
    passport: &'a str,
    extra: &[(&'a str, &'a str)],
) -> Vec<(&'a str, String)> {
    let mut form: Vec<(&str, String)> = vec![
        ("form[name]", "Li Wei".into()),
        ("form[passport]", passport.into()),
        ("form[nationality]", "Tiongkok".into()),
        ("form[sex]", "male".into()),
        ("form[position]", "Production Manager".into()),
        ("form[occupation_code]", "13".into()),
        ("form[rptka_number]", "RPTKA-3603-0099".into()),
        ("form[rptka_start]", day(app, -300)),
        ("form[rptka_end]", day(app, 60)),
        ("form[permit_number]", "NOTIF-778899".into()),
        ("form[permit_start]", day(app, -290)),
        ("form[permit_end]", day(app, 25)),
        ("form[district_code]", "36.03.01".into()),
        ("form[start_date]", day(app, -290)),
        ("form[end_date]", day(app, 60)),
        ("form[counterpart_name]", "Budi Santoso".into()),
        ("form[counterpart_nik]", "3603012005960901".into()),
        (
            "form[counterpart_position]",
            "Asisten Manajer Produksi".into(),
        ),
        ("form[counterpart_progress]", "40".into()),
        ("form[language_training]", "ongoing".into()),
    ];
    for (key, value) in extra {
        match form.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = (*value).to_owned(),
            None => form.push((key, (*value).to_owned())),
        }
    }
    form
}

pub(crate) fn bill(app: &TestApp, start: i64, end: i64) -> Vec<(&'static str, String)> {
    vec![
        ("form[rptka_number]", "RPTKA-3603-0099".into()),
        ("form[period_start]", day(app, start)),
        ("form[period_end]", day(app, end)),
        ("form[positions]", "2".into()),
        ("form[rate]", "16.234,50".into()),
        ("form[rate_date]", day(app, 0)),
        ("form[rate_source]", "Kurs JISDOR Bank Indonesia".into()),
    ]
}

pub(crate) async fn pay(
    client: &mut Client<'_>,
    app: &TestApp,
    bill_id: i64,
    file: Option<(&str, &[u8])>,
) -> Response {
    let (id, paid_on) = (bill_id.to_string(), day(app, 0));
    let fields = [
        ("bill_id", id.as_str()),
        ("payment_reference", "BNI-2026-000123"),
        ("paid_on", paid_on.as_str()),
        ("rate", "16.240"),
        ("rate_source", "Kurs JISDOR Bank Indonesia"),
    ];
    let files: Vec<(&str, &str, &[u8])> = file
        .map(|(name, bytes)| vec![("proof", name, bytes)])
        .unwrap_or_default();
    client
        .post_multipart(SubmitLevyPayment::PATH, &fields, &files)
        .await
}

async fn stored_files(app: &TestApp) -> usize {
    fn count(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| {
                        if e.path().is_dir() {
                            count(&e.path())
                        } else {
                            1
                        }
                    })
                    .sum()
            })
            .unwrap_or(0)
    }
    count(&app.state.config.server.data_dir.join("files"))
}

on_both_backends!(
    reports_bills_proofs_validation_and_the_verified_receipt,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        verify_company(&app, f.company_a).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.80.0.1").await;

        // Two workers; the same passport twice is refused; a bad form writes nothing.
        ok_json(
            &mut company,
            ReportForeignWorker::PATH,
            &worker(&app, "E1234 5678", &[]),
        )
        .await;
        ok_json(
            &mut company,
            ReportForeignWorker::PATH,
            &worker(
                &app,
                "K9876543",
                &[
                    ("form[name]", "Kim Min-jun"),
                    ("form[nationality]", "Korea Selatan"),
                    ("form[occupation_code]", "21"),
                ],
            ),
        )
        .await;
        let twice = post(
            &mut company,
            ReportForeignWorker::PATH,
            &worker(&app, "e12345678", &[]),
        )
        .await;
        assert!(
            twice.body.contains("err_passport_reported"),
            "{}",
            twice.body
        );
        let bad = post(
            &mut company,
            ReportForeignWorker::PATH,
            &worker(&app, "X1", &[("form[counterpart_progress]", "150")]),
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            bad.body.contains("err_passport") && bad.body.contains("err_progress"),
            "{}",
            bad.body
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM tka_workers").await, 2);
        // Passports and the counterpart's NIK are not stored in clear; lists mask them.
        assert_eq!(
            app.count("SELECT COUNT(*) FROM tka_workers WHERE passport_ciphertext LIKE '%E12345678%' OR counterpart_nik_ciphertext LIKE '%3603012005960901%'").await,
            0
        );
        let view = ok_json(&mut company, LoadCompanyTka::PATH, &[]).await;
        let masked: Vec<&str> = view["workers"]
            .as_array()
            .expect("workers")
            .iter()
            .filter_map(|w| w["passport_masked"].as_str())
            .collect();
        assert!(masked.contains(&"******678"), "{masked:?}");
        assert!(!view.to_string().contains("E12345678"));
        assert_eq!(view["rptkas"][0][1], 2);

        // The yearly report once.
        assert_eq!(
            ok_json(&mut company, SendYearlyTkaReport::PATH, &[]).await,
            2
        );
        let again = post(&mut company, SendYearlyTkaReport::PATH, &[]).await;
        assert!(again.body.contains("err_yearly_report_sent"));

        // A bill: 2 positions × 6 months (a part month rounded up) × USD 100 at 16.234,50.
        let id = ok_json(
            &mut company,
            CreateLevyBill::PATH,
            &bill(&app, 61, 61 + 170),
        )
        .await
        .as_i64()
        .expect("bill");
        let (months, usd, idr, number): (i64, i64, i64, String) = sqlx::query_as(
            "SELECT months, amount_usd_cents, amount_idr, bill_number FROM dkptka_bills WHERE id = $1",
        )
        .bind(id)
        .fetch_one(&app.db().pool)
        .await
        .expect("bill");
        assert_eq!((months, usd, idr), (6, 1_200_00, 19_481_400));
        assert!(number.starts_with("DKPTKA/3603/"), "{number}");
        // The same period (or part of it) is never billed twice; an unknown RPTKA is refused.
        let overlap = post(&mut company, CreateLevyBill::PATH, &bill(&app, 100, 130)).await;
        assert_eq!(overlap.status, StatusCode::CONFLICT);
        assert!(
            overlap.body.contains("err_period_billed"),
            "{}",
            overlap.body
        );
        let mut unknown = bill(&app, 300, 330);
        unknown[0].1 = "RPTKA-LAIN".into();
        assert!(
            post(&mut company, CreateLevyBill::PATH, &unknown)
                .await
                .body
                .contains("err_rptka_unknown")
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM dkptka_bills").await, 1);

        // Uploads: empty, disguised, oversize → a clear error and nothing stored.
        let files_before = stored_files(&app).await;
        let empty = pay(&mut company, &app, id, Some(("bukti.pdf", b""))).await;
        assert!(empty.body.contains("err_file_empty"), "{}", empty.body);
        let disguised = pay(
            &mut company,
            &app,
            id,
            Some(("bukti.pdf", b"MZ\x90\x00 not a pdf at all")),
        )
        .await;
        assert!(
            disguised.body.contains("err_proof_type"),
            "{}",
            disguised.body
        );
        let mut big = PDF.to_vec();
        big.resize(5 * 1024 * 1024 + 1, b' ');
        let oversize = pay(&mut company, &app, id, Some(("bukti.pdf", &big))).await;
        assert!(
            oversize.body.contains("err_file_too_large"),
            "{}",
            oversize.body
        );
        assert_eq!(stored_files(&app).await, files_before);
        let (status,): (String,) = sqlx::query_as("SELECT status FROM dkptka_bills WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db().pool)
            .await
            .expect("status");
        assert_eq!(status, "unpaid");

        // A PNG proof with the payment date's rate: the rupiah follows it, the officer's clock starts.
        let paid = pay(&mut company, &app, id, Some(("bukti.png", PNG))).await;
        assert_eq!(paid.status, StatusCode::OK, "{}", paid.body);
        let (idr,): (i64,) = sqlx::query_as("SELECT amount_idr FROM dkptka_bills WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db().pool)
            .await
            .expect("amount");
        assert_eq!(idr, 19_488_000);

        // A card holder who wants a manager's job counts for the manager positions.
        issue_card_for_seeker_a(&app).await;
        sqlx::query(
            "UPDATE seeker_profiles SET preferred_occupations = 'Manager, operator' WHERE account_id = $1",
        )
        .bind(f.seeker_a)
        .execute(&app.db().pool)
        .await
        .expect("preferences");

        // The officer sees it with the local-talent check (from the hourly count; `tka_talent.rs` tests it),
        // rejects without a reason (refused), validates once.
        count_talent_pool(&app.state).await.expect("count");
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.80.0.2").await;
        let queue = ok_json(&mut officer, LoadOfficerTka::PATH, &[]).await;
        assert_eq!(queue["queue"][0]["bill"]["id"], id);
        let talent = queue["queue"][0]["talent"].as_array().expect("talent rows");
        assert_eq!(talent.len(), 2);
        assert!(
            talent
                .iter()
                .all(|row| row["ak1_holders"] == 1 && row["counterpart_progress"] == 40),
            "{talent:?}"
        );
        assert!(
            queue["expiring"]
                .as_array()
                .is_some_and(|list| list.len() == 2),
            "permits end in 25 days"
        );
        let no_reason = post(
            &mut officer,
            DecideLevyPayment::PATH,
            &[("bill_id", id.to_string()), ("decision", "reject".into())],
        )
        .await;
        assert!(no_reason.body.contains("err_reason_required"));
        ok_json(
            &mut officer,
            DecideLevyPayment::PATH,
            &[("bill_id", id.to_string()), ("decision", "approve".into())],
        )
        .await;
        let twice = post(
            &mut officer,
            DecideLevyPayment::PATH,
            &[("bill_id", id.to_string()), ("decision", "approve".into())],
        )
        .await;
        assert_eq!(twice.status, StatusCode::CONFLICT);
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM notifications WHERE message_key = 'notice_dkptka_validated'"
            )
            .await,
            1
        );

        // The receipt's QR code opens the verification, which shows masked fields only.
        let receipt = company.get(&format!("/dkptka/{id}/tanda-terima.pdf")).await;
        assert_eq!(receipt.status, StatusCode::OK);
        let (_, _, pdf) = app
            .request_bytes(
                axum::http::Request::get(format!("/dkptka/{id}/tanda-terima.pdf"))
                    .header("cookie", company.cookie.clone().expect("cookie"))
                    .body(axum::body::Body::empty())
                    .expect("request"),
            )
            .await;
        let urls = qr_codes_in(&pdf);
        let code = urls
            .iter()
            .find_map(|u| u.split("/verifikasi/dkptka/").nth(1))
            .expect("verification link")
            .to_owned();
        let public = Client::new(&app, "10.80.0.9")
            .post(VerifyDkptka::PATH, &[("code", &code)])
            .await;
        assert_eq!(public.status, StatusCode::OK, "{}", public.body);
        let verified = json(&public.body);
        assert_eq!(verified["bill_number"], number.as_str());
        assert_eq!(verified["rptka_masked"], "************099");
        for secret in [
            "Li Wei",
            "Kim",
            "E12345678",
            "Budi",
            "RPTKA-3603-0099",
            "BNI-2026",
        ] {
            assert!(
                !public.body.contains(secret),
                "{secret} leaked: {}",
                public.body
            );
        }
        let wrong = Client::new(&app, "10.80.0.9")
            .post(VerifyDkptka::PATH, &[("code", "tidak-ada")])
            .await;
        assert_eq!(wrong.status, StatusCode::NOT_FOUND);

        // Statistics and their CSV.
        let stats = ok_json(&mut officer, LoadTkaStatistics::PATH, &[]).await;
        assert_eq!(stats["active_workers"], 2);
        assert_eq!(stats["by_nationality"].as_array().map(Vec::len), Some(2));
        assert_eq!(stats["levy_by_month"][0]["validated_count"], 1);
        let csv = officer.get("/petugas/tka/statistik.csv").await;
        assert!(
            csv.body.contains("kewarganegaraan,Tiongkok,1"),
            "{}",
            csv.body
        );

        // Leaving early is a report of its own; an unpaid bill can be cancelled and its period billed again.
        let worker_id = view["workers"][0]["id"].as_i64().expect("worker");
        ok_json(
            &mut company,
            ReportWorkerLeft::PATH,
            &[
                ("worker_id", worker_id.to_string()),
                ("left_on", day(&app, 0)),
                ("reason", "Kontrak diakhiri bersama.".into()),
            ],
        )
        .await;
        assert_eq!(
            app.count("SELECT COUNT(*) FROM tka_reports WHERE kind = 'early_leave'")
                .await,
            1
        );
        let later = ok_json(&mut company, CreateLevyBill::PATH, &bill(&app, 240, 260))
            .await
            .as_i64()
            .expect("bill");
        ok_json(
            &mut company,
            CancelLevyBill::PATH,
            &[("bill_id", later.to_string())],
        )
        .await;
        ok_json(&mut company, CreateLevyBill::PATH, &bill(&app, 240, 260)).await;
    }
);

on_both_backends!(
    expiry_reminders_go_out_once_at_90_and_30_days,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        verify_company(&app, f.company_a).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.81.0.1").await;
        // The permit ends in 25 days (inside 30), the RPTKA in 60 (inside 90).
        ok_json(
            &mut company,
            ReportForeignWorker::PATH,
            &worker(&app, "E1234 5678", &[]),
        )
        .await;
        jobs::run_due(&app.state, &wiring::jobs(), "a")
            .await
            .expect("jobs");
        let reminders = || {
            app.count("SELECT COUNT(*) FROM notifications WHERE message_key IN ('notice_tka_permit_ends', 'notice_tka_rptka_ends')")
        };
        assert_eq!(reminders().await, 2);
        // Another instance on the same day, and the next day: nothing new.
        jobs::run_due(&app.second_instance(), &wiring::jobs(), "b")
            .await
            .expect("jobs");
        app.state.clock.advance_ms(86_400_000);
        jobs::run_due(&app.state, &wiring::jobs(), "a")
            .await
            .expect("jobs");
        assert_eq!(reminders().await, 2);
        // The RPTKA reaches 30 days: one more.
        app.state.clock.advance_ms(30 * 86_400_000);
        jobs::run_due(&app.state, &wiring::jobs(), "a")
            .await
            .expect("jobs");
        assert_eq!(reminders().await, 3);
    }
);

/// Foreign workers and the levy: proofs, queue, statistics, decisions (run by `matrix_complete`).
pub(crate) async fn tka_cases(app: &TestApp, f: &matrix::Fixture) -> Vec<Case> {
    verify_company(app, f.company_a).await;
    let mut company = matrix::signed_in(app, Actor::CompanyAdminA, "10.82.0.1").await;
    ok_json(
        &mut company,
        ReportForeignWorker::PATH,
        &worker(app, "E1234 5678", &[]),
    )
    .await;
    let id = ok_json(&mut company, CreateLevyBill::PATH, &bill(app, 61, 120))
        .await
        .as_i64()
        .expect("bill");
    assert_eq!(
        pay(&mut company, app, id, Some(("bukti.pdf", PDF)))
            .await
            .status,
        StatusCode::OK
    );
    // Company B, seekers and anonymous see none of A's workers and bills.
    let mut company_b = matrix::signed_in(app, Actor::CompanyAdminB, "10.82.0.2").await;
    let b_view = ok_json(&mut company_b, LoadCompanyTka::PATH, &[]).await;
    assert_eq!(b_view["workers"].as_array().map(Vec::len), Some(0));
    assert_eq!(b_view["bills"].as_array().map(Vec::len), Some(0));
    assert_eq!(
        pay(&mut company_b, app, id, Some(("bukti.pdf", PDF)))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // Another company cannot cancel A's unpaid bill.
    let unpaid = ok_json(&mut company, CreateLevyBill::PATH, &bill(app, 200, 230))
        .await
        .as_i64()
        .expect("bill");
    assert_eq!(
        post(
            &mut company_b,
            CancelLevyBill::PATH,
            &[("bill_id", unpaid.to_string())]
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM dkptka_bills WHERE status = 'unpaid'")
            .await,
        1
    );
    vec![
        Case::get(
            "the payment proof",
            &format!("/dkptka/{id}/bukti"),
            &[
                Actor::CompanyAdminA,
                Actor::CompanyStaffA,
                Actor::Officer,
                Actor::Admin,
            ],
        ),
        Case::post(
            "company foreign-worker page",
            LoadCompanyTka::PATH,
            &[],
            &matrix::COMPANY_MEMBERS,
        ),
        Case::post(
            "the officer's queue",
            LoadOfficerTka::PATH,
            &[],
            &matrix::STAFF,
        ),
        Case::post("statistics", LoadTkaStatistics::PATH, &[], &matrix::STAFF),
        Case::get(
            "statistics CSV",
            "/petugas/tka/statistik.csv",
            &matrix::STAFF,
        ),
        Case::post(
            "decide a payment",
            DecideLevyPayment::PATH,
            &[
                ("bill_id", id.to_string()),
                ("decision", "reject".into()),
                ("reason", "Nominal tidak sesuai.".into()),
            ],
            &matrix::STAFF,
        ),
    ]
}

pub(crate) async fn tka_cases_after(app: &TestApp, _f: &matrix::Fixture) {
    // The rejected bill can be withdrawn, and its period billed again.
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM dkptka_bills WHERE status = 'rejected'")
        .fetch_one(&app.db().pool)
        .await
        .expect("the bill the officer rejected");
    let mut company = matrix::signed_in(app, Actor::CompanyAdminA, "10.82.0.3").await;
    ok_json(
        &mut company,
        CancelLevyBill::PATH,
        &[("bill_id", id.to_string())],
    )
    .await;
    ok_json(&mut company, CreateLevyBill::PATH, &bill(app, 61, 120)).await;
}
