//! The report page's due dates and the events a company declares (a planned move or closing, a
//! reopening), with the form to declare one (checked in the browser with the server's rules).
use leptos::{ev::SubmitEvent, prelude::*, server_fn::ServerFn};

use crate::{
    core::{error::FieldErrors, i18n::fill},
    features::manpower_report::{
        api::DeclareManpowerEvent,
        events::{DeclaredEvent, DueView, EVENT_KINDS},
    },
    ui::{
        form::{Field, FormErrors, FormProblem, Select, Success, succeeded},
        use_strings,
    },
};

/// The open due dates, earliest first.
#[component]
pub fn DueList(dues: Vec<DueView>) -> impl IntoView {
    let t = use_strings();
    view! {
        <ul class="mt-1 list-disc pl-5 text-sm" data-testid="manpower-dues">
            {dues.into_iter().map(|d| {
                let what = t.lookup(&format!("manpower_due_{}", d.trigger)).unwrap_or_default();
                view! {
                    <li class=if d.overdue { "font-semibold text-red-800" } else { "" }>
                        {fill(what, &[("date", &d.due_date)])}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The declared events and the form to declare one.
#[component]
pub fn EventsCard(
    events: Vec<DeclaredEvent>,
    declare: ServerAction<DeclareManpowerEvent>,
) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(declare.value());
    let on_submit = move |ev: SubmitEvent| {
        let today = crate::core::calendar::wib_date(crate::ui::form::now_ms());
        if let Some(input) = errors.check::<DeclareManpowerEvent>(&ev, |i| {
            i.form.check(today).err().unwrap_or_else(FieldErrors::new)
        }) {
            declare.dispatch(input);
        }
    };
    let label = move |kind: &str| {
        t.lookup(&format!("manpower_event_{kind}"))
            .unwrap_or_default()
    };
    let kinds: Vec<(String, String)> = EVENT_KINDS
        .iter()
        .map(|k| ((*k).to_owned(), label(k).to_owned()))
        .collect();
    view! {
        <section class="card mt-6" aria-labelledby="manpower-events">
            <h2 id="manpower-events" class="text-lg font-semibold">{t.manpower_events_title}</h2>
            <p class="text-sm text-slate-700">{t.manpower_events_lead}</p>
            <ul class="mt-2 list-disc pl-5 text-sm" data-testid="manpower-events">
                {events.into_iter().map(|e| view! { <li>{format!("{}: {}", label(&e.kind), e.date)}</li> }).collect_view()}
            </ul>
            <form method="post" action=DeclareManpowerEvent::url() on:submit=on_submit on:input=move |ev| errors.clear_on_input(&ev) novalidate
                class="mt-3 grid gap-3 sm:grid-cols-3" data-testid="manpower-event-form">
                <Select label=t.manpower_event_kind name="form[kind]" error=errors.field("kind") options=kinds />
                <Field label=t.manpower_event_date name="form[date]" kind="date" error=errors.field("date") />
                <div class="grid gap-2 self-end">
                    <button type="submit" class="btn-secondary justify-self-start">{t.send}</button>
                </div>
                <div class="sm:col-span-3">
                    <FormProblem errors />
                    <Success done=succeeded(declare.value()) message=t.manpower_event_saved />
                </div>
            </form>
        </section>
    }
}
