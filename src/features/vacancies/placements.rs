//! Placement reports (Perpres 57/2023 Pasal 6): from a hired application or by NIK for hires made
//! elsewhere. A hire through the pipeline closes the person's AK-1 at once (their application links them to
//! the company); a report by NIK only asks the seeker to confirm (`placement_confirm.rs`), since anyone can
//! type a NIK. A vacancy closes as filled when hires reach its headcount.
use sqlx::{Any, FromRow, Transaction};

use crate::{
    core::{calendar, error::AppError, money::Rupiah},
    features::{
        ak1,
        vacancies::{
            model::PlacementForm,
            service::{company_of, minimum_wage},
            views::PlacementRow,
        },
    },
    server::{audit, authz::RequestCtx, error::internal, notify},
};

/// Records the placement of a hired application (inside the move's transaction).
pub async fn record_hire(
    ctx: &RequestCtx,
    tx: &mut Transaction<'static, Any>,
    application_id: i64,
    company_id: i64,
) -> Result<(), AppError> {
    let (seeker_id, vacancy_id, position, wage, contract_type, name, nik_ciphertext, nik_hash): (
        i64,
        i64,
        String,
        i64,
        String,
        String,
        String,
        String,
    ) = sqlx::query_as(
        "SELECT a.seeker_account_id, v.id, v.title, v.wage_min_idr, v.contract_type, acc.full_name, \
         s.nik_ciphertext, s.nik_hash FROM job_applications a JOIN vacancies v ON v.id = a.vacancy_id \
         JOIN accounts acc ON acc.id = a.seeker_account_id JOIN seekers s ON s.account_id = a.seeker_account_id \
         WHERE a.id = $1",
    )
    .bind(application_id)
    .fetch_one(&mut **tx)
    .await?;
    let now = ctx.now_ms();
    let today = calendar::format_date(calendar::wib_date(now));
    let actor = ctx.require_signed_in()?.account_id;
    sqlx::query(
        "INSERT INTO placements (company_id, vacancy_id, application_id, seeker_account_id, worker_name, \
         nik_ciphertext, nik_hash, position, start_date, wage_idr, contract_type, reported_by, created_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(company_id)
    .bind(vacancy_id)
    .bind(application_id)
    .bind(seeker_id)
    .bind(name)
    .bind(nik_ciphertext)
    .bind(nik_hash)
    .bind(position)
    .bind(today)
    .bind(wage)
    .bind(contract_type)
    .bind(actor)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    ak1::service::close_on_placement(tx, seeker_id, Some(actor), now).await?;
    close_if_filled(tx, vacancy_id, now).await?;
    Ok(())
}

/// Closes the vacancy as filled once its placements reach the headcount ("this was not me" does not count).
async fn close_if_filled(
    tx: &mut Transaction<'static, Any>,
    vacancy_id: i64,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE vacancies SET status = 'closed', closed_reason = 'filled', closed_at_ms = $1 \
         WHERE id = $2 AND status = 'published' \
         AND (SELECT COUNT(*) FROM placements p WHERE p.vacancy_id = $2 AND p.confirmation <> 'rejected') >= headcount",
    )
    .bind(now_ms)
    .bind(vacancy_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A hire reported by NIK, by a verified company only. When the NIK belongs to a registered seeker, the
/// placement waits for them (or an officer) to confirm it; their AK-1 stays open until then.
pub async fn report_by_nik(ctx: &RequestCtx, form: PlacementForm) -> Result<i64, AppError> {
    let (account_id, company_id) = company_of(ctx)?;
    let db = &ctx.state.db;
    let (verified, company_name): (i64, String) =
        sqlx::query_as("SELECT verified, name FROM companies WHERE id = $1")
            .bind(company_id)
            .fetch_one(&db.pool)
            .await?;
    if verified != 1 {
        // The page explains this before the form; an unverified company's word cannot touch anyone's card.
        return Err(AppError::Forbidden);
    }
    let now = ctx.now_ms();
    let (umk, _) = minimum_wage(db, now).await?;
    form.check(calendar::wib_date(now), umk.0)
        .map_err(AppError::Validation)?;
    let nik = form.nik.trim();
    let nik_hash = ctx.state.pii.blind_index(nik);
    let nik_ciphertext = ctx
        .state
        .pii
        .encrypt(nik)
        .map_err(|_| internal("NIK encryption failed"))?;
    let mut tx = db.begin_write().await?;
    if let Some(vacancy_id) = form.vacancy() {
        let owned: Option<(String,)> = sqlx::query_as(
            "SELECT status FROM vacancies WHERE id = $1 AND company_id = $2 AND status IN ('published', 'closed')",
        )
        .bind(vacancy_id)
        .bind(company_id)
        .fetch_optional(&mut *tx)
        .await?;
        if owned.is_none() {
            return Err(AppError::field("vacancy_id", "err_choose"));
        }
    }
    let duplicate: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM placements WHERE company_id = $1 AND nik_hash = $2 AND start_date = $3",
    )
    .bind(company_id)
    .bind(&nik_hash)
    .bind(form.start_date.trim())
    .fetch_optional(&mut *tx)
    .await?;
    if duplicate.is_some() {
        return Err(AppError::Conflict("err_already_placed".into()));
    }
    let seeker: Option<(i64,)> =
        sqlx::query_as("SELECT account_id FROM seekers WHERE nik_hash = $1")
            .bind(&nik_hash)
            .fetch_optional(&mut *tx)
            .await?;
    let seeker_id = seeker.map(|(id,)| id);
    let confirmation = if seeker_id.is_some() {
        "pending"
    } else {
        "none"
    };
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO placements (company_id, vacancy_id, application_id, seeker_account_id, worker_name, \
         nik_ciphertext, nik_hash, position, start_date, wage_idr, contract_type, reported_by, created_at_ms, \
         confirmation) VALUES ($1, $2, NULL, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(company_id)
    .bind(form.vacancy())
    .bind(seeker_id)
    .bind(form.worker_name.trim())
    .bind(nik_ciphertext)
    .bind(&nik_hash)
    .bind(form.position.trim())
    .bind(form.start_date.trim())
    .bind(form.wage_idr())
    .bind(form.contract_type.trim())
    .bind(account_id)
    .bind(now)
    .bind(confirmation)
    .fetch_one(&mut *tx)
    .await?;
    if let Some(seeker_id) = seeker_id {
        notify::send(
            &mut tx,
            notify::Notice {
                account_id: seeker_id,
                message_key: "notice_placement_confirm",
                subject: &company_name,
                link: Some("/akun/lamaran#penempatan".into()),
                now_ms: now,
                email: None,
            },
        )
        .await?;
    }
    if let Some(vacancy_id) = form.vacancy() {
        close_if_filled(&mut tx, vacancy_id, now).await?;
    }
    let mut event = ctx.audit("placement.report", "placement", Some(id.to_string()));
    if let Some(seeker_id) = seeker_id {
        event = event.about(seeker_id);
    }
    audit::record(&mut *tx, event).await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(FromRow)]
struct PlacementDbRow {
    id: i64,
    worker_name: String,
    nik_ciphertext: String,
    position: String,
    vacancy_title: Option<String>,
    start_date: String,
    wage_idr: i64,
    contract_type: String,
}

/// The company's placement reports, newest first; the NIK is shown masked.
pub async fn company_placements(
    ctx: &RequestCtx,
    company_id: i64,
) -> Result<Vec<PlacementRow>, AppError> {
    let rows: Vec<PlacementDbRow> = sqlx::query_as(
        "SELECT p.id, p.worker_name, p.nik_ciphertext, p.position, v.title AS vacancy_title, p.start_date, \
         p.wage_idr, p.contract_type FROM placements p LEFT JOIN vacancies v ON v.id = p.vacancy_id \
         WHERE p.company_id = $1 ORDER BY p.created_at_ms DESC, p.id DESC LIMIT 1000",
    )
    .bind(company_id)
    .fetch_all(&ctx.state.db.pool)
    .await?;
    rows.into_iter()
        .map(|row| {
            let nik = ctx
                .state
                .pii
                .decrypt(&row.nik_ciphertext)
                .map_err(|_| internal("NIK decryption failed"))?;
            Ok(PlacementRow {
                id: row.id,
                worker_name: row.worker_name,
                nik_masked: mask_nik(&nik),
                position: row.position,
                vacancy_title: row.vacancy_title,
                start_date: row.start_date,
                wage: Rupiah(row.wage_idr),
                contract_type: row.contract_type,
            })
        })
        .collect()
}

/// The Perpres 57/2023 Pasal 5 fields of each of the company's vacancies, as CSV cells.
async fn vacancy_report_rows(
    ctx: &RequestCtx,
    company_id: i64,
) -> Result<Vec<Vec<String>>, AppError> {
    #[derive(FromRow)]
    struct Row {
        id: i64,
        title: String,
        occupation_code: Option<String>,
        kbli_section: String,
        headcount: i64,
        education_code: String,
        skills: String,
        experience_years: i64,
        wage_min_idr: i64,
        wage_max_idr: i64,
        district_name: String,
        work_type: String,
        contract_type: String,
        published_at_ms: Option<i64>,
        deadline: String,
        status: String,
        closed_reason: Option<String>,
        applications: i64,
        hired: i64,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT v.id, v.title, v.occupation_code, v.kbli_section, v.headcount, v.education_code, v.skills, \
         v.experience_years, v.wage_min_idr, v.wage_max_idr, r.name AS district_name, v.work_type, v.contract_type, \
         v.published_at_ms, v.deadline, v.status, v.closed_reason, \
         (SELECT COUNT(*) FROM job_applications a WHERE a.vacancy_id = v.id AND a.status <> 'withdrawn') AS applications, \
         (SELECT COUNT(*) FROM placements p WHERE p.vacancy_id = v.id) AS hired \
         FROM vacancies v JOIN regions r ON r.code = v.district_code WHERE v.company_id = $1 ORDER BY v.id",
    )
    .bind(company_id)
    .fetch_all(&ctx.state.db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            vec![
                row.id.to_string(),
                row.title,
                row.occupation_code.unwrap_or_default(),
                row.kbli_section,
                row.headcount.to_string(),
                row.education_code,
                row.skills,
                row.experience_years.to_string(),
                row.wage_min_idr.to_string(),
                row.wage_max_idr.to_string(),
                row.district_name,
                row.work_type,
                row.contract_type,
                row.published_at_ms
                    .map(|ms| calendar::format_date(calendar::wib_date(ms)))
                    .unwrap_or_default(),
                row.deadline,
                row.status,
                row.closed_reason.unwrap_or_default(),
                row.applications.to_string(),
                row.hired.to_string(),
            ]
        })
        .collect())
}

fn mask_nik(nik: &str) -> String {
    let tail: String = nik
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("************{tail}")
}

/// The company's reports as CSV: `kind` is "lowongan" (vacancies) or "penempatan" (placements).
pub async fn csv_report(ctx: &RequestCtx, kind: &str) -> Result<(String, Vec<u8>), AppError> {
    let reports = super::service::company_reports(ctx).await?;
    let (_, company_id) = company_of(ctx)?;
    let mut writer = crate::server::csv_export::CsvExport::new();
    let write_error = |e: csv::Error| internal(format!("csv: {e}"));
    match kind {
        "lowongan" => {
            writer
                .write_record([
                    "id",
                    "jabatan",
                    "kbji",
                    "kbli",
                    "jumlah_dibutuhkan",
                    "pendidikan_minimal",
                    "keterampilan",
                    "pengalaman_tahun",
                    "upah_min_idr",
                    "upah_maks_idr",
                    "kecamatan",
                    "waktu_kerja",
                    "hubungan_kerja",
                    "tanggal_tayang",
                    "batas_akhir",
                    "status",
                    "alasan_tutup",
                    "jumlah_pelamar",
                    "jumlah_diterima",
                ])
                .map_err(write_error)?;
            for row in vacancy_report_rows(ctx, company_id).await? {
                writer.write_record(row).map_err(write_error)?;
            }
        }
        "penempatan" => {
            writer
                .write_record([
                    "id",
                    "nama",
                    "nik",
                    "jabatan",
                    "lowongan",
                    "tanggal_mulai",
                    "upah_idr",
                    "jenis_kontrak",
                ])
                .map_err(write_error)?;
            for p in &reports.placements {
                writer
                    .write_record([
                        p.id.to_string(),
                        p.worker_name.clone(),
                        p.nik_masked.clone(),
                        p.position.clone(),
                        p.vacancy_title.clone().unwrap_or_default(),
                        p.start_date.clone(),
                        p.wage.0.to_string(),
                        p.contract_type.clone(),
                    ])
                    .map_err(write_error)?;
            }
        }
        _ => return Err(AppError::NotFound),
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| internal(format!("csv: {e}")))?;
    audit::record(
        &ctx.state.db.pool,
        ctx.audit("company.report_export", "company", None)
            .detail(kind),
    )
    .await?;
    Ok((format!("laporan-{kind}.csv"), bytes))
}
