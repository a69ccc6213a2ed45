//! Read-only queries behind `/api/v1`: published or registered records only, one query per page.
use sqlx::{AnyConnection, FromRow};

use crate::features::partner_api::schema::{Company, Contract, JobFair, JobPosting};

/// `(status, issued_on, valid_until)` of an issued or closed card, by its number or verification code.
pub async fn ak1_card(
    conn: &mut AnyConnection,
    number_or_code: &str,
) -> Result<Option<(String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT status, COALESCE(issued_on, ''), COALESCE(valid_until, '') FROM ak1_applications \
         WHERE (card_number = $1 OR verification_code = $1) AND status IN ('issued', 'closed')",
    )
    .bind(number_or_code)
    .fetch_optional(conn)
    .await
}

/// The card number of a valid (issued, unexpired) AK-1 of the person with this NIK index.
pub async fn valid_ak1_of(
    conn: &mut AnyConnection,
    nik_hash: &str,
    today: &str,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(Option<String>,)> = sqlx::query_as(
        "SELECT a.card_number FROM ak1_applications a JOIN seekers s ON s.account_id = a.account_id \
         WHERE s.nik_hash = $1 AND a.status = 'issued' AND a.valid_until >= $2 ORDER BY a.id DESC LIMIT 1",
    )
    .bind(nik_hash)
    .bind(today)
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(|r| r.0))
}

#[derive(FromRow)]
struct ContractRow {
    id: i64,
    registration_number: Option<String>,
    nib: String,
    company_name: String,
    position: String,
    contract_kind: String,
    start_date: String,
    end_date: String,
    wage_idr: i64,
    ended_early: i64,
}

const CONTRACTS: &str = "SELECT p.id, p.registration_number, c.nib, c.name AS company_name, p.position, \
     p.contract_kind, p.start_date, COALESCE(p.ended_on, p.end_date) AS end_date, p.wage_idr, p.ended_early \
     FROM pkwt_contracts p JOIN companies c ON c.id = p.company_id WHERE p.status = 'approved' AND p.id > $2";

fn contract(row: ContractRow, today: &str) -> (i64, Contract) {
    let status = if row.ended_early == 1 {
        "ended_early"
    } else if row.end_date.as_str() < today {
        "ended"
    } else if row.start_date.as_str() > today {
        "upcoming"
    } else {
        "active"
    };
    (
        row.id,
        Contract {
            registration_number: row.registration_number.unwrap_or_default(),
            employer_nib: row.nib,
            employer_name: row.company_name,
            position: row.position,
            contract_kind: row.contract_kind,
            start_date: row.start_date,
            end_date: row.end_date,
            monthly_wage_idr: row.wage_idr,
            status: status.to_owned(),
        },
    )
}

/// Registered contracts of a worker (by NIK index), oldest first, after the cursor id.
pub async fn contracts_of_worker(
    conn: &mut AnyConnection,
    nik_hash: &str,
    after: i64,
    limit: i64,
    today: &str,
) -> Result<Vec<(i64, Contract)>, sqlx::Error> {
    let rows: Vec<ContractRow> = sqlx::query_as(&format!(
        "{CONTRACTS} AND p.worker_id_hash = $1 ORDER BY p.id LIMIT $3"
    ))
    .bind(nik_hash)
    .bind(after)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| contract(r, today)).collect())
}

/// Registered contracts of a company (by NIB), oldest first, after the cursor id.
pub async fn contracts_of_company(
    conn: &mut AnyConnection,
    nib: &str,
    after: i64,
    limit: i64,
    today: &str,
) -> Result<Vec<(i64, Contract)>, sqlx::Error> {
    let rows: Vec<ContractRow> = sqlx::query_as(&format!(
        "{CONTRACTS} AND c.nib = $1 ORDER BY p.id LIMIT $3"
    ))
    .bind(nib)
    .bind(after)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| contract(r, today)).collect())
}

/// The registration number of an approved contract of this worker with this company, if any.
pub async fn registered_contract(
    conn: &mut AnyConnection,
    nik_hash: &str,
    nib: &str,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(Option<String>,)> = sqlx::query_as(
        "SELECT p.registration_number FROM pkwt_contracts p JOIN companies c ON c.id = p.company_id \
         WHERE p.worker_id_hash = $1 AND c.nib = $2 AND p.status = 'approved' ORDER BY p.id DESC LIMIT 1",
    )
    .bind(nik_hash)
    .bind(nib)
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(|r| r.0))
}

#[derive(FromRow)]
struct CompanyRow {
    id: i64,
    name: String,
    nib: String,
    npwp: String,
    kbli_section: String,
    district_code: Option<String>,
    address: String,
    size_band: String,
    verified: i64,
}

/// A company by NIB (`by_nib`) or by NPWP digits, with its id (for the workforce look-up).
pub async fn company(
    conn: &mut AnyConnection,
    by_nib: bool,
    value: &str,
) -> Result<Option<(i64, Company)>, sqlx::Error> {
    let column = if by_nib { "nib" } else { "npwp" };
    let row: Option<CompanyRow> = sqlx::query_as(&format!(
        "SELECT id, name, nib, npwp, kbli_section, district_code, address, size_band, verified \
         FROM companies WHERE {column} = $1 ORDER BY id LIMIT 1"
    ))
    .bind(value)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| {
        (
            r.id,
            Company {
                name: r.name,
                nib: r.nib,
                npwp: r.npwp,
                kbli_section: r.kbli_section,
                district_code: r.district_code,
                address: r.address,
                size_band: r.size_band,
                verified: r.verified == 1,
                workforce: None,
            },
        )
    }))
}

#[derive(FromRow)]
struct VacancyRow {
    id: i64,
    title: String,
    description: String,
    company_name: String,
    nib: String,
    occupation_code: Option<String>,
    kbli_section: String,
    education_code: String,
    work_type: String,
    district_code: String,
    wage_min_idr: i64,
    wage_max_idr: i64,
    headcount: i64,
    published_at_ms: Option<i64>,
    deadline: String,
}

/// Published vacancies still open on `today` (WIB; the deadline day included, as the site's search
/// shows them) after the cursor id, oldest first. One past its deadline waits for the closing job but
/// is no longer served.
pub async fn vacancies(
    conn: &mut AnyConnection,
    after: i64,
    limit: i64,
    today: &str,
) -> Result<Vec<JobPosting>, sqlx::Error> {
    let rows: Vec<VacancyRow> = sqlx::query_as(
        "SELECT v.id, v.title, v.description, c.name AS company_name, c.nib, v.occupation_code, v.kbli_section, \
         v.education_code, v.work_type, v.district_code, v.wage_min_idr, v.wage_max_idr, v.headcount, \
         v.published_at_ms, v.deadline FROM vacancies v JOIN companies c ON c.id = v.company_id \
         WHERE v.status = 'published' AND v.deadline >= $3 AND v.id > $1 ORDER BY v.id LIMIT $2",
    )
    .bind(after)
    .bind(limit)
    .bind(today)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| JobPosting {
            id: r.id,
            url: format!("/lowongan/{}", r.id),
            title: r.title,
            description: r.description.chars().take(2000).collect(),
            hiring_organization: r.company_name,
            hiring_organization_nib: r.nib,
            occupational_category: r.occupation_code,
            industry: r.kbli_section,
            education_requirements: r.education_code,
            employment_type: r.work_type,
            job_location_district: r.district_code,
            base_salary_min_idr: r.wage_min_idr,
            base_salary_max_idr: r.wage_max_idr,
            total_job_openings: r.headcount,
            date_posted: r
                .published_at_ms
                .map(|ms| crate::core::calendar::format_date(crate::core::calendar::wib_date(ms))),
            valid_through: r.deadline,
        })
        .collect())
}

#[derive(FromRow)]
struct FairRow {
    id: i64,
    name: String,
    description: String,
    kind: String,
    venue: String,
    starts_on: String,
    ends_on: String,
    capacity: i64,
    status: String,
}

/// Published and closed job fairs after the cursor id, oldest first (drafts and cancelled ones are not public).
pub async fn fairs(
    conn: &mut AnyConnection,
    after: i64,
    limit: i64,
) -> Result<Vec<JobFair>, sqlx::Error> {
    let rows: Vec<FairRow> = sqlx::query_as(
        "SELECT id, name, description, kind, venue, starts_on, ends_on, capacity, status FROM job_fairs \
         WHERE status IN ('published', 'closed') AND id > $1 ORDER BY id LIMIT $2",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| JobFair {
            id: r.id,
            url: format!("/bursa-kerja/{}", r.id),
            name: r.name,
            description: r.description.chars().take(2000).collect(),
            event_attendance_mode: r.kind,
            location: r.venue,
            start_date: r.starts_on,
            end_date: r.ends_on,
            maximum_attendee_capacity: r.capacity,
            event_status: r.status,
        })
        .collect())
}
