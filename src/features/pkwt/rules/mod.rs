//! The PKWT rules of PP 35/2021, shared by the browser and the server: the contract form and its checks,
//! the five-year cap across a worker's contracts with one company (Pasal 8), the registration deadline,
//! daily-work contracts (Pasal 10), compensation (Pasal 15–17) and overtime pay (Pasal 26–31).
//!
//! `contract.rs` holds the form and its check, `period.rs` the date arithmetic of the cap and the
//! deadline, `compensation.rs` and `overtime.rs` the two calculators; all re-exported here, so
//! `pkwt::rules::X` names each item.
mod compensation;
mod contract;
mod overtime;
mod period;

pub use compensation::*;
pub use contract::*;
pub use overtime::*;
pub use period::*;

/// Pasal 8: all fixed-term contracts of a worker with one employer, extensions included, at most 5 years.
pub const MAX_TOTAL_MONTHS: i64 = 60;
/// Online registration is due within this many working days of signing; later is accepted but late.
pub const REGISTRATION_WORKING_DAYS: u32 = 3;
/// Pasal 10: daily work must stay under 21 days a month.
pub const DAILY_DAYS_LIMIT: i64 = 21;
pub const MIN_WORKER_AGE: i32 = 18;
pub const CONTRACT_KINDS: [&str; 2] = ["period", "daily"];
pub const LINK_KINDS: [&str; 3] = ["new", "extension", "renewal"];
/// Reminders go out this many days before a contract ends.
pub const REMINDER_DAYS: [i64; 2] = [30, 7];

/// A checkbox's value as posted: present and not "off".
fn checked(value: &Option<String>) -> bool {
    value
        .as_deref()
        .is_some_and(|v| !v.is_empty() && v != "off" && v != "false" && v != "0")
}

#[cfg(test)]
mod overtime_tests;
#[cfg(test)]
mod tests;
