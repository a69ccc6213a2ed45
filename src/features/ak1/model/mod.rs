//! AK-1 (Kartu Tanda Pencari Kerja, Permenaker 39/2016) rules and the seeker profile it is issued from,
//! shared by the browser and the server: the profile form and its rules (`profile.rs`), the card's
//! status, number, validity and re-report dates (`card.rs`), and the screen data (`views.rs`). Everything
//! is re-exported here, so `ak1::model::X` names each item.
mod card;
mod profile;
mod views;

pub use card::*;
pub use profile::*;
pub use views::*;

/// A card is valid for two years.
pub const VALIDITY_YEARS: i32 = 2;
/// The holder re-reports (lapor diri) every six months.
pub const RE_REPORT_MONTHS: u8 = 6;
/// Minimum age for an AK-1 (office practice).
pub const MIN_AGE: i32 = 18;

pub use crate::core::review::Decision;

#[cfg(test)]
mod tests;
