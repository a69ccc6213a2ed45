use leptos::server_fn::ServerFn;
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    core::{error::FieldErrors, validate::normalize_email},
    features::accounts::{
        api::{RequestPasswordReset, ResetPassword, VerifyEmail},
        model::check_password_length,
    },
    ui::{
        form::{Field, FormErrors, FormProblem, Success, succeeded},
        use_strings,
    },
};

fn token_from_query() -> Signal<String> {
    let query = use_query_map();
    Signal::derive(move || query.with(|q| q.get("token").unwrap_or_default()))
}

/// The link in the e-mail opens this page; the button confirms (a GET never changes state).
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let t = use_strings();
    let token = token_from_query();
    let action = ServerAction::<VerifyEmail>::new();
    let errors = FormErrors::new(action.value());
    view! {
        <Title text=t.verify_email_title />
        <section class="mx-auto max-w-md">
            <h1 class="text-2xl font-bold">{t.verify_email_title}</h1>
            <ActionForm action attr:class="card mt-6 space-y-4">
                <input type="hidden" name="token" value=token />
                <p>{t.verify_email_lead}</p>
                <FormProblem errors />
                <Success done=succeeded(action.value()) message=t.verify_email_done />
                <button type="submit" class="btn-primary w-full" disabled=move || action.pending().get()>{t.verify_email_button}</button>
            </ActionForm>
            <p class="mt-4"><a class="link" href="/masuk">{t.sign_in}</a></p>
        </section>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let t = use_strings();
    let action = ServerAction::<RequestPasswordReset>::new();
    let errors = FormErrors::new(action.value());
    let on_submit = move |ev: SubmitEvent| {
        let checked = errors.check::<RequestPasswordReset>(&ev, |input| {
            let mut problems = FieldErrors::new();
            if normalize_email(&input.email).is_err() {
                problems.add("email", "err_email");
            }
            problems
        });
        if let Some(input) = checked {
            action.dispatch(input);
        }
    };
    view! {
        <Title text=t.forgot_password />
        <section class="mx-auto max-w-md">
            <h1 class="text-2xl font-bold">{t.forgot_password}</h1>
            <form method="post" action=RequestPasswordReset::url() on:submit=on_submit on:input=move |ev| errors.clear_on_input(&ev) novalidate class="card mt-6 space-y-4">
                <p>{t.forgot_password_lead}</p>
                <Field label=t.email name="email" kind="email" autocomplete="email" error=errors.field("email") required=true />
                <FormProblem errors />
                <Success done=succeeded(action.value()) message=t.forgot_password_done />
                <button type="submit" class="btn-primary w-full" disabled=move || action.pending().get()>{t.send_link}</button>
            </form>
        </section>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let t = use_strings();
    let token = token_from_query();
    let action = ServerAction::<ResetPassword>::new();
    let errors = FormErrors::new(action.value());
    let on_submit = move |ev: SubmitEvent| {
        let checked = errors.check::<ResetPassword>(&ev, |input| {
            let mut problems = FieldErrors::new();
            if let Err(key) = check_password_length(&input.password) {
                problems.add("password", key);
            }
            problems
        });
        if let Some(input) = checked {
            action.dispatch(input);
        }
    };
    view! {
        <Title text=t.reset_password_title />
        <section class="mx-auto max-w-md">
            <h1 class="text-2xl font-bold">{t.reset_password_title}</h1>
            <form method="post" action=ResetPassword::url() on:submit=on_submit on:input=move |ev| errors.clear_on_input(&ev) novalidate class="card mt-6 space-y-4">
                <input type="hidden" name="token" value=token />
                <Field label=t.new_password name="password" kind="password" autocomplete="new-password" hint=t.password_hint
                    error=errors.field("password") required=true />
                <FormProblem errors />
                <Success done=succeeded(action.value()) message=t.reset_password_done />
                <button type="submit" class="btn-primary w-full" disabled=move || action.pending().get()>{t.save}</button>
            </form>
            <p class="mt-4"><a class="link" href="/masuk">{t.sign_in}</a></p>
        </section>
    }
}
