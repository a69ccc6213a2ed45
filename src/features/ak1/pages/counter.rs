//! The service counter (assisted registration, large touch targets) and the office's AK-1 statistics.
use leptos::server_fn::ServerFn;
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::{
    core::error::FieldErrors,
    features::{
        accounts::{
            api::OfficerViewSeeker,
            pages::{ConsentChoices, IdentityFields},
        },
        ak1::{
            api::{CounterOpen, CounterRegister, check_counter_consent, load_ak1_statistics},
            model::Ak1Statistics,
            pages::profile::ProfileEditor,
        },
    },
    ui::{
        error_panel::ErrorPanel,
        form::{Field, FormErrors, FormProblem, today_wib},
        use_strings,
    },
};

/// Goes to the person's counter page once a counter action returns their account id.
fn open_when_done<V>(value: V)
where
    V: Get<Value = Option<Result<i64, crate::core::error::AppError>>> + Send + Sync + 'static,
{
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(seeker_id)) = value.get() {
            navigate(&format!("/petugas/loket/{seeker_id}"), Default::default());
        }
    });
}

fn consent_error(consent: &Option<String>) -> Option<&'static str> {
    consent
        .as_deref()
        .is_none_or(str::is_empty)
        .then_some("err_counter_consent")
}

/// The officer's consent checkbox: ticked only after the person agreed, read aloud from the text.
#[component]
fn ConsentBox(errors: FormErrors) -> impl IntoView {
    let t = use_strings();
    view! {
        <div class="rounded-lg border border-amber-300 bg-amber-50 p-3 sm:col-span-2">
            <label class="flex items-start gap-3 font-medium">
                <input type="checkbox" name="consent" value="on" class="mt-1 shrink-0" />
                <span>{t.counter_consent_label}</span>
            </label>
            <p class="mt-1 text-sm text-red-800" role="alert">
                {move || errors.field("consent").get().map(|k| t.lookup(&k).unwrap_or(t.err_validation))}
            </p>
        </div>
    }
}

/// `/petugas/loket`: find a seeker by NIK, or register a new one, with the person's consent.
#[component]
pub fn CounterPage() -> impl IntoView {
    let t = use_strings();
    let open = ServerAction::<CounterOpen>::new();
    let register = ServerAction::<CounterRegister>::new();
    open_when_done(open.value());
    open_when_done(register.value());
    let open_errors = FormErrors::new(open.value());
    let register_errors = FormErrors::new(register.value());
    let on_open = move |ev: SubmitEvent| {
        if let Some(input) = open_errors.check::<CounterOpen>(&ev, |input| {
            let mut errors = FieldErrors::new();
            if let Err(e) = crate::core::validate::parse_nik(input.nik.trim()) {
                errors.add("nik", e.message_key());
            }
            if let Some(key) = consent_error(&input.consent) {
                errors.add("consent", key);
            }
            errors
        }) {
            open.dispatch(input);
        }
    };
    let on_register = move |ev: SubmitEvent| {
        if let Some(input) = register_errors.check::<CounterRegister>(&ev, |input| {
            let mut errors = input
                .form
                .validate_identity(today_wib())
                .err()
                .unwrap_or_default();
            if let Some(key) = consent_error(&input.consent) {
                errors.add("consent", key);
            }
            errors
        }) {
            register.dispatch(input);
        }
    };
    view! {
        <Title text=t.counter_title />
        <div class="counter">
            <h1 class="text-2xl font-bold">{t.counter_title}</h1>
            <p class="mt-1 max-w-3xl text-slate-700">{t.counter_intro}</p>
            <div class="mt-6 grid gap-6 lg:grid-cols-2">
                <form method="post" action=CounterOpen::url() on:submit=on_open on:input=move |ev| open_errors.clear_on_input(&ev)
                    novalidate class="card flex flex-col gap-4 self-start" data-testid="counter-open">
                    <h2 class="text-lg font-semibold">{t.counter_open_title}</h2>
                    <Field label=t.nik name="nik" inputmode="numeric" hint=t.nik_hint error=open_errors.field("nik") required=true />
                    <ConsentBox errors=open_errors />
                    <FormProblem errors=open_errors />
                    <button type="submit" class="btn-primary">{t.counter_open_button}</button>
                </form>
                <form method="post" action=CounterRegister::url() on:submit=on_register on:input=move |ev| register_errors.clear_on_input(&ev)
                    novalidate class="card grid gap-4 sm:grid-cols-2" data-testid="counter-register">
                    <h2 class="text-lg font-semibold sm:col-span-2">{t.counter_register_title}</h2>
                    <IdentityFields errors=register_errors />
                    <ConsentChoices />
                    <ConsentBox errors=register_errors />
                    <p class="text-sm text-slate-700 sm:col-span-2">{t.counter_password_note}</p>
                    <div class="sm:col-span-2"><FormProblem errors=register_errors /></div>
                    <button type="submit" class="btn-primary sm:col-span-2">{t.counter_register_button}</button>
                </form>
                <SeekerRecordLookup />
            </div>
        </div>
    }
}

/// Opening a seeker's full record (NIK, phone, photo, CV) by account number. The officer types why, unless
/// they are serving the person (AK-1 in the queue, their consent at this counter, a correction request):
/// the server decides, logs the reason with the read, and the person sees it on "who accessed my data".
#[component]
fn SeekerRecordLookup() -> impl IntoView {
    let t = use_strings();
    let read = ServerAction::<OfficerViewSeeker>::new();
    let errors = FormErrors::new(read.value());
    // The files are opened with the same reason as the record (the server asks again for each read).
    let asked = RwSignal::new(None::<(i64, String)>);
    let on_submit = move |ev: SubmitEvent| {
        if let Some(input) = errors.check::<OfficerViewSeeker>(&ev, |_| FieldErrors::new()) {
            asked.set(Some((input.account_id, input.reason.clone())));
            read.dispatch(input);
        }
    };
    // Links, not forms: this sits beside the lookup form, and a form inside a form is not HTML.
    let file_link = move |id: i64, kind: &'static str, label: &'static str, reason: &str| {
        let href = format!(
            "/petugas/pencaker/{id}/berkas/{kind}?alasan={}",
            crate::ui::layout::encode_query_value(reason)
        );
        view! { <a class="btn-secondary" href=href target="_blank" rel="noopener">{label}</a> }
    };
    let record = move || {
        let json = read.value().get().and_then(Result::ok)?;
        let (id, reason) = asked.get()?;
        let value: serde_json::Value = serde_json::from_str(&json).ok()?;
        let text = |key: &str| match &value[key] {
            serde_json::Value::String(text) => text.clone(),
            serde_json::Value::Null => "—".to_owned(),
            other => other.to_string(),
        };
        let sex = match value["sex"].as_str() {
            Some("male") => t.sex_male.to_owned(),
            Some("female") => t.sex_female.to_owned(),
            _ => text("sex"),
        };
        let rows = [
            (t.full_name, text("full_name")),
            (t.nik, text("nik")),
            (t.email, text("email")),
            (t.phone, text("phone")),
            (t.place_of_birth, text("place_of_birth")),
            (t.date_of_birth, text("date_of_birth")),
            (t.sex, sex),
        ];
        Some(view! {
            <section class="card flex flex-col gap-3 self-start" data-testid="seeker-record" aria-live="polite">
                <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                    {rows.into_iter().map(|(label, value)| view! {
                        <dt class="font-semibold">{label}</dt>
                        <dd class="break-words">{value}</dd>
                    }).collect_view()}
                </dl>
                <div class="flex flex-wrap gap-2">
                    {file_link(id, "photo", t.photo_label, &reason)}
                    {file_link(id, "cv", t.cv_label, &reason)}
                </div>
            </section>
        })
    };
    view! {
        <form method="post" action=OfficerViewSeeker::url() on:submit=on_submit on:input=move |ev| errors.clear_on_input(&ev)
            novalidate class="card flex flex-col gap-4 self-start" data-testid="seeker-lookup">
            <h2 class="text-lg font-semibold">{t.officer_seeker_lookup_title}</h2>
            <Field label=t.officer_seeker_account_id name="account_id" inputmode="numeric" error=errors.field("account_id") required=true />
            <Field label=t.access_reason_field name="reason" hint=t.access_reason_hint error=errors.field("reason") />
            <FormProblem errors />
            <button type="submit" class="btn-primary">{t.officer_seeker_open}</button>
        </form>
        {record}
    }
}

/// `/petugas/loket/{id}`: the person's profile and AK-1, worked on by the officer at the counter.
#[component]
pub fn CounterSeekerPage() -> impl IntoView {
    let t = use_strings();
    let params = use_params_map();
    let seeker_id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    view! {
        <Title text=t.counter_title />
        <div class="counter">
            <p><a class="link" href="/petugas/loket">{"← "}{t.counter_title}</a></p>
            <h1 class="mt-2 text-2xl font-bold">{t.counter_working_for}</h1>
            <p class="text-slate-700">{t.counter_consent_note}</p>
            {move || match seeker_id() {
                Some(id) => view! { <WithConsent seeker_id=id /> }.into_any(),
                None => view! { <crate::ui::not_found::NotFound /> }.into_any(),
            }}
        </div>
    }
}

/// The editor once the person's consent for this officer is confirmed; otherwise the reason, once (the
/// editor's sections each ask the server, and each would show it). Asked once per person: saving in the
/// editor does not ask again, so nothing typed in its forms is lost to a remount.
#[component]
fn WithConsent(seeker_id: i64) -> impl IntoView {
    let t = use_strings();
    let consent = Resource::new(move || seeker_id, check_counter_consent);
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || consent.get().map(|result| match result {
                Ok(()) => view! { <ProfileEditor on_behalf_of=Some(seeker_id) /> }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

/// `/petugas/statistik-ak1`: cards issued per day and month, time to issue, share on time.
#[component]
pub fn Ak1StatisticsPage() -> impl IntoView {
    let t = use_strings();
    let stats = Resource::new(|| (), |_| load_ak1_statistics());
    view! {
        <Title text=t.stats_ak1_title />
        <h1 class="text-2xl font-bold">{t.stats_ak1_title}</h1>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || stats.get().map(|result| match result {
                Ok(stats) => view! { <StatisticsView stats /> }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

fn duration_label(t: &'static crate::core::i18n::Strings, minutes: i64) -> String {
    crate::core::i18n::fill(
        t.stats_duration,
        &[
            ("hours", &(minutes / 60).to_string()),
            ("minutes", &(minutes % 60).to_string()),
        ],
    )
}

#[component]
fn StatisticsView(stats: Ak1Statistics) -> impl IntoView {
    let t = use_strings();
    let day_max = stats
        .per_day
        .iter()
        .map(|(_, n)| *n)
        .max()
        .unwrap_or(0)
        .max(1);
    let median = stats
        .median_minutes_to_issue
        .map_or_else(|| "—".to_owned(), |m| duration_label(t, m));
    let on_time = stats
        .within_deadline_per_mille
        .map_or_else(|| "—".to_owned(), |pm| format!("{},{} %", pm / 10, pm % 10));
    view! {
        <dl class="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <div class="card"><dt class="text-sm text-slate-600">{t.stats_issued_12m}</dt><dd class="text-3xl font-bold" data-testid="stats-issued">{stats.issued}</dd></div>
            <div class="card"><dt class="text-sm text-slate-600">{t.stats_median}</dt><dd class="text-3xl font-bold" data-testid="stats-median">{median}</dd></div>
            <div class="card"><dt class="text-sm text-slate-600">{t.stats_on_time}</dt><dd class="text-3xl font-bold" data-testid="stats-on-time">{on_time}</dd></div>
            <div class="card"><dt class="text-sm text-slate-600">{t.ak1_waiting_count}</dt><dd class="text-3xl font-bold">{stats.waiting}
                {(stats.overdue > 0).then(|| view! { <span class="ml-2 text-base text-red-800">{format!("({} {})", stats.overdue, t.overdue)}</span> })}</dd></div>
        </dl>
        <section class="card mt-6" aria-labelledby="judul-per-hari">
            <h2 id="judul-per-hari" class="text-lg font-semibold">{t.stats_per_day}</h2>
            // SVG geometry, not inline styles (the CSP forbids those); one bar per day, the tallest full height.
            <svg class="mt-4 h-40 w-full" viewBox=format!("0 0 {} 100", stats.per_day.len() * 10)
                preserveAspectRatio="none" role="img" aria-label=t.stats_per_day>
                {stats.per_day.iter().enumerate().map(|(i, (day, n))| {
                    let height = (n * 100 / day_max).max(1);
                    view! {
                        <rect class="fill-brand-600" x=(i * 10 + 1).to_string() width="8"
                            y=(100 - height).to_string() height=height.to_string()>
                            <title>{format!("{day}: {n}")}</title>
                        </rect>
                    }
                }).collect_view()}
            </svg>
            <p class="mt-1 flex justify-between text-xs text-slate-600">
                <span>{stats.per_day.first().map(|(d, _)| d.clone())}</span>
                <span>{stats.per_day.last().map(|(d, _)| d.clone())}</span>
            </p>
        </section>
        <section class="card mt-6 overflow-x-auto" tabindex="0" aria-labelledby="judul-per-bulan">
            <h2 id="judul-per-bulan" class="text-lg font-semibold">{t.stats_per_month}</h2>
            <table class="mt-3 w-full text-left text-sm" data-testid="stats-months">
                <thead><tr><th class="py-1">{t.stats_month}</th><th class="py-1 text-right">{t.stats_cards}</th></tr></thead>
                <tbody>
                    {stats.per_month.iter().rev().map(|(month, n)| view! {
                        <tr class="border-t border-slate-200"><td class="py-1">{month.clone()}</td><td class="py-1 text-right font-mono">{*n}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
