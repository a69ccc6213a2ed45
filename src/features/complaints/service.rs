//! What other features may ask of complaints (contract C2): a strike notice's receipt opens a mediation case.
use sqlx::{Any, Transaction};

use crate::{
    core::{
        calendar::{HolidayCalendar, format_date, parse_date, wib_date},
        error::AppError,
    },
    features::complaints::{
        model::{Category, CheckedComplaint, Clock, Privacy, Status, case_ref},
        repo::{self, write},
        support,
    },
};

/// Opens a mediation case about `company_id` from a strike notice (UU 13/2003 Ps 140: the office attempts
/// mediation) in the caller's transaction; returns its case number (`case_ref`), never the ticket code, which
/// would let whoever reads the notice act as the complaining side.
pub async fn open_dispute_from_notice(
    tx: &mut Transaction<'static, Any>,
    company_id: i64,
    summary: &str,
    now_ms: i64,
) -> Result<String, AppError> {
    let company_name = repo::company_name(&mut **tx, company_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let today = wib_date(now_ms);
    let description: String = summary.trim().chars().take(4000).collect();
    let form = CheckedComplaint {
        company_id: Some(company_id),
        company_name: company_name.clone(),
        category: Category::Other,
        privacy: Privacy::Open,
        description: if description.is_empty() {
            "Pemberitahuan mogok kerja".into()
        } else {
            description
        },
        since_date: format_date(today),
        workers_affected: 1,
        wish: "Mediasi atas pemberitahuan mogok kerja (UU 13/2003 Ps 140)".into(),
        name: None,
        email: None,
        phone: None,
        lapor_id: None,
    };
    let code = support::new_code();
    let id = write::insert(
        &mut **tx,
        &write::NewComplaint {
            code: &code,
            form: &form,
            company_name: &company_name,
            account_id: None,
            now_ms,
        },
    )
    .await?;
    write::advance(
        &mut **tx,
        id,
        &[Status::Submitted],
        Status::Mediation,
        None,
        now_ms,
    )
    .await?;
    let calendar = HolidayCalendar::new(
        repo::holidays(&mut **tx)
            .await?
            .iter()
            .filter_map(|d| parse_date(d)),
    );
    support::start_clock(tx, &calendar, id, Clock::Mediation, today).await?;
    write::event(
        &mut **tx,
        &write::Event {
            complaint_id: id,
            kind: "strike_notice",
            body: "",
            by_role: "system",
            company_sees: true,
            at_ms: now_ms,
        },
    )
    .await?;
    Ok(case_ref(id))
}
