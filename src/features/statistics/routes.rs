//! The open-data downloads (public, no sign-in): each table as CSV, its data dictionary, and the
//! DCAT-style catalogue.
use axum::{
    Json, Router,
    extract::{Path, Query},
    routing::get,
};
use serde::Deserialize;

use crate::{
    core::error::AppError,
    features::statistics::{model::StatsQuery, open_data},
    server::{authz::RequestCtx, http::Csv, state::AppState},
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/statistik/csv/{dataset}", get(table_csv))
        .route("/statistik/kamus/{dataset}", get(dictionary_csv))
        .route("/statistik/katalog.json", get(catalogue))
}

/// The filters of a download, as on the page (`?kecamatan=36.03.01&tahun=2026`); malformed ones are ignored.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Filters {
    kecamatan: String,
    tahun: String,
}

async fn table_csv(
    ctx: RequestCtx,
    Path(dataset): Path<String>,
    Query(filters): Query<Filters>,
) -> Result<Csv, AppError> {
    let query = StatsQuery::from_pairs([
        ("kecamatan", filters.kecamatan.as_str()),
        ("tahun", filters.tahun.as_str()),
    ]);
    let (name, bytes) = open_data::table_csv(
        &ctx.state,
        ctx.lang,
        &dataset,
        query.district.as_deref(),
        query.year,
    )
    .await?;
    Ok(Csv::new(name, bytes))
}

async fn dictionary_csv(ctx: RequestCtx, Path(dataset): Path<String>) -> Result<Csv, AppError> {
    let (name, bytes) = open_data::dictionary_csv(ctx.lang, &dataset)?;
    Ok(Csv::new(name, bytes))
}

async fn catalogue(ctx: RequestCtx) -> Result<Json<serde_json::Value>, AppError> {
    Ok(Json(open_data::catalogue(&ctx.state, ctx.lang).await?))
}
