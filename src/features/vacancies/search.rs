//! The public vacancy search: full text (FTS5 on SQLite, an `indonesian` tsvector on PostgreSQL), filters,
//! sorting and pages. Every value from the URL is bound, never written into the SQL.
use sqlx::FromRow;

mod candidates;
mod listing;
mod postgres;
mod read;
use candidates::newest_matches;
use listing::listing;
use read::Candidate;

use crate::{
    core::{calendar, error::AppError, i18n::Lang, money::Rupiah},
    features::vacancies::{
        facets,
        query::{COUNT_CAP, PAGE_SIZE, SearchQuery, SortOrder, search_words},
        search_options::{admitted_education, options},
        views::{SearchOptions, SearchPage, SearchResults, VacancySummary},
    },
    server::{
        authz::RequestCtx,
        cache::{VersionedCache, data_version},
        db::{Db, FullText, SqlBuilder, VACANCIES_FROM, expanded_prefixes},
    },
};

#[derive(FromRow, serde::Deserialize)]
pub(crate) struct SummaryRow {
    pub id: i64,
    pub title: String,
    pub company_name: String,
    pub district_name: String,
    pub occupation_name: String,
    pub wage_min_idr: i64,
    pub wage_max_idr: i64,
    pub work_type: String,
    pub deadline: String,
    pub published_at_ms: i64,
}

impl From<SummaryRow> for VacancySummary {
    fn from(row: SummaryRow) -> VacancySummary {
        VacancySummary {
            id: row.id,
            title: row.title,
            company_name: row.company_name,
            district_name: row.district_name,
            occupation_name: row.occupation_name,
            wage_min: Rupiah(row.wage_min_idr),
            wage_max: Rupiah(row.wage_max_idr),
            work_time: row.work_type,
            deadline: row.deadline,
            published_at_ms: row.published_at_ms,
        }
    }
}

/// The columns of a [`SummaryRow`], for `vacancies v` joined as in [`SUMMARY_JOINS`].
pub(crate) fn summary_columns(lang: Lang) -> String {
    format!(
        "v.id, v.title, c.name AS company_name, r.name AS district_name, \
         COALESCE(k.name_{}, '') AS occupation_name, v.wage_min_idr, v.wage_max_idr, v.work_type, v.deadline, \
         COALESCE(v.published_at_ms, v.created_at_ms) AS published_at_ms",
        lang.code()
    )
}

/// The names of the columns of [`summary_columns`], in order (for [`Db::fetch_packed`]).
pub(crate) const SUMMARY_NAMES: [&str; 10] = [
    "id",
    "title",
    "company_name",
    "district_name",
    "occupation_name",
    "wage_min_idr",
    "wage_max_idr",
    "work_type",
    "deadline",
    "published_at_ms",
];

pub(crate) const SUMMARY_JOINS: &str = " JOIN companies c ON c.id = v.company_id \
     JOIN regions r ON r.code = v.district_code LEFT JOIN kbji_groups k ON k.code = v.occupation_code";

const RESULTS_LIFETIME: std::time::Duration = std::time::Duration::from_secs(60);
/// Memory for kept search pages, weighed in bytes (a page of 20 results is a few kilobytes).
const RESULT_BYTES: u64 = 16 * 1024 * 1024;
/// Filter choices come from reference tables that change only with a migration.
const OPTIONS_LIFETIME: std::time::Duration = std::time::Duration::from_secs(600);

#[derive(Clone, Debug, Hash, PartialEq, Eq)]
pub struct SearchKey {
    pub version: i64,
    pub today: String,
    pub lang: Lang,
    pub query: SearchQuery,
}

/// The search's caches, one per instance (`ctx.state.cache.get::<SearchCaches>()`, see `server::cache`).
pub struct SearchCaches {
    pages: VersionedCache<SearchKey, SearchResults>,
    options: VersionedCache<Lang, SearchOptions>,
}

impl Default for SearchCaches {
    fn default() -> Self {
        SearchCaches {
            pages: VersionedCache::weighed(RESULT_BYTES, RESULTS_LIFETIME, search_weight),
            options: VersionedCache::counted(4, OPTIONS_LIFETIME),
        }
    }
}

impl SearchCaches {
    /// What the kept search pages weigh ([`search_weight`]), after pending evictions.
    pub async fn search_bytes(&self) -> u64 {
        self.pages.weighted_size().await
    }
}

/// About the bytes a kept search page holds, its key included (the key's text is the client's).
fn search_weight(key: &SearchKey, results: &std::sync::Arc<SearchResults>) -> u32 {
    let query = &key.query;
    let options = [
        &query.district_code,
        &query.sector,
        &query.occupation,
        &query.education,
        &query.work_time,
    ];
    let key_bytes = key.today.len()
        + query.text.len()
        + options
            .iter()
            .flat_map(|o| o.as_ref())
            .map(String::len)
            .sum::<usize>();
    let item_bytes: usize = results
        .items
        .iter()
        .map(|item| {
            item.title.len()
                + item.company_name.len()
                + item.district_name.len()
                + item.occupation_name.len()
                + item.work_time.len()
                + item.deadline.len()
                + std::mem::size_of_val(item)
        })
        .sum();
    u32::try_from(std::mem::size_of::<SearchKey>() + key_bytes + item_bytes).unwrap_or(u32::MAX)
}

/// A search page as the public sees it, from the cache when the same search ran within the minute and
/// no vacancy changed since (see [`SearchCaches`]). The query is cleaned first (it may be a raw POST
/// body): the page stays within bounds and the cache key small.
pub async fn cached_page(ctx: &RequestCtx, query: SearchQuery) -> Result<SearchPage, AppError> {
    let query = query.cleaned();
    let db = &ctx.state.db;
    let cache = ctx.state.cache.get::<SearchCaches>();
    let now_ms = ctx.now_ms();
    let key = SearchKey {
        version: data_version(db, "vacancies").await?,
        today: calendar::format_date(calendar::wib_date(now_ms)),
        lang: ctx.lang,
        query,
    };
    let lang = ctx.lang;
    let query = key.query.clone();
    let results = cache
        .pages
        .get_or_load(key, async move { search(db, lang, &query, now_ms).await })
        .await?;
    let options = cache.options.get_or_load(lang, options(db, lang)).await?;
    Ok(SearchPage {
        results: (*results).clone(),
        options: (*options).clone(),
    })
}

/// Open, published vacancies matching the query, one page of them, and how many there are in all.
pub async fn search(
    db: &Db,
    lang: Lang,
    query: &SearchQuery,
    now_ms: i64,
) -> Result<SearchResults, AppError> {
    let words = search_words(&query.text);
    let education = match &query.education {
        Some(code) => admitted_education(db, code).await?,
        None => Vec::new(),
    };
    let Some(facets) = facets::groups(query, &education) else {
        return Ok(results(Vec::new(), 0, query));
    };
    if words.is_empty() && facets.is_empty() {
        return listing(db, lang, query, now_ms).await;
    }
    // Words and filters go through the full-text index, which intersects them (`facets`).
    let expanded = expanded_prefixes(db, &words).await?;
    let mut sql = SqlBuilder::new("");
    let text = db
        .backend
        .vacancy_full_text(&mut sql, &words, &facets, false, expanded.as_deref());
    let filter = conditions(&mut sql, query, now_ms, Some(&text));
    let ranked =
        (!words.is_empty() && query.sort == SortOrder::Relevance).then_some(words.as_slice());
    // Without words, more than COUNT_CAP matches are listed from the date or wage index (below), so a
    // reader that sees far more coming may stop early.
    let Some(matches) = newest_matches(db, sql, &filter, &text, ranked, words.is_empty()).await?
    else {
        return listing(db, lang, query, now_ms).await;
    };
    if words.is_empty() {
        if matches.len() > COUNT_CAP as usize {
            // A broad filter without words: the date or wage index gives the exact order (the newest
            // thousand by report order would be neither the best-paid nor quite the newest).
            return listing(db, lang, query, now_ms).await;
        }
        // Every match is in hand: exact in any order; without words "relevance" is the newest first.
        let sort = match query.sort {
            SortOrder::Wage => SortOrder::Wage,
            _ => SortOrder::Newest,
        };
        return page_of(db, lang, query, matches, sort).await;
    }
    page_of(db, lang, query, matches, query.sort).await
}

/// The query's conditions (status, deadline, each filter exactly) as a `WHERE` clause, their values bound
/// in `sql`; with `full_text` (words, filter terms) also the full-text match, which `newest_matches` reads
/// through (with the index's newest-first order).
fn conditions(
    sql: &mut SqlBuilder,
    query: &SearchQuery,
    now_ms: i64,
    full_text: Option<&FullText>,
) -> String {
    let today = calendar::format_date(calendar::wib_date(now_ms));
    let mut conditions = vec![format!(
        "v.status = 'published' AND v.deadline >= {}",
        sql.text(today)
    )];
    if let Some(code) = &query.district_code {
        conditions.push(format!("v.district_code = {}", sql.text(code.clone())));
    }
    if let Some(sector) = &query.sector {
        conditions.push(format!("v.kbli_section = {}", sql.text(sector.clone())));
    }
    if let Some(occupation) = &query.occupation {
        conditions.push(format!(
            "v.occupation_code LIKE {}",
            sql.text(format!("{occupation}%"))
        ));
    }
    if let Some(education) = &query.education {
        conditions.push(format!(
            "v.education_code IN (SELECT code FROM education_levels WHERE rank <= \
             (SELECT rank FROM education_levels WHERE code = {}))",
            sql.text(education.clone())
        ));
    }
    if let Some(wage) = query.min_wage_idr {
        conditions.push(format!("v.wage_max_idr >= {}", sql.int(wage)));
    }
    if let Some(work_time) = &query.work_time {
        conditions.push(format!("v.work_type = {}", sql.text(work_time.clone())));
    }
    if let Some(days) = query.posted_within_days {
        conditions.push(format!(
            "v.published_at_ms >= {}",
            sql.int(now_ms - days * 86_400_000)
        ));
    }
    // The full-text match last: on PostgreSQL's newest-first walk every other condition is a column of
    // the row in hand, and the match may read the row's words from TOAST (PostgreSQL orders conditions by
    // estimated cost, and keeps this order among equal ones).
    if let Some(text) = full_text {
        conditions.push(text.condition.clone());
    }
    format!(" WHERE {}", conditions.join(" AND "))
}

/// One page of the matches, sorted as asked, and how many matched (up to COUNT_CAP + 1).
async fn page_of(
    db: &Db,
    lang: Lang,
    query: &SearchQuery,
    mut matches: Vec<Candidate>,
    sort: SortOrder,
) -> Result<SearchResults, AppError> {
    let counted = matches.len() as i64;
    matches.truncate(COUNT_CAP as usize);
    match sort {
        SortOrder::Relevance => {
            matches.sort_by(|a, b| b.score.total_cmp(&a.score).then(b.id.cmp(&a.id)));
        }
        SortOrder::Newest => matches.sort_by_key(|m| std::cmp::Reverse((m.published_at_ms, m.id))),
        SortOrder::Wage => matches.sort_by_key(|m| std::cmp::Reverse((m.wage_max_idr, m.id))),
    }
    let page: Vec<i64> = matches
        .iter()
        .skip(query.offset() as usize)
        .take(PAGE_SIZE as usize)
        .map(|m| m.id)
        .collect();
    let mut rows = summaries(db, lang, &page).await?;
    rows.sort_by_key(|row| page.iter().position(|id| *id == row.id));
    Ok(results(rows, counted, query))
}

/// The result rows of these vacancies (at most a page), in no particular order.
async fn summaries(db: &Db, lang: Lang, ids: &[i64]) -> Result<Vec<SummaryRow>, AppError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = SqlBuilder::new("");
    let placeholders: Vec<String> = ids.iter().map(|id| sql.int(*id)).collect();
    sql.sql = format!(
        "SELECT {} FROM {VACANCIES_FROM}{SUMMARY_JOINS} WHERE v.id IN ({})",
        summary_columns(lang),
        placeholders.join(", ")
    );
    Ok(sql.query_as().fetch_all(&db.pool).await?)
}

fn results(rows: Vec<SummaryRow>, counted: i64, query: &SearchQuery) -> SearchResults {
    let total = counted.min(COUNT_CAP);
    SearchResults {
        items: rows.into_iter().map(VacancySummary::from).collect(),
        total,
        more: counted > COUNT_CAP,
        page: query.page,
        pages: (total + PAGE_SIZE - 1) / PAGE_SIZE,
    }
}
