//! The requests' daily job (run by `server::jobs`): filings the office left undecided past their last day
//! are deemed approved where the law says so (UU 13/2003 Ps 112) and the approval is issued with a
//! statement saying why; corrections not resubmitted within their window are refused; renewal reminders go
//! out 20 working days before the last day a renewal may be filed (30 working days before expiry). Every
//! step is a guarded UPDATE in its own transaction, so two instances running the job at once issue each
//! approval once.
use crate::{
    core::{
        calendar::{format_date, parse_date, wib_date},
        error::AppError,
    },
    features::requests::{
        engine::{self, COMPANY_PAGE, SYSTEM},
        model::{
            RequestStatus,
            clock::{deemed_cutoff_ms, renewal_last_filing_day, renewal_reminder_day},
        },
        repo::{self, RequestRow, write},
    },
    server::{audit, notify, reference, state::AppState},
};

/// The statement a deemed approval carries in the trail and on the document: the type's own decision
/// period and legal basis (an admin's type may have other days and another source than a PP).
pub fn deemed_statement(decision_working_days: i64, legal_basis: &str) -> String {
    let basis = legal_basis.trim();
    let basis = if basis.is_empty() {
        String::new()
    } else {
        format!(" ({basis})")
    };
    format!("Disahkan demi hukum: tidak diputus dalam {decision_working_days} hari kerja{basis}")
}

fn deemed_reason(row: &RequestRow) -> String {
    deemed_statement(row.decision_working_days, &row.legal_basis)
}

fn lapsed_reason(_: &RequestRow) -> String {
    CORRECTION_LAPSED.to_owned()
}
const CORRECTION_LAPSED: &str = "Perbaikan tidak diajukan dalam tenggat";

pub async fn run(state: &AppState) -> Result<String, AppError> {
    let now = state.clock.now_ms();
    let deemed = deem(state, now).await?;
    let lapsed = lapse(state, now).await?;
    let reminded = remind(state, now).await?;
    Ok(format!(
        "{deemed} deemed approved, {lapsed} corrections lapsed, {reminded} renewal reminders"
    ))
}

/// Deemed approvals from working day N+1 only: a period whose last day is a Friday is not deemed approved
/// by a run on Saturday or Sunday, but on Monday (or the next working day after holidays).
async fn deem(state: &AppState, now: i64) -> Result<usize, AppError> {
    let cal = reference::holiday_calendar(&state.db).await?;
    let cutoff = deemed_cutoff_ms(&cal, now).min(now);
    let ids = repo::overdue(&state.db, &["submitted", "in_review"], cutoff, true).await?;
    let mut done = 0;
    for id in ids {
        if conclude(
            state,
            id,
            &["submitted", "in_review"],
            RequestStatus::DeemedApproved,
            deemed_reason,
            now,
        )
        .await?
        {
            done += 1;
        }
    }
    Ok(done)
}

async fn lapse(state: &AppState, now: i64) -> Result<usize, AppError> {
    let ids = repo::overdue(&state.db, &["correction_requested"], now, false).await?;
    let mut done = 0;
    for id in ids {
        if conclude(
            state,
            id,
            &["correction_requested"],
            RequestStatus::Refused,
            lapsed_reason,
            now,
        )
        .await?
        {
            done += 1;
        }
    }
    Ok(done)
}

/// One request to its end state, once; false when another run (or an officer) came first.
async fn conclude(
    state: &AppState,
    id: i64,
    from: &[&str],
    to: RequestStatus,
    reason: fn(&RequestRow) -> String,
    now: i64,
) -> Result<bool, AppError> {
    let mut tx = state.db.begin_write().await?;
    let Some(row) = repo::by_id(&mut *tx, id).await? else {
        return Ok(false);
    };
    if !write::transition(&mut *tx, id, None, from, to.as_str(), None, now).await? {
        return Ok(false);
    }
    let previous = RequestStatus::parse(&row.status);
    let reason = reason(&row);
    engine::record(
        &mut tx,
        &state.config.server.public_url,
        &row,
        previous,
        to,
        SYSTEM,
        Some(&reason),
        now,
    )
    .await?;
    engine::finish(&mut tx, &row, to, now).await?;
    audit::record(
        &mut *tx,
        audit::AuditEvent {
            action: "requests.job",
            subject_type: "request",
            subject_id: Some(id.to_string()),
            detail: to.as_str(),
            ..Default::default()
        },
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

async fn remind(state: &AppState, now: i64) -> Result<usize, AppError> {
    let cal = reference::holiday_calendar(&state.db).await?;
    let today = wib_date(now);
    let mut sent = 0;
    for row in repo::renewal_candidates(&state.db).await? {
        let Some(expires) = row.valid_until.as_deref().and_then(parse_date) else {
            continue;
        };
        if today < renewal_reminder_day(&cal, expires) {
            continue;
        }
        let mut tx = state.db.begin_write().await?;
        if write::claim_renewal_reminder(&mut *tx, row.id, now).await? {
            let subject = format!(
                "{} {} (berlaku s.d. {}; ajukan paling lambat {})",
                row.type_name_id,
                row.number.clone().unwrap_or_default(),
                format_date(expires),
                format_date(renewal_last_filing_day(&cal, expires))
            );
            notify::send(
                &mut tx,
                notify::Notice {
                    account_id: row.filed_by,
                    message_key: "requests_notice_renewal",
                    subject: &subject,
                    link: Some(COMPANY_PAGE.into()),
                    now_ms: now,
                    email: Some(notify::Email {
                        to: &row.filer_email,
                        public_url: &state.config.server.public_url,
                    }),
                },
            )
            .await?;
            sent += 1;
        }
        tx.commit().await?;
    }
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::deemed_statement;

    #[test]
    fn the_deemed_statement_names_the_types_own_period_and_basis() {
        assert_eq!(
            deemed_statement(30, "UU 13/2003 Ps 112"),
            "Disahkan demi hukum: tidak diputus dalam 30 hari kerja (UU 13/2003 Ps 112)"
        );
        let other = deemed_statement(5, "Perbup Tangerang 1/2026");
        assert!(other.contains("5 hari kerja"), "{other}");
        assert!(other.contains("Perbup Tangerang 1/2026"), "{other}");
        assert!(!other.contains("30 hari kerja") && !other.contains("Ps 112"));
    }
}
