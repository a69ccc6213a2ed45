use serde::{Deserialize, Serialize};

use crate::core::{ids::VacancyId, money::Rupiah};

/// The live figures and newest vacancies shown on the home page (public data only).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HomeSummary {
    pub open_vacancies: i64,
    pub open_positions: i64,
    pub verified_companies: i64,
    pub districts_with_vacancies: i64,
    pub latest: Vec<VacancyCard>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VacancyCard {
    pub id: VacancyId,
    pub title: String,
    pub company_name: String,
    pub district_name: String,
    pub wage_min: Rupiah,
    pub wage_max: Rupiah,
    /// `YYYY-MM-DD`
    pub deadline: String,
}

/// How many vacancies the home page lists.
pub const LATEST_LIMIT: i64 = 6;
