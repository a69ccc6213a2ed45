//! Validators shared by the server and the browser, so a form is checked with the same rules on both sides.
//!
//! Every error is a translation key (see the i18n tables) rather than text, because the same check runs in
//! both languages of the UI.

use serde::{Deserialize, Serialize};
use time::{Date, Month};

use crate::core::regions_data::is_known_regency;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sex {
    Male,
    Female,
}

/// The fields encoded in a NIK. `birth_day` is the real day of the month (1–31): the +40 that women's NIKs
/// carry is already removed and shows up as `sex` instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NikInfo {
    pub province: u8,
    pub regency: u8,
    pub district: u8,
    pub birth_day: u8,
    pub birth_month: u8,
    pub birth_yy: u8,
    pub sex: Sex,
    pub serial: u16,
}

impl NikInfo {
    /// The Kemendagri-style dotted code, the form officers read and the region tables use ("36.03.01").
    pub fn region_code(&self) -> String {
        format!(
            "{:02}.{:02}.{:02}",
            self.province, self.regency, self.district
        )
    }

    /// The NIK only carries a two-digit year, so any century with the same last two digits agrees.
    pub fn matches_birth_date(&self, d: Date) -> bool {
        d.day() == self.birth_day
            && u8::from(d.month()) == self.birth_month
            && d.year().rem_euclid(100) == i32::from(self.birth_yy)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NikError {
    Length,
    NotDigits,
    UnknownRegion,
    InvalidBirthDate,
    BirthDateMismatch,
    SexMismatch,
    SerialZero,
}

impl NikError {
    pub fn message_key(&self) -> &'static str {
        match self {
            NikError::Length => "err_nik_length",
            NikError::NotDigits => "err_nik_digits",
            NikError::UnknownRegion => "err_nik_region",
            NikError::InvalidBirthDate => "err_nik_birth_date",
            NikError::BirthDateMismatch => "err_nik_birth_mismatch",
            NikError::SexMismatch => "err_nik_sex_mismatch",
            NikError::SerialZero => "err_nik_serial",
        }
    }
}

impl std::fmt::Display for NikError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message_key())
    }
}

impl std::error::Error for NikError {}

/// Women's NIKs add this to the day of birth.
const FEMALE_DAY_OFFSET: u8 = 40;

fn two_digits(b: &[u8], at: usize) -> u8 {
    (b[at] - b'0') * 10 + (b[at + 1] - b'0')
}

/// Checks the shape of a NIK: its digits, region, encoded birth date and serial.
///
/// Non-digits are reported before a wrong length, because "3603-0115-..." is a formatting slip the user can fix
/// by removing the separators, and telling them the length is wrong would mislead.
pub fn parse_nik(nik: &str) -> Result<NikInfo, NikError> {
    let nik = nik.trim();
    if !nik.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NikError::NotDigits);
    }
    let b = nik.as_bytes();
    if b.len() != 16 {
        return Err(NikError::Length);
    }

    let (province, regency, district) = (two_digits(b, 0), two_digits(b, 2), two_digits(b, 4));
    if province == 0 || regency == 0 || district == 0 || !is_known_regency(province, regency) {
        return Err(NikError::UnknownRegion);
    }

    let (dd, birth_month, birth_yy) = (two_digits(b, 6), two_digits(b, 8), two_digits(b, 10));
    let (birth_day, sex) = match dd {
        1..=31 => (dd, Sex::Male),
        41..=71 => (dd - FEMALE_DAY_OFFSET, Sex::Female),
        _ => return Err(NikError::InvalidBirthDate),
    };
    let month = Month::try_from(birth_month).map_err(|_| NikError::InvalidBirthDate)?;
    // Only the last two digits of the year are known; 29 Feb is real if either candidate century is a leap year.
    let real_in_some_century = [1900, 2000].iter().any(|century| {
        Date::from_calendar_date(century + i32::from(birth_yy), month, birth_day).is_ok()
    });
    if !real_in_some_century {
        return Err(NikError::InvalidBirthDate);
    }

    let serial = u16::from(two_digits(b, 12)) * 100 + u16::from(two_digits(b, 14));
    if serial == 0 {
        return Err(NikError::SerialZero);
    }

    Ok(NikInfo {
        province,
        regency,
        district,
        birth_day,
        birth_month,
        birth_yy,
        sex,
        serial,
    })
}

/// [`parse_nik`], plus agreement with the date of birth and sex the person entered. The birth date is checked
/// first: a wrong sex with the right date points at the sex field, a wrong date usually at the date field.
pub fn check_nik(nik: &str, date_of_birth: Date, sex: Sex) -> Result<NikInfo, NikError> {
    let info = parse_nik(nik)?;
    if !info.matches_birth_date(date_of_birth) {
        return Err(NikError::BirthDateMismatch);
    }
    if info.sex != sex {
        return Err(NikError::SexMismatch);
    }
    Ok(info)
}

/// Digits of `s`, skipping the separators people type in tax and phone numbers; `None` on any other character.
fn digits_skipping(s: &str, is_separator: impl Fn(char) -> bool) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_digit() {
            out.push(c);
        } else if !is_separator(c) {
            return None;
        }
    }
    Some(out)
}

/// Old NPWPs have 15 digits; since 2024 the new ones have 16 (individuals use their NIK). Either is accepted.
pub fn normalize_npwp(s: &str) -> Result<String, &'static str> {
    match digits_skipping(s, |c| c == '.' || c == '-' || c.is_whitespace()) {
        Some(d) if d.len() == 15 || d.len() == 16 => Ok(d),
        _ => Err("err_npwp"),
    }
}

/// Shows a 15-digit NPWP the way it is printed on the old card (99.999.999.9-999.999). New 16-digit NPWPs have
/// no official grouping, so they (and anything that is not a normalized NPWP) are shown as given.
pub fn format_npwp(digits: &str) -> String {
    if digits.len() != 15 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return digits.to_string();
    }
    let d = digits;
    format!(
        "{}.{}.{}.{}-{}.{}",
        &d[0..2],
        &d[2..5],
        &d[5..8],
        &d[8..9],
        &d[9..12],
        &d[12..15]
    )
}

/// NIB (Nomor Induk Berusaha, from OSS) is 13 digits.
pub fn validate_nib(s: &str) -> Result<String, &'static str> {
    let s = s.trim();
    if s.len() == 13 && s.bytes().all(|b| b.is_ascii_digit()) {
        Ok(s.to_string())
    } else {
        Err("err_nib")
    }
}

/// Normalizes an Indonesian phone number to E.164 (+62…), so the same number typed two ways is one number.
///
/// "+62 (0)21 …" is accepted because it is a common way of writing the trunk zero next to the country code.
/// The national number must start with 2–9: 8 for mobiles, 2–9 as the first digit of a landline area code.
pub fn normalize_phone(s: &str) -> Result<String, &'static str> {
    const ERR: &str = "err_phone";
    let compact: String = s
        .chars()
        .filter(|c| !(c.is_whitespace() || matches!(c, '-' | '.')))
        .collect();
    let compact = compact
        .strip_prefix("+62(0)")
        .or_else(|| compact.strip_prefix("62(0)"))
        .map(|rest| format!("62{rest}"))
        .unwrap_or(compact);
    let digits = digits_skipping(compact.strip_prefix('+').unwrap_or(&compact), |c| {
        matches!(c, '(' | ')')
    })
    .ok_or(ERR)?;
    // A '+' is only meaningful before the country code; "+0812…" is not a number anyone can dial.
    let national = if compact.starts_with('+') {
        digits.strip_prefix("62")
    } else {
        digits
            .strip_prefix('0')
            .or_else(|| digits.strip_prefix("62"))
    }
    .ok_or(ERR)?;
    let first_ok = matches!(national.bytes().next(), Some(b'2'..=b'9'));
    if first_ok && (8..=12).contains(&national.len()) {
        Ok(format!("+62{national}"))
    } else {
        Err(ERR)
    }
}

/// Characters allowed unquoted in the local part (RFC 5322 atext). Quoted local parts and non-ASCII addresses
/// are refused: mail to them fails at too many providers to be worth accepting at sign-up.
fn is_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-.".contains(c)
}

fn is_domain_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 63
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Normalizes an e-mail address for storage and comparison. The whole address is lowercased: providers treat
/// the local part case-insensitively in practice, and one spelling per address keeps accounts unique.
pub fn normalize_email(s: &str) -> Result<String, &'static str> {
    const ERR: &str = "err_email";
    let s = s.trim().to_ascii_lowercase();
    if s.len() > 254 || s.chars().any(char::is_whitespace) {
        return Err(ERR);
    }
    let (local, domain) = s.split_once('@').ok_or(ERR)?;
    if domain.contains('@') {
        return Err(ERR);
    }
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local.chars().all(is_local_char)
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| is_domain_label(l))
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_lowercase()));
    if local_ok && domain_ok {
        Ok(s)
    } else {
        Err(ERR)
    }
}

/// A district code of Kabupaten Tangerang, dotted as in the region table (`36.03.01`).
pub fn is_tangerang_district(code: &str) -> bool {
    crate::core::regions_data::TANGERANG_DISTRICTS
        .binary_search_by(|(c, _)| (*c).cmp(code))
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::NikError::*;
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    /// Builds a NIK the way Dukcapil does, so tests read as "this person" rather than as 16 opaque digits.
    fn make_nik(prov: u8, reg: u8, dist: u8, dob: Date, sex: Sex, serial: u16) -> String {
        let offset = if sex == Sex::Female {
            FEMALE_DAY_OFFSET
        } else {
            0
        };
        let (day, month, yy) = (dob.day() + offset, u8::from(dob.month()), dob.year() % 100);
        format!("{prov:02}{reg:02}{dist:02}{day:02}{month:02}{yy:02}{serial:04}")
    }

    fn fields(nik: &str) -> (Sex, u8, u8, u8) {
        let i = parse_nik(nik).unwrap();
        (i.sex, i.birth_day, i.birth_month, i.birth_yy)
    }

    #[test]
    fn valid_male_nik() {
        let info = parse_nik("3603011508950001").unwrap();
        assert_eq!(fields("3603011508950001"), (Sex::Male, 15, 8, 95));
        assert_eq!(
            (info.serial, info.region_code()),
            (1, "36.03.01".to_string())
        );
        assert!(info.matches_birth_date(date!(1995 - 08 - 15)));
        let checked = check_nik("3603011508950001", date!(1995 - 08 - 15), Sex::Male);
        assert_eq!(checked, Ok(info));
    }

    #[test]
    fn valid_female_nik_day_offset() {
        assert_eq!(fields("3603015508950001"), (Sex::Female, 15, 8, 95));
        assert!(check_nik("3603015508950001", date!(1995 - 08 - 15), Sex::Female).is_ok());
    }

    #[test]
    fn female_day_edges() {
        assert_eq!(fields("3171014101900123"), (Sex::Female, 1, 1, 90));
        assert_eq!(fields("3171017101900123"), (Sex::Female, 31, 1, 90));
        // 72 would be day 32; 40 would be day 0.
        assert_eq!(parse_nik("3171017201900123"), Err(InvalidBirthDate));
        assert_eq!(parse_nik("3171014001900123"), Err(InvalidBirthDate));
    }

    #[test]
    fn impossible_days_and_months() {
        for bad in [
            "3201013201900001", // day 32
            "3201010001900001", // day 0
            "3201013104900001", // 31 April
            "3201011500900001", // month 0
            "3201011513900001", // month 13
            "3201017104900001", // female 31 April
        ] {
            assert_eq!(parse_nik(bad), Err(InvalidBirthDate), "{bad}");
        }
    }

    #[test]
    fn leap_day_needs_a_leap_century() {
        // YY=00 can be 2000, a leap year; YY=01 is never one. YY=96 only needs 1996 to be leap.
        assert_eq!(fields("3603012902000001"), (Sex::Male, 29, 2, 0));
        assert_eq!(parse_nik("3603012902010001"), Err(InvalidBirthDate));
        assert!(parse_nik("3603012902960001").is_ok());
        let f = check_nik("3603016902000001", date!(2000 - 02 - 29), Sex::Female).unwrap();
        assert_eq!((f.sex, f.birth_day, f.birth_month), (Sex::Female, 29, 2));
    }

    #[test]
    fn unknown_and_zero_regions() {
        for bad in [
            "9901011508950001", // no province 99
            "3699011508950001", // Banten has no regency 99
            "0003011508950001", // province 00
            "3600011508950001", // regency 00
            "3603001508950001", // district 00
        ] {
            assert_eq!(parse_nik(bad), Err(UnknownRegion), "{bad}");
        }
        assert!(parse_nik("1101011508950001").is_ok());
        assert!(parse_nik("3201011508950001").is_ok());
    }

    #[test]
    fn serial() {
        assert_eq!(parse_nik("3603011508950000"), Err(SerialZero));
        assert_eq!(parse_nik("3603011508959999").map(|i| i.serial), Ok(9999));
    }

    #[test]
    fn shape_errors() {
        let cases = [
            ("36030115089500A1", NotDigits),
            ("3603-0115-0895-0001", NotDigits),
            ("３６０３０１１５０８９５０００１", NotDigits),
            ("3603011508 950001", NotDigits),
            ("360301150895001", Length),
            ("36030115089500011", Length),
            ("", Length),
            ("   ", Length),
            ("0000000000000000", UnknownRegion),
        ];
        for (nik, err) in cases {
            assert_eq!(parse_nik(nik), Err(err), "{nik:?}");
        }
    }

    #[test]
    fn surrounding_whitespace_is_trimmed() {
        assert!(parse_nik("  3603011508950001\n").is_ok());
        assert!(parse_nik("\t3603011508950001 ").is_ok());
    }

    #[test]
    fn mismatching_birth_date_and_sex() {
        let male = "3603011508950001";
        for dob in [
            date!(1995 - 08 - 16),
            date!(1995 - 09 - 15),
            date!(1996 - 08 - 15),
        ] {
            assert_eq!(check_nik(male, dob, Sex::Male), Err(BirthDateMismatch));
        }
        // The two-digit year cannot tell centuries apart.
        assert!(check_nik(male, date!(1895 - 08 - 15), Sex::Male).is_ok());
        let dob = date!(1995 - 08 - 15);
        assert_eq!(check_nik(male, dob, Sex::Female), Err(SexMismatch));
        assert_eq!(
            check_nik("3603015508950001", dob, Sex::Male),
            Err(SexMismatch)
        );
        // Shape errors come before mismatches.
        let other = date!(2001 - 01 - 01);
        assert_eq!(
            check_nik("3603011508950000", other, Sex::Female),
            Err(SerialZero)
        );
    }

    #[test]
    fn message_keys() {
        let keys = [
            (Length, "err_nik_length"),
            (NotDigits, "err_nik_digits"),
            (UnknownRegion, "err_nik_region"),
            (InvalidBirthDate, "err_nik_birth_date"),
            (BirthDateMismatch, "err_nik_birth_mismatch"),
            (SexMismatch, "err_nik_sex_mismatch"),
            (SerialZero, "err_nik_serial"),
        ];
        for (err, key) in keys {
            assert_eq!((err.message_key(), err.to_string()), (key, key.to_string()));
        }
    }

    #[test]
    fn npwp() {
        let ok = [
            ("01.234.567.8-912.000", "012345678912000"),
            (" 012345678912000 ", "012345678912000"),
            ("3603 0115 0895 0001", "3603011508950001"),
            ("0123.4567.8912.3456", "0123456789123456"),
        ];
        for (input, want) in ok {
            assert_eq!(normalize_npwp(input).as_deref(), Ok(want), "{input}");
        }
        for bad in [
            "",
            "01.234.567.8-912.00",
            "01234567891200012",
            "01.234.567.8/912.000",
        ] {
            assert_eq!(normalize_npwp(bad), Err("err_npwp"), "{bad}");
        }
        assert_eq!(normalize_npwp("O1.234.567.8-912.000"), Err("err_npwp"));
    }

    #[test]
    fn npwp_formatting() {
        assert_eq!(format_npwp("012345678912000"), "01.234.567.8-912.000");
        assert_eq!(format_npwp("3603011508950001"), "3603011508950001");
        assert_eq!(format_npwp("12345"), "12345");
        let round_trip = normalize_npwp(&format_npwp("012345678912000"));
        assert_eq!(round_trip.as_deref(), Ok("012345678912000"));
    }

    #[test]
    fn nib() {
        assert_eq!(
            validate_nib(" 9120001234567 ").as_deref(),
            Ok("9120001234567")
        );
        for bad in [
            "912000123456",
            "91200012345678",
            "912000123456a",
            "",
            "9120-001234567",
        ] {
            assert_eq!(validate_nib(bad), Err("err_nib"), "{bad}");
        }
    }

    #[test]
    fn phones() {
        let ok = [
            ("081234567890", "+6281234567890"),
            ("0812-3456-7890", "+6281234567890"),
            ("+62 812 3456 7890", "+6281234567890"),
            ("6281234567890", "+6281234567890"),
            ("(0812) 3456.7890", "+6281234567890"),
            ("021-5551234", "+62215551234"),
            ("(021) 555 1234", "+62215551234"),
            ("+62 (0)21 555 1234", "+62215551234"),
            ("0811234567", "+62811234567"),
        ];
        for (input, want) in ok {
            assert_eq!(normalize_phone(input).as_deref(), Ok(want), "{input}");
        }
        let bad = [
            "",
            "0812345",        // 7 digits after the 0
            "08123456789012", // 13 digits after the 0
            "0812-3456-789O", // letter O
            "0812abc4567",
            "+0812345678",     // '+' without country code
            "+6581234567",     // Singapore
            "01234567890",     // no area code starts with 1
            "+62081234567890", // trunk zero after the country code, unmarked
            "812345678",       // neither 0 nor 62
            "0812/3456/7890",
        ];
        for input in bad {
            assert_eq!(normalize_phone(input), Err("err_phone"), "{input}");
        }
    }

    #[test]
    fn emails() {
        let ok = [
            (" Budi.Santoso@Example.CO.ID ", "budi.santoso@example.co.id"),
            ("a+tag@mail-1.example.com", "a+tag@mail-1.example.com"),
            (
                "xn--80ak6aa92e@xn--80ak6aa92e.com",
                "xn--80ak6aa92e@xn--80ak6aa92e.com",
            ),
        ];
        for (input, want) in ok {
            assert_eq!(normalize_email(input).as_deref(), Ok(want), "{input}");
        }
        let too_long_local = format!("{}@example.com", "a".repeat(65));
        let too_long_total = format!("a@{}.com", vec!["b".repeat(60); 5].join("."));
        for bad in [
            "",
            "budi.example.com",
            "budi@@example.com",
            "budi@mail@example.com",
            "budi@localhost",
            "budi santoso@example.com",
            "budi@exa mple.com",
            "@example.com",
            "budi@",
            "budi@-example.com",
            "budi@example-.com",
            "budi@example..com",
            "budi@example.c",
            "budi@example.c0m",
            "budi@exam_ple.com",
            ".budi@example.com",
            "bu..di@example.com",
            "büdi@example.com",
            too_long_local.as_str(),
            too_long_total.as_str(),
        ] {
            assert_eq!(normalize_email(bad), Err("err_email"), "{bad}");
        }
    }

    fn region() -> impl Strategy<Value = (u8, u8)> {
        prop::sample::select(vec![(36u8, 3u8), (31, 71), (32, 1), (11, 1)])
    }

    fn birth_date() -> impl Strategy<Value = Date> {
        let first = date!(1940 - 01 - 01).to_julian_day();
        let last = date!(2007 - 12 - 31).to_julian_day();
        (first..=last).prop_map(|jd| Date::from_julian_day(jd).unwrap())
    }

    fn sex() -> impl Strategy<Value = Sex> {
        prop_oneof![Just(Sex::Male), Just(Sex::Female)]
    }

    proptest! {
        #[test]
        fn generated_niks_round_trip(
            (prov, reg) in region(),
            dist in 1u8..=99,
            dob in birth_date(),
            sex in sex(),
            serial in 1u16..=9999,
        ) {
            let nik = make_nik(prov, reg, dist, dob, sex, serial);
            let info = check_nik(&nik, dob, sex).unwrap();
            prop_assert_eq!((info.province, info.regency, info.district), (prov, reg, dist));
            prop_assert_eq!((info.sex, info.serial), (sex, serial));
            prop_assert!(info.matches_birth_date(dob));
            prop_assert_eq!(parse_nik(&format!(" {nik} ")), Ok(info));
        }

        #[test]
        fn parse_nik_never_panics(s in "\\PC{0,20}|[0-9]{16}") {
            let _ = parse_nik(&s);
        }

        #[test]
        fn normalized_values_are_fixed_points(
            phone in "(\\+62|62|0)[2-9][0-9]{7,11}",
            email in "[a-z0-9._+-]{1,20}@[a-z0-9-]{1,10}\\.[a-z]{2,6}",
        ) {
            let p = normalize_phone(&phone).unwrap();
            prop_assert_eq!(normalize_phone(&p), Ok(p.clone()));
            if let Ok(e) = normalize_email(&email) {
                prop_assert_eq!(normalize_email(&e), Ok(e.clone()));
            }
        }
    }
}
