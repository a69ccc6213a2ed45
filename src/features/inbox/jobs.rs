//! The automation jobs (listed in `wiring::jobs()`): each a daily pass that writes notices through
//! `notify::send_once`, keyed by job, recipient and period, so a rerun (or another instance) sends nothing
//! twice. Other features' data comes from their `service.rs` read functions.
use time::Date;

use crate::{
    core::{
        calendar::{format_date, parse_date, wib_date},
        error::AppError,
        i18n::Lang,
        money::Rupiah,
        text::format_wib,
    },
    features::{
        ak1, pkwt,
        pkwt::rules::{compensation, minimum_wage_for},
        statistics::{self, clock::Service, model::OverdueItem},
        tka,
    },
    server::{
        notify::{self, Email, Notice},
        state::AppState,
    },
};

/// Days ahead an AK-1 card's expiry is announced, and a levy bill's period start.
pub const AK1_EXPIRY_LEAD_DAYS: i64 = 30;
pub const DKPTKA_DUE_LEAD_DAYS: i64 = 14;

fn today(state: &AppState) -> (i64, Date) {
    let now = state.clock.now_ms();
    (now, wib_date(now))
}

fn plus_days(day: Date, days: i64) -> Date {
    day.checked_add(time::Duration::days(days)).unwrap_or(day)
}

/// `YYYY-MM`, the period of the monthly jobs.
pub fn month_of(day: Date) -> String {
    format!("{:04}-{:02}", day.year(), u8::from(day.month()))
}

/// The first and last day of the day's month.
pub fn month_bounds(day: Date) -> (Date, Date) {
    let first = day.replace_day(1).unwrap_or(day);
    let last = day
        .replace_day(day.month().length(day.year()))
        .unwrap_or(day);
    (first, last)
}

/// One recipient: account and e-mail (disabled accounts are never notified).
type Recipient = (i64, String);

async fn account(
    conn: &mut sqlx::AnyConnection,
    id: i64,
) -> Result<Option<Recipient>, sqlx::Error> {
    sqlx::query_as("SELECT id, email FROM accounts WHERE id = $1 AND disabled = 0")
        .bind(id)
        .fetch_optional(conn)
        .await
}

async fn company_admins(
    conn: &mut sqlx::AnyConnection,
    company_id: i64,
) -> Result<Vec<Recipient>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, email FROM accounts WHERE company_id = $1 AND company_role = 'admin' AND disabled = 0 ORDER BY id",
    )
    .bind(company_id)
    .fetch_all(conn)
    .await
}

/// Enabled staff accounts of one role (`officer`, or `admin`: the heads of office).
async fn staff_with_role(
    conn: &mut sqlx::AnyConnection,
    role: &str,
) -> Result<Vec<Recipient>, sqlx::Error> {
    sqlx::query_as("SELECT id, email FROM accounts WHERE role = $1 AND disabled = 0 ORDER BY id")
        .bind(role)
        .fetch_all(conn)
        .await
}

/// What one notice of a job says, to whom and for which period.
struct Outgoing<'a> {
    job: &'a str,
    period: &'a str,
    key: &'static str,
    subject: &'a str,
    link: &'a str,
    extra: &'a [(&'a str, String)],
}

/// Sends one job notice to each recipient in one transaction; returns how many went out now.
async fn send_each(
    state: &AppState,
    recipients: &[Recipient],
    out: &Outgoing<'_>,
) -> Result<usize, AppError> {
    let now = state.clock.now_ms();
    let public_url = state.config.server.public_url.clone();
    let mut tx = state.db.begin_write().await?;
    let mut sent = 0;
    for (account_id, email) in recipients {
        let notice = Notice {
            account_id: *account_id,
            message_key: out.key,
            subject: out.subject,
            link: Some(out.link.to_owned()),
            now_ms: now,
            email: Some(Email {
                to: email,
                public_url: &public_url,
            }),
        };
        if notify::send_once(&mut tx, out.job, out.period, notice, out.extra).await? {
            sent += 1;
        }
    }
    tx.commit().await?;
    Ok(sent)
}

/// Seekers whose AK-1 card ends within 30 days are told once per card (the period is its end date).
pub async fn ak1_expiry_notices(state: &AppState) -> Result<String, AppError> {
    let (_, day) = today(state);
    let mut conn = state.db.pool.acquire().await?;
    let from = format_date(day);
    let to = format_date(plus_days(day, AK1_EXPIRY_LEAD_DAYS));
    let cards = ak1::service::cards_expiring(&mut conn, &from, &to).await?;
    let mut sent = 0;
    for (account_id, valid_until) in cards {
        let Some(recipient) = account(&mut conn, account_id).await? else {
            continue;
        };
        let out = Outgoing {
            job: "ak1_expiry",
            period: &valid_until,
            key: "notice_ak1_card_expires",
            subject: &valid_until,
            link: "/akun/profil",
            extra: &[],
        };
        sent += send_each(state, &[recipient], &out).await?;
    }
    Ok(format!("{sent} AK-1 expiry notices"))
}

/// Company admins are told once per unpaid levy bill whose period starts within 14 days (or has started).
pub async fn dkptka_payment_due(state: &AppState) -> Result<String, AppError> {
    let (_, day) = today(state);
    let mut conn = state.db.pool.acquire().await?;
    let by = format_date(plus_days(day, DKPTKA_DUE_LEAD_DAYS));
    let bills = tka::service::unpaid_bills_starting_by(&mut conn, &by).await?;
    let mut sent = 0;
    for bill in bills {
        let admins = company_admins(&mut conn, bill.company_id).await?;
        let subject = format!(
            "{} ({}; {})",
            bill.bill_number,
            bill.period_start,
            Rupiah(bill.amount_idr)
        );
        let period = bill.id.to_string();
        let out = Outgoing {
            job: "dkptka_due",
            period: &period,
            key: "notice_dkptka_payment_due",
            subject: &subject,
            link: "/perusahaan/tka",
            extra: &[],
        };
        sent += send_each(state, &admins, &out).await?;
    }
    Ok(format!("{sent} DKPTKA payment notices"))
}

/// The queues holding items past their deadline, the longest overdue first: (service, how many, the
/// oldest submission). `items` come sorted by deadline, so a queue's first item fixes its place.
pub fn breached_queues(items: &[OverdueItem]) -> Vec<(Service, usize, i64)> {
    let mut queues: Vec<(Service, usize, i64)> = Vec::new();
    for item in items {
        let Some(service) = Service::parse(&item.service) else {
            continue;
        };
        match queues.iter_mut().find(|q| q.0 == service) {
            Some(queue) => {
                queue.1 += 1;
                queue.2 = queue.2.min(item.submitted_at_ms);
            }
            None => queues.push((service, 1, item.submitted_at_ms)),
        }
    }
    queues
}

/// Once a day, when any queue of the service dashboard (AK-1, company verification, vacancy moderation,
/// PKWT, DKPTKA, requests, complaints) holds items past their clock — one working day or the legal clock,
/// as `statistics::service::overdue_items` counts them — the officers are told, and the admins as heads of
/// office (the portal has no separate head-of-office role) get their own alert.
pub async fn service_breaches(state: &AppState) -> Result<String, AppError> {
    let (now, day) = today(state);
    let overdue = statistics::service::overdue_items(&state.db, now).await?;
    let queues = breached_queues(&overdue);
    let Some((first, ..)) = queues.first().copied() else {
        return Ok("no queue past its deadline".to_owned());
    };
    let names = Lang::Id.strings();
    let subject = queues
        .iter()
        .map(|(service, n, oldest)| {
            let name = names.lookup(service.key()).unwrap_or(service.slug());
            format!("{name} {n} ({})", format_wib(*oldest))
        })
        .collect::<Vec<_>>()
        .join("; ");
    let (officers, heads) = {
        let mut conn = state.db.pool.acquire().await?;
        (
            staff_with_role(&mut conn, "officer").await?,
            staff_with_role(&mut conn, "admin").await?,
        )
    };
    let period = format_date(day);
    let mut out = Outgoing {
        job: "service_breach",
        period: &period,
        key: "notice_service_breach",
        subject: &subject,
        link: first.href(),
        extra: &[],
    };
    let sent = send_each(state, &officers, &out).await?;
    out.job = "service_breach_head";
    out.key = "notice_service_breach_head";
    let told = send_each(state, &heads, &out).await?;
    Ok(format!(
        "{sent} breach notices to officers, {told} to heads of office"
    ))
}

/// Per company (id → PKWT ending, permits ending, unpaid bills) this month.
type Due = std::collections::BTreeMap<i64, [i64; 3]>;

async fn due_this_month(conn: &mut sqlx::AnyConnection, day: Date) -> Result<Due, sqlx::Error> {
    let (first, last) = month_bounds(day);
    let (first, last) = (format_date(first), format_date(last));
    let mut due = Due::new();
    let lists = [
        pkwt::service::contracts_ending_per_company(conn, &first, &last).await?,
        tka::service::permits_ending_per_company(conn, &first, &last).await?,
        tka::service::unpaid_bills_per_company(conn).await?,
    ];
    for (slot, list) in lists.into_iter().enumerate() {
        for (company_id, count) in list {
            due.entry(company_id).or_default()[slot] = count;
        }
    }
    Ok(due)
}

/// Company admins get one digest a month of what falls due (contracts ending, permits ending, unpaid
/// levy bills); a company with nothing due gets none.
pub async fn company_digest(state: &AppState) -> Result<String, AppError> {
    let (_, day) = today(state);
    let mut conn = state.db.pool.acquire().await?;
    let period = month_of(day);
    let mut sent = 0;
    for (company_id, [contracts, permits, bills]) in due_this_month(&mut conn, day).await? {
        let admins = company_admins(&mut conn, company_id).await?;
        let subject = format!("PKWT {contracts} · TKA {permits} · DKPTKA {bills}");
        let out = Outgoing {
            job: "company_digest",
            period: &period,
            key: "notice_digest_company",
            subject: &subject,
            link: "/perusahaan",
            extra: &[],
        };
        sent += send_each(state, &admins, &out).await?;
    }
    Ok(format!("{sent} company digests"))
}

/// The monthly income notice's figures: the registered wage, the UMK in force this year (if entered) and
/// the PKWT compensation accrued from the start to `day`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncomeFigures {
    pub wage: Rupiah,
    pub umk: Option<(i32, Rupiah)>,
    pub accrued: Rupiah,
}

pub fn income_figures(
    start: Date,
    day: Date,
    wage_idr: i64,
    foreign: bool,
    minimum_wages: &[(i32, i64)],
) -> IncomeFigures {
    IncomeFigures {
        wage: Rupiah(wage_idr),
        umk: minimum_wage_for(minimum_wages, day.year())
            .map(|(year, amount)| (year, Rupiah(amount))),
        accrued: compensation(start, day, wage_idr, foreign).amount,
    }
}

/// Each month, every worker with a registered contract in force (and an account) sees its wage, the UMK in
/// force and the compensation accrued so far; once per contract and month.
pub async fn monthly_income(state: &AppState) -> Result<String, AppError> {
    let (_, day) = today(state);
    let mut conn = state.db.pool.acquire().await?;
    let wages = pkwt::service::minimum_wages(&state.db).await?;
    let contracts =
        pkwt::service::contracts_in_force_with_accounts(&mut conn, &format_date(day)).await?;
    let month = month_of(day);
    let mut sent = 0;
    for contract in contracts {
        let (Some(start), Some(recipient)) = (
            parse_date(&contract.start_date),
            account(&mut conn, contract.worker_account_id).await?,
        ) else {
            continue;
        };
        let figures = income_figures(
            start,
            day,
            contract.wage_idr,
            contract.foreign_worker == 1,
            &wages,
        );
        let (year, umk) = figures
            .umk
            .map_or(("-".to_owned(), "-".to_owned()), |(y, a)| {
                (y.to_string(), a.to_string())
            });
        let extra = [
            ("wage", figures.wage.to_string()),
            ("year", year),
            ("umk", umk),
            ("compensation", figures.accrued.to_string()),
            ("today", format_date(day)),
        ];
        let subject = format!("{} — {}", contract.company_name, contract.position);
        let period = format!("{month}#{}", contract.contract_id);
        let out = Outgoing {
            job: "monthly_income",
            period: &period,
            key: "notice_income_monthly",
            subject: &subject,
            link: "/akun/kontrak",
            extra: &extra,
        };
        sent += send_each(state, &[recipient], &out).await?;
    }
    Ok(format!("{sent} income notices"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const WAGES: [(i32, i64); 2] = [(2025, 4_900_000), (2026, 5_210_377)];

    #[test]
    fn income_figures_use_the_umk_of_the_year_and_accrue_compensation() {
        let f = income_figures(
            date!(2026 - 01 - 01),
            date!(2026 - 06 - 30),
            6_000_000,
            false,
            &WAGES,
        );
        assert_eq!(f.wage, Rupiah(6_000_000));
        assert_eq!(f.umk, Some((2026, Rupiah(5_210_377))));
        // Six months served: 6/12 of a month's wage.
        assert_eq!(f.accrued, Rupiah(3_000_000));
    }

    #[test]
    fn no_compensation_before_a_month_or_for_foreign_workers_and_no_umk_before_any() {
        let short = income_figures(
            date!(2026 - 06 - 20),
            date!(2026 - 07 - 01),
            6_000_000,
            false,
            &WAGES,
        );
        assert_eq!(short.accrued, Rupiah(0));
        let foreign = income_figures(
            date!(2025 - 01 - 01),
            date!(2026 - 07 - 01),
            9_000_000,
            true,
            &WAGES,
        );
        assert_eq!(foreign.accrued, Rupiah(0));
        let early = income_figures(
            date!(2024 - 01 - 01),
            date!(2024 - 07 - 01),
            4_000_000,
            false,
            &WAGES,
        );
        assert_eq!(early.umk, None);
    }

    #[test]
    fn months_and_their_bounds() {
        assert_eq!(month_of(date!(2026 - 02 - 14)), "2026-02");
        assert_eq!(
            month_bounds(date!(2028 - 02 - 14)),
            (date!(2028 - 02 - 01), date!(2028 - 02 - 29))
        );
    }
}
