//! Overtime pay (PP 35/2021 Pasal 26–33) and the weekly calculator's input.
use serde::{Deserialize, Serialize};

use super::{MAX_MONTHLY_WAGE_IDR, checked};
use crate::core::{error::FieldErrors, i18n::with_values, money::Rupiah};

/// The company's working week, which sets the rest-day overtime bands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum WorkWeek {
    SixDays,
    FiveDays,
}

/// Overtime on a normal working day is limited (4 h a day, 18 h a week); work on a weekly rest day or a
/// public holiday is paid by its own bands and is outside those limits (Pasal 26(3)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DayKind {
    Working,
    Rest,
    /// In a six-day week, a public holiday on the shortest working day (Pasal 31(1) huruf b angka 2):
    /// shorter bands than a rest day's.
    ShortDayHoliday,
}

pub const OVERTIME_DAY_LIMIT: u32 = 4;
pub const OVERTIME_WEEK_LIMIT: u32 = 18;
/// Pasal 32(2): the hourly wage is a 173rd of the monthly wage.
pub const HOURS_PER_MONTH: i64 = 173;

/// The pay multiplier of the `hour`-th hour (from 1), in halves (3 = 1.5×), or `None` beyond the last band.
pub fn hour_rate_halves(week: WorkWeek, kind: DayKind, hour: u32) -> Option<i64> {
    match (kind, week) {
        (DayKind::Working, _) => Some(if hour == 1 { 3 } else { 4 }),
        (DayKind::Rest, WorkWeek::SixDays) => match hour {
            1..=7 => Some(4),
            8 => Some(6),
            9..=11 => Some(8),
            _ => None,
        },
        (DayKind::Rest, WorkWeek::FiveDays) => match hour {
            1..=8 => Some(4),
            9 => Some(6),
            10..=12 => Some(8),
            _ => None,
        },
        (DayKind::ShortDayHoliday, _) => match hour {
            1..=5 => Some(4),
            6 => Some(6),
            7..=9 => Some(8),
            _ => None,
        },
    }
}

/// The wage overtime is reckoned on (Pasal 33): basic pay plus fixed allowances, but when these are less
/// than 75% of the whole wage (with the allowances that vary), 75% of the whole wage.
pub fn overtime_base(basic_and_fixed: i64, variable_allowances: i64) -> i64 {
    let whole = basic_and_fixed.saturating_add(variable_allowances);
    let three_quarters = Rupiah(whole).times_ratio(3, 4).0;
    basic_and_fixed.max(three_quarters)
}

/// Overtime pay of one day, rounded to the rupiah; hours beyond the last band are not paid here (warned).
pub fn overtime_day_pay(monthly_wage: i64, week: WorkWeek, kind: DayKind, hours: u32) -> Rupiah {
    let halves: i64 = (1..=hours)
        .filter_map(|hour| hour_rate_halves(week, kind, hour))
        .sum();
    Rupiah(monthly_wage)
        .checked_times_ratio(halves, HOURS_PER_MONTH * 2)
        .unwrap_or(Rupiah(0))
}

/// The overtime calculator's input (`/alat/lembur`): the monthly wage, the working week, and for each day of
/// one week the hours and whether it was a rest day or public holiday.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OvertimeInput {
    /// Basic pay plus fixed allowances, a month.
    pub wage: String,
    /// Allowances that vary (attendance, meals by the day), a month; may be empty.
    pub variable_allowances: String,
    /// "5" or "6".
    pub week: String,
    /// Hours, Monday first.
    pub hours: [String; 7],
    /// Rest day or public holiday, Monday first (checkboxes).
    pub rest: [Option<String>; 7],
    /// A public holiday on the shortest working day of a six-day week, Monday first (checkboxes).
    pub short_day: [Option<String>; 7],
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OvertimeDay {
    /// 0 = Monday.
    pub weekday: usize,
    pub kind: DayKind,
    pub hours: u32,
    pub pay: Rupiah,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OvertimeResult {
    /// The monthly wage reckoned on (`overtime_base`).
    pub base: Rupiah,
    /// Whether that is 75% of the whole wage rather than basic pay plus fixed allowances.
    pub base_is_three_quarters: bool,
    pub hourly: Rupiah,
    pub days: Vec<OvertimeDay>,
    pub total: Rupiah,
    /// Translation keys (with values) of the limits passed.
    pub warnings: Vec<String>,
}

impl OvertimeInput {
    pub fn work_week(&self) -> WorkWeek {
        if self.week.trim() == "5" {
            WorkWeek::FiveDays
        } else {
            WorkWeek::SixDays
        }
    }

    /// Whether day `i` (0 = Monday) is a rest day: as ticked, or by default the weekend of the working week.
    pub fn is_rest(&self, i: usize) -> bool {
        checked(&self.rest[i])
    }

    /// Whether day `i` is a public holiday on the shortest working day (six-day weeks only).
    pub fn is_short_day_holiday(&self, i: usize) -> bool {
        checked(&self.short_day[i])
    }

    /// How day `i` is paid: a holiday on the shortest working day counts as such only in a six-day week
    /// (a five-day week has no shorter day); there it is a rest day's pay.
    pub fn day_kind(&self, i: usize) -> DayKind {
        match (self.is_short_day_holiday(i), self.work_week()) {
            (true, WorkWeek::SixDays) => DayKind::ShortDayHoliday,
            (true, WorkWeek::FiveDays) => DayKind::Rest,
            (false, _) if self.is_rest(i) => DayKind::Rest,
            (false, _) => DayKind::Working,
        }
    }

    pub fn calculate(&self) -> Result<OvertimeResult, FieldErrors> {
        let mut errors = FieldErrors::new();
        let wage = Rupiah::parse(&self.wage).filter(|r| (1..=MAX_MONTHLY_WAGE_IDR).contains(&r.0));
        if wage.is_none() {
            errors.add("wage", "err_amount");
        }
        let variable = if self.variable_allowances.trim().is_empty() {
            Some(Rupiah(0))
        } else {
            Rupiah::parse(&self.variable_allowances)
                .filter(|r| (0..=MAX_MONTHLY_WAGE_IDR).contains(&r.0))
        };
        if variable.is_none() {
            errors.add("variable_allowances", "err_amount");
        }
        let mut hours = [0u32; 7];
        for (i, text) in self.hours.iter().enumerate() {
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            match text.parse::<u32>() {
                Ok(h) if h <= 24 => hours[i] = h,
                _ => errors.add(HOUR_FIELDS[i], "err_hours"),
            }
        }
        errors.checked()?;
        let basic_and_fixed = wage.map_or(0, |w| w.0);
        let wage = overtime_base(basic_and_fixed, variable.map_or(0, |v| v.0));
        let week = self.work_week();
        let mut result = OvertimeResult {
            base: Rupiah(wage),
            base_is_three_quarters: wage > basic_and_fixed,
            hourly: Rupiah(wage).times_ratio(1, HOURS_PER_MONTH),
            days: Vec::new(),
            total: Rupiah(0),
            warnings: Vec::new(),
        };
        let mut working_hours = 0;
        for (i, h) in hours.into_iter().enumerate().filter(|(_, h)| *h > 0) {
            let kind = self.day_kind(i);
            let pay = overtime_day_pay(wage, week, kind, h);
            result.total = Rupiah(result.total.0.saturating_add(pay.0));
            match kind {
                DayKind::Working => {
                    working_hours += h;
                    if h > OVERTIME_DAY_LIMIT {
                        push_once(&mut result.warnings, "warn_overtime_day");
                    }
                }
                DayKind::Rest | DayKind::ShortDayHoliday
                    if hour_rate_halves(week, kind, h).is_none() =>
                {
                    push_once(&mut result.warnings, "warn_overtime_rest_bands");
                }
                DayKind::Rest | DayKind::ShortDayHoliday => {}
            }
            result.days.push(OvertimeDay {
                weekday: i,
                kind,
                hours: h,
                pay,
            });
        }
        if working_hours > OVERTIME_WEEK_LIMIT {
            result.warnings.push(with_values(
                "warn_overtime_week",
                &[("hours", &working_hours.to_string())],
            ));
        }
        Ok(result)
    }
}

/// Field names of the seven day inputs, for errors.
pub const HOUR_FIELDS: [&str; 7] = ["h0", "h1", "h2", "h3", "h4", "h5", "h6"];

fn push_once(list: &mut Vec<String>, key: &str) {
    if !list.iter().any(|k| k == key) {
        list.push(key.to_owned());
    }
}
