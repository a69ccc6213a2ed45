//! Synthetic data at scale for benchmarks and load tests: `dnaker seed-demo --scale N` adds 20·N companies,
//! 1,000·N vacancies and 2,000·N job seekers (profiles, some work history, consents), with Indonesian names,
//! real Kabupaten Tangerang districts, KBLI sectors, KBJI occupations and skills taken from the demo
//! vacancies. Deterministic for a given database state; rows go in multi-row INSERTs inside transactions.
use indicatif::{ProgressBar, ProgressStyle};
use rand::{Rng, SeedableRng, rngs::StdRng, seq::IndexedRandom};

use crate::{
    core::{calendar, regions_data::TANGERANG_DISTRICTS},
    features::demo::{
        data::{COMPANIES, VACANCIES},
        seed::SeedError,
    },
    server::{
        db::{Bind, Db, SqlBuilder, now_ms},
        pii::PiiCipher,
    },
};

const DAY_MS: i64 = 86_400_000;
/// Rows per INSERT statement (well under both backends' parameter limits).
const BATCH: usize = 400;

const FIRST_NAMES_MALE: &[&str] = &[
    "Agus",
    "Ahmad",
    "Andi",
    "Arif",
    "Bayu",
    "Budi",
    "Dedi",
    "Dimas",
    "Eko",
    "Fajar",
    "Hendra",
    "Irfan",
    "Joko",
    "Kurniawan",
    "Lukman",
    "Muhammad",
    "Nanda",
    "Rizky",
    "Slamet",
    "Taufik",
    "Wahyu",
    "Yusuf",
];
const FIRST_NAMES_FEMALE: &[&str] = &[
    "Aisyah", "Ayu", "Dewi", "Fitri", "Indah", "Intan", "Lestari", "Maya", "Nur", "Putri", "Rahma",
    "Rina", "Sari", "Siti", "Tari", "Wulan", "Yuni", "Zahra",
];
const FAMILY_NAMES: &[&str] = &[
    "Hidayat",
    "Pratama",
    "Saputra",
    "Setiawan",
    "Wibowo",
    "Nugroho",
    "Kusuma",
    "Permana",
    "Ramadhan",
    "Sari",
    "Lestari",
    "Rahayu",
    "Wijaya",
    "Gunawan",
    "Hakim",
    "Maulana",
    "Syahputra",
    "Hasanah",
    "Fauziah",
    "Anggraini",
    "Firmansyah",
    "Siregar",
    "Nasution",
    "Simanjuntak",
];
const PLACES_OF_BIRTH: &[&str] = &[
    "Tangerang",
    "Serang",
    "Lebak",
    "Pandeglang",
    "Jakarta",
    "Bogor",
    "Bandung",
    "Brebes",
    "Lampung",
    "Cirebon",
];
/// Education codes weighted roughly like the registered seekers of a manufacturing regency.
const EDUCATION: &[&str] = &[
    "SD", "SMP", "SMP", "SMA", "SMA", "SMA", "SMK", "SMK", "SMK", "SMK", "D3", "D3", "D4_S1",
    "D4_S1", "S2",
];
const SECTORS: &[(&str, &str)] = &[
    ("C", "10"),
    ("C", "13"),
    ("C", "22"),
    ("C", "25"),
    ("C", "29"),
    ("G", "47"),
    ("H", "52"),
    ("I", "56"),
    ("F", "41"),
    ("Q", "86"),
    ("N", "80"),
    ("J", "62"),
    ("M", "71"),
];

pub struct ScaleReport {
    pub companies: usize,
    pub vacancies: usize,
    pub seekers: usize,
    pub seconds: f64,
}

impl ScaleReport {
    pub fn print(&self) {
        println!(
            "scale data added: {} companies, {} vacancies, {} job seekers in {:.1} s",
            self.companies, self.vacancies, self.seekers, self.seconds
        );
    }
}

/// Inserts `rows` into `table (columns)` in batches; each row's values in column order.
async fn insert_rows(
    db: &Db,
    table: &str,
    columns: &str,
    rows: Vec<Vec<Bind>>,
    returning: Option<&str>,
    progress: &ProgressBar,
) -> Result<Vec<(i64, String)>, SeedError> {
    let mut returned = Vec::new();
    let mut tx = db.begin_write().await?;
    for chunk in rows.chunks(BATCH) {
        let mut sql = SqlBuilder::new("");
        let mut values = Vec::with_capacity(chunk.len());
        for row in chunk {
            let placeholders: Vec<String> =
                row.iter().map(|value| sql.bind(value.clone())).collect();
            values.push(format!("({})", placeholders.join(", ")));
        }
        sql.sql = format!(
            "INSERT INTO {table} ({columns}) VALUES {}",
            values.join(", ")
        );
        match returning {
            Some(columns) => {
                sql.sql.push_str(&format!(" RETURNING {columns}"));
                returned.extend(sql.query_as::<(i64, String)>().fetch_all(&mut *tx).await?);
            }
            None => {
                sql.query().execute(&mut *tx).await?;
            }
        }
        progress.inc(chunk.len() as u64);
    }
    tx.commit().await?;
    Ok(returned)
}

fn text(value: impl Into<String>) -> Bind {
    Bind::Text(value.into())
}

/// Adds the scale data. `show_progress` draws a progress bar on standard error.
pub async fn seed_scale(
    db: &Db,
    pii: &PiiCipher,
    scale: u32,
    show_progress: bool,
) -> Result<ScaleReport, SeedError> {
    let started = std::time::Instant::now();
    let scale = scale.max(1) as usize;
    let (companies_before,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM companies")
        .fetch_one(&db.pool)
        .await?;
    let (seekers_before,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM seekers")
        .fetch_one(&db.pool)
        .await?;
    let mut rng = StdRng::seed_from_u64(companies_before as u64 * 7919 + seekers_before as u64);
    let (company_count, vacancy_count, seeker_count) = (20 * scale, 1_000 * scale, 2_000 * scale);
    let progress = if show_progress {
        let bar = ProgressBar::new((company_count + vacancy_count + seeker_count * 4) as u64);
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} rows ({per_sec}) {msg}",
        ) {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let now = now_ms();
    let today = calendar::wib_date(now);

    progress.set_message("companies");
    let mut company_rows = Vec::with_capacity(company_count);
    let mut company_sectors = Vec::with_capacity(company_count);
    for i in 0..company_count {
        let serial = companies_before as usize + i;
        let (section, division) = *SECTORS.choose(&mut rng).unwrap_or(&("C", "10"));
        let template = COMPANIES.choose(&mut rng).unwrap_or(&COMPANIES[0]);
        let district = TANGERANG_DISTRICTS
            .choose(&mut rng)
            .map_or("36.03.01", |d| d.0);
        let family = FAMILY_NAMES.choose(&mut rng).unwrap_or(&"Wijaya");
        company_sectors.push(section);
        company_rows.push(vec![
            text(format!(
                "PT {family} {} {serial}",
                ["Makmur", "Sentosa", "Abadi", "Jaya", "Mandiri"][i % 5]
            )),
            text(format!("{:013}", 8_000_000_000_000_u64 + serial as u64)),
            text(format!("{:015}", 710_000_000_000_000_u64 + serial as u64)),
            text(section),
            text(division),
            text(district),
            text(template.address),
            text(["mikro", "kecil", "menengah", "besar"][i % 4]),
            text(format!("HRD {family}")),
            text(format!("hrd{serial}@skala.dnaker.test")),
            Bind::Int(i64::from(i % 10 != 0)),
            Bind::Int(now - rng.random_range(30..720) * DAY_MS),
        ]);
    }
    let companies = insert_rows(
        db,
        "companies",
        "name, nib, npwp, kbli_section, kbli_division, district_code, address, size_band, contact_name, \
         contact_email, verified, created_at_ms",
        company_rows,
        Some("id, nib"),
        &progress,
    )
    .await?;
    let mut company_ids: Vec<(i64, &str)> = Vec::with_capacity(companies.len());
    {
        let mut by_nib: Vec<(i64, String)> = companies;
        by_nib.sort_by(|a, b| a.1.cmp(&b.1));
        for ((id, _), section) in by_nib.into_iter().zip(company_sectors) {
            company_ids.push((id, section));
        }
    }

    progress.set_message("vacancies");
    let mut vacancy_rows = Vec::with_capacity(vacancy_count);
    for _ in 0..vacancy_count {
        let template = VACANCIES.choose(&mut rng).unwrap_or(&VACANCIES[0]);
        let (company_id, section) = *company_ids.choose(&mut rng).unwrap_or(&(1, "C"));
        let district = TANGERANG_DISTRICTS
            .choose(&mut rng)
            .map_or("36.03.01", |d| d.0);
        let wage_min = template.wage_min_idr + rng.random_range(0..8) * 100_000;
        let wage_max = wage_min + (template.wage_max_idr - template.wage_min_idr);
        let deadline = today + time::Duration::days(rng.random_range(1..60));
        let published = now - rng.random_range(0..60 * 24) * 3_600_000;
        vacancy_rows.push(vec![
            Bind::Int(company_id),
            text(template.title_id),
            text(template.description_id),
            text(section),
            text(template.education_code),
            text(district),
            Bind::Int(wage_min),
            Bind::Int(wage_max),
            Bind::Int(rng.random_range(1..20)),
            text(if template.work_type == "part_time" {
                "part_time"
            } else {
                "full_time"
            }),
            text(calendar::format_date(deadline)),
            text("published"),
            Bind::Int(published),
            text(template.occupation_code),
            text(template.skills),
            text(if template.work_type == "shift" {
                "rotating"
            } else {
                "day"
            }),
            text(if template.work_type == "contract" {
                "contract"
            } else {
                "permanent"
            }),
            Bind::Int(published),
            Bind::Int(rng.random_range(0..4)),
        ]);
    }
    insert_rows(
        db,
        "vacancies",
        "company_id, title, description, kbli_section, education_code, district_code, wage_min_idr, wage_max_idr, \
         headcount, work_type, deadline, status, created_at_ms, occupation_code, skills, shift, contract_type, \
         published_at_ms, experience_years",
        vacancy_rows,
        None,
        &progress,
    )
    .await?;

    progress.set_message("job seekers");
    let seekers = seed_seekers(
        db,
        pii,
        &mut rng,
        seekers_before as usize,
        seeker_count,
        now,
        &progress,
    )
    .await?;
    // Fresh statistics after a bulk load, or the planners guess (PostgreSQL read every matching profile
    // instead of stopping at the first few hundred: 534 ms against 6 ms).
    progress.set_message("statistics");
    sqlx::query("ANALYZE").execute(&db.pool).await?;
    progress.finish_and_clear();
    Ok(ScaleReport {
        companies: company_count,
        vacancies: vacancy_count,
        seekers,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// A NIK unique per `global_index`: Kabupaten Tangerang district, a birth date and a serial 1000–9999
/// derived from the index (women's birth day + 40, as the NIK rule says).
fn synthetic_nik(global_index: usize, female: bool) -> (String, time::Date) {
    let serial = 1000 + global_index % 9000;
    let rest = global_index / 9000;
    let born = time::macros::date!(1975 - 01 - 01) + time::Duration::days((rest % 9000) as i64);
    let district = TANGERANG_DISTRICTS[(rest / 9000) % TANGERANG_DISTRICTS.len()].0;
    let day = born.day() + if female { 40 } else { 0 };
    let nik = format!(
        "3603{}{:02}{:02}{:02}{serial:04}",
        &district[6..8],
        day,
        u8::from(born.month()),
        born.year() % 100
    );
    (nik, born)
}

async fn seed_seekers(
    db: &Db,
    pii: &PiiCipher,
    rng: &mut StdRng,
    before: usize,
    count: usize,
    now: i64,
    progress: &ProgressBar,
) -> Result<usize, SeedError> {
    // One unusable hash for every synthetic account: they cannot sign in.
    const NO_PASSWORD: &str = "!synthetic";
    let mut people = Vec::with_capacity(count);
    let mut account_rows = Vec::with_capacity(count);
    for i in 0..count {
        let female = rng.random_bool(0.5);
        let first = if female {
            FIRST_NAMES_FEMALE
        } else {
            FIRST_NAMES_MALE
        }
        .choose(rng)
        .unwrap_or(&"Nur");
        let family = FAMILY_NAMES.choose(rng).unwrap_or(&"Hidayat");
        let email = format!("pencaker{}@skala.dnaker.test", before + i);
        account_rows.push(vec![
            text(email.clone()),
            text(format!("{first} {family}")),
            text("seeker"),
            text(NO_PASSWORD),
            Bind::Int(now - rng.random_range(1..720) * DAY_MS),
        ]);
        people.push((email, female));
    }
    let mut ids = insert_rows(
        db,
        "accounts",
        "email, full_name, role, password_hash, created_at_ms",
        account_rows,
        Some("id, email"),
        progress,
    )
    .await?;
    ids.sort_by(|a, b| a.1.cmp(&b.1));
    people.sort_by(|a, b| a.0.cmp(&b.0));
    let mut seeker_rows = Vec::with_capacity(count);
    let mut profile_rows = Vec::with_capacity(count);
    let mut consent_rows = Vec::with_capacity(count * 2);
    let mut work_rows = Vec::new();
    for (index, ((id, _), (_, female))) in ids.iter().zip(&people).enumerate() {
        let (nik, born) = synthetic_nik(before + index, *female);
        let ciphertext = pii
            .encrypt(&nik)
            .map_err(|e| SeedError::Pii(e.to_string()))?;
        seeker_rows.push(vec![
            Bind::Int(*id),
            text(ciphertext),
            text(pii.blind_index(&nik)),
            text(*PLACES_OF_BIRTH.choose(rng).unwrap_or(&"Tangerang")),
            text(calendar::format_date(born)),
            text(if *female { "female" } else { "male" }),
            Bind::Int(now),
        ]);
        let district = TANGERANG_DISTRICTS.choose(rng).map_or("36.03.01", |d| d.0);
        let wanted = VACANCIES.choose(rng).unwrap_or(&VACANCIES[0]);
        let other = VACANCIES.choose(rng).unwrap_or(&VACANCIES[1]);
        let skills: Vec<&str> = wanted
            .skills
            .split(", ")
            .chain(other.skills.split(", ").take(1))
            .collect();
        profile_rows.push(vec![
            Bind::Int(*id),
            text(format!(
                "Jl. {} No. {}",
                FAMILY_NAMES.choose(rng).unwrap_or(&"Melati"),
                rng.random_range(1..200)
            )),
            text(district),
            text(*EDUCATION.choose(rng).unwrap_or(&"SMA")),
            text(skills.join(", ")),
            Bind::Int(now),
            text(wanted.title_id.to_lowercase()),
            text(if rng.random_bool(0.5) {
                district
            } else {
                wanted.district_code
            }),
            Bind::Int(5_200_000 + rng.random_range(0..20) * 100_000),
            text(if rng.random_bool(0.9) {
                "full_time"
            } else {
                "any"
            }),
            text(if rng.random_bool(0.6) { "any" } else { "day" }),
        ]);
        for (purpose, share) in [
            ("matching", 0.8),
            ("discoverable", 0.4),
            ("notifications", 0.7),
        ] {
            consent_rows.push(vec![
                Bind::Int(*id),
                text(purpose),
                Bind::Int(i64::from(rng.random_bool(share))),
                Bind::Int(now),
            ]);
        }
        if rng.random_bool(0.5) {
            let start_year = 2012 + rng.random_range(0..10);
            work_rows.push(vec![
                Bind::Int(*id),
                text(format!(
                    "PT {} Sejahtera",
                    FAMILY_NAMES.choose(rng).unwrap_or(&"Wijaya")
                )),
                text(wanted.title_id),
                text(format!("{start_year}-{:02}", rng.random_range(1..13))),
                text(format!(
                    "{}-{:02}",
                    start_year + rng.random_range(1..4),
                    rng.random_range(1..13)
                )),
                Bind::Int(now),
            ]);
        }
    }
    insert_rows(
        db,
        "seekers",
        "account_id, nik_ciphertext, nik_hash, place_of_birth, date_of_birth, sex, created_at_ms",
        seeker_rows,
        None,
        progress,
    )
    .await?;
    insert_rows(
        db,
        "seeker_profiles",
        "account_id, address, district_code, education_level, skills, updated_at_ms, preferred_occupations, \
         preferred_district_code, minimum_wage_idr, work_time, shift",
        profile_rows,
        None,
        progress,
    )
    .await?;
    let hidden = ProgressBar::hidden();
    insert_rows(
        db,
        "consents",
        "account_id, purpose, granted, changed_at_ms",
        consent_rows,
        None,
        &hidden,
    )
    .await?;
    progress.inc(count as u64);
    insert_rows(
        db,
        "seeker_work_history",
        "account_id, employer, position, start_month, end_month, created_at_ms",
        work_rows,
        None,
        &hidden,
    )
    .await?;
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::validate::parse_nik;

    #[test]
    fn synthetic_niks_are_valid_and_distinct() {
        let mut seen = std::collections::HashSet::new();
        for index in (0..200_000).step_by(7) {
            let (nik, _) = synthetic_nik(index, index % 2 == 0);
            assert!(parse_nik(&nik).is_ok(), "{nik}");
            assert!(seen.insert(nik), "index {index}");
        }
    }
}
