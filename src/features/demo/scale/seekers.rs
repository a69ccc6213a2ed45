//! Synthetic job seekers: accounts, profiles, some work history and consents.
use indicatif::ProgressBar;
use rand::{Rng, rngs::StdRng, seq::IndexedRandom};

use super::{
    names::{EDUCATION, FAMILY_NAMES, FIRST_NAMES_FEMALE, FIRST_NAMES_MALE, PLACES_OF_BIRTH},
    rows::{DAY_MS, insert_rows, text},
};
use crate::{
    core::{calendar, regions_data::TANGERANG_DISTRICTS},
    features::demo::{data::VACANCIES, seed::SeedError},
    server::{
        db::{Bind, Db},
        pii::PiiCipher,
    },
};

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

pub async fn seed_seekers(
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
