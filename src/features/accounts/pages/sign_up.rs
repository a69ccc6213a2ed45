use leptos::server_fn::ServerFn;
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_meta::Title;

use crate::{
    features::accounts::api::SignUpSeeker,
    ui::{
        form::{Field, FormErrors, FormProblem, today_wib},
        use_strings,
    },
};

#[component]
pub fn SignUpChoicePage() -> impl IntoView {
    let t = use_strings();
    view! {
        <Title text=t.sign_up />
        <h1 class="text-2xl font-bold">{t.sign_up_title}</h1>
        <div class="mt-6 grid gap-4 sm:grid-cols-2">
            <a href="/daftar/pencaker" class="card block">
                <h2 class="text-lg font-semibold text-brand-800">{t.sign_up_seeker_title}</h2>
                <p class="mt-1 text-slate-700">{t.sign_up_seeker_body}</p>
            </a>
            <a href="/daftar/perusahaan" class="card block">
                <h2 class="text-lg font-semibold text-brand-800">{t.sign_up_company_title}</h2>
                <p class="mt-1 text-slate-700">{t.sign_up_company_body}</p>
            </a>
        </div>
    }
}

#[component]
pub fn SeekerSignUpPage() -> impl IntoView {
    let t = use_strings();
    let action = ServerAction::<SignUpSeeker>::new();
    let errors = FormErrors::new(action.value());
    let on_submit = move |ev: SubmitEvent| {
        let checked = errors.check::<SignUpSeeker>(&ev, |input| {
            input.form.check(today_wib()).err().unwrap_or_default()
        });
        if let Some(input) = checked {
            action.dispatch(input);
        }
    };
    let done = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <Title text=t.sign_up_seeker_title />
        <section class="mx-auto max-w-2xl">
            <h1 class="text-2xl font-bold">{t.sign_up_seeker_title}</h1>
            <Show when=done fallback=move || view! {
                <form method="post" action=SignUpSeeker::url() on:submit=on_submit on:input=move |ev| errors.clear_on_input(&ev) novalidate class="card mt-6 grid gap-4 sm:grid-cols-2">
                    <IdentityFields errors />
                    <div class="sm:col-span-2">
                        <Field label=t.password name="form[password]" kind="password" autocomplete="new-password"
                            hint=t.password_hint error=errors.field("password") required=true />
                    </div>
                    <ConsentChoices />
                    <div class="sm:col-span-2"><FormProblem errors /></div>
                    <button type="submit" class="btn-primary sm:col-span-2" disabled=move || action.pending().get()>{t.sign_up}</button>
                </form>
            }>
                <p role="status" class="card mt-6 border-emerald-300 bg-emerald-50 text-emerald-900">{t.sign_up_done}</p>
            </Show>
        </section>
    }
}

/// Who the person is (NIK, name, birth, sex, e-mail, phone): the seeker sign-up and the service counter.
#[component]
pub fn IdentityFields(errors: FormErrors) -> impl IntoView {
    let t = use_strings();
    view! {
        <div class="sm:col-span-2">
            <Field label=t.nik name="form[nik]" inputmode="numeric" hint=t.nik_hint error=errors.field("nik") required=true />
        </div>
        <div class="sm:col-span-2">
            <Field label=t.full_name name="form[full_name]" autocomplete="name" error=errors.field("full_name") required=true />
        </div>
        <Field label=t.place_of_birth name="form[place_of_birth]" error=errors.field("place_of_birth") required=true />
        <Field label=t.date_of_birth name="form[date_of_birth]" kind="date" autocomplete="bday" error=errors.field("date_of_birth") required=true />
        <fieldset class="sm:col-span-2">
            <legend class="font-medium text-slate-800">{t.sex}</legend>
            <div class="mt-1 flex gap-6">
                <label class="flex items-center gap-2"><input type="radio" name="form[sex]" value="male" />{t.sex_male}</label>
                <label class="flex items-center gap-2"><input type="radio" name="form[sex]" value="female" />{t.sex_female}</label>
            </div>
            <p class="mt-1 text-sm text-red-800" role="alert">
                {move || errors.field("sex").get().map(|k| t.lookup(&k).unwrap_or(t.err_validation))}
            </p>
        </fieldset>
        <Field label=t.email name="form[email]" kind="email" autocomplete="email" error=errors.field("email") required=true />
        <Field label=t.phone name="form[phone]" kind="tel" autocomplete="tel" hint=t.phone_hint error=errors.field("phone") required=true />
    }
}

/// The person's own choices on matching, being found by companies, and notifications.
#[component]
pub fn ConsentChoices() -> impl IntoView {
    let t = use_strings();
    view! {
        <fieldset class="space-y-2 sm:col-span-2">
            <legend class="font-medium text-slate-800">{t.consents_title}</legend>
            <p class="text-sm text-slate-600">{t.consents_hint}</p>
            <label class="flex items-start gap-2"><input type="checkbox" name="form[consent_matching]" value="on" class="mt-1 shrink-0" />{t.consent_matching}</label>
            <label class="flex items-start gap-2"><input type="checkbox" name="form[consent_discoverable]" value="on" class="mt-1 shrink-0" />{t.consent_discoverable}</label>
            <label class="flex items-start gap-2"><input type="checkbox" name="form[consent_notifications]" value="on" class="mt-1 shrink-0" />{t.consent_notifications}</label>
        </fieldset>
    }
}
