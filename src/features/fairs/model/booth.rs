//! The company's booth form and its slot plan, with their checks.
use serde::{Deserialize, Serialize};
use time::Time;

use super::{
    FairHours, MAX_SLOT_CAPACITY, MAX_SLOTS_PER_PLAN,
    text::{check_length, is_web_link, parse_clock, parse_count},
};
use crate::core::{
    calendar::{format_date, parse_date},
    error::FieldErrors,
};

/// A booth request's status (`fair_booths.status`), mapped to its text here only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoothStatus {
    Requested,
    Approved,
    Rejected,
}

impl BoothStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            BoothStatus::Requested => "requested",
            BoothStatus::Approved => "approved",
            BoothStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<BoothStatus> {
        [
            BoothStatus::Requested,
            BoothStatus::Approved,
            BoothStatus::Rejected,
        ]
        .into_iter()
        .find(|status| status.as_str() == s)
    }
}

/// A company's plan for a run of interview slots on one day.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SlotPlanForm {
    pub day: String,
    pub from: String,
    pub until: String,
    pub minutes: String,
    pub capacity: String,
    /// The video-call link for online and hybrid fairs (required online).
    pub video_url: String,
}

/// One slot to create: `starts_at` is `YYYY-MM-DD HH:MM` (WIB).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSlot {
    pub starts_at: String,
    pub minutes: i64,
    pub capacity: i64,
}

impl SlotPlanForm {
    /// The slots of the plan, back to back from `from` while a whole slot ends by `until`.
    pub fn check(&self, hours: &FairHours) -> Result<Vec<NewSlot>, FieldErrors> {
        let mut errors = FieldErrors::new();
        let day = parse_date(self.day.trim());
        match day {
            None => errors.add("day", "err_date"),
            Some(d) if d < hours.starts_on || d > hours.ends_on => {
                errors.add("day", "err_slot_day_outside");
            }
            Some(_) => {}
        }
        let from = parse_clock(&self.from);
        let until = parse_clock(&self.until);
        if from.is_none() {
            errors.add("from", "err_clock");
        }
        if until.is_none() {
            errors.add("until", "err_clock");
        }
        if let (Some(from), Some(until)) = (from, until) {
            if until <= from {
                errors.add("until", "err_closes_before_opens");
            } else if from < hours.opens_at || until > hours.closes_at {
                errors.add("from", "err_slot_outside_hours");
            }
        }
        let minutes = parse_count(&self.minutes).filter(|m| (5..=120).contains(m));
        if minutes.is_none() {
            errors.add("minutes", "err_slot_minutes");
        }
        let capacity = parse_count(&self.capacity).filter(|c| (1..=MAX_SLOT_CAPACITY).contains(c));
        if capacity.is_none() {
            errors.add("capacity", "err_slot_capacity");
        }
        let link = self.video_url.trim();
        if hours.online && link.is_empty() {
            errors.add("video_url", "err_video_link_required");
        } else if !link.is_empty() && !is_web_link(link) {
            errors.add("video_url", "err_web_link");
        }
        errors.checked()?;
        let (Some(day), Some(from), Some(until), Some(minutes), Some(capacity)) =
            (day, from, until, minutes, capacity)
        else {
            return Err(FieldErrors::new());
        };
        let minute_of_day = |t: Time| i64::from(t.hour()) * 60 + i64::from(t.minute());
        let (first, last) = (minute_of_day(from), minute_of_day(until));
        let slots: Vec<NewSlot> = (0..)
            .map(|n| first + n * minutes)
            .take_while(|start| start + minutes <= last)
            .take(MAX_SLOTS_PER_PLAN + 1)
            .map(|start| NewSlot {
                starts_at: format!("{} {:02}:{:02}", format_date(day), start / 60, start % 60),
                minutes,
                capacity,
            })
            .collect();
        let mut errors = FieldErrors::new();
        if slots.is_empty() {
            errors.add("until", "err_slot_none");
        } else if slots.len() > MAX_SLOTS_PER_PLAN {
            errors.add("until", "err_slot_too_many");
        }
        errors.checked()?;
        Ok(slots)
    }
}

/// A booth's page text as the company edits it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BoothForm {
    pub description: String,
    pub contact_hours: String,
}

impl BoothForm {
    pub fn check(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        check_length(&mut errors, "description", &self.description, 10, 2000);
        check_length(&mut errors, "contact_hours", &self.contact_hours, 3, 120);
        errors.checked()
    }
}
