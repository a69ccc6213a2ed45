//! The search's filter choices (districts, KBLI sections, KBJI groups, education levels), localized, and
//! the education levels a filter admits.
use crate::{
    core::{error::AppError, i18n::Lang},
    features::vacancies::views::{Options, SearchOptions},
    server::db::Db,
};

/// The education levels a filter for `code` admits: those ranked at or under it (none for an unknown code).
pub(crate) async fn admitted_education(db: &Db, code: &str) -> Result<Vec<String>, AppError> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT code FROM education_levels WHERE rank <= (SELECT rank FROM education_levels WHERE code = $1)",
    )
    .bind(code)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(|(code,)| code).collect())
}

/// The filters' choices, localized.
pub async fn options(db: &Db, lang: Lang) -> Result<SearchOptions, AppError> {
    let strings = lang.strings();
    let districts: Options = sqlx::query_as(
        "SELECT code, name FROM regions WHERE level = 'district' AND parent_code = '36.03' ORDER BY name",
    )
    .fetch_all(&db.pool)
    .await?;
    let sectors: Vec<(String,)> = sqlx::query_as("SELECT code FROM kbli_sections ORDER BY code")
        .fetch_all(&db.pool)
        .await?;
    let sectors = sectors
        .into_iter()
        .map(|(code,)| {
            let label = strings
                .lookup(&format!("kbli_{}", code.to_ascii_lowercase()))
                .map_or(code.clone(), |name| format!("{code} — {name}"));
            (code, label)
        })
        .collect();
    Ok(SearchOptions {
        districts,
        sectors,
        occupations: occupations(db, lang).await?,
        education: education(db, lang).await?,
    })
}

/// KBJI sub-major groups, "83 — Pengemudi …".
pub async fn occupations(db: &Db, lang: Lang) -> Result<Options, AppError> {
    let rows: Vec<(String, String)> = sqlx::query_as(&format!(
        "SELECT code, name_{} FROM kbji_groups WHERE level = 'sub_major' ORDER BY code",
        lang.code()
    ))
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(code, name)| (code.clone(), format!("{code} — {name}")))
        .collect())
}

pub async fn education(db: &Db, lang: Lang) -> Result<Options, AppError> {
    Ok(sqlx::query_as(&format!(
        "SELECT code, name_{} FROM education_levels ORDER BY rank",
        lang.code()
    ))
    .fetch_all(&db.pool)
    .await?)
}
