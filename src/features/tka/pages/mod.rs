//! Foreign-worker and DKPTKA pages: the company's reports and bills, the officer's queue and statistics,
//! and the public verification of a receipt.
pub mod company;
pub mod officer;

pub use company::CompanyTkaPage;
pub use officer::{TkaQueuePage, TkaStatisticsPage, VerifyDkptkaPage};
