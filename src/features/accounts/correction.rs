//! Correction requests (UU 27/2022 Pasal 30): which data a person may ask to have corrected, how a requested
//! value is read, and the time an officer has to handle it. Shared, so the seeker's form and the officer's
//! queue read values the same way the server applies them.
use time::Date;

use crate::core::text::normalize_text;
use crate::{
    core::{
        calendar::{format_date, parse_date},
        validate::{Sex, parse_nik},
    },
    features::accounts::model::{normalize_full_name, sex_code},
};

/// The fields the correction form offers.
pub const CORRECTABLE_FIELDS: [&str; 5] =
    ["full_name", "place_of_birth", "date_of_birth", "sex", "nik"];

/// A correction must be handled within 3×24 hours of the request (UU 27/2022 Pasal 30 ayat 2): clock
/// hours, not working days.
pub const CORRECTION_DEADLINE_MS: i64 = 3 * 24 * 3_600_000;

/// When a request filed at `created_at_ms` must have been handled.
pub fn correction_due_ms(created_at_ms: i64) -> i64 {
    created_at_ms.saturating_add(CORRECTION_DEADLINE_MS)
}

/// A requested value, read and checked for its field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CorrectionValue {
    FullName(String),
    PlaceOfBirth(String),
    DateOfBirth(Date),
    Sex(Sex),
    Nik(String),
}

impl CorrectionValue {
    /// Reads the value asked for `field`; the error is a translation key about the value.
    pub fn parse(field: &str, value: &str) -> Result<CorrectionValue, &'static str> {
        match field {
            "full_name" => normalize_full_name(value).map(CorrectionValue::FullName),
            "place_of_birth" => normalize_text(value, 2, 80).map(CorrectionValue::PlaceOfBirth),
            "date_of_birth" => parse_date(value)
                .map(CorrectionValue::DateOfBirth)
                .ok_or("err_date"),
            "sex" => parse_sex_word(value)
                .map(CorrectionValue::Sex)
                .ok_or("err_sex"),
            "nik" => {
                let nik: String = value.chars().filter(|c| !c.is_whitespace()).collect();
                parse_nik(&nik).map_err(|e| e.message_key())?;
                Ok(CorrectionValue::Nik(nik))
            }
            _ => Err("err_correction_field"),
        }
    }

    /// The value as stored in the request and in the record (`1995-08-15`, `female`, digits only).
    pub fn canonical(&self) -> String {
        match self {
            CorrectionValue::FullName(s) | CorrectionValue::PlaceOfBirth(s) => s.clone(),
            CorrectionValue::Nik(nik) => nik.clone(),
            CorrectionValue::DateOfBirth(d) => format_date(*d),
            CorrectionValue::Sex(sex) => sex_code(*sex).to_owned(),
        }
    }
}

/// The sex as people type it in a free-text field, in either language.
fn parse_sex_word(value: &str) -> Option<Sex> {
    match value.trim().to_lowercase().as_str() {
        // No single letters: "P" is "perempuan" on a KTP but also starts "pria".
        "male" | "laki-laki" | "laki laki" | "lakilaki" | "pria" => Some(Sex::Male),
        "female" | "perempuan" | "wanita" => Some(Sex::Female),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn values_are_read_per_field() {
        let read = CorrectionValue::parse;
        assert_eq!(
            read("full_name", "  Siti   Aminah "),
            Ok(CorrectionValue::FullName("Siti Aminah".into()))
        );
        assert_eq!(
            read("date_of_birth", "1995-08-15"),
            Ok(CorrectionValue::DateOfBirth(date!(1995 - 08 - 15)))
        );
        assert_eq!(read("date_of_birth", "15-08-1995"), Err("err_date"));
        assert_eq!(
            read("sex", "Perempuan"),
            Ok(CorrectionValue::Sex(Sex::Female))
        );
        assert_eq!(read("sex", "male"), Ok(CorrectionValue::Sex(Sex::Male)));
        assert_eq!(read("sex", "lainnya"), Err("err_sex"));
        assert_eq!(read("sex", "p"), Err("err_sex"));
        assert_eq!(
            read("nik", "3603 0155 0895 0011"),
            Ok(CorrectionValue::Nik("3603015508950011".into()))
        );
        assert_eq!(read("nik", "360301550895001"), Err("err_nik_length"));
        assert_eq!(read("email", "x@y.id"), Err("err_correction_field"));
        assert_eq!(
            read("sex", " WANITA ").map(|v| v.canonical()),
            Ok("female".to_owned())
        );
    }

    #[test]
    fn the_deadline_is_72_clock_hours() {
        assert_eq!(correction_due_ms(0), 259_200_000);
        assert_eq!(correction_due_ms(i64::MAX), i64::MAX);
    }
}
