//! What matching reads: seeker profiles with their work history and consents, vacancy facts, the SQL
//! pre-selection of both pools, and the invitations of suggested candidates.
use std::collections::HashMap;

use sqlx::{AnyConnection, FromRow};

use crate::{
    core::{calendar, error::AppError, i18n::Lang},
    features::{
        ak1::{experience::parse_month, model::comma_list},
        vacancies::{
            matching::{VacancyFacts, education_rank},
            search::{SUMMARY_JOINS, SUMMARY_NAMES, SummaryRow, summary_columns},
        },
    },
    server::db::{Db, SqlBuilder, VACANCIES_FROM},
};

/// How many rows the SQL pre-selection hands to the scorer.
const CANDIDATE_POOL: i64 = 300;

#[derive(FromRow, serde::Deserialize)]
pub struct SeekerRow {
    pub account_id: i64,
    pub skills: String,
    pub verified_skills: String,
    pub preferred_occupations: String,
    pub education_level: Option<String>,
    pub district_code: Option<String>,
    pub preferred_district_code: Option<String>,
    pub minimum_wage_idr: Option<i64>,
    pub work_time: Option<String>,
    pub district_name: Option<String>,
}

const SEEKER_COLUMNS: &str = "p.account_id, p.skills, p.verified_skills, p.preferred_occupations, p.education_level, \
     p.district_code, p.preferred_district_code, p.minimum_wage_idr, p.work_time, r.name AS district_name";
/// The names of [`SEEKER_COLUMNS`], in order.
const SEEKER_NAMES: [&str; 10] = [
    "account_id",
    "skills",
    "verified_skills",
    "preferred_occupations",
    "education_level",
    "district_code",
    "preferred_district_code",
    "minimum_wage_idr",
    "work_time",
    "district_name",
];

#[derive(FromRow, serde::Deserialize)]
struct WorkSpan {
    account_id: i64,
    start_month: String,
    end_month: Option<String>,
}

/// Months of work history per seeker (overlapping jobs counted once each; a running job up to `now`).
pub async fn experience_months(
    db: &Db,
    account_ids: &[i64],
    now_ms: i64,
) -> Result<HashMap<i64, u32>, AppError> {
    let mut months = HashMap::new();
    if account_ids.is_empty() {
        return Ok(months);
    }
    let mut sql = SqlBuilder::new("");
    let ids: Vec<String> = account_ids.iter().map(|id| sql.int(*id)).collect();
    sql.sql = format!(
        "SELECT account_id, start_month, end_month FROM seeker_work_history WHERE account_id IN ({})",
        ids.join(", ")
    );
    // Up to two pools of seekers, each with a few jobs: one row on SQLite.
    let rows: Vec<WorkSpan> = db
        .fetch_packed(&sql, &["account_id", "start_month", "end_month"])
        .await?;
    let today = calendar::wib_date(now_ms);
    let this_month = (today.year(), u8::from(today.month()));
    for WorkSpan {
        account_id,
        start_month: start,
        end_month: end,
    } in rows
    {
        let (Some(start), Some(end)) = (
            parse_month(&start),
            end.as_deref().map_or(Some(this_month), parse_month),
        ) else {
            continue;
        };
        let span = (end.0 - start.0) * 12 + i32::from(end.1) - i32::from(start.1) + 1;
        *months.entry(account_id).or_insert(0) += span.max(0) as u32;
    }
    Ok(months)
}

pub async fn consented(db: &Db, account_id: i64, purpose: &str) -> Result<bool, AppError> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT granted FROM consents WHERE account_id = $1 AND purpose = $2")
            .bind(account_id)
            .bind(purpose)
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.is_some_and(|(granted,)| granted == 1))
}

/// The seeker's profile columns matching reads.
pub async fn seeker(db: &Db, account_id: i64) -> Result<Option<SeekerRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {SEEKER_COLUMNS} FROM seeker_profiles p LEFT JOIN regions r ON r.code = p.district_code \
         WHERE p.account_id = $1"
    ))
    .bind(account_id)
    .fetch_optional(&db.pool)
    .await
}

#[derive(FromRow)]
struct VacancyFactsRow {
    title: String,
    skills: String,
    education_code: String,
    experience_years: i64,
    district_code: String,
    wage_max_idr: i64,
    work_type: String,
}

impl From<VacancyFactsRow> for VacancyFacts {
    fn from(row: VacancyFactsRow) -> VacancyFacts {
        VacancyFacts {
            title: row.title,
            required_skills: comma_list(&row.skills),
            education_rank: education_rank(&row.education_code),
            experience_years: row.experience_years.clamp(0, 40) as u32,
            district_code: row.district_code,
            wage_max_idr: row.wage_max_idr,
            work_time: row.work_type,
        }
    }
}

const VACANCY_FACT_COLUMNS: &str = "v.title, v.skills, v.education_code, v.experience_years, v.district_code, v.wage_max_idr, v.work_type";

pub async fn vacancy_facts(db: &Db, vacancy_id: i64) -> Result<VacancyFacts, AppError> {
    let row: VacancyFactsRow = sqlx::query_as(&format!(
        "SELECT {VACANCY_FACT_COLUMNS} FROM vacancies v WHERE v.id = $1"
    ))
    .bind(vacancy_id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(row.into())
}

/// What a [`ScoredVacancyRow`] reads besides the summary, and the names of those columns.
const SCORING_COLUMNS: &str = "v.skills, v.education_code, v.experience_years, v.district_code";
const SCORING_NAMES: [&str; 4] = [
    "skills",
    "education_code",
    "experience_years",
    "district_code",
];

#[derive(FromRow, serde::Deserialize)]
pub struct ScoredVacancyRow {
    #[sqlx(flatten)]
    #[serde(flatten)]
    pub(crate) summary: SummaryRow,
    pub skills: String,
    pub education_code: String,
    pub experience_years: i64,
    pub district_code: String,
}

/// Open vacancies the seeker has not applied to: matching any of `words`, or in `district`, or the newest.
pub async fn candidate_vacancies(
    db: &Db,
    lang: Lang,
    seeker_id: i64,
    words: Option<&[String]>,
    district: Option<&str>,
    now_ms: i64,
) -> Result<Vec<ScoredVacancyRow>, AppError> {
    let mut sql = SqlBuilder::new("");
    let full_text = words.map(|w| db.backend.vacancy_full_text(&mut sql, w, &[], true, None));
    let today = sql.text(calendar::format_date(calendar::wib_date(now_ms)));
    let seeker = sql.int(seeker_id);
    let mut conditions = vec![
        format!("v.status = 'published' AND v.deadline >= {today}"),
        format!(
            "NOT EXISTS (SELECT 1 FROM job_applications j WHERE j.vacancy_id = v.id AND j.seeker_account_id = {seeker})"
        ),
    ];
    if let Some(text) = &full_text {
        conditions.push(text.condition.clone());
    }
    if let Some(district) = district {
        conditions.push(format!("v.district_code = {}", sql.text(district)));
    }
    // Newest first lets the index stop at the pool size; the score ranks what comes back.
    let order = full_text
        .as_ref()
        .map_or("v.published_at_ms DESC", |t| t.newest);
    let limit = sql.int(CANDIDATE_POOL);
    sql.sql = format!(
        "SELECT {}, {SCORING_COLUMNS} FROM {}{SUMMARY_JOINS} \
         WHERE {} ORDER BY {order} LIMIT {limit}",
        summary_columns(lang),
        full_text.as_ref().map_or(VACANCIES_FROM, |t| t.from),
        conditions.join(" AND ")
    );
    let mut names = SUMMARY_NAMES.to_vec();
    names.extend(SCORING_NAMES);
    db.fetch_packed(&sql, &names).await
}

/// Discoverable seekers for a vacancy (at most one education level below its requirement, not yet
/// applied): sharing a word with it, or living in or wanting its district. Seekers who withdrew the
/// consent are not read at all (the consent is joined in the query).
pub async fn candidate_seekers(
    db: &Db,
    vacancy_id: i64,
    words: Option<&[String]>,
    district: Option<&str>,
) -> Result<Vec<SeekerRow>, AppError> {
    let mut sql = SqlBuilder::new("");
    let full_text = words.map(|w| db.backend.seeker_skills_match(&mut sql, w));
    let vacancy = sql.int(vacancy_id);
    let mut conditions = vec![
        format!(
            "COALESCE(e.rank, 0) >= (SELECT ev.rank FROM education_levels ev JOIN vacancies vv \
             ON vv.education_code = ev.code WHERE vv.id = {vacancy}) - 1"
        ),
        format!(
            "NOT EXISTS (SELECT 1 FROM job_applications j WHERE j.vacancy_id = {vacancy} \
             AND j.seeker_account_id = p.account_id)"
        ),
    ];
    if let Some(text) = &full_text {
        conditions.push(text.condition.clone());
    }
    if let Some(district) = district {
        let district = sql.text(district);
        conditions.push(format!(
            "(p.district_code = {district} OR p.preferred_district_code = {district})"
        ));
    }
    let limit = sql.int(CANDIDATE_POOL);
    sql.sql = format!(
        "SELECT {SEEKER_COLUMNS} FROM {} \
         JOIN consents c ON c.account_id = p.account_id AND c.purpose = 'discoverable' AND c.granted = 1 \
         JOIN accounts a ON a.id = p.account_id AND a.disabled = 0 AND a.role = 'seeker' \
         LEFT JOIN regions r ON r.code = p.district_code \
         LEFT JOIN education_levels e ON e.code = p.education_level \
         WHERE {} ORDER BY {} LIMIT {limit}",
        full_text.as_ref().map_or("seeker_profiles p", |t| t.from),
        conditions.join(" AND "),
        // Newest consents first: the consent index is then read in order and stops early.
        full_text.as_ref().map_or("c.account_id DESC", |t| t.newest),
    );
    db.fetch_packed(&sql, &SEEKER_NAMES).await
}

/// The vacancy's invitations: `(seeker_account_id, status)`.
pub async fn invitations(db: &Db, vacancy_id: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT seeker_account_id, status FROM candidate_invitations WHERE vacancy_id = $1",
    )
    .bind(vacancy_id)
    .fetch_all(&db.pool)
    .await
}

pub async fn email_of(db: &Db, account_id: i64) -> Result<String, sqlx::Error> {
    let (email,): (String,) = sqlx::query_as("SELECT email FROM accounts WHERE id = $1")
        .bind(account_id)
        .fetch_one(&db.pool)
        .await?;
    Ok(email)
}

/// Invites a seeker once per vacancy; returns the rows inserted (0: invited before).
pub async fn insert_invitation(
    conn: &mut AnyConnection,
    db: &Db,
    vacancy_id: i64,
    seeker_id: i64,
    invited_by: i64,
    now_ms: i64,
) -> Result<u64, sqlx::Error> {
    let inserted = sqlx::query(&format!(
        "INSERT INTO candidate_invitations (vacancy_id, seeker_account_id, invited_by, status, created_at_ms) \
         VALUES ($1, $2, $3, 'invited', $4){}",
        db.backend
            .insert_ignore_suffix("vacancy_id, seeker_account_id")
    ))
    .bind(vacancy_id)
    .bind(seeker_id)
    .bind(invited_by)
    .bind(now_ms)
    .execute(&mut *conn)
    .await?;
    Ok(inserted.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The result names of a column list: the alias after `AS`, else the column after its table's dot.
    fn result_names(columns: &str) -> Vec<String> {
        let (mut names, mut depth, mut start) = (Vec::new(), 0, 0);
        let mut name_of = |column: &str| {
            let column = column.trim();
            let name = column
                .rsplit_once(" AS ")
                .map_or_else(|| column.rsplit('.').next().unwrap_or(column), |(_, a)| a);
            names.push(name.trim().to_owned());
        };
        for (at, byte) in columns.bytes().enumerate() {
            match byte {
                b'(' => depth += 1,
                b')' => depth -= 1,
                b',' if depth == 0 => {
                    name_of(&columns[start..at]);
                    start = at + 1;
                }
                _ => {}
            }
        }
        name_of(&columns[start..]);
        names
    }

    #[test]
    fn packed_names_follow_the_selected_columns() {
        for lang in [Lang::Id, Lang::En] {
            assert_eq!(result_names(&summary_columns(lang)), SUMMARY_NAMES);
        }
        assert_eq!(result_names(SEEKER_COLUMNS), SEEKER_NAMES);
        assert_eq!(result_names(SCORING_COLUMNS), SCORING_NAMES);
        assert_eq!(
            result_names("v.id, COALESCE(a, b) AS x, y"),
            ["id", "x", "y"]
        );
    }
}
