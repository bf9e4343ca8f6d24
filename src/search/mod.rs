//! The in-memory search index, query syntax and fuzzy ranking.
//!
//! Data flow: the store streams [`IndexRow`]s into [`Index::build`]; the UI parses the query
//! line with [`Query::parse`] (or lets [`SearchWorker::submit`] do it) and polls
//! [`SearchWorker::try_recv`] for a [`SearchResults`]: ranked [`Hit`]s, every match (for
//! [`Facets`]) and, for the rows it draws, [`Highlighter::positions`].
//!
//! Ranking, the same for the TUI and the CLI: exact name first, then names starting with the
//! query, then names with a word starting with it, then scattered matches ranked by the
//! scorer's score (fuzzy-matcher's skim algorithm on the original name, or on the folded name
//! when only folding makes the letters line up); ties go to the shorter name, then kind
//! order, then name. Query syntax: see [`Query`]'s module (`kind:`, `prov:`, `sub:`,
//! `iccn:`, `stale:`, place words, short forms like `jogja`).
//!
//! Speed, from the benchmark's findings: an exact prefilter (letter mask, then an in-order
//! byte check) decides matches without the scorer; a growing query re-checks only the previous
//! matches (plus, when a word turns into a place word, its new cities' records, from
//! `places`), and backspace reuses them (a stack); in idle time after an answer, `next`
//! prepares masks that answer one more typed letter with bit tests; one-letter queries are
//! precomputed; the
//! scorer runs only on scattered matches whose score bound can reach the top k; work is split
//! over two threads with a scorer each; a big search sends a first page early. Earlier answers
//! are kept for backspace even across a query that narrows none of them. A one-off search (the CLI) reads a saved lean index from
//! [`cache`] instead of rebuilding it from the store; the app completes it from [`extras`].

mod aliases;
mod bound;
pub mod cache;
mod engine;
pub mod extras;
mod facets;
mod fold;
mod index;
mod letters;
mod next;
mod places;
mod query;
mod rank;
mod scorer;
mod searcher;
mod worker;

pub use aliases::Aliases;
pub use engine::Cancel;
pub use facets::{Facet, Facets};
pub use fold::fold_char;
pub use index::{CityInfo, Index, IndexBuilder, IndexRow, ProvinceInfo, Record, RecordId, Regions};
pub use query::{
    Filters, ICCN_NO, ICCN_UNKNOWN, ICCN_YES, KATA_FIRST_YEAR, KATA_NONE, Query, QueryError,
};
pub use rank::{Hit, MatchClass};
pub use scorer::{Scorer, SkimScorer};
pub use searcher::{SearchOptions, SearchResults, Searcher};
pub use worker::{Notify, SearchEvent, SearchWorker};

/// Computes highlight positions for the rows on screen, with its own scorer (the UI
/// thread's; the worker's scorers stay on the worker).
#[derive(Debug, Default)]
pub struct Highlighter {
    scorer: SkimScorer,
}

impl Highlighter {
    /// Char indices in record `id`'s name of the letters the query matched.
    pub fn positions(&self, index: &Index, query: &Query, id: RecordId) -> Vec<usize> {
        rank::highlights(index, query, id, &self.scorer)
    }
}

#[cfg(test)]
mod tests;
