//! The vacancy page for whoever asks: what the viewer may see, their own application and score, and the
//! schema.org JobPosting that search engines read.
use crate::{
    core::{
        calendar::{self, parse_date},
        error::AppError,
        role::Role,
    },
    features::vacancies::{
        repo::{applications::status_of, vacancies as vacancies_repo},
        suggestions,
        views::{VacancyDetail, VacancySummary, Viewer},
    },
    server::authz::RequestCtx,
};

/// A vacancy as its viewer may see it: published ones (open or closed) for everyone; pending and rejected
/// ones only for the company that reported them and for officers.
pub async fn detail(ctx: &RequestCtx, vacancy_id: i64) -> Result<VacancyDetail, AppError> {
    let db = &ctx.state.db;
    let summary = vacancies_repo::summary(db, ctx.lang, vacancy_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let row = vacancies_repo::detail(db, vacancy_id).await?;
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
            application: status_of(db, vacancy_id, user.account_id).await?,
            score: suggestions::score_for(db, user.account_id, vacancy_id).await?,
        },
        Some(_) => Viewer::Other,
    };
    let mut detail = assemble(ctx, row, summary, open, viewer);
    if open {
        detail.json_ld = Some(json_ld(&detail, &ctx.state.config.server.public_url));
    }
    Ok(detail)
}

/// The page's data from the rows read (the sector named in the viewer's language).
fn assemble(
    ctx: &RequestCtx,
    row: vacancies_repo::DetailRow,
    summary: VacancySummary,
    open: bool,
    viewer: Viewer,
) -> VacancyDetail {
    let strings = ctx.lang.strings();
    let sector_name = strings
        .lookup(&format!("kbli_{}", row.kbli_section.to_ascii_lowercase()))
        .unwrap_or_default()
        .to_owned();
    VacancyDetail {
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
    }
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
