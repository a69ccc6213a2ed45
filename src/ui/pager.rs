//! "Previous · page N of M · next" under a list served a page at a time.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{core::i18n::fill, ui::use_strings};

/// Links to the pages before and after `page` of `pages`; nothing when everything fits on one page.
/// `link` makes a page's address (keeping the list's filters); `next_id` is the next link's test id.
#[component]
pub fn Pager<F>(
    page: i64,
    pages: i64,
    link: F,
    #[prop(default = "next-page")] next_id: &'static str,
) -> impl IntoView
where
    F: Fn(i64) -> String + 'static,
{
    let t = use_strings();
    (pages > 1).then(|| view! {
        <nav class="mt-4 flex flex-wrap items-center gap-3" aria-label=t.pagination>
            {(page > 1).then(|| view! { <a class="link" rel="prev" href=link(page - 1)>{t.page_previous}</a> })}
            <span>{fill(t.page_of, &[("page", &page.to_string()), ("pages", &pages.to_string())])}</span>
            {(page < pages).then(|| view! { <a class="link" rel="next" href=link(page + 1) data-testid=next_id>{t.page_next}</a> })}
        </nav>
    })
}

/// The page the address asks for (`?hal=N`): 1 when it is missing or not a number. The server clamps it to
/// the pages there are.
pub fn requested_page() -> impl Fn() -> i64 + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || {
        query.with(|q| {
            q.get("hal")
                .and_then(|v| v.parse::<i64>().ok())
                .unwrap_or(1)
        })
    }
}
