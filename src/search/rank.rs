//! Matching and ranking one record against a compiled query: the prefilter, the match class
//! (exact, prefix, fuzzy), the scorer call and the packed sort key.

use super::fold;
use super::index::{FLAG_ICCN, FLAG_PADDED, FLAG_STALE, Index, Meta, NO_CITY, RecordId};
use super::query::{Query, Term};
use super::scorer::Scorer;
use crate::model::Kind;
use memchr::memmem;

/// How a name matches the query text; the first ranking criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchClass {
    /// The name is the query (case and accents folded; `semarang` is exact for
    /// `Kota Semarang`).
    Exact = 0,
    /// The name starts with the query.
    NamePrefix = 1,
    /// A word of the name starts with the query.
    WordPrefix = 2,
    /// The query's letters occur in order, scattered.
    Fuzzy = 3,
}

impl MatchClass {
    pub(crate) const ALL: [MatchClass; 4] = [
        MatchClass::Exact,
        MatchClass::NamePrefix,
        MatchClass::WordPrefix,
        MatchClass::Fuzzy,
    ];
}

/// One ranked result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub id: RecordId,
    pub class: MatchClass,
    /// Sum of the scorer's scores over the query's words (0 without text).
    pub score: i64,
}

/// Prefixes that say what a region is; `semarang` should be exact for `Kota Semarang`.
const REGION_PREFIXES: &[&str] = &["kota ", "kabupaten ", "kab. ", "kab ", "provinsi "];

/// A query compiled against one index: bitsets for the filters and finders for the phrases.
pub(crate) struct Prepared<'q> {
    pub query: &'q Query,
    kinds: u8,
    /// Bitset over provinces (`NO_PROVINCE` never set); `None` = any.
    provinces: Option<[u64; 4]>,
    /// `sub:` as (subsector bits, bitset over records having one of the tags).
    sub: Option<(u32, Vec<u64>)>,
    iccn: Option<bool>,
    stale: Option<bool>,
    /// Per term: bitset over cities it names as place context (empty = none).
    term_cities: Vec<Vec<u64>>,
    finders: Vec<memmem::Finder<'q>>,
}

fn bit_set(bits: &[u64], i: usize) -> bool {
    bits.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
}

fn bitset(len: usize, items: impl IntoIterator<Item = usize>) -> Vec<u64> {
    let mut bits = vec![0u64; len.div_ceil(64)];
    for i in items {
        if let Some(w) = bits.get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }
    bits
}

/// Packs a ranking into one integer, smaller first: class, then score (higher first), then
/// name length in chars (shorter first), then the record's (kind, name) order.
pub(crate) fn pack_key(class: MatchClass, score: i64, len: usize, order: u32) -> u64 {
    const HALF: i64 = 1 << 19;
    let s = (score.clamp(-HALF, HALF - 1) + HALF) as u64;
    let inverted = (1 << 20) - 1 - s;
    (class as u64) << 60
        | inverted << 40
        | (len.min(0xFFFF) as u64) << 24
        | u64::from(order & 0xFF_FFFF)
}

impl<'q> Prepared<'q> {
    pub fn new(index: &Index, query: &'q Query) -> Self {
        let f = query.filters();
        let provinces = (!f.provinces.is_empty()).then(|| {
            let mut bits = [0u64; 4];
            for &p in &f.provinces {
                bits[usize::from(p / 64)] |= 1 << (p % 64);
            }
            bits
        });
        let sub = f.has_sub().then(|| {
            let ids = f
                .tags
                .iter()
                .filter_map(|&t| index.tag_postings.get(usize::from(t)))
                .flatten()
                .map(|&id| id as usize);
            (f.subsectors, bitset(index.len(), ids))
        });
        let cities = index.regions.cities.len();
        Prepared {
            query,
            kinds: f.kinds,
            provinces,
            sub,
            iccn: f.iccn,
            stale: f.stale,
            term_cities: query
                .terms
                .iter()
                .map(|t| bitset(cities, t.cities.iter().map(|&c| usize::from(c))))
                .collect(),
            finders: query.phrases.iter().map(memmem::Finder::new).collect(),
        }
    }

    /// Whether the record passes the filters.
    #[inline]
    pub fn accepts(&self, m: Meta, id: RecordId) -> bool {
        if self.kinds != 0 && self.kinds >> m.kind_index() & 1 == 0 {
            return false;
        }
        if let Some(p) = &self.provinces
            && !bit_set(p, usize::from(m.province))
        {
            return false;
        }
        if let Some((subs, tags)) = &self.sub
            && m.subsectors & subs == 0
            && !bit_set(tags, id as usize)
        {
            return false;
        }
        if self.iccn.is_some_and(|v| v != m.has(FLAG_ICCN)) {
            return false;
        }
        self.stale.is_none_or(|v| v == m.has(FLAG_STALE))
    }

    /// Whether one spelling's letters occur in order in the folded name.
    #[inline]
    fn alt_in(alt: &super::query::Alt, mask: u64, folded: &[u8]) -> bool {
        alt.mask & !mask == 0
            && fold::is_subsequence(alt.folded.as_bytes(), folded)
            && (alt.folded.is_ascii() || fold::is_char_subsequence(&alt.folded, folded))
    }

    /// The prefilter: `Some(class)` when the record passes the filters and every word.
    /// Exact: a record matches here if and only if the scorer matches every word (or its
    /// place), so the scorer is needed only to rank.
    #[inline]
    pub fn matches(&self, index: &Index, id: RecordId) -> Option<MatchClass> {
        let i = id as usize;
        let m = index.meta[i];
        if !self.accepts(m, id) {
            return None;
        }
        if self.query.terms.is_empty() {
            return Some(MatchClass::Fuzzy);
        }
        let mask = index.masks[i];
        let folded = index.folded(id);
        for (t, term) in self.query.terms.iter().enumerate() {
            let in_name = term.alts.iter().any(|a| Self::alt_in(a, mask, folded));
            if !in_name
                && (m.city == NO_CITY || !bit_set(&self.term_cities[t], usize::from(m.city)))
            {
                return None;
            }
        }
        Some(self.class(folded, m))
    }

    fn class(&self, folded: &[u8], m: Meta) -> MatchClass {
        if m.has(FLAG_PADDED) {
            // Rare: compare without the padding.
            return self.class_of(fold::unpad(folded).as_bytes(), m);
        }
        self.class_of(folded, m)
    }

    fn class_of(&self, name: &[u8], m: Meta) -> MatchClass {
        let mut best = MatchClass::Fuzzy;
        let region = matches!(m.kind(), Kind::City | Kind::Province);
        for (phrase, finder) in self.query.phrases.iter().zip(&self.finders) {
            let p = phrase.as_bytes();
            if name == p
                || region
                    && REGION_PREFIXES
                        .iter()
                        .any(|pre| name.strip_prefix(pre.as_bytes()) == Some(p))
            {
                return MatchClass::Exact;
            }
            if name.starts_with(p) {
                best = best.min(MatchClass::NamePrefix);
            } else if best == MatchClass::Fuzzy
                && finder
                    .find_iter(name)
                    .any(|at| !name[at - 1].is_ascii_alphanumeric())
            {
                best = MatchClass::WordPrefix;
            }
        }
        best
    }

    /// Scorer score of one word in a name: the best spelling, on the original name or, when
    /// folding changes the name (accents), on the folded copy if that scores better (`cafe`
    /// should align with `Café`, not with a later `e`). Returns (score, spelling, folded);
    /// `None`: the word matched through the record's place only.
    fn term_score(
        term: &Term,
        name: &str,
        folded: &[u8],
        padded: bool,
        scorer: &dyn Scorer,
        unpadded: &mut Option<String>,
    ) -> Option<(i64, usize, bool)> {
        let mut best: Option<(i64, usize, bool)> = None;
        let mut consider = |s: Option<i64>, a: usize, on_folded: bool| {
            if let Some(s) = s
                && best.is_none_or(|(b, _, _)| s > b)
            {
                best = Some((s, a, on_folded));
            }
        };
        for (a, alt) in term.alts.iter().enumerate() {
            let original = scorer.score(name, &alt.lower);
            let on_folded = if padded {
                let plain = unpadded.get_or_insert_with(|| fold::unpad(folded));
                scorer.score(plain, &alt.folded)
            } else if original.is_none() && alt.lower != alt.folded {
                // An ASCII name folds to its lowercase; only the pattern's accents differ.
                scorer.score(std::str::from_utf8(folded).unwrap_or(""), &alt.folded)
            } else {
                None
            };
            consider(original, a, false);
            consider(on_folded, a, true);
        }
        best
    }

    /// The record's score: the sum of its words' scores.
    pub fn score(&self, index: &Index, id: RecordId, scorer: &dyn Scorer) -> i64 {
        let name = index.name(id);
        let folded = index.folded(id);
        let padded = index.meta[id as usize].has(FLAG_PADDED);
        let mut unpadded = None;
        self.query
            .terms
            .iter()
            .filter_map(|t| Self::term_score(t, name, folded, padded, scorer, &mut unpadded))
            .map(|(s, _, _)| s)
            .sum()
    }

    /// The packed sort key of a matching record (see [`pack_key`]).
    pub fn key(&self, index: &Index, id: RecordId, class: MatchClass, scorer: &dyn Scorer) -> u64 {
        let order = index.order[id as usize];
        if self.query.terms.is_empty() {
            return u64::from(order);
        }
        let score = self.score(index, id, scorer);
        pack_key(class, score, name_len(index, id), order)
    }
}

/// Name length in chars (bytes for ASCII names).
pub(crate) fn name_len(index: &Index, id: RecordId) -> usize {
    if index.meta[id as usize].has(FLAG_PADDED) {
        index.name(id).chars().count()
    } else {
        index.name(id).len()
    }
}

/// Decodes a packed key's score back (for [`Hit::score`]).
pub(crate) fn key_score(key: u64) -> i64 {
    let inverted = (key >> 40) & ((1 << 20) - 1);
    ((1 << 20) - 1 - inverted) as i64 - (1 << 19)
}

/// Decodes a packed key's class.
pub(crate) fn key_class(key: u64) -> MatchClass {
    MatchClass::ALL[(key >> 60) as usize & 3]
}

/// Char positions in record `id`'s name to highlight: for each word, the matched letters of
/// its best-scoring spelling. Call it for visible rows only.
pub fn highlights(index: &Index, query: &Query, id: RecordId, scorer: &dyn Scorer) -> Vec<usize> {
    let name = index.name(id);
    let folded = index.folded(id);
    let padded = index.meta[id as usize].has(FLAG_PADDED);
    let mut unpadded = None;
    let mut out = Vec::new();
    for term in &query.terms {
        let Some((_, a, on_folded)) =
            Prepared::term_score(term, name, folded, padded, scorer, &mut unpadded)
        else {
            continue;
        };
        let alt = &term.alts[a];
        let found = if on_folded {
            scorer.positions(&fold::unpad(folded), &alt.folded)
        } else {
            scorer.positions(name, &alt.lower)
        };
        if let Some((_, positions)) = found {
            out.extend(positions);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}
