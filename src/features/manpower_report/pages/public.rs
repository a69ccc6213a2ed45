//! The public check behind a manpower report receipt's QR code (works signed out).
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    core::i18n::fill,
    features::manpower_report::api::verify_manpower_report,
    ui::{error_panel::ErrorPanel, use_strings},
};

#[component]
pub fn VerifyManpowerReportPage() -> impl IntoView {
    let t = use_strings();
    let params = use_params_map();
    let result = Resource::new(
        move || params.with(|p| p.get("code").unwrap_or_default()),
        verify_manpower_report,
    );
    view! {
        <Title text=t.manpower_verify_title />
        <section class="mx-auto max-w-md">
            <h1 class="text-2xl font-bold">{t.manpower_verify_title}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || result.get().map(|result| match result {
                    Ok(v) => view! {
                        <div class="card mt-4">
                            <p class="text-lg font-semibold text-emerald-800" data-testid="verify-state">
                                {if v.superseded { t.manpower_verified_superseded } else { t.manpower_verified }}
                            </p>
                            <dl class="mt-3 grid gap-2 text-sm">
                                <div><dt class="text-slate-600">{t.manpower_receipt_number}</dt><dd class="font-mono" data-testid="verify-number">{v.receipt_number}</dd></div>
                                <div><dt class="text-slate-600">{t.company_name}</dt><dd>{v.company_name}</dd></div>
                                <div><dt class="text-slate-600">{t.manpower_year_version}</dt><dd>{format!("{} / {}", v.year, v.version)}</dd></div>
                                <div><dt class="text-slate-600">{t.manpower_f_total}</dt><dd>{fill(t.manpower_workforce_of, &[("n", &v.workforce_total.to_string())])}</dd></div>
                                <div><dt class="text-slate-600">{t.manpower_submitted_on}</dt><dd>{v.submitted_on}</dd></div>
                            </dl>
                        </div>
                    }.into_any(),
                    Err(error) => {
                        crate::ui::set_status(error.status_code());
                        view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
