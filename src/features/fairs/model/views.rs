//! What the fair screens show: events, booths, slots, tickets, queues and the report.
use serde::{Deserialize, Serialize};

use super::{FairHours, QrSvg, text::parse_clock};
use crate::core::calendar::parse_date;

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
