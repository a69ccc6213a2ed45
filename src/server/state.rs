//! What every request handler and server function can reach.
use std::sync::{
    Arc,
    atomic::{AtomicBool, Ordering},
};

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use crate::server::{
    cache::Caches, clock::Clock, config::Config, db::Db, page_cache::PageCache, pii::PiiCipher,
    secrets::SecretKey, storage::Storage,
};

/// Cloned for every request and every server function (Leptos's context, axum's state), so it is one `Arc`:
/// a clone of the fields themselves (options, caches, storage) was about 2% of a signed-in page's CPU.
#[derive(Clone, Debug)]
pub struct AppState(Arc<Shared>);

#[derive(Debug)]
pub struct Shared {
    pub leptos_options: LeptosOptions,
    pub config: Arc<Config>,
    pub db: Db,
    pub secret: SecretKey,
    pub pii: PiiCipher,
    pub clock: Clock,
    pub storage: Storage,
    /// The public read models' caches, one of each type the features declare.
    pub cache: Caches,
    /// Whole public pages for anonymous visitors.
    pub pages: PageCache,
    /// Set once migrations have run; until then `/readyz` says not ready.
    migrated: AtomicBool,
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl AppState {
    pub fn new(
        config: Config,
        db: Db,
        secret: SecretKey,
    ) -> Result<AppState, crate::server::storage::StorageError> {
        let storage = Storage::from_config(&config)?;
        let clock = Clock::default();
        let pages = PageCache::new(
            std::time::Duration::from_secs(config.server.page_cache_seconds),
            clock.clone(),
        );
        Ok(AppState(Arc::new(Shared {
            leptos_options: config.leptos_options(),
            config: Arc::new(config),
            db,
            pii: PiiCipher::from_secret(&secret),
            secret,
            clock,
            storage,
            cache: Caches::default(),
            pages,
            migrated: AtomicBool::new(false),
        })))
    }

    pub fn mark_migrated(&self) {
        self.migrated.store(true, Ordering::Release);
    }

    pub fn is_migrated(&self) -> bool {
        self.migrated.load(Ordering::Acquire)
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state inside a server function or a component rendered on the server.
pub fn app_state() -> Result<AppState, crate::core::error::AppError> {
    leptos::prelude::use_context::<AppState>()
        .ok_or_else(|| crate::server::error::internal("application state missing from context"))
}
