//! The fair report's reads: totals, figures by booth and by district, check-in instants.
use crate::{
    features::fairs::model::{BoothFigures, DistrictFigures},
    server::db::Db,
};

async fn count(db: &Db, sql: &str, fair_id: i64) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(sql)
        .bind(fair_id)
        .fetch_one(&db.pool)
        .await?;
    Ok(n)
}

/// A fair's totals.
pub struct Totals {
    pub registrations: i64,
    pub check_ins: i64,
    pub booth_visits: i64,
    pub slots_booked: i64,
    pub slots_attended: i64,
    pub applications: i64,
    pub hires: i64,
}

pub async fn totals(db: &Db, fair_id: i64) -> Result<Totals, sqlx::Error> {
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
    Ok(Totals {
        registrations,
        check_ins,
        booth_visits,
        slots_booked,
        slots_attended,
        applications,
        hires,
    })
}

/// The figures of each approved booth, by company name.
pub async fn by_booth(db: &Db, fair_id: i64) -> Result<Vec<BoothFigures>, sqlx::Error> {
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
pub async fn by_district(db: &Db, fair_id: i64) -> Result<Vec<DistrictFigures>, sqlx::Error> {
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

/// When each visitor of the fair checked in (epoch milliseconds).
pub async fn check_in_times(db: &Db, fair_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    let times: Vec<(i64,)> = sqlx::query_as(
        "SELECT checked_in_at_ms FROM fair_registrations WHERE fair_id = $1 AND checked_in_at_ms IS NOT NULL",
    )
    .bind(fair_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(times.into_iter().map(|(at,)| at).collect())
}
