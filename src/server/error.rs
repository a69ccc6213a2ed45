//! Turning server-side failures into the client-safe `AppError`, logged once with a reference.
use crate::core::error::AppError;

/// Logs the detail with a fresh reference and returns the error the user sees.
pub fn internal(detail: impl std::fmt::Display) -> AppError {
    let reference = uuid::Uuid::new_v4().simple().to_string()[..8].to_owned();
    tracing::error!(%reference, error = %detail, "internal error");
    AppError::Internal { reference }
}

impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::RowNotFound => AppError::NotFound,
            sqlx::Error::PoolTimedOut => {
                tracing::warn!("database pool timed out");
                AppError::Unavailable
            }
            // The database is gone or cannot take writes: a 503 the visitor can retry, not a 500.
            sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                tracing::error!(error = %error, "database unreachable");
                AppError::Unavailable
            }
            sqlx::Error::Database(ref db) if database_unavailable(db.code().as_deref()) => {
                tracing::error!(error = %error, "database cannot serve the request (disk full or shutting down)");
                AppError::Unavailable
            }
            other => internal(other),
        }
    }
}

/// SQLite's SQLITE_FULL (13) and SQLITE_IOERR (10) with their extended codes; PostgreSQL's
/// disk-full / out-of-memory (53xxx), connection (08xxx) and shutdown (57P0x) classes.
fn database_unavailable(code: Option<&str>) -> bool {
    let Some(code) = code else { return false };
    // SQLSTATE codes have five characters; SQLite's (extended) codes are shorter numbers.
    if code.len() < 5
        && let Ok(number) = code.parse::<i64>()
    {
        return matches!(number & 0xff, 10 | 13);
    }
    code.starts_with("53") || code.starts_with("08") || code.starts_with("57P0")
}

/// The name of the violated unique/foreign-key constraint, for mapping to a field error by name.
pub fn violated_constraint(error: &sqlx::Error) -> Option<String> {
    match error {
        sqlx::Error::Database(db) => db.constraint().map(str::to_owned).or_else(|| {
            // SQLite reports no constraint name; it names the columns instead ("UNIQUE constraint failed: t.c").
            db.message()
                .strip_prefix("UNIQUE constraint failed: ")
                .map(|columns| columns.replace(['.', ','], "_").replace(' ', ""))
        }),
        _ => None,
    }
}

/// Sets the HTTP status of a server function's response from its error (the one mapping, `AppError::status_code`).
/// Not for a form posted before the page hydrated: Leptos answers that with a redirect back to the form,
/// the error in its URL (where the form shows it), and an error status would leave the browser on raw JSON.
/// Nor for a function called while a page renders on the server: the page's status is its error panel's
/// (`ui::error_panel`), and an error the page shows otherwise (an unread count it leaves out) is no failure.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    let Err(error) = &result else { return result };
    if plain_form_post() || rendering_a_page() {
        return result;
    }
    if let (Some(options), Ok(status)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(error.status_code()),
    ) {
        options.set_status(status);
    }
    result
}

/// Leptos provides the `<head>`'s context to a page render only, not to a server function's own request.
fn rendering_a_page() -> bool {
    leptos::prelude::use_context::<leptos_meta::ServerMetaContext>().is_some()
}

/// A browser's own form submission (it asks for HTML), not a call from the hydrated page.
pub fn plain_form_post() -> bool {
    leptos::prelude::use_context::<http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
    })
}

/// Gives a server function's error response the status of its `AppError`. Errors returned by the
/// function body already have it (`respond`), but server_fn answers every error it raises itself
/// (arguments that cannot be read) with 500; a malformed request is the client's fault.
pub async fn error_status(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let response = next.run(request).await;
    if response.status() != http::StatusCode::INTERNAL_SERVER_ERROR
        || !response
            .headers()
            .contains_key(leptos::server_fn::error::SERVER_FN_ERROR_HEADER)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // An encoded AppError is a few hundred bytes; anything larger is passed on as it is read.
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return http::StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes)
        && let Ok(status) = http::StatusCode::from_u16(error.status_code())
    {
        parts.status = status;
    }
    axum::response::Response::from_parts(parts, axum::body::Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use leptos::prelude::{Owner, provide_context};

    use super::{AppError, database_unavailable, respond};

    /// The status `respond` leaves on the response, in a fresh reactive owner; with the `<head>`'s context
    /// when `page`, as a page render has it.
    fn status_after_an_error(page: bool) -> Option<http::StatusCode> {
        let owner = Owner::new();
        owner.set();
        let response = leptos_axum::ResponseOptions::default();
        provide_context(response.clone());
        if page {
            provide_context(leptos_meta::ServerMetaContext::new().0);
        }
        _ = respond::<()>(Err(AppError::Forbidden));
        response.0.read().ok().and_then(|parts| parts.status)
    }

    #[test]
    fn a_server_function_answers_with_its_errors_status_but_a_page_it_serves_does_not() {
        assert_eq!(
            status_after_an_error(false),
            Some(http::StatusCode::FORBIDDEN)
        );
        assert_eq!(
            status_after_an_error(true),
            None,
            "the page's own panel decides"
        );
    }

    #[test]
    fn full_disk_and_lost_connections_are_unavailable_not_internal() {
        for code in ["13", "10", "3338", "53100", "08006", "57P01"] {
            assert!(database_unavailable(Some(code)), "{code}");
        }
        // Constraint violations and syntax errors stay ordinary errors.
        for code in ["2067", "1555", "787", "23505", "42601", "40001"] {
            assert!(!database_unavailable(Some(code)), "{code}");
        }
        assert!(!database_unavailable(None));
    }
}
