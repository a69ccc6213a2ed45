//! The company's K3 page: the accident report form (checked in the browser with the server's rules), the
//! reported accidents with their referral package and photos, the P2K3 and SMK3 self-checks, and the
//! inspections with their orders to report done.
use leptos::{ev::SubmitEvent, prelude::*, server_fn::ServerFn, web_sys::FormData};
use leptos_meta::Title;

use crate::{
    core::{
        error::{AppError, FieldErrors},
        i18n::fill,
    },
    features::safety::{
        api::{
            AddAccidentPhoto, ReportAccident, ReportOrderDone, SubmitP2k3Check, SubmitSmk3Check,
            add_accident_photo, load_company_safety, report_order_done,
        },
        model::{
            AccidentView, CompanySafety, ID_KINDS, OUTCOMES, OrderView, REFERRAL_DESTINATION,
            SMK3_LEVELS, SelfCheckView,
        },
        pages::parts::FileForm,
    },
    ui::{
        error_panel::ErrorPanel,
        form::{Field, FormErrors, FormProblem, Select, Success, succeeded},
        use_strings,
    },
};

#[derive(Clone, Copy)]
struct Actions {
    accident: ServerAction<ReportAccident>,
    smk3: ServerAction<SubmitSmk3Check>,
    p2k3: ServerAction<SubmitP2k3Check>,
    photo: Action<FormData, Result<(), AppError>>,
    done: Action<FormData, Result<(), AppError>>,
}

#[component]
pub fn CompanySafetyPage() -> impl IntoView {
    let t = use_strings();
    let actions = Actions {
        accident: ServerAction::new(),
        smk3: ServerAction::new(),
        p2k3: ServerAction::new(),
        photo: Action::new_local(|data: &FormData| add_accident_photo(data.clone().into())),
        done: Action::new_local(|data: &FormData| report_order_done(data.clone().into())),
    };
    let ok = |v: Option<bool>| v.unwrap_or(false);
    let data = Resource::new(
        move || {
            (
                ok(actions.accident.value().get().map(|r| r.is_ok())),
                actions.smk3.version().get(),
                actions.p2k3.version().get(),
                actions.photo.version().get(),
                actions.done.version().get(),
            )
        },
        |_| load_company_safety(),
    );
    view! {
        <Title text=t.safety_title />
        <h1 class="text-2xl font-bold">{t.safety_title}</h1>
        <p class="mt-1 max-w-3xl text-slate-700">{t.safety_lead}</p>
        <AccidentFormCard accident=actions.accident />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || data.get().map(|result| match result {
                Ok(data) => view! { <SafetyView data actions /> }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn SafetyView(data: CompanySafety, actions: Actions) -> impl IntoView {
    let t = use_strings();
    view! {
        <section class="card mt-6" aria-labelledby="k3-accidents">
            <h2 id="k3-accidents" class="text-lg font-semibold">{t.safety_accidents}</h2>
            {data.accidents.is_empty().then(|| view! { <p class="mt-2">{t.safety_no_accidents}</p> })}
            <ul class="mt-2 divide-y divide-slate-200" data-testid="k3-accidents">
                {data.accidents.into_iter().map(|a| view! { <AccidentRow a photo=actions.photo /> }).collect_view()}
            </ul>
        </section>
        <section class="card mt-6" aria-labelledby="k3-inspections">
            <h2 id="k3-inspections" class="text-lg font-semibold">{t.safety_inspections}</h2>
            {data.inspections.is_empty().then(|| view! { <p class="mt-2">{t.safety_no_inspections}</p> })}
            {data.inspections.into_iter().map(|i| view! {
                <div class="mt-3 rounded-lg border border-slate-200 p-3" data-testid="k3-inspection">
                    <p class="font-semibold">{fill(t.safety_inspected_on, &[("date", &i.inspected_on)])}</p>
                    <p class="text-sm">{i.summary.clone()}</p>
                    <a class="link text-sm" href=format!("/k3/pemeriksaan/{}/berkas", i.id) rel="external">{t.safety_findings_pdf}</a>
                    <ul class="mt-2 space-y-2">
                        {i.orders.into_iter().map(|o| view! { <OrderRow o done=actions.done /> }).collect_view()}
                    </ul>
                </div>
            }).collect_view()}
        </section>
        <SelfChecks p2k3=data.p2k3 smk3=data.smk3 actions />
    }
}

#[component]
fn AccidentRow(a: AccidentView, photo: Action<FormData, Result<(), AppError>>) -> impl IntoView {
    let t = use_strings();
    let id = a.id;
    let outcome = t
        .lookup(&format!("safety_outcome_{}", a.outcome))
        .unwrap_or_default();
    view! {
        <li class="py-3" data-testid="k3-accident">
            <p class="font-semibold"><span class="font-mono">{a.case_number.clone()}</span>" · "{a.victim_name.clone()}" "<span class="font-mono text-sm font-normal">{a.victim_id_masked.clone()}</span>{(a.victim_id_kind == "passport").then(|| format!(" ({})", a.victim_nationality))}</p>
            <p class="text-sm">{a.occurred_at.clone()}" · "{a.place.clone()}" · "{outcome}</p>
            <p class=if a.late { "text-sm font-semibold text-red-800" } else { "text-sm text-emerald-800" } data-testid="k3-late">
                {fill(if a.late { t.safety_reported_late } else { t.safety_reported_in_time }, &[("hours", &a.hours_after.to_string())])}
            </p>
            <p class="text-sm" data-testid="k3-forwarded">{match a.forwarded_at.clone() {
                Some(date) => fill(t.safety_forwarded, &[("to", REFERRAL_DESTINATION), ("date", &date)]),
                None => t.safety_not_forwarded.to_owned(),
            }}</p>
            <p class="mt-1 flex flex-wrap gap-4 text-sm">
                <a class="link" href=format!("/k3/kecelakaan/{id}/tanda-terima.pdf") rel="external" data-testid="k3-receipt">{t.safety_receipt}</a>
                <a class="link" href=format!("/k3/kecelakaan/{id}/rujukan.pdf") rel="external" data-testid="k3-referral">{t.safety_referral}</a>
                {(1..=a.photos).map(|n| view! { <a class="link" href=format!("/k3/kecelakaan/{id}/foto/{n}") rel="external">{fill(t.safety_photo_n, &[("n", &n.to_string())])}</a> }).collect_view()}
            </p>
            <FileForm action=photo url=AddAccidentPhoto::url() hidden=("accident_id", id) file=("photo", t.safety_add_photo, "image/jpeg,image/png") note=None />
        </li>
    }
}

#[component]
fn OrderRow(o: OrderView, done: Action<FormData, Result<(), AppError>>) -> impl IntoView {
    let t = use_strings();
    let state = if o.done {
        t.safety_order_done
    } else if o.overdue {
        t.safety_order_overdue
    } else {
        t.safety_order_open
    };
    view! {
        <li class="rounded border border-slate-200 p-2" data-testid="k3-order">
            <p>{o.description.clone()}</p>
            <p class=if o.overdue { "text-sm font-semibold text-red-800" } else { "text-sm" }>{fill(t.safety_order_due, &[("date", &o.due_date)])}" · "{state}</p>
            {o.done_note.clone().map(|note| view! { <p class="text-sm text-slate-700">{note}</p> })}
            {o.has_evidence.then(|| view! { <a class="link text-sm" href=format!("/k3/perintah/{}/bukti", o.id) rel="external">{t.safety_evidence}</a> })}
            {(!o.done).then(|| view! {
                <FileForm action=done url=ReportOrderDone::url() hidden=("order_id", o.id) file=("evidence", t.safety_evidence, "application/pdf,image/jpeg,image/png") note=Some(t.safety_done_note) />
            })}
        </li>
    }
}

#[component]
fn SelfChecks(
    p2k3: Option<SelfCheckView>,
    smk3: Option<SelfCheckView>,
    actions: Actions,
) -> impl IntoView {
    let t = use_strings();
    let latest = |check: Option<SelfCheckView>| {
        check.map(|c| {
            let category = t.lookup(&format!("safety_category_{}", c.category)).unwrap_or_default();
            view! {
                <p class="text-sm" data-testid=format!("k3-latest-{}", c.kind)>
                    {fill(t.safety_latest_check, &[("met", &c.met.to_string()), ("criteria", &c.criteria.to_string()), ("percent", &c.percentage.to_string()), ("date", &c.submitted_at)])}
                    " · "<strong>{category}</strong>
                </p>
            }
        })
    };
    let smk3_errors = FormErrors::new(actions.smk3.value());
    let p2k3_errors = FormErrors::new(actions.p2k3.value());
    let levels: Vec<(String, String)> = SMK3_LEVELS
        .iter()
        .map(|(level, n)| {
            let name = t.lookup(&format!("safety_level_{level}")).unwrap_or(level);
            ((*level).to_owned(), format!("{name} ({n})"))
        })
        .collect();
    let check_smk3 = move |ev: SubmitEvent| {
        if let Some(input) = smk3_errors.check::<SubmitSmk3Check>(&ev, |i| {
            i.form.check().err().unwrap_or_else(FieldErrors::new)
        }) {
            actions.smk3.dispatch(input);
        }
    };
    let check_p2k3 = move |ev: SubmitEvent| {
        if let Some(input) = p2k3_errors.check::<SubmitP2k3Check>(&ev, |i| {
            i.form.check().err().unwrap_or_else(FieldErrors::new)
        }) {
            actions.p2k3.dispatch(input);
        }
    };
    let tick = |name: &'static str, label: &'static str| {
        view! {
            <label class="flex items-center gap-2"><input type="checkbox" name=name class="h-5 w-5" />{label}</label>
        }
    };
    view! {
        <div class="mt-6 grid gap-6 lg:grid-cols-2">
            <form method="post" action=SubmitSmk3Check::url() on:submit=check_smk3 novalidate class="card grid gap-2" data-testid="smk3-form">
                <h2 class="text-lg font-semibold">{t.safety_smk3}</h2>
                <p class="text-sm text-slate-700">{t.safety_smk3_lead}</p>
                {latest(smk3)}
                <Select label=t.safety_level name="form[level]" error=smk3_errors.field("level") options=levels />
                <Field label=t.safety_met name="form[met]" error=smk3_errors.field("met") inputmode="numeric" />
                <Field label=t.safety_critical name="form[critical]" error=smk3_errors.field("critical") inputmode="numeric" value="0" />
                <FormProblem errors=smk3_errors />
                <button type="submit" class="btn-primary justify-self-start">{t.send}</button>
            </form>
            <form method="post" action=SubmitP2k3Check::url() on:submit=check_p2k3 novalidate class="card grid gap-2" data-testid="p2k3-form">
                <h2 class="text-lg font-semibold">{t.safety_p2k3}</h2>
                <p class="text-sm text-slate-700">{t.safety_p2k3_lead}</p>
                {latest(p2k3)}
                <Field label=t.safety_workers name="form[workers]" error=p2k3_errors.field("workers") inputmode="numeric" />
                {tick("form[high_risk]", t.safety_high_risk)}
                {tick("form[formed]", t.safety_formed)}
                <Field label=t.safety_members name="form[members]" error=p2k3_errors.field("members") inputmode="numeric" />
                {tick("form[expert_secretary]", t.safety_expert_secretary)}
                {tick("form[meets_monthly]", t.safety_meets_monthly)}
                {tick("form[reports_quarterly]", t.safety_reports_quarterly)}
                <FormProblem errors=p2k3_errors />
                <button type="submit" class="btn-primary justify-self-start">{t.send}</button>
            </form>
        </div>
    }
}

#[component]
fn AccidentFormCard(accident: ServerAction<ReportAccident>) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(accident.value());
    let on_submit = move |ev: SubmitEvent| {
        let now = crate::ui::form::now_ms();
        if let Some(input) = errors.check::<ReportAccident>(&ev, |i| {
            i.form.check(now).err().unwrap_or_else(FieldErrors::new)
        }) {
            accident.dispatch(input);
        }
    };
    let sexes = vec![
        ("male".to_owned(), t.sex_male.to_owned()),
        ("female".to_owned(), t.sex_female.to_owned()),
    ];
    let id_kinds: Vec<(String, String)> = ID_KINDS
        .iter()
        .map(|k| {
            let label = t.lookup(&format!("safety_id_{k}")).unwrap_or(k);
            ((*k).to_owned(), label.to_owned())
        })
        .collect();
    let outcomes: Vec<(String, String)> = OUTCOMES
        .iter()
        .map(|o| {
            (
                (*o).to_owned(),
                t.lookup(&format!("safety_outcome_{o}"))
                    .unwrap_or(o)
                    .to_owned(),
            )
        })
        .collect();
    let field = |label: &'static str, name: &'static str, kind: &'static str| {
        let key = name.trim_start_matches("form[").trim_end_matches(']');
        view! { <Field label name error=errors.field(key) kind /> }
    };
    view! {
        <form method="post" action=ReportAccident::url() on:submit=on_submit on:input=move |ev| errors.clear_on_input(&ev) novalidate
            class="card mt-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="accident-form">
            <h2 class="text-lg font-semibold sm:col-span-2 lg:col-span-3">{t.safety_report_accident}</h2>
            <p class="text-sm text-slate-700 sm:col-span-2 lg:col-span-3">{t.safety_accident_rule}</p>
            {field(t.safety_victim_name, "form[victim_name]", "text")}
            <Select label=t.safety_victim_id_kind name="form[victim_id_kind]" error=errors.field("victim_id_kind") options=id_kinds />
            {field(t.safety_victim_nik, "form[victim_nik]", "text")}
            {field(t.safety_victim_passport, "form[victim_passport]", "text")}
            {field(t.safety_victim_nationality, "form[victim_nationality]", "text")}
            {field(t.safety_victim_birth_date, "form[victim_birth_date]", "date")}
            <Select label=t.sex name="form[victim_sex]" error=errors.field("victim_sex") options=sexes />
            {field(t.safety_victim_job, "form[victim_job]", "text")}
            {field(t.safety_victim_unit, "form[victim_unit]", "text")}
            {field(t.safety_place, "form[place]", "text")}
            {field(t.safety_date, "form[date]", "date")}
            {field(t.safety_time, "form[time]", "time")}
            <div class="sm:col-span-2 lg:col-span-3">{field(t.safety_description, "form[description]", "text")}</div>
            {field(t.safety_task, "form[task]", "text")}
            {field(t.safety_witnesses, "form[witnesses]", "text")}
            {field(t.safety_agent, "form[agent]", "text")}
            <Select label=t.safety_outcome name="form[outcome]" error=errors.field("outcome") options=outcomes />
            {field(t.safety_body_part, "form[body_part]", "text")}
            {field(t.safety_treatment, "form[treatment]", "text")}
            {field(t.safety_hospital, "form[hospital]", "text")}
            {field(t.safety_lost_days, "form[lost_days]", "text")}
            {field(t.safety_loss, "form[loss]", "text")}
            <div class="grid gap-2 sm:col-span-2 lg:col-span-3">
                <FormProblem errors />
                <Success done=succeeded(accident.value()) message=t.safety_reported />
                <button type="submit" class="btn-primary justify-self-start" data-testid="accident-submit">{t.send}</button>
            </div>
        </form>
    }
}
