//! The compliance exports: every manpower report version and every accident report as CSV (no victim's
//! name, NIK or passport in either), each through `server::csv_export`, at most [`EXPORT_MAX_ROWS`] rows
//! and then a row saying the file was cut.
use crate::{
    core::{error::AppError, text::format_wib},
    features::{
        compliance::repo,
        safety::{model::hours_after, service as safety},
    },
    server::{authz::RequestCtx, csv_export::CsvExport, error::internal},
};

pub async fn reports_csv(ctx: &RequestCtx) -> Result<Vec<u8>, AppError> {
    ctx.require_staff()?;
    // One row more than the maximum tells a full export from a cut one.
    let mut rows = repo::report_export(&ctx.state.db.pool, EXPORT_MAX_ROWS as i64 + 1).await?;
    let truncated = rows.len() > EXPORT_MAX_ROWS;
    rows.truncate(EXPORT_MAX_ROWS);
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
    if truncated {
        write(std::array::from_fn(|i| {
            if i == 0 {
                truncated_row(EXPORT_MAX_ROWS)
            } else {
                String::new()
            }
        }))?;
    }
    out.into_inner().map_err(internal)
}

/// The most rows one export holds. Past it the file ends with a row that says so (never a silent cut):
/// 50 000 accidents or report versions is decades of a regency's filings, and the file stays a few MB.
pub const EXPORT_MAX_ROWS: usize = 50_000;
/// Rows read per keyset page.
const PAGE: usize = 1_000;

/// The last row of an export that reached [`EXPORT_MAX_ROWS`].
pub fn truncated_row(max: usize) -> String {
    format!(
        "# DIPOTONG / TRUNCATED: hanya {max} baris pertama (terbaru) / only the first (newest) {max} rows"
    )
}

pub async fn accidents_csv(ctx: &RequestCtx) -> Result<Vec<u8>, AppError> {
    ctx.require_staff()?;
    let mut conn = ctx.state.db.pool.acquire().await?;
    accidents_csv_upto(&mut conn, EXPORT_MAX_ROWS).await
}

/// Every accident (newest first, paged by key), at most `max` rows and then the truncation row. No victim.
pub async fn accidents_csv_upto(
    conn: &mut sqlx::AnyConnection,
    max: usize,
) -> Result<Vec<u8>, AppError> {
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
    let (mut written, mut after, mut truncated) = (0usize, None, false);
    loop {
        // One row more than `max` is read: it tells a full export from a cut one.
        let want = PAGE.min(max + 1 - written);
        let page = safety::accident_export_page(&mut *conn, after, want as i64).await?;
        let fetched = page.len();
        for a in page {
            if written == max {
                truncated = true;
                break;
            }
            after = Some((a.occurred_at_ms, a.id));
            written += 1;
            write([
                a.case_number,
                a.company_name,
                format_wib(a.occurred_at_ms),
                format_wib(a.reported_at_ms),
                hours_after(a.occurred_at_ms, a.reported_at_ms).to_string(),
                if a.late == 1 { "ya" } else { "tidak" }.to_owned(),
                a.outcome,
                a.place,
                a.lost_days.to_string(),
            ])?;
        }
        if truncated || fetched < want {
            break;
        }
    }
    if truncated {
        write(std::array::from_fn(|i| {
            if i == 0 {
                truncated_row(max)
            } else {
                String::new()
            }
        }))?;
    }
    out.into_inner().map_err(internal)
}
