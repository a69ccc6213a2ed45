//! The company's foreign-worker page: the reported workers with their expiries, the report form (checked in
//! the browser with the server's rules), leaving early, the yearly report, and the DKPTKA bills with the
//! payment proof upload and the receipt.
use leptos::{
    ev::SubmitEvent,
    prelude::*,
    server_fn::ServerFn,
    wasm_bindgen::JsCast,
    web_sys::{FormData, HtmlFormElement},
};
use leptos_meta::Title;

use crate::{
    core::{
        error::{AppError, FieldErrors},
        i18n::fill,
        regions_data::TANGERANG_DISTRICTS,
    },
    features::tka::{
        api::{
            CancelLevyBill, CreateLevyBill, ReportForeignWorker, ReportWorkerLeft,
            SendYearlyTkaReport, SubmitLevyPayment, load_company_tka, submit_levy_payment,
        },
        model::{BillStatus, BillView, CompanyTka, WorkerView},
        rules::LANGUAGE_TRAINING,
    },
    ui::{
        error_panel::ErrorPanel,
        form::{Field, FormErrors, FormProblem, Select, Success, succeeded},
        use_strings,
    },
};

#[derive(Clone, Copy)]
struct Actions {
    report: ServerAction<ReportForeignWorker>,
    left: ServerAction<ReportWorkerLeft>,
    yearly: ServerAction<SendYearlyTkaReport>,
    bill: ServerAction<CreateLevyBill>,
    cancel: ServerAction<CancelLevyBill>,
    pay: Action<FormData, Result<(), AppError>>,
}

#[component]
pub fn CompanyTkaPage() -> impl IntoView {
    let t = use_strings();
    let actions = Actions {
        report: ServerAction::new(),
        left: ServerAction::new(),
        yearly: ServerAction::new(),
        bill: ServerAction::new(),
        cancel: ServerAction::new(),
        pay: Action::new_local(|data: &FormData| submit_levy_payment(data.clone().into())),
    };
    let data = Resource::new(
        move || {
            (
                actions.report.version().get(),
                actions.left.version().get(),
                actions.yearly.version().get(),
                actions.bill.version().get(),
                actions.cancel.version().get(),
                actions.pay.version().get(),
            )
        },
        |_| load_company_tka(),
    );
    view! {
        <Title text=t.tka_company_title />
        <h1 class="text-2xl font-bold">{t.tka_company_title}</h1>
        <p class="mt-1 max-w-3xl text-slate-700">{t.tka_company_lead}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || data.get().map(|result| match result {
                Ok(data) => view! { <CompanyTkaView data actions /> }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn CompanyTkaView(data: CompanyTka, actions: Actions) -> impl IntoView {
    let t = use_strings();
    let yearly = fill(
        t.tka_yearly_report,
        &[("year", &data.report_year.to_string())],
    );
    view! {
        {(!data.company_verified).then(|| view! { <p class="mt-2 rounded-lg bg-amber-50 p-3 text-amber-900">{t.tka_company_unverified}</p> })}
        <section class="card mt-4" aria-labelledby="tka-workers">
            <div class="flex flex-wrap items-baseline justify-between gap-3">
                <h2 id="tka-workers" class="text-lg font-semibold">{t.tka_workers}</h2>
                {if data.yearly_report_sent {
                    view! { <p class="text-sm font-semibold text-emerald-800" data-testid="yearly-sent">{yearly}" · "{t.tka_yearly_sent}</p> }.into_any()
                } else {
                    view! {
                        <ActionForm action=actions.yearly>
                            <button type="submit" class="btn-secondary" data-testid="yearly-report">{yearly}</button>
                        </ActionForm>
                    }.into_any()
                }}
            </div>
            <FormProblem errors=FormErrors::new(actions.yearly.value()) />
            <FormProblem errors=FormErrors::new(actions.left.value()) />
            {data.workers.is_empty().then(|| view! { <p class="mt-2">{t.tka_none}</p> })}
            <ul class="mt-3 divide-y divide-slate-200" data-testid="tka-workers">
                {data.workers.into_iter().map(|worker| view! { <WorkerRow worker left=actions.left /> }).collect_view()}
            </ul>
        </section>
        <WorkerFormCard occupations=data.occupations.clone() report=actions.report />
        <section class="card mt-6" aria-labelledby="dkptka-bills">
            <h2 id="dkptka-bills" class="text-lg font-semibold">{t.dkptka_bills}</h2>
            <p class="text-sm text-slate-700">{t.dkptka_lead}</p>
            <FormProblem errors=FormErrors::new(actions.cancel.value()) />
            {data.bills.is_empty().then(|| view! { <p class="mt-2">{t.dkptka_none}</p> })}
            <ul class="mt-3 space-y-4" data-testid="dkptka-bills">
                {data.bills.into_iter().map(|bill| view! { <BillCard bill actions /> }).collect_view()}
            </ul>
        </section>
        <BillFormCard rptkas=data.rptkas.clone() bill=actions.bill />
    }
}

/// Empties a form once its action succeeded, ready for the next entry (an error keeps what was typed).
fn empty_after_success<V, T>(form: NodeRef<leptos::html::Form>, value: V)
where
    V: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if matches!(value.get(), Some(Ok(_)))
            && let Some(form) = form.get_untracked()
        {
            form.reset();
        }
    });
}

pub fn expiry_class(days: i64) -> &'static str {
    if days <= 30 {
        "font-semibold text-red-800"
    } else if days <= 90 {
        "font-semibold text-amber-800"
    } else {
        "text-slate-700"
    }
}

#[component]
fn WorkerRow(worker: WorkerView, left: ServerAction<ReportWorkerLeft>) -> impl IntoView {
    let t = use_strings();
    let active = worker.status == "active";
    let id = worker.id;
    let training = t
        .lookup(&format!("tka_language_{}", worker.language_training))
        .unwrap_or_default();
    view! {
        <li class="py-3" data-testid="tka-worker">
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <p class="font-semibold">{worker.name.clone()}" "<span class="font-mono text-sm font-normal">{worker.passport_masked.clone()}</span></p>
                <p class="text-sm">{worker.nationality.clone()}" · "{worker.position.clone()}</p>
            </div>
            <dl class="mt-1 grid gap-x-4 text-sm sm:grid-cols-2">
                <div><dt class="inline text-slate-600">"RPTKA: "</dt><dd class="inline">{worker.rptka_number.clone()}" (→ "{worker.rptka_end.clone()}")"</dd></div>
                <div><dt class="inline text-slate-600">{t.tka_permit}": "</dt><dd class="inline">{worker.permit_number.clone()}" (→ "{worker.permit_end.clone()}")"</dd></div>
                <div><dt class="inline text-slate-600">{t.tka_counterpart}": "</dt><dd class="inline">{worker.counterpart_name.clone()}" · "{worker.counterpart_progress}"%"</dd></div>
                <div><dt class="inline text-slate-600">{t.tka_language_training}": "</dt><dd class="inline">{training}</dd></div>
            </dl>
            {if active {
                view! {
                    <p class=expiry_class(worker.days_to_expiry) data-testid="tka-expiry">
                        {fill(t.tka_days_to_expiry, &[("days", &worker.days_to_expiry.to_string())])}
                    </p>
                    <details class="mt-1">
                        <summary class="cursor-pointer text-sm">{t.tka_report_left}</summary>
                        <ActionForm action=left attr:class="mt-2 flex flex-wrap items-end gap-2">
                            <input type="hidden" name="worker_id" value=id />
                            <label class="text-sm">{t.tka_left_on}<input type="date" name="left_on" class="ml-2 rounded border border-slate-400 px-2 py-1" /></label>
                            <label class="text-sm">{t.reason}<input name="reason" class="ml-2 rounded border border-slate-400 px-2 py-1" /></label>
                            <button type="submit" class="btn-secondary">{t.send}</button>
                        </ActionForm>
                    </details>
                }.into_any()
            } else {
                view! { <p class="text-sm text-slate-600">{t.tka_left}" "{worker.left_on.clone().unwrap_or_default()}</p> }.into_any()
            }}
        </li>
    }
}

#[component]
fn WorkerFormCard(
    occupations: Vec<(String, String)>,
    report: ServerAction<ReportForeignWorker>,
) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(report.value());
    let form = NodeRef::<leptos::html::Form>::new();
    empty_after_success(form, report.value());
    let on_submit = move |ev: SubmitEvent| {
        if let Some(input) = errors.check::<ReportForeignWorker>(&ev, |input| {
            input.form.check().err().unwrap_or_else(FieldErrors::new)
        }) {
            report.dispatch(input);
        }
    };
    let districts: Vec<(String, String)> = TANGERANG_DISTRICTS
        .iter()
        .map(|(code, name)| ((*code).to_owned(), (*name).to_owned()))
        .collect();
    let sexes = vec![
        ("male".to_owned(), t.sex_male.to_owned()),
        ("female".to_owned(), t.sex_female.to_owned()),
    ];
    let training: Vec<(String, String)> = LANGUAGE_TRAINING
        .iter()
        .map(|k| {
            (
                (*k).to_owned(),
                t.lookup(&format!("tka_language_{k}"))
                    .unwrap_or_default()
                    .to_owned(),
            )
        })
        .collect();
    view! {
        <form node_ref=form method="post" action=ReportForeignWorker::url() on:submit=on_submit on:input=move |ev| errors.clear_on_input(&ev) novalidate
            class="card mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="tka-form">
            <h2 class="text-lg font-semibold sm:col-span-2 lg:col-span-3">{t.tka_report_new}</h2>
            <Field label=t.tka_name name="form[name]" error=errors.field("name") />
            <Field label=t.tka_passport name="form[passport]" error=errors.field("passport") />
            <Field label=t.tka_nationality name="form[nationality]" error=errors.field("nationality") />
            <Select label=t.sex name="form[sex]" error=errors.field("sex") options=sexes />
            <Field label=t.field_position name="form[position]" error=errors.field("position") />
            <Select label=t.field_occupation name="form[occupation_code]" error=errors.field("occupation_code") options=occupations />
            <Field label=t.tka_rptka_number name="form[rptka_number]" error=errors.field("rptka_number") />
            <Field label=t.tka_rptka_start name="form[rptka_start]" error=errors.field("rptka_start") kind="date" />
            <Field label=t.tka_rptka_end name="form[rptka_end]" error=errors.field("rptka_end") kind="date" />
            <Field label=t.tka_permit_number name="form[permit_number]" error=errors.field("permit_number") />
            <Field label=t.tka_permit_start name="form[permit_start]" error=errors.field("permit_start") kind="date" />
            <Field label=t.tka_permit_end name="form[permit_end]" error=errors.field("permit_end") kind="date" />
            <Select label=t.field_work_district name="form[district_code]" error=errors.field("district_code") options=districts />
            <Field label=t.tka_start_date name="form[start_date]" error=errors.field("start_date") kind="date" />
            <Field label=t.tka_end_date name="form[end_date]" error=errors.field("end_date") kind="date" />
            <Field label=t.tka_counterpart_name name="form[counterpart_name]" error=errors.field("counterpart_name") />
            <Field label=t.tka_counterpart_nik name="form[counterpart_nik]" error=errors.field("counterpart_nik") inputmode="numeric" />
            <Field label=t.tka_counterpart_position name="form[counterpart_position]" error=errors.field("counterpart_position") />
            <Field label=t.tka_counterpart_progress name="form[counterpart_progress]" error=errors.field("counterpart_progress") inputmode="numeric" hint=t.tka_progress_hint />
            <Select label=t.tka_language_training name="form[language_training]" error=errors.field("language_training") options=training />
            <div class="grid gap-2 sm:col-span-2 lg:col-span-3">
                <FormProblem errors />
                <Success done=succeeded(report.value()) message=t.tka_reported />
                <button type="submit" class="btn-primary justify-self-start" data-testid="tka-submit">{t.send}</button>
            </div>
        </form>
    }
}

#[component]
fn BillFormCard(rptkas: Vec<(String, i64)>, bill: ServerAction<CreateLevyBill>) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(bill.value());
    let form = NodeRef::<leptos::html::Form>::new();
    empty_after_success(form, bill.value());
    let on_submit = move |ev: SubmitEvent| {
        if let Some(input) = errors.check::<CreateLevyBill>(&ev, |input| {
            input.form.check().err().unwrap_or_else(FieldErrors::new)
        }) {
            bill.dispatch(input);
        }
    };
    let options: Vec<(String, String)> = rptkas
        .into_iter()
        .map(|(number, workers)| (number.clone(), format!("{number} ({workers})")))
        .collect();
    view! {
        <form node_ref=form method="post" action=CreateLevyBill::url() on:submit=on_submit on:input=move |ev| errors.clear_on_input(&ev) novalidate
            class="card mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="bill-form">
            <h2 class="text-lg font-semibold sm:col-span-2 lg:col-span-3">{t.dkptka_new_bill}</h2>
            <p class="text-sm text-slate-700 sm:col-span-2 lg:col-span-3">{t.dkptka_rule}</p>
            <Select label=t.tka_rptka_number name="form[rptka_number]" error=errors.field("rptka_number") options />
            <Field label=t.dkptka_period_start name="form[period_start]" error=errors.field("period_start") kind="date" />
            <Field label=t.dkptka_period_end name="form[period_end]" error=errors.field("period_end") kind="date" />
            <Field label=t.dkptka_positions name="form[positions]" error=errors.field("positions") inputmode="numeric" />
            <Field label=t.dkptka_rate name="form[rate]" error=errors.field("rate") hint=t.dkptka_rate_hint />
            <Field label=t.dkptka_rate_date name="form[rate_date]" error=errors.field("rate_date") kind="date" />
            <div class="sm:col-span-2 lg:col-span-3"><Field label=t.dkptka_rate_source name="form[rate_source]" error=errors.field("rate_source") hint=t.dkptka_rate_source_hint /></div>
            <div class="grid gap-2 sm:col-span-2 lg:col-span-3">
                <FormProblem errors />
                <Success done=succeeded(bill.value()) message=t.dkptka_billed />
                <button type="submit" class="btn-primary justify-self-start" data-testid="bill-submit">{t.dkptka_make_bill}</button>
            </div>
        </form>
    }
}

#[component]
fn BillCard(bill: BillView, actions: Actions) -> impl IntoView {
    let t = use_strings();
    let id = bill.id;
    let status = t
        .lookup(&format!("dkptka_status_{}", bill.status))
        .unwrap_or_default();
    let payable = BillStatus::parse(&bill.status).is_some_and(BillStatus::payable);
    view! {
        <li class="rounded-lg border border-slate-200 p-3" data-testid="dkptka-bill">
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <p class="font-mono font-semibold">{bill.bill_number.clone()}</p>
                <p class="text-sm font-semibold" data-testid="bill-status">{status}</p>
            </div>
            <BillFacts bill=bill.clone() />
            {bill.officer_note.clone().map(|note| view! { <p class="mt-1 text-sm">{t.officer_note}": "{note}</p> })}
            {bill.verification_code.clone().filter(|_| bill.status == BillStatus::Validated.as_str()).map(|code| view! {
                <p class="mt-2 flex flex-wrap gap-4 text-sm">
                    <a class="link" href=format!("/dkptka/{id}/tanda-terima.pdf") rel="external" data-testid="bill-receipt">{t.dkptka_receipt}</a>
                    <a class="link" href=format!("/verifikasi/dkptka/{code}") data-testid="bill-verify">{t.verify}</a>
                </p>
            })}
            {payable.then(|| view! {
                <ActionForm action=actions.cancel attr:class="mt-2">
                    <input type="hidden" name="bill_id" value=id />
                    <button type="submit" class="link text-sm text-red-800">{t.dkptka_cancel}</button>
                </ActionForm>
            })}
            {payable.then(|| view! { <ProofForm bill_id=id pay=actions.pay /> })}
        </li>
    }
}

#[component]
pub fn BillFacts(bill: BillView) -> impl IntoView {
    let t = use_strings();
    view! {
        <dl class="mt-1 grid gap-x-4 text-sm sm:grid-cols-2">
            <div><dt class="inline text-slate-600">"RPTKA: "</dt><dd class="inline">{bill.rptka_number.clone()}</dd></div>
            <div><dt class="inline text-slate-600">{t.dkptka_period}": "</dt><dd class="inline">{format!("{} – {}", bill.period_start, bill.period_end)}</dd></div>
            <div><dt class="inline text-slate-600">{t.dkptka_positions}": "</dt><dd class="inline">{format!("{} × {} {}", bill.positions, bill.months, t.dkptka_months_unit)}</dd></div>
            <div><dt class="inline text-slate-600">{t.dkptka_amount}": "</dt><dd class="inline" data-testid="bill-amount">{bill.amount_usd.clone()}" = "{bill.amount_idr.to_string()}</dd></div>
            <div class="sm:col-span-2"><dt class="inline text-slate-600">{t.dkptka_rate}": "</dt><dd class="inline">{format!("{} ({}, {})", bill.rate, bill.rate_date, bill.rate_source)}</dd></div>
            {bill.payment_reference.clone().map(|reference| view! {
                <div class="sm:col-span-2"><dt class="inline text-slate-600">{t.dkptka_payment}": "</dt><dd class="inline">{reference}" ("{bill.paid_on.clone().unwrap_or_default()}")"</dd></div>
            })}
        </dl>
    }
}

#[component]
fn ProofForm(bill_id: i64, pay: Action<FormData, Result<(), AppError>>) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(pay.value());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let data = ev
            .target()
            .and_then(|target| target.dyn_into::<HtmlFormElement>().ok())
            .and_then(|form| FormData::new_with_form(&form).ok());
        if let Some(data) = data {
            pay.dispatch_local(data);
        }
    };
    let field = |label: &'static str, name: &'static str, kind: &'static str| {
        view! {
            <Field label name id=format!("{name}-{bill_id}") error=errors.field(name) kind />
        }
    };
    view! {
        <form method="post" action=SubmitLevyPayment::url() enctype="multipart/form-data" on:submit=on_submit
            class="mt-3 grid gap-3 sm:grid-cols-2" data-testid="proof-form">
            <input type="hidden" name="bill_id" value=bill_id />
            {field(t.dkptka_payment_reference, "payment_reference", "text")}
            {field(t.dkptka_paid_on, "paid_on", "date")}
            {field(t.dkptka_rate, "rate", "text")}
            {field(t.dkptka_rate_source, "rate_source", "text")}
            <div class="field sm:col-span-2">
                <label for=format!("proof-{bill_id}") class="block font-medium">{t.dkptka_proof}</label>
                <input id=format!("proof-{bill_id}") type="file" name="proof" accept="application/pdf,image/jpeg,image/png" class="mt-1" />
                <p class="mt-1 text-sm text-red-800" role="alert">{move || errors.field("proof").get().map(|key| crate::core::i18n::localize(t, &key))}</p>
            </div>
            <div class="grid gap-2 sm:col-span-2">
                <FormProblem errors />
                <button type="submit" class="btn-primary justify-self-start" data-testid="proof-submit">{t.dkptka_send_proof}</button>
            </div>
        </form>
    }
}
