//! The public job-fair pages: the list of fairs and a fair with its booths (and the seeker's
//! registration); the booth pages are in `booth.rs`.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    core::i18n::{Strings, fill},
    features::fairs::{
        api::{RegisterForFair, list_fairs, load_fair},
        model::{FairCard, FairDetail, QrSvg},
    },
    ui::{
        error_panel::ErrorPanel,
        form::{FormErrors, FormProblem},
        use_strings,
    },
};

pub fn kind_text(t: &'static Strings, kind: &str) -> &'static str {
    t.lookup(&format!("fair_kind_{kind}")).unwrap_or_default()
}

pub fn status_text(t: &'static Strings, status: &str) -> &'static str {
    t.lookup(&format!("fair_status_{status}"))
        .unwrap_or_default()
}

pub fn dates_text(fair: &FairCard) -> String {
    if fair.starts_on == fair.ends_on {
        format!(
            "{} · {}–{} WIB",
            fair.starts_on, fair.opens_at, fair.closes_at
        )
    } else {
        format!(
            "{} – {} · {}–{} WIB",
            fair.starts_on, fair.ends_on, fair.opens_at, fair.closes_at
        )
    }
}

pub(super) fn id_param(name: &'static str) -> Memo<i64> {
    let params = use_params_map();
    Memo::new(move |_| {
        params.with(|p| p.get(name).and_then(|v| v.parse::<i64>().ok()).unwrap_or(0))
    })
}

/// A QR code drawn from its path, scaled to its box by CSS classes.
#[component]
pub fn QrCode(qr: QrSvg, label: String, #[prop(optional)] class: &'static str) -> impl IntoView {
    let view_box = format!("0 0 {0} {0}", qr.size);
    let size = qr.size.to_string();
    view! {
        <svg viewBox=view_box class=if class.is_empty() { "h-48 w-48" } else { class } role="img" aria-label=label
            shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
            <rect width=size.clone() height=size fill="#fff" />
            <path d=qr.path fill="#000" />
        </svg>
    }
}

#[component]
fn FairSummary(fair: FairCard, today: String) -> impl IntoView {
    let t = use_strings();
    let open = fair.registration_open(&today);
    let state = if fair.status == "published" {
        if open {
            fill(
                t.fair_places_left,
                &[("count", &fair.places_left().to_string())],
            )
        } else if fair.places_left() == 0 {
            t.fair_full.to_owned()
        } else {
            t.fair_registration_closed.to_owned()
        }
    } else {
        status_text(t, &fair.status).to_owned()
    };
    view! {
        <li class="card" data-testid="fair-card">
            <p class="text-sm font-semibold uppercase tracking-wide text-brand-700">{kind_text(t, &fair.kind)}</p>
            <h3 class="mt-1 text-lg font-semibold"><a class="link" href=format!("/bursa-kerja/{}", fair.id)>{fair.name.clone()}</a></h3>
            <p class="text-sm text-slate-700">{dates_text(&fair)}</p>
            <p class="text-sm text-slate-700">{fair.venue.clone()}</p>
            <p class="mt-2 text-sm">
                {fill(t.fair_booth_count, &[("count", &fair.booths.to_string())])}" · "
                <span class=if open { "font-semibold text-emerald-800" } else { "font-semibold text-slate-700" }>{state}</span>
            </p>
        </li>
    }
}

#[component]
pub fn FairListPage() -> impl IntoView {
    let t = use_strings();
    let fairs = Resource::new(|| (), |_| list_fairs());
    view! {
        <Title text=t.fairs_title />
        <h1 class="text-2xl font-bold">{t.fairs_title}</h1>
        <p class="mt-1 max-w-3xl text-slate-700">{t.fairs_lead}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || fairs.get().map(|result| match result {
                Ok(list) => {
                    let today = list.today.clone();
                    let today_past = list.today.clone();
                    view! {
                        <section class="mt-6" aria-labelledby="fairs-upcoming">
                            <h2 id="fairs-upcoming" class="text-xl font-semibold">{t.fairs_upcoming}</h2>
                            {list.upcoming.is_empty().then(|| view! { <p class="mt-2">{t.fairs_none}</p> })}
                            <ul class="mt-3 grid gap-4 sm:grid-cols-2" data-testid="fairs-upcoming">
                                {list.upcoming.into_iter().map(|fair| view! { <FairSummary fair today=today.clone() /> }).collect_view()}
                            </ul>
                        </section>
                        {(!list.past.is_empty()).then(|| view! {
                            <section class="mt-8" aria-labelledby="fairs-past">
                                <h2 id="fairs-past" class="text-xl font-semibold">{t.fairs_past}</h2>
                                <ul class="mt-3 grid gap-4 sm:grid-cols-2">
                                    {list.past.into_iter().map(|fair| view! { <FairSummary fair today=today_past.clone() /> }).collect_view()}
                                </ul>
                            </section>
                        })}
                    }.into_any()
                }
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
pub fn FairPage() -> impl IntoView {
    let t = use_strings();
    let fair_id = id_param("id");
    let register = ServerAction::<RegisterForFair>::new();
    let detail = Resource::new(
        move || (fair_id.get(), register.version().get()),
        |(id, _)| load_fair(id),
    );
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || detail.get().map(|result| match result {
                Ok(detail) => view! { <FairDetailView detail register /> }.into_any(),
                Err(error) => {
                    crate::ui::set_status(error.status_code());
                    view! { <Title text=t.fairs_title /><ErrorPanel error /> }.into_any()
                }
            })}
        </Suspense>
    }
}

#[component]
fn FairDetailView(detail: FairDetail, register: ServerAction<RegisterForFair>) -> impl IntoView {
    let t = use_strings();
    let fair = detail.fair.clone();
    let open = fair.registration_open(&detail.today);
    let fair_id = fair.id;
    view! {
        <Title text=fair.name.clone() />
        <p class="text-sm"><a class="link" href="/bursa-kerja">{t.fairs_title}</a></p>
        <p class="mt-2 text-sm font-semibold uppercase tracking-wide text-brand-700">{kind_text(t, &fair.kind)}" · "{status_text(t, &fair.status)}</p>
        <h1 class="text-2xl font-bold" data-testid="fair-name">{fair.name.clone()}</h1>
        {detail.cancel_reason.clone().map(|reason| view! {
            <p role="status" class="mt-2 rounded-lg border border-red-300 bg-red-50 p-3 text-red-900">{t.fair_cancelled_because}" "{reason}</p>
        })}
        <div class="mt-4 grid gap-6 lg:grid-cols-3">
            <section class="card lg:col-span-2">
                <p class="whitespace-pre-line text-slate-800">{detail.description.clone()}</p>
                <dl class="mt-4 grid gap-2 text-sm sm:grid-cols-2">
                    <div><dt class="text-slate-600">{t.fair_when}</dt><dd class="font-medium">{dates_text(&fair)}</dd></div>
                    <div><dt class="text-slate-600">{t.fair_where}</dt><dd class="font-medium">{fair.venue.clone()}
                        {detail.map_url.clone().map(|url| view! { " · "<a class="link" href=url rel="noopener" target="_blank">{t.fair_map}</a> })}</dd></div>
                    <div><dt class="text-slate-600">{t.fair_registration_window}</dt><dd>{format!("{} – {}", fair.registration_opens_on, fair.registration_closes_on)}</dd></div>
                    <div><dt class="text-slate-600">{t.fair_capacity}</dt><dd>{fill(t.fair_registered_of, &[("registered", &fair.registered.to_string()), ("capacity", &fair.capacity.to_string())])}</dd></div>
                </dl>
            </section>
            <section class="card" aria-labelledby="fair-ticket">
                <h2 id="fair-ticket" class="text-lg font-semibold">{t.fair_ticket}</h2>
                <RegistrationBox detail=detail.clone() open register fair_id />
            </section>
        </div>
        <section class="mt-8" aria-labelledby="fair-booths">
            <h2 id="fair-booths" class="text-xl font-semibold">{t.fair_booths}</h2>
            {detail.booths.is_empty().then(|| view! { <p class="mt-2">{t.fair_no_booths}</p> })}
            <ul class="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="fair-booths">
                {detail.booths.into_iter().map(|booth| view! {
                    <li class="card">
                        {booth.has_banner.then(|| view! { <img src=format!("/bursa-kerja/stan/{}/spanduk", booth.id) alt="" class="mb-3 h-28 w-full rounded-lg object-cover" loading="lazy" /> })}
                        <h3 class="text-lg font-semibold"><a class="link" href=format!("/bursa-kerja/stan/{}", booth.id)>{booth.company_name.clone()}</a></h3>
                        <p class="mt-1 line-clamp-3 text-sm text-slate-700">{booth.description.clone()}</p>
                        <p class="mt-2 text-sm">{fill(t.fair_booth_vacancies, &[("count", &booth.vacancies.to_string())])}</p>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn RegistrationBox(
    detail: FairDetail,
    open: bool,
    register: ServerAction<RegisterForFair>,
    fair_id: i64,
) -> impl IntoView {
    let t = use_strings();
    if let Some(code) = detail.my_ticket {
        return view! {
            <p class="mt-2" data-testid="fair-registered">{t.fair_you_are_registered}</p>
            <p class="mt-2 font-mono text-2xl font-bold tracking-widest">{code}</p>
            <a class="btn-primary mt-3 inline-flex" href="/akun/bursa-kerja">{t.fair_see_ticket}</a>
        }
        .into_any();
    }
    match (detail.viewer.as_str(), open) {
        (_, false) => view! { <p class="mt-2">{t.fair_registration_not_open}</p> }.into_any(),
        ("anonymous", true) => view! {
            <p class="mt-2">{t.fair_sign_in_to_register}</p>
            <a class="btn-primary mt-3 inline-flex" href=format!("/masuk?kembali=/bursa-kerja/{fair_id}")>{t.sign_in}</a>
        }
        .into_any(),
        ("seeker", true) => view! {
            <ActionForm action=register attr:class="mt-2">
                <input type="hidden" name="fair_id" value=fair_id />
                <p class="text-sm text-slate-700">{t.fair_register_hint}</p>
                <button type="submit" class="btn-primary mt-3" data-testid="fair-register">{t.fair_register}</button>
            </ActionForm>
            <FormProblem errors=FormErrors::new(register.value()) />
        }
        .into_any(),
        _ => view! { <p class="mt-2 text-sm text-slate-700">{t.fair_only_seekers}</p> }.into_any(),
    }
}
