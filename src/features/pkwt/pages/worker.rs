//! The worker's own registered contracts, and the public verification page behind a receipt's QR code.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    core::i18n::fill,
    features::pkwt::{
        api::{load_my_contracts, verify_pkwt},
        pages::company::compensation_text,
    },
    ui::{error_panel::ErrorPanel, use_strings},
};

#[component]
pub fn MyContractsPage() -> impl IntoView {
    let t = use_strings();
    let contracts = Resource::new(|| (), |_| load_my_contracts());
    view! {
        <Title text=t.pkwt_mine_title />
        <h1 class="text-2xl font-bold">{t.pkwt_mine_title}</h1>
        <p class="mt-1 max-w-3xl text-slate-700">{t.pkwt_mine_lead}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || contracts.get().map(|result| match result {
                Ok(list) if list.is_empty() => view! { <p class="card mt-4">{t.pkwt_mine_none}</p> }.into_any(),
                Ok(list) => view! {
                    <ul class="mt-4 space-y-4" data-testid="my-contracts">
                        {list.into_iter().map(|c| {
                            let remaining = if c.days_left >= 0 {
                                fill(t.pkwt_days_left, &[("days", &c.days_left.to_string())])
                            } else {
                                t.pkwt_ended.to_owned()
                            };
                            view! {
                                <li class="card">
                                    <h2 class="text-lg font-semibold">{c.position.clone()}" — "{c.company_name.clone()}</h2>
                                    <p class="text-sm text-slate-700">{c.workplace.clone()}</p>
                                    <dl class="mt-2 grid gap-2 text-sm sm:grid-cols-2">
                                        <div><dt class="text-slate-600">{t.pkwt_period}</dt><dd>{format!("{} – {}", c.start_date, c.end_date)}" ("{remaining}")"</dd></div>
                                        <div><dt class="text-slate-600">{t.pkwt_wage}</dt><dd>{c.wage.to_string()}</dd></div>
                                        <div><dt class="text-slate-600">{t.pkwt_number}</dt><dd class="font-mono">{c.registration_number.clone()}</dd></div>
                                        <div><dt class="text-slate-600">{t.pkwt_compensation}</dt><dd data-testid="my-compensation">{compensation_text(t, &c.compensation)}</dd></div>
                                    </dl>
                                    {c.ended_early.then(|| view! { <p class="mt-1 text-sm">{t.pkwt_ended_early}</p> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <p class="mt-4 text-sm text-slate-700">{t.pkwt_mine_help}" "<a class="link" href="/alat/kompensasi">{t.tool_compensation_title}</a></p>
                }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
pub fn VerifyPkwtPage() -> impl IntoView {
    let t = use_strings();
    let params = use_params_map();
    let result = Resource::new(
        move || params.with(|p| p.get("code").unwrap_or_default()),
        verify_pkwt,
    );
    view! {
        <Title text=t.verify_pkwt_title />
        <section class="mx-auto max-w-md">
            <h1 class="text-2xl font-bold">{t.verify_pkwt_title}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || result.get().map(|r| match r {
                    Ok(v) => {
                        let (label, class) = if v.state == "active" {
                            (t.verify_pkwt_active, "text-emerald-800")
                        } else {
                            (t.verify_pkwt_ended, "text-amber-800")
                        };
                        view! {
                            <dl class="card mt-6 space-y-2">
                                <div><dt class="text-sm text-slate-600">{t.status}</dt><dd class=format!("text-xl font-bold {class}") data-testid="verify-state">{label}</dd></div>
                                <div><dt class="text-sm text-slate-600">{t.pkwt_number}</dt><dd class="font-mono" data-testid="verify-number">{v.registration_number}</dd></div>
                                <div><dt class="text-sm text-slate-600">{t.pkwt_company}</dt><dd>{v.company_name}</dd></div>
                                <div><dt class="text-sm text-slate-600">{t.full_name}</dt><dd>{v.worker_name_masked}</dd></div>
                                <div><dt class="text-sm text-slate-600">{t.field_position}</dt><dd>{v.position}</dd></div>
                                <div><dt class="text-sm text-slate-600">{t.pkwt_period}</dt><dd>{format!("{} – {}", v.start_date, v.end_date)}</dd></div>
                                <div><dt class="text-sm text-slate-600">{t.pkwt_registered_on}</dt><dd>{v.registered_on}</dd></div>
                            </dl>
                        }.into_any()
                    }
                    Err(_) => view! { <p role="alert" class="card mt-6 text-red-800">{t.verify_unknown}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
