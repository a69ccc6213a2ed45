//! Small pieces shared by the profile and experience pages (kept here so neither imports the other).
use leptos::prelude::*;

/// The hidden field that makes a form act for the person at the counter.
#[component]
pub fn OnBehalf(on_behalf_of: Option<i64>) -> impl IntoView {
    on_behalf_of
        .map(|id| view! { <input type="hidden" name="on_behalf_of" value=id.to_string() /> })
}
