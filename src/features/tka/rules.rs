//! The foreign-worker report form and the DKPTKA levy (PP 34/2021), shared by the browser and the server:
//! USD 100 per position per month, paid in advance, a part month counted whole, converted to rupiah at the
//! rate of the payment date.
// Money is grouped as units_hundredths: `100_00` is USD 100.00, `16_234_50` is Rp 16,234.50.
#![expect(clippy::inconsistent_digit_grouping)]

use serde::{Deserialize, Serialize};
use time::Date;

use crate::core::{
    calendar::parse_date, error::FieldErrors, months::period_end,
    regions_data::TANGERANG_DISTRICTS, validate::parse_nik,
};

/// USD 100 per position and month, in cents.
pub const LEVY_USD_CENTS_PER_MONTH: i64 = 100_00;
pub const LANGUAGE_TRAINING: [&str; 3] = ["none", "ongoing", "done"];
/// A bill covers at most five years (an RPTKA extension is shorter; this catches typing errors).
pub const MAX_BILL_MONTHS: i64 = 60;
/// A believable rupiah per US dollar, in hundredths.
const RATE_RANGE: std::ops::RangeInclusive<i64> = 1_000_00..=100_000_00;

fn check_length(errors: &mut FieldErrors, field: &str, value: &str, min: usize, max: usize) {
    let length = value.trim().chars().count();
    if length == 0 && min > 0 {
        errors.add(field, "err_required");
    } else if length < min || length > max {
        errors.add(field, "err_text_length");
    }
}

fn date(errors: &mut FieldErrors, field: &str, value: &str) -> Option<Date> {
    let parsed = parse_date(value.trim());
    if parsed.is_none() {
        errors.add(field, "err_date");
    }
    parsed
}

/// Passport numbers: letters and digits, spaces and dashes dropped, upper case.
pub fn normalize_passport(value: &str) -> String {
    value
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_uppercase()
}

/// A passport number as lists show it: its last three characters.
pub fn mask_passport(passport: &str) -> String {
    let chars: Vec<char> = passport.chars().collect();
    let keep = chars.len().saturating_sub(3);
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| if i < keep { '*' } else { *c })
        .collect()
}

/// An RPTKA or permit number as public pages show it.
pub fn mask_document_number(number: &str) -> String {
    mask_passport(number.trim())
}

/// The company's report of one foreign worker, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkerForm {
    pub name: String,
    pub passport: String,
    pub nationality: String,
    /// "male" or "female".
    pub sex: String,
    pub position: String,
    /// KBJI 2014 sub-major group (two digits).
    pub occupation_code: String,
    pub rptka_number: String,
    pub rptka_start: String,
    pub rptka_end: String,
    pub permit_number: String,
    pub permit_start: String,
    pub permit_end: String,
    pub district_code: String,
    pub start_date: String,
    pub end_date: String,
    pub counterpart_name: String,
    pub counterpart_nik: String,
    pub counterpart_position: String,
    /// 0–100 (per cent of the transfer of skills done).
    pub counterpart_progress: String,
    /// "none", "ongoing" or "done".
    pub language_training: String,
}

impl WorkerForm {
    pub fn progress(&self) -> Option<i64> {
        self.counterpart_progress
            .trim()
            .trim_end_matches('%')
            .trim()
            .parse()
            .ok()
            .filter(|p| (0..=100).contains(p))
    }

    pub fn check(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        check_length(&mut errors, "name", &self.name, 2, 120);
        let passport = normalize_passport(&self.passport);
        if !(6..=20).contains(&passport.len()) {
            errors.add("passport", "err_passport");
        }
        check_length(&mut errors, "nationality", &self.nationality, 2, 60);
        if !matches!(self.sex.trim(), "male" | "female") {
            errors.add("sex", "err_choose");
        }
        check_length(&mut errors, "position", &self.position, 2, 120);
        let occupation = self.occupation_code.trim();
        if occupation.len() != 2 || !occupation.bytes().all(|b| b.is_ascii_digit()) {
            errors.add("occupation_code", "err_choose");
        }
        check_length(&mut errors, "rptka_number", &self.rptka_number, 3, 60);
        check_length(&mut errors, "permit_number", &self.permit_number, 3, 60);
        if !TANGERANG_DISTRICTS
            .iter()
            .any(|(code, _)| *code == self.district_code.trim())
        {
            errors.add("district_code", "err_district");
        }
        for (start_field, start, end_field, end) in [
            (
                "rptka_start",
                &self.rptka_start,
                "rptka_end",
                &self.rptka_end,
            ),
            (
                "permit_start",
                &self.permit_start,
                "permit_end",
                &self.permit_end,
            ),
            ("start_date", &self.start_date, "end_date", &self.end_date),
        ] {
            let (from, to) = (
                date(&mut errors, start_field, start),
                date(&mut errors, end_field, end),
            );
            if let (Some(from), Some(to)) = (from, to)
                && to < from
            {
                errors.add(end_field, "err_end_before_start_date");
            }
        }
        check_length(
            &mut errors,
            "counterpart_name",
            &self.counterpart_name,
            2,
            120,
        );
        if let Err(error) = parse_nik(self.counterpart_nik.trim()) {
            errors.add("counterpart_nik", error.message_key());
        }
        check_length(
            &mut errors,
            "counterpart_position",
            &self.counterpart_position,
            2,
            120,
        );
        if self.progress().is_none() {
            errors.add("counterpart_progress", "err_progress");
        }
        if !LANGUAGE_TRAINING.contains(&self.language_training.trim()) {
            errors.add("language_training", "err_choose");
        }
        errors.checked()
    }
}

/// Months a levy period covers: a month runs from a date to the day before the same date of the next month
/// (to the month's last day when it has no such date: a month from 31 August ends on 30 September, six
/// from it on the last day of February), and a part month counts as a whole one.
pub fn levy_months(start: Date, end: Date) -> i64 {
    if end < start {
        return 0;
    }
    // Bounded: past the longest bill the exact count no longer matters (and dates near year 9999 would
    // otherwise never pass `end`).
    (1..=MAX_BILL_MONTHS)
        .find(|months| period_end(start, *months) >= end)
        .unwrap_or(MAX_BILL_MONTHS + 1)
}

/// A rate as typed: `16.234,50` (Indonesian), `16234,5`, `16234.50` or `16.234` (thousands) → hundredths.
pub fn parse_rate(value: &str) -> Option<i64> {
    let value = value.trim().replace([' ', 'R', 'p'], "");
    let (whole, fraction) = if let Some((whole, fraction)) = value.rsplit_once(',') {
        (whole.replace('.', ""), fraction.to_owned())
    } else {
        match value.rsplit_once('.') {
            Some((whole, fraction)) if (1..=2).contains(&fraction.len()) => {
                (whole.replace('.', ""), fraction.to_owned())
            }
            _ => (value.replace('.', ""), String::new()),
        }
    };
    if whole.is_empty()
        || fraction.len() > 2
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let fraction: i64 = format!("{fraction:0<2}").parse().ok()?;
    let hundredths = whole.checked_mul(100)?.checked_add(fraction)?;
    RATE_RANGE.contains(&hundredths).then_some(hundredths)
}

/// A rate in hundredths as people read it: `16.234,50`.
pub fn format_rate(hundredths: i64) -> String {
    let whole = crate::core::money::Rupiah(hundredths / 100).to_string();
    format!(
        "{},{:02}",
        whole.trim_start_matches("Rp").trim(),
        hundredths % 100
    )
}

/// The levy of a bill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Levy {
    pub months: i64,
    pub usd_cents: i64,
    /// Whole rupiah, half a rupiah and more rounded up.
    pub idr: i64,
}

pub fn levy(positions: i64, months: i64, rate_hundredths: i64) -> Levy {
    let usd_cents = positions * months * LEVY_USD_CENTS_PER_MONTH;
    // cents × hundredths of a rupiah = 10,000ths of a rupiah.
    let idr = (i128::from(usd_cents) * i128::from(rate_hundredths) + 5_000) / 10_000;
    Levy {
        months,
        usd_cents,
        idr: i64::try_from(idr).unwrap_or(i64::MAX),
    }
}

/// A levy bill for an RPTKA extension, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BillForm {
    pub rptka_number: String,
    pub period_start: String,
    pub period_end: String,
    pub positions: String,
    /// Rupiah per US dollar on the payment date.
    pub rate: String,
    pub rate_date: String,
    pub rate_source: String,
}

/// A checked bill.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BillPlan {
    pub period_start: Date,
    pub period_end: Date,
    pub positions: i64,
    pub rate_hundredths: i64,
    pub rate_date: Date,
    pub levy: Levy,
}

fn check_rate(
    errors: &mut FieldErrors,
    rate: &str,
    (date_field, date_value): (&str, &str),
    source: &str,
) -> (Option<i64>, Option<Date>) {
    let hundredths = parse_rate(rate);
    if hundredths.is_none() {
        errors.add("rate", "err_rate");
    }
    let day = date(errors, date_field, date_value);
    check_length(errors, "rate_source", source, 3, 120);
    (hundredths, day)
}

impl BillForm {
    pub fn check(&self) -> Result<BillPlan, FieldErrors> {
        let mut errors = FieldErrors::new();
        check_length(&mut errors, "rptka_number", &self.rptka_number, 3, 60);
        let start = date(&mut errors, "period_start", &self.period_start);
        let end = date(&mut errors, "period_end", &self.period_end);
        let positions = self
            .positions
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|p| (1..=100).contains(p));
        if positions.is_none() {
            errors.add("positions", "err_positions");
        }
        let (rate, rate_date) = check_rate(
            &mut errors,
            &self.rate,
            ("rate_date", &self.rate_date),
            &self.rate_source,
        );
        let months = match (start, end) {
            (Some(start), Some(end)) if end < start => {
                errors.add("period_end", "err_end_before_start_date");
                None
            }
            (Some(start), Some(end)) => {
                let months = levy_months(start, end);
                if months > MAX_BILL_MONTHS {
                    errors.add("period_end", "err_bill_too_long");
                }
                Some(months)
            }
            _ => None,
        };
        errors.checked()?;
        match (start, end, positions, rate, rate_date, months) {
            (
                Some(period_start),
                Some(period_end),
                Some(positions),
                Some(rate),
                Some(rate_date),
                Some(months),
            ) => Ok(BillPlan {
                period_start,
                period_end,
                positions,
                rate_hundredths: rate,
                rate_date,
                levy: levy(positions, months, rate),
            }),
            _ => Err(FieldErrors::new()),
        }
    }
}

/// The payment proof's details, as typed: the bank's reference, the payment date and that day's rate.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProofForm {
    pub payment_reference: String,
    pub paid_on: String,
    pub rate: String,
    pub rate_source: String,
}

impl ProofForm {
    /// The payment date and its rate; the payment may not be in the future.
    pub fn check(&self, today: Date) -> Result<(Date, i64), FieldErrors> {
        let mut errors = FieldErrors::new();
        check_length(
            &mut errors,
            "payment_reference",
            &self.payment_reference,
            4,
            80,
        );
        let (rate, paid_on) = check_rate(
            &mut errors,
            &self.rate,
            ("paid_on", &self.paid_on),
            &self.rate_source,
        );
        if let Some(day) = paid_on
            && day > today
        {
            errors.add("paid_on", "err_future_date");
        }
        errors.checked()?;
        match (paid_on, rate) {
            (Some(day), Some(rate)) => Ok((day, rate)),
            _ => Err(FieldErrors::new()),
        }
    }
}

#[cfg(test)]
mod tests;
