//! Programmes: writing them, reading cards and pages, the catalogue search, the form's choices.
//!
//! The provider is part of every write's and private read's SQL: `COALESCE(company_id, 0) = $n`, where
//! a company passes its id and the office passes 0 (the BLK's and partners' programmes).
use sqlx::{AnyConnection, FromRow};

use crate::{
    core::error::AppError,
    features::training::model::{
        CATALOGUE_PAGE_SIZE, CatalogueQuery, Choices, ProgrammeCard, ProgrammeForm, ProgrammePlan,
        skill_list,
    },
    server::db::{Db, SqlBuilder},
};

#[derive(FromRow)]
pub struct CardRow {
    pub id: i64,
    pub title: String,
    pub provider_kind: String,
    pub provider_name: String,
    pub kbji_code: String,
    pub format: String,
    pub district_name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub hours: i64,
    pub quota: i64,
    pub reserves: i64,
    pub held: i64,
    pub reserve_held: i64,
    pub cost_idr: i64,
    pub registration_opens_on: String,
    pub registration_closes_on: String,
    pub selection: String,
    pub selection_on: String,
    pub status: String,
    pub skills: String,
}

impl From<CardRow> for ProgrammeCard {
    fn from(r: CardRow) -> ProgrammeCard {
        ProgrammeCard {
            id: r.id,
            title: r.title,
            provider_kind: r.provider_kind,
            provider_name: r.provider_name,
            kbji_code: r.kbji_code,
            format: r.format,
            district_name: r.district_name,
            starts_on: r.starts_on,
            ends_on: r.ends_on,
            hours: r.hours,
            quota: r.quota,
            reserves: r.reserves,
            held: r.held,
            reserve_held: r.reserve_held,
            cost_idr: r.cost_idr,
            registration_opens_on: r.registration_opens_on,
            registration_closes_on: r.registration_closes_on,
            selection: r.selection,
            selection_on: r.selection_on,
            status: r.status,
            skills: skill_list(&r.skills),
        }
    }
}

pub const CARD_COLUMNS: &str = "p.id, p.title, p.provider_kind, p.provider_name, p.kbji_code, p.format, \
    COALESCE(r.name, p.district_code) AS district_name, p.starts_on, p.ends_on, p.hours, p.quota, p.reserves, \
    p.held, p.reserve_held, p.cost_idr, p.registration_opens_on, p.registration_closes_on, p.selection, \
    p.selection_on, p.status, p.skills";
pub const CARD_FROM: &str = "training_programmes p LEFT JOIN regions r ON r.code = p.district_code";

/// The programme's full row: the card plus what its page and form need.
#[derive(FromRow)]
pub struct DetailRow {
    #[sqlx(flatten)]
    pub card: CardRow,
    pub company_id: Option<i64>,
    pub district_code: String,
    pub description: String,
    pub skkni_units: String,
    pub min_age: i64,
    pub max_age: i64,
    pub min_education: String,
    pub requires_ak1: i64,
    pub eligible_district: String,
}

pub async fn detail(db: &Db, id: i64) -> Result<DetailRow, AppError> {
    sqlx::query_as(&format!(
        "SELECT {CARD_COLUMNS}, p.company_id, p.district_code, p.description, p.skkni_units, p.min_age, p.max_age, \
         p.min_education, p.requires_ak1, p.eligible_district FROM {CARD_FROM} WHERE p.id = $1"
    ))
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)
}

fn units_text(plan: &ProgrammePlan) -> String {
    plan.units
        .iter()
        .map(|(code, title)| format!("{code} {title}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Inserts a published programme; returns its id.
pub async fn insert(
    conn: &mut AnyConnection,
    company_id: Option<i64>,
    provider_name: &str,
    form: &ProgrammeForm,
    plan: &ProgrammePlan,
    by: i64,
    now: i64,
) -> Result<i64, AppError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO training_programmes (provider_kind, company_id, provider_name, title, description, kbji_code, \
         skills, skkni_units, format, district_code, starts_on, ends_on, hours, quota, reserves, min_age, max_age, \
         min_education, requires_ak1, eligible_district, cost_idr, registration_opens_on, registration_closes_on, \
         selection, selection_on, status, created_by, created_at_ms, updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, \
         $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, 'published', \
         $26, $27, $27) RETURNING id",
    )
    .bind(form.provider_kind.trim())
    .bind(company_id)
    .bind(provider_name)
    .bind(form.title.trim())
    .bind(form.description.trim())
    .bind(form.kbji_code.trim())
    .bind(plan.skills.join(", "))
    .bind(units_text(plan))
    .bind(form.format.trim())
    .bind(form.district_code.trim())
    .bind(form.starts_on.trim())
    .bind(form.ends_on.trim())
    .bind(plan.hours)
    .bind(plan.quota)
    .bind(plan.reserves)
    .bind(plan.min_age)
    .bind(plan.max_age)
    .bind(form.min_education.trim())
    .bind(i64::from(plan.requires_ak1))
    .bind(form.eligible_district.trim())
    .bind(plan.cost_idr)
    .bind(form.registration_opens_on.trim())
    .bind(form.registration_closes_on.trim())
    .bind(form.selection.trim())
    .bind(form.selection_on.trim())
    .bind(by)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

/// Updates the provider's own published programme; the quota and reserves may not drop below what is
/// held. False when there is no such programme (or the new numbers are too small).
pub async fn update(
    conn: &mut AnyConnection,
    id: i64,
    owner: i64,
    form: &ProgrammeForm,
    plan: &ProgrammePlan,
    now: i64,
) -> Result<bool, AppError> {
    let done = sqlx::query(
        "UPDATE training_programmes SET title = $1, description = $2, kbji_code = $3, skills = $4, skkni_units = $5, \
         format = $6, district_code = $7, starts_on = $8, ends_on = $9, hours = $10, quota = $11, reserves = $12, \
         min_age = $13, max_age = $14, min_education = $15, requires_ak1 = $16, eligible_district = $17, cost_idr = $18, \
         registration_opens_on = $19, registration_closes_on = $20, selection = $21, selection_on = $22, updated_at_ms = $23 \
         WHERE id = $24 AND COALESCE(company_id, 0) = $25 AND status = 'published' AND held <= $11 AND reserve_held <= $12",
    )
    .bind(form.title.trim())
    .bind(form.description.trim())
    .bind(form.kbji_code.trim())
    .bind(plan.skills.join(", "))
    .bind(units_text(plan))
    .bind(form.format.trim())
    .bind(form.district_code.trim())
    .bind(form.starts_on.trim())
    .bind(form.ends_on.trim())
    .bind(plan.hours)
    .bind(plan.quota)
    .bind(plan.reserves)
    .bind(plan.min_age)
    .bind(plan.max_age)
    .bind(form.min_education.trim())
    .bind(i64::from(plan.requires_ak1))
    .bind(form.eligible_district.trim())
    .bind(plan.cost_idr)
    .bind(form.registration_opens_on.trim())
    .bind(form.registration_closes_on.trim())
    .bind(form.selection.trim())
    .bind(form.selection_on.trim())
    .bind(now)
    .bind(id)
    .bind(owner)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The owner's programme id, if it is theirs (0: the office).
pub async fn owned(db: &Db, id: i64, owner: i64) -> Result<bool, AppError> {
    let found: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM training_programmes WHERE id = $1 AND COALESCE(company_id, 0) = $2",
    )
    .bind(id)
    .bind(owner)
    .fetch_optional(&db.pool)
    .await?;
    Ok(found.is_some())
}

pub async fn list_owned(db: &Db, owner: i64) -> Result<Vec<ProgrammeCard>, AppError> {
    let rows: Vec<CardRow> = sqlx::query_as(&format!(
        "SELECT {CARD_COLUMNS} FROM {CARD_FROM} WHERE COALESCE(p.company_id, 0) = $1 ORDER BY p.starts_on DESC, p.id DESC LIMIT 200"
    ))
    .bind(owner)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(ProgrammeCard::from).collect())
}

/// The catalogue's conditions, with their values bound in `sql`.
fn filters(sql: &mut SqlBuilder, query: &CatalogueQuery) -> String {
    let mut conditions = vec!["p.status IN ('published', 'finished')".to_owned()];
    let words: Vec<String> = query
        .text
        .split_whitespace()
        .take(6)
        .map(|w| format!("%{}%", w.to_lowercase().replace(['%', '_'], "")))
        .collect();
    for word in words {
        let (a, b, c) = (sql.text(&word), sql.text(&word), sql.text(&word));
        conditions.push(format!(
            "(LOWER(p.title) LIKE {a} OR LOWER(p.skills) LIKE {b} OR LOWER(p.provider_name) LIKE {c})"
        ));
    }
    if let Some(district) = &query.district_code {
        conditions.push(format!("p.district_code = {}", sql.text(district)));
    }
    if let Some(occupation) = &query.occupation {
        conditions.push(format!("p.kbji_code = {}", sql.text(occupation)));
    }
    if let Some(format) = &query.format {
        conditions.push(format!("p.format = {}", sql.text(format)));
    }
    if let Some(kind) = &query.provider_kind {
        conditions.push(format!("p.provider_kind = {}", sql.text(kind)));
    }
    if query.free_only {
        conditions.push("p.cost_idr = 0".to_owned());
    }
    conditions.join(" AND ")
}

/// Published and finished programmes matching the filters, those not yet ended first by start; and how
/// many match.
pub async fn search(
    db: &Db,
    query: &CatalogueQuery,
    today: &str,
) -> Result<(Vec<ProgrammeCard>, i64), AppError> {
    let mut counter = SqlBuilder::new("");
    counter.sql = format!(
        "SELECT COUNT(*) FROM training_programmes p WHERE {}",
        filters(&mut counter, query)
    );
    let (total,): (i64,) = counter.query_as().fetch_one(&db.pool).await?;
    let mut sql = SqlBuilder::new("");
    let filter = filters(&mut sql, query);
    let limit = sql.int(CATALOGUE_PAGE_SIZE);
    let offset = sql.int((query.page.max(1) - 1) * CATALOGUE_PAGE_SIZE);
    // Running or coming programmes first by start; ended ones after, the latest first (one that ended
    // yesterday is still 'published' until the daily job finishes it).
    let today = sql.text(today);
    sql.sql = format!(
        "SELECT {CARD_COLUMNS} FROM {CARD_FROM} WHERE {filter} \
         ORDER BY CASE WHEN p.status = 'published' AND p.ends_on >= {today} THEN 0 ELSE 1 END, \
         CASE WHEN p.status = 'published' AND p.ends_on >= {today} THEN p.starts_on ELSE '' END, \
         p.ends_on DESC, p.id LIMIT {limit} OFFSET {offset}"
    );
    let rows: Vec<CardRow> = sql.query_as().fetch_all(&db.pool).await?;
    Ok((rows.into_iter().map(ProgrammeCard::from).collect(), total))
}

pub async fn districts(db: &Db) -> Result<Choices, AppError> {
    Ok(sqlx::query_as(
        "SELECT code, name FROM regions WHERE level = 'district' AND parent_code = '36.03' ORDER BY name",
    )
    .fetch_all(&db.pool)
    .await?)
}

pub async fn company_name(db: &Db, company_id: i64) -> Result<String, AppError> {
    let (name,): (String,) = sqlx::query_as("SELECT name FROM companies WHERE id = $1")
        .bind(company_id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(name)
}

/// Cancels a published programme of the provider and frees every place; false when it was not published
/// (or is not the provider's).
pub async fn cancel(
    conn: &mut AnyConnection,
    id: i64,
    owner: i64,
    now: i64,
) -> Result<bool, AppError> {
    let done = sqlx::query(
        "UPDATE training_programmes SET status = 'cancelled', held = 0, reserve_held = 0, updated_at_ms = $1 \
         WHERE id = $2 AND COALESCE(company_id, 0) = $3 AND status = 'published'",
    )
    .bind(now)
    .bind(id)
    .bind(owner)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Published programmes whose last day was before `today` become finished; returns how many.
pub async fn finish_ended(
    conn: &mut AnyConnection,
    today: &str,
    now: i64,
) -> Result<u64, AppError> {
    let done = sqlx::query(
        "UPDATE training_programmes SET status = 'finished', updated_at_ms = $1 \
         WHERE status = 'published' AND ends_on < $2",
    )
    .bind(now)
    .bind(today)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected())
}

/// Locks the programme row for the rest of the transaction (place changes are serialized per programme).
pub async fn lock(conn: &mut AnyConnection, id: i64) -> Result<bool, AppError> {
    let done =
        sqlx::query("UPDATE training_programmes SET updated_at_ms = updated_at_ms WHERE id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
    Ok(done.rows_affected() == 1)
}
