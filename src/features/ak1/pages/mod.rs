//! AK-1 pages: the profile editor (`profile.rs`, `experience.rs`), the counter and statistics
//! (`counter.rs`), the card panel, the officer's queue and the public verification page.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

pub mod counter;
pub mod experience;
pub mod parts;
pub mod profile;

pub use counter::{Ak1StatisticsPage, CounterPage, CounterSeekerPage};
pub use profile::ProfilePage;

use crate::core::text::format_wib;
use crate::{
    features::ak1::{
        api::{DecideAk1, ReReportAk1, load_ak1_queue, load_applicant_profile, verify_ak1},
        model::{Ak1Status, Ak1View, QueueItem, ReviewProfile, tangerang_region_name},
    },
    ui::{
        error_panel::ErrorPanel,
        form::{FormErrors, FormProblem, Success, succeeded},
        use_strings,
    },
};

fn status_label(t: &'static crate::core::i18n::Strings, status: Ak1Status) -> &'static str {
    match status {
        Ak1Status::Waiting => t.ak1_waiting,
        Ak1Status::Revision => t.ak1_revision,
        Ak1Status::Issued => t.ak1_issued,
        Ak1Status::Rejected => t.ak1_rejected,
        Ak1Status::Closed => t.ak1_closed,
    }
}

/// The AK-1 application or card; at the counter the card is printed through the officer's route.
#[component]
pub fn Ak1Panel(ak1: Option<Ak1View>, on_behalf_of: Option<i64>) -> impl IntoView {
    let t = use_strings();
    let Some(card) = ak1 else {
        return view! { <section class="card mt-6"><h2 class="text-lg font-semibold">{t.ak1_card_title}</h2><p class="mt-2">{t.ak1_none}</p></section> }.into_any();
    };
    view! {
        <section class="card mt-6" aria-labelledby="judul-ak1">
            <h2 id="judul-ak1" class="text-lg font-semibold">{t.ak1_card_title}</h2>
            <p class="mt-2 font-semibold" data-testid="ak1-status">{status_label(t, card.status)}</p>
            {card.officer_note.clone().map(|note| view! { <p class="mt-1 text-amber-900">{t.officer_note}": "{note}</p> })}
            {(card.status == Ak1Status::Waiting).then(|| view! { <p class="mt-1 text-sm">{t.due}": "{format_wib(card.due_at_ms)}</p> })}
            {card.card_number.clone().map(|number| view! {
                <dl class="mt-3 grid gap-2 sm:grid-cols-2">
                    <div><dt class="text-sm text-slate-600">{t.ak1_number}</dt><dd class="font-mono" data-testid="ak1-number">{number}</dd></div>
                    <div><dt class="text-sm text-slate-600">{t.ak1_valid_until}</dt><dd>{card.valid_until.clone().unwrap_or_default()}</dd></div>
                    <div><dt class="text-sm text-slate-600">{t.ak1_re_report}</dt><dd>{card.re_report_due.join(", ")}</dd></div>
                    <div><dt class="text-sm text-slate-600">{t.ak1_verification}</dt>
                        <dd>{card.verification_code.clone().map(|code| view! {
                            <a class="link" href=format!("/verifikasi/ak1/{code}") data-testid="ak1-verify-link">{format!("/verifikasi/ak1/{code}")}</a>
                        })}</dd></div>
                </dl>
                // A <dl> holds only term and description groups (axe definition-list), so the download
                // stands after it.
                <p class="mt-3"><a class="btn-primary inline-block" href=on_behalf_of.map_or_else(|| "/akun/kartu-ak1.pdf".to_owned(), |id| format!("/petugas/loket/{id}/kartu-ak1.pdf")) rel="external" download data-testid="ak1-pdf">{t.ak1_download}</a></p>
            })}
            {(!card.reports.is_empty()).then(|| view! {
                <p class="mt-3 text-sm">{t.ak1_reports_made}": "<span data-testid="ak1-reports">{card.reports.join(", ")}</span></p>
            })}
            {card.next_report.clone().filter(|_| on_behalf_of.is_none()).map(|next| view! { <ReReport next /> })}
            <ol class="mt-3 space-y-1 text-sm text-slate-700">
                {card.events.iter().map(|e| {
                    let label = Ak1Status::parse(&e.to_status).map_or(e.to_status.clone(), |s| status_label(t, s).to_owned());
                    view! { <li>{format_wib(e.at_ms)}" — "{label}{e.reason.clone().map(|r| format!(" ({r})"))}</li> }
                }).collect_view()}
            </ol>
        </section>
    }.into_any()
}

#[component]
fn ReReport(next: crate::features::ak1::model::NextReport) -> impl IntoView {
    let t = use_strings();
    let action = ServerAction::<ReReportAk1>::new();
    view! {
        <div class="mt-3 rounded-lg border border-slate-200 p-3">
            <p class=if next.overdue { "font-semibold text-red-800" } else { "font-medium" }>{t.ak1_next_report}": "{next.due.clone()}</p>
            {next.open.then(|| view! {
                <ActionForm action attr:class="mt-2">
                    <input type="hidden" name="still_seeking" value="1" />
                    <button type="submit" class="btn-primary">{t.ak1_report_button}</button>
                </ActionForm>
            })}
            <FormProblem errors=FormErrors::new(action.value()) />
            <Success done=succeeded(action.value()) message=t.ak1_report_done />
        </div>
    }
}

/// Officers: waiting AK-1 applications, oldest first, with the one-working-day clock.
#[component]
pub fn Ak1QueuePage() -> impl IntoView {
    let t = use_strings();
    let decide = ServerAction::<DecideAk1>::new();
    let queue = Resource::new(move || decide.version().get(), |_| load_ak1_queue());
    view! {
        <Title text=t.ak1_queue_title />
        <h1 class="text-2xl font-bold">{t.ak1_queue_title}</h1>
        <FormProblem errors=FormErrors::new(decide.value()) />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || queue.get().map(|result| match result {
                Ok(queue) if queue.items.is_empty() => view! { <p class="mt-4">{t.queue_empty}</p> }.into_any(),
                Ok(queue) => view! {
                    <p class="mt-2 text-slate-700" data-testid="queue-counts">
                        {format!("{} {}", queue.total_waiting, t.ak1_waiting_count)}
                        {(queue.overdue > 0).then(|| view! { <strong class="text-red-800">{format!(" · {} {}", queue.overdue, t.overdue)}</strong> })}
                    </p>
                    <ul class="mt-4 space-y-4" data-testid="ak1-queue">
                        {queue.items.into_iter().map(|item| view! { <QueueCard item decide /> }).collect_view()}
                    </ul>
                }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn QueueCard(item: QueueItem, decide: ServerAction<DecideAk1>) -> impl IntoView {
    let t = use_strings();
    let now = crate::ui::form::now_ms();
    let overdue = item.due_at_ms < now;
    let approve_id = item.application_id.to_string();
    let other_id = item.application_id.to_string();
    view! {
        <li class="card">
            <div class="flex gap-4">
                {item.has_photo.then(|| view! {
                    <img src=format!("/petugas/pencaker/{}/berkas/photo", item.account_id) alt=t.photo_label width="72" height="96"
                        class="h-24 w-18 rounded border object-cover" />
                })}
                <div>
                    <h2 class="text-lg font-semibold">{item.full_name.clone()}</h2>
                    <p class="font-mono text-sm">{item.nik_masked.clone()}</p>
                    <p class="text-sm text-slate-700">
                        {item.education_level.clone().unwrap_or_default()}" · "{item.school.clone().unwrap_or_default()}" · "{item.district.clone().unwrap_or_default()}
                    </p>
                    <p class="text-sm text-slate-700">{t.field_skills}": "{item.skills.clone()}</p>
                    {item.has_cv.then(|| view! {
                        <a class="link text-sm" href=format!("/petugas/pencaker/{}/berkas/cv", item.account_id) rel="external" target="_blank">{t.cv_label}</a>
                    })}
                </div>
            </div>
            <ApplicantProfile account_id=item.account_id />
            <p class=if overdue { "mt-1 font-semibold text-red-800" } else { "mt-1 text-sm" }>
                {t.due}": "{format_wib(item.due_at_ms)}{overdue.then(|| format!(" — {}", t.overdue))}
            </p>
            <div class="mt-3 flex flex-wrap items-end gap-3">
                <ActionForm action=decide>
                    <input type="hidden" name="application_id" value=approve_id />
                    <input type="hidden" name="decision" value="approve" />
                    <button type="submit" class="btn-primary">{t.ak1_approve}</button>
                </ActionForm>
                <ActionForm action=decide attr:class="flex flex-wrap items-end gap-2">
                    <input type="hidden" name="application_id" value=other_id />
                    <label class="text-sm">{t.reason}<input name="reason" class="ml-2 rounded border border-slate-400 px-2 py-1" /></label>
                    <button type="submit" name="decision" value="revise" class="btn-secondary">{t.ak1_ask_revision}</button>
                    <button type="submit" name="decision" value="reject" class="btn-secondary">{t.reject}</button>
                </ActionForm>
            </div>
        </li>
    }
}

/// Public: `/verifikasi/ak1/{code}` — only what a verifier needs.
#[component]
pub fn VerifyAk1Page() -> impl IntoView {
    let t = use_strings();
    let params = use_params_map();
    let result = Resource::new(
        move || params.with(|p| p.get("code").unwrap_or_default()),
        verify_ak1,
    );
    view! {
        <Title text=t.verify_ak1_title />
        <section class="mx-auto max-w-md">
            <h1 class="text-2xl font-bold">{t.verify_ak1_title}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || result.get().map(|r| match r {
                    Ok(v) => {
                        let (label, class) = match v.state.as_str() {
                            "valid" => (t.verify_valid, "text-emerald-800"),
                            "closed" => (t.verify_closed, "text-amber-800"),
                            _ => (t.verify_expired, "text-red-800"),
                        };
                        view! {
                            <dl class="card mt-6 space-y-2">
                                <div><dt class="text-sm text-slate-600">{t.status}</dt><dd class=format!("text-xl font-bold {class}") data-testid="verify-state">{label}</dd></div>
                                <div><dt class="text-sm text-slate-600">{t.ak1_number}</dt><dd class="font-mono">{v.card_number}</dd></div>
                                <div><dt class="text-sm text-slate-600">{t.full_name}</dt><dd>{v.masked_name}</dd></div>
                                <div><dt class="text-sm text-slate-600">{t.ak1_valid_until}</dt><dd>{v.valid_until}</dd></div>
                            </dl>
                        }.into_any()
                    }
                    Err(_) => view! { <p role="alert" class="card mt-6 text-red-800">{t.verify_unknown}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// The applicant's full profile, fetched (and audit-logged) only when the officer opens it.
#[component]
fn ApplicantProfile(account_id: i64) -> impl IntoView {
    let t = use_strings();
    let opened = RwSignal::new(false);
    let profile = Resource::new(
        move || opened.get(),
        move |open| async move {
            if open {
                Some(load_applicant_profile(account_id).await)
            } else {
                None
            }
        },
    );
    view! {
        <details class="mt-2" on:toggle=move |_| opened.set(true)>
            <summary class="summary-add link cursor-pointer text-sm">{t.applicant_full_profile}</summary>
            <Suspense fallback=move || view! { <p class="text-sm">{t.loading}</p> }>
                {move || profile.get().flatten().map(|result| match result {
                    Ok(review) => view! { <ApplicantDetails review /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                })}
            </Suspense>
        </details>
    }
}

#[component]
fn ApplicantDetails(review: ReviewProfile) -> impl IntoView {
    let t = use_strings();
    let form = review.form;
    let place = [
        tangerang_region_name(&form.village_code),
        tangerang_region_name(&form.district_code),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let place = if place.is_empty() {
        form.address_elsewhere.clone()
    } else {
        place
    };
    view! {
        <dl class="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-2" data-testid="applicant-profile">
            <div><dt class="text-slate-600">{t.address}</dt><dd>{form.address.clone()}", "{place}</dd></div>
            <div><dt class="text-slate-600">{t.field_major}</dt><dd>{form.major.clone()}" ("{form.graduation_year.clone()}")"</dd></div>
            <div><dt class="text-slate-600">{t.field_preferred_occupations}</dt><dd>{form.preferred_occupations.clone()}</dd></div>
            <div><dt class="text-slate-600">{t.field_minimum_wage}</dt><dd>{form.minimum_wage.clone()}</dd></div>
            <div class="sm:col-span-2"><dt class="text-slate-600">{t.work_title}</dt>
                <dd>{if review.entries.work.is_empty() { t.entries_empty.to_owned() } else {
                    review.entries.work.iter().map(|w| format!("{} — {} ({} – {})", w.position, w.employer, w.start_month,
                        w.end_month.clone().unwrap_or_else(|| t.work_current.to_owned()))).collect::<Vec<_>>().join("; ")
                }}</dd></div>
            <div class="sm:col-span-2"><dt class="text-slate-600">{t.certificates_title}</dt>
                <dd>{if review.entries.certificates.is_empty() { t.entries_empty.to_owned() } else {
                    review.entries.certificates.iter().map(|c| {
                        let mark = if c.training_registration_id.is_some() { format!(" ✓ {}", t.training_verified_by_training) } else { String::new() };
                        format!("{} ({}, {}){mark}", c.name, c.issuer, c.year)
                    }).collect::<Vec<_>>().join("; ")
                }}</dd></div>
        </dl>
    }
}
