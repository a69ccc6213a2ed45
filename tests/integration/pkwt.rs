//! PKWT through the real HTTP stack on both backends: registration and its rules, the officer's decision with
//! the number, receipt and public verification, the worker's view, bulk import, the daily jobs with two
//! instances, the minimum-wage warning, and who may do what.
use axum::http::StatusCode;
use dnaker::{
    core::calendar::{format_date, wib_date},
    features::{
        admin::api::{LoadJobRuns, LoadMinimumWages, SaveMinimumWage},
        pkwt::api::{
            CheckContractImport, ConfirmContractImport, DecideContract, EndContractEarly,
            LoadCompanyContracts, LoadMyContracts, LoadPkwtQueue, LoadRevisionForm,
            RegisterContract, VerifyPkwt,
        },
    },
    server::jobs,
    wiring,
};
use leptos::server_fn::ServerFn;

use crate::{
    ak1::{json, qr_codes_in},
    common::{
        Client, TestApp,
        matrix::{self, Actor, Case},
    },
};

/// Seeker A of the matrix fixture: a woman born 15 August 1995.
const SEEKER_A_NIK: &str = "3603015508950001";
pub(crate) const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

fn today(app: &TestApp) -> time::Date {
    wib_date(app.state.clock.now_ms())
}

fn day(app: &TestApp, offset: i64) -> String {
    format_date(today(app) + time::Duration::days(offset))
}

/// A contract form that passes every rule; `extra` overrides fields.
pub(crate) fn contract<'a>(app: &TestApp, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, String)> {
    let mut form: Vec<(&str, String)> = vec![
        ("worker_id", SEEKER_A_NIK.into()),
        ("worker_name", "Siti Aminah".into()),
        ("worker_sex", "female".into()),
        ("worker_birth_date", "1995-08-15".into()),
        ("worker_address", "Jl. Raya Serang Km 12, Cikupa".into()),
        ("position", "Operator produksi".into()),
        ("workplace", "Pabrik Cikupa".into()),
        ("wage", "5.600.000".into()),
        ("wage_with_allowances", "on".into()),
        ("contract_kind", "period".into()),
        ("start_date", day(app, 2)),
        ("end_date", day(app, 185)),
        ("signed_place", "Tangerang".into()),
        ("signed_date", day(app, 0)),
        ("link_kind", "new".into()),
    ];
    for (key, value) in extra {
        match form.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = (*value).to_owned(),
            None => form.push((key, (*value).to_owned())),
        }
    }
    form
}

pub(crate) async fn register(
    client: &mut Client<'_>,
    form: &[(&str, String)],
    document: Option<&[u8]>,
) -> crate::common::Response {
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let files: Vec<(&str, &str, &[u8])> = document
        .map(|bytes| vec![("document", "kontrak.pdf", bytes)])
        .unwrap_or_default();
    client
        .post_multipart(RegisterContract::PATH, &fields, &files)
        .await
}

async fn registered_id(client: &mut Client<'_>, form: &[(&str, String)]) -> i64 {
    let response = register(client, form, Some(PDF)).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    response.body.trim().parse().expect("contract id")
}

async fn approve(officer: &mut Client<'_>, id: i64) -> String {
    let response = officer
        .post(
            DecideContract::PATH,
            &[("contract_id", &id.to_string()), ("decision", "approve")],
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    json(&response.body).as_str().expect("number").to_owned()
}

on_both_backends!(
    registration_applies_the_pp_35_rules_and_writes_nothing_it_refuses,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.60.0.1").await;
        let id = registered_id(&mut company, &contract(&app, &[])).await;
        let (status, late, key): (String, i64, Option<String>) =
            sqlx::query_as("SELECT status, late, document_key FROM pkwt_contracts WHERE id = $1")
                .bind(id)
                .fetch_one(&app.db().pool)
                .await
                .expect("row");
        assert_eq!((status.as_str(), late), ("waiting", 0));
        assert!(key.is_some(), "the signed PDF is kept");
        let count = || app.count("SELECT COUNT(*) FROM pkwt_contracts");
        assert_eq!(count().await, 1);

        // Below the UMK of the start year: refused with the year and the figure.
        let low = register(
            &mut company,
            &contract(
                &app,
                &[("wage", "4.000.000"), ("start_date", &day(&app, 3))],
            ),
            None,
        )
        .await;
        assert_eq!(low.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            low.body.contains("err_below_umk_year|year="),
            "{}",
            low.body
        );
        // Daily work of 21 days a month is refused.
        let daily = register(
            &mut company,
            &contract(
                &app,
                &[
                    ("contract_kind", "daily"),
                    ("days_per_month", "21"),
                    ("start_date", &day(&app, 3)),
                ],
            ),
            None,
        )
        .await;
        assert!(daily.body.contains("err_daily_days"), "{}", daily.body);
        // A NIK that contradicts the birth date.
        let nik = register(
            &mut company,
            &contract(
                &app,
                &[
                    ("worker_birth_date", "1995-08-16"),
                    ("start_date", &day(&app, 3)),
                ],
            ),
            None,
        )
        .await;
        assert!(nik.body.contains("err_nik"), "{}", nik.body);
        // Not a PDF.
        let png = register(
            &mut company,
            &contract(&app, &[("start_date", &day(&app, 3))]),
            Some(crate::ak1::PNG),
        )
        .await;
        assert!(png.body.contains("err_file_type"), "{}", png.body);
        // The same worker and start date twice: refused after the PDF was stored, and the stored
        // file goes again (no orphan upload).
        let stored_files = || {
            let dir = app.state.config.server.data_dir.join("files");
            let mut count = 0;
            let mut stack = vec![dir];
            while let Some(dir) = stack.pop() {
                for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                    if entry.path().is_dir() {
                        stack.push(entry.path());
                    } else {
                        count += 1;
                    }
                }
            }
            count
        };
        let files_before = stored_files();
        let twice = register(&mut company, &contract(&app, &[]), Some(PDF)).await;
        assert_eq!(twice.status, StatusCode::CONFLICT, "{}", twice.body);
        assert_eq!(count().await, 1, "nothing refused was written");
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert_eq!(
            stored_files(),
            files_before,
            "the refused contract's PDF is removed"
        );

        // Registered a month after signing: accepted, marked late.
        let late_id = registered_id(
            &mut company,
            &contract(
                &app,
                &[
                    ("worker_id", "3603011205900003"),
                    ("worker_name", "Budi"),
                    ("worker_sex", "male"),
                    ("worker_birth_date", "1990-05-12"),
                    ("signed_date", &day(&app, -30)),
                    ("start_date", &day(&app, -29)),
                ],
            ),
        )
        .await;
        let (late,): (i64,) = sqlx::query_as("SELECT late FROM pkwt_contracts WHERE id = $1")
            .bind(late_id)
            .fetch_one(&app.db().pool)
            .await
            .expect("late");
        assert_eq!(late, 1);

        // A foreign worker gives a passport number.
        registered_id(
            &mut company,
            &contract(
                &app,
                &[
                    ("worker_id", "E1234567"),
                    ("foreign_worker", "on"),
                    ("worker_name", "John Smith"),
                    ("worker_sex", "male"),
                    ("worker_birth_date", "1980-01-01"),
                ],
            ),
        )
        .await;
    }
);

on_both_backends!(
    five_years_across_registrations_refused_with_the_months_used,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.61.0.1").await;
        for (start, end, signed) in [
            ("2021-01-04", "2024-01-03", "2021-01-02"),
            ("2024-01-04", "2025-01-03", "2024-01-02"),
            ("2025-01-04", "2026-01-03", "2025-01-02"),
        ] {
            registered_id(
                &mut company,
                &contract(
                    &app,
                    &[
                        ("start_date", start),
                        ("end_date", end),
                        ("signed_date", signed),
                    ],
                ),
            )
            .await;
        }
        let over = register(
            &mut company,
            &contract(
                &app,
                &[
                    ("start_date", "2026-01-04"),
                    ("end_date", "2026-06-30"),
                    ("signed_date", "2026-01-02"),
                ],
            ),
            None,
        )
        .await;
        assert_eq!(over.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            over.body.contains("err_pkwt_cap|used=60|left=0"),
            "{}",
            over.body
        );
        // Another company's contracts with the same worker do not count.
        let mut other = matrix::signed_in(&app, Actor::CompanyAdminB, "10.61.0.2").await;
        registered_id(
            &mut other,
            &contract(
                &app,
                &[
                    ("start_date", "2026-01-04"),
                    ("end_date", "2026-06-30"),
                    ("signed_date", "2026-01-02"),
                ],
            ),
        )
        .await;
    }
);

on_both_backends!(
    officer_registers_with_a_number_and_the_receipt_qr_verifies,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.62.0.1").await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.62.0.2").await;
        let id = registered_id(&mut company, &contract(&app, &[])).await;
        let queue = json(&officer.post(LoadPkwtQueue::PATH, &[]).await.body);
        assert_eq!(queue["total_waiting"], 1);
        assert_eq!(queue["items"][0]["worker_id_masked"], "3603********0001");
        let number = approve(&mut officer, id).await;
        assert_eq!(number, format!("PKWT/3603/{}/000001", today(&app).year()));
        let again = officer
            .post(
                DecideContract::PATH,
                &[
                    ("contract_id", &id.to_string()),
                    ("decision", "reject"),
                    ("reason", "dua kali"),
                ],
            )
            .await;
        assert_eq!(
            again.status,
            StatusCode::CONFLICT,
            "one decision per contract"
        );

        // The company downloads the receipt; its QR code opens the public check, which shows masked fields.
        let receipt = company.get(&format!("/pkwt/{id}/tanda-terima.pdf")).await;
        assert_eq!(receipt.status, StatusCode::OK);
        let (_, _, bytes) = app
            .request_bytes(
                axum::http::Request::get(format!("/pkwt/{id}/tanda-terima.pdf"))
                    .header("cookie", company.cookie.clone().expect("cookie"))
                    .body(axum::body::Body::empty())
                    .expect("request"),
            )
            .await;
        assert!(bytes.starts_with(b"%PDF-"));
        let codes = qr_codes_in(&bytes);
        let url = codes.first().expect("a QR code on the receipt");
        let code = url.rsplit('/').next().expect("code");
        assert!(url.contains("/verifikasi/pkwt/"), "{url}");
        let verified = json(
            &Client::new(&app, "10.62.0.3")
                .post(VerifyPkwt::PATH, &[("code", code)])
                .await
                .body,
        );
        assert_eq!(verified["registration_number"], number.as_str());
        assert_eq!(verified["worker_name_masked"], "S*** A*****");
        assert_eq!(verified["state"], "active");
        let page = app.get(&format!("/verifikasi/pkwt/{code}")).await;
        assert!(
            page.body.contains(&number)
                && !page.body.contains("Siti Aminah")
                && !page.body.contains(SEEKER_A_NIK)
        );
        let unknown = Client::new(&app, "10.62.0.4")
            .post(VerifyPkwt::PATH, &[("code", "nope")])
            .await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);

        // The company is told, and the list shows the number and the compensation due.
        assert!(
            app.count(
                "SELECT COUNT(*) FROM notifications WHERE message_key = 'notice_pkwt_approved'"
            )
            .await
                == 1
        );
        let list = json(&company.post(LoadCompanyContracts::PATH, &[]).await.body);
        assert_eq!(list["contracts"][0]["registration_number"], number.as_str());
        assert!(
            list["contracts"][0]["compensation"]["amount"]
                .as_i64()
                .expect("amount")
                > 0
        );

        // An early end after about three months: compensation follows the time served.
        let ended = company
            .post(
                EndContractEarly::PATH,
                &[
                    ("contract_id", &id.to_string()),
                    ("ended_on", &day(&app, 95)),
                ],
            )
            .await;
        assert_eq!(ended.status, StatusCode::OK, "{}", ended.body);
        let list = json(&company.post(LoadCompanyContracts::PATH, &[]).await.body);
        assert_eq!(list["contracts"][0]["compensation"]["months"], 3);
        assert_eq!(list["contracts"][0]["ended_early"], true);
    }
);

on_both_backends!(
    revision_is_corrected_and_resubmitted_under_the_same_id,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.63.0.1").await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.63.0.2").await;
        let id = registered_id(&mut company, &contract(&app, &[])).await;
        let revise = officer
            .post(
                DecideContract::PATH,
                &[
                    ("contract_id", &id.to_string()),
                    ("decision", "revise"),
                    ("reason", "Jabatan tidak sesuai kontrak"),
                ],
            )
            .await;
        assert_eq!(revise.status, StatusCode::OK, "{}", revise.body);
        let form = json(
            &company
                .post(LoadRevisionForm::PATH, &[("contract_id", &id.to_string())])
                .await
                .body,
        );
        assert_eq!(
            form["worker_id"], SEEKER_A_NIK,
            "the company corrects what it typed, not retypes it"
        );
        let revision_reads = "SELECT COUNT(*) FROM audit_log WHERE action = 'pkwt.revision_read'";
        assert_eq!(app.count(revision_reads).await, 1);
        let id_text = id.to_string();
        // As if it was signed and registered twenty days ago (more than three working days even over the
        // Lebaran holidays): in time then, though a registration of it today would be late. The
        // correction must not make it late.
        let twenty_days_ms = 20 * 24 * 60 * 60 * 1000_i64;
        let signed = day(&app, -20);
        sqlx::query(
            "UPDATE pkwt_contracts SET submitted_at_ms = submitted_at_ms - $1, signed_date = $2 WHERE id = $3",
        )
        .bind(twenty_days_ms)
        .bind(&signed)
        .bind(id)
        .execute(&app.db().pool)
        .await
        .expect("registered ten days ago");
        let (first_registered,): (i64,) =
            sqlx::query_as("SELECT submitted_at_ms FROM pkwt_contracts WHERE id = $1")
                .bind(id)
                .fetch_one(&app.db().pool)
                .await
                .expect("row");
        let corrected = contract(
            &app,
            &[
                ("position", "Operator mesin"),
                ("revision_of", &id_text),
                ("signed_date", &signed),
            ],
        );
        let resubmitted = registered_id(&mut company, &corrected).await;
        assert_eq!(resubmitted, id);
        let (late, first, latest): (i64, Option<i64>, i64) = sqlx::query_as(
            "SELECT late, first_submitted_at_ms, submitted_at_ms FROM pkwt_contracts WHERE id = $1",
        )
        .bind(id)
        .fetch_one(&app.db().pool)
        .await
        .expect("row");
        assert_eq!(late, 0, "judged on the day it first reached the office");
        assert_eq!(first, Some(first_registered));
        // The officer's clock and the queue count from the resubmission.
        assert!(
            latest > first_registered,
            "{latest} after {first_registered}"
        );
        let (status, position): (String, String) =
            sqlx::query_as("SELECT status, position FROM pkwt_contracts WHERE id = $1")
                .bind(id)
                .fetch_one(&app.db().pool)
                .await
                .expect("row");
        assert_eq!(
            (status.as_str(), position.as_str()),
            ("waiting", "Operator mesin")
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM pkwt_contracts").await, 1);
        // Another company cannot resubmit it.
        let mut other = matrix::signed_in(&app, Actor::CompanyAdminB, "10.63.0.3").await;
        let foreign = register(&mut other, &corrected, None).await;
        assert_eq!(foreign.status, StatusCode::NOT_FOUND, "{}", foreign.body);
    }
);

on_both_backends!(
    workers_see_their_own_contracts_and_companies_only_theirs,
    |app: TestApp| async move {
        let fixture = matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.64.0.1").await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.64.0.2").await;
        let id = registered_id(&mut company, &contract(&app, &[])).await;
        // Not visible to the worker until registered.
        let mut seeker_a = matrix::signed_in(&app, Actor::SeekerA, "10.64.0.3").await;
        assert_eq!(
            json(&seeker_a.post(LoadMyContracts::PATH, &[]).await.body),
            serde_json::json!([])
        );
        officer.post(LoadPkwtQueue::PATH, &[]).await;
        approve(&mut officer, id).await;
        let mine = json(&seeker_a.post(LoadMyContracts::PATH, &[]).await.body);
        assert_eq!(mine.as_array().expect("list").len(), 1);
        assert_eq!(mine[0]["company_name"], "PT Uji A");
        // About six months: half a month's wage.
        assert!(mine[0]["compensation"]["amount"].as_i64().expect("amount") > 2_500_000);
        assert_eq!(
            app.count(&format!("SELECT COUNT(*) FROM notifications WHERE account_id = {} AND message_key = 'notice_pkwt_registered_worker'", fixture.seeker_a)).await,
            1
        );
        let mut seeker_b = matrix::signed_in(&app, Actor::SeekerB, "10.64.0.4").await;
        assert_eq!(
            json(&seeker_b.post(LoadMyContracts::PATH, &[]).await.body),
            serde_json::json!([])
        );
        let mut other = matrix::signed_in(&app, Actor::CompanyAdminB, "10.64.0.5").await;
        let theirs = json(&other.post(LoadCompanyContracts::PATH, &[]).await.body);
        assert_eq!(theirs["contracts"], serde_json::json!([]));
        let receipt = other.get(&format!("/pkwt/{id}/tanda-terima.pdf")).await;
        assert_eq!(receipt.status, StatusCode::NOT_FOUND);
        let document = other.get(&format!("/pkwt/{id}/dokumen.pdf")).await;
        assert_eq!(document.status, StatusCode::NOT_FOUND);
        let reads = app
            .count("SELECT COUNT(*) FROM audit_log WHERE action = 'pkwt.worker_read'")
            .await;
        assert!(reads >= 2, "the worker's reads are logged");
        for action in ["pkwt.company_read", "pkwt.queue_read"] {
            let sql = format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}'");
            assert!(app.count(&sql).await >= 1, "{action} is logged");
        }
    }
);

/// Contracts, the queue, receipts and the minimum wages (run by `matrix_complete`).
pub(crate) async fn pkwt_cases(app: &TestApp, _f: &matrix::Fixture) -> Vec<Case> {
    let mut company = matrix::signed_in(app, Actor::CompanyAdminA, "10.64.1.1").await;
    let mut officer = matrix::signed_in(app, Actor::Officer, "10.64.1.2").await;
    let id = registered_id(&mut company, &contract(app, &[])).await;
    approve(&mut officer, id).await;
    let id = id.to_string();
    vec![
        Case::post(
            "load company contracts",
            LoadCompanyContracts::PATH,
            &[],
            &matrix::COMPANY_MEMBERS,
        ),
        Case::post("pkwt queue", LoadPkwtQueue::PATH, &[], &matrix::STAFF),
        // Already approved: staff get a conflict (allowed, nothing to do), everyone else is turned away.
        Case::post(
            "decide contract",
            DecideContract::PATH,
            &[("contract_id", id.clone()), ("decision", "approve".into())],
            &matrix::STAFF,
        ),
        Case::post("my contracts", LoadMyContracts::PATH, &[], &matrix::SEEKERS),
        Case::get(
            "receipt",
            &format!("/pkwt/{id}/tanda-terima.pdf"),
            &[
                Actor::CompanyAdminA,
                Actor::CompanyStaffA,
                Actor::Officer,
                Actor::Admin,
            ],
        ),
        Case::get(
            "document",
            &format!("/pkwt/{id}/dokumen.pdf"),
            &[
                Actor::CompanyAdminA,
                Actor::CompanyStaffA,
                Actor::Officer,
                Actor::Admin,
            ],
        ),
        Case::post("minimum wages", LoadMinimumWages::PATH, &[], &matrix::ADMIN),
        Case::post(
            "save minimum wage",
            SaveMinimumWage::PATH,
            &[("year", "x".into())],
            &matrix::ADMIN,
        ),
        Case::post("job runs", LoadJobRuns::PATH, &[], &matrix::ADMIN),
    ]
}

/// A bulk file: the template's header and one line per row.
pub(crate) fn bulk_file(rows: &[String]) -> Vec<u8> {
    let header = dnaker::features::pkwt::model::IMPORT_COLUMNS
        .map(|(h, _)| h)
        .join(",");
    let mut text = format!("{header}\n");
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    text.into_bytes()
}

/// A valid row for worker `n` (1–9999: a distinct NIK of a man born 12 May 1990).
pub(crate) fn bulk_row(app: &TestApp, n: usize) -> String {
    format!(
        "360301120590{n:04},Pekerja {n},L,1990-05-12,\"Jl. Industri {n}, Cikupa\",tidak,Operator,Cikupa,5.600.000,ya,jangka waktu,,{},{},Tangerang,{},baru,",
        day(app, 5),
        day(app, 370),
        day(app, 0)
    )
}

pub(crate) async fn check_file(
    company: &mut Client<'_>,
    name: &str,
    bytes: &[u8],
) -> crate::common::Response {
    company
        .post_multipart(CheckContractImport::PATH, &[], &[("file", name, bytes)])
        .await
}

on_both_backends!(
    bulk_import_reports_each_row_and_registers_only_on_confirmation,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.65.0.1").await;
        let count = || app.count("SELECT COUNT(*) FROM pkwt_contracts");

        let broken = check_file(&mut company, "kontrak.xlsx", b"PK\x03\x04 broken").await;
        assert_eq!(broken.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            broken.body.contains("err_import_unreadable"),
            "{}",
            broken.body
        );
        let columns = check_file(&mut company, "kontrak.csv", b"nama,upah\nSiti,5000000\n").await;
        assert!(
            columns
                .body
                .contains("err_import_columns|missing=nik_atau_paspor"),
            "{}",
            columns.body
        );

        // Two valid rows, one below the UMK, one with an impossible NIK, and a duplicate of the first.
        let rows = vec![
            bulk_row(&app, 1),
            bulk_row(&app, 2),
            bulk_row(&app, 3).replace("5.600.000", "3.000.000"),
            bulk_row(&app, 4).replace("3603011205900004", "9903011205900004"),
            bulk_row(&app, 1),
        ];
        let preview = check_file(&mut company, "kontrak.csv", &bulk_file(&rows)).await;
        assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
        let preview = json(&preview.body);
        assert_eq!(
            (
                preview["valid_rows"].as_u64(),
                preview["invalid_rows"].as_u64()
            ),
            (Some(2), Some(3))
        );
        let problems: Vec<(u64, String)> = preview["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .filter(|r| !r["errors"].as_array().expect("errors").is_empty())
            .map(|r| {
                (
                    r["line"].as_u64().expect("line"),
                    r["errors"][0][1].as_str().expect("key").to_owned(),
                )
            })
            .collect();
        assert_eq!(problems.len(), 3);
        assert!(
            problems[0].0 == 4 && problems[0].1.starts_with("err_below_umk_year"),
            "{problems:?}"
        );
        assert!(
            problems[1].0 == 5 && problems[1].1.starts_with("err_nik"),
            "{problems:?}"
        );
        assert_eq!(
            problems[2],
            (6, "err_contract_exists".to_owned()),
            "a row repeated in the file"
        );
        assert_eq!(
            count().await,
            0,
            "nothing is registered before confirmation"
        );

        let import_id = preview["import_id"].as_i64().expect("id").to_string();
        let confirmed = company
            .post(ConfirmContractImport::PATH, &[("import_id", &import_id)])
            .await;
        assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
        assert_eq!(json(&confirmed.body)["registered"], 2);
        assert_eq!(count().await, 2);
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM pkwt_imports WHERE id = {import_id}"
            ))
            .await,
            0,
            "a confirmed file is deleted with the workers' identities it held"
        );
        let twice = company
            .post(ConfirmContractImport::PATH, &[("import_id", &import_id)])
            .await;
        assert_eq!(twice.status, StatusCode::CONFLICT);
        // Another company cannot confirm someone else's checked file.
        let again = check_file(
            &mut company,
            "kontrak.csv",
            &bulk_file(&[bulk_row(&app, 9)]),
        )
        .await;
        let other_id = json(&again.body)["import_id"]
            .as_i64()
            .expect("id")
            .to_string();
        let mut other = matrix::signed_in(&app, Actor::CompanyAdminB, "10.65.0.2").await;
        let stolen = other
            .post(ConfirmContractImport::PATH, &[("import_id", &other_id)])
            .await;
        // Not found, as for any other company's record: B must not learn that A's file exists.
        assert_eq!(stolen.status, StatusCode::NOT_FOUND);
        assert_eq!(count().await, 2);

        // A thousand rows at once.
        let many: Vec<String> = (100..1100).map(|n| bulk_row(&app, n)).collect();
        let big = check_file(&mut company, "seribu.csv", &bulk_file(&many)).await;
        assert_eq!(
            big.status,
            StatusCode::OK,
            "{}",
            &big.body[..big.body.len().min(300)]
        );
        let big = json(&big.body);
        assert_eq!(big["valid_rows"], 1000, "{}", big["rows"][0]);
        let id = big["import_id"].as_i64().expect("id").to_string();
        let done = company
            .post(ConfirmContractImport::PATH, &[("import_id", &id)])
            .await;
        assert_eq!(json(&done.body)["registered"], 1000);
        assert_eq!(count().await, 1002);
    }
);

on_both_backends!(
    an_excel_file_reads_like_its_csv,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.66.0.1").await;
        let xlsx = include_bytes!("../fixtures/pkwt-import.xlsx");
        let preview = check_file(&mut company, "kontrak.xlsx", xlsx).await;
        assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
        let preview = json(&preview.body);
        // The fixture holds two valid rows (dates as Excel dates, a wage as a number) and one without a name.
        assert_eq!(
            (
                preview["valid_rows"].as_u64(),
                preview["invalid_rows"].as_u64()
            ),
            (Some(2), Some(1)),
            "{preview}"
        );
        assert_eq!(preview["rows"][0]["errors"][0][0], "worker_name");
    }
);

/// A workbook written by hand, as a hostile sender would: one sheet whose `<sheetData>` is `rows`.
fn hand_made_xlsx(dimension: &str, rows: &str) -> Vec<u8> {
    use std::io::Write;
    const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const PACKAGE: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
    const DOCUMENT: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let entries = [
        (
            "_rels/.rels",
            format!(
                r#"<Relationships xmlns="{PACKAGE}"><Relationship Id="rId1" Type="{DOCUMENT}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<workbook xmlns="{MAIN}" xmlns:r="{DOCUMENT}"><sheets><sheet name="Kontrak" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<Relationships xmlns="{PACKAGE}"><Relationship Id="rId1" Type="{DOCUMENT}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                r#"<worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>"#
            ),
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in entries {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("entry");
        zip.write_all(text.as_bytes()).expect("write");
    }
    zip.finish().expect("zip").into_inner()
}

on_both_backends!(
    a_hostile_excel_file_is_refused_with_a_reason_and_the_server_stays_up,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM companies WHERE id = {} AND verified = 0",
                f.company_a
            ))
            .await,
            1,
            "any company account, even unverified, may send a file"
        );
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.67.0.1").await;
        // Two cells, A1 and XFD1048576: read as one dense range this asked for 1.7·10¹⁰ cells and aborted.
        let corners = hand_made_xlsx(
            "A1:XFD1048576",
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>nik_atau_paspor</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
        );
        assert!(corners.len() < 2_000, "{} bytes", corners.len());
        let refused = check_file(&mut company, "kontrak.xlsx", &corners).await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            refused.body
        );
        assert!(
            refused.body.contains("err_import_too_many"),
            "{}",
            refused.body
        );
        let wide = hand_made_xlsx(
            "A1:XFD1",
            r#"<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row>"#,
        );
        let refused = check_file(&mut company, "kontrak.xlsx", &wide).await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            refused.body
        );
        assert!(
            refused.body.contains("err_import_too_many_columns"),
            "{}",
            refused.body
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM pkwt_imports").await, 0);
        // The server is still there, and a good file still goes through.
        let fine = check_file(
            &mut company,
            "kontrak.csv",
            &bulk_file(&[bulk_row(&app, 1)]),
        )
        .await;
        assert_eq!(fine.status, StatusCode::OK, "{}", fine.body);
        assert_eq!(json(&fine.body)["valid_rows"], 1);
    }
);

/// An approved contract for worker `nik` ending `ends_in` days from today.
async fn approved_ending(
    app: &TestApp,
    company: &mut Client<'_>,
    officer: &mut Client<'_>,
    nik: &str,
    ends_in: i64,
) -> i64 {
    let end = day(app, ends_in);
    let start = day(app, ends_in - 200);
    let id = registered_id(
        company,
        &contract(
            app,
            &[
                ("worker_id", nik),
                ("worker_name", "Budi"),
                ("worker_sex", "male"),
                ("worker_birth_date", "1990-05-12"),
                ("start_date", &start),
                ("end_date", &end),
                ("signed_date", &day(app, -1)),
            ],
        ),
    )
    .await;
    approve(officer, id).await;
    id
}

on_both_backends!(
    daily_jobs_run_once_a_day_across_two_instances,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.67.0.1").await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.67.0.2").await;
        approved_ending(&app, &mut company, &mut officer, "3603011205900003", 20).await;
        approved_ending(&app, &mut company, &mut officer, "3603011205900004", 5).await;
        approved_ending(&app, &mut company, &mut officer, "3603011205900005", 90).await;
        let mails_before = app.count("SELECT COUNT(*) FROM mail_outbox").await;

        let second = app.second_instance();
        let all_jobs = wiring::jobs();
        let (a, b) = tokio::join!(
            jobs::run_due(&app.state, &all_jobs, "instance-a"),
            jobs::run_due(&second, &all_jobs, "instance-b")
        );
        let (a, b) = (a.expect("instance a"), b.expect("instance b"));
        assert_eq!(
            a.len() + b.len(),
            wiring::jobs().len(),
            "each job ran exactly once: {a:?} {b:?}"
        );
        let jobs_count = wiring::jobs().len() as i64;
        assert_eq!(app.count("SELECT COUNT(*) FROM job_runs").await, jobs_count);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM job_runs WHERE outcome = 'ok'")
                .await,
            jobs_count
        );
        // The 20-day contract gets its 30-day reminder, the 5-day one its 7-day reminder, the 90-day none.
        assert_eq!(app.count("SELECT COUNT(*) FROM pkwt_reminders").await, 2);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM pkwt_reminders WHERE days_before = 7")
                .await,
            1
        );
        // Other daily jobs (the company digest, the monthly income notice) mail too: count the reminders' own.
        let reminder_notices = app
            .count(
                "SELECT COUNT(*) FROM notifications WHERE message_key IN ('notice_pkwt_ends_30', 'notice_pkwt_ends_7')",
            )
            .await;
        assert_eq!(reminder_notices, 2);
        assert!(app.count("SELECT COUNT(*) FROM mail_outbox").await - mails_before >= 2);

        // The same day again: nothing runs. The next day: the jobs run, but no reminder is sent twice.
        assert!(
            jobs::run_due(&second, &wiring::jobs(), "instance-b")
                .await
                .expect("again")
                .is_empty()
        );
        app.state.clock.advance_ms(86_400_000);
        let ran = jobs::run_due(&app.state, &wiring::jobs(), "instance-a")
            .await
            .expect("next day");
        assert_eq!(ran.len(), wiring::jobs().len());
        assert_eq!(app.count("SELECT COUNT(*) FROM pkwt_reminders").await, 2);
    }
);

on_both_backends!(
    a_new_minimum_wage_warns_companies_below_it_once,
    |app: TestApp| async move {
        let fixture = matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.68.0.1").await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.68.0.2").await;
        // A contract running into next year at 5.6 million.
        approved_ending(&app, &mut company, &mut officer, "3603011205900003", 400).await;
        // Company B's daily worker, 15 days a month at exactly next year's daily minimum for them
        // (5,900,000 / 25 × 15): lawful, so company B is not warned.
        let mut company_b = matrix::signed_in(&app, Actor::CompanyAdminB, "10.68.0.4").await;
        let daily =
            approved_ending(&app, &mut company_b, &mut officer, "3603011205900011", 400).await;
        sqlx::query(
            "UPDATE pkwt_contracts SET contract_kind = 'daily', days_per_month = 15, wage_idr = 3540000 WHERE id = $1",
        )
        .bind(daily)
        .execute(&app.db().pool)
        .await
        .expect("daily work");
        let mut admin = matrix::signed_in(&app, Actor::Admin, "10.68.0.3").await;
        let next_year = (today(&app).year() + 1).to_string();
        let bad = admin
            .post(
                SaveMinimumWage::PATH,
                &[("year", "20x6"), ("amount", "-1"), ("legal_basis", "")],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        let saved = admin
            .post(
                SaveMinimumWage::PATH,
                &[
                    ("year", &next_year),
                    ("amount", "5.900.000"),
                    ("legal_basis", "Kepgub Banten (uji)"),
                ],
            )
            .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        assert!(saved.body.contains("1 companies warned"), "{}", saved.body);
        let warned = format!(
            "SELECT COUNT(*) FROM notifications n JOIN accounts a ON a.id = n.account_id WHERE n.message_key = 'notice_umk_below' \
             AND a.company_id = {}",
            fixture.company_a
        );
        assert_eq!(app.count(&warned).await, 1, "the company's admin is told");
        // Saving it again (a correction) or the daily job does not warn twice.
        admin
            .post(
                SaveMinimumWage::PATH,
                &[
                    ("year", &next_year),
                    ("amount", "5.950.000"),
                    ("legal_basis", "Kepgub Banten (uji)"),
                ],
            )
            .await;
        jobs::run_due(&app.state, &wiring::jobs(), "instance-a")
            .await
            .expect("jobs");
        assert_eq!(app.count(&warned).await, 1);
        let wages = json(&admin.post(LoadMinimumWages::PATH, &[]).await.body);
        assert_eq!(wages[0]["year"].as_i64(), next_year.parse().ok());
        assert_eq!(wages[0]["amount"], 5_950_000);
        // A contract registered for next year is now held to the new UMK.
        let start = format!("{next_year}-02-01");
        let end = format!("{next_year}-07-31");
        let low = register(
            &mut company,
            &contract(
                &app,
                &[
                    ("worker_id", "3603011205900009"),
                    ("worker_name", "Budi"),
                    ("worker_sex", "male"),
                    ("worker_birth_date", "1990-05-12"),
                    ("start_date", &start),
                    ("end_date", &end),
                ],
            ),
            None,
        )
        .await;
        assert!(
            low.body
                .contains(&format!("err_below_umk_year|year={next_year}")),
            "{}",
            low.body
        );
    }
);

on_both_backends!(
    a_periodic_job_runs_once_a_slot_and_keeps_two_weeks_of_runs,
    |app: TestApp| async move {
        let nothing =
            |_| -> dnaker::server::jobs::JobFuture { Box::pin(async { Ok(String::new()) }) };
        let hourly = [jobs::Job::every(
            "test_hourly",
            std::time::Duration::from_secs(3600),
            nothing,
        )];
        let second = app.second_instance();
        let (a, b) = tokio::join!(
            jobs::run_due(&app.state, &hourly, "instance-a"),
            jobs::run_due(&second, &hourly, "instance-b")
        );
        let ran = a.expect("instance a").len() + b.expect("instance b").len();
        assert_eq!(ran, 1, "one instance runs the slot");
        let runs = "SELECT COUNT(*) FROM job_runs WHERE job = 'test_hourly'";
        assert_eq!(app.count(runs).await, 1);

        app.state.clock.advance_ms(3_600_000);
        let again = jobs::run_due(&app.state, &hourly, "instance-a")
            .await
            .expect("runs");
        assert_eq!(again, vec!["test_hourly"], "the next hour is a new slot");
        assert_eq!(app.count(runs).await, 2);

        // Fifteen days on, the runs older than two weeks are gone.
        app.state.clock.advance_ms(15 * 24 * 3_600_000);
        jobs::run_due(&app.state, &hourly, "instance-a")
            .await
            .expect("runs");
        assert_eq!(app.count(runs).await, 1, "only this slot's run is kept");
    }
);
