//! The app's seam over [`crate::search`]: it submits the query line to the engine (on a
//! background [`SearchWorker`], or a synchronous [`Searcher`] in tests), keeps the answer on
//! screen (the early first page, then the complete results with their [`Facets`]), and
//! computes highlights for the rows drawn. Ranking is the engine's, as in `jejaring search`.

use crate::model::{Kind, subsector_name};
use crate::search::{
    Facets, Highlighter, Hit, Index, Notify, Query, QueryError, Record, RecordId, SearchOptions,
    SearchResults, SearchWorker, Searcher,
};
use std::sync::Arc;

/// Records in the index built for the first frame; the full index loads in the background.
pub const FIRST_INDEX: usize = 1_000;

/// Up to this many records a search takes well under a millisecond, so it runs on the UI
/// thread and the answer is drawn in the same frame (the first frame, small directories).
pub const SYNC_MAX: usize = 20_000;

/// How the engine answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// On the calling thread, before [`Results::submit`] returns (tests, benchmarks of ranking).
    Sync,
    /// On a background thread, answers arriving through [`Results::poll`]; indexes of at
    /// most [`SYNC_MAX`] records are searched on the calling thread all the same.
    Background,
}

enum Engine {
    Sync(Searcher),
    Worker(SearchWorker),
}

impl Engine {
    fn new(index: Arc<Index>, mode: Mode, notify: Option<&Notify>) -> Engine {
        match mode {
            Mode::Background if index.len() > SYNC_MAX => Engine::Worker(match notify {
                Some(n) => {
                    SearchWorker::spawn_for_screen(index, SearchOptions::default(), n.clone())
                }
                None => SearchWorker::spawn(index, SearchOptions::default()),
            }),
            Mode::Sync | Mode::Background => Engine::Sync(Searcher::new(
                index,
                SearchOptions {
                    threads: 1,
                    ..SearchOptions::default()
                },
            )),
        }
    }
}

/// The answer on screen. It keeps the index it was ranked in, so rows stay valid while a
/// bigger index is swapped in and the query re-runs.
#[derive(Debug, Clone)]
pub struct Shown {
    pub index: Arc<Index>,
    pub query: Arc<Query>,
    /// Ranked hits (the first page, or up to the engine's top k).
    pub hits: Vec<Hit>,
    /// How many records match in all.
    pub total: usize,
    /// Every match (all of them once `complete`), for export.
    pub matches: Arc<Vec<RecordId>>,
    /// False while only the early first page is in.
    pub complete: bool,
    /// The hits start the complete ranking and the total and facets are final (see
    /// [`SearchResults::exact_page`]): what the screen shows will not change.
    pub exact_page: bool,
    /// Counts of the last complete answer.
    pub facets: Option<Arc<Facets>>,
}

/// The search state of the app: engine, index and the answer shown.
pub struct Results {
    index: Arc<Index>,
    index_complete: bool,
    mode: Mode,
    engine: Engine,
    highlighter: Highlighter,
    /// Called when a background answer arrives ([`Results::notify_with`]).
    notify: Option<Notify>,
    shown: Shown,
    /// An answer (first page or complete) is still to come.
    pending: bool,
    /// Queries submitted, and the one the shown answer is for.
    submitted: u64,
    answered: u64,
    /// The worker's number of the shown answer ([`crate::search::SearchEvent::seq`]).
    shown_seq: u64,
}

impl Results {
    /// Search over `index`; `complete` is false while a fuller index is still loading.
    pub fn new(index: Arc<Index>, complete: bool, mode: Mode) -> Results {
        Results {
            engine: Engine::new(Arc::clone(&index), mode, None),
            shown: Shown {
                index: Arc::clone(&index),
                query: Arc::new(Query::default()),
                hits: Vec::new(),
                total: 0,
                matches: Arc::new(Vec::new()),
                complete: false,
                exact_page: false,
                facets: None,
            },
            index,
            index_complete: complete,
            mode,
            highlighter: Highlighter::default(),
            notify: None,
            pending: false,
            submitted: 0,
            answered: 0,
            shown_seq: 0,
        }
    }

    /// Has `notify` called, on the search thread, whenever a background answer arrives, so
    /// an event loop can sleep until then and [`Results::poll`]; the loop then calls
    /// [`Results::drawn`] after each frame. True when a search thread was running: it is
    /// restarted, and the caller submits the query again.
    pub fn notify_with(&mut self, notify: Notify) -> bool {
        self.notify = Some(notify);
        let restart = matches!(self.engine, Engine::Worker(_));
        if restart {
            self.engine = Engine::new(Arc::clone(&self.index), self.mode, self.notify.as_ref());
            self.pending = false;
            self.shown_seq = 0;
        }
        restart
    }

    /// Swaps in a new index (the full one arrived); the caller submits the query again.
    pub fn set_index(&mut self, index: Arc<Index>, complete: bool) {
        self.engine = Engine::new(Arc::clone(&index), self.mode, self.notify.as_ref());
        // A new search thread numbers its answers from 1 again.
        self.shown_seq = 0;
        self.index = index;
        self.index_complete = complete;
        self.pending = false;
    }

    /// The index searched now.
    pub fn index(&self) -> &Arc<Index> {
        &self.index
    }

    /// False while only the first-frame index is loaded.
    pub fn index_complete(&self) -> bool {
        self.index_complete
    }

    /// The answer on screen.
    pub fn shown(&self) -> &Shown {
        &self.shown
    }

    /// Whether an answer to the last query is still to come.
    pub fn pending(&self) -> bool {
        self.pending
    }

    /// Whether the shown answer is for the last query submitted (it may be a first page).
    pub fn current(&self) -> bool {
        self.answered == self.submitted
    }

    /// Parses and submits `text`. In [`Mode::Sync`] the answer is shown on return. A parse
    /// error leaves the shown answer as it is.
    pub fn submit(&mut self, text: &str) -> Result<(), QueryError> {
        let query = Query::parse(text, self.index.aliases())?;
        self.submitted += 1;
        match &mut self.engine {
            Engine::Sync(searcher) => {
                let answer = searcher.search(&Arc::new(query));
                self.show(answer);
            }
            Engine::Worker(worker) => {
                worker.submit_query(query);
                self.pending = true;
            }
        }
        Ok(())
    }

    /// Takes the answers that arrived, without waiting. True when the shown answer changed.
    pub fn poll(&mut self) -> bool {
        let mut changed = false;
        while let Engine::Worker(w) = &self.engine
            && let Some(ev) = w.try_recv()
        {
            self.shown_seq = ev.seq;
            self.show(ev.results);
            changed = true;
        }
        changed
    }

    /// Tells the search worker the shown answer is on screen (see [`Results::notify_with`]):
    /// it waits for that before it goes on with work the screen does not show.
    pub fn drawn(&self) {
        if let Engine::Worker(w) = &self.engine {
            w.drawn(self.shown_seq);
        }
    }

    /// Waits for the next answer to the last query (benchmarks; the app polls). False when
    /// nothing is pending.
    pub fn wait(&mut self) -> bool {
        if !self.pending {
            return false;
        }
        let Engine::Worker(w) = &self.engine else {
            return false;
        };
        if let Some(ev) = w.recv() {
            self.shown_seq = ev.seq;
            self.show(ev.results);
            true
        } else {
            self.pending = false;
            false
        }
    }

    fn show(&mut self, r: SearchResults) {
        self.pending = !r.complete;
        self.answered = self.submitted;
        let facets = r.facets.or_else(|| self.shown.facets.take());
        self.shown = Shown {
            index: Arc::clone(&self.index),
            query: r.query,
            total: r.matches.len(),
            matches: r.matches,
            hits: r.hits,
            complete: r.complete,
            exact_page: r.exact_page,
            facets,
        };
    }

    /// Record `i` of the shown list.
    pub fn row(&self, i: usize) -> Option<Record<'_>> {
        self.shown
            .hits
            .get(i)
            .map(|h| self.shown.index.record(h.id))
    }

    /// Char positions of the matched letters in record `id`'s name (call for drawn rows only).
    pub fn positions(&self, id: RecordId) -> Vec<usize> {
        self.highlighter
            .positions(&self.shown.index, &self.shown.query, id)
    }

    /// A short note beside a record: its city, or a city's province.
    pub fn note(&self, rec: &Record<'_>) -> Option<&str> {
        let regions = self.shown.index.regions();
        if rec.kind == Kind::City {
            rec.province
                .and_then(|p| regions.provinces.get(usize::from(p)))
                .map(|p| p.name.as_str())
        } else if rec.kind == Kind::Province {
            None
        } else {
            rec.city
                .and_then(|c| regions.cities.get(usize::from(c)))
                .map(|c| c.name.as_str())
        }
    }

    /// The name of the province with `code`, if known.
    pub fn province_name(&self, code: &str) -> Option<&str> {
        self.index
            .regions()
            .provinces
            .iter()
            .find(|p| p.code == code)
            .map(|p| p.name.as_str())
    }
}

/// The official name of a subsector slug, or the tag itself.
pub fn subsector_label(slug: &str) -> &str {
    subsector_name(slug).unwrap_or(slug)
}
