//! Officers: DKPTKA payments waiting for validation (oldest first, one-working-day clock) with the
//! local-talent check, the permits and RPTKAs ending soon, the statistics, and the public verification.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::core::text::format_wib;
use crate::{
    core::i18n::fill,
    features::tka::{
        api::{DecideLevyPayment, load_officer_tka, load_tka_statistics, verify_dkptka},
        model::{Count, QueueBill, WorkerView},
        pages::company::{BillFacts, expiry_class},
    },
    ui::{
        error_panel::ErrorPanel,
        form::{FormErrors, FormProblem},
        use_strings,
    },
};

#[component]
pub fn TkaQueuePage() -> impl IntoView {
    let t = use_strings();
    let decide = ServerAction::<DecideLevyPayment>::new();
    let data = Resource::new(move || decide.version().get(), |_| load_officer_tka());
    view! {
        <Title text=t.tka_officer_title />
        <h1 class="text-2xl font-bold">{t.tka_officer_title}</h1>
        <p class="mt-1 text-sm"><a class="link" href="/petugas/tka/statistik">{t.tka_statistics_title}</a></p>
        <FormProblem errors=FormErrors::new(decide.value()) />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || data.get().map(|result| match result {
                Ok(data) => view! {
                    <section class="mt-4" aria-labelledby="dkptka-queue">
                        <h2 id="dkptka-queue" class="text-xl font-semibold">{t.dkptka_queue}</h2>
                        <p class="text-slate-700" data-testid="dkptka-counts">
                            {format!("{} {}", data.waiting, t.dkptka_waiting_count)}
                            {(data.overdue > 0).then(|| view! { <strong class="text-red-800">{format!(" · {} {}", data.overdue, t.overdue)}</strong> })}
                        </p>
                        {data.queue.is_empty().then(|| view! { <p class="mt-2">{t.queue_empty}</p> })}
                        {(!data.queue.is_empty()).then(|| view! {
                            <p class="mt-1 text-sm text-slate-700" data-testid="talent-counted">
                                {match data.talent_counted_at_ms {
                                    Some(at) => fill(t.tka_talent_counted_at, &[("time", &format_wib(at))]),
                                    None => t.tka_talent_not_counted.to_owned(),
                                }}
                            </p>
                            {data.talent_stale.then(|| view! {
                                <p class="mt-1 text-sm font-semibold text-red-800" role="alert" data-testid="talent-stale">{t.tka_talent_stale}</p>
                            })}
                        })}
                        <ul class="mt-3 space-y-4" data-testid="dkptka-queue">
                            {data.queue.into_iter().map(|item| view! { <QueueCard item decide now_ms=data.now_ms /> }).collect_view()}
                        </ul>
                    </section>
                    <section class="mt-8" aria-labelledby="tka-expiring">
                        <h2 id="tka-expiring" class="text-xl font-semibold">{t.tka_expiring}</h2>
                        {data.expiring.is_empty().then(|| view! { <p class="mt-2">{t.tka_expiring_none}</p> })}
                        <ul class="mt-2 divide-y divide-slate-200" data-testid="tka-expiring">
                            {data.expiring.into_iter().map(|worker| view! { <ExpiringRow worker /> }).collect_view()}
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
    item: QueueBill,
    decide: ServerAction<DecideLevyPayment>,
    now_ms: i64,
) -> impl IntoView {
    let t = use_strings();
    let bill = item.bill;
    let id = bill.id;
    let overdue = bill.due_at_ms.is_some_and(|due| due < now_ms);
    view! {
        <li class="card" data-testid="dkptka-queue-item">
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <h3 class="text-lg font-semibold">{bill.company_name.clone()}</h3>
                <span class="font-mono text-sm">{bill.bill_number.clone()}</span>
            </div>
            <BillFacts bill=bill.clone() />
            {bill.has_proof.then(|| view! { <a class="link text-sm" href=format!("/dkptka/{id}/bukti") rel="external" target="_blank">{t.dkptka_proof}</a> })}
            {bill.due_at_ms.map(|due| view! {
                <p class=if overdue { "mt-1 font-semibold text-red-800" } else { "mt-1 text-sm" }>
                    {t.due}": "{format_wib(due)}{overdue.then(|| format!(" — {}", t.overdue))}
                </p>
            })}
            <div class="mt-3 overflow-x-auto" tabindex="0">
                <p class="text-sm font-semibold">{t.tka_talent_check}</p>
                <table class="mt-1 w-full text-left text-sm" data-testid="talent-check">
                    <thead><tr class="border-b">
                        <th class="py-1 pr-2">{t.field_occupation}</th><th class="pr-2">{t.tka_talent_ak1}</th>
                        <th class="pr-2">{t.tka_talent_vacancies}</th><th>{t.tka_counterpart_progress}</th>
                    </tr></thead>
                    <tbody>
                        {item.talent.into_iter().map(|c| view! {
                            <tr class="border-b border-slate-100">
                                <td class="py-1 pr-2">{c.occupation}</td><td>{match c.ak1_holders {
                                    Some(holders) => holders.to_string().into_any(),
                                    None => view! { <span aria-hidden="true">"—"</span><span class="sr-only">{t.tka_talent_not_counted_short}</span> }.into_any(),
                                }}</td><td>{c.company_vacancies}</td><td>{format!("{} %", c.counterpart_progress)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <div class="mt-3 flex flex-wrap items-end gap-3">
                <ActionForm action=decide>
                    <input type="hidden" name="bill_id" value=id />
                    <input type="hidden" name="decision" value="approve" />
                    <button type="submit" class="btn-primary" data-testid="dkptka-validate">{t.dkptka_validate}</button>
                </ActionForm>
                <ActionForm action=decide attr:class="flex flex-wrap items-end gap-2">
                    <input type="hidden" name="bill_id" value=id />
                    <input type="hidden" name="decision" value="reject" />
                    <label class="text-sm">{t.reason}<input name="reason" class="ml-2 rounded border border-slate-400 px-2 py-1" /></label>
                    <button type="submit" class="btn-secondary">{t.reject}</button>
                </ActionForm>
            </div>
        </li>
    }
}

#[component]
fn ExpiringRow(worker: WorkerView) -> impl IntoView {
    let t = use_strings();
    view! {
        <li class="py-2 text-sm">
            <span class="font-semibold">{worker.name.clone()}</span>" "<span class="font-mono">{worker.passport_masked.clone()}</span>
            " · "{worker.company_name.clone()}" · RPTKA "{worker.rptka_end.clone()}" · "{t.tka_permit}" "{worker.permit_end.clone()}" · "
            <span class=expiry_class(worker.days_to_expiry)>{fill(t.tka_days_to_expiry, &[("days", &worker.days_to_expiry.to_string())])}</span>
        </li>
    }
}

#[component]
fn CountTable(title: &'static str, counts: Vec<Count>) -> impl IntoView {
    view! {
        <section class="card">
            <h2 class="text-lg font-semibold">{title}</h2>
            <table class="mt-2 w-full text-left text-sm">
                <tbody>
                    {counts.into_iter().map(|c| view! {
                        <tr class="border-b border-slate-100"><td class="py-1 pr-2">{c.label}</td><td class="text-right font-semibold">{c.count}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
pub fn TkaStatisticsPage() -> impl IntoView {
    let t = use_strings();
    let stats = Resource::new(|| (), |_| load_tka_statistics());
    view! {
        <Title text=t.tka_statistics_title />
        <p class="text-sm"><a class="link" href="/petugas/tka">{t.tka_officer_title}</a></p>
        <h1 class="text-2xl font-bold">{t.tka_statistics_title}</h1>
        <p class="mt-1"><a class="link" href="/petugas/tka/statistik.csv" rel="external">{t.download_csv}</a></p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || stats.get().map(|result| match result {
                Ok(stats) => view! {
                    <p class="mt-3 text-lg" data-testid="tka-active">{fill(t.tka_active_count, &[("count", &stats.active_workers.to_string())])}</p>
                    <div class="mt-4 grid gap-4 md:grid-cols-3">
                        <CountTable title=t.tka_by_nationality counts=stats.by_nationality />
                        <CountTable title=t.tka_by_sector counts=stats.by_sector />
                        <CountTable title=t.tka_by_district counts=stats.by_district />
                    </div>
                    <section class="card mt-6 overflow-x-auto" tabindex="0">
                        <h2 class="text-lg font-semibold">{t.dkptka_by_month}</h2>
                        <table class="mt-2 w-full text-left text-sm" data-testid="levy-by-month">
                            <thead><tr class="border-b"><th class="py-1 pr-2">{t.dkptka_month}</th><th class="pr-2">{t.dkptka_billed}</th><th>{t.dkptka_validated}</th></tr></thead>
                            <tbody>
                                {stats.levy_by_month.into_iter().map(|m| view! {
                                    <tr class="border-b border-slate-100">
                                        <td class="py-1 pr-2">{m.month}</td>
                                        <td class="pr-2">{format!("{} · {}", m.billed_count, m.billed_idr)}</td>
                                        <td>{format!("{} · {}", m.validated_count, m.validated_idr)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </section>
                }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
pub fn VerifyDkptkaPage() -> impl IntoView {
    let t = use_strings();
    let params = use_params_map();
    let result = Resource::new(
        move || params.with(|p| p.get("code").unwrap_or_default()),
        verify_dkptka,
    );
    view! {
        <Title text=t.verify_dkptka_title />
        <section class="mx-auto max-w-md">
            <h1 class="text-2xl font-bold">{t.verify_dkptka_title}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || result.get().map(|result| match result {
                    Ok(v) => view! {
                        <div class="card mt-4">
                            <p class="text-lg font-semibold text-emerald-800" data-testid="verify-state">{t.dkptka_verified}</p>
                            <dl class="mt-3 grid gap-2 text-sm">
                                <div><dt class="text-slate-600">{t.dkptka_number}</dt><dd class="font-mono" data-testid="verify-number">{v.bill_number}</dd></div>
                                <div><dt class="text-slate-600">{t.company_name}</dt><dd>{v.company_name}</dd></div>
                                <div><dt class="text-slate-600">"RPTKA"</dt><dd class="font-mono">{v.rptka_masked}</dd></div>
                                <div><dt class="text-slate-600">{t.dkptka_period}</dt><dd>{format!("{} – {}", v.period_start, v.period_end)}</dd></div>
                                <div><dt class="text-slate-600">{t.dkptka_positions}</dt><dd>{v.positions}</dd></div>
                                <div><dt class="text-slate-600">{t.dkptka_amount}</dt><dd>{v.amount_usd}" = "{v.amount_idr.to_string()}</dd></div>
                                <div><dt class="text-slate-600">{t.dkptka_validated_on}</dt><dd>{v.validated_on}</dd></div>
                            </dl>
                        </div>
                    }.into_any(),
                    Err(error) => {
                        crate::ui::set_status(error.status_code());
                        view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
