//! Draws the coverage dashboard: chart tabs, a legend, one bar per row (Unicode blocks, so
//! the segments stay apart without colour), the chart's total and the keys.

use super::draw_lines;
use crate::i18n::DashStrings;
use crate::model::Kind;
use crate::tui::app::App;
use crate::tui::dash::{Bar, CHARTS, Chart, Dashboard};
use crate::tui::sanitize::{fit, width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

/// The glyphs of the ICCN segments: member, not a member, unknown (as in the legend).
const SEGMENT_GLYPHS: [char; 3] = ['█', '▒', '░'];
/// Partial cells of a one-value bar, in eighths.
const EIGHTHS: [char; 7] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'];
/// Below this inner width, bars are labelled with short names.
const WIDE: usize = 60;

/// The figures beside a bar: `yes·no·unknown/all` for ICCN, `n/all` for KaTa, else `n`.
fn figures(chart: Chart, bar: &Bar) -> String {
    let n = |v: Option<&i64>| v.copied().unwrap_or(0);
    match (chart, bar.of) {
        (Chart::Iccn, Some(of)) => format!(
            "{}·{}·{}/{of}",
            n(bar.segments.first()),
            n(bar.segments.get(1)),
            n(bar.segments.get(2))
        ),
        (_, Some(of)) => format!("{}/{of}", bar.sum()),
        _ => bar.sum().to_string(),
    }
}

/// Cells per segment for `values` on a bar of `cells` cells: each value gets its share of
/// `scale`, a non-zero value at least one cell, and the whole never exceeds `cells`.
fn split(values: &[i64], scale: i64, cells: usize) -> Vec<usize> {
    if scale <= 0 || cells == 0 {
        return vec![0; values.len()];
    }
    let share = |v: i64| {
        let exact = v.max(0) as f64 * cells as f64 / scale as f64;
        let n = exact.round() as usize;
        if v > 0 { n.max(1) } else { n }
    };
    let mut out: Vec<usize> = values.iter().map(|&v| share(v)).collect();
    while out.iter().sum::<usize>() > cells {
        let Some(big) = (0..out.len()).max_by_key(|&i| out[i]) else {
            break;
        };
        out[big] -= 1;
    }
    out
}

/// One value as a bar of whole and eighth cells, `value / scale` of `cells`.
fn eighths_bar(value: i64, scale: i64, cells: usize) -> String {
    if scale <= 0 || value <= 0 {
        return String::new();
    }
    let n8 = ((value as f64 * cells as f64 * 8.0 / scale as f64).round() as usize).max(1);
    let mut s = "█".repeat(n8 / 8);
    if let Some(c) = (n8 % 8).checked_sub(1).and_then(|i| EIGHTHS.get(i)) {
        s.push(*c);
    }
    s
}

/// The spans of `bar`'s blocks, `cells` wide at most.
fn bar_spans(app: &App, chart: Chart, bar: &Bar, scale: i64, cells: usize) -> Vec<Span<'static>> {
    let t = app.theme();
    match chart {
        Chart::Iccn => {
            let styles = [t.active_filter, t.stale, t.note];
            split(&bar.segments, scale, cells)
                .into_iter()
                .enumerate()
                .map(|(i, n)| Span::styled(SEGMENT_GLYPHS[i].to_string().repeat(n), styles[i]))
                .collect()
        }
        Chart::Kata => {
            // Certified cities on a track of the province's kab/kota.
            let rest = bar.of.unwrap_or(0) - bar.sum();
            let parts = split(&[bar.sum(), rest], scale, cells);
            vec![
                Span::styled("█".repeat(parts[0]), t.count),
                Span::styled("░".repeat(parts[1]), t.note),
            ]
        }
        _ => vec![Span::styled(eighths_bar(bar.sum(), scale, cells), t.count)],
    }
}

/// The chart's total line.
fn total(strings: &DashStrings, dash: &Dashboard) -> String {
    let st = &dash.stats;
    let cities = st.kabupaten + st.kota;
    let (template, figures) = match dash.chart() {
        Chart::Iccn => (
            strings.total_iccn,
            [st.iccn_members, st.iccn_non_members, st.iccn_unknown],
        ),
        Chart::Kata => (strings.total_kata, [st.kata, 0, 0]),
        Chart::Unesco => (strings.total_unesco, [st.unesco_cities, 0, 0]),
        Chart::Subsectors => {
            let communities = st.kinds.iter().find(|(k, _)| *k == Kind::Community);
            (
                strings.total_sub,
                [communities.map_or(0, |(_, n)| *n), 0, 0],
            )
        }
        Chart::Stale => (
            strings.total_stale,
            [st.provinces.iter().map(|p| p.stale).sum(), 0, 0],
        ),
    };
    DashStrings::total(template, figures, cities, &dash.cutoff)
}

/// The bar rows, `rows` of them around the selection, `w` wide.
fn bar_lines(app: &App, d: &Dashboard, w: usize, rows: usize) -> Vec<Line<'static>> {
    let t = app.theme();
    let chart = d.chart();
    let bars = d.shown();
    let wide = w >= WIDE;
    let label = |b: &Bar| {
        if wide {
            b.label.clone()
        } else {
            b.short.clone()
        }
    };
    let label_w = bars.iter().map(|b| width(&label(b))).max().unwrap_or(0);
    let label_w = label_w.min(if wide { 24 } else { 9 });
    let fig_w = bars
        .iter()
        .map(|b| width(&figures(chart, b)))
        .max()
        .unwrap_or(0);
    let cells = w.saturating_sub(label_w + fig_w + 3).max(1);
    let scale = bars
        .iter()
        .map(|b| b.of.unwrap_or_else(|| b.sum()))
        .max()
        .unwrap_or(0);
    let selected = d.selected();
    let offset = (selected + 1).saturating_sub(rows);
    bars.iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(i, b)| {
            let style = if i == selected { t.selected } else { t.label };
            let name = fit(&label(b), label_w);
            let pad = label_w.saturating_sub(width(&name));
            let mut spans = vec![Span::styled(format!("{name}{} ", " ".repeat(pad)), style)];
            let blocks = bar_spans(app, chart, b, scale, cells);
            let used: usize = blocks.iter().map(|s| width(&s.content)).sum();
            spans.extend(blocks);
            spans.push(Span::raw(" ".repeat(cells.saturating_sub(used) + 1)));
            let fig = figures(chart, b);
            let fig_pad = fig_w.saturating_sub(width(&fig));
            let fig_style = if i == selected { t.selected } else { t.base };
            spans.push(Span::styled(
                format!("{}{fig}", " ".repeat(fig_pad)),
                fig_style,
            ));
            Line::from(spans)
        })
        .collect()
}

/// Draws the dashboard over `area` (all but the status bar).
pub fn render(app: &App, d: &Dashboard, area: Rect, buf: &mut Buffer) {
    let t = app.theme();
    let s = app.lang().dash();
    let box_area = Rect::new(area.x, area.y, area.width, area.height.saturating_sub(1));
    if box_area.width < 8 || box_area.height < 5 {
        return;
    }
    Clear.render(box_area, buf);
    buf.set_style(box_area, t.base);
    let w = usize::from(box_area.width - 2);
    let block = Block::bordered()
        .border_style(t.border_focused)
        .title(Line::from(format!(" {} ", fit(s.title, w.saturating_sub(2)))).style(t.title));
    let inner = block.inner(box_area);
    block.render(box_area, buf);
    let mut tabs = Vec::new();
    for (i, c) in CHARTS.iter().enumerate() {
        if i > 0 {
            tabs.push(Span::raw(" "));
        }
        let style = if i == d.chart { t.tab_active } else { t.tab };
        tabs.push(Span::styled(c.title(app.lang()), style));
    }
    let legend = match d.chart() {
        Chart::Iccn => s.legend_iccn,
        Chart::Kata => s.legend_kata,
        Chart::Unesco => s.legend_unesco,
        Chart::Subsectors => s.legend_sub,
        Chart::Stale => s.legend_stale,
    };
    let rows = usize::from(inner.height).saturating_sub(4).max(1);
    let mut lines = vec![
        Line::from(tabs),
        Line::from(Span::styled(fit(legend, w), t.note)),
    ];
    let bars = bar_lines(app, d, w, rows);
    let blank = rows.saturating_sub(bars.len());
    lines.extend(bars);
    lines.extend(std::iter::repeat_n(Line::default(), blank));
    lines.push(Line::from(Span::styled(fit(&total(s, d), w), t.heading)));
    lines.push(Line::from(Span::styled(fit(s.keys, w), t.status_key)));
    draw_lines(&lines, inner, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_share_the_cells_and_small_ones_stay_visible() {
        assert_eq!(split(&[1, 0, 37], 38, 19), vec![1, 0, 18]);
        assert_eq!(split(&[10, 10, 0], 20, 10), vec![5, 5, 0]);
        assert_eq!(split(&[0, 0, 0], 0, 10), vec![0, 0, 0]);
        let parts = split(&[1, 1, 1], 3, 2);
        assert!(parts.iter().sum::<usize>() <= 2);
    }

    #[test]
    fn one_value_bars_use_eighths() {
        assert_eq!(eighths_bar(4, 4, 3), "███");
        assert_eq!(eighths_bar(1, 2, 3), "█▌");
        assert_eq!(eighths_bar(0, 2, 3), "");
        assert_eq!(eighths_bar(1, 1000, 3), "▏");
    }
}
