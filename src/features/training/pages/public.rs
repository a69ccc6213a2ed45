//! The public training pages: the catalogue (filters in the URL, works signed out), a programme's page
//! (eligibility checked here with the server's rule, registration), and a certificate's verification.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    core::{
        calendar::parse_date,
        i18n::{Strings, fill},
        money::Rupiah,
    },
    features::training::{
        api::{
            RegisterForTraining, load_programme, search_programmes, verify_training_certificate,
        },
        model::{
            CatalogueQuery, Choices, FORMATS, PROVIDER_KINDS, ProgrammeCard, ProgrammePage,
            eligibility,
        },
    },
    ui::{
        error_panel::ErrorPanel,
        form::{FormErrors, FormProblem},
        use_strings,
    },
};

pub fn word(t: &'static Strings, prefix: &str, key: &str) -> &'static str {
    t.lookup(&format!("training_{prefix}_{key}"))
        .unwrap_or_default()
}

pub fn cost_text(t: &'static Strings, cost: i64) -> String {
    if cost == 0 {
        t.training_free.to_owned()
    } else {
        Rupiah(cost).to_string()
    }
}

fn select(
    label: &'static str,
    name: &'static str,
    options: Choices,
    selected: Option<String>,
) -> impl IntoView {
    let id = format!("cari-{name}");
    view! {
        <div>
            <label for=id.clone() class="block text-sm font-medium">{label}</label>
            <select id=id name=name class="mt-1 w-full rounded-lg border border-slate-400 bg-white px-2 py-2">
                <option value="">"—"</option>
                {options.into_iter().map(|(value, text)| {
                    let is_selected = selected.as_deref() == Some(value.as_str());
                    view! { <option value=value selected=is_selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
pub fn ProgrammeSummary(card: ProgrammeCard, today: String) -> impl IntoView {
    let t = use_strings();
    let open = card.registration_open(&today);
    let state = if open {
        fill(
            t.training_places_left,
            &[
                ("places", &card.places_left().to_string()),
                ("reserves", &card.reserves_left().to_string()),
            ],
        )
    } else {
        word(t, "status", &card.status).to_owned()
    };
    view! {
        <li class="card" data-testid="programme-card">
            <p class="text-sm font-semibold uppercase tracking-wide text-brand-700">{word(t, "provider", &card.provider_kind)}" · "{card.provider_name.clone()}</p>
            <h3 class="mt-1 text-lg font-semibold"><a class="link" href=format!("/pelatihan/{}", card.id)>{card.title.clone()}</a></h3>
            <p class="text-sm text-slate-700">{format!("{} – {} · {} ", card.starts_on, card.ends_on, card.hours)}{t.training_hours}" · "{card.district_name.clone()}</p>
            <p class="text-sm text-slate-700">{word(t, "format", &card.format)}" · "{cost_text(t, card.cost_idr)}</p>
            <p class="mt-1 text-sm">{card.skills.join(", ")}</p>
            <p class=if open { "mt-2 text-sm font-semibold text-emerald-800" } else { "mt-2 text-sm font-semibold text-slate-700" }>{state}</p>
        </li>
    }
}

#[component]
pub fn TrainingCataloguePage() -> impl IntoView {
    let t = use_strings();
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        query_map.with(|q| {
            let pairs: Vec<(String, String)> = [
                "q",
                "kecamatan",
                "jabatan",
                "bentuk",
                "penyelenggara",
                "gratis",
                "hal",
            ]
            .iter()
            .filter_map(|name| q.get(name).map(|v| ((*name).to_owned(), v)))
            .collect();
            CatalogueQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        })
    });
    let results = Resource::new(move || query.get(), search_programmes);
    view! {
        <Title text=t.training_title />
        <h1 class="text-2xl font-bold">{t.training_title}</h1>
        <p class="mt-1 max-w-3xl text-slate-700">{t.training_lead}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || results.get().map(|result| match result {
                Ok(found) => {
                    let q = query.get();
                    let formats: Choices = FORMATS.iter().map(|f| ((*f).to_owned(), word(t, "format", f).to_owned())).collect();
                    let kinds: Choices = PROVIDER_KINDS.iter().map(|k| ((*k).to_owned(), word(t, "provider", k).to_owned())).collect();
                    let today = found.today.clone();
                    let next = (found.page < found.pages).then(|| format!("/pelatihan?{}", q.with_page(found.page + 1).to_query_string()));
                    let own = match found.viewer.as_str() {
                        "seeker" => Some(("/akun/pelatihan", t.training_my_title)),
                        "company" => Some(("/perusahaan/pelatihan", t.training_manage_title)),
                        "officer" | "admin" => Some(("/petugas/pelatihan", t.training_manage_title)),
                        _ => None,
                    };
                    view! {
                        {own.map(|(href, label)| view! { <p class="mt-2"><a class="link" href=href data-testid="training-own-link">{label}</a></p> })}
                        <form method="get" action="/pelatihan" role="search" class="card mt-4 grid gap-3" data-testid="training-search">
                            <div class="flex flex-wrap items-end gap-3">
                                <div class="min-w-0 flex-1">
                                    <label for="cari-q" class="block font-medium">{t.search_words}</label>
                                    <input id="cari-q" name="q" type="search" value=q.text.clone() class="mt-1 w-full rounded-lg border border-slate-400 px-3 py-2" />
                                </div>
                                <button type="submit" class="btn-primary" data-testid="training-search-submit">{t.search_button}</button>
                            </div>
                            <div class="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
                                {select(t.training_district, "kecamatan", found.districts.clone(), q.district_code.clone())}
                                {select(t.training_occupation, "jabatan", found.occupations.clone(), q.occupation.clone())}
                                {select(t.training_format, "bentuk", formats, q.format.clone())}
                                {select(t.training_provider, "penyelenggara", kinds, q.provider_kind.clone())}
                                <label class="flex items-center gap-2 text-sm">
                                    <input type="checkbox" name="gratis" value="1" checked=q.free_only />{t.training_free_only}
                                </label>
                            </div>
                        </form>
                        <p class="mt-4 text-sm text-slate-700" data-testid="training-total">{fill(t.training_found, &[("count", &found.total.to_string())])}</p>
                        {found.items.is_empty().then(|| view! { <p class="mt-2">{t.training_none}</p> })}
                        <ul class="mt-3 grid gap-4 sm:grid-cols-2" data-testid="training-results">
                            {found.items.into_iter().map(|card| view! { <ProgrammeSummary card today=today.clone() /> }).collect_view()}
                        </ul>
                        {next.map(|href| view! { <p class="mt-4"><a class="link" href=href>{t.training_next_page}</a></p> })}
                    }.into_any()
                }
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
pub fn ProgrammePageView() -> impl IntoView {
    let t = use_strings();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0))
    });
    let register = ServerAction::<RegisterForTraining>::new();
    let page = Resource::new(
        move || (id.get(), register.version().get()),
        |(id, _)| load_programme(id),
    );
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || page.get().map(|result| match result {
                Ok(page) => view! { <ProgrammeDetail page register /> }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn ProgrammeDetail(
    page: ProgrammePage,
    register: ServerAction<RegisterForTraining>,
) -> impl IntoView {
    let t = use_strings();
    let card = page.card.clone();
    let rules = page.eligibility.clone();
    let who = [
        fill(
            t.training_age_range,
            &[
                ("min", &rules.min_age.to_string()),
                ("max", &rules.max_age.to_string()),
            ],
        ),
        if rules.min_education.is_empty() {
            String::new()
        } else {
            format!("{}: {}", t.training_min_education, page.education_name)
        },
        if rules.requires_ak1 {
            t.training_requires_ak1.to_owned()
        } else {
            String::new()
        },
        if rules.district.is_empty() {
            String::new()
        } else {
            format!(
                "{}: {}",
                t.training_eligible_district, page.eligible_district_name
            )
        },
    ];
    let stats = page.stats.clone();
    view! {
        <Title text=card.title.clone() />
        <p class="text-sm font-semibold uppercase tracking-wide text-brand-700">{word(t, "provider", &card.provider_kind)}" · "{card.provider_name.clone()}</p>
        <h1 class="text-2xl font-bold">{card.title.clone()}</h1>
        <p class="mt-2 max-w-3xl whitespace-pre-line text-slate-800">{page.description.clone()}</p>
        <dl class="card mt-4 grid gap-2 sm:grid-cols-2">
            <div><dt class="text-sm text-slate-600">{t.training_dates}</dt><dd>{format!("{} – {} · {} ", card.starts_on, card.ends_on, card.hours)}{t.training_hours}</dd></div>
            <div><dt class="text-sm text-slate-600">{t.training_format}</dt><dd>{word(t, "format", &card.format)}" · "{card.district_name.clone()}</dd></div>
            <div><dt class="text-sm text-slate-600">{t.training_cost}</dt><dd>{cost_text(t, card.cost_idr)}</dd></div>
            <div><dt class="text-sm text-slate-600">{t.training_registration}</dt><dd>{format!("{} – {}", card.registration_opens_on, card.registration_closes_on)}</dd></div>
            <div><dt class="text-sm text-slate-600">{t.training_selection}</dt><dd>{word(t, "selection", &card.selection)}{(!card.selection_on.is_empty()).then(|| format!(" · {}", card.selection_on))}</dd></div>
            <div><dt class="text-sm text-slate-600">{t.training_places}</dt><dd data-testid="programme-places">{fill(t.training_places_left, &[("places", &card.places_left().to_string()), ("reserves", &card.reserves_left().to_string())])}</dd></div>
            <div><dt class="text-sm text-slate-600">{t.training_skills}</dt><dd>{card.skills.join(", ")}</dd></div>
            <div><dt class="text-sm text-slate-600">{t.training_who_may_join}</dt><dd>{who.into_iter().filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" · ")}</dd></div>
        </dl>
        {(!page.units.is_empty()).then(|| view! {
            <section class="mt-4" aria-labelledby="skkni"><h2 id="skkni" class="text-lg font-semibold">{t.training_units}</h2>
                <ul class="mt-2 list-disc pl-6">{page.units.iter().map(|(code, title)| view! { <li><span class="font-mono">{code.clone()}</span>" "{title.clone()}</li> }).collect_view()}</ul>
            </section>
        })}
        <RegisterBox page=page.clone() register />
        <p class="mt-4 text-sm text-slate-700">
            {stats.completion_rate.map(|r| fill(t.training_completion_rate, &[("rate", &r.to_string())]))}" "
            {stats.placement_rate.map(|r| fill(t.training_placement_rate, &[("rate", &r.to_string())]))}" "
            {stats.rating_tenths.map(|r| fill(t.training_rating_avg, &[("rating", &format!("{}.{}", r / 10, r % 10)), ("count", &stats.ratings.to_string())]))}
        </p>
        <p class="mt-4"><a class="link" href="/pelatihan">{t.training_back}</a></p>
    }
}

#[component]
fn RegisterBox(page: ProgrammePage, register: ServerAction<RegisterForTraining>) -> impl IntoView {
    let t = use_strings();
    let open = page.card.registration_open(&page.today);
    let content = if let Some(mine) = &page.mine {
        let mut text = fill(
            t.training_your_status,
            &[("status", word(t, "reg", &mine.status))],
        );
        if let Some(rank) = mine.reserve_rank {
            text = format!(
                "{text} ({})",
                fill(t.training_reserve_rank, &[("rank", &rank.to_string())])
            );
        }
        view! { <p class="font-semibold" data-testid="my-registration-status">{text}" "<a class="link" href="/akun/pelatihan">{t.training_my_title}</a></p> }.into_any()
    } else if !open {
        view! { <p>{t.training_registration_closed}</p> }.into_any()
    } else if page.viewer == "anonymous" {
        let back = format!("/masuk?kembali=/pelatihan/{}", page.card.id);
        view! { <p>{t.training_sign_in_to_register}" "<a class="link" href=back>{t.training_sign_in}</a></p> }.into_any()
    } else if page.viewer != "seeker" {
        view! { <p>{t.training_seekers_only}</p> }.into_any()
    } else {
        // The same rule the server runs when the form is sent.
        let verdict = match (&page.me, parse_date(&page.today)) {
            (Some(me), Some(today)) => eligibility(&page.eligibility, me, today),
            _ => Err("err_training_no_birth_date"),
        };
        match verdict {
            Err(key) => view! { <p class="text-amber-900" data-testid="not-eligible">{t.lookup(key).unwrap_or(key)}</p> }.into_any(),
            Ok(()) => view! {
                <ActionForm action=register>
                    <input type="hidden" name="programme_id" value=page.card.id />
                    <button type="submit" class="btn-primary" data-testid="training-register">{t.training_register}</button>
                </ActionForm>
            }.into_any(),
        }
    };
    view! {
        <section class="card mt-4" aria-labelledby="register-heading">
            <h2 id="register-heading" class="text-lg font-semibold">{t.training_registration}</h2>
            <div class="mt-2">{content}</div>
            <FormProblem errors=FormErrors::new(register.value()) />
        </section>
    }
}

#[component]
pub fn VerifyTrainingPage() -> impl IntoView {
    let t = use_strings();
    let params = use_params_map();
    let result = Resource::new(
        move || params.with(|p| p.get("code").unwrap_or_default()),
        verify_training_certificate,
    );
    view! {
        <Title text=t.training_verify_title />
        <section class="mx-auto max-w-md">
            <h1 class="text-2xl font-bold">{t.training_verify_title}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || result.get().map(|r| match r {
                    Ok(c) => view! {
                        <dl class="card mt-6 space-y-2">
                            <div><dt class="text-sm text-slate-600">{t.status}</dt><dd class="text-xl font-bold text-emerald-800" data-testid="verify-state">{t.training_verify_valid}</dd></div>
                            <div><dt class="text-sm text-slate-600">{t.training_certificate_code}</dt><dd class="font-mono" data-testid="verify-code">{c.code.clone()}</dd></div>
                            <div><dt class="text-sm text-slate-600">{t.full_name}</dt><dd>{c.holder.clone()}</dd></div>
                            <div><dt class="text-sm text-slate-600">{t.training_programme}</dt><dd data-testid="verify-programme">{c.programme_title.clone()}</dd></div>
                            <div><dt class="text-sm text-slate-600">{t.training_provider}</dt><dd>{c.provider_name.clone()}</dd></div>
                            <div><dt class="text-sm text-slate-600">{t.training_result}</dt><dd>{word(t, "reg", &c.result)}</dd></div>
                            <div><dt class="text-sm text-slate-600">{t.training_dates}</dt><dd>{format!("{} – {} · {} ", c.starts_on, c.ends_on, c.hours)}{t.training_hours}</dd></div>
                            <div><dt class="text-sm text-slate-600">{t.training_skills}</dt><dd>{c.skills.join(", ")}</dd></div>
                            <div><dt class="text-sm text-slate-600">{t.training_issued_on}</dt><dd>{c.issued_on.clone()}</dd></div>
                        </dl>
                    }.into_any(),
                    Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
