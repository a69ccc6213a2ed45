//! Placements reported by NIK that wait for an answer: the seeker's own (on `/akun/lamaran`) and every
//! waiting one for officers (on `/petugas/lowongan`). Only a confirmation closes the seeker's AK-1.
use leptos::prelude::*;

use crate::core::text::format_wib;
use crate::{
    features::vacancies::{
        api::{AnswerPlacement, load_my_placements, load_placement_confirmations},
        views::PendingPlacement,
    },
    ui::{
        error_panel::ErrorPanel,
        form::{FormErrors, FormProblem},
        use_strings,
    },
};

/// The seeker's waiting placements, with "yes, I work here" and "this was not me"; nothing when none wait.
#[component]
pub fn MyPlacements() -> impl IntoView {
    let t = use_strings();
    let answer = ServerAction::<AnswerPlacement>::new();
    let pending = Resource::new(move || answer.version().get(), |_| load_my_placements());
    view! {
        <Suspense fallback=|| ()>
            {move || pending.get().map(|result| match result {
                Ok(list) if list.is_empty() => ().into_any(),
                Ok(list) => view! {
                    <section id="penempatan" class="card mt-4" aria-labelledby="judul-penempatan">
                        <h2 id="judul-penempatan" class="text-lg font-semibold">{t.placements_pending_title}</h2>
                        <p class="mt-1 text-sm text-slate-700">{t.placements_pending_lead}</p>
                        <FormProblem errors=FormErrors::new(answer.value()) />
                        <ul class="mt-2 divide-y divide-slate-200" data-testid="my-placements">
                            {list.into_iter().map(|p| view! { <PlacementRow placement=p answer officer=false /> }).collect_view()}
                        </ul>
                    </section>
                }.into_any(),
                Err(error) => view! { <ErrorPanel error /> }.into_any(),
            })}
        </Suspense>
    }
}

/// Officers: every waiting placement, to confirm or reject after checking with the person.
#[component]
pub fn WaitingPlacements() -> impl IntoView {
    let t = use_strings();
    let answer = ServerAction::<AnswerPlacement>::new();
    let pending = Resource::new(
        move || answer.version().get(),
        |_| load_placement_confirmations(),
    );
    view! {
        <section class="mt-8" aria-labelledby="judul-penempatan-menunggu">
            <h2 id="judul-penempatan-menunggu" class="text-xl font-semibold">{t.placements_waiting_title}</h2>
            <FormProblem errors=FormErrors::new(answer.value()) />
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || pending.get().map(|result| match result {
                    Ok(list) if list.is_empty() => view! { <p class="mt-2">{t.placements_waiting_none}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="mt-2 divide-y divide-slate-200" data-testid="waiting-placements">
                            {list.into_iter().map(|p| view! { <PlacementRow placement=p answer officer=true /> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn PlacementRow(
    placement: PendingPlacement,
    answer: ServerAction<AnswerPlacement>,
    officer: bool,
) -> impl IntoView {
    let t = use_strings();
    let id = placement.id.to_string();
    view! {
        <li class="py-3">
            <p class="font-semibold">{placement.company_name.clone()}" — "{placement.position.clone()}</p>
            {officer.then(|| view! {
                <p class="text-sm">{placement.account_name.clone()}" · "{t.placement_reported_name}": "{placement.worker_name.clone()}</p>
            })}
            <p class="text-sm text-slate-700">{placement.start_date.clone()}" · "{format_wib(placement.reported_at_ms)}</p>
            <ActionForm action=answer attr:class="mt-2 flex flex-wrap gap-2">
                <input type="hidden" name="placement_id" value=id />
                <button type="submit" name="answer" value="confirm" class="btn-primary">{t.placement_confirm_yes}</button>
                <button type="submit" name="answer" value="reject" class="btn-secondary">{t.placement_confirm_no}</button>
            </ActionForm>
        </li>
    }
}
