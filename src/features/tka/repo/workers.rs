//! Foreign-worker rows: the worker with company, occupation and district names, the presence reports
//! (early leave, yearly), the expiry list and the reminder keys.
use sqlx::{Any, Executor, FromRow};

use crate::server::db::Backend;

#[derive(FromRow)]
pub struct WorkerRow {
    pub id: i64,
    pub company_name: String,
    pub name: String,
    pub passport_ciphertext: String,
    pub nationality: String,
    pub position: String,
    pub occupation: String,
    pub rptka_number: String,
    pub rptka_end: String,
    pub permit_number: String,
    pub permit_end: String,
    pub district: String,
    pub start_date: String,
    pub end_date: String,
    pub counterpart_name: String,
    pub counterpart_progress: i64,
    pub language_training: String,
    pub status: String,
    pub left_on: Option<String>,
}

const WORKER_COLUMNS: &str = "w.id, c.name AS company_name, w.name, w.passport_ciphertext, w.nationality, w.position, \
    k.name_id AS occupation, w.rptka_number, w.rptka_end, w.permit_number, w.permit_end, r.name AS district, w.start_date, \
    w.end_date, w.counterpart_name, w.counterpart_progress, w.language_training, w.status, w.left_on \
    FROM tka_workers w JOIN companies c ON c.id = w.company_id JOIN kbji_groups k ON k.code = w.occupation_code \
    JOIN regions r ON r.code = w.district_code";

/// Whether the code is a KBJI sub-major group (the level a worker's occupation is reported at).
pub async fn occupation_known(
    executor: impl Executor<'_, Database = Any>,
    code: &str,
) -> Result<bool, sqlx::Error> {
    let known: Option<(String,)> =
        sqlx::query_as("SELECT code FROM kbji_groups WHERE code = $1 AND level = 'sub_major'")
            .bind(code)
            .fetch_optional(executor)
            .await?;
    Ok(known.is_some())
}

/// The KBJI sub-major groups as (code, "code name") for the report form.
pub async fn occupations(
    executor: impl Executor<'_, Database = Any>,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT code, code || ' ' || name_id FROM kbji_groups WHERE level = 'sub_major' ORDER BY code",
    )
    .fetch_all(executor)
    .await
}

/// A worker report as stored: trimmed text, the passport and counterpart NIK encrypted and blind-indexed.
pub struct NewWorker<'a> {
    pub company_id: i64,
    pub name: &'a str,
    pub passport_ciphertext: String,
    pub passport_hash: String,
    pub nationality: &'a str,
    pub sex: &'a str,
    pub position: &'a str,
    pub occupation_code: &'a str,
    pub rptka_number: &'a str,
    pub rptka_start: &'a str,
    pub rptka_end: &'a str,
    pub permit_number: &'a str,
    pub permit_start: &'a str,
    pub permit_end: &'a str,
    pub district_code: &'a str,
    pub start_date: &'a str,
    pub end_date: &'a str,
    pub counterpart_name: &'a str,
    pub counterpart_nik_ciphertext: String,
    pub counterpart_nik_hash: String,
    pub counterpart_position: &'a str,
    pub counterpart_progress: i64,
    pub language_training: &'a str,
    pub created_by: i64,
    pub now_ms: i64,
}

/// Inserts an active worker; None when the company already reported this passport.
pub async fn insert(
    executor: impl Executor<'_, Database = Any>,
    backend: Backend,
    w: &NewWorker<'_>,
) -> Result<Option<i64>, sqlx::Error> {
    let inserted: Option<(i64,)> = sqlx::query_as(&format!(
        "INSERT INTO tka_workers (company_id, name, passport_ciphertext, passport_hash, nationality, sex, position, \
         occupation_code, rptka_number, rptka_start, rptka_end, permit_number, permit_start, permit_end, district_code, \
         start_date, end_date, counterpart_name, counterpart_nik_ciphertext, counterpart_nik_hash, counterpart_position, \
         counterpart_progress, language_training, status, created_by, created_at_ms, updated_at_ms) VALUES ($1, $2, $3, \
         $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, 'active', $24, \
         $25, $25){} RETURNING id",
        backend.insert_ignore_suffix("company_id, passport_hash")
    ))
    .bind(w.company_id)
    .bind(w.name)
    .bind(&w.passport_ciphertext)
    .bind(&w.passport_hash)
    .bind(w.nationality)
    .bind(w.sex)
    .bind(w.position)
    .bind(w.occupation_code)
    .bind(w.rptka_number)
    .bind(w.rptka_start)
    .bind(w.rptka_end)
    .bind(w.permit_number)
    .bind(w.permit_start)
    .bind(w.permit_end)
    .bind(w.district_code)
    .bind(w.start_date)
    .bind(w.end_date)
    .bind(w.counterpart_name)
    .bind(&w.counterpart_nik_ciphertext)
    .bind(&w.counterpart_nik_hash)
    .bind(w.counterpart_position)
    .bind(w.counterpart_progress)
    .bind(w.language_training)
    .bind(w.created_by)
    .bind(w.now_ms)
    .fetch_optional(executor)
    .await?;
    Ok(inserted.map(|(id,)| id))
}

/// Marks an active worker of the company as left on `left_on` (not before the start); false otherwise.
pub async fn mark_left(
    executor: impl Executor<'_, Database = Any>,
    worker_id: i64,
    company_id: i64,
    left_on: &str,
    reason: &str,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "UPDATE tka_workers SET status = 'left', left_on = $1, left_reason = $2, updated_at_ms = $3 \
         WHERE id = $4 AND company_id = $5 AND status = 'active' AND start_date <= $1",
    )
    .bind(left_on)
    .bind(reason)
    .bind(now_ms)
    .bind(worker_id)
    .bind(company_id)
    .execute(executor)
    .await?;
    Ok(changed.rows_affected() > 0)
}

/// The early-leave report of one worker.
pub async fn insert_leave_report(
    executor: impl Executor<'_, Database = Any>,
    company_id: i64,
    year: i64,
    worker_id: i64,
    submitted_by: i64,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO tka_reports (company_id, kind, year, worker_id, workers, submitted_by, submitted_at) \
         VALUES ($1, 'early_leave', $2, $3, 1, $4, $5)",
    )
    .bind(company_id)
    .bind(year)
    .bind(worker_id)
    .bind(submitted_by)
    .bind(now_ms)
    .execute(executor)
    .await?;
    Ok(())
}

pub async fn count_active(
    executor: impl Executor<'_, Database = Any>,
    company_id: i64,
) -> Result<i64, sqlx::Error> {
    let (workers,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM tka_workers WHERE company_id = $1 AND status = 'active'",
    )
    .bind(company_id)
    .fetch_one(executor)
    .await?;
    Ok(workers)
}

/// The yearly report; None when the company already sent this year's.
pub async fn insert_yearly_report(
    executor: impl Executor<'_, Database = Any>,
    company_id: i64,
    year: i64,
    workers: i64,
    submitted_by: i64,
    now_ms: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let inserted: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO tka_reports (company_id, kind, year, workers, submitted_by, submitted_at) \
         VALUES ($1, 'yearly', $2, $3, $4, $5) ON CONFLICT (company_id, year) WHERE kind = 'yearly' DO NOTHING RETURNING id",
    )
    .bind(company_id)
    .bind(year)
    .bind(workers)
    .bind(submitted_by)
    .bind(now_ms)
    .fetch_optional(executor)
    .await?;
    Ok(inserted.map(|(id,)| id))
}

pub async fn yearly_report_sent(
    executor: impl Executor<'_, Database = Any>,
    company_id: i64,
    year: i64,
) -> Result<bool, sqlx::Error> {
    let sent: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM tka_reports WHERE company_id = $1 AND kind = 'yearly' AND year = $2",
    )
    .bind(company_id)
    .bind(year)
    .fetch_optional(executor)
    .await?;
    Ok(sent.is_some())
}

/// The company's workers: active first, soonest permit end first.
pub async fn of_company(
    executor: impl Executor<'_, Database = Any>,
    company_id: i64,
) -> Result<Vec<WorkerRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {WORKER_COLUMNS} WHERE w.company_id = $1 ORDER BY w.status, w.permit_end, w.id LIMIT 500"
    ))
    .bind(company_id)
    .fetch_all(executor)
    .await
}

/// The company's RPTKAs with their active workers.
pub async fn active_rptkas(
    executor: impl Executor<'_, Database = Any>,
    company_id: i64,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT rptka_number, COUNT(*) FROM tka_workers WHERE company_id = $1 AND status = 'active' \
         GROUP BY rptka_number ORDER BY rptka_number",
    )
    .bind(company_id)
    .fetch_all(executor)
    .await
}

/// Whether the company reported any worker under the RPTKA.
pub async fn rptka_reported(
    executor: impl Executor<'_, Database = Any>,
    company_id: i64,
    rptka: &str,
) -> Result<bool, sqlx::Error> {
    let reported: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM tka_workers WHERE company_id = $1 AND rptka_number = $2 LIMIT 1",
    )
    .bind(company_id)
    .bind(rptka)
    .fetch_optional(executor)
    .await?;
    Ok(reported.is_some())
}

/// Active workers whose permit or RPTKA ends by `horizon`, soonest first.
pub async fn expiring(
    executor: impl Executor<'_, Database = Any>,
    horizon: &str,
) -> Result<Vec<WorkerRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {WORKER_COLUMNS} WHERE w.status = 'active' AND (w.permit_end <= $1 OR w.rptka_end <= $1) \
         ORDER BY CASE WHEN w.permit_end < w.rptka_end THEN w.permit_end ELSE w.rptka_end END LIMIT 200"
    ))
    .bind(horizon)
    .fetch_all(executor)
    .await
}

/// An active worker with a document ending between today and the horizon, and who reported them.
pub struct ReminderRow {
    pub id: i64,
    pub name: String,
    pub permit_end: String,
    pub rptka_end: String,
    pub account_id: i64,
    pub email: String,
}

pub async fn reminder_candidates(
    executor: impl Executor<'_, Database = Any>,
    today: &str,
    horizon: &str,
) -> Result<Vec<ReminderRow>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String, i64, String)> = sqlx::query_as(
        "SELECT w.id, w.name, w.permit_end, w.rptka_end, w.created_by, a.email FROM tka_workers w \
         JOIN accounts a ON a.id = w.created_by WHERE w.status = 'active' AND (w.permit_end <= $1 OR w.rptka_end <= $1) \
         AND (w.permit_end >= $2 OR w.rptka_end >= $2)",
    )
    .bind(horizon)
    .bind(today)
    .fetch_all(executor)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, name, permit_end, rptka_end, account_id, email)| ReminderRow {
                id,
                name,
                permit_end,
                rptka_end,
                account_id,
                email,
            },
        )
        .collect())
}

/// Takes the reminder's key; false when this reminder was sent before.
pub async fn claim_reminder(
    executor: impl Executor<'_, Database = Any>,
    worker_id: i64,
    document: &str,
    days_before: i64,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query(
        "INSERT INTO tka_reminders (worker_id, document, days_before, sent_at_ms) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (worker_id, document, days_before) DO NOTHING",
    )
    .bind(worker_id)
    .bind(document)
    .bind(days_before)
    .bind(now_ms)
    .execute(executor)
    .await?;
    Ok(inserted.rows_affected() == 1)
}
