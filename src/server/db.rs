//! The database, through sqlx's Any driver: SQLite by default, PostgreSQL in production.
//!
//! Portable schema conventions (every migration and query follows them):
//! - ids are `BIGINT` and come back with `RETURNING id` (`last_insert_id` is unavailable on Any);
//! - instants are UTC epoch milliseconds in `BIGINT` columns named `*_at_ms` ([`now_ms`]);
//! - calendar dates are `TEXT` `YYYY-MM-DD`; flags are `BIGINT` 0/1 (Any cannot decode SQLite booleans);
//! - money is whole rupiah in `BIGINT` (`*_idr`), US dollars in cents (`*_usd_cents`);
//! - placeholders are `$1…$N` (`?` fails on PostgreSQL); sums are `CAST(SUM(x) AS BIGINT)` because
//!   PostgreSQL's `NUMERIC` cannot be decoded;
//! - the dialect differences (full-text search, upserts) live in this module only.
use std::{str::FromStr, time::Duration};

use sqlx::{
    AnyPool, Executor, Row,
    any::{AnyConnectOptions, AnyPoolOptions},
    migrate::Migrator,
};

mod full_text;
mod packed;
mod prefix_words;
pub use full_text::{FullText, VACANCIES_FROM};
pub use prefix_words::expanded_prefixes;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Result<Backend, DbSetupError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(DbSetupError::UnsupportedUrl)
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }

    /// Row locking for work queues: PostgreSQL skips rows another instance holds; SQLite has one writer.
    pub fn skip_locked(self) -> &'static str {
        match self {
            Backend::Sqlite => "",
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        }
    }

    /// `INSERT … ON CONFLICT (cols) DO NOTHING` is spelt the same on both since SQLite 3.24.
    pub fn insert_ignore_suffix(self, conflict_columns: &str) -> String {
        format!(" ON CONFLICT ({conflict_columns}) DO NOTHING")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbSetupError {
    #[error("DATABASE_URL must start with sqlite: or postgres://")]
    UnsupportedUrl,
    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("SQLite pragma {pragma} is {actual}, expected {expected}")]
    Pragma {
        pragma: &'static str,
        actual: String,
        expected: &'static str,
    },
}

/// A pool plus the backend it talks to.
#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
}

/// How long a PostgreSQL connection may sit idle in the pool before it is pinged on taking.
const IDLE_BEFORE_PING: Duration = Duration::from_secs(5);

/// SQLite settings for durability and concurrency, applied to every new connection.
const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
     PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;";

impl Db {
    /// Builds the pool without connecting, so the server can start while the database is still down.
    pub fn connect_lazy(url: &str) -> Result<Db, DbSetupError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)?;
        let options = AnyConnectOptions::from_str(url)?;
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get) as u32;
        let max_connections = match backend {
            // One writer at a time in SQLite anyway; a few readers run beside it under WAL.
            Backend::Sqlite => 8,
            // PostgreSQL serves several instances: stay modest per instance.
            Backend::Postgres => (cores * 4).clamp(4, 32),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(3))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    match backend {
                        Backend::Sqlite => conn.execute(SQLITE_PRAGMAS).await?,
                        // A broad word matches 100,000+ vacancies at scale: with the default 4 MB the
                        // search's bitmap goes lossy and rechecks every row of its pages (measured at a
                        // million vacancies: 242 ms against 133 with 32 MB and more).
                        Backend::Postgres => conn.execute("SET work_mem = '32MB'").await?,
                    };
                    Ok(())
                })
            })
            // Every query on the pool takes a connection and gives it back, and sqlx pings it on the way
            // back (not configurable). On SQLite a ping is a round trip to the connection's own thread,
            // two thread switches, as dear as a small query: the default ping before each take doubled
            // them again. A connection just returned was just pinged, so it is tested on taking only
            // after sitting idle, when a PostgreSQL server may have dropped it (a restart, a proxy's
            // idle limit). SQLite's connections live in this process. The price: a PostgreSQL connection
            // dropped within seconds of its last use fails the one request that takes it (it is closed
            // on its way back), where the ping would have replaced it unseen.
            .test_before_acquire(false)
            .before_acquire(move |conn, meta| {
                Box::pin(async move {
                    if backend == Backend::Postgres && meta.idle_for > IDLE_BEFORE_PING {
                        sqlx::Connection::ping(conn).await?;
                    }
                    Ok(true)
                })
            })
            // A connection whose transaction was not closed (SQLite rolls back by itself on
            // SQLITE_FULL, and the ROLLBACK sqlx sends then fails, leaving its transaction depth at 1)
            // is closed instead of reused: reused, every later `begin_write` on it would fail. The
            // ping first lets a dropped transaction's queued ROLLBACK run.
            .after_release(move |conn, _meta| {
                Box::pin(async move {
                    // PostgreSQL has no such case; sqlx pings the connection after this anyway.
                    // Outside a transaction nothing can be queued (sqlx queues a ROLLBACK only while
                    // the depth is above 0, and the worker lowers it): no ping, the common case.
                    if backend != Backend::Sqlite || !sqlx::Connection::is_in_transaction(conn) {
                        return Ok(true);
                    }
                    sqlx::Connection::ping(conn).await?;
                    Ok(!sqlx::Connection::is_in_transaction(conn))
                })
            })
            .connect_lazy_with(options);
        Ok(Db { pool, backend })
    }

    /// Begins a transaction that writes. On SQLite it is `BEGIN IMMEDIATE`: the write lock is taken
    /// first, so a transaction that reads before it writes waits (busy_timeout) instead of failing at
    /// once with `SQLITE_BUSY_SNAPSHOT` under concurrency. On PostgreSQL a plain `BEGIN`; decisions
    /// there guard their UPDATE on the expected current status.
    pub async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    pub fn migrator(&self) -> &'static Migrator {
        match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        }
    }

    /// Applies pending migrations (idempotent) and checks the SQLite settings took effect.
    pub async fn migrate(&self) -> Result<(), DbSetupError> {
        self.migrator().run(&self.pool).await?;
        if self.backend == Backend::Sqlite {
            self.assert_sqlite_pragmas().await?;
        }
        Ok(())
    }

    async fn assert_sqlite_pragmas(&self) -> Result<(), DbSetupError> {
        let mut conn = self.pool.acquire().await?;
        let checks: [(&'static str, &'static str); 4] = [
            ("journal_mode", "wal"),
            ("synchronous", "2"),
            ("foreign_keys", "1"),
            ("busy_timeout", "5000"),
        ];
        for (pragma, expected) in checks {
            let row = sqlx::query(&format!("PRAGMA {pragma}"))
                .fetch_one(&mut *conn)
                .await?;
            // journal_mode answers text, the others integers.
            let actual = row
                .try_get::<String, _>(0)
                .or_else(|_| row.try_get::<i64, _>(0).map(|n| n.to_string()))?;
            if !actual.eq_ignore_ascii_case(expected) {
                return Err(DbSetupError::Pragma {
                    pragma,
                    actual,
                    expected,
                });
            }
        }
        Ok(())
    }

    /// True when a trivial query answers within the timeout.
    pub async fn ping(&self, timeout: Duration) -> bool {
        let query = sqlx::query("SELECT 1").execute(&self.pool);
        matches!(tokio::time::timeout(timeout, query).await, Ok(Ok(_)))
    }
}

/// A value bound to a [`SqlBuilder`] placeholder.
#[derive(Clone, Debug)]
pub enum Bind {
    Text(String),
    Int(i64),
}

/// Builds a query with optional parts and `$n` placeholders (sqlx's `QueryBuilder` writes `?` for the Any
/// driver, which PostgreSQL refuses). Values are always bound, never spliced into the SQL.
#[derive(Clone, Debug, Default)]
pub struct SqlBuilder {
    pub sql: String,
    binds: Vec<Bind>,
}

impl SqlBuilder {
    pub fn new(sql: &str) -> SqlBuilder {
        SqlBuilder {
            sql: sql.to_owned(),
            binds: Vec::new(),
        }
    }

    pub fn push(&mut self, sql: &str) -> &mut SqlBuilder {
        self.sql.push_str(sql);
        self
    }

    /// Binds a value and returns its placeholder (usable more than once on PostgreSQL, once on SQLite).
    pub fn bind(&mut self, value: Bind) -> String {
        self.binds.push(value);
        format!("${}", self.binds.len())
    }

    pub fn text(&mut self, value: impl Into<String>) -> String {
        self.bind(Bind::Text(value.into()))
    }

    pub fn int(&mut self, value: i64) -> String {
        self.bind(Bind::Int(value))
    }

    pub fn query(&self) -> sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments<'_>> {
        let mut query = sqlx::query(&self.sql);
        for bind in &self.binds {
            query = match bind {
                Bind::Text(text) => query.bind(text.clone()),
                Bind::Int(value) => query.bind(*value),
            };
        }
        query
    }

    pub fn query_as<'q, T>(
        &'q self,
    ) -> sqlx::query::QueryAs<'q, sqlx::Any, T, sqlx::any::AnyArguments<'q>>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
    {
        let mut query = sqlx::query_as::<_, T>(&self.sql);
        for bind in &self.binds {
            query = match bind {
                Bind::Text(text) => query.bind(text.clone()),
                Bind::Int(value) => query.bind(*value),
            };
        }
        query
    }
}

/// Now, as UTC epoch milliseconds (the one timestamp representation in the schema).
pub fn now_ms() -> i64 {
    let now = time::OffsetDateTime::now_utc();
    (now.unix_timestamp_nanos() / 1_000_000) as i64
}

/// The SQLite URL for a data directory: the file is created on first start.
pub fn sqlite_url_in(data_dir: &std::path::Path) -> String {
    format!("sqlite://{}?mode=rwc", data_dir.join("dnaker.db").display())
}

#[cfg(test)]
mod tests {
    use super::{Db, sqlite_url_in};

    /// A connection handed back while still inside a transaction (what SQLITE_FULL leaves behind when
    /// SQLite has rolled back by itself and sqlx's ROLLBACK fails) is closed, not reused.
    #[tokio::test]
    async fn a_connection_left_in_a_transaction_is_not_reused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = Db::connect_lazy(&sqlite_url_in(dir.path())).expect("pool");
        let settle = || tokio::time::sleep(std::time::Duration::from_millis(200));

        // Control: a clean connection goes back to the pool.
        drop(db.pool.acquire().await.expect("connection"));
        settle().await;
        assert_eq!(db.pool.num_idle(), 1, "a clean connection is kept");

        let mut conn = db.pool.acquire().await.expect("connection");
        let tx = sqlx::Connection::begin(&mut *conn).await.expect("begin");
        // As if its ROLLBACK had failed: the transaction depth stays at 1.
        std::mem::forget(tx);
        drop(conn);
        settle().await;
        assert_eq!(db.pool.num_idle(), 0, "the stuck connection was closed");
        // And the next write transaction works on a fresh connection.
        commit_one(&db, "CREATE TABLE t (x BIGINT)").await;
    }

    /// One statement in a write transaction, committed.
    async fn commit_one(db: &Db, sql: &str) {
        let mut tx = db.begin_write().await.expect("begin immediate");
        sqlx::query(sql).execute(&mut *tx).await.expect("write");
        tx.commit().await.expect("commit");
    }

    /// A transaction dropped without commit (a request cancelled midway) queues its ROLLBACK: nothing of
    /// the transaction stays, the write lock is free, and the connection is kept. (Whether the ROLLBACK is
    /// still queued when the connection comes back, the case `after_release` pings for, is up to the
    /// worker thread's timing; the test above covers a connection that stays in its transaction.)
    #[tokio::test]
    async fn a_dropped_transaction_is_rolled_back_and_its_connection_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = Db::connect_lazy(&sqlite_url_in(dir.path())).expect("pool");
        sqlx::query("CREATE TABLE t (x BIGINT)")
            .execute(&db.pool)
            .await
            .expect("table");
        // Its connection back in the pool (returned by a spawned task), to be the one taken next.
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        let mut tx = db.begin_write().await.expect("begin immediate");
        sqlx::query("INSERT INTO t (x) VALUES (1)")
            .execute(&mut *tx)
            .await
            .expect("insert");
        drop(tx);
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        assert_eq!(db.pool.num_idle(), 1, "the rolled-back connection is kept");
        let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM t")
            .fetch_one(&db.pool)
            .await
            .expect("count");
        assert_eq!(rows, 0, "the dropped transaction left nothing");
        // The write lock was released with it.
        commit_one(&db, "INSERT INTO t (x) VALUES (2)").await;
    }
}
