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
            other => internal(other),
        }
    }
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
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    let Err(error) = &result else { return result };
    if plain_form_post() {
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

/// A browser's own form submission (it asks for HTML), not a call from the hydrated page.
fn plain_form_post() -> bool {
    leptos::prelude::use_context::<http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
    })
}
