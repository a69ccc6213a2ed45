//! Rules of a filing that need the company's earlier requests: a PP renewal filed after its last lawful
//! filing day is warned; a PKB extension must name a PKB of the company registered here, extend it once
//! only and by at most a year (UU 13/2003 Ps 123(2)).
use crate::{
    core::{
        calendar::{HolidayCalendar, parse_date, wib_date},
        error::AppError,
    },
    features::requests::{
        model::{
            RequestType, Values,
            clock::pkb_extension_in_bounds,
            filing::{Filing, field_input, renewal_lateness},
        },
        repo,
    },
    server::db::Db,
};

/// A PP renewal filed after its last lawful filing day (30 working days before the renewed approval
/// expires) is warned, not refused (`filing::renewal_lateness` says why).
pub async fn late_renewal(
    db: &Db,
    cal: &HolidayCalendar,
    ty: &RequestType,
    company_id: i64,
    now: i64,
    filing: &mut Filing,
) -> Result<(), AppError> {
    if ty.rule != "pp" || filing.values.get("renewal").is_none_or(|v| v != "ya") {
        return Ok(());
    }
    let previous = filing
        .values
        .get("previous_number")
        .map_or("", String::as_str);
    let expires = repo::renewed_pp_expiry(&db.pool, company_id, previous)
        .await?
        .as_deref()
        .and_then(parse_date);
    if let Some(warning) = expires.and_then(|e| renewal_lateness(cal, wib_date(now), e)) {
        filing.warnings.push(warning.to_owned());
    }
    Ok(())
}

/// A PKB extension names a PKB of the company registered here, extends it once only, and by at most a
/// year after its end (UU 13/2003 Ps 123(2)); a field error otherwise.
pub async fn pkb_extension_allowed(
    db: &Db,
    company_id: i64,
    request_id: i64,
    values: &Values,
) -> Result<(), AppError> {
    let number = values.get("previous_number").map_or("", |v| v.trim());
    let Some((_, old_end)) = repo::registered_pkb(&db.pool, company_id, number).await? else {
        return Err(AppError::field(
            &field_input("previous_number"),
            "requests_err_pkb_unknown",
        ));
    };
    let extended = repo::standing_pkb_extensions(&db.pool, company_id, request_id)
        .await?
        .iter()
        .filter_map(|data| serde_json::from_str::<Values>(data).ok())
        .any(|v| v.get("previous_number").is_some_and(|n| n.trim() == number));
    if extended {
        return Err(AppError::field(
            &field_input("previous_number"),
            "requests_err_pkb_extended_once",
        ));
    }
    let new_end = values.get("term_end").and_then(|v| parse_date(v));
    match (parse_date(&old_end), new_end) {
        (Some(old), Some(new)) if pkb_extension_in_bounds(old, new) => Ok(()),
        _ => Err(AppError::field(
            &field_input("term_end"),
            "requests_err_pkb_extension_term",
        )),
    }
}
