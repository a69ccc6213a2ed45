//! The survey pages: the public questionnaire behind an invitation code, the public yearly IKM figure, and
//! the officers' report per service and month.
use leptos::server_fn::ServerFn;
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    core::{
        error::FieldErrors,
        i18n::{Lang, Strings},
    },
    features::survey::{
        api::{AnswerSurvey, load_ikm_public, load_ikm_report, load_survey},
        model::{
            ELEMENTS, Ikm, IkmReport, IkmRow, SCALE, field_name, format_hundredths,
            service_label_key,
        },
    },
    ui::{
        error_panel::ErrorPanel,
        form::{FormErrors, FormProblem, Success, succeeded},
        use_lang, use_strings,
    },
};

fn lookup(t: &'static Strings, key: &str) -> String {
    t.lookup(key).unwrap_or(key).to_owned()
}

/// A service's name: its own translation when there is one, else the key as stored.
pub fn service_name(t: &'static Strings, service_key: &str) -> String {
    if service_key.is_empty() {
        return t.survey_all_services.to_owned();
    }
    t.lookup(&service_label_key(service_key))
        .map_or_else(|| service_key.to_owned(), str::to_owned)
}

/// A report row's service: its translation, else the name the portal keeps for it (a request type an
/// admin added), else the key.
fn row_name(t: &'static Strings, row: &IkmRow) -> String {
    let (name_id, name_en) = &row.name;
    let own = if use_lang() == Lang::En {
        name_en
    } else {
        name_id
    };
    match t.lookup(&service_label_key(&row.service_key)) {
        Some(translated) => translated.to_owned(),
        None if !own.is_empty() => own.clone(),
        None => service_name(t, &row.service_key),
    }
}

#[component]
pub fn SurveyPage() -> impl IntoView {
    let t = use_strings();
    let params = use_params_map();
    let code = move || params.with(|p| p.get("code").unwrap_or_default());
    let invite = Resource::new(code, load_survey);
    view! {
        <Title text=t.survey_title />
        <section class="mx-auto max-w-2xl">
            <h1 class="text-2xl font-bold">{t.survey_title}</h1>
            <p class="mt-1 text-slate-700">{t.survey_lead}</p>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || invite.get().map(|result| match result {
                    Ok(invite) if invite.answered => view! {
                        <p class="card mt-4" role="status" data-testid="survey-answered">{t.survey_already_answered}</p>
                    }.into_any(),
                    Ok(invite) => view! {
                        <p class="mt-2 font-semibold" data-testid="survey-service">{service_name(t, &invite.service_key)}</p>
                        <SurveyForm code=invite.code />
                    }.into_any(),
                    Err(error) => {
                        crate::ui::set_status(error.status_code());
                        view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any()
                    }
                })}
            </Suspense>
            <p class="mt-6 text-sm"><a class="link" href="/survei">{t.survey_public_title}</a></p>
        </section>
    }
}

#[component]
fn SurveyForm(code: String) -> impl IntoView {
    let t = use_strings();
    let answer = ServerAction::<AnswerSurvey>::new();
    let errors = FormErrors::new(answer.value());
    let done = succeeded(answer.value());
    let on_submit = move |ev: SubmitEvent| {
        if let Some(input) = errors.check::<AnswerSurvey>(&ev, |input| {
            input.form.check().err().unwrap_or_else(FieldErrors::new)
        }) {
            answer.dispatch(input);
        }
    };
    view! {
        <Success done message=t.survey_thanks />
        <form method="post" action=AnswerSurvey::url() on:submit=on_submit novalidate class="mt-4 grid gap-4"
            class:hidden=move || done.get() data-testid="survey-form">
            <input type="hidden" name="code" value=code />
            {ELEMENTS.iter().enumerate().map(|(i, element)| {
                let name = field_name(i);
                let error = errors.field(name);
                view! {
                    <fieldset class="card" aria-describedby=format!("{name}-error")>
                        <legend class="font-semibold">{format!("{}. {}", i + 1, lookup(t, element))}</legend>
                        <div class="mt-2 grid gap-2 sm:grid-cols-4">
                            {SCALE.iter().enumerate().map(|(s, scale)| {
                                let id = format!("{name}-{}", s + 1);
                                let for_id = id.clone();
                                view! {
                                    <label for=for_id class="flex items-center gap-2 rounded border border-slate-300 px-2 py-2">
                                        <input id=id type="radio" name=format!("form[{name}]") value=(s + 1).to_string() />
                                        <span>{format!("{} - {}", s + 1, lookup(t, scale))}</span>
                                    </label>
                                }
                            }).collect_view()}
                        </div>
                        <p id=format!("{name}-error") class="mt-1 text-sm text-red-800" role="alert">
                            {move || error.get().map(|key| crate::core::i18n::localize(t, &key))}
                        </p>
                    </fieldset>
                }
            }).collect_view()}
            <div class="field">
                <label for="survey-suggestion" class="block font-medium">{t.survey_suggestion}</label>
                <textarea id="survey-suggestion" name="form[suggestion]" rows="3" class="mt-1 w-full rounded-lg border border-slate-400 px-3 py-2"></textarea>
            </div>
            <FormProblem errors />
            <button type="submit" class="btn-primary justify-self-start" data-testid="survey-submit">{t.survey_submit}</button>
        </form>
    }
}

fn year_from_query() -> impl Fn() -> i32 + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || query.with(|q| q.get("tahun").and_then(|y| y.parse().ok()).unwrap_or(0))
}

#[component]
fn IkmTable(rows: Vec<IkmRow>, show_elements: bool) -> impl IntoView {
    let t = use_strings();
    // No rows: the sentence under the heading says so; an empty table would only show its header.
    (!rows.is_empty()).then(|| view! {
        <div class="mt-2 overflow-x-auto" tabindex="0">
            <table class="w-full text-left text-sm" data-testid="ikm-table">
                <thead><tr class="border-b">
                    <th class="py-1 pr-2">{t.survey_service}</th><th class="pr-2">{t.survey_period}</th>
                    <th class="pr-2 capitalize">{t.survey_answers}</th>
                    {show_elements.then(|| view! { <th class="pr-2">{t.survey_nrr}</th> })}
                    <th class="pr-2">{t.survey_ikm}</th><th>{t.survey_grade}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| view! {
                        <tr class="border-b border-slate-100">
                            <td class="py-1 pr-2">{row_name(t, &row)}</td>
                            <td class="pr-2">{row.period}</td>
                            <td class="pr-2">{row.ikm.answers}</td>
                            {show_elements.then(|| view! {
                                <td class="pr-2 font-mono text-xs">{row.ikm.nrr_hundredths.iter().map(|n| format_hundredths(*n)).collect::<Vec<_>>().join(" · ")}</td>
                            })}
                            <td class="pr-2 font-semibold">{format_hundredths(row.ikm.converted_hundredths)}</td>
                            <td>{grade_text(t, &row.ikm)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    })
}

fn grade_text(t: &'static Strings, ikm: &Ikm) -> String {
    format!(
        "{} ({})",
        ikm.grade.letter(),
        lookup(t, ikm.grade.label_key())
    )
}

#[component]
fn Overall(report: IkmReport) -> impl IntoView {
    let t = use_strings();
    match report.overall {
        Some(ikm) => view! {
            <p class="card mt-4 text-lg" data-testid="ikm-overall">
                {format!("{} {}: ", t.survey_ikm, report.year)}
                <strong>{format_hundredths(ikm.converted_hundredths)}</strong>
                {format!(" · {} · {} {}", grade_text(t, &ikm), ikm.answers, t.survey_answers)}
            </p>
        }
        .into_any(),
        None => {
            view! { <p class="mt-4" data-testid="ikm-overall">{t.survey_no_answers}</p> }.into_any()
        }
    }
}

/// The public yearly figure (`/survei`), with the number of answers.
#[component]
pub fn IkmPublicPage() -> impl IntoView {
    let t = use_strings();
    let year = year_from_query();
    let report = Resource::new(year, load_ikm_public);
    view! {
        <Title text=t.survey_public_title />
        <h1 class="text-2xl font-bold">{t.survey_public_title}</h1>
        <p class="mt-1 text-slate-700">{t.survey_public_lead}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || report.get().map(|result| match result {
                Ok(report) => view! {
                    <Overall report=report.clone() />
                    <IkmTable rows=report.yearly show_elements=false />
                }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

/// The officers' report per service and month (`/petugas/ikm`).
#[component]
pub fn IkmReportPage() -> impl IntoView {
    let t = use_strings();
    let year = year_from_query();
    let report = Resource::new(year, load_ikm_report);
    view! {
        <Title text=t.survey_report_title />
        <p class="text-sm"><a class="link" href="/petugas/layanan">{t.requests_officer_title}</a></p>
        <h1 class="text-2xl font-bold">{t.survey_report_title}</h1>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || report.get().map(|result| match result {
                Ok(report) => view! {
                    <Overall report=report.clone() />
                    <h2 class="mt-6 text-xl font-semibold">{t.survey_by_year}</h2>
                    <IkmTable rows=report.yearly show_elements=true />
                    <h2 class="mt-6 text-xl font-semibold">{t.survey_by_month}</h2>
                    <IkmTable rows=report.monthly show_elements=true />
                }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}
