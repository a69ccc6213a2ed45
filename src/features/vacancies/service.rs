//! A vacancy's life: the company reports it, it publishes at once (verified company, nothing flagged) or
//! waits for an officer, and it closes at its deadline, when filled, or by the company.
use sqlx::FromRow;

use crate::{
    core::{
        calendar::{self, parse_date},
        error::AppError,
        money::Rupiah,
        role::Role,
        validate::is_tangerang_district,
    },
    features::vacancies::{
        applications,
        model::VacancyForm,
        search::{self, SUMMARY_JOINS, SummaryRow, summary_columns},
        suggestions,
        views::{
            CompanyReports, CompanyVacancy, FormContext, ModerationItem, Submitted, VacancyDetail,
            VacancySummary, Viewer,
        },
    },
    server::{audit, authz::RequestCtx, db::Db, error::internal, notify, reference},
};

pub const REGENCY: &str = "36.03";

/// The company member's company (every company-side function starts here).
pub fn company_of(ctx: &RequestCtx) -> Result<(i64, i64), AppError> {
    let user = ctx.require(Role::Company)?;
    let company_id = user.company_id.ok_or(AppError::Forbidden)?;
    Ok((user.account_id, company_id))
}

/// The UMK of Kabupaten Tangerang for the year of `now_ms` (WIB).
pub async fn minimum_wage(db: &Db, now_ms: i64) -> Result<(Rupiah, i32), AppError> {
    let year = calendar::wib_date(now_ms).year();
    let wage = reference::minimum_wage(db, REGENCY, year)
        .await?
        .ok_or_else(|| internal(format!("no UMK for {year}")))?;
    Ok((wage, year))
}

pub async fn form_context(ctx: &RequestCtx) -> Result<FormContext, AppError> {
    let (_, company_id) = company_of(ctx)?;
    let db = &ctx.state.db;
    let (verified, section): (i64, String) =
        sqlx::query_as("SELECT verified, kbli_section FROM companies WHERE id = $1")
            .bind(company_id)
            .fetch_one(&db.pool)
            .await?;
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
        occupations: search::occupations(db, ctx.lang).await?,
        education: search::education(db, ctx.lang).await?,
    })
}

/// Reports a vacancy. The sector is the company's own (KBLI).
pub async fn submit(ctx: &RequestCtx, form: VacancyForm) -> Result<Submitted, AppError> {
    let (account_id, company_id) = company_of(ctx)?;
    let db = &ctx.state.db;
    let now = ctx.now_ms();
    let (umk, _) = minimum_wage(db, now).await?;
    let review = form
        .check(calendar::wib_date(now), umk.0)
        .map_err(AppError::Validation)?;
    if !is_tangerang_district(form.district_code.trim()) {
        return Err(AppError::field("district_code", "err_choose"));
    }
    let known = |table: &'static str, code: String| async move {
        let found: Option<(String,)> =
            sqlx::query_as(&format!("SELECT code FROM {table} WHERE code = $1"))
                .bind(code)
                .fetch_optional(&db.pool)
                .await?;
        Ok::<bool, AppError>(found.is_some())
    };
    if !known("kbji_groups", form.occupation_code.trim().to_owned()).await? {
        return Err(AppError::field("occupation_code", "err_choose"));
    }
    if !known("education_levels", form.education_level.trim().to_owned()).await? {
        return Err(AppError::field("education_level", "err_choose"));
    }
    let mut tx = db.begin_write().await?;
    let (verified, section): (i64, String) =
        sqlx::query_as("SELECT verified, kbli_section FROM companies WHERE id = $1")
            .bind(company_id)
            .fetch_one(&mut *tx)
            .await?;
    let flags: Vec<String> = review.flags.iter().map(|f| f.category.clone()).collect();
    let mut categories = flags.clone();
    categories.dedup();
    let publish = verified == 1 && flags.is_empty();
    let status = if publish { "published" } else { "pending" };
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
    .bind(company_id)
    .bind(form.title.trim())
    .bind(form.description.trim())
    .bind(section)
    .bind(form.education_level.trim())
    .bind(form.district_code.trim())
    .bind(form.wage_min_idr())
    .bind(form.wage_max_idr())
    .bind(form.headcount.trim().parse::<i64>().unwrap_or(1))
    .bind(form.work_time.trim())
    .bind(form.deadline.trim())
    .bind(status)
    .bind(now)
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
    .bind(categories.join(","))
    .bind(publish.then_some(now))
    .bind(account_id)
    .fetch_one(&mut *tx)
    .await?;
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
    let (_, company_id) = company_of(ctx)?;
    let mut tx = ctx.state.db.begin_write().await?;
    let done = sqlx::query(
        "UPDATE vacancies SET status = 'closed', closed_reason = 'company', closed_at_ms = $1 \
         WHERE id = $2 AND company_id = $3 AND status IN ('published', 'pending')",
    )
    .bind(ctx.now_ms())
    .bind(vacancy_id)
    .bind(company_id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
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
    match sqlx::query_as::<_, (i64,)>("SELECT company_id FROM vacancies WHERE id = $1")
        .bind(vacancy_id)
        .fetch_optional(&db.pool)
        .await
    {
        Ok(Some((owner,))) if owner == company_id => {
            AppError::Conflict("err_vacancy_not_open".into())
        }
        Ok(_) => AppError::NotFound,
        Err(error) => error.into(),
    }
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

/// Closes expired vacancies every hour.
pub async fn run_closing(state: crate::server::state::AppState) {
    // The first run waits for the migrations (a fresh database has no table yet).
    while !state.is_migrated() {
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        tick.tick().await;
        match close_expired(&state.db, state.clock.now_ms()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(closed = n, "vacancies past their deadline closed"),
            Err(error) => tracing::warn!(%error, "closing expired vacancies failed"),
        }
    }
}

#[derive(FromRow)]
struct DetailRow {
    company_id: i64,
    description: String,
    kbli_section: String,
    occupation_code: Option<String>,
    education_code: String,
    skills: String,
    certificates: String,
    experience_years: i64,
    headcount: i64,
    shift: String,
    contract_type: String,
    address: String,
    age_min: Option<i64>,
    age_max: Option<i64>,
    age_justification: Option<String>,
    status: String,
    company_address: String,
}

/// A vacancy as its viewer may see it: published ones (open or closed) for everyone; pending and rejected
/// ones only for the company that reported them and for officers.
pub async fn detail(ctx: &RequestCtx, vacancy_id: i64) -> Result<VacancyDetail, AppError> {
    let db = &ctx.state.db;
    let summary: SummaryRow = sqlx::query_as(&format!(
        "SELECT {} FROM vacancies v{SUMMARY_JOINS} WHERE v.id = $1",
        summary_columns(ctx.lang)
    ))
    .bind(vacancy_id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let row: DetailRow = sqlx::query_as(
        "SELECT v.company_id, v.description, v.kbli_section, v.occupation_code, v.education_code, v.skills, \
         v.certificates, v.experience_years, v.headcount, v.shift, v.contract_type, v.address, v.age_min, \
         v.age_max, v.age_justification, v.status, c.address AS company_address \
         FROM vacancies v JOIN companies c ON c.id = v.company_id WHERE v.id = $1",
    )
    .bind(vacancy_id)
    .fetch_one(&db.pool)
    .await?;
    let summary = VacancySummary::from(summary);
    let owner = ctx
        .user
        .as_ref()
        .is_some_and(|u| u.role == Role::Company && u.company_id == Some(row.company_id));
    let staff = ctx.user.as_ref().is_some_and(|u| u.role.is_staff());
    let public = row.status == "published" || row.status == "closed";
    if !public && !owner && !staff {
        return Err(AppError::NotFound);
    }
    let today = calendar::wib_date(ctx.now_ms());
    let open = row.status == "published"
        && parse_date(&summary.deadline).is_some_and(|deadline| deadline >= today);
    let viewer = match &ctx.user {
        None => Viewer::Public,
        Some(_) if owner => Viewer::Owner,
        Some(_) if staff => Viewer::Staff,
        Some(user) if user.role == Role::Seeker => Viewer::Seeker {
            application: applications::status_of(db, vacancy_id, user.account_id).await?,
            score: suggestions::score_for(db, user.account_id, vacancy_id).await?,
        },
        Some(_) => Viewer::Other,
    };
    let strings = ctx.lang.strings();
    let sector_name = strings
        .lookup(&format!("kbli_{}", row.kbli_section.to_ascii_lowercase()))
        .unwrap_or_default()
        .to_owned();
    let mut detail = VacancyDetail {
        company_id: row.company_id,
        description: row.description,
        sector_code: row.kbli_section,
        sector_name,
        occupation_code: row.occupation_code.unwrap_or_default(),
        education_code: row.education_code,
        skills: row
            .skills
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect(),
        certificates: row.certificates,
        experience_years: row.experience_years,
        headcount: row.headcount,
        shift: row.shift,
        contract_type: row.contract_type,
        address: if row.address.is_empty() {
            row.company_address
        } else {
            row.address
        },
        age_min: row.age_min,
        age_max: row.age_max,
        age_justification: row.age_justification,
        status: row.status,
        open,
        viewer,
        json_ld: None,
        summary,
    };
    if open {
        detail.json_ld = Some(json_ld(&detail, &ctx.state.config.server.public_url));
    }
    Ok(detail)
}

/// schema.org JobPosting (Google's required and recommended properties), safe inside a `<script>`.
pub fn json_ld(detail: &VacancyDetail, public_url: &str) -> String {
    let summary = &detail.summary;
    let date_posted = calendar::format_date(calendar::wib_date(summary.published_at_ms));
    let value = serde_json::json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": summary.title,
        "description": detail.description,
        "identifier": {"@type": "PropertyValue", "name": "d'naker DIGI", "value": summary.id.to_string()},
        "datePosted": date_posted,
        "validThrough": format!("{}T23:59:59+07:00", summary.deadline),
        "employmentType": match (summary.work_time.as_str(), detail.contract_type.as_str()) {
            ("part_time", _) => "PART_TIME",
            (_, "contract") => "CONTRACTOR",
            _ => "FULL_TIME",
        },
        "hiringOrganization": {"@type": "Organization", "name": summary.company_name},
        "jobLocation": {"@type": "Place", "address": {
            "@type": "PostalAddress",
            "streetAddress": detail.address,
            "addressLocality": summary.district_name,
            "addressRegion": "Banten",
            "addressCountry": "ID",
        }},
        "baseSalary": {"@type": "MonetaryAmount", "currency": "IDR", "value": {
            "@type": "QuantitativeValue",
            "minValue": summary.wage_min.0,
            "maxValue": summary.wage_max.0,
            "unitText": "MONTH",
        }},
        "skills": detail.skills.join(", "),
        "totalJobOpenings": detail.headcount,
        "url": format!("{}/lowongan/{}", public_url.trim_end_matches('/'), summary.id),
    });
    // Inside <script> no text may open or close an element: `<`, `>` and `&` only occur in strings, where
    // their JSON escapes mean the same.
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
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
            flags: row
                .flags
                .split(',')
                .filter(|f| !f.is_empty())
                .map(str::to_owned)
                .collect(),
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

/// The company's vacancy and placement reports (Perpres 57/2023 Pasal 5 and 6).
pub async fn company_reports(ctx: &RequestCtx) -> Result<CompanyReports, AppError> {
    let (_, company_id) = company_of(ctx)?;
    let db = &ctx.state.db;
    let (verified,): (i64,) = sqlx::query_as("SELECT verified FROM companies WHERE id = $1")
        .bind(company_id)
        .fetch_one(&db.pool)
        .await?;
    let rows: Vec<CompanyVacancyRow> = sqlx::query_as(&format!(
        "SELECT {COMPANY_VACANCY_COLUMNS} FROM vacancies v WHERE v.company_id = $1 ORDER BY v.id DESC LIMIT 500"
    ))
    .bind(company_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(CompanyReports {
        company_verified: verified == 1,
        vacancies: rows.into_iter().map(CompanyVacancy::from).collect(),
        placements: super::placements::company_placements(ctx, company_id).await?,
    })
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

/// Officers: vacancies waiting for review, oldest first.
pub async fn moderation_queue(ctx: &RequestCtx) -> Result<Vec<ModerationItem>, AppError> {
    ctx.require_staff()?;
    let rows: Vec<ModerationRow> = sqlx::query_as(
        "SELECT v.id, v.title, c.name AS company_name, c.verified AS company_verified, v.description, v.skills, \
         v.flags, v.age_justification, v.wage_min_idr, v.wage_max_idr, v.created_at_ms \
         FROM vacancies v JOIN companies c ON c.id = v.company_id \
         WHERE v.status = 'pending' ORDER BY v.created_at_ms, v.id LIMIT 200",
    )
    .fetch_all(&ctx.state.db.pool)
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
            flags: row
                .flags
                .split(',')
                .filter(|f| !f.is_empty())
                .map(str::to_owned)
                .collect(),
            age_justification: row.age_justification,
            wage_min: Rupiah(row.wage_min_idr),
            wage_max: Rupiah(row.wage_max_idr),
            created_at_ms: row.created_at_ms,
        })
        .collect())
}

/// Officers approve a pending vacancy (it publishes) or reject it with a reason the company sees.
pub async fn decide(
    ctx: &RequestCtx,
    vacancy_id: i64,
    approve: bool,
    reason: &str,
) -> Result<(), AppError> {
    let officer = ctx.require_staff()?;
    let reason = reason.trim();
    if !approve && !(5..=500).contains(&reason.chars().count()) {
        return Err(AppError::field("reason", "err_text_length"));
    }
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    let row: Option<(String, Option<i64>)> = sqlx::query_as(
        "SELECT title, created_by FROM vacancies WHERE id = $1 AND status = 'pending'",
    )
    .bind(vacancy_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((title, created_by)) = row else {
        return Err(AppError::Conflict("err_already_reviewed".into()));
    };
    let (status, published) = if approve {
        ("published", Some(now))
    } else {
        ("rejected", None)
    };
    // Guarded by the status read above: on PostgreSQL two officers may both have read 'pending'; the
    // second UPDATE then waits for the first's row lock, finds the status changed and touches nothing.
    let claimed = sqlx::query(
        "UPDATE vacancies SET status = $1, published_at_ms = $2, review_reason = $3, reviewed_by = $4, \
         reviewed_at_ms = $5 WHERE id = $6 AND status = 'pending'",
    )
    .bind(status)
    .bind(published)
    .bind(Some(reason.to_owned()).filter(|r| !r.is_empty()))
    .bind(officer.account_id)
    .bind(now)
    .bind(vacancy_id)
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() == 0 {
        return Err(AppError::Conflict("err_already_reviewed".into()));
    }
    if let Some(account_id) = created_by {
        let key = if approve {
            "notice_vacancy_published"
        } else {
            "notice_vacancy_rejected"
        };
        notify::send(
            &mut tx,
            notify::Notice {
                account_id,
                message_key: key,
                subject: &title,
                link: Some("/perusahaan/lowongan".to_owned()),
                now_ms: now,
                email: None,
            },
        )
        .await?;
    }
    audit::record(
        &mut *tx,
        ctx.audit("vacancy.review", "vacancy", Some(vacancy_id.to_string()))
            .detail(status),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
