//! Vacancy pages: the public search and vacancy page (`search.rs`), the company's reports, form and
//! pipeline (`company.rs`, `pipeline.rs`), the officer's queue and the seeker's jobs page (`review.rs`).
pub mod company;
pub mod pipeline;
pub mod placements;
pub mod review;
pub mod search;

pub use company::CompanyVacanciesPage;
pub use pipeline::PipelinePage;
pub use review::{MyJobsPage, VacancyQueuePage};
pub use search::{VacancyPage, VacancySearchPage};
