use leptos::prelude::*;
use leptos_meta::Title;

use crate::ui::{set_status, use_strings};

/// The localized 404 page; answers with HTTP 404.
#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    let t = use_strings();
    view! {
        <Title text=t.not_found_title />
        <section class="mx-auto max-w-xl py-12 text-center" aria-labelledby="judul-404">
            <p class="text-6xl font-bold text-brand-700" aria-hidden="true">"404"</p>
            <h1 id="judul-404" class="mt-4 text-2xl font-semibold">{t.not_found_title}</h1>
            <p class="mt-3 text-slate-700">{t.not_found_body}</p>
            <a href="/" class="btn-primary mt-8 inline-block">{t.back_home}</a>
        </section>
    }
}
