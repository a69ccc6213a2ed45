//! DKPTKA bill rows: the bill with its company's name, the yearly gapless numbers, the per-RPTKA lock,
//! and the guarded status changes (each UPDATE names the statuses it may leave).
use sqlx::{Any, AnyConnection, Executor, FromRow};

use crate::features::tka::model::BillStatus;

#[derive(FromRow)]
pub struct BillRow {
    pub id: i64,
    pub company_id: i64,
    pub company_name: String,
    pub bill_number: String,
    pub rptka_number: String,
    pub period_start: String,
    pub period_end: String,
    pub positions: i64,
    pub months: i64,
    pub amount_usd_cents: i64,
    pub rate_hundredths: i64,
    pub rate_date: String,
    pub rate_source: String,
    pub amount_idr: i64,
    pub status: String,
    pub payment_reference: Option<String>,
    pub paid_on: Option<String>,
    pub proof_key: Option<String>,
    pub officer_note: Option<String>,
    pub due_at_ms: Option<i64>,
    pub decided_at_ms: Option<i64>,
    pub verification_code: Option<String>,
}

const BILL_COLUMNS: &str = "b.id, b.company_id, c.name AS company_name, b.bill_number, b.rptka_number, b.period_start, \
    b.period_end, b.positions, b.months, b.amount_usd_cents, b.rate_hundredths, b.rate_date, b.rate_source, b.amount_idr, \
    b.status, b.payment_reference, b.paid_on, b.proof_key, b.officer_note, b.due_at_ms, b.decided_at_ms, \
    b.verification_code FROM dkptka_bills b JOIN companies c ON c.id = b.company_id";

pub async fn by_id(
    executor: impl Executor<'_, Database = Any>,
    id: i64,
) -> Result<Option<BillRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {BILL_COLUMNS} WHERE b.id = $1"))
        .bind(id)
        .fetch_optional(executor)
        .await
}

/// The company's bills, newest first.
pub async fn of_company(
    executor: impl Executor<'_, Database = Any>,
    company_id: i64,
) -> Result<Vec<BillRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {BILL_COLUMNS} WHERE b.company_id = $1 ORDER BY b.created_at_ms DESC, b.id DESC LIMIT 200"
    ))
    .bind(company_id)
    .fetch_all(executor)
    .await
}

/// The officer's queue: submitted payments, oldest first.
pub async fn submitted(
    executor: impl Executor<'_, Database = Any>,
) -> Result<Vec<BillRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {BILL_COLUMNS} WHERE b.status = 'submitted' ORDER BY b.submitted_at_ms, b.id LIMIT 100"
    ))
    .fetch_all(executor)
    .await
}

/// How many payments wait for the officer, and how many of them are past their one-working-day deadline.
pub async fn queue_counts(
    executor: impl Executor<'_, Database = Any>,
    now_ms: i64,
) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT COUNT(*), COUNT(CASE WHEN due_at_ms < $1 THEN 1 END) FROM dkptka_bills WHERE status = 'submitted'",
    )
    .bind(now_ms)
    .fetch_one(executor)
    .await
}

/// The validated bill behind a receipt's verification code.
pub async fn validated_by_code(
    executor: impl Executor<'_, Database = Any>,
    code: &str,
) -> Result<Option<BillRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {BILL_COLUMNS} WHERE b.verification_code = $1 AND b.status = 'validated'"
    ))
    .bind(code)
    .fetch_optional(executor)
    .await
}

/// The next number of the year, gapless: `DKPTKA/3603/2026/000001`.
pub async fn next_number(conn: &mut AnyConnection, year: i32) -> Result<String, sqlx::Error> {
    let (serial,): (i64,) = sqlx::query_as(
        "INSERT INTO dkptka_number_counters (year, last_serial) VALUES ($1, 1) \
         ON CONFLICT (year) DO UPDATE SET last_serial = dkptka_number_counters.last_serial + 1 RETURNING last_serial",
    )
    .bind(i64::from(year))
    .fetch_one(conn)
    .await?;
    Ok(format!("DKPTKA/3603/{year}/{serial:06}"))
}

/// Counts a bill against the RPTKA. As the transaction's first write it locks this RPTKA's row: bills of
/// one RPTKA are made one at a time.
pub async fn lock_rptka(
    executor: impl Executor<'_, Database = Any>,
    company_id: i64,
    rptka: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO dkptka_rptkas (company_id, rptka_number, bills) VALUES ($1, $2, 1) \
         ON CONFLICT (company_id, rptka_number) DO UPDATE SET bills = dkptka_rptkas.bills + 1",
    )
    .bind(company_id)
    .bind(rptka)
    .execute(executor)
    .await?;
    Ok(())
}

/// The number of a live bill of the RPTKA whose period overlaps `start..=end` (dates as text).
pub async fn overlapping(
    executor: impl Executor<'_, Database = Any>,
    company_id: i64,
    rptka: &str,
    start: &str,
    end: &str,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT bill_number FROM dkptka_bills WHERE company_id = $1 AND rptka_number = $2 AND status <> 'cancelled' \
         AND period_start <= $3 AND period_end >= $4 LIMIT 1",
    )
    .bind(company_id)
    .bind(rptka)
    .bind(end)
    .bind(start)
    .fetch_optional(executor)
    .await?;
    Ok(row.map(|(number,)| number))
}

pub struct NewBill<'a> {
    pub company_id: i64,
    pub bill_number: &'a str,
    pub rptka_number: &'a str,
    pub period_start: String,
    pub period_end: String,
    pub positions: i64,
    pub months: i64,
    pub amount_usd_cents: i64,
    pub rate_hundredths: i64,
    pub rate_date: String,
    pub rate_source: &'a str,
    pub amount_idr: i64,
    pub created_by: i64,
    pub now_ms: i64,
}

/// Inserts an unpaid bill; returns its id.
pub async fn insert(
    executor: impl Executor<'_, Database = Any>,
    bill: &NewBill<'_>,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO dkptka_bills (company_id, bill_number, rptka_number, period_start, period_end, positions, months, \
         amount_usd_cents, rate_hundredths, rate_date, rate_source, amount_idr, status, created_by, created_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'unpaid', $13, $14) RETURNING id",
    )
    .bind(bill.company_id)
    .bind(bill.bill_number)
    .bind(bill.rptka_number)
    .bind(&bill.period_start)
    .bind(&bill.period_end)
    .bind(bill.positions)
    .bind(bill.months)
    .bind(bill.amount_usd_cents)
    .bind(bill.rate_hundredths)
    .bind(&bill.rate_date)
    .bind(bill.rate_source)
    .bind(bill.amount_idr)
    .bind(bill.created_by)
    .bind(bill.now_ms)
    .fetch_one(executor)
    .await?;
    Ok(id)
}

/// Withdraws an unpaid or rejected bill of the company; false when there is none.
pub async fn cancel(
    executor: impl Executor<'_, Database = Any>,
    bill_id: i64,
    company_id: i64,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "UPDATE dkptka_bills SET status = 'cancelled' WHERE id = $1 AND company_id = $2 AND status IN ('unpaid', 'rejected')",
    )
    .bind(bill_id)
    .bind(company_id)
    .execute(executor)
    .await?;
    Ok(changed.rows_affected() > 0)
}

pub struct Payment<'a> {
    pub bill_id: i64,
    pub company_id: i64,
    pub payment_reference: &'a str,
    pub paid_on: String,
    pub rate_hundredths: i64,
    pub rate_source: &'a str,
    pub amount_idr: i64,
    pub proof_key: &'a str,
    pub submitted_at_ms: i64,
    pub due_at_ms: i64,
}

/// Records the payment of an unpaid or rejected bill (the rate's date is the payment's); false when the
/// bill is in neither status.
pub async fn record_payment(
    executor: impl Executor<'_, Database = Any>,
    payment: &Payment<'_>,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "UPDATE dkptka_bills SET status = 'submitted', payment_reference = $1, paid_on = $2, rate_hundredths = $3, \
         rate_date = $2, rate_source = $4, amount_idr = $5, proof_key = $6, submitted_at_ms = $7, due_at_ms = $8, \
         officer_note = NULL WHERE id = $9 AND company_id = $10 AND status IN ('unpaid', 'rejected')",
    )
    .bind(payment.payment_reference)
    .bind(&payment.paid_on)
    .bind(payment.rate_hundredths)
    .bind(payment.rate_source)
    .bind(payment.amount_idr)
    .bind(payment.proof_key)
    .bind(payment.submitted_at_ms)
    .bind(payment.due_at_ms)
    .bind(payment.bill_id)
    .bind(payment.company_id)
    .execute(executor)
    .await?;
    Ok(changed.rows_affected() > 0)
}

pub struct Verdict {
    pub bill_id: i64,
    pub status: BillStatus,
    pub officer_note: Option<String>,
    pub decided_by: i64,
    pub decided_at_ms: i64,
    pub verification_code: Option<String>,
}

/// Decides a submitted bill; false when it is no longer submitted.
pub async fn decide(
    executor: impl Executor<'_, Database = Any>,
    verdict: &Verdict,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "UPDATE dkptka_bills SET status = $1, officer_note = $2, decided_by = $3, decided_at_ms = $4, \
         verification_code = $5 WHERE id = $6 AND status = 'submitted'",
    )
    .bind(verdict.status.as_str())
    .bind(verdict.officer_note.as_deref())
    .bind(verdict.decided_by)
    .bind(verdict.decided_at_ms)
    .bind(verdict.verification_code.as_deref())
    .bind(verdict.bill_id)
    .execute(executor)
    .await?;
    Ok(changed.rows_affected() > 0)
}

/// Who made the bill: its number, the account's id and e-mail.
pub async fn creator(
    executor: impl Executor<'_, Database = Any>,
    bill_id: i64,
) -> Result<(String, i64, String), sqlx::Error> {
    sqlx::query_as(
        "SELECT b.bill_number, b.created_by, a.email FROM dkptka_bills b JOIN accounts a ON a.id = b.created_by WHERE b.id = $1",
    )
    .bind(bill_id)
    .fetch_one(executor)
    .await
}
