//! The seeker profile on the server: whose profile a request may touch, loading and saving it, and the
//! work-history and certificate entries.
use sqlx::FromRow;

use crate::{
    core::{calendar, error::AppError, role::Role},
    features::ak1::{
        experience::{
            CertificateEntry, CertificateItem, MAX_ENTRIES, ProfileEntries, WorkEntry, WorkItem,
        },
        model::{MyProfile, ProfileForm, ReviewProfile, completeness},
        service::latest_application,
    },
    server::{audit, authz::RequestCtx, db::Db},
};

/// Whose profile a request works on: the seeker's own, or, at the service counter, a person who gave
/// this officer their consent today (see `counter.rs`).
pub async fn subject(ctx: &RequestCtx, on_behalf_of: Option<i64>) -> Result<i64, AppError> {
    let Some(seeker_id) = on_behalf_of else {
        return Ok(ctx.require(Role::Seeker)?.account_id);
    };
    let officer = ctx.require_staff()?;
    let consent: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM assisted_consents WHERE seeker_account_id = $1 AND officer_account_id = $2 AND expires_at_ms > $3 LIMIT 1",
    )
    .bind(seeker_id)
    .bind(officer.account_id)
    .bind(ctx.now_ms())
    .fetch_optional(&ctx.state.db.pool)
    .await?;
    consent.map(|_| seeker_id).ok_or(AppError::Forbidden)
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

pub async fn load_form(db: &Db, account_id: i64) -> Result<ProfileForm, AppError> {
    let row: Option<ProfileRow> = sqlx::query_as(
        "SELECT marital_status, religion, address, district_code, village_code, address_elsewhere, education_level, \
         school, major, graduation_year, skills, preferred_occupations, preferred_sector, preferred_district_code, \
         minimum_wage_idr, work_time, shift FROM seeker_profiles WHERE account_id = $1",
    )
    .bind(account_id)
    .fetch_optional(&db.pool)
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

pub async fn my_profile(
    ctx: &RequestCtx,
    on_behalf_of: Option<i64>,
) -> Result<MyProfile, AppError> {
    let seeker_id = subject(ctx, on_behalf_of).await?;
    let db = &ctx.state.db;
    let form = load_form(db, seeker_id).await?;
    let ak1 = latest_application(db, seeker_id, calendar::wib_date(ctx.now_ms())).await?;
    let files: Vec<(String,)> =
        sqlx::query_as("SELECT kind FROM seeker_files WHERE account_id = $1 ORDER BY kind")
            .bind(seeker_id)
            .fetch_all(&db.pool)
            .await?;
    let (full_name,): (String,) = sqlx::query_as("SELECT full_name FROM accounts WHERE id = $1")
        .bind(seeker_id)
        .fetch_one(&db.pool)
        .await?;
    if on_behalf_of.is_some() {
        audit::record(
            &db.pool,
            ctx.audit(
                "profile.read",
                "seeker_profile",
                Some(seeker_id.to_string()),
            )
            .about(seeker_id)
            .detail("counter"),
        )
        .await?;
    }
    Ok(MyProfile {
        completeness: completeness(&form),
        form,
        files: files.into_iter().map(|(kind,)| kind).collect(),
        ak1,
        full_name,
    })
}

pub async fn entries(
    ctx: &RequestCtx,
    on_behalf_of: Option<i64>,
) -> Result<ProfileEntries, AppError> {
    let seeker_id = subject(ctx, on_behalf_of).await?;
    let db = &ctx.state.db;
    Ok(ProfileEntries {
        work: work_items(db, seeker_id).await?,
        certificates: certificate_items(db, seeker_id).await?,
    })
}

/// Does the reference query `sql` find `code`?
async fn known(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    sql: &str,
    code: &str,
) -> Result<bool, AppError> {
    let found: Option<(String,)> = sqlx::query_as(sql)
        .bind(code)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(found.is_some())
}

pub async fn save_profile(
    ctx: &RequestCtx,
    on_behalf_of: Option<i64>,
    form: ProfileForm,
) -> Result<(), AppError> {
    let seeker_id = subject(ctx, on_behalf_of).await?;
    let this_year = calendar::wib_date(ctx.now_ms()).year();
    form.validate(this_year).map_err(AppError::Validation)?;
    let mut tx = ctx.state.db.begin_write().await?;
    // The shared rules checked codes against the embedded lists; the database is the authority.
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
        if let Some(code) = blank_to_none(value)
            && !known(&mut tx, sql, &code).await?
        {
            return Err(AppError::field(field, "err_choose"));
        }
    }
    sqlx::query(
        "INSERT INTO seeker_profiles (account_id, marital_status, religion, address, district_code, village_code, \
         address_elsewhere, education_level, school, major, graduation_year, skills, preferred_occupations, \
         preferred_sector, preferred_district_code, minimum_wage_idr, work_time, shift, updated_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) \
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
    .bind(ctx.now_ms())
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "profile.update",
            "seeker_profile",
            Some(seeker_id.to_string()),
        )
        .about(seeker_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

async fn work_items(db: &Db, account_id: i64) -> Result<Vec<WorkItem>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, employer, position, start_month, end_month, duties FROM seeker_work_history \
         WHERE account_id = $1 ORDER BY start_month DESC, id DESC",
    )
    .bind(account_id)
    .fetch_all(&db.pool)
    .await?)
}

async fn certificate_items(db: &Db, account_id: i64) -> Result<Vec<CertificateItem>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, kind, name, issuer, year FROM seeker_certificates WHERE account_id = $1 ORDER BY year DESC, id DESC",
    )
    .bind(account_id)
    .fetch_all(&db.pool)
    .await?)
}

/// Refuses a new entry once a profile lists `MAX_ENTRIES` in `table`.
async fn check_room(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    table: &str,
    seeker_id: i64,
) -> Result<(), AppError> {
    let (count,): (i64,) = sqlx::query_as(&format!(
        "SELECT COUNT(*) FROM {table} WHERE account_id = $1"
    ))
    .bind(seeker_id)
    .fetch_one(&mut **tx)
    .await?;
    if count >= MAX_ENTRIES {
        return Err(AppError::Conflict("err_too_many_entries".into()));
    }
    Ok(())
}

fn this_month(ctx: &RequestCtx) -> (i32, u8) {
    let today = calendar::wib_date(ctx.now_ms());
    (today.year(), today.month() as u8)
}

pub async fn add_work(
    ctx: &RequestCtx,
    on_behalf_of: Option<i64>,
    entry: WorkEntry,
) -> Result<(), AppError> {
    let seeker_id = subject(ctx, on_behalf_of).await?;
    entry
        .validate(this_month(ctx))
        .map_err(AppError::Validation)?;
    let mut tx = ctx.state.db.begin_write().await?;
    check_room(&mut tx, "seeker_work_history", seeker_id).await?;
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
    .bind(ctx.now_ms())
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "profile.work_add",
            "seeker_work_history",
            Some(id.to_string()),
        )
        .about(seeker_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn add_certificate(
    ctx: &RequestCtx,
    on_behalf_of: Option<i64>,
    entry: CertificateEntry,
) -> Result<(), AppError> {
    let seeker_id = subject(ctx, on_behalf_of).await?;
    entry
        .validate(this_month(ctx).0)
        .map_err(AppError::Validation)?;
    let mut tx = ctx.state.db.begin_write().await?;
    check_room(&mut tx, "seeker_certificates", seeker_id).await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO seeker_certificates (account_id, kind, name, issuer, year, created_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(seeker_id)
    .bind(&entry.kind)
    .bind(entry.name.trim())
    .bind(entry.issuer.trim())
    .bind(entry.year.trim().parse::<i64>().unwrap_or_default())
    .bind(ctx.now_ms())
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "profile.certificate_add",
            "seeker_certificates",
            Some(id.to_string()),
        )
        .about(seeker_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Which list an entry is removed from.
#[derive(Clone, Copy)]
pub enum EntryList {
    Work,
    Certificates,
}

/// Removes one of the profile's own entries; another person's entry is simply not found.
pub async fn remove_entry(
    ctx: &RequestCtx,
    on_behalf_of: Option<i64>,
    list: EntryList,
    entry_id: i64,
) -> Result<(), AppError> {
    let seeker_id = subject(ctx, on_behalf_of).await?;
    let table = match list {
        EntryList::Work => "seeker_work_history",
        EntryList::Certificates => "seeker_certificates",
    };
    let mut tx = ctx.state.db.begin_write().await?;
    let deleted = sqlx::query(&format!(
        "DELETE FROM {table} WHERE id = $1 AND account_id = $2"
    ))
    .bind(entry_id)
    .bind(seeker_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if deleted == 0 {
        return Err(AppError::NotFound);
    }
    audit::record(
        &mut *tx,
        ctx.audit("profile.entry_remove", table, Some(entry_id.to_string()))
            .about(seeker_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The full profile of an applicant, for the officer deciding their AK-1 application. Only applicants are
/// shown (someone without an application is not found), and every read is audit-logged.
pub async fn review(ctx: &RequestCtx, seeker_id: i64) -> Result<ReviewProfile, AppError> {
    ctx.require_staff()?;
    let db = &ctx.state.db;
    let applied: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM ak1_applications WHERE account_id = $1 LIMIT 1")
            .bind(seeker_id)
            .fetch_optional(&db.pool)
            .await?;
    applied.ok_or(AppError::NotFound)?;
    audit::record(
        &db.pool,
        ctx.audit(
            "profile.read",
            "seeker_profile",
            Some(seeker_id.to_string()),
        )
        .about(seeker_id)
        .detail("ak1_review"),
    )
    .await?;
    Ok(ReviewProfile {
        form: load_form(db, seeker_id).await?,
        entries: ProfileEntries {
            work: work_items(db, seeker_id).await?,
            certificates: certificate_items(db, seeker_id).await?,
        },
    })
}
