//! The officer's complaint desk: open cases oldest first with their next deadline and the statistics
//! (`/petugas/pengaduan`), and one case with its identity (locked when confidential), triage and the dispute
//! steps (`/petugas/pengaduan/{id}`).
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    core::{i18n::fill, text::format_wib},
    features::complaints::{
        api::{ComplaintStep, UnlockComplainant, load_complaint_case, load_complaint_queue},
        model::{ComplaintStats, OfficerCase, QueueItem, case_ref},
        pages::parts::{Clocks, NextStep, Sessions, Timeline, label},
    },
    ui::{
        error_panel::ErrorPanel,
        form::{FormErrors, FormProblem},
        pager::{Pager, requested_page},
        use_strings,
    },
};

/// The queue, one page at a time (`?hal=N`, the server clamps it), with the number of open cases.
#[component]
pub fn ComplaintQueuePage() -> impl IntoView {
    let t = use_strings();
    let page = requested_page();
    let queue = Resource::new(page, load_complaint_queue);
    view! {
        <Title text=t.complaint_queue_title />
        <h1 class="text-2xl font-bold">{t.complaint_queue_title}</h1>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || queue.get().map(|result| match result {
                Ok(queue) => view! {
                    <p class="mt-2" role="status" data-testid="complaint-open-count">{fill(t.complaint_open_cases, &[("count", &queue.total.to_string())])}</p>
                    {queue.items.is_empty().then(|| view! { <p class="mt-4">{t.queue_empty}</p> })}
                    <ul class="mt-4 space-y-3" data-testid="complaint-queue">
                        {queue.items.into_iter().map(|item| view! { <QueueRow item /> }).collect_view()}
                    </ul>
                    <Pager page=queue.page pages=queue.pages link=|n| format!("/petugas/pengaduan?hal={n}") />
                    <Stats stats=queue.stats />
                }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn QueueRow(item: QueueItem) -> impl IntoView {
    let t = use_strings();
    let overdue = item.next.as_ref().is_some_and(|c| c.overdue);
    view! {
        <li class="card" data-testid="complaint-queue-item">
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <a class="link font-mono font-semibold" href=format!("/petugas/pengaduan/{}", item.id)>{item.code.clone()}</a>
                <span class="text-sm">{format_wib(item.filed_at_ms)}</span>
            </div>
            <p>{item.company_name.clone()}" · "{label(t, "cat", &item.category)}" · "{label(t, "privacy", &item.privacy)}</p>
            <p class="text-sm">{t.complaint_status}": "{label(t, "status", &item.status)}</p>
            {item.next.map(|c| view! {
                <p class=if overdue { "text-sm font-semibold text-red-800" } else { "text-sm" }>
                    {label(t, "clock", &c.step)}": "{c.due_on.clone()}{overdue.then(|| format!(" — {}", t.overdue))}" · "{c.article.clone()}
                </p>
            })}
        </li>
    }
}

#[component]
fn Stats(stats: ComplaintStats) -> impl IntoView {
    let t = use_strings();
    let places = |title: &'static str, rows: Vec<crate::features::complaints::model::Count>| {
        view! {
            <div>
                <h3 class="font-semibold">{title}</h3>
                <ul class="text-sm">{rows.into_iter().map(|c| view! { <li>{if c.label.is_empty() { t.complaint_unregistered.to_owned() } else { c.label }}": "{c.count}</li> }).collect_view()}</ul>
            </div>
        }
    };
    let counts = |title: &'static str,
                  group: &'static str,
                  rows: Vec<crate::features::complaints::model::Count>| {
        view! {
            <div>
                <h3 class="font-semibold">{title}</h3>
                <ul class="text-sm">{rows.into_iter().map(|c| view! { <li>{label(t, group, &c.label)}": "{c.count}</li> }).collect_view()}</ul>
            </div>
        }
    };
    view! {
        <section class="card mt-6" aria-labelledby="complaint-stats" data-testid="complaint-stats">
            <h2 id="complaint-stats" class="text-lg font-semibold">{t.complaint_stats}</h2>
            <div class="mt-2 grid gap-4 sm:grid-cols-3">
                {counts(t.complaint_category, "cat", stats.by_category)}
                {counts(t.complaint_status, "status", stats.by_status)}
                {counts(t.complaint_outcome, "outcome", stats.outcomes)}
                {places(t.complaint_by_district, stats.by_district)}
                {places(t.complaint_by_sector, stats.by_sector)}
            </div>
            <div class="mt-4 overflow-x-auto" tabindex="0" role="region" aria-label=t.complaint_stage_stats>
                <table class="w-full text-left text-sm">
                    <caption class="text-left font-semibold">{t.complaint_stage_stats}</caption>
                    <thead><tr><th scope="col">{t.complaint_step}</th><th scope="col">{t.complaint_done}</th><th scope="col">{t.complaint_median_days}</th><th scope="col">{t.complaint_within}</th></tr></thead>
                    <tbody>{stats.stages.into_iter().map(|s| view! {
                        <tr><td>{label(t, "clock", &s.step)}</td><td>{s.done}</td><td>{format!("{:.1}", s.median_days)}</td><td>{format!("{}/{}", s.within, s.done)}</td></tr>
                    }).collect_view()}</tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
pub fn ComplaintCasePage() -> impl IntoView {
    let t = use_strings();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let step = ServerAction::<ComplaintStep>::new();
    let unlock = ServerAction::<UnlockComplainant>::new();
    let data = Resource::new(
        move || (id(), step.version().get(), unlock.version().get()),
        |(id, _, _)| load_complaint_case(id),
    );
    view! {
        <Title text=t.complaint_case_title />
        <h1 class="text-2xl font-bold">{t.complaint_case_title}</h1>
        <p><a class="link" href="/petugas/pengaduan">{t.complaint_queue_title}</a></p>
        <FormProblem errors=FormErrors::new(step.value()) />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || data.get().map(|result| match result {
                Ok(case) => view! { <Case case step unlock /> }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Case(
    case: OfficerCase,
    step: ServerAction<ComplaintStep>,
    unlock: ServerAction<UnlockComplainant>,
) -> impl IntoView {
    let t = use_strings();
    let id = case.id;
    let unlock_errors = FormErrors::new(unlock.value());
    let next = case
        .clocks
        .iter()
        .filter(|c| c.done_on.is_none())
        .min_by(|a, b| a.due_on.cmp(&b.due_on))
        .cloned();
    view! {
        <section class="card mt-4" data-testid="complaint-case">
            <p class="font-mono text-xl font-bold">{case.code.clone()}<span class="ml-2 text-base font-normal text-slate-600">{case_ref(case.id)}</span></p>
            <dl class="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
                <div><dt class="inline text-slate-600">{t.complaint_company}": "</dt><dd class="inline">{case.company_name.clone()}{(!case.registered_company).then(|| format!(" ({})", t.complaint_unregistered))}</dd></div>
                <div><dt class="inline text-slate-600">{t.complaint_category}": "</dt><dd class="inline">{label(t, "cat", &case.category)}</dd></div>
                <div><dt class="inline text-slate-600">{t.complaint_status}": "</dt><dd class="inline font-semibold" data-testid="complaint-status">{label(t, "status", &case.status)}</dd></div>
                <div><dt class="inline text-slate-600">{t.complaint_privacy}": "</dt><dd class="inline">{label(t, "privacy", &case.privacy)}</dd></div>
                <div><dt class="inline text-slate-600">{t.complaint_since}": "</dt><dd class="inline">{case.since_date.clone()}</dd></div>
                <div><dt class="inline text-slate-600">{t.complaint_workers}": "</dt><dd class="inline">{case.workers_affected}</dd></div>
                {case.lapor_id.clone().map(|l| view! { <div><dt class="inline text-slate-600">"SP4N-LAPOR!: "</dt><dd class="inline">{l}</dd></div> })}
                {case.forum.clone().map(|f| view! { <div><dt class="inline text-slate-600">{t.complaint_forum}": "</dt><dd class="inline" data-testid="complaint-forum">{label(t, "forum", &f)}" · "{case.referred_to.clone().unwrap_or_default()}</dd></div> })}
            </dl>
            <div class="mt-3 rounded-lg bg-slate-50 p-3" data-testid="complaint-identity">
                <h2 class="font-semibold">{t.complaint_complainant}</h2>
                {match (case.identity.name.clone(), case.identity.locked) {
                    (Some(name), _) => view! { <p>{name}" · "{case.identity.email.clone().unwrap_or_default()}" · "{case.identity.phone.clone().unwrap_or_default()}</p> }.into_any(),
                    (None, true) => view! {
                        <p>{t.complaint_identity_locked}</p>
                        <ActionForm action=unlock attr:class="mt-2 flex flex-wrap items-end gap-2">
                            <input type="hidden" name="complaint_id" value=id />
                            <label class="text-sm">{t.reason}<input name="reason" class="ml-2 rounded border border-slate-400 px-2 py-1" /></label>
                            <button type="submit" class="btn-secondary" data-testid="complaint-unlock">{t.complaint_unlock}</button>
                        </ActionForm>
                        <p class="text-sm text-red-800" role="alert">{move || unlock_errors.field("reason").get().map(|key| crate::core::i18n::localize(t, &key))}</p>
                    }.into_any(),
                    (None, false) => view! { <p>{t.complaint_identity_none}</p> }.into_any(),
                }}
            </div>
            <h2 class="mt-3 font-semibold">{t.complaint_description}</h2>
            <p class="whitespace-pre-line">{case.description.clone()}</p>
            <h2 class="mt-3 font-semibold">{t.complaint_wish}</h2>
            <p class="whitespace-pre-line">{case.wish.clone()}</p>
            <NextStep next />
            <ul class="mt-3 flex flex-wrap gap-3">
                {case.documents.iter().map(|kind| view! { <li><a class="link" rel="external" target="_blank" href=format!("/pengaduan/kasus/{id}/dokumen/{kind}")>{label(t, "doc", kind)}" (PDF)"</a></li> }).collect_view()}
                {case.files.iter().map(|f| view! { <li><a class="link" rel="external" target="_blank" href=format!("/pengaduan/kasus/{id}/berkas/{}", f.id)>{f.file_name.clone()}" ("{label(t, "role", &f.by_role)}")"</a></li> }).collect_view()}
            </ul>
            <Clocks clocks=case.clocks.clone() />
        </section>
        <super::steps::StepForms case=case.clone() step />
        <Sessions sessions=case.sessions.clone() />
        <Timeline events=case.events.clone() />
    }
}
