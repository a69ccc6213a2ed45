//! Loads the demo companies, vacancies and one account per role, in one transaction.
//!
//! Idempotent: the demo admin's e-mail marks a database that has the demo data already. Passwords are
//! random and printed once; only their hashes are stored.
use rand::{Rng, distr::Alphanumeric};
use sqlx::{Any, Transaction};

use crate::{
    core::{calendar, role::Role},
    features::{
        accounts::service::{self as accounts, NewAccount},
        demo::{
            data::{COMPANIES, DEMO_SEEKER_NAMES, VACANCIES},
            model::DemoCompany,
        },
    },
    server::{
        audit,
        db::{Db, now_ms},
        pii::PiiCipher,
    },
};

const MARKER_EMAIL: &str = "admin@demo.dnaker.id";
const DAY_MS: i64 = 86_400_000;

#[derive(Debug)]
pub struct SeedReport {
    pub already_loaded: bool,
    pub companies: usize,
    pub vacancies: usize,
    pub contracts: usize,
    /// Role, e-mail and the one-time printed password.
    pub accounts: Vec<(Role, String, String)>,
}

impl SeedReport {
    pub fn print(&self) {
        if self.already_loaded {
            println!(
                "demo data is loaded already (accounts keep the passwords printed when they were made)"
            );
            return;
        }
        println!(
            "demo data loaded: {} companies, {} vacancies, {} PKWT contracts",
            self.companies, self.vacancies, self.contracts
        );
        println!("demo accounts (passwords are shown only this once):");
        for (role, email, password) in &self.accounts {
            println!("  {:<8} {email:<34} {password}", role.as_str());
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error("password hashing failed: {0}")]
    Hashing(#[from] tokio::task::JoinError),
    #[error("{0}")]
    Pii(String),
}

/// Seeds only a database with no companies yet (first start of the README's run command).
pub async fn seed_if_empty(db: &Db, pii: &PiiCipher) -> Result<Option<SeedReport>, SeedError> {
    let (companies,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM companies")
        .fetch_one(&db.pool)
        .await?;
    if companies > 0 {
        return Ok(None);
    }
    seed_demo(db, pii).await.map(Some)
}

pub async fn seed_demo(db: &Db, pii: &PiiCipher) -> Result<SeedReport, SeedError> {
    if accounts::email_taken(&db.pool, MARKER_EMAIL).await? {
        return Ok(SeedReport {
            already_loaded: true,
            companies: 0,
            vacancies: 0,
            contracts: 0,
            accounts: vec![],
        });
    }
    let mut tx = db.begin_write().await?;
    let now = now_ms();
    let mut company_ids = Vec::with_capacity(COMPANIES.len());
    for (index, company) in COMPANIES.iter().enumerate() {
        company_ids.push(insert_company(&mut tx, company, index, now).await?);
    }
    let today = calendar::wib_date(now);
    for (index, vacancy) in VACANCIES.iter().enumerate() {
        let deadline = today + time::Duration::days(vacancy.deadline_days_from_seed);
        sqlx::query(
            "INSERT INTO vacancies (company_id, title, description, kbli_section, education_code, district_code, \
             wage_min_idr, wage_max_idr, headcount, work_type, deadline, status, created_at_ms, occupation_code, skills, \
             shift, contract_type, published_at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'published', $12, $13, $14, $15, $16, $12)",
        )
        .bind(company_ids[vacancy.company_index])
        .bind(vacancy.title_id)
        .bind(vacancy.description_id)
        .bind(vacancy.kbli_section)
        .bind(vacancy.education_code)
        .bind(vacancy.district_code)
        .bind(vacancy.wage_min_idr)
        .bind(vacancy.wage_max_idr)
        .bind(vacancy.headcount)
        .bind(if vacancy.work_type == "part_time" {
            "part_time"
        } else {
            "full_time"
        })
        .bind(calendar::format_date(deadline))
        // Spread over the last weeks so "newest" means something.
        .bind(now - (index as i64) * DAY_MS / 3)
        .bind(vacancy.occupation_code)
        .bind(vacancy.skills)
        .bind(if vacancy.work_type == "shift" {
            "rotating"
        } else {
            "day"
        })
        .bind(if vacancy.work_type == "contract" {
            "contract"
        } else {
            "permanent"
        })
        .execute(&mut *tx)
        .await?;
    }
    let accounts = insert_accounts(&mut tx, [company_ids[0], company_ids[1]], pii, now).await?;
    let (hrd,): (i64,) =
        sqlx::query_as("SELECT id FROM accounts WHERE email = 'hrd@demo.dnaker.id'")
            .fetch_one(&mut *tx)
            .await?;
    let workers: Vec<(&str, &str, &str, &str)> = DEMO_SEEKERS
        .iter()
        .zip(DEMO_SEEKER_NAMES)
        .map(|((nik, birth, sex), (name, _))| (*nik, *name, *sex, *birth))
        .collect();
    let contracts = crate::features::demo::pkwt::insert_demo_contracts(
        &mut tx,
        company_ids[0],
        hrd,
        &workers,
        pii,
        now,
    )
    .await?;
    crate::features::demo::fairs::insert_demo_fairs(&mut tx, &company_ids, now).await?;
    crate::features::demo::tka::insert_demo_foreign_workers(&mut tx, company_ids[0], hrd, pii, now)
        .await?;
    crate::features::demo::complaints::insert_demo_complaints(&mut tx, company_ids[0], now).await?;
    crate::features::demo::statistics::insert_overdue_company(&mut tx, now).await?;
    crate::features::demo::requests::insert_demo_requests(&mut tx, company_ids[0], hrd, pii, now)
        .await?;
    crate::features::demo::training::insert_demo_training(&mut tx, company_ids[0], now).await?;
    crate::features::demo::obligations::insert_demo_obligations(
        &mut tx,
        &company_ids[..2],
        pii,
        now,
    )
    .await?;
    crate::features::demo::partner_api::insert_demo_key(&mut tx, now).await?;
    audit::record(
        &mut *tx,
        audit::AuditEvent {
            action: "demo.seed",
            subject_type: "database",
            detail: "demo data loaded",
            ..Default::default()
        },
    )
    .await?;
    tx.commit().await?;
    crate::features::demo::statistics::refresh_statistics(db, now).await;
    Ok(SeedReport {
        already_loaded: false,
        companies: COMPANIES.len(),
        vacancies: VACANCIES.len(),
        contracts,
        accounts,
    })
}

async fn insert_company(
    tx: &mut Transaction<'static, Any>,
    company: &DemoCompany,
    index: usize,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO companies (name, nib, npwp, kbli_section, kbli_division, district_code, address, size_band, \
         contact_name, contact_email, verified, created_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(company.name)
    .bind(company.nib)
    .bind(company.npwp)
    .bind(company.kbli_section)
    .bind(company.kbli_division)
    .bind(company.district_code)
    .bind(company.address)
    .bind(company.size_band)
    .bind(company.contact_name)
    .bind(company.contact_email)
    // The last two wait for an officer's verification, so the queue is not empty.
    .bind(i64::from(index + 2 < COMPANIES.len()))
    .bind(now - (COMPANIES.len() - index) as i64 * DAY_MS)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// A profile and consents for a demo seeker, so recommendations and suggested candidates show something.
async fn insert_demo_profile(
    tx: &mut Transaction<'static, Any>,
    account_id: i64,
    number: usize,
    now: i64,
) -> Result<(), sqlx::Error> {
    let (district, education, skills, wanted) = match number {
        1 => (
            "36.03.18",
            "SMK",
            "operator mesin, forklift, las listrik",
            "operator produksi, operator forklift",
        ),
        2 => (
            "36.03.07",
            "D3",
            "administrasi gudang, Excel, WMS",
            "admin gudang",
        ),
        _ => (
            "36.03.10",
            "SMA",
            "kasir, pelayanan pelanggan, pengemasan",
            "kasir, pramuniaga",
        ),
    };
    sqlx::query(
        "INSERT INTO seeker_profiles (account_id, address, district_code, education_level, skills, updated_at_ms, \
         preferred_occupations, preferred_district_code, work_time, shift) \
         VALUES ($1, 'Jl. Contoh No. 1', $2, $3, $4, $5, $6, $2, 'full_time', 'any')",
    )
    .bind(account_id)
    .bind(district)
    .bind(education)
    .bind(skills)
    .bind(now)
    .bind(wanted)
    .execute(&mut **tx)
    .await?;
    for purpose in ["matching", "discoverable", "notifications"] {
        accounts::set_consent(&mut **tx, account_id, purpose, true, now).await?;
    }
    Ok(())
}

/// Demo NIKs: Kabupaten Tangerang districts, valid birth dates, serials 09xx (clearly not real people).
/// In the order of `DEMO_SEEKER_NAMES` (a woman, a man, a woman: day of birth + 40 in a woman's NIK).
const DEMO_SEEKERS: [(&str, &str, &str); 3] = [
    ("3603075203990902", "1999-03-12", "female"),
    ("3603012005960901", "1996-05-20", "male"),
    ("3603104811010903", "2001-11-08", "female"),
];

/// A few accounts per role: an admin, two officers, the HR admins of two (verified) demo companies
/// and three job seekers.
async fn insert_accounts(
    tx: &mut Transaction<'static, Any>,
    companies: [i64; 2],
    pii: &PiiCipher,
    now: i64,
) -> Result<Vec<(Role, String, String)>, SeedError> {
    let mut people: Vec<(Role, String, String, Option<i64>)> = vec![
        (Role::Admin, MARKER_EMAIL.into(), "Admin Demo".into(), None),
        (
            Role::Officer,
            "petugas@demo.dnaker.id".into(),
            "Petugas Layanan Demo".into(),
            None,
        ),
        (
            Role::Officer,
            "petugas2@demo.dnaker.id".into(),
            "Petugas Loket Demo".into(),
            None,
        ),
        (
            Role::Company,
            "hrd@demo.dnaker.id".into(),
            COMPANIES[0].contact_name.into(),
            Some(companies[0]),
        ),
        (
            Role::Company,
            "hrd2@demo.dnaker.id".into(),
            COMPANIES[1].contact_name.into(),
            Some(companies[1]),
        ),
    ];
    for (index, (name, _)) in DEMO_SEEKER_NAMES
        .iter()
        .take(DEMO_SEEKERS.len())
        .enumerate()
    {
        people.push((
            Role::Seeker,
            format!("pencaker{}@demo.dnaker.id", index + 1),
            (*name).into(),
            None,
        ));
    }
    let mut printed = Vec::with_capacity(people.len());
    let mut seeker_index = 0;
    for (role, email, full_name, company_id) in people {
        let password: String = rand::rng()
            .sample_iter(&Alphanumeric)
            .take(14)
            .map(char::from)
            .collect();
        let password_hash = accounts::hash_password(password.clone()).await?;
        let account = NewAccount {
            email: &email,
            full_name: &full_name,
            role,
            company_id,
            company_role: company_id.map(|_| "admin"),
            phone: None,
            password_hash: &password_hash,
            now_ms: now,
        };
        let id = accounts::insert_account(&mut **tx, &account).await?;
        accounts::mark_email_verified(&mut **tx, id, now).await?;
        if role == Role::Seeker {
            let (nik, date_of_birth, sex) = DEMO_SEEKERS[seeker_index];
            seeker_index += 1;
            let place_of_birth = DEMO_SEEKER_NAMES[seeker_index - 1].1;
            let ciphertext = pii
                .encrypt(nik)
                .map_err(|e| SeedError::Pii(e.to_string()))?;
            let seeker = accounts::NewSeeker {
                account_id: id,
                nik_ciphertext: &ciphertext,
                nik_hash: &pii.blind_index(nik),
                place_of_birth,
                date_of_birth,
                sex,
                now_ms: now,
            };
            accounts::insert_seeker_row(&mut **tx, &seeker).await?;
            insert_demo_profile(tx, id, seeker_index, now).await?;
        }
        printed.push((role, email, password));
    }
    Ok(printed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::validate::{Sex, check_nik};

    #[test]
    fn demo_seekers_pass_the_nik_check_with_their_birth_date_and_sex() {
        for (nik, birth, sex) in DEMO_SEEKERS {
            let date = calendar::parse_date(birth).expect("a date");
            let sex = if sex == "female" {
                Sex::Female
            } else {
                Sex::Male
            };
            assert!(check_nik(nik, date, sex).is_ok(), "{nik}");
        }
        assert!(DEMO_SEEKERS.len() <= DEMO_SEEKER_NAMES.len());
    }
}
