//! The worker's page for a union's strike notices (`/akun/mogok`, UU 13/2003 Ps 140): a signed-in worker
//! files the notice for their union against the employer named by its NIB (a company registered on the
//! portal), gets the receipt at once, and follows the mediation the office opens.
use leptos::{prelude::*, server_fn::ServerFn, web_sys::FormData};
use leptos_meta::Title;

use crate::{
    core::{error::AppError, i18n::fill},
    features::requests::{
        api::{FileRequest, file_request, load_union_notices},
        model::{RequestStatus, RequestType, RequestView},
        pages::{
            company::dispatch_form,
            parts::{
                ErrorText, FieldLines, SchemaDocument, SchemaField, StatusBadge, Trail, english,
                server_error,
            },
        },
    },
    ui::{
        error_panel::ErrorPanel,
        form::{FormErrors, FormProblem},
        use_strings,
    },
};

#[component]
pub fn UnionNoticesPage() -> impl IntoView {
    let t = use_strings();
    let file: Action<FormData, Result<String, AppError>> =
        Action::new_local(|data: &FormData| file_request(data.clone().into()));
    let data = Resource::new(move || file.version().get(), |_| load_union_notices());
    view! {
        <Title text=t.requests_union_title />
        <h1 class="text-2xl font-bold">{t.requests_union_title}</h1>
        <p class="mt-1 text-slate-700">{t.requests_union_lead}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || data.get().map(|result| match result {
                Ok(data) => view! {
                    <section class="mt-6" aria-labelledby="union-notices">
                        <h2 id="union-notices" class="text-xl font-semibold">{t.requests_union_mine}</h2>
                        {data.requests.is_empty().then(|| view! { <p class="mt-2">{t.requests_none}</p> })}
                        <ul class="mt-3 space-y-4" data-testid="union-notices">
                            {data.requests.into_iter().map(|request| view! { <NoticeCard request /> }).collect_view()}
                        </ul>
                    </section>
                    <section class="mt-8" aria-labelledby="union-new">
                        <h2 id="union-new" class="text-xl font-semibold">{t.requests_new}</h2>
                        {data.types.into_iter().map(|ty| view! { <NoticeForm ty file /> }).collect_view()}
                    </section>
                }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

/// A filing form naming its company by NIB: the employer of a union's strike notice here, or the walk-in
/// company an officer serves at the counter (`input` "company_nib", on the officers' page).
#[component]
pub fn NoticeForm(
    ty: RequestType,
    file: Action<FormData, Result<String, AppError>>,
    #[prop(default = "employer_nib")] input: &'static str,
    #[prop(optional)] label: Option<&'static str>,
) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(file.value());
    let done = Signal::derive(move || file.value().get().and_then(Result::ok));
    let prefix = format!(
        "{}-{}",
        if input == "employer_nib" {
            "union"
        } else {
            "counter"
        },
        ty.key
    );
    let nib_id = format!("{prefix}-{input}");
    let nib_error = format!("{nib_id}-error");
    view! {
        {move || done.get().map(|code| view! {
            <p role="status" class="mt-2 rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-emerald-900" data-testid="request-filed">
                {fill(t.requests_filed, &[("code", &code)])}
            </p>
        })}
        <div class="card mt-3" data-testid=format!("file-{}", ty.key)>
            <h3 class="text-lg font-semibold">{ty.name(english()).to_owned()}</h3>
            <p class="mt-1 text-sm text-slate-700">{ty.legal_basis.clone()}</p>
            <form method="post" action=FileRequest::url() enctype="multipart/form-data" on:submit=dispatch_form(file)
                class="mt-3 grid gap-3 sm:grid-cols-2" novalidate>
                <input type="hidden" name="type_id" value=ty.id />
                <div class="field">
                    <label for=nib_id.clone() class="block font-medium text-slate-800">{label.unwrap_or(t.requests_employer_nib)}</label>
                    <input id=nib_id name=input inputmode="numeric" maxlength="13" class="mt-1 w-full rounded-lg border border-slate-400 px-3 py-2" aria-describedby=nib_error.clone() data-testid=input />
                    <ErrorText id=nib_error error=server_error(errors, input.into()) />
                </div>
                {ty.fields.iter().cloned().map(|spec| view! { <SchemaField spec value=String::new() prefix=prefix.clone() errors /> }).collect_view()}
                {ty.documents.iter().cloned().map(|spec| view! { <SchemaDocument spec prefix=prefix.clone() errors optional=false /> }).collect_view()}
                <div class="grid gap-2 sm:col-span-2">
                    <FormProblem errors />
                    <button type="submit" class="btn-primary justify-self-start" data-testid="request-submit">{t.requests_submit}</button>
                </div>
            </form>
        </div>
    }
}

#[component]
fn NoticeCard(request: RequestView) -> impl IntoView {
    let t = use_strings();
    let id = request.id;
    let issued = RequestStatus::parse(&request.status).is_some_and(RequestStatus::issued)
        && request.number.is_some();
    let name = if english() {
        request.type_name_en.clone()
    } else {
        request.type_name_id.clone()
    };
    view! {
        <li class="card" data-testid="union-notice">
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <h3 class="text-lg font-semibold">{name}" · "{request.company_name.clone()}</h3>
                <span class="font-mono text-sm">{request.code.clone()}</span>
            </div>
            <p class="mt-1"><StatusBadge status=request.status.clone() />
                {request.number.clone().map(|n| view! { <span class="ml-2 font-mono text-sm">{n}</span> })}
            </p>
            <FieldLines fields=request.fields.clone() />
            <Trail trail=request.trail.clone() />
            <div class="mt-3 flex flex-wrap items-center gap-3">
                {issued.then(|| view! { <a class="btn-secondary" rel="external" href=format!("/layanan/{id}/dokumen.pdf")>{t.requests_download}</a> })}
                {request.verification_code.clone().filter(|_| issued).map(|code| view! { <a class="link" href=format!("/verifikasi/layanan/{code}")>{t.requests_verify_title}</a> })}
                {request.survey_code.clone().map(|code| view! { <a class="link" href=format!("/survei/{code}")>{t.requests_survey}</a> })}
            </div>
        </li>
    }
}
