//! The AK-1 routes that are not pages: the card PDF (own, or printed at the counter) and the photo/CV
//! uploads and downloads (`files.rs`), which take files larger than any other request.
use axum::{
    Router,
    extract::{DefaultBodyLimit, Path},
    routing::{get, post},
};
use tower_http::limit::RequestBodyLimitLayer;

use crate::{
    core::error::AppError,
    features::ak1::{
        card,
        files::{self, UPLOAD_LIMIT_BYTES},
    },
    server::{authz::RequestCtx, http::Pdf, state::AppState},
};

/// The upload form's path (a plain form post, not a server function); written out in `.route` too, where
/// the authorization-matrix test reads route paths as literals.
const UPLOAD_PATH: &str = "/akun/profil/berkas";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/akun/kartu-ak1.pdf", get(own_card))
        .route(
            "/petugas/loket/{seeker_id}/kartu-ak1.pdf",
            get(counter_card),
        )
        .merge(uploads())
}

/// The upload route's body limit, which replaces the portal's small default for that path.
pub fn body_limits() -> Vec<(&'static str, usize)> {
    vec![(UPLOAD_PATH, UPLOAD_LIMIT_BYTES)]
}

/// The photo/CV routes, with their own, larger limit (and only they have it).
fn uploads() -> Router<AppState> {
    Router::new()
        .route("/akun/profil/berkas", post(files::upload))
        .route("/akun/berkas/{kind}", get(files::own_file))
        .route(
            "/petugas/pencaker/{account_id}/berkas/{kind}",
            get(files::staff_file),
        )
        .layer(DefaultBodyLimit::max(UPLOAD_LIMIT_BYTES))
        .layer(RequestBodyLimitLayer::new(UPLOAD_LIMIT_BYTES))
}

/// The signed-in seeker's AK-1 card as a PDF.
async fn own_card(ctx: RequestCtx) -> Result<Pdf, AppError> {
    card_download(ctx, None).await
}

/// A card printed at the service counter (the officer holds the person's consent for today).
async fn counter_card(ctx: RequestCtx, Path(seeker_id): Path<i64>) -> Result<Pdf, AppError> {
    card_download(ctx, Some(seeker_id)).await
}

async fn card_download(ctx: RequestCtx, on_behalf_of: Option<i64>) -> Result<Pdf, AppError> {
    let (number, bytes) = card::card_pdf(&ctx, on_behalf_of).await?;
    Ok(Pdf::new(format!("{}.pdf", number.replace('/', "-")), bytes))
}
