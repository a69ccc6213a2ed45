//! Vacancies by filters alone, newest or best-paid first, through the date or wage indexes: the search
//! without words, or with filters so broad that more than a thousand match.
use super::{SUMMARY_JOINS, SummaryRow, conditions, results, summary_columns};
use crate::{
    core::{error::AppError, i18n::Lang},
    features::vacancies::{
        query::{COUNT_CAP, PAGE_SIZE, SearchQuery, SortOrder},
        views::SearchResults,
    },
    server::db::{Db, SqlBuilder, VACANCIES_FROM},
};

/// The listing's two statements: how many match (counting stops past COUNT_CAP: an exact count of a broad
/// listing costs more than the page itself), and the page.
fn statements(lang: Lang, query: &SearchQuery, now_ms: i64) -> (SqlBuilder, SqlBuilder) {
    let mut sql = SqlBuilder::new("");
    let filter = conditions(&mut sql, query, now_ms, None);
    let mut count = sql.clone();
    let cap = count.int(COUNT_CAP + 1);
    count.sql = format!(
        "SELECT COUNT(*) FROM (SELECT 1 FROM {VACANCIES_FROM}{filter} LIMIT {cap}) counted"
    );
    let order = match query.sort {
        SortOrder::Wage => "v.wage_max_idr DESC, v.id DESC",
        _ => "v.published_at_ms DESC, v.id DESC",
    };
    let limit = sql.int(PAGE_SIZE);
    let offset = sql.int(query.offset());
    sql.sql = format!(
        "SELECT {} FROM {VACANCIES_FROM}{SUMMARY_JOINS}{filter} ORDER BY {order} LIMIT {limit} OFFSET {offset}",
        summary_columns(lang)
    );
    (count, sql)
}

/// Without words or filters (a date window at most), or a filter too broad for the full-text bound: the
/// date or wage index is walked.
pub(super) async fn listing(
    db: &Db,
    lang: Lang,
    query: &SearchQuery,
    now_ms: i64,
) -> Result<SearchResults, AppError> {
    let (count, page) = statements(lang, query, now_ms);
    let (counted,): (i64,) = count.query_as().fetch_one(&db.pool).await?;
    let rows: Vec<SummaryRow> = page.query_as().fetch_all(&db.pool).await?;
    Ok(results(rows, counted, query))
}
