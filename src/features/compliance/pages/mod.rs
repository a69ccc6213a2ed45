//! The officer's compliance page.
pub mod officer;

pub use officer::CompliancePage;
