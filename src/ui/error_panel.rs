use leptos::prelude::*;

use crate::{
    core::error::AppError,
    ui::{set_status, use_strings},
};

/// A localized, friendly report of a failed request. Internal errors show their reference only.
///
/// A page showing it failed to load what it is about, so during the server render it also answers with the
/// error's HTTP status (`AppError::status_code`: 503 when the database is unavailable). A 200 would let the
/// page cache keep the error and send it to every visitor, and tells crawlers and monitors the page is fine.
#[component]
pub fn ErrorPanel(error: AppError) -> impl IntoView {
    set_status(error.status_code());
    view! { <ErrorBox error /> }
}

/// The panel alone, without the status: for an earlier action's error shown on a page that itself rendered
/// fine (a form posted before the page hydrated comes back to the form with its error).
#[component]
pub fn ErrorBox(error: AppError) -> impl IntoView {
    let t = use_strings();
    view! {
        <div role="alert" class="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-900">
            <p class="font-semibold">{t.error_title}</p>
            <p class="mt-1">{error.localized(t)}</p>
        </div>
    }
}
