//! Work history and certificates/training on the profile: listed newest first, added and removed one at a
//! time (each in its own small form, so a half-typed profile elsewhere on the page is never lost).
use leptos::server_fn::ServerFn;
use leptos::{ev::SubmitEvent, prelude::*};

use crate::{
    features::ak1::{
        api::{AddCertificateEntry, AddWorkEntry, RemoveProfileEntry, load_profile_entries},
        experience::{CERTIFICATE_KINDS, CertificateItem, ProfileEntries, WorkItem},
        pages::parts::OnBehalf,
    },
    ui::{
        error_panel::ErrorPanel,
        form::{Field, FormErrors, FormProblem, Select, today_wib},
        use_strings,
    },
};

#[component]
pub fn Experience(on_behalf_of: Option<i64>) -> impl IntoView {
    let t = use_strings();
    let add_work = ServerAction::<AddWorkEntry>::new();
    let add_certificate = ServerAction::<AddCertificateEntry>::new();
    let remove = ServerAction::<RemoveProfileEntry>::new();
    let entries = Resource::new(
        move || {
            (
                add_work.version().get(),
                add_certificate.version().get(),
                remove.version().get(),
            )
        },
        move |_| load_profile_entries(on_behalf_of),
    );
    let listed = move |render: fn(
        ProfileEntries,
        ServerAction<RemoveProfileEntry>,
        Option<i64>,
    ) -> AnyView| {
        move || {
            entries.get().map(|result| match result {
                Ok(data) => render(data, remove, on_behalf_of),
                Err(error) => view! { <ErrorPanel error /> }.into_any(),
            })
        }
    };
    view! {
        <section class="card mt-6" aria-labelledby="judul-pengalaman">
            <h2 id="judul-pengalaman" class="text-lg font-semibold">{t.work_title}</h2>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>{listed(work_list)}</Suspense>
            <WorkForm action=add_work on_behalf_of />
        </section>
        <section class="card mt-6" aria-labelledby="judul-sertifikat">
            <h2 id="judul-sertifikat" class="text-lg font-semibold">{t.certificates_title}</h2>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>{listed(certificate_list)}</Suspense>
            <CertificateForm action=add_certificate on_behalf_of />
        </section>
        <FormProblem errors=FormErrors::new(remove.value()) />
    }
}

#[component]
fn RemoveButton(
    action: ServerAction<RemoveProfileEntry>,
    list: &'static str,
    id: i64,
    on_behalf_of: Option<i64>,
) -> impl IntoView {
    let t = use_strings();
    view! {
        <ActionForm action>
            <OnBehalf on_behalf_of />
            <input type="hidden" name="list" value=list />
            <input type="hidden" name="entry_id" value=id.to_string() />
            <button type="submit" class="btn-secondary text-sm">{t.remove}</button>
        </ActionForm>
    }
}

fn work_list(
    data: ProfileEntries,
    remove: ServerAction<RemoveProfileEntry>,
    on_behalf_of: Option<i64>,
) -> AnyView {
    let t = use_strings();
    if data.work.is_empty() {
        return view! { <p class="mt-2 text-slate-700">{t.entries_empty}</p> }.into_any();
    }
    view! {
        <ul class="mt-3 divide-y divide-slate-200" data-testid="work-list">
            {data.work.into_iter().map(|item: WorkItem| view! {
                <li class="flex flex-wrap items-start justify-between gap-3 py-3">
                    <div>
                        <p class="font-semibold">{item.position.clone()}" — "{item.employer.clone()}</p>
                        <p class="text-sm text-slate-700">{item.start_month.clone()}" – "{item.end_month.clone().unwrap_or_else(|| t.work_current.to_owned())}</p>
                        {item.duties.clone().map(|d| view! { <p class="text-sm">{d}</p> })}
                    </div>
                    <RemoveButton action=remove list="work" id=item.id on_behalf_of />
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

fn certificate_list(
    data: ProfileEntries,
    remove: ServerAction<RemoveProfileEntry>,
    on_behalf_of: Option<i64>,
) -> AnyView {
    let t = use_strings();
    if data.certificates.is_empty() {
        return view! { <p class="mt-2 text-slate-700">{t.entries_empty}</p> }.into_any();
    }
    view! {
        <ul class="mt-3 divide-y divide-slate-200" data-testid="certificate-list">
            {data.certificates.into_iter().map(|item: CertificateItem| {
                let kind = t.lookup(&format!("cert_kind_{}", item.kind)).unwrap_or("").to_owned();
                let verified = item.training_registration_id.is_some();
                view! {
                    <li class="flex flex-wrap items-start justify-between gap-3 py-3">
                        <div>
                            <p class="font-semibold">{item.name.clone()}</p>
                            <p class="text-sm text-slate-700">{kind}" · "{item.issuer.clone()}" · "{item.year}</p>
                            {verified.then(|| view! { <p class="text-sm font-medium text-emerald-800" data-testid="entry-verified">{format!("✓ {}", t.training_verified_by_training)}</p> })}
                        </div>
                        {(!verified).then(|| view! { <RemoveButton action=remove list="certificates" id=item.id on_behalf_of /> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// A form element that empties itself once its entry is saved, ready for the next one.
fn cleared_after_success<V, T>(value: V) -> NodeRef<leptos::html::Form>
where
    V: Get<Value = Option<Result<T, crate::core::error::AppError>>> + Send + Sync + 'static,
{
    let form_ref = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if matches!(value.get(), Some(Ok(_)))
            && let Some(form) = form_ref.get_untracked()
        {
            form.reset();
        }
    });
    form_ref
}

#[component]
fn WorkForm(action: ServerAction<AddWorkEntry>, on_behalf_of: Option<i64>) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(action.value());
    let form_ref = cleared_after_success(action.value());
    let on_submit = move |ev: SubmitEvent| {
        let today = today_wib();
        if let Some(input) = errors.check::<AddWorkEntry>(&ev, |input| {
            input
                .entry
                .check((today.year(), today.month() as u8))
                .err()
                .unwrap_or_default()
        }) {
            action.dispatch(input);
        }
    };
    view! {
        <details class="mt-4" open=move || errors.server.get().is_some()>
            <summary class="summary-add btn-secondary inline-block cursor-pointer">{t.work_add}</summary>
            <form method="post" action=AddWorkEntry::url() node_ref=form_ref on:submit=on_submit
                on:input=move |ev| errors.clear_on_input(&ev) novalidate class="mt-3 grid gap-4 sm:grid-cols-2" data-testid="work-form">
                <OnBehalf on_behalf_of />
                <Field label=t.field_employer name="entry[employer]" error=errors.field("employer") />
                <Field label=t.field_position name="entry[position]" error=errors.field("position") />
                <Field label=t.field_start_month name="entry[start_month]" kind="month" hint=t.month_hint error=errors.field("start_month") />
                <Field label=t.field_end_month name="entry[end_month]" kind="month" hint=t.end_month_hint error=errors.field("end_month") />
                <div class="sm:col-span-2"><Field label=t.field_duties name="entry[duties]" error=errors.field("duties") /></div>
                <div class="sm:col-span-2"><FormProblem errors /></div>
                <button type="submit" class="btn-primary sm:justify-self-start">{t.add}</button>
            </form>
        </details>
    }
}

#[component]
fn CertificateForm(
    action: ServerAction<AddCertificateEntry>,
    on_behalf_of: Option<i64>,
) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(action.value());
    let form_ref = cleared_after_success(action.value());
    let on_submit = move |ev: SubmitEvent| {
        let year = today_wib().year();
        if let Some(input) = errors.check::<AddCertificateEntry>(&ev, |input| {
            input.entry.check(year).err().unwrap_or_default()
        }) {
            action.dispatch(input);
        }
    };
    let kinds = CERTIFICATE_KINDS
        .iter()
        .map(|k| {
            (
                (*k).to_owned(),
                t.lookup(&format!("cert_kind_{k}")).unwrap_or(k).to_owned(),
            )
        })
        .collect::<Vec<_>>();
    view! {
        <details class="mt-4" open=move || errors.server.get().is_some()>
            <summary class="summary-add btn-secondary inline-block cursor-pointer">{t.certificate_add}</summary>
            <form method="post" action=AddCertificateEntry::url() node_ref=form_ref on:submit=on_submit
                on:input=move |ev| errors.clear_on_input(&ev) novalidate class="mt-3 grid gap-4 sm:grid-cols-2" data-testid="certificate-form">
                <OnBehalf on_behalf_of />
                <Select label=t.field_certificate_kind name="entry[kind]" error=errors.field("kind") options=kinds />
                <Field label=t.field_certificate_name name="entry[name]" error=errors.field("name") />
                <Field label=t.field_issuer name="entry[issuer]" error=errors.field("issuer") />
                <Field label=t.field_year name="entry[year]" inputmode="numeric" error=errors.field("year") />
                <div class="sm:col-span-2"><FormProblem errors /></div>
                <button type="submit" class="btn-primary sm:justify-self-start">{t.add}</button>
            </form>
        </details>
    }
}
