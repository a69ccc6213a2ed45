use leptos::prelude::*;

use crate::{core::error::AppError, ui::use_strings};

/// A localized, friendly report of a failed request. Internal errors show their reference only.
#[component]
pub fn ErrorPanel(error: AppError) -> impl IntoView {
    let t = use_strings();
    view! {
        <div role="alert" class="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-900">
            <p class="font-semibold">{t.error_title}</p>
            <p class="mt-1">{error.localized(t)}</p>
        </div>
    }
}
