//! The handlers of `/api/v1`: bound the parameters, check the key's scope (counting and auditing the
//! call), read. Each is documented for the OpenAPI document by `utoipa::path`.
use axum::{
    Json,
    extract::{FromRequestParts, Query, rejection::JsonRejection},
    http::{HeaderMap, request::Parts},
    response::{IntoResponse, Response},
};
use serde::de::DeserializeOwned;

use crate::features::partner_api::{
    access::{self, ApiError, Call, Partner},
    repo::reads,
    schema::{
        Ak1Verification, Company, CompanyQuery, ContractPage, JobFairPage, JobPostingPage,
        WorkerQuery,
    },
};

/// The query string as pairs (a malformed one is a 400 problem, not axum's plain-text rejection).
pub struct Params(Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let bad = || {
            ApiError::new(
                axum::http::StatusCode::BAD_REQUEST,
                "bad-query",
                "unreadable query string",
            )
        };
        if parts.uri.query().is_some_and(|q| q.len() > 2048) {
            return Err(bad());
        }
        Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)
            .map(|q| Params(q.0))
            .map_err(|_| bad())
    }
}

impl Params {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A JSON body as documented (415 without the JSON content type, 400 unreadable, 422 wrong shape).
pub fn body<T: DeserializeOwned>(body: Result<Json<T>, JsonRejection>) -> Result<T, ApiError> {
    body.map(|Json(value)| value).map_err(|rejection| {
        ApiError::new(
            rejection.status(),
            "bad-body",
            "the body must be JSON as documented",
        )
    })
}

/// Verify an AK-1 card by its number (`AK1/3603/2026/000001`) or its verification code.
#[utoipa::path(get, path = "/api/v1/ak1/verify", tag = "ak1",
    params(("number" = Option<String>, Query, description = "card number"),
           ("code" = Option<String>, Query, description = "verification code printed on the card")),
    responses((status = 200, description = "the card's state and validity", body = Ak1Verification)))]
pub async fn ak1_verify(
    partner: Partner,
    params: Params,
) -> Result<Json<Ak1Verification>, ApiError> {
    let value = params
        .get("number")
        .or_else(|| params.get("code"))
        .map(str::trim)
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 64
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '/' || c == '-')
        })
        .ok_or_else(|| {
            ApiError::invalid("number or code: the card number or its verification code")
        })?;
    partner
        .call(&Call {
            scope: "ak1:verify",
            resource: "ak1",
            object: value,
            purpose: None,
        })
        .await?;
    let mut conn = partner.state.db.pool.acquire().await?;
    let (status, issued_on, valid_until) = reads::ak1_card(&mut conn, value)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let status = if status == "closed" {
        "closed"
    } else if valid_until < partner.today() {
        "expired"
    } else {
        "valid"
    };
    Ok(Json(Ak1Verification {
        status: status.to_owned(),
        issued_on,
        valid_until,
    }))
}

/// Registered PKWT contracts of a worker, by NIK (in the body, never in the address; never echoed).
#[utoipa::path(post, path = "/api/v1/pkwt/by-worker", tag = "pkwt", request_body = WorkerQuery,
    responses((status = 200, description = "the worker's registered contracts", body = ContractPage)))]
pub async fn pkwt_by_worker(
    partner: Partner,
    query: Result<Json<WorkerQuery>, JsonRejection>,
) -> Result<Json<ContractPage>, ApiError> {
    let query = body(query)?;
    let nik = access::nik(&query.nik)?;
    let purpose = access::purpose(Some(&query.purpose))?;
    let limit = query.limit.map(|l| l.to_string());
    let (after, limit) = access::page(query.cursor.as_deref(), limit.as_deref())?;
    let nik_hash = partner.state.pii.blind_index(nik);
    let object = format!("nik-index:{}", &nik_hash[..16]);
    partner
        .call(&Call {
            scope: "pkwt:read",
            resource: "pkwt",
            object: &object,
            purpose: Some(&purpose),
        })
        .await?;
    let mut conn = partner.state.db.pool.acquire().await?;
    let rows =
        reads::contracts_of_worker(&mut conn, &nik_hash, after, limit, &partner.today()).await?;
    Ok(Json(contract_page(rows, limit)))
}

fn contract_page(
    rows: Vec<(i64, crate::features::partner_api::schema::Contract)>,
    limit: i64,
) -> ContractPage {
    let ids: Vec<i64> = rows.iter().map(|(id, _)| *id).collect();
    ContractPage {
        next_cursor: access::next_cursor(&ids, limit),
        items: rows.into_iter().map(|(_, c)| c).collect(),
    }
}

/// Registered PKWT contracts of a company, by NIB.
#[utoipa::path(get, path = "/api/v1/pkwt/by-company", tag = "pkwt",
    params(("nib" = String, Query, description = "13 digits"),
           ("purpose" = String, Query, description = "why the partner asks (UU 27/2022), 3-200 characters"),
           ("cursor" = Option<String>, Query, description = "next_cursor of the previous page"),
           ("limit" = Option<i64>, Query, description = "1-100, default 20")),
    responses((status = 200, description = "the company's registered contracts", body = ContractPage)))]
pub async fn pkwt_by_company(
    partner: Partner,
    params: Params,
) -> Result<Json<ContractPage>, ApiError> {
    let nib = access::nib(params.get("nib").unwrap_or_default())?;
    let purpose = access::purpose(params.get("purpose"))?;
    let (after, limit) = access::page(params.get("cursor"), params.get("limit"))?;
    partner
        .call(&Call {
            scope: "pkwt:read",
            resource: "company",
            object: &nib,
            purpose: Some(&purpose),
        })
        .await?;
    let mut conn = partner.state.db.pool.acquire().await?;
    let rows = reads::contracts_of_company(&mut conn, &nib, after, limit, &partner.today()).await?;
    Ok(Json(contract_page(rows, limit)))
}

/// A company by NIB or NPWP: identity, verification state, workforce size. A POST with a JSON body, so
/// an NPWP (an individual's is their NIK) is never in an address, a proxy's log or a trace. The answer
/// holds the NPWP and the address, so the call needs a declared purpose (audited with it).
#[utoipa::path(post, path = "/api/v1/companies/lookup", tag = "companies", request_body = CompanyQuery,
    responses((status = 200, description = "the company", body = Company)))]
pub async fn company(
    partner: Partner,
    query: Result<Json<CompanyQuery>, JsonRejection>,
) -> Result<Json<Company>, ApiError> {
    let query = body(query)?;
    let (by_nib, value) = match (query.nib.as_deref(), query.npwp.as_deref()) {
        (Some(nib), None) => (true, access::nib(nib)?),
        (None, Some(npwp)) => (
            false,
            crate::core::validate::normalize_npwp(npwp)
                .map_err(|_| ApiError::invalid("npwp: 15 or 16 digits"))?,
        ),
        _ => return Err(ApiError::invalid("give either nib or npwp")),
    };
    let purpose = access::purpose(Some(&query.purpose))?;
    // An individual's NPWP is their NIK: the audit keeps only a keyed-hash prefix of it (as for NIKs).
    let object = if by_nib {
        value.clone()
    } else {
        format!(
            "npwp-index:{}",
            &partner.state.pii.blind_index(&value)[..16]
        )
    };
    partner
        .call(&Call {
            scope: "companies:read",
            resource: "company",
            object: &object,
            purpose: Some(&purpose),
        })
        .await?;
    let mut conn = partner.state.db.pool.acquire().await?;
    let (id, mut company) = reads::company(&mut conn, by_nib, &value)
        .await?
        .ok_or_else(ApiError::not_found)?;
    company.workforce = super::workforce::latest(&mut conn, id).await?;
    Ok(Json(company))
}

/// Published vacancies still open (public data; none past its deadline), oldest first.
#[utoipa::path(get, path = "/api/v1/vacancies", tag = "vacancies",
    params(("cursor" = Option<String>, Query, description = "next_cursor of the previous page"),
           ("limit" = Option<i64>, Query, description = "1-100, default 20")),
    responses((status = 200, description = "a page of vacancies (ETag)", body = JobPostingPage),
              (status = 304, description = "unchanged since the ETag sent in If-None-Match")))]
pub async fn vacancies(
    partner: Partner,
    params: Params,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (after, limit) = access::page(params.get("cursor"), params.get("limit"))?;
    let object = format!("after:{after}");
    partner
        .call(&Call {
            scope: "vacancies:read",
            resource: "vacancy",
            object: &object,
            purpose: None,
        })
        .await?;
    let mut conn = partner.state.db.pool.acquire().await?;
    let items = reads::vacancies(&mut conn, after, limit, &partner.today()).await?;
    let ids: Vec<i64> = items.iter().map(|v| v.id).collect();
    let page = JobPostingPage {
        next_cursor: access::next_cursor(&ids, limit),
        items,
    };
    Ok(access::json_with_etag(&headers, &page).into_response())
}

/// Published job fairs (public data), oldest first.
#[utoipa::path(get, path = "/api/v1/fairs", tag = "fairs",
    params(("cursor" = Option<String>, Query, description = "next_cursor of the previous page"),
           ("limit" = Option<i64>, Query, description = "1-100, default 20")),
    responses((status = 200, description = "a page of job fairs (ETag)", body = JobFairPage),
              (status = 304, description = "unchanged since the ETag sent in If-None-Match")))]
pub async fn fairs(
    partner: Partner,
    params: Params,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (after, limit) = access::page(params.get("cursor"), params.get("limit"))?;
    let object = format!("after:{after}");
    partner
        .call(&Call {
            scope: "fairs:read",
            resource: "job_fair",
            object: &object,
            purpose: None,
        })
        .await?;
    let mut conn = partner.state.db.pool.acquire().await?;
    let items = reads::fairs(&mut conn, after, limit).await?;
    let ids: Vec<i64> = items.iter().map(|f| f.id).collect();
    let page = JobFairPage {
        next_cursor: access::next_cursor(&ids, limit),
        items,
    };
    Ok(access::json_with_etag(&headers, &page).into_response())
}
