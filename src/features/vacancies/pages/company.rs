//! The company's side: its vacancy reports and the vacancy form, placement reports (with CSV). The pipeline
//! of one vacancy is in `pipeline.rs`.
use leptos::{ev::SubmitEvent, prelude::*, server_fn::ServerFn};
use leptos_meta::Title;

use crate::{
    core::{error::FieldErrors, regions_data::TANGERANG_DISTRICTS},
    features::vacancies::{
        api::{
            CloseVacancy, ReportPlacement, SubmitVacancy, load_company_reports, load_vacancy_form,
        },
        model::{CONTRACT_TYPES, SHIFTS, WORK_TIMES},
        views::{CompanyVacancy, FormContext},
    },
    ui::{
        error_panel::ErrorPanel,
        form::{Field, FormErrors, FormProblem, Select, Success, succeeded, today_wib},
        use_strings,
    },
};

fn labelled(prefix: &str, codes: &[&str]) -> Vec<(String, String)> {
    let t = use_strings();
    codes
        .iter()
        .map(|code| {
            (
                (*code).to_owned(),
                t.lookup(&format!("{prefix}{code}"))
                    .unwrap_or(code)
                    .to_owned(),
            )
        })
        .collect()
}

pub(super) fn vacancy_status(
    t: &'static crate::core::i18n::Strings,
    vacancy: &CompanyVacancy,
) -> String {
    let status = t
        .lookup(&format!("vacancy_status_{}", vacancy.status))
        .unwrap_or_default();
    match &vacancy.closed_reason {
        Some(reason) => format!(
            "{status} ({})",
            t.lookup(&format!("closed_{reason}")).unwrap_or_default()
        ),
        None => status.to_owned(),
    }
}

#[component]
pub fn CompanyVacanciesPage() -> impl IntoView {
    let t = use_strings();
    let submit = ServerAction::<SubmitVacancy>::new();
    let close = ServerAction::<CloseVacancy>::new();
    let place = ServerAction::<ReportPlacement>::new();
    let reports = Resource::new(
        move || {
            (
                submit.version().get(),
                close.version().get(),
                place.version().get(),
            )
        },
        |_| load_company_reports(),
    );
    let context = Resource::new(|| (), |_| load_vacancy_form());
    view! {
        <Title text=t.company_vacancies_title />
        <h1 class="text-2xl font-bold">{t.company_vacancies_title}</h1>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || reports.get().map(|result| match result {
                Ok(reports) => {
                    let no_placements = reports.placements.is_empty();
                    view! {
                    {(!reports.company_verified).then(|| view! { <p class="mt-2 rounded-lg bg-amber-50 p-3 text-amber-900">{t.company_unverified_vacancies}</p> })}
                    <section class="card mt-4" aria-labelledby="daftar-lowongan">
                        <div class="flex flex-wrap items-center justify-between gap-2">
                            <h2 id="daftar-lowongan" class="text-lg font-semibold">{t.company_vacancy_reports}</h2>
                            <a class="link" href="/perusahaan/laporan/lowongan.csv" rel="external" download>{t.download_csv}</a>
                        </div>
                        {reports.vacancies.is_empty().then(|| view! { <p class="mt-2">{t.company_no_vacancies}</p> })}
                        <ul class="mt-3 divide-y divide-slate-200" data-testid="company-vacancies">
                            {reports.vacancies.into_iter().map(|v| view! { <CompanyVacancyRow vacancy=v close /> }).collect_view()}
                        </ul>
                        <FormProblem errors=FormErrors::new(close.value()) />
                    </section>
                    <section class="card mt-4" aria-labelledby="daftar-penempatan">
                        <div class="flex flex-wrap items-center justify-between gap-2">
                            <h2 id="daftar-penempatan" class="text-lg font-semibold">{t.placement_reports}</h2>
                            <a class="link" href="/perusahaan/laporan/penempatan.csv" rel="external" download>{t.download_csv}</a>
                        </div>
                        {reports.placements.is_empty().then(|| view! { <p class="mt-2">{t.placement_none}</p> })}
                        <div class="mt-2 overflow-x-auto" tabindex="0" class:hidden=no_placements>
                            <table class="w-full text-left text-sm" data-testid="placements">
                                <thead><tr><th class="p-1">{t.field_full_name}</th><th class="p-1">"NIK"</th><th class="p-1">{t.field_position}</th><th class="p-1">{t.field_start_date}</th><th class="p-1">{t.field_wage}</th></tr></thead>
                                <tbody>
                                    {reports.placements.into_iter().map(|p| view! {
                                        <tr class="border-t border-slate-200"><td class="p-1">{p.worker_name}</td><td class="p-1 font-mono">{p.nik_masked}</td>
                                            <td class="p-1">{p.position}</td><td class="p-1">{p.start_date}</td><td class="p-1">{p.wage.to_string()}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    </section>
                    }.into_any()
                }
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
        <Suspense fallback=|| ()>
            {move || context.get().map(|result| match result {
                Ok(context) => view! {
                    <VacancyFormCard context=context.clone() submit />
                    <PlacementFormCard context place />
                }.into_any(),
                Err(_) => ().into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn CompanyVacancyRow(vacancy: CompanyVacancy, close: ServerAction<CloseVacancy>) -> impl IntoView {
    let t = use_strings();
    let can_close = vacancy.status == "published" || vacancy.status == "pending";
    let id = vacancy.id;
    view! {
        <li class="py-3">
            <a class="link font-semibold" href=format!("/perusahaan/lowongan/{id}")>{vacancy.title.clone()}</a>
            <p class="text-sm" data-testid="vacancy-status">{vacancy_status(t, &vacancy)}</p>
            <p class="text-sm text-slate-600">
                {format!("{}: {} · {}: {}/{} · {}: {}", t.applications_count, vacancy.applications, t.hired_count, vacancy.hired, vacancy.headcount, t.deadline, vacancy.deadline)}
            </p>
            {vacancy.review_reason.clone().map(|reason| view! { <p class="text-sm text-red-800">{t.officer_note}": "{reason}</p> })}
            {(!vacancy.flags.is_empty()).then(|| view! {
                <p class="text-sm text-amber-900">{t.vacancy_flagged}": "{vacancy.flags.iter().map(|f| t.lookup(f).unwrap_or(f).to_owned()).collect::<Vec<_>>().join(", ")}</p>
            })}
            {can_close.then(|| view! {
                <ActionForm action=close attr:class="mt-1">
                    <input type="hidden" name="vacancy_id" value=id />
                    <button type="submit" class="btn-secondary">{t.vacancy_close}</button>
                </ActionForm>
            })}
        </li>
    }
}

#[component]
fn VacancyFormCard(context: FormContext, submit: ServerAction<SubmitVacancy>) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(submit.value());
    let umk = context.minimum_wage.0;
    let on_submit = move |ev: SubmitEvent| {
        if let Some(input) = errors.check::<SubmitVacancy>(&ev, |input| {
            input
                .form
                .check(today_wib(), umk)
                .err()
                .unwrap_or_else(FieldErrors::new)
        }) {
            submit.dispatch(input);
        }
    };
    let districts: Vec<(String, String)> = TANGERANG_DISTRICTS
        .iter()
        .map(|(code, name)| ((*code).to_owned(), (*name).to_owned()))
        .collect();
    let result = move || submit.value().get().and_then(Result::ok);
    view! {
        <form method="post" action=SubmitVacancy::url() on:submit=on_submit on:input=move |ev| errors.clear_on_input(&ev) novalidate
            class="card mt-6 grid gap-4 sm:grid-cols-2" data-testid="vacancy-form">
            <h2 class="text-lg font-semibold sm:col-span-2">{t.vacancy_new}</h2>
            <p class="text-sm text-slate-700 sm:col-span-2">
                {crate::core::i18n::fill(t.vacancy_umk_hint, &[("year", &context.minimum_wage_year.to_string()), ("amount", &context.minimum_wage.to_string())])}
                " "{t.field_sector}": "{context.sector_name.clone()}
            </p>
            <div class="sm:col-span-2"><Field label=t.field_job_title name="form[title]" error=errors.field("title") required=true /></div>
            <Select label=t.field_occupation name="form[occupation_code]" error=errors.field("occupation_code") options=context.occupations.clone() />
            <Select label=t.field_min_education name="form[education_level]" error=errors.field("education_level") options=context.education.clone() />
            <div class="field sm:col-span-2">
                <label for="form_description_" class="block font-medium">{t.field_description}</label>
                <textarea id="form_description_" name="form[description]" rows="6" class="mt-1 w-full rounded-lg border border-slate-400 px-3 py-2"
                    aria-invalid=move || errors.field("description").get().is_some().to_string()></textarea>
                <p class="mt-1 text-sm text-red-800" role="alert">{move || errors.field("description").get().map(|k| t.lookup(&k).unwrap_or(t.err_validation).to_owned())}</p>
            </div>
            <Field label=t.field_skills name="form[skills]" error=errors.field("skills") hint=t.hint_comma_list />
            <Field label=t.field_certificates name="form[certificates]" error=errors.field("certificates") hint=t.hint_optional />
            <Field label=t.field_experience_years name="form[experience_years]" error=errors.field("experience_years") inputmode="numeric" value="0" />
            <Field label=t.field_headcount name="form[headcount]" error=errors.field("headcount") inputmode="numeric" />
            <Field label=t.field_wage_min name="form[wage_min]" error=errors.field("wage_min") inputmode="numeric" hint=t.hint_rupiah />
            <Field label=t.field_wage_max name="form[wage_max]" error=errors.field("wage_max") inputmode="numeric" hint=t.hint_rupiah />
            <Select label=t.field_work_time name="form[work_time]" error=errors.field("work_time") options=labelled("work_time_", &WORK_TIMES) selected="full_time" />
            <Select label=t.field_shift name="form[shift]" error=errors.field("shift") options=labelled("shift_", &SHIFTS) selected="day" />
            <Select label=t.field_contract_type name="form[contract_type]" error=errors.field("contract_type") options=labelled("contract_", &CONTRACT_TYPES) selected="permanent" />
            <Select label=t.field_work_district name="form[district_code]" error=errors.field("district_code") options=districts />
            <div class="sm:col-span-2"><Field label=t.field_workplace name="form[address]" error=errors.field("address") hint=t.hint_optional /></div>
            <Field label=t.field_deadline name="form[deadline]" error=errors.field("deadline") kind="date" />
            <details class="sm:col-span-2">
                <summary class="cursor-pointer font-medium">{t.field_age_range}</summary>
                <p class="text-sm text-slate-600">{t.hint_age_range}</p>
                <div class="mt-2 grid gap-4 sm:grid-cols-3">
                    <Field label=t.field_age_min name="form[age_min]" error=errors.field("age_min") inputmode="numeric" />
                    <Field label=t.field_age_max name="form[age_max]" error=errors.field("age_max") inputmode="numeric" />
                    <Field label=t.field_age_justification name="form[age_justification]" error=errors.field("age_justification") />
                </div>
            </details>
            <div class="sm:col-span-2 grid gap-2">
                <FormProblem errors />
                {move || result().map(|done| {
                    let message = if done.status == "published" { t.vacancy_published } else { t.vacancy_pending };
                    view! {
                        <div role="status" class="rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-emerald-900" data-testid="vacancy-submitted">
                            <p>{message}" "<a class="link" href=format!("/lowongan/{}", done.id)>{t.vacancy_view}</a></p>
                            {done.warnings.iter().map(|w| view! { <p class="text-amber-900">{t.lookup(w).unwrap_or(w).to_owned()}</p> }).collect_view()}
                            {(!done.flags.is_empty()).then(|| view! {
                                <p class="text-amber-900" data-testid="vacancy-flags">{t.vacancy_flagged}": "{done.flags.iter().map(|f| t.lookup(f).unwrap_or(f).to_owned()).collect::<Vec<_>>().join(", ")}</p>
                            })}
                        </div>
                    }
                })}
                <button type="submit" class="btn-primary justify-self-start" data-testid="vacancy-submit">{t.vacancy_submit}</button>
            </div>
        </form>
    }
}

#[component]
fn PlacementFormCard(context: FormContext, place: ServerAction<ReportPlacement>) -> impl IntoView {
    let t = use_strings();
    if !context.company_verified {
        // The server refuses reports by NIK from unverified companies; say so instead of a form that fails.
        return view! {
            <section class="card mt-6" data-testid="placement-form">
                <h2 class="text-lg font-semibold">{t.placement_new}</h2>
                <p class="mt-2 text-slate-700" role="note">{t.placement_unverified}</p>
            </section>
        }
        .into_any();
    }
    let errors = FormErrors::new(place.value());
    let umk = context.minimum_wage.0;
    let on_submit = move |ev: SubmitEvent| {
        if let Some(input) = errors.check::<ReportPlacement>(&ev, |input| {
            input
                .form
                .check(today_wib(), umk)
                .err()
                .unwrap_or_else(FieldErrors::new)
        }) {
            place.dispatch(input);
        }
    };
    view! {
        <form method="post" action=ReportPlacement::url() on:submit=on_submit on:input=move |ev| errors.clear_on_input(&ev) novalidate
            class="card mt-6 grid gap-4 sm:grid-cols-2" data-testid="placement-form">
            <h2 class="text-lg font-semibold sm:col-span-2">{t.placement_new}</h2>
            <p class="text-sm text-slate-700 sm:col-span-2">{t.placement_hint}</p>
            <Field label="NIK" name="form[nik]" error=errors.field("nik") inputmode="numeric" />
            <Field label=t.field_full_name name="form[worker_name]" error=errors.field("worker_name") />
            <Field label=t.field_position name="form[position]" error=errors.field("position") />
            <Field label=t.field_start_date name="form[start_date]" error=errors.field("start_date") kind="date" />
            <Field label=t.field_wage name="form[wage]" error=errors.field("wage") inputmode="numeric" hint=t.hint_rupiah />
            <Select label=t.field_contract_type name="form[contract_type]" error=errors.field("contract_type") options=labelled("contract_", &CONTRACT_TYPES) />
            <div class="sm:col-span-2 grid gap-2">
                <FormProblem errors />
                <Success done=succeeded(place.value()) message=t.placement_saved />
                <button type="submit" class="btn-primary justify-self-start">{t.placement_submit}</button>
            </div>
        </form>
    }
    .into_any()
}
