//! Registrations: places and reserves taken by capacity-capped UPDATEs as the first write of the
//! registering transaction (as a job fair's tickets are: on PostgreSQL a concurrent request waits for the
//! programme row and re-checks the condition; on SQLite writers are serialized), the reserves' order,
//! selection and results, and the facts eligibility reads.
use sqlx::{AnyConnection, FromRow};

use crate::{
    core::error::AppError,
    features::training::model::{Applicant, MyRegistration, OwnRegistration},
    server::db::Db,
};

/// Takes a place of a published programme within its registration window; false when none is left.
pub async fn take_place(
    conn: &mut AnyConnection,
    programme_id: i64,
    today: &str,
) -> Result<bool, AppError> {
    let taken = sqlx::query(
        "UPDATE training_programmes SET held = held + 1 WHERE id = $1 AND status = 'published' AND held < quota \
         AND registration_opens_on <= $2 AND registration_closes_on >= $2",
    )
    .bind(programme_id)
    .bind(today)
    .execute(&mut *conn)
    .await?;
    Ok(taken.rows_affected() > 0)
}

/// Takes a reserve; returns its rank (1 first), or `None` when none is left.
pub async fn take_reserve(
    conn: &mut AnyConnection,
    programme_id: i64,
    today: &str,
) -> Result<Option<i64>, AppError> {
    let rank: Option<(i64,)> = sqlx::query_as(
        "UPDATE training_programmes SET reserve_held = reserve_held + 1, reserve_seq = reserve_seq + 1 \
         WHERE id = $1 AND status = 'published' AND reserve_held < reserves \
         AND registration_opens_on <= $2 AND registration_closes_on >= $2 RETURNING reserve_seq",
    )
    .bind(programme_id)
    .bind(today)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(rank.map(|(r,)| r))
}

/// The registration; `None` when the person already has an active one on this programme.
pub async fn insert(
    conn: &mut AnyConnection,
    programme_id: i64,
    account_id: i64,
    status: &str,
    reserve_rank: Option<i64>,
    now: i64,
) -> Result<Option<i64>, AppError> {
    let inserted: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO training_registrations (programme_id, seeker_account_id, status, reserve_rank, created_at_ms, \
         updated_at_ms) VALUES ($1, $2, $3, $4, $5, $5) \
         ON CONFLICT (programme_id, seeker_account_id) WHERE status <> 'withdrawn' DO NOTHING RETURNING id",
    )
    .bind(programme_id)
    .bind(account_id)
    .bind(status)
    .bind(reserve_rank)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(inserted.map(|(id,)| id))
}

pub async fn active(
    db: &Db,
    programme_id: i64,
    account_id: i64,
) -> Result<Option<OwnRegistration>, AppError> {
    let row: Option<(i64, String, Option<i64>)> = sqlx::query_as(
        "SELECT id, status, reserve_rank FROM training_registrations WHERE programme_id = $1 \
         AND seeker_account_id = $2 AND status <> 'withdrawn'",
    )
    .bind(programme_id)
    .bind(account_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|(id, status, reserve_rank)| OwnRegistration {
        id,
        status,
        reserve_rank,
    }))
}

/// One registration as the actions need it.
#[derive(FromRow, Clone)]
pub struct RegRow {
    pub id: i64,
    pub programme_id: i64,
    pub seeker_account_id: i64,
    pub status: String,
    pub reserve_rank: Option<i64>,
    pub company_id: Option<i64>,
    pub title: String,
    pub selection: String,
    pub email: String,
}

const REG_SELECT: &str = "SELECT g.id, g.programme_id, g.seeker_account_id, g.status, g.reserve_rank, p.company_id, \
    p.title, p.selection, a.email FROM training_registrations g JOIN training_programmes p ON p.id = g.programme_id \
    JOIN accounts a ON a.id = g.seeker_account_id";

/// A registration of the provider's programme (`owner`: the company id, 0 for the office).
pub async fn of_provider(
    conn: &mut AnyConnection,
    id: i64,
    owner: i64,
) -> Result<Option<RegRow>, AppError> {
    Ok(sqlx::query_as(&format!(
        "{REG_SELECT} WHERE g.id = $1 AND COALESCE(p.company_id, 0) = $2"
    ))
    .bind(id)
    .bind(owner)
    .fetch_optional(&mut *conn)
    .await?)
}

/// The seeker's own registration.
pub async fn of_seeker(
    conn: &mut AnyConnection,
    id: i64,
    account_id: i64,
) -> Result<Option<RegRow>, AppError> {
    Ok(sqlx::query_as(&format!(
        "{REG_SELECT} WHERE g.id = $1 AND g.seeker_account_id = $2"
    ))
    .bind(id)
    .bind(account_id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Moves a registration from `from` to `to` (the guarded decision); false when it was no longer `from`.
pub async fn set_status(
    conn: &mut AnyConnection,
    id: i64,
    from: &str,
    to: &str,
    now: i64,
) -> Result<bool, AppError> {
    let done = sqlx::query(
        "UPDATE training_registrations SET status = $1, updated_at_ms = $2, \
         reserve_rank = CASE WHEN $1 = 'reserve' THEN reserve_rank ELSE NULL END WHERE id = $3 AND status = $4",
    )
    .bind(to)
    .bind(now)
    .bind(id)
    .bind(from)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The first reserve in order: `(registration id, seeker account, e-mail)`.
pub async fn first_reserve(
    conn: &mut AnyConnection,
    programme_id: i64,
) -> Result<Option<(i64, i64, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT g.id, g.seeker_account_id, a.email FROM training_registrations g \
         JOIN accounts a ON a.id = g.seeker_account_id WHERE g.programme_id = $1 AND g.status = 'reserve' \
         ORDER BY g.reserve_rank, g.id LIMIT 1",
    )
    .bind(programme_id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// A registered person put on the reserve list by the selection: the place is given back and a reserve
/// taken at the end of the order; returns its rank, or `None` when no reserve is left.
pub async fn place_to_reserve(
    conn: &mut AnyConnection,
    programme_id: i64,
) -> Result<Option<i64>, AppError> {
    let rank: Option<(i64,)> = sqlx::query_as(
        "UPDATE training_programmes SET held = held - 1, reserve_held = reserve_held + 1, \
         reserve_seq = reserve_seq + 1 WHERE id = $1 AND reserve_held < reserves AND held > 0 RETURNING reserve_seq",
    )
    .bind(programme_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(rank.map(|(r,)| r))
}

/// A reserve accepted directly: takes a free place and gives the reserve back; false when no place is free.
pub async fn reserve_to_place(
    conn: &mut AnyConnection,
    programme_id: i64,
) -> Result<bool, AppError> {
    let done = sqlx::query(
        "UPDATE training_programmes SET held = held + 1, reserve_held = reserve_held - 1 \
         WHERE id = $1 AND held < quota AND reserve_held > 0",
    )
    .bind(programme_id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Moves a registered person to the reserve list with `rank` (the guarded decision).
pub async fn set_reserve(
    conn: &mut AnyConnection,
    id: i64,
    rank: i64,
    now: i64,
) -> Result<bool, AppError> {
    let done = sqlx::query(
        "UPDATE training_registrations SET status = 'reserve', reserve_rank = $1, updated_at_ms = $2 \
         WHERE id = $3 AND status = 'registered'",
    )
    .bind(rank)
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Withdraws every active registration of a cancelled programme: `(seeker, e-mail)` of each, to notify.
pub async fn withdraw_all(
    conn: &mut AnyConnection,
    programme_id: i64,
    now: i64,
) -> Result<Vec<(i64, String)>, AppError> {
    let people: Vec<(i64, String)> = sqlx::query_as(
        "SELECT g.seeker_account_id, a.email FROM training_registrations g JOIN accounts a ON a.id = g.seeker_account_id \
         WHERE g.programme_id = $1 AND g.status IN ('registered', 'accepted', 'reserve') ORDER BY g.id",
    )
    .bind(programme_id)
    .fetch_all(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE training_registrations SET status = 'withdrawn', reserve_rank = NULL, updated_at_ms = $1 \
         WHERE programme_id = $2 AND status IN ('registered', 'accepted', 'reserve')",
    )
    .bind(now)
    .bind(programme_id)
    .execute(&mut *conn)
    .await?;
    Ok(people)
}

/// Changes the programme's counters by `places` and `reserves` (negative gives back).
pub async fn adjust(
    conn: &mut AnyConnection,
    programme_id: i64,
    places: i64,
    reserves: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE training_programmes SET held = held + $1, reserve_held = reserve_held + $2 WHERE id = $3",
    )
    .bind(places)
    .bind(reserves)
    .bind(programme_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Records a result on an accepted registration, with the certificate code when one is issued.
pub async fn record_result(
    conn: &mut AnyConnection,
    id: i64,
    result: &str,
    code: Option<&str>,
    now: i64,
) -> Result<bool, AppError> {
    let done = sqlx::query(
        "UPDATE training_registrations SET status = $1, certificate_code = $2, result_at_ms = $3, updated_at_ms = $3 \
         WHERE id = $4 AND status = 'accepted'",
    )
    .bind(result)
    .bind(code)
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Adds the programme's skills to the seeker's wallet (one entry per skill whatever its case: the unique
/// key is on `LOWER(skill)`) and keeps the profile's verified list in step; a training entry goes on the
/// AK-1 card's training section.
pub async fn verify_skills(
    conn: &mut AnyConnection,
    registration_id: i64,
    code: &str,
    now: i64,
) -> Result<(), AppError> {
    let (account_id, skills, title, provider, ends_on): (i64, String, String, String, String) = sqlx::query_as(
        "SELECT g.seeker_account_id, p.skills, p.title, p.provider_name, p.ends_on FROM training_registrations g \
         JOIN training_programmes p ON p.id = g.programme_id WHERE g.id = $1",
    )
    .bind(registration_id)
    .fetch_one(&mut *conn)
    .await?;
    for skill in crate::features::training::model::skill_list(&skills) {
        sqlx::query(
            "INSERT INTO training_skills (account_id, skill, registration_id, certificate_code, verified_at_ms) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
        )
        .bind(account_id)
        .bind(skill)
        .bind(registration_id)
        .bind(code)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    let all: Vec<(String,)> =
        sqlx::query_as("SELECT skill FROM training_skills WHERE account_id = $1 ORDER BY id")
            .bind(account_id)
            .fetch_all(&mut *conn)
            .await?;
    let list = all.into_iter().map(|(s,)| s).collect::<Vec<_>>().join(", ");
    sqlx::query("UPDATE seeker_profiles SET verified_skills = $1 WHERE account_id = $2")
        .bind(list)
        .bind(account_id)
        .execute(&mut *conn)
        .await?;
    let year: i64 = ends_on
        .get(..4)
        .and_then(|y| y.parse().ok())
        .unwrap_or(2026);
    sqlx::query(
        "INSERT INTO seeker_certificates (account_id, kind, name, issuer, year, created_at_ms, \
         training_registration_id) VALUES ($1, 'training', $2, $3, $4, $5, $6)",
    )
    .bind(account_id)
    .bind(title)
    .bind(provider)
    .bind(year)
    .bind(now)
    .bind(registration_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// What eligibility knows of a seeker: birth date, education, a valid AK-1 card, district.
pub async fn applicant(db: &Db, account_id: i64, today: &str) -> Result<Applicant, AppError> {
    let row: Option<(String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT s.date_of_birth, p.education_level, p.district_code FROM seekers s \
         LEFT JOIN seeker_profiles p ON p.account_id = s.account_id WHERE s.account_id = $1",
    )
    .bind(account_id)
    .fetch_optional(&db.pool)
    .await?;
    let (cards,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM ak1_applications WHERE account_id = $1 AND status = 'issued' AND valid_until >= $2",
    )
    .bind(account_id)
    .bind(today)
    .fetch_one(&db.pool)
    .await?;
    let (date_of_birth, education, district_code) = row
        .map_or((None, None, None), |(born, education, district)| {
            (Some(born), education, district)
        });
    Ok(Applicant {
        date_of_birth,
        education,
        has_ak1: cards > 0,
        district_code,
    })
}

#[derive(FromRow)]
struct MyRow {
    id: i64,
    programme_id: i64,
    title: String,
    provider_name: String,
    starts_on: String,
    ends_on: String,
    status: String,
    reserve_rank: Option<i64>,
    certificate_code: Option<String>,
    followup3_asked_at_ms: Option<i64>,
    followup3_working: Option<i64>,
    followup6_asked_at_ms: Option<i64>,
    followup6_working: Option<i64>,
    rating: Option<i64>,
}

pub async fn mine(db: &Db, account_id: i64) -> Result<Vec<MyRegistration>, AppError> {
    let rows: Vec<MyRow> = sqlx::query_as(
        "SELECT g.id, g.programme_id, p.title, p.provider_name, p.starts_on, p.ends_on, g.status, g.reserve_rank, \
         g.certificate_code, g.followup3_asked_at_ms, g.followup3_working, g.followup6_asked_at_ms, \
         g.followup6_working, g.rating FROM training_registrations g JOIN training_programmes p ON p.id = g.programme_id \
         WHERE g.seeker_account_id = $1 ORDER BY g.created_at_ms DESC, g.id DESC LIMIT 100",
    )
    .bind(account_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let followup_due = if r.followup6_asked_at_ms.is_some() && r.followup6_working.is_none()
            {
                Some(6)
            } else if r.followup3_asked_at_ms.is_some() && r.followup3_working.is_none() {
                Some(3)
            } else {
                None
            };
            MyRegistration {
                registration_id: r.id,
                programme_id: r.programme_id,
                title: r.title,
                provider_name: r.provider_name,
                starts_on: r.starts_on,
                ends_on: r.ends_on,
                status: r.status,
                reserve_rank: r.reserve_rank,
                certificate_code: r.certificate_code,
                followup_due,
                rating: r.rating,
            }
        })
        .collect())
}
