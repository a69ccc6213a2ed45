//! Reference data admins keep (the minimum wage by year) and the record of the daily jobs.
use crate::core::{region::REGENCY, text::normalize_text};
use crate::{
    core::{error::AppError, money::Rupiah, role::Role},
    features::admin::model::{JobRun, MinimumWageRow},
    server::{audit, authz::RequestCtx},
};

pub async fn minimum_wages(ctx: &RequestCtx) -> Result<Vec<MinimumWageRow>, AppError> {
    ctx.require(Role::Admin)?;
    let rows: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT year, amount_idr, legal_basis FROM minimum_wages WHERE region_code = $1 AND sector_code IS NULL \
         ORDER BY year DESC",
    )
    .bind(REGENCY.dotted)
    .fetch_all(&ctx.state.db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(year, amount, legal_basis)| MinimumWageRow {
            year,
            amount: Rupiah(amount),
            legal_basis,
        })
        .collect())
}

/// Enters (or corrects) the UMK of a year, then warns companies whose active contracts fall below it.
/// Returns how many companies were warned now.
pub async fn save_minimum_wage(
    ctx: &RequestCtx,
    year: &str,
    amount: &str,
    legal_basis: &str,
) -> Result<String, AppError> {
    ctx.require(Role::Admin)?;
    let mut errors = crate::core::error::FieldErrors::new();
    let year = year
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|y| (2000..=2100).contains(y));
    if year.is_none() {
        errors.add("year", "err_year");
    }
    let amount = Rupiah::parse(amount).filter(|a| a.0 > 0 && a.0 < 1_000_000_000);
    if amount.is_none() {
        errors.add("amount", "err_amount");
    }
    let legal_basis = normalize_text(legal_basis, 3, 200);
    if let Err(key) = &legal_basis {
        errors.add("legal_basis", key);
    }
    errors.into_result()?;
    let (Some(year), Some(amount), Ok(legal_basis)) = (year, amount, legal_basis) else {
        return Err(AppError::field("year", "err_year"));
    };
    let mut tx = ctx.state.db.begin_write().await?;
    let updated = sqlx::query(
        "UPDATE minimum_wages SET amount_idr = $1, legal_basis = $2 WHERE region_code = $3 AND year = $4 \
         AND sector_code IS NULL",
    )
    .bind(amount.0)
    .bind(&legal_basis)
    .bind(REGENCY.dotted)
    .bind(year)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        sqlx::query(
            "INSERT INTO minimum_wages (region_code, year, sector_code, amount_idr, legal_basis) VALUES ($1, $2, NULL, $3, $4)",
        )
        .bind(REGENCY.dotted)
        .bind(year)
        .bind(amount.0)
        .bind(&legal_basis)
        .execute(&mut *tx)
        .await?;
    }
    let detail = format!("{year}: {amount}");
    audit::record(
        &mut *tx,
        ctx.audit(
            "reference.minimum_wage",
            "minimum_wage",
            Some(year.to_string()),
        )
        .detail(&detail),
    )
    .await?;
    tx.commit().await?;
    crate::features::pkwt::jobs::warn_below_minimum_wage(&ctx.state).await
}

pub async fn job_runs(ctx: &RequestCtx) -> Result<Vec<JobRun>, AppError> {
    ctx.require(Role::Admin)?;
    // The latest runs of each job: hourly jobs write 24 rows a day and would push the daily ones off a
    // plain "latest 90".
    Ok(sqlx::query_as(
        "SELECT job, run_on, instance, started_at_ms, finished_at_ms, outcome, detail FROM \
         (SELECT job, run_on, instance, started_at_ms, finished_at_ms, outcome, detail, \
          ROW_NUMBER() OVER (PARTITION BY job ORDER BY run_on DESC) AS nth FROM job_runs) latest \
         WHERE nth <= 14 ORDER BY run_on DESC, job",
    )
    .fetch_all(&ctx.state.db.pool)
    .await?)
}
