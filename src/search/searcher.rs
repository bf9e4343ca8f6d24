//! A search session: answers each query of a typing session, re-checking only the previous
//! matches when the query grows, and keeping a stack of earlier results for backspace.

use super::engine::{self, Cancel, Candidates, Scan};
use super::facets::Facets;
use super::fold;
use super::index::{Index, RecordId};
use super::letters::LETTER_TOP;
use super::query::Query;
use super::rank::{Hit, Prepared};
use super::scorer::{Scorer, SkimScorer};
use std::sync::Arc;

/// Sizes of the answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchOptions {
    /// How many ranked hits a complete answer carries.
    pub top_k: usize,
    /// How many ranked hits the early first page carries.
    pub first_page: usize,
    /// A search over more candidates than this first answers from this many of them.
    pub first_scan: usize,
    /// Threads to split a search across, each with its own scorer.
    pub threads: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            top_k: 500,
            first_page: 50,
            first_scan: 40_000,
            threads: 2,
        }
    }
}

/// The answer to one query.
#[derive(Debug, Clone)]
pub struct SearchResults {
    pub query: Arc<Query>,
    /// False for an early first page (ranked from part of the candidates).
    pub complete: bool,
    /// The best matches, ranked: up to `top_k` (`first_page` for a first page).
    pub hits: Vec<Hit>,
    /// Every match found (all of them when complete), in index order.
    pub matches: Arc<Vec<RecordId>>,
    /// Counts over `matches`; only on a complete answer.
    pub facets: Option<Arc<Facets>>,
}

impl SearchResults {
    /// Number of matches found.
    pub fn total(&self) -> usize {
        self.matches.len()
    }
}

/// One answered query kept for narrowing and backspace.
struct Level {
    query: Arc<Query>,
    matches: Arc<Vec<RecordId>>,
    hits: Vec<Hit>,
    facets: Arc<Facets>,
}

/// Deepest stack kept (a long query typed letter by letter).
const MAX_LEVELS: usize = 64;

/// A search session over one index. Not shared: the UI's worker thread owns one.
pub struct Searcher {
    index: Arc<Index>,
    scorers: Vec<Box<dyn Scorer>>,
    options: SearchOptions,
    stack: Vec<Level>,
}

impl Searcher {
    /// A session scoring with fuzzy-matcher on `options.threads` threads.
    pub fn new(index: Arc<Index>, options: SearchOptions) -> Self {
        let scorers = (0..options.threads.max(1))
            .map(|_| Box::new(SkimScorer::default()) as Box<dyn Scorer>)
            .collect();
        Self::with_scorers(index, options, scorers)
    }

    /// A session with the given scorers, one per thread (at least one).
    pub fn with_scorers(
        index: Arc<Index>,
        options: SearchOptions,
        mut scorers: Vec<Box<dyn Scorer>>,
    ) -> Self {
        if scorers.is_empty() {
            scorers.push(Box::new(SkimScorer::default()));
        }
        Searcher {
            index,
            scorers,
            options,
            stack: Vec::new(),
        }
    }

    /// The index searched.
    pub fn index(&self) -> &Arc<Index> {
        &self.index
    }

    /// Forgets earlier answers, so the next search starts from every record.
    pub fn clear(&mut self) {
        self.stack.clear();
    }

    /// Answers `query` completely, on the calling thread (and its helpers).
    pub fn search(&mut self, query: &Arc<Query>) -> SearchResults {
        self.search_with(query, &|| false, &mut |_| {})
            .unwrap_or_else(unreachable_results)
    }

    /// Answers `query`, handing an early first page to `first_page` when the search is big.
    /// Returns `None` when `cancel` said to stop.
    pub fn search_with(
        &mut self,
        query: &Arc<Query>,
        cancel: Cancel<'_>,
        first_page: &mut dyn FnMut(SearchResults),
    ) -> Option<SearchResults> {
        while let Some(top) = self.stack.last() {
            if top.query == *query {
                return Some(top.results(true));
            }
            if query.narrows(&top.query) {
                break;
            }
            self.stack.pop();
        }
        let level = self.answer(query, cancel, first_page)?;
        let results = level.results(true);
        if self.stack.len() == MAX_LEVELS {
            self.stack.remove(0);
        }
        self.stack.push(level);
        Some(results)
    }

    fn answer(
        &self,
        query: &Arc<Query>,
        cancel: Cancel<'_>,
        first_page: &mut dyn FnMut(SearchResults),
    ) -> Option<Level> {
        let index = &*self.index;
        let prep = Prepared::new(index, query);
        let previous = self.stack.last().map(|l| Arc::clone(&l.matches));
        let cands = previous
            .as_deref()
            .map_or(Candidates::All(index.len()), |l| Candidates::List(l));
        if previous.is_none()
            && let Some(hits) = self.letter_hits(query, &prep)
        {
            return self.letter_level(query, &prep, hits, cancel);
        }
        let n = cands.len();
        let opts = &self.options;
        let mut scan = Scan::default();
        let mut done = 0;
        if n > opts.first_scan {
            scan = engine::scan(
                index,
                &prep,
                cands,
                0..opts.first_scan,
                &self.scorers,
                cancel,
            )?;
            let hits = engine::top_k(index, &prep, &scan, opts.first_page, &self.scorers, cancel)?;
            first_page(SearchResults {
                query: Arc::clone(query),
                complete: false,
                hits,
                matches: Arc::new(scan.ids.clone()),
                facets: None,
            });
            done = opts.first_scan;
        }
        let rest = engine::scan(index, &prep, cands, done..n, &self.scorers, cancel)?;
        if done == 0 {
            scan = rest;
        } else {
            scan.ids.extend_from_slice(&rest.ids);
            scan.classes.extend_from_slice(&rest.classes);
            for (a, b) in scan.counts.iter_mut().zip(rest.counts) {
                *a += b;
            }
        }
        let hits = engine::top_k(index, &prep, &scan, opts.top_k, &self.scorers, cancel)?;
        let facets = Facets::count_par(index, &scan.ids, &self.scorers);
        Some(Level {
            query: Arc::clone(query),
            matches: Arc::new(scan.ids),
            hits,
            facets: Arc::new(facets),
        })
    }

    /// The ranked hits of a one-letter query from the precomputed table, or `None` when the
    /// table cannot answer it exactly.
    fn letter_hits(&self, query: &Query, prep: &Prepared<'_>) -> Option<Vec<Hit>> {
        let [term] = query.terms.as_slice() else {
            return None;
        };
        let [alt] = term.alts.as_slice() else {
            return None;
        };
        if alt.lower != alt.folded || !term.cities.is_empty() || self.options.top_k > LETTER_TOP {
            return None;
        }
        let index = &*self.index;
        let entry = index.letters.get(&alt.folded)?;
        let filtered = !query.filters().is_empty();
        let hits: Vec<Hit> = entry
            .hits
            .iter()
            .filter(|h| !filtered || prep.accepts(index.meta[h.id as usize], h.id))
            .take(self.options.top_k)
            .copied()
            .collect();
        // The filtered table is the true top only if it is full or holds every match.
        (hits.len() == self.options.top_k || entry.total == entry.hits.len()).then_some(hits)
    }

    /// The first keystroke: ranked hits from the letter table, so only the match list (a
    /// pass over the letter masks) is computed now. `None` when cancelled.
    fn letter_level(
        &self,
        query: &Arc<Query>,
        prep: &Prepared<'_>,
        hits: Vec<Hit>,
        cancel: Cancel<'_>,
    ) -> Option<Level> {
        let index = &*self.index;
        let alt = &query.terms[0].alts[0];
        let entry = index.letters.get(&alt.folded)?;
        let filtered = !query.filters().is_empty();
        let bit = fold::mask(alt.folded.as_bytes());
        let parts = engine::par(&self.scorers, index.len(), |r, _| {
            let mut ids = Vec::new();
            for block in r.clone().step_by(1 << 16) {
                if cancel() {
                    return None;
                }
                let end = (block + (1 << 16)).min(r.end);
                for i in block..end {
                    if index.masks[i] & bit != 0
                        && (!filtered || prep.accepts(index.meta[i], i as RecordId))
                    {
                        ids.push(i as RecordId);
                    }
                }
            }
            Some(ids)
        });
        let mut matches = Vec::new();
        for part in parts {
            matches.extend(part?);
        }
        let facets = if filtered {
            Facets::count_par(index, &matches, &self.scorers)
        } else {
            entry.facets.clone()
        };
        Some(Level {
            query: Arc::clone(query),
            matches: Arc::new(matches),
            hits,
            facets: Arc::new(facets),
        })
    }
}

impl Level {
    fn results(&self, complete: bool) -> SearchResults {
        SearchResults {
            query: Arc::clone(&self.query),
            complete,
            hits: self.hits.clone(),
            matches: Arc::clone(&self.matches),
            facets: Some(Arc::clone(&self.facets)),
        }
    }
}

/// `search` never cancels, so this is never built; it keeps `search` free of `unwrap`.
fn unreachable_results() -> SearchResults {
    SearchResults {
        query: Arc::new(Query::default()),
        complete: false,
        hits: Vec::new(),
        matches: Arc::new(Vec::new()),
        facets: None,
    }
}
