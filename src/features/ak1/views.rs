//! Screen data of the AK-1, assembled from repository reads: the card or application panel with its
//! history and re-report dates, and the profile's entries. No authorization here: the caller has checked
//! who may see it.
use crate::{
    core::{
        calendar::{self, format_date, parse_date},
        error::AppError,
    },
    features::ak1::{
        experience::ProfileEntries,
        model::{Ak1Event, Ak1Status, Ak1View, is_valid_on, next_report, re_report_due_dates},
        repo,
    },
    server::{db::Db, error::internal},
};

/// The seeker's latest application with its history, re-report dates and the next re-report.
pub(crate) async fn latest_application(
    db: &Db,
    account_id: i64,
    today: time::Date,
) -> Result<Option<Ak1View>, AppError> {
    let Some(row) = repo::latest_application(&db.pool, account_id).await? else {
        return Ok(None);
    };
    let events = repo::events(&db.pool, row.id).await?;
    let issued = row.issued_on.as_deref().and_then(parse_date);
    let re_report_due = issued
        .map(|d| {
            re_report_due_dates(d)
                .into_iter()
                .map(format_date)
                .collect()
        })
        .unwrap_or_default();
    let reports = repo::reports(&db.pool, row.id).await?;
    let done: Vec<u8> = reports
        .iter()
        .filter_map(|(period, _)| u8::try_from(*period).ok())
        .collect();
    let next = match (row.status.as_str(), issued) {
        ("issued", Some(issued)) if is_valid_on(issued, today) => next_report(issued, &done, today),
        _ => None,
    };
    Ok(Some(Ak1View {
        application_id: row.id,
        status: Ak1Status::parse(&row.status).ok_or_else(|| internal("unknown AK-1 status"))?,
        submitted_at_ms: row.submitted_at_ms,
        due_at_ms: row.due_at_ms,
        officer_note: row.officer_note,
        card_number: row.card_number,
        issued_on: row.issued_on,
        valid_until: row.valid_until,
        verification_code: row.verification_code,
        re_report_due,
        reports: reports
            .iter()
            .map(|(_, at)| format_date(calendar::wib_date(*at)))
            .collect(),
        next_report: next,
        events: events
            .into_iter()
            .map(|(at_ms, to_status, reason)| Ak1Event {
                at_ms,
                to_status,
                reason,
            })
            .collect(),
    }))
}

/// The profile's work history and certificates, newest first.
pub(crate) async fn profile_entries(db: &Db, account_id: i64) -> Result<ProfileEntries, AppError> {
    Ok(ProfileEntries {
        work: repo::work_items(&db.pool, account_id).await?,
        certificates: repo::certificate_items(&db.pool, account_id).await?,
    })
}
