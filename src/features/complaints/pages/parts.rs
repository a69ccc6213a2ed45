//! Pieces every complaint page shows: labels of stored codes, the clocks with their articles, the timeline,
//! the sessions, a text area with its error, and multipart forms.
use leptos::{
    ev::SubmitEvent,
    prelude::*,
    wasm_bindgen::JsCast,
    web_sys::{FormData, HtmlFormElement},
};

use crate::{
    core::{i18n::Strings, text::format_wib},
    features::complaints::model::{ClockView, EventView, SessionView},
    ui::{form::FormErrors, use_strings},
};

/// The label of a stored code (`complaint_<group>_<value>`), or the code itself.
pub fn label(t: &'static Strings, group: &str, value: &str) -> String {
    t.lookup(&format!("complaint_{group}_{value}"))
        .map_or_else(|| value.to_owned(), str::to_owned)
}

/// The next deadline: the step, its last day and the rule it comes from.
#[component]
pub fn NextStep(next: Option<ClockView>) -> impl IntoView {
    let t = use_strings();
    next.map(|c| {
        let class = if c.overdue { "mt-3 rounded-lg border border-red-300 bg-red-50 p-3 text-red-900" } else { "mt-3 rounded-lg border border-sky-300 bg-sky-50 p-3 text-sky-950" };
        view! {
            <div class=class data-testid="complaint-next">
                <p class="font-semibold">{t.complaint_next_step}": "{label(t, "clock", &c.step)}</p>
                <p>{t.complaint_due}": "<strong data-testid="complaint-next-due">{c.due_on.clone()}</strong>
                    {format!(" ({} {})", c.working_days, t.complaint_working_days)}
                    {c.overdue.then(|| format!(" — {}", t.overdue))}</p>
                <p class="text-sm">{t.complaint_article}": "<span data-testid="complaint-next-article">{c.article.clone()}</span></p>
            </div>
        }
    })
}

#[component]
pub fn Clocks(clocks: Vec<ClockView>) -> impl IntoView {
    let t = use_strings();
    (!clocks.is_empty()).then(|| view! {
        <div class="mt-4 overflow-x-auto" tabindex="0" role="region" aria-label=t.complaint_clocks>
            <table class="w-full text-left text-sm" data-testid="complaint-clocks">
                <caption class="text-left font-semibold">{t.complaint_clocks}</caption>
                <thead><tr>
                    <th scope="col" class="pr-3">{t.complaint_step}</th>
                    <th scope="col" class="pr-3">{t.complaint_started}</th>
                    <th scope="col" class="pr-3">{t.complaint_due}</th>
                    <th scope="col" class="pr-3">{t.complaint_done}</th>
                    <th scope="col">{t.complaint_article}</th>
                </tr></thead>
                <tbody>
                    {clocks.into_iter().map(|c| view! {
                        <tr class=if c.overdue { "text-red-800 font-semibold" } else { "" }>
                            <td class="pr-3">{label(t, "clock", &c.step)}</td>
                            <td class="pr-3">{c.started_on}</td>
                            <td class="pr-3">{c.due_on}{c.overdue.then(|| format!(" ({})", t.overdue))}</td>
                            <td class="pr-3">{c.done_on.unwrap_or_else(|| "—".into())}</td>
                            <td>{c.article}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    })
}

#[component]
pub fn Timeline(events: Vec<EventView>) -> impl IntoView {
    let t = use_strings();
    view! {
        <h2 class="mt-6 text-lg font-semibold">{t.complaint_timeline}</h2>
        <ol class="mt-2 space-y-2 border-l-2 border-slate-300 pl-4" data-testid="complaint-timeline">
            {events.into_iter().map(|e| view! {
                <li data-testid="complaint-event">
                    <p class="text-sm text-slate-600">{format_wib(e.at_ms)}" · "{label(t, "role", &e.by_role)}</p>
                    <p class="font-medium">{label(t, "event", &e.kind)}</p>
                    {(!e.body.is_empty()).then(|| view! { <p class="whitespace-pre-line text-sm">{e.body.clone()}</p> })}
                </li>
            }).collect_view()}
        </ol>
    }
}

#[component]
pub fn Sessions(sessions: Vec<SessionView>) -> impl IntoView {
    let t = use_strings();
    (!sessions.is_empty()).then(|| view! {
        <h2 class="mt-6 text-lg font-semibold">{t.complaint_sessions}</h2>
        <ul class="mt-2 space-y-2" data-testid="complaint-sessions">
            {sessions.into_iter().map(|s| view! {
                <li class="rounded border border-slate-200 p-2">
                    <p class="font-medium">{format!("{} {} · {} · {}", t.complaint_session, s.number, s.held_on, s.place)}</p>
                    <p class="whitespace-pre-line text-sm">{s.minutes.unwrap_or_else(|| t.complaint_no_minutes.to_owned())}</p>
                </li>
            }).collect_view()}
        </ul>
    })
}

/// A labelled text area with its error.
#[component]
pub fn TextArea(
    label: &'static str,
    name: &'static str,
    id: String,
    error: Signal<Option<String>>,
    #[prop(optional)] rows: Option<u32>,
) -> impl IntoView {
    let t = use_strings();
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id.clone() class="block font-medium text-slate-800">{label}</label>
            <textarea id=id name=name rows=rows.unwrap_or(4) aria-describedby=error_id.clone()
                aria-invalid=move || error.try_get().flatten().is_some().to_string()
                class="mt-1 w-full rounded-lg border border-slate-400 px-3 py-2"></textarea>
            <p id=error_id class="mt-1 text-sm text-red-800" role="alert">
                {move || error.try_get().flatten().map(|key| crate::core::i18n::localize(t, &key))}
            </p>
        </div>
    }
}

/// A multipart form's submit handler: sends the form's fields and files through `action`.
pub fn submit_multipart<T: 'static>(action: Action<FormData, T>) -> impl Fn(SubmitEvent) + Copy {
    move |ev: SubmitEvent| {
        ev.prevent_default();
        let data = ev
            .target()
            .and_then(|target| target.dyn_into::<HtmlFormElement>().ok())
            .and_then(|form| FormData::new_with_form(&form).ok());
        if let Some(data) = data {
            action.dispatch_local(data);
        }
    }
}

/// The file input of a multipart form, with its error.
#[component]
pub fn FileInput(id: String, errors: FormErrors) -> impl IntoView {
    let t = use_strings();
    view! {
        <div class="field">
            <label for=id.clone() class="block font-medium">{t.complaint_file}</label>
            <p class="text-sm text-slate-600">{t.complaint_file_hint}</p>
            <input id=id type="file" name="file" accept="application/pdf,image/jpeg,image/png" class="mt-1" />
            <p class="mt-1 text-sm text-red-800" role="alert">{move || errors.field("file").get().map(|key| crate::core::i18n::localize(t, &key))}</p>
        </div>
    }
}
