//! Reminders of the manpower report's due dates (UU 7/1981), the daily job `wlkp_due_reminders`: each
//! company's admins are told 30 days before its yearly (or founding) report falls due and again once it is
//! overdue, and 30 days before each due date a declared move, closing or reopening sets (`events.rs`).
//! Each reminder goes out once per due date (`notify::send_once`), so a re-run or a second instance sends
//! nothing twice; a report that meets a due date ends its reminders.
use time::{Date, Duration};

use crate::{
    core::{
        calendar::{format_date, wib_date},
        error::AppError,
    },
    features::manpower_report::{
        dues::company_dues, events::trigger_name, repo::Scope, rules::Trigger,
    },
    server::{
        notify::{self, Email, Notice},
        state::AppState,
    },
};

/// How long before the due date the first reminder goes out.
const AHEAD_DAYS: i64 = 30;
const LINK: &str = "/perusahaan/laporan-ketenagakerjaan";

/// The reminder a due date calls for today, if any: (message key, period of `notice_once`).
pub fn reminder(trigger: Trigger, due: Date, today: Date) -> Option<(&'static str, String)> {
    let yearly = matches!(trigger, Trigger::Yearly(_) | Trigger::Founded(_));
    if yearly && today > due {
        return Some(("notice_wlkp_overdue", format!("overdue:{due}")));
    }
    if today + Duration::days(AHEAD_DAYS) < due {
        return None;
    }
    let key = match trigger {
        Trigger::Yearly(_) | Trigger::Founded(_) => {
            return Some(("notice_wlkp_due", format!("due:{due}")));
        }
        Trigger::Closing(_) => "notice_wlkp_closing",
        Trigger::MovingOut(_) => "notice_wlkp_moving_out",
        Trigger::Moved(_) => "notice_wlkp_moved",
        Trigger::Reopened(_) => "notice_wlkp_reopened",
    };
    Some((key, format!("{}:{due}", trigger_name(trigger))))
}

/// One pass over every verified company's open due dates.
pub async fn send_due_reminders(state: &AppState) -> Result<String, AppError> {
    let now = state.clock.now_ms();
    let today = wib_date(now);
    let all = {
        let mut conn = state.db.pool.acquire().await?;
        company_dues(
            &mut conn,
            today,
            Scope::All {
                verified_only: true,
            },
        )
        .await?
    };
    let public_url = state.config.server.public_url.clone();
    let mut sent = 0;
    for company in all {
        let due_now: Vec<(&'static str, String, Date)> = company
            .dues
            .iter()
            .filter_map(|(trigger, due)| {
                reminder(*trigger, *due, today).map(|(key, period)| (key, period, *due))
            })
            .collect();
        if due_now.is_empty() {
            continue;
        }
        let admins: Vec<(i64, String)> = sqlx::query_as(
            "SELECT id, email FROM accounts WHERE company_id = $1 AND company_role = 'admin' AND disabled = 0 ORDER BY id",
        )
        .bind(company.company_id)
        .fetch_all(&state.db.pool)
        .await?;
        let mut tx = state.db.begin_write().await?;
        for (key, period, due) in &due_now {
            let subject = format_date(*due);
            for (account_id, email) in &admins {
                let notice = Notice {
                    account_id: *account_id,
                    message_key: key,
                    subject: &subject,
                    link: Some(LINK.to_owned()),
                    now_ms: now,
                    email: Some(Email {
                        to: email,
                        public_url: &public_url,
                    }),
                };
                if notify::send_once(&mut tx, "wlkp_due", period, notice, &[]).await? {
                    sent += 1;
                }
            }
        }
        tx.commit().await?;
    }
    Ok(format!("{sent} manpower report reminders"))
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn reminders_by_due_date() {
        let yearly = Trigger::Yearly(date!(2026 - 01 - 10));
        let due = date!(2027 - 01 - 10);
        assert_eq!(reminder(yearly, due, date!(2026 - 12 - 10)), None);
        assert_eq!(
            reminder(yearly, due, date!(2026 - 12 - 11)).map(|r| r.0),
            Some("notice_wlkp_due")
        );
        assert_eq!(
            reminder(yearly, due, date!(2027 - 01 - 11)).map(|r| r.1),
            Some("overdue:2027-01-10".into())
        );
        let closing = Trigger::Closing(date!(2026 - 07 - 11));
        assert_eq!(
            reminder(closing, date!(2026 - 06 - 11), date!(2026 - 06 - 01)),
            Some(("notice_wlkp_closing", "closing:2026-06-11".into()))
        );
        // An event's due date past: the same reminder (once), not a second kind.
        assert_eq!(
            reminder(closing, date!(2026 - 06 - 11), date!(2026 - 06 - 20)).map(|r| r.0),
            Some("notice_wlkp_closing")
        );
    }
}
