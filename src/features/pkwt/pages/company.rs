//! The company's PKWT page: its registrations (status, receipt, compensation, early end), the contract form
//! (checked in the browser with the server's rules, the signed PDF attached) and the bulk import.
use leptos::{
    ev::SubmitEvent,
    form::FromFormData,
    prelude::*,
    server_fn::ServerFn,
    wasm_bindgen::JsCast,
    web_sys::{FormData, HtmlFormElement},
};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    core::{
        calendar::{HolidayCalendar, parse_date},
        error::{AppError, FieldErrors},
        i18n::{Strings, fill, localize},
        money::Rupiah,
    },
    features::pkwt::{
        api::{
            CheckContractImport, ConfirmContractImport, EndContractEarly, RegisterContract,
            check_contract_import, load_company_contracts, load_pkwt_form, load_revision_form,
            register_contract,
        },
        model::{CompanyContract, IMPORT_COLUMNS, ImportPreview, PkwtFormContext},
        rules::{CONTRACT_KINDS, Compensation, ContractForm, LINK_KINDS, RuleContext},
    },
    ui::{
        error_panel::ErrorPanel,
        form::{Field, FormErrors, FormProblem, Select, Success, succeeded, today_wib},
        use_strings,
    },
};

/// The submitted form as browser `FormData` (the file input included).
fn form_data(ev: &SubmitEvent) -> Option<FormData> {
    let form = ev.target()?.dyn_into::<HtmlFormElement>().ok()?;
    FormData::new_with_form(&form).ok()
}

pub fn status_text(t: &'static Strings, status: &str) -> &'static str {
    t.lookup(&format!("pkwt_status_{status}"))
        .unwrap_or_default()
}

pub fn compensation_text(t: &'static Strings, c: &Compensation) -> String {
    match &c.none_reason {
        Some(reason) => t
            .lookup(&format!("pkwt_comp_{reason}"))
            .unwrap_or_default()
            .to_owned(),
        None => fill(
            t.pkwt_comp_due,
            &[
                ("amount", &c.amount.to_string()),
                ("months", &c.months.to_string()),
                ("days", &c.days.to_string()),
            ],
        ),
    }
}

#[component]
pub fn CompanyPkwtPage() -> impl IntoView {
    let t = use_strings();
    let register = Action::new_local(|data: &FormData| register_contract(data.clone().into()));
    let confirm = ServerAction::<ConfirmContractImport>::new();
    let end_early = ServerAction::<EndContractEarly>::new();
    let contracts = Resource::new(
        move || {
            (
                register.version().get(),
                confirm.version().get(),
                end_early.version().get(),
            )
        },
        |_| load_company_contracts(),
    );
    let context = Resource::new(|| (), |_| load_pkwt_form());
    let query = use_query_map();
    let revision_of = move || query.with(|q| q.get("perbaiki").and_then(|v| v.parse::<i64>().ok()));
    let revision = Resource::new(revision_of, |id| async move {
        match id {
            Some(id) => Some(load_revision_form(id).await),
            None => None,
        }
    });
    view! {
        <Title text=t.pkwt_company_title />
        <h1 class="text-2xl font-bold">{t.pkwt_company_title}</h1>
        <p class="mt-1 max-w-3xl text-slate-700">{t.pkwt_company_lead}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || contracts.get().map(|result| match result {
                Ok(list) => view! {
                    {(!list.company_verified).then(|| view! { <p class="mt-2 rounded-lg bg-amber-50 p-3 text-amber-900">{t.pkwt_company_unverified}</p> })}
                    <section class="card mt-4" aria-labelledby="daftar-pkwt">
                        <h2 id="daftar-pkwt" class="text-lg font-semibold">{t.pkwt_registered}</h2>
                        {list.contracts.is_empty().then(|| view! { <p class="mt-2">{t.pkwt_none}</p> })}
                        <ul class="mt-3 divide-y divide-slate-200" data-testid="company-contracts">
                            {list.contracts.into_iter().map(|c| view! { <ContractRow contract=c end_early /> }).collect_view()}
                        </ul>
                        <FormProblem errors=FormErrors::new(end_early.value()) />
                    </section>
                }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
        <Suspense fallback=|| ()>
            {move || {
                let context = context.get()?.ok()?;
                let prefill = match revision.get()? {
                    Some(Ok(form)) => Some(form),
                    _ => None,
                };
                Some(view! {
                    <ContractFormCard context=context.clone() register prefill revision_of=revision_of() />
                    <ImportCard confirm />
                })
            }}
        </Suspense>
    }
}

#[component]
fn ContractRow(
    contract: CompanyContract,
    end_early: ServerAction<EndContractEarly>,
) -> impl IntoView {
    let t = use_strings();
    let id = contract.id;
    let approved = contract.status == "approved";
    let can_end = approved && !contract.ended_early;
    view! {
        <li class="py-3" data-testid="contract-row">
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <p class="font-semibold">{contract.worker_name.clone()}" "<span class="font-mono text-sm font-normal">{contract.worker_id_masked.clone()}</span></p>
                <p class="text-sm font-semibold" data-testid="contract-status">
                    {status_text(t, &contract.status)}
                    {contract.late.then(|| view! { <span class="ml-2 rounded bg-amber-100 px-2 text-amber-900">{t.pkwt_late}</span> })}
                </p>
            </div>
            <p class="text-sm text-slate-700">
                {format!("{} · {} – {} · {}", contract.position, contract.start_date, contract.end_date, contract.wage)}
                {contract.ended_early.then(|| format!(" · {}", t.pkwt_ended_early))}
            </p>
            {contract.registration_number.clone().map(|number| view! {
                <p class="text-sm">{t.pkwt_number}": "<span class="font-mono" data-testid="contract-number">{number}</span>" · "
                    <a class="link" href=format!("/pkwt/{id}/tanda-terima.pdf") rel="external" download data-testid="contract-receipt">{t.pkwt_receipt}</a>
                    {contract.verification_code.clone().map(|code| view! {
                        " · "<a class="link" href=format!("/verifikasi/pkwt/{code}") data-testid="contract-verify">{t.pkwt_verify_link}</a>
                    })}</p>
            })}
            {approved.then(|| view! { <p class="text-sm" data-testid="contract-compensation">{t.pkwt_compensation}": "{compensation_text(t, &contract.compensation)}</p> })}
            {contract.officer_note.clone().map(|note| view! { <p class="text-sm text-red-800">{t.officer_note}": "{note}</p> })}
            {(contract.status == "revision").then(|| view! {
                <p class="text-sm"><a class="link" href=format!("/perusahaan/pkwt?perbaiki={id}#formulir-pkwt")>{t.pkwt_fix}</a></p>
            })}
            {contract.has_document.then(|| view! { <p class="text-sm"><a class="link" href=format!("/pkwt/{id}/dokumen.pdf") rel="external" target="_blank">{t.pkwt_document}</a></p> })}
            {can_end.then(|| view! {
                <details class="mt-1 text-sm">
                    <summary class="link cursor-pointer">{t.pkwt_end_early}</summary>
                    <ActionForm action=end_early attr:class="mt-2 flex flex-wrap items-end gap-2">
                        <input type="hidden" name="contract_id" value=id />
                        <label class="grid">{t.pkwt_end_date_actual}<input type="date" name="ended_on" class="rounded border border-slate-400 px-2 py-1" /></label>
                        <button type="submit" class="btn-secondary">{t.save}</button>
                    </ActionForm>
                </details>
            })}
        </li>
    }
}

fn options(t: &'static Strings, prefix: &str, codes: &[&str]) -> Vec<(String, String)> {
    codes
        .iter()
        .map(|code| {
            (
                (*code).to_owned(),
                t.lookup(&format!("{prefix}{code}"))
                    .unwrap_or(code)
                    .to_owned(),
            )
        })
        .collect()
}

#[component]
fn ContractFormCard(
    context: PkwtFormContext,
    register: Action<FormData, Result<i64, AppError>>,
    prefill: Option<ContractForm>,
    revision_of: Option<i64>,
) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(register.value());
    let holidays = HolidayCalendar::new(context.holidays.iter().filter_map(|d| parse_date(d)));
    let wages = context.minimum_wages.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Ok(form) = ContractForm::from_event(&ev) else {
            return;
        };
        let found = form
            .check(&RuleContext {
                today: today_wib(),
                minimum_wages: &wages,
                holidays: &holidays,
                earlier: &[],
            })
            .err()
            .unwrap_or_else(FieldErrors::new);
        let ok = found.is_empty();
        errors.client.set(found);
        if ok && let Some(data) = form_data(&ev) {
            register.dispatch_local(data);
        }
    };
    let f = prefill.clone().unwrap_or_else(|| ContractForm {
        link_kind: "new".into(),
        contract_kind: "period".into(),
        ..ContractForm::default()
    });
    let latest_umk = context
        .minimum_wages
        .last()
        .map(|(year, amount)| {
            fill(
                t.pkwt_umk_hint,
                &[
                    ("year", &year.to_string()),
                    ("amount", &Rupiah(*amount).to_string()),
                ],
            )
        })
        .unwrap_or_default();
    let foreign = f.is_foreign();
    let allowances = f.with_allowances();
    // After a registration the form empties for the next contract (the list above shows what was sent).
    // A corrected contract leaves the correction mode.
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if !matches!(register.value().get(), Some(Ok(_))) {
            return;
        }
        if revision_of.is_some() {
            navigate("/perusahaan/pkwt", Default::default());
        } else if let Some(form) = form_ref.get_untracked() {
            form.reset();
        }
    });
    view! {
        <form node_ref=form_ref id="formulir-pkwt" method="post" action=RegisterContract::url() enctype="multipart/form-data" novalidate
            on:submit=on_submit on:input=move |ev| errors.clear_on_input(&ev)
            class="card mt-6 grid gap-4 sm:grid-cols-2" data-testid="contract-form">
            <h2 class="text-lg font-semibold sm:col-span-2">{if revision_of.is_some() { t.pkwt_fix_title } else { t.pkwt_new }}</h2>
            <p class="text-sm text-slate-700 sm:col-span-2">{t.pkwt_form_hint}" "{latest_umk}</p>
            {revision_of.map(|id| view! { <input type="hidden" name="revision_of" value=id /> })}
            <fieldset class="grid gap-4 sm:col-span-2 sm:grid-cols-2">
                <legend class="font-semibold">{t.pkwt_worker}</legend>
                <Field label=t.pkwt_worker_id name="worker_id" error=errors.field("worker_id") value=f.worker_id.clone() hint=t.pkwt_worker_id_hint />
                <Field label=t.full_name name="worker_name" error=errors.field("worker_name") value=f.worker_name.clone() />
                <Select label=t.sex name="worker_sex" error=errors.field("worker_sex") selected=f.worker_sex.clone()
                    options=vec![("male".into(), t.sex_male.into()), ("female".into(), t.sex_female.into())] />
                <Field label=t.date_of_birth name="worker_birth_date" kind="date" error=errors.field("worker_birth_date") value=f.worker_birth_date.clone() />
                <div class="sm:col-span-2"><Field label=t.address name="worker_address" error=errors.field("worker_address") value=f.worker_address.clone() /></div>
                <label class="flex items-center gap-2 sm:col-span-2"><input type="checkbox" name="foreign_worker" value="on" checked=foreign />{t.pkwt_foreign_worker}</label>
            </fieldset>
            <fieldset class="grid gap-4 sm:col-span-2 sm:grid-cols-2">
                <legend class="font-semibold">{t.pkwt_contract}</legend>
                <Field label=t.field_position name="position" error=errors.field("position") value=f.position.clone() />
                <Field label=t.pkwt_workplace name="workplace" error=errors.field("workplace") value=f.workplace.clone() />
                <Field label=t.pkwt_wage name="wage" inputmode="numeric" hint=t.hint_rupiah error=errors.field("wage") value=f.wage.clone() />
                <label class="flex items-center gap-2 self-end"><input type="checkbox" name="wage_with_allowances" value="on" checked=allowances />{t.pkwt_wage_with_allowances}</label>
                <Select label=t.pkwt_kind name="contract_kind" error=errors.field("contract_kind") selected=f.contract_kind.clone() options=options(t, "pkwt_kind_", &CONTRACT_KINDS) />
                <Field label=t.pkwt_days_per_month name="days_per_month" inputmode="numeric" hint=t.pkwt_days_hint error=errors.field("days_per_month") value=f.days_per_month.clone() />
                <Field label=t.pkwt_start_date name="start_date" kind="date" error=errors.field("start_date") value=f.start_date.clone() />
                <Field label=t.pkwt_end_date name="end_date" kind="date" error=errors.field("end_date") value=f.end_date.clone() />
                <Field label=t.pkwt_signed_place name="signed_place" error=errors.field("signed_place") value=f.signed_place.clone() />
                <Field label=t.pkwt_signed_date name="signed_date" kind="date" error=errors.field("signed_date") value=f.signed_date.clone() hint=t.pkwt_signed_hint />
                <Select label=t.pkwt_link name="link_kind" error=errors.field("link_kind") selected=f.link_kind.clone() options=options(t, "pkwt_link_", &LINK_KINDS) />
                <Field label=t.pkwt_previous_number name="previous_number" error=errors.field("previous_number") value=f.previous_number.clone() hint=t.hint_optional />
                <div class="field sm:col-span-2">
                    <label for="pkwt-document" class="block font-medium">{t.pkwt_document_upload}</label>
                    <p class="text-sm text-slate-600">{t.pkwt_document_hint}</p>
                    <input id="pkwt-document" type="file" name="document" accept="application/pdf" class="mt-1" />
                    <p class="mt-1 text-sm text-red-800" role="alert">{move || errors.field("document").get().map(|k| localize(t, &k))}</p>
                </div>
            </fieldset>
            <div class="grid gap-2 sm:col-span-2">
                <FormProblem errors />
                <Success done=succeeded(register.value()) message=t.pkwt_submitted />
                <button type="submit" class="btn-primary justify-self-start" data-testid="contract-submit"
                    disabled=move || register.pending().get()>{t.pkwt_submit}</button>
            </div>
        </form>
    }
}

#[component]
fn ImportCard(confirm: ServerAction<ConfirmContractImport>) -> impl IntoView {
    let t = use_strings();
    let check = Action::new_local(|data: &FormData| check_contract_import(data.clone().into()));
    let errors = FormErrors::new(check.value());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        errors.client.set(FieldErrors::new());
        if let Some(data) = form_data(&ev) {
            check.dispatch_local(data);
        }
    };
    let outcome = move || confirm.value().get().and_then(Result::ok);
    view! {
        <section class="card mt-6" aria-labelledby="impor-pkwt" data-testid="contract-import">
            <h2 id="impor-pkwt" class="text-lg font-semibold">{t.pkwt_import_title}</h2>
            <p class="mt-1 text-sm text-slate-700">{t.pkwt_import_hint}" "
                <a class="link" href="/perusahaan/pkwt/templat.csv" rel="external" download>{t.pkwt_import_template}</a></p>
            <p class="mt-1 text-xs text-slate-600">{t.pkwt_import_columns}": "{IMPORT_COLUMNS.map(|(h, _)| h).join(", ")}</p>
            <form method="post" action=CheckContractImport::url() enctype="multipart/form-data" on:submit=on_submit class="mt-3 flex flex-wrap items-end gap-3">
                <div class="field">
                    <label for="pkwt-file" class="block font-medium">{t.pkwt_import_file}</label>
                    <input id="pkwt-file" type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" class="mt-1" />
                </div>
                <button type="submit" class="btn-secondary" data-testid="import-check" disabled=move || check.pending().get()>{t.pkwt_import_check}</button>
            </form>
            {move || check.pending().get().then(|| view! {
                <div class="mt-3" role="status"><progress class="w-full max-w-md" aria-label=t.pkwt_import_working></progress><p class="text-sm">{t.pkwt_import_working}</p></div>
            })}
            <p class="mt-1 text-sm text-red-800" role="alert">{move || errors.field("file").get().map(|k| localize(t, &k))}</p>
            <FormProblem errors />
            {move || check.value().get().and_then(Result::ok).map(|preview| view! { <ImportReport preview confirm /> })}
            {move || outcome().map(|done| view! {
                <p role="status" class="mt-3 rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-emerald-900" data-testid="import-done">
                    {fill(t.pkwt_import_done, &[("registered", &done.registered.to_string()), ("skipped", &done.skipped.to_string())])}
                </p>
            })}
            <FormProblem errors=FormErrors::new(confirm.value()) />
        </section>
    }
}

#[component]
fn ImportReport(
    preview: ImportPreview,
    confirm: ServerAction<ConfirmContractImport>,
) -> impl IntoView {
    let t = use_strings();
    let column = |field: &str| {
        IMPORT_COLUMNS
            .iter()
            .find(|(_, f)| *f == field)
            .map_or(field.to_owned(), |(h, _)| (*h).to_owned())
    };
    view! {
        <div class="mt-4" data-testid="import-report">
            <p class="font-semibold" data-testid="import-counts">
                {fill(t.pkwt_import_counts, &[("valid", &preview.valid_rows.to_string()), ("invalid", &preview.invalid_rows.to_string())])}
            </p>
            <div class="mt-2 max-h-96 overflow-auto">
                <table class="w-full text-left text-sm">
                    <thead><tr><th class="p-1">{t.pkwt_import_line}</th><th class="p-1">{t.full_name}</th><th class="p-1">"NIK"</th><th class="p-1">{t.pkwt_import_result}</th></tr></thead>
                    <tbody>
                        {preview.rows.into_iter().map(|row| {
                            let ok = row.errors.is_empty();
                            view! {
                                <tr class="border-t border-slate-200" class:bg-red-50=!ok>
                                    <td class="p-1">{row.line}</td>
                                    <td class="p-1">{row.worker_name}</td>
                                    <td class="p-1 font-mono">{row.worker_id_masked}</td>
                                    <td class="p-1">
                                        {ok.then(|| if row.late { format!("{} ({})", t.pkwt_import_ok, t.pkwt_late) } else { t.pkwt_import_ok.to_owned() })}
                                        <ul>{row.errors.into_iter().map(|(field, key)| view! { <li class="text-red-800">{format!("{}: {}", column(&field), localize(t, &key))}</li> }).collect_view()}</ul>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {move || (preview.valid_rows > 0 && !succeeded(confirm.value()).get()).then(|| view! {
                <ActionForm action=confirm attr:class="mt-3">
                    <input type="hidden" name="import_id" value=preview.import_id />
                    <button type="submit" class="btn-primary" data-testid="import-confirm">
                        {fill(t.pkwt_import_confirm, &[("valid", &preview.valid_rows.to_string())])}
                    </button>
                </ActionForm>
            })}
        </div>
    }
}
