//! The hourly rebuild of the read model: every fact of every open table summed per WIB month, district and
//! category of each dimension, and every service's decisions per month against the one-working-day clock.
//! A live query per visit would read every card, vacancy and placement (200,000 seekers and 100,000
//! vacancies at `seed-demo --scale 100`); the pages read the sums instead (`benches/statistics.rs`).
use std::collections::BTreeMap;

use crate::{
    core::{
        calendar::{self, parse_date},
        error::AppError,
    },
    features::statistics::{
        clock::{Finished, Service, service_months},
        model::{ALL, Dataset, Dimension, TOTAL, age_band},
        repo::{self, CellRow, Fact},
    },
    server::{db::Db, reference, state::AppState},
};

/// The job (listed in `wiring.rs`).
pub async fn refresh(state: &AppState) -> Result<String, AppError> {
    rebuild(&state.db, state.clock.now_ms()).await
}

/// Rebuilds the read model from the current data; returns a line for the job log.
pub async fn rebuild(db: &Db, now_ms: i64) -> Result<String, AppError> {
    let mut sums: BTreeMap<(Dataset, String, String, &'static str, String), i64> = BTreeMap::new();
    for dataset in Dataset::ALL {
        if dataset == Dataset::Positions {
            continue; // read once with the vacancies
        }
        for fact in repo::facts(&db.pool, dataset).await? {
            if dataset == Dataset::Vacancies {
                let one = Fact {
                    value: 1,
                    ..fact.clone()
                };
                add_fact(&mut sums, Dataset::Vacancies, &one);
                add_fact(&mut sums, Dataset::Positions, &fact);
            } else {
                add_fact(&mut sums, dataset, &fact);
            }
        }
    }
    let calendar = reference::holiday_calendar(db).await?;
    let mut services = Vec::new();
    for service in Service::ALL {
        let items: Vec<Finished> = repo::finished(&db.pool, service)
            .await?
            .into_iter()
            .map(|(submitted_at_ms, finished_at_ms, due_at_ms)| Finished {
                submitted_at_ms,
                finished_at_ms,
                due_at_ms,
            })
            .collect();
        services.extend(
            service_months(&items, &calendar)
                .into_iter()
                .map(|month| (service, month)),
        );
    }
    let first = sums
        .keys()
        .map(|k| k.1.as_str())
        .min()
        .unwrap_or("")
        .to_owned();
    let last = sums
        .keys()
        .map(|k| k.1.as_str())
        .max()
        .unwrap_or("")
        .to_owned();
    let cells: Vec<CellRow> = sums
        .into_iter()
        .map(|((dataset, month, district, dimension, category), value)| {
            (
                dataset,
                month,
                district,
                dimension.to_owned(),
                category,
                value,
            )
        })
        .collect();
    let mut tx = db.begin_write().await?;
    repo::replace_all(&mut tx, &cells, &services, now_ms, (&first, &last)).await?;
    tx.commit().await?;
    Ok(format!(
        "{} cells, {} service months",
        cells.len(),
        services.len()
    ))
}

/// The WIB calendar date a fact counts on: the date the table keeps, else the instant's WIB date.
fn fact_date(fact: &Fact) -> Option<time::Date> {
    fact.day
        .as_deref()
        .and_then(parse_date)
        .or_else(|| fact.at_ms.map(calendar::wib_date))
}

/// The category of a fact in one dimension ("" when not known).
pub fn category(fact: &Fact, dimension: Dimension, on: time::Date) -> String {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    match dimension {
        Dimension::District => text(&fact.district),
        Dimension::Sector => text(&fact.sector),
        Dimension::Occupation => fact
            .occupation
            .as_deref()
            .and_then(|code| code.get(0..1))
            .unwrap_or_default()
            .to_owned(),
        Dimension::Education => text(&fact.education),
        Dimension::Sex => text(&fact.sex),
        Dimension::ComplaintCategory => text(&fact.kind),
        Dimension::AgeBand => fact
            .born
            .as_deref()
            .and_then(parse_date)
            .and_then(|born| age_band(born, on))
            .unwrap_or_default()
            .to_owned(),
    }
}

/// Adds a fact to its month's total and to one category of each of the dataset's dimensions.
pub fn add_fact(
    sums: &mut BTreeMap<(Dataset, String, String, &'static str, String), i64>,
    dataset: Dataset,
    fact: &Fact,
) {
    let Some(on) = fact_date(fact) else { return };
    let month = format!("{:04}-{:02}", on.year(), on.month() as u8);
    let district = fact.district.clone().unwrap_or_default();
    let mut add = |dimension: &'static str, category: String| {
        *sums
            .entry((
                dataset,
                month.clone(),
                district.clone(),
                dimension,
                category,
            ))
            .or_default() += fact.value;
    };
    add(TOTAL, ALL.to_owned());
    for dimension in dataset.dimensions() {
        add(dimension.slug(), category(fact, *dimension, on));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeker(day: &str, sex: &str, born: &str) -> Fact {
        Fact {
            at_ms: None,
            day: Some(day.into()),
            district: Some("36.03.01".into()),
            sector: None,
            occupation: Some("83".into()),
            education: Some("SMA".into()),
            sex: Some(sex.into()),
            born: Some(born.into()),
            kind: None,
            value: 1,
        }
    }

    #[test]
    fn each_fact_counts_once_in_the_total_and_once_per_dimension() {
        let mut sums = BTreeMap::new();
        add_fact(
            &mut sums,
            Dataset::Seekers,
            &seeker("2026-03-02", "female", "2000-03-03"),
        );
        add_fact(
            &mut sums,
            Dataset::Seekers,
            &seeker("2026-03-31", "male", "2000-03-02"),
        );
        let get = |dimension: &'static str, category: &str| {
            sums.get(&(
                Dataset::Seekers,
                "2026-03".to_owned(),
                "36.03.01".to_owned(),
                dimension,
                category.to_owned(),
            ))
            .copied()
        };
        assert_eq!(get(TOTAL, ALL), Some(2));
        assert_eq!(get("jenis_kelamin", "female"), Some(1));
        // One turned 26 on her registration day's eve, the other was still 25 on the 2nd.
        assert_eq!(get("kelompok_umur", "25-29"), Some(2));
        assert_eq!(get("pendidikan", "SMA"), Some(2));
        // Seekers have no occupation breakdown.
        assert_eq!(get("kbji", "8"), None);
        let mut vacancy = seeker("2026-04-01", "", "");
        vacancy.value = 7;
        add_fact(&mut sums, Dataset::Positions, &vacancy);
        assert_eq!(
            sums.get(&(
                Dataset::Positions,
                "2026-04".to_owned(),
                "36.03.01".to_owned(),
                "kbji",
                "8".to_owned()
            )),
            Some(&7)
        );
    }

    #[test]
    fn a_fact_without_a_date_is_left_out() {
        let mut sums = BTreeMap::new();
        let mut fact = seeker("not a date", "male", "2000-01-01");
        fact.day = None;
        add_fact(&mut sums, Dataset::Seekers, &fact);
        assert!(sums.is_empty());
    }
}
