//! Providers manage their programmes: companies at `/perusahaan/pelatihan`, officers (BLK and partners)
//! at `/petugas/pelatihan`, with the same page: their programmes and figures, the form (checked in the
//! browser with the server's rule), and one programme opened (`?program=`) with the selection, the
//! sessions' attendance checklists and the results.
use leptos::server_fn::ServerFn;
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    core::{error::FieldErrors, i18n::fill},
    features::training::{
        api::{
            AddTrainingSession, CancelTrainingProgramme, DecideTrainingSelection,
            MarkTrainingAttendance, RecordTrainingResult, SaveProgramme, load_programme_form,
            load_training_manage,
        },
        model::{
            FORMATS, ManageData, ManagedProgramme, Participant, ProgrammeForm, ProgrammeStats,
            RegStatus, SELECTIONS, SessionSheet,
        },
        pages::public::word,
    },
    ui::{
        error_panel::ErrorPanel,
        form::{Field, FormErrors, FormProblem, Select, today_wib},
        use_strings,
    },
};

#[derive(Clone, Copy)]
struct Actions {
    save: ServerAction<SaveProgramme>,
    decide: ServerAction<DecideTrainingSelection>,
    session: ServerAction<AddTrainingSession>,
    mark: ServerAction<MarkTrainingAttendance>,
    result: ServerAction<RecordTrainingResult>,
    cancel: ServerAction<CancelTrainingProgramme>,
}

#[component]
pub fn CompanyTrainingPage() -> impl IntoView {
    view! { <ManagePage base="/perusahaan/pelatihan" /> }
}

#[component]
pub fn OfficerTrainingPage() -> impl IntoView {
    view! { <ManagePage base="/petugas/pelatihan" /> }
}

fn number(query: &leptos_router::params::ParamsMap, name: &str) -> i64 {
    query.get(name).and_then(|v| v.parse().ok()).unwrap_or(0)
}

#[component]
fn ManagePage(base: &'static str) -> impl IntoView {
    let t = use_strings();
    let a = Actions {
        save: ServerAction::new(),
        decide: ServerAction::new(),
        session: ServerAction::new(),
        mark: ServerAction::new(),
        result: ServerAction::new(),
        cancel: ServerAction::new(),
    };
    let query = use_query_map();
    let opened = move || query.with(|q| number(q, "program"));
    let editing = move || query.with(|q| number(q, "ubah"));
    let data = Resource::new(
        move || {
            (
                opened(),
                a.save.version().get(),
                a.decide.version().get(),
                a.session.version().get(),
                a.mark.version().get(),
                a.result.version().get(),
                a.cancel.version().get(),
            )
        },
        |(id, ..)| load_training_manage(id),
    );
    let prefill = Resource::new(editing, |id| async move {
        if id == 0 {
            Ok(ProgrammeForm::default())
        } else {
            load_programme_form(id).await
        }
    });
    view! {
        <Title text=t.training_manage_title />
        <h1 class="text-2xl font-bold">{t.training_manage_title}</h1>
        <p class="mt-1 max-w-3xl text-slate-700">{t.training_manage_lead}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || data.get().map(|result| match result {
                Ok(data) => view! { <Overview data base a /> }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
        <Suspense fallback=|| ()>
            {move || match (prefill.get(), data.get()) {
                (Some(Ok(form)), Some(Ok(data))) => Some(view! { <ProgrammeFormCard programme_id=editing() prefill=form data save=a.save /> }.into_any()),
                _ => None,
            }}
        </Suspense>
    }
}

fn stats_line(t: &'static crate::core::i18n::Strings, s: &ProgrammeStats) -> String {
    let dash = || "—".to_owned();
    fill(
        t.training_stats_line,
        &[
            ("finished", &s.finished.to_string()),
            (
                "completion",
                &s.completion_rate.map_or_else(dash, |r| format!("{r}%")),
            ),
            (
                "placement",
                &s.placement_rate.map_or_else(dash, |r| format!("{r}%")),
            ),
            (
                "rating",
                &s.rating_tenths
                    .map_or_else(dash, |r| format!("{}.{}", r / 10, r % 10)),
            ),
        ],
    )
}

#[component]
fn Overview(data: ManageData, base: &'static str, a: Actions) -> impl IntoView {
    let t = use_strings();
    view! {
        <p class="mt-2 text-sm" data-testid="provider-stats">{stats_line(t, &data.totals)}</p>
        <section class="mt-6" aria-labelledby="my-programmes">
            <h2 id="my-programmes" class="text-xl font-semibold">{t.training_my_programmes}</h2>
            {data.programmes.is_empty().then(|| view! { <p class="mt-2">{t.training_none}</p> })}
            <ul class="mt-3 space-y-2" data-testid="provider-programmes">
                {data.programmes.into_iter().map(|p| view! {
                    <li class="card flex flex-wrap items-baseline justify-between gap-2">
                        <span class="font-semibold">{p.title.clone()}</span>
                        <span class="text-sm">{format!("{} – {} · {}/{} + {}/{}", p.starts_on, p.ends_on, p.held, p.quota, p.reserve_held, p.reserves)}</span>
                        <span class="flex gap-3 text-sm">
                            <a class="link" href=format!("{base}?program={}", p.id) data-testid="open-programme">{t.training_open}</a>
                            <a class="link" href=format!("{base}?ubah={}", p.id)>{t.training_edit}</a>
                            <a class="link" href=format!("/pelatihan/{}", p.id)>{t.training_public_page}</a>
                        </span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
        {data.opened.map(|opened| view! { <Opened opened a /> })}
    }
}

#[component]
fn Opened(opened: ManagedProgramme, a: Actions) -> impl IntoView {
    let t = use_strings();
    let accepted: Vec<Participant> = opened
        .participants
        .iter()
        .filter(|p| p.status == RegStatus::Accepted.as_str())
        .cloned()
        .collect();
    let programme_id = opened.card.id;
    view! {
        <section class="mt-8" aria-labelledby="opened-programme" data-testid="opened-programme">
            <h2 id="opened-programme" class="text-xl font-semibold">{opened.card.title.clone()}</h2>
            <p class="text-sm">{stats_line(t, &opened.stats)}</p>
            {(!opened.stats.comments.is_empty()).then(|| view! {
                <h3 class="mt-3 font-semibold">{t.training_comments}</h3>
                <ul class="mt-1 list-disc pl-5 text-sm" data-testid="rating-comments">
                    {opened.stats.comments.clone().into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                </ul>
            })}
            {(opened.card.status == "published").then(|| view! {
                <ActionForm action=a.cancel attr:class="mt-3">
                    <input type="hidden" name="programme_id" value=programme_id />
                    <button type="submit" class="btn-secondary" data-testid="cancel-programme">{t.training_cancel_programme}</button>
                </ActionForm>
            })}
            <FormProblem errors=FormErrors::new(a.cancel.value()) />
            <FormProblem errors=FormErrors::new(a.decide.value()) />
            <FormProblem errors=FormErrors::new(a.result.value()) />
            <div class="mt-3 overflow-x-auto" tabindex="0" role="region" aria-label=t.training_participants>
                <table class="w-full text-left text-sm">
                    <thead><tr><th class="p-2">{t.full_name}</th><th class="p-2">{t.status}</th><th class="p-2">{t.training_attendance}</th><th class="p-2">{t.training_actions}</th></tr></thead>
                    <tbody>{opened.participants.into_iter().map(|p| view! { <ParticipantRow p a /> }).collect_view()}</tbody>
                </table>
            </div>
            <h3 class="mt-6 text-lg font-semibold">{t.training_sessions}</h3>
            <FormProblem errors=FormErrors::new(a.mark.value()) />
            {opened.sessions.into_iter().map(|s| view! { <SessionChecklist s accepted=accepted.clone() a /> }).collect_view()}
            <ActionForm action=a.session attr:class="card mt-3 flex flex-wrap items-end gap-3">
                <input type="hidden" name="programme_id" value=programme_id />
                <label class="text-sm">{t.training_session_on}<input type="date" name="session_on" class="ml-2 rounded border border-slate-400 px-2 py-1" /></label>
                <label class="text-sm">{t.training_session_topic}<input name="topic" class="ml-2 rounded border border-slate-400 px-2 py-1" /></label>
                <button type="submit" class="btn-secondary" data-testid="add-session">{t.training_add_session}</button>
            </ActionForm>
            <FormProblem errors=FormErrors::new(a.session.value()) />
        </section>
    }
}

#[component]
fn ParticipantRow(p: Participant, a: Actions) -> impl IntoView {
    let t = use_strings();
    let status = RegStatus::parse(&p.status);
    let id = p.registration_id;
    let decide = move |decision: &'static str, label: &'static str| {
        view! {
            <ActionForm action=a.decide>
                <input type="hidden" name="registration_id" value=id />
                <input type="hidden" name="decision" value=decision />
                <button type="submit" class="btn-secondary" data-testid=format!("decide-{decision}")>{label}</button>
            </ActionForm>
        }
    };
    let result = move |value: &'static str| {
        view! {
            <ActionForm action=a.result>
                <input type="hidden" name="registration_id" value=id />
                <input type="hidden" name="result" value=value />
                <button type="submit" class="btn-secondary" data-testid=format!("result-{value}")>{word(t, "reg", value)}</button>
            </ActionForm>
        }
    };
    let mut state = word(t, "reg", &p.status).to_owned();
    if let Some(rank) = p.reserve_rank {
        state = format!(
            "{state} ({})",
            fill(t.training_reserve_rank, &[("rank", &rank.to_string())])
        );
    }
    view! {
        <tr class="border-t border-slate-200" data-testid="participant">
            <td class="p-2">{p.name.clone()}</td>
            <td class="p-2" data-testid="participant-status">{state}</td>
            <td class="p-2">{format!("{}%", p.attendance_share)}</td>
            <td class="flex flex-wrap gap-2 p-2">
                {matches!(status, Some(RegStatus::Registered | RegStatus::Reserve)).then(|| decide("accepted", t.training_accept))}
                {(status == Some(RegStatus::Registered)).then(|| decide("reserve", t.training_to_reserve))}
                {matches!(status, Some(RegStatus::Registered | RegStatus::Reserve)).then(|| decide("not_accepted", t.training_not_accept))}
                {(status == Some(RegStatus::Accepted)).then(|| view! { {result("completed")}{result("passed")}{result("not_completed")} })}
                {p.certificate_code.clone().map(|code| view! { <a class="link" href=format!("/verifikasi/pelatihan/{code}")>{code.clone()}</a> })}
            </td>
        </tr>
    }
}

#[component]
fn SessionChecklist(s: SessionSheet, accepted: Vec<Participant>, a: Actions) -> impl IntoView {
    let t = use_strings();
    let session_id = s.id;
    view! {
        <div class="card mt-3" data-testid="session">
            <p class="font-semibold">{format!("{} · {}", s.session_on, s.topic)}</p>
            <ul class="mt-2 grid gap-2 sm:grid-cols-2">
                {accepted.into_iter().map(|p| {
                    let here = s.present.contains(&p.registration_id);
                    view! {
                        <li class="flex items-center justify-between gap-2">
                            <span>{p.name.clone()}</span>
                            <ActionForm action=a.mark>
                                <input type="hidden" name="session_id" value=session_id />
                                <input type="hidden" name="registration_id" value=p.registration_id />
                                <input type="hidden" name="present" value=if here { "0" } else { "1" } />
                                <button type="submit" class=if here { "btn-primary" } else { "btn-secondary" } aria-pressed=here.to_string() data-testid="attendance-toggle">
                                    {if here { t.training_present } else { t.training_absent }}
                                </button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn ProgrammeFormCard(
    programme_id: i64,
    prefill: ProgrammeForm,
    data: ManageData,
    save: ServerAction<SaveProgramme>,
) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(save.value());
    let on_submit = move |ev: SubmitEvent| {
        if let Some(input) = errors.check::<SaveProgramme>(&ev, |input| {
            let today = (input.programme_id == 0).then(today_wib);
            input
                .form
                .check(today)
                .err()
                .unwrap_or_else(FieldErrors::new)
        }) {
            save.dispatch(input);
        }
    };
    let office = data.provider == "office";
    let kinds: Vec<(String, String)> = ["blk", "partner"]
        .iter()
        .map(|k| ((*k).to_owned(), word(t, "provider", k).to_owned()))
        .collect();
    let formats: Vec<(String, String)> = FORMATS
        .iter()
        .map(|k| ((*k).to_owned(), word(t, "format", k).to_owned()))
        .collect();
    let selections: Vec<(String, String)> = SELECTIONS
        .iter()
        .map(|k| ((*k).to_owned(), word(t, "selection", k).to_owned()))
        .collect();
    let p = prefill;
    let or = |value: &str, default: &str| {
        if value.is_empty() {
            default.to_owned()
        } else {
            value.to_owned()
        }
    };
    let saved = move || save.value().get().and_then(Result::ok);
    view! {
        <form method="post" action=SaveProgramme::url() on:submit=on_submit on:input=move |ev| errors.clear_on_input(&ev) novalidate
            class="card mt-8 grid gap-4 sm:grid-cols-2" data-testid="programme-form">
            <h2 class="text-lg font-semibold sm:col-span-2">{if programme_id == 0 { t.training_new } else { t.training_edit }}</h2>
            <input type="hidden" name="programme_id" value=programme_id />
            <div class="sm:col-span-2"><Field label=t.training_field_title name="form[title]" error=errors.field("title") value=p.title.clone() /></div>
            <div class="field sm:col-span-2">
                <label for="programme-description" class="block font-medium">{t.training_field_description}</label>
                <textarea id="programme-description" name="form[description]" rows="4" class="mt-1 w-full rounded-lg border border-slate-400 px-3 py-2">{p.description.clone()}</textarea>
                <p class="mt-1 text-sm text-red-800" role="alert">{move || errors.field("description").get().map(|k| crate::core::i18n::localize(t, &k))}</p>
            </div>
            {if office {
                view! {
                    <Select label=t.training_provider name="form[provider_kind]" error=errors.field("provider_kind") options=kinds.clone() selected=or(&p.provider_kind, "blk") />
                    <Field label=t.training_field_provider_name name="form[provider_name]" error=errors.field("provider_name") value=or(&p.provider_name, "BLK Kabupaten Tangerang") />
                }.into_any()
            } else {
                view! { <input type="hidden" name="form[provider_kind]" value="company" /> }.into_any()
            }}
            <Select label=t.training_occupation name="form[kbji_code]" error=errors.field("kbji_code") options=data.occupations.clone() selected=p.kbji_code.clone() />
            <Field label=t.training_field_skills name="form[skills]" error=errors.field("skills") value=p.skills.clone() hint=t.training_field_skills_hint />
            <div class="field sm:col-span-2">
                <label for="programme-units" class="block font-medium">{t.training_units}</label>
                <p id="programme-units-hint" class="text-sm text-slate-600">{t.training_field_units_hint}</p>
                <textarea id="programme-units" name="form[skkni_units]" rows="3" aria-describedby="programme-units-hint" class="mt-1 w-full rounded-lg border border-slate-400 px-3 py-2">{p.skkni_units.clone()}</textarea>
                <p class="mt-1 text-sm text-red-800" role="alert">{move || errors.field("skkni_units").get().map(|k| crate::core::i18n::localize(t, &k))}</p>
            </div>
            <Select label=t.training_format name="form[format]" error=errors.field("format") options=formats selected=or(&p.format, "in_person") />
            <Select label=t.training_district name="form[district_code]" error=errors.field("district_code") options=data.districts.clone() selected=p.district_code.clone() />
            <Field label=t.training_field_starts_on name="form[starts_on]" error=errors.field("starts_on") kind="date" value=p.starts_on.clone() />
            <Field label=t.training_field_ends_on name="form[ends_on]" error=errors.field("ends_on") kind="date" value=p.ends_on.clone() />
            <Field label=t.training_hours name="form[hours]" error=errors.field("hours") inputmode="numeric" value=p.hours.clone() />
            <Field label=t.training_field_cost name="form[cost_idr]" error=errors.field("cost_idr") inputmode="numeric" value=or(&p.cost_idr, "0") />
            <Field label=t.training_field_quota name="form[quota]" error=errors.field("quota") inputmode="numeric" value=or(&p.quota, "16") />
            <Field label=t.training_field_reserves name="form[reserves]" error=errors.field("reserves") inputmode="numeric" value=or(&p.reserves, "2") />
            <Field label=t.training_field_min_age name="form[min_age]" error=errors.field("min_age") inputmode="numeric" value=or(&p.min_age, "18") />
            <Field label=t.training_field_max_age name="form[max_age]" error=errors.field("max_age") inputmode="numeric" value=or(&p.max_age, "35") />
            <Select label=t.training_min_education name="form[min_education]" error=errors.field("min_education") options=data.education.clone() selected=p.min_education.clone() />
            <Select label=t.training_eligible_district name="form[eligible_district]" error=errors.field("eligible_district") options=data.districts.clone() selected=p.eligible_district.clone() />
            <label class="flex items-center gap-2 sm:col-span-2"><input type="checkbox" name="form[requires_ak1]" value="1" checked=p.requires_ak1 == "1" />{t.training_requires_ak1}</label>
            <Field label=t.training_field_registration_opens name="form[registration_opens_on]" error=errors.field("registration_opens_on") kind="date" value=p.registration_opens_on.clone() />
            <Field label=t.training_field_registration_closes name="form[registration_closes_on]" error=errors.field("registration_closes_on") kind="date" value=p.registration_closes_on.clone() />
            <Select label=t.training_selection name="form[selection]" error=errors.field("selection") options=selections selected=or(&p.selection, "none") />
            <Field label=t.training_field_selection_on name="form[selection_on]" error=errors.field("selection_on") kind="date" value=p.selection_on.clone() hint=t.training_field_selection_on_hint />
            <div class="grid gap-2 sm:col-span-2">
                <FormProblem errors />
                {move || saved().map(|id| view! {
                    <p role="status" class="rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-emerald-900" data-testid="programme-saved">
                        {t.training_saved}" "<a class="link" href=format!("/pelatihan/{id}")>{t.training_public_page}</a>
                    </p>
                })}
                <button type="submit" class="btn-primary justify-self-start" data-testid="programme-save">{t.save}</button>
            </div>
        </form>
    }
}
