//! `/admin/integrasi`: partner keys (shown once), webhook endpoints (secret shown once, test event) and
//! the delivery log. Admins only; everyone else gets the 401/403 panel.
use leptos::{ev::SubmitEvent, prelude::*, server_fn::ServerFn};
use leptos_meta::Title;

use crate::{
    core::{error::FieldErrors, text::format_wib},
    features::partner_api::{
        api::{
            AddWebhookEndpoint, DeleteWebhookEndpoint, EnableWebhookEndpoint, IssueApiKey,
            RevokeApiKey, RotateWebhookSecret, SendWebhookTest, load_integration,
        },
        model::{
            DeliveryRow, EVENT_TYPES, EndpointRow, IntegrationOverview, KeyRow, SCOPES, ShownOnce,
        },
    },
    ui::{
        error_panel::ErrorPanel,
        form::{Field, FormErrors, FormProblem, today_wib},
        use_strings,
    },
};

#[component]
pub fn IntegrationPage() -> impl IntoView {
    let t = use_strings();
    let issue = ServerAction::<IssueApiKey>::new();
    let revoke = ServerAction::<RevokeApiKey>::new();
    let add = ServerAction::<AddWebhookEndpoint>::new();
    let test = ServerAction::<SendWebhookTest>::new();
    let manage = EndpointActions {
        test,
        delete: ServerAction::new(),
        enable: ServerAction::new(),
        rotate: ServerAction::new(),
    };
    let overview = Resource::new(
        move || {
            (
                (issue.version().get(), revoke.version().get()),
                (add.version().get(), test.version().get()),
                manage.delete.version().get(),
                manage.enable.version().get(),
                manage.rotate.version().get(),
            )
        },
        |_| load_integration(),
    );
    view! {
        <Title text=t.partner_api_title />
        <h1 class="text-2xl font-bold">{t.partner_api_title}</h1>
        <p class="mt-1 max-w-3xl text-slate-700">{t.partner_api_lead}" "
            <a class="underline" href="/api/v1/docs">{t.partner_api_docs_link}</a></p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || overview.get().map(|result| match result {
                Ok(data) => view! { <Overview data issue revoke add manage /> }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Overview(
    data: IntegrationOverview,
    issue: ServerAction<IssueApiKey>,
    revoke: ServerAction<RevokeApiKey>,
    add: ServerAction<AddWebhookEndpoint>,
    manage: EndpointActions,
) -> impl IntoView {
    let t = use_strings();
    view! {
        <KeyFormCard issue />
        <section class="card mt-6" aria-labelledby="judul-kunci">
            <h2 id="judul-kunci" class="text-lg font-semibold">{t.partner_api_keys}</h2>
            {if data.keys.is_empty() {
                view! { <p class="mt-2">{t.partner_api_no_keys}</p> }.into_any()
            } else {
                view! { <KeyTable keys=data.keys revoke /> }.into_any()
            }}
        </section>
        <EndpointFormCard add />
        <section class="card mt-6" aria-labelledby="judul-webhook">
            <h2 id="judul-webhook" class="text-lg font-semibold">{t.partner_api_endpoints}</h2>
            {if data.endpoints.is_empty() {
                view! { <p class="mt-2">{t.partner_api_no_endpoints}</p> }.into_any()
            } else {
                view! { <EndpointList endpoints=data.endpoints manage /> }.into_any()
            }}
        </section>
        <DeliveryLog deliveries=data.deliveries />
    }
}

/// The secret of the last successful action, with the warning that it is shown only now.
fn shown_once(
    value: Option<Result<ShownOnce, crate::core::error::AppError>>,
    warning: &'static str,
    testid: &'static str,
) -> impl IntoView {
    value.and_then(Result::ok).map(|shown| view! {
        <div role="status" class="rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-950 sm:col-span-2 lg:col-span-3">
            <p class="font-semibold">{warning}</p>
            <p class="mt-1 break-all font-mono text-sm" data-testid=testid>{shown.secret}</p>
        </div>
    })
}

#[component]
fn KeyFormCard(issue: ServerAction<IssueApiKey>) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(issue.value());
    let on_submit = move |ev: SubmitEvent| {
        let today = crate::core::calendar::format_date(today_wib());
        if let Some(input) = errors.check::<IssueApiKey>(&ev, |input| {
            input
                .form
                .check(&today)
                .err()
                .unwrap_or_else(FieldErrors::new)
        }) {
            issue.dispatch(input);
        }
    };
    let scopes_hint = format!("{} {}", t.partner_api_scopes_hint, SCOPES.join(", "));
    view! {
        <form method="post" action=IssueApiKey::url() on:submit=on_submit on:input=move |ev| errors.clear_on_input(&ev) novalidate
            class="card mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="key-form">
            <h2 class="text-lg font-semibold sm:col-span-2 lg:col-span-3">{t.partner_api_new_key}</h2>
            <Field label=t.partner_api_name name="form[name]" error=errors.field("name") required=true />
            <Field label=t.partner_api_partner name="form[partner]" error=errors.field("partner") required=true />
            <Field label=t.partner_api_expires_on name="form[expires_on]" kind="date" error=errors.field("expires_on") required=true />
            <div class="sm:col-span-2 lg:col-span-3">
                <Field label=t.partner_api_scopes name="form[scopes]" error=errors.field("scopes") required=true />
                <p class="text-sm text-slate-600">{scopes_hint}</p>
            </div>
            <Field label=t.partner_api_allowed_ips name="form[allowed_ips]" hint=t.partner_api_allowed_ips_hint error=errors.field("allowed_ips") />
            <Field label=t.partner_api_per_minute name="form[per_minute]" inputmode="numeric" hint=t.partner_api_per_minute_hint error=errors.field("per_minute") />
            <div class="sm:col-span-2 lg:col-span-3"><FormProblem errors /></div>
            {move || shown_once(issue.value().get(), t.partner_api_key_shown_once, "issued-key")}
            <button type="submit" class="btn-primary sm:justify-self-start">{t.partner_api_issue}</button>
        </form>
    }
}

#[component]
fn KeyTable(keys: Vec<KeyRow>, revoke: ServerAction<RevokeApiKey>) -> impl IntoView {
    let t = use_strings();
    view! {
        <div class="mt-3 overflow-x-auto" tabindex="0" role="region" aria-labelledby="judul-kunci">
            <table class="w-full text-left text-sm" data-testid="key-table">
                <thead><tr>
                    <th class="p-1">{t.partner_api_name}</th><th class="p-1">{t.partner_api_prefix}</th>
                    <th class="p-1">{t.partner_api_scopes}</th><th class="p-1">{t.partner_api_expires_on}</th>
                    <th class="p-1">{t.partner_api_last_used}</th><th class="p-1">{t.partner_api_status}</th>
                </tr></thead>
                <tbody>
                    {keys.into_iter().map(|key| view! {
                        <tr class="border-t border-slate-200">
                            <td class="p-1">{key.name.clone()}" ("{key.partner.clone()}")"</td>
                            <td class="p-1 font-mono text-xs">{key.key_prefix.clone()}"…"</td>
                            <td class="p-1">{key.scopes.clone()}</td>
                            <td class="p-1">{key.expires_on.clone()}</td>
                            <td class="p-1">{key.last_used_at_ms.map_or_else(|| t.partner_api_never_used.to_owned(), format_wib)}</td>
                            <td class="p-1">{if key.revoked {
                                view! { <span>{t.partner_api_revoked}</span> }.into_any()
                            } else {
                                view! {
                                    <ActionForm action=revoke>
                                        <input type="hidden" name="id" value=key.id />
                                        <button type="submit" class="btn-secondary" aria-label=format!("{} {}", t.partner_api_revoke, key.name)>{t.partner_api_revoke}</button>
                                    </ActionForm>
                                }.into_any()
                            }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn EndpointFormCard(add: ServerAction<AddWebhookEndpoint>) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(add.value());
    let on_submit = move |ev: SubmitEvent| {
        if let Some(input) = errors.check::<AddWebhookEndpoint>(&ev, |input| {
            input.form.check().err().unwrap_or_else(FieldErrors::new)
        }) {
            add.dispatch(input);
        }
    };
    let events_hint = format!("{} {}", t.partner_api_events_hint, EVENT_TYPES.join(", "));
    view! {
        <form method="post" action=AddWebhookEndpoint::url() on:submit=on_submit on:input=move |ev| errors.clear_on_input(&ev) novalidate
            class="card mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="endpoint-form">
            <h2 class="text-lg font-semibold sm:col-span-2 lg:col-span-3">{t.partner_api_new_endpoint}</h2>
            <Field label=t.partner_api_partner name="form[partner]" id="endpoint-partner" error=errors.field("partner") required=true />
            <Field label=t.partner_api_url name="form[url]" kind="url" error=errors.field("url") required=true />
            <div>
                <Field label=t.partner_api_events name="form[event_types]" error=errors.field("event_types") required=true />
                <p class="text-sm text-slate-600">{events_hint}</p>
            </div>
            <div class="flex items-center gap-2 sm:col-span-2 lg:col-span-3">
                <input id="allow-private" type="checkbox" name="form[allow_private]" value="1" />
                <label for="allow-private">{t.partner_api_allow_private}</label>
            </div>
            <div class="sm:col-span-2 lg:col-span-3"><FormProblem errors /></div>
            {move || shown_once(add.value().get(), t.partner_api_secret_shown_once, "endpoint-secret")}
            <button type="submit" class="btn-primary sm:justify-self-start">{t.partner_api_add_endpoint}</button>
        </form>
    }
}

/// What the admin can do with a registered endpoint.
#[derive(Clone, Copy)]
struct EndpointActions {
    test: ServerAction<SendWebhookTest>,
    delete: ServerAction<DeleteWebhookEndpoint>,
    enable: ServerAction<EnableWebhookEndpoint>,
    rotate: ServerAction<RotateWebhookSecret>,
}

#[component]
fn EndpointList(endpoints: Vec<EndpointRow>, manage: EndpointActions) -> impl IntoView {
    let t = use_strings();
    let EndpointActions {
        test,
        delete,
        enable,
        rotate,
    } = manage;
    view! {
        <ul class="mt-3 grid gap-3" data-testid="endpoint-list">
            {endpoints.into_iter().map(|endpoint| {
                let label = |action: &str| format!("{action} {}", endpoint.url);
                let (enable_label, test_label) = (label(t.partner_api_enable), label(t.partner_api_send_test));
                let (rotate_label, delete_label) = (label(t.partner_api_rotate), label(t.partner_api_delete));
                view! {
                <li class="rounded border border-slate-200 p-3">
                    <p class="break-all font-mono text-sm">{endpoint.url.clone()}</p>
                    <p class="text-sm">{endpoint.partner.clone()}": "{endpoint.event_types.clone()}
                        {endpoint.allow_private.then(|| format!(" · {}", t.partner_api_allow_private))}</p>
                    <div class="mt-2 flex flex-wrap gap-2">
                    {match endpoint.disabled_reason.clone() {
                        Some(reason) => view! {
                            <p class="text-sm text-red-800">{t.partner_api_disabled}" ("{reason}")"</p>
                            <ActionForm action=enable>
                                <input type="hidden" name="endpoint_id" value=endpoint.id />
                                <button type="submit" class="btn-secondary" aria-label=enable_label>{t.partner_api_enable}</button>
                            </ActionForm>
                        }.into_any(),
                        None => view! {
                            <ActionForm action=test>
                                <input type="hidden" name="endpoint_id" value=endpoint.id />
                                <button type="submit" class="btn-secondary" aria-label=test_label>{t.partner_api_send_test}</button>
                            </ActionForm>
                        }.into_any(),
                    }}
                        <ActionForm action=rotate>
                            <input type="hidden" name="endpoint_id" value=endpoint.id />
                            <button type="submit" class="btn-secondary" aria-label=rotate_label>{t.partner_api_rotate}</button>
                        </ActionForm>
                        <ActionForm action=delete>
                            <input type="hidden" name="endpoint_id" value=endpoint.id />
                            <button type="submit" class="btn-secondary" aria-label=delete_label>{t.partner_api_delete}</button>
                        </ActionForm>
                    </div>
                </li>
            }}).collect_view()}
        </ul>
        {move || matches!(test.value().get(), Some(Ok(()))).then(|| view! {
            <p role="status" class="mt-2 text-emerald-900">{t.partner_api_test_queued}</p>
        })}
        {move || shown_once(rotate.value().get(), t.partner_api_secret_shown_once, "rotated-secret")}
    }
}

#[component]
fn DeliveryLog(deliveries: Vec<DeliveryRow>) -> impl IntoView {
    let t = use_strings();
    view! {
        <section class="card mt-6" aria-labelledby="judul-kiriman">
            <h2 id="judul-kiriman" class="text-lg font-semibold">{t.partner_api_deliveries}</h2>
            {if deliveries.is_empty() {
                view! { <p class="mt-2">{t.partner_api_no_deliveries}</p> }.into_any()
            } else {
                view! {
                    <div class="mt-3 overflow-x-auto" tabindex="0" role="region" aria-labelledby="judul-kiriman">
                        <table class="w-full text-left text-sm" data-testid="delivery-log">
                            <thead><tr>
                                <th class="p-1">{t.partner_api_event}</th><th class="p-1">"webhook-id"</th>
                                <th class="p-1">{t.partner_api_status}</th><th class="p-1">{t.partner_api_attempts}</th>
                                <th class="p-1">{t.partner_api_answer}</th>
                            </tr></thead>
                            <tbody>
                                {deliveries.into_iter().map(|d| view! {
                                    <tr class="border-t border-slate-200">
                                        <td class="p-1">{d.event_type.clone()}" · "{format_wib(d.created_at_ms)}</td>
                                        <td class="p-1 font-mono text-xs">{d.message_id.clone()}</td>
                                        <td class="p-1">{t.lookup(&format!("partner_api_delivery_{}", d.status)).unwrap_or_default()}</td>
                                        <td class="p-1">{d.attempts}</td>
                                        <td class="p-1">{d.last_status_code.map(|c| c.to_string()).or_else(|| d.last_error.clone()).unwrap_or_default()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
