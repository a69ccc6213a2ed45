//! The staff editor: a new regulation (on `/regulasi`) or a new version (on a regulation's page). The
//! same `check()` runs here and on the server.
use leptos::{ev::SubmitEvent, prelude::*, server_fn::ServerFn};

use crate::{
    features::regulations::{
        api::PublishRegulation,
        model::{CATEGORIES, KINDS, RegulationForm},
    },
    ui::{
        form::{Field, FormErrors, FormProblem, Select, Success, succeeded},
        use_strings,
    },
};

/// (value, label) of categories or kinds, labelled by `regulation_cat_*` / `regulation_kind_*`.
pub fn labelled(prefix: &str, values: &[&str]) -> Vec<(String, String)> {
    let t = use_strings();
    values
        .iter()
        .map(|v| {
            let label = t.lookup(&format!("{prefix}{v}")).unwrap_or(v);
            ((*v).to_owned(), label.to_owned())
        })
        .collect()
}

#[component]
fn Area(
    label: &'static str,
    name: &'static str,
    value: String,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let t = use_strings();
    let id = name.replace(['[', ']'], "_");
    let error_id = format!("{id}-error");
    view! {
        <div class="field sm:col-span-2">
            <label for=id.clone() class="block font-medium text-slate-800">{label}</label>
            <textarea id=id name=name rows="6" aria-describedby=error_id.clone()
                aria-invalid=move || error.try_get().flatten().is_some().to_string()
                class="mt-1 w-full rounded-lg border border-slate-400 px-3 py-2">{value}</textarea>
            <p id=error_id class="mt-1 text-sm text-red-800" role="alert">
                {move || error.try_get().flatten().map(|key| crate::core::i18n::localize(t, &key))}
            </p>
        </div>
    }
}

#[component]
pub fn RegulationEditor(
    form: RegulationForm,
    publish: ServerAction<PublishRegulation>,
) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(publish.value());
    let on_submit = move |ev: SubmitEvent| {
        if let Some(input) = errors.check::<PublishRegulation>(&ev, |input| input.form.check()) {
            publish.dispatch(input);
        }
    };
    let new = form.is_new();
    let heading = if new {
        t.regulation_new
    } else {
        t.regulation_new_version
    };
    view! {
        <form method="post" action=PublishRegulation::url() on:submit=on_submit on:input=move |ev| errors.clear_on_input(&ev) novalidate
            class="card mt-6 grid gap-4 sm:grid-cols-2" data-testid="regulation-editor">
            <h2 class="text-lg font-semibold sm:col-span-2">{heading}</h2>
            <input type="hidden" name="form[regulation_id]" value=form.regulation_id.clone() />
            <input type="hidden" name="form[base_version]" value=form.base_version.clone() />
            <Select label=t.regulation_category name="form[category]" error=errors.field("category")
                options=labelled("regulation_cat_", &CATEGORIES) selected=form.category.clone() />
            <Select label=t.regulation_kind name="form[kind]" error=errors.field("kind")
                options=labelled("regulation_kind_", &KINDS) selected=form.kind.clone() />
            <Field label=t.regulation_field_title name="form[title]" error=errors.field("title") value=form.title.clone() />
            <Field label=t.regulation_field_effective name="form[effective_on]" kind="date" error=errors.field("effective_on") value=form.effective_on.clone() />
            <Area label=t.regulation_field_body name="form[body]" value=form.body.clone() error=errors.field("body") />
            <Field label=t.regulation_field_title_en name="form[title_en]" error=errors.field("title_en") value=form.title_en.clone() />
            <Field label=t.regulation_field_link name="form[link]" error=errors.field("link") value=form.link.clone() hint=t.regulation_link_hint />
            <Area label=t.regulation_field_body_en name="form[body_en]" value=form.body_en.clone() error=errors.field("body_en") />
            {(!new).then(|| view! {
                <div class="sm:col-span-2">
                    <Field label=t.regulation_field_change name="form[change_note]" error=errors.field("change_note") />
                </div>
            })}
            <div class="grid gap-2 sm:col-span-2">
                <FormProblem errors />
                <Success done=succeeded(publish.value()) message=t.regulation_published />
                <button type="submit" class="btn-primary justify-self-start" data-testid="regulation-publish">{t.regulation_publish}</button>
            </div>
        </form>
    }
}
