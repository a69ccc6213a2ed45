//! Officers: the event form (checked in the browser with the server's rules), the events with their
//! publish / close / cancel actions, the booth requests, and the fair report with its chart and CSV.
use leptos::server_fn::ServerFn;
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::core::text::format_wib;
use crate::{
    core::{error::FieldErrors, i18n::fill},
    features::fairs::{
        api::{
            DecideBooth, SaveFair, SetFairStatus, load_fair_form, load_fair_report,
            load_officer_fairs,
        },
        model::{BoothRequest, FAIR_KINDS, FairCard, FairForm, FairReport},
        pages::public::{dates_text, kind_text, status_text},
    },
    ui::{
        error_panel::ErrorPanel,
        form::{Field, FormErrors, FormProblem, Select, today_wib},
        use_strings,
    },
};

#[component]
pub fn OfficerFairsPage() -> impl IntoView {
    let t = use_strings();
    let save = ServerAction::<SaveFair>::new();
    let set_status = ServerAction::<SetFairStatus>::new();
    let decide = ServerAction::<DecideBooth>::new();
    let data = Resource::new(
        move || {
            (
                save.version().get(),
                set_status.version().get(),
                decide.version().get(),
            )
        },
        |_| load_officer_fairs(),
    );
    let query = use_query_map();
    let editing = move || {
        query.with(|q| {
            q.get("ubah")
                .and_then(|v| v.parse::<i64>().ok())
                .unwrap_or(0)
        })
    };
    let prefill = Resource::new(editing, |id| async move {
        if id == 0 {
            Ok(FairForm::default())
        } else {
            load_fair_form(id).await
        }
    });
    view! {
        <Title text=t.officer_fairs_title />
        <h1 class="text-2xl font-bold">{t.officer_fairs_title}</h1>
        <p class="mt-1 text-sm"><a class="link" href="/petugas/bursa-kerja/pindai">{t.check_in_title}</a></p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || data.get().map(|result| match result {
                Ok(data) => view! {
                    <section class="mt-6" aria-labelledby="booth-requests">
                        <h2 id="booth-requests" class="text-xl font-semibold">{t.booth_requests}</h2>
                        {data.booth_requests.is_empty().then(|| view! { <p class="mt-2">{t.queue_empty}</p> })}
                        <FormProblem errors=FormErrors::new(decide.value()) />
                        <ul class="mt-3 space-y-3" data-testid="booth-requests">
                            {data.booth_requests.into_iter().map(|request| view! { <BoothRequestItem request decide /> }).collect_view()}
                        </ul>
                    </section>
                    <section class="mt-8" aria-labelledby="officer-fairs">
                        <h2 id="officer-fairs" class="text-xl font-semibold">{t.officer_fairs_list}</h2>
                        <FormProblem errors=FormErrors::new(set_status.value()) />
                        <ul class="mt-3 space-y-3" data-testid="officer-fairs">
                            {data.fairs.into_iter().map(|fair| view! { <OfficerFairItem fair set_status /> }).collect_view()}
                        </ul>
                    </section>
                }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
        <Suspense fallback=|| ()>
            {move || prefill.get().map(|result| match result {
                Ok(form) => view! { <FairFormCard fair_id=editing() prefill=form save /> }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn BoothRequestItem(request: BoothRequest, decide: ServerAction<DecideBooth>) -> impl IntoView {
    let t = use_strings();
    view! {
        <li class="card" data-testid="booth-request">
            <h3 class="font-semibold">{request.company_name.clone()}" — "{request.fair_name.clone()}</h3>
            <p class="text-sm text-slate-700">{request.description.clone()}</p>
            <p class="text-xs text-slate-600">{format_wib(request.created_at_ms)}</p>
            <div class="mt-2 flex flex-wrap items-end gap-3">
                <ActionForm action=decide>
                    <input type="hidden" name="booth_id" value=request.id />
                    <input type="hidden" name="decision" value="approve" />
                    <button type="submit" class="btn-primary" data-testid="approve-booth">{t.approve}</button>
                </ActionForm>
                <ActionForm action=decide attr:class="flex flex-wrap items-end gap-2">
                    <input type="hidden" name="booth_id" value=request.id />
                    <input type="hidden" name="decision" value="reject" />
                    <label class="text-sm">{t.reason}<input name="reason" class="ml-2 rounded border border-slate-400 px-2 py-1" /></label>
                    <button type="submit" class="btn-secondary">{t.reject}</button>
                </ActionForm>
            </div>
        </li>
    }
}

#[component]
fn OfficerFairItem(fair: FairCard, set_status: ServerAction<SetFairStatus>) -> impl IntoView {
    let t = use_strings();
    let id = fair.id;
    let action_button = move |action: &'static str, label: &'static str| {
        view! {
            <ActionForm action=set_status>
                <input type="hidden" name="fair_id" value=id />
                <input type="hidden" name="action" value=action />
                <button type="submit" class="btn-secondary" data-testid=format!("fair-{action}")>{label}</button>
            </ActionForm>
        }
    };
    let live = matches!(fair.status.as_str(), "draft" | "published");
    view! {
        <li class="card" data-testid="officer-fair">
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <h3 class="text-lg font-semibold">{fair.name.clone()}</h3>
                <span class="text-sm font-semibold" data-testid="fair-status">{status_text(t, &fair.status)}</span>
            </div>
            <p class="text-sm text-slate-700">{kind_text(t, &fair.kind)}" · "{dates_text(&fair)}</p>
            <p class="text-sm">{fill(t.fair_registered_of, &[("registered", &fair.registered.to_string()), ("capacity", &fair.capacity.to_string())])}
                " · "{fill(t.fair_booth_count, &[("count", &fair.booths.to_string())])}</p>
            <p class="mt-2 flex flex-wrap gap-4 text-sm">
                <a class="link" href=format!("/bursa-kerja/{id}")>{t.fair_public_page}</a>
                <a class="link" href=format!("/petugas/bursa-kerja/{id}/laporan")>{t.fair_report}</a>
                {live.then(|| view! { <a class="link" href=format!("/petugas/bursa-kerja?ubah={id}")>{t.edit}</a> })}
            </p>
            <div class="mt-2 flex flex-wrap items-end gap-3">
                {(fair.status == "draft").then(|| action_button("publish", t.fair_publish))}
                {(fair.status == "published").then(|| action_button("close", t.fair_close))}
                {live.then(|| view! {
                    <ActionForm action=set_status attr:class="flex flex-wrap items-end gap-2">
                        <input type="hidden" name="fair_id" value=id />
                        <input type="hidden" name="action" value="cancel" />
                        <label class="text-sm">{t.reason}<input name="reason" class="ml-2 rounded border border-slate-400 px-2 py-1" /></label>
                        <button type="submit" class="btn-secondary">{t.fair_cancel}</button>
                    </ActionForm>
                })}
            </div>
        </li>
    }
}

#[component]
fn FairFormCard(fair_id: i64, prefill: FairForm, save: ServerAction<SaveFair>) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(save.value());
    let on_submit = move |ev: SubmitEvent| {
        if let Some(input) = errors.check::<SaveFair>(&ev, |input| {
            let today = (input.fair_id == 0).then(today_wib);
            input
                .form
                .check(today)
                .err()
                .unwrap_or_else(FieldErrors::new)
        }) {
            save.dispatch(input);
        }
    };
    let kinds: Vec<(String, String)> = FAIR_KINDS
        .iter()
        .map(|k| ((*k).to_owned(), kind_text(t, k).to_owned()))
        .collect();
    let saved = move || save.value().get().and_then(Result::ok);
    let p = prefill;
    view! {
        <form method="post" action=SaveFair::url() on:submit=on_submit on:input=move |ev| errors.clear_on_input(&ev) novalidate
            class="card mt-8 grid gap-4 sm:grid-cols-2" data-testid="fair-form">
            <h2 class="text-lg font-semibold sm:col-span-2">{if fair_id == 0 { t.fair_new } else { t.fair_edit }}</h2>
            <input type="hidden" name="fair_id" value=fair_id />
            <div class="sm:col-span-2"><Field label=t.fair_name name="form[name]" error=errors.field("name") value=p.name.clone() /></div>
            <div class="field sm:col-span-2">
                <label for="fair-description" class="block font-medium">{t.fair_description}</label>
                <textarea id="fair-description" name="form[description]" rows="4" class="mt-1 w-full rounded-lg border border-slate-400 px-3 py-2"
                    aria-invalid=move || errors.field("description").get().is_some().to_string()>{p.description.clone()}</textarea>
                <p class="mt-1 text-sm text-red-800" role="alert">{move || errors.field("description").get().map(|k| crate::core::i18n::localize(t, &k))}</p>
            </div>
            <Select label=t.fair_kind name="form[kind]" error=errors.field("kind") options=kinds selected=if p.kind.is_empty() { "hybrid".to_owned() } else { p.kind.clone() } />
            <Field label=t.fair_venue name="form[venue]" error=errors.field("venue") value=p.venue.clone() hint=t.fair_venue_hint />
            <div class="sm:col-span-2"><Field label=t.fair_map_url name="form[map_url]" error=errors.field("map_url") kind="url" value=p.map_url.clone() hint=t.hint_optional /></div>
            <Field label=t.fair_starts_on name="form[starts_on]" error=errors.field("starts_on") kind="date" value=p.starts_on.clone() />
            <Field label=t.fair_ends_on name="form[ends_on]" error=errors.field("ends_on") kind="date" value=p.ends_on.clone() />
            <Field label=t.fair_opens_at name="form[opens_at]" error=errors.field("opens_at") kind="time" value=if p.opens_at.is_empty() { "08:00".to_owned() } else { p.opens_at.clone() } />
            <Field label=t.fair_closes_at name="form[closes_at]" error=errors.field("closes_at") kind="time" value=if p.closes_at.is_empty() { "16:00".to_owned() } else { p.closes_at.clone() } />
            <Field label=t.fair_registration_opens name="form[registration_opens_on]" error=errors.field("registration_opens_on") kind="date" value=p.registration_opens_on.clone() />
            <Field label=t.fair_registration_closes name="form[registration_closes_on]" error=errors.field("registration_closes_on") kind="date" value=p.registration_closes_on.clone() />
            <Field label=t.fair_capacity name="form[capacity]" error=errors.field("capacity") inputmode="numeric" value=p.capacity.clone() />
            <div class="grid gap-2 sm:col-span-2">
                <FormProblem errors />
                {move || saved().map(|id| view! {
                    <p role="status" class="rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-emerald-900" data-testid="fair-saved">
                        {t.fair_saved}" "<a class="link" href=format!("/bursa-kerja/{id}")>{t.fair_public_page}</a>
                    </p>
                })}
                <button type="submit" class="btn-primary justify-self-start" data-testid="fair-save">{t.save}</button>
            </div>
        </form>
    }
}

#[component]
pub fn FairReportPage() -> impl IntoView {
    let t = use_strings();
    let params = use_params_map();
    let fair_id = Memo::new(move |_| {
        params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0))
    });
    let report = Resource::new(move || fair_id.get(), load_fair_report);
    view! {
        <Title text=t.fair_report />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || report.get().map(|result| match result {
                Ok(report) => view! { <ReportView report /> }.into_any(),
                Err(error) => view! { <ErrorPanel error /> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn ReportView(report: FairReport) -> impl IntoView {
    let t = use_strings();
    let id = report.fair.id;
    let totals = [
        (
            t.report_registrations,
            report.registrations,
            "registrations",
        ),
        (t.report_check_ins, report.check_ins, "check-ins"),
        (t.report_booth_visits, report.booth_visits, "booth-visits"),
        (t.report_slots_booked, report.slots_booked, "slots-booked"),
        (
            t.report_slots_attended,
            report.slots_attended,
            "slots-attended",
        ),
        (t.report_applications, report.applications, "applications"),
        (t.report_hires, report.hires, "hires"),
    ];
    view! {
        <p class="text-sm"><a class="link" href="/petugas/bursa-kerja">{t.officer_fairs_title}</a></p>
        <h1 class="text-2xl font-bold">{t.fair_report}": "{report.fair.name.clone()}</h1>
        <p class="text-slate-700">{dates_text(&report.fair)}</p>
        <p class="mt-2"><a class="link" href=format!("/petugas/bursa-kerja/{id}/laporan.csv") rel="external">{t.download_csv}</a></p>
        <dl class="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7" data-testid="report-totals">
            {totals.into_iter().map(|(label, value, key)| view! {
                <div class="card">
                    <dt class="text-sm text-slate-600">{label}</dt>
                    <dd class="text-2xl font-bold" data-testid=format!("total-{key}")>{value}</dd>
                </div>
            }).collect_view()}
        </dl>
        <section class="card mt-6" aria-labelledby="check-in-chart">
            <h2 id="check-in-chart" class="text-lg font-semibold">{t.report_check_ins_by_hour}</h2>
            <HourChart counts=report.check_ins_by_hour.clone() />
        </section>
        <section class="card mt-6 overflow-x-auto" tabindex="0" aria-labelledby="report-booths">
            <h2 id="report-booths" class="text-lg font-semibold">{t.report_by_booth}</h2>
            <table class="mt-2 w-full text-left text-sm" data-testid="report-booths">
                <thead><tr class="border-b">
                    <th class="py-1 pr-2">{t.company_name}</th><th class="pr-2">{t.report_booth_visits}</th><th class="pr-2">{t.report_slots_booked}</th>
                    <th class="pr-2">{t.report_slots_attended}</th><th class="pr-2">{t.report_applications}</th><th>{t.report_hires}</th>
                </tr></thead>
                <tbody>
                    {report.by_booth.into_iter().map(|b| view! {
                        <tr class="border-b border-slate-100">
                            <td class="py-1 pr-2">{b.company_name}</td><td>{b.visits}</td><td>{b.slots_booked}</td>
                            <td>{b.slots_attended}</td><td>{b.applications}</td><td>{b.hires}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <section class="card mt-6 overflow-x-auto" tabindex="0" aria-labelledby="report-districts">
            <h2 id="report-districts" class="text-lg font-semibold">{t.report_by_district}</h2>
            <table class="mt-2 w-full text-left text-sm">
                <thead><tr class="border-b"><th class="py-1 pr-2">{t.report_district}</th><th class="pr-2">{t.report_registrations}</th><th>{t.report_check_ins}</th></tr></thead>
                <tbody>
                    {report.by_district.into_iter().map(|d| view! {
                        <tr class="border-b border-slate-100"><td class="py-1 pr-2">{d.district}</td><td>{d.registrations}</td><td>{d.check_ins}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// Check-ins per hour as bars (SVG attributes only: the page's CSP allows no inline styles).
#[component]
fn HourChart(counts: Vec<i64>) -> impl IntoView {
    let t = use_strings();
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    // The hours people come: 06:00–21:00 (a count outside is still in the totals and the CSV).
    let hours: Vec<(usize, i64)> = (6..=21)
        .map(|h| (h, counts.get(h).copied().unwrap_or(0)))
        .collect();
    let width = hours.len() * 40;
    let summary = hours
        .iter()
        .filter(|(_, c)| *c > 0)
        .map(|(h, c)| format!("{h:02}: {c}"))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <svg viewBox=format!("0 0 {width} 180") class="mt-2 h-48 w-full" role="img"
            aria-label=format!("{} {}", t.report_check_ins_by_hour, summary) data-testid="check-in-chart">
            {hours.into_iter().enumerate().map(|(i, (hour, count))| {
                let height = (count as f64 / max as f64 * 130.0).round();
                let x = i * 40 + 6;
                view! {
                    <g>
                        <rect x=x.to_string() y=(150.0 - height).to_string() width="28" height=height.to_string() fill="#0f5f8c" />
                        <text x=(x + 14).to_string() y="168" text-anchor="middle" font-size="11" fill="#334155">{format!("{hour:02}")}</text>
                        {(count > 0).then(|| view! {
                            <text x=(x + 14).to_string() y=(145.0 - height).to_string() text-anchor="middle" font-size="11" fill="#0f172a">{count}</text>
                        })}
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}
