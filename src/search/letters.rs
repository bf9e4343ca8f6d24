//! Precomputed results of the one-letter queries (`a`…`z`, `0`…`9`): the first keystroke
//! matches most of the index, so its ranking is computed once, when the index is built.

use super::engine::{self, Candidates};
use super::facets::Facets;
use super::index::Index;
use super::query::Query;
use super::rank::{Hit, Prepared};
use super::scorer::{Scorer, SkimScorer};

/// How many ranked hits each letter keeps; a larger `top_k` falls back to a full search.
pub const LETTER_TOP: usize = 1000;

/// The precomputed result of one letter.
#[derive(Debug, Clone, Default)]
pub(crate) struct LetterEntry {
    /// The best [`LETTER_TOP`] hits, ranked.
    pub hits: Vec<Hit>,
    /// How many records contain the letter.
    pub total: usize,
    pub facets: Facets,
}

/// Results per letter, by [`slot`].
#[derive(Debug, Clone, Default)]
pub(crate) struct LetterTable {
    entries: Vec<LetterEntry>,
}

/// Table slot of a folded ASCII letter or digit.
pub(crate) fn slot(b: u8) -> Option<usize> {
    match b {
        b'a'..=b'z' => Some(usize::from(b - b'a')),
        b'0'..=b'9' => Some(26 + usize::from(b - b'0')),
        _ => None,
    }
}

impl LetterTable {
    pub fn build(index: &Index) -> Self {
        let scorers: Vec<Box<dyn Scorer>> = vec![
            Box::new(SkimScorer::default()),
            Box::new(SkimScorer::default()),
        ];
        let never = || false;
        let entries = (b'a'..=b'z')
            .chain(b'0'..=b'9')
            .map(|b| {
                let text = char::from(b).to_string();
                let Ok(query) = Query::parse(&text, &index.aliases) else {
                    return LetterEntry::default();
                };
                let prep = Prepared::new(index, &query);
                let all = Candidates::All(index.len());
                let scan = engine::scan(index, &prep, all, 0..all.len(), &scorers, &never)
                    .unwrap_or_default();
                LetterEntry {
                    hits: engine::top_k(index, &prep, &scan, LETTER_TOP, &scorers, &never)
                        .unwrap_or_default(),
                    total: scan.ids.len(),
                    facets: Facets::count_par(index, &scan.ids, &scorers),
                }
            })
            .collect();
        LetterTable { entries }
    }

    /// The entry of a one-letter query, if precomputed.
    pub fn get(&self, folded: &str) -> Option<&LetterEntry> {
        match folded.as_bytes() {
            [b] => self.entries.get(slot(*b)?),
            _ => None,
        }
    }

    pub fn heap_bytes(&self) -> usize {
        self.entries
            .iter()
            .map(|e| e.hits.capacity() * std::mem::size_of::<Hit>() + e.facets.provinces.len() * 4)
            .sum()
    }
}
