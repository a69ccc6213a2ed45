//! No NIK or passport number in clear anywhere in the database: a journey through every feature that takes
//! one (seeker sign-up, an AK-1 card, a NIK correction, PKWT single and bulk registration — confirmed and
//! left unconfirmed —, a foreign worker report, a placement reported by NIK), then a scan of every text
//! column of every table, read from the database's own catalogue so a table added later is scanned too.
use axum::http::StatusCode;
use dnaker::{
    features::{
        accounts::api::{RequestCorrection, SignUpSeeker},
        pkwt::api::ConfirmContractImport,
        tka::api::ReportForeignWorker,
        vacancies::api::ReportPlacement,
    },
    server::db::Backend,
};
use leptos::server_fn::ServerFn;

use crate::{
    ak1::{issue_card_for_seeker_a, json},
    common::{
        Client, TestApp,
        matrix::{self, Actor},
    },
    pkwt::{PDF, bulk_file, bulk_row, check_file, contract, register},
    vacancies::{post_vacancy, verify_company},
};

/// Seeker A of the matrix fixture (also the PKWT worker and the placed person).
const SEEKER_A_NIK: &str = "3603015508950001";
const SEEKER_B_NIK: &str = "3603011508950002";
/// A woman born 7 August 1997 who signs up through the form.
const SIGN_UP_NIK: &str = "3603014708970003";
const CORRECTED_NIK: &str = "3603015508950011";
const COUNTERPART_NIK: &str = "3603012005960901";
const PASSPORT: &str = "E12345678";

/// Every identity number the journey typed, in clear: none of them may be found in any column.
fn known_identities() -> Vec<String> {
    let mut known: Vec<String> = [
        SEEKER_A_NIK,
        SEEKER_B_NIK,
        SIGN_UP_NIK,
        CORRECTED_NIK,
        COUNTERPART_NIK,
        PASSPORT,
    ]
    .map(str::to_owned)
    .to_vec();
    // The bulk rows' workers (see `bulk_row`): confirmed 1–3, left unconfirmed 7–8.
    known.extend([1, 2, 3, 7, 8].map(|n| format!("360301120590{n:04}")));
    known
}

/// A run of exactly 16 digits not glued to other letters or digits: the shape of a NIK. (Hex hashes and
/// base64 ciphertexts hold digit runs too, but between letters.)
fn nik_shaped_runs(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let glued = |at: Option<&u8>| at.is_some_and(u8::is_ascii_alphanumeric);
        if i - start == 16
            && !glued(start.checked_sub(1).and_then(|p| bytes.get(p)))
            && !glued(bytes.get(i))
        {
            found.push(text[start..i].to_owned());
        }
    }
    found
}

/// (table, column) of every column that can hold text.
async fn text_columns(app: &TestApp) -> Vec<(String, String)> {
    let pool = &app.db().pool;
    match app.db().backend {
        Backend::Sqlite => {
            let tables: Vec<(String,)> =
                sqlx::query_as("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                    .fetch_all(pool)
                    .await
                    .expect("tables");
            let mut columns = Vec::new();
            for (table,) in tables {
                // Every column: SQLite keeps text in a column of any declared type; the scan reads the
                // values whose type is text.
                let names: Vec<(String,)> =
                    sqlx::query_as("SELECT name FROM pragma_table_info($1)")
                        .bind(&table)
                        .fetch_all(pool)
                        .await
                        .expect("columns");
                columns.extend(names.into_iter().map(|(c,)| (table.clone(), c)));
            }
            columns
        }
        Backend::Postgres => sqlx::query_as(
            "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT) FROM information_schema.columns WHERE table_schema = 'public' \
             AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'tsvector') \
             ORDER BY table_name, column_name",
        )
        .fetch_all(pool)
        .await
        .expect("columns"),
    }
}

/// `table.column: what was found` for every identity in clear.
async fn identities_in_clear(app: &TestApp) -> (usize, Vec<String>) {
    let known = known_identities();
    let columns = text_columns(app).await;
    let mut findings = Vec::new();
    for (table, column) in &columns {
        let sql = match app.db().backend {
            Backend::Sqlite => format!(
                "SELECT CAST(\"{column}\" AS TEXT) FROM \"{table}\" WHERE typeof(\"{column}\") = 'text'"
            ),
            Backend::Postgres => format!(
                "SELECT CAST(\"{column}\" AS TEXT) FROM \"{table}\" WHERE \"{column}\" IS NOT NULL"
            ),
        };
        let values: Vec<(String,)> = sqlx::query_as(&sql)
            .fetch_all(&app.db().pool)
            .await
            .unwrap_or_else(|e| panic!("{table}.{column}: {e}"));
        for (value,) in values {
            let mut hits: Vec<String> = known
                .iter()
                .filter(|k| value.contains(k.as_str()))
                .cloned()
                .collect();
            hits.extend(nik_shaped_runs(&value));
            hits.sort();
            hits.dedup();
            if !hits.is_empty() {
                findings.push(format!("{table}.{column}: {}", hits.join(", ")));
            }
        }
    }
    findings.sort();
    findings.dedup();
    (columns.len(), findings)
}

/// `table.column` of every text column holding `needle` in clear (for another area's own scan, e.g. a K3
/// victim's passport number).
pub(crate) async fn columns_holding(app: &TestApp, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (table, column) in text_columns(app).await {
        let sql = match app.db().backend {
            Backend::Sqlite => format!(
                "SELECT COUNT(*) FROM \"{table}\" WHERE typeof(\"{column}\") = 'text' AND \"{column}\" LIKE $1"
            ),
            Backend::Postgres => {
                format!("SELECT COUNT(*) FROM \"{table}\" WHERE CAST(\"{column}\" AS TEXT) LIKE $1")
            }
        };
        let (n,): (i64,) = sqlx::query_as(&sql)
            .bind(format!("%{needle}%"))
            .fetch_one(&app.db().pool)
            .await
            .unwrap_or_else(|e| panic!("{table}.{column}: {e}"));
        if n > 0 {
            found.push(format!("{table}.{column}"));
        }
    }
    found
}

async fn ok(response: crate::common::Response, what: &str) -> serde_json::Value {
    assert_eq!(response.status, StatusCode::OK, "{what}: {}", response.body);
    json(&response.body)
}

/// Every feature that takes a NIK or a passport number, through the real router.
async fn journey(app: &TestApp) {
    let f = matrix::fixture(app).await;
    verify_company(app, f.company_a).await;

    let mut browser = Client::new(app, "10.91.0.1");
    let signed_up = browser
        .post(
            SignUpSeeker::PATH,
            &[
                ("form[nik]", SIGN_UP_NIK),
                ("form[full_name]", "Dewi Lestari"),
                ("form[place_of_birth]", "Tangerang"),
                ("form[date_of_birth]", "1997-08-07"),
                ("form[sex]", "female"),
                ("form[email]", "dewi@pii-scan.test"),
                ("form[phone]", "0812-3456-7000"),
                ("form[password]", "kopi-tubruk-pagi"),
                ("form[consent_matching]", "on"),
            ],
        )
        .await;
    ok(signed_up, "sign-up").await;

    issue_card_for_seeker_a(app).await;
    let mut seeker = matrix::signed_in(app, Actor::SeekerA, "10.91.0.2").await;
    let corrected = seeker
        .post(
            RequestCorrection::PATH,
            &[
                ("field", "nik"),
                ("value", CORRECTED_NIK),
                ("reason", "satu digit NIK salah"),
            ],
        )
        .await;
    ok(corrected, "NIK correction").await;

    let mut company = matrix::signed_in(app, Actor::CompanyAdminA, "10.91.0.3").await;
    let single = register(&mut company, &contract(app, &[]), Some(PDF)).await;
    assert_eq!(single.status, StatusCode::OK, "PKWT: {}", single.body);
    let rows: Vec<String> = (1..=3).map(|n| bulk_row(app, n)).collect();
    let preview = ok(
        check_file(&mut company, "kontrak.csv", &bulk_file(&rows)).await,
        "bulk check",
    )
    .await;
    let import_id = preview["import_id"]
        .as_i64()
        .expect("import id")
        .to_string();
    let confirmed = ok(
        company
            .post(ConfirmContractImport::PATH, &[("import_id", &import_id)])
            .await,
        "bulk confirm",
    )
    .await;
    assert_eq!(confirmed["registered"], 3);
    // A checked file the company never confirms stays staged for a day.
    let rows: Vec<String> = [7, 8].map(|n| bulk_row(app, n)).to_vec();
    ok(
        check_file(&mut company, "belum.csv", &bulk_file(&rows)).await,
        "unconfirmed bulk check",
    )
    .await;

    let day = |offset: i64| {
        dnaker::core::calendar::format_date(
            dnaker::core::calendar::wib_date(app.state.clock.now_ms())
                + time::Duration::days(offset),
        )
    };
    let (minus_300, minus_290, plus_25, plus_60) = (day(-300), day(-290), day(25), day(60));
    let foreign_worker = company
        .post(
            ReportForeignWorker::PATH,
            &[
                ("form[name]", "Li Wei"),
                ("form[passport]", "E1234 5678"),
                ("form[nationality]", "Tiongkok"),
                ("form[sex]", "male"),
                ("form[position]", "Production Manager"),
                ("form[occupation_code]", "13"),
                ("form[rptka_number]", "RPTKA-3603-0099"),
                ("form[rptka_start]", &minus_300),
                ("form[rptka_end]", &plus_60),
                ("form[permit_number]", "NOTIF-778899"),
                ("form[permit_start]", &minus_290),
                ("form[permit_end]", &plus_25),
                ("form[district_code]", "36.03.01"),
                ("form[start_date]", &minus_290),
                ("form[end_date]", &plus_60),
                ("form[counterpart_name]", "Budi Santoso"),
                ("form[counterpart_nik]", COUNTERPART_NIK),
                ("form[counterpart_position]", "Asisten Manajer Produksi"),
                ("form[counterpart_progress]", "40"),
                ("form[language_training]", "ongoing"),
            ],
        )
        .await;
    ok(foreign_worker, "foreign worker").await;

    let (vacancy, _) = post_vacancy(&mut company, "Operator Forklift", &[]).await;
    let (vacancy, start) = (vacancy.to_string(), day(0));
    let placed = company
        .post(
            ReportPlacement::PATH,
            &[
                ("form[nik]", SEEKER_A_NIK),
                ("form[worker_name]", "Siti Aminah"),
                ("form[position]", "Operator Forklift"),
                ("form[start_date]", &start),
                ("form[wage]", "5.400.000"),
                ("form[contract_type]", "contract"),
                ("form[vacancy_id]", &vacancy),
            ],
        )
        .await;
    assert_eq!(placed.status, StatusCode::OK, "placement: {}", placed.body);
}

#[test]
fn the_scan_finds_nik_shaped_runs_and_not_hashes() {
    assert_eq!(
        nik_shaped_runs(r#"{"worker_id":"3603011205900001","n":12}"#),
        ["3603011205900001"]
    );
    assert!(nik_shaped_runs("ab3603011205900001cd 36030112059000011 360301120590000").is_empty());
}

on_both_backends!(
    no_identity_number_is_stored_in_clear_after_a_full_journey,
    |app: TestApp| async move {
        journey(&app).await;
        // The journey wrote what it should (so a scan of empty tables cannot pass by accident).
        assert_eq!(app.count("SELECT COUNT(*) FROM pkwt_contracts").await, 4);
        assert_eq!(app.count("SELECT COUNT(*) FROM tka_workers").await, 1);
        assert_eq!(app.count("SELECT COUNT(*) FROM seekers").await, 3);
        let (scanned, findings) = identities_in_clear(&app).await;
        assert!(scanned > 100, "only {scanned} columns scanned");
        assert!(
            findings.is_empty(),
            "identity numbers in clear:\n{}",
            findings.join("\n")
        );
    }
);
