//! Matching both ways: "recommended for you" (vacancies for a seeker who allows matching) and "suggested
//! candidates" (discoverable seekers for a vacancy, shown under a pseudonym until they accept an invitation).
//! SQL narrows the field cheaply (`repo/matching.rs`); the explainable score (`matching.rs`) ranks what is left.
use std::collections::HashMap;

use crate::{
    core::{error::AppError, i18n::Lang, role::Role},
    features::{
        ak1::model::comma_list,
        vacancies::{
            matching::{MatchScore, SeekerFacts, VacancyFacts, education_rank, score},
            query::search_words,
            repo::{
                matching::{
                    self as matching_repo, ScoredVacancyRow, SeekerRow, candidate_seekers,
                    candidate_vacancies, consented, experience_months, vacancy_facts,
                },
                vacancies::{own_vacancy, title_and_status},
            },
            views::{Recommendation, SuggestedCandidate, VacancySummary},
        },
    },
    server::{audit, authz::RequestCtx, db::Db, notify, pii::PiiCipher},
};

pub const RECOMMENDATIONS: usize = 10;
pub const SUGGESTIONS: usize = 20;

fn facts(row: &SeekerRow, experience_months: u32) -> SeekerFacts {
    SeekerFacts {
        skills: comma_list(&row.skills),
        verified_skills: comma_list(&row.verified_skills),
        preferred_occupations: comma_list(&row.preferred_occupations),
        education_rank: row.education_level.as_deref().map_or(0, education_rank),
        experience_months,
        district_code: row.district_code.clone(),
        preferred_district_code: row.preferred_district_code.clone(),
        minimum_wage_idr: row.minimum_wage_idr,
        work_time: row.work_time.clone(),
    }
}

async fn seeker_facts(
    db: &Db,
    account_id: i64,
    now_ms: i64,
) -> Result<Option<SeekerFacts>, AppError> {
    let Some(row) = matching_repo::seeker(db, account_id).await? else {
        return Ok(None);
    };
    let months = experience_months(db, &[account_id], now_ms).await?;
    Ok(Some(facts(
        &row,
        months.get(&account_id).copied().unwrap_or(0),
    )))
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
            // The pools come back in no promised order: the id settles ties the same way every time.
            .then(b.vacancy.id.cmp(&a.vacancy.id))
    });
    scored.truncate(RECOMMENDATIONS);
    Ok(Some(scored))
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
    let company_id = ctx.require_company()?.company_id;
    let vacancy = own_vacancy(&ctx.state.db, vacancy_id, company_id).await?;
    // Only an open vacancy looks for people.
    if vacancy.status != "published" {
        return Ok(Vec::new());
    }
    rank_candidates(&ctx.state.db, &ctx.state.pii, vacancy_id, ctx.now_ms()).await
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
    let invitations = matching_repo::invitations(db, vacancy_id).await?;
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
                verified_skills: seeker.verified_skills,
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
    let account_id = ctx.require_company()?.account_id;
    let ranked = ranked_candidates(ctx, vacancy_id).await?;
    let Some((seeker_id, _)) = ranked.iter().find(|(_, c)| c.pseudonym == pseudonym) else {
        return Err(AppError::NotFound);
    };
    let db = &ctx.state.db;
    let (title, status) = title_and_status(db, vacancy_id).await?;
    if status != "published" {
        return Err(AppError::Conflict("err_vacancy_not_open".into()));
    }
    let email = matching_repo::email_of(db, *seeker_id).await?;
    let now = ctx.now_ms();
    let mut tx = db.begin_write().await?;
    let inserted =
        matching_repo::insert_invitation(&mut tx, db, vacancy_id, *seeker_id, account_id, now)
            .await?;
    if inserted == 0 {
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
