//! Job fairs as the pages and server functions share them: the event form and the booth-slot plan with
//! their checks (run in the browser and again on the server), and the views of events, booths, tickets,
//! queues and the fair report.
//!
//! `event` (the event form), `booth` (the slot plan and booth form), `views` (what the screens show) and
//! `text` (reading typed text) are re-exported here, so callers name `fairs::model::X`.
mod booth;
mod event;
mod text;
mod views;

pub use booth::*;
pub use event::*;
pub use text::{format_clock, parse_clock};
pub use views::*;

pub const FAIR_KINDS: [&str; 3] = ["online", "onsite", "hybrid"];
pub const MAX_CAPACITY: i64 = 200_000;
/// One plan makes at most this many slots (a day of 15-minute slots from 07:00 to 19:00).
pub const MAX_SLOTS_PER_PLAN: usize = 48;
pub const MAX_SLOT_CAPACITY: i64 = 100;
/// A booth banner: JPEG or PNG, checked by its bytes.
pub const BANNER_MAX_BYTES: usize = 2 * 1024 * 1024;

pub use crate::core::qr::QrSvg;

#[cfg(test)]
mod tests;
