//! Bulk PKWT registration through the real router: the check of a CSV file (every row validated, NIKs
//! hashed, the valid rows kept) and its confirmation (every row checked again, encrypted and inserted in one
//! transaction), for 1,000 and 10,000 rows, on SQLite and (with `BENCH_POSTGRES_URL` or `TEST_POSTGRES_URL`)
//! PostgreSQL.
//!
//! `cargo bench --features ssr --bench pkwt_import`
use std::time::Instant;

use dnaker::{
    core::role::Role,
    features::{
        accounts::{
            api::SignIn,
            repo::{self, NewAccount},
        },
        pkwt::{
            api::{CheckContractImport, ConfirmContractImport},
            model::IMPORT_COLUMNS,
        },
    },
};
use leptos::server_fn::ServerFn;
use support::{post, send};

mod support;

const PASSWORD: &str = "bench-sandi-rahasia";

fn csv(rows: usize, first_serial: usize) -> Vec<u8> {
    let today = dnaker::core::calendar::wib_date(dnaker::server::db::now_ms());
    let day =
        |offset: i64| dnaker::core::calendar::format_date(today + time::Duration::days(offset));
    let mut text = IMPORT_COLUMNS.map(|(h, _)| h).join(",");
    text.push('\n');
    for n in first_serial..first_serial + rows {
        // Distinct NIKs: the district code varies with the thousands, the serial with the rest.
        let district = 1 + (n / 9999) % 29;
        let serial = 1 + n % 9999;
        text.push_str(&format!(
            "3603{district:02}120590{serial:04},Pekerja {n},L,1990-05-12,Jl. Industri {n},tidak,Operator,Cikupa,5.600.000,ya,\
             jangka waktu,,{},{},Tangerang,{},baru,\n",
            day(5),
            day(370),
            day(0)
        ));
    }
    text.into_bytes()
}

fn multipart(bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----dnakerBenchBoundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"pkwt.csv\"\r\nContent-Type: text/csv\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend(format!("\r\n--{boundary}--\r\n").into_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

const IP: &str = "198.51.100.9";

async fn bench_backend(name: &'static str, url: String, dir: std::path::PathBuf) {
    let (state, router) = support::app(&url, &dir).await;
    let db = state.db.clone();
    let (company_id,): (i64,) = sqlx::query_as(
        "INSERT INTO companies (name, nib, npwp, kbli_section, kbli_division, district_code, address, size_band, contact_name, \
         contact_email, verified, created_at_ms) VALUES ('PT Bench', '1000000000009', '012345678912000', 'C', '10', '36.03.01', \
         'Jl. Bench 1', 'besar', 'HRD', 'hrd@bench.test', 1, 1) RETURNING id",
    )
    .fetch_one(&db.pool)
    .await
    .expect("company");
    let hash = repo::hash_password(PASSWORD.to_owned())
        .await
        .expect("hash");
    repo::insert(
        &db.pool,
        &NewAccount {
            email: "hrd@bench.test",
            full_name: "HRD Bench",
            role: Role::Company,
            company_id: Some(company_id),
            company_role: Some("admin"),
            phone: None,
            password_hash: &hash,
            now_ms: 1,
        },
    )
    .await
    .expect("account");
    let (status, body, cookie) = send(
        &router,
        post(
            SignIn::PATH,
            None,
            IP,
            "application/x-www-form-urlencoded",
            format!("email=hrd%40bench.test&password={PASSWORD}").into_bytes(),
        ),
    )
    .await;
    assert_eq!(status, 200, "sign in: {body}");
    let cookie = cookie.expect("session cookie");
    let mut first = 0;
    for rows in [1_000, 10_000] {
        let (content_type, body) = multipart(&csv(rows, first));
        first += rows;
        let started = Instant::now();
        let (status, preview, _) = send(
            &router,
            post(
                CheckContractImport::PATH,
                Some(&cookie),
                IP,
                &content_type,
                body,
            ),
        )
        .await;
        let checked = started.elapsed();
        assert_eq!(status, 200, "check: {}", &preview[..preview.len().min(300)]);
        let preview: serde_json::Value = serde_json::from_str(&preview).expect("json");
        assert_eq!(preview["valid_rows"], rows, "{}", preview["rows"][0]);
        let import_id = preview["import_id"].as_i64().expect("id");
        let started = Instant::now();
        let (status, outcome, _) = send(
            &router,
            post(
                ConfirmContractImport::PATH,
                Some(&cookie),
                IP,
                "application/x-www-form-urlencoded",
                format!("import_id={import_id}").into_bytes(),
            ),
        )
        .await;
        let confirmed = started.elapsed();
        assert_eq!(status, 200, "confirm: {outcome}");
        println!(
            "[{name}] {rows:>6} rows: check {:>7.0} ms, confirm {:>7.0} ms, total {:>7.0} ms",
            checked.as_secs_f64() * 1000.0,
            confirmed.as_secs_f64() * 1000.0,
            (checked + confirmed).as_secs_f64() * 1000.0
        );
    }
}

fn main() {
    support::on_both_backends("pkwt", |name, url, dir| {
        Box::pin(bench_backend(name, url, dir))
    });
}
