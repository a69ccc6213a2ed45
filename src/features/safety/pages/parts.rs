//! A small multipart form shared by the K3 pages: a hidden id, an optional note and one file, sent as
//! `FormData` (it works before hydration too: a plain multipart POST to the server function).
use leptos::{
    ev::SubmitEvent,
    prelude::*,
    wasm_bindgen::JsCast,
    web_sys::{FormData, HtmlFormElement},
};

use crate::{
    core::error::AppError,
    ui::{
        form::{FormErrors, FormProblem, Success, succeeded},
        use_strings,
    },
};

/// The submit handler of a multipart form: the form's fields as `FormData`, to a local action.
pub fn multipart_submit<T: 'static>(
    action: Action<FormData, Result<T, AppError>>,
) -> impl Fn(SubmitEvent) + Copy + 'static {
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

#[component]
pub fn FileForm<T: Clone + Send + Sync + 'static>(
    action: Action<FormData, Result<T, AppError>>,
    url: &'static str,
    /// (name, value) of the hidden id.
    hidden: (&'static str, i64),
    /// (name, label, accept) of the file input.
    file: (&'static str, &'static str, &'static str),
    /// The label of a note field, if the form has one.
    note: Option<&'static str>,
) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(action.value());
    let (name, label, accept) = file;
    let file_id = format!("{name}-{}", hidden.1);
    let note_id = format!("note-{name}-{}", hidden.1);
    let error = errors.field(name);
    let note_error = errors.field("note");
    view! {
        <form method="post" action=url enctype="multipart/form-data" on:submit=multipart_submit(action)
            class="mt-2 flex flex-wrap items-end gap-2" data-testid=format!("{name}-form")>
            <input type="hidden" name=hidden.0 value=hidden.1 />
            {note.map(|note_label| view! {
                <div class="field">
                    <label for=note_id.clone() class="block text-sm font-medium">{note_label}</label>
                    <input id=note_id.clone() name="note" class="mt-1 rounded border border-slate-400 px-2 py-1" />
                    <p class="text-sm text-red-800" role="alert">{move || note_error.get().map(|key| crate::core::i18n::localize(t, &key))}</p>
                </div>
            })}
            <div class="field">
                <label for=file_id.clone() class="block text-sm font-medium">{label}</label>
                <input id=file_id type="file" name=name accept=accept class="mt-1 text-sm" />
                <p class="text-sm text-red-800" role="alert">{move || error.get().map(|key| crate::core::i18n::localize(t, &key))}</p>
            </div>
            <button type="submit" class="btn-secondary">{t.send}</button>
            <FormProblem errors />
            <Success done=succeeded(action.value()) message=t.safety_sent />
        </form>
    }
}
