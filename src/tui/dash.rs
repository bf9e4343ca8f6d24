//! The coverage dashboard: bar charts of what the directory covers (ICCN membership per
//! province with unknown kept apart from "no", KaTa Kreatif, UNESCO, communities per
//! subsector, stale records per province). The figures are [`Store::stats`]'s, the same
//! `jejaring stats` prints; Enter on a bar opens that slice as a search.

use super::app::{App, Popup};
use crate::i18n::Lang;
use crate::search::Regions;
use crate::store::{Stats, Store};

/// The charts, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chart {
    Iccn,
    Kata,
    Unesco,
    Subsectors,
    Stale,
}

/// Every chart, in tab order.
pub const CHARTS: [Chart; 5] = [
    Chart::Iccn,
    Chart::Kata,
    Chart::Unesco,
    Chart::Subsectors,
    Chart::Stale,
];

impl Chart {
    /// The tab's title.
    pub fn title(self, lang: Lang) -> &'static str {
        let s = lang.dash();
        match self {
            Chart::Iccn => s.tab_iccn,
            Chart::Kata => s.tab_kata,
            Chart::Unesco => s.tab_unesco,
            Chart::Subsectors => s.tab_sub,
            Chart::Stale => s.tab_stale,
        }
    }
}

/// One bar: what it is, its segments and the search that lists its records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// The full label (a province's or subsector's name).
    pub label: String,
    /// A short label for narrow screens (a province's abbreviation, a subsector's slug).
    pub short: String,
    /// The counted values: ICCN has three (yes, no, unknown), the other charts one.
    pub segments: Vec<i64>,
    /// What the bar is out of (kab/kota of the province), when that means something.
    pub of: Option<i64>,
    /// The search Enter opens.
    pub query: String,
}

impl Bar {
    /// The sum of the segments.
    pub fn sum(&self) -> i64 {
        self.segments.iter().sum()
    }
}

/// The dashboard's state: the figures, the bars of each chart, the chart shown and the
/// selected bar of each chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    pub stats: Stats,
    /// The `YYYY-MM-DD` before which a record counts as stale.
    pub cutoff: String,
    pub bars: [Vec<Bar>; CHARTS.len()],
    /// Index into [`CHARTS`].
    pub chart: usize,
    pub selected: [usize; CHARTS.len()],
}

/// A province's bar as a chart sees it: the segments, what they are out of, the filter.
type Slice = (Vec<i64>, Option<i64>, String);

/// How a province is written in a `prov:` filter and as a short label: its name when that is
/// one word (`bali`), else its first one-word abbreviation (`jateng`), else its code.
fn province_token(regions: &Regions, code: &str) -> String {
    let one_word = |a: &&String| !a.is_empty() && a.chars().all(|c| c.is_ascii_alphanumeric());
    regions
        .provinces
        .iter()
        .find(|p| p.code == code)
        .and_then(|p| std::iter::once(&p.name).chain(&p.aliases).find(one_word))
        .map_or_else(|| code.to_string(), |a| a.to_lowercase())
}

impl Dashboard {
    /// The dashboard over `stats` (counted with `cutoff`); `regions` give the provinces'
    /// abbreviations for the searches.
    pub fn new(stats: Stats, cutoff: String, regions: &Regions) -> Dashboard {
        let per_province = |f: &dyn Fn(&crate::store::ProvinceStats) -> Slice| {
            stats
                .provinces
                .iter()
                .map(|p| {
                    let token = province_token(regions, &p.code);
                    let (segments, of, filter) = f(p);
                    Bar {
                        label: p.name.clone(),
                        short: token.clone(),
                        segments,
                        of,
                        query: format!("prov:{token} {filter}"),
                    }
                })
                .collect::<Vec<_>>()
        };
        let cities = |p: &crate::store::ProvinceStats| Some(p.kabupaten + p.kota);
        let iccn = per_province(&|p| {
            (
                vec![p.iccn_members, p.iccn_non_members, p.iccn_unknown],
                cities(p),
                "kind:city iccn:yes".into(),
            )
        });
        let kata = per_province(&|p| (vec![p.kata], cities(p), "kind:city kata:yes".into()));
        let unesco = per_province(&|p| (vec![p.unesco], None, "kind:city".into()));
        let stale = per_province(&|p| (vec![p.stale], None, "stale:yes".into()));
        let subsectors = stats
            .subsectors
            .iter()
            .map(|(slug, n)| Bar {
                label: super::results::subsector_label(slug).to_string(),
                short: (*slug).to_string(),
                segments: vec![*n],
                of: None,
                query: format!("kind:community sub:{slug}"),
            })
            .collect();
        Dashboard {
            stats,
            cutoff,
            bars: [iccn, kata, unesco, subsectors, stale],
            chart: 0,
            selected: [0; CHARTS.len()],
        }
    }

    /// The chart shown.
    pub fn chart(&self) -> Chart {
        CHARTS[self.chart]
    }

    /// The bars of the chart shown.
    pub fn shown(&self) -> &[Bar] {
        &self.bars[self.chart]
    }

    /// The selected bar of the chart shown.
    pub fn selected(&self) -> usize {
        self.selected[self.chart]
    }

    /// Moves the selection by `delta` bars (saturating).
    pub fn move_by(&mut self, delta: isize) {
        let len = self.shown().len();
        let s = &mut self.selected[self.chart];
        *s = s.saturating_add_signed(delta).min(len.saturating_sub(1));
    }

    /// Shows the next (or previous) chart.
    pub fn cycle(&mut self, forward: bool) {
        let n = CHARTS.len();
        self.chart = if forward {
            (self.chart + 1) % n
        } else {
            (self.chart + n - 1) % n
        };
    }
}

/// Loads the figures from `store` for a dashboard.
pub fn load(store: &Store, regions: &Regions) -> crate::store::Result<Dashboard> {
    let cutoff = crate::index_load::stale_cutoff();
    let stats = store.stats(&cutoff)?;
    Ok(Dashboard::new(stats, cutoff, regions))
}

impl App {
    /// Opens the dashboard with fresh figures.
    pub(crate) fn open_dashboard(&mut self) {
        let index = std::sync::Arc::clone(self.results.index());
        match load(self.store(), index.regions()) {
            Ok(d) => *self.popup_mut() = Some(Popup::Dashboard(Box::new(d))),
            Err(e) => self.status_mut().fail(e),
        }
    }

    /// An action while the dashboard is open: move, change chart, open a bar's search, close.
    pub(crate) fn update_dashboard(&mut self, action: super::action::Action) {
        use super::action::Action as A;
        let Some(Popup::Dashboard(d)) = self.popup_mut().as_mut() else {
            return;
        };
        match action {
            A::Up | A::ScrollUp { .. } => d.move_by(-1),
            A::Down | A::ScrollDown { .. } => d.move_by(1),
            A::PageUp => d.move_by(-10),
            A::PageDown => d.move_by(10),
            A::Top => d.move_by(isize::MIN / 2),
            A::Bottom => d.move_by(isize::MAX / 2),
            A::FocusNext | A::NextTab => d.cycle(true),
            A::FocusPrev | A::PrevTab => d.cycle(false),
            A::Open => {
                let Some(bar) = d.shown().get(d.selected()) else {
                    return;
                };
                let (query, unesco) = (bar.query.clone(), d.chart() == Chart::Unesco);
                *self.popup_mut() = None;
                let here = self.location();
                self.history_mut().push(here);
                self.set_query(query);
                self.search_mut().set_tab(0);
                self.query_changed();
                self.set_focus(super::app::Focus::List);
                if unesco {
                    self.notify(self.lang().dash().unesco_no_filter);
                }
            }
            A::Escape | A::Dashboard => *self.popup_mut() = None,
            _ => {}
        }
    }
}
