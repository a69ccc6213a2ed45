//! Overtime pay (Pasal 26–31) and the weekly calculator's input.
use serde::{Deserialize, Serialize};

use super::checked;
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
}

pub const OVERTIME_DAY_LIMIT: u32 = 4;
pub const OVERTIME_WEEK_LIMIT: u32 = 18;
/// Pasal 31: the hourly wage is a 173rd of the monthly wage.
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
    }
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
    pub wage: String,
    /// "5" or "6".
    pub week: String,
    /// Hours, Monday first.
    pub hours: [String; 7],
    /// Rest day or public holiday, Monday first (checkboxes).
    pub rest: [Option<String>; 7],
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

    pub fn calculate(&self) -> Result<OvertimeResult, FieldErrors> {
        let mut errors = FieldErrors::new();
        let wage = Rupiah::parse(&self.wage).filter(|r| r.0 > 0);
        if wage.is_none() {
            errors.add("wage", "err_amount");
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
        let wage = wage.map_or(0, |w| w.0);
        let week = self.work_week();
        let mut result = OvertimeResult {
            hourly: Rupiah(wage).times_ratio(1, HOURS_PER_MONTH),
            days: Vec::new(),
            total: Rupiah(0),
            warnings: Vec::new(),
        };
        let mut working_hours = 0;
        for (i, h) in hours.into_iter().enumerate().filter(|(_, h)| *h > 0) {
            let kind = if self.is_rest(i) {
                DayKind::Rest
            } else {
                DayKind::Working
            };
            let pay = overtime_day_pay(wage, week, kind, h);
            result.total = Rupiah(result.total.0 + pay.0);
            match kind {
                DayKind::Working => {
                    working_hours += h;
                    if h > OVERTIME_DAY_LIMIT {
                        push_once(&mut result.warnings, "warn_overtime_day");
                    }
                }
                DayKind::Rest if hour_rate_halves(week, kind, h).is_none() => {
                    push_once(&mut result.warnings, "warn_overtime_rest_bands");
                }
                DayKind::Rest => {}
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
