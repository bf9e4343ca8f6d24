//! The map pane (coast, the results' markers, the selected record) and the nearby list's lines.

use super::pane;
use crate::geo::canvas::{MapView, short_count};
use crate::tui::app::{App, Focus};
use crate::tui::map::NearbyList;
use crate::tui::sanitize::{fit, width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

/// Draws the map in `r`: markers of the answer shown, the selected record highlighted.
pub fn render(app: &App, r: Rect, buf: &mut Buffer) {
    Clear.render(r, buf);
    buf.set_style(r, app.theme().base);
    let map = app.map();
    let shown = app.results.shown();
    let selected = app
        .selected_record()
        .and_then(|rec| map.places().and_then(|p| p.place(&rec)))
        .map(|p| (p.lat, p.lon));
    map.with_markers(&shown.index, &shown.matches, |markers| {
        let g = app.lang().geo();
        let zoom = map.viewport().zoom();
        let title = format!(
            " {} · {} {} · x{zoom} ",
            g.map_title,
            short_count(u32::try_from(markers.len()).unwrap_or(u32::MAX)),
            g.on_map,
        );
        let inner_w = usize::from(r.width.saturating_sub(4));
        let title = if width(&title) > inner_w {
            format!(" {} ", g.map_title)
        } else {
            title
        };
        // The map never has the keyboard: its border follows the detail pane's focus look.
        let block = pane(app, Line::from(title), Focus::Detail);
        let mut view = MapView::new(map.viewport(), markers);
        view.selected = selected;
        view.style = app.theme().map;
        view.block = Some(block);
        (&view).render(r, buf);
    });
}

/// The lines of the nearby popup `inner_w` wide: a header (origin, radius), then one row per
/// record with its distance, name, kind and basis.
pub fn nearby_lines(
    app: &App,
    list: &NearbyList,
    inner_w: usize,
    rows: usize,
) -> Vec<Line<'static>> {
    let t = app.theme();
    let g = app.lang().geo();
    let mut out = vec![
        Line::from(Span::styled(
            fit(
                &format!(
                    "{} · {} km · {}",
                    list.origin_name, list.km, list.origin_basis
                ),
                inner_w,
            ),
            t.heading,
        )),
        Line::from(Span::styled(fit(g.nearby_keys, inner_w), t.note)),
    ];
    if list.rows.is_empty() {
        out.push(Line::from(Span::styled(g.nearby_none, t.note)));
        return out;
    }
    // Keep the selected row in view below the two header lines.
    let visible = rows.saturating_sub(2).max(1);
    let first = list.selected.saturating_sub(visible - 1);
    for (i, row) in list.rows.iter().enumerate().skip(first).take(visible) {
        let style = if i == list.selected {
            t.selected
        } else {
            t.base
        };
        let dist = format!("{:>6.1} km ", row.km);
        let tag = format!(" {}", row.tag);
        let rest = inner_w.saturating_sub(width(&dist) + width(&tag));
        let name_w = rest.min(width(&row.name).max(rest / 2));
        let basis = format!(" · {}", row.basis);
        let basis_w = rest.saturating_sub(name_w);
        out.push(
            Line::from(vec![
                Span::styled(dist, if i == list.selected { style } else { t.count }),
                Span::styled(fit(&row.name, name_w), style),
                Span::styled(
                    tag,
                    if i == list.selected {
                        style
                    } else {
                        t.kind_tag
                    },
                ),
                Span::styled(
                    fit(&basis, basis_w),
                    if i == list.selected { style } else { t.note },
                ),
            ])
            .style(style),
        );
    }
    out
}
