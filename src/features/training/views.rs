//! Screen data assembled from repo reads (read-only): the catalogue, a programme's page, the provider's
//! page, the seeker's training page and a certificate's public check.
use crate::{
    core::{
        calendar::{format_date, wib_date},
        error::AppError,
        role::Role,
    },
    features::{
        training::{
            model::{
                CATALOGUE_PAGE_SIZE, Catalogue, CatalogueQuery, CertificateCheck, ManageData,
                ManagedProgramme, MyTraining, ProgrammeForm, ProgrammePage, unit_list,
            },
            repo::{programme, registration as reg, sessions, stats},
            support::{card, provider, rules_of, today},
        },
        // The same choices as the vacancy search's filters (KBJI sub-major groups, education levels).
        vacancies::search_options,
    },
    server::{authz::RequestCtx, error::internal},
};

pub fn verification_url(public_url: &str, code: &str) -> String {
    format!(
        "{}/verifikasi/pelatihan/{code}",
        public_url.trim_end_matches('/')
    )
}

pub async fn catalogue(ctx: &RequestCtx, query: &CatalogueQuery) -> Result<Catalogue, AppError> {
    let query = query.cleaned();
    let db = &ctx.state.db;
    let (items, total) = programme::search(db, &query, &today(ctx)).await?;
    Ok(Catalogue {
        viewer: ctx
            .user
            .as_ref()
            .map_or("anonymous", |u| u.role.as_str())
            .to_owned(),
        items,
        total,
        page: query.page,
        pages: (total + CATALOGUE_PAGE_SIZE - 1) / CATALOGUE_PAGE_SIZE,
        today: today(ctx),
        districts: programme::districts(db).await?,
        occupations: search_options::occupations(db, ctx.lang).await?,
    })
}

fn name_of(choices: &[(String, String)], code: &str) -> String {
    choices
        .iter()
        .find(|(c, _)| c == code)
        .map_or_else(|| code.to_owned(), |(_, name)| name.clone())
}

/// A programme's public page, with the signed-in seeker's facts and registration.
pub async fn page(ctx: &RequestCtx, id: i64) -> Result<ProgrammePage, AppError> {
    let db = &ctx.state.db;
    let detail = programme::detail(db, id).await?;
    let today = today(ctx);
    let seeker = ctx.user.as_ref().filter(|u| u.role == Role::Seeker);
    let (me, mine) = match seeker {
        Some(user) => (
            Some(reg::applicant(db, user.account_id, &today).await?),
            reg::active(db, id, user.account_id).await?,
        ),
        None => (None, None),
    };
    let education = search_options::education(db, ctx.lang).await?;
    let districts = programme::districts(db).await?;
    Ok(ProgrammePage {
        eligibility: rules_of(&detail),
        education_name: name_of(&education, &detail.min_education),
        eligible_district_name: name_of(&districts, &detail.eligible_district),
        description: detail.description.clone(),
        units: unit_list(&detail.skkni_units).unwrap_or_default(),
        viewer: ctx
            .user
            .as_ref()
            .map_or("anonymous", |u| u.role.as_str())
            .to_owned(),
        me,
        mine,
        stats: stats::figures(db, id, 0).await?,
        card: detail.card.into(),
        today,
    })
}

/// The provider's page; `opened` > 0 opens one of their programmes with participants and sessions.
pub async fn manage(ctx: &RequestCtx, opened: i64) -> Result<ManageData, AppError> {
    let who = provider(ctx)?;
    let db = &ctx.state.db;
    let opened = if opened > 0 && programme::owned(db, opened, who.owner).await? {
        Some(ManagedProgramme {
            card: card(db, opened).await?,
            participants: sessions::participants(db, opened).await?,
            sessions: sessions::sheets(db, opened).await?,
            stats: stats::figures(db, opened, who.owner).await?,
        })
    } else if opened > 0 {
        return Err(AppError::NotFound);
    } else {
        None
    };
    Ok(ManageData {
        provider: if who.is_office() { "office" } else { "company" }.to_owned(),
        programmes: programme::list_owned(db, who.owner).await?,
        opened,
        totals: stats::figures(db, 0, who.owner).await?,
        districts: programme::districts(db).await?,
        occupations: search_options::occupations(db, ctx.lang).await?,
        education: search_options::education(db, ctx.lang).await?,
    })
}

/// The provider's programme as its form (for editing).
pub async fn form_of(ctx: &RequestCtx, id: i64) -> Result<ProgrammeForm, AppError> {
    let who = provider(ctx)?;
    let db = &ctx.state.db;
    if !programme::owned(db, id, who.owner).await? {
        return Err(AppError::NotFound);
    }
    let d = programme::detail(db, id).await?;
    Ok(ProgrammeForm {
        title: d.card.title.clone(),
        description: d.description.clone(),
        provider_kind: d.card.provider_kind.clone(),
        provider_name: d.card.provider_name.clone(),
        kbji_code: d.card.kbji_code.clone(),
        skills: d.card.skills.clone(),
        skkni_units: d.skkni_units.clone(),
        format: d.card.format.clone(),
        district_code: d.district_code.clone(),
        starts_on: d.card.starts_on.clone(),
        ends_on: d.card.ends_on.clone(),
        hours: d.card.hours.to_string(),
        quota: d.card.quota.to_string(),
        reserves: d.card.reserves.to_string(),
        min_age: d.min_age.to_string(),
        max_age: d.max_age.to_string(),
        min_education: d.min_education.clone(),
        requires_ak1: if d.requires_ak1 == 1 { "1" } else { "" }.to_owned(),
        eligible_district: d.eligible_district.clone(),
        cost_idr: d.card.cost_idr.to_string(),
        registration_opens_on: d.card.registration_opens_on.clone(),
        registration_closes_on: d.card.registration_closes_on.clone(),
        selection: d.card.selection.clone(),
        selection_on: d.card.selection_on.clone(),
    })
}

pub async fn mine(ctx: &RequestCtx) -> Result<MyTraining, AppError> {
    let seeker = ctx.require(Role::Seeker)?;
    let db = &ctx.state.db;
    Ok(MyTraining {
        registrations: reg::mine(db, seeker.account_id).await?,
        wallet: stats::wallet(db, seeker.account_id).await?,
    })
}

/// A certificate's public check (anyone with the code, as the QR code opens it).
pub async fn certificate(ctx: &RequestCtx, code: &str) -> Result<CertificateCheck, AppError> {
    let code = code.trim();
    if code.is_empty() || code.len() > 32 {
        return Err(AppError::NotFound);
    }
    let db = &ctx.state.db;
    let (_, holder, status, result_at_ms, programme_id) = stats::certificate(db, code)
        .await?
        .ok_or(AppError::NotFound)?;
    let detail = programme::detail(db, programme_id).await?;
    let url = verification_url(&ctx.state.config.server.public_url, code);
    Ok(CertificateCheck {
        code: code.to_owned(),
        holder,
        result: status,
        issued_on: format_date(wib_date(result_at_ms)),
        units: unit_list(&detail.skkni_units).unwrap_or_default(),
        programme_title: detail.card.title.clone(),
        provider_name: detail.card.provider_name.clone(),
        starts_on: detail.card.starts_on.clone(),
        ends_on: detail.card.ends_on.clone(),
        hours: detail.card.hours,
        skills: crate::features::training::model::skill_list(&detail.card.skills),
        qr: crate::server::qr::svg(&url).map_err(internal)?,
    })
}
