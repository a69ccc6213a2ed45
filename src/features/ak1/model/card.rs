//! The card: its status, number, validity, re-report dates and the name shown on verification.
use serde::{Deserialize, Serialize};
use time::Date;

use super::{RE_REPORT_MONTHS, VALIDITY_YEARS};
use crate::core::{
    months::{add_months, period_end},
    region::REGENCY,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ak1Status {
    Waiting,
    Revision,
    Issued,
    Rejected,
    Closed,
}

impl Ak1Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Ak1Status::Waiting => "waiting",
            Ak1Status::Revision => "revision",
            Ak1Status::Issued => "issued",
            Ak1Status::Rejected => "rejected",
            Ak1Status::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Ak1Status> {
        [
            Ak1Status::Waiting,
            Ak1Status::Revision,
            Ak1Status::Issued,
            Ak1Status::Rejected,
            Ak1Status::Closed,
        ]
        .into_iter()
        .find(|status| status.as_str() == s)
    }
}

/// `AK1/3603/2026/000123`
pub fn card_number(year: i32, serial: i64) -> String {
    format!("AK1/{}/{year}/{serial:06}", REGENCY.code)
}

/// Valid through the day before the second anniversary of issue (from 29 February, through 28 February).
pub fn valid_until(issued_on: Date) -> Date {
    period_end(issued_on, i64::from(VALIDITY_YEARS) * 12)
}

/// The re-report dates of a card: every six months while it is valid (6, 12 and 18 months).
pub fn re_report_due_dates(issued_on: Date) -> Vec<Date> {
    let end = valid_until(issued_on);
    (1..)
        .map(|n| add_months(issued_on, i64::from(RE_REPORT_MONTHS) * n))
        .take_while(|due| *due <= end)
        .take(3)
        .collect()
}

/// A re-report opens this many days before its due date.
pub const REPORT_WINDOW_DAYS: i64 = 30;
/// Reminders go out this many days before a due date.
pub const REMINDER_DAYS: i64 = 7;

/// The next re-report a card holder owes: which period (1–3), when it is due, and whether it can be made today.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextReport {
    pub period: u8,
    pub due: String,
    pub open: bool,
    pub overdue: bool,
}

/// `done` lists the periods already reported. `None` when every report is made.
pub fn next_report(issued_on: Date, done: &[u8], today: Date) -> Option<NextReport> {
    re_report_due_dates(issued_on)
        .into_iter()
        .zip(1u8..)
        .find(|(_, period)| !done.contains(period))
        .map(|(due, period)| NextReport {
            period,
            due: crate::core::calendar::format_date(due),
            open: today >= due - time::Duration::days(REPORT_WINDOW_DAYS),
            overdue: today > due,
        })
}

/// Whether a card issued on `issued_on` is still valid on `today`.
pub fn is_valid_on(issued_on: Date, today: Date) -> bool {
    today >= issued_on && today <= valid_until(issued_on)
}

/// Masks a name for the public verification page: `Siti Aminah` → `S*** A*****`.
pub fn mask_name(name: &str) -> String {
    name.split_whitespace()
        .map(|word| {
            let mut chars = word.chars();
            let first = chars.next().map(String::from).unwrap_or_default();
            first + &"*".repeat(chars.count())
        })
        .collect::<Vec<_>>()
        .join(" ")
}
