//! The officer's side of PKWT registration: the queue of waiting contracts and the decision (approve with a
//! registration number, reject, or send back for revision), with its notices.
use rand::{Rng, distr::Alphanumeric};
use sqlx::{Any, Transaction};

use crate::{
    core::{calendar, error::AppError, region::REGENCY, review::Decision},
    features::pkwt::{
        model::{ContractStatus, PkwtQueue, QUEUE_PAGE_SIZE},
        repo, views,
    },
    server::{
        audit,
        authz::RequestCtx,
        notify::{Email, Notice},
        review,
    },
};

/// Waiting contracts, oldest first, with the one-working-day clock. Opening it shows personal data: logged.
pub async fn queue(ctx: &RequestCtx) -> Result<PkwtQueue, AppError> {
    ctx.require_staff()?;
    let db = &ctx.state.db;
    let (total_waiting, overdue) = repo::queue_counts(db, ctx.now_ms()).await?;
    let rows = repo::waiting_contracts(db, QUEUE_PAGE_SIZE).await?;
    audit::record(
        &db.pool,
        ctx.audit("pkwt.queue_read", "pkwt_contract", None),
    )
    .await?;
    let items = rows
        .into_iter()
        .map(|row| views::queue_contract(&ctx.state.pii, row))
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(PkwtQueue {
        total_waiting,
        overdue,
        items,
    })
}

/// `PKWT/3603/2026/000123`
pub fn registration_number(year: i32, serial: i64) -> String {
    format!("PKWT/{}/{year}/{serial:06}", REGENCY.code)
}

/// Gives an approved contract the year's next registration number and a verification code for its QR.
async fn assign_number(
    tx: &mut Transaction<'static, Any>,
    contract_id: i64,
    today: time::Date,
    now_ms: i64,
) -> Result<String, AppError> {
    let serial = repo::next_serial(tx, today.year()).await?;
    let number = registration_number(today.year(), serial);
    let code: String = rand::rng()
        .sample_iter(&Alphanumeric)
        .take(16)
        .map(char::from)
        .collect();
    repo::set_registration(tx, contract_id, &number, code).await?;
    let data = serde_json::json!({ "registration_number": number });
    crate::server::events::emit(tx, now_ms, "pkwt.registered", &number, data).await?;
    Ok(number)
}

/// Approve (a registration number), reject, or ask for a revision. Exactly one officer decides.
pub async fn decide(
    ctx: &RequestCtx,
    contract_id: i64,
    decision: Decision,
    reason: &str,
) -> Result<Option<String>, AppError> {
    let officer = ctx.require_staff()?.clone();
    let reason = review::reason(decision, reason)?;
    let now = ctx.now_ms();
    let today = calendar::wib_date(now);
    let status = match decision {
        Decision::Approve => ContractStatus::Approved,
        Decision::Reject => ContractStatus::Rejected,
        Decision::Revise => ContractStatus::Revision,
    };
    let mut tx = ctx.state.db.begin_write().await?;
    let claimed = repo::claim_decision(
        &mut tx,
        contract_id,
        status,
        reason.as_deref(),
        officer.account_id,
        now,
    )
    .await?;
    review::claimed(claimed)?;
    let number = if decision == Decision::Approve {
        Some(assign_number(&mut tx, contract_id, today, now).await?)
    } else {
        None
    };
    let recipients = Recipients::load(&mut tx, contract_id, decision).await?;
    let public_url = ctx.state.config.server.public_url.clone();
    let action = match decision {
        Decision::Approve => "pkwt.approve",
        Decision::Reject => "pkwt.reject",
        Decision::Revise => "pkwt.request_revision",
    };
    review::finish(
        tx,
        recipients.notices(decision, now, &public_url),
        ctx.audit(action, "pkwt_contract", Some(contract_id.to_string())),
    )
    .await?;
    Ok(number)
}

/// Who hears of a decision: the person who registered the contract, and on approval the worker if they
/// have an account (with the company's name).
struct Recipients {
    submitted_by: i64,
    email: String,
    worker_name: String,
    worker: Option<(i64, String)>,
}

impl Recipients {
    async fn load(
        tx: &mut Transaction<'static, Any>,
        contract_id: i64,
        decision: Decision,
    ) -> Result<Self, AppError> {
        let (submitted_by, email, worker_name, worker_id_hash) =
            repo::decision_recipients(tx, contract_id).await?;
        let mut worker = None;
        if decision == Decision::Approve
            && let Some(account_id) = repo::seeker_account_by_hash(tx, &worker_id_hash).await?
        {
            let company = repo::contract_company_name(tx, contract_id).await?;
            worker = Some((account_id, company));
        }
        Ok(Recipients {
            submitted_by,
            email,
            worker_name,
            worker,
        })
    }

    fn notices<'a>(&'a self, decision: Decision, now: i64, public_url: &'a str) -> Vec<Notice<'a>> {
        let key = match decision {
            Decision::Approve => "notice_pkwt_approved",
            Decision::Reject => "notice_pkwt_rejected",
            Decision::Revise => "notice_pkwt_revision",
        };
        let mut notices = vec![Notice {
            account_id: self.submitted_by,
            message_key: key,
            subject: &self.worker_name,
            link: Some("/perusahaan/pkwt".to_owned()),
            now_ms: now,
            email: Some(Email {
                to: &self.email,
                public_url,
            }),
        }];
        if let Some((account_id, company)) = &self.worker {
            notices.push(Notice {
                account_id: *account_id,
                message_key: "notice_pkwt_registered_worker",
                subject: company,
                link: Some("/akun/kontrak".to_owned()),
                now_ms: now,
                email: None,
            });
        }
        notices
    }
}
