//! All SQL of statistics. The fact reads (`facts.rs`) and the queues' reads (`queues.rs`) are a reporting
//! read model over other areas' tables (read-only, never their repos); the rest reads and rebuilds this
//! area's own tables (`stat_cells`, `stat_service_months`, `stat_refreshes`).
use sqlx::{Any, Executor};

use crate::{
    core::{error::AppError, i18n::Lang, region::REGENCY},
    features::statistics::{
        clock::Service,
        model::{Dataset, ServiceMonth, TOTAL},
    },
    server::db::{Bind, SqlBuilder},
};

mod facts;
mod queues;

pub use facts::{Fact, facts};
pub use queues::{
    complaint_counts, complaint_overdue_heads, counts, finished, overdue_heads, waiting,
};

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
