//! The officers' service dashboard (`/petugas`): every queue with what waits, what is overdue, the oldest
//! item and the share finished within one working day in the last six months; then the overdue items.
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    core::{i18n::fill, text::format_wib},
    features::statistics::{
        api::load_service_dashboard,
        clock::{Service, service_clock_key, service_key},
        model::{Dashboard, QueueStatus},
        pages::public::duration_text,
    },
    ui::{error_panel::ErrorPanel, use_strings},
};

#[component]
pub fn DashboardPage() -> impl IntoView {
    let t = use_strings();
    let dashboard = Resource::new(|| (), |_| load_service_dashboard());
    view! {
        <Title text=t.statistics_dashboard_title />
        <h1 class="text-2xl font-bold">{t.statistics_dashboard_title}</h1>
        <p class="mt-1 max-w-3xl">{t.statistics_dashboard_lead}</p>
        <p class="mt-1 text-sm"><a class="link" href="/statistik/layanan">{t.statistics_service_title}</a></p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || dashboard.get().map(|result| match result {
                Ok(dashboard) => view! { <DashboardBody dashboard /> }.into_any(),
                Err(error) => {
                    crate::ui::set_status(error.status_code());
                    view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any()
                }
            })}
        </Suspense>
    }
}

#[component]
fn DashboardBody(dashboard: Dashboard) -> impl IntoView {
    let t = use_strings();
    let refreshed = dashboard
        .refreshed_at_ms
        .map_or_else(|| t.statistics_never.to_owned(), format_wib);
    view! {
        <div class="mt-4 grid gap-4 md:grid-cols-2">
            {dashboard.queues.into_iter().map(|queue| view! { <QueueCard queue /> }).collect_view()}
        </div>
        <p class="mt-2 text-sm text-slate-700">{fill(t.statistics_shares_refreshed, &[("at", &refreshed)])}</p>
        <section class="card mt-6" aria-labelledby="overdue-heading">
            <h2 id="overdue-heading" class="text-lg font-semibold">{t.statistics_overdue_items}</h2>
            {if dashboard.overdue.is_empty() {
                view! { <p class="mt-2">{t.statistics_nothing_overdue}</p> }.into_any()
            } else {
                view! {
                    <div class="mt-2 overflow-x-auto" tabindex="0">
                        <table class="w-full text-left text-sm">
                            <thead><tr class="border-b"><th scope="col" class="py-1 pr-2">{t.statistics_queue}</th><th scope="col" class="pr-2">"ID"</th><th scope="col" class="pr-2">{t.statistics_submitted}</th><th scope="col">{t.statistics_due}</th></tr></thead>
                            <tbody>
                                {dashboard.overdue.into_iter().map(|item| {
                                    let href = Service::parse(&item.service).map_or("/petugas", Service::href);
                                    view! {
                                        <tr class="border-b border-slate-100" data-testid="overdue-item">
                                            <td class="py-1 pr-2"><a class="link" href=href>{t.lookup(service_key(&item.service)).unwrap_or_default()}</a></td>
                                            <td class="pr-2">{item.id.to_string()}</td>
                                            <td class="pr-2">{format_wib(item.submitted_at_ms)}</td>
                                            <td class="font-semibold text-red-800">{format_wib(item.due_at_ms)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn QueueCard(queue: QueueStatus) -> impl IntoView {
    let t = use_strings();
    let name = t.lookup(service_key(&queue.service)).unwrap_or_default();
    let overdue_class = if queue.overdue > 0 {
        "font-semibold text-red-800"
    } else {
        "font-semibold"
    };
    let oldest = queue
        .oldest_submitted_at_ms
        .map_or_else(|| "–".to_owned(), format_wib);
    view! {
        <section class="card" data-testid=format!("queue-{}", queue.service)>
            <h2 class="text-lg font-semibold"><a class="link" href=queue.href.clone()>{name}</a></h2>
            <p class="mt-1 text-sm text-slate-700">{t.lookup(service_clock_key(&queue.service)).unwrap_or_default()}</p>
            <dl class="mt-2 grid grid-cols-3 gap-2 text-sm">
                <div><dt class="text-slate-700">{t.statistics_waiting}</dt><dd class="font-semibold" data-testid="waiting">{queue.waiting.to_string()}</dd></div>
                <div><dt class="text-slate-700">{t.statistics_overdue}</dt><dd class=overdue_class data-testid="overdue">{queue.overdue.to_string()}</dd></div>
                <div><dt class="text-slate-700">{t.statistics_oldest}</dt><dd>{oldest}</dd></div>
            </dl>
            <div class="mt-3 overflow-x-auto" tabindex="0">
                <table class="w-full text-left text-sm">
                    <caption class="sr-only">{fill(t.statistics_share_caption, &[("service", name)])}</caption>
                    <thead><tr class="border-b"><th scope="col" class="py-1 pr-2">{t.statistics_month}</th><th scope="col" class="pr-2">{t.statistics_within_clock}</th><th scope="col">{t.statistics_median}</th></tr></thead>
                    <tbody>
                        {queue.months.into_iter().rev().map(|m| view! {
                            <tr class="border-b border-slate-100">
                                <th scope="row" class="py-1 pr-2 font-normal">{m.month.clone()}</th>
                                <td class="pr-2">{m.percent_within().map_or_else(|| "–".to_owned(), |p| format!("{p}% ({}/{})", m.within_clock, m.finished))}</td>
                                <td>{if m.finished > 0 { duration_text(t, m.median_minutes) } else { "–".to_owned() }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
