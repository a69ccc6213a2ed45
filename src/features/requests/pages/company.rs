//! The company's requests page (`/perusahaan/layanan`): every active type to file (each its own form from
//! the type's schema, documents as files), and the company's requests with status, deadline, trail,
//! documents, the issued PDF, the survey, correction, withdrawal and permit stages.
use leptos::{
    ev::SubmitEvent,
    prelude::*,
    server_fn::ServerFn,
    wasm_bindgen::JsCast,
    web_sys::{FormData, HtmlFormElement},
};
use leptos_meta::Title;

use crate::{
    core::{error::AppError, i18n::fill},
    features::requests::{
        api::{
            CorrectRequest, FileRequest, TrackRequest, WithdrawRequest, correct_request,
            file_request, load_company_requests,
        },
        model::{RequestStatus, RequestType, RequestView},
        pages::parts::{
            Deadline, FieldLines, SchemaDocument, SchemaField, StatusBadge, Trail, english, lookup,
            value_of,
        },
    },
    ui::{
        error_panel::ErrorPanel,
        form::{FormErrors, FormProblem, Success, succeeded},
        use_strings,
    },
};

#[derive(Clone, Copy)]
struct Actions {
    file: Action<FormData, Result<String, AppError>>,
    correct: Action<FormData, Result<(), AppError>>,
    withdraw: ServerAction<WithdrawRequest>,
    track: ServerAction<TrackRequest>,
}

/// Posts a multipart form through an action (the browser's FormData keeps the files).
pub(crate) fn dispatch_form<T: 'static>(
    action: Action<FormData, T>,
) -> impl Fn(SubmitEvent) + Copy {
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
pub fn CompanyRequestsPage() -> impl IntoView {
    let t = use_strings();
    let actions = Actions {
        file: Action::new_local(|data: &FormData| file_request(data.clone().into())),
        correct: Action::new_local(|data: &FormData| correct_request(data.clone().into())),
        withdraw: ServerAction::new(),
        track: ServerAction::new(),
    };
    let data = Resource::new(
        move || {
            (
                actions.file.version().get(),
                actions.correct.version().get(),
                actions.withdraw.version().get(),
                actions.track.version().get(),
            )
        },
        |_| load_company_requests(),
    );
    view! {
        <Title text=t.requests_company_title />
        <h1 class="text-2xl font-bold">{t.requests_company_title}</h1>
        <p class="mt-1 text-slate-700">{t.requests_company_lead}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || data.get().map(|result| match result {
                Ok(data) => view! {
                    <section class="mt-6" aria-labelledby="my-requests">
                        <h2 id="my-requests" class="text-xl font-semibold">{t.requests_mine}</h2>
                        {data.requests.is_empty().then(|| view! { <p class="mt-2">{t.requests_none}</p> })}
                        <ul class="mt-3 space-y-4" data-testid="my-requests">
                            {data.requests.into_iter().map(|request| {
                                let ty = data.types.iter().find(|ty| ty.key == request.type_key).cloned();
                                view! { <RequestCard request ty actions now_ms=data.now_ms /> }
                            }).collect_view()}
                        </ul>
                    </section>
                    <section class="mt-8" aria-labelledby="new-request">
                        <h2 id="new-request" class="text-xl font-semibold">{t.requests_new}</h2>
                        <FileForms types=data.types file=actions.file />
                    </section>
                }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn FileForms(
    types: Vec<RequestType>,
    file: Action<FormData, Result<String, AppError>>,
) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(file.value());
    let done = Signal::derive(move || file.value().get().and_then(Result::ok));
    let en = english();
    view! {
        {move || done.get().map(|code| view! {
            <p role="status" class="mt-2 rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-emerald-900" data-testid="request-filed">
                {fill(t.requests_filed, &[("code", &code)])}
            </p>
        })}
        <div class="mt-3 space-y-3">
            {types.into_iter().map(|ty| {
                let prefix = format!("new-{}", ty.key);
                view! {
                    <details class="card" data-testid=format!("file-{}", ty.key)>
                        <summary class="cursor-pointer text-lg font-semibold">{ty.name(en).to_owned()}</summary>
                        <p class="mt-1 text-sm text-slate-700">{ty.legal_basis.clone()}</p>
                        <form method="post" action=FileRequest::url() enctype="multipart/form-data" on:submit=dispatch_form(file)
                            class="mt-3 grid gap-3 sm:grid-cols-2" novalidate>
                            <input type="hidden" name="type_id" value=ty.id />
                            {ty.fields.iter().cloned().map(|spec| view! { <SchemaField spec value=String::new() prefix=prefix.clone() errors /> }).collect_view()}
                            {ty.documents.iter().cloned().map(|spec| view! { <SchemaDocument spec prefix=prefix.clone() errors optional=false /> }).collect_view()}
                            <div class="grid gap-2 sm:col-span-2">
                                <FormProblem errors />
                                <button type="submit" class="btn-primary justify-self-start" data-testid="request-submit">{t.requests_submit}</button>
                            </div>
                        </form>
                    </details>
                }
            }).collect_view()}
        </div>
    }
}

#[component]
fn RequestCard(
    request: RequestView,
    ty: Option<RequestType>,
    actions: Actions,
    now_ms: i64,
) -> impl IntoView {
    let t = use_strings();
    let en = english();
    let id = request.id;
    let status = RequestStatus::parse(&request.status);
    let issued = status.is_some_and(RequestStatus::issued) && request.number.is_some();
    let name = if en {
        request.type_name_en.clone()
    } else {
        request.type_name_id.clone()
    };
    view! {
        <li class="card" data-testid="request-item">
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <h3 class="text-lg font-semibold">{name}</h3>
                <span class="font-mono text-sm" data-testid="request-code">{request.code.clone()}</span>
            </div>
            <p class="mt-1"><StatusBadge status=request.status.clone() />
                {request.number.clone().map(|n| view! { <span class="ml-2 font-mono text-sm" data-testid="request-number">{n}</span> })}
                {request.valid_until.clone().map(|v| view! { <span class="ml-2 text-sm">{format!("{} {v}", t.requests_valid_until)}</span> })}
            </p>
            <Deadline request=request.clone() now_ms />
            <FieldLines fields=request.fields.clone() />
            {request.warnings.iter().map(|w| view! { <p class="mt-1 text-sm font-semibold text-amber-900">{lookup(t, w)}</p> }).collect_view()}
            {(!request.documents.is_empty()).then(|| view! {
                <ul class="mt-2 text-sm">
                    {request.documents.iter().map(|d| view! {
                        <li><a class="link" rel="external" target="_blank" href=format!("/layanan/{id}/berkas/{}", d.id)>{if en { d.label_en.clone() } else { d.label_id.clone() }}</a>{format!(" ({})", d.file_name)}</li>
                    }).collect_view()}
                </ul>
            })}
            <Trail trail=request.trail.clone() />
            <div class="mt-3 flex flex-wrap items-center gap-3">
                {issued.then(|| view! { <a class="btn-secondary" rel="external" href=format!("/layanan/{id}/dokumen.pdf") data-testid="request-pdf">{t.requests_download}</a> })}
                {request.verification_code.clone().filter(|_| issued).map(|code| view! { <a class="link" href=format!("/verifikasi/layanan/{code}") data-testid="request-verify">{t.requests_verify_title}</a> })}
                {request.survey_code.clone().map(|code| view! { <a class="link" href=format!("/survei/{code}") data-testid="request-survey">{t.requests_survey}</a> })}
                {status.is_some_and(RequestStatus::withdrawable).then(|| view! {
                    <ActionForm action=actions.withdraw>
                        <input type="hidden" name="request_id" value=id />
                        <button type="submit" class="btn-secondary">{t.requests_withdraw}</button>
                    </ActionForm>
                })}
            </div>
            {(status == Some(RequestStatus::CorrectionRequested)).then(|| ty.clone().map(|ty| view! { <CorrectionForm request=request.clone() ty correct=actions.correct /> }))}
            {(request.rule == "tka_permit" && status == Some(RequestStatus::Registered)).then(|| view! { <TrackForm id track=actions.track /> })}
        </li>
    }
}

#[component]
fn CorrectionForm(
    request: RequestView,
    ty: RequestType,
    correct: Action<FormData, Result<(), AppError>>,
) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(correct.value());
    let done = succeeded(correct.value());
    let prefix = format!("fix-{}", request.id);
    let reason = request
        .trail
        .iter()
        .rev()
        .find(|e| e.to_status == "correction_requested")
        .and_then(|e| e.reason.clone());
    view! {
        <div class="mt-3 rounded-lg border border-amber-300 bg-amber-50 p-3" data-testid="correction">
            <h4 class="font-semibold">{t.requests_correction_asked}</h4>
            {reason.map(|r| view! { <p class="text-sm">{r}</p> })}
            <Success done message=t.requests_corrected />
            <form method="post" action=CorrectRequest::url() enctype="multipart/form-data" on:submit=dispatch_form(correct)
                class="mt-2 grid gap-3 sm:grid-cols-2" novalidate>
                <input type="hidden" name="request_id" value=request.id />
                {ty.fields.iter().filter(|f| f.kind != crate::features::requests::model::types::FieldKind::Nik).cloned().map(|spec| {
                    let value = value_of(&request.values, &spec.key);
                    view! { <SchemaField spec value prefix=prefix.clone() errors /> }
                }).collect_view()}
                {ty.documents.iter().cloned().map(|spec| view! { <SchemaDocument spec prefix=prefix.clone() errors optional=true /> }).collect_view()}
                <div class="grid gap-2 sm:col-span-2">
                    <FormProblem errors />
                    <button type="submit" class="btn-primary justify-self-start" data-testid="correction-submit">{t.requests_resubmit}</button>
                </div>
            </form>
        </div>
    }
}

#[component]
fn TrackForm(id: i64, track: ServerAction<TrackRequest>) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(track.value());
    let stages = ["diajukan", "verifikasi", "disetujui", "ditolak"];
    view! {
        <ActionForm action=track attr:class="mt-3 flex flex-wrap items-end gap-2">
            <input type="hidden" name="request_id" value=id />
            <label class="text-sm">{t.requests_stage}
                <select name="stage" class="ml-2 rounded border border-slate-400 bg-white px-2 py-1">
                    {stages.into_iter().map(|s| view! { <option value=s>{lookup(t, &format!("requests_option_{s}"))}</option> }).collect_view()}
                </select>
            </label>
            <label class="text-sm">{t.requests_stage_note}<input name="note" class="ml-2 rounded border border-slate-400 px-2 py-1" /></label>
            <button type="submit" class="btn-secondary">{t.requests_stage_save}</button>
            <FormProblem errors />
        </ActionForm>
    }
}
