//! The K3 tables: accidents and their photos, self-checks, inspections and their orders. Functions take an
//! executor; the caller owns the transaction and decides who may ask.
use sqlx::{Any, Executor, FromRow};

#[derive(Clone, FromRow)]
pub struct AccidentRow {
    pub id: i64,
    pub company_id: i64,
    pub company_name: String,
    pub company_address: String,
    pub company_nib: String,
    /// KBLI section and division ("C / 10"; the division may be missing).
    pub company_kbli: String,
    pub case_number: String,
    pub victim_name: String,
    pub victim_nik_ciphertext: String,
    pub victim_id_kind: String,
    pub victim_passport_ciphertext: Option<String>,
    pub victim_nationality: String,
    pub victim_birth_date: String,
    pub victim_sex: String,
    pub victim_job: String,
    pub victim_unit: String,
    pub place: String,
    pub occurred_at_ms: i64,
    pub description: String,
    pub task: String,
    pub witnesses: String,
    pub agent: String,
    pub outcome: String,
    pub body_part: String,
    pub treatment: String,
    pub hospital: String,
    pub lost_days: i64,
    pub loss_idr: i64,
    pub late: i64,
    pub reported_at_ms: i64,
    pub photos: i64,
    pub referred_at_ms: Option<i64>,
    pub referred_to: Option<String>,
}

const ACCIDENT_COLUMNS: &str = "a.id, a.company_id, c.name AS company_name, c.address AS company_address, \
    c.nib AS company_nib, c.kbli_section || COALESCE(' / ' || c.kbli_division, '') AS company_kbli, a.case_number, a.victim_name, \
    a.victim_nik_ciphertext, a.victim_id_kind, a.victim_passport_ciphertext, a.victim_nationality, a.victim_birth_date, a.victim_sex, a.victim_job, a.victim_unit, a.place, a.occurred_at_ms, \
    a.description, a.task, a.witnesses, a.agent, a.outcome, a.body_part, a.treatment, a.hospital, a.lost_days, \
    a.loss_idr, a.late, a.reported_at_ms, (SELECT COUNT(*) FROM k3_accident_photos p WHERE p.accident_id = a.id) AS photos, \
    a.referred_at_ms, a.referred_to \
    FROM k3_accidents a JOIN companies c ON c.id = a.company_id";

pub struct NewAccident<'a> {
    pub company_id: i64,
    pub form: &'a crate::features::safety::model::AccidentForm,
    /// The victim's NIK or passport number, encrypted, and its keyed hash (which one: `form`).
    pub id_ciphertext: String,
    pub id_hash: String,
    pub facts: crate::features::safety::model::AccidentFacts,
    pub late: bool,
    pub reported_by: i64,
    pub now_ms: i64,
}

/// Inserts the report and gives it its case number `K3/<regency>/<year>/<id>`. Returns (id, case number).
pub async fn insert_accident(
    tx: &mut sqlx::Transaction<'static, Any>,
    a: &NewAccident<'_>,
    year: i32,
) -> Result<(i64, String), sqlx::Error> {
    let f = a.form;
    let placeholder = crate::server::pii::new_token();
    // A passport victim's NIK columns hold '' (they are NOT NULL); a NIK victim's passport columns NULL.
    let (nik, passport, kind, nationality) = if f.uses_passport() {
        let passport = (Some(a.id_ciphertext.as_str()), Some(a.id_hash.as_str()));
        (("", ""), passport, "passport", f.victim_nationality.trim())
    } else {
        let nik = (a.id_ciphertext.as_str(), a.id_hash.as_str());
        (nik, (None, None), "nik", "Indonesia")
    };
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO k3_accidents (company_id, case_number, victim_name, victim_nik_ciphertext, victim_nik_hash, \
         victim_birth_date, victim_sex, victim_job, victim_unit, place, occurred_at_ms, description, task, witnesses, \
         agent, outcome, body_part, treatment, hospital, lost_days, loss_idr, late, reported_by, reported_at_ms, \
         victim_id_kind, victim_passport_ciphertext, victim_passport_hash, victim_nationality) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, \
         $25, $26, $27, $28) RETURNING id",
    )
    .bind(a.company_id)
    .bind(&placeholder)
    .bind(f.victim_name.trim())
    .bind(nik.0)
    .bind(nik.1)
    .bind(crate::core::calendar::format_date(a.facts.birth_date))
    .bind(f.victim_sex.trim())
    .bind(f.victim_job.trim())
    .bind(f.victim_unit.trim())
    .bind(f.place.trim())
    .bind(a.facts.occurred_ms)
    .bind(f.description.trim())
    .bind(f.task.trim())
    .bind(f.witnesses.trim())
    .bind(f.agent.trim())
    .bind(f.outcome.trim())
    .bind(f.body_part.trim())
    .bind(f.treatment.trim())
    .bind(f.hospital.trim())
    .bind(a.facts.lost_days)
    .bind(a.facts.loss_idr)
    .bind(i64::from(a.late))
    .bind(a.reported_by)
    .bind(a.now_ms)
    .bind(kind)
    .bind(passport.0)
    .bind(passport.1)
    .bind(nationality)
    .fetch_one(&mut **tx)
    .await?;
    let number = format!("K3/{}/{year}/{id:05}", crate::core::region::REGENCY.code);
    sqlx::query("UPDATE k3_accidents SET case_number = $1 WHERE id = $2")
        .bind(&number)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok((id, number))
}

/// Adds a photo unless the accident has `max` already; false when it has. The accident's row is locked
/// first (a no-op UPDATE), so on PostgreSQL a concurrent upload waits and then counts this one; SQLite's
/// write transaction is serial anyway.
pub async fn insert_photo(
    tx: &mut sqlx::Transaction<'static, Any>,
    accident_id: i64,
    photo: (&str, &str),
    max: i64,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    sqlx::query("UPDATE k3_accidents SET reported_at_ms = reported_at_ms WHERE id = $1")
        .bind(accident_id)
        .execute(&mut **tx)
        .await?;
    let done = sqlx::query(
        "INSERT INTO k3_accident_photos (accident_id, storage_key, content_type, created_at_ms) \
         SELECT $1, $2, $3, $4 WHERE (SELECT COUNT(*) FROM k3_accident_photos WHERE accident_id = $1) < $5",
    )
    .bind(accident_id)
    .bind(photo.0)
    .bind(photo.1)
    .bind(now_ms)
    .bind(max)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The accidents of a company (or of every company for `None`), newest first.
pub async fn accidents(
    executor: impl Executor<'_, Database = Any>,
    company_id: Option<i64>,
    limit: i64,
) -> Result<Vec<AccidentRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {ACCIDENT_COLUMNS} WHERE ($1 = 0 OR a.company_id = $1) ORDER BY a.occurred_at_ms DESC, a.id DESC LIMIT $2"
    ))
    .bind(company_id.unwrap_or(0))
    .bind(limit)
    .fetch_all(executor)
    .await
}

/// The latest accidents of the companies in a district and KBLI section (empty = all), at most `limit`.
pub async fn recent_accidents(
    executor: impl Executor<'_, Database = Any>,
    (district, sector): (&str, &str),
    limit: i64,
) -> Result<Vec<AccidentRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {ACCIDENT_COLUMNS} WHERE ($1 = '' OR c.district_code = $1) AND ($2 = '' OR c.kbli_section = $2) \
         ORDER BY a.occurred_at_ms DESC, a.id DESC LIMIT $3"
    ))
    .bind(district)
    .bind(sector)
    .bind(limit)
    .fetch_all(executor)
    .await
}

/// One accident; with `company_id`, only if it is that company's.
pub async fn accident(
    executor: impl Executor<'_, Database = Any>,
    id: i64,
    company_id: Option<i64>,
) -> Result<Option<AccidentRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {ACCIDENT_COLUMNS} WHERE a.id = $1 AND ($2 = 0 OR a.company_id = $2)"
    ))
    .bind(id)
    .bind(company_id.unwrap_or(0))
    .fetch_optional(executor)
    .await
}

/// Records that an officer forwarded the referral package: once (0 rows when it was forwarded already or
/// does not exist).
pub async fn mark_referred(
    executor: impl Executor<'_, Database = Any>,
    id: i64,
    to: &str,
    by: i64,
    now_ms: i64,
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE k3_accidents SET referred_at_ms = $2, referred_to = $3, referred_by = $4 \
         WHERE id = $1 AND referred_at_ms IS NULL",
    )
    .bind(id)
    .bind(now_ms)
    .bind(to)
    .bind(by)
    .execute(executor)
    .await?
    .rows_affected())
}

/// The photos of an accident: (storage key, content type).
pub async fn photos(
    executor: impl Executor<'_, Database = Any>,
    accident_id: i64,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT storage_key, content_type FROM k3_accident_photos WHERE accident_id = $1 ORDER BY id",
    )
    .bind(accident_id)
    .fetch_all(executor)
    .await
}

pub struct NewSelfCheck<'a> {
    pub company_id: i64,
    pub kind: &'a str,
    pub level: &'a str,
    pub criteria: i64,
    pub met: i64,
    pub critical: i64,
    pub percentage: i64,
    pub category: &'a str,
    pub detail_json: &'a str,
    pub submitted_by: i64,
    pub now_ms: i64,
}

pub async fn insert_self_check(
    executor: impl Executor<'_, Database = Any>,
    c: &NewSelfCheck<'_>,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO k3_self_checks (company_id, kind, level, criteria, met, critical, percentage, category, \
         detail_json, submitted_by, submitted_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(c.company_id)
    .bind(c.kind)
    .bind(c.level)
    .bind(c.criteria)
    .bind(c.met)
    .bind(c.critical)
    .bind(c.percentage)
    .bind(c.category)
    .bind(c.detail_json)
    .bind(c.submitted_by)
    .bind(c.now_ms)
    .fetch_one(executor)
    .await?;
    Ok(id)
}

#[derive(FromRow)]
pub struct SelfCheckRow {
    pub kind: String,
    pub level: String,
    pub criteria: i64,
    pub met: i64,
    pub critical: i64,
    pub percentage: i64,
    pub category: String,
    pub submitted_at_ms: i64,
}

/// The latest self-check of a kind.
pub async fn latest_self_check(
    executor: impl Executor<'_, Database = Any>,
    company_id: i64,
    kind: &str,
) -> Result<Option<SelfCheckRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT kind, level, criteria, met, critical, percentage, category, submitted_at_ms FROM k3_self_checks \
         WHERE company_id = $1 AND kind = $2 ORDER BY submitted_at_ms DESC, id DESC LIMIT 1",
    )
    .bind(company_id)
    .bind(kind)
    .fetch_optional(executor)
    .await
}

mod inspections;
pub use inspections::*;
