//! The regulations' SQL. A regulation's text is only ever added to (a new version row); the regulation row
//! points at its current version, moved by a guarded UPDATE on the version the editor started from.
use sqlx::{AnyConnection, FromRow};

#[derive(FromRow, Clone)]
pub struct CurrentRow {
    pub id: i64,
    pub category: String,
    pub kind: String,
    pub version: i64,
    pub title: String,
    pub body: String,
    pub title_en: String,
    pub body_en: String,
    pub effective_on: String,
}

const CURRENT: &str = "SELECT r.id, r.category, r.kind, v.version, v.title, v.body, v.title_en, v.body_en, v.effective_on \
     FROM regulations r JOIN regulation_versions v ON v.regulation_id = r.id AND v.version = r.current_version";

/// Current versions, filtered by category and a LIKE pattern (already escaped, lower case) over titles and
/// texts in both languages.
pub async fn search(
    conn: &mut AnyConnection,
    category: Option<&str>,
    pattern: Option<&str>,
) -> Result<Vec<CurrentRow>, sqlx::Error> {
    let sql = format!(
        "{CURRENT} WHERE ($1 = '' OR r.category = $1) AND ($2 = '' OR LOWER(v.title) LIKE $2 ESCAPE '\\' \
         OR LOWER(v.body) LIKE $2 ESCAPE '\\' OR LOWER(v.title_en) LIKE $2 ESCAPE '\\' \
         OR LOWER(v.body_en) LIKE $2 ESCAPE '\\') ORDER BY r.kind, r.category, r.id LIMIT 200"
    );
    sqlx::query_as(&sql)
        .bind(category.unwrap_or(""))
        .bind(pattern.unwrap_or(""))
        .fetch_all(conn)
        .await
}

pub async fn current(conn: &mut AnyConnection, id: i64) -> Result<Option<CurrentRow>, sqlx::Error> {
    sqlx::query_as(&format!("{CURRENT} WHERE r.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

#[derive(FromRow, Clone)]
pub struct VersionRow {
    pub id: i64,
    pub version: i64,
    pub title: String,
    pub body: String,
    pub title_en: String,
    pub body_en: String,
    pub link: String,
    pub change_note: String,
    pub effective_on: String,
    pub published_at_ms: i64,
}

/// Every version of a regulation, newest first.
pub async fn versions(conn: &mut AnyConnection, id: i64) -> Result<Vec<VersionRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, version, title, body, title_en, body_en, link, change_note, effective_on, published_at_ms \
         FROM regulation_versions WHERE regulation_id = $1 ORDER BY version DESC",
    )
    .bind(id)
    .fetch_all(conn)
    .await
}

pub async fn insert_regulation(
    conn: &mut AnyConnection,
    category: &str,
    kind: &str,
    now_ms: i64,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO regulations (category, kind, current_version, created_at_ms, updated_at_ms) \
         VALUES ($1, $2, 0, $3, $3) RETURNING id",
    )
    .bind(category)
    .bind(kind)
    .bind(now_ms)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

pub struct NewVersion<'a> {
    pub regulation_id: i64,
    pub version: i64,
    pub title: &'a str,
    pub body: &'a str,
    pub title_en: &'a str,
    pub body_en: &'a str,
    pub link: &'a str,
    pub change_note: &'a str,
    pub effective_on: &'a str,
    pub published_by: i64,
    pub now_ms: i64,
}

pub async fn insert_version(
    conn: &mut AnyConnection,
    v: &NewVersion<'_>,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO regulation_versions (regulation_id, version, title, body, title_en, body_en, link, change_note, \
         effective_on, published_by, published_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(v.regulation_id)
    .bind(v.version)
    .bind(v.title)
    .bind(v.body)
    .bind(v.title_en)
    .bind(v.body_en)
    .bind(v.link)
    .bind(v.change_note)
    .bind(v.effective_on)
    .bind(v.published_by)
    .bind(v.now_ms)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// Moves the regulation to `version` if it is still at `expected` (and its category and kind as edited);
/// 0 rows: someone published in between.
pub async fn advance(
    conn: &mut AnyConnection,
    id: i64,
    expected: i64,
    version: i64,
    category: &str,
    kind: &str,
    now_ms: i64,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE regulations SET current_version = $1, category = $2, kind = $3, updated_at_ms = $4 \
         WHERE id = $5 AND current_version = $6",
    )
    .bind(version)
    .bind(category)
    .bind(kind)
    .bind(now_ms)
    .bind(id)
    .bind(expected)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Versions in force by `today` whose followers have not been told: (version id, regulation, category, title).
pub async fn due_announcements(
    conn: &mut AnyConnection,
    today: &str,
) -> Result<Vec<(i64, i64, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT v.id, r.id, r.category, v.title FROM regulation_versions v JOIN regulations r ON r.id = v.regulation_id \
         WHERE v.announced_at_ms IS NULL AND v.effective_on <= $1 ORDER BY v.id LIMIT 500",
    )
    .bind(today)
    .fetch_all(conn)
    .await
}

/// Claims a version's announcement (0 rows: already told).
pub async fn claim_announcement(
    conn: &mut AnyConnection,
    version_id: i64,
    now_ms: i64,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE regulation_versions SET announced_at_ms = $1 WHERE id = $2 AND announced_at_ms IS NULL",
    )
    .bind(now_ms)
    .bind(version_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// The followers of a category who can be told: (account, e-mail).
pub async fn followers(
    conn: &mut AnyConnection,
    category: &str,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id, a.email FROM regulation_follows f JOIN accounts a ON a.id = f.account_id \
         WHERE f.category = $1 AND a.disabled = 0 ORDER BY a.id",
    )
    .bind(category)
    .fetch_all(conn)
    .await
}

pub async fn follows(
    conn: &mut AnyConnection,
    account_id: i64,
) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT category FROM regulation_follows WHERE account_id = $1 ORDER BY category",
    )
    .bind(account_id)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(c,)| c).collect())
}

pub async fn follow(
    conn: &mut AnyConnection,
    account_id: i64,
    category: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO regulation_follows (account_id, category, created_at_ms) VALUES ($1, $2, $3) \
         ON CONFLICT (account_id, category) DO NOTHING",
    )
    .bind(account_id)
    .bind(category)
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn unfollow(
    conn: &mut AnyConnection,
    account_id: i64,
    category: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM regulation_follows WHERE account_id = $1 AND category = $2")
        .bind(account_id)
        .bind(category)
        .execute(conn)
        .await?;
    Ok(())
}
