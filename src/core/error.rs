//! One error type for everything a server function or page can report to a user.
//!
//! Variants carry only client-safe data: translation keys and field names. Database and library
//! errors become `Internal { reference }` on the server (logged there with the same reference), so
//! their text never reaches a browser.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Field name → translation key of what is wrong with it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub BTreeMap<String, String>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &str, message_key: &str) {
        self.0
            .entry(field.to_owned())
            .or_insert_with(|| message_key.to_owned());
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.get(field).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(())` when nothing was added; shared validators end with `errors.checked()`.
    pub fn checked(self) -> Result<(), FieldErrors> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }

    /// `Ok(())` when nothing was added, so validators can end with `errors.into_result()`.
    pub fn into_result(self) -> Result<(), AppError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self))
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("sign-in required")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("invalid input")]
    Validation(FieldErrors),
    /// The request conflicts with existing data; the payload is a translation key.
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("too many requests")]
    RateLimited,
    #[error("service unavailable")]
    Unavailable,
    /// The request could not be read (malformed or missing arguments): the client's fault, not a
    /// server failure, so it is a 400 and the parser's text is not echoed.
    #[error("bad request")]
    BadRequest,
    /// Something failed on the server; the reference ties the user's report to the log line.
    #[error("internal error (ref {reference})")]
    Internal { reference: String },
    /// The request never reached the function or its answer could not be read (network, encoding).
    #[error("transport: {0}")]
    Transport(String),
}

impl AppError {
    /// A validation error about one field.
    pub fn field(field: &str, message_key: &str) -> AppError {
        let mut errors = FieldErrors::new();
        errors.add(field, message_key);
        AppError::Validation(errors)
    }

    /// HTTP status for this error, used once by the server when it answers.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::Validation(_) => 422,
            AppError::Conflict(_) => 409,
            AppError::RateLimited => 429,
            AppError::Unavailable => 503,
            AppError::BadRequest => 400,
            AppError::Internal { .. } | AppError::Transport(_) => 500,
        }
    }

    /// The translation key of the message a user sees.
    pub fn message_key(&self) -> &str {
        match self {
            AppError::NotFound => "err_not_found",
            AppError::Unauthenticated => "err_unauthenticated",
            AppError::Forbidden => "err_forbidden",
            AppError::Validation(_) => "err_validation",
            AppError::Conflict(key) => key,
            AppError::RateLimited => "err_rate_limited",
            AppError::Unavailable => "err_unavailable",
            AppError::BadRequest => "err_bad_request",
            AppError::Internal { .. } => "err_internal",
            AppError::Transport(_) => "err_transport",
        }
    }

    /// The localized message, with the reference appended for internal errors.
    pub fn localized(&self, strings: &crate::core::i18n::Strings) -> String {
        let text = strings
            .lookup(self.message_key())
            .unwrap_or(strings.err_internal);
        match self {
            AppError::Internal { reference } => format!("{text} (ref {reference})"),
            _ => text.to_owned(),
        }
    }
}

impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        match value {
            // On the server these mean the request's arguments could not be read.
            #[cfg(feature = "ssr")]
            leptos::server_fn::error::ServerFnErrorErr::Args(_)
            | leptos::server_fn::error::ServerFnErrorErr::MissingArg(_)
            | leptos::server_fn::error::ServerFnErrorErr::Deserialization(_)
            | leptos::server_fn::error::ServerFnErrorErr::UnsupportedRequestMethod(_) => {
                AppError::BadRequest
            }
            other => AppError::Transport(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::i18n::{EN, ID};

    #[test]
    fn every_error_has_a_message_in_both_languages() {
        let all = [
            AppError::NotFound,
            AppError::Unauthenticated,
            AppError::Forbidden,
            AppError::Validation(FieldErrors::new()),
            AppError::RateLimited,
            AppError::Unavailable,
            AppError::BadRequest,
            AppError::Internal {
                reference: "x".into(),
            },
            AppError::Transport("x".into()),
        ];
        for error in all {
            assert!(
                ID.lookup(error.message_key()).is_some(),
                "{error:?} lacks id text"
            );
            assert!(
                EN.lookup(error.message_key()).is_some(),
                "{error:?} lacks en text"
            );
        }
    }

    #[test]
    fn internal_errors_show_only_the_reference() {
        let error = AppError::Internal {
            reference: "ab12".into(),
        };
        let text = error.localized(&EN);
        assert!(text.contains("ab12"));
        assert_eq!(error.status_code(), 500);
    }

    #[test]
    fn field_errors_keep_the_first_problem_per_field() {
        let mut errors = FieldErrors::new();
        errors.add("nik", "err_nik_length");
        errors.add("nik", "err_nik_digits");
        assert_eq!(errors.get("nik"), Some("err_nik_length"));
        assert!(matches!(errors.into_result(), Err(AppError::Validation(_))));
        assert!(FieldErrors::new().into_result().is_ok());
    }
}
