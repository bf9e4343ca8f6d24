//! Precomputed results of the one-letter queries (`a`…`z`, `0`…`9`): the first keystroke
//! matches most of the index, so its ranking is computed once, when the index is built.

use super::engine::{self, Candidates};
use super::facets::Facets;
use super::fold;
use super::index::{FLAG_PADDED, Index, RecordId};
use super::query::Query;
use super::rank::{
    Hit, MatchClass, Prepared, REGION_PREFIXES, key_class, name_len, pack_key, starts_ci,
};
use super::scorer::{Scorer, SkimScorer};
use crate::model::Kind;
use std::collections::BinaryHeap;

/// Letters `a`–`z` and digits `0`–`9`.
pub(crate) const SLOTS: usize = 36;

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

/// Per-letter class counts and facets, gathered in one pass over the index.
struct Tally {
    counts: Vec<[usize; 4]>,
    facets: Vec<Facets>,
}

/// The classes of every letter and digit in one name, as bits by [`slot`].
#[derive(Default)]
struct Classes {
    exact: u64,
    name_prefix: u64,
    word_prefix: u64,
}

/// Bit of a byte's slot (lowercase), if it is a letter or digit.
fn slot_bit(b: u8) -> u64 {
    slot(b.to_ascii_lowercase()).map_or(0, |s| 1 << s)
}

/// What [`Prepared::matches`] would class each one-letter query as, for all letters at once.
fn classes(index: &Index, id: RecordId) -> Classes {
    let m = index.meta[id as usize];
    let unpadded;
    let name = if m.has(FLAG_PADDED) {
        unpadded = fold::unpad(index.hay(id));
        unpadded.as_bytes()
    } else {
        index.hay(id)
    };
    let mut c = Classes::default();
    if name.len() == 1 {
        c.exact |= slot_bit(name[0]);
    }
    if matches!(m.kind(), Kind::City | Kind::Province) {
        for pre in REGION_PREFIXES {
            if name.len() == pre.len() + 1 && starts_ci(name, pre.as_bytes()) {
                c.exact |= slot_bit(name[pre.len()]);
            }
        }
    }
    if let Some(&first) = name.first() {
        c.name_prefix = slot_bit(first) & !c.exact;
    }
    for w in name.windows(2) {
        if !w[0].is_ascii_alphanumeric() {
            c.word_prefix |= slot_bit(w[1]);
        }
    }
    c.word_prefix &= !(c.exact | c.name_prefix);
    c
}

/// Iterates the set bits of a mask restricted to the 36 letter and digit slots.
fn slots(mut bits: u64) -> impl Iterator<Item = usize> {
    bits &= (1 << 36) - 1;
    std::iter::from_fn(move || {
        (bits != 0).then(|| {
            let s = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            s
        })
    })
}

impl LetterTable {
    /// Computes every letter's answer: one pass counts classes and facets, a second keeps
    /// each letter's best hits (no scorer needed while names start with the letter). Letters
    /// too rare to fill the table from prefix matches take the general search.
    pub fn build(index: &Index) -> Self {
        let scorers: Vec<Box<dyn Scorer>> = vec![Box::new(SkimScorer), Box::new(SkimScorer)];
        let never = || false;
        let provinces = index.regions.provinces.len();
        let tallies = engine::par(&scorers, index.len(), |r, _| {
            let mut t = Tally {
                counts: vec![[0; 4]; SLOTS],
                facets: vec![Facets::empty(provinces); SLOTS],
            };
            for id in r {
                let id = id as RecordId;
                let present = index.masks[id as usize];
                let c = classes(index, id);
                for s in slots(present) {
                    let class = if c.exact >> s & 1 == 1 {
                        0
                    } else if c.name_prefix >> s & 1 == 1 {
                        1
                    } else if c.word_prefix >> s & 1 == 1 {
                        2
                    } else {
                        3
                    };
                    t.counts[s][class] += 1;
                    t.facets[s].add_record(index, id);
                }
            }
            t
        });
        let mut total = Tally {
            counts: vec![[0; 4]; SLOTS],
            facets: vec![Facets::empty(provinces); SLOTS],
        };
        for t in &tallies {
            for s in 0..SLOTS {
                for c in 0..4 {
                    total.counts[s][c] += t.counts[s][c];
                }
                total.facets[s].merge(&t.facets[s]);
            }
        }
        // Letters whose best LETTER_TOP are all exact or prefix matches.
        let sure: Vec<bool> = total
            .counts
            .iter()
            .map(|c| c[0] + c[1] + c[2] >= LETTER_TOP)
            .collect();
        let best = engine::par(&scorers, index.len(), |r, _| {
            let mut heaps: Vec<BinaryHeap<(u64, RecordId)>> = vec![BinaryHeap::new(); SLOTS];
            for id in r {
                let id = id as RecordId;
                let c = classes(index, id);
                let prefixes = c.exact | c.name_prefix | c.word_prefix;
                for s in slots(prefixes).filter(|&s| sure[s]) {
                    let class = if c.exact >> s & 1 == 1 {
                        MatchClass::Exact
                    } else if c.name_prefix >> s & 1 == 1 {
                        MatchClass::NamePrefix
                    } else {
                        MatchClass::WordPrefix
                    };
                    let key = pack_key(class, 0, name_len(index, id), index.order[id as usize]);
                    let heap = &mut heaps[s];
                    if heap.len() < LETTER_TOP {
                        heap.push((key, id));
                    } else if heap.peek().is_some_and(|&(worst, _)| key < worst) {
                        heap.pop();
                        heap.push((key, id));
                    }
                }
            }
            heaps
        });
        let entries = (0..SLOTS)
            .map(|s| {
                let letter = if s < 26 {
                    b'a' + s as u8
                } else {
                    b'0' + (s - 26) as u8
                };
                let total_matches = total.counts[s].iter().sum();
                let hits = if sure[s] {
                    let mut keyed: Vec<(u64, RecordId)> = best
                        .iter()
                        .flat_map(|part| part[s].iter().copied())
                        .collect();
                    keyed.sort_unstable();
                    keyed.truncate(LETTER_TOP);
                    // Collected in place, so the capacity of every part's candidates would stay.
                    let mut hits: Vec<Hit> = keyed
                        .into_iter()
                        .map(|(key, id)| Hit {
                            id,
                            class: key_class(key),
                            score: 0,
                        })
                        .collect();
                    hits.shrink_to_fit();
                    hits
                } else {
                    let text = char::from(letter).to_string();
                    let Ok(query) = Query::parse(&text, &index.aliases) else {
                        return LetterEntry::default();
                    };
                    let prep = Prepared::new(index, &query);
                    let all = Candidates::All(index.len());
                    let scan = engine::scan(index, &prep, all, 0..all.len(), &scorers, &never)
                        .unwrap_or_default();
                    engine::top_k(
                        index,
                        &prep,
                        &scan,
                        LETTER_TOP,
                        usize::MAX,
                        &scorers,
                        &never,
                    )
                    .unwrap_or_default()
                };
                LetterEntry {
                    hits,
                    total: total_matches,
                    facets: total.facets[s].clone(),
                }
            })
            .collect();
        LetterTable { entries }
    }

    /// Every entry, by [`slot`] (empty for a lean index).
    pub(crate) fn entries(&self) -> &[LetterEntry] {
        &self.entries
    }

    /// A table of entries by [`slot`], as [`LetterTable::entries`] gave them (all 36).
    pub(crate) fn from_entries(entries: Vec<LetterEntry>) -> Option<Self> {
        (entries.len() == SLOTS).then_some(LetterTable { entries })
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
