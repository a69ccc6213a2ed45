//! The foreign-worker jobs (run by `server::jobs`): reminders before a worker's permit or RPTKA ends (daily),
//! and the hourly count of the card holders behind the local-talent check.
use crate::{
    core::{
        calendar::{self, format_date, parse_date},
        error::AppError,
    },
    features::tka::{
        model::EXPIRY_WINDOWS,
        repo::{talent, workers},
        talent::pool_lists,
    },
    server::{notify, state::AppState},
};

/// Counts the seekers with a valid AK-1 card per list of wished jobs, for the DKPTKA queue's local-talent
/// check. It reads every card holder (two million at `seed-demo --scale 1000`), which a page visit must not.
pub async fn count_talent_pool(state: &AppState) -> Result<String, AppError> {
    let now = state.clock.now_ms();
    let today = format_date(calendar::wib_date(now));
    let lists: Vec<(String, i64)> = pool_lists(talent::wish_lists(&state.db.pool, &today).await?)
        .into_iter()
        .collect();
    let mut tx = state.db.begin_write().await?;
    let replaced = talent::replace(&mut tx, &lists, now, &today).await?;
    tx.commit().await?;
    let holders: i64 = lists.iter().map(|(_, holders)| holders).sum();
    Ok(if replaced {
        format!(
            "{} wish lists, {holders} card holders who name a job",
            lists.len()
        )
    } else {
        "a later count is stored; this one was dropped".to_owned()
    })
}

/// Reminds the company 90 and 30 days before a worker's permit or RPTKA ends; each reminder once (the
/// `tka_reminders` key decides, in the reminder's transaction).
pub async fn send_expiry_reminders(state: &AppState) -> Result<String, AppError> {
    let now = state.clock.now_ms();
    let today = calendar::wib_date(now);
    let horizon = format_date(today + time::Duration::days(EXPIRY_WINDOWS[0]));
    let rows = workers::reminder_candidates(&state.db.pool, &format_date(today), &horizon).await?;
    let mut sent = 0;
    for row in rows {
        for (document, end) in [("permit", &row.permit_end), ("rptka", &row.rptka_end)] {
            let Some(end_day) = parse_date(end) else {
                continue;
            };
            let days_left = (end_day - today).whole_days();
            let Some(lead) = EXPIRY_WINDOWS
                .iter()
                .copied()
                .filter(|d| (0..=*d).contains(&days_left))
                .min()
            else {
                continue;
            };
            if remind(state, &row, document, end, lead, now).await? {
                sent += 1;
            }
        }
    }
    Ok(format!("{sent} reminders"))
}

/// One reminder in its own transaction; false when it was sent before.
async fn remind(
    state: &AppState,
    row: &workers::ReminderRow,
    document: &str,
    end: &str,
    lead: i64,
    now: i64,
) -> Result<bool, AppError> {
    let mut tx = state.db.begin_write().await?;
    let claimed = workers::claim_reminder(&mut *tx, row.id, document, lead, now).await?;
    if claimed {
        let subject = format!("{} ({end})", row.name);
        notify::send(
            &mut tx,
            notify::Notice {
                account_id: row.account_id,
                message_key: if document == "permit" {
                    "notice_tka_permit_ends"
                } else {
                    "notice_tka_rptka_ends"
                },
                subject: &subject,
                link: Some("/perusahaan/tka".into()),
                now_ms: now,
                email: Some(notify::Email {
                    to: &row.email,
                    public_url: &state.config.server.public_url,
                }),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(claimed)
}
