//! The K3 files, for the company's members or staff: an accident's referral package (a staff read is
//! audited: it names the victim) and photos, an inspection's findings, an order's evidence.
use crate::{
    core::{
        calendar::{self, format_date},
        error::AppError,
        money::Rupiah,
        text::format_wib,
    },
    features::safety::{
        model::{REFERRAL_DESTINATION, REPORT_HOURS, hours_after},
        receipt_pdf::{self, AccidentReceipt},
        referral_pdf::{self, ReferralData},
        repo::{self, AccidentRow},
        views::masked_victim_id,
    },
    server::{audit, authz::RequestCtx, error::internal},
};

/// The company a caller may see files of: `None` for staff (any company), else their own.
fn scope(ctx: &RequestCtx) -> Result<Option<i64>, AppError> {
    let user = ctx.require_signed_in()?;
    if user.role.is_staff() {
        Ok(None)
    } else {
        user.company_id.map(Some).ok_or(AppError::NotFound)
    }
}

async fn visible_accident(ctx: &RequestCtx, id: i64) -> Result<AccidentRow, AppError> {
    let company = scope(ctx)?;
    let row = repo::accident(&ctx.state.db.pool, id, company)
        .await?
        .ok_or(AppError::NotFound)?;
    if company.is_none() {
        let mut tx = ctx.state.db.begin_write().await?;
        audit::record(
            &mut *tx,
            ctx.audit("k3.accident_read", "k3_accident", Some(id.to_string())),
        )
        .await?;
        tx.commit().await?;
    }
    Ok(row)
}

fn referral_data(row: &AccidentRow, masked_id: String, now_ms: i64) -> ReferralData {
    let hours = hours_after(row.occurred_at_ms, row.reported_at_ms);
    let outcome = match row.outcome.as_str() {
        "died" => "Meninggal dunia",
        "sick" => "Sakit",
        _ => "Luka",
    };
    let rows = vec![
        ("Perusahaan", row.company_name.clone()),
        ("Alamat perusahaan", row.company_address.clone()),
        (
            "NIB / KBLI",
            format!("{} / {}", row.company_nib, row.company_kbli),
        ),
        ("Nama korban", row.victim_name.clone()),
        if row.victim_id_kind == "passport" {
            (
                "Paspor / kewarganegaraan",
                format!("{masked_id} / {}", row.victim_nationality),
            )
        } else {
            ("NIK", masked_id)
        },
        (
            "Tanggal lahir / jenis kelamin",
            format!(
                "{} / {}",
                row.victim_birth_date,
                if row.victim_sex == "female" {
                    "Perempuan"
                } else {
                    "Laki-laki"
                }
            ),
        ),
        (
            "Jabatan / unit",
            format!("{} / {}", row.victim_job, row.victim_unit),
        ),
        ("Tempat kejadian", row.place.clone()),
        ("Waktu kejadian", format_wib(row.occurred_at_ms)),
        ("Uraian kejadian", row.description.clone()),
        ("Pekerjaan saat itu", row.task.clone()),
        ("Saksi", row.witnesses.clone()),
        ("Sumber kecelakaan", row.agent.clone()),
        ("Akibat", outcome.to_owned()),
        ("Bagian tubuh", row.body_part.clone()),
        (
            "Perawatan / rumah sakit",
            format!("{} / {}", row.treatment, row.hospital),
        ),
        ("Hari kerja hilang", row.lost_days.to_string()),
        ("Perkiraan kerugian", Rupiah(row.loss_idr).to_string()),
        (
            "Dilaporkan",
            format!(
                "{} ({hours} jam setelah kejadian)",
                format_wib(row.reported_at_ms)
            ),
        ),
    ];
    ReferralData {
        case_number: row.case_number.clone(),
        rows,
        late_note: (row.late == 1).then(|| {
            format!("Catatan: dilaporkan {hours} jam setelah kejadian (lewat {REPORT_HOURS} jam / 2 x 24 jam).")
        }),
        prepared_on: format_date(calendar::wib_date(now_ms)),
    }
}

/// The referral package PDF: file name and bytes.
pub async fn referral(ctx: &RequestCtx, accident_id: i64) -> Result<(String, Vec<u8>), AppError> {
    let row = visible_accident(ctx, accident_id).await?;
    let masked = masked_victim_id(&row, &ctx.state.pii);
    let data = referral_data(&row, masked, ctx.now_ms());
    let bytes = tokio::task::spawn_blocking(move || referral_pdf::render(&data))
        .await
        .map_err(internal)?
        .map_err(internal)?;
    Ok((
        format!("rujukan-{}.pdf", row.case_number.replace('/', "-")),
        bytes,
    ))
}

/// The company's receipt of an accident report: file name and PDF. Its QR code leads to this receipt in
/// the portal (members of the company and staff only).
pub async fn receipt(ctx: &RequestCtx, accident_id: i64) -> Result<(String, Vec<u8>), AppError> {
    let row = visible_accident(ctx, accident_id).await?;
    let hours = hours_after(row.occurred_at_ms, row.reported_at_ms);
    let forwarded = match row.referred_at_ms {
        Some(at) => format!(
            "{} pada {}",
            row.referred_to.as_deref().unwrap_or(REFERRAL_DESTINATION),
            format_wib(at)
        ),
        None => "Belum; Disnaker meneruskannya ke pengawas provinsi".to_owned(),
    };
    let data = AccidentReceipt {
        case_number: row.case_number.clone(),
        rows: vec![
            ("Perusahaan", row.company_name.clone()),
            ("NIB", row.company_nib.clone()),
            ("Nama korban", row.victim_name.clone()),
            ("Waktu kejadian", format_wib(row.occurred_at_ms)),
            ("Diterima", format_wib(row.reported_at_ms)),
            (
                "Batas 2 x 24 jam",
                if row.late == 1 {
                    format!("Lewat: {hours} jam setelah kejadian")
                } else {
                    format!("Tepat waktu: {hours} jam setelah kejadian")
                },
            ),
            ("Diteruskan", forwarded),
        ],
        url: format!(
            "{}/k3/kecelakaan/{}/tanda-terima.pdf",
            ctx.state.config.server.public_url.trim_end_matches('/'),
            row.id
        ),
    };
    let bytes = tokio::task::spawn_blocking(move || receipt_pdf::render(&data))
        .await
        .map_err(internal)?
        .map_err(internal)?;
    Ok((
        format!("tanda-terima-{}.pdf", row.case_number.replace('/', "-")),
        bytes,
    ))
}

/// The `n`th photo (from 1) of an accident.
pub async fn photo(ctx: &RequestCtx, accident_id: i64, n: usize) -> Result<Vec<u8>, AppError> {
    let row = visible_accident(ctx, accident_id).await?;
    let photos = repo::photos(&ctx.state.db.pool, row.id).await?;
    let (key, _) = n
        .checked_sub(1)
        .and_then(|i| photos.get(i))
        .ok_or(AppError::NotFound)?;
    ctx.state.storage.get(key).await.map_err(internal)
}

/// An inspection's findings (PDF).
pub async fn inspection_document(ctx: &RequestCtx, id: i64) -> Result<Vec<u8>, AppError> {
    let company = scope(ctx)?;
    let row = repo::inspection(&ctx.state.db.pool, id)
        .await?
        .filter(|i| company.is_none_or(|c| c == i.company_id))
        .ok_or(AppError::NotFound)?;
    ctx.state
        .storage
        .get(&row.document_key)
        .await
        .map_err(internal)
}

/// The evidence the company sent for a done order.
pub async fn order_evidence(ctx: &RequestCtx, id: i64) -> Result<Vec<u8>, AppError> {
    let company = scope(ctx)?;
    let row = repo::order(&ctx.state.db.pool, id)
        .await?
        .filter(|o| company.is_none_or(|c| c == o.company_id))
        .ok_or(AppError::NotFound)?;
    let key = row.evidence_key.ok_or(AppError::NotFound)?;
    ctx.state.storage.get(&key).await.map_err(internal)
}
