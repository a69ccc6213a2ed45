//! Header (name, navigation by role, language switch), footer.
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::{
    core::{auth::SessionUser, i18n::Lang},
    ui::{nav::nav_items, use_lang, use_strings},
};

/// `user`: who is signed in (`None` for visitors), re-read on every navigation by the composition root so
/// signing in or out shows at once. `sign_out`: the sign-out form (a plain form post, so it works before
/// hydration too), shown next to the name. `unread`: the signed-in person's unread notices, shown on the
/// inbox link (the composition root reads it: ui imports no feature).
#[component]
pub fn Header(
    user: Resource<Option<SessionUser>>,
    sign_out: ViewFn,
    #[prop(optional)] unread: Option<Resource<i64>>,
) -> impl IntoView {
    let t = use_strings();
    let inbox = move || {
        // Read the resource itself here, inside the header's <Transition>: the server then waits for it, so the
        // count it renders is the one the browser hydrates with (a derived signal read escaped the Transition,
        // the server rendered no badge, the browser one, and hydration failed on every page with an unread notice).
        let count = unread.and_then(|u| u.get()).unwrap_or(0);
        // The visible words are the accessible name (no aria-label that could drift from them): "Kotak masuk",
        // then the count and, for screen readers, what it counts.
        view! {
            <a href="/kotak-masuk" class="btn-outline-light" data-testid="header-inbox">
                <span>{t.inbox_nav}</span>
                {(count > 0).then(|| view! {
                    " "
                    <span class="ml-1 rounded-full bg-white px-2 text-sm font-bold text-brand-800" data-testid="header-unread">{count}</span>
                    <span class="sr-only">" " {t.inbox_unread_suffix}</span>
                })}
            </a>
        }
    };
    let role = move || user.get().flatten().map(|u| u.role);
    let links = move || {
        nav_items(role())
            .into_iter()
            .map(|item| view! { <li><a class="nav-link" href=item.href>{(item.label)(t)}</a></li> })
            .collect_view()
    };
    view! {
        <header class="border-b border-brand-800 bg-brand-700 text-white">
            <div class="mx-auto flex max-w-6xl items-center gap-3 px-4 py-3">
                <a href="/" class="flex items-center gap-2 font-bold tracking-tight" aria-label=t.home_link_label>
                    <img src="/icons/icon.svg" alt="" width="32" height="32" class="h-8 w-8 rounded" />
                    <span class="text-lg">"d'naker DIGI"</span>
                </a>
                <div class="ml-auto flex items-center gap-2">
                    <LanguageSwitch />
                    <Transition fallback=move || view! { <a href="/masuk" class="btn-light">{t.sign_in}</a> }>
                        {move || match user.get().flatten() {
                            Some(u) => view! {
                                {inbox}
                                <span class="hidden text-sm sm:inline" data-testid="signed-in-as">{u.full_name}</span>
                                {sign_out.run()}
                            }.into_any(),
                            None => view! { <a href="/masuk" class="btn-light">{t.sign_in}</a> }.into_any(),
                        }}
                    </Transition>
                </div>
            </div>
            // Its own row on wide screens: staff menus have up to a dozen entries and must never overflow.
            <div class="hidden border-t border-brand-800 lg:block">
                <nav aria-label=t.nav_label class="mx-auto max-w-6xl px-2">
                    <Transition fallback=|| ()><ul class="flex flex-wrap items-center gap-x-1 py-1">{links}</ul></Transition>
                </nav>
            </div>
            // A <details> menu needs no JavaScript, so it works before hydration on slow phones.
            <details class="border-t border-brand-800 lg:hidden">
                <summary class="mx-auto max-w-6xl cursor-pointer px-4 py-2 font-medium">{t.menu}</summary>
                <nav aria-label=t.nav_label class="mx-auto max-w-6xl px-4 pb-3">
                    <Transition fallback=|| ()><ul class="grid gap-1 sm:grid-cols-2">{links}</ul></Transition>
                </nav>
            </details>
        </header>
    }
}

/// Links to the other language; `rel="external"` makes it a real request so the server sets the cookie.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let t = use_strings();
    let other = use_lang().other();
    let location = use_location();
    let href = move || {
        // Leptos's `search` has no leading `?`.
        let search = location.search.get();
        let back = if search.is_empty() {
            location.pathname.get()
        } else {
            format!(
                "{}?{}",
                location.pathname.get(),
                search.trim_start_matches('?')
            )
        };
        format!(
            "/bahasa/{}?kembali={}",
            other.code(),
            encode_query_value(&back)
        )
    };
    let (label, short) = match other {
        Lang::En => ("English", "EN"),
        Lang::Id => ("Bahasa Indonesia", "ID"),
    };
    view! {
        <a href=href rel="external" hreflang=other.code() lang=other.code() class="btn-outline-light"
            // The accessible name starts with the visible text (WCAG 2.5.3, label in name).
            aria-label=format!("{short} — {}: {label}", t.switch_language) data-testid="language-switch">
            <span aria-hidden="true">{short}</span>
        </a>
    }
}

/// Percent-encodes a query value (paths of this portal are ASCII, so bytes are enough).
pub(crate) fn encode_query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[component]
pub fn Footer() -> impl IntoView {
    let t = use_strings();
    view! {
        <footer class="mt-12 border-t border-slate-200 bg-white">
            <div class="mx-auto grid max-w-6xl gap-6 px-4 py-8 text-sm text-slate-700 sm:grid-cols-3">
                <div>
                    <p class="font-semibold text-slate-900">"d'naker DIGI"</p>
                    <p class="mt-1">{t.footer_office}</p>
                    <p class="mt-1">{t.footer_address}</p>
                </div>
                <div>
                    <p class="font-semibold text-slate-900">{t.footer_services}</p>
                    <ul class="mt-1 space-y-1">
                        <li><a class="link" href="/lowongan">{t.nav_vacancies}</a></li>
                        <li><a class="link" href="/alat/kompensasi">{t.tool_compensation_short}</a></li>
                        <li><a class="link" href="/alat/lembur">{t.tool_overtime_short}</a></li>
                        <li><a class="link" href="/regulasi">{t.svc_regulations_title}</a></li>
                        <li><a class="link" href="/bursa-kerja">{t.nav_job_fairs}</a></li>
                        <li><a class="link" href="/survei">{t.survey_public_title}</a></li>
                    </ul>
                </div>
                <div>
                    <p class="font-semibold text-slate-900">{t.footer_help}</p>
                    <p class="mt-1">{t.footer_hours}</p>
                    <p class="mt-1">{t.footer_free}</p>
                </div>
            </div>
        </footer>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_way_back_is_encoded() {
        assert_eq!(
            super::encode_query_value("/lowongan?q=operator las&x=1"),
            "/lowongan%3Fq%3Doperator%20las%26x%3D1"
        );
    }
}
