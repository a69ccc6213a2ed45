//! The public verification of an issued document (`/verifikasi/layanan/{code}`) and the worker's PHK page
//! (`/akun/phk`), where a worker sees the reports about them and objects online.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    features::requests::{
        api::{ObjectPhk, load_my_phk, verify_request},
        model::PhkView,
        pages::parts::{FieldLines, StatusBadge, english, status_text},
    },
    ui::{
        error_panel::ErrorPanel,
        form::{FormErrors, FormProblem, Success, succeeded},
        use_strings,
    },
};

#[component]
pub fn VerifyRequestPage() -> impl IntoView {
    let t = use_strings();
    let params = use_params_map();
    let result = Resource::new(
        move || params.with(|p| p.get("code").unwrap_or_default()),
        verify_request,
    );
    view! {
        <Title text=t.requests_verify_title />
        <section class="mx-auto max-w-md">
            <h1 class="text-2xl font-bold">{t.requests_verify_title}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || result.get().map(|result| match result {
                    Ok(v) => view! {
                        <div class="card mt-4">
                            <p class="text-lg font-semibold text-emerald-800" data-testid="verify-state">{t.requests_verified}</p>
                            <dl class="mt-3 grid gap-2 text-sm">
                                <div><dt class="text-slate-600">{t.requests_number}</dt><dd class="font-mono" data-testid="verify-number">{v.number}</dd></div>
                                <div><dt class="text-slate-600">{t.requests_document}</dt><dd>{v.document_title}</dd></div>
                                <div><dt class="text-slate-600">{t.requests_service}</dt><dd>{if english() { v.type_name_en } else { v.type_name_id }}</dd></div>
                                <div><dt class="text-slate-600">{t.company_name}</dt><dd>{v.company_name}</dd></div>
                                <div><dt class="text-slate-600">{t.requests_status}</dt><dd>{status_text(t, &v.status)}</dd></div>
                                <div><dt class="text-slate-600">{t.requests_issued_on}</dt><dd>{v.issued_on}</dd></div>
                                {v.valid_until.map(|until| view! { <div><dt class="text-slate-600">{t.requests_valid_until}</dt><dd>{until}</dd></div> })}
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

#[component]
pub fn MyPhkPage() -> impl IntoView {
    let t = use_strings();
    let object = ServerAction::<ObjectPhk>::new();
    let reports = Resource::new(move || object.version().get(), |_| load_my_phk());
    view! {
        <Title text=t.requests_phk_title />
        <h1 class="text-2xl font-bold">{t.requests_phk_title}</h1>
        <p class="mt-1 text-slate-700">{t.requests_phk_lead}</p>
        <p class="mt-2"><a class="link" href="/akun/mogok">{t.requests_union_link}</a></p>
        <Success done=succeeded(object.value()) message=t.requests_objection_sent />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || reports.get().map(|result| match result {
                Ok(reports) if reports.is_empty() => view! { <p class="mt-4" data-testid="phk-none">{t.requests_phk_none}</p> }.into_any(),
                Ok(reports) => view! {
                    <ul class="mt-4 space-y-4" data-testid="phk-reports">
                        {reports.into_iter().map(|report| view! { <PhkCard report object /> }).collect_view()}
                    </ul>
                }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn PhkCard(report: PhkView, object: ServerAction<ObjectPhk>) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(object.value());
    let id = format!("objection-{}", report.id);
    view! {
        <li class="card" data-testid="phk-report">
            <h2 class="text-lg font-semibold">{report.company_name.clone()}</h2>
            <p><span class="font-mono text-sm">{report.code.clone()}</span>" "<StatusBadge status=report.status.clone() /></p>
            <FieldLines fields=report.fields.clone() />
            {report.objection.clone().map(|o| view! { <p class="mt-2 text-sm">{t.requests_objection}": "{o}</p> })}
            {report.can_object.then(|| view! {
                <ActionForm action=object attr:class="mt-3 grid gap-2">
                    <input type="hidden" name="request_id" value=report.id />
                    <label for=id.clone() class="font-medium">{format!("{} ({} {})", t.requests_object, t.requests_object_until, report.objection_until)}</label>
                    <textarea id=id name="objection" rows="3" class="w-full rounded-lg border border-slate-400 px-3 py-2"></textarea>
                    <p class="text-sm text-red-800" role="alert">{move || errors.field("objection").get().map(|key| crate::core::i18n::localize(t, &key))}</p>
                    <FormProblem errors />
                    <button type="submit" class="btn-primary justify-self-start" data-testid="phk-object">{t.requests_object}</button>
                </ActionForm>
            })}
        </li>
    }
}
