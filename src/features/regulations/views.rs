//! What `/regulasi` and a regulation's page show: current versions (searched, filtered), one regulation
//! with every version, and the editor's starting point for staff. Texts in the reader's language when the
//! English text exists.
use crate::{
    core::{
        calendar::{format_date, wib_date},
        error::AppError,
        i18n::Lang,
        role::Role,
        text::{format_wib, like_pattern},
    },
    features::regulations::{
        model::{
            CATEGORIES, RegulationDetail, RegulationForm, RegulationList, RegulationSummary,
            VersionView, bounded_query,
        },
        repo::{self, VersionRow},
    },
    server::authz::RequestCtx,
};

fn pick<'a>(lang: Lang, id: &'a str, en: &'a str) -> &'a str {
    if lang == Lang::En && !en.trim().is_empty() {
        en
    } else {
        id
    }
}

fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(240).collect();
    if text.chars().count() > 240 {
        out.push('…');
    }
    out
}

fn can_edit(ctx: &RequestCtx) -> bool {
    ctx.user
        .as_ref()
        .is_some_and(|u| matches!(u.role, Role::Officer | Role::Admin))
}

pub async fn list(
    ctx: &RequestCtx,
    query: &str,
    category: &str,
) -> Result<RegulationList, AppError> {
    let query = bounded_query(query);
    let category = CATEGORIES.iter().copied().find(|c| *c == category);
    let pattern = (!query.is_empty()).then(|| like_pattern(&query));
    let today = format_date(wib_date(ctx.now_ms()));
    let mut conn = ctx.state.db.pool.acquire().await?;
    let rows = repo::search(&mut conn, category, pattern.as_deref()).await?;
    let followed = match &ctx.user {
        Some(user) => Some(repo::follows(&mut conn, user.account_id).await?),
        None => None,
    };
    let items = rows
        .into_iter()
        .map(|row| RegulationSummary {
            id: row.id,
            title: pick(ctx.lang, &row.title, &row.title_en).to_owned(),
            excerpt: excerpt(pick(ctx.lang, &row.body, &row.body_en)),
            in_force: row.effective_on <= today,
            category: row.category,
            kind: row.kind,
            effective_on: row.effective_on,
            version: row.version,
        })
        .collect();
    Ok(RegulationList {
        items,
        followed,
        can_edit: can_edit(ctx),
    })
}

fn version_view(lang: Lang, row: &VersionRow) -> VersionView {
    VersionView {
        version: row.version,
        title: pick(lang, &row.title, &row.title_en).to_owned(),
        body: pick(lang, &row.body, &row.body_en).to_owned(),
        link: row.link.clone(),
        change_note: row.change_note.clone(),
        effective_on: row.effective_on.clone(),
        published: format_wib(row.published_at_ms),
    }
}

pub async fn detail(ctx: &RequestCtx, id: i64) -> Result<RegulationDetail, AppError> {
    let mut conn = ctx.state.db.pool.acquire().await?;
    let current = repo::current(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows = repo::versions(&mut conn, id).await?;
    let latest = rows
        .iter()
        .find(|r| r.version == current.version)
        .ok_or(AppError::NotFound)?;
    let today = format_date(wib_date(ctx.now_ms()));
    let editing = can_edit(ctx);
    let form = editing.then(|| RegulationForm {
        regulation_id: id.to_string(),
        base_version: current.version.to_string(),
        category: current.category.clone(),
        kind: current.kind.clone(),
        title: latest.title.clone(),
        body: latest.body.clone(),
        title_en: latest.title_en.clone(),
        body_en: latest.body_en.clone(),
        link: latest.link.clone(),
        change_note: String::new(),
        effective_on: today.clone(),
    });
    Ok(RegulationDetail {
        id,
        in_force: current.effective_on <= today,
        current: version_view(ctx.lang, latest),
        versions: rows.iter().map(|r| version_view(ctx.lang, r)).collect(),
        category: current.category,
        kind: current.kind,
        can_edit: editing,
        form,
    })
}
