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
    // Never a dead end: a page that needs signing in links to the sign-in, which comes back here; a page
    // for another role links home.
    let way_on = match error {
        AppError::Unauthenticated => {
            let location = leptos_router::hooks::use_location();
            let search = location.search.get_untracked();
            let here = if search.is_empty() {
                location.pathname.get_untracked()
            } else {
                format!(
                    "{}?{}",
                    location.pathname.get_untracked(),
                    search.trim_start_matches('?')
                )
            };
            let href = format!(
                "/masuk?kembali={}",
                crate::ui::layout::encode_query_value(&here)
            );
            Some(
                view! { <a class="btn-primary mt-3 inline-flex" href=href>{t.sign_in}</a> }
                    .into_any(),
            )
        }
        AppError::Forbidden => {
            Some(view! { <a class="link mt-3 inline-block" href="/">{t.back_home}</a> }.into_any())
        }
        _ => None,
    };
    view! {
        <div role="alert" class="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-900">
            <p class="font-semibold">{t.error_title}</p>
            <p class="mt-1">{error.localized(t)}</p>
            {way_on}
        </div>
    }
}
