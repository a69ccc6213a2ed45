//! Server-side sessions (tower-sessions) stored in the database, so several instances share them.
//!
//! The store keeps the account id, IP and user agent in their own columns: "sign out everywhere",
//! "disable account" and the sessions page work on those without decoding session data.
use std::str::FromStr;

use async_trait::async_trait;
use sqlx::{Any, Executor};
use tower_sessions::{
    Expiry, Session, SessionManagerLayer, SessionStore,
    cookie::SameSite,
    session::{Id, Record},
    session_store,
};

use crate::{
    core::{auth::SessionUser, role::Role},
    server::{clock::Clock, db::Db},
};

/// Session data keys.
pub const ACCOUNT_ID: &str = "account_id";
pub const CREATED_AT_MS: &str = "created_at_ms";
pub const IP: &str = "ip";
pub const USER_AGENT: &str = "user_agent";
/// The session's idle limit in minutes, kept in the data so the store applies it on every save.
pub const IDLE_MINUTES: &str = "idle_minutes";

/// Idle limits: staff sessions end sooner because their screens show other people's data.
pub const STAFF_IDLE_MINUTES: i64 = 30;
pub const PUBLIC_IDLE_MINUTES: i64 = 120;
/// Absolute limit whatever the activity (a working day plus margin).
pub const ABSOLUTE_LIMIT_MS: i64 = 12 * 60 * 60 * 1000;

/// The idle limit of a signed-in user.
pub fn idle_minutes(staff: bool) -> i64 {
    if staff {
        STAFF_IDLE_MINUTES
    } else {
        PUBLIC_IDLE_MINUTES
    }
}

/// Puts this request's session on the user's idle limit. tower-sessions builds every request's session
/// with the layer's default expiry (the public limit) and, with `always_save`, writes that expiry back on
/// every request; a limit set only at sign-in would last until the next request. So the limit is applied
/// whenever the user is loaded, and also stored in the data for requests that never load the user (the
/// language switch; files and health checks are routed ahead of the session layer), where
/// `DbSessionStore` caps the expiry with it.
pub async fn apply_idle_limit(
    session: &Session,
    staff: bool,
) -> Result<(), tower_sessions::session::Error> {
    let minutes = idle_minutes(staff);
    session.set_expiry(Some(Expiry::OnInactivity(time::Duration::minutes(minutes))));
    session.insert(IDLE_MINUTES, minutes).await
}

/// A save that changes no data and moves the expiry by less than this is skipped: every request saves
/// (to slide the idle limit), and a database write per page view was the largest cost of a signed-in
/// page. The idle limit may so end up to a minute early; `last_seen_ms` lags by as much.
const TOUCH_INTERVAL_MS: i64 = 60_000;

#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: Db,
    clock: Clock,
    /// What this instance last wrote per session: a hash of the data and the expiry.
    written: moka::future::Cache<Id, (u64, i64)>,
    prefetched: Prefetched,
}

/// The signed-in account's columns as both reads of it select them (`accounts a`): the session's load
/// (`DbSessionStore::load`, joined) and `authz::session_user`. Its unread notices come along: every
/// signed-in page shows them in its header.
macro_rules! account_columns {
    () => {
        "a.id, a.full_name, a.email, a.role, a.company_id, a.company_role, a.email_verified_at_ms, \
         (SELECT COUNT(*) FROM notifications n WHERE n.account_id = a.id AND n.read_at_ms IS NULL) AS unread"
    };
}
pub(crate) use account_columns;

/// An account as `account_columns!` reads it; all `None` when the join found no enabled account.
#[derive(sqlx::FromRow)]
pub(crate) struct AccountRow {
    id: Option<i64>,
    full_name: Option<String>,
    email: Option<String>,
    role: Option<String>,
    company_id: Option<i64>,
    company_role: Option<String>,
    email_verified_at_ms: Option<i64>,
    unread: i64,
}

impl AccountRow {
    /// The signed-in person and their unread notices; `None` for no (enabled) account.
    pub(crate) fn signed_in(self) -> Option<(SessionUser, i64)> {
        let user = SessionUser {
            account_id: self.id?,
            full_name: self.full_name?,
            email: self.email?,
            role: Role::parse(self.role.as_deref()?)?,
            company_id: self.company_id,
            company_admin: self.company_role.as_deref() == Some("admin"),
            email_verified: self.email_verified_at_ms.is_some(),
        };
        Some((user, self.unread))
    }
}

/// A session's account as its load read it.
#[derive(Clone)]
struct SignedIn {
    account_id: i64,
    user: Option<(SessionUser, i64)>,
}

/// The accounts `DbSessionStore::load` read with their sessions, for `RequestCtx` to take once per
/// request instead of reading the account again: one statement fewer on every signed-in request. Kept
/// seconds only; a request that never asks for its user leaves its entry to expire. Two requests of one
/// session at once may take each other's read: the same account, read milliseconds apart (a request that
/// read its user just before a change always went on with the old one).
#[derive(Clone)]
pub struct Prefetched(moka::future::Cache<Id, SignedIn>);

/// Without the entries: they hold session ids, names and e-mail addresses.
impl std::fmt::Debug for Prefetched {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Prefetched({} accounts)", self.0.entry_count())
    }
}

impl Prefetched {
    fn new() -> Self {
        Prefetched(
            moka::future::Cache::builder()
                .max_capacity(10_000)
                .time_to_live(std::time::Duration::from_secs(5))
                .build(),
        )
    }

    /// The account the session `id` was loaded with, if it was `account_id` (the session's data names
    /// it): `Some(None)` when that account is disabled or gone, `None` when not read with the session.
    pub async fn take(&self, id: &Id, account_id: i64) -> Option<Option<(SessionUser, i64)>> {
        let hit = self.0.remove(id).await?;
        (hit.account_id == account_id).then_some(hit.user)
    }
}

/// A session row with its account (`LEFT JOIN`: none for a visitor's session).
#[derive(sqlx::FromRow)]
struct LoadRow {
    data: String,
    expires_at_ms: i64,
    session_account: Option<i64>,
    #[sqlx(flatten)]
    account: AccountRow,
}

/// A row as it would be written.
struct SessionRow {
    data: String,
    data_hash: u64,
    expires_at_ms: i64,
    account_id: Option<i64>,
    created_at_ms: Option<i64>,
    ip: Option<String>,
    user_agent: Option<String>,
}

impl DbSessionStore {
    pub fn new(db: Db, clock: Clock) -> Self {
        DbSessionStore {
            db,
            clock,
            written: moka::future::Cache::builder()
                .max_capacity(100_000)
                .time_to_idle(std::time::Duration::from_secs(15 * 60))
                .build(),
            prefetched: Prefetched::new(),
        }
    }

    fn row(&self, record: &Record) -> SessionRow {
        // Sorted keys: the same data always gives the same text (a HashMap's order varies per map).
        let sorted: std::collections::BTreeMap<_, _> = record.data.iter().collect();
        let data = serde_json::to_string(&sorted).unwrap_or_else(|_| "{}".into());
        let get_i64 = |key: &str| record.data.get(key).and_then(serde_json::Value::as_i64);
        let now = self.clock.now_ms();
        // tower-sessions computes the expiry from the real time; shift it by the clock's offset.
        let layer_expiry =
            (record.expiry_date.unix_timestamp_nanos() / 1_000_000) as i64 + self.clock.offset_ms();
        // A request that did not load the user saves with the layer's (longer) default: the stored
        // idle limit still holds.
        let expires_at_ms = match get_i64(IDLE_MINUTES) {
            Some(minutes) => layer_expiry.min(now + minutes * 60_000),
            None => layer_expiry,
        };
        let data_hash = {
            use std::hash::{Hash, Hasher};
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            data.hash(&mut hasher);
            hasher.finish()
        };
        let get_str = |key: &str| {
            record
                .data
                .get(key)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        SessionRow {
            data,
            data_hash,
            expires_at_ms,
            account_id: get_i64(ACCOUNT_ID),
            created_at_ms: get_i64(CREATED_AT_MS),
            ip: get_str(IP),
            user_agent: get_str(USER_AGENT),
        }
    }

    /// A new row; with an id already taken, nothing (0 rows).
    async fn insert(&self, record: &Record) -> Result<u64, sqlx::Error> {
        let row = self.row(record);
        let now = self.clock.now_ms();
        let result = sqlx::query(
            "INSERT INTO sessions (id, account_id, data, expires_at_ms, created_at_ms, last_seen_ms, ip, user_agent) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING",
        )
        .bind(record.id.to_string())
        .bind(row.account_id)
        .bind(row.data)
        .bind(row.expires_at_ms)
        .bind(row.created_at_ms.unwrap_or(now))
        .bind(now)
        .bind(row.ip)
        .bind(row.user_agent)
        .execute(&self.db.pool)
        .await?;
        if result.rows_affected() > 0 {
            self.written
                .insert(record.id, (row.data_hash, row.expires_at_ms))
                .await;
        }
        Ok(result.rows_affected())
    }

    /// Writes an existing row, and only that: a session ended meanwhile (sign out everywhere, password
    /// reset, a disabled account) by another request or instance stays ended, though this request loaded
    /// it before. Its cookie then finds nothing on the next request.
    async fn update(&self, record: &Record) -> Result<u64, sqlx::Error> {
        let row = self.row(record);
        let result = sqlx::query(
            "UPDATE sessions SET account_id = $2, data = $3, expires_at_ms = $4, last_seen_ms = $5, \
             ip = $6, user_agent = $7 WHERE id = $1",
        )
        .bind(record.id.to_string())
        .bind(row.account_id)
        .bind(row.data)
        .bind(row.expires_at_ms)
        .bind(self.clock.now_ms())
        .bind(row.ip)
        .bind(row.user_agent)
        .execute(&self.db.pool)
        .await?;
        if result.rows_affected() > 0 {
            self.written
                .insert(record.id, (row.data_hash, row.expires_at_ms))
                .await;
        } else {
            self.written.invalidate(&record.id).await;
        }
        Ok(result.rows_affected())
    }

    /// Whether this instance already wrote this data with an expiry close enough to this one.
    async fn unchanged(&self, record: &Record) -> bool {
        let Some((hash, written_expiry)) = self.written.get(&record.id).await else {
            return false;
        };
        let row = self.row(record);
        row.data_hash == hash
            && row.expires_at_ms >= written_expiry
            && row.expires_at_ms - written_expiry < TOUCH_INTERVAL_MS
    }
}

fn backend(error: sqlx::Error) -> session_store::Error {
    session_store::Error::Backend(error.to_string())
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // A 128-bit random id practically never collides, but a collision must not hijack a session.
        while self.insert(record).await.map_err(backend)? == 0 {
            record.id = Id::default();
        }
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        if self.unchanged(record).await {
            return Ok(());
        }
        // Never an upsert: see `update`. A session this request created is written by `create`.
        self.update(record).await.map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let row: Option<LoadRow> = sqlx::query_as(concat!(
            "SELECT s.data, s.expires_at_ms, s.account_id AS session_account, ",
            account_columns!(),
            " FROM sessions s LEFT JOIN accounts a ON a.id = s.account_id AND a.disabled = 0 \
             WHERE s.id = $1 AND s.expires_at_ms > $2"
        ))
        .bind(id.to_string())
        .bind(self.clock.now_ms())
        .fetch_optional(&self.db.pool)
        .await
        .map_err(backend)?;
        let Some(LoadRow {
            data,
            expires_at_ms,
            session_account,
            account,
        }) = row
        else {
            return Ok(None);
        };
        if let Some(account_id) = session_account {
            let user = account.signed_in();
            self.prefetched
                .0
                .insert(*id, SignedIn { account_id, user })
                .await;
        }
        let data =
            serde_json::from_str(&data).map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let real_expiry_ms = expires_at_ms - self.clock.offset_ms();
        let expiry_date =
            time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(real_expiry_ms) * 1_000_000)
                .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.written.invalidate(id).await;
        sqlx::query("DELETE FROM sessions WHERE id = $1")
            .bind(id.to_string())
            .execute(&self.db.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

/// The session cookie: `__Host-` prefixed and `Secure` when the portal is served over HTTPS. With it the
/// accounts its store reads along (for `authz::load_user_once_per_request`).
pub fn layer(
    db: Db,
    clock: Clock,
    https: bool,
) -> (SessionManagerLayer<DbSessionStore>, Prefetched) {
    let store = DbSessionStore::new(db, clock);
    let prefetched = store.prefetched.clone();
    let layer = SessionManagerLayer::new(store)
        .with_name(if https {
            "__Host-dnaker_sid"
        } else {
            "dnaker_sid"
        })
        .with_secure(https)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(time::Duration::minutes(
            PUBLIC_IDLE_MINUTES,
        )))
        // Saving on every request slides the idle timeout.
        .with_always_save(true);
    (layer, prefetched)
}

/// Ends every session of an account (sign out everywhere, disabled account, password reset), in the
/// caller's transaction so the change and its audit row commit together.
pub async fn delete_all_for_account<'c, E>(executor: E, account_id: i64) -> Result<u64, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let result = sqlx::query("DELETE FROM sessions WHERE account_id = $1")
        .bind(account_id)
        .execute(executor)
        .await?;
    Ok(result.rows_affected())
}

/// Ends every session of an account but `keep` (the device that changed the password).
pub async fn delete_others_for_account<'c, E>(
    executor: E,
    account_id: i64,
    keep: &str,
) -> Result<u64, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let result = sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND id <> $2")
        .bind(account_id)
        .bind(keep)
        .execute(executor)
        .await?;
    Ok(result.rows_affected())
}

/// Removes expired rows; run periodically.
pub async fn delete_expired(db: &Db, now_ms: i64) -> Result<u64, sqlx::Error> {
    let result = sqlx::query("DELETE FROM sessions WHERE expires_at_ms <= $1")
        .bind(now_ms)
        .execute(&db.pool)
        .await?;
    Ok(result.rows_affected())
}

/// Parses a session id as shown in the sessions table (for "end this session").
pub fn parse_id(id: &str) -> Option<Id> {
    Id::from_str(id).ok()
}
