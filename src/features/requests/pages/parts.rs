//! Pieces the request pages share: the status badge, the form's lines, the trail, the deadline, and a
//! type's form fields built from its schema.
use leptos::prelude::*;

use crate::{
    core::{
        error::AppError,
        i18n::{Lang, Strings},
        text::format_wib,
    },
    features::requests::model::{
        FieldLine, RequestStatus, RequestView, TrailEntry, Values,
        filing::{document_input, field_input},
        types::{DocSpec, FieldKind, FieldSpec},
    },
    ui::{form::FormErrors, use_lang, use_strings},
};

pub fn english() -> bool {
    use_lang() == Lang::En
}

pub fn lookup(t: &'static Strings, key: &str) -> String {
    t.lookup(key).unwrap_or(key).to_owned()
}

pub fn status_text(t: &'static Strings, status: &str) -> String {
    RequestStatus::parse(status).map_or_else(|| status.to_owned(), |s| lookup(t, &s.label_key()))
}

fn status_class(status: &str) -> &'static str {
    match status {
        "approved" | "registered" | "deemed_approved" => {
            "rounded bg-emerald-100 px-2 py-0.5 text-sm font-semibold text-emerald-900"
        }
        "refused" | "withdrawn" => {
            "rounded bg-slate-200 px-2 py-0.5 text-sm font-semibold text-slate-900"
        }
        "correction_requested" => {
            "rounded bg-amber-100 px-2 py-0.5 text-sm font-semibold text-amber-900"
        }
        _ => "rounded bg-sky-100 px-2 py-0.5 text-sm font-semibold text-sky-900",
    }
}

#[component]
pub fn StatusBadge(status: String) -> impl IntoView {
    let t = use_strings();
    view! { <span class=status_class(&status) data-testid="request-status">{status_text(t, &status)}</span> }
}

#[component]
pub fn FieldLines(fields: Vec<FieldLine>) -> impl IntoView {
    let en = english();
    view! {
        <dl class="mt-2 grid gap-1 text-sm sm:grid-cols-2">
            {fields.into_iter().map(|f| view! {
                <div><dt class="inline text-slate-600">{if en { f.label_en } else { f.label_id }}": "</dt><dd class="inline">{f.value}</dd></div>
            }).collect_view()}
        </dl>
    }
}

#[component]
pub fn Trail(trail: Vec<TrailEntry>) -> impl IntoView {
    let t = use_strings();
    view! {
        <details class="mt-2 text-sm">
            <summary class="cursor-pointer">{t.requests_trail}</summary>
            <ol class="mt-1 space-y-1" data-testid="request-trail">
                {trail.into_iter().map(|e| {
                    let who = if e.actor_role.is_empty() { t.requests_actor_system.to_owned() } else { lookup(t, &format!("requests_actor_{}", e.actor_role)) };
                    view! {
                        <li>
                            {format_wib(e.at_ms)}" · "{status_text(t, &e.to_status)}" · "{who}
                            {e.reason.map(|r| view! { <span class="text-slate-700">{format!(" — {r}")}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </details>
    }
}

/// The current stage's deadline, in red once passed.
#[component]
pub fn Deadline(request: RequestView, now_ms: i64) -> impl IntoView {
    let t = use_strings();
    let status = RequestStatus::parse(&request.status);
    let running =
        status.is_some_and(|s| s.with_office() || s == RequestStatus::CorrectionRequested);
    request.due_at_ms.filter(|_| running).map(|due| {
        let overdue = due < now_ms;
        let label = if status == Some(RequestStatus::CorrectionRequested) { t.requests_correction_due } else { t.requests_decision_due };
        view! {
            <p class=if overdue { "mt-1 font-semibold text-red-800" } else { "mt-1 text-sm" } data-testid="request-due">
                {label}": "{format_wib(due)}{overdue.then(|| format!(" — {}", t.overdue))}
            </p>
        }
    })
}

/// A field's error from the server's answer (the form's fields are named at run time).
pub fn server_error(errors: FormErrors, name: String) -> Signal<Option<String>> {
    Signal::derive(move || match errors.server.get() {
        Some(AppError::Validation(e)) => e.get(&name).map(str::to_owned),
        _ => None,
    })
}

#[component]
pub fn ErrorText(id: String, error: Signal<Option<String>>) -> impl IntoView {
    let t = use_strings();
    view! { <p id=id class="mt-1 text-sm text-red-800" role="alert">{move || error.try_get().flatten().map(|key| crate::core::i18n::localize(t, &key))}</p> }
}

const INPUT: &str = "mt-1 w-full rounded-lg border border-slate-400 px-3 py-2";

/// One input of a type's schema, prefilled with `value`; `prefix` keeps ids unique on the page.
#[component]
pub fn SchemaField(
    spec: FieldSpec,
    value: String,
    prefix: String,
    errors: FormErrors,
) -> impl IntoView {
    let t = use_strings();
    let name = field_input(&spec.key);
    let id = format!("{prefix}-{name}");
    let error_id = format!("{id}-error");
    let label = if english() {
        spec.label_en.clone()
    } else {
        spec.label_id.clone()
    };
    let label = if spec.required {
        label
    } else {
        format!("{label} ({})", t.requests_optional)
    };
    let input = match spec.kind {
        FieldKind::LongText => view! {
            <textarea id=id.clone() name=name.clone() rows="3" class=INPUT aria-describedby=error_id.clone()>{value}</textarea>
        }.into_any(),
        FieldKind::YesNo | FieldKind::Choice => {
            let options: Vec<(String, String)> = if spec.kind == FieldKind::YesNo {
                vec![("ya".into(), t.requests_yes.to_owned()), ("tidak".into(), t.requests_no.to_owned())]
            } else {
                spec.options.iter().map(|o| (o.clone(), t.lookup(&format!("requests_option_{o}")).unwrap_or(o).to_owned())).collect()
            };
            view! {
                <select id=id.clone() name=name.clone() class=format!("{INPUT} bg-white") aria-describedby=error_id.clone()>
                    <option value="">"—"</option>
                    {options.into_iter().map(|(v, text)| { let selected = v == value; view! { <option value=v selected=selected>{text}</option> } }).collect_view()}
                </select>
            }.into_any()
        }
        kind => {
            let kind = match kind { FieldKind::Date => "date", FieldKind::Time => "time", FieldKind::Number => "number", _ => "text" };
            let inputmode = (spec.kind == FieldKind::Nik).then_some("numeric");
            view! { <input id=id.clone() name=name.clone() type=kind inputmode=inputmode value=value class=INPUT aria-describedby=error_id.clone() /> }.into_any()
        }
    };
    view! {
        <div class="field">
            <label for=id class="block font-medium text-slate-800">{label}</label>
            {input}
            <ErrorText id=error_id error=server_error(errors, name) />
        </div>
    }
}

/// A document input of a type's schema.
#[component]
pub fn SchemaDocument(
    spec: DocSpec,
    prefix: String,
    errors: FormErrors,
    optional: bool,
) -> impl IntoView {
    let t = use_strings();
    let name = document_input(&spec.key);
    let id = format!("{prefix}-{name}");
    let error_id = format!("{id}-error");
    let label = if english() {
        spec.label_en.clone()
    } else {
        spec.label_id.clone()
    };
    let label = if spec.required && !optional {
        label
    } else {
        format!("{label} ({})", t.requests_optional)
    };
    view! {
        <div class="field">
            <label for=id.clone() class="block font-medium text-slate-800">{label}</label>
            <input id=id type="file" name=name.clone() accept="application/pdf,image/jpeg,image/png" class="mt-1" aria-describedby=error_id.clone() />
            <ErrorText id=error_id error=server_error(errors, name) />
        </div>
    }
}

/// The value of a field for a prefilled form.
pub fn value_of(values: &Values, key: &str) -> String {
    values.get(key).cloned().unwrap_or_default()
}
