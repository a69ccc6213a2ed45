//! The arithmetic of the charts: a "nice" axis (steps of 1, 2 or 5 × 10ⁿ) and the coordinates of bars and
//! lines in an SVG view box.
//!
//! Chart approach: server-rendered SVG built by Leptos `view!` from this small tested module, not a
//! plotting crate. The charts are bars and lines only; SVG elements in `view!` render on the server (the
//! page works without JavaScript), hydrate like any other markup and need no `inner_html` or inline styles
//! (the CSP allows neither). A plotting crate with an SVG backend (plotters, `default-features = false`)
//! would hand over an SVG *string* — to be injected unescaped and rebuilt on hydration — and would add its
//! crates to both the server and the WASM build on a 2-core CI, for drawing rectangles and polylines this
//! module does in about a hundred lines.

/// Width and height of the line chart's view box; the SVG scales to the screen's width.
pub const LINE_WIDTH: f64 = 320.0;
pub const LINE_HEIGHT: f64 = 160.0;
/// Room for the axis labels, left and bottom.
pub const MARGIN_LEFT: f64 = 40.0;
pub const MARGIN_BOTTOM: f64 = 20.0;
pub const MARGIN_TOP: f64 = 8.0;

/// The smallest 1, 2 or 5 × 10ⁿ at least `raw` (at least 1).
pub fn nice_step(raw: f64) -> i64 {
    if raw.is_nan() || raw <= 1.0 {
        return 1;
    }
    let mut magnitude: i64 = 1;
    while (magnitude as f64) * 10.0 <= raw && magnitude < i64::MAX / 100 {
        magnitude *= 10;
    }
    [1, 2, 5, 10]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|step| *step as f64 >= raw)
        .unwrap_or(10 * magnitude)
}

/// An axis from 0 covering `max` in about four steps: its tick values, the last being the top.
pub fn ticks(max: i64) -> Vec<i64> {
    let step = nice_step(max.max(1) as f64 / 4.0);
    let steps = (max.max(1) + step - 1) / step;
    (0..=steps).map(|i| i * step).collect()
}

/// The top of the axis for `max`.
pub fn axis_top(max: i64) -> i64 {
    ticks(max).last().copied().unwrap_or(1).max(1)
}

/// A bar's length as a share of the full length (0–100), for a value on an axis topped at `top`.
pub fn bar_percent(value: i64, top: i64) -> f64 {
    if top <= 0 {
        return 0.0;
    }
    (value.max(0) as f64 * 100.0 / top as f64).min(100.0)
}

/// The y coordinate of a value in the line chart's plot area.
pub fn line_y(value: i64, top: i64) -> f64 {
    let plot = LINE_HEIGHT - MARGIN_BOTTOM - MARGIN_TOP;
    MARGIN_TOP + plot - plot * bar_percent(value, top) / 100.0
}

/// The x coordinate of the `index`-th of `count` points.
pub fn line_x(index: usize, count: usize) -> f64 {
    let plot = LINE_WIDTH - MARGIN_LEFT - 8.0;
    if count <= 1 {
        return MARGIN_LEFT + plot / 2.0;
    }
    MARGIN_LEFT + plot * index as f64 / (count - 1) as f64
}

/// The polyline point lists of a series: a hidden ("<5") or missing value breaks the line, so no value is
/// drawn that the table does not show.
pub fn line_segments(values: &[Option<i64>], top: i64) -> Vec<String> {
    let mut segments = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for (index, value) in values.iter().enumerate() {
        match value {
            Some(v) => current.push(format!(
                "{:.1},{:.1}",
                line_x(index, values.len()),
                line_y(*v, top)
            )),
            None => {
                if !current.is_empty() {
                    segments.push(current.join(" "));
                    current.clear();
                }
            }
        }
    }
    if !current.is_empty() {
        segments.push(current.join(" "));
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(nice_step(0.0), 1);
        assert_eq!(nice_step(1.5), 2);
        assert_eq!(nice_step(3.0), 5);
        assert_eq!(nice_step(7.0), 10);
        assert_eq!(nice_step(12.0), 20);
        assert_eq!(nice_step(250.0), 500);
        assert_eq!(ticks(0), vec![0, 1]);
        assert_eq!(ticks(17), vec![0, 5, 10, 15, 20]);
        assert_eq!(ticks(1000), vec![0, 500, 1000]);
        assert_eq!(axis_top(1234), 1500);
    }

    #[test]
    fn bars_and_lines_fit_the_box() {
        assert!((bar_percent(50, 200) - 25.0).abs() < 1e-9);
        assert!((bar_percent(300, 200) - 100.0).abs() < 1e-9);
        assert!((bar_percent(5, 0)).abs() < 1e-9);
        assert!((line_y(0, 10) - (LINE_HEIGHT - MARGIN_BOTTOM)).abs() < 1e-9);
        assert!((line_y(10, 10) - MARGIN_TOP).abs() < 1e-9);
        assert!((line_x(0, 12) - MARGIN_LEFT).abs() < 1e-9);
        let segments = line_segments(&[Some(1), Some(2), None, Some(3)], 4);
        assert_eq!(segments.len(), 2);
        assert_eq!(segments[0].split(' ').count(), 2);
        assert!(line_segments(&[None, None], 4).is_empty());
    }

    proptest! {
        /// The axis always covers the largest value, in at most five steps.
        #[test]
        fn the_axis_covers_the_maximum(max in 0_i64..10_000_000_000) {
            let ticks = ticks(max);
            prop_assert!(*ticks.last().unwrap_or(&0) >= max);
            prop_assert!(ticks.len() <= 6 && ticks.len() >= 2);
            prop_assert_eq!(ticks[0], 0);
        }
    }
}
