//! The PKWT screens' data, assembled from the rows `repo` reads: the company's list, the officer's queue,
//! the worker's contracts, the public verification, the revision form and the receipt. Who may see them is
//! decided by the action modules that call these.
use crate::{
    core::{
        calendar::{self, format_date, parse_date},
        error::AppError,
        money::Rupiah,
    },
    features::pkwt::{
        model::{
            CompanyContract, PkwtFormContext, PkwtVerification, QueueContract, WorkerContract,
            mask_name, mask_worker_id,
        },
        receipt_pdf::ReceiptData,
        repo::{self, ContractRow, RevisionRow, VerifiedRow},
        rules::{Compensation, ContractForm, compensation},
    },
    server::{db::Db, error::internal, pii::PiiCipher},
};

/// The minimum wages and holidays the browser checks the form against.
pub async fn form_context(db: &Db) -> Result<PkwtFormContext, AppError> {
    Ok(PkwtFormContext {
        minimum_wages: repo::minimum_wages(db).await?,
        holidays: repo::holiday_dates(db).await?,
    })
}

/// The compensation due at the end that counts.
fn row_compensation(row: &ContractRow) -> Compensation {
    let start = parse_date(&row.start_date);
    let end = row
        .ended_on
        .as_deref()
        .and_then(parse_date)
        .or_else(|| parse_date(&row.end_date));
    match (start, end) {
        (Some(start), Some(end)) => compensation(start, end, row.wage_idr, row.foreign_worker == 1),
        _ => Compensation {
            months: 0,
            days: 0,
            amount: Rupiah(0),
            none_reason: Some("none_short".into()),
        },
    }
}

/// The end that counts: the early end when there was one.
fn effective_end(row: &ContractRow) -> String {
    row.ended_on.clone().unwrap_or_else(|| row.end_date.clone())
}

fn worker_id(pii: &PiiCipher, ciphertext: &str) -> Result<String, AppError> {
    pii.decrypt(ciphertext)
        .map_err(|_| internal("worker id decryption failed"))
}

pub fn company_contract(pii: &PiiCipher, row: ContractRow) -> Result<CompanyContract, AppError> {
    Ok(CompanyContract {
        id: row.id,
        worker_id_masked: mask_worker_id(&worker_id(pii, &row.worker_id_ciphertext)?),
        compensation: row_compensation(&row),
        end_date: effective_end(&row),
        worker_name: row.worker_name,
        position: row.position,
        start_date: row.start_date,
        wage: Rupiah(row.wage_idr),
        contract_kind: row.contract_kind,
        link_kind: row.link_kind,
        status: row.status,
        late: row.late == 1,
        registration_number: row.registration_number,
        verification_code: row.verification_code,
        officer_note: row.officer_note,
        ended_early: row.ended_early == 1,
        has_document: row.document_key.is_some(),
    })
}

/// The form values of a contract sent back for revision, so the company corrects rather than retypes.
pub fn revision_form(pii: &PiiCipher, row: RevisionRow) -> Result<ContractForm, AppError> {
    let flag = |v: i64| (v == 1).then(|| "on".to_owned());
    Ok(ContractForm {
        worker_id: worker_id(pii, &row.worker_id_ciphertext)?,
        worker_name: row.worker_name,
        worker_sex: row.worker_sex,
        worker_birth_date: row.worker_birth_date,
        worker_address: row.worker_address,
        foreign_worker: flag(row.foreign_worker),
        position: row.position,
        workplace: row.workplace,
        wage: Rupiah(row.wage_idr).to_string(),
        wage_with_allowances: flag(row.wage_with_allowances),
        contract_kind: row.contract_kind,
        days_per_month: row
            .days_per_month
            .map(|d| d.to_string())
            .unwrap_or_default(),
        start_date: row.start_date,
        end_date: row.end_date,
        signed_place: row.signed_place,
        signed_date: row.signed_date,
        link_kind: row.link_kind,
        previous_number: row.previous_number.unwrap_or_default(),
    })
}

pub fn queue_contract(pii: &PiiCipher, row: ContractRow) -> Result<QueueContract, AppError> {
    Ok(QueueContract {
        id: row.id,
        worker_id_masked: mask_worker_id(&worker_id(pii, &row.worker_id_ciphertext)?),
        has_document: row.document_key.is_some(),
        company_name: row.company_name,
        worker_name: row.worker_name,
        foreign_worker: row.foreign_worker == 1,
        position: row.position,
        workplace: row.workplace,
        start_date: row.start_date,
        end_date: row.end_date,
        wage: Rupiah(row.wage_idr),
        contract_kind: row.contract_kind,
        days_per_month: row.days_per_month,
        link_kind: row.link_kind,
        signed_date: row.signed_date,
        late: row.late == 1,
        submitted_at_ms: row.submitted_at_ms,
        due_at_ms: row.due_at_ms,
    })
}

pub fn worker_contract(row: ContractRow, today: time::Date) -> WorkerContract {
    let end = effective_end(&row);
    WorkerContract {
        days_left: parse_date(&end).map_or(0, |e| (e - today).whole_days()),
        compensation: row_compensation(&row),
        end_date: end,
        company_name: row.company_name,
        position: row.position,
        workplace: row.workplace,
        start_date: row.start_date,
        wage: Rupiah(row.wage_idr),
        registration_number: row.registration_number.unwrap_or_default(),
        ended_early: row.ended_early == 1,
    }
}

/// Masked fields only, and whether the contract is still running at `now_ms`.
pub fn verification(row: VerifiedRow, now_ms: i64) -> PkwtVerification {
    let end = row.ended_on.unwrap_or(row.end_date);
    let today = format_date(calendar::wib_date(now_ms));
    PkwtVerification {
        registration_number: row.registration_number,
        company_name: row.company_name,
        worker_name_masked: mask_name(&row.worker_name),
        position: row.position,
        start_date: row.start_date,
        state: if end < today { "ended" } else { "active" }.into(),
        end_date: end,
        registered_on: format_date(calendar::wib_date(row.decided_at_ms)),
    }
}

/// The receipt's facts, in Indonesian, with the verification link under `public_url`.
pub fn receipt_data(
    pii: &PiiCipher,
    row: ContractRow,
    officer_name: Option<String>,
    public_url: &str,
) -> Result<ReceiptData, AppError> {
    let t = crate::core::i18n::Lang::Id.strings();
    Ok(ReceiptData {
        registration_number: row.registration_number.clone().unwrap_or_default(),
        worker_id_masked: mask_worker_id(&worker_id(pii, &row.worker_id_ciphertext)?),
        company_name: row.company_name,
        worker_name: row.worker_name,
        position: row.position,
        workplace: row.workplace,
        contract_kind: t
            .lookup(&format!("pkwt_kind_{}", row.contract_kind))
            .unwrap_or_default()
            .to_owned(),
        start_date: row.start_date,
        end_date: row.end_date,
        wage: Rupiah(row.wage_idr).to_string(),
        signed: format!("{}, {}", row.signed_place, row.signed_date),
        registered_on: row
            .decided_at_ms
            .map(|ms| format_date(calendar::wib_date(ms)))
            .unwrap_or_default(),
        officer_name: officer_name.unwrap_or_default(),
        late: row.late == 1,
        verify_url: format!(
            "{}/verifikasi/pkwt/{}",
            public_url.trim_end_matches('/'),
            row.verification_code.clone().unwrap_or_default()
        ),
    })
}
