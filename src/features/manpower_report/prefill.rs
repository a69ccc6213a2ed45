//! The pre-filled report: last year's report as the base, then what the portal knows now.
//!
//! | field | from |
//! |---|---|
//! | everything | last year's current version (else empty, reason "founding") |
//! | PKWT status | approved PKWT contracts in force on the report day (today, or 31 December of a past report year; a contract ended early counts up to its end; `pkwt::service`), plus foreign workers not registered as PKWT (they may only work on fixed terms) |
//! | foreign nationality | foreign workers working on the report day (started by then, not left before it; `tka::service`) |
//! | total, sex (no earlier report) | the above |
//! | lowest wage (no earlier report) | the lowest wage of the contracts in force |
//! | accidents | accidents that happened in the report year (`safety::service`) |
//! | P2K3 | the latest P2K3 self-check up to the report day says a committee is formed |
//! | company regulation | the approved PP / registered PKB in force (`requests::service`, C3), else last year's report; C3 answers for the server's today, not the report day |
//!
//! Vacancies published and placements reported in the report year are shown beside the form (the report has no
//! field for them).
use sqlx::AnyConnection;
use time::{Date, Month, PrimitiveDateTime, Time};

use crate::{
    core::{
        calendar::{WIB, format_date},
        error::AppError,
        money::Rupiah,
    },
    features::{
        manpower_report::model::{KnownFact, ReportForm, tick},
        pkwt, requests, safety, tka, vacancies,
    },
};

/// The first instant (UTC epoch ms) of a WIB day.
fn day_start_ms(day: Date) -> i64 {
    PrimitiveDateTime::new(day, Time::MIDNIGHT)
        .assume_offset(WIB)
        .unix_timestamp()
        * 1000
}

/// The first instant (UTC epoch ms) of a WIB year.
pub fn year_start_ms(year: i32) -> i64 {
    Date::from_calendar_date(year, Month::January, 1)
        .map(day_start_ms)
        .unwrap_or_default()
}

fn fact(label_key: &str, value: impl ToString) -> KnownFact {
    KnownFact {
        label_key: label_key.to_owned(),
        value: value.to_string(),
    }
}

/// A fresh form for a company with no earlier report: every count 0 (it adds up), so the company types
/// only what it has.
fn empty(address: &str) -> ReportForm {
    let zeros = ReportForm::default()
        .fields()
        .into_iter()
        .filter(|(name, _)| {
            crate::features::manpower_report::model::COUNT_FIELDS.contains(&name.as_str())
        })
        .map(|(name, _)| (name, serde_json::Value::String("0".into())))
        .collect::<serde_json::Map<_, _>>();
    let zeroed: ReportForm =
        serde_json::from_value(serde_json::Value::Object(zeros)).unwrap_or_default();
    ReportForm {
        reason: "founding".into(),
        office_kind: "head".into(),
        address: address.to_owned(),
        overtime: "none".into(),
        regulation_kind: "none".into(),
        weekly_hours: "40".into(),
        ..zeroed
    }
}

/// The pre-filled form and the facts it was drawn from, as of `today` (the report day: today, or 31
/// December of a past report year).
pub async fn prefill(
    conn: &mut AnyConnection,
    company_id: i64,
    today: Date,
    address: &str,
    last_year: Option<&ReportForm>,
) -> Result<(ReportForm, Vec<KnownFact>), AppError> {
    let year = today.year();
    let (from, to) = (year_start_ms(year), year_start_ms(year + 1));
    let contracts =
        pkwt::service::company_contracts_in_force(&mut *conn, company_id, &format_date(today))
            .await?;
    let (foreign, foreign_male, foreign_female) =
        tka::service::company_active_workers(&mut *conn, company_id, &format_date(today)).await?;
    let (vacancies, placements) =
        vacancies::service::company_year_activity(&mut *conn, company_id, from, to).await?;
    let accidents = safety::service::accidents_between(&mut *conn, company_id, from, to).await?;
    let end_of_day = today.next_day().map_or(to, day_start_ms);
    let p2k3 = safety::service::p2k3_formed(&mut *conn, company_id, end_of_day).await?;
    let regulation = requests::service::company_regulation(
        &mut *conn,
        company_id,
        &format_date(today),
        end_of_day,
    )
    .await?;
    // Foreign workers may only work on fixed terms: those not registered as PKWT count there too.
    let unregistered_foreign = (foreign - contracts.foreign_workers).max(0);
    let pkwt_count = contracts.contracts + unregistered_foreign;
    let mut form = match last_year {
        Some(last) => ReportForm {
            reason: "yearly".into(),
            ..last.clone()
        },
        None => {
            // The sexes of foreign workers already registered as PKWT are in the contracts' counts.
            let (fm, ff) = if contracts.foreign_workers == 0 {
                (foreign_male, foreign_female)
            } else {
                (0, 0)
            };
            ReportForm {
                total: pkwt_count.to_string(),
                male: (contracts.male + fm).to_string(),
                female: (contracts.female + ff).to_string(),
                lowest_wage: contracts
                    .lowest_wage_idr
                    .map(|w| w.to_string())
                    .unwrap_or_default(),
                local: (pkwt_count - foreign).max(0).to_string(),
                ..empty(address)
            }
        }
    };
    form.pkwt = pkwt_count.to_string();
    form.foreign = foreign.to_string();
    form.accidents = accidents.to_string();
    if p2k3 {
        form.p2k3 = tick(true);
    }
    if let Some((kind, number, valid_until)) = &regulation {
        form.regulation_kind.clone_from(kind);
        form.regulation_number.clone_from(number);
        form.regulation_valid_until.clone_from(valid_until);
    }
    let mut known = vec![
        fact("manpower_known_pkwt", contracts.contracts),
        fact("manpower_known_tka", foreign),
        fact("manpower_known_vacancies", vacancies),
        fact("manpower_known_placements", placements),
        fact("manpower_known_accidents", accidents),
        fact(
            "manpower_known_lowest_pkwt_wage",
            contracts
                .lowest_wage_idr
                .map(|w| Rupiah(w).to_string())
                .unwrap_or_else(|| "-".into()),
        ),
    ];
    if let Some((kind, number, valid_until)) = regulation {
        known.push(fact(
            "manpower_known_regulation",
            format!("{} {number} ({valid_until})", kind.to_uppercase()),
        ));
    }
    Ok((form, known))
}
