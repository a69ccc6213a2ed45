//! The open statistics (`/statistik`) and the service levels (`/statistik/layanan`): public, rendered on the
//! server, filters in the URL through a plain GET form, so they work without JavaScript.
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use crate::{
    core::{
        i18n::{Strings, fill},
        text::format_wib,
    },
    features::statistics::{
        api::{load_open_statistics, load_service_levels},
        clock::{service_clock_key, service_key},
        model::{Breakdown, Dataset, OpenStatistics, PARAM_NAMES, cell_text},
        pages::charts::{CategoryBars, MonthLines},
    },
    ui::{error_panel::ErrorPanel, use_strings},
};

fn lookup(t: &'static Strings, key: &str) -> &'static str {
    t.lookup(key).unwrap_or_default()
}

/// Where a figure comes from and when it was last summed.
fn source_line(t: &'static Strings, tables: &'static str, refreshed_at_ms: Option<i64>) -> String {
    let refreshed = refreshed_at_ms.map_or_else(|| t.statistics_never.to_owned(), format_wib);
    fill(
        t.statistics_source,
        &[("tables", tables), ("at", &refreshed)],
    )
}

#[component]
pub fn StatisticsPage() -> impl IntoView {
    let t = use_strings();
    let query_map = use_query_map();
    let params = Memo::new(move |_| {
        query_map.with(|map| PARAM_NAMES.map(|name| map.get(name).unwrap_or_default()))
    });
    let stats = Resource::new(
        move || params.get(),
        |[data, kecamatan, tahun]| load_open_statistics(data, kecamatan, tahun),
    );
    view! {
        <Title text=t.statistics_title />
        <Meta name="description" content=t.statistics_lead />
        <h1 class="text-2xl font-bold">{t.statistics_title}</h1>
        <p class="mt-1 max-w-3xl">{t.statistics_lead}</p>
        <p class="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
            <a class="link" href="/statistik/layanan">{t.statistics_service_title}</a>
            <a class="link" href="/statistik/katalog.json" rel="external">{t.statistics_catalogue}</a>
        </p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || stats.get().map(|result| match result {
                Ok(stats) => view! { <StatisticsBody stats /> }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Filters(stats: OpenStatistics) -> impl IntoView {
    let t = use_strings();
    let query = stats.query.clone();
    view! {
        <form method="get" action="/statistik" class="card mt-4 grid gap-3 sm:grid-cols-4 sm:items-end" data-testid="stat-filters">
            <div>
                <label for="stat-data" class="block text-sm font-medium">{t.statistics_dataset}</label>
                <select id="stat-data" name="data" class="mt-1 w-full rounded-lg border border-slate-400 bg-white px-2 py-2">
                    {Dataset::ALL.into_iter().map(|d| view! {
                        <option value=d.slug() selected={d == query.dataset}>{lookup(t, d.key())}</option>
                    }).collect_view()}
                </select>
            </div>
            <div>
                <label for="stat-district" class="block text-sm font-medium">{t.statistics_dim_district}</label>
                <select id="stat-district" name="kecamatan" class="mt-1 w-full rounded-lg border border-slate-400 bg-white px-2 py-2">
                    <option value="">{t.statistics_all_districts}</option>
                    {stats.districts.into_iter().map(|(code, name)| {
                        let selected = query.district.as_deref() == Some(code.as_str());
                        view! { <option value=code selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div>
                <label for="stat-year" class="block text-sm font-medium">{t.statistics_year}</label>
                <select id="stat-year" name="tahun" class="mt-1 w-full rounded-lg border border-slate-400 bg-white px-2 py-2">
                    {stats.years.into_iter().map(|y| view! {
                        <option value=y.to_string() selected={Some(y) == query.year}>{y.to_string()}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="btn">{t.statistics_show}</button>
        </form>
    }
}

#[component]
fn StatisticsBody(stats: OpenStatistics) -> impl IntoView {
    let t = use_strings();
    let dataset = stats.query.dataset;
    let title = lookup(t, dataset.key());
    let unit = lookup(t, dataset.unit_key());
    let (year, previous_year) = (stats.year.to_string(), (stats.year - 1).to_string());
    let source = source_line(t, dataset.source_tables(), stats.refreshed_at_ms);
    let filters = stats.query.to_query_string();
    let csv_href = format!(
        "/statistik/csv/{}?{}",
        dataset.slug(),
        filters.split('&').skip(1).collect::<Vec<_>>().join("&")
    );
    let months: Vec<(usize, Option<i64>, Option<i64>)> = stats
        .current
        .iter()
        .zip(stats.previous.iter())
        .enumerate()
        .map(|(i, (c, p))| (i + 1, *c, *p))
        .collect();
    view! {
        <Filters stats=stats.clone() />
        <section class="card mt-4" aria-labelledby="stat-monthly">
            <h2 id="stat-monthly" class="text-lg font-semibold">{fill(t.statistics_by_month, &[("title", title), ("year", &year), ("previous", &previous_year)])}</h2>
            <p class="mt-1" data-testid="stat-total">{fill(t.statistics_total, &[("year", &year), ("count", &cell_text(stats.total_current)), ("unit", unit), ("previous", &previous_year), ("previous_count", &cell_text(stats.total_previous))])}</p>
            <MonthLines current=stats.current.clone() previous=stats.previous.clone() current_label=year.clone() previous_label=previous_year.clone() />
            <div class="mt-3 overflow-x-auto" tabindex="0">
                <table class="w-full text-left text-sm" data-testid="stat-month-table">
                    <caption class="sr-only">{fill(t.statistics_by_month, &[("title", title), ("year", &year), ("previous", &previous_year)])}</caption>
                    <thead><tr class="border-b"><th scope="col" class="py-1 pr-2">{t.statistics_month}</th><th scope="col" class="pr-2">{year.clone()}</th><th scope="col">{previous_year.clone()}</th></tr></thead>
                    <tbody>
                        {months.into_iter().map(|(m, c, p)| view! {
                            <tr class="border-b border-slate-100"><th scope="row" class="py-1 pr-2 font-normal">{m.to_string()}</th><td class="pr-2">{cell_text(c)}</td><td>{cell_text(p)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p class="mt-2 text-sm text-slate-700">{source.clone()}</p>
            <p class="mt-2 flex flex-wrap gap-x-4 text-sm">
                <a class="link" href=csv_href rel="external" download="" data-testid="stat-csv">{t.statistics_download_csv}</a>
                <a class="link" href=format!("/statistik/kamus/{}", dataset.slug()) rel="external" download="">{t.statistics_dictionary}</a>
            </p>
        </section>
        {stats.breakdowns.into_iter().map(|b| view! { <BreakdownFigure breakdown=b title year=year.clone() previous_year=previous_year.clone() source=source.clone() /> }).collect_view()}
        <p class="mt-4 text-sm text-slate-700">{t.statistics_suppression_note}</p>
    }
}

#[component]
fn BreakdownFigure(
    breakdown: Breakdown,
    title: &'static str,
    year: String,
    previous_year: String,
    source: String,
) -> impl IntoView {
    let t = use_strings();
    let slug = breakdown.dimension.slug();
    let heading = fill(
        t.statistics_by_dimension,
        &[
            ("title", title),
            ("dimension", lookup(t, breakdown.dimension.key())),
            ("year", &year),
        ],
    );
    let id = format!("stat-{slug}");
    let empty = breakdown.rows.is_empty();
    view! {
        <section class="card mt-4" aria-labelledby=id.clone() data-testid=format!("stat-breakdown-{slug}")>
            <h2 id=id.clone() class="text-lg font-semibold">{heading.clone()}</h2>
            {if empty {
                view! { <p class="mt-2">{t.statistics_no_data}</p> }.into_any()
            } else {
                view! {
                    <CategoryBars rows=breakdown.rows.clone() />
                    <div class="mt-3 overflow-x-auto" tabindex="0">
                        <table class="w-full text-left text-sm">
                            <caption class="sr-only">{heading}</caption>
                            <thead><tr class="border-b"><th scope="col" class="py-1 pr-2">{lookup(t, breakdown.dimension.key())}</th><th scope="col" class="pr-2">{year}</th><th scope="col">{previous_year}</th></tr></thead>
                            <tbody>
                                {breakdown.rows.into_iter().map(|row| view! {
                                    <tr class="border-b border-slate-100"><th scope="row" class="py-1 pr-2 font-normal">{row.label}</th><td class="pr-2">{cell_text(row.current)}</td><td>{cell_text(row.previous)}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <p class="mt-2 text-sm text-slate-700">{source}</p>
        </section>
    }
}

/// A duration in minutes as people say it: minutes, hours or days.
pub fn duration_text(t: &'static Strings, minutes: i64) -> String {
    let (template, n) = if minutes < 120 {
        (t.statistics_minutes, minutes)
    } else if minutes < 48 * 60 {
        (t.statistics_hours, minutes / 60)
    } else {
        (t.statistics_days, minutes / (24 * 60))
    };
    fill(template, &[("n", &n.to_string())])
}

#[component]
pub fn ServiceLevelsPage() -> impl IntoView {
    let t = use_strings();
    let levels = Resource::new(|| (), |_| load_service_levels());
    view! {
        <Title text=t.statistics_service_title />
        <Meta name="description" content=t.statistics_service_lead />
        <p class="text-sm"><a class="link" href="/statistik">{t.statistics_title}</a></p>
        <h1 class="text-2xl font-bold">{t.statistics_service_title}</h1>
        <p class="mt-1 max-w-3xl">{t.statistics_service_lead}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || levels.get().map(|result| match result {
                Ok(levels) => {
                    let source = source_line(t, t.statistics_service_source, levels.refreshed_at_ms);
                    view! {
                        {levels.services.into_iter().map(|level| {
                            let name = lookup(t, service_key(&level.service));
                            view! {
                                <section class="card mt-4" data-testid=format!("service-{}", level.service)>
                                    <h2 class="text-lg font-semibold">{name}</h2>
                                    <p class="mt-1 text-sm text-slate-700">{lookup(t, service_clock_key(&level.service))}</p>
                                    <div class="mt-2 overflow-x-auto" tabindex="0">
                                        <table class="w-full text-left text-sm">
                                            <caption class="sr-only">{name}</caption>
                                            <thead><tr class="border-b"><th scope="col" class="py-1 pr-2">{t.statistics_month}</th><th scope="col" class="pr-2">{t.statistics_finished}</th><th scope="col" class="pr-2">{t.statistics_within_clock}</th><th scope="col">{t.statistics_median}</th></tr></thead>
                                            <tbody>
                                                {level.months.into_iter().rev().map(|m| view! {
                                                    <tr class="border-b border-slate-100">
                                                        <th scope="row" class="py-1 pr-2 font-normal">{m.month.clone()}</th>
                                                        <td class="pr-2">{m.finished.to_string()}</td>
                                                        <td class="pr-2">{m.percent_within().map_or_else(|| "–".to_owned(), |p| format!("{p}%"))}</td>
                                                        <td>{if m.finished > 0 { duration_text(t, m.median_minutes) } else { "–".to_owned() }}</td>
                                                    </tr>
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                </section>
                            }
                        }).collect_view()}
                        <p class="mt-4 text-sm text-slate-700">{source}</p>
                    }.into_any()
                }
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}
