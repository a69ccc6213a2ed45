//! Reading what people type: times of day, lengths, links and counts.
use time::Time;

use crate::core::error::FieldErrors;

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

pub(super) fn check_length(
    errors: &mut FieldErrors,
    field: &str,
    value: &str,
    min: usize,
    max: usize,
) {
    let length = value.trim().chars().count();
    if length == 0 && min > 0 {
        errors.add(field, "err_required");
    } else if length < min || length > max {
        errors.add(field, "err_text_length");
    }
}

/// A link a person may be sent to: `https://…` without spaces.
pub(super) fn is_web_link(value: &str) -> bool {
    let value = value.trim();
    value.len() <= 500
        && value.starts_with("https://")
        && value.len() > "https://".len() + 3
        && !value.contains(char::is_whitespace)
}

pub(super) fn parse_count(value: &str) -> Option<i64> {
    let digits: String = value.trim().chars().filter(|c| *c != '.').collect();
    digits.parse().ok()
}
