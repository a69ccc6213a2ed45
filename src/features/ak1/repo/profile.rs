//! Profile rows: the form, work-history and certificate entries, uploaded files, counter consents.
use sqlx::{Any, AnyConnection, Executor, FromRow};

use crate::features::ak1::{
    experience::{CertificateEntry, CertificateItem, WorkEntry, WorkItem},
    model::ProfileForm,
};

/// Is there a consent of `seeker_id` for `officer_id` that has not expired at `now_ms`?
pub async fn consent_given<'c, E>(
    executor: E,
    seeker_id: i64,
    officer_id: i64,
    now_ms: i64,
) -> Result<bool, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let consent: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM assisted_consents WHERE seeker_account_id = $1 AND officer_account_id = $2 AND expires_at_ms > $3 LIMIT 1",
    )
    .bind(seeker_id)
    .bind(officer_id)
    .bind(now_ms)
    .fetch_optional(executor)
    .await?;
    Ok(consent.is_some())
}

/// Records the person's consent for this officer until `expires_at_ms`.
pub async fn insert_consent<'c, E>(
    executor: E,
    seeker_id: i64,
    officer_id: i64,
    now_ms: i64,
    expires_at_ms: i64,
) -> Result<(), sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query(
        "INSERT INTO assisted_consents (seeker_account_id, officer_account_id, given_at_ms, expires_at_ms) VALUES ($1, $2, $3, $4)",
    )
    .bind(seeker_id)
    .bind(officer_id)
    .bind(now_ms)
    .bind(expires_at_ms)
    .execute(executor)
    .await?;
    Ok(())
}

/// The active seeker with this NIK blind index, if any.
pub async fn seeker_by_nik_hash<'c, E>(
    executor: E,
    nik_hash: &str,
) -> Result<Option<i64>, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let found: Option<(i64,)> = sqlx::query_as(
        "SELECT s.account_id FROM seekers s JOIN accounts a ON a.id = s.account_id WHERE s.nik_hash = $1 AND a.disabled = 0",
    )
    .bind(nik_hash)
    .fetch_optional(executor)
    .await?;
    Ok(found.map(|(id,)| id))
}

#[derive(FromRow)]
struct ProfileRow {
    marital_status: Option<String>,
    religion: Option<String>,
    address: Option<String>,
    district_code: Option<String>,
    village_code: Option<String>,
    address_elsewhere: Option<String>,
    education_level: Option<String>,
    school: Option<String>,
    major: Option<String>,
    graduation_year: Option<i64>,
    skills: String,
    preferred_occupations: String,
    preferred_sector: Option<String>,
    preferred_district_code: Option<String>,
    minimum_wage_idr: Option<i64>,
    work_time: Option<String>,
    shift: Option<String>,
}

/// The stored profile as a form (blank when none was saved yet).
pub async fn load_form<'c, E>(executor: E, account_id: i64) -> Result<ProfileForm, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let row: Option<ProfileRow> = sqlx::query_as(
        "SELECT marital_status, religion, address, district_code, village_code, address_elsewhere, education_level, \
         school, major, graduation_year, skills, preferred_occupations, preferred_sector, preferred_district_code, \
         minimum_wage_idr, work_time, shift FROM seeker_profiles WHERE account_id = $1",
    )
    .bind(account_id)
    .fetch_optional(executor)
    .await?;
    Ok(row.map_or_else(ProfileForm::default, |r| ProfileForm {
        marital_status: r.marital_status.unwrap_or_default(),
        religion: r.religion.unwrap_or_default(),
        address: r.address.unwrap_or_default(),
        district_code: r.district_code.unwrap_or_default(),
        village_code: r.village_code.unwrap_or_default(),
        address_elsewhere: r.address_elsewhere.unwrap_or_default(),
        education_level: r.education_level.unwrap_or_default(),
        school: r.school.unwrap_or_default(),
        major: r.major.unwrap_or_default(),
        graduation_year: r.graduation_year.map(|y| y.to_string()).unwrap_or_default(),
        skills: r.skills,
        preferred_occupations: r.preferred_occupations,
        preferred_sector: r.preferred_sector.unwrap_or_default(),
        preferred_district_code: r.preferred_district_code.unwrap_or_default(),
        minimum_wage: r
            .minimum_wage_idr
            .map(|idr| crate::core::money::Rupiah(idr).to_string())
            .unwrap_or_default(),
        work_time: r.work_time.unwrap_or_default(),
        shift: r.shift.unwrap_or_default(),
    }))
}

pub(crate) fn blank_to_none(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// The first field of `form` whose code the reference tables do not know. The shared rules checked codes
/// against the embedded lists; the database is the authority.
pub async fn first_unknown_code(
    conn: &mut AnyConnection,
    form: &ProfileForm,
) -> Result<Option<&'static str>, sqlx::Error> {
    for (field, sql, value) in [
        (
            "district_code",
            "SELECT code FROM regions WHERE code = $1 AND level = 'district'",
            &form.district_code,
        ),
        (
            "village_code",
            "SELECT code FROM regions WHERE code = $1 AND level = 'village'",
            &form.village_code,
        ),
        (
            "preferred_district_code",
            "SELECT code FROM regions WHERE code = $1 AND level = 'district'",
            &form.preferred_district_code,
        ),
        (
            "education_level",
            "SELECT code FROM education_levels WHERE code = $1",
            &form.education_level,
        ),
        (
            "preferred_sector",
            "SELECT code FROM kbli_sections WHERE code = $1",
            &form.preferred_sector,
        ),
    ] {
        if let Some(code) = blank_to_none(value) {
            let found: Option<(String,)> = sqlx::query_as(sql)
                .bind(code)
                .fetch_optional(&mut *conn)
                .await?;
            if found.is_none() {
                return Ok(Some(field));
            }
        }
    }
    Ok(None)
}

/// Inserts or replaces the seeker's profile row. A first row takes the skills a training already
/// verified (`training_skills`), so matching sees them however the two were ordered.
pub async fn upsert_profile<'c, E>(
    executor: E,
    seeker_id: i64,
    form: &ProfileForm,
    now_ms: i64,
) -> Result<(), sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query(
        "INSERT INTO seeker_profiles (account_id, marital_status, religion, address, district_code, village_code, \
         address_elsewhere, education_level, school, major, graduation_year, skills, preferred_occupations, \
         preferred_sector, preferred_district_code, minimum_wage_idr, work_time, shift, updated_at_ms, verified_skills) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, \
         (SELECT COALESCE(string_agg(t.skill, ', ' ORDER BY t.id), '') FROM training_skills t WHERE t.account_id = $1)) \
         ON CONFLICT (account_id) DO UPDATE SET marital_status = excluded.marital_status, religion = excluded.religion, \
         address = excluded.address, district_code = excluded.district_code, village_code = excluded.village_code, \
         address_elsewhere = excluded.address_elsewhere, education_level = excluded.education_level, \
         school = excluded.school, major = excluded.major, graduation_year = excluded.graduation_year, \
         skills = excluded.skills, preferred_occupations = excluded.preferred_occupations, \
         preferred_sector = excluded.preferred_sector, preferred_district_code = excluded.preferred_district_code, \
         minimum_wage_idr = excluded.minimum_wage_idr, work_time = excluded.work_time, shift = excluded.shift, \
         updated_at_ms = excluded.updated_at_ms",
    )
    .bind(seeker_id)
    .bind(blank_to_none(&form.marital_status))
    .bind(blank_to_none(&form.religion))
    .bind(blank_to_none(&form.address))
    .bind(blank_to_none(&form.district_code))
    .bind(blank_to_none(&form.village_code))
    .bind(blank_to_none(&form.address_elsewhere))
    .bind(blank_to_none(&form.education_level))
    .bind(blank_to_none(&form.school))
    .bind(blank_to_none(&form.major))
    .bind(form.graduation_year.trim().parse::<i64>().ok())
    .bind(form.skill_list().join(", "))
    .bind(form.occupation_list().join(", "))
    .bind(blank_to_none(&form.preferred_sector))
    .bind(blank_to_none(&form.preferred_district_code))
    .bind(form.minimum_wage_idr())
    .bind(blank_to_none(&form.work_time))
    .bind(blank_to_none(&form.shift))
    .bind(now_ms)
    .execute(executor)
    .await?;
    Ok(())
}

pub async fn full_name<'c, E>(executor: E, account_id: i64) -> Result<String, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let (full_name,): (String,) = sqlx::query_as("SELECT full_name FROM accounts WHERE id = $1")
        .bind(account_id)
        .fetch_one(executor)
        .await?;
    Ok(full_name)
}

pub async fn work_items<'c, E>(executor: E, account_id: i64) -> Result<Vec<WorkItem>, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query_as(
        "SELECT id, employer, position, start_month, end_month, duties FROM seeker_work_history \
         WHERE account_id = $1 ORDER BY start_month DESC, id DESC",
    )
    .bind(account_id)
    .fetch_all(executor)
    .await
}

pub async fn certificate_items<'c, E>(
    executor: E,
    account_id: i64,
) -> Result<Vec<CertificateItem>, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query_as(
        "SELECT id, kind, name, issuer, year, training_registration_id FROM seeker_certificates WHERE account_id = $1 \
         ORDER BY year DESC, id DESC",
    )
    .bind(account_id)
    .fetch_all(executor)
    .await
}

/// The entry tables of a profile: `table` is only ever one of these two names.
pub const WORK_TABLE: &str = "seeker_work_history";
pub const CERTIFICATE_TABLE: &str = "seeker_certificates";

/// How many entries the profile lists in `table` (`WORK_TABLE` or `CERTIFICATE_TABLE`).
pub async fn count_entries<'c, E>(
    executor: E,
    table: &str,
    seeker_id: i64,
) -> Result<i64, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let (count,): (i64,) = sqlx::query_as(&format!(
        "SELECT COUNT(*) FROM {table} WHERE account_id = $1"
    ))
    .bind(seeker_id)
    .fetch_one(executor)
    .await?;
    Ok(count)
}

pub async fn insert_work<'c, E>(
    executor: E,
    seeker_id: i64,
    entry: &WorkEntry,
    now_ms: i64,
) -> Result<i64, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO seeker_work_history (account_id, employer, position, start_month, end_month, duties, created_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(seeker_id)
    .bind(entry.employer.trim())
    .bind(entry.position.trim())
    .bind(entry.start_month.trim())
    .bind(blank_to_none(&entry.end_month))
    .bind(blank_to_none(&entry.duties))
    .bind(now_ms)
    .fetch_one(executor)
    .await?;
    Ok(id)
}

pub async fn insert_certificate<'c, E>(
    executor: E,
    seeker_id: i64,
    entry: &CertificateEntry,
    now_ms: i64,
) -> Result<i64, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO seeker_certificates (account_id, kind, name, issuer, year, created_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(seeker_id)
    .bind(&entry.kind)
    .bind(entry.name.trim())
    .bind(entry.issuer.trim())
    .bind(entry.year.trim().parse::<i64>().unwrap_or_default())
    .bind(now_ms)
    .fetch_one(executor)
    .await?;
    Ok(id)
}

/// The card's training section: the entries finished programmes wrote ("title, provider (year)"), and the
/// profile's verified skills.
pub async fn training_section(
    pool: &sqlx::AnyPool,
    account_id: i64,
) -> Result<(Vec<String>, String), sqlx::Error> {
    let entries: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT name, issuer, year FROM seeker_certificates WHERE account_id = $1 \
         AND training_registration_id IS NOT NULL ORDER BY year DESC, id DESC",
    )
    .bind(account_id)
    .fetch_all(pool)
    .await?;
    let skills: Option<(String,)> =
        sqlx::query_as("SELECT verified_skills FROM seeker_profiles WHERE account_id = $1")
            .bind(account_id)
            .fetch_optional(pool)
            .await?;
    Ok((
        entries
            .into_iter()
            .map(|(name, issuer, year)| format!("{name}, {issuer} ({year})"))
            .collect(),
        skills.map(|(s,)| s).unwrap_or_default(),
    ))
}

/// Whether the certificate entry was written by a finished training programme (verified).
pub async fn certificate_verified<'c, E>(
    executor: E,
    entry_id: i64,
    seeker_id: i64,
) -> Result<bool, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let row: Option<(Option<i64>,)> = sqlx::query_as(
        "SELECT training_registration_id FROM seeker_certificates WHERE id = $1 AND account_id = $2",
    )
    .bind(entry_id)
    .bind(seeker_id)
    .fetch_optional(executor)
    .await?;
    Ok(matches!(row, Some((Some(_),))))
}

/// Deletes one entry of the seeker's own from `table`; returns how many rows went (0 or 1).
pub async fn delete_entry<'c, E>(
    executor: E,
    table: &str,
    entry_id: i64,
    seeker_id: i64,
) -> Result<u64, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    Ok(sqlx::query(&format!(
        "DELETE FROM {table} WHERE id = $1 AND account_id = $2"
    ))
    .bind(entry_id)
    .bind(seeker_id)
    .execute(executor)
    .await?
    .rows_affected())
}
