//! Public calculators: compensation at the end of a PKWT (`/alat/kompensasi`) and overtime pay
//! (`/alat/lembur`). Plain GET forms: the result is computed from the address on the server and in the
//! browser with the same rules, so a link to a result can be shared and the pages work without JavaScript.
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use crate::{
    core::i18n::{fill, localize},
    features::pkwt::{
        pages::company::compensation_text,
        rules::{CompensationInput, DayKind, HOUR_FIELDS, OvertimeInput},
    },
    ui::{form::Field, use_strings},
};

const WEEKDAYS: [&str; 7] = [
    "day_mon", "day_tue", "day_wed", "day_thu", "day_fri", "day_sat", "day_sun",
];

#[component]
pub fn CompensationToolPage() -> impl IntoView {
    let t = use_strings();
    let query = use_query_map();
    let input = move || {
        query.with(|q| CompensationInput {
            wage: q.get("upah").unwrap_or_default(),
            start_date: q.get("mulai").unwrap_or_default(),
            end_date: q.get("berakhir").unwrap_or_default(),
            foreign_worker: q.get("tka"),
        })
    };
    let submitted = move || query.with(|q| q.get("upah").is_some());
    let result = Memo::new(move |_| submitted().then(|| input().calculate()));
    let error = move |field: &'static str| {
        Signal::derive(move || match result.get() {
            Some(Err(errors)) => errors.get(field).map(str::to_owned),
            _ => None,
        })
    };
    let current = input();
    view! {
        <Title text=t.tool_compensation_title />
        <Meta name="description" content=t.tool_compensation_lead />
        <section class="mx-auto max-w-2xl">
            <h1 class="text-2xl font-bold">{t.tool_compensation_title}</h1>
            <p class="mt-1 text-slate-700">{t.tool_compensation_lead}</p>
            <form method="get" class="card mt-4 grid gap-4 sm:grid-cols-3" data-testid="compensation-form">
                <div class="sm:col-span-3"><Field label=t.pkwt_wage name="upah" inputmode="numeric" hint=t.tool_wage_hint error=error("wage") value=current.wage.clone() /></div>
                <Field label=t.pkwt_start_date name="mulai" kind="date" error=error("start_date") value=current.start_date.clone() />
                <Field label=t.tool_end_or_early_end name="berakhir" kind="date" error=error("end_date") value=current.end_date.clone() />
                <label class="flex items-center gap-2 self-end"><input type="checkbox" name="tka" value="1" checked=current.foreign_worker.is_some() />{t.tool_foreign_worker}</label>
                <button type="submit" class="btn-primary justify-self-start">{t.tool_calculate}</button>
            </form>
            {move || result.get().and_then(Result::ok).map(|c| view! {
                <div class="card mt-4" role="status" data-testid="compensation-result">
                    <p class="text-sm text-slate-600">{t.pkwt_compensation}</p>
                    <p class="text-2xl font-bold">{c.amount.to_string()}</p>
                    <p class="mt-1">{compensation_text(t, &c)}</p>
                </div>
            })}
            <p class="mt-4 text-sm text-slate-600">{t.tool_compensation_basis}</p>
        </section>
    }
}

#[component]
pub fn OvertimeToolPage() -> impl IntoView {
    let t = use_strings();
    let query = use_query_map();
    let input = move || {
        query.with(|q| {
            let week = q.get("pola").unwrap_or_else(|| "5".into());
            let submitted = q.get("upah").is_some();
            let mut input = OvertimeInput {
                wage: q.get("upah").unwrap_or_default(),
                variable_allowances: q.get("tunjangan").unwrap_or_default(),
                week: week.clone(),
                ..OvertimeInput::default()
            };
            for (i, field) in HOUR_FIELDS.iter().enumerate() {
                input.hours[i] = q.get(field).unwrap_or_default();
                // Before the first calculation the weekend of the chosen week is ticked as rest days.
                let default_rest = if week == "6" { i == 6 } else { i >= 5 };
                input.rest[i] = if submitted {
                    q.get(&format!("l{i}"))
                } else {
                    default_rest.then(|| "1".to_owned())
                };
                input.short_day[i] = q.get(&format!("p{i}"));
            }
            input
        })
    };
    let result = Memo::new(move |_| {
        query
            .with(|q| q.get("upah").is_some())
            .then(|| input().calculate())
    });
    let error = move |field: &'static str| {
        Signal::derive(move || match result.get() {
            Some(Err(errors)) => errors.get(field).map(str::to_owned),
            _ => None,
        })
    };
    let current = input();
    view! {
        <Title text=t.tool_overtime_title />
        <Meta name="description" content=t.tool_overtime_lead />
        <section class="mx-auto max-w-3xl">
            <h1 class="text-2xl font-bold">{t.tool_overtime_title}</h1>
            <p class="mt-1 text-slate-700">{t.tool_overtime_lead}</p>
            <form method="get" class="card mt-4 grid gap-4" data-testid="overtime-form">
                <div class="grid gap-4 sm:grid-cols-2">
                    <Field label=t.pkwt_wage name="upah" inputmode="numeric" hint=t.tool_wage_hint error=error("wage") value=current.wage.clone() />
                    <Field label=t.tool_variable_allowances name="tunjangan" inputmode="numeric" hint=t.tool_variable_allowances_hint
                        error=error("variable_allowances") value=current.variable_allowances.clone() />
                    <div class="field">
                        <label for="pola" class="block font-medium">{t.tool_work_week}</label>
                        <select id="pola" name="pola" class="mt-1 w-full rounded-lg border border-slate-400 bg-white px-3 py-2">
                            <option value="5" selected=current.week != "6">{t.tool_week_5}</option>
                            <option value="6" selected=current.week == "6">{t.tool_week_6}</option>
                        </select>
                    </div>
                </div>
                // A phone's width holds the four columns; wider text (English, a large font) scrolls the table
                // alone rather than the page.
                <div class="overflow-x-auto">
                <table class="w-full text-left text-sm">
                    <caption class="text-left font-medium">{t.tool_hours_caption}</caption>
                    <thead><tr><th scope="col" class="p-1">{t.tool_day}</th><th scope="col" class="p-1">{t.tool_hours}</th><th scope="col" class="p-1">{t.tool_rest_day}</th><th scope="col" class="p-1">{t.tool_short_day_holiday}</th></tr></thead>
                    <tbody>
                        {(0..7).map(|i| {
                            let day = t.lookup(WEEKDAYS[i]).unwrap_or_default();
                            let hours = current.hours[i].clone();
                            let rest = current.is_rest(i);
                            let short_day = current.is_short_day_holiday(i);
                            let field = HOUR_FIELDS[i];
                            view! {
                                <tr class="border-t border-slate-200">
                                    <th scope="row" class="p-1 font-normal">{day}</th>
                                    <td class="p-1">
                                        <input name=field inputmode="numeric" value=hours aria-label=format!("{day}: {}", t.tool_hours)
                                            class="w-16 rounded border border-slate-400 px-2 py-1" />
                                        <span class="ml-2 text-red-800" role="alert">{move || error(field).get().map(|k| localize(t, &k))}</span>
                                    </td>
                                    <td class="p-1"><input type="checkbox" name=format!("l{i}") value="1" checked=rest aria-label=format!("{day}: {}", t.tool_rest_day) /></td>
                                    <td class="p-1"><input type="checkbox" name=format!("p{i}") value="1" checked=short_day aria-label=format!("{day}: {}", t.tool_short_day_holiday) /></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
                <button type="submit" class="btn-primary justify-self-start">{t.tool_calculate}</button>
            </form>
            {move || result.get().and_then(Result::ok).map(|r| view! {
                <div class="card mt-4" role="status" data-testid="overtime-result">
                    {r.base_is_three_quarters.then(|| view! {
                        <p class="text-sm text-slate-700" data-testid="overtime-base">{fill(t.tool_base_three_quarters, &[("amount", &r.base.to_string())])}</p>
                    })}
                    <p class="text-sm text-slate-600">{t.tool_hourly}": "{r.hourly.to_string()}</p>
                    <p class="text-2xl font-bold">{t.tool_overtime_total}": "{r.total.to_string()}</p>
                    <ul class="mt-2 text-sm">
                        {r.days.iter().map(|d| {
                            let kind = match d.kind {
                                DayKind::Working => t.tool_working_day,
                                DayKind::Rest => t.tool_rest_day_short,
                                DayKind::ShortDayHoliday => t.tool_short_day_holiday_short,
                            };
                            view! { <li>{format!("{}: {} {} ({kind}) — {}", t.lookup(WEEKDAYS[d.weekday]).unwrap_or_default(), d.hours, t.tool_hours_unit, d.pay)}</li> }
                        }).collect_view()}
                    </ul>
                    {r.warnings.iter().map(|w| view! { <p class="mt-2 font-semibold text-amber-900" data-testid="overtime-warning">{localize(t, w)}</p> }).collect_view()}
                </div>
            })}
            <p class="mt-4 text-sm text-slate-600">{t.tool_overtime_basis}</p>
        </section>
    }
}
