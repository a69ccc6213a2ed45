//! Uang kompensasi (Pasal 15–17) and its calculator's input.
use serde::{Deserialize, Serialize};
use time::Date;

use super::{add_months, checked};
use crate::core::{calendar::parse_date, error::FieldErrors, money::Rupiah};

/// Uang kompensasi (Pasal 15–17) for a contract served from `start` to `end` (both included).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compensation {
    pub months: i64,
    /// Days beyond the whole months, counted as thirtieths of a month.
    pub days: i64,
    pub amount: Rupiah,
    /// Why nothing is due: "none_foreign" or "none_short"; `None` when an amount is due.
    pub none_reason: Option<String>,
}

/// Whole months and remaining days from `start` to the day after `end`.
pub fn served(start: Date, end: Date) -> (i64, i64) {
    let Some(stop) = end.next_day() else {
        return (0, 0);
    };
    // The calendar-month difference, less one when the day of the month is not reached yet: no loop, so an
    // end date near year 9999 (which `add_months` cannot pass) answers at once.
    let difference = (i64::from(stop.year()) - i64::from(start.year())) * 12
        + i64::from(u8::from(stop.month()))
        - i64::from(u8::from(start.month()));
    let mut months = difference.max(0);
    if months > 0 && add_months(start, months) > stop {
        months -= 1;
    }
    (months, (stop - add_months(start, months)).whole_days())
}

/// Months served ÷ 12 × the monthly wage; nothing below one month or for a foreign worker.
pub fn compensation(start: Date, end: Date, monthly_wage: i64, foreign: bool) -> Compensation {
    let (months, days) = served(start, end);
    let none = |reason: &str| Compensation {
        months,
        days,
        amount: Rupiah(0),
        none_reason: Some(reason.to_owned()),
    };
    if foreign {
        return none("none_foreign");
    }
    if months < 1 {
        return none("none_short");
    }
    let amount = Rupiah(monthly_wage)
        .checked_times_ratio(months * 30 + days, 12 * 30)
        .unwrap_or(Rupiah(0));
    Compensation {
        months,
        days,
        amount,
        none_reason: None,
    }
}

/// The compensation calculator's input as typed (`/alat/kompensasi`, in the query string).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CompensationInput {
    pub wage: String,
    pub start_date: String,
    pub end_date: String,
    pub foreign_worker: Option<String>,
}

impl CompensationInput {
    pub fn calculate(&self) -> Result<Compensation, FieldErrors> {
        let mut errors = FieldErrors::new();
        let wage = Rupiah::parse(&self.wage).filter(|r| r.0 > 0);
        if wage.is_none() {
            errors.add("wage", "err_amount");
        }
        let start = parse_date(self.start_date.trim());
        let end = parse_date(self.end_date.trim());
        if start.is_none() {
            errors.add("start_date", "err_date");
        }
        match (start, end) {
            (_, None) => errors.add("end_date", "err_date"),
            (Some(s), Some(e)) if e < s => errors.add("end_date", "err_end_before_start"),
            _ => {}
        }
        errors.checked()?;
        match (wage, start, end) {
            (Some(wage), Some(start), Some(end)) => Ok(compensation(
                start,
                end,
                wage.0,
                checked(&self.foreign_worker),
            )),
            _ => Err(FieldErrors::new()),
        }
    }
}
