//! Yes/no checks (only the answer and an evidence reference, never the record) and the open statistics.
use axum::{
    Json,
    extract::rejection::JsonRejection,
    http::HeaderMap,
    response::{IntoResponse, Response},
};

use crate::features::{
    partner_api::{
        access::{self, ApiError, Call, Partner},
        endpoints::{Params, body},
        repo::reads,
        schema::{Ak1Check, CheckAnswer, ContractCheck, Statistics, StatisticsCell},
    },
    statistics::service as stats,
};

/// Is this NIK's contract registered with this company (by NIB)?
#[utoipa::path(post, path = "/api/v1/checks/pkwt-registered", tag = "checks", request_body = ContractCheck,
    responses((status = 200, description = "yes or no, with the registration number as evidence", body = CheckAnswer)))]
pub async fn pkwt_registered(
    partner: Partner,
    check: Result<Json<ContractCheck>, JsonRejection>,
) -> Result<Json<CheckAnswer>, ApiError> {
    let check = body(check)?;
    let nik = access::nik(&check.nik)?;
    let nib = access::nib(&check.nib)?;
    let purpose = access::purpose(Some(&check.purpose))?;
    let nik_hash = partner.state.pii.blind_index(nik);
    let object = format!("nik-index:{} nib:{nib}", &nik_hash[..16]);
    partner
        .call(&Call {
            scope: "checks:read",
            resource: "pkwt",
            object: &object,
            purpose: Some(&purpose),
        })
        .await?;
    let mut conn = partner.state.db.pool.acquire().await?;
    let evidence = reads::registered_contract(&mut conn, &nik_hash, &nib).await?;
    Ok(Json(CheckAnswer {
        answer: evidence.is_some(),
        evidence,
    }))
}

/// Does this NIK hold a valid AK-1?
#[utoipa::path(post, path = "/api/v1/checks/ak1-valid", tag = "checks", request_body = Ak1Check,
    responses((status = 200, description = "yes or no, with the card number as evidence", body = CheckAnswer)))]
pub async fn ak1_valid(
    partner: Partner,
    check: Result<Json<Ak1Check>, JsonRejection>,
) -> Result<Json<CheckAnswer>, ApiError> {
    let check = body(check)?;
    let nik = access::nik(&check.nik)?;
    let purpose = access::purpose(Some(&check.purpose))?;
    let nik_hash = partner.state.pii.blind_index(nik);
    let object = format!("nik-index:{}", &nik_hash[..16]);
    partner
        .call(&Call {
            scope: "checks:read",
            resource: "ak1",
            object: &object,
            purpose: Some(&purpose),
        })
        .await?;
    let mut conn = partner.state.db.pool.acquire().await?;
    let evidence = reads::valid_ak1_of(&mut conn, &nik_hash, &partner.today()).await?;
    Ok(Json(CheckAnswer {
        answer: evidence.is_some(),
        evidence,
    }))
}

/// Bounds the statistics filters: a dataset slug, a district code (`36.03.01`), a year.
/// A dataset slug, a district code and a year, each optional.
type Filters = (Option<String>, Option<String>, Option<i32>);

fn filters(params: &Params) -> Result<Filters, ApiError> {
    let short = |v: &str, max: usize| {
        v.len() <= max
            && v.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-')
    };
    let dataset = params.get("dataset").filter(|d| !d.is_empty());
    if dataset.is_some_and(|d| !short(d, 40)) {
        return Err(ApiError::invalid("dataset: one of datasets"));
    }
    let district = params.get("district").filter(|d| !d.is_empty());
    if district.is_some_and(|d| !short(d, 12)) {
        return Err(ApiError::invalid("district: a code such as 36.03.01"));
    }
    let year = match params.get("year").filter(|y| !y.is_empty()) {
        None => None,
        Some(y) => Some(
            y.parse::<i32>()
                .ok()
                .filter(|y| (2000..=2100).contains(y))
                .ok_or_else(|| ApiError::invalid("year: 2000-2100"))?,
        ),
    };
    Ok((
        dataset.map(str::to_owned),
        district.map(str::to_owned),
        year,
    ))
}

/// The open statistics (public data, the tables of `/statistik`): without `dataset` the list of datasets,
/// with it a page of that dataset's cells (cells under 5 people suppressed).
#[utoipa::path(get, path = "/api/v1/statistics", tag = "statistics",
    params(("dataset" = Option<String>, Query, description = "one of datasets"),
           ("district" = Option<String>, Query, description = "a district code such as 36.03.01"),
           ("year" = Option<i32>, Query, description = "2000-2100"),
           ("cursor" = Option<String>, Query, description = "next_cursor of the previous page"),
           ("limit" = Option<i64>, Query, description = "1-100, default 20")),
    responses((status = 200, description = "the open statistics (ETag)", body = Statistics),
              (status = 304, description = "unchanged since the ETag sent in If-None-Match")))]
pub async fn statistics(
    partner: Partner,
    params: Params,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (dataset, district, year) = filters(&params)?;
    let (after, limit) = access::page(params.get("cursor"), params.get("limit"))?;
    let object = dataset.clone().unwrap_or_else(|| "datasets".to_owned());
    partner
        .call(&Call {
            scope: "statistics:read",
            resource: "statistics",
            object: &object,
            purpose: None,
        })
        .await?;
    let rows = match &dataset {
        Some(d) => stats::open_table(&partner.state.db, d, district.as_deref(), year).await?,
        None => Vec::new(),
    };
    let start = usize::try_from(after).unwrap_or(usize::MAX);
    let take = usize::try_from(limit).unwrap_or(20);
    let more = rows.len() > start.saturating_add(take);
    let cells = rows
        .into_iter()
        .skip(start)
        .take(take)
        .map(|r| StatisticsCell {
            dataset: r.dataset,
            month: r.month,
            district_code: r.district_code,
            dimension: r.dimension,
            category: r.category,
            value: r.value,
            unit: r.unit.to_owned(),
        })
        .collect();
    let statistics = Statistics {
        source: "Disnaker Kabupaten Tangerang, d'naker DIGI".to_owned(),
        licence: "CC BY 4.0".to_owned(),
        datasets: stats::dataset_names()
            .into_iter()
            .map(str::to_owned)
            .collect(),
        dataset,
        cells,
        next_cursor: more.then(|| (after + limit).to_string()),
    };
    Ok(access::json_with_etag(&headers, &statistics).into_response())
}
