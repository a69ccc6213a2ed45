//! The fair report for officers: registrations, check-ins, booth visits, slots, applications and hires,
//! by booth and by district, check-ins over the day; and the same as CSV. The SQL is in `repo::report`.
use crate::{
    core::error::AppError,
    features::fairs::{
        model::FairReport,
        repo::{fair, report as repo},
    },
    server::{audit, authz::RequestCtx, db::Db},
};

pub async fn report(ctx: &RequestCtx, fair_id: i64) -> Result<FairReport, AppError> {
    ctx.require_staff()?;
    let db = &ctx.state.db;
    let fair = fair::fair_card(db, fair_id).await?;
    let totals = repo::totals(db, fair_id).await?;
    let report = FairReport {
        registrations: totals.registrations,
        check_ins: totals.check_ins,
        booth_visits: totals.booth_visits,
        slots_booked: totals.slots_booked,
        slots_attended: totals.slots_attended,
        applications: totals.applications,
        hires: totals.hires,
        by_booth: repo::by_booth(db, fair_id).await?,
        by_district: repo::by_district(db, fair_id).await?,
        check_ins_by_hour: check_ins_by_hour(db, fair_id).await?,
        fair,
    };
    audit::record(
        &db.pool,
        ctx.audit("fair.report_read", "job_fair", Some(fair_id.to_string())),
    )
    .await?;
    Ok(report)
}

async fn check_ins_by_hour(db: &Db, fair_id: i64) -> Result<Vec<i64>, AppError> {
    let mut hours = vec![0_i64; 24];
    for at in repo::check_in_times(db, fair_id).await? {
        let wib_hour = (at.div_euclid(3_600_000) + 7).rem_euclid(24) as usize;
        hours[wib_hour] += 1;
    }
    Ok(hours)
}

/// The report as CSV: the totals, then one line per booth and per district.
pub async fn csv(ctx: &RequestCtx, fair_id: i64) -> Result<(String, Vec<u8>), AppError> {
    let report = report(ctx, fair_id).await?;
    let mut out = crate::server::csv_export::CsvExport::new();
    let write = |out: &mut crate::server::csv_export::CsvExport, record: &[String]| {
        out.write_record(record)
            .map_err(crate::server::error::internal)
    };
    let text = |items: &[&str]| items.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    write(
        &mut out,
        &text(&[
            "bagian",
            "nama",
            "pendaftar",
            "hadir",
            "kunjungan_stan",
            "slot_dipesan",
            "slot_hadir",
            "lamaran",
            "diterima",
        ]),
    )?;
    write(
        &mut out,
        &[
            "total".into(),
            report.fair.name.clone(),
            report.registrations.to_string(),
            report.check_ins.to_string(),
            report.booth_visits.to_string(),
            report.slots_booked.to_string(),
            report.slots_attended.to_string(),
            report.applications.to_string(),
            report.hires.to_string(),
        ],
    )?;
    for b in &report.by_booth {
        write(
            &mut out,
            &[
                "stan".into(),
                b.company_name.clone(),
                String::new(),
                String::new(),
                b.visits.to_string(),
                b.slots_booked.to_string(),
                b.slots_attended.to_string(),
                b.applications.to_string(),
                b.hires.to_string(),
            ],
        )?;
    }
    for d in &report.by_district {
        write(
            &mut out,
            &[
                "kecamatan".into(),
                d.district.clone(),
                d.registrations.to_string(),
                d.check_ins.to_string(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ],
        )?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| crate::server::error::internal(e.to_string()))?;
    Ok((format!("laporan-bursa-kerja-{fair_id}.csv"), bytes))
}
