//! Short-lived caches of the public read models every visitor asks for (search result pages, the
//! search's filter choices, the home page's figures). They are per instance and hold nothing personal.
//!
//! Keys carry a data version (bumped by database triggers in the same transaction as every change,
//! migration 0009), so a vacancy published, closed or edited through any instance is seen by all at their
//! next request. The lifetime only bounds what the version does not cover: a company renamed, "posted
//! within a day" moving with the clock.
//!
//! Each cache holds a bounded number of entries, and every key a client can choose must be bounded
//! too (a search is cleaned before it becomes a key). The features own their caches' types and declare
//! them here through [`Caches`], so this module knows none of them.
use std::{
    any::{Any, TypeId},
    collections::HashMap,
    future::Future,
    hash::Hash,
    sync::{Arc, Mutex},
    time::Duration,
};

use moka::future::Cache;

use crate::{core::error::AppError, server::db::Db};

/// A bounded, timed cache whose keys carry the data version they were loaded at.
pub struct VersionedCache<K, V> {
    inner: Cache<K, Arc<V>>,
}

impl<K, V> VersionedCache<K, V>
where
    K: Hash + Eq + Send + Sync + Clone + 'static,
    V: Send + Sync + 'static,
{
    /// At most `entries` entries, each kept for `lifetime`.
    pub fn counted(entries: u64, lifetime: Duration) -> Self {
        VersionedCache {
            inner: Cache::builder()
                .max_capacity(entries)
                .time_to_live(lifetime)
                .build(),
        }
    }

    /// At most `bytes` as `weigh` measures an entry (its key included), each kept for `lifetime`.
    pub fn weighed(bytes: u64, lifetime: Duration, weigh: fn(&K, &Arc<V>) -> u32) -> Self {
        VersionedCache {
            inner: Cache::builder()
                .max_capacity(bytes)
                .weigher(weigh)
                .time_to_live(lifetime)
                .build(),
        }
    }

    /// One load per key even when a crowd asks at once; errors are not cached.
    pub async fn get_or_load<F>(&self, key: K, load: F) -> Result<Arc<V>, AppError>
    where
        F: Future<Output = Result<V, AppError>>,
    {
        self.inner
            .try_get_with(key, async { load.await.map(Arc::new) })
            .await
            .map_err(|error: Arc<AppError>| (*error).clone())
    }

    /// What the kept entries weigh (their count for a counted cache), after pending evictions.
    pub async fn weighted_size(&self) -> u64 {
        self.inner.run_pending_tasks().await;
        self.inner.weighted_size()
    }
}

/// The caches of one instance, one of each type a feature asks for (built by its `Default`). Keyed by
/// type so that `AppState` names no feature type; two `AppState`s (two test apps) never share one.
#[derive(Clone, Default)]
pub struct Caches(Arc<Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>>);

impl Caches {
    /// This instance's cache of type `T`, made on first use.
    pub fn get<T: Default + Send + Sync + 'static>(&self) -> Arc<T> {
        let mut caches = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let cache = caches
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Arc::new(T::default()))
            .clone();
        drop(caches);
        cache
            .downcast::<T>()
            .unwrap_or_else(|_| unreachable!("entries are keyed by their own type"))
    }
}

impl std::fmt::Debug for Caches {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let count = self.0.lock().map_or(0, |caches| caches.len());
        f.debug_struct("Caches").field("kinds", &count).finish()
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Numbers(Mutex<u32>);

    #[test]
    fn each_instance_has_one_cache_of_each_type() {
        let caches = Caches::default();
        *caches.get::<Numbers>().0.lock().expect("lock") = 7;
        assert_eq!(*caches.get::<Numbers>().0.lock().expect("lock"), 7);
        assert_eq!(*caches.clone().get::<Numbers>().0.lock().expect("lock"), 7);
        assert_eq!(
            *Caches::default().get::<Numbers>().0.lock().expect("lock"),
            0
        );
    }

    #[tokio::test]
    async fn a_value_is_loaded_once_and_errors_are_not_kept() {
        let cache: VersionedCache<i64, String> =
            VersionedCache::counted(4, Duration::from_secs(60));
        let failed = cache
            .get_or_load(1, async { Err(AppError::Unavailable) })
            .await;
        assert!(failed.is_err());
        let first = cache.get_or_load(1, async { Ok("one".to_owned()) }).await;
        let again = cache.get_or_load(1, async { Ok("other".to_owned()) }).await;
        assert_eq!(first.expect("loaded").as_str(), "one");
        assert_eq!(again.expect("kept").as_str(), "one");
        assert_eq!(cache.weighted_size().await, 1);
    }
}
