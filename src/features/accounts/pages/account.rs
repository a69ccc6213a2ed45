use leptos::prelude::*;
use leptos_meta::Title;

use crate::core::text::format_wib;
use crate::{
    core::i18n::Strings,
    features::accounts::{
        api::{
            ChangePassword, EndSession, RequestCorrection, ResendVerification, SetConsent,
            SignOutEverywhere, load_my_account, load_my_data_access,
        },
        model::MyAccount,
        pages::go_to,
    },
    ui::{
        error_panel::ErrorPanel,
        form::{Field, FormErrors, FormProblem, Success, succeeded},
        use_strings,
    },
};

fn consent_label(t: &'static Strings, purpose: &str) -> &'static str {
    match purpose {
        "matching" => t.consent_matching,
        "discoverable" => t.consent_discoverable,
        _ => t.consent_notifications,
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let t = use_strings();
    let consent = ServerAction::<SetConsent>::new();
    let end_session = ServerAction::<EndSession>::new();
    let account = Resource::new(
        move || (consent.version().get(), end_session.version().get()),
        |_| load_my_account(),
    );
    view! {
        <Title text=t.account_title />
        <h1 class="text-2xl font-bold">{t.account_title}</h1>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || account.get().map(|result| match result {
                Ok(data) => view! { <AccountDetails data consent end_session /> }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div><p class="mt-4"><a class="link" href="/masuk">{t.sign_in}</a></p> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn AccountDetails(
    data: MyAccount,
    consent: ServerAction<SetConsent>,
    end_session: ServerAction<EndSession>,
) -> impl IntoView {
    let t = use_strings();
    let resend = ServerAction::<ResendVerification>::new();
    let everywhere = ServerAction::<SignOutEverywhere>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = everywhere.value().get() {
            go_to("/masuk");
        }
    });
    let verified = data.user.email_verified;
    let consents = data.consents.clone();
    let sessions = data.sessions.clone();
    view! {
        {(!verified).then(|| view! {
            <div role="status" class="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-900">
                <p>{t.email_unverified}</p>
                <ActionForm action=resend attr:class="mt-2">
                    <button type="submit" class="link font-semibold">{t.resend_verification}</button>
                </ActionForm>
                <Success done=succeeded(resend.value()) message=t.verification_sent />
            </div>
        })}
        <section class="card mt-6" aria-labelledby="judul-identitas">
            <h2 id="judul-identitas" class="text-lg font-semibold">{t.identity}</h2>
            <dl class="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-2">
                <div><dt class="text-sm text-slate-600">{t.full_name}</dt><dd data-testid="full-name">{data.user.full_name.clone()}</dd></div>
                <div><dt class="text-sm text-slate-600">{t.email}</dt><dd>{data.user.email.clone()}</dd></div>
                {data.phone.clone().map(|phone| view! { <div><dt class="text-sm text-slate-600">{t.phone}</dt><dd>{phone}</dd></div> })}
                {data.seeker.clone().map(|s| view! {
                    <div><dt class="text-sm text-slate-600">{t.nik}</dt><dd class="font-mono" data-testid="nik-masked">{s.nik_masked}</dd></div>
                    <div><dt class="text-sm text-slate-600">{t.place_and_date_of_birth}</dt><dd>{format!("{}, {}", s.place_of_birth, s.date_of_birth)}</dd></div>
                    <div><dt class="text-sm text-slate-600">{t.sex}</dt><dd>{if s.sex == "female" { t.sex_female } else { t.sex_male }}</dd></div>
                })}
            </dl>
            <p class="mt-4 flex flex-wrap gap-4 text-sm">
                <a class="link" href="/akun/data-saya.json" rel="external" download="data-saya.json">{t.export_my_data}</a>
                <a class="link" href="/akun/akses">{t.who_accessed}</a>
            </p>
        </section>
        {(!consents.is_empty()).then(move || view! {
            <section class="card mt-6" aria-labelledby="judul-persetujuan">
                <h2 id="judul-persetujuan" class="text-lg font-semibold">{t.consents_title}</h2>
                <ul class="mt-3 space-y-3">
                    {consents.into_iter().map(|c| {
                        let granted = c.granted;
                        let purpose = c.purpose;
                        view! {
                            <li class="flex flex-wrap items-center justify-between gap-2">
                                <span>{consent_label(t, &purpose)}" — "<strong>{if granted { t.consent_given } else { t.consent_not_given }}</strong></span>
                                <ActionForm action=consent>
                                    <input type="hidden" name="purpose" value=purpose.clone() />
                                    <input type="hidden" name="granted" value=if granted { "0" } else { "1" } />
                                    <button type="submit" class="btn-secondary">{if granted { t.consent_revoke } else { t.consent_grant }}</button>
                                </ActionForm>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })}
        <section class="card mt-6" aria-labelledby="judul-sesi">
            <h2 id="judul-sesi" class="text-lg font-semibold">{t.sessions_title}</h2>
            <ul class="mt-3 divide-y divide-slate-200" data-testid="sessions">
                {sessions.into_iter().map(|s| view! {
                    <li class="flex flex-wrap items-center justify-between gap-2 py-2">
                        <span class="text-sm">
                            {s.user_agent.clone().unwrap_or_default()}" · "{s.ip.clone().unwrap_or_default()}<br />
                            {t.last_active}": "{format_wib(s.last_seen_ms)}
                            {s.current.then(|| view! { <strong>" ("{t.this_device}")"</strong> })}
                        </span>
                        {(!s.current).then(move || view! {
                            <ActionForm action=end_session>
                                <input type="hidden" name="handle" value=s.handle />
                                <button type="submit" class="btn-secondary">{t.end_session}</button>
                            </ActionForm>
                        })}
                    </li>
                }).collect_view()}
            </ul>
            <ActionForm action=everywhere attr:class="mt-3">
                <button type="submit" class="btn-secondary">{t.sign_out_everywhere}</button>
            </ActionForm>
        </section>
        <ChangePasswordForm />
        {data.seeker.is_some().then(|| view! { <CorrectionForm /> })}
    }
}

#[component]
fn ChangePasswordForm() -> impl IntoView {
    let t = use_strings();
    let action = ServerAction::<ChangePassword>::new();
    let errors = FormErrors::new(action.value());
    view! {
        <section class="card mt-6" aria-labelledby="judul-sandi">
            <h2 id="judul-sandi" class="text-lg font-semibold">{t.change_password}</h2>
            <ActionForm action attr:class="mt-3 grid gap-4 sm:grid-cols-2">
                <Field label=t.current_password name="current_password" kind="password" autocomplete="current-password" error=errors.field("current_password") required=true />
                <Field label=t.new_password name="password" kind="password" autocomplete="new-password" error=errors.field("password") required=true />
                <div class="sm:col-span-2"><FormProblem errors /><Success done=succeeded(action.value()) message=t.password_changed /></div>
                <button type="submit" class="btn-primary sm:col-span-2 sm:justify-self-start">{t.save}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn CorrectionForm() -> impl IntoView {
    let t = use_strings();
    let action = ServerAction::<RequestCorrection>::new();
    let errors = FormErrors::new(action.value());
    view! {
        <section class="card mt-6" aria-labelledby="judul-koreksi">
            <h2 id="judul-koreksi" class="text-lg font-semibold">{t.correction_title}</h2>
            <p class="mt-1 text-sm text-slate-600">{t.correction_lead}</p>
            <ActionForm action attr:class="mt-3 grid gap-4 sm:grid-cols-2">
                <div class="field">
                    <label for="correction-field" class="block font-medium">{t.correction_field}</label>
                    <select id="correction-field" name="field" class="mt-1 w-full rounded-lg border border-slate-400 px-3 py-2">
                        <option value="full_name">{t.full_name}</option>
                        <option value="place_of_birth">{t.place_of_birth}</option>
                        <option value="date_of_birth">{t.date_of_birth}</option>
                        <option value="sex">{t.sex}</option>
                        <option value="nik">{t.nik}</option>
                    </select>
                </div>
                <Field label=t.correction_value name="value" hint=t.correction_value_hint error=errors.field("value") required=true />
                <div class="sm:col-span-2"><Field label=t.correction_reason name="reason" error=errors.field("reason") required=true /></div>
                <div class="sm:col-span-2"><FormProblem errors /><Success done=succeeded(action.value()) message=t.correction_sent /></div>
                <button type="submit" class="btn-primary sm:col-span-2 sm:justify-self-start">{t.send}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn DataAccessPage() -> impl IntoView {
    let t = use_strings();
    let entries = Resource::new(|| (), |_| load_my_data_access());
    view! {
        <Title text=t.who_accessed />
        <h1 class="text-2xl font-bold">{t.who_accessed}</h1>
        <p class="mt-2 text-slate-700">{t.who_accessed_lead}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || entries.get().map(|result| match result {
                Ok(list) if list.is_empty() => view! { <p class="mt-4">{t.no_access_yet}</p> }.into_any(),
                Ok(list) => view! {
                    <table class="mt-4 w-full text-left text-sm">
                        <thead><tr><th class="py-2">{t.when}</th><th>{t.who}</th><th>{t.what}</th><th>{t.access_reason_label}</th></tr></thead>
                        <tbody>
                            {list.into_iter().map(|e| {
                                // A read shows why it was allowed: the relation, or the officer's own words.
                                let why = e.reason.clone().or_else(|| e.basis.as_deref().and_then(|key| t.lookup(key)).map(str::to_owned));
                                view! {
                                    <tr class="border-t border-slate-200"><td class="py-2">{format_wib(e.at_ms)}</td><td>{format!("{} ({})", e.actor_name, e.actor_role)}</td><td>{e.action}</td><td>{why}</td></tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}
