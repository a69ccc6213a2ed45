use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    core::i18n::Strings,
    features::home::{
        api::load_home_summary,
        model::{HomeSummary, VacancyCard},
    },
    ui::{error_panel::ErrorPanel, use_strings},
};

struct Service {
    href: &'static str,
    /// Inner SVG markup of a 24×24 outline icon (static, never user data).
    icon: &'static str,
    title: fn(&Strings) -> &'static str,
    body: fn(&Strings) -> &'static str,
}

/// Only services that exist: a link to a page that is not there yet would be a 404. Complaints join
/// when their feature does.
const SERVICES: [Service; 6] = [
    Service {
        href: "/lowongan",
        icon: "<circle cx='11' cy='11' r='6'/><path d='M20 20l-4.5-4.5'/>",
        title: |t| t.svc_vacancies_title,
        body: |t| t.svc_vacancies_body,
    },
    Service {
        href: "/akun/profil",
        icon: "<rect x='3' y='5' width='18' height='14' rx='2'/><circle cx='9' cy='11' r='2'/><path d='M6 16c.8-1.5 5.2-1.5 6 0M14 10h4M14 13h4'/>",
        title: |t| t.svc_ak1_title,
        body: |t| t.svc_ak1_body,
    },
    Service {
        href: "/perusahaan/pkwt",
        icon: "<path d='M7 3h7l4 4v14H7z'/><path d='M14 3v4h4M10 12h5M10 16h5'/>",
        title: |t| t.svc_pkwt_title,
        body: |t| t.svc_pkwt_body,
    },
    Service {
        href: "/bursa-kerja",
        icon: "<circle cx='8' cy='8' r='3'/><circle cx='16' cy='8' r='3'/><path d='M3 19c0-3 2.5-5 5-5s5 2 5 5M11 19c0-3 2.5-5 5-5s5 2 5 5'/>",
        title: |t| t.svc_fairs_title,
        body: |t| t.svc_fairs_body,
    },
    Service {
        href: "/perusahaan/tka",
        icon: "<circle cx='12' cy='12' r='9'/><path d='M3 12h18M12 3c3 3.5 3 14.5 0 18M12 3c-3 3.5-3 14.5 0 18'/>",
        title: |t| t.svc_tka_title,
        body: |t| t.svc_tka_body,
    },
    Service {
        href: "/regulasi",
        icon: "<path d='M5 4h11l3 3v13H5z'/><path d='M9 9h6M9 13h6M9 17h4'/>",
        title: |t| t.svc_regulations_title,
        body: |t| t.svc_regulations_body,
    },
];

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_strings();
    let summary = Resource::new(|| (), |_| load_home_summary());
    view! {
        <Title text="" />
        <section class="rounded-2xl bg-gradient-to-br from-brand-700 to-brand-900 px-5 py-8 text-white sm:px-10 sm:py-12">
            <h1 class="max-w-3xl text-3xl font-bold leading-tight sm:text-4xl">{t.home_title}</h1>
            <p class="mt-3 max-w-2xl text-lg text-brand-50">{t.home_lead}</p>
            <div class="mt-6 flex flex-wrap gap-3">
                <a href="/lowongan" class="btn-light">{t.home_cta_vacancies}</a>
                <a href="/daftar" class="btn-outline-light">{t.home_cta_register}</a>
            </div>
        </section>

        <section aria-labelledby="judul-layanan" class="mt-10">
            <h2 id="judul-layanan" class="text-2xl font-semibold">{t.home_services_heading}</h2>
            <ul class="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
                {SERVICES.iter().map(|s| view! {
                    <li>
                        <a href=s.href class="card block h-full">
                            <svg class="h-8 w-8 text-brand-700" viewBox="0 0 24 24" fill="none" stroke="currentColor"
                                stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" inner_html=s.icon></svg>
                            <h3 class="mt-2 text-lg font-semibold text-brand-800">{(s.title)(t)}</h3>
                            <p class="mt-1 text-slate-700">{(s.body)(t)}</p>
                        </a>
                    </li>
                }).collect_view()}
            </ul>
        </section>

        <section aria-labelledby="judul-angka" class="mt-10">
            <h2 id="judul-angka" class="text-2xl font-semibold">{t.home_live_heading}</h2>
            <Suspense fallback=move || view! { <p class="mt-4 text-slate-600">{t.loading}</p> }>
                {move || summary.get().map(|result| match result {
                    Ok(data) => view! { <LiveFigures data /> }.into_any(),
                    Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn LiveFigures(data: HomeSummary) -> impl IntoView {
    let t = use_strings();
    let figures = [
        (data.open_vacancies, t.stat_open_vacancies),
        (data.open_positions, t.stat_open_positions),
        (data.verified_companies, t.stat_verified_companies),
        (data.districts_with_vacancies, t.stat_districts),
    ];
    view! {
        <dl class="mt-4 grid grid-cols-2 gap-3 lg:grid-cols-4">
            {figures.into_iter().map(|(value, label)| view! {
                <div class="rounded-xl border border-slate-200 bg-white p-4">
                    <dt class="text-sm text-slate-600">{label}</dt>
                    <dd class="mt-1 text-3xl font-bold text-brand-800" data-testid="stat">{value}</dd>
                </div>
            }).collect_view()}
        </dl>
        <h3 class="mt-8 text-xl font-semibold">{t.home_latest_heading}</h3>
        {if data.latest.is_empty() {
            view! { <p class="mt-3 text-slate-700">{t.home_no_vacancies}</p> }.into_any()
        } else {
            view! {
                <ul class="mt-3 grid gap-3 md:grid-cols-2" data-testid="latest-vacancies">
                    {data.latest.into_iter().map(|card| view! { <VacancyCardView card /> }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn VacancyCardView(card: VacancyCard) -> impl IntoView {
    let t = use_strings();
    view! {
        <li class="card">
            <a href=format!("/lowongan/{}", card.id) class="text-lg font-semibold text-brand-800 hover:underline">{card.title}</a>
            <p class="text-slate-800">{card.company_name}</p>
            <p class="mt-1 text-sm text-slate-600">{card.district_name}</p>
            <p class="mt-2 font-medium">{format!("{} – {}", card.wage_min, card.wage_max)}<span class="text-sm font-normal text-slate-600">{t.per_month}</span></p>
            <p class="mt-1 text-sm text-slate-600">{t.deadline}": "{card.deadline}</p>
        </li>
    }
}
