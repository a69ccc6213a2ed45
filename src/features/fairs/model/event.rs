//! The officer's event form and its check.
use serde::{Deserialize, Serialize};
use time::{Date, Time};

use super::{
    FAIR_KINDS, MAX_CAPACITY,
    text::{check_length, is_web_link, parse_clock, parse_count},
};
use crate::core::{calendar::parse_date, error::FieldErrors};

/// The officer's event form, as typed (all text, so nothing is lost on an error).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FairForm {
    pub name: String,
    pub description: String,
    /// "online", "onsite" or "hybrid".
    pub kind: String,
    pub venue: String,
    pub map_url: String,
    pub starts_on: String,
    pub ends_on: String,
    pub opens_at: String,
    pub closes_at: String,
    pub registration_opens_on: String,
    pub registration_closes_on: String,
    pub capacity: String,
}

/// A checked event form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FairPlan {
    pub starts_on: Date,
    pub ends_on: Date,
    pub opens_at: Time,
    pub closes_at: Time,
    pub registration_opens_on: Date,
    pub registration_closes_on: Date,
    pub capacity: i64,
}

impl FairForm {
    pub fn is_online(&self) -> bool {
        self.kind.trim() == "online"
    }

    /// `today` bounds a new event's first day (an event being edited may already have begun: `None`).
    pub fn check(&self, today: Option<Date>) -> Result<FairPlan, FieldErrors> {
        let mut errors = FieldErrors::new();
        check_length(&mut errors, "name", &self.name, 5, 150);
        check_length(&mut errors, "description", &self.description, 20, 4000);
        if !FAIR_KINDS.contains(&self.kind.trim()) {
            errors.add("kind", "err_choose");
        }
        // An online fair happens on the portal; a place is needed when people come.
        let venue_min = if self.is_online() { 0 } else { 3 };
        check_length(&mut errors, "venue", &self.venue, venue_min, 200);
        if !self.map_url.trim().is_empty() && !is_web_link(&self.map_url) {
            errors.add("map_url", "err_web_link");
        }
        let date = |errors: &mut FieldErrors, field: &str, value: &str| {
            let parsed = parse_date(value.trim());
            if parsed.is_none() {
                errors.add(field, "err_date");
            }
            parsed
        };
        let starts_on = date(&mut errors, "starts_on", &self.starts_on);
        let ends_on = date(&mut errors, "ends_on", &self.ends_on);
        let registration_opens_on = date(
            &mut errors,
            "registration_opens_on",
            &self.registration_opens_on,
        );
        let registration_closes_on = date(
            &mut errors,
            "registration_closes_on",
            &self.registration_closes_on,
        );
        let clock = |errors: &mut FieldErrors, field: &str, value: &str| {
            let parsed = parse_clock(value);
            if parsed.is_none() {
                errors.add(field, "err_clock");
            }
            parsed
        };
        let opens_at = clock(&mut errors, "opens_at", &self.opens_at);
        let closes_at = clock(&mut errors, "closes_at", &self.closes_at);
        let capacity = parse_count(&self.capacity).filter(|c| (1..=MAX_CAPACITY).contains(c));
        if capacity.is_none() {
            errors.add("capacity", "err_fair_capacity");
        }
        if let (Some(start), Some(today)) = (starts_on, today)
            && start < today
        {
            errors.add("starts_on", "err_date_past");
        }
        if let (Some(start), Some(end)) = (starts_on, ends_on) {
            if end < start {
                errors.add("ends_on", "err_end_before_start_date");
            } else if (end - start).whole_days() > 14 {
                errors.add("ends_on", "err_fair_too_long");
            }
        }
        if let (Some(open), Some(close)) = (opens_at, closes_at)
            && close <= open
        {
            errors.add("closes_at", "err_closes_before_opens");
        }
        if let (Some(opens), Some(closes)) = (registration_opens_on, registration_closes_on)
            && closes < opens
        {
            errors.add("registration_closes_on", "err_end_before_start_date");
        }
        if let (Some(closes), Some(end)) = (registration_closes_on, ends_on)
            && closes > end
        {
            errors.add("registration_closes_on", "err_registration_after_fair");
        }
        errors.checked()?;
        match (
            starts_on,
            ends_on,
            opens_at,
            closes_at,
            registration_opens_on,
            registration_closes_on,
            capacity,
        ) {
            (Some(s), Some(e), Some(o), Some(c), Some(ro), Some(rc), Some(cap)) => Ok(FairPlan {
                starts_on: s,
                ends_on: e,
                opens_at: o,
                closes_at: c,
                registration_opens_on: ro,
                registration_closes_on: rc,
                capacity: cap,
            }),
            _ => {
                let mut errors = FieldErrors::new();
                errors.add("form", "err_validation");
                Err(errors)
            }
        }
    }
}

/// What a booth's slot plan is checked against: the event's days and opening hours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FairHours {
    pub starts_on: Date,
    pub ends_on: Date,
    pub opens_at: Time,
    pub closes_at: Time,
    pub online: bool,
}
