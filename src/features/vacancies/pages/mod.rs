//! Vacancy pages: the public search and vacancy page (`search.rs`), the company's reports, form and
//! pipeline (`company.rs`), the officer's queue and the seeker's jobs page (`review.rs`).
pub mod company;
pub mod placements;
pub mod review;
pub mod search;

pub use company::{CompanyVacanciesPage, PipelinePage};
pub use review::{MyJobsPage, VacancyQueuePage};
pub use search::{VacancyPage, VacancySearchPage};
