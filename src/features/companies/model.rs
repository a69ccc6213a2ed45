//! Company types and rules shared by the browser and the server.
use serde::{Deserialize, Serialize};

use crate::core::text::normalize_text;
use crate::{
    core::{
        error::FieldErrors,
        validate::{
            is_tangerang_district, normalize_email, normalize_npwp, normalize_phone, validate_nib,
        },
    },
    features::accounts::model::{check_password_length, normalize_full_name},
};

pub const SIZE_BANDS: [&str; 4] = ["mikro", "kecil", "menengah", "besar"];

/// The company sign-up form as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CompanySignUp {
    pub company_name: String,
    pub nib: String,
    pub npwp: String,
    pub kbli_division: String,
    /// A district code of Kabupaten Tangerang (`36.03.xx`), or empty when the company is elsewhere.
    pub district_code: String,
    pub address: String,
    /// Regency/city and province when the company is outside Kabupaten Tangerang.
    pub address_elsewhere: String,
    pub size_band: String,
    pub contact_name: String,
    pub email: String,
    pub phone: String,
    pub password: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ValidCompanySignUp {
    pub company_name: String,
    pub nib: String,
    pub npwp: String,
    pub kbli_division: String,
    pub district_code: Option<String>,
    pub address: String,
    pub address_elsewhere: Option<String>,
    pub size_band: String,
    pub contact_name: String,
    pub email: String,
    pub phone: String,
    pub password: String,
}

impl CompanySignUp {
    pub fn check(&self) -> Result<ValidCompanySignUp, FieldErrors> {
        let mut errors = FieldErrors::new();
        let company_name = normalize_text(&self.company_name, 3, 160)
            .map_err(|k| errors.add("company_name", k))
            .ok();
        let nib = validate_nib(&self.nib)
            .map_err(|k| errors.add("nib", k))
            .ok();
        let npwp = normalize_npwp(&self.npwp)
            .map_err(|k| errors.add("npwp", k))
            .ok();
        let division = self.kbli_division.trim();
        if !(division.len() == 2 && division.bytes().all(|b| b.is_ascii_digit())) {
            errors.add("kbli_division", "err_kbli");
        }
        let district = self.district_code.trim();
        let district_code = if district.is_empty() {
            None
        } else if is_tangerang_district(district) {
            Some(district.to_owned())
        } else {
            errors.add("district_code", "err_district");
            None
        };
        let address_elsewhere = if district_code.is_none() {
            normalize_text(&self.address_elsewhere, 3, 120)
                .map_err(|k| errors.add("address_elsewhere", k))
                .ok()
        } else {
            None
        };
        let address = normalize_text(&self.address, 5, 300)
            .map_err(|k| errors.add("address", k))
            .ok();
        if !SIZE_BANDS.contains(&self.size_band.as_str()) {
            errors.add("size_band", "err_size_band");
        }
        let contact_name = normalize_full_name(&self.contact_name)
            .map_err(|k| errors.add("contact_name", k))
            .ok();
        let email = normalize_email(&self.email)
            .map_err(|k| errors.add("email", k))
            .ok();
        let phone = normalize_phone(&self.phone)
            .map_err(|k| errors.add("phone", k))
            .ok();
        if let Err(k) = check_password_length(&self.password) {
            errors.add("password", k);
        }
        match (company_name, nib, npwp, address, contact_name, email, phone) {
            (
                Some(company_name),
                Some(nib),
                Some(npwp),
                Some(address),
                Some(contact_name),
                Some(email),
                Some(phone),
            ) if errors.is_empty() => Ok(ValidCompanySignUp {
                company_name,
                nib,
                npwp,
                kbli_division: division.to_owned(),
                district_code,
                address,
                address_elsewhere,
                size_band: self.size_band.clone(),
                contact_name,
                email,
                phone,
                password: self.password.clone(),
            }),
            _ => Err(errors),
        }
    }
}

/// A company waiting for (or past) an officer's verification.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompanyReview {
    pub id: i64,
    pub name: String,
    pub nib: String,
    pub npwp: String,
    pub kbli_section: String,
    pub kbli_division: Option<String>,
    pub location: String,
    pub size_band: String,
    pub contact_name: String,
    pub contact_email: String,
    pub registered_at_ms: i64,
    /// End of the one-working-day service clock.
    pub due_at_ms: i64,
}

/// Companies per page of the verification queue, and the last page one may ask for (so no request makes the
/// database skip more than this many pages' rows).
pub const QUEUE_PAGE_SIZE: i64 = 50;
pub const QUEUE_MAX_PAGE: i64 = 400;
/// The longest search the queue takes (a name or a NIB); longer input is cut, not refused.
pub const QUEUE_SEARCH_MAX: usize = 100;

/// One page of the verification queue, oldest registration first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompanyQueue {
    pub items: Vec<CompanyReview>,
    /// This page (1-based, within `1..=pages`), the number of pages and how many companies match in all.
    pub page: i64,
    pub pages: i64,
    pub total: i64,
    /// The search as applied (trimmed and bounded): part of a company's name, or its NIB.
    pub search: String,
}

/// The search as applied: trimmed, without control characters, at most `QUEUE_SEARCH_MAX` characters.
pub fn queue_search(raw: &str) -> String {
    crate::core::text::bounded_search(raw, QUEUE_SEARCH_MAX)
}

/// The page shown for a requested page number when `total` companies match: the last page when the
/// request is past it (a company just verified can empty the last page), never below 1.
pub fn queue_page(requested: i64, total: i64) -> (i64, i64) {
    let pages =
        (total.saturating_add(QUEUE_PAGE_SIZE - 1) / QUEUE_PAGE_SIZE).clamp(1, QUEUE_MAX_PAGE);
    (requested.clamp(1, pages), pages)
}

/// A member of a company's staff, as its admin sees them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffMember {
    pub account_id: Option<i64>,
    pub full_name: String,
    pub email: String,
    pub company_admin: bool,
    /// True for an invitation not yet accepted.
    pub pending: bool,
}

/// The signed-in company user's view of their company.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyCompany {
    pub id: i64,
    pub name: String,
    pub verified: bool,
    pub rejection_reason: Option<String>,
    pub staff: Vec<StaffMember>,
    pub is_admin: bool,
}

/// An invitation form: name and password of the person joining.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AcceptInvitation {
    pub token: String,
    pub full_name: String,
    pub password: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_sign_up_checks_identifiers_and_location() {
        let form = CompanySignUp {
            company_name: "PT Maju Bersama".into(),
            nib: "1234567890123".into(),
            npwp: "01.234.567.8-912.000".into(),
            kbli_division: "10".into(),
            district_code: "36.03.01".into(),
            address: "Jl. Raya Serang Km 24".into(),
            address_elsewhere: String::new(),
            size_band: "menengah".into(),
            contact_name: "Budi Santoso".into(),
            email: "hrd@maju.co.id".into(),
            phone: "021-5551234".into(),
            password: "kopi-tubruk-pagi".into(),
        };
        let valid = form.check().expect("valid");
        assert_eq!(valid.npwp, "012345678912000");
        let elsewhere = CompanySignUp {
            district_code: String::new(),
            ..form.clone()
        };
        assert_eq!(
            elsewhere
                .check()
                .expect_err("needs a city")
                .get("address_elsewhere"),
            Some("err_text_length")
        );
        let bad = CompanySignUp {
            nib: "12".into(),
            district_code: "31.71.01".into(),
            size_band: "raksasa".into(),
            ..form
        };
        let errors = bad.check().expect_err("invalid");
        assert_eq!(errors.get("nib"), Some("err_nib"));
        assert_eq!(errors.get("district_code"), Some("err_district"));
        assert_eq!(errors.get("size_band"), Some("err_size_band"));
    }

    #[test]
    fn the_queue_page_stays_on_a_page_that_exists() {
        assert_eq!(queue_page(1, 0), (1, 1));
        assert_eq!(queue_page(0, 120), (1, 3));
        assert_eq!(queue_page(3, 120), (3, 3));
        // The last company of page 3 was verified: page 3 no longer exists, page 2 is shown.
        assert_eq!(queue_page(3, 100), (2, 2));
        assert_eq!(
            queue_page(i64::MAX, i64::MAX / 2),
            (QUEUE_MAX_PAGE, QUEUE_MAX_PAGE)
        );
        assert_eq!(queue_search("  PT Maju  "), "PT Maju");
        assert_eq!(
            queue_search(&"é".repeat(500)).chars().count(),
            QUEUE_SEARCH_MAX
        );
    }

    proptest::proptest! {
        #[test]
        fn every_match_is_on_exactly_one_reachable_page(total in 0_i64..30_000, requested in -5_i64..1_000) {
            let (page, pages) = queue_page(requested, total);
            proptest::prop_assert!((1..=pages).contains(&page));
            proptest::prop_assert!(pages <= QUEUE_MAX_PAGE);
            // Up to the last reachable page, the pages hold every match and no page is empty.
            if total <= QUEUE_PAGE_SIZE * QUEUE_MAX_PAGE {
                proptest::prop_assert!(pages * QUEUE_PAGE_SIZE >= total);
                proptest::prop_assert!(total == 0 || (pages - 1) * QUEUE_PAGE_SIZE < total);
            }
        }
    }
}
