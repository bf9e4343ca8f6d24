//! A search session: answers each query of a typing session, re-checking only the previous
//! matches when the query grows, and keeping a stack of earlier results for backspace.

use super::bound::Starts;
use super::engine::{self, Cancel, Candidates, Scan};
use super::facets::Facets;
use super::fold;
use super::index::{Index, RecordId};
use super::letters::LETTER_TOP;
use super::next::{self, Next};
use super::places::CityRecords;
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
    /// A search over at least this many candidates first answers from `first_scan` of them.
    pub first_scan_min: usize,
    /// How many candidates an early first page is ranked from.
    pub first_scan: usize,
    /// The first page scores at most this many scattered matches (exact and prefix matches
    /// need no scorer), which bounds its time.
    pub first_score_budget: usize,
    /// Threads to split a search across, each with its own scorer.
    pub threads: usize,
    /// Answers with at least this many matches are prepared for the next keystroke in idle
    /// time ([`Searcher::prepare_next`]); smaller ones narrow fast enough the plain way.
    pub prepare_min: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            top_k: 500,
            first_page: 50,
            // Below this, the early page cost more than it saved: at 1M records `kota s`
            // scans 113,646 candidates in 15 ms, and the page ranked from 20,000 of them,
            // with its detail and drawing, took the two cores 10-15 ms more before the exact
            // page could show (real-terminal p99 of `kota s` 42-62 ms with it, 30-40 without).
            first_scan_min: 200_000,
            first_scan: 20_000,
            first_score_budget: 300,
            threads: 2,
            prepare_min: 16_384,
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
    /// Every match found so far, in index order: all of them when complete; on a first page
    /// only those of the part searched (none for a one-letter query).
    pub matches: Arc<Vec<RecordId>>,
    /// Counts over `matches`; on a complete answer and an exact first page.
    pub facets: Option<Arc<Facets>>,
    /// The hits start the complete ranking, and the matches, total and facets are final:
    /// only hits past the first page are still to come, so a screen showing this first
    /// page will not change. Always true on a complete answer.
    pub exact_page: bool,
    /// See [`SearchResults::total`].
    total: usize,
}

impl SearchResults {
    /// Number of matches: exact when complete; on a first page, those found so far (or the
    /// exact count when already known, as for a one-letter query).
    pub fn total(&self) -> usize {
        self.total
    }
}

/// One answered query kept for narrowing and backspace.
struct Level {
    query: Arc<Query>,
    matches: Arc<Vec<RecordId>>,
    hits: Vec<Hit>,
    facets: Arc<Facets>,
    /// Prepared in idle time for the next keystroke (the newest level only).
    next: Option<Next>,
}

/// A complete answer needing more scattered matches scored than this sends a first page
/// scored from the most promising quarter of them.
const FIRST_PAGE_SCORING_MIN: usize = 1000;

/// Deepest stack kept (a long query typed letter by letter).
const MAX_LEVELS: usize = 64;

/// Most matches kept over all levels of the stack (4 bytes each).
const MAX_KEPT: usize = 8_000_000;

/// A search session over one index. Not shared: the UI's worker thread owns one.
pub struct Searcher {
    index: Arc<Index>,
    scorers: Vec<Box<dyn Scorer>>,
    options: SearchOptions,
    stack: Vec<Level>,
    /// Per record, what the coarse key of a scattered match needs; computed in idle time,
    /// used once there is one for every record.
    starts: Vec<Starts>,
    /// Records by city, for place words that widen an earlier answer; built at first need
    /// or in idle time.
    cities: Option<CityRecords>,
}

impl Searcher {
    /// A session scoring with fuzzy-matcher on `options.threads` threads.
    pub fn new(index: Arc<Index>, options: SearchOptions) -> Self {
        let scorers = (0..options.threads.max(1))
            .map(|_| Box::new(SkimScorer) as Box<dyn Scorer>)
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
            scorers.push(Box::new(SkimScorer));
        }
        Searcher {
            index,
            scorers,
            options,
            stack: Vec::new(),
            starts: Vec::new(),
            cities: None,
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
        // An earlier answer to this very query: the answers above it were for narrower
        // queries, gone by now (backspace).
        if let Some(i) = self.stack.iter().rposition(|l| l.query == *query) {
            self.stack.truncate(i + 1);
            return Some(self.stack[i].results(true));
        }
        // The nearest earlier answer this query narrows. When it is not the last one (`kota s`
        // makes `kota` a place word naming Kotamobagu and the Kotawaringins, so it narrows
        // only the empty query), the answers above it stay for the backspace that follows,
        // and one of them with those cities' records may be fewer candidates (`widened`).
        let plain = self.stack.iter().rposition(|l| query.narrows(&l.query));
        let widened = self.widened(query, plain);
        let base = plain.map(|i| &self.stack[i]);
        let level = match &widened {
            Some(cands) => self.answer(query, None, Some(cands), cancel, first_page)?,
            None => self.answer(
                query,
                base,
                base.map(|l| &l.matches[..]),
                cancel,
                first_page,
            )?,
        };
        let results = level.results(true);
        // Only the newest answer keeps what the next keystroke needs (see `prepare_next`).
        for l in &mut self.stack {
            l.next = None;
        }
        self.stack.push(level);
        // Bounded: a long query typed letter by letter, or many unrelated ones kept.
        while self.stack.len() > MAX_LEVELS
            || self.stack.len() > 1
                && self.stack.iter().map(|l| l.matches.len()).sum::<usize>() > MAX_KEPT
        {
            self.stack.remove(0);
        }
        Some(results)
    }

    /// Candidates for `query` from an earlier answer it narrows but for the records of cities
    /// its place words add ([`Query::added_cities`]: `kota s` after `kota`), when they are
    /// fewer than those of `plain`, the nearest answer it narrows outright (or every record).
    fn widened(&mut self, query: &Query, plain: Option<usize>) -> Option<Vec<RecordId>> {
        let above = plain.map_or(0, |i| i + 1);
        if above >= self.stack.len() || query.terms.iter().all(|t| t.cities.is_empty()) {
            return None;
        }
        let index = &*self.index;
        let cities = self.cities.get_or_insert_with(|| CityRecords::build(index));
        let mut best = plain.map_or(index.len(), |i| self.stack[i].matches.len());
        let mut pick = None;
        for l in &self.stack[above..] {
            if let Some(added) = query.added_cities(&l.query) {
                let n = l.matches.len() + cities.count(&added);
                if n < best {
                    best = n;
                    pick = Some((l, added));
                }
            }
        }
        let (l, added) = pick?;
        Some(cities.union(index.len(), &l.matches, &added))
    }

    /// Idle time (before the first query, after an answer): prepares masks that narrow the
    /// last answer's matches without reading names (see the `next` module), then, once, the
    /// records-by-city table and the coarse keys' table. Returns false when there was nothing
    /// to do or `cancel` said to stop; a later call goes on from where it stopped, and the
    /// part done serves already.
    pub fn prepare_next(&mut self, cancel: Cancel<'_>) -> bool {
        let index = &*self.index;
        let mut did = false;
        if let Some(top) = self.stack.last_mut()
            && top.matches.len() >= self.options.prepare_min
        {
            if top.next.is_none() {
                top.next = next::start(&top.query, &top.matches);
            }
            if let Some(n) = &mut top.next
                && !n.is_complete()
            {
                if !next::prepare(index, &top.query, n, cancel) {
                    return false;
                }
                did = true;
            }
        }
        if self.cities.is_none() {
            if cancel() {
                return false;
            }
            self.cities = Some(CityRecords::build(index));
            did = true;
        }
        if self.starts.len() < index.len() {
            return next::starts(index, &mut self.starts, cancel);
        }
        did
    }

    /// Answers `query` from the candidates `previous` (a superset of its matches, in index
    /// order), or from every record. `base` is the answer `query` narrows, whose prepared
    /// masks may serve.
    fn answer(
        &self,
        query: &Arc<Query>,
        base: Option<&Level>,
        previous: Option<&[RecordId]>,
        cancel: Cancel<'_>,
        first_page: &mut dyn FnMut(SearchResults),
    ) -> Option<Level> {
        let index = &*self.index;
        let starts = (self.starts.len() == index.len()).then_some(&self.starts[..]);
        let prep = Prepared::new(index, query).with_starts(starts);
        // One letter or digit typed after a prepared answer: bit tests, no names read.
        if let Some(l) = base
            && let Some(next) = &l.next
            && let Some(s) = next::added_slot(&l.query, query)
        {
            let scan = next::narrow(index, &prep, &l.query, next, s, &self.scorers, cancel)?;
            return self.complete(query, &prep, scan, cancel, first_page);
        }
        // Narrowing from "every record" is a plain pass over the index.
        let cands = match previous {
            Some(l) if l.len() < index.len() => Candidates::List(l),
            _ => Candidates::All(index.len()),
        };
        if let Some(hits) = self.letter_hits(query, &prep) {
            // The ranking is ready; only the match list (for facets) remains to compute.
            let known = query.filters().is_empty();
            let letter = query.terms[0].alts[0].folded.as_str();
            let total = match index.letters.get(letter) {
                Some(entry) if known => entry.total,
                _ => hits.len(),
            };
            first_page(SearchResults {
                query: Arc::clone(query),
                complete: false,
                hits: hits.iter().take(self.options.first_page).copied().collect(),
                matches: Arc::new(Vec::new()),
                facets: None,
                exact_page: false,
                total,
            });
            return self.letter_level(query, &prep, hits, cancel);
        }
        let n = cands.len();
        let opts = &self.options;
        let mut scan = Scan::default();
        let mut done = 0;
        // A big search first answers from a part of its candidates, so something shows at
        // once; the part is small enough to take a few milliseconds.
        let part = opts.first_scan.min(n / 4);
        if n >= opts.first_scan_min && part > 0 {
            scan = engine::scan(index, &prep, cands, 0..part, &self.scorers, cancel)?;
            let budget = opts.first_score_budget;
            self.send_first_page(query, &prep, &scan, budget, None, cancel, first_page)?;
            done = part;
        }
        let rest = engine::scan(index, &prep, cands, done..n, &self.scorers, cancel)?;
        if done == 0 {
            // Small but costly (many scattered matches to score) sends its exact first page
            // from `complete`.
            scan = rest;
        } else {
            scan.ids.extend_from_slice(&rest.ids);
            scan.classes.extend_from_slice(&rest.classes);
            for (a, b) in scan.counts.iter_mut().zip(rest.counts) {
                *a += b;
            }
        }
        self.complete(query, &prep, scan, cancel, first_page)
    }

    /// Hands `first_page` the best `first_page` hits of `scan`, scoring at most `budget`
    /// scattered matches. With the final `facets` the page is exact (the scan is complete);
    /// without, it ranks the part scanned so far. `None` when cancelled.
    #[allow(clippy::too_many_arguments)]
    fn send_first_page(
        &self,
        query: &Arc<Query>,
        prep: &Prepared<'_>,
        scan: &Scan,
        budget: usize,
        facets: Option<Arc<Facets>>,
        cancel: Cancel<'_>,
        first_page: &mut dyn FnMut(SearchResults),
    ) -> Option<()> {
        let index = &*self.index;
        let size = self.options.first_page;
        let hits = engine::top_k(index, prep, scan, size, budget, &self.scorers, cancel)?;
        first_page(SearchResults {
            query: Arc::clone(query),
            complete: false,
            hits,
            matches: Arc::new(scan.ids.clone()),
            exact_page: facets.is_some(),
            facets,
            total: scan.ids.len(),
        });
        Some(())
    }

    /// The complete answer from a finished scan: the ranking and the facets. When ranking
    /// needs many scattered matches scored, the exact first page goes to `first_page` before
    /// the rest of the ranking: all a screen shows, at a fraction of the cost (`kota s`
    /// at 1M records scores some 500 names of 80,000 for it, against 1,000 for the top 500,
    /// and bounds far fewer).
    fn complete(
        &self,
        query: &Arc<Query>,
        prep: &Prepared<'_>,
        scan: Scan,
        cancel: Cancel<'_>,
        first_page: &mut dyn FnMut(SearchResults),
    ) -> Option<Level> {
        let index = &*self.index;
        let facets = Arc::new(Facets::count_par(index, &scan.ids, &self.scorers));
        let opts = &self.options;
        let sure = scan.counts[..3].iter().sum::<usize>();
        if opts.first_page < opts.top_k
            && sure < opts.top_k
            && scan.counts[3] > FIRST_PAGE_SCORING_MIN
        {
            let exact = Some(Arc::clone(&facets));
            self.send_first_page(query, prep, &scan, usize::MAX, exact, cancel, first_page)?;
        }
        let hits = engine::top_k(
            index,
            prep,
            &scan,
            self.options.top_k,
            usize::MAX,
            &self.scorers,
            cancel,
        )?;
        Some(Level {
            query: Arc::clone(query),
            matches: Arc::new(scan.ids),
            hits,
            facets,
            next: None,
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
            next: None,
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
            exact_page: true,
            total: self.matches.len(),
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
        exact_page: false,
        total: 0,
    }
}

#[cfg(test)]
#[path = "searcher_tests.rs"]
mod tests;
