//! Officers: contracts waiting for registration, oldest first, with the one-working-day clock.
use leptos::prelude::*;
use leptos_meta::Title;

use crate::core::text::format_wib;
use crate::{
    features::pkwt::{
        api::{DecideContract, load_pkwt_queue},
        model::QueueContract,
    },
    ui::{
        error_panel::ErrorPanel,
        form::{FormErrors, FormProblem},
        use_strings,
    },
};

#[component]
pub fn PkwtQueuePage() -> impl IntoView {
    let t = use_strings();
    let decide = ServerAction::<DecideContract>::new();
    let queue = Resource::new(move || decide.version().get(), |_| load_pkwt_queue());
    view! {
        <Title text=t.pkwt_queue_title />
        <h1 class="text-2xl font-bold">{t.pkwt_queue_title}</h1>
        <FormProblem errors=FormErrors::new(decide.value()) />
        {move || decide.value().get().and_then(Result::ok).flatten().map(|number| view! {
            <p role="status" class="mt-2 rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-emerald-900" data-testid="pkwt-approved">
                {t.pkwt_number}": "<span class="font-mono">{number}</span>
            </p>
        })}
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || queue.get().map(|result| match result {
                Ok(queue) if queue.items.is_empty() => view! { <p class="mt-4">{t.queue_empty}</p> }.into_any(),
                Ok(queue) => view! {
                    <p class="mt-2 text-slate-700" data-testid="queue-counts">
                        {format!("{} {}", queue.total_waiting, t.pkwt_waiting_count)}
                        {(queue.overdue > 0).then(|| view! { <strong class="text-red-800">{format!(" · {} {}", queue.overdue, t.overdue)}</strong> })}
                    </p>
                    <ul class="mt-4 space-y-4" data-testid="pkwt-queue">
                        {queue.items.into_iter().map(|item| view! { <QueueCard item decide /> }).collect_view()}
                    </ul>
                }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn QueueCard(item: QueueContract, decide: ServerAction<DecideContract>) -> impl IntoView {
    let t = use_strings();
    let overdue = item.due_at_ms < crate::ui::form::now_ms();
    let id = item.id;
    let kind = t
        .lookup(&format!("pkwt_kind_{}", item.contract_kind))
        .unwrap_or_default();
    let link = t
        .lookup(&format!("pkwt_link_{}", item.link_kind))
        .unwrap_or_default();
    view! {
        <li class="card" data-testid="pkwt-queue-item">
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <h2 class="text-lg font-semibold">{item.worker_name.clone()}</h2>
                <span class="font-mono text-sm">{item.worker_id_masked.clone()}</span>
            </div>
            <p class="text-sm text-slate-700">{item.company_name.clone()}{item.foreign_worker.then(|| format!(" · {}", t.pkwt_foreign_short))}</p>
            <dl class="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
                <div><dt class="inline text-slate-600">{t.field_position}": "</dt><dd class="inline">{item.position.clone()}" ("{item.workplace.clone()}")"</dd></div>
                <div><dt class="inline text-slate-600">{t.pkwt_period}": "</dt><dd class="inline">{format!("{} – {}", item.start_date, item.end_date)}</dd></div>
                <div><dt class="inline text-slate-600">{t.pkwt_wage}": "</dt><dd class="inline">{item.wage.to_string()}</dd></div>
                <div><dt class="inline text-slate-600">{t.pkwt_kind}": "</dt><dd class="inline">{kind}{item.days_per_month.map(|d| format!(" ({d} {})", t.pkwt_days_unit))}" · "{link}</dd></div>
                <div><dt class="inline text-slate-600">{t.pkwt_signed_date}": "</dt><dd class="inline">{item.signed_date.clone()}</dd></div>
            </dl>
            {item.late.then(|| view! { <p class="mt-1 font-semibold text-amber-900" data-testid="pkwt-late">{t.pkwt_late_long}</p> })}
            {if item.has_document {
                view! { <a class="link text-sm" href=format!("/pkwt/{id}/dokumen.pdf") rel="external" target="_blank">{t.pkwt_document}</a> }.into_any()
            } else {
                view! { <p class="text-sm text-slate-600">{t.pkwt_no_document}</p> }.into_any()
            }}
            <p class=if overdue { "mt-1 font-semibold text-red-800" } else { "mt-1 text-sm" }>
                {t.due}": "{format_wib(item.due_at_ms)}{overdue.then(|| format!(" — {}", t.overdue))}
            </p>
            <div class="mt-3 flex flex-wrap items-end gap-3">
                <ActionForm action=decide>
                    <input type="hidden" name="contract_id" value=id />
                    <input type="hidden" name="decision" value="approve" />
                    <button type="submit" class="btn-primary" data-testid="pkwt-approve">{t.pkwt_approve}</button>
                </ActionForm>
                <ActionForm action=decide attr:class="flex flex-wrap items-end gap-2">
                    <input type="hidden" name="contract_id" value=id />
                    <label class="text-sm">{t.reason}<input name="reason" class="ml-2 rounded border border-slate-400 px-2 py-1" /></label>
                    <button type="submit" name="decision" value="revise" class="btn-secondary">{t.ak1_ask_revision}</button>
                    <button type="submit" name="decision" value="reject" class="btn-secondary">{t.reject}</button>
                </ActionForm>
            </div>
        </li>
    }
}
