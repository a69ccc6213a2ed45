//! Account rules and types shared by the browser and the server: the same `check()` gives instant
//! feedback in the form and guards the server function.
use serde::{Deserialize, Serialize};
use time::Date;

use crate::core::{
    calendar::parse_date,
    error::FieldErrors,
    text::normalize_text,
    validate::{Sex, check_nik, normalize_email, normalize_phone},
};

pub const PASSWORD_MIN_CHARS: usize = 8;
pub const PASSWORD_MAX_CHARS: usize = 128;
/// Youngest age at which a person may open a job-seeker account (UU 13/2003 working age).
pub const MIN_SIGN_UP_AGE: i32 = 15;

/// Consent purposes under UU 27/2022, each granted and revoked separately.
pub const CONSENT_PURPOSES: [&str; 3] = ["matching", "discoverable", "notifications"];

pub use crate::core::auth::SessionUser;

/// Length limits on a new password; the key names the problem for the user.
pub fn check_password_length(password: &str) -> Result<(), &'static str> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        Err("err_password_short")
    } else if chars > PASSWORD_MAX_CHARS {
        Err("err_password_long")
    } else {
        Ok(())
    }
}

/// A display name: trimmed, 2–120 characters, no control characters.
pub fn normalize_full_name(name: &str) -> Result<String, &'static str> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars = name.chars().count();
    if !(2..=120).contains(&chars) || name.chars().any(char::is_control) {
        return Err("err_full_name");
    }
    Ok(name)
}

/// `3603********0001`: what everyone but the person and officers sees of a NIK.
pub fn mask_nik(nik: &str) -> String {
    if nik.len() != 16 || !nik.is_ascii() {
        return "****************".into();
    }
    format!("{}********{}", &nik[..4], &nik[12..])
}

fn checkbox(value: &Option<String>) -> bool {
    value
        .as_deref()
        .is_some_and(|v| !v.is_empty() && v != "off" && v != "false")
}

/// The seeker sign-up form as typed (checkboxes arrive as optional strings from HTML forms).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SeekerSignUp {
    pub nik: String,
    pub full_name: String,
    pub place_of_birth: String,
    pub date_of_birth: String,
    pub sex: String,
    pub email: String,
    pub phone: String,
    pub password: String,
    pub consent_matching: Option<String>,
    pub consent_discoverable: Option<String>,
    pub consent_notifications: Option<String>,
}

/// A seeker sign-up that passed every check.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidSeekerSignUp {
    pub nik: String,
    pub full_name: String,
    pub place_of_birth: String,
    pub date_of_birth: Date,
    pub sex: Sex,
    pub email: String,
    pub phone: String,
    pub password: String,
    pub consents: [(&'static str, bool); 3],
}

pub fn parse_sex(value: &str) -> Option<Sex> {
    match value {
        "male" => Some(Sex::Male),
        "female" => Some(Sex::Female),
        _ => None,
    }
}

pub fn sex_code(sex: Sex) -> &'static str {
    match sex {
        Sex::Male => "male",
        Sex::Female => "female",
    }
}

impl SeekerSignUp {
    pub fn check(&self, today: Date) -> Result<ValidSeekerSignUp, FieldErrors> {
        self.validate_with(today, true)
    }

    /// Everything but the password: at the service counter the person sets it later from an e-mailed link.
    pub fn validate_identity(&self, today: Date) -> Result<ValidSeekerSignUp, FieldErrors> {
        self.validate_with(today, false)
    }

    fn validate_with(
        &self,
        today: Date,
        with_password: bool,
    ) -> Result<ValidSeekerSignUp, FieldErrors> {
        let mut errors = FieldErrors::new();
        let full_name = normalize_full_name(&self.full_name)
            .map_err(|k| errors.add("full_name", k))
            .ok();
        let place_of_birth = normalize_text(&self.place_of_birth, 2, 80)
            .map_err(|k| errors.add("place_of_birth", k))
            .ok();
        let sex = parse_sex(&self.sex);
        if sex.is_none() {
            errors.add("sex", "err_sex");
        }
        let date_of_birth = parse_date(&self.date_of_birth);
        match date_of_birth {
            None => errors.add("date_of_birth", "err_date"),
            Some(dob) if age_on(dob, today) < MIN_SIGN_UP_AGE => {
                errors.add("date_of_birth", "err_too_young");
            }
            Some(_) => {}
        }
        let nik: String = self.nik.chars().filter(|c| !c.is_whitespace()).collect();
        if let (Some(dob), Some(sex)) = (date_of_birth, sex) {
            if let Err(e) = check_nik(&nik, dob, sex) {
                errors.add("nik", e.message_key());
            }
        } else if let Err(e) = crate::core::validate::parse_nik(&nik) {
            errors.add("nik", e.message_key());
        }
        let email = normalize_email(&self.email)
            .map_err(|k| errors.add("email", k))
            .ok();
        let phone = normalize_phone(&self.phone)
            .map_err(|k| errors.add("phone", k))
            .ok();
        if with_password && let Err(k) = check_password_length(&self.password) {
            errors.add("password", k);
        }
        match (full_name, place_of_birth, date_of_birth, sex, email, phone) {
            (
                Some(full_name),
                Some(place_of_birth),
                Some(date_of_birth),
                Some(sex),
                Some(email),
                Some(phone),
            ) if errors.is_empty() => Ok(ValidSeekerSignUp {
                nik,
                full_name,
                place_of_birth,
                date_of_birth,
                sex,
                email,
                phone,
                password: self.password.clone(),
                consents: [
                    ("matching", checkbox(&self.consent_matching)),
                    ("discoverable", checkbox(&self.consent_discoverable)),
                    ("notifications", checkbox(&self.consent_notifications)),
                ],
            }),
            _ => Err(errors),
        }
    }
}

/// Whole years between a birth date and a day.
pub fn age_on(date_of_birth: Date, day: Date) -> i32 {
    let mut age = day.year() - date_of_birth.year();
    if (day.month() as u8, day.day()) < (date_of_birth.month() as u8, date_of_birth.day()) {
        age -= 1;
    }
    age
}

/// One active session, as listed on the account page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionView {
    /// Opaque handle to end this session (a hash, not the cookie value).
    pub handle: String,
    pub current: bool,
    pub created_at_ms: i64,
    pub last_seen_ms: i64,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsentView {
    pub purpose: String,
    pub granted: bool,
    pub changed_at_ms: Option<i64>,
}

/// The seeker's identity as shown to them (the NIK masked: the page may be on a shared counter screen).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeekerIdentity {
    pub nik_masked: String,
    pub place_of_birth: String,
    pub date_of_birth: String,
    pub sex: String,
}

/// Everything the account page shows its owner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyAccount {
    pub user: SessionUser,
    pub phone: Option<String>,
    pub seeker: Option<SeekerIdentity>,
    pub consents: Vec<ConsentView>,
    pub sessions: Vec<SessionView>,
}

/// A staff read of someone's personal data, for "who accessed my data".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DataAccessView {
    pub at_ms: i64,
    pub actor_name: String,
    pub actor_role: String,
    pub action: String,
    /// For a read: the translation key of the relation that allowed it (an AK-1 in the queue, …).
    #[serde(default)]
    pub basis: Option<String>,
    /// For a read: the reason the officer typed.
    #[serde(default)]
    pub reason: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn seeker() -> SeekerSignUp {
        SeekerSignUp {
            nik: "3603015508950001".into(),
            full_name: " Siti  Aminah ".into(),
            place_of_birth: "Tangerang".into(),
            date_of_birth: "1995-08-15".into(),
            sex: "female".into(),
            email: "Siti@Example.co.id".into(),
            phone: "0812-3456-7890".into(),
            password: "kopi-tubruk-pagi".into(),
            consent_matching: Some("on".into()),
            consent_discoverable: None,
            consent_notifications: Some("on".into()),
        }
    }

    #[test]
    fn a_good_seeker_sign_up_is_normalized() {
        let valid = seeker().check(date!(2026 - 11 - 28)).expect("valid");
        assert_eq!(valid.full_name, "Siti Aminah");
        assert_eq!(valid.email, "siti@example.co.id");
        assert_eq!(valid.phone, "+6281234567890");
        assert_eq!(
            valid.consents,
            [
                ("matching", true),
                ("discoverable", false),
                ("notifications", true)
            ]
        );
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let form = SeekerSignUp {
            nik: "3603011508950001".into(),
            email: "x".into(),
            password: "short".into(),
            ..seeker()
        };
        let errors = form.check(date!(2026 - 11 - 28)).expect_err("invalid");
        assert_eq!(errors.get("nik"), Some("err_nik_sex_mismatch"));
        assert_eq!(errors.get("email"), Some("err_email"));
        assert_eq!(errors.get("password"), Some("err_password_short"));
        assert_eq!(errors.get("full_name"), None);
    }

    #[test]
    fn children_cannot_sign_up() {
        let form = SeekerSignUp {
            date_of_birth: "2015-08-15".into(),
            nik: "3603015508150001".into(),
            ..seeker()
        };
        assert_eq!(
            form.check(date!(2026 - 11 - 28))
                .expect_err("too young")
                .get("date_of_birth"),
            Some("err_too_young")
        );
        assert_eq!(age_on(date!(2000 - 02 - 29), date!(2018 - 02 - 28)), 17);
        assert_eq!(age_on(date!(2000 - 02 - 29), date!(2018 - 03 - 01)), 18);
    }

    #[test]
    fn niks_are_masked_for_everyone_else() {
        assert_eq!(mask_nik("3603015508950001"), "3603********0001");
        assert_eq!(mask_nik("123"), "****************");
    }

    #[test]
    fn password_length_is_bounded_in_characters_not_bytes() {
        assert_eq!(check_password_length("1234567"), Err("err_password_short"));
        assert_eq!(check_password_length("12345678"), Ok(()));
        assert_eq!(check_password_length(&"é".repeat(128)), Ok(()));
        assert_eq!(
            check_password_length(&"a".repeat(129)),
            Err("err_password_long")
        );
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            normalize_full_name("  Siti   Aminah "),
            Ok("Siti Aminah".to_owned())
        );
        assert_eq!(normalize_full_name("A"), Err("err_full_name"));
        assert_eq!(normalize_full_name("Bad\u{7}Name"), Err("err_full_name"));
    }
}
