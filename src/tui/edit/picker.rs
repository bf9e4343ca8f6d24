//! The fuzzy picker for a form's city and related-record fields: a query line over the same
//! search engine as the app ([`crate::search`]), limited to the kinds the field accepts.

use super::form::Pick;
use crate::model::Kind;
use crate::search::{Index, Query, SearchOptions, Searcher};
use crate::store::Store;
use std::sync::Arc;
use tui_input::{Input, InputRequest};

/// Most rows a picker lists.
pub const MAX_ROWS: usize = 50;

/// One candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickRow {
    pub kind: Kind,
    /// UUID, or Kemendagri code for a city.
    pub id: String,
    pub name: String,
    /// The province of a city, the city of a record.
    pub note: Option<String>,
}

/// The open picker.
#[derive(Debug, Clone)]
pub struct Picker {
    /// The form field it fills.
    pub field: usize,
    pub pick: Pick,
    pub input: Input,
    /// The first row is "(none)", which clears the field; then the matches.
    pub rows: Vec<PickRow>,
    pub selected: usize,
}

impl Picker {
    /// A picker for form field `field`, searching `index` for what `pick` accepts.
    pub fn new(field: usize, pick: Pick, start: &str, index: &Arc<Index>, store: &Store) -> Picker {
        let mut p = Picker {
            field,
            pick,
            input: Input::new(start.to_string()),
            rows: Vec::new(),
            selected: 0,
        };
        p.refresh(index, store);
        p
    }

    /// Edits the query line; re-runs the search when it changed.
    pub fn edit(&mut self, req: InputRequest, index: &Arc<Index>, store: &Store) {
        if self.input.handle(req).is_some_and(|c| c.value) {
            self.refresh(index, store);
        }
    }

    /// Moves the selection by `delta` rows (the "(none)" row is row 0).
    pub fn move_by(&mut self, delta: isize) {
        self.selected = self
            .selected
            .saturating_add_signed(delta)
            .min(self.rows.len());
    }

    /// The chosen row: `Some(None)` for "(none)", `None` when nothing is listed there.
    pub fn chosen(&self) -> Option<Option<&PickRow>> {
        if self.selected == 0 {
            Some(None)
        } else {
            self.rows.get(self.selected - 1).map(Some)
        }
    }

    fn query_text(&self) -> String {
        let kinds: Vec<&str> = match self.pick {
            Pick::City => vec![Kind::City.as_str()],
            Pick::Records(kinds) => kinds.iter().map(|k| k.as_str()).collect(),
        };
        // Typed colons would read as filters; the picker's own filter is the kind.
        let text = self.input.value().replace(':', " ");
        format!("kind:{} {text}", kinds.join(","))
    }

    fn refresh(&mut self, index: &Arc<Index>, store: &Store) {
        self.rows.clear();
        self.selected = usize::from(!self.input.value().trim().is_empty());
        let Ok(query) = Query::parse(&self.query_text(), index.aliases()) else {
            return;
        };
        let options = SearchOptions {
            threads: 1,
            top_k: MAX_ROWS,
            ..SearchOptions::default()
        };
        let results = Searcher::new(Arc::clone(index), options).search(&Arc::new(query));
        let regions = index.regions();
        for hit in results.hits.iter().take(MAX_ROWS) {
            let rec = index.record(hit.id);
            let Ok(Some(id)) = store.id_by_rowid(rec.kind, rec.rowid) else {
                continue;
            };
            let note = if rec.kind == Kind::City {
                rec.province
                    .and_then(|p| regions.provinces.get(usize::from(p)))
                    .map(|p| p.name.clone())
            } else {
                rec.city
                    .and_then(|c| regions.cities.get(usize::from(c)))
                    .map(|c| c.name.clone())
            };
            self.rows.push(PickRow {
                kind: rec.kind,
                id,
                name: rec.name.to_string(),
                note,
            });
        }
        self.selected = self.selected.min(self.rows.len());
    }
}
