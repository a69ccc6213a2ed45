//! The `placements` rows, and the company's vacancy report as CSV cells.
use sqlx::{AnyConnection, FromRow};

use crate::{core::calendar, features::vacancies::model::PlacementForm, server::db::Db};

/// What a hired application records: `(seeker_account_id, vacancy_id, title, wage_min_idr, contract_type,
/// full_name, nik_ciphertext, nik_hash)`.
pub type HireSource = (i64, i64, String, i64, String, String, String, String);

pub async fn hire_source(
    conn: &mut AnyConnection,
    application_id: i64,
) -> Result<HireSource, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.seeker_account_id, v.id, v.title, v.wage_min_idr, v.contract_type, acc.full_name, \
         s.nik_ciphertext, s.nik_hash FROM job_applications a JOIN vacancies v ON v.id = a.vacancy_id \
         JOIN accounts acc ON acc.id = a.seeker_account_id JOIN seekers s ON s.account_id = a.seeker_account_id \
         WHERE a.id = $1",
    )
    .bind(application_id)
    .fetch_one(&mut *conn)
    .await
}

/// Inserts the placement of a hired application, starting `today`; returns its id.
pub async fn insert_hire(
    conn: &mut AnyConnection,
    company_id: i64,
    application_id: i64,
    source: HireSource,
    today: String,
    actor: i64,
    now_ms: i64,
) -> Result<i64, sqlx::Error> {
    let (seeker_id, vacancy_id, position, wage, contract_type, name, nik_ciphertext, nik_hash) =
        source;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO placements (company_id, vacancy_id, application_id, seeker_account_id, worker_name, \
         nik_ciphertext, nik_hash, position, start_date, wage_idr, contract_type, reported_by, created_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(company_id)
    .bind(vacancy_id)
    .bind(application_id)
    .bind(seeker_id)
    .bind(name)
    .bind(nik_ciphertext)
    .bind(nik_hash)
    .bind(position)
    .bind(today)
    .bind(wage)
    .bind(contract_type)
    .bind(actor)
    .bind(now_ms)
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

/// Closes the vacancy as filled once its placements reach the headcount ("this was not me" does not count).
pub async fn close_if_filled(
    conn: &mut AnyConnection,
    vacancy_id: i64,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE vacancies SET status = 'closed', closed_reason = 'filled', closed_at_ms = $1 \
         WHERE id = $2 AND status = 'published' \
         AND (SELECT COUNT(*) FROM placements p WHERE p.vacancy_id = $2 AND p.confirmation <> 'rejected') >= headcount",
    )
    .bind(now_ms)
    .bind(vacancy_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The company's `(verified, name)`.
pub async fn company_verified_name(db: &Db, company_id: i64) -> Result<(i64, String), sqlx::Error> {
    sqlx::query_as("SELECT verified, name FROM companies WHERE id = $1")
        .bind(company_id)
        .fetch_one(&db.pool)
        .await
}

/// Whether the vacancy is the company's own and was ever published (a placement may name it).
pub async fn placeable_vacancy(
    conn: &mut AnyConnection,
    vacancy_id: i64,
    company_id: i64,
) -> Result<bool, sqlx::Error> {
    let owned: Option<(String,)> = sqlx::query_as(
        "SELECT status FROM vacancies WHERE id = $1 AND company_id = $2 AND status IN ('published', 'closed')",
    )
    .bind(vacancy_id)
    .bind(company_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(owned.is_some())
}

/// Whether the company already reported this NIK starting that day.
pub async fn already_placed(
    conn: &mut AnyConnection,
    company_id: i64,
    nik_hash: &str,
    start_date: &str,
) -> Result<bool, sqlx::Error> {
    let duplicate: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM placements WHERE company_id = $1 AND nik_hash = $2 AND start_date = $3",
    )
    .bind(company_id)
    .bind(nik_hash)
    .bind(start_date)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(duplicate.is_some())
}

/// The registered seeker with this NIK, if any.
pub async fn seeker_by_nik(
    conn: &mut AnyConnection,
    nik_hash: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let seeker: Option<(i64,)> =
        sqlx::query_as("SELECT account_id FROM seekers WHERE nik_hash = $1")
            .bind(nik_hash)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(seeker.map(|(id,)| id))
}

/// A placement reported by NIK; the rest comes from the form.
pub struct NikPlacement<'a> {
    pub company_id: i64,
    pub reported_by: i64,
    pub seeker_id: Option<i64>,
    pub nik_ciphertext: String,
    pub nik_hash: &'a str,
    pub confirmation: &'static str,
    pub now_ms: i64,
}

/// Inserts a placement reported by NIK; returns its id.
pub async fn insert_by_nik(
    conn: &mut AnyConnection,
    form: &PlacementForm,
    new: NikPlacement<'_>,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO placements (company_id, vacancy_id, application_id, seeker_account_id, worker_name, \
         nik_ciphertext, nik_hash, position, start_date, wage_idr, contract_type, reported_by, created_at_ms, \
         confirmation) VALUES ($1, $2, NULL, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(new.company_id)
    .bind(form.vacancy())
    .bind(new.seeker_id)
    .bind(form.worker_name.trim())
    .bind(new.nik_ciphertext)
    .bind(new.nik_hash)
    .bind(form.position.trim())
    .bind(form.start_date.trim())
    .bind(form.wage_idr())
    .bind(form.contract_type.trim())
    .bind(new.reported_by)
    .bind(new.now_ms)
    .bind(new.confirmation)
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

#[derive(FromRow)]
pub struct PlacementDbRow {
    pub id: i64,
    pub worker_name: String,
    pub nik_ciphertext: String,
    pub position: String,
    pub vacancy_title: Option<String>,
    pub start_date: String,
    pub wage_idr: i64,
    pub contract_type: String,
}

/// The company's placement reports, newest first (the NIK still encrypted).
pub async fn company_placements(
    db: &Db,
    company_id: i64,
) -> Result<Vec<PlacementDbRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.id, p.worker_name, p.nik_ciphertext, p.position, v.title AS vacancy_title, p.start_date, \
         p.wage_idr, p.contract_type FROM placements p LEFT JOIN vacancies v ON v.id = p.vacancy_id \
         WHERE p.company_id = $1 ORDER BY p.created_at_ms DESC, p.id DESC LIMIT 1000",
    )
    .bind(company_id)
    .fetch_all(&db.pool)
    .await
}

#[derive(FromRow)]
struct ReportRow {
    id: i64,
    title: String,
    occupation_code: Option<String>,
    kbli_section: String,
    headcount: i64,
    education_code: String,
    skills: String,
    experience_years: i64,
    wage_min_idr: i64,
    wage_max_idr: i64,
    district_name: String,
    work_type: String,
    contract_type: String,
    published_at_ms: Option<i64>,
    deadline: String,
    status: String,
    closed_reason: Option<String>,
    applications: i64,
    hired: i64,
}

/// The Perpres 57/2023 Pasal 5 fields of each of the company's vacancies, as CSV cells.
pub async fn vacancy_report_rows(
    db: &Db,
    company_id: i64,
) -> Result<Vec<Vec<String>>, sqlx::Error> {
    let rows: Vec<ReportRow> = sqlx::query_as(
        "SELECT v.id, v.title, v.occupation_code, v.kbli_section, v.headcount, v.education_code, v.skills, \
         v.experience_years, v.wage_min_idr, v.wage_max_idr, r.name AS district_name, v.work_type, v.contract_type, \
         v.published_at_ms, v.deadline, v.status, v.closed_reason, \
         (SELECT COUNT(*) FROM job_applications a WHERE a.vacancy_id = v.id AND a.status <> 'withdrawn') AS applications, \
         (SELECT COUNT(*) FROM placements p WHERE p.vacancy_id = v.id) AS hired \
         FROM vacancies v JOIN regions r ON r.code = v.district_code WHERE v.company_id = $1 ORDER BY v.id",
    )
    .bind(company_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(report_cells).collect())
}

fn report_cells(row: ReportRow) -> Vec<String> {
    vec![
        row.id.to_string(),
        row.title,
        row.occupation_code.unwrap_or_default(),
        row.kbli_section,
        row.headcount.to_string(),
        row.education_code,
        row.skills,
        row.experience_years.to_string(),
        row.wage_min_idr.to_string(),
        row.wage_max_idr.to_string(),
        row.district_name,
        row.work_type,
        row.contract_type,
        row.published_at_ms
            .map(|ms| calendar::format_date(calendar::wib_date(ms)))
            .unwrap_or_default(),
        row.deadline,
        row.status,
        row.closed_reason.unwrap_or_default(),
        row.applications.to_string(),
        row.hired.to_string(),
    ]
}
