//! Foreign workers on the server: the company's presence report (one worker at a time), early leaving, the
//! yearly report, the company's page, the expiry list, the statistics and the daily expiry reminders.
use sqlx::FromRow;

use crate::{
    core::{
        calendar::{self, format_date, parse_date},
        error::AppError,
        money::Rupiah,
    },
    features::{
        tka::{
            levy,
            model::{CompanyTka, Count, EXPIRY_WINDOWS, LevyMonth, TkaStatistics, WorkerView},
            rules::{WorkerForm, mask_passport, normalize_passport},
        },
        vacancies::service::company_of,
    },
    server::{audit, authz::RequestCtx, db::Db, error::internal, notify, state::AppState},
};

#[derive(FromRow)]
struct WorkerRow {
    id: i64,
    company_name: String,
    name: String,
    passport_ciphertext: String,
    nationality: String,
    position: String,
    occupation: String,
    rptka_number: String,
    rptka_end: String,
    permit_number: String,
    permit_end: String,
    district: String,
    start_date: String,
    end_date: String,
    counterpart_name: String,
    counterpart_progress: i64,
    language_training: String,
    status: String,
    left_on: Option<String>,
}

const WORKER_COLUMNS: &str = "w.id, c.name AS company_name, w.name, w.passport_ciphertext, w.nationality, w.position, \
    k.name_id AS occupation, w.rptka_number, w.rptka_end, w.permit_number, w.permit_end, r.name AS district, w.start_date, \
    w.end_date, w.counterpart_name, w.counterpart_progress, w.language_training, w.status, w.left_on \
    FROM tka_workers w JOIN companies c ON c.id = w.company_id JOIN kbji_groups k ON k.code = w.occupation_code \
    JOIN regions r ON r.code = w.district_code";

fn view(ctx: &RequestCtx, row: WorkerRow, today: time::Date) -> Result<WorkerView, AppError> {
    let passport = ctx
        .state
        .pii
        .decrypt(&row.passport_ciphertext)
        .map_err(|_| internal("passport decryption failed"))?;
    let soonest = [&row.permit_end, &row.rptka_end]
        .into_iter()
        .filter_map(|d| parse_date(d))
        .min()
        .unwrap_or(today);
    Ok(WorkerView {
        id: row.id,
        company_name: row.company_name,
        name: row.name,
        passport_masked: mask_passport(&passport),
        nationality: row.nationality,
        position: row.position,
        occupation: row.occupation,
        rptka_number: row.rptka_number,
        rptka_end: row.rptka_end,
        permit_number: row.permit_number,
        permit_end: row.permit_end,
        district: row.district,
        start_date: row.start_date,
        end_date: row.end_date,
        counterpart_name: row.counterpart_name,
        counterpart_progress: row.counterpart_progress,
        language_training: row.language_training,
        status: row.status,
        left_on: row.left_on,
        days_to_expiry: (soonest - today).whole_days(),
    })
}

/// Reports one foreign worker. Returns the worker's id.
pub async fn report(ctx: &RequestCtx, form: WorkerForm) -> Result<i64, AppError> {
    let (account_id, company_id) = company_of(ctx)?;
    form.check().map_err(AppError::Validation)?;
    let pii = &ctx.state.pii;
    let passport = normalize_passport(&form.passport);
    let nik = form.counterpart_nik.trim().to_owned();
    let encrypt = |value: &str| {
        pii.encrypt(value)
            .map_err(|_| internal("encryption failed"))
    };
    let known: Option<(String,)> =
        sqlx::query_as("SELECT code FROM kbji_groups WHERE code = $1 AND level = 'sub_major'")
            .bind(form.occupation_code.trim())
            .fetch_optional(&ctx.state.db.pool)
            .await?;
    if known.is_none() {
        return Err(AppError::field("occupation_code", "err_choose"));
    }
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    let inserted: Option<(i64,)> = sqlx::query_as(&format!(
        "INSERT INTO tka_workers (company_id, name, passport_ciphertext, passport_hash, nationality, sex, position, \
         occupation_code, rptka_number, rptka_start, rptka_end, permit_number, permit_start, permit_end, district_code, \
         start_date, end_date, counterpart_name, counterpart_nik_ciphertext, counterpart_nik_hash, counterpart_position, \
         counterpart_progress, language_training, status, created_by, created_at_ms, updated_at_ms) VALUES ($1, $2, $3, \
         $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, 'active', $24, \
         $25, $25){} RETURNING id",
        ctx.state
            .db
            .backend
            .insert_ignore_suffix("company_id, passport_hash")
    ))
    .bind(company_id)
    .bind(form.name.trim())
    .bind(encrypt(&passport)?)
    .bind(pii.blind_index(&passport))
    .bind(form.nationality.trim())
    .bind(form.sex.trim())
    .bind(form.position.trim())
    .bind(form.occupation_code.trim())
    .bind(form.rptka_number.trim())
    .bind(form.rptka_start.trim())
    .bind(form.rptka_end.trim())
    .bind(form.permit_number.trim())
    .bind(form.permit_start.trim())
    .bind(form.permit_end.trim())
    .bind(form.district_code.trim())
    .bind(form.start_date.trim())
    .bind(form.end_date.trim())
    .bind(form.counterpart_name.trim())
    .bind(encrypt(&nik)?)
    .bind(pii.blind_index(&nik))
    .bind(form.counterpart_position.trim())
    .bind(form.progress().unwrap_or_default())
    .bind(form.language_training.trim())
    .bind(account_id)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((id,)) = inserted else {
        return Err(AppError::field("passport", "err_passport_reported"));
    };
    audit::record(
        &mut *tx,
        ctx.audit("tka.report", "tka_worker", Some(id.to_string())),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The early-leave report: the worker left before the end date.
pub async fn report_leaving(
    ctx: &RequestCtx,
    worker_id: i64,
    left_on: &str,
    reason: &str,
) -> Result<(), AppError> {
    let (account_id, company_id) = company_of(ctx)?;
    let reason = reason.trim();
    let Some(day) = parse_date(left_on.trim()) else {
        return Err(AppError::field("left_on", "err_date"));
    };
    if day > calendar::wib_date(ctx.now_ms()) {
        return Err(AppError::field("left_on", "err_future_date"));
    }
    if reason.chars().count() < 5 {
        return Err(AppError::field("reason", "err_reason_required"));
    }
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    let changed = sqlx::query(
        "UPDATE tka_workers SET status = 'left', left_on = $1, left_reason = $2, updated_at_ms = $3 \
         WHERE id = $4 AND company_id = $5 AND status = 'active' AND start_date <= $1",
    )
    .bind(format_date(day))
    .bind(reason)
    .bind(now)
    .bind(worker_id)
    .bind(company_id)
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    sqlx::query(
        "INSERT INTO tka_reports (company_id, kind, year, worker_id, workers, submitted_by, submitted_at) \
         VALUES ($1, 'early_leave', $2, $3, 1, $4, $5)",
    )
    .bind(company_id)
    .bind(i64::from(day.year()))
    .bind(worker_id)
    .bind(account_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit("tka.left", "tka_worker", Some(worker_id.to_string())),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The yearly presence report of the current year: the active workers as they are reported now.
pub async fn send_yearly_report(ctx: &RequestCtx) -> Result<i64, AppError> {
    let (account_id, company_id) = company_of(ctx)?;
    let year = i64::from(calendar::wib_date(ctx.now_ms()).year());
    let mut tx = ctx.state.db.begin_write().await?;
    let (workers,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM tka_workers WHERE company_id = $1 AND status = 'active'",
    )
    .bind(company_id)
    .fetch_one(&mut *tx)
    .await?;
    let inserted: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO tka_reports (company_id, kind, year, workers, submitted_by, submitted_at) \
         VALUES ($1, 'yearly', $2, $3, $4, $5) ON CONFLICT (company_id, year) WHERE kind = 'yearly' DO NOTHING RETURNING id",
    )
    .bind(company_id)
    .bind(year)
    .bind(workers)
    .bind(account_id)
    .bind(ctx.now_ms())
    .fetch_optional(&mut *tx)
    .await?;
    let Some((id,)) = inserted else {
        return Err(AppError::Conflict("err_yearly_report_sent".into()));
    };
    audit::record(
        &mut *tx,
        ctx.audit("tka.yearly_report", "tka_report", Some(id.to_string())),
    )
    .await?;
    tx.commit().await?;
    Ok(workers)
}

async fn occupations(db: &Db) -> Result<Vec<(String, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT code, code || ' ' || name_id FROM kbji_groups WHERE level = 'sub_major' ORDER BY code",
    )
    .fetch_all(&db.pool)
    .await?)
}

pub async fn company_view(ctx: &RequestCtx) -> Result<CompanyTka, AppError> {
    let (_, company_id) = company_of(ctx)?;
    let db = &ctx.state.db;
    let today = calendar::wib_date(ctx.now_ms());
    let rows: Vec<WorkerRow> = sqlx::query_as(&format!(
        "SELECT {WORKER_COLUMNS} WHERE w.company_id = $1 ORDER BY w.status, w.permit_end, w.id LIMIT 500"
    ))
    .bind(company_id)
    .fetch_all(&db.pool)
    .await?;
    let workers = rows
        .into_iter()
        .map(|row| view(ctx, row, today))
        .collect::<Result<Vec<_>, _>>()?;
    if !workers.is_empty() {
        // The list shows workers' names and (masked) passports: a read of personal data, logged.
        audit::record(&db.pool, ctx.audit("tka.company_read", "tka_worker", None)).await?;
    }
    let rptkas: Vec<(String, i64)> = sqlx::query_as(
        "SELECT rptka_number, COUNT(*) FROM tka_workers WHERE company_id = $1 AND status = 'active' \
         GROUP BY rptka_number ORDER BY rptka_number",
    )
    .bind(company_id)
    .fetch_all(&db.pool)
    .await?;
    let year = today.year();
    let sent: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM tka_reports WHERE company_id = $1 AND kind = 'yearly' AND year = $2",
    )
    .bind(company_id)
    .bind(i64::from(year))
    .fetch_optional(&db.pool)
    .await?;
    let (verified,): (i64,) = sqlx::query_as("SELECT verified FROM companies WHERE id = $1")
        .bind(company_id)
        .fetch_one(&db.pool)
        .await?;
    Ok(CompanyTka {
        workers,
        bills: levy::company_bills(ctx, company_id).await?,
        rptkas,
        occupations: occupations(db).await?,
        report_year: year,
        yearly_report_sent: sent.is_some(),
        company_verified: verified == 1,
    })
}

/// Active workers whose permit or RPTKA ends within the widest window, soonest first (officers).
pub async fn expiring(ctx: &RequestCtx) -> Result<Vec<WorkerView>, AppError> {
    ctx.require_staff()?;
    let today = calendar::wib_date(ctx.now_ms());
    let horizon = format_date(today + time::Duration::days(EXPIRY_WINDOWS[0]));
    let rows: Vec<WorkerRow> = sqlx::query_as(&format!(
        "SELECT {WORKER_COLUMNS} WHERE w.status = 'active' AND (w.permit_end <= $1 OR w.rptka_end <= $1) \
         ORDER BY CASE WHEN w.permit_end < w.rptka_end THEN w.permit_end ELSE w.rptka_end END LIMIT 200"
    ))
    .bind(horizon)
    .fetch_all(&ctx.state.db.pool)
    .await?;
    let list = rows
        .into_iter()
        .map(|row| view(ctx, row, today))
        .collect::<Result<Vec<_>, _>>()?;
    if !list.is_empty() {
        audit::record(
            &ctx.state.db.pool,
            ctx.audit("tka.expiring_read", "tka_worker", None),
        )
        .await?;
    }
    Ok(list)
}

async fn counts(db: &Db, sql: &str) -> Result<Vec<Count>, AppError> {
    let rows: Vec<(String, i64)> = sqlx::query_as(sql).fetch_all(&db.pool).await?;
    Ok(rows
        .into_iter()
        .map(|(label, count)| Count { label, count })
        .collect())
}

pub async fn statistics(ctx: &RequestCtx) -> Result<TkaStatistics, AppError> {
    ctx.require_staff()?;
    let db = &ctx.state.db;
    let (active_workers,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM tka_workers WHERE status = 'active'")
            .fetch_one(&db.pool)
            .await?;
    let by_nationality = counts(
        db,
        "SELECT nationality, COUNT(*) FROM tka_workers WHERE status = 'active' GROUP BY nationality \
         ORDER BY COUNT(*) DESC, nationality",
    )
    .await?;
    let by_sector = counts(
        db,
        "SELECT s.code || ' ' || s.name_id, COUNT(*) FROM tka_workers w JOIN companies c ON c.id = w.company_id \
         JOIN kbli_sections s ON s.code = c.kbli_section WHERE w.status = 'active' GROUP BY s.code, s.name_id \
         ORDER BY COUNT(*) DESC, s.code",
    )
    .await?;
    let by_district = counts(
        db,
        "SELECT r.name, COUNT(*) FROM tka_workers w JOIN regions r ON r.code = w.district_code \
         WHERE w.status = 'active' GROUP BY r.name ORDER BY COUNT(*) DESC, r.name",
    )
    .await?;
    Ok(TkaStatistics {
        active_workers,
        by_nationality,
        by_sector,
        by_district,
        levy_by_month: levy_by_month(db).await?,
    })
}

async fn levy_by_month(db: &Db) -> Result<Vec<LevyMonth>, AppError> {
    let rows: Vec<(i64, i64, String, Option<i64>)> = sqlx::query_as(
        "SELECT created_at_ms, amount_idr, status, decided_at_ms FROM dkptka_bills WHERE status <> 'cancelled'",
    )
    .fetch_all(&db.pool)
    .await?;
    let month_of = |ms: i64| format_date(calendar::wib_date(ms))[..7].to_owned();
    let mut months: std::collections::BTreeMap<String, LevyMonth> = Default::default();
    for (created, amount, status, decided) in rows {
        let billed = months.entry(month_of(created)).or_default();
        billed.billed_count += 1;
        billed.billed_idr = Rupiah(billed.billed_idr.0 + amount);
        if let (true, Some(decided)) = (status == "validated", decided) {
            let validated = months.entry(month_of(decided)).or_default();
            validated.validated_count += 1;
            validated.validated_idr = Rupiah(validated.validated_idr.0 + amount);
        }
    }
    Ok(months
        .into_iter()
        .rev()
        .map(|(month, figures)| LevyMonth { month, ..figures })
        .collect())
}

/// The statistics as CSV (officers).
pub async fn statistics_csv(ctx: &RequestCtx) -> Result<Vec<u8>, AppError> {
    let stats = statistics(ctx).await?;
    let mut out = crate::server::csv_export::CsvExport::new();
    let mut write = |record: [String; 5]| out.write_record(&record).map_err(internal);
    write([
        "bagian".into(),
        "nama".into(),
        "jumlah".into(),
        "rupiah".into(),
        "divalidasi_rupiah".into(),
    ])?;
    write([
        "tka_aktif".into(),
        String::new(),
        stats.active_workers.to_string(),
        String::new(),
        String::new(),
    ])?;
    for (part, list) in [
        ("kewarganegaraan", &stats.by_nationality),
        ("sektor", &stats.by_sector),
        ("kecamatan", &stats.by_district),
    ] {
        for c in list {
            write([
                part.into(),
                c.label.clone(),
                c.count.to_string(),
                String::new(),
                String::new(),
            ])?;
        }
    }
    for m in &stats.levy_by_month {
        write([
            "dkptka_bulan".into(),
            m.month.clone(),
            format!("{}/{}", m.billed_count, m.validated_count),
            m.billed_idr.0.to_string(),
            m.validated_idr.0.to_string(),
        ])?;
    }
    out.into_inner().map_err(|e| internal(e.to_string()))
}

/// Reminds the company 90 and 30 days before a worker's permit or RPTKA ends; each reminder once (the
/// `tka_reminders` key decides, in the reminder's transaction).
pub async fn send_expiry_reminders(state: &AppState) -> Result<String, AppError> {
    let now = state.clock.now_ms();
    let today = calendar::wib_date(now);
    let horizon = format_date(today + time::Duration::days(EXPIRY_WINDOWS[0]));
    let rows: Vec<(i64, String, String, String, i64, String)> = sqlx::query_as(
        "SELECT w.id, w.name, w.permit_end, w.rptka_end, w.created_by, a.email FROM tka_workers w \
         JOIN accounts a ON a.id = w.created_by WHERE w.status = 'active' AND (w.permit_end <= $1 OR w.rptka_end <= $1) \
         AND (w.permit_end >= $2 OR w.rptka_end >= $2)",
    )
    .bind(&horizon)
    .bind(format_date(today))
    .fetch_all(&state.db.pool)
    .await?;
    let mut sent = 0;
    for (id, name, permit_end, rptka_end, account, email) in rows {
        for (document, end) in [("permit", &permit_end), ("rptka", &rptka_end)] {
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
            let mut tx = state.db.begin_write().await?;
            let inserted = sqlx::query(
                "INSERT INTO tka_reminders (worker_id, document, days_before, sent_at_ms) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (worker_id, document, days_before) DO NOTHING",
            )
            .bind(id)
            .bind(document)
            .bind(lead)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if inserted.rows_affected() == 1 {
                let subject = format!("{name} ({end})");
                notify::send(
                    &mut tx,
                    notify::Notice {
                        account_id: account,
                        message_key: if document == "permit" {
                            "notice_tka_permit_ends"
                        } else {
                            "notice_tka_rptka_ends"
                        },
                        subject: &subject,
                        link: Some("/perusahaan/tka".into()),
                        now_ms: now,
                        email: Some(notify::Email {
                            to: &email,
                            public_url: &state.config.server.public_url,
                        }),
                    },
                )
                .await?;
                sent += 1;
            }
            tx.commit().await?;
        }
    }
    Ok(format!("{sent} reminders"))
}
