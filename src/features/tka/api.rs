//! The foreign-worker and DKPTKA server functions: each checks who is asking (in the action or view it calls) and
//! maps errors once. The payment proof comes as a multipart body.
use leptos::{
    prelude::*,
    server_fn::codec::{MultipartData, MultipartFormData},
};

use crate::{
    core::error::AppError,
    features::tka::{
        model::{CompanyTka, DkptkaVerification, OfficerTka, TkaStatistics},
        rules::{BillForm, WorkerForm},
    },
};

#[cfg(feature = "ssr")]
use crate::{
    core::review::Decision,
    features::tka::{company, officer, public, rules::ProofForm, views},
    server::{authz::RequestCtx, error::respond, multipart},
};

#[server]
pub async fn load_company_tka() -> Result<CompanyTka, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::company_view(&ctx).await)
}

/// Returns the worker's id.
#[server]
pub async fn report_foreign_worker(#[server(default)] form: WorkerForm) -> Result<i64, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::report(&ctx, form).await)
}

#[server]
pub async fn report_worker_left(
    worker_id: i64,
    #[server(default)] left_on: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::report_leaving(&ctx, worker_id, &left_on, &reason).await)
}

/// Returns how many workers the report counts.
#[server]
pub async fn send_yearly_tka_report() -> Result<i64, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::send_yearly_report(&ctx).await)
}

/// Returns the bill's id.
#[server]
pub async fn create_levy_bill(#[server(default)] form: BillForm) -> Result<i64, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::create_bill(&ctx, form).await)
}

#[server]
pub async fn cancel_levy_bill(bill_id: i64) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(company::cancel_bill(&ctx, bill_id).await)
}

/// The payment proof of a bill: `bill_id`, `payment_reference`, `paid_on`, `rate`, `rate_source` and the
/// file as `proof`.
#[server(input = MultipartFormData)]
pub async fn submit_levy_payment(data: MultipartData) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(
        async {
            let upload = multipart::read(data).await?;
            let bill_id = upload
                .text("bill_id")
                .and_then(|v| v.parse().ok())
                .ok_or(AppError::NotFound)?;
            let form: ProofForm = upload.form()?;
            let proof = upload.file("proof").map(|(_, bytes)| bytes);
            company::submit_proof(&ctx, bill_id, form, proof).await
        }
        .await,
    )
}

#[server]
pub async fn load_officer_tka() -> Result<OfficerTka, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::officer_view(&ctx).await)
}

/// `decision` is "approve" (validate) or "reject" (with a reason).
#[server]
pub async fn decide_levy_payment(
    bill_id: i64,
    #[server(default)] decision: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    let Some(decision) = Decision::parse(&decision) else {
        return respond(Err(AppError::field("decision", "err_choose")));
    };
    respond(officer::decide(&ctx, bill_id, decision, &reason).await)
}

#[server]
pub async fn load_tka_statistics() -> Result<TkaStatistics, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(views::statistics(&ctx).await)
}

/// The public check behind a receipt's QR code.
#[server]
pub async fn verify_dkptka(code: String) -> Result<DkptkaVerification, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(public::verify(&ctx.state.db, &code).await)
}
