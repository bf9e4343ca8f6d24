//! When the answer on screen changes (a query re-run, an answer arriving from the search
//! worker, a new index): keep the selection in range, select a wanted row, rebuild the filter
//! panel and load the detail of the selected record.

use super::app::{App, FacetRow, Want};
use crate::detail;
use crate::model::{Kind, SUBSECTORS};
use crate::search::Index;
use std::sync::Arc;

impl App {
    /// Swaps in a new index (the full one arrived from the background loader) and re-runs
    /// the query, keeping the selected record selected when it is still listed.
    pub fn set_index(&mut self, index: Arc<Index>, complete: bool) {
        let keep = self.selected_record().map(|r| (r.kind, r.rowid));
        self.results.set_index(index, complete);
        self.refresh();
        if let Some((kind, rowid)) = keep {
            self.list_mut().set_want(Some(Want::Record(kind, rowid)));
            self.apply_want();
        }
    }

    /// Re-runs the query for the current source and tab. A query error shows in the status
    /// bar and leaves the list as it was.
    pub fn refresh(&mut self) {
        let text = self.search().search_text();
        if let Err(e) = self.results.submit(&text) {
            self.status_mut().fail(e);
        }
        self.after_results();
    }

    /// Has `notify` called whenever a background search answer arrives (see
    /// [`super::results::Results::notify_with`]).
    pub fn notify_search_with(&mut self, notify: crate::search::Notify) {
        if self.results.notify_with(notify) {
            self.refresh();
        }
    }

    /// Takes the search answers that arrived; true when the screen needs drawing.
    pub fn poll_search(&mut self) -> bool {
        let changed = self.results.poll();
        if changed {
            self.after_results();
        }
        changed
    }

    /// Waits for the next search answer and takes it (benchmarks); false when none is due.
    pub fn wait_search(&mut self) -> bool {
        let changed = self.results.wait();
        if changed {
            self.after_results();
        }
        changed
    }

    /// Keeps the selection in range, rebuilds the filter panel and loads the detail after
    /// the shown answer changed.
    fn after_results(&mut self) {
        if !self.results.current() {
            // The old answer stays on screen until the new one arrives.
            return;
        }
        self.apply_want();
        let n = self.hits().len();
        self.list_mut().keep_in(n);
        self.fit_list();
        self.build_facet_rows();
        self.load_detail();
    }

    /// Selects the wanted row once it is listed; forgets it when the answer is complete.
    fn apply_want(&mut self) {
        let Some(want) = self.list().want() else {
            return;
        };
        if !self.results.current() {
            return;
        }
        let shown = self.results.shown();
        let found = match want {
            Want::Row(i) => (i < shown.hits.len()).then_some(i),
            Want::Record(kind, rowid) => shown.hits.iter().position(|h| {
                let r = shown.index.record(h.id);
                r.kind == kind && r.rowid == rowid
            }),
        };
        let len = shown.hits.len();
        let settled = found.is_some() || (shown.complete && !self.results.pending());
        let list = self.list_mut();
        if let Some(i) = found {
            list.scroll_mut().select(i, len);
        }
        if settled {
            list.set_want(None);
        }
    }

    /// Scrolls the list so its selection is visible.
    pub(crate) fn fit_list(&mut self) {
        let h = self.list_height();
        self.list_mut().scroll_mut().fit(h);
    }

    /// Loads the detail of the opened record, or of the selected row.
    pub(crate) fn load_detail(&mut self) {
        let key = match self.detail_mut().opened() {
            Some(k) => Some(k.clone()),
            None => self.selected_id().unwrap_or_else(|e| {
                self.status_mut().fail(e);
                None
            }),
        };
        let current = self.detail_mut().shown().map(|d| (d.kind, d.id.as_str()));
        if key.as_ref().map(|(k, i)| (*k, i.as_str())) == current {
            return;
        }
        let detail = match key {
            Some((kind, id)) => detail::load(self.store(), kind, &id).unwrap_or_else(|e| {
                self.status_mut().fail(e);
                None
            }),
            None => None,
        };
        self.detail_mut().show(detail);
    }

    fn build_facet_rows(&mut self) {
        let s = self.lang().strings();
        let shown = self.results.shown();
        let Some(facets) = shown.facets.as_deref() else {
            self.facets_mut().set_rows(Vec::new());
            return;
        };
        let filters = shown.query.filters();
        let mut rows = vec![FacetRow::Heading(s.kind_label)];
        for (i, kind) in Kind::ALL.iter().enumerate() {
            let count = facets.kinds[i] as usize;
            if count > 0 {
                rows.push(FacetRow::Kind {
                    kind: *kind,
                    count,
                    active: filters.kinds >> i & 1 == 1,
                });
            }
        }
        rows.push(FacetRow::Heading(s.province_label));
        let provinces = &shown.index.regions().provinces;
        for (i, count) in by_count(&facets.provinces) {
            let Some(p) = provinces.get(i) else { continue };
            rows.push(FacetRow::Province {
                code: p.code.clone(),
                name: p.name.clone(),
                count,
                active: filters.provinces.iter().any(|f| usize::from(*f) == i),
            });
        }
        let subs = by_count(&facets.subsectors);
        if !subs.is_empty() {
            rows.push(FacetRow::Heading(s.subsector_label));
        }
        for (i, count) in subs {
            rows.push(FacetRow::Subsector {
                slug: SUBSECTORS[i].0.to_string(),
                count,
                active: filters.subsectors >> i & 1 == 1,
            });
        }
        self.facets_mut().set_rows(rows);
    }
}

/// The non-zero counts with their positions, most first (ties in table order).
fn by_count(counts: &[u32]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = counts
        .iter()
        .enumerate()
        .map(|(i, n)| (i, *n as usize))
        .filter(|(_, n)| *n > 0)
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}
