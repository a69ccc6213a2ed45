//! The public search (`/lowongan`) and a vacancy's page (`/lowongan/{id}`): server-rendered, so they work
//! without JavaScript and can be indexed; the search state lives in the URL.
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    features::vacancies::{
        api::{ApplyToVacancy, load_vacancy, search_vacancies},
        matching::MatchScore,
        pipeline::ApplicationStatus,
        query::{PARAM_NAMES, POSTED_WITHIN_DAYS, SearchQuery, SortOrder},
        views::{Options, SearchPage, VacancyDetail, VacancySummary, Viewer},
    },
    ui::{
        error_panel::ErrorPanel,
        form::{FormErrors, FormProblem},
        pager::Pager,
        use_strings,
    },
};

/// A vacancy in a list: title, company, place, wage, deadline.
#[component]
pub fn VacancyCard(
    vacancy: VacancySummary,
    #[prop(optional)] extra: Option<AnyView>,
) -> impl IntoView {
    let t = use_strings();
    view! {
        <li class="card" data-testid="vacancy-card">
            <a class="link text-lg font-semibold" href=format!("/lowongan/{}", vacancy.id)>{vacancy.title.clone()}</a>
            <p class="text-slate-700">{vacancy.company_name.clone()}" · "{vacancy.district_name.clone()}</p>
            <p class="mt-1 text-sm">{format!("{} – {}", vacancy.wage_min, vacancy.wage_max)}</p>
            <p class="text-sm text-slate-600">
                {(!vacancy.occupation_name.is_empty()).then(|| format!("{} · ", vacancy.occupation_name))}
                {t.lookup(&format!("work_time_{}", vacancy.work_time)).unwrap_or_default()}
                " · "{t.deadline}": "{vacancy.deadline.clone()}
            </p>
            {extra}
        </li>
    }
}

fn select(
    label: &'static str,
    name: &'static str,
    options: Options,
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
pub fn VacancySearchPage() -> impl IntoView {
    let t = use_strings();
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        query_map.with(|map| {
            let pairs: Vec<(&str, String)> = PARAM_NAMES
                .iter()
                .filter_map(|name| map.get(name).map(|value| (*name, value)))
                .collect();
            SearchQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
        })
    });
    let page = Resource::new(move || query.get(), search_vacancies);
    view! {
        <Title text=t.search_title />
        <Meta name="description" content=t.search_meta />
        <h1 class="text-2xl font-bold">{t.search_title}</h1>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || page.get().map(|result| match result {
                Ok(found) => view! { <SearchBody query=query.get_untracked() found /> }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn SearchBody(query: SearchQuery, found: SearchPage) -> impl IntoView {
    let t = use_strings();
    let options = found.options;
    let results = found.results;
    let work_times: Options = crate::features::vacancies::model::WORK_TIMES
        .iter()
        .map(|w| {
            (
                (*w).to_owned(),
                t.lookup(&format!("work_time_{w}")).unwrap_or(w).to_owned(),
            )
        })
        .collect();
    let posted: Options = POSTED_WITHIN_DAYS
        .iter()
        .map(|d| {
            (
                d.to_string(),
                crate::core::i18n::fill(t.posted_within_days, &[("days", &d.to_string())]),
            )
        })
        .collect();
    let sorts: Options = [SortOrder::Relevance, SortOrder::Newest, SortOrder::Wage]
        .into_iter()
        .map(|s| {
            (
                s.as_str().to_owned(),
                t.lookup(&format!("sort_{}", s.as_str()))
                    .unwrap_or_default()
                    .to_owned(),
            )
        })
        .collect();
    let page_link = {
        let query = query.clone();
        move |page: i64| {
            let qs = query.with_page(page).to_query_string();
            if qs.is_empty() {
                "/lowongan".to_owned()
            } else {
                format!("/lowongan?{qs}")
            }
        }
    };
    let (current, pages) = (results.page, results.pages);
    let active = [
        query.district_code.is_some(),
        query.sector.is_some(),
        query.occupation.is_some(),
        query.education.is_some(),
        query.min_wage_idr.is_some(),
        query.work_time.is_some(),
        query.posted_within_days.is_some(),
        query.sort != SortOrder::Relevance,
    ]
    .into_iter()
    .filter(|set| *set)
    .count();
    let filters_set = active > 0;
    view! {
        <form method="get" action="/lowongan" role="search" class="card mt-4 grid gap-3" data-testid="search-form">
            <div class="flex flex-wrap items-end gap-3">
                <div class="min-w-0 flex-1">
                    <label for="cari-q" class="block font-medium">{t.search_words}</label>
                    <input id="cari-q" name="q" type="search" value=query.text.clone() placeholder=t.search_placeholder
                        class="mt-1 w-full rounded-lg border border-slate-400 px-3 py-2" />
                </div>
                <button type="submit" class="btn-primary">{t.search_button}</button>
            </div>
            // Closed on first visit (phones see results at once), open while a filter is set.
            <details open=filters_set>
                <summary class="cursor-pointer font-medium">{t.search_filters}{(active > 0).then(|| format!(" ({active})"))}</summary>
                <div class="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
                    {select(t.field_work_district, "kecamatan", options.districts, query.district_code.clone())}
                    {select(t.field_sector, "sektor", options.sectors, query.sector.clone())}
                    {select(t.field_occupation, "jabatan", options.occupations, query.occupation.clone())}
                    {select(t.search_my_education, "pendidikan", options.education, query.education.clone())}
                    <div>
                        <label for="cari-upah" class="block text-sm font-medium">{t.search_min_wage}</label>
                        <input id="cari-upah" name="upah_min" inputmode="numeric" value=query.min_wage_idr.map(|w| w.to_string())
                            class="mt-1 w-full rounded-lg border border-slate-400 px-2 py-2" />
                    </div>
                    {select(t.field_work_time, "waktu", work_times, query.work_time.clone())}
                    {select(t.search_posted, "sejak", posted, query.posted_within_days.map(|d| d.to_string()))}
                    {select(t.search_sort, "urut", sorts, Some(query.sort.as_str().to_owned()))}
                </div>
            </details>
        </form>
        <p class="mt-4 text-slate-700" data-testid="search-total" role="status">
            {crate::core::i18n::fill(t.search_found, &[("count", &if results.more { format!("{}+", results.total) } else { results.total.to_string() })])}
        </p>
        {match (results.items.is_empty(), results.total > 0) {
            (true, true) => Some(view! { <p class="mt-2"><a class="link" href=page_link(1)>{t.search_back_to_first}</a></p> }.into_any()),
            (true, false) => Some(view! { <p class="mt-2">{t.search_none}</p> }.into_any()),
            _ => None,
        }}
        <ul class="mt-4 grid gap-4 md:grid-cols-2" data-testid="search-results">
            {results.items.into_iter().map(|vacancy| view! { <VacancyCard vacancy /> }).collect_view()}
        </ul>
        <Pager page=current pages link=page_link />
    }
}

/// The reasons behind a score, and the skills the seeker lacks.
#[component]
pub fn MatchExplanation(score: MatchScore) -> impl IntoView {
    let t = use_strings();
    view! {
        <div class="rounded-lg border border-sky-200 bg-sky-50 p-3" data-testid="match">
            <p class="font-semibold">{t.match_title}": "<span data-testid="match-score">{score.score}</span>"/100"</p>
            <ul class="mt-1 text-sm">
                {score.parts.into_iter().map(|part| view! {
                    <li>{t.lookup(&part.reason).unwrap_or_default()}" ("{part.points}"/"{part.max}")"</li>
                }).collect_view()}
            </ul>
            {(!score.missing_skills.is_empty()).then(|| view! {
                <p class="mt-1 text-sm">{t.match_missing}": "{score.missing_skills.join(", ")}</p>
            })}
        </div>
    }
}

pub fn status_label(
    t: &'static crate::core::i18n::Strings,
    status: ApplicationStatus,
) -> &'static str {
    t.lookup(&status.label_key()).unwrap_or_default()
}

#[component]
pub fn VacancyPage() -> impl IntoView {
    let t = use_strings();
    let params = use_params_map();
    let vacancy_id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let apply = ServerAction::<ApplyToVacancy>::new();
    let detail = Resource::new(
        move || (vacancy_id(), apply.version().get()),
        |(id, _)| async move {
            match id {
                Some(id) => load_vacancy(id).await,
                None => Err(crate::core::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || detail.get().map(|result| match result {
                Ok(detail) => view! { <VacancyBody detail apply /> }.into_any(),
                Err(error) => {
                    crate::ui::set_status(error.status_code());
                    view! { <ErrorPanel error /> }.into_any()
                }
            })}
        </Suspense>
    }
}

#[component]
fn VacancyBody(detail: VacancyDetail, apply: ServerAction<ApplyToVacancy>) -> impl IntoView {
    let t = use_strings();
    let summary = detail.summary.clone();
    let facts: Vec<(&'static str, String)> = vec![
        (t.field_occupation, summary.occupation_name.clone()),
        (
            t.field_sector,
            format!("{} — {}", detail.sector_code, detail.sector_name),
        ),
        (
            t.field_min_education,
            detail.education_code.replace('_', "/"),
        ),
        (
            t.field_experience_years,
            detail.experience_years.to_string(),
        ),
        (t.field_headcount, detail.headcount.to_string()),
        (
            t.field_wage,
            format!("{} – {}", summary.wage_min, summary.wage_max),
        ),
        (
            t.field_work_time,
            t.lookup(&format!("work_time_{}", summary.work_time))
                .unwrap_or_default()
                .to_owned(),
        ),
        (
            t.field_shift,
            t.lookup(&format!("shift_{}", detail.shift))
                .unwrap_or_default()
                .to_owned(),
        ),
        (
            t.field_contract_type,
            t.lookup(&format!("contract_{}", detail.contract_type))
                .unwrap_or_default()
                .to_owned(),
        ),
        (
            t.field_workplace,
            format!("{}, {}", detail.address, summary.district_name),
        ),
        (t.deadline, summary.deadline.clone()),
    ];
    let vacancy_id = summary.id;
    let meta_description: String = detail.description.chars().take(160).collect();
    view! {
        <Title text=format!("{} — {}", summary.title, summary.company_name) />
        <Meta name="description" content=meta_description />
        {detail.json_ld.clone().map(|json| view! { <script type="application/ld+json" inner_html=json></script> })}
        <article class="card">
            <h1 class="text-2xl font-bold" data-testid="vacancy-title">{summary.title.clone()}</h1>
            <p class="text-lg text-slate-700">{summary.company_name.clone()}</p>
            {(!detail.open).then(|| view! {
                <p class="mt-2 rounded-lg bg-amber-50 p-2 text-amber-900" data-testid="vacancy-closed">
                    {t.lookup(&format!("vacancy_status_{}", detail.status)).unwrap_or(t.vacancy_not_open)}
                </p>
            })}
            <dl class="mt-4 grid gap-3 sm:grid-cols-2">
                {facts.into_iter().filter(|(_, v)| !v.trim().is_empty()).map(|(label, value)| view! {
                    <div><dt class="text-sm text-slate-600">{label}</dt><dd>{value}</dd></div>
                }).collect_view()}
            </dl>
            {(!detail.skills.is_empty()).then(|| view! {
                <h2 class="mt-4 font-semibold">{t.field_skills}</h2>
                <ul class="mt-1 flex flex-wrap gap-2">
                    {detail.skills.iter().map(|s| view! { <li class="rounded-full bg-slate-100 px-3 py-1 text-sm">{s.clone()}</li> }).collect_view()}
                </ul>
            })}
            {(!detail.certificates.is_empty()).then(|| view! { <p class="mt-2"><strong>{t.field_certificates}": "</strong>{detail.certificates.clone()}</p> })}
            {detail.age_justification.clone().map(|reason| view! {
                <p class="mt-2 text-sm">{t.field_age_range}": "{detail.age_min.unwrap_or(18)}"–"{detail.age_max.unwrap_or(99)}" ("{reason}")"</p>
            })}
            <h2 class="mt-4 font-semibold">{t.field_description}</h2>
            <p class="mt-1 whitespace-pre-line">{detail.description.clone()}</p>
        </article>
        <section class="mt-4" aria-label=t.apply_title>
            {match detail.viewer.clone() {
                Viewer::Public => view! {
                    <p class="card"><a class="btn-primary inline-block" href="/masuk" data-testid="sign-in-to-apply">{t.apply_sign_in}</a></p>
                }.into_any(),
                Viewer::Seeker { application, score } => view! {
                    <div class="card grid gap-3">
                        {score.map(|score| view! { <MatchExplanation score /> })}
                        {match application {
                            Some(status) => view! {
                                <p data-testid="application-status">{t.apply_status}": "<strong>{status_label(t, status)}</strong>" · "
                                    <a class="link" href="/akun/lamaran">{t.nav_my_applications}</a></p>
                            }.into_any(),
                            None if detail.open => view! { <ApplyForm vacancy_id apply /> }.into_any(),
                            None => ().into_any(),
                        }}
                    </div>
                }.into_any(),
                Viewer::Owner => view! {
                    <p class="card"><a class="btn-primary inline-block" href=format!("/perusahaan/lowongan/{vacancy_id}")>{t.pipeline_open}</a></p>
                }.into_any(),
                Viewer::Staff | Viewer::Other => ().into_any(),
            }}
        </section>
    }
}

#[component]
fn ApplyForm(vacancy_id: i64, apply: ServerAction<ApplyToVacancy>) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(apply.value());
    view! {
        <ActionForm action=apply attr:class="grid gap-2" attr:data-testid="apply-form">
            <input type="hidden" name="vacancy_id" value=vacancy_id />
            <label for="cover-note" class="font-medium">{t.apply_cover_note}</label>
            <textarea id="cover-note" name="cover_note" rows="4" maxlength="1000"
                class="rounded-lg border border-slate-400 px-3 py-2"></textarea>
            <p class="text-sm text-red-800" role="alert">
                {move || errors.field("cover_note").get().map(|key| t.lookup(&key).unwrap_or(t.err_validation).to_owned())}
            </p>
            <button type="submit" class="btn-primary" data-testid="apply-button">{t.apply_button}</button>
        </ActionForm>
        <FormProblem errors />
    }
}
