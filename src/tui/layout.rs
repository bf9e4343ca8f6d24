//! Where each pane goes for a terminal size ([`compute`]), and what a screen cell is over
//! ([`hit`]): pure functions used by drawing and by mouse handling, so the two always agree.
//! Panes stack or hide on narrow terminals.

use super::panes::Focus;
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

/// What a screen cell is over, for mouse clicks and the wheel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The search line.
    Search,
    /// The kind tabs: the tab under the cell, `None` on a separator or past the last tab.
    Tab(Option<usize>),
    /// The list pane, and the line inside its border (from the top; `None` on the border).
    List(Option<usize>),
    /// The detail pane, and the line inside its border.
    Detail(Option<usize>),
    /// The filter panel, and the line inside its border.
    Facets(Option<usize>),
}

/// What cell (x, y) is over in the frame `a`, given the drawn width of each kind tab (tabs
/// are drawn one after another with a one-column separator between).
pub fn hit(a: &Areas, tab_widths: &[usize], x: u16, y: u16) -> Option<Target> {
    let line = |r: Rect| {
        let i = inner(r);
        (y >= i.y && y < i.y + i.height).then(|| usize::from(y - i.y))
    };
    let over = |r: &Option<Rect>| r.filter(|r| contains(*r, x, y));
    if contains(a.search, x, y) {
        Some(Target::Search)
    } else if let Some(r) = over(&a.list) {
        Some(Target::List(line(r)))
    } else if let Some(r) = over(&a.tabs) {
        Some(Target::Tab(tab_at(tab_widths, x - r.x)))
    } else if let Some(r) = over(&a.detail) {
        Some(Target::Detail(line(r)))
    } else {
        over(&a.facets).map(|r| Target::Facets(line(r)))
    }
}

/// The tab drawn at column `dx` of the tab row; `None` on a separator.
fn tab_at(widths: &[usize], dx: u16) -> Option<usize> {
    let dx = usize::from(dx);
    let mut x = 0usize;
    for (i, w) in widths.iter().enumerate() {
        if i > 0 {
            x += 1;
        }
        if dx >= x && dx < x + w {
            return Some(i);
        }
        x += w;
    }
    None
}

/// A box of at most `w`×`h` centred in `area` (popups, the form's picker and questions).
pub fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
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
    fn hits_name_the_pane_line_and_tab() {
        let a = compute(Rect::new(0, 0, 80, 24), Focus::List, false);
        let tabs = [5, 8];
        assert_eq!(hit(&a, &tabs, 3, 0), Some(Target::Search));
        assert_eq!(hit(&a, &tabs, 2, 1), Some(Target::Tab(Some(0))));
        assert_eq!(hit(&a, &tabs, 5, 1), Some(Target::Tab(None)));
        assert_eq!(hit(&a, &tabs, 8, 1), Some(Target::Tab(Some(1))));
        assert_eq!(hit(&a, &tabs, 5, 2), Some(Target::List(None)));
        assert_eq!(hit(&a, &tabs, 5, 4), Some(Target::List(Some(1))));
        assert_eq!(hit(&a, &tabs, 50, 3), Some(Target::Detail(Some(0))));
        assert_eq!(hit(&a, &tabs, 5, 23), None);
    }

    #[test]
    fn centred_boxes_fit_the_area() {
        assert_eq!(
            centred(Rect::new(0, 0, 80, 24), 60, 10),
            Rect::new(10, 7, 60, 10)
        );
        assert_eq!(
            centred(Rect::new(2, 2, 10, 4), 60, 10),
            Rect::new(2, 2, 10, 4)
        );
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
