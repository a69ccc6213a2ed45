//! The compliance exports: every manpower report version and every accident report as CSV (no victim's
//! name or NIK in either).
use crate::{
    core::{error::AppError, text::format_wib},
    features::{compliance::repo, safety::views as safety_views},
    server::{authz::RequestCtx, csv_export::CsvExport, error::internal},
};

pub async fn reports_csv(ctx: &RequestCtx) -> Result<Vec<u8>, AppError> {
    ctx.require_staff()?;
    let rows = repo::report_export(&ctx.state.db.pool).await?;
    let mut out = CsvExport::new();
    let mut write = |record: [String; 13]| out.write_record(&record).map_err(internal);
    write(
        [
            "perusahaan",
            "nib",
            "tahun",
            "versi",
            "alasan",
            "jumlah_pekerja",
            "upah_terendah",
            "disabilitas",
            "peserta_bpjs_tk",
            "peringatan",
            "nomor_tanda_terima",
            "diterima",
            "digantikan",
        ]
        .map(str::to_owned),
    )?;
    for r in rows {
        let warnings: Vec<&str> = r
            .warnings
            .split('\n')
            .filter_map(|w| w.split('|').next())
            .filter(|w| !w.is_empty())
            .collect();
        write([
            r.company_name,
            r.nib,
            r.year.to_string(),
            r.version.to_string(),
            r.reason,
            r.workforce_total.to_string(),
            r.lowest_wage_idr.to_string(),
            r.disability.to_string(),
            r.bpjs_enrolled.to_string(),
            warnings.join(" "),
            r.receipt_number,
            format_wib(r.submitted_at_ms),
            r.superseded_at_ms.map(format_wib).unwrap_or_default(),
        ])?;
    }
    out.into_inner().map_err(internal)
}

pub async fn accidents_csv(ctx: &RequestCtx) -> Result<Vec<u8>, AppError> {
    ctx.require_staff()?;
    let mut conn = ctx.state.db.pool.acquire().await?;
    let (accidents, _) = safety_views::officer_lists(&mut conn, &ctx.state.pii, "").await?;
    let mut out = CsvExport::new();
    let mut write = |record: [String; 9]| out.write_record(&record).map_err(internal);
    write(
        [
            "nomor_kasus",
            "perusahaan",
            "waktu_kejadian",
            "dilaporkan",
            "jam_setelah_kejadian",
            "terlambat",
            "akibat",
            "tempat",
            "hari_hilang",
        ]
        .map(str::to_owned),
    )?;
    for a in accidents {
        write([
            a.case_number,
            a.company_name,
            a.occurred_at,
            a.reported_at,
            a.hours_after.to_string(),
            if a.late { "ya" } else { "tidak" }.to_owned(),
            a.outcome,
            a.place,
            a.lost_days.to_string(),
        ])?;
    }
    out.into_inner().map_err(internal)
}
