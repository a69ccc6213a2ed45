//! Categories of in-app notices, derived from the message key (`notice_pkwt_ends_7` → contracts), shared by
//! the inbox pages (the e-mail preferences form) and `server::notify` (whether to send the e-mail copy).
//! Mandatory categories carry legal deadlines or decisions about a person's own data: their e-mail copy
//! cannot be switched off.

/// Every category, in the order the preferences form shows them.
pub const CATEGORIES: [&str; 11] = [
    "account",
    "ak1",
    "vacancy",
    "pkwt",
    "tka",
    "fair",
    "complaint",
    "request",
    "training",
    "regulation",
    "digest",
];

/// Categories whose e-mail copy is always sent.
pub const MANDATORY: [&str; 5] = ["account", "pkwt", "tka", "complaint", "request"];

/// Key prefixes (after `notice_`) of each category; the first match wins, unknown keys are "account".
const PREFIXES: [(&str, &str); 22] = [
    ("ak1_", "ak1"),
    ("card_", "ak1"),
    ("vacancy_", "vacancy"),
    ("app_", "vacancy"),
    ("invited", "vacancy"),
    ("placement_", "vacancy"),
    ("pkwt_", "pkwt"),
    ("umk_", "pkwt"),
    ("income_", "pkwt"),
    ("tka_", "tka"),
    ("dkptka_", "tka"),
    ("fair_", "fair"),
    ("booth_", "fair"),
    ("complaint_", "complaint"),
    ("dispute_", "complaint"),
    ("request_", "request"),
    ("survey_", "request"),
    ("training_", "training"),
    ("regulation_", "regulation"),
    ("digest_", "digest"),
    ("service_", "digest"),
    ("correction_", "account"),
];

/// The category of a message key (with or without the `notice_` prefix).
pub fn category_of(message_key: &str) -> &'static str {
    let key = message_key.strip_prefix("notice_").unwrap_or(message_key);
    PREFIXES
        .iter()
        .find(|(prefix, _)| key.starts_with(prefix))
        .map_or("account", |(_, category)| category)
}

pub fn is_mandatory(category: &str) -> bool {
    MANDATORY.contains(&category)
}

/// A known category name (from a form), as the static name.
pub fn known(category: &str) -> Option<&'static str> {
    CATEGORIES.iter().copied().find(|c| *c == category)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_come_from_the_key_prefix() {
        assert_eq!(category_of("notice_pkwt_ends_7"), "pkwt");
        assert_eq!(category_of("notice_umk_below"), "pkwt");
        assert_eq!(category_of("notice_app_hired"), "vacancy");
        assert_eq!(category_of("notice_invited"), "vacancy");
        assert_eq!(category_of("notice_dkptka_validated"), "tka");
        assert_eq!(category_of("notice_booth_approved"), "fair");
        assert_eq!(category_of("complaint_received"), "complaint");
        assert_eq!(category_of("notice_request_decided"), "request");
        assert_eq!(category_of("notice_training_starts"), "training");
        assert_eq!(category_of("notice_regulation_changed"), "regulation");
        assert_eq!(category_of("notice_correction_refused"), "account");
        assert_eq!(category_of("something_new"), "account");
    }

    #[test]
    fn every_mapped_category_is_listed_and_mandatory_ones_exist() {
        for (_, category) in PREFIXES {
            assert!(CATEGORIES.contains(&category), "{category}");
        }
        for category in MANDATORY {
            assert!(known(category).is_some());
            assert!(is_mandatory(category));
        }
        assert!(!is_mandatory("vacancy"));
        assert_eq!(known("nope"), None);
    }
}
