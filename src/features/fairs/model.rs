//! Job fairs as the pages and server functions share them: the event form and the booth-slot plan with
//! their checks (run in the browser and again on the server), and the views of events, booths, tickets,
//! queues and the fair report.
use serde::{Deserialize, Serialize};
use time::{Date, Time};

use crate::core::{
    calendar::{format_date, parse_date},
    error::FieldErrors,
};

pub const FAIR_KINDS: [&str; 3] = ["online", "onsite", "hybrid"];
pub const MAX_CAPACITY: i64 = 200_000;
/// One plan makes at most this many slots (a day of 15-minute slots from 07:00 to 19:00).
pub const MAX_SLOTS_PER_PLAN: usize = 48;
pub const MAX_SLOT_CAPACITY: i64 = 100;
/// A booth banner: JPEG or PNG, checked by its bytes.
pub const BANNER_MAX_BYTES: usize = 2 * 1024 * 1024;

/// `HH:MM` (24-hour) as a time of day.
pub fn parse_clock(s: &str) -> Option<Time> {
    let (h, m) = s.trim().split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    Time::from_hms(h.parse().ok()?, m.parse().ok()?, 0).ok()
}

pub fn format_clock(t: Time) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

fn check_length(errors: &mut FieldErrors, field: &str, value: &str, min: usize, max: usize) {
    let length = value.trim().chars().count();
    if length == 0 && min > 0 {
        errors.add(field, "err_required");
    } else if length < min || length > max {
        errors.add(field, "err_text_length");
    }
}

/// A link a person may be sent to: `https://…` without spaces.
fn is_web_link(value: &str) -> bool {
    let value = value.trim();
    value.len() <= 500
        && value.starts_with("https://")
        && value.len() > "https://".len() + 3
        && !value.contains(char::is_whitespace)
}

fn parse_count(value: &str) -> Option<i64> {
    let digits: String = value.trim().chars().filter(|c| *c != '.').collect();
    digits.parse().ok()
}

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
                errors.add("day", "err_slot_day_outside")
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

/// A QR code drawn as one SVG path over a `size`×`size` grid (quiet zone included).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QrSvg {
    pub size: u32,
    pub path: String,
}

/// An event as lists show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FairCard {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub venue: String,
    pub starts_on: String,
    pub ends_on: String,
    pub opens_at: String,
    pub closes_at: String,
    pub registration_opens_on: String,
    pub registration_closes_on: String,
    /// "draft", "published", "closed", "cancelled".
    pub status: String,
    pub capacity: i64,
    pub registered: i64,
    pub booths: i64,
}

impl FairCard {
    /// The days and hours a slot plan must fit.
    pub fn hours(&self) -> Option<FairHours> {
        Some(FairHours {
            starts_on: parse_date(&self.starts_on)?,
            ends_on: parse_date(&self.ends_on)?,
            opens_at: parse_clock(&self.opens_at)?,
            closes_at: parse_clock(&self.closes_at)?,
            online: self.kind == "online",
        })
    }

    pub fn places_left(&self) -> i64 {
        (self.capacity - self.registered).max(0)
    }

    /// Registration is open on `today` (a published event within its window with places left).
    pub fn registration_open(&self, today: &str) -> bool {
        self.status == "published"
            && self.registration_opens_on.as_str() <= today
            && today <= self.registration_closes_on.as_str()
            && self.places_left() > 0
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FairList {
    pub upcoming: Vec<FairCard>,
    pub past: Vec<FairCard>,
    pub today: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoothCard {
    pub id: i64,
    pub company_name: String,
    pub description: String,
    pub vacancies: i64,
    pub has_banner: bool,
}

/// The public event page, with the signed-in seeker's ticket if any.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FairDetail {
    pub fair: FairCard,
    pub description: String,
    pub map_url: Option<String>,
    pub cancel_reason: Option<String>,
    pub booths: Vec<BoothCard>,
    pub today: String,
    /// "anonymous", "seeker" or another role (which cannot register).
    pub viewer: String,
    pub my_ticket: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotView {
    pub id: i64,
    pub starts_at: String,
    pub minutes: i64,
    pub capacity: i64,
    pub booked: i64,
}

impl SlotView {
    pub fn free(&self) -> i64 {
        (self.capacity - self.booked).max(0)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoothVacancy {
    pub id: i64,
    pub title: String,
    pub district: String,
    pub applied: bool,
}

/// The public booth page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoothPage {
    pub id: i64,
    pub fair: FairCard,
    pub company_name: String,
    pub description: String,
    pub contact_hours: String,
    pub has_banner: bool,
    pub vacancies: Vec<BoothVacancy>,
    /// Slots not yet begun.
    pub slots: Vec<SlotView>,
    pub viewer: String,
    /// The seeker holds a ticket for this fair (booking needs one).
    pub registered: bool,
    pub my_booking: Option<MyBooking>,
}

/// The large display at a booth.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoothScreen {
    pub booth_id: i64,
    pub fair_name: String,
    pub company_name: String,
    pub vacancies: Vec<String>,
    pub next_slots: Vec<SlotView>,
    pub booth_url: String,
    pub qr: QrSvg,
    pub now_ms: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyBooking {
    pub id: i64,
    pub booth_id: i64,
    pub company_name: String,
    pub starts_at: String,
    pub minutes: i64,
    /// "booked", "attended", "missed" (cancelled ones are not listed).
    pub status: String,
    /// Shown only to the seeker who booked.
    pub video_url: Option<String>,
}

/// One of the seeker's tickets with its QR code and slot bookings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyTicket {
    pub registration_id: i64,
    pub fair: FairCard,
    pub code: String,
    pub qr: QrSvg,
    pub checked_in_at_ms: Option<i64>,
    pub bookings: Vec<MyBooking>,
}

/// A booking in a booth's queue; the name is the seeker's (the booth staff call them in).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueEntry {
    pub booking_id: i64,
    pub starts_at: String,
    pub seeker_name: String,
    pub status: String,
    pub checked_in: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyBooth {
    pub id: i64,
    pub fair: FairCard,
    /// "requested", "approved", "rejected".
    pub status: String,
    pub officer_note: Option<String>,
    pub description: String,
    pub contact_hours: String,
    pub has_banner: bool,
    pub vacancy_ids: Vec<i64>,
    pub slots: Vec<SlotView>,
    /// The queue of the day shown (the fair's current day, else its first).
    pub queue_day: String,
    pub queue: Vec<QueueEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyFairs {
    /// Published events still ahead where the company has no booth yet.
    pub open_fairs: Vec<FairCard>,
    pub booths: Vec<CompanyBooth>,
    /// The company's published vacancies (id, title) to choose for a booth.
    pub vacancies: Vec<(i64, String)>,
    pub company_verified: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoothRequest {
    pub id: i64,
    pub fair_name: String,
    pub company_name: String,
    pub description: String,
    pub created_at_ms: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficerFairs {
    pub fairs: Vec<FairCard>,
    pub booth_requests: Vec<BoothRequest>,
}

/// What scanning a ticket did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInOutcome {
    /// True the first time the ticket is scanned; false when it had already checked in.
    pub first_check_in: bool,
    pub checked_in_at_ms: i64,
    pub visitor: String,
    pub fair_name: String,
    /// A booth's staff scanned it: the visit was recorded for the booth.
    pub booth_visit: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoothFigures {
    pub company_name: String,
    pub visits: i64,
    pub slots_booked: i64,
    pub slots_attended: i64,
    pub applications: i64,
    pub hires: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DistrictFigures {
    pub district: String,
    pub registrations: i64,
    pub check_ins: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FairReport {
    pub fair: FairCard,
    pub registrations: i64,
    pub check_ins: i64,
    pub booth_visits: i64,
    pub slots_booked: i64,
    pub slots_attended: i64,
    pub applications: i64,
    pub hires: i64,
    pub by_booth: Vec<BoothFigures>,
    pub by_district: Vec<DistrictFigures>,
    /// Check-ins per hour of the day (WIB), 0–23.
    pub check_ins_by_hour: Vec<i64>,
}

/// The ticket code inside a scanned QR code: the code itself, or a check-in link ending in `kode=CODE`.
pub fn ticket_code_from_scan(scanned: &str) -> String {
    let scanned = scanned.trim();
    let code = scanned
        .rsplit_once("kode=")
        .map_or(scanned, |(_, code)| code)
        .split(['&', '#'])
        .next()
        .unwrap_or_default();
    code.trim().to_ascii_uppercase()
}

#[cfg(test)]
mod tests;
