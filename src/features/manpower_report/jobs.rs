//! Reminders of the manpower report's due dates (UU 7/1981): each company's admins are told 30 days before
//! its next report falls due and again once it is overdue; each reminder goes out once per due date
//! (`notify::send_once`), so a re-run or a second instance sends nothing twice.
use time::Duration;

use crate::{
    core::{
        calendar::{format_date, wib_date},
        error::AppError,
    },
    features::manpower_report::rules::next_due,
    server::{
        notify::{self, Email, Notice},
        state::AppState,
    },
};

/// How long before the due date the first reminder goes out.
const AHEAD_DAYS: i64 = 30;
const LINK: &str = "/perusahaan/laporan-ketenagakerjaan";

/// A verified company: id, first known (ms), its latest report (ms), if any.
type CompanyDue = (i64, i64, Option<i64>);

/// One pass: every verified company whose report is due within 30 days or overdue.
pub async fn send_due_reminders(state: &AppState) -> Result<String, AppError> {
    let now = state.clock.now_ms();
    let today = wib_date(now);
    let companies: Vec<CompanyDue> = sqlx::query_as(
        "SELECT c.id, c.created_at_ms, (SELECT MAX(r.submitted_at_ms) FROM manpower_reports r WHERE r.company_id = c.id) \
         FROM companies c WHERE c.verified = 1 ORDER BY c.id",
    )
    .fetch_all(&state.db.pool)
    .await?;
    let public_url = state.config.server.public_url.clone();
    let mut sent = 0;
    for (company_id, known_ms, last_ms) in companies {
        let due = next_due(wib_date(known_ms), last_ms.map(wib_date));
        let (key, period) = if today > due {
            ("notice_wlkp_overdue", format!("overdue:{due}"))
        } else if today + Duration::days(AHEAD_DAYS) >= due {
            ("notice_wlkp_due", format!("due:{due}"))
        } else {
            continue;
        };
        let admins: Vec<(i64, String)> = sqlx::query_as(
            "SELECT id, email FROM accounts WHERE company_id = $1 AND company_role = 'admin' AND disabled = 0 ORDER BY id",
        )
        .bind(company_id)
        .fetch_all(&state.db.pool)
        .await?;
        let subject = format_date(due);
        let mut tx = state.db.begin_write().await?;
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
            if notify::send_once(&mut tx, "wlkp_due", &period, notice, &[]).await? {
                sent += 1;
            }
        }
        tx.commit().await?;
    }
    Ok(format!("{sent} manpower report reminders"))
}
