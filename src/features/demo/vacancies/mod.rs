//! The demo vacancies (fictional; every wage at or above the 2026 UMK, no discriminatory wording).
//!
//! Two files by kind of employer, joined at compile time so callers keep one slice in company order.
use crate::features::demo::model::DemoVacancy;

mod industry;
mod services;

const COUNT: usize = industry::VACANCIES.len() + services::VACANCIES.len();

/// Every demo vacancy, ordered by company.
pub const VACANCIES: &[DemoVacancy] = &join(&industry::VACANCIES, &services::VACANCIES);

/// Both lists one after the other; a const fn because slices cannot be concatenated in a constant otherwise.
const fn join(first: &[DemoVacancy], second: &[DemoVacancy]) -> [DemoVacancy; COUNT] {
    let mut all = [first[0]; COUNT];
    let mut index = 0;
    while index < first.len() {
        all[index] = first[index];
        index += 1;
    }
    while index < COUNT {
        all[index] = second[index - first.len()];
        index += 1;
    }
    all
}
