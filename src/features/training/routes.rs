//! The training downloads that are not pages: the holder's certificate PDF.
use axum::{Router, extract::Path, routing::get};

use crate::{
    core::{error::AppError, role::Role},
    features::training::{certificate_pdf, repo::stats, views},
    server::{authz::RequestCtx, error::internal, http::Pdf, state::AppState},
};

pub fn routes() -> Router<AppState> {
    Router::new().route("/akun/pelatihan/{id}/sertifikat.pdf", get(certificate))
}

async fn certificate(ctx: RequestCtx, Path(id): Path<i64>) -> Result<Pdf, AppError> {
    let bytes = certificate_bytes(&ctx, id).await?;
    Ok(Pdf::new(format!("sertifikat-pelatihan-{id}.pdf"), bytes))
}

/// The seeker's certificate as a PDF (only its holder may download it).
async fn certificate_bytes(ctx: &RequestCtx, registration_id: i64) -> Result<Vec<u8>, AppError> {
    let seeker = ctx.require(Role::Seeker)?;
    let (code, _) = stats::own_certificate(&ctx.state.db, registration_id, seeker.account_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let check = views::certificate(ctx, &code).await?;
    let url = views::verification_url(&ctx.state.config.server.public_url, &code);
    tokio::task::spawn_blocking(move || certificate_pdf::render(&check, &url))
        .await
        .map_err(internal)?
        .map_err(internal)
}
