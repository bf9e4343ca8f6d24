//! Matching and ranking one record against a compiled query: the prefilter, the match class
//! (exact, prefix, fuzzy), the scorer call and the packed sort key.

use super::fold;
use super::index::{FLAG_ICCN, FLAG_PADDED, FLAG_STALE, Index, Meta, NO_CITY, RecordId};
use super::query::{Query, Term};
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
    iccn: Option<bool>,
    stale: Option<bool>,
    /// Per term: bitset over cities it names as place context (empty = none).
    term_cities: Vec<Vec<u64>>,
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
        let order = index.order[i];
        let len = name_len(index, id);
        if index.meta[i].has(FLAG_PADDED) {
            return pack_key(MatchClass::Fuzzy, i64::MAX, len, order);
        }
        let name = index.name(id).as_bytes();
        let bound = self
            .query
            .terms
            .iter()
            .map(|t| {
                t.alts
                    .iter()
                    .filter_map(|a| skim_bound(a.folded.as_bytes(), name))
                    .max()
                    .unwrap_or(0)
            })
            .fold(0i64, i64::saturating_add);
        pack_key(MatchClass::Fuzzy, bound, len, order)
    }

    /// The packed sort key of a matching record (see [`pack_key`]). Only scattered matches
    /// are ranked by the scorer; exact and prefix matches by length, kind and name.
    pub fn key(&self, index: &Index, id: RecordId, class: MatchClass, scorer: &dyn Scorer) -> u64 {
        let order = index.order[id as usize];
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

/// Skim's in-place bonus of the char at `j` of an ASCII name: 8 after the start or a hard
/// separator (doubled for the first char), 7 after other punctuation, 6 for a camel hump.
fn in_place_bonus(name: &[u8], j: usize) -> i32 {
    let cur = name[j];
    let Some(&prev) = j.checked_sub(1).and_then(|k| name.get(k)) else {
        return 16;
    };
    match prev {
        0 | b' ' | b'/' | b'\\' | b'|' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => 8,
        b'!'..=b'\'' | b'*'..=b'.' | b':'..=b'@' | b'^'..=b'`' | b'~' => 7,
        b'a'..=b'z' | b'0'..=b'9' if cur.is_ascii_uppercase() => 6,
        _ if !prev.is_ascii() && cur.is_ascii_uppercase() => 6,
        _ => 0,
    }
}

/// An upper bound of the skim score of the lowercase ASCII pattern `p` in the ASCII `name`,
/// or `None` when `p` is not a subsequence of it (ASCII case ignored).
///
/// It runs skim's alignment recurrence on bytes with only the case penalty left out: each
/// matched char scores 16 plus its in-place bonus after a gap (a gap costs 3 plus its
/// length), or plus max(in-place bonus, 4) when it continues a run. (fuzzy-matcher 0.3.7
/// stores a run's bonus in the cell it is about to leave, so a run never carries its first
/// char's bonus forward; the tests check the bound against the scorer.) Skim itself spends
/// most of its time converting, allocating and classifying chars, so this costs a fraction
/// of a call and lets most scattered matches go unscored.
pub(crate) fn skim_bound(p: &[u8], name: &[u8]) -> Option<i64> {
    // Rows on the stack for the usual short names; longer ones are rare enough for the heap.
    const SHORT: usize = 64;
    if name.len() <= 64 && p.len() <= 32 {
        return skim_bound_bits(p, name);
    }
    // Nothing can match before the first occurrence of the pattern's first char.
    let start = memchr::memchr2(p.first()?.to_ascii_uppercase(), p[0], name)?;
    if name.len() - start <= SHORT {
        let mut rows = [0i32; 3 * SHORT];
        skim_bound_in(p, name, start, &mut rows)
    } else {
        skim_bound_in(p, name, start, &mut vec![0i32; 3 * name.len()])
    }
}

/// [`skim_bound`] for names of at most 64 bytes: the same recurrence, visiting only the
/// positions where each pattern char occurs (bit sets), which are few.
fn skim_bound_bits(p: &[u8], name: &[u8]) -> Option<i64> {
    const NEG: i32 = i32::MIN / 2;
    let mut occurs = [0u64; 32];
    for (j, &b) in name.iter().enumerate() {
        let b = b.to_ascii_lowercase();
        for (o, &pc) in occurs.iter_mut().zip(p) {
            *o |= u64::from(b == pc) << j;
        }
    }
    let mut prev = [0i32; 64];
    let mut cur = [0i32; 64];
    let mut prev_valid = occurs[0];
    let mut bits = prev_valid;
    while bits != 0 {
        let j = bits.trailing_zeros() as usize;
        prev[j] = 15 + in_place_bonus(name, j);
        bits &= bits - 1;
    }
    for &here in &occurs[1..p.len()] {
        let mut valid = 0u64;
        let mut gap_from = NEG; // best prev[j'] + j' over j' <= j - 2
        let mut unfolded = prev_valid;
        let mut bits = here;
        while bits != 0 {
            let j = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            while unfolded != 0 && unfolded.trailing_zeros() as usize + 2 <= j {
                let k = unfolded.trailing_zeros() as usize;
                gap_from = gap_from.max(prev[k] + k as i32);
                unfolded &= unfolded - 1;
            }
            let run = if j >= 1 && prev_valid >> (j - 1) & 1 == 1 {
                prev[j - 1] + in_place_bonus(name, j).max(4)
            } else {
                NEG
            };
            let after_gap = if gap_from > NEG {
                gap_from - j as i32 - 2 + in_place_bonus(name, j)
            } else {
                NEG
            };
            let best = run.max(after_gap);
            if best > NEG {
                cur[j] = 16 + best;
                valid |= 1 << j;
            }
        }
        if valid == 0 {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
        prev_valid = valid;
    }
    let mut best = None;
    let mut bits = prev_valid;
    while bits != 0 {
        let j = bits.trailing_zeros() as usize;
        best = best.max(Some(i64::from(prev[j])));
        bits &= bits - 1;
    }
    best
}

/// [`skim_bound`] over `name[start..]`, with scratch space for three rows of values.
fn skim_bound_in(p: &[u8], full: &[u8], start: usize, scratch: &mut [i32]) -> Option<i64> {
    const NEG: i32 = i32::MIN / 2;
    let name = &full[start..];
    let n = name.len();
    let (bonus, rows) = scratch.split_at_mut(n);
    let (prev, cur) = rows.split_at_mut(n);
    let (mut prev, mut cur) = (&mut prev[..n], &mut cur[..n]);
    for (j, b) in bonus.iter_mut().enumerate() {
        *b = in_place_bonus(full, start + j);
    }
    for (i, &pc) in p.iter().enumerate() {
        // Best prev[j'] + j' over j' <= j - 2: the start of a gap ending before j.
        let mut gap_from = NEG;
        let mut any = false;
        for j in 0..n {
            if j >= 2 {
                gap_from = gap_from.max(prev[j - 2] + j as i32 - 2);
            }
            cur[j] = if name[j].to_ascii_lowercase() != pc {
                NEG
            } else if i == 0 {
                15 + bonus[j]
            } else {
                let run = if j >= 1 {
                    prev[j - 1] + bonus[j].max(4)
                } else {
                    NEG
                };
                let after_gap = gap_from - j as i32 - 2 + bonus[j];
                16 + run.max(after_gap)
            };
            any |= cur[j] > NEG / 2;
        }
        if !any {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.iter()
        .copied()
        .filter(|&v| v > NEG / 2)
        .max()
        .map(i64::from)
}

/// Whether `name` starts with the lowercase `p`, without ASCII case.
#[inline]
pub(crate) fn starts_ci(name: &[u8], p: &[u8]) -> bool {
    name.len() >= p.len() && name[..p.len()].eq_ignore_ascii_case(p)
}

/// Whether a word of `name` (after a byte that is not an ASCII letter or digit) starts with
/// the lowercase `p`, without ASCII case. Names are short, so a `memchr` for the first byte
/// beats a substring searcher.
#[inline]
fn has_word_starting(name: &[u8], p: &[u8]) -> bool {
    let Some((&first, _)) = p.split_first() else {
        return false;
    };
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
