//! Form helpers: the shared `check()` runs before a server function is called, and both its errors
//! and the server's are shown beside the fields, localized. The form is never re-rendered on error, so
//! nothing the user typed is lost.
use leptos::{ev::SubmitEvent, form::FromFormData, prelude::*};
use serde::de::DeserializeOwned;

use crate::{
    core::error::{AppError, FieldErrors},
    ui::{error_panel::ErrorBox, use_strings},
};

/// Client-side and server-side errors of one form.
#[derive(Clone, Copy)]
pub struct FormErrors {
    pub client: RwSignal<FieldErrors>,
    pub server: Signal<Option<AppError>>,
}

impl FormErrors {
    /// From a server action's `value()`.
    pub fn new<V, T>(value: V) -> FormErrors
    where
        V: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
        T: Clone + Send + Sync + 'static,
    {
        FormErrors {
            client: RwSignal::new(FieldErrors::new()),
            server: Signal::derive(move || value.get().and_then(Result::err)),
        }
    }

    /// The translation key of the problem with `field`, from the browser's check or the server's.
    pub fn field(self, field: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || {
            // `try_`: a form swapped out by its own success (a receipt replacing it) is disposed while
            // its fields' effects may still run once; they then see no error instead of panicking.
            self.client
                .try_with(|c| c.get(field).map(str::to_owned))
                .flatten()
                .or_else(|| match self.server.try_get().flatten() {
                    Some(AppError::Validation(errors)) => errors.get(field).map(str::to_owned),
                    _ => None,
                })
        })
    }

    /// Forgets the browser's complaint about a field as soon as the person edits it.
    pub fn clear_on_input(self, ev: &leptos::ev::Event) {
        use leptos::wasm_bindgen::JsCast;
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let name = input.name();
        // `form[nik]`, `entry[employer]` → the field's own name.
        let field = name
            .rsplit_once('[')
            .map_or(name.as_str(), |(_, inner)| inner)
            .trim_end_matches(']')
            .to_owned();
        if self.client.with_untracked(|c| c.get(&field).is_some()) {
            self.client.update(|c| {
                c.0.remove(&field);
            });
        }
    }

    /// Reads the submitted form, runs the form's `check`, and returns the input to dispatch (or `None`).
    pub fn check<S: DeserializeOwned>(
        self,
        ev: &SubmitEvent,
        validate: impl Fn(&S) -> FieldErrors,
    ) -> Option<S> {
        ev.prevent_default();
        let input = S::from_event(ev).ok()?;
        let errors = validate(&input);
        let ok = errors.is_empty();
        self.client.set(errors);
        ok.then_some(input)
    }
}

/// A labelled input with its error and hint, wired for screen readers.
#[component]
pub fn Field(
    label: &'static str,
    /// The input's `name` (e.g. `form[nik]` for a struct argument).
    name: &'static str,
    error: Signal<Option<String>>,
    #[prop(optional)] kind: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(optional)] required: bool,
    /// The element id when the same form appears more than once on a page (default: from `name`).
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    let t = use_strings();
    let id = id.unwrap_or_else(|| name.replace(['[', ']'], "_"));
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = format!("{error_id} {hint_id}");
    view! {
        <div class="field">
            <label for=id.clone() class="block font-medium text-slate-800">{label}</label>
            {hint.map(|h| view! { <p id=hint_id.clone() class="text-sm text-slate-600">{h}</p> })}
            <input id=id name=name type=kind.unwrap_or("text") autocomplete=autocomplete inputmode=inputmode
                value=value required=required
                class="mt-1 w-full rounded-lg border border-slate-400 px-3 py-2 aria-[invalid=true]:border-red-700"
                aria-invalid=move || error.try_get().flatten().is_some().to_string() aria-describedby=described />
            <p id=error_id class="mt-1 text-sm text-red-800" role="alert">
                {move || error.try_get().flatten().map(|key| crate::core::i18n::localize(t, &key))}
            </p>
        </div>
    }
}

/// A labelled drop-down with its error; `options` are (value, label), the first option is "—" (none).
#[component]
pub fn Select(
    label: &'static str,
    name: &'static str,
    error: Signal<Option<String>>,
    options: Vec<(String, String)>,
    #[prop(optional, into)] selected: String,
    #[prop(optional)] on_pick: Option<Callback<String>>,
) -> impl IntoView {
    let t = use_strings();
    let id = name.replace(['[', ']'], "_");
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id.clone() class="block font-medium text-slate-800">{label}</label>
            <select id=id name=name aria-describedby=error_id.clone()
                aria-invalid=move || error.try_get().flatten().is_some().to_string()
                on:change=move |ev| { if let Some(pick) = on_pick { pick.run(event_target_value(&ev)) } }
                class="mt-1 w-full rounded-lg border border-slate-400 bg-white px-3 py-2 aria-[invalid=true]:border-red-700">
                <option value="">"—"</option>
                {options.into_iter().map(|(value, text)| {
                    let is_selected = value == selected;
                    view! { <option value=value selected=is_selected>{text}</option> }
                }).collect_view()}
            </select>
            <p id=error_id class="mt-1 text-sm text-red-800" role="alert">
                {move || error.try_get().flatten().map(|key| crate::core::i18n::localize(t, &key))}
            </p>
        </div>
    }
}

/// The error that belongs to no field (throttling, a conflict, a lost connection).
#[component]
pub fn FormProblem(errors: FormErrors) -> impl IntoView {
    move || match errors.server.try_get().flatten() {
        Some(AppError::Validation(_)) | None => None,
        Some(error) => Some(view! { <ErrorBox error /> }),
    }
}

/// True once a server action's last call succeeded.
pub fn succeeded<V, T>(value: V) -> Signal<bool>
where
    V: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
    Signal::derive(move || matches!(value.get(), Some(Ok(_))))
}

/// A green confirmation once the action succeeded.
#[component]
pub fn Success(done: Signal<bool>, message: &'static str) -> impl IntoView {
    move || {
        done.get().then(|| {
            view! { <p role="status" class="rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">{message}</p> }
        })
    }
}

/// Now as epoch milliseconds, in the browser or on the server (`time`'s clock is unavailable in WASM).
pub fn now_ms() -> i64 {
    #[cfg(feature = "hydrate")]
    let now_ms = js_sys::Date::now() as i64;
    #[cfg(not(feature = "hydrate"))]
    let now_ms = (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64;
    now_ms
}

/// Today's date in WIB, in the browser or on the server (for age checks in shared validators).
pub fn today_wib() -> time::Date {
    crate::core::calendar::wib_date(now_ms())
}
