//! Yes/no checks (only the answer and an evidence reference, never the record) and the open statistics.
use axum::{
    Json,
    extract::rejection::JsonRejection,
    http::HeaderMap,
    response::{IntoResponse, Response},
};

use crate::features::partner_api::{
    access::{self, ApiError, Call, Partner},
    endpoints::body,
    repo::reads,
    schema::{Ak1Check, CheckAnswer, ContractCheck, Statistics, StatisticsRow, StatisticsTable},
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

/// Cells under 5 are suppressed (Satu Data practice), so no small group can be singled out.
fn suppressed(rows: Vec<(String, i64)>) -> Vec<StatisticsRow> {
    rows.into_iter()
        .map(|(label, value)| StatisticsRow {
            label,
            value: (value >= 5).then_some(value),
        })
        .collect()
}

/// The open statistics tables (public data).
#[utoipa::path(get, path = "/api/v1/statistics", tag = "statistics",
    responses((status = 200, description = "the open statistics (ETag)", body = Statistics),
              (status = 304, description = "unchanged since the ETag sent in If-None-Match")))]
pub async fn statistics(partner: Partner, headers: HeaderMap) -> Result<Response, ApiError> {
    partner
        .call(&Call {
            scope: "statistics:read",
            resource: "statistics",
            object: "all",
            purpose: None,
        })
        .await?;
    let mut conn = partner.state.db.pool.acquire().await?;
    let (by_section, by_year) = reads::statistics(&mut conn).await?;
    let statistics = Statistics {
        source: "Disnaker Kabupaten Tangerang, d'naker DIGI".to_owned(),
        licence: "CC BY 4.0".to_owned(),
        tables: vec![
            StatisticsTable {
                id: "published_vacancies_by_kbli_section".to_owned(),
                title: "Published vacancies by KBLI 2020 section".to_owned(),
                unit: "vacancies".to_owned(),
                rows: suppressed(by_section),
            },
            StatisticsTable {
                id: "ak1_issued_by_year".to_owned(),
                title: "AK-1 cards issued by year".to_owned(),
                unit: "cards".to_owned(),
                rows: suppressed(by_year),
            },
        ],
    };
    Ok(access::json_with_etag(&headers, &statistics).into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn cells_under_five_are_suppressed() {
        let rows = super::suppressed(vec![("A".into(), 4), ("C".into(), 5)]);
        assert_eq!(rows[0].value, None);
        assert_eq!(rows[1].value, Some(5));
    }
}
