//! The company's manpower report page: the pre-filled form (changes from last year highlighted, the facts
//! the portal knows beside it), checked in the browser with the server's rules, the warnings to confirm,
//! and the submitted versions with their receipts.
use leptos::{ev::SubmitEvent, prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    core::{
        error::FieldErrors,
        i18n::{fill, localize},
    },
    features::manpower_report::{
        api::{DeclareManpowerEvent, SubmitManpowerReport, load_company_report},
        model::{CompanyReport, OFFICE_KINDS, OVERTIME, REASONS, REGULATION_KINDS, ReportVersion},
        pages::events::{DueList, EventsCard},
    },
    ui::{
        error_panel::ErrorPanel,
        form::{Field, FormErrors, FormProblem, Select},
        use_strings,
    },
};

/// (field, input name) of the figures, by section title key.
type Inputs = &'static [(&'static str, &'static str)];
const SECTIONS: [(&str, Inputs); 6] = [
    (
        "manpower_section_company",
        &[
            ("address", "form[address]"),
            ("bpjs_number", "form[bpjs_number]"),
        ],
    ),
    (
        "manpower_section_workforce",
        &[
            ("total", "form[total]"),
            ("male", "form[male]"),
            ("female", "form[female]"),
            ("age_under_25", "form[age_under_25]"),
            ("age_25_39", "form[age_25_39]"),
            ("age_40_54", "form[age_40_54]"),
            ("age_55_up", "form[age_55_up]"),
            ("edu_basic", "form[edu_basic]"),
            ("edu_secondary", "form[edu_secondary]"),
            ("edu_diploma", "form[edu_diploma]"),
            ("edu_degree", "form[edu_degree]"),
            ("permanent", "form[permanent]"),
            ("pkwt", "form[pkwt]"),
            ("outsourced", "form[outsourced]"),
            ("daily", "form[daily]"),
            ("local", "form[local]"),
            ("foreign", "form[foreign]"),
            ("disability", "form[disability]"),
        ],
    ),
    (
        "manpower_section_wages",
        &[
            ("lowest_wage", "form[lowest_wage]"),
            ("bpjs_tk", "form[bpjs_tk]"),
            ("bpjs_kes", "form[bpjs_kes]"),
        ],
    ),
    (
        "manpower_section_time",
        &[
            ("weekly_hours", "form[weekly_hours]"),
            ("trained", "form[trained]"),
        ],
    ),
    (
        "manpower_section_relations",
        &[
            ("regulation_number", "form[regulation_number]"),
            ("regulation_valid_until", "form[regulation_valid_until]"),
        ],
    ),
    (
        "manpower_section_k3",
        &[
            ("k3_officers", "form[k3_officers]"),
            ("accidents", "form[accidents]"),
        ],
    ),
];

/// The checkboxes: (field, input name), by the section they sit in.
const CHECKS: [(&str, &str, &str); 4] = [
    ("manpower_section_wages", "wage_scale", "form[wage_scale]"),
    (
        "manpower_section_relations",
        "union_present",
        "form[union_present]",
    ),
    ("manpower_section_k3", "p2k3", "form[p2k3]"),
    ("manpower_section_k3", "smk3", "form[smk3]"),
];
/// The typed (not numeric) inputs.
const TEXTS: [&str; 3] = ["address", "bpjs_number", "regulation_number"];

#[component]
pub fn ManpowerReportPage() -> impl IntoView {
    let t = use_strings();
    let submit = ServerAction::<SubmitManpowerReport>::new();
    let declare = ServerAction::<DeclareManpowerEvent>::new();
    // The report year from `?tahun=` (none: the server's default).
    let query = use_query_map();
    let year = move || query.with(|q| q.get("tahun").and_then(|y| y.parse::<i64>().ok()));
    // Reloaded once a version is saved (not on warnings or errors: what was typed stays).
    let saved = move || {
        submit
            .value()
            .get()
            .and_then(Result::ok)
            .and_then(|o| o.saved)
    };
    let data = Resource::new(
        move || (saved(), year(), declare.version().get()),
        |(_, year, _)| load_company_report(year),
    );
    view! {
        <Title text=t.manpower_title />
        <h1 class="text-2xl font-bold">{t.manpower_title}</h1>
        <p class="mt-1 max-w-3xl text-slate-700">{t.manpower_lead}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || data.get().map(|result| match result {
                Ok(data) => view! { <ReportView data submit declare /> }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

fn options(values: &[&str], prefix: &str) -> Vec<(String, String)> {
    let t = use_strings();
    values
        .iter()
        .map(|v| {
            let label = t.lookup(&format!("{prefix}{v}")).unwrap_or(v);
            ((*v).to_owned(), label.to_owned())
        })
        .collect()
}

#[component]
fn ReportView(
    data: CompanyReport,
    submit: ServerAction<SubmitManpowerReport>,
    declare: ServerAction<DeclareManpowerEvent>,
) -> impl IntoView {
    let t = use_strings();
    let due = fill(t.manpower_due, &[("date", &data.due_date)]);
    let years: Vec<(String, String)> = data
        .years
        .iter()
        .map(|y| (y.to_string(), y.to_string()))
        .collect();
    view! {
        <p class=if data.overdue { "mt-2 font-semibold text-red-800" } else { "mt-2 text-slate-700" } data-testid="manpower-due">
            {due}{data.overdue.then(|| format!(" · {}", t.manpower_overdue))}
        </p>
        <DueList dues=data.dues.clone() />
        // A plain GET form: picking the report year works before hydration too.
        <form method="get" class="mt-3 flex flex-wrap items-end gap-2" data-testid="manpower-year-form">
            <Select label=t.manpower_report_year name="tahun" error=Signal::derive(|| None) options=years selected=data.year.to_string() />
            <button type="submit" class="btn-secondary">{t.manpower_show_year}</button>
        </form>
        <section class="card mt-4" aria-labelledby="manpower-known">
            <h2 id="manpower-known" class="text-lg font-semibold">{t.manpower_known_title}</h2>
            <p class="text-sm">{format!("{} · NIB {} · KBLI {}", data.company_name, data.nib, data.kbli)}</p>
            <dl class="mt-2 grid gap-x-4 text-sm sm:grid-cols-2" data-testid="manpower-known-list">
                {data.known.iter().map(|f| view! {
                    <div><dt class="inline text-slate-600">{t.lookup(&f.label_key).unwrap_or_default()}": "</dt><dd class="inline font-semibold">{f.value.clone()}</dd></div>
                }).collect_view()}
            </dl>
            {(!data.changed.is_empty()).then(|| view! { <p class="mt-2 text-sm text-amber-900">{t.manpower_changed_hint}</p> })}
        </section>
        <ReportForm data=data.clone() submit />
        <EventsCard events=data.events.clone() declare />
        <section class="card mt-6" aria-labelledby="manpower-versions">
            <h2 id="manpower-versions" class="text-lg font-semibold">{t.manpower_versions}</h2>
            {data.versions.is_empty().then(|| view! { <p class="mt-2">{t.manpower_no_versions}</p> })}
            <ul class="mt-2 divide-y divide-slate-200" data-testid="manpower-versions">
                {data.versions.into_iter().map(|v| view! { <VersionRow v /> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn VersionRow(v: ReportVersion) -> impl IntoView {
    let t = use_strings();
    view! {
        <li class="py-3" data-testid="manpower-version">
            <p class="font-semibold">
                <span class="font-mono">{v.receipt_number.clone()}</span>" · "{fill(t.manpower_version_of, &[("year", &v.year.to_string()), ("version", &v.version.to_string())])}
                {v.superseded.then(|| view! { <span class="ml-2 rounded bg-slate-200 px-2 text-sm">{t.manpower_superseded}</span> })}
            </p>
            <p class="text-sm text-slate-700">{v.submitted_at.clone()}" · "{fill(t.manpower_workforce_of, &[("n", &v.workforce_total.to_string())])}</p>
            <ul class="mt-1 list-disc pl-5 text-sm text-amber-900">
                {v.warnings.iter().map(|w| view! { <li>{localize(t, w)}</li> }).collect_view()}
            </ul>
            <p class="mt-1 flex flex-wrap gap-4 text-sm">
                <a class="link" href=format!("/wlkp/{}/tanda-terima.pdf", v.id) rel="external" data-testid="manpower-receipt">{t.manpower_receipt}</a>
                <a class="link" href=format!("/verifikasi/wlkp/{}", v.verification_code)>{t.verify}</a>
            </p>
        </li>
    }
}

#[component]
fn ReportForm(data: CompanyReport, submit: ServerAction<SubmitManpowerReport>) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(submit.value());
    let years = StoredValue::new(data.years.clone());
    let years = move || years.get_value();
    let on_submit = move |ev: SubmitEvent| {
        let years = years();
        if let Some(input) = errors.check::<SubmitManpowerReport>(&ev, |input| {
            let mut found = input.form.check().err().unwrap_or_else(FieldErrors::new);
            // The same bound as the server's `check_report_year`: one of the years offered.
            if input.year.is_some_and(|y| !years.contains(&y)) {
                found.add("year", "manpower_err_year");
            }
            found
        }) {
            submit.dispatch(input);
        }
    };
    let values = data.form.fields();
    let value = move |field: &str| {
        values
            .iter()
            .find(|(k, _)| k == field)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let changed = data.changed.clone();
    let held = Signal::derive(move || {
        submit
            .value()
            .get()
            .and_then(Result::ok)
            .filter(|o| o.saved.is_none())
            .map(|o| o.warnings)
    });
    let saved = Signal::derive(move || {
        submit
            .value()
            .get()
            .and_then(Result::ok)
            .and_then(|o| o.saved.map(|_| o.warnings))
    });
    let sections = SECTIONS.iter().map(|(title, inputs)| {
        let fields = inputs.iter().map(|(field, name)| {
            let label = t.lookup(&format!("manpower_f_{field}")).unwrap_or(field);
            let is_changed = changed.iter().any(|c| c == field);
            let kind = if *field == "regulation_valid_until" { "date" } else { "text" };
            let hint = is_changed.then_some(t.manpower_changed);
            view! {
                <div class=if is_changed { "rounded-lg bg-amber-50 p-2 ring-1 ring-amber-400" } else { "p-2" } data-changed=is_changed.to_string()>
                    <Field label name error=errors.field(field) value=value(field) kind inputmode=if TEXTS.contains(field) || kind == "date" { "text" } else { "numeric" } hint=hint.unwrap_or("") />
                </div>
            }
        }).collect_view();
        let checks = CHECKS.iter().filter(|(s, _, _)| s == title).map(|(_, field, name)| {
            let label = t.lookup(&format!("manpower_f_{field}")).unwrap_or(field);
            let on = !value(field).is_empty();
            let id = format!("check-{field}");
            let label_for = id.clone();
            view! {
                <label for=label_for class="flex items-center gap-2 p-2">
                    <input id=id type="checkbox" name=*name checked=on class="h-5 w-5" />{label}
                </label>
            }
        }).collect_view();
        let heading = t.lookup(title).unwrap_or(title);
        view! {
            <fieldset class="mt-4 grid gap-2 sm:col-span-2 sm:grid-cols-2 lg:col-span-3 lg:grid-cols-3">
                <legend class="text-base font-semibold">{heading}</legend>
                {fields}{checks}
            </fieldset>
        }
    }).collect_view();
    view! {
        <form method="post" action=SubmitManpowerReport::url() on:submit=on_submit on:input=move |ev| errors.clear_on_input(&ev) novalidate
            class="card mt-6 grid gap-2 sm:grid-cols-2 lg:grid-cols-3" data-testid="manpower-form">
            <h2 class="text-lg font-semibold sm:col-span-2 lg:col-span-3">{fill(t.manpower_form_title, &[("year", &data.year.to_string())])}</h2>
            <input type="hidden" name="year" value=data.year />
            {data.current_id.map(|id| view! {
                <p class="text-sm text-slate-700 sm:col-span-2 lg:col-span-3" data-testid="manpower-locked">{t.manpower_locked}</p>
                <input type="hidden" name="replaces" value=id />
            })}
            <Select label=t.manpower_f_reason name="form[reason]" error=errors.field("reason") options=options(&REASONS, "manpower_reason_") selected=value("reason") />
            <Select label=t.manpower_f_office_kind name="form[office_kind]" error=errors.field("office_kind") options=options(&OFFICE_KINDS, "manpower_office_") selected=value("office_kind") />
            <Select label=t.manpower_f_overtime name="form[overtime]" error=errors.field("overtime") options=options(&OVERTIME, "manpower_overtime_") selected=value("overtime") />
            <Select label=t.manpower_f_regulation_kind name="form[regulation_kind]" error=errors.field("regulation_kind") options=options(&REGULATION_KINDS, "manpower_regulation_") selected=value("regulation_kind") />
            {sections}
            <div class="grid gap-2 sm:col-span-2 lg:col-span-3">
                {move || held.get().map(|warnings| view! {
                    <div role="alert" class="rounded-lg border border-amber-400 bg-amber-50 p-3 text-amber-950" data-testid="manpower-warnings">
                        <p class="font-semibold">{t.manpower_warnings_title}</p>
                        <ul class="list-disc pl-5">{warnings.iter().map(|w| view! { <li>{localize(t, w)}</li> }).collect_view()}</ul>
                        <label for="manpower-confirm" class="mt-2 flex items-center gap-2">
                            <input id="manpower-confirm" type="checkbox" name="confirm" class="h-5 w-5" data-testid="manpower-confirm" />{t.manpower_confirm}
                        </label>
                    </div>
                })}
                {move || saved.get().map(|_| view! { <p role="status" class="rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-emerald-900" data-testid="manpower-saved">{t.manpower_saved}</p> })}
                <FormProblem errors />
                <button type="submit" class="btn-primary justify-self-start" data-testid="manpower-submit">{if data.current_id.is_some() { t.manpower_submit_correction } else { t.manpower_submit }}</button>
            </div>
        </form>
    }
}
