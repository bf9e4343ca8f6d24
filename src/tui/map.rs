//! The map pane and the nearby list: state and what their actions do.
//!
//! The map shows the current results' places ([`crate::places`]): markers are looked up once
//! per answer from the index rows (a per-city seat table, the spaces' own coordinates), never
//! from loaded records, and binned per frame by [`crate::geo::canvas::MapView`]. The nearby
//! list is a popup over a spatial index of every placed record, built on first use per index.

use super::app::{App, Popup};
use crate::geo::bins::Viewport;
use crate::geo::nearby::NearbyIndex;
use crate::model::Kind;
use crate::places::{Places, basis_text};
use crate::search::{Index, RecordId};
use ratatui::layout::Rect;
use std::cell::RefCell;
use std::sync::Arc;

/// The nearby radii `+` and `-` step through, in km.
pub const RADII: [f64; 8] = [5.0, 10.0, 25.0, 50.0, 100.0, 200.0, 500.0, 1000.0];
/// The radius a nearby list opens with.
pub const DEFAULT_KM: f64 = 50.0;
/// At most this many rows in a nearby list.
const NEARBY_MAX: usize = 500;

/// The markers of one answer, keyed by the answer's match list and index (pointer identity:
/// a new answer is a new `Arc`).
#[derive(Debug, Default)]
struct Markers {
    key: Option<(usize, usize)>,
    points: Vec<(f64, f64)>,
}

/// The map's state: shown or not, the viewport, the lookup tables, a drag in progress and the
/// markers of the answer shown (filled when drawn, so every answer path redraws them).
#[derive(Debug, Default)]
pub struct MapPane {
    open: bool,
    viewport: Viewport,
    places: Option<Arc<Places>>,
    /// The nearby index and the index it was built over (pointer identity).
    nearby: Option<(usize, Arc<NearbyIndex>)>,
    drag: Option<(u16, u16)>,
    markers: RefCell<Markers>,
}

impl MapPane {
    /// Whether the map is shown.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// What part of the map is shown.
    pub fn viewport(&self) -> &Viewport {
        &self.viewport
    }

    /// The lookup tables, once loaded.
    pub fn places(&self) -> Option<&Places> {
        self.places.as_deref()
    }

    /// Calls `f` with the markers of `matches` in `index`, computing them only when the answer
    /// changed since the last call.
    pub fn with_markers<T>(
        &self,
        index: &Arc<Index>,
        matches: &Arc<Vec<RecordId>>,
        f: impl FnOnce(&[(f64, f64)]) -> T,
    ) -> T {
        let mut m = self.markers.borrow_mut();
        let key = (Arc::as_ptr(matches) as usize, Arc::as_ptr(index) as usize);
        if m.key != Some(key) {
            let mut points = std::mem::take(&mut m.points);
            match &self.places {
                Some(p) => p.markers_into(index, matches, &mut points),
                None => points.clear(),
            }
            *m = Markers {
                key: Some(key),
                points,
            };
        }
        f(&m.points)
    }
}

/// One row of the nearby list.
#[derive(Debug, Clone, PartialEq)]
pub struct NearRow {
    pub kind: Kind,
    /// The list tag (`KOT`/`KAB` by a city's own kind, `SPC`, …).
    pub tag: &'static str,
    pub rowid: i64,
    pub name: String,
    pub km: f64,
    /// "seat of Kota Semarang", "own coordinate".
    pub basis: String,
}

/// The nearby popup: from which record, the radius, the rows and the selection.
#[derive(Debug, Clone, PartialEq)]
pub struct NearbyList {
    pub origin: RecordId,
    pub origin_name: String,
    /// The origin's own basis ("seat", "own coordinate", "seat of Kota X").
    pub origin_basis: String,
    pub km: f64,
    pub rows: Vec<NearRow>,
    pub selected: usize,
}

/// Where the map goes in a frame laid out as `a`: instead of the detail pane, else the filter
/// panel, else the list (narrow terminals show one pane). A record opened in the detail pane
/// (focus there) takes its pane back.
pub fn map_rect(a: &super::layout::Areas, focus: super::app::Focus) -> Option<Rect> {
    if focus == super::app::Focus::Detail {
        return None;
    }
    a.detail.or(a.facets).or(a.list)
}

impl App {
    /// The map pane.
    pub fn map(&self) -> &MapPane {
        &self.map_pane
    }

    /// Where the map is drawn in the current frame: instead of the detail pane, else the
    /// filter panel, else the list (narrow terminals show one pane).
    pub fn map_area(&self) -> Option<Rect> {
        if !self.map_pane.open {
            return None;
        }
        map_rect(&self.areas(), self.focus())
    }

    /// Loads the lookup tables if they are not loaded yet; false (with a message) on failure.
    fn ensure_places(&mut self) -> bool {
        if self.map_pane.places.is_some() {
            return true;
        }
        let index = Arc::clone(self.results.index());
        match Places::load(self.store(), index.regions()) {
            Ok(p) => {
                self.map_pane.places = Some(Arc::new(p));
                // Markers computed without tables are stale now.
                *self.map_pane.markers.borrow_mut() = Markers::default();
                true
            }
            Err(e) => {
                self.status_mut().fail(e);
                false
            }
        }
    }

    /// Handles the map and nearby actions; the caller passes only those.
    pub(crate) fn map_action(&mut self, action: super::action::Action) {
        use super::action::Action as A;
        if action == A::ToggleMap {
            let open = !self.map_pane.open;
            // The tables are read again on each opening, so edits show.
            self.map_pane.places = None;
            if !open || self.ensure_places() {
                self.map_pane.open = open;
            }
            return;
        }
        if action == A::Nearby {
            self.open_nearby(DEFAULT_KM);
            return;
        }
        if !self.map_pane.open {
            let key = super::keymap::label_for(A::ToggleMap, self.scope()).unwrap_or("m");
            self.notify(format!("{}: {key}", self.lang().geo().map_title));
            return;
        }
        let v = &mut self.map_pane.viewport;
        match action {
            A::MapZoomIn => v.zoom_in(),
            A::MapZoomOut => v.zoom_out(),
            A::MapPan { east, north } => v.pan(i32::from(east), i32::from(north)),
            A::MapReset => v.reset(),
            A::MapCentre => {
                let place = self
                    .selected_record()
                    .and_then(|r| self.map_pane.places.as_ref().and_then(|p| p.place(&r)));
                match place {
                    Some(p) => self.map_pane.viewport.centre_on(p.lat, p.lon),
                    None => self.notify(self.lang().geo().no_position),
                }
            }
            _ => {}
        }
    }

    /// A click, wheel or drag over the map: true when it was over the map (and handled).
    pub(crate) fn map_mouse(&mut self, action: super::action::Action) -> bool {
        use super::action::Action as A;
        let Some(area) = self.map_area() else {
            return false;
        };
        let inner = super::layout::inner(area);
        let (A::Click { x, y } | A::ScrollUp { x, y } | A::ScrollDown { x, y } | A::Drag { x, y }) =
            action
        else {
            return false;
        };
        if !super::layout::contains(inner, x, y) {
            if !matches!(action, A::Drag { .. }) {
                self.map_pane.drag = None;
            }
            return false;
        }
        let (col, row) = (x - inner.x, y - inner.y);
        let v = &mut self.map_pane.viewport;
        match action {
            A::Click { .. } => self.map_pane.drag = Some((x, y)),
            A::Drag { .. } => {
                if let Some((px, py)) = self.map_pane.drag {
                    let (dx, dy) = (i32::from(x) - i32::from(px), i32::from(y) - i32::from(py));
                    v.drag(dx, dy, inner.width, inner.height);
                }
                self.map_pane.drag = Some((x, y));
            }
            // The wheel zooms at the pointer: the point under it stays under it.
            A::ScrollUp { .. } | A::ScrollDown { .. } => {
                let (lat, lon) = v.cell_to_lat_lon(col, row, inner.width, inner.height);
                if matches!(action, A::ScrollUp { .. }) {
                    v.zoom_in();
                } else {
                    v.zoom_out();
                }
                let (lat2, lon2) = v.cell_to_lat_lon(col, row, inner.width, inner.height);
                let (clat, clon) = v.centre();
                v.centre_on(clat + lat - lat2, clon + lon - lon2);
            }
            _ => {}
        }
        true
    }

    /// Opens the nearby list of the selected record with a radius of `km`.
    fn open_nearby(&mut self, km: f64) {
        let Some(origin) = self.selected_record().map(|r| r.id) else {
            self.notify(self.lang().edit().select_first);
            return;
        };
        if !self.ensure_places() {
            return;
        }
        match self.nearby_list(origin, km) {
            Some(list) => *self.popup_mut() = Some(Popup::Nearby(list)),
            None => self.notify(self.lang().geo().no_position),
        }
    }

    /// The nearby list of record `origin` of the shown answer's index.
    fn nearby_list(&mut self, origin: RecordId, km: f64) -> Option<NearbyList> {
        let index = Arc::clone(&self.results.shown().index);
        let places = Arc::clone(self.map_pane.places.as_ref()?);
        let key = Arc::as_ptr(&index) as usize;
        let nearby = match &self.map_pane.nearby {
            Some((k, n)) if *k == key => Arc::clone(n),
            _ => {
                let n = Arc::new(places.nearby_index(&index));
                self.map_pane.nearby = Some((key, Arc::clone(&n)));
                n
            }
        };
        let list = places.near(&index, &nearby, origin, km, None, NEARBY_MAX)?;
        let lang = self.lang();
        let regions = index.regions();
        let from = index.record(origin);
        let rows = list
            .iter()
            .map(|n| {
                let rec = index.record(n.id);
                let tag = match (rec.kind, rec.city) {
                    (Kind::City, Some(c)) => crate::i18n::city_tag(
                        regions
                            .cities
                            .get(usize::from(c))
                            .is_some_and(|info| info.kota),
                    ),
                    (kind, _) => crate::i18n::kind_tag(lang, kind),
                };
                NearRow {
                    kind: rec.kind,
                    tag,
                    rowid: rec.rowid,
                    name: rec.name.to_string(),
                    km: n.km,
                    basis: basis_text(lang, regions, rec.kind, n.basis),
                }
            })
            .collect();
        Some(NearbyList {
            origin,
            origin_name: from.name.to_string(),
            origin_basis: places
                .place(&from)
                .map(|p| basis_text(lang, regions, from.kind, p.basis))
                .unwrap_or_default(),
            km,
            rows,
            selected: 0,
        })
    }

    /// An action while the nearby list is open: move, change the radius, open a row.
    pub(crate) fn update_nearby(&mut self, action: super::action::Action) {
        use super::action::Action as A;
        let Some(Popup::Nearby(list)) = self.popup_mut().as_mut() else {
            return;
        };
        let step = |km: f64, up: bool| {
            if up {
                RADII.iter().copied().find(|&r| r > km).unwrap_or(km)
            } else {
                RADII.iter().rev().copied().find(|&r| r < km).unwrap_or(km)
            }
        };
        let len = list.rows.len();
        match action {
            A::Up | A::ScrollUp { .. } => list.selected = list.selected.saturating_sub(1),
            A::Down | A::ScrollDown { .. } => {
                list.selected = (list.selected + 1).min(len.saturating_sub(1));
            }
            A::PageUp => list.selected = list.selected.saturating_sub(10),
            A::PageDown => list.selected = (list.selected + 10).min(len.saturating_sub(1)),
            A::RadiusUp | A::RadiusDown => {
                let (origin, km) = (list.origin, step(list.km, action == A::RadiusUp));
                if let Some(new) = self.nearby_list(origin, km) {
                    *self.popup_mut() = Some(Popup::Nearby(new));
                }
            }
            A::Open => {
                let Some(row) = list.rows.get(list.selected).cloned() else {
                    return;
                };
                *self.popup_mut() = None;
                match self.store().id_by_rowid(row.kind, row.rowid) {
                    Ok(Some(id)) => {
                        let here = self.location();
                        self.history_mut().push(here);
                        self.open_record(row.kind, id);
                    }
                    Ok(None) => {}
                    Err(e) => self.status_mut().fail(e),
                }
            }
            A::Escape | A::Nearby => *self.popup_mut() = None,
            _ => {}
        }
    }
}
