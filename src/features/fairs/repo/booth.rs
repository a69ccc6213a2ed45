//! Booths: the booth row, its vacancies, the officer's requests, and the company's writes (request,
//! text, vacancies, banner).
use sqlx::{AnyConnection, FromRow};

use crate::{
    core::error::AppError,
    features::fairs::model::{BoothCard, BoothRequest, BoothStatus},
    server::db::{Backend, Db},
};

#[derive(FromRow)]
pub struct BoothRow {
    pub id: i64,
    pub fair_id: i64,
    pub company_id: i64,
    pub company_name: String,
    pub status: String,
    pub description: String,
    pub contact_hours: String,
    pub banner_key: Option<String>,
    pub officer_note: Option<String>,
}

pub async fn booth_row(db: &Db, booth_id: i64) -> Result<BoothRow, AppError> {
    sqlx::query_as(
        "SELECT b.id, b.fair_id, b.company_id, c.name AS company_name, b.status, b.description, b.contact_hours, \
         b.banner_key, b.officer_note FROM fair_booths b JOIN companies c ON c.id = b.company_id WHERE b.id = $1",
    )
    .bind(booth_id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)
}

pub async fn public_booths(db: &Db, fair_id: i64) -> Result<Vec<BoothCard>, AppError> {
    let rows: Vec<(i64, String, String, i64, Option<String>)> = sqlx::query_as(
        "SELECT b.id, c.name, b.description, (SELECT COUNT(*) FROM fair_booth_vacancies v WHERE v.booth_id = b.id), \
         b.banner_key FROM fair_booths b JOIN companies c ON c.id = b.company_id \
         WHERE b.fair_id = $1 AND b.status = 'approved' ORDER BY c.name",
    )
    .bind(fair_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, company_name, description, vacancies, banner)| BoothCard {
                id,
                company_name,
                description,
                vacancies,
                has_banner: banner.is_some(),
            },
        )
        .collect())
}

/// `(id, title, district)` of the published vacancies shown at a booth.
pub async fn booth_vacancies(
    db: &Db,
    booth_id: i64,
) -> Result<Vec<(i64, String, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT v.id, v.title, r.name FROM fair_booth_vacancies bv JOIN vacancies v ON v.id = bv.vacancy_id \
         JOIN regions r ON r.code = v.district_code WHERE bv.booth_id = $1 AND v.status = 'published' ORDER BY v.title",
    )
    .bind(booth_id)
    .fetch_all(&db.pool)
    .await?)
}

/// The booth's vacancies this seeker has applied for.
pub async fn applied_at(db: &Db, booth_id: i64, account_id: i64) -> Result<Vec<i64>, AppError> {
    Ok(sqlx::query_as::<_, (i64,)>(
        "SELECT a.vacancy_id FROM job_applications a JOIN fair_booth_vacancies bv ON bv.vacancy_id = a.vacancy_id \
         WHERE bv.booth_id = $1 AND a.seeker_account_id = $2",
    )
    .bind(booth_id)
    .bind(account_id)
    .fetch_all(&db.pool)
    .await?
    .into_iter()
    .map(|(id,)| id)
    .collect())
}

/// A booth request; `None` when the company already has a booth at this fair.
pub async fn insert(
    conn: &mut AnyConnection,
    backend: Backend,
    fair_id: i64,
    company_id: i64,
    (description, contact_hours): (&str, &str),
    requested_by: i64,
    now: i64,
) -> Result<Option<i64>, AppError> {
    let inserted: Option<(i64,)> = sqlx::query_as(&format!(
        "INSERT INTO fair_booths (fair_id, company_id, status, description, contact_hours, requested_by, created_at_ms) \
         VALUES ($1, $2, 'requested', $3, $4, $5, $6){} RETURNING id",
        backend.insert_ignore_suffix("fair_id, company_id")
    ))
    .bind(fair_id)
    .bind(company_id)
    .bind(description)
    .bind(contact_hours)
    .bind(requested_by)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(inserted.map(|(id,)| id))
}

/// Decides a requested booth; false when it was already decided.
pub async fn decide(
    conn: &mut AnyConnection,
    booth_id: i64,
    status: BoothStatus,
    note: Option<String>,
    officer_id: i64,
    now: i64,
) -> Result<bool, AppError> {
    let decided = sqlx::query(
        "UPDATE fair_booths SET status = $1, officer_note = $2, decided_by = $3, decided_at_ms = $4 \
         WHERE id = $5 AND status = 'requested'",
    )
    .bind(status.as_str())
    .bind(note)
    .bind(officer_id)
    .bind(now)
    .bind(booth_id)
    .execute(&mut *conn)
    .await?;
    Ok(decided.rows_affected() > 0)
}

/// `(requested_by, their email, fair name)` of a booth.
pub async fn requester(
    conn: &mut AnyConnection,
    booth_id: i64,
) -> Result<(i64, String, String), AppError> {
    Ok(sqlx::query_as(
        "SELECT b.requested_by, a.email, f.name FROM fair_booths b JOIN accounts a ON a.id = b.requested_by \
         JOIN job_fairs f ON f.id = b.fair_id WHERE b.id = $1",
    )
    .bind(booth_id)
    .fetch_one(&mut *conn)
    .await?)
}

pub async fn set_text(
    conn: &mut AnyConnection,
    booth_id: i64,
    description: &str,
    contact_hours: &str,
) -> Result<(), AppError> {
    sqlx::query("UPDATE fair_booths SET description = $1, contact_hours = $2 WHERE id = $3")
        .bind(description)
        .bind(contact_hours)
        .bind(booth_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn is_own_published_vacancy(
    conn: &mut AnyConnection,
    vacancy_id: i64,
    company_id: i64,
) -> Result<bool, AppError> {
    let own: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM vacancies WHERE id = $1 AND company_id = $2 AND status = 'published'",
    )
    .bind(vacancy_id)
    .bind(company_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(own.is_some())
}

pub async fn show_vacancy(
    conn: &mut AnyConnection,
    backend: Backend,
    booth_id: i64,
    vacancy_id: i64,
) -> Result<(), AppError> {
    sqlx::query(&format!(
        "INSERT INTO fair_booth_vacancies (booth_id, vacancy_id) VALUES ($1, $2){}",
        backend.insert_ignore_suffix("booth_id, vacancy_id")
    ))
    .bind(booth_id)
    .bind(vacancy_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn hide_vacancy(
    conn: &mut AnyConnection,
    booth_id: i64,
    vacancy_id: i64,
) -> Result<(), AppError> {
    sqlx::query("DELETE FROM fair_booth_vacancies WHERE booth_id = $1 AND vacancy_id = $2")
        .bind(booth_id)
        .bind(vacancy_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn set_banner(
    conn: &mut AnyConnection,
    booth_id: i64,
    key: &str,
) -> Result<(), AppError> {
    sqlx::query("UPDATE fair_booths SET banner_key = $1 WHERE id = $2")
        .bind(key)
        .bind(booth_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The company's latest booths.
pub async fn company_booth_ids(db: &Db, company_id: i64) -> Result<Vec<i64>, AppError> {
    let ids: Vec<(i64,)> = sqlx::query_as(
        "SELECT b.id FROM fair_booths b JOIN job_fairs f ON f.id = b.fair_id WHERE b.company_id = $1 \
         ORDER BY f.starts_on DESC, b.id DESC LIMIT 20",
    )
    .bind(company_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(ids.into_iter().map(|(id,)| id).collect())
}

/// `(id, title)` of the company's published vacancies.
pub async fn company_vacancies(db: &Db, company_id: i64) -> Result<Vec<(i64, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, title FROM vacancies WHERE company_id = $1 AND status = 'published' ORDER BY title LIMIT 200",
    )
    .bind(company_id)
    .fetch_all(&db.pool)
    .await?)
}

/// Every vacancy shown at a booth, published or not.
pub async fn vacancy_ids(db: &Db, booth_id: i64) -> Result<Vec<i64>, AppError> {
    let ids: Vec<(i64,)> =
        sqlx::query_as("SELECT vacancy_id FROM fair_booth_vacancies WHERE booth_id = $1")
            .bind(booth_id)
            .fetch_all(&db.pool)
            .await?;
    Ok(ids.into_iter().map(|(id,)| id).collect())
}

/// The booth requests waiting for an officer, oldest first.
pub async fn requests(db: &Db) -> Result<Vec<BoothRequest>, AppError> {
    let rows: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT b.id, f.name, c.name, b.description, b.created_at_ms FROM fair_booths b \
         JOIN job_fairs f ON f.id = b.fair_id JOIN companies c ON c.id = b.company_id \
         WHERE b.status = 'requested' ORDER BY b.created_at_ms, b.id LIMIT 100",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, fair_name, company_name, description, created_at_ms)| BoothRequest {
                id,
                fair_name,
                company_name,
                description,
                created_at_ms,
            },
        )
        .collect())
}

/// The approved booth of the calling company at this fair, if any (its staff may check tickets in).
pub async fn company_booth_at(
    db: &Db,
    fair_id: i64,
    company_id: i64,
) -> Result<Option<i64>, AppError> {
    Ok(sqlx::query_as::<_, (i64,)>(
        "SELECT id FROM fair_booths WHERE fair_id = $1 AND company_id = $2 AND status = 'approved'",
    )
    .bind(fair_id)
    .bind(company_id)
    .fetch_optional(&db.pool)
    .await?
    .map(|(id,)| id))
}
