//! Matching and ranking one record against a compiled query: the prefilter, the match class
//! (exact, prefix, fuzzy), the scorer call and the packed sort key.

#[cfg(doc)]
use super::bound::starts_of;
use super::bound::{Starts, coarse_bound, skim_bound};
use super::fold;
use super::index::{FLAG_PADDED, FLAG_STALE, Index, Meta, NO_CITY, RecordId};
use super::query::{KATA_NONE, Query, Term, iccn_bit, kata_bit};
use super::scorer::Scorer;
use crate::model::Kind;

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
    /// For a scattered match, the sum of the scorer's scores over the query's words; 0 for
    /// exact and prefix matches (ranked by length instead) and without text.
    pub score: i64,
}

/// Prefixes that say what a region is; `semarang` should be exact for `Kota Semarang`.
pub(crate) const REGION_PREFIXES: &[&str] = &["kota ", "kabupaten ", "kab. ", "kab ", "provinsi "];

/// A query compiled against one index: bitsets for the filters and the places.
pub(crate) struct Prepared<'q> {
    pub query: &'q Query,
    kinds: u8,
    /// Bitset over provinces (`NO_PROVINCE` never set); `None` = any.
    provinces: Option<[u64; 4]>,
    /// `sub:` as (subsector bits, bitset over records having one of the tags).
    sub: Option<(u32, Vec<u64>)>,
    iccn: u8,
    /// `kata:` as a bitset over cities that pass, and whether a record without a city passes.
    kata: Option<(Vec<u64>, bool)>,
    stale: Option<bool>,
    /// Per term: bitset over cities it names as place context (empty = none).
    term_cities: Vec<Vec<u64>>,
    /// Per record, what [`coarse_bound`] needs (see [`Prepared::with_starts`]).
    starts: Option<&'q [Starts]>,
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
            kata: (f.kata != 0).then(|| {
                let pass = index
                    .regions
                    .cities
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| f.kata & kata_bit(c.kata_year) != 0)
                    .map(|(i, _)| i);
                (bitset(cities, pass), f.kata & KATA_NONE != 0)
            }),
            stale: f.stale,
            term_cities: query
                .terms
                .iter()
                .map(|t| bitset(cities, t.cities.iter().map(|&c| usize::from(c))))
                .collect(),
            starts: None,
        }
    }

    /// Lets the ranking rule out scattered matches with [`Prepared::coarse_key`] before
    /// computing their bound: `starts` holds [`starts_of`] of every record's name.
    #[must_use]
    pub(crate) fn with_starts(mut self, starts: Option<&'q [Starts]>) -> Self {
        self.starts = starts;
        self
    }

    /// Whether [`Prepared::coarse_key`] can rule matches out (see [`Prepared::with_starts`]).
    pub fn has_starts(&self) -> bool {
        self.starts.is_some()
    }

    /// A key no better than [`Prepared::bound_key`] can be, computed from the record's
    /// [`Starts`] without reading its name (the bound itself for names with accents,
    /// and without the words).
    pub fn coarse_key(&self, index: &Index, id: RecordId) -> u64 {
        let i = id as usize;
        let Some(&starts) = self.starts.and_then(|s| s.get(i)) else {
            return self.bound_key(index, id);
        };
        if index.meta[i].has(FLAG_PADDED) {
            return self.bound_key(index, id);
        }
        let bound = self.per_term_best(|a| Some(coarse_bound(a.folded.as_bytes(), starts)));
        pack_key(
            MatchClass::Fuzzy,
            bound,
            name_len(index, id),
            index.order_of(id),
        )
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
        if self.iccn != 0 && self.iccn & iccn_bit(m.iccn()) == 0 {
            return false;
        }
        if let Some((cities, no_city)) = &self.kata {
            let pass = if m.city == NO_CITY {
                *no_city
            } else {
                bit_set(cities, usize::from(m.city))
            };
            if !pass {
                return false;
            }
        }
        self.stale.is_none_or(|v| v == m.has(FLAG_STALE))
    }

    /// Whether the record's city is one that word `t` names as place context.
    #[inline]
    pub fn in_term_city(&self, t: usize, m: Meta) -> bool {
        m.city != NO_CITY && bit_set(&self.term_cities[t], usize::from(m.city))
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
        let hay = index.hay(id);
        for (t, term) in self.query.terms.iter().enumerate() {
            // The mask test comes first: it rejects most records without reading the name.
            let in_name = term.alts.iter().any(|a| Self::alt_in(a, mask, hay));
            if !in_name
                && (m.city == NO_CITY || !bit_set(&self.term_cities[t], usize::from(m.city)))
            {
                return None;
            }
        }
        Some(self.class(hay, m))
    }

    fn class(&self, hay: &[u8], m: Meta) -> MatchClass {
        if m.has(FLAG_PADDED) {
            // Rare: compare without the padding.
            return self.class_of(fold::unpad(hay).as_bytes(), m);
        }
        self.class_of(hay, m)
    }

    /// The class of a name (folded, or ASCII in any case) for the query's phrases.
    fn class_of(&self, name: &[u8], m: Meta) -> MatchClass {
        let mut best = MatchClass::Fuzzy;
        let region = matches!(m.kind(), Kind::City | Kind::Province);
        for phrase in &self.query.phrases {
            let p = phrase.as_bytes();
            if name.eq_ignore_ascii_case(p)
                || region
                    && REGION_PREFIXES.iter().any(|pre| {
                        starts_ci(name, pre.as_bytes()) && name[pre.len()..].eq_ignore_ascii_case(p)
                    })
            {
                return MatchClass::Exact;
            }
            if starts_ci(name, p) {
                best = best.min(MatchClass::NamePrefix);
            } else if best == MatchClass::Fuzzy && has_word_starting(name, p) {
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
        hay: &[u8],
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
                let plain = unpadded.get_or_insert_with(|| fold::unpad(hay));
                scorer.score(plain, &alt.folded)
            } else if original.is_none() && alt.lower != alt.folded {
                // An ASCII name is its own folded copy (the scorer ignores case); only the
                // pattern's accents differ.
                scorer.score(name, &alt.folded)
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
        let hay = index.hay(id);
        let padded = index.meta[id as usize].has(FLAG_PADDED);
        let mut unpadded = None;
        self.query
            .terms
            .iter()
            .filter_map(|t| Self::term_score(t, name, hay, padded, scorer, &mut unpadded))
            .map(|(s, _, _)| s)
            .sum()
    }

    /// A key no better than the record's [`Prepared::key`] can be, computed without the
    /// scorer (see [`skim_bound`]); for scattered matches only.
    pub fn bound_key(&self, index: &Index, id: RecordId) -> u64 {
        let i = id as usize;
        let order = index.order_of(id);
        let len = name_len(index, id);
        if index.meta[i].has(FLAG_PADDED) {
            return pack_key(MatchClass::Fuzzy, self.padded_bound(index, id), len, order);
        }
        let name = index.name(id).as_bytes();
        let bound = self.per_term_best(|a| skim_bound(a.folded.as_bytes(), name));
        pack_key(MatchClass::Fuzzy, bound, len, order)
    }

    /// [`Prepared::bound_key`]'s score bound for a name with accents (a padded folded copy).
    /// The scorer tries the name and its folded copy ([`Prepared::term_score`]); an ASCII
    /// spelling matches only ASCII chars of either, so each other char becomes a space: it
    /// still never matches, keeps the gaps as long, and gives the next char the largest
    /// in-place bonus a char after it can get. Spellings with other chars are not bounded.
    fn padded_bound(&self, index: &Index, id: RecordId) -> i64 {
        let spaced = |s: &str| -> Vec<u8> {
            s.chars()
                .map(|c| if c.is_ascii() { c as u8 } else { b' ' })
                .collect()
        };
        let name = spaced(index.name(id));
        let folded = spaced(&fold::unpad(index.hay(id)));
        let mut total = 0i64;
        for t in &self.query.terms {
            let mut best = 0i64;
            for a in &t.alts {
                if !(a.lower.is_ascii() && a.folded.is_ascii()) {
                    return i64::MAX;
                }
                let on_name = skim_bound(a.lower.as_bytes(), &name);
                let on_folded = skim_bound(a.folded.as_bytes(), &folded);
                best = best.max(on_name.max(on_folded).unwrap_or(0));
            }
            total = total.saturating_add(best);
        }
        total
    }

    /// The sum over the query's words of the best bound `f` gives any spelling of the word
    /// (0 for a word no spelling bounds).
    fn per_term_best(&self, f: impl Fn(&super::query::Alt) -> Option<i64>) -> i64 {
        self.query
            .terms
            .iter()
            .map(|t| t.alts.iter().filter_map(&f).max().unwrap_or(0))
            .fold(0i64, i64::saturating_add)
    }

    /// The packed sort key of a matching record (see [`pack_key`]). Only scattered matches
    /// are ranked by the scorer; exact and prefix matches by length, kind and name.
    pub fn key(&self, index: &Index, id: RecordId, class: MatchClass, scorer: &dyn Scorer) -> u64 {
        let order = index.order_of(id);
        if self.query.terms.is_empty() {
            return u64::from(order);
        }
        let score = if class == MatchClass::Fuzzy {
            self.score(index, id, scorer)
        } else {
            0
        };
        pack_key(class, score, name_len(index, id), order)
    }
}

/// Whether `name` starts with the lowercase `p`, without ASCII case.
#[inline]
pub(crate) fn starts_ci(name: &[u8], p: &[u8]) -> bool {
    name.len() >= p.len() && name[..p.len()].eq_ignore_ascii_case(p)
}

/// Whether a word of `name` (after a byte that is not an ASCII letter or digit) starts with
/// the lowercase `p`, without ASCII case. Most names are short: one plain pass beats setting
/// up a SIMD `memchr` for each occurrence of the first byte (the scan asks this of nearly
/// every scattered match); longer names take `memchr`, which beats a substring searcher.
#[inline]
fn has_word_starting(name: &[u8], p: &[u8]) -> bool {
    const SHORT: usize = 48;
    let Some((&first, _)) = p.split_first() else {
        return false;
    };
    if name.len() <= SHORT {
        // The bytes `fold::find_ci` finds for `first`.
        let upper = if first.is_ascii_lowercase() {
            first.to_ascii_uppercase()
        } else {
            first
        };
        return (1..name.len()).any(|at| {
            let b = name[at];
            (b == first || b == upper)
                && !name[at - 1].is_ascii_alphanumeric()
                && starts_ci(&name[at..], p)
        });
    }
    let mut from = 1;
    while let Some(at) = name.get(from..).and_then(|rest| fold::find_ci(first, rest)) {
        let at = from + at;
        if !name[at - 1].is_ascii_alphanumeric() && starts_ci(&name[at..], p) {
            return true;
        }
        from = at + 1;
    }
    false
}

/// Name length in chars (bytes for ASCII names).
pub(crate) fn name_len(index: &Index, id: RecordId) -> usize {
    if index.meta[id as usize].has(FLAG_PADDED) {
        index.name(id).chars().count()
    } else {
        index.name_bytes(id)
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
    let hay = index.hay(id);
    let padded = index.meta[id as usize].has(FLAG_PADDED);
    let mut unpadded = None;
    let mut out = Vec::new();
    for term in &query.terms {
        let Some((_, a, on_folded)) =
            Prepared::term_score(term, name, hay, padded, scorer, &mut unpadded)
        else {
            continue;
        };
        let alt = &term.alts[a];
        let found = if on_folded && padded {
            scorer.positions(&fold::unpad(hay), &alt.folded)
        } else if on_folded {
            scorer.positions(name, &alt.folded)
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
