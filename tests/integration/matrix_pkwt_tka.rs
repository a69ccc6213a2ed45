//! Matrix cases for PKWT registration and its bulk import (multipart), revisions, early ends and the public
//! check; and for foreign-worker reports, levy bills, payment proofs (multipart), the receipt and its check.
use axum::http::StatusCode;
use dnaker::features::{
    pkwt::api::{
        CheckContractImport, ConfirmContractImport, DecideContract, EndContractEarly, LoadPkwtForm,
        LoadRevisionForm, RegisterContract, VerifyPkwt,
    },
    tka::api::{
        CancelLevyBill, CreateLevyBill, DecideLevyPayment, ReportForeignWorker, ReportWorkerLeft,
        SendYearlyTkaReport, SubmitLevyPayment, VerifyDkptka,
    },
};
use leptos::server_fn::ServerFn;

use crate::{
    common::{
        Client, TestApp,
        matrix::{self, Actor, COMPANY_MEMBERS, Case, Fixture, Method},
        ok_json,
    },
    pkwt::{bulk_file, bulk_row, check_file, contract, register},
    tka::{PDF, bill, pay, worker},
    vacancies::verify_company,
};

fn s(value: impl ToString) -> String {
    value.to_string()
}

const COMPANY_A: [Actor; 2] = [Actor::CompanyAdminA, Actor::CompanyStaffA];
/// Company A's documents: its members and the office.
const COMPANY_A_AND_STAFF: [Actor; 4] = [
    Actor::CompanyAdminA,
    Actor::CompanyStaffA,
    Actor::Officer,
    Actor::Admin,
];

async fn registered(company: &mut Client<'_>, form: &[(&str, String)]) -> i64 {
    let response = register(company, form, Some(PDF)).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    response.body.trim().parse().expect("contract id")
}

async fn decide(officer: &mut Client<'_>, id: i64, decision: &str) {
    ok_json(
        officer,
        DecideContract::PATH,
        &[
            ("contract_id", s(id)),
            ("decision", s(decision)),
            ("reason", s("Jabatan tidak sesuai kontrak")),
        ],
    )
    .await;
}

async fn code_of(app: &TestApp, sql: &str, id: i64) -> String {
    let (code,): (String,) = sqlx::query_as(sql)
        .bind(id)
        .fetch_one(&app.db().pool)
        .await
        .expect("verification code");
    code
}

pub(crate) async fn pkwt_cases(app: &TestApp, _f: &Fixture) -> Vec<Case> {
    let mut company = matrix::signed_in(app, Actor::CompanyAdminA, "10.92.0.1").await;
    let mut officer = matrix::signed_in(app, Actor::Officer, "10.92.0.2").await;
    let approved = registered(&mut company, &contract(app, &[])).await;
    decide(&mut officer, approved, "approve").await;
    let code = code_of(
        app,
        "SELECT verification_code FROM pkwt_contracts WHERE id = $1",
        approved,
    )
    .await;
    let revised = registered(
        &mut company,
        &contract(app, &[("worker_id", "3603015508950003")]),
    )
    .await;
    decide(&mut officer, revised, "revise").await;
    // Three checked files of company A: one for A's admin, one for A's staff, one company B tries.
    let mut imports = Vec::new();
    for n in [1, 3, 4] {
        let checked =
            check_file(&mut company, "kontrak.csv", &bulk_file(&[bulk_row(app, n)])).await;
        assert_eq!(checked.status, StatusCode::OK, "{}", checked.body);
        let preview: serde_json::Value = serde_json::from_str(&checked.body).expect("preview");
        imports.push(preview["import_id"].as_i64().expect("import id"));
    }
    let form = contract(app, &[("worker_id", "3603015508950004")]);
    let document: &[(&str, &str, &[u8])] = &[("document", "kontrak.pdf", PDF)];
    let bulk = bulk_file(&[bulk_row(app, 2)]);
    vec![
        Case::post("the PKWT form", LoadPkwtForm::PATH, &[], &COMPANY_MEMBERS),
        // Any company may register (A's admin succeeds; then the same worker's period conflicts).
        Case::multipart(
            "register a contract",
            RegisterContract::PATH,
            &form,
            document,
            &COMPANY_MEMBERS,
        ),
        Case::multipart(
            "check a bulk file",
            CheckContractImport::PATH,
            &[],
            &[("file", "kontrak.csv", bulk.as_slice())],
            &COMPANY_MEMBERS,
        ),
        // Each of A's members confirms a file of A's; company B must not learn that A's third one exists.
        Case::post(
            "confirm company A's import",
            ConfirmContractImport::PATH,
            &[("import_id", s(imports[0]))],
            &COMPANY_A,
        )
        .for_actor(Actor::CompanyStaffA, &[("import_id", s(imports[1]))])
        .for_actor(Actor::CompanyAdminB, &[("import_id", s(imports[2]))]),
        Case::post(
            "company A's contract sent back for revision",
            LoadRevisionForm::PATH,
            &[("contract_id", s(revised))],
            &COMPANY_A,
        ),
        // A date before the start: A's members pass the check and get the field error, nothing changes.
        Case::post(
            "end company A's contract early (date out of range)",
            EndContractEarly::PATH,
            &[("contract_id", s(approved)), ("ended_on", s("2000-01-01"))],
            &COMPANY_A,
        ),
        Case::public(
            "check a PKWT receipt's code",
            Method::Post,
            VerifyPkwt::PATH,
            &[("code", code)],
        ),
    ]
}

pub(crate) async fn tka_cases(app: &TestApp, f: &Fixture) -> Vec<Case> {
    verify_company(app, f.company_a).await;
    let mut company = matrix::signed_in(app, Actor::CompanyAdminA, "10.93.0.1").await;
    let mut officer = matrix::signed_in(app, Actor::Officer, "10.93.0.2").await;
    let mut workers = Vec::new();
    for passport in ["E1234 0001", "E1234 0002", "E1234 0003"] {
        let id = ok_json(
            &mut company,
            ReportForeignWorker::PATH,
            &worker(app, passport, &[]),
        )
        .await;
        workers.push(id.as_i64().expect("worker id"));
    }
    let mut bills = Vec::new();
    for (start, end) in [(61, 120), (121, 180), (181, 240), (241, 300), (301, 360)] {
        let id = ok_json(&mut company, CreateLevyBill::PATH, &bill(app, start, end)).await;
        bills.push(id.as_i64().expect("bill id"));
    }
    // The first bill paid and validated: its receipt and the public check.
    let paid = pay(&mut company, app, bills[0], Some(("bukti.pdf", PDF))).await;
    assert_eq!(paid.status, StatusCode::OK, "{}", paid.body);
    ok_json(
        &mut officer,
        DecideLevyPayment::PATH,
        &[("bill_id", s(bills[0])), ("decision", s("approve"))],
    )
    .await;
    let code = code_of(
        app,
        "SELECT verification_code FROM dkptka_bills WHERE id = $1",
        bills[0],
    )
    .await;
    let today = crate::tka::day(app, 0);
    let left = |worker: i64| {
        vec![
            ("worker_id", s(worker)),
            ("left_on", today.clone()),
            ("reason", s("Kontrak kerja berakhir lebih awal.")),
        ]
    };
    vec![
        Case::post(
            "report a foreign worker",
            ReportForeignWorker::PATH,
            &worker(app, "E1234 0009", &[]),
            &COMPANY_MEMBERS,
        ),
        // Each of A's members reports its own worker leaving; company B tries one of A's.
        Case::post(
            "report company A's worker leaving",
            ReportWorkerLeft::PATH,
            &left(workers[0]),
            &COMPANY_A,
        )
        .for_actor(Actor::CompanyStaffA, &left(workers[1]))
        .for_actor(Actor::CompanyAdminB, &left(workers[2])),
        // A's admin sends it; A's staff find it sent (a conflict); B sends B's own.
        Case::post(
            "send the yearly report",
            SendYearlyTkaReport::PATH,
            &[],
            &COMPANY_MEMBERS,
        ),
        Case::post(
            "create a levy bill",
            CreateLevyBill::PATH,
            &bill(app, 400, 460),
            &COMPANY_MEMBERS,
        ),
        Case::post(
            "cancel company A's unpaid bill",
            CancelLevyBill::PATH,
            &[("bill_id", s(bills[1]))],
            &COMPANY_A,
        )
        .for_actor(Actor::CompanyStaffA, &[("bill_id", s(bills[2]))])
        .for_actor(Actor::CompanyAdminB, &[("bill_id", s(bills[3]))]),
        // A's admin pays; A's staff find it paid (a conflict); B must not learn it exists.
        Case::multipart(
            "pay company A's bill",
            SubmitLevyPayment::PATH,
            &[
                ("bill_id", s(bills[4])),
                ("payment_reference", s("BNI-2026-000777")),
                ("paid_on", today.clone()),
                ("rate", s("16.240")),
                ("rate_source", s("Kurs JISDOR Bank Indonesia")),
            ],
            &[("proof", "bukti.pdf", PDF)],
            &COMPANY_A,
        ),
        Case::get(
            "company A's levy receipt",
            &format!("/dkptka/{}/tanda-terima.pdf", bills[0]),
            &COMPANY_A_AND_STAFF,
        ),
        Case::public(
            "check a levy receipt's code",
            Method::Post,
            VerifyDkptka::PATH,
            &[("code", code)],
        ),
    ]
}
