//! The fair report for officers: registrations, check-ins, booth visits, slots, applications and hires,
//! by booth and by district, check-ins over the day; and the same as CSV.
use crate::{
    core::error::AppError,
    features::fairs::{
        model::{BoothFigures, DistrictFigures, FairReport},
        repo::fair,
    },
    server::{audit, authz::RequestCtx, db::Db},
};

async fn count(db: &Db, sql: &str, fair_id: i64) -> Result<i64, AppError> {
    let (n,): (i64,) = sqlx::query_as(sql)
        .bind(fair_id)
        .fetch_one(&db.pool)
        .await?;
    Ok(n)
}

pub async fn report(ctx: &RequestCtx, fair_id: i64) -> Result<FairReport, AppError> {
    ctx.require_staff()?;
    let db = &ctx.state.db;
    let fair = fair::fair_card(db, fair_id).await?;
    let booths = "SELECT id FROM fair_booths WHERE fair_id = $1";
    let registrations = count(
        db,
        "SELECT COUNT(*) FROM fair_registrations WHERE fair_id = $1",
        fair_id,
    )
    .await?;
    let check_ins = count(
        db,
        "SELECT COUNT(*) FROM fair_registrations WHERE fair_id = $1 AND checked_in_at_ms IS NOT NULL",
        fair_id,
    )
    .await?;
    let booth_visits = count(
        db,
        &format!("SELECT COUNT(*) FROM booth_visits WHERE booth_id IN ({booths})"),
        fair_id,
    )
    .await?;
    let slots_booked = count(
        db,
        &format!(
            "SELECT COUNT(*) FROM slot_bookings WHERE status <> 'cancelled' AND booth_id IN ({booths})"
        ),
        fair_id,
    )
    .await?;
    let slots_attended = count(
        db,
        &format!(
            "SELECT COUNT(*) FROM slot_bookings WHERE status = 'attended' AND booth_id IN ({booths})"
        ),
        fair_id,
    )
    .await?;
    let applications = count(
        db,
        "SELECT COUNT(*) FROM job_applications WHERE fair_id = $1",
        fair_id,
    )
    .await?;
    let hires = count(
        db,
        "SELECT COUNT(*) FROM job_applications WHERE fair_id = $1 AND status = 'hired'",
        fair_id,
    )
    .await?;
    let report = FairReport {
        registrations,
        check_ins,
        booth_visits,
        slots_booked,
        slots_attended,
        applications,
        hires,
        by_booth: by_booth(db, fair_id).await?,
        by_district: by_district(db, fair_id).await?,
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

async fn by_booth(db: &Db, fair_id: i64) -> Result<Vec<BoothFigures>, AppError> {
    let rows: Vec<(String, i64, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT c.name, \
         (SELECT COUNT(*) FROM booth_visits v WHERE v.booth_id = b.id), \
         (SELECT COUNT(*) FROM slot_bookings k WHERE k.booth_id = b.id AND k.status <> 'cancelled'), \
         (SELECT COUNT(*) FROM slot_bookings k WHERE k.booth_id = b.id AND k.status = 'attended'), \
         (SELECT COUNT(*) FROM job_applications a JOIN vacancies j ON j.id = a.vacancy_id \
            WHERE a.fair_id = b.fair_id AND j.company_id = b.company_id), \
         (SELECT COUNT(*) FROM job_applications a JOIN vacancies j ON j.id = a.vacancy_id \
            WHERE a.fair_id = b.fair_id AND j.company_id = b.company_id AND a.status = 'hired') \
         FROM fair_booths b JOIN companies c ON c.id = b.company_id \
         WHERE b.fair_id = $1 AND b.status = 'approved' ORDER BY c.name",
    )
    .bind(fair_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(company_name, visits, slots_booked, slots_attended, applications, hires)| {
                BoothFigures {
                    company_name,
                    visits,
                    slots_booked,
                    slots_attended,
                    applications,
                    hires,
                }
            },
        )
        .collect())
}

/// By the district of the visitor's profile; visitors without one are counted under "—".
async fn by_district(db: &Db, fair_id: i64) -> Result<Vec<DistrictFigures>, AppError> {
    let rows: Vec<(Option<String>, i64, i64)> = sqlx::query_as(
        "SELECT rg.name, COUNT(*), SUM(CASE WHEN r.checked_in_at_ms IS NULL THEN 0 ELSE 1 END) \
         FROM fair_registrations r LEFT JOIN seeker_profiles p ON p.account_id = r.seeker_account_id \
         LEFT JOIN regions rg ON rg.code = p.district_code WHERE r.fair_id = $1 \
         GROUP BY rg.name ORDER BY COUNT(*) DESC, rg.name",
    )
    .bind(fair_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(district, registrations, check_ins)| DistrictFigures {
            district: district.unwrap_or_else(|| "—".into()),
            registrations,
            check_ins,
        })
        .collect())
}

async fn check_ins_by_hour(db: &Db, fair_id: i64) -> Result<Vec<i64>, AppError> {
    let times: Vec<(i64,)> = sqlx::query_as(
        "SELECT checked_in_at_ms FROM fair_registrations WHERE fair_id = $1 AND checked_in_at_ms IS NOT NULL",
    )
    .bind(fair_id)
    .fetch_all(&db.pool)
    .await?;
    let mut hours = vec![0_i64; 24];
    for (at,) in times {
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
