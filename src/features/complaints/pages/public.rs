//! The public complaint pages: filing at `/pengaduan` (signed in or not, three privacy levels, the code to
//! keep), and tracking at `/pengaduan/{code}` (status, the next step with its deadline and article, the
//! timeline, documents, adding information and files, answering the anjuran, rating the service).
use leptos::{ev::SubmitEvent, prelude::*, server_fn::ServerFn, web_sys::FormData};
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use crate::{
    core::{
        error::{AppError, FieldErrors},
        text::format_wib,
    },
    features::complaints::{
        api::{
            FileComplaint, RateComplaint, add_complaint_info, load_complaint_companies,
            track_complaint,
        },
        model::{Category, Privacy, TrackView},
        pages::parts::{
            Clocks, FileInput, NextStep, Sessions, TextArea, Timeline, label, submit_multipart,
        },
    },
    ui::{
        error_panel::ErrorPanel,
        form::{Field, FormErrors, FormProblem, Select, today_wib},
        use_strings,
    },
};

#[component]
pub fn ComplaintFilePage() -> impl IntoView {
    let t = use_strings();
    let file = ServerAction::<FileComplaint>::new();
    let query = use_query_map();
    let typed_code = move || {
        query
            .with(|q| q.get("kode"))
            .map(|c| c.trim().to_ascii_uppercase())
            .filter(|c| !c.is_empty())
    };
    let navigate = use_navigate();
    let on_track = move |ev: SubmitEvent| {
        let input = leptos::prelude::event_target::<leptos::web_sys::HtmlFormElement>(&ev);
        if let Some(code) = FormData::new_with_form(&input)
            .ok()
            .and_then(|d| d.get("kode").as_string())
        {
            ev.prevent_default();
            navigate(
                &format!("/pengaduan/{}", code.trim().to_ascii_uppercase()),
                Default::default(),
            );
        }
    };
    view! {
        <Title text=t.complaint_title />
        <h1 class="text-2xl font-bold">{t.complaint_title}</h1>
        <p class="mt-1 max-w-3xl text-slate-700">{t.complaint_lead}</p>
        <form method="get" action="/pengaduan" on:submit=on_track class="card mt-4 flex flex-wrap items-end gap-3" data-testid="complaint-track-form">
            <div class="field">
                <label for="kode" class="block font-medium">{t.complaint_track_label}</label>
                <input id="kode" name="kode" class="mt-1 rounded-lg border border-slate-400 px-3 py-2 font-mono" autocomplete="off" />
            </div>
            <button type="submit" class="btn-secondary">{t.complaint_track}</button>
        </form>
        {move || typed_code().map(|code| view! {
            <p class="mt-2"><a class="link" href=format!("/pengaduan/{code}")>{t.complaint_open_tracking}" "{code.clone()}</a></p>
        })}
        {move || match file.value().get() {
            Some(Ok(code)) => view! { <Filed code /> }.into_any(),
            _ => view! { <FileForm file /> }.into_any(),
        }}
    }
}

#[component]
fn Filed(code: String) -> impl IntoView {
    let t = use_strings();
    view! {
        <div role="status" class="card mt-6 border-emerald-300 bg-emerald-50" data-testid="complaint-filed">
            <h2 class="text-lg font-semibold">{t.complaint_filed}</h2>
            <p class="mt-2">{t.complaint_keep_code}</p>
            <p class="mt-2 font-mono text-2xl font-bold" data-testid="complaint-code">{code.clone()}</p>
            <p class="mt-3"><a class="btn-primary" href=format!("/pengaduan/{code}") data-testid="complaint-open">{t.complaint_open_tracking}</a></p>
        </div>
    }
}

fn options<T: Copy>(
    t: &'static crate::core::i18n::Strings,
    group: &str,
    all: &[T],
    text: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| (text(*v).to_owned(), label(t, group, text(*v))))
        .collect()
}

#[component]
fn FileForm(file: ServerAction<FileComplaint>) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(file.value());
    let companies = Resource::new(|| (), |_| load_complaint_companies());
    let on_submit = move |ev: SubmitEvent| {
        if let Some(input) = errors.check::<FileComplaint>(&ev, |input| {
            input
                .form
                .check(today_wib())
                .err()
                .unwrap_or_else(FieldErrors::new)
        }) {
            file.dispatch(input);
        }
    };
    let categories = options(t, "cat", Category::ALL, Category::as_str);
    let privacy = options(t, "privacy", Privacy::ALL, Privacy::as_str);
    view! {
        <form method="post" action=FileComplaint::url() on:submit=on_submit on:input=move |ev| errors.clear_on_input(&ev) novalidate
            class="card mt-6 grid gap-4 sm:grid-cols-2" data-testid="complaint-form">
            <h2 class="text-lg font-semibold sm:col-span-2">{t.complaint_new}</h2>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || companies.get().map(|list| {
                    let list: Vec<(String, String)> = list.unwrap_or_default().into_iter().map(|(id, name)| (id.to_string(), name)).collect();
                    view! { <Select label=t.complaint_company_pick name="form[company_id]" error=errors.field("company_id") options=list /> }
                })}
            </Suspense>
            <Field label=t.complaint_company_typed name="form[company_name]" error=errors.field("company_name") hint=t.complaint_company_hint />
            <Select label=t.complaint_category name="form[category]" error=errors.field("category") options=categories />
            <Field label=t.complaint_since name="form[since_date]" kind="date" error=errors.field("since_date") />
            <div class="sm:col-span-2"><TextArea label=t.complaint_description name="form[description]" id="complaint-description".into() error=errors.field("description") rows=6 /></div>
            <Field label=t.complaint_workers name="form[workers_affected]" inputmode="numeric" error=errors.field("workers_affected") />
            <Field label=t.complaint_lapor name="form[lapor_id]" error=errors.field("lapor_id") hint=t.complaint_lapor_hint />
            <div class="sm:col-span-2"><TextArea label=t.complaint_wish name="form[wish]" id="complaint-wish".into() error=errors.field("wish") rows=2 /></div>
            <div class="sm:col-span-2 rounded-lg bg-slate-50 p-3 text-sm">
                <p><strong>{label(t, "privacy", "open")}</strong>": "{t.complaint_privacy_open_hint}</p>
                <p><strong>{label(t, "privacy", "confidential")}</strong>": "{t.complaint_privacy_confidential_hint}</p>
                <p><strong>{label(t, "privacy", "anonymous")}</strong>": "{t.complaint_privacy_anonymous_hint}</p>
            </div>
            <Select label=t.complaint_privacy name="form[privacy]" error=errors.field("privacy") options=privacy />
            <Field label=t.complaint_name name="form[name]" autocomplete="name" error=errors.field("name") hint=t.complaint_name_hint />
            <Field label=t.complaint_email name="form[email]" kind="email" autocomplete="email" error=errors.field("email") />
            <Field label=t.complaint_phone name="form[phone]" kind="tel" autocomplete="tel" error=errors.field("phone") />
            <div class="grid gap-2 sm:col-span-2">
                <FormProblem errors />
                // Which limit was met, and the way around it (the counter), beside the generic text.
                {move || matches!(file.value().get(), Some(Err(AppError::RateLimited))).then(|| view! { <p class="text-sm text-red-800">{t.complaint_err_rate_limited}</p> })}
                <button type="submit" class="btn-primary justify-self-start" data-testid="complaint-submit">{t.complaint_submit}</button>
            </div>
        </form>
    }
}

#[component]
pub fn ComplaintTrackPage() -> impl IntoView {
    let t = use_strings();
    let params = use_params_map();
    let code = move || params.with(|p| p.get("code").unwrap_or_default());
    let add: Action<FormData, Result<(), AppError>> =
        Action::new_local(|data: &FormData| add_complaint_info(data.clone().into()));
    let rate = ServerAction::<RateComplaint>::new();
    let data = Resource::new(
        move || (code(), add.version().get(), rate.version().get()),
        |(code, _, _)| track_complaint(code),
    );
    view! {
        <Title text=t.complaint_track_title />
        <h1 class="text-2xl font-bold">{t.complaint_track_title}</h1>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || data.get().map(|result| match result {
                Ok(view) => view! { <Track view add rate /> }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div><p class="mt-2"><a class="link" href="/pengaduan">{t.complaint_title}</a></p> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Track(
    view: TrackView,
    add: Action<FormData, Result<(), AppError>>,
    rate: ServerAction<RateComplaint>,
) -> impl IntoView {
    let t = use_strings();
    let open = !matches!(view.status.as_str(), "closed" | "referred");
    let can_answer = view.status == "recommendation" && view.worker_answer.is_none();
    let code = view.code.clone();
    view! {
        <section class="card mt-4" data-testid="complaint-track">
            <p class="font-mono text-xl font-bold" data-testid="complaint-track-code">{view.code.clone()}</p>
            <dl class="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
                <div><dt class="inline text-slate-600">{t.complaint_company}": "</dt><dd class="inline">{view.company_name.clone()}</dd></div>
                <div><dt class="inline text-slate-600">{t.complaint_category}": "</dt><dd class="inline">{label(t, "cat", &view.category)}</dd></div>
                <div><dt class="inline text-slate-600">{t.complaint_privacy}": "</dt><dd class="inline">{label(t, "privacy", &view.privacy)}</dd></div>
                <div><dt class="inline text-slate-600">{t.complaint_filed_at}": "</dt><dd class="inline">{format_wib(view.filed_at_ms)}</dd></div>
                <div><dt class="inline text-slate-600">{t.complaint_status}": "</dt><dd class="inline font-semibold" data-testid="complaint-status">{label(t, "status", &view.status)}</dd></div>
                {view.forum.clone().map(|f| view! { <div><dt class="inline text-slate-600">{t.complaint_forum}": "</dt><dd class="inline font-semibold" data-testid="complaint-forum">{label(t, "forum", &f)}</dd></div> })}
                {view.outcome.clone().map(|o| view! { <div><dt class="inline text-slate-600">{t.complaint_outcome}": "</dt><dd class="inline font-semibold">{label(t, "outcome", &o)}</dd></div> })}
            </dl>
            <NextStep next=view.next.clone() />
            {view.referred_to.clone().map(|body| view! { <p class="mt-3 rounded-lg bg-amber-50 p-3 text-amber-950" data-testid="complaint-referred">{t.complaint_referred_to}": "{body}</p> })}
            {view.unlocked.clone().map(|(at, reason)| view! { <p class="mt-3 rounded-lg bg-amber-50 p-3 text-amber-950" data-testid="complaint-unlocked">{t.complaint_unlocked_notice}" ("{format_wib(at)}"): "{reason}</p> })}
            <ul class="mt-3 flex flex-wrap gap-3">
                {view.documents.iter().map(|kind| view! {
                    <li><a class="link" rel="external" target="_blank" href=format!("/pengaduan/{code}/dokumen/{kind}")>{label(t, "doc", kind)}" (PDF)"</a></li>
                }).collect_view()}
            </ul>
            {view.anjuran.clone().map(|a| view! { <h2 class="mt-4 font-semibold">{t.complaint_anjuran}</h2><p class="whitespace-pre-line text-sm">{a}</p> })}
            <Clocks clocks=view.clocks.clone() />
        </section>
        <Sessions sessions=view.sessions.clone() />
        <Timeline events=view.events.clone() />
        {open.then(|| view! { <AddInfo code=view.code.clone() can_answer add /> })}
        {(!open && view.rating.is_none()).then(|| view! { <Rate code=view.code.clone() rate survey=view.survey_code.clone() /> })}
    }
}

#[component]
fn AddInfo(
    code: String,
    can_answer: bool,
    add: Action<FormData, Result<(), AppError>>,
) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(add.value());
    let answers = vec![
        ("accept".to_owned(), t.complaint_answer_accept.to_owned()),
        ("reject".to_owned(), t.complaint_answer_reject.to_owned()),
    ];
    view! {
        <form method="post" action=crate::features::complaints::api::AddComplaintInfo::url() enctype="multipart/form-data" on:submit=submit_multipart(add)
            class="card mt-6 grid gap-3" data-testid="complaint-add-form">
            <h2 class="text-lg font-semibold">{t.complaint_add_info}</h2>
            <input type="hidden" name="code" value=code />
            {can_answer.then(|| view! { <Select label=t.complaint_your_answer name="answer" error=errors.field("answer") options=answers /> })}
            <TextArea label=t.complaint_message name="text" id="complaint-info-text".into() error=errors.field("text") />
            <FileInput id="complaint-info-file".into() errors />
            <FormProblem errors />
            {move || matches!(add.value().get(), Some(Ok(()))).then(|| view! { <p role="status" class="text-emerald-800">{t.complaint_sent}</p> })}
            <button type="submit" class="btn-primary justify-self-start" data-testid="complaint-add-submit">{t.send}</button>
        </form>
    }
}

#[component]
fn Rate(code: String, rate: ServerAction<RateComplaint>, survey: Option<String>) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(rate.value());
    let scores: Vec<(String, String)> = (1..=4)
        .map(|n| (n.to_string(), label(t, "rating", &n.to_string())))
        .collect();
    view! {
        <section class="card mt-6" data-testid="complaint-rate">
            <h2 class="text-lg font-semibold">{t.complaint_rate}</h2>
            {survey.map(|s| view! { <p><a class="link" href=format!("/survei/{s}")>{t.complaint_survey_link}</a></p> })}
            <ActionForm action=rate attr:class="mt-2 flex flex-wrap items-end gap-3">
                <input type="hidden" name="code" value=code />
                <Select label=t.complaint_rating name="rating" error=errors.field("rating") options=scores />
                <button type="submit" class="btn-secondary">{t.send}</button>
            </ActionForm>
            <FormProblem errors />
        </section>
    }
}
