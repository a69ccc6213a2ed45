//! The PKWT rules of PP 35/2021, shared by the browser and the server: the contract form and its checks,
//! the five-year cap across a worker's contracts with one company (Pasal 8), the registration deadline,
//! daily-work contracts (Pasal 10), compensation (Pasal 15–17) and overtime pay (Pasal 26–31).
use serde::{Deserialize, Serialize};
use time::{Date, Month};

use crate::{
    core::{
        calendar::{HolidayCalendar, parse_date},
        error::FieldErrors,
        i18n::with_values,
        money::Rupiah,
        validate::check_nik,
    },
    features::accounts::model::{age_on, parse_sex},
};

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

/// The contract form as typed (all text, so nothing is lost on an error). Also one row of a bulk file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContractForm {
    /// The NIK, or the passport number of a foreign worker.
    pub worker_id: String,
    pub worker_name: String,
    /// "male" or "female".
    pub worker_sex: String,
    pub worker_birth_date: String,
    pub worker_address: String,
    /// A checkbox: present when the worker is a foreign national.
    pub foreign_worker: Option<String>,
    pub position: String,
    pub workplace: String,
    pub wage: String,
    /// A checkbox: the wage is basic pay plus fixed allowances (the compensation base).
    pub wage_with_allowances: Option<String>,
    /// "period" (by a time period) or "daily" (daily work).
    pub contract_kind: String,
    /// Daily work: working days a month.
    pub days_per_month: String,
    pub start_date: String,
    pub end_date: String,
    pub signed_place: String,
    pub signed_date: String,
    /// "new", "extension" or "renewal".
    pub link_kind: String,
    /// The registration number of the earlier contract this one extends or renews.
    pub previous_number: String,
}

fn checked(value: &Option<String>) -> bool {
    value
        .as_deref()
        .is_some_and(|v| !v.is_empty() && v != "off" && v != "false" && v != "0")
}

/// A period a worker was (or will be) under contract, both days included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub start: Date,
    pub end: Date,
}

/// What the rules need besides the form. The browser has no earlier contracts (it cannot look a NIK up), so
/// the cap is checked in full on the server, with the same function.
pub struct RuleContext<'a> {
    /// The day of registration (WIB).
    pub today: Date,
    /// UMK of Kabupaten Tangerang by year.
    pub minimum_wages: &'a [(i32, i64)],
    pub holidays: &'a HolidayCalendar,
    /// This worker's earlier registered contracts with this company.
    pub earlier: &'a [Period],
}

/// What a valid contract brings with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractReview {
    /// Registered more than three working days after signing.
    pub late: bool,
    /// Months of fixed-term work with this company before this contract, and with it.
    pub months_before: i64,
    pub months_total: i64,
}

/// The UMK that applies in `year`: that year's, else the latest earlier one the office has entered.
pub fn minimum_wage_for(minimum_wages: &[(i32, i64)], year: i32) -> Option<(i32, i64)> {
    minimum_wages
        .iter()
        .copied()
        .filter(|(y, _)| *y <= year)
        .max_by_key(|(y, _)| *y)
}

impl ContractForm {
    pub fn is_foreign(&self) -> bool {
        checked(&self.foreign_worker)
    }

    pub fn with_allowances(&self) -> bool {
        checked(&self.wage_with_allowances)
    }

    pub fn wage_idr(&self) -> Option<i64> {
        Rupiah::parse(&self.wage).map(|r| r.0).filter(|v| *v > 0)
    }

    pub fn days(&self) -> Option<i64> {
        let text = self.days_per_month.trim();
        (!text.is_empty() && text.len() <= 2 && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.parse().ok())
            .flatten()
    }

    /// The worker id as stored: digits for a NIK, upper case without spaces for a passport.
    pub fn normalized_worker_id(&self) -> String {
        self.worker_id
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_uppercase)
            .collect()
    }

    pub fn period(&self) -> Option<Period> {
        let start = parse_date(self.start_date.trim())?;
        let end = parse_date(self.end_date.trim())?;
        (end >= start).then_some(Period { start, end })
    }

    /// Refuses what cannot be registered (field errors); otherwise says whether it is late and how much of
    /// the five years it uses.
    pub fn check(&self, ctx: &RuleContext) -> Result<ContractReview, FieldErrors> {
        let mut errors = FieldErrors::new();
        self.check_worker(&mut errors);
        let text_fields = [
            ("worker_name", &self.worker_name, 2, 100),
            ("worker_address", &self.worker_address, 5, 300),
            ("position", &self.position, 2, 120),
            ("workplace", &self.workplace, 2, 200),
            ("signed_place", &self.signed_place, 2, 100),
        ];
        for (field, value, min, max) in text_fields {
            let len = value.trim().chars().count();
            if !(min..=max).contains(&len) || value.chars().any(char::is_control) {
                errors.add(field, "err_text_length");
            }
        }
        if !CONTRACT_KINDS.contains(&self.contract_kind.trim()) {
            errors.add("contract_kind", "err_choose");
        } else if self.contract_kind.trim() == "daily" {
            match self.days() {
                Some(days) if (1..DAILY_DAYS_LIMIT).contains(&days) => {}
                _ => errors.add("days_per_month", "err_daily_days"),
            }
        }
        if !LINK_KINDS.contains(&self.link_kind.trim()) {
            errors.add("link_kind", "err_choose");
        } else if self.link_kind.trim() != "new" && self.previous_number.trim().is_empty() {
            errors.add("previous_number", "err_previous_required");
        }
        let signed = parse_date(self.signed_date.trim());
        match signed {
            None => errors.add("signed_date", "err_date"),
            Some(day) if day > ctx.today => errors.add("signed_date", "err_date_future"),
            Some(_) => {}
        }
        let start = parse_date(self.start_date.trim());
        let end = parse_date(self.end_date.trim());
        if start.is_none() {
            errors.add("start_date", "err_date");
        }
        match (start, end) {
            (_, None) => errors.add("end_date", "err_date"),
            (Some(start), Some(end)) if end <= start => {
                errors.add("end_date", "err_end_before_start")
            }
            _ => {}
        }
        if let (Some(start), Some(birth)) = (start, parse_date(self.worker_birth_date.trim()))
            && age_on(birth, start) < MIN_WORKER_AGE
        {
            errors.add("worker_birth_date", "err_worker_age");
        }
        if let Some(start) = start {
            self.check_wage(ctx, start, &mut errors);
        }
        let mut months = (0, 0);
        if let Some(period) = self.period().filter(|p| p.end > p.start) {
            match check_cap(ctx.earlier, period) {
                Ok(used) => months = used,
                Err(used_before) => errors.add(
                    "end_date",
                    &with_values(
                        "err_pkwt_cap",
                        &[
                            ("used", &used_before.to_string()),
                            ("left", &(MAX_TOTAL_MONTHS - used_before).max(0).to_string()),
                        ],
                    ),
                ),
            }
        }
        errors.checked()?;
        let late = signed.is_some_and(|day| is_late(ctx.holidays, day, ctx.today));
        Ok(ContractReview {
            late,
            months_before: months.0,
            months_total: months.1,
        })
    }

    fn check_worker(&self, errors: &mut FieldErrors) {
        let birth = parse_date(self.worker_birth_date.trim());
        if birth.is_none() {
            errors.add("worker_birth_date", "err_date");
        }
        let sex = parse_sex(self.worker_sex.trim());
        if sex.is_none() {
            errors.add("worker_sex", "err_choose");
        }
        let id = self.normalized_worker_id();
        if self.is_foreign() {
            let ok = (6..=20).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric());
            if !ok {
                errors.add("worker_id", "err_passport");
            }
        } else if let (Some(birth), Some(sex)) = (birth, sex)
            && let Err(error) = check_nik(&id, birth, sex)
        {
            errors.add("worker_id", error.message_key());
        } else if birth.is_none() || sex.is_none() {
            // The NIK can only be compared once the birth date and sex are readable.
            if let Err(error) = crate::core::validate::parse_nik(&id) {
                errors.add("worker_id", error.message_key());
            }
        }
    }

    fn check_wage(&self, ctx: &RuleContext, start: Date, errors: &mut FieldErrors) {
        let Some(wage) = self.wage_idr() else {
            errors.add("wage", "err_amount");
            return;
        };
        if let Some((year, umk)) = minimum_wage_for(ctx.minimum_wages, start.year())
            && wage < umk
        {
            errors.add(
                "wage",
                &with_values(
                    "err_below_umk_year",
                    &[
                        ("year", &year.to_string()),
                        ("amount", &Rupiah(umk).to_string()),
                    ],
                ),
            );
        }
    }
}

/// True when the contract reaches Disnaker after the third working day from its signing.
pub fn is_late(holidays: &HolidayCalendar, signed: Date, registered: Date) -> bool {
    registered > holidays.add_working_days(signed, REGISTRATION_WORKING_DAYS)
}

/// `d` plus whole calendar months, the day clamped to the month's length (31 January + 1 = 28/29 February).
pub fn add_months(d: Date, months: i64) -> Date {
    let index = i64::from(d.year()) * 12 + i64::from(u8::from(d.month())) - 1 + months;
    let year = i32::try_from(index.div_euclid(12)).unwrap_or(d.year());
    let month = Month::try_from(u8::try_from(index.rem_euclid(12) + 1).unwrap_or(1))
        .unwrap_or(Month::January);
    let day = d.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).unwrap_or(d)
}

/// Days in a set of periods, overlaps counted once.
pub fn days_covered(periods: &[Period]) -> i64 {
    let mut sorted: Vec<Period> = periods.to_vec();
    sorted.sort_by_key(|p| p.start);
    let mut total = 0;
    let mut covered_until: Option<Date> = None;
    for p in sorted {
        let from = match covered_until {
            Some(until) if until >= p.start => match until.next_day() {
                Some(next) => next,
                None => continue,
            },
            _ => p.start,
        };
        if p.end >= from {
            total += (p.end - from).whole_days() + 1;
            covered_until = Some(p.end);
        }
    }
    total
}

/// Days as whole months the way people count them (a six-month contract is 6, not 5.95).
pub fn days_as_months(days: i64) -> i64 {
    (days * 12 + 182) / 365
}

/// Whether `new` fits the five years with the earlier periods: `Ok((months before, months with it))`, or
/// `Err(months before)`. The five years run from the first contract's start; gaps between contracts are
/// not counted.
pub fn check_cap(earlier: &[Period], new: Period) -> Result<(i64, i64), i64> {
    let before = days_covered(earlier);
    let mut all = earlier.to_vec();
    all.push(new);
    let first = all.iter().map(|p| p.start).min().unwrap_or(new.start);
    let limit = (add_months(first, MAX_TOTAL_MONTHS) - first).whole_days();
    let with_new = days_covered(&all);
    if with_new > limit {
        Err(days_as_months(before))
    } else {
        Ok((days_as_months(before), days_as_months(with_new)))
    }
}

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

#[cfg(test)]
mod tests;
