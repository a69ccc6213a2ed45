//! All SQL of statistics. The fact reads are a reporting read model over other areas' tables (read-only,
//! never their repos); the rest reads and rebuilds this area's own tables (`stat_cells`,
//! `stat_service_months`, `stat_refreshes`).
use sqlx::{Any, Executor, FromRow};

use crate::{
    core::{error::AppError, i18n::Lang, region::REGENCY},
    features::statistics::{
        clock::Service,
        model::{Dataset, ServiceMonth, TOTAL},
    },
    server::db::{Bind, SqlBuilder},
};

/// One counted thing: when (epoch ms, or a date where the table keeps one), where, and who or what.
#[derive(Clone, Debug, FromRow)]
pub struct Fact {
    pub at_ms: Option<i64>,
    pub day: Option<String>,
    pub district: Option<String>,
    pub sector: Option<String>,
    pub occupation: Option<String>,
    pub education: Option<String>,
    pub sex: Option<String>,
    pub born: Option<String>,
    pub value: i64,
}

const NO_TEXT: &str = "CAST(NULL AS TEXT)";

/// The facts of a dataset. Vacancies and positions share one read (a vacancy with its headcount).
fn facts_sql(dataset: Dataset) -> String {
    let person = "s.sex, s.date_of_birth AS born";
    match dataset {
        Dataset::Seekers => format!(
            "SELECT a.decided_at_ms AS at_ms, a.issued_on AS day, p.district_code AS district, {NO_TEXT} AS sector, \
             {NO_TEXT} AS occupation, p.education_level AS education, {person}, CAST(1 AS BIGINT) AS value \
             FROM ak1_applications a JOIN seekers s ON s.account_id = a.account_id \
             LEFT JOIN seeker_profiles p ON p.account_id = a.account_id WHERE a.card_number IS NOT NULL"
        ),
        Dataset::Vacancies | Dataset::Positions => format!(
            "SELECT v.published_at_ms AS at_ms, {NO_TEXT} AS day, v.district_code AS district, v.kbli_section AS sector, \
             v.occupation_code AS occupation, v.education_code AS education, {NO_TEXT} AS sex, {NO_TEXT} AS born, \
             v.headcount AS value FROM vacancies v WHERE v.published_at_ms IS NOT NULL"
        ),
        Dataset::Placements => format!(
            "SELECT p.created_at_ms AS at_ms, {NO_TEXT} AS day, COALESCE(v.district_code, c.district_code) AS district, \
             c.kbli_section AS sector, v.occupation_code AS occupation, sp.education_level AS education, {person}, \
             CAST(1 AS BIGINT) AS value FROM placements p JOIN companies c ON c.id = p.company_id \
             LEFT JOIN vacancies v ON v.id = p.vacancy_id LEFT JOIN seekers s ON s.account_id = p.seeker_account_id \
             LEFT JOIN seeker_profiles sp ON sp.account_id = p.seeker_account_id WHERE p.confirmation <> 'rejected'"
        ),
        Dataset::FairVisitors | Dataset::FairAttendance => {
            let at = if dataset == Dataset::FairVisitors {
                "r.created_at_ms"
            } else {
                "r.checked_in_at_ms"
            };
            format!(
                "SELECT {at} AS at_ms, {NO_TEXT} AS day, sp.district_code AS district, {NO_TEXT} AS sector, \
                 {NO_TEXT} AS occupation, sp.education_level AS education, {person}, CAST(1 AS BIGINT) AS value \
                 FROM fair_registrations r JOIN seekers s ON s.account_id = r.seeker_account_id \
                 LEFT JOIN seeker_profiles sp ON sp.account_id = r.seeker_account_id WHERE {at} IS NOT NULL"
            )
        }
    }
}

pub async fn facts<'c, E>(executor: E, dataset: Dataset) -> Result<Vec<Fact>, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query_as(&facts_sql(dataset))
        .fetch_all(executor)
        .await
}

/// Decided items of a service: (submitted, decided, the legal deadline where the service keeps one).
pub async fn finished<'c, E>(
    executor: E,
    service: Service,
) -> Result<Vec<(i64, i64, Option<i64>)>, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let sql = match service {
        Service::Ak1 => {
            "SELECT submitted_at_ms, decided_at_ms, CAST(NULL AS BIGINT) FROM ak1_applications \
             WHERE decided_at_ms IS NOT NULL"
        }
        Service::CompanyVerification => {
            "SELECT created_at_ms, reviewed_at_ms, CAST(NULL AS BIGINT) FROM companies WHERE reviewed_at_ms IS NOT NULL"
        }
        Service::VacancyModeration => {
            "SELECT created_at_ms, reviewed_at_ms, CAST(NULL AS BIGINT) FROM vacancies \
             WHERE reviewed_at_ms IS NOT NULL AND reviewed_by IS NOT NULL"
        }
        Service::Pkwt => {
            "SELECT submitted_at_ms, decided_at_ms, CAST(NULL AS BIGINT) FROM pkwt_contracts \
             WHERE decided_at_ms IS NOT NULL"
        }
        Service::Dkptka => {
            "SELECT submitted_at_ms, decided_at_ms, CAST(NULL AS BIGINT) FROM dkptka_bills \
             WHERE decided_at_ms IS NOT NULL AND submitted_at_ms IS NOT NULL"
        }
        // The decision is the event that ended the request's clock (deemed approval included: late).
        Service::Requests => {
            "SELECT r.submitted_at_ms, MIN(e.at_ms), r.due_at_ms FROM requests r \
             JOIN request_events e ON e.request_id = r.id \
             WHERE e.to_status IN ('approved', 'registered', 'refused', 'deemed_approved') \
             AND r.submitted_at_ms IS NOT NULL GROUP BY r.id, r.submitted_at_ms, r.due_at_ms"
        }
    };
    sqlx::query_as(sql).fetch_all(executor).await
}

/// Waiting items of a service: id, submitted, and the stored deadline where the table keeps one.
pub async fn waiting<'c, E>(
    executor: E,
    service: Service,
) -> Result<Vec<(i64, i64, Option<i64>)>, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let sql = match service {
        Service::Ak1 => {
            "SELECT id, submitted_at_ms, due_at_ms FROM ak1_applications WHERE status = 'waiting'"
        }
        Service::CompanyVerification => {
            "SELECT id, created_at_ms, CAST(NULL AS BIGINT) FROM companies WHERE verified = 0 AND rejection_reason IS NULL"
        }
        Service::VacancyModeration => {
            "SELECT id, created_at_ms, CAST(NULL AS BIGINT) FROM vacancies WHERE status = 'pending'"
        }
        Service::Pkwt => {
            "SELECT id, submitted_at_ms, due_at_ms FROM pkwt_contracts WHERE status = 'waiting'"
        }
        Service::Dkptka => {
            "SELECT id, COALESCE(submitted_at_ms, created_at_ms), due_at_ms FROM dkptka_bills WHERE status = 'submitted'"
        }
        // A request sent back for correction waits for the company, not the office.
        Service::Requests => {
            "SELECT id, submitted_at_ms, due_at_ms FROM requests \
             WHERE status IN ('submitted', 'in_review') AND submitted_at_ms IS NOT NULL"
        }
    };
    sqlx::query_as(sql).fetch_all(executor).await
}

/// One cell to store: dataset, month, district, dimension, category, value.
pub type CellRow = (Dataset, String, String, String, String, i64);

/// Replaces the read model in the caller's transaction.
pub async fn replace_all(
    tx: &mut sqlx::Transaction<'static, Any>,
    cells: &[CellRow],
    services: &[(Service, ServiceMonth)],
    refreshed_at_ms: i64,
    months: (&str, &str),
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM stat_cells")
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM stat_service_months")
        .execute(&mut **tx)
        .await?;
    for chunk in cells.chunks(300) {
        let mut sql = SqlBuilder::new("");
        let values: Vec<String> = chunk
            .iter()
            .map(|(dataset, month, district, dimension, category, value)| {
                let binds = [
                    sql.bind(Bind::Text(dataset.slug().to_owned())),
                    sql.bind(Bind::Text(month.clone())),
                    sql.bind(Bind::Text(district.clone())),
                    sql.bind(Bind::Text(dimension.clone())),
                    sql.bind(Bind::Text(category.clone())),
                    sql.bind(Bind::Int(*value)),
                ];
                format!("({})", binds.join(", "))
            })
            .collect();
        sql.sql = format!(
            "INSERT INTO stat_cells (dataset, month, district_code, dimension, category, value) VALUES {}",
            values.join(", ")
        );
        sql.query().execute(&mut **tx).await?;
    }
    for (service, month) in services {
        sqlx::query(
            "INSERT INTO stat_service_months (service, month, finished, within_clock, median_minutes) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(service.slug())
        .bind(&month.month)
        .bind(month.finished)
        .bind(month.within_clock)
        .bind(month.median_minutes)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query("DELETE FROM stat_refreshes")
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO stat_refreshes (id, refreshed_at_ms, first_month, last_month) VALUES (1, $1, $2, $3)",
    )
    .bind(refreshed_at_ms)
    .bind(months.0)
    .bind(months.1)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// When the read model was rebuilt, and the months it covers.
pub async fn refreshed<'c, E>(executor: E) -> Result<Option<(i64, String, String)>, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query_as(
        "SELECT refreshed_at_ms, first_month, last_month FROM stat_refreshes WHERE id = 1",
    )
    .fetch_optional(executor)
    .await
}

/// Sums of a dataset's cells between two months ("YYYY-MM", inclusive), per dimension, category and month,
/// in one district or all.
pub async fn sums<'c, E>(
    executor: E,
    dataset: Dataset,
    months: (&str, &str),
    district: Option<&str>,
) -> Result<Vec<(String, String, String, i64)>, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let mut sql = SqlBuilder::new("");
    let dataset_bind = sql.bind(Bind::Text(dataset.slug().to_owned()));
    let from = sql.bind(Bind::Text(months.0.to_owned()));
    let to = sql.bind(Bind::Text(months.1.to_owned()));
    let district_clause = match district {
        Some(code) => format!(
            " AND district_code = {}",
            sql.bind(Bind::Text(code.to_owned()))
        ),
        None => String::new(),
    };
    sql.sql = format!(
        "SELECT dimension, category, month, CAST(SUM(value) AS BIGINT) FROM stat_cells \
         WHERE dataset = {dataset_bind} AND month >= {from} AND month <= {to}{district_clause} \
         GROUP BY dimension, category, month"
    );
    sql.query_as().fetch_all(executor).await
}

/// The cells of a dataset for the CSV file, in one district and year or all.
pub async fn cells<'c, E>(
    executor: E,
    dataset: Dataset,
    district: Option<&str>,
    year: Option<i32>,
) -> Result<Vec<(String, String, String, String, i64)>, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let mut sql = SqlBuilder::new("");
    let mut clauses = vec![format!(
        "dataset = {}",
        sql.bind(Bind::Text(dataset.slug().to_owned()))
    )];
    if let Some(code) = district {
        clauses.push(format!(
            "district_code = {}",
            sql.bind(Bind::Text(code.to_owned()))
        ));
    }
    if let Some(year) = year {
        clauses.push(format!(
            "month >= {}",
            sql.bind(Bind::Text(format!("{year:04}-01")))
        ));
        clauses.push(format!(
            "month <= {}",
            sql.bind(Bind::Text(format!("{year:04}-12")))
        ));
    }
    sql.sql = format!(
        "SELECT month, district_code, dimension, category, value FROM stat_cells WHERE {} \
         ORDER BY month, district_code, dimension, category",
        clauses.join(" AND ")
    );
    sql.query_as().fetch_all(executor).await
}

/// The years with any figure of a dataset, newest first.
pub async fn years<'c, E>(executor: E, dataset: Dataset) -> Result<Vec<i32>, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT DISTINCT SUBSTR(month, 1, 4) FROM stat_cells WHERE dataset = $1 AND dimension = $2",
    )
    .bind(dataset.slug())
    .bind(TOTAL)
    .fetch_all(executor)
    .await?;
    let mut years: Vec<i32> = rows.iter().filter_map(|(y,)| y.parse().ok()).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    Ok(years)
}

/// The service-level months since `first_month`.
pub async fn service_months<'c, E>(
    executor: E,
    first_month: &str,
) -> Result<Vec<(String, ServiceMonth)>, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let rows: Vec<(String, String, i64, i64, i64)> = sqlx::query_as(
        "SELECT service, month, finished, within_clock, median_minutes FROM stat_service_months \
         WHERE month >= $1 ORDER BY service, month",
    )
    .bind(first_month)
    .fetch_all(executor)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(service, month, finished, within_clock, median_minutes)| {
            (
                service,
                ServiceMonth {
                    month,
                    finished,
                    within_clock,
                    median_minutes,
                },
            )
        })
        .collect())
}

/// The names of every code a breakdown can show, in the language asked for and in the order they are
/// listed: districts, education levels (by rank), KBLI sections and KBJI major groups, as (dimension slug,
/// code, name).
pub async fn labels<'c, E>(
    executor: E,
    lang: Lang,
) -> Result<Vec<(String, String, String)>, AppError>
where
    E: Executor<'c, Database = Any>,
{
    let name = if lang == Lang::En {
        "name_en"
    } else {
        "name_id"
    };
    let sql = format!(
        "SELECT CAST('kecamatan' AS TEXT), code, name, CAST(0 AS BIGINT) FROM regions \
         WHERE level = 'district' AND parent_code = $1 \
         UNION ALL SELECT CAST('pendidikan' AS TEXT), code, {name}, rank FROM education_levels \
         UNION ALL SELECT CAST('kbli' AS TEXT), code, {name}, CAST(0 AS BIGINT) FROM kbli_sections \
         UNION ALL SELECT CAST('kbji' AS TEXT), code, {name}, CAST(0 AS BIGINT) FROM kbji_groups WHERE level = 'major' \
         ORDER BY 1, 4, 2"
    );
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(&sql)
        .bind(REGENCY.dotted)
        .fetch_all(executor)
        .await?;
    Ok(rows.into_iter().map(|(d, c, n, _)| (d, c, n)).collect())
}
