//! PKWT pages: the company's registrations and bulk import, the officer's queue, the worker's contracts,
//! the public verification page and the calculators.
pub mod company;
pub mod officer;
pub mod tools;
pub mod worker;

pub use company::CompanyPkwtPage;
pub use officer::PkwtQueuePage;
pub use tools::{CompensationToolPage, OvertimeToolPage};
pub use worker::{MyContractsPage, VerifyPkwtPage};
