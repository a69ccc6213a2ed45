//! The PKWT's daily jobs (run by `server::jobs`): reminders before contracts end, the end of registrations
//! and of unconfirmed bulk files, and the warning when a new minimum wage leaves registered wages below it.
use crate::{
    core::{
        calendar::{self, format_date, parse_date},
        error::AppError,
        money::Rupiah,
    },
    features::pkwt::{
        repo::minimum_wages,
        rules::{REMINDER_DAYS, compensation, minimum_wage_for},
        service,
    },
    server::{notify, state::AppState},
};

/// Reminds the company (and the worker, when they have an account) 30 and 7 days before a contract ends,
/// with the compensation due. Each reminder once: the `pkwt_reminders` key decides, in the same transaction.
pub async fn send_end_reminders(state: &AppState) -> Result<String, AppError> {
    let now = state.clock.now_ms();
    let today = calendar::wib_date(now);
    let horizon = today
        .checked_add(time::Duration::days(REMINDER_DAYS[0]))
        .unwrap_or(today);
    #[expect(clippy::type_complexity)]
    let rows: Vec<(i64, String, String, String, i64, i64, i64, String, Option<i64>)> =
        sqlx::query_as(
            "SELECT c.id, c.worker_name, c.start_date, c.end_date, c.wage_idr, c.foreign_worker, c.submitted_by, \
             a.email, s.account_id FROM pkwt_contracts c JOIN accounts a ON a.id = c.submitted_by \
             LEFT JOIN seekers s ON s.nik_hash = c.worker_id_hash \
             WHERE c.status = 'approved' AND c.ended_early = 0 AND c.end_date >= $1 AND c.end_date <= $2",
        )
        .bind(format_date(today))
        .bind(format_date(horizon))
        .fetch_all(&state.db.pool)
        .await?;
    let public_url = state.config.server.public_url.clone();
    let mut sent = 0;
    for (id, name, start, end, wage, foreign, submitted_by, email, worker) in rows {
        let (Some(start_day), Some(end_day)) = (parse_date(&start), parse_date(&end)) else {
            continue;
        };
        let days_left = (end_day - today).whole_days();
        // The nearest lead time not yet passed: 7 days inside a week, else 30.
        let Some(lead) = REMINDER_DAYS
            .iter()
            .copied()
            .filter(|d| days_left <= *d)
            .min()
        else {
            continue;
        };
        let mut tx = state.db.begin_write().await?;
        let inserted = sqlx::query(
            "INSERT INTO pkwt_reminders (contract_id, days_before, sent_at_ms) VALUES ($1, $2, $3) \
             ON CONFLICT (contract_id, days_before) DO NOTHING",
        )
        .bind(id)
        .bind(lead)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if inserted.rows_affected() == 1 {
            let due = compensation(start_day, end_day, wage, foreign == 1);
            let subject = format!("{name} ({end}; {})", due.amount);
            let key = if lead == 7 {
                "notice_pkwt_ends_7"
            } else {
                "notice_pkwt_ends_30"
            };
            notify::send(
                &mut tx,
                notify::Notice {
                    account_id: submitted_by,
                    message_key: key,
                    subject: &subject,
                    link: Some("/perusahaan/pkwt".to_owned()),
                    now_ms: now,
                    email: Some(notify::Email {
                        to: &email,
                        public_url: &public_url,
                    }),
                },
            )
            .await?;
            if let Some(worker) = worker {
                let (worker_email,): (String,) =
                    sqlx::query_as("SELECT email FROM accounts WHERE id = $1")
                        .bind(worker)
                        .fetch_one(&mut *tx)
                        .await?;
                notify::send(
                    &mut tx,
                    notify::Notice {
                        account_id: worker,
                        message_key: key,
                        subject: &subject,
                        link: Some("/akun/kontrak".to_owned()),
                        now_ms: now,
                        email: Some(notify::Email {
                            to: &worker_email,
                            public_url: &public_url,
                        }),
                    },
                )
                .await?;
            }
            sent += 1;
        }
        tx.commit().await?;
    }
    Ok(format!("{sent} reminders"))
}

/// Registrations whose end date has passed are recorded as ended; bulk files never confirmed are dropped
/// after a day (they hold personal data nobody registered).
pub async fn expire(state: &AppState) -> Result<String, AppError> {
    let now = state.clock.now_ms();
    let today = format_date(calendar::wib_date(now));
    let ended = sqlx::query(
        "UPDATE pkwt_contracts SET ended_on = end_date WHERE status = 'approved' AND ended_on IS NULL AND end_date < $1",
    )
    .bind(&today)
    .execute(&state.db.pool)
    .await?;
    let dropped = sqlx::query(
        "DELETE FROM pkwt_imports WHERE confirmed_at_ms IS NULL AND created_at_ms < $1",
    )
    .bind(now - 24 * 3_600_000)
    .execute(&state.db.pool)
    .await?;
    Ok(format!(
        "{} contracts ended, {} unconfirmed imports removed",
        ended.rows_affected(),
        dropped.rows_affected()
    ))
}

/// When the minimum wage of this year or a later one has been entered, each company with active approved
/// contracts below it is told once (in-app and by e-mail to its admins), with the count.
pub async fn warn_below_minimum_wage(state: &AppState) -> Result<String, AppError> {
    let now = state.clock.now_ms();
    let today = calendar::wib_date(now);
    let wages = minimum_wages(&state.db).await?;
    let public_url = state.config.server.public_url.clone();
    let mut warned = 0;
    for (year, amount) in wages.iter().copied().filter(|(y, _)| *y >= today.year()) {
        // Only the UMK in force for that year (a later entry for the same year replaces it).
        if minimum_wage_for(&wages, year) != Some((year, amount)) {
            continue;
        }
        let first_day = format!("{year}-01-01");
        let companies = {
            let mut conn = state.db.pool.acquire().await?;
            service::contracts_below_wage_per_company(&mut conn, amount, &first_day).await?
        };
        for (company_id, contracts) in companies {
            let mut tx = state.db.begin_write().await?;
            let inserted = sqlx::query(
                "INSERT INTO umk_warnings (company_id, year, contracts, sent_at_ms) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (company_id, year) DO NOTHING",
            )
            .bind(company_id)
            .bind(i64::from(year))
            .bind(contracts)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if inserted.rows_affected() == 1 {
                let admins: Vec<(i64, String)> = sqlx::query_as(
                    "SELECT id, email FROM accounts WHERE company_id = $1 AND company_role = 'admin' AND disabled = 0",
                )
                .bind(company_id)
                .fetch_all(&mut *tx)
                .await?;
                let subject = format!("{year}: {} — {contracts}", Rupiah(amount));
                for (account_id, email) in admins {
                    notify::send(
                        &mut tx,
                        notify::Notice {
                            account_id,
                            message_key: "notice_umk_below",
                            subject: &subject,
                            link: Some("/perusahaan/pkwt".to_owned()),
                            now_ms: now,
                            email: Some(notify::Email {
                                to: &email,
                                public_url: &public_url,
                            }),
                        },
                    )
                    .await?;
                }
                warned += 1;
            }
            tx.commit().await?;
        }
    }
    Ok(format!("{warned} companies warned"))
}
