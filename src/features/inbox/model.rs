//! What the inbox shows: notices (read and unread) with the link to their object, and the e-mail copy per
//! category. The category rules themselves live in `core::notice` (the server's mail copy uses them too).
use serde::{Deserialize, Serialize};

/// Notices per page of the inbox.
pub const PAGE_SIZE: i64 = 50;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxItem {
    pub id: i64,
    /// The message in the reader's language.
    pub text: String,
    /// A local path to the notice's object (anything else is dropped).
    pub link: Option<String>,
    pub category: String,
    /// When it was sent, as WIB text.
    pub sent: String,
    pub read: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailPref {
    pub category: String,
    pub email_on: bool,
    pub mandatory: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxView {
    pub items: Vec<InboxItem>,
    pub unread: i64,
    pub total: i64,
    /// The page shown (0-based) and whether another follows.
    pub page: i64,
    pub more: bool,
    pub prefs: Vec<EmailPref>,
}

/// The page number from the address (`?hal=2` is the second page, 1-based for people), bounded.
pub fn page_of(raw: Option<&str>) -> i64 {
    raw.and_then(|v| v.trim().parse::<i64>().ok())
        .map_or(0, |p| (p - 1).clamp(0, 10_000))
}

/// The translation key of a category's name.
pub fn category_label_key(category: &str) -> String {
    format!("inbox_cat_{category}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{i18n::Lang, notice::CATEGORIES};

    #[test]
    fn pages_are_bounded() {
        assert_eq!(page_of(None), 0);
        assert_eq!(page_of(Some("1")), 0);
        assert_eq!(page_of(Some("3")), 2);
        assert_eq!(page_of(Some("-4")), 0);
        assert_eq!(page_of(Some("x")), 0);
        assert_eq!(page_of(Some("99999999")), 10_000);
    }

    #[test]
    fn every_category_has_a_name_in_both_languages() {
        for lang in [Lang::Id, Lang::En] {
            for category in CATEGORIES {
                assert!(
                    lang.strings()
                        .lookup(&category_label_key(category))
                        .is_some(),
                    "{category}"
                );
            }
        }
    }
}
