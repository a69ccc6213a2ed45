//! The receipt PDF of a report version, for its company's members or staff.
use crate::{
    core::{
        calendar::{self, format_date},
        error::AppError,
        money::Rupiah,
    },
    features::manpower_report::{
        receipt_pdf::{self, ReceiptData},
        repo,
        views::form_of,
    },
    server::{authz::RequestCtx, error::internal},
};

/// The receipt of a version: file name and PDF.
pub async fn receipt(ctx: &RequestCtx, id: i64) -> Result<(String, Vec<u8>), AppError> {
    let user = ctx.require_signed_in()?;
    let company = if user.role.is_staff() {
        None
    } else {
        Some(user.company_id.ok_or(AppError::NotFound)?)
    };
    let row = repo::by_id(&ctx.state.db.pool, id, company)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = form_of(&row);
    let data = ReceiptData {
        receipt_number: row.receipt_number.clone(),
        rows: vec![
            ("Perusahaan", row.company_name.clone()),
            ("Tahun / versi", format!("{} / {}", row.year, row.version)),
            ("Alamat", form.address.clone()),
            ("Jumlah pekerja", row.workforce_total.to_string()),
            (
                "Laki-laki / perempuan",
                format!("{} / {}", form.male, form.female),
            ),
            ("WNI / WNA", format!("{} / {}", form.local, form.foreign)),
            ("Pekerja penyandang disabilitas", form.disability.clone()),
            (
                "Upah terendah",
                crate::features::manpower_report::model::parse_count(&form.lowest_wage, i64::MAX)
                    .map(|w| Rupiah(w).to_string())
                    .unwrap_or_default(),
            ),
            (
                "Peserta BPJS TK / Kesehatan",
                format!("{} / {}", form.bpjs_tk, form.bpjs_kes),
            ),
            (
                "Diterima pada",
                format_date(calendar::wib_date(row.submitted_at_ms)),
            ),
        ],
        superseded: row.superseded_at_ms.is_some(),
        verify_url: format!(
            "{}/verifikasi/wlkp/{}",
            ctx.state.config.server.public_url.trim_end_matches('/'),
            row.verification_code
        ),
    };
    let bytes = tokio::task::spawn_blocking(move || receipt_pdf::render(&data))
        .await
        .map_err(internal)?
        .map_err(internal)?;
    Ok((
        format!("{}.pdf", row.receipt_number.replace('/', "-")),
        bytes,
    ))
}
