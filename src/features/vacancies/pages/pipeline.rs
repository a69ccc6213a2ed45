//! The pipeline of one of the company's vacancies: candidates with their steps and notes, and suggested
//! (pseudonymous) candidates to invite.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::core::text::format_wib;
use crate::{
    features::vacancies::{
        api::{
            AddApplicationNote, InviteCandidate, MoveApplication, load_pipeline, load_suggestions,
        },
        pages::{
            company::vacancy_status,
            search::{MatchExplanation, status_label},
        },
        views::{PipelineCandidate, SuggestedCandidate},
    },
    ui::{
        error_panel::ErrorPanel,
        form::{FormErrors, FormProblem},
        use_strings,
    },
};

#[component]
pub fn PipelinePage() -> impl IntoView {
    let t = use_strings();
    let params = use_params_map();
    let vacancy_id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let moved = ServerAction::<MoveApplication>::new();
    let note = ServerAction::<AddApplicationNote>::new();
    let invite = ServerAction::<InviteCandidate>::new();
    let pipeline = Resource::new(
        move || {
            (
                vacancy_id(),
                moved.version().get(),
                note.version().get(),
                invite.version().get(),
            )
        },
        |(id, ..)| async move {
            match id {
                Some(id) => load_pipeline(id).await,
                None => Err(crate::core::error::AppError::NotFound),
            }
        },
    );
    let suggestions = Resource::new(
        move || (vacancy_id(), invite.version().get()),
        |(id, _)| async move {
            match id {
                Some(id) => load_suggestions(id).await,
                None => Err(crate::core::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=t.pipeline_title />
        <p><a class="link" href="/perusahaan/lowongan">{t.company_vacancies_title}</a></p>
        <FormProblem errors=FormErrors::new(moved.value()) />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || pipeline.get().map(|result| match result {
                Ok(pipeline) => view! {
                    <h1 class="text-2xl font-bold">{t.pipeline_title}": "{pipeline.vacancy.title.clone()}</h1>
                    <p class="text-slate-700" data-testid="vacancy-status">{vacancy_status(t, &pipeline.vacancy)}</p>
                    {pipeline.candidates.is_empty().then(|| view! { <p class="mt-4">{t.pipeline_empty}</p> })}
                    <ul class="mt-4 grid gap-4 lg:grid-cols-2" data-testid="pipeline">
                        {pipeline.candidates.into_iter().map(|candidate| view! { <CandidateCard candidate moved note /> }).collect_view()}
                    </ul>
                }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
        <section class="mt-8" aria-labelledby="kandidat-saran">
            <h2 id="kandidat-saran" class="text-xl font-semibold">{t.suggested_title}</h2>
            <p class="text-sm text-slate-700">{t.suggested_hint}</p>
            <FormProblem errors=FormErrors::new(invite.value()) />
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || suggestions.get().map(|result| match result {
                    Ok(list) if list.is_empty() => view! { <p class="mt-2">{t.suggested_none}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="mt-3 grid gap-4 lg:grid-cols-2" data-testid="suggestions">
                            {list.into_iter().map(|candidate| view! { <SuggestionCard candidate vacancy_id=vacancy_id().unwrap_or_default() invite /> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn CandidateCard(
    candidate: PipelineCandidate,
    moved: ServerAction<MoveApplication>,
    note: ServerAction<AddApplicationNote>,
) -> impl IntoView {
    let t = use_strings();
    let id = candidate.application_id;
    view! {
        <li class="card" data-testid="candidate">
            <p class="font-semibold">{candidate.name.clone()}</p>
            <p class="text-sm text-slate-700">{candidate.email.clone()}{candidate.phone.clone().map(|p| format!(" · {p}"))}</p>
            <p class="text-sm">{t.apply_status}": "<strong data-testid="candidate-status">{status_label(t, candidate.status)}</strong>
                {candidate.score.map(|s| format!(" · {}: {s}/100", t.match_title))}</p>
            <p class="text-sm text-slate-600">{candidate.education.clone().unwrap_or_default().replace('_', "/")}" · "{candidate.skills.clone()}</p>
            <p class="text-sm text-slate-600">{format_wib(candidate.applied_at_ms)}</p>
            {candidate.cover_note.clone().map(|n| view! { <blockquote class="mt-2 border-l-4 border-slate-300 pl-2 text-sm">{n}</blockquote> })}
            <div class="mt-2 flex flex-wrap gap-2">
                {candidate.status.company_moves().into_iter().map(|to| view! {
                    <ActionForm action=moved>
                        <input type="hidden" name="application_id" value=id />
                        <input type="hidden" name="to" value=to.as_str() />
                        <button type="submit" class="btn-secondary" data-testid=format!("move-{}", to.as_str())>{status_label(t, to)}</button>
                    </ActionForm>
                }).collect_view()}
            </div>
            <details class="mt-2">
                <summary class="cursor-pointer text-sm font-medium">{format!("{} ({})", t.company_notes, candidate.notes.len())}</summary>
                <ul class="mt-1 text-sm">
                    {candidate.notes.iter().map(|n| view! { <li>{format_wib(n.at_ms)}": "{n.body.clone()}</li> }).collect_view()}
                </ul>
                <ActionForm action=note attr:class="mt-1 grid gap-1">
                    <input type="hidden" name="application_id" value=id />
                    <label class="text-sm" for=format!("note-{id}")>{t.company_note_add}</label>
                    <textarea id=format!("note-{id}") name="body" rows="2" required maxlength="2000" class="rounded-lg border border-slate-400 px-2 py-1"></textarea>
                    <button type="submit" class="btn-secondary justify-self-start">{t.save}</button>
                </ActionForm>
            </details>
        </li>
    }
}

#[component]
fn SuggestionCard(
    candidate: SuggestedCandidate,
    vacancy_id: i64,
    invite: ServerAction<InviteCandidate>,
) -> impl IntoView {
    let t = use_strings();
    view! {
        <li class="card grid gap-2" data-testid="suggestion">
            <p class="font-mono font-semibold">{candidate.pseudonym.clone()}</p>
            <p class="text-sm text-slate-700">
                {candidate.education.clone().unwrap_or_default().replace('_', "/")}
                {candidate.district_name.clone().map(|d| format!(" · {d}"))}
                {format!(" · {} {}", candidate.experience_months, t.months_experience)}
            </p>
            <p class="text-sm">{candidate.skills.join(", ")}</p>
            {(!candidate.verified_skills.is_empty()).then(|| view! {
                <ul class="flex flex-wrap gap-2 text-sm" data-testid="verified-skills">
                    {candidate.verified_skills.iter().map(|s| view! {
                        <li class="rounded bg-emerald-50 px-2 py-0.5 text-emerald-900">{format!("✓ {s} ({})", t.training_verified)}</li>
                    }).collect_view()}
                </ul>
            })}
            <MatchExplanation score=candidate.score.clone() />
            {match candidate.invitation.clone() {
                Some(status) => view! { <p class="text-sm font-medium">{t.lookup(&format!("invitation_{status}")).unwrap_or_default()}</p> }.into_any(),
                None => view! {
                    <ActionForm action=invite>
                        <input type="hidden" name="vacancy_id" value=vacancy_id />
                        <input type="hidden" name="pseudonym" value=candidate.pseudonym.clone() />
                        <button type="submit" class="btn-primary" data-testid="invite">{t.invite_button}</button>
                    </ActionForm>
                }.into_any(),
            }}
        </li>
    }
}
