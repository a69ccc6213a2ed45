//! The `vacancies` rows: reporting, closing, moderation, the vacancy page and the company's own lists.
use sqlx::{Any, AnyConnection, Executor, FromRow};

use crate::{
    core::{calendar, error::AppError, i18n::Lang, money::Rupiah},
    features::vacancies::{
        model::VacancyForm,
        search::{SUMMARY_JOINS, SummaryRow, summary_columns},
        views::{CompanyVacancy, ModerationItem},
    },
    server::{db::Db, error::internal, reference},
};

/// The UMK of Kabupaten Tangerang in force on `now_ms` (WIB), with the year it was set for: in the first
/// days of a year whose UMK the office has not entered yet, last year's (as the PKWT checks do), and a
/// warning in the log for the office. Before, every vacancy form and placement report failed on 1 January.
pub async fn minimum_wage(db: &Db, now_ms: i64) -> Result<(Rupiah, i32), AppError> {
    let year = calendar::wib_date(now_ms).year();
    let (wage, set_for) = reference::minimum_wage(db, crate::core::region::REGENCY.dotted, year)
        .await?
        .ok_or_else(|| internal(format!("no UMK up to {year}")))?;
    if set_for != year {
        tracing::warn!(
            year,
            set_for,
            "the UMK for this year is not entered yet: the latest one applies"
        );
    }
    Ok((wage, set_for))
}

/// The company's `(verified, kbli_section)`.
pub async fn company_standing<'e>(
    executor: impl Executor<'e, Database = Any>,
    company_id: i64,
) -> Result<(i64, String), sqlx::Error> {
    sqlx::query_as("SELECT verified, kbli_section FROM companies WHERE id = $1")
        .bind(company_id)
        .fetch_one(executor)
        .await
}

/// Whether `code` is a row of the reference `table` (a fixed table name, never user input).
pub async fn code_exists(db: &Db, table: &'static str, code: String) -> Result<bool, sqlx::Error> {
    let found: Option<(String,)> =
        sqlx::query_as(&format!("SELECT code FROM {table} WHERE code = $1"))
            .bind(code)
            .fetch_optional(&db.pool)
            .await?;
    Ok(found.is_some())
}

/// What the action decided about a new vacancy; the rest comes from the form.
pub struct NewVacancy {
    pub company_id: i64,
    pub created_by: i64,
    pub kbli_section: String,
    pub status: &'static str,
    pub flags: String,
    pub now_ms: i64,
    pub published_at_ms: Option<i64>,
}

/// Inserts a reported vacancy; returns its id.
pub async fn insert(
    conn: &mut AnyConnection,
    form: &VacancyForm,
    new: NewVacancy,
) -> Result<i64, sqlx::Error> {
    let (age_min, age_max) = form.age_bounds();
    let justification = Some(form.age_justification.trim().to_owned()).filter(|s| !s.is_empty());
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO vacancies (company_id, title, description, kbli_section, education_code, district_code, \
         wage_min_idr, wage_max_idr, headcount, work_type, deadline, status, created_at_ms, occupation_code, skills, \
         certificates, experience_years, shift, contract_type, address, age_min, age_max, age_justification, flags, \
         published_at_ms, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, \
         $23, $24, $25, $26) RETURNING id",
    )
    .bind(new.company_id)
    .bind(form.title.trim())
    .bind(form.description.trim())
    .bind(new.kbli_section)
    .bind(form.education_level.trim())
    .bind(form.district_code.trim())
    .bind(form.wage_min_idr())
    .bind(form.wage_max_idr())
    .bind(form.headcount.trim().parse::<i64>().unwrap_or(1))
    .bind(form.work_time.trim())
    .bind(form.deadline.trim())
    .bind(new.status)
    .bind(new.now_ms)
    .bind(form.occupation_code.trim())
    .bind(form.skill_list().join(", "))
    .bind(form.certificates.trim())
    .bind(form.experience())
    .bind(form.shift.trim())
    .bind(form.contract_type.trim())
    .bind(form.address.trim())
    .bind(age_min)
    .bind(age_max)
    .bind(justification)
    .bind(new.flags)
    .bind(new.published_at_ms)
    .bind(new.created_by)
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

/// Closes the company's own open or pending vacancy; returns the rows changed (0: not its own or not open).
pub async fn close_by_company(
    conn: &mut AnyConnection,
    vacancy_id: i64,
    company_id: i64,
    now_ms: i64,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE vacancies SET status = 'closed', closed_reason = 'company', closed_at_ms = $1 \
         WHERE id = $2 AND company_id = $3 AND status IN ('published', 'pending')",
    )
    .bind(now_ms)
    .bind(vacancy_id)
    .bind(company_id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected())
}

/// The company that reported the vacancy, if it exists.
pub async fn owner_of(db: &Db, vacancy_id: i64) -> Result<Option<(i64,)>, sqlx::Error> {
    sqlx::query_as::<_, (i64,)>("SELECT company_id FROM vacancies WHERE id = $1")
        .bind(vacancy_id)
        .fetch_optional(&db.pool)
        .await
}

/// Closes every vacancy whose deadline day has passed (WIB). Returns how many closed.
pub async fn close_expired(db: &Db, now_ms: i64) -> Result<u64, sqlx::Error> {
    let today = calendar::format_date(calendar::wib_date(now_ms));
    let done = sqlx::query(
        "UPDATE vacancies SET status = 'closed', closed_reason = 'deadline', closed_at_ms = $1 \
         WHERE status IN ('published', 'pending') AND deadline < $2",
    )
    .bind(now_ms)
    .bind(today)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected())
}

/// The search-result columns of one vacancy (any status).
pub(crate) async fn summary(
    db: &Db,
    lang: Lang,
    vacancy_id: i64,
) -> Result<Option<SummaryRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {} FROM vacancies v{SUMMARY_JOINS} WHERE v.id = $1",
        summary_columns(lang)
    ))
    .bind(vacancy_id)
    .fetch_optional(&db.pool)
    .await
}

#[derive(FromRow)]
pub struct DetailRow {
    pub company_id: i64,
    pub description: String,
    pub kbli_section: String,
    pub occupation_code: Option<String>,
    pub education_code: String,
    pub skills: String,
    pub certificates: String,
    pub experience_years: i64,
    pub headcount: i64,
    pub shift: String,
    pub contract_type: String,
    pub address: String,
    pub age_min: Option<i64>,
    pub age_max: Option<i64>,
    pub age_justification: Option<String>,
    pub status: String,
    pub company_address: String,
}

/// The vacancy page's columns beyond the summary.
pub async fn detail(db: &Db, vacancy_id: i64) -> Result<DetailRow, sqlx::Error> {
    sqlx::query_as(
        "SELECT v.company_id, v.description, v.kbli_section, v.occupation_code, v.education_code, v.skills, \
         v.certificates, v.experience_years, v.headcount, v.shift, v.contract_type, v.address, v.age_min, \
         v.age_max, v.age_justification, v.status, c.address AS company_address \
         FROM vacancies v JOIN companies c ON c.id = v.company_id WHERE v.id = $1",
    )
    .bind(vacancy_id)
    .fetch_one(&db.pool)
    .await
}

/// `flags` is stored comma-separated.
fn flag_list(flags: &str) -> Vec<String> {
    flags
        .split(',')
        .filter(|f| !f.is_empty())
        .map(str::to_owned)
        .collect()
}

#[derive(FromRow)]
struct CompanyVacancyRow {
    id: i64,
    title: String,
    status: String,
    closed_reason: Option<String>,
    review_reason: Option<String>,
    flags: String,
    deadline: String,
    headcount: i64,
    hired: i64,
    applications: i64,
}

impl From<CompanyVacancyRow> for CompanyVacancy {
    fn from(row: CompanyVacancyRow) -> CompanyVacancy {
        CompanyVacancy {
            id: row.id,
            title: row.title,
            status: row.status,
            closed_reason: row.closed_reason,
            review_reason: row.review_reason,
            flags: flag_list(&row.flags),
            deadline: row.deadline,
            headcount: row.headcount,
            hired: row.hired,
            applications: row.applications,
        }
    }
}

const COMPANY_VACANCY_COLUMNS: &str = "v.id, v.title, v.status, v.closed_reason, v.review_reason, v.flags, \
     v.deadline, v.headcount, \
     (SELECT COUNT(*) FROM placements p WHERE p.vacancy_id = v.id) AS hired, \
     (SELECT COUNT(*) FROM job_applications a WHERE a.vacancy_id = v.id AND a.status <> 'withdrawn') AS applications";

/// One of the company's own vacancies, or not found.
pub async fn own_vacancy(
    db: &Db,
    vacancy_id: i64,
    company_id: i64,
) -> Result<CompanyVacancy, AppError> {
    let row: CompanyVacancyRow = sqlx::query_as(&format!(
        "SELECT {COMPANY_VACANCY_COLUMNS} FROM vacancies v WHERE v.id = $1 AND v.company_id = $2"
    ))
    .bind(vacancy_id)
    .bind(company_id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(row.into())
}

/// The company's vacancies, newest first.
pub async fn company_vacancies(
    db: &Db,
    company_id: i64,
) -> Result<Vec<CompanyVacancy>, sqlx::Error> {
    let rows: Vec<CompanyVacancyRow> = sqlx::query_as(&format!(
        "SELECT {COMPANY_VACANCY_COLUMNS} FROM vacancies v WHERE v.company_id = $1 ORDER BY v.id DESC LIMIT 500"
    ))
    .bind(company_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(CompanyVacancy::from).collect())
}

#[derive(FromRow)]
struct ModerationRow {
    id: i64,
    title: String,
    company_name: String,
    company_verified: i64,
    description: String,
    skills: String,
    flags: String,
    age_justification: Option<String>,
    wage_min_idr: i64,
    wage_max_idr: i64,
    created_at_ms: i64,
}

/// Vacancies waiting for review, oldest first.
pub async fn pending(db: &Db) -> Result<Vec<ModerationItem>, sqlx::Error> {
    let rows: Vec<ModerationRow> = sqlx::query_as(
        "SELECT v.id, v.title, c.name AS company_name, c.verified AS company_verified, v.description, v.skills, \
         v.flags, v.age_justification, v.wage_min_idr, v.wage_max_idr, v.created_at_ms \
         FROM vacancies v JOIN companies c ON c.id = v.company_id \
         WHERE v.status = 'pending' ORDER BY v.created_at_ms, v.id LIMIT 200",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| ModerationItem {
            id: row.id,
            title: row.title,
            company_name: row.company_name,
            company_verified: row.company_verified == 1,
            description: row.description,
            skills: row.skills,
            flags: flag_list(&row.flags),
            age_justification: row.age_justification,
            wage_min: Rupiah(row.wage_min_idr),
            wage_max: Rupiah(row.wage_max_idr),
            created_at_ms: row.created_at_ms,
        })
        .collect())
}

/// A pending vacancy's `(title, created_by)`.
pub async fn pending_one(
    conn: &mut AnyConnection,
    vacancy_id: i64,
) -> Result<Option<(String, Option<i64>)>, sqlx::Error> {
    sqlx::query_as("SELECT title, created_by FROM vacancies WHERE id = $1 AND status = 'pending'")
        .bind(vacancy_id)
        .fetch_optional(&mut *conn)
        .await
}

/// An officer's decision on a pending vacancy.
pub struct Review<'a> {
    pub status: &'static str,
    pub published_at_ms: Option<i64>,
    pub reason: &'a str,
    pub officer_id: i64,
    pub now_ms: i64,
}

/// Records the decision, guarded by `status = 'pending'`; false when the vacancy was no longer pending
/// (another officer decided first).
pub async fn record_review(
    conn: &mut AnyConnection,
    vacancy_id: i64,
    review: Review<'_>,
) -> Result<bool, sqlx::Error> {
    let claimed = sqlx::query(
        "UPDATE vacancies SET status = $1, published_at_ms = $2, review_reason = $3, reviewed_by = $4, \
         reviewed_at_ms = $5 WHERE id = $6 AND status = 'pending'",
    )
    .bind(review.status)
    .bind(review.published_at_ms)
    .bind(Some(review.reason.to_owned()).filter(|r| !r.is_empty()))
    .bind(review.officer_id)
    .bind(review.now_ms)
    .bind(vacancy_id)
    .execute(&mut *conn)
    .await?;
    Ok(claimed.rows_affected() > 0)
}

/// A vacancy's `(title, status)`.
pub async fn title_and_status(db: &Db, vacancy_id: i64) -> Result<(String, String), sqlx::Error> {
    sqlx::query_as("SELECT title, status FROM vacancies WHERE id = $1")
        .bind(vacancy_id)
        .fetch_one(&db.pool)
        .await
}
