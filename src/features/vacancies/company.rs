//! What a company member does with vacancies: the report form and its context, reporting and closing a
//! vacancy, the company's reports, and the pipeline of candidates (moves, notes).
use std::collections::HashMap;

use crate::{
    core::{calendar, error::AppError, validate::is_tangerang_district},
    features::vacancies::{
        model::VacancyForm,
        pipeline::{ApplicationStatus, MAX_COMPANY_NOTE},
        placements,
        repo::{
            applications::{self as applications_repo, CandidateRow},
            vacancies::{self as vacancies_repo, NewVacancy, minimum_wage, own_vacancy},
        },
        search_options,
        views::{CompanyNote, CompanyReports, FormContext, Pipeline, PipelineCandidate, Submitted},
    },
    server::{audit, authz::RequestCtx, db::Db, error::internal, notify},
};

pub async fn form_context(ctx: &RequestCtx) -> Result<FormContext, AppError> {
    let company_id = ctx.require_company()?.company_id;
    let db = &ctx.state.db;
    let (verified, section) = vacancies_repo::company_standing(&db.pool, company_id).await?;
    let (minimum_wage, minimum_wage_year) = minimum_wage(db, ctx.now_ms()).await?;
    let sector_name = ctx
        .lang
        .strings()
        .lookup(&format!("kbli_{}", section.to_ascii_lowercase()))
        .map_or(section.clone(), |name| format!("{section} — {name}"));
    Ok(FormContext {
        minimum_wage,
        minimum_wage_year,
        company_verified: verified == 1,
        sector_name,
        occupations: search_options::occupations(db, ctx.lang).await?,
        education: search_options::education(db, ctx.lang).await?,
    })
}

/// Reports a vacancy. The sector is the company's own (KBLI).
pub async fn submit(ctx: &RequestCtx, form: VacancyForm) -> Result<Submitted, AppError> {
    let company = ctx.require_company()?;
    let db = &ctx.state.db;
    let now = ctx.now_ms();
    let (umk, _) = minimum_wage(db, now).await?;
    let review = form
        .check(calendar::wib_date(now), umk.0)
        .map_err(AppError::Validation)?;
    if !is_tangerang_district(form.district_code.trim()) {
        return Err(AppError::field("district_code", "err_choose"));
    }
    let occupation = form.occupation_code.trim().to_owned();
    if !vacancies_repo::code_exists(db, "kbji_groups", occupation).await? {
        return Err(AppError::field("occupation_code", "err_choose"));
    }
    let education = form.education_level.trim().to_owned();
    if !vacancies_repo::code_exists(db, "education_levels", education).await? {
        return Err(AppError::field("education_level", "err_choose"));
    }
    let mut tx = db.begin_write().await?;
    let (verified, section) =
        vacancies_repo::company_standing(&mut *tx, company.company_id).await?;
    let flags: Vec<String> = review.flags.iter().map(|f| f.category.clone()).collect();
    let mut categories = flags.clone();
    categories.dedup();
    let publish = verified == 1 && flags.is_empty();
    let status = if publish { "published" } else { "pending" };
    let new = NewVacancy {
        company_id: company.company_id,
        created_by: company.account_id,
        kbli_section: section,
        status,
        flags: categories.join(","),
        now_ms: now,
        published_at_ms: publish.then_some(now),
    };
    let id = vacancies_repo::insert(&mut tx, &form, new).await?;
    if publish {
        let data = serde_json::json!({ "vacancy_id": id, "url": format!("/lowongan/{id}") });
        crate::server::events::emit(&mut tx, now, "vacancy.published", &id.to_string(), data)
            .await?;
    }
    audit::record(
        &mut *tx,
        ctx.audit("vacancy.submit", "vacancy", Some(id.to_string()))
            .detail(status),
    )
    .await?;
    tx.commit().await?;
    Ok(Submitted {
        id,
        status: status.to_owned(),
        warnings: review.warnings,
        flags: categories,
    })
}

/// The company closes its own vacancy (it stays readable, no longer open to applications).
pub async fn close(ctx: &RequestCtx, vacancy_id: i64) -> Result<(), AppError> {
    let company_id = ctx.require_company()?.company_id;
    let mut tx = ctx.state.db.begin_write().await?;
    let closed =
        vacancies_repo::close_by_company(&mut tx, vacancy_id, company_id, ctx.now_ms()).await?;
    if closed == 0 {
        return Err(owned_or_not_found(&ctx.state.db, vacancy_id, company_id).await);
    }
    audit::record(
        &mut *tx,
        ctx.audit("vacancy.close", "vacancy", Some(vacancy_id.to_string())),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Another company's vacancy is "not found" (its existence is no secret, but its state is); one's own in
/// a state that cannot change answers a conflict.
async fn owned_or_not_found(db: &Db, vacancy_id: i64, company_id: i64) -> AppError {
    match vacancies_repo::owner_of(db, vacancy_id).await {
        Ok(Some((owner,))) if owner == company_id => {
            AppError::Conflict("err_vacancy_not_open".into())
        }
        Ok(_) => AppError::NotFound,
        Err(error) => error.into(),
    }
}

/// The company's vacancy and placement reports (Perpres 57/2023 Pasal 5 and 6).
pub async fn company_reports(ctx: &RequestCtx) -> Result<CompanyReports, AppError> {
    let company_id = ctx.require_company()?.company_id;
    let db = &ctx.state.db;
    let verified = crate::server::authz::company_verified(&db.pool, company_id).await?;
    let vacancies = vacancies_repo::company_vacancies(db, company_id).await?;
    Ok(CompanyReports {
        company_verified: verified,
        vacancies,
        placements: placements::company_placements(ctx, company_id).await?,
    })
}

/// The company's pipeline for one of its vacancies: the people who applied (they chose to share their
/// profile with this company), with the company's own notes. Reading it is audit-logged per person.
pub async fn pipeline(ctx: &RequestCtx, vacancy_id: i64) -> Result<Pipeline, AppError> {
    let company_id = ctx.require_company()?.company_id;
    let db = &ctx.state.db;
    let vacancy = own_vacancy(db, vacancy_id, company_id).await?;
    let rows = applications_repo::candidates(db, vacancy_id).await?;
    let notes = applications_repo::notes(db, vacancy_id).await?;
    let mut notes_by: HashMap<i64, Vec<CompanyNote>> = HashMap::new();
    for (application_id, body, at_ms) in notes {
        notes_by
            .entry(application_id)
            .or_default()
            .push(CompanyNote { body, at_ms });
    }
    audit_reads(ctx, &rows).await?;
    let candidates = rows
        .into_iter()
        .filter_map(|row| {
            Some(PipelineCandidate {
                application_id: row.id,
                status: ApplicationStatus::parse(&row.status)?,
                name: row.full_name,
                email: row.email,
                phone: row.phone,
                education: row.education_level,
                skills: row.skills.unwrap_or_default(),
                cover_note: row.cover_note,
                score: row.match_score,
                applied_at_ms: row.created_at_ms,
                notes: notes_by.remove(&row.id).unwrap_or_default(),
            })
        })
        .collect();
    Ok(Pipeline {
        vacancy,
        candidates,
    })
}

/// One audit row per candidate whose profile the company is shown.
async fn audit_reads(ctx: &RequestCtx, rows: &[CandidateRow]) -> Result<(), AppError> {
    let mut tx = ctx.state.db.begin_write().await?;
    for row in rows {
        audit::record(
            &mut *tx,
            ctx.audit(
                "application.read",
                "job_application",
                Some(row.id.to_string()),
            )
            .about(row.seeker_account_id),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The company moves a candidate; *hired* also records the placement and closes the AK-1.
pub async fn move_to(
    ctx: &RequestCtx,
    application_id: i64,
    to: ApplicationStatus,
) -> Result<(), AppError> {
    let company = ctx.require_company()?;
    let (account_id, company_id) = (company.account_id, company.company_id);
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    let application =
        applications_repo::owned_application(&mut tx, application_id, company_id).await?;
    let from = ApplicationStatus::parse(&application.status)
        .ok_or_else(|| internal("stored application status unreadable"))?;
    if !from.company_may_move_to(to) {
        return Err(AppError::Conflict("err_application_move".into()));
    }
    applications_repo::set_status(&mut tx, application_id, from, to, now).await?;
    applications_repo::record_event(&mut tx, application_id, now, account_id, Some(from), to)
        .await?;
    if to == ApplicationStatus::Hired {
        placements::record_hire(ctx, &mut tx, application_id, company_id).await?;
    }
    notify::send(
        &mut tx,
        notify::Notice {
            account_id: application.seeker_account_id,
            message_key: notice_key(to),
            subject: &application.title,
            link: Some("/akun/lamaran".to_owned()),
            now_ms: now,
            email: Some(notify::Email {
                to: &application.email,
                public_url: &ctx.state.config.server.public_url,
            }),
        },
    )
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "application.move",
            "job_application",
            Some(application_id.to_string()),
        )
        .about(application.seeker_account_id)
        .detail(to.as_str()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

fn notice_key(status: ApplicationStatus) -> &'static str {
    match status {
        ApplicationStatus::Screened => "notice_app_screened",
        ApplicationStatus::Interview => "notice_app_interview",
        ApplicationStatus::Offered => "notice_app_offered",
        ApplicationStatus::Hired => "notice_app_hired",
        ApplicationStatus::NotSelected => "notice_app_not_selected",
        ApplicationStatus::Received | ApplicationStatus::Withdrawn => "notice_app_received",
    }
}

pub async fn add_note(ctx: &RequestCtx, application_id: i64, body: &str) -> Result<(), AppError> {
    let company = ctx.require_company()?;
    let body = body.trim();
    if !(1..=MAX_COMPANY_NOTE).contains(&body.chars().count()) {
        return Err(AppError::field("body", "err_text_length"));
    }
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    applications_repo::owned_application(&mut tx, application_id, company.company_id).await?;
    applications_repo::insert_note(&mut tx, application_id, company.account_id, body, now).await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "application.note",
            "job_application",
            Some(application_id.to_string()),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
