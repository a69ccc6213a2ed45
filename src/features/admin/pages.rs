use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::core::text::format_wib;
use crate::{
    features::admin::{
        api::{
            CreateStaffAccount, ResolveCorrection, SaveMinimumWage, SetAccountDisabled,
            audit_entries, list_accounts, load_job_runs, load_minimum_wages, open_corrections,
        },
        model::{AuditFilter, CorrectionRequest},
    },
    ui::{
        error_panel::ErrorPanel,
        form::{Field, FormErrors, FormProblem, Success, succeeded},
        use_strings,
    },
};

#[component]
pub fn AdminAccountsPage() -> impl IntoView {
    let t = use_strings();
    let query = use_query_map();
    let search = move || query.with(|q| q.get("q").unwrap_or_default());
    let create = ServerAction::<CreateStaffAccount>::new();
    let toggle = ServerAction::<SetAccountDisabled>::new();
    let accounts = Resource::new(
        move || (search(), create.version().get(), toggle.version().get()),
        |(q, ..)| list_accounts(q),
    );
    let errors = FormErrors::new(create.value());
    view! {
        <Title text=t.nav_admin_accounts />
        <h1 class="text-2xl font-bold">{t.nav_admin_accounts}</h1>
        <section class="card mt-6" aria-labelledby="judul-petugas-baru">
            <h2 id="judul-petugas-baru" class="text-lg font-semibold">{t.create_staff_title}</h2>
            <ActionForm action=create attr:class="mt-3 grid gap-4 sm:grid-cols-3">
                <Field label=t.full_name name="full_name" error=errors.field("full_name") required=true />
                <Field label=t.email name="email" kind="email" error=errors.field("email") required=true />
                <div class="field">
                    <label for="staff-role" class="block font-medium">{t.role}</label>
                    <select id="staff-role" name="role" class="mt-1 w-full rounded-lg border border-slate-400 px-3 py-2">
                        <option value="officer">{t.role_officer}</option>
                        <option value="admin">{t.role_admin}</option>
                    </select>
                </div>
                <div class="sm:col-span-3"><FormProblem errors /><Success done=succeeded(create.value()) message=t.staff_created /></div>
                <button type="submit" class="btn-primary sm:justify-self-start">{t.create}</button>
            </ActionForm>
        </section>
        <form method="get" class="mt-6 flex gap-2" role="search">
            <label for="cari-akun" class="sr-only">{t.search}</label>
            <input id="cari-akun" name="q" value=search class="w-full rounded-lg border border-slate-400 px-3 py-2" placeholder=t.search_accounts />
            <button type="submit" class="btn-secondary">{t.search}</button>
        </form>
        <FormProblem errors=FormErrors::new(toggle.value()) />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || accounts.get().map(|result| match result {
                Ok(list) => view! {
                    <div class="mt-4 overflow-x-auto" tabindex="0">
                    <table class="w-full text-left text-sm" data-testid="accounts">
                        <thead><tr><th class="py-2">{t.full_name}</th><th>{t.email}</th><th>{t.role}</th><th>{t.status}</th><th></th></tr></thead>
                        <tbody>
                            {list.into_iter().map(|a| view! {
                                <tr class="border-t border-slate-200">
                                    <td class="py-2">{a.full_name}{a.company_name.map(|c| format!(" · {c}"))}</td>
                                    <td>{a.email}</td>
                                    <td>{a.role.as_str()}</td>
                                    <td>{if a.disabled { t.disabled } else { t.active }}</td>
                                    <td>
                                        <ActionForm action=toggle>
                                            <input type="hidden" name="account_id" value=a.id.to_string() />
                                            <input type="hidden" name="disabled" value=if a.disabled { "0" } else { "1" } />
                                            <button type="submit" class="btn-secondary">{if a.disabled { t.enable } else { t.disable }}</button>
                                        </ActionForm>
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

/// The audit log, filtered by the query string (so a filter can be bookmarked and shared).
#[component]
pub fn AuditPage() -> impl IntoView {
    let t = use_strings();
    let query = use_query_map();
    let filter = move || {
        query.with(|q| AuditFilter {
            action: q.get("tindakan").filter(|v| !v.is_empty()),
            actor_account_id: q.get("pelaku").and_then(|v| v.parse().ok()),
            subject_account_id: q.get("subjek").and_then(|v| v.parse().ok()),
            from: q.get("dari").filter(|v| !v.is_empty()),
            to: q.get("sampai").filter(|v| !v.is_empty()),
            page: q.get("hal").and_then(|v| v.parse().ok()),
        })
    };
    let entries = Resource::new(filter, audit_entries);
    let value = move |key: &'static str| move || query.with(|q| q.get(key).unwrap_or_default());
    view! {
        <Title text=t.nav_audit />
        <h1 class="text-2xl font-bold">{t.nav_audit}</h1>
        <form method="get" class="card mt-6 grid gap-3 sm:grid-cols-5" role="search">
            <label class="text-sm">{t.audit_action}<input name="tindakan" value=value("tindakan") class="mt-1 w-full rounded border border-slate-400 px-2 py-1" /></label>
            <label class="text-sm">{t.audit_actor}<input name="pelaku" value=value("pelaku") inputmode="numeric" class="mt-1 w-full rounded border border-slate-400 px-2 py-1" /></label>
            <label class="text-sm">{t.audit_subject}<input name="subjek" value=value("subjek") inputmode="numeric" class="mt-1 w-full rounded border border-slate-400 px-2 py-1" /></label>
            <label class="text-sm">{t.from_date}<input name="dari" type="date" value=value("dari") class="mt-1 w-full rounded border border-slate-400 px-2 py-1" /></label>
            <label class="text-sm">{t.to_date}<input name="sampai" type="date" value=value("sampai") class="mt-1 w-full rounded border border-slate-400 px-2 py-1" /></label>
            <button type="submit" class="btn-primary sm:col-span-5 sm:justify-self-start">{t.filter}</button>
        </form>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || entries.get().map(|result| match result {
                Ok(list) => view! {
                    <div class="mt-4 overflow-x-auto" tabindex="0">
                    <table class="w-full text-left text-sm" data-testid="audit">
                        <thead><tr><th class="py-2">{t.when}</th><th>{t.who}</th><th>{t.what}</th><th>{t.audit_object}</th><th>"IP"</th></tr></thead>
                        <tbody>
                            {list.into_iter().map(|e| view! {
                                <tr class="border-t border-slate-200">
                                    <td class="py-2 whitespace-nowrap">{format_wib(e.at_ms)}</td>
                                    <td>{format!("{} ({})", e.actor_name.unwrap_or_else(|| "—".into()), e.actor_role.unwrap_or_default())}</td>
                                    <td>{e.action}</td>
                                    <td>{format!("{} {}", e.subject_type, e.subject_id.unwrap_or_default())}</td>
                                    <td>{e.ip.unwrap_or_default()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

/// Officers: open correction requests, oldest first, each with its 3×24-hour deadline (overdue ones marked),
/// the value recorded now and the value asked for; accept (the correction is applied) or refuse with a reason.
#[component]
pub fn CorrectionsPage() -> impl IntoView {
    let t = use_strings();
    let resolve = ServerAction::<ResolveCorrection>::new();
    let list = Resource::new(move || resolve.version().get(), |_| open_corrections());
    let errors = FormErrors::new(resolve.value());
    let response_error = errors.field("response");
    view! {
        <Title text=t.corrections_queue_title />
        <h1 class="text-2xl font-bold">{t.corrections_queue_title}</h1>
        <FormProblem errors />
        <p role="alert" class="mt-2 text-red-800">
            {move || response_error.get().map(|key| crate::core::i18n::localize(t, &key))}
        </p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || list.get().map(|result| match result {
                Ok(items) if items.is_empty() => view! { <p class="mt-4">{t.queue_empty}</p> }.into_any(),
                Ok(items) => view! {
                    <ul class="mt-4 space-y-4" data-testid="correction-queue">
                        {items.into_iter().map(|c| view! { <CorrectionItem c resolve /> }).collect_view()}
                    </ul>
                }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn CorrectionItem(c: CorrectionRequest, resolve: ServerAction<ResolveCorrection>) -> impl IntoView {
    let t = use_strings();
    let shown = move |field: &str, value: String| match (field, value.as_str()) {
        ("sex", "male") => t.sex_male.to_owned(),
        ("sex", "female") => t.sex_female.to_owned(),
        _ => value,
    };
    let current = c
        .current_value
        .map_or_else(|| "—".to_owned(), |v| shown(&c.field, v));
    let requested = shown(&c.field, c.requested_value);
    view! {
        <li class="card" data-overdue=c.overdue.to_string()>
            <p class="font-semibold">{c.account_name}" · "{correction_field_label(t, &c.field)}</p>
            <p class="mt-1">{t.correction_current}": "{current}</p>
            <p class="mt-1">{t.correction_value}": "<strong>{requested}</strong></p>
            <p class="mt-1 text-sm text-slate-700">{c.reason}</p>
            <p class="mt-1 text-sm text-slate-600">{format_wib(c.created_at_ms)}</p>
            <p class=if c.overdue { "mt-1 font-semibold text-red-800" } else { "mt-1 text-sm" }>
                {t.correction_due}": "{format_wib(c.due_at_ms)}
                {c.overdue.then(|| format!(" ({})", t.overdue))}
            </p>
            <ActionForm action=resolve attr:class="mt-3 flex flex-wrap items-end gap-2">
                <input type="hidden" name="id" value=c.id.to_string() />
                <label class="text-sm">{t.response}" ("{t.correction_response_hint}")"
                    <input name="response" class="ml-2 rounded border border-slate-400 px-2 py-1" />
                </label>
                <button type="submit" name="accepted" value="1" class="btn-primary">{t.accept}</button>
                <button type="submit" name="accepted" value="0" class="btn-secondary">{t.reject}</button>
            </ActionForm>
        </li>
    }
}

fn correction_field_label(t: &'static crate::core::i18n::Strings, field: &str) -> &'static str {
    match field {
        "full_name" => t.full_name,
        "place_of_birth" => t.place_of_birth,
        "date_of_birth" => t.date_of_birth,
        "sex" => t.sex,
        "nik" => t.nik,
        _ => t.correction_field,
    }
}

/// Admins: the UMK by year (a new one warns companies whose registered contracts fall below it).
#[component]
pub fn MinimumWagesPage() -> impl IntoView {
    let t = use_strings();
    let save = ServerAction::<SaveMinimumWage>::new();
    let wages = Resource::new(move || save.version().get(), |_| load_minimum_wages());
    let errors = FormErrors::new(save.value());
    view! {
        <Title text=t.nav_minimum_wages />
        <h1 class="text-2xl font-bold">{t.nav_minimum_wages}</h1>
        <p class="mt-1 max-w-3xl text-slate-700">{t.umk_admin_lead}</p>
        <section class="card mt-6" aria-labelledby="judul-umk-baru">
            <h2 id="judul-umk-baru" class="text-lg font-semibold">{t.umk_new}</h2>
            <ActionForm action=save attr:class="mt-3 grid gap-4 sm:grid-cols-3" attr:data-testid="umk-form">
                <Field label=t.umk_year name="year" inputmode="numeric" error=errors.field("year") />
                <Field label=t.umk_amount name="amount" inputmode="numeric" hint=t.hint_rupiah error=errors.field("amount") />
                <Field label=t.umk_legal_basis name="legal_basis" error=errors.field("legal_basis") />
                <div class="sm:col-span-3"><FormProblem errors /></div>
                {move || save.value().get().and_then(Result::ok).map(|summary| view! {
                    <p role="status" class="rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-emerald-900 sm:col-span-3" data-testid="umk-saved">
                        {t.umk_saved}" ("{summary}")"
                    </p>
                })}
                <button type="submit" class="btn-primary sm:justify-self-start">{t.save}</button>
            </ActionForm>
        </section>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || wages.get().map(|result| match result {
                Ok(rows) => view! {
                    <table class="card mt-6 w-full text-left text-sm" data-testid="umk-table">
                        <thead><tr><th class="p-1">{t.umk_year}</th><th class="p-1">{t.umk_amount}</th><th class="p-1">{t.umk_legal_basis}</th></tr></thead>
                        <tbody>
                            {rows.into_iter().map(|row| view! {
                                <tr class="border-t border-slate-200"><td class="p-1">{row.year}</td><td class="p-1">{row.amount.to_string()}</td><td class="p-1">{row.legal_basis}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

/// Admins: the last runs of each daily job (which instance ran it, when, and what it did).
#[component]
pub fn JobRunsPage() -> impl IntoView {
    let t = use_strings();
    let runs = Resource::new(|| (), |_| load_job_runs());
    view! {
        <Title text=t.nav_job_runs />
        <h1 class="text-2xl font-bold">{t.nav_job_runs}</h1>
        <p class="mt-1 max-w-3xl text-slate-700">{t.job_runs_lead}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || runs.get().map(|result| match result {
                Ok(rows) if rows.is_empty() => view! { <p class="card mt-4">{t.job_runs_none}</p> }.into_any(),
                Ok(rows) => view! {
                    <div class="mt-4 overflow-x-auto" tabindex="0">
                        <table class="card w-full text-left text-sm" data-testid="job-runs">
                            <thead><tr><th class="p-1">{t.job_name}</th><th class="p-1">{t.job_day}</th><th class="p-1">{t.job_instance}</th>
                                <th class="p-1">{t.job_started}</th><th class="p-1">{t.job_outcome}</th></tr></thead>
                            <tbody>
                                {rows.into_iter().map(|run| view! {
                                    <tr class="border-t border-slate-200">
                                        <td class="p-1">{t.lookup(&format!("job_{}", run.job)).unwrap_or(&run.job).to_owned()}</td>
                                        <td class="p-1">{run.run_on.clone()}</td>
                                        <td class="p-1 font-mono text-xs">{run.instance.clone()}</td>
                                        <td class="p-1">{format_wib(run.started_at_ms)}</td>
                                        <td class="p-1">{run.outcome.clone().unwrap_or_else(|| t.job_running.to_owned())}{run.detail.clone().map(|d| format!(" — {d}"))}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}
