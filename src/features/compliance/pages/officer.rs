//! The officer's compliance page: filters by district and sector (a GET form, so a filtered view has an
//! address), the companies' obligations, the CSV exports, the latest accidents, the overdue orders, the
//! zero-accident nominees, and the form that attaches an inspection's findings.
use leptos::{prelude::*, server_fn::ServerFn, web_sys::FormData};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    core::{error::AppError, i18n::fill},
    features::{
        compliance::{
            api::load_compliance,
            model::{AWARD_STREAK_DAYS, CompanyObligations, Compliance},
        },
        safety::{
            api::{AttachInspection, ForwardAccident, attach_inspection},
            model::REFERRAL_DESTINATION,
            pages::parts::multipart_submit,
        },
    },
    ui::{
        error_panel::ErrorPanel,
        form::{FormErrors, FormProblem, Success, succeeded},
        pager::Pager,
        use_strings,
    },
};

#[component]
pub fn CompliancePage() -> impl IntoView {
    let t = use_strings();
    let query = use_query_map();
    let attach = Action::new_local(|data: &FormData| attach_inspection(data.clone().into()));
    let forward = ServerAction::<ForwardAccident>::new();
    let data = Resource::new(
        move || {
            let q = query.get();
            (
                q.get("kecamatan").unwrap_or_default(),
                q.get("sektor").unwrap_or_default(),
                q.get("hal").and_then(|v| v.parse::<i64>().ok()),
                attach.version().get() + forward.version().get(),
            )
        },
        |(district, sector, page, _)| load_compliance(district, sector, page),
    );
    view! {
        <Title text=t.compliance_title />
        <h1 class="text-2xl font-bold">{t.compliance_title}</h1>
        <p class="mt-1 max-w-3xl text-slate-700">{t.compliance_lead}</p>
        <p class="mt-2 flex flex-wrap gap-4">
            <a class="link" href="/petugas/kepatuhan/laporan.csv" rel="external" data-testid="csv-reports">{t.compliance_csv_reports}</a>
            <a class="link" href="/petugas/kepatuhan/kecelakaan.csv" rel="external" data-testid="csv-accidents">{t.compliance_csv_accidents}</a>
        </p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || data.get().map(|result| match result {
                Ok(data) => view! { <ComplianceView data attach forward /> }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

fn select(
    id: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    chosen: String,
) -> impl IntoView {
    let t = use_strings();
    view! {
        // A flex item grows to its widest option (long KBLI names) unless allowed to shrink.
        <div class="field min-w-0 max-w-full">
            <label for=id class="block font-medium">{label}</label>
            <select id=id name=id class="mt-1 block w-full max-w-full rounded-lg border border-slate-400 bg-white px-3 py-2">
                <option value="">{t.compliance_all}</option>
                {options.into_iter().map(|(value, text)| {
                    let selected = value == chosen;
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn ComplianceView(
    data: Compliance,
    attach: Action<FormData, Result<i64, AppError>>,
    forward: ServerAction<ForwardAccident>,
) -> impl IntoView {
    let t = use_strings();
    let companies: Vec<(String, String)> = data
        .companies
        .iter()
        .map(|c| (c.company_id.to_string(), c.name.clone()))
        .collect();
    view! {
        <form method="get" action="/petugas/kepatuhan" class="card mt-4 flex flex-wrap items-end gap-3" data-testid="compliance-filter">
            {select("kecamatan", t.compliance_district, data.districts.clone(), data.district.clone())}
            {select("sektor", t.compliance_sector, data.sectors.clone(), data.sector.clone())}
            <button type="submit" class="btn-secondary">{t.compliance_filter}</button>
        </form>
        <section class="card mt-4 overflow-x-auto" tabindex="0" aria-labelledby="compliance-companies">
            <h2 id="compliance-companies" class="text-lg font-semibold">{t.compliance_companies}</h2>
            <table class="mt-2 w-full text-left text-sm" data-testid="compliance-table">
                <thead><tr>
                    <th scope="col" class="p-1">{t.company_name}</th>
                    <th scope="col" class="p-1">{t.compliance_report}</th>
                    <th scope="col" class="p-1">{t.compliance_accidents}</th>
                    <th scope="col" class="p-1">{t.compliance_orders}</th>
                    <th scope="col" class="p-1">{t.compliance_streak}</th>
                </tr></thead>
                <tbody>{data.companies.into_iter().map(|c| view! { <CompanyRow c /> }).collect_view()}</tbody>
            </table>
            <p class="mt-2 text-sm" data-testid="compliance-total">{fill(t.compliance_total, &[("count", &data.total.to_string())])}</p>
            {
                let (district, sector) = (data.district.clone(), data.sector.clone());
                view! { <Pager page=data.page pages=data.pages link=move |n| page_link(n, &district, &sector) next_id="compliance-next-page" /> }
            }
        </section>
        <section class="card mt-4" aria-labelledby="compliance-accidents">
            <h2 id="compliance-accidents" class="text-lg font-semibold">{t.compliance_recent_accidents}</h2>
            <ul class="mt-2 divide-y divide-slate-200" data-testid="compliance-accidents">
                {data.accidents.into_iter().map(|a| {
                    let outcome = t.lookup(&format!("safety_outcome_{}", a.outcome)).unwrap_or_default();
                    view! {
                        <li class="py-2" data-testid="compliance-accident">
                            <span class="font-mono">{a.case_number.clone()}</span>" · "{a.company_name.clone()}" · "{a.occurred_at.clone()}" · "{outcome}
                            {a.late.then(|| view! { <span class="ml-2 font-semibold text-red-800">{t.compliance_late}</span> })}
                            " · "<a class="link" href=format!("/k3/kecelakaan/{}/rujukan.pdf", a.id) rel="external">{t.safety_referral}</a>
                            {match a.forwarded_at.clone() {
                                Some(date) => view! {
                                    <p class="text-sm text-emerald-800" data-testid="compliance-forwarded">{fill(t.safety_forwarded, &[("to", REFERRAL_DESTINATION), ("date", &date)])}</p>
                                }.into_any(),
                                None => view! {
                                    <ActionForm action=forward attr:class="mt-1">
                                        <input type="hidden" name="accident_id" value=a.id />
                                        <button type="submit" class="btn-secondary" data-testid="compliance-forward">{t.safety_forward}</button>
                                    </ActionForm>
                                }.into_any(),
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <section class="card mt-4" aria-labelledby="compliance-overdue">
            <h2 id="compliance-overdue" class="text-lg font-semibold">{t.compliance_overdue_orders}</h2>
            {data.overdue_orders.is_empty().then(|| view! { <p class="mt-2">{t.compliance_none}</p> })}
            <ul class="mt-2 divide-y divide-slate-200" data-testid="compliance-overdue">
                {data.overdue_orders.into_iter().map(|o| view! {
                    <li class="py-2">{o.company_name.clone()}" · "{o.description.clone()}" · "<span class="font-semibold text-red-800">{fill(t.safety_order_due, &[("date", &o.due_date)])}</span></li>
                }).collect_view()}
            </ul>
        </section>
        <section class="card mt-4" aria-labelledby="compliance-award">
            <h2 id="compliance-award" class="text-lg font-semibold">{t.compliance_award}</h2>
            <p class="text-sm text-slate-700">{fill(t.compliance_award_lead, &[("days", &AWARD_STREAK_DAYS.to_string())])}</p>
            <ol class="mt-2 list-decimal pl-5" data-testid="compliance-award">
                {data.award_nominees.into_iter().map(|(name, days)| view! { <li>{name}" · "{fill(t.compliance_days, &[("n", &days.to_string())])}</li> }).collect_view()}
            </ol>
        </section>
        <InspectionForm companies attach />
    }
}

#[component]
fn CompanyRow(c: CompanyObligations) -> impl IntoView {
    let t = use_strings();
    let report = match (c.report_year, c.workforce) {
        (Some(year), Some(n)) => fill(
            t.compliance_report_of,
            &[("year", &year.to_string()), ("n", &n.to_string())],
        ),
        _ => t.compliance_no_report.to_owned(),
    };
    view! {
        <tr class="border-t border-slate-200 align-top" data-testid="compliance-row">
            <td class="p-1"><span class="font-semibold">{c.name.clone()}</span><br/><span class="text-slate-600">{c.district.clone()}" · "{c.sector.clone()}</span></td>
            <td class="p-1">
                {report}<br/>
                <span class=if c.report_overdue { "font-semibold text-red-800" } else { "" }>{fill(t.manpower_due, &[("date", &c.report_due)])}</span>
                {(c.warnings > 0).then(|| view! { <br/><span class="text-amber-900">{fill(t.compliance_warnings, &[("n", &c.warnings.to_string())])}</span> })}
            </td>
            <td class="p-1">{c.accidents_this_year}</td>
            <td class="p-1">{c.open_orders}{(c.overdue_orders > 0).then(|| view! { " (" <span class="font-semibold text-red-800">{fill(t.compliance_overdue_n, &[("n", &c.overdue_orders.to_string())])}</span> ")" })}</td>
            <td class="p-1">{fill(t.compliance_days, &[("n", &c.zero_accident_days.to_string())])}</td>
        </tr>
    }
}

/// The address of a page of the companies table, keeping the filter.
fn page_link(page: i64, district: &str, sector: &str) -> String {
    let mut query = format!("/petugas/kepatuhan?hal={page}");
    // Filter values are district codes and KBLI letters: anything else is dropped, not encoded.
    for (name, value) in [("kecamatan", district), ("sektor", sector)] {
        let value: String = value
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
            .collect();
        if !value.is_empty() {
            query.push_str(&format!("&{name}={value}"));
        }
    }
    query
}

#[component]
fn InspectionForm(
    companies: Vec<(String, String)>,
    attach: Action<FormData, Result<i64, AppError>>,
) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(attach.value());
    let message = move |field: &'static str| {
        let error = errors.field(field);
        move || {
            error
                .try_get()
                .flatten()
                .map(|key| crate::core::i18n::localize(t, &key))
        }
    };
    view! {
        <form method="post" action=AttachInspection::url() enctype="multipart/form-data" on:submit=multipart_submit(attach)
            class="card mt-6 grid gap-3 sm:grid-cols-2" data-testid="inspection-form">
            <h2 class="text-lg font-semibold sm:col-span-2">{t.compliance_attach}</h2>
            <p class="text-sm text-slate-700 sm:col-span-2">{t.compliance_attach_lead}</p>
            {select("company_id", t.company_name, companies, String::new())}
            <div class="field">
                <label for="inspected_on" class="block font-medium">{t.compliance_inspected_on}</label>
                <input id="inspected_on" name="inspected_on" type="date" class="mt-1 w-full rounded-lg border border-slate-400 px-3 py-2" />
                <p class="text-sm text-red-800" role="alert">{message("inspected_on")}</p>
            </div>
            <div class="field sm:col-span-2">
                <label for="summary" class="block font-medium">{t.compliance_summary}</label>
                <textarea id="summary" name="summary" rows="3" class="mt-1 w-full rounded-lg border border-slate-400 px-3 py-2"></textarea>
                <p class="text-sm text-red-800" role="alert">{message("summary")}</p>
            </div>
            <div class="field sm:col-span-2">
                <label for="orders" class="block font-medium">{t.compliance_orders_input}</label>
                <p id="orders-hint" class="text-sm text-slate-600">{t.compliance_orders_hint}</p>
                <textarea id="orders" name="orders" rows="4" aria-describedby="orders-hint" class="mt-1 w-full rounded-lg border border-slate-400 px-3 py-2 font-mono"></textarea>
                <p class="text-sm text-red-800" role="alert">{message("orders")}</p>
            </div>
            <div class="field">
                <label for="document" class="block font-medium">{t.compliance_document}</label>
                <input id="document" name="document" type="file" accept="application/pdf" class="mt-1" />
                <p class="text-sm text-red-800" role="alert">{message("document")}</p>
            </div>
            <div class="grid gap-2 sm:col-span-2">
                <FormProblem errors />
                <Success done=succeeded(attach.value()) message=t.compliance_attached />
                <button type="submit" class="btn-primary justify-self-start" data-testid="inspection-submit">{t.send}</button>
            </div>
        </form>
    }
}
