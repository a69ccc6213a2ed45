//! The contract form as typed and its check against the rules (worker, kind, dates, cap, UMK).
use serde::{Deserialize, Serialize};
use time::Date;

use super::{
    CONTRACT_KINDS, DAILY_DAYS_LIMIT, LINK_KINDS, MAX_TOTAL_MONTHS, MIN_WORKER_AGE, check_cap,
    checked, is_late,
};
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

/// Far above any wage (a trillion rupiah a month): the amounts computed from a wage (compensation,
/// overtime) then never overflow, where a wage typed with twenty digits wrapped or showed Rp 0.
pub const MAX_MONTHLY_WAGE_IDR: i64 = 1_000_000_000_000;

/// A day's minimum wage is the month's over 25 working days in a six-day week and over 21 in a five-day
/// one (PP 36/2021 Pasal 17); a daily-work contract does not say which week, so the lower minimum holds.
pub const DAILY_WAGE_DIVISOR: i64 = 25;

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
        Rupiah::parse(&self.wage)
            .map(|r| r.0)
            .filter(|v| (1..=MAX_MONTHLY_WAGE_IDR).contains(v))
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
                errors.add("end_date", "err_end_before_start");
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
        let Some((year, umk)) = minimum_wage_for(ctx.minimum_wages, start.year()) else {
            return;
        };
        // Daily work is paid by the day: the month's wage for its days is held to the daily minimum, the
        // UMK over 25 days (PP 36/2021 Pasal 17, the six-day week's divisor, the lower of the two).
        let daily_days = (self.contract_kind.trim() == "daily")
            .then(|| self.days())
            .flatten()
            .filter(|days| (1..DAILY_DAYS_LIMIT).contains(days));
        let (minimum, key) = match daily_days {
            Some(days) => (
                Rupiah(umk).times_ratio(days, DAILY_WAGE_DIVISOR),
                "err_below_umk_daily",
            ),
            None => (Rupiah(umk), "err_below_umk_year"),
        };
        if wage < minimum.0 {
            errors.add(
                "wage",
                &with_values(
                    key,
                    &[
                        ("year", &year.to_string()),
                        ("amount", &minimum.to_string()),
                    ],
                ),
            );
        }
    }
}
