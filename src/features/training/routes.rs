//! The training downloads that are not pages: the holder's certificate PDF.
use axum::{Router, extract::Path, routing::get};

use crate::{
    core::error::AppError,
    features::training::seeker,
    server::{authz::RequestCtx, http::Pdf, state::AppState},
};

pub fn routes() -> Router<AppState> {
    Router::new().route("/akun/pelatihan/{id}/sertifikat.pdf", get(certificate))
}

async fn certificate(ctx: RequestCtx, Path(id): Path<i64>) -> Result<Pdf, AppError> {
    let bytes = seeker::certificate_pdf(&ctx, id).await?;
    Ok(Pdf::new(format!("sertifikat-pelatihan-{id}.pdf"), bytes))
}
