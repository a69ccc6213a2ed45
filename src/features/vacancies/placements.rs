//! Placement reports (Perpres 57/2023 Pasal 6): from a hired application or by NIK for hires made
//! elsewhere. A hire through the pipeline closes the person's AK-1 at once (their application links them to
//! the company); a report by NIK only asks the seeker to confirm (`placement_confirm.rs`), since anyone can
//! type a NIK. A vacancy closes as filled when hires reach its headcount.
use sqlx::{Any, Transaction};

use crate::{
    core::{calendar, error::AppError, money::Rupiah},
    features::{
        ak1,
        vacancies::{
            model::PlacementForm,
            repo::{
                placements::{self as placements_repo, NikPlacement},
                vacancies::minimum_wage,
            },
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
    let source = placements_repo::hire_source(tx, application_id).await?;
    let (seeker_id, vacancy_id) = (source.0, source.1);
    let now = ctx.now_ms();
    let today = calendar::format_date(calendar::wib_date(now));
    let actor = ctx.require_signed_in()?.account_id;
    let id =
        placements_repo::insert_hire(tx, company_id, application_id, source, today, actor, now)
            .await?;
    ak1::card::close_on_placement(tx, seeker_id, Some(actor), now).await?;
    placements_repo::close_if_filled(tx, vacancy_id, now).await?;
    crate::server::events::placement_reported(tx, now, id, Some(vacancy_id)).await?;
    Ok(())
}

/// A hire reported by NIK, by a verified company only. When the NIK belongs to a registered seeker, the
/// placement waits for them (or an officer) to confirm it; their AK-1 stays open until then.
pub async fn report_by_nik(ctx: &RequestCtx, form: PlacementForm) -> Result<i64, AppError> {
    let company = ctx.require_company()?;
    let db = &ctx.state.db;
    let (verified, company_name) =
        placements_repo::company_verified_name(db, company.company_id).await?;
    if verified != 1 {
        // The page explains this before the form; an unverified company's word cannot touch anyone's card.
        return Err(AppError::Forbidden);
    }
    let now = ctx.now_ms();
    let (nik_hash, nik_ciphertext) = checked_nik(ctx, &form, now).await?;
    let mut tx = db.begin_write().await?;
    if let Some(vacancy_id) = form.vacancy()
        && !placements_repo::placeable_vacancy(&mut tx, vacancy_id, company.company_id).await?
    {
        return Err(AppError::field("vacancy_id", "err_choose"));
    }
    let start_date = form.start_date.trim();
    if placements_repo::already_placed(&mut tx, company.company_id, &nik_hash, start_date).await? {
        return Err(AppError::Conflict("err_already_placed".into()));
    }
    let seeker_id = placements_repo::seeker_by_nik(&mut tx, &nik_hash).await?;
    let new = NikPlacement {
        company_id: company.company_id,
        reported_by: company.account_id,
        seeker_id,
        nik_ciphertext,
        nik_hash: &nik_hash,
        confirmation: if seeker_id.is_some() {
            "pending"
        } else {
            "none"
        },
        now_ms: now,
    };
    let id = placements_repo::insert_by_nik(&mut tx, &form, new).await?;
    if let Some(seeker_id) = seeker_id {
        ask_to_confirm(&mut tx, seeker_id, &company_name, now).await?;
    }
    if let Some(vacancy_id) = form.vacancy() {
        placements_repo::close_if_filled(&mut tx, vacancy_id, now).await?;
    }
    let mut event = ctx.audit("placement.report", "placement", Some(id.to_string()));
    if let Some(seeker_id) = seeker_id {
        event = event.about(seeker_id);
    }
    audit::record(&mut *tx, event).await?;
    crate::server::events::placement_reported(&mut tx, now, id, form.vacancy()).await?;
    tx.commit().await?;
    Ok(id)
}

/// The form checked against the year's UMK, and the NIK's `(blind index, ciphertext)`.
async fn checked_nik(
    ctx: &RequestCtx,
    form: &PlacementForm,
    now: i64,
) -> Result<(String, String), AppError> {
    let (umk, _) = minimum_wage(&ctx.state.db, now).await?;
    form.check(calendar::wib_date(now), umk.0)
        .map_err(AppError::Validation)?;
    let nik = form.nik.trim();
    let nik_hash = ctx.state.pii.blind_index(nik);
    let nik_ciphertext = ctx
        .state
        .pii
        .encrypt(nik)
        .map_err(|_| internal("NIK encryption failed"))?;
    Ok((nik_hash, nik_ciphertext))
}

/// Tells the registered seeker that a company reported hiring them and waits for their answer.
async fn ask_to_confirm(
    tx: &mut Transaction<'static, Any>,
    seeker_id: i64,
    company_name: &str,
    now: i64,
) -> Result<(), AppError> {
    notify::send(
        tx,
        notify::Notice {
            account_id: seeker_id,
            message_key: "notice_placement_confirm",
            subject: company_name,
            link: Some("/akun/lamaran#penempatan".into()),
            now_ms: now,
            email: None,
        },
    )
    .await?;
    Ok(())
}

/// The company's placement reports, newest first; the NIK is shown masked.
pub async fn company_placements(
    ctx: &RequestCtx,
    company_id: i64,
) -> Result<Vec<PlacementRow>, AppError> {
    let rows = placements_repo::company_placements(&ctx.state.db, company_id).await?;
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

const VACANCY_HEADER: [&str; 19] = [
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
];

const PLACEMENT_HEADER: [&str; 8] = [
    "id",
    "nama",
    "nik",
    "jabatan",
    "lowongan",
    "tanggal_mulai",
    "upah_idr",
    "jenis_kontrak",
];

/// The company's reports as CSV: `kind` is "lowongan" (vacancies) or "penempatan" (placements).
pub async fn csv_report(ctx: &RequestCtx, kind: &str) -> Result<(String, Vec<u8>), AppError> {
    let company_id = ctx.require_company()?.company_id;
    let placements = company_placements(ctx, company_id).await?;
    let mut writer = crate::server::csv_export::CsvExport::new();
    let write_error = |e: csv::Error| internal(format!("csv: {e}"));
    match kind {
        "lowongan" => {
            writer.write_record(VACANCY_HEADER).map_err(write_error)?;
            for row in placements_repo::vacancy_report_rows(&ctx.state.db, company_id).await? {
                writer.write_record(row).map_err(write_error)?;
            }
        }
        "penempatan" => {
            writer.write_record(PLACEMENT_HEADER).map_err(write_error)?;
            for p in &placements {
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
