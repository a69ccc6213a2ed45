//! The seeker's training page (`/akun/pelatihan`): registrations with their status and reserve rank,
//! withdrawing, certificates (PDF and verification link), the follow-up question, the rating, and the
//! skills wallet (verified skills, shown as such).
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    core::i18n::fill,
    features::training::{
        api::{AnswerTrainingFollowup, RateTraining, WithdrawTraining, load_my_training},
        model::{MyRegistration, RegStatus, VerifiedSkill},
        pages::public::word,
    },
    ui::{
        error_panel::ErrorPanel,
        form::{FormErrors, FormProblem},
        use_strings,
    },
};

#[derive(Clone, Copy)]
struct Actions {
    withdraw: ServerAction<WithdrawTraining>,
    followup: ServerAction<AnswerTrainingFollowup>,
    rate: ServerAction<RateTraining>,
}

#[component]
pub fn MyTrainingPage() -> impl IntoView {
    let t = use_strings();
    let actions = Actions {
        withdraw: ServerAction::new(),
        followup: ServerAction::new(),
        rate: ServerAction::new(),
    };
    let data = Resource::new(
        move || {
            (
                actions.withdraw.version().get(),
                actions.followup.version().get(),
                actions.rate.version().get(),
            )
        },
        |_| load_my_training(),
    );
    view! {
        <Title text=t.training_my_title />
        <h1 class="text-2xl font-bold">{t.training_my_title}</h1>
        <p class="mt-1 max-w-3xl text-slate-700">{t.training_my_lead}" "<a class="link" href="/pelatihan">{t.training_title}</a></p>
        <FormProblem errors=FormErrors::new(actions.withdraw.value()) />
        <FormProblem errors=FormErrors::new(actions.followup.value()) />
        <FormProblem errors=FormErrors::new(actions.rate.value()) />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || data.get().map(|result| match result {
                Ok(mine) => view! {
                    <section class="mt-6" aria-labelledby="wallet">
                        <h2 id="wallet" class="text-xl font-semibold">{t.training_wallet}</h2>
                        {mine.wallet.is_empty().then(|| view! { <p class="mt-2">{t.training_wallet_empty}</p> })}
                        <ul class="mt-2 flex flex-wrap gap-2" data-testid="skills-wallet">
                            {mine.wallet.into_iter().map(|skill| view! { <WalletSkill skill /> }).collect_view()}
                        </ul>
                    </section>
                    <section class="mt-8" aria-labelledby="my-registrations">
                        <h2 id="my-registrations" class="text-xl font-semibold">{t.training_my_registrations}</h2>
                        {mine.registrations.is_empty().then(|| view! { <p class="mt-2">{t.training_my_none}</p> })}
                        <ul class="mt-3 space-y-4" data-testid="my-registrations">
                            {mine.registrations.into_iter().map(|r| view! { <RegistrationCard r actions /> }).collect_view()}
                        </ul>
                    </section>
                }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
pub fn WalletSkill(skill: VerifiedSkill) -> impl IntoView {
    let t = use_strings();
    view! {
        <li class="rounded-full border border-emerald-700 bg-emerald-50 px-3 py-1 text-sm text-emerald-900" data-testid="verified-skill">
            <span aria-hidden="true">"✓ "</span>{skill.skill.clone()}" · "
            <a class="link" href=format!("/verifikasi/pelatihan/{}", skill.certificate_code)>{t.training_verified}</a>
        </li>
    }
}

#[component]
fn RegistrationCard(r: MyRegistration, actions: Actions) -> impl IntoView {
    let t = use_strings();
    let status = RegStatus::parse(&r.status);
    let mut state = word(t, "reg", &r.status).to_owned();
    if let Some(rank) = r.reserve_rank {
        state = format!(
            "{state} ({})",
            fill(t.training_reserve_rank, &[("rank", &rank.to_string())])
        );
    }
    let id = r.registration_id;
    view! {
        <li class="card" data-testid="my-registration">
            <h3 class="text-lg font-semibold"><a class="link" href=format!("/pelatihan/{}", r.programme_id)>{r.title.clone()}</a></h3>
            <p class="text-sm text-slate-700">{r.provider_name.clone()}" · "{format!("{} – {}", r.starts_on, r.ends_on)}</p>
            <p class="mt-1 font-semibold" data-testid="registration-status">{state}</p>
            {r.certificate_code.clone().map(|code| view! {
                <p class="mt-2 flex flex-wrap gap-4">
                    <a class="link" href=format!("/akun/pelatihan/{id}/sertifikat.pdf") rel="external" data-testid="certificate-pdf">{t.training_certificate_pdf}</a>
                    <a class="link" href=format!("/verifikasi/pelatihan/{code}")>{fill(t.training_certificate_check, &[("code", &code)])}</a>
                </p>
            })}
            {status.is_some_and(RegStatus::withdrawable).then(|| view! {
                <ActionForm action=actions.withdraw attr:class="mt-2">
                    <input type="hidden" name="registration_id" value=id />
                    <button type="submit" class="btn-secondary" data-testid="training-withdraw">{t.training_withdraw}</button>
                </ActionForm>
            })}
            {r.followup_due.map(|months| view! {
                <ActionForm action=actions.followup attr:class="mt-3 grid gap-2 sm:grid-cols-2" attr:data-testid="followup-form">
                    <p class="font-medium sm:col-span-2">{fill(t.training_followup_question, &[("months", &months.to_string())])}</p>
                    <input type="hidden" name="registration_id" value=id />
                    <input type="hidden" name="months" value=months />
                    <label class="flex items-center gap-2"><input type="radio" name="working" value="1" />{t.training_followup_working}</label>
                    <label class="flex items-center gap-2"><input type="radio" name="working" value="0" checked=true />{t.training_followup_not_working}</label>
                    <label class="text-sm">{t.training_followup_employer}<input name="employer" class="mt-1 w-full rounded border border-slate-400 px-2 py-1" /></label>
                    <label class="text-sm">{t.training_followup_occupation}<input name="occupation" class="mt-1 w-full rounded border border-slate-400 px-2 py-1" /></label>
                    <button type="submit" class="btn-primary justify-self-start">{t.training_send}</button>
                </ActionForm>
            })}
            {(status.is_some_and(|s| s.finished() || s == RegStatus::NotCompleted) && r.rating.is_none()).then(|| view! {
                <ActionForm action=actions.rate attr:class="mt-3 flex flex-wrap items-end gap-2">
                    <input type="hidden" name="registration_id" value=id />
                    <label class="text-sm">{t.training_rating}
                        <select name="rating" class="ml-2 rounded border border-slate-400 px-2 py-1">
                            {(1..=5).rev().map(|n| view! { <option value=n>{n}</option> }).collect_view()}
                        </select>
                    </label>
                    <label class="text-sm">{t.training_comment}<input name="comment" class="ml-2 rounded border border-slate-400 px-2 py-1" /></label>
                    <button type="submit" class="btn-secondary">{t.training_send}</button>
                </ActionForm>
            })}
            {r.rating.map(|n| view! { <p class="mt-2 text-sm">{fill(t.training_rated, &[("rating", &n.to_string())])}</p> })}
        </li>
    }
}
