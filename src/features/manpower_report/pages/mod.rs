//! Manpower report pages: the company's report and the public verification of a receipt.
pub mod company;
pub mod events;
pub mod public;

pub use company::ManpowerReportPage;
pub use public::VerifyManpowerReportPage;
