//! The officer's moderation queue (`/petugas/lowongan`) and the seeker's jobs page (`/akun/lamaran`):
//! recommendations, invitations, applications with their timelines, and the inbox.
use leptos::prelude::*;
use leptos_meta::Title;

use crate::core::text::format_wib;
use crate::{
    features::vacancies::{
        api::{
            AnswerInvitation, DecideVacancy, WithdrawApplication, load_moderation_queue,
            load_my_jobs, load_recommendations,
        },
        pages::{
            placements::{MyPlacements, WaitingPlacements},
            search::{MatchExplanation, VacancyCard, status_label},
        },
        views::{Invitation, ModerationItem, MyApplication},
    },
    ui::{
        error_panel::ErrorPanel,
        form::{FormErrors, FormProblem},
        use_strings,
    },
};

#[component]
pub fn VacancyQueuePage() -> impl IntoView {
    let t = use_strings();
    let decide = ServerAction::<DecideVacancy>::new();
    let queue = Resource::new(move || decide.version().get(), |_| load_moderation_queue());
    view! {
        <Title text=t.vacancy_queue_title />
        <h1 class="text-2xl font-bold">{t.vacancy_queue_title}</h1>
        <FormProblem errors=FormErrors::new(decide.value()) />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || queue.get().map(|result| match result {
                Ok(items) if items.is_empty() => view! { <p class="mt-4">{t.queue_empty}</p> }.into_any(),
                Ok(items) => view! {
                    <ul class="mt-4 space-y-4" data-testid="vacancy-queue">
                        {items.into_iter().map(|item| view! { <ModerationCard item decide /> }).collect_view()}
                    </ul>
                }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
        <WaitingPlacements />
    }
}

#[component]
fn ModerationCard(item: ModerationItem, decide: ServerAction<DecideVacancy>) -> impl IntoView {
    let t = use_strings();
    let id = item.id;
    let errors = FormErrors::new(decide.value());
    view! {
        <li class="card" data-testid="moderation-item">
            <a class="link text-lg font-semibold" href=format!("/lowongan/{id}")>{item.title.clone()}</a>
            <p class="text-slate-700">{item.company_name.clone()}
                {(!item.company_verified).then(|| format!(" · {}", t.company_not_verified))}</p>
            <p class="text-sm">{format!("{} – {}", item.wage_min, item.wage_max)}" · "{format_wib(item.created_at_ms)}</p>
            {(!item.flags.is_empty()).then(|| view! {
                <p class="mt-1 font-medium text-amber-900" data-testid="moderation-flags">{t.vacancy_flagged}": "
                    {item.flags.iter().map(|f| t.lookup(f).unwrap_or(f).to_owned()).collect::<Vec<_>>().join(", ")}</p>
            })}
            {item.age_justification.clone().map(|reason| view! { <p class="text-sm">{t.field_age_justification}": "{reason}</p> })}
            <p class="mt-2 whitespace-pre-line text-sm">{item.description.clone()}</p>
            <p class="mt-1 text-sm">{t.field_skills}": "{item.skills.clone()}</p>
            <div class="mt-3 flex flex-wrap items-end gap-3">
                <ActionForm action=decide>
                    <input type="hidden" name="vacancy_id" value=id />
                    <input type="hidden" name="decision" value="approve" />
                    <button type="submit" class="btn-primary" data-testid="approve">{t.approve}</button>
                </ActionForm>
                <ActionForm action=decide attr:class="flex flex-wrap items-end gap-2">
                    <input type="hidden" name="vacancy_id" value=id />
                    <input type="hidden" name="decision" value="reject" />
                    <div>
                        <label for=format!("reason-{id}") class="block text-sm">{t.rejection_reason}</label>
                        <input id=format!("reason-{id}") name="reason" class="rounded-lg border border-slate-400 px-2 py-2" />
                    </div>
                    <button type="submit" class="btn-secondary">{t.reject}</button>
                </ActionForm>
            </div>
            <p class="text-sm text-red-800" role="alert">
                {move || errors.field("reason").get().map(|k| t.lookup(&k).unwrap_or(t.err_validation).to_owned())}
            </p>
        </li>
    }
}

#[component]
pub fn MyJobsPage() -> impl IntoView {
    let t = use_strings();
    let withdraw = ServerAction::<WithdrawApplication>::new();
    let answer = ServerAction::<AnswerInvitation>::new();
    let jobs = Resource::new(
        move || (withdraw.version().get(), answer.version().get()),
        |_| load_my_jobs(),
    );
    let recommendations = Resource::new(move || answer.version().get(), |_| load_recommendations());
    view! {
        <Title text=t.my_jobs_title />
        <h1 class="text-2xl font-bold">{t.my_jobs_title}</h1>
        <MyPlacements />
        <FormProblem errors=FormErrors::new(withdraw.value()) />
        <FormProblem errors=FormErrors::new(answer.value()) />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || jobs.get().map(|result| match result {
                Ok(jobs) => view! {
                    {(!jobs.notices.is_empty()).then(|| view! {
                        <section class="card mt-4" aria-labelledby="pemberitahuan">
                            <h2 id="pemberitahuan" class="text-lg font-semibold">{t.notices_title}</h2>
                            <ul class="mt-2 space-y-1 text-sm" data-testid="notices">
                                {jobs.notices.into_iter().map(|n| view! {
                                    <li class=if n.unread { "font-semibold" } else { "" }>{format_wib(n.at_ms)}" — "{n.subject}</li>
                                }).collect_view()}
                            </ul>
                            <p class="mt-2 text-sm"><a class="link" href="/kotak-masuk">{t.inbox_seeker_link}</a></p>
                        </section>
                    })}
                    {(!jobs.invitations.is_empty()).then(|| view! {
                        <section class="card mt-4" aria-labelledby="undangan">
                            <h2 id="undangan" class="text-lg font-semibold">{t.invitations_title}</h2>
                            <ul class="mt-2 divide-y divide-slate-200" data-testid="invitations">
                                {jobs.invitations.into_iter().map(|i| view! { <InvitationRow invitation=i answer /> }).collect_view()}
                            </ul>
                        </section>
                    })}
                    <section class="card mt-4" aria-labelledby="lamaran-saya">
                        <h2 id="lamaran-saya" class="text-lg font-semibold">{t.my_applications}</h2>
                        {jobs.applications.is_empty().then(|| view! { <p class="mt-2">{t.my_applications_none}" "<a class="link" href="/lowongan">{t.nav_vacancies}</a></p> })}
                        <ul class="mt-2 divide-y divide-slate-200" data-testid="my-applications">
                            {jobs.applications.into_iter().map(|a| view! { <ApplicationRow application=a withdraw /> }).collect_view()}
                        </ul>
                    </section>
                }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
        <section class="mt-6" aria-labelledby="rekomendasi">
            <h2 id="rekomendasi" class="text-xl font-semibold">{t.recommended_title}</h2>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || recommendations.get().map(|result| match result {
                    Ok(None) => view! { <p class="mt-2">{t.recommended_off}" "<a class="link" href="/akun">{t.nav_my_account}</a></p> }.into_any(),
                    Ok(Some(list)) if list.is_empty() => view! { <p class="mt-2">{t.recommended_none}</p> }.into_any(),
                    Ok(Some(list)) => view! {
                        <ul class="mt-3 grid gap-4 md:grid-cols-2" data-testid="recommendations">
                            {list.into_iter().map(|r| {
                                let extra = view! { <div class="mt-2"><MatchExplanation score=r.score /></div> }.into_any();
                                view! { <VacancyCard vacancy=r.vacancy extra /> }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ApplicationRow(
    application: MyApplication,
    withdraw: ServerAction<WithdrawApplication>,
) -> impl IntoView {
    let t = use_strings();
    let id = application.id;
    view! {
        <li class="py-3" data-testid="my-application">
            <a class="link font-semibold" href=format!("/lowongan/{}", application.vacancy_id)>{application.title.clone()}</a>
            <p class="text-sm text-slate-700">{application.company_name.clone()}</p>
            <p class="mt-1">{t.apply_status}": "<strong data-testid="my-application-status">{status_label(t, application.status)}</strong></p>
            <ol class="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700" aria-label=t.timeline>
                {application.timeline.iter().map(|step| view! {
                    <li>{status_label(t, step.status)}" · "{format_wib(step.at_ms)}</li>
                }).collect_view()}
            </ol>
            {application.status.seeker_may_withdraw().then(|| view! {
                <ActionForm action=withdraw attr:class="mt-2">
                    <input type="hidden" name="application_id" value=id />
                    <button type="submit" class="btn-secondary">{t.withdraw}</button>
                </ActionForm>
            })}
        </li>
    }
}

#[component]
fn InvitationRow(invitation: Invitation, answer: ServerAction<AnswerInvitation>) -> impl IntoView {
    let t = use_strings();
    let id = invitation.id;
    let open = invitation.status == "invited";
    view! {
        <li class="py-3" data-testid="invitation">
            <a class="link font-semibold" href=format!("/lowongan/{}", invitation.vacancy_id)>{invitation.title.clone()}</a>
            <p class="text-sm text-slate-700">{invitation.company_name.clone()}" · "{t.lookup(&format!("invitation_{}", invitation.status)).unwrap_or_default()}</p>
            {open.then(|| view! {
                <p class="text-sm">{t.invitation_hint}</p>
                <div class="mt-2 flex gap-2">
                    <ActionForm action=answer>
                        <input type="hidden" name="invitation_id" value=id />
                        <input type="hidden" name="decision" value="accept" />
                        <button type="submit" class="btn-primary" data-testid="accept-invitation">{t.invitation_accept}</button>
                    </ActionForm>
                    <ActionForm action=answer>
                        <input type="hidden" name="invitation_id" value=id />
                        <input type="hidden" name="decision" value="decline" />
                        <button type="submit" class="btn-secondary">{t.invitation_decline}</button>
                    </ActionForm>
                </div>
            })}
        </li>
    }
}
