//! The PKWT downloads that are not pages: the bulk template, a contract's receipt and its signed document;
//! and the body limit of the server functions that take a contract file.
use axum::{Router, extract::Path, routing::get};
use leptos::server_fn::ServerFn;

use crate::{
    core::error::AppError,
    features::pkwt::{
        api::{CheckContractImport, RegisterContract},
        bulk, company,
        model::IMPORT_MAX_BYTES,
    },
    server::{
        authz::RequestCtx,
        http::{Csv, FILE_FORM_LIMIT, Pdf},
        state::AppState,
    },
};

// An import is the largest file a form takes: the shared limit must leave room for it and its envelope.
const _: () = assert!(IMPORT_MAX_BYTES + 256 * 1024 <= FILE_FORM_LIMIT);

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/perusahaan/pkwt/templat.csv", get(template))
        .route("/pkwt/{id}/tanda-terima.pdf", get(receipt))
        .route("/pkwt/{id}/dokumen.pdf", get(document))
}

/// The server functions that take a file, with their request body limits.
pub fn body_limits() -> Vec<(&'static str, usize)> {
    vec![
        (RegisterContract::PATH, FILE_FORM_LIMIT),
        (CheckContractImport::PATH, FILE_FORM_LIMIT),
    ]
}

/// The bulk PKWT template (no personal data: anyone may download it).
async fn template() -> Csv {
    Csv::new("templat-pkwt.csv", bulk::template_csv())
}

/// A contract's registration receipt (its company, or staff).
async fn receipt(ctx: RequestCtx, Path(id): Path<i64>) -> Result<Pdf, AppError> {
    let (number, bytes) = company::receipt(&ctx, id).await?;
    Ok(Pdf::new(format!("{}.pdf", number.replace('/', "-")), bytes))
}

/// The signed contract as uploaded (its company, or staff).
async fn document(ctx: RequestCtx, Path(id): Path<i64>) -> Result<Pdf, AppError> {
    let bytes = company::document(&ctx, id).await?;
    Ok(Pdf::new(format!("pkwt-{id}.pdf"), bytes).sandboxed())
}
