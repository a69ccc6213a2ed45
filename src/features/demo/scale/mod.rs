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
        db::{Bind, Db, now_ms},
        pii::PiiCipher,
    },
};

mod names;
mod rows;
mod seekers;

use names::{FAMILY_NAMES, SECTORS};
use rows::{DAY_MS, insert_rows, text};
use seekers::seed_seekers;

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
            "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} rows ({per_sec}, about {eta} left) {msg}",
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
