//! What the officer's compliance page shows: per company its obligations and their state, the recent
//! accidents, the overdue inspection orders and the zero-accident streaks.
use serde::{Deserialize, Serialize};

use crate::features::safety::model::{AccidentView, OrderView};

/// A company with no accident for this many days is listed for the regency's zero-accident award.
pub const AWARD_STREAK_DAYS: i64 = 365;

/// Companies a page of the compliance table (`?hal=N`).
pub const PAGE_SIZE: i64 = 50;

/// One company's obligations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyObligations {
    pub company_id: i64,
    pub name: String,
    pub district: String,
    pub sector: String,
    /// The latest report's year and workforce, if any.
    pub report_year: Option<i64>,
    pub workforce: Option<i64>,
    pub warnings: i64,
    pub report_due: String,
    pub report_overdue: bool,
    pub accidents_this_year: i64,
    pub open_orders: i64,
    pub overdue_orders: i64,
    /// Days since the last accident (or since the company registered, if none).
    pub zero_accident_days: i64,
}

/// The compliance page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compliance {
    pub district: String,
    pub sector: String,
    pub districts: Vec<(String, String)>,
    pub sectors: Vec<(String, String)>,
    /// One page of the companies matching the filter, by name.
    pub companies: Vec<CompanyObligations>,
    /// The page shown (from 1, clamped), how many pages, and how many companies match.
    pub page: i64,
    pub pages: i64,
    pub total: i64,
    /// The latest accidents and the overdue orders of the companies matching the filter.
    pub accidents: Vec<AccidentView>,
    pub overdue_orders: Vec<OrderView>,
    /// (company, days without an accident) of every company matching the filter (not only this page),
    /// longest first, at least [`AWARD_STREAK_DAYS`].
    pub award_nominees: Vec<(String, i64)>,
}

/// Whole days between two instants (0 when `to` is earlier).
pub fn days_between(from_ms: i64, to_ms: i64) -> i64 {
    (to_ms - from_ms).max(0) / 86_400_000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streaks_count_whole_days() {
        assert_eq!(days_between(0, 86_399_999), 0);
        assert_eq!(days_between(0, 86_400_000 * 400), 400);
        assert_eq!(days_between(10, 0), 0);
    }
}
