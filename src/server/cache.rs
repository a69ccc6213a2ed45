//! Short-lived caches of the public read models every visitor asks for: search result pages, the
//! search's filter choices and the home page's figures. They are per instance and hold nothing personal.
//!
//! Keys carry the `vacancies` data version (bumped by database triggers in the same transaction as every
//! change, migration 0009), so a vacancy published, closed or edited through any instance is seen by all
//! at their next request. The lifetime only bounds what the version does not cover: a company renamed,
//! "posted within a day" moving with the clock.
//!
//! Each cache holds a bounded number of entries, and every key a client can choose is bounded too: a
//! search is cleaned (`SearchQuery::cleaned`: text cut, page capped) before it becomes a key.
use std::{future::Future, sync::Arc, time::Duration};

use moka::future::Cache;

use crate::{
    core::{error::AppError, i18n::Lang},
    features::{
        home::model::HomeSummary,
        vacancies::{
            query::SearchQuery,
            views::{SearchOptions, SearchResults},
        },
    },
    server::db::Db,
};

const RESULTS_LIFETIME: Duration = Duration::from_secs(60);
/// Memory for kept search pages, weighed in bytes (a page of 20 results is a few kilobytes).
const RESULT_BYTES: u64 = 16 * 1024 * 1024;
/// Filter choices come from reference tables that change only with a migration.
const OPTIONS_LIFETIME: Duration = Duration::from_secs(600);

#[derive(Clone, Debug, Hash, PartialEq, Eq)]
pub struct SearchKey {
    pub version: i64,
    pub today: String,
    pub lang: Lang,
    pub query: SearchQuery,
}

#[derive(Clone)]
pub struct PublicCache {
    search: Cache<SearchKey, Arc<SearchResults>>,
    options: Cache<Lang, Arc<SearchOptions>>,
    home: Cache<(i64, String), Arc<HomeSummary>>,
}

impl std::fmt::Debug for PublicCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PublicCache")
            .field("search_pages", &self.search.entry_count())
            .finish()
    }
}

impl Default for PublicCache {
    fn default() -> Self {
        PublicCache {
            search: Cache::builder()
                .max_capacity(RESULT_BYTES)
                .weigher(search_weight)
                .time_to_live(RESULTS_LIFETIME)
                .build(),
            options: Cache::builder()
                .max_capacity(4)
                .time_to_live(OPTIONS_LIFETIME)
                .build(),
            home: Cache::builder()
                .max_capacity(4)
                .time_to_live(RESULTS_LIFETIME)
                .build(),
        }
    }
}

impl PublicCache {
    /// One load per key even when a crowd asks at once; errors are not cached.
    pub async fn search<F>(&self, key: SearchKey, load: F) -> Result<Arc<SearchResults>, AppError>
    where
        F: Future<Output = Result<SearchResults, AppError>>,
    {
        cached(&self.search, key, load).await
    }

    /// What the kept search pages weigh ([`search_weight`]), after pending evictions.
    pub async fn search_bytes(&self) -> u64 {
        self.search.run_pending_tasks().await;
        self.search.weighted_size()
    }

    pub async fn options<F>(&self, lang: Lang, load: F) -> Result<Arc<SearchOptions>, AppError>
    where
        F: Future<Output = Result<SearchOptions, AppError>>,
    {
        cached(&self.options, lang, load).await
    }

    pub async fn home<F>(
        &self,
        version: i64,
        today: String,
        load: F,
    ) -> Result<Arc<HomeSummary>, AppError>
    where
        F: Future<Output = Result<HomeSummary, AppError>>,
    {
        cached(&self.home, (version, today), load).await
    }
}

/// About the bytes a kept search page holds, its key included (the key's text is the client's).
fn search_weight(key: &SearchKey, results: &Arc<SearchResults>) -> u32 {
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

async fn cached<K, V, F>(cache: &Cache<K, Arc<V>>, key: K, load: F) -> Result<Arc<V>, AppError>
where
    K: std::hash::Hash + Eq + Send + Sync + 'static,
    V: Send + Sync + 'static,
    F: Future<Output = Result<V, AppError>>,
{
    cache
        .try_get_with(key, async { load.await.map(Arc::new) })
        .await
        .map_err(|error: Arc<AppError>| (*error).clone())
}

/// The current version of a cached table's data (see migration 0009).
pub async fn data_version(db: &Db, name: &str) -> Result<i64, AppError> {
    let version: Option<(i64,)> =
        sqlx::query_as("SELECT version FROM data_versions WHERE name = $1")
            .bind(name)
            .fetch_optional(&db.pool)
            .await?;
    Ok(version.map_or(0, |(version,)| version))
}
