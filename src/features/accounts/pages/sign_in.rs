use leptos::server_fn::ServerFn;
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    core::{error::FieldErrors, validate::normalize_email},
    features::accounts::{
        api::SignIn,
        pages::{go_to, is_file_path, return_path},
    },
    ui::{
        form::{Field, FormErrors, FormProblem},
        use_strings,
    },
};

#[component]
pub fn SignInPage() -> impl IntoView {
    let t = use_strings();
    let action = ServerAction::<SignIn>::new();
    let errors = FormErrors::new(action.value());
    // The page that sent the person here (checked again on the server before it is used).
    let next = use_query_map().with_untracked(|q| q.get("kembali").unwrap_or_default());
    // Signed in to reach a file (a card's PDF): the server did not redirect, the browser loads it.
    let file = return_path(&next)
        .filter(|path| is_file_path(path))
        .map(str::to_owned);
    Effect::new(move || {
        if let (Some(Ok(_)), Some(file)) = (action.value().get(), file.as_deref()) {
            go_to(file);
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        let checked = errors.check::<SignIn>(&ev, |input| {
            let mut problems = FieldErrors::new();
            if normalize_email(&input.email).is_err() {
                problems.add("email", "err_email");
            }
            if input.password.is_empty() {
                problems.add("password", "err_required");
            }
            problems
        });
        if let Some(input) = checked {
            action.dispatch(input);
        }
    };
    // On success the server function redirects back to `next`, or to the person's home area (`home_for`).
    view! {
        <Title text=t.sign_in_title />
        <section class="mx-auto max-w-md">
            <h1 class="text-2xl font-bold">{t.sign_in_title}</h1>
            <p class="mt-2 text-slate-700">{t.sign_in_lead}</p>
            <form method="post" action=SignIn::url() on:submit=on_submit on:input=move |ev| errors.clear_on_input(&ev) novalidate class="card mt-6 space-y-4">
                <input type="hidden" name="next" value=next />
                <Field label=t.email name="email" kind="email" autocomplete="email" error=errors.field("email") required=true />
                <Field label=t.password name="password" kind="password" autocomplete="current-password"
                    error=errors.field("password") required=true />
                <FormProblem errors />
                <button type="submit" class="btn-primary w-full" disabled=move || action.pending().get()>{t.sign_in}</button>
            </form>
            <p class="mt-4 text-sm"><a class="link" href="/lupa-sandi">{t.forgot_password}</a></p>
            <p class="mt-2 text-sm">{t.no_account_yet}" "<a class="link" href="/daftar">{t.sign_up}</a></p>
        </section>
    }
}
