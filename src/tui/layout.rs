//! Where each pane goes for a terminal size: one pure function used by drawing and by mouse
//! hit-testing, so the two always agree. Panes stack or hide on narrow terminals.

use super::app::Focus;
use ratatui::layout::{Constraint, Layout, Rect};

/// Below this width only one pane (the focused one) is shown.
pub const NARROW: u16 = 60;
/// From this width the filter panel fits beside list and detail.
pub const WIDE: u16 = 100;
/// Below this height the kind tabs are hidden.
pub const SHORT: u16 = 14;

/// The screen areas of one frame; `None` for hidden panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub search: Rect,
    pub tabs: Option<Rect>,
    pub list: Option<Rect>,
    pub detail: Option<Rect>,
    pub facets: Option<Rect>,
    pub status: Rect,
}

/// Lays out a frame of `area` for the current focus and whether filters are shown.
pub fn compute(area: Rect, focus: Focus, facets_open: bool) -> Areas {
    let tabs_h = u16::from(area.height >= SHORT);
    let [search, tabs, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(tabs_h),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let mut out = Areas {
        search,
        tabs: (tabs_h > 0).then_some(tabs),
        status,
        ..Areas::default()
    };
    if body.height < 3 || body.width < 4 {
        return out;
    }
    if area.width < NARROW {
        match focus {
            Focus::Detail => out.detail = Some(body),
            Focus::Facets if facets_open => out.facets = Some(body),
            _ => out.list = Some(body),
        }
    } else if area.width >= WIDE && facets_open {
        let [l, d, f] = Layout::horizontal([
            Constraint::Percentage(35),
            Constraint::Fill(1),
            Constraint::Length(30),
        ])
        .areas(body);
        (out.list, out.detail, out.facets) = (Some(l), Some(d), Some(f));
    } else {
        let [l, r] =
            Layout::horizontal([Constraint::Percentage(42), Constraint::Fill(1)]).areas(body);
        out.list = Some(l);
        if facets_open && focus != Focus::Detail {
            out.facets = Some(r);
        } else {
            out.detail = Some(r);
        }
    }
    out
}

/// The inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    Rect {
        x: r.x.saturating_add(1),
        y: r.y.saturating_add(1),
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

/// Whether the cell (x, y) lies in `r`.
pub fn contains(r: Rect, x: u16, y: u16) -> bool {
    x >= r.x && x < r.x.saturating_add(r.width) && y >= r.y && y < r.y.saturating_add(r.height)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overlaps(a: Rect, b: Rect) -> bool {
        a.intersects(b)
    }

    #[test]
    fn panes_never_overlap_at_any_size() {
        for w in 1..140 {
            for h in 1..50 {
                for focus in [Focus::Search, Focus::List, Focus::Detail, Focus::Facets] {
                    for facets in [false, true] {
                        let area = Rect::new(0, 0, w, h);
                        let a = compute(area, focus, facets);
                        let mut panes = vec![a.search, a.status];
                        panes.extend(a.tabs);
                        panes.extend(a.list);
                        panes.extend(a.detail);
                        panes.extend(a.facets);
                        for (i, p) in panes.iter().enumerate() {
                            assert!(area.contains(p.as_position()) || p.area() == 0);
                            for q in &panes[i + 1..] {
                                assert!(!overlaps(*p, *q) || p.area() == 0 || q.area() == 0);
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn narrow_terminals_show_one_pane() {
        let a = compute(Rect::new(0, 0, 40, 12), Focus::Search, false);
        assert!(a.list.is_some() && a.detail.is_none() && a.tabs.is_none());
        let a = compute(Rect::new(0, 0, 40, 12), Focus::Detail, false);
        assert!(a.list.is_none() && a.detail.is_some());
        let a = compute(Rect::new(0, 0, 80, 24), Focus::List, false);
        assert!(a.list.is_some() && a.detail.is_some() && a.tabs.is_some());
    }
}
