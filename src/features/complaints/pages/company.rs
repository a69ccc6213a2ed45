//! The company's complaints (`/perusahaan/pengaduan`): the cases naming it (never anonymous ones, never the
//! name of a confidential complainant), with the next deadline, the timeline and the answer form.
use leptos::{prelude::*, server_fn::ServerFn, web_sys::FormData};
use leptos_meta::Title;

use crate::{
    core::error::AppError,
    features::complaints::{
        api::{AnswerComplaint, answer_complaint, load_company_complaints},
        model::CompanyCase,
        pages::parts::{
            FileInput, NextStep, Sessions, TextArea, Timeline, label, submit_multipart,
        },
    },
    ui::{
        error_panel::ErrorPanel,
        form::{FormErrors, FormProblem, Select},
        use_strings,
    },
};

#[component]
pub fn CompanyComplaintsPage() -> impl IntoView {
    let t = use_strings();
    let answer: Action<FormData, Result<(), AppError>> =
        Action::new_local(|data: &FormData| answer_complaint(data.clone().into()));
    let data = Resource::new(
        move || answer.version().get(),
        |_| load_company_complaints(),
    );
    view! {
        <Title text=t.complaint_company_title />
        <h1 class="text-2xl font-bold">{t.complaint_company_title}</h1>
        <p class="mt-1 max-w-3xl text-slate-700">{t.complaint_company_lead}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || data.get().map(|result| match result {
                Ok(cases) if cases.is_empty() => view! { <p class="mt-4">{t.complaint_company_none}</p> }.into_any(),
                Ok(cases) => view! {
                    <ul class="mt-4 space-y-6" data-testid="company-complaints">
                        {cases.into_iter().map(|case| view! { <CaseCard case answer /> }).collect_view()}
                    </ul>
                }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn CaseCard(case: CompanyCase, answer: Action<FormData, Result<(), AppError>>) -> impl IntoView {
    let t = use_strings();
    let id = case.id;
    let errors = FormErrors::new(answer.value());
    let open = !matches!(case.status.as_str(), "closed" | "referred");
    let can_answer = case.status == "recommendation" && case.company_answer.is_none();
    let answers = vec![
        ("accept".to_owned(), t.complaint_answer_accept.to_owned()),
        ("reject".to_owned(), t.complaint_answer_reject.to_owned()),
    ];
    view! {
        <li class="card" data-testid="company-complaint">
            <p class="font-mono font-semibold" data-testid="company-complaint-ref">{case.reference.clone()}</p>
            <p>{label(t, "cat", &case.category)}" · "{t.complaint_status}": "<strong>{label(t, "status", &case.status)}</strong></p>
            <p class="text-sm">{t.complaint_complainant}": "{case.complainant_name.clone().unwrap_or_else(|| t.complaint_identity_hidden.to_owned())}</p>
            <p class="mt-2 whitespace-pre-line">{case.description.clone()}</p>
            <p class="text-sm">{t.complaint_since}": "{case.since_date.clone()}" · "{t.complaint_workers}": "{case.workers_affected}</p>
            <NextStep next=case.next.clone() />
            {case.anjuran.clone().map(|a| view! { <h2 class="mt-3 font-semibold">{t.complaint_anjuran}</h2><p class="whitespace-pre-line text-sm">{a}</p> })}
            <ul class="mt-2 flex flex-wrap gap-3">
                {case.documents.iter().map(|kind| view! { <li><a class="link" rel="external" target="_blank" href=format!("/pengaduan/kasus/{id}/dokumen/{kind}")>{label(t, "doc", kind)}" (PDF)"</a></li> }).collect_view()}
                {case.files.iter().map(|f| view! { <li><a class="link" rel="external" target="_blank" href=format!("/pengaduan/kasus/{id}/berkas/{}", f.id)>{f.file_name.clone()}</a></li> }).collect_view()}
            </ul>
            <Sessions sessions=case.sessions.clone() />
            <Timeline events=case.events.clone() />
            {open.then(|| view! {
                <form method="post" action=AnswerComplaint::url() enctype="multipart/form-data" on:submit=submit_multipart(answer)
                    class="mt-4 grid gap-3" data-testid="company-answer-form">
                    <h2 class="font-semibold">{t.complaint_company_answer}</h2>
                    <input type="hidden" name="complaint_id" value=id />
                    {can_answer.then(|| view! { <Select label=t.complaint_your_answer name="answer" error=errors.field("answer") options=answers.clone() /> })}
                    <TextArea label=t.complaint_message name="text" id=format!("answer-text-{id}") error=errors.field("text") />
                    <FileInput id=format!("answer-file-{id}") errors />
                    <FormProblem errors />
                    <button type="submit" class="btn-primary justify-self-start" data-testid="company-answer-submit">{t.send}</button>
                </form>
            })}
        </li>
    }
}
