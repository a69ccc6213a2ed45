//! The admins' request types (`/admin/layanan`): edit each type (names, legal basis, who decides, clocks,
//! the document, the fields and documents as lines) and add a new one, which companies can file at once.
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    features::requests::{
        api::{SaveRequestType, load_request_types},
        model::types::{RequestType, documents_text, fields_text},
        pages::parts::{lookup, status_text},
    },
    ui::{
        error_panel::ErrorPanel,
        form::{Field, FormErrors, FormProblem, Success, succeeded},
        use_strings,
    },
};

#[component]
pub fn RequestTypesPage() -> impl IntoView {
    let t = use_strings();
    let save = ServerAction::<SaveRequestType>::new();
    let types = Resource::new(move || save.version().get(), |_| load_request_types());
    view! {
        <Title text=t.requests_admin_title />
        <h1 class="text-2xl font-bold">{t.requests_admin_title}</h1>
        <p class="mt-1 text-slate-700">{t.requests_admin_lead}</p>
        <Success done=succeeded(save.value()) message=t.requests_type_saved />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || types.get().map(|result| match result {
                Ok(types) => view! {
                    <section class="mt-4">
                        <h2 class="text-xl font-semibold">{t.requests_type_new}</h2>
                        <TypeEditor ty=None save />
                    </section>
                    <section class="mt-8 space-y-3" data-testid="request-types">
                        {types.into_iter().map(|ty| view! { <TypeEditor ty=Some(ty) save /> }).collect_view()}
                    </section>
                }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

/// The values a type's form starts with (empty for a new type).
#[derive(Clone, Default)]
struct Initial {
    key: String,
    name_id: String,
    name_en: String,
    legal_basis: String,
    decider: String,
    issued: String,
    decision_days: String,
    correction_days: String,
    document: String,
    validity: String,
    deemed: bool,
    active: bool,
    fields: String,
    documents: String,
}

impl Initial {
    fn of(ty: Option<&RequestType>) -> Initial {
        ty.map_or_else(
            || Initial {
                active: true,
                decider: "officer".into(),
                issued: "approved".into(),
                ..Initial::default()
            },
            |ty| Initial {
                key: ty.key.clone(),
                name_id: ty.name_id.clone(),
                name_en: ty.name_en.clone(),
                legal_basis: ty.legal_basis.clone(),
                decider: ty.decider.clone(),
                issued: ty.issued_status.clone(),
                decision_days: ty.decision_working_days.to_string(),
                correction_days: ty.correction_working_days.to_string(),
                document: ty.document_title.clone(),
                validity: ty.validity_months.to_string(),
                deemed: ty.deemed_approval,
                active: ty.active,
                fields: fields_text(&ty.fields),
                documents: documents_text(&ty.documents),
            },
        )
    }
}

#[component]
fn LinesArea(
    prefix: String,
    name: &'static str,
    label: &'static str,
    value: String,
    hint: &'static str,
    errors: FormErrors,
) -> impl IntoView {
    let t = use_strings();
    let id = format!("{prefix}-{name}");
    view! {
        <div class="field sm:col-span-2">
            <label for=id.clone() class="block font-medium">{label}</label>
            <p class="text-sm text-slate-600">{hint}</p>
            <textarea id=id name=format!("form[{name}]") rows="5" class="mt-1 w-full rounded-lg border border-slate-400 px-3 py-2 font-mono text-sm">{value}</textarea>
            <p class="mt-1 text-sm text-red-800" role="alert">{move || errors.field(name).get().map(|key| crate::core::i18n::localize(t, &key))}</p>
        </div>
    }
}

#[component]
fn TypeEditor(ty: Option<RequestType>, save: ServerAction<SaveRequestType>) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(save.value());
    let id = ty.as_ref().map_or(0, |ty| ty.id);
    let summary = ty.as_ref().map(|ty| format!("{} ({})", ty.name_id, ty.key));
    let i = Initial::of(ty.as_ref());
    let p = format!("type-{id}");
    let (pd, pi) = (format!("{p}-decider"), format!("{p}-issued"));
    let (deciders, issued) = (i.decider.clone(), i.issued.clone());
    let body = view! {
        <ActionForm action=save attr:class="mt-3 grid gap-3 sm:grid-cols-2" attr:data-testid="type-form">
            <input type="hidden" name="type_id" value=id />
            <Field label=t.requests_type_key name="form[key]" id=format!("{p}-key") error=errors.field("key") value=i.key />
            <Field label=t.requests_type_name_id name="form[name_id]" id=format!("{p}-name_id") error=errors.field("name_id") value=i.name_id />
            <Field label=t.requests_type_name_en name="form[name_en]" id=format!("{p}-name_en") error=errors.field("name_en") value=i.name_en />
            <Field label=t.requests_type_basis name="form[legal_basis]" id=format!("{p}-legal_basis") error=errors.field("legal_basis") value=i.legal_basis />
            <div class="field">
                <label for=pd.clone() class="block font-medium">{t.requests_type_decider}</label>
                <select id=pd name="form[decider]" class="mt-1 w-full rounded-lg border border-slate-400 bg-white px-3 py-2">
                    {["officer", "receipt", "record"].into_iter().map(|d| view! { <option value=d selected=deciders == d>{lookup(t, &format!("requests_decider_{d}"))}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=pi.clone() class="block font-medium">{t.requests_type_issued_status}</label>
                <select id=pi name="form[issued_status]" class="mt-1 w-full rounded-lg border border-slate-400 bg-white px-3 py-2">
                    {["approved", "registered"].into_iter().map(|s| view! { <option value=s selected=issued == s>{status_text(t, s)}</option> }).collect_view()}
                </select>
            </div>
            <Field label=t.requests_type_decision_days name="form[decision_working_days]" id=format!("{p}-dd") kind="number" error=errors.field("decision_working_days") value=i.decision_days />
            <Field label=t.requests_type_correction_days name="form[correction_working_days]" id=format!("{p}-cd") kind="number" error=errors.field("correction_working_days") value=i.correction_days />
            <Field label=t.requests_type_document name="form[document_title]" id=format!("{p}-doc") error=errors.field("document_title") value=i.document />
            <Field label=t.requests_type_validity name="form[validity_months]" id=format!("{p}-valid") kind="number" error=errors.field("validity_months") value=i.validity />
            <label class="flex items-center gap-2"><input type="checkbox" name="form[deemed_approval]" checked=i.deemed />{t.requests_type_deemed}</label>
            <label class="flex items-center gap-2"><input type="checkbox" name="form[active]" checked=i.active />{t.requests_type_active}</label>
            <LinesArea prefix=p.clone() name="fields" label=t.requests_type_fields value=i.fields hint=t.requests_type_fields_hint errors />
            <LinesArea prefix=p.clone() name="documents" label=t.requests_type_documents value=i.documents hint=t.requests_type_documents_hint errors />
            <div class="grid gap-2 sm:col-span-2">
                <FormProblem errors />
                <button type="submit" class="btn-primary justify-self-start" data-testid="type-save">{t.requests_type_save}</button>
            </div>
        </ActionForm>
    };
    match summary {
        Some(summary) => view! {
            <details class="card"><summary class="cursor-pointer font-semibold">{summary}</summary>{body}</details>
        }.into_any(),
        None => view! { <div class="card">{body}</div> }.into_any(),
    }
}
