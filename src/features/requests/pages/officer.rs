//! The officers' queue (`/petugas/layanan`): requests waiting for the office, oldest first, overdue in red,
//! with the form, documents, the worker's objection and the trail; take into review, ask for a correction,
//! approve or register, refuse. Those back with the applicant follow; a walk-in company is served at the
//! counter (a company's type filed for it by NIB); the IKM report is a link away.
use leptos::{prelude::*, web_sys::FormData};
use leptos_meta::Title;

use crate::{
    core::error::AppError,
    features::requests::{
        api::{DecideRequest, file_request, load_officer_requests},
        model::RequestView,
        pages::{
            parts::{Deadline, FieldLines, StatusBadge, Trail, english, lookup},
            union::NoticeForm,
        },
    },
    ui::{
        error_panel::ErrorPanel,
        form::{FormErrors, FormProblem},
        use_strings,
    },
};

#[component]
pub fn RequestQueuePage() -> impl IntoView {
    let t = use_strings();
    let decide = ServerAction::<DecideRequest>::new();
    let file: Action<FormData, Result<String, AppError>> =
        Action::new_local(|data: &FormData| file_request(data.clone().into()));
    let data = Resource::new(
        move || (decide.version().get(), file.version().get()),
        |_| load_officer_requests(),
    );
    view! {
        <Title text=t.requests_officer_title />
        <h1 class="text-2xl font-bold">{t.requests_officer_title}</h1>
        <p class="mt-1 text-sm"><a class="link" href="/petugas/layanan/ikm">{t.survey_report_title}</a></p>
        <FormProblem errors=FormErrors::new(decide.value()) />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || data.get().map(|result| match result {
                Ok(data) => view! {
                    <section class="mt-4" aria-labelledby="request-queue">
                        <h2 id="request-queue" class="text-xl font-semibold">{t.requests_queue}</h2>
                        <p class="text-slate-700" data-testid="request-counts">
                            {format!("{} {}", data.queue.len(), t.requests_waiting)}
                            {(data.overdue > 0).then(|| view! { <strong class="text-red-800">{format!(" · {} {}", data.overdue, t.overdue)}</strong> })}
                        </p>
                        {data.queue.is_empty().then(|| view! { <p class="mt-2">{t.queue_empty}</p> })}
                        <ul class="mt-3 space-y-4" data-testid="request-queue">
                            {data.queue.into_iter().map(|request| view! { <QueueCard request decide now_ms=data.now_ms /> }).collect_view()}
                        </ul>
                    </section>
                    <section class="mt-8" aria-labelledby="request-counter" data-testid="request-counter">
                        <h2 id="request-counter" class="text-xl font-semibold">{t.requests_counter_title}</h2>
                        <p class="mt-1 text-sm text-slate-700">{t.requests_counter_lead}</p>
                        {data.types.into_iter().map(|ty| view! {
                            <details class="mt-2">
                                <summary class="cursor-pointer font-medium">{ty.name(english()).to_owned()}</summary>
                                <NoticeForm ty file input="company_nib" label=t.requests_company_nib />
                            </details>
                        }).collect_view()}
                    </section>
                    <section class="mt-8" aria-labelledby="request-corrections">
                        <h2 id="request-corrections" class="text-xl font-semibold">{t.requests_with_applicant}</h2>
                        <ul class="mt-2 space-y-2">
                            {data.corrections.into_iter().map(|request| view! {
                                <li class="card text-sm">
                                    <span class="font-semibold">{request.company_name.clone()}</span>" · "{request.type_name_id.clone()}" · "
                                    <span class="font-mono">{request.code.clone()}</span>" "<StatusBadge status=request.status.clone() />
                                    <Deadline request=request.clone() now_ms=data.now_ms />
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn QueueCard(
    request: RequestView,
    decide: ServerAction<DecideRequest>,
    now_ms: i64,
) -> impl IntoView {
    let t = use_strings();
    let en = english();
    let id = request.id;
    let approve = if ["pkb", "pkb_extension", "phk"].contains(&request.type_key.as_str()) {
        t.requests_register
    } else {
        t.requests_approve
    };
    view! {
        <li class="card" data-testid="request-queue-item">
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <h3 class="text-lg font-semibold">{request.company_name.clone()}</h3>
                <span class="font-mono text-sm">{request.code.clone()}</span>
            </div>
            <p class="mt-1">{if en { request.type_name_en.clone() } else { request.type_name_id.clone() }}" "<StatusBadge status=request.status.clone() /></p>
            <Deadline request=request.clone() now_ms />
            <FieldLines fields=request.fields.clone() />
            {request.warnings.iter().map(|w| view! { <p class="mt-1 text-sm font-semibold text-amber-900">{lookup(t, w)}</p> }).collect_view()}
            {request.objection.clone().map(|o| view! { <p class="mt-2 rounded border border-red-300 bg-red-50 p-2 text-sm" data-testid="request-objection">{t.requests_objection}": "{o}</p> })}
            <ul class="mt-2 text-sm">
                {request.documents.iter().map(|d| view! {
                    <li><a class="link" rel="external" target="_blank" href=format!("/layanan/{id}/berkas/{}", d.id)>{if en { d.label_en.clone() } else { d.label_id.clone() }}</a></li>
                }).collect_view()}
            </ul>
            <Trail trail=request.trail.clone() />
            <div class="mt-3 flex flex-wrap items-end gap-3">
                {(request.status == "submitted").then(|| view! {
                    <ActionForm action=decide>
                        <input type="hidden" name="request_id" value=id />
                        <input type="hidden" name="decision" value="review" />
                        <button type="submit" class="btn-secondary" data-testid="request-take">{t.requests_take}</button>
                    </ActionForm>
                })}
                <ActionForm action=decide>
                    <input type="hidden" name="request_id" value=id />
                    <input type="hidden" name="decision" value="approve" />
                    <button type="submit" class="btn-primary" data-testid="request-approve">{approve}</button>
                </ActionForm>
                <ActionForm action=decide attr:class="flex flex-wrap items-end gap-2">
                    <input type="hidden" name="request_id" value=id />
                    <label class="text-sm">{t.reason}<input name="reason" class="ml-2 rounded border border-slate-400 px-2 py-1" data-testid="request-reason" /></label>
                    <button type="submit" name="decision" value="revise" class="btn-secondary" data-testid="request-revise">{t.requests_ask_correction}</button>
                    <button type="submit" name="decision" value="reject" class="btn-secondary">{t.reject}</button>
                </ActionForm>
            </div>
        </li>
    }
}
