//! The profile editor: the seeker's own page, and the same editor at the service counter (`on_behalf_of`).
use leptos::server_fn::ServerFn;
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_meta::Title;

use crate::{
    core::regions_data::TANGERANG_DISTRICTS,
    features::ak1::{
        api::{ApplyAk1, SaveProfile, load_my_profile},
        model::{
            Ak1Status, MARITAL_STATUSES, MyProfile, ProfileForm, SHIFTS, SKILL_SUGGESTIONS,
            WORK_TIMES, villages_of,
        },
        pages::{Ak1Panel, experience::Experience, parts::OnBehalf},
    },
    ui::{
        error_panel::ErrorPanel,
        form::{Field, FormErrors, FormProblem, Select, Success, succeeded, today_wib},
        use_strings,
    },
};

/// The seeker's profile with the completeness meter, and their AK-1 card or application.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let t = use_strings();
    view! {
        <Title text=t.profile_title />
        <h1 class="text-2xl font-bold">{t.profile_title}</h1>
        <VerifiedSkills />
        <ProfileEditor on_behalf_of=None />
    }
}

/// Skills verified by a completed training programme (issue 25), marked as such, with their certificates.
#[component]
fn VerifiedSkills() -> impl IntoView {
    let t = use_strings();
    let mine = Resource::new(
        || (),
        |_| crate::features::training::api::load_my_training(),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || mine.get().and_then(Result::ok).filter(|m| !m.wallet.is_empty()).map(|m| view! {
                <section class="card mt-4" aria-labelledby="judul-terverifikasi">
                    <h2 id="judul-terverifikasi" class="text-lg font-semibold">{t.training_wallet}</h2>
                    <ul class="mt-2 flex flex-wrap gap-2" data-testid="profile-verified-skills">
                        {m.wallet.into_iter().map(|s| view! {
                            <li class="rounded-full border border-emerald-700 bg-emerald-50 px-3 py-1 text-sm text-emerald-900">
                                <span aria-hidden="true">"✓ "</span>{s.skill}" · "
                                <a class="link" href=format!("/verifikasi/pelatihan/{}", s.certificate_code)>{t.training_verified}</a>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
        </Suspense>
    }
}

/// Everything on a profile; at the counter every form also carries `on_behalf_of`.
#[component]
pub fn ProfileEditor(on_behalf_of: Option<i64>) -> impl IntoView {
    let t = use_strings();
    let save = ServerAction::<SaveProfile>::new();
    let apply = ServerAction::<ApplyAk1>::new();
    let profile = Resource::new(
        move || (save.version().get(), apply.version().get()),
        move |_| load_my_profile(on_behalf_of),
    );
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || profile.get().map(|result| match result {
                Ok(data) => view! { <ProfileDetails data save apply on_behalf_of /> }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
        <Experience on_behalf_of />
    }
}

#[component]
fn ProfileDetails(
    data: MyProfile,
    save: ServerAction<SaveProfile>,
    apply: ServerAction<ApplyAk1>,
    on_behalf_of: Option<i64>,
) -> impl IntoView {
    let t = use_strings();
    let apply_errors = FormErrors::new(apply.value());
    let complete = data.completeness.missing.is_empty();
    let can_apply = complete
        && !matches!(
            data.ak1.as_ref().map(|a| a.status),
            Some(Ak1Status::Waiting | Ak1Status::Issued)
        );
    let missing = data.completeness.missing.clone();
    view! {
        <section class="card mt-6" aria-labelledby="judul-kelengkapan">
            <h2 id="judul-kelengkapan" class="text-lg font-semibold">{t.profile_completeness}</h2>
            // A native <progress>: the page's CSP forbids inline styles, and screen readers know it already.
            <progress class="mt-2 h-3 w-full overflow-hidden rounded bg-slate-200 [&::-moz-progress-bar]:bg-brand-600 [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-brand-600"
                max="100" value=data.completeness.percent aria-label=t.profile_completeness></progress>
            <p class="mt-2" data-testid="completeness">{format!("{} %", data.completeness.percent)}</p>
            {(!missing.is_empty()).then(|| view! {
                <p class="mt-1 text-sm text-slate-700">{t.profile_missing}": "
                    {missing.iter().map(|key| t.lookup(key).unwrap_or(key.as_str()).to_owned()).collect::<Vec<_>>().join(", ")}
                </p>
            })}
        </section>
        <Attachments files=data.files.clone() on_behalf_of />
        <Ak1Panel ak1=data.ak1.clone() on_behalf_of />
        {can_apply.then(|| view! {
            <ActionForm action=apply attr:class="mt-4">
                <OnBehalf on_behalf_of />
                <button type="submit" class="btn-primary" data-testid="ak1-apply">{t.ak1_apply}</button>
            </ActionForm>
        })}
        <FormProblem errors=apply_errors />
        <Success done=succeeded(apply.value()) message=t.ak1_applied />
        <ProfileFormCard form=data.form save on_behalf_of />
    }
}

fn district_options() -> Vec<(String, String)> {
    TANGERANG_DISTRICTS
        .iter()
        .map(|(code, name)| ((*code).to_owned(), (*name).to_owned()))
        .collect()
}

fn labelled(
    t: &'static crate::core::i18n::Strings,
    prefix: &str,
    codes: &[&str],
) -> Vec<(String, String)> {
    codes
        .iter()
        .map(|code| {
            let label = t.lookup(&format!("{prefix}{code}")).unwrap_or(code);
            ((*code).to_owned(), label.to_owned())
        })
        .collect()
}

#[component]
fn ProfileFormCard(
    form: ProfileForm,
    save: ServerAction<SaveProfile>,
    on_behalf_of: Option<i64>,
) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(save.value());
    let on_submit = move |ev: SubmitEvent| {
        let year = today_wib().year();
        if let Some(input) = errors.check::<SaveProfile>(&ev, |input| {
            input.form.check(year).err().unwrap_or_default()
        }) {
            save.dispatch(input);
        }
    };
    // The village list follows the district picked (filled on the server for the saved district).
    let district = RwSignal::new(form.district_code.clone());
    let saved_village = form.village_code.clone();
    let villages = move || {
        let chosen = district.get();
        villages_of(&chosen)
            .map(|(code, name)| {
                let selected = *code == saved_village;
                view! { <option value=*code selected=selected>{*name}</option> }
            })
            .collect_view()
    };
    let sectors: Vec<(String, String)> = ('A'..='U')
        .map(|c| {
            let code = c.to_string();
            let label = t
                .lookup(&format!("kbli_{}", c.to_ascii_lowercase()))
                .map_or(code.clone(), |name| format!("{c} — {name}"));
            (code, label)
        })
        .collect();
    let education: Vec<(String, String)> = crate::features::vacancies::matching::EDUCATION_CODES
        .into_iter()
        .map(|code| (code.to_owned(), code.replace('_', "/")))
        .collect();
    view! {
        <form method="post" action=SaveProfile::url() on:submit=on_submit on:input=move |ev| errors.clear_on_input(&ev) novalidate
            class="card mt-6 grid gap-4 sm:grid-cols-2">
            <OnBehalf on_behalf_of />
            <h2 class="text-lg font-semibold sm:col-span-2">{t.profile_data}</h2>
            <Select label=t.field_marital_status name="form[marital_status]" error=errors.field("marital_status")
                options=labelled(t, "marital_", &MARITAL_STATUSES) selected=form.marital_status.clone() />
            <Field label=t.field_religion name="form[religion]" value=form.religion.clone() error=errors.field("religion") />
            <div class="sm:col-span-2"><Field label=t.address name="form[address]" hint=t.address_hint value=form.address.clone() error=errors.field("address") /></div>
            <Select label=t.field_district_picker name="form[district_code]" error=errors.field("district_code")
                options=district_options() selected=form.district_code.clone()
                on_pick=Callback::new(move |code| district.set(code)) />
            <div class="field">
                <label for="form_village_code_" class="block font-medium text-slate-800">{t.field_village}</label>
                <select id="form_village_code_" name="form[village_code]" aria-describedby="form_village_code_-error"
                    class="mt-1 w-full rounded-lg border border-slate-400 bg-white px-3 py-2">
                    <option value="">"—"</option>
                    {villages}
                </select>
                <p id="form_village_code_-error" class="mt-1 text-sm text-red-800" role="alert">
                    {move || errors.field("village_code").get().map(|key| t.lookup(&key).unwrap_or(t.err_validation).to_owned())}
                </p>
            </div>
            <div class="sm:col-span-2"><Field label=t.address_elsewhere name="form[address_elsewhere]" hint=t.address_elsewhere_hint_seeker value=form.address_elsewhere.clone() error=errors.field("address_elsewhere") /></div>
            <Select label=t.field_education_level name="form[education_level]" error=errors.field("education_level")
                options=education selected=form.education_level.clone() />
            <Field label=t.field_school name="form[school]" value=form.school.clone() error=errors.field("school") />
            <Field label=t.field_major name="form[major]" value=form.major.clone() error=errors.field("major") />
            <Field label=t.field_graduation_year name="form[graduation_year]" inputmode="numeric" value=form.graduation_year.clone() error=errors.field("graduation_year") />
            <div class="sm:col-span-2"><SkillsField skills=form.skills.clone() error=errors.field("skills") /></div>
            <h2 class="mt-2 text-lg font-semibold sm:col-span-2">{t.preferences_title}</h2>
            <div class="sm:col-span-2"><Field label=t.field_preferred_occupations name="form[preferred_occupations]" hint=t.occupations_hint value=form.preferred_occupations.clone() error=errors.field("preferred_occupations") /></div>
            <Select label=t.field_preferred_sector name="form[preferred_sector]" error=errors.field("preferred_sector")
                options=sectors selected=form.preferred_sector.clone() />
            <Select label=t.field_preferred_district name="form[preferred_district_code]" error=errors.field("preferred_district_code")
                options=district_options() selected=form.preferred_district_code.clone() />
            <Field label=t.field_minimum_wage name="form[minimum_wage]" inputmode="numeric" hint=t.minimum_wage_hint value=form.minimum_wage.clone() error=errors.field("minimum_wage") />
            <Select label=t.field_work_time name="form[work_time]" error=errors.field("work_time")
                options=labelled(t, "work_time_", &WORK_TIMES) selected=form.work_time.clone() />
            <Select label=t.field_shift name="form[shift]" error=errors.field("shift")
                options=labelled(t, "shift_", &SHIFTS) selected=form.shift.clone() />
            <div class="sm:col-span-2"><FormProblem errors /><Success done=succeeded(save.value()) message=t.profile_saved /></div>
            <button type="submit" class="btn-primary sm:justify-self-start" data-testid="profile-save">{t.save}</button>
        </form>
    }
}

/// Photo and CV: plain multipart forms (they work without JavaScript); the outcome comes back in the URL.
#[component]
fn Attachments(files: Vec<String>, on_behalf_of: Option<i64>) -> impl IntoView {
    let t = use_strings();
    let query = leptos_router::hooks::use_query_map();
    let outcome = move || {
        query.with(|q| match (q.get("berkas"), q.get("berkas_galat")) {
            (Some(_), _) => Some(view! { <p role="status" class="mt-2 text-emerald-800">{t.file_saved}</p> }.into_any()),
            (_, Some(key)) => Some(view! { <p role="alert" class="mt-2 text-red-800">{t.lookup(&key).unwrap_or(t.err_validation)}</p> }.into_any()),
            _ => None,
        })
    };
    let has = |kind: &str| files.iter().any(|f| f == kind);
    let (has_photo, has_cv) = (has("photo"), has("cv"));
    let file_url = move |kind: &str| match on_behalf_of {
        Some(id) => format!("/petugas/pencaker/{id}/berkas/{kind}"),
        None => format!("/akun/berkas/{kind}"),
    };
    // At a counter tablet the photo input opens the camera.
    let capture = on_behalf_of.map(|_| "user");
    view! {
        <section class="card mt-6" aria-labelledby="judul-berkas">
            <h2 id="judul-berkas" class="text-lg font-semibold">{t.files_title}</h2>
            {outcome}
            <div class="mt-3 grid gap-6 sm:grid-cols-2">
                <form method="post" action="/akun/profil/berkas" enctype="multipart/form-data" class="space-y-2">
                    <OnBehalf on_behalf_of />
                    <input type="hidden" name="kind" value="photo" />
                    {has_photo.then(|| view! { <img src=file_url("photo") alt=t.photo_label width="90" height="120" class="h-30 w-24 rounded border object-cover" /> })}
                    <label class="block font-medium" for="file-photo">{t.photo_label}</label>
                    <p class="text-sm text-slate-600">{t.photo_hint}</p>
                    <input id="file-photo" type="file" name="file" accept="image/jpeg,image/png" capture=capture required class="block w-full text-sm" />
                    <button type="submit" class="btn-secondary">{t.upload}</button>
                </form>
                <form method="post" action="/akun/profil/berkas" enctype="multipart/form-data" class="space-y-2">
                    <OnBehalf on_behalf_of />
                    <input type="hidden" name="kind" value="cv" />
                    {has_cv.then(|| view! { <a class="link block" href=file_url("cv") rel="external" target="_blank">{t.cv_view}</a> })}
                    <label class="block font-medium" for="file-cv">{t.cv_label}</label>
                    <p class="text-sm text-slate-600">{t.cv_hint}</p>
                    <input id="file-cv" type="file" name="file" accept="application/pdf" required class="block w-full text-sm" />
                    <button type="submit" class="btn-secondary">{t.upload}</button>
                </form>
            </div>
        </section>
    }
}

/// Skills as free text, with common ones a tap away (they are appended to the list).
#[component]
fn SkillsField(skills: String, error: Signal<Option<String>>) -> impl IntoView {
    let t = use_strings();
    let text = RwSignal::new(skills);
    let add = move |skill: &'static str| {
        text.update(|current| {
            let present = current
                .split(',')
                .any(|s| s.trim().eq_ignore_ascii_case(skill));
            if !present {
                if !current.trim().is_empty() {
                    current.push_str(", ");
                }
                current.push_str(skill);
            }
        });
    };
    view! {
        <div class="field">
            <label for="form_skills_" class="block font-medium text-slate-800">{t.field_skills}</label>
            <p id="form_skills_-hint" class="text-sm text-slate-600">{t.skills_hint}</p>
            <input id="form_skills_" name="form[skills]" prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
                aria-describedby="form_skills_-error form_skills_-hint"
                aria-invalid=move || error.try_get().flatten().is_some().to_string()
                class="mt-1 w-full rounded-lg border border-slate-400 px-3 py-2 aria-[invalid=true]:border-red-700" />
            <p id="form_skills_-error" class="mt-1 text-sm text-red-800" role="alert">
                {move || error.try_get().flatten().map(|key| t.lookup(&key).unwrap_or(t.err_validation).to_owned())}
            </p>
            <div class="mt-2 flex flex-wrap gap-2" aria-label=t.skills_suggestions>
                {SKILL_SUGGESTIONS.iter().map(|skill| view! {
                    <button type="button" class="chip" on:click=move |_| add(skill)>{"+ "}{*skill}</button>
                }).collect_view()}
            </div>
        </div>
    }
}
