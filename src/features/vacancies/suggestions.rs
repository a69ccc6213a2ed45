//! Matching both ways: "recommended for you" (vacancies for a seeker who allows matching) and "suggested
//! candidates" (discoverable seekers for a vacancy, shown under a pseudonym until they accept an invitation).
//! SQL narrows the field cheaply; the explainable score (`matching.rs`) ranks what is left.
use std::collections::HashMap;

use sqlx::FromRow;

use crate::{
    core::{calendar, error::AppError, i18n::Lang, role::Role},
    features::{
        ak1::{experience::parse_month, model::comma_list},
        vacancies::{
            matching::{MatchScore, SeekerFacts, VacancyFacts, education_rank, score},
            query::search_words,
            search::{SUMMARY_JOINS, SummaryRow, summary_columns},
            service::company_of,
            views::{Recommendation, SuggestedCandidate, VacancySummary},
        },
    },
    server::{
        audit,
        authz::RequestCtx,
        db::{Db, SqlBuilder, VACANCIES_FROM},
        notify,
        pii::PiiCipher,
    },
};

pub const RECOMMENDATIONS: usize = 10;
pub const SUGGESTIONS: usize = 20;
/// How many rows the SQL pre-selection hands to the scorer.
const CANDIDATE_POOL: i64 = 300;

#[derive(FromRow)]
struct SeekerRow {
    account_id: i64,
    skills: String,
    preferred_occupations: String,
    education_level: Option<String>,
    district_code: Option<String>,
    preferred_district_code: Option<String>,
    minimum_wage_idr: Option<i64>,
    work_time: Option<String>,
    district_name: Option<String>,
}

const SEEKER_COLUMNS: &str = "p.account_id, p.skills, p.preferred_occupations, p.education_level, \
     p.district_code, p.preferred_district_code, p.minimum_wage_idr, p.work_time, r.name AS district_name";

fn facts(row: &SeekerRow, experience_months: u32) -> SeekerFacts {
    SeekerFacts {
        skills: comma_list(&row.skills),
        preferred_occupations: comma_list(&row.preferred_occupations),
        education_rank: row.education_level.as_deref().map_or(0, education_rank),
        experience_months,
        district_code: row.district_code.clone(),
        preferred_district_code: row.preferred_district_code.clone(),
        minimum_wage_idr: row.minimum_wage_idr,
        work_time: row.work_time.clone(),
    }
}

/// Months of work history per seeker (overlapping jobs counted once each; a running job up to `now`).
async fn experience_months(
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
    let rows: Vec<(i64, String, Option<String>)> = sql.query_as().fetch_all(&db.pool).await?;
    let today = calendar::wib_date(now_ms);
    let this_month = (today.year(), u8::from(today.month()));
    for (account_id, start, end) in rows {
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

async fn consented(db: &Db, account_id: i64, purpose: &str) -> Result<bool, AppError> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT granted FROM consents WHERE account_id = $1 AND purpose = $2")
            .bind(account_id)
            .bind(purpose)
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.is_some_and(|(granted,)| granted == 1))
}

async fn seeker_facts(
    db: &Db,
    account_id: i64,
    now_ms: i64,
) -> Result<Option<SeekerFacts>, AppError> {
    let row: Option<SeekerRow> = sqlx::query_as(&format!(
        "SELECT {SEEKER_COLUMNS} FROM seeker_profiles p LEFT JOIN regions r ON r.code = p.district_code \
         WHERE p.account_id = $1"
    ))
    .bind(account_id)
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let months = experience_months(db, &[account_id], now_ms).await?;
    Ok(Some(facts(
        &row,
        months.get(&account_id).copied().unwrap_or(0),
    )))
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

async fn vacancy_facts(db: &Db, vacancy_id: i64) -> Result<VacancyFacts, AppError> {
    let row: VacancyFactsRow = sqlx::query_as(&format!(
        "SELECT {VACANCY_FACT_COLUMNS} FROM vacancies v WHERE v.id = $1"
    ))
    .bind(vacancy_id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(row.into())
}

/// The seeker's score for a vacancy, when they allow matching and have a profile.
pub async fn score_for(
    db: &Db,
    seeker_id: i64,
    vacancy_id: i64,
) -> Result<Option<MatchScore>, AppError> {
    if !consented(db, seeker_id, "matching").await? {
        return Ok(None);
    }
    let now = crate::server::db::now_ms();
    let Some(seeker) = seeker_facts(db, seeker_id, now).await? else {
        return Ok(None);
    };
    Ok(Some(score(&seeker, &vacancy_facts(db, vacancy_id).await?)))
}

#[derive(FromRow)]
struct ScoredVacancyRow {
    #[sqlx(flatten)]
    summary: SummaryRow,
    skills: String,
    education_code: String,
    experience_years: i64,
    district_code: String,
}

/// Open vacancies for the signed-in seeker, best first, each with its reasons. `None` when the seeker has
/// not allowed matching (the page says so).
pub async fn recommended(ctx: &RequestCtx) -> Result<Option<Vec<Recommendation>>, AppError> {
    let seeker = ctx.require(Role::Seeker)?;
    recommend(&ctx.state.db, ctx.lang, seeker.account_id, ctx.now_ms()).await
}

/// [`recommended`] without the sign-in check (benchmarks call it directly).
pub async fn recommend(
    db: &Db,
    lang: Lang,
    seeker_id: i64,
    now: i64,
) -> Result<Option<Vec<Recommendation>>, AppError> {
    if !consented(db, seeker_id, "matching").await? {
        return Ok(None);
    }
    let Some(facts) = seeker_facts(db, seeker_id, now).await? else {
        return Ok(Some(Vec::new()));
    };
    let words = search_words(
        &[
            facts.skills.join(" "),
            facts.preferred_occupations.join(" "),
        ]
        .join(" "),
    );
    let district = facts
        .preferred_district_code
        .clone()
        .or(facts.district_code.clone());
    let mut rows: Vec<ScoredVacancyRow> = Vec::new();
    if !words.is_empty() {
        rows.extend(candidate_vacancies(db, lang, seeker_id, Some(&words), None, now).await?);
    }
    if let Some(district) = &district {
        rows.extend(candidate_vacancies(db, lang, seeker_id, None, Some(district), now).await?);
    }
    if rows.is_empty() {
        rows.extend(candidate_vacancies(db, lang, seeker_id, None, None, now).await?);
    }
    let mut seen = std::collections::HashSet::new();
    let mut scored: Vec<Recommendation> = rows
        .into_iter()
        .filter(|row| seen.insert(row.summary.id))
        .map(|row| {
            let vacancy = VacancyFacts {
                title: row.summary.title.clone(),
                required_skills: comma_list(&row.skills),
                education_rank: education_rank(&row.education_code),
                experience_years: row.experience_years.clamp(0, 40) as u32,
                district_code: row.district_code.clone(),
                wage_max_idr: row.summary.wage_max_idr,
                work_time: row.summary.work_type.clone(),
            };
            Recommendation {
                score: score(&facts, &vacancy),
                vacancy: VacancySummary::from(row.summary),
            }
        })
        .collect();
    scored.sort_by(|a, b| {
        b.score
            .score
            .cmp(&a.score.score)
            .then(b.vacancy.published_at_ms.cmp(&a.vacancy.published_at_ms))
    });
    scored.truncate(RECOMMENDATIONS);
    Ok(Some(scored))
}

/// Open vacancies the seeker has not applied to: matching any of `words`, or in `district`, or the newest.
async fn candidate_vacancies(
    db: &Db,
    lang: Lang,
    seeker_id: i64,
    words: Option<&[String]>,
    district: Option<&str>,
    now_ms: i64,
) -> Result<Vec<ScoredVacancyRow>, AppError> {
    let mut sql = SqlBuilder::new("");
    let full_text = words.map(|w| db.backend.vacancy_full_text(&mut sql, w, true));
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
        "SELECT {}, v.skills, v.education_code, v.experience_years, v.district_code FROM {}{SUMMARY_JOINS} \
         WHERE {} ORDER BY {order} LIMIT {limit}",
        summary_columns(lang),
        full_text.as_ref().map_or(VACANCIES_FROM, |t| t.from),
        conditions.join(" AND ")
    );
    Ok(sql.query_as().fetch_all(&db.pool).await?)
}

/// The pseudonym of a seeker for one vacancy: the same on every visit, unlinkable across vacancies.
fn pseudonym(pii: &PiiCipher, vacancy_id: i64, seeker_id: i64) -> String {
    let digest = pii.blind_index(&format!("candidate:{vacancy_id}:{seeker_id}"));
    format!("K-{}", digest[..8].to_uppercase())
}

/// Discoverable seekers for one of the company's vacancies, best first, without name, NIK or contact.
/// Seekers who withdrew the consent are not read at all (the consent is joined in the query).
async fn ranked_candidates(
    ctx: &RequestCtx,
    vacancy_id: i64,
) -> Result<Vec<(i64, SuggestedCandidate)>, AppError> {
    let (_, company_id) = company_of(ctx)?;
    let vacancy = super::service::own_vacancy(&ctx.state.db, vacancy_id, company_id).await?;
    // Only an open vacancy looks for people.
    if vacancy.status != "published" {
        return Ok(Vec::new());
    }
    rank_candidates(&ctx.state.db, &ctx.state.pii, vacancy_id, ctx.now_ms()).await
}

/// Discoverable seekers for a vacancy (at most one education level below its requirement, not yet
/// applied): sharing a word with it, or living in or wanting its district. Seekers who withdrew the
/// consent are not read at all (the consent is joined in the query).
async fn candidate_seekers(
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
    Ok(sql.query_as().fetch_all(&db.pool).await?)
}

/// [`ranked_candidates`] without the ownership check (benchmarks call it directly).
pub async fn rank_candidates(
    db: &Db,
    pii: &PiiCipher,
    vacancy_id: i64,
    now_ms: i64,
) -> Result<Vec<(i64, SuggestedCandidate)>, AppError> {
    let vacancy = vacancy_facts(db, vacancy_id).await?;
    // Two pools, each read newest-first so the index can stop early: people whose skills or wanted
    // positions share a word with the vacancy, and people in (or wanting) its district.
    let words = search_words(&[vacancy.required_skills.join(" "), vacancy.title.clone()].join(" "));
    let mut rows: Vec<SeekerRow> = Vec::new();
    if !words.is_empty() {
        rows.extend(candidate_seekers(db, vacancy_id, Some(&words), None).await?);
    }
    rows.extend(candidate_seekers(db, vacancy_id, None, Some(&vacancy.district_code)).await?);
    let mut seen = std::collections::HashSet::new();
    rows.retain(|row| seen.insert(row.account_id));
    let ids: Vec<i64> = rows.iter().map(|r| r.account_id).collect();
    let months = experience_months(db, &ids, now_ms).await?;
    let invitations: Vec<(i64, String)> = sqlx::query_as(
        "SELECT seeker_account_id, status FROM candidate_invitations WHERE vacancy_id = $1",
    )
    .bind(vacancy_id)
    .fetch_all(&db.pool)
    .await?;
    let invitations: HashMap<i64, String> = invitations.into_iter().collect();
    let mut ranked: Vec<(i64, SuggestedCandidate)> = rows
        .iter()
        .map(|row| {
            let experience = months.get(&row.account_id).copied().unwrap_or(0);
            let seeker = facts(row, experience);
            let candidate = SuggestedCandidate {
                pseudonym: pseudonym(pii, vacancy_id, row.account_id),
                score: score(&seeker, &vacancy),
                education: row.education_level.clone(),
                district_name: row.district_name.clone(),
                experience_months: experience,
                skills: seeker.skills,
                invitation: invitations.get(&row.account_id).cloned(),
            };
            (row.account_id, candidate)
        })
        .collect();
    ranked.sort_by(|a, b| b.1.score.score.cmp(&a.1.score.score).then(b.0.cmp(&a.0)));
    ranked.truncate(SUGGESTIONS);
    Ok(ranked)
}

pub async fn suggested(
    ctx: &RequestCtx,
    vacancy_id: i64,
) -> Result<Vec<SuggestedCandidate>, AppError> {
    Ok(ranked_candidates(ctx, vacancy_id)
        .await?
        .into_iter()
        .map(|(_, candidate)| candidate)
        .collect())
}

/// Invites a suggested candidate (by pseudonym) to apply. The seeker is told; the company learns who it
/// is only if they accept.
pub async fn invite(ctx: &RequestCtx, vacancy_id: i64, pseudonym: &str) -> Result<(), AppError> {
    let (account_id, _) = company_of(ctx)?;
    let ranked = ranked_candidates(ctx, vacancy_id).await?;
    let Some((seeker_id, _)) = ranked.iter().find(|(_, c)| c.pseudonym == pseudonym) else {
        return Err(AppError::NotFound);
    };
    let db = &ctx.state.db;
    let (title, status): (String, String) =
        sqlx::query_as("SELECT title, status FROM vacancies WHERE id = $1")
            .bind(vacancy_id)
            .fetch_one(&db.pool)
            .await?;
    if status != "published" {
        return Err(AppError::Conflict("err_vacancy_not_open".into()));
    }
    let (email,): (String,) = sqlx::query_as("SELECT email FROM accounts WHERE id = $1")
        .bind(seeker_id)
        .fetch_one(&db.pool)
        .await?;
    let now = ctx.now_ms();
    let mut tx = db.begin_write().await?;
    let inserted = sqlx::query(&format!(
        "INSERT INTO candidate_invitations (vacancy_id, seeker_account_id, invited_by, status, created_at_ms) \
         VALUES ($1, $2, $3, 'invited', $4){}",
        db.backend
            .insert_ignore_suffix("vacancy_id, seeker_account_id")
    ))
    .bind(vacancy_id)
    .bind(*seeker_id)
    .bind(account_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(AppError::Conflict("err_already_invited".into()));
    }
    notify::send(
        &mut tx,
        notify::Notice {
            account_id: *seeker_id,
            message_key: "notice_invited",
            subject: &title,
            link: Some("/akun/lamaran".to_owned()),
            now_ms: now,
            email: Some(notify::Email {
                to: &email,
                public_url: &ctx.state.config.server.public_url,
            }),
        },
    )
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit("candidate.invite", "vacancy", Some(vacancy_id.to_string()))
            .about(*seeker_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
