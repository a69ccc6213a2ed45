//! The chart components: SVG drawn on the server from `chart.rs`'s arithmetic. The drawings are hidden from
//! screen readers; the table beside each one (always rendered, on every screen) carries the same figures.
use leptos::prelude::*;

use crate::features::statistics::{
    chart::{
        LINE_HEIGHT, LINE_WIDTH, MARGIN_BOTTOM, MARGIN_LEFT, axis_top, bar_percent, line_segments,
        line_x, line_y, ticks,
    },
    model::{CategoryRow, cell_text},
};

const CURRENT: &str = "#0f5f8c";
const PREVIOUS: &str = "#94a3b8";

/// Twelve months of two years as two lines (a hidden "<5" month breaks its line).
#[component]
pub fn MonthLines(
    current: Vec<Option<i64>>,
    previous: Vec<Option<i64>>,
    current_label: String,
    previous_label: String,
) -> impl IntoView {
    let max = current
        .iter()
        .chain(previous.iter())
        .flatten()
        .copied()
        .max()
        .unwrap_or(0);
    let top = axis_top(max);
    let count = current.len();
    let view_box = format!("0 0 {LINE_WIDTH} {LINE_HEIGHT}");
    let grid = ticks(max)
        .into_iter()
        .map(|tick| {
            let y = format!("{:.1}", line_y(tick, top));
            view! {
                <line x1=MARGIN_LEFT.to_string() x2=(LINE_WIDTH - 4.0).to_string() y1=y.clone() y2=y.clone() stroke="#e2e8f0" stroke-width="1" />
                <text x=(MARGIN_LEFT - 4.0).to_string() y=y text-anchor="end" dominant-baseline="middle" font-size="9" fill="#334155">{cell_text(Some(tick))}</text>
            }
        })
        .collect_view();
    let months = (0..count)
        .map(|i| {
            view! {
                <text x=format!("{:.1}", line_x(i, count)) y=(LINE_HEIGHT - MARGIN_BOTTOM + 12.0).to_string() text-anchor="middle" font-size="9" fill="#334155">{(i + 1).to_string()}</text>
            }
        })
        .collect_view();
    let lines = |values: &[Option<i64>], color: &'static str, dashed: bool| {
        line_segments(values, top)
            .into_iter()
            .map(|points| {
                view! {
                    <polyline points=points fill="none" stroke=color stroke-width=if dashed { "1.5" } else { "2.5" }
                        stroke-dasharray=if dashed { "4 3" } else { "none" } />
                }
            })
            .collect_view()
    };
    let previous_lines = lines(&previous, PREVIOUS, true);
    let current_lines = lines(&current, CURRENT, false);
    view! {
        <svg viewBox=view_box class="mt-2 h-auto w-full max-w-2xl" aria-hidden="true" focusable="false" data-testid="month-chart">
            {grid}
            {months}
            {previous_lines}
            {current_lines}
        </svg>
        <p class="mt-1 flex flex-wrap gap-4 text-sm" aria-hidden="true">
            <span class="inline-flex items-center gap-1">
                <svg viewBox="0 0 20 4" class="h-1 w-5"><rect width="20" height="4" fill=CURRENT /></svg>{current_label}
            </span>
            <span class="inline-flex items-center gap-1">
                <svg viewBox="0 0 20 4" class="h-1 w-5"><rect width="8" height="4" fill=PREVIOUS /><rect x="12" width="8" height="4" fill=PREVIOUS /></svg>{previous_label}
            </span>
        </p>
    }
}

/// Horizontal bars, one per category: this year's (thick) over last year's (thin). Each bar's label and
/// figure stand above it as text, so long names wrap on a phone instead of being cut.
#[component]
pub fn CategoryBars(rows: Vec<CategoryRow>) -> impl IntoView {
    let max = rows
        .iter()
        .flat_map(|r| [r.current, r.previous])
        .flatten()
        .max()
        .unwrap_or(0);
    let top = axis_top(max);
    let bar = move |value: Option<i64>, height: &'static str, color: &'static str| {
        let width = format!("{:.2}", bar_percent(value.unwrap_or(0), top));
        view! {
            <svg viewBox="0 0 100 4" preserveAspectRatio="none" class=format!("block w-full {height}")>
                <rect width="100" height="4" fill="#f1f5f9" />
                <rect width=width height="4" fill=color />
            </svg>
        }
    };
    view! {
        <ul class="mt-2 grid gap-2" aria-hidden="true">
            {rows.into_iter().map(|row| view! {
                <li>
                    <p class="flex justify-between gap-2 text-sm"><span>{row.label.clone()}</span><span class="font-semibold">{cell_text(row.current)}</span></p>
                    {bar(row.current, "h-3", CURRENT)}
                    {bar(row.previous, "h-1", PREVIOUS)}
                </li>
            }).collect_view()}
        </ul>
    }
}
