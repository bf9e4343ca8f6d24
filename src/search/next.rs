//! The next keystroke, prepared in idle time: once a query is answered, each of its matches
//! gets two small masks saying, for every letter or digit `c`, whether the query extended by
//! `c` still matches the name and how (name prefix, word prefix). Typing `c` then narrows the
//! matches with bit tests, reading no name; the scorer and the facets run as usual on the
//! result, so the answer is exactly the plain search's.
//!
//! Why it is exact: a pattern `p` followed by `c` is a subsequence of a name if and only if
//! `c` occurs after the leftmost (greedy) match of `p`; and the phrase `p + c` starts the name,
//! or a word of it, exactly where `p` does and `c` follows. Names the masks cannot describe
//! (with accents, which keep a padded folded copy, and city and province names, which are
//! also exact without their `Kota ` prefix) are marked and take the plain test.
//!
//! Idle time also computes, once per index, each name's [`Starts`] (which letters stand where
//! a bonus is, which pairs are adjacent), from which the ranking bounds a scattered match's
//! score without reading its name (`bound::coarse_bound`).

use super::bound::{Starts, starts_of};
use super::engine::{Cancel, Scan, par};
use super::index::{FLAG_PADDED, Index, RecordId};
use super::letters::slot;
use super::query::Query;
use super::rank::{MatchClass, Prepared, starts_ci};
use super::scorer::Scorer;
use crate::model::Kind;
use std::sync::Arc;

/// Bits 36..42 of a follow mask: the slot + 1 of the char after the phrase when the name
/// starts with the phrase (0: it does not, or nothing or no letter follows).
const NAME_NEXT_SHIFT: u32 = 36;
/// A follow mask with this bit: decide the record with the plain test.
const PLAIN: u64 = 1 << 63;
/// How often a pass checks for cancellation.
const CANCEL_EVERY: usize = 4096;

/// What a level's matches need for the next keystroke, one entry per match, in match order.
#[derive(Debug, Default)]
pub(crate) struct Next {
    /// The level's matches the masks describe.
    matches: Arc<Vec<RecordId>>,
    /// Bits 0..36: the letters and digits after the greedy match of the last word in the
    /// name; bits 36..42: see [`NAME_NEXT_SHIFT`]; [`PLAIN`].
    follow: Vec<u64>,
    /// The letters and digits that follow the phrase where it starts a word of the name
    /// (after its first char).
    word: Vec<u64>,
}

/// The folded last word and the phrase of a query the masks can describe: every word and
/// the phrase in ASCII, the last word with one spelling. `None` otherwise.
fn shape(query: &Query) -> Option<(&[u8], &[u8])> {
    let last = query.terms.last()?;
    let [alt] = last.alts.as_slice() else {
        return None;
    };
    let [phrase] = query.phrases.as_slice() else {
        return None;
    };
    (alt.folded.is_ascii() && phrase.is_ascii())
        .then_some((alt.folded.as_bytes(), phrase.as_bytes()))
}

/// Slot bits of the letters and digits in `bytes` (any ASCII case).
fn slots_of(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |m, &b| {
        m | slot(b.to_ascii_lowercase()).map_or(0, |s| 1 << s)
    })
}

/// The masks of one ASCII name (its own folded copy, in any case).
pub(crate) fn masks_of(hay: &[u8], last: &[u8], phrase: &[u8]) -> (u64, u64) {
    // The greedy match of the last word, then what follows it.
    let mut want = last.iter();
    let mut next = want.next();
    let mut end = None;
    if next.is_none() {
        end = Some(0);
    }
    for (j, &b) in hay.iter().enumerate() {
        if next.is_some_and(|&n| n == b.to_ascii_lowercase()) {
            next = want.next();
            if next.is_none() {
                end = Some(j + 1);
                break;
            }
        }
    }
    let mut follow = end.map_or(0, |e| slots_of(&hay[e..]));
    let mut word = 0;
    let Some(&first) = phrase.first() else {
        return (follow, word);
    };
    for at in 0..hay.len() {
        if hay[at].to_ascii_lowercase() != first
            || at > 0 && hay[at - 1].is_ascii_alphanumeric()
            || !starts_ci(&hay[at..], phrase)
        {
            continue;
        }
        let Some(s) = hay
            .get(at + phrase.len())
            .and_then(|b| slot(b.to_ascii_lowercase()))
        else {
            continue;
        };
        if at == 0 {
            follow |= (s as u64 + 1) << NAME_NEXT_SHIFT;
        } else {
            word |= 1 << s;
        }
    }
    (follow, word)
}

/// Masks for none of `matches` yet, if the shape of `query` allows them ([`prepare`] fills
/// them in).
pub(crate) fn start(query: &Query, matches: &Arc<Vec<RecordId>>) -> Option<Next> {
    shape(query)?;
    Some(Next {
        matches: Arc::clone(matches),
        follow: Vec::with_capacity(matches.len()),
        word: Vec::with_capacity(matches.len()),
    })
}

impl Next {
    /// Whether every match has its masks.
    pub fn is_complete(&self) -> bool {
        self.follow.len() == self.matches.len()
    }
}

/// Computes the masks of `next`'s matches of `query` from where an earlier call stopped, on
/// the calling thread (idle time: the other core stays free for drawing). Returns false when
/// `cancel` said to stop first; the masks computed so far serve [`narrow`] all the same.
pub(crate) fn prepare(index: &Index, query: &Query, next: &mut Next, cancel: Cancel<'_>) -> bool {
    let Some((last, phrase)) = shape(query) else {
        return false;
    };
    let matches = Arc::clone(&next.matches);
    while !next.is_complete() {
        if cancel() {
            return false;
        }
        let from = next.follow.len();
        for &id in &matches[from..(from + CANCEL_EVERY).min(matches.len())] {
            let m = index.meta[id as usize];
            let (f, w) = if m.has(FLAG_PADDED) || matches!(m.kind(), Kind::City | Kind::Province) {
                (PLAIN, 0)
            } else {
                masks_of(index.hay(id), last, phrase)
            };
            next.follow.push(f);
            next.word.push(w);
        }
    }
    true
}

/// The slot of the char that `query` adds to `wider` (one letter or digit typed at the end
/// of the last word, nothing else changed), if [`narrow`] can answer it from `wider`'s masks.
pub(crate) fn added_slot(wider: &Query, query: &Query) -> Option<usize> {
    let (w_last, w_phrase) = shape(wider)?;
    let (last, phrase) = shape(query)?;
    let n = query.terms.len();
    if wider.terms.len() != n || wider.terms[..n - 1] != query.terms[..n - 1] {
        return None;
    }
    let (&c, head) = last.split_last()?;
    let (&pc, phead) = phrase.split_last()?;
    (head == w_last && phead == w_phrase && pc == c && query.narrows(wider))
        .then(|| slot(c))
        .flatten()
}

/// Narrows the matches of `wider` (with their masks `next`) to the matches of `query`, which adds
/// the char of slot `s` to the last word (see [`added_slot`]), with their classes. `None`
/// when cancelled.
pub(crate) fn narrow(
    index: &Index,
    prep: &Prepared<'_>,
    wider: &Query,
    next: &Next,
    s: usize,
    scorers: &[Box<dyn Scorer>],
    cancel: Cancel<'_>,
) -> Option<Scan> {
    let query = prep.query;
    let filtered = query.filters() != wider.filters();
    let last_term = query.terms.len() - 1;
    let phrase_len = query.phrases[0].len();
    let bit = 1u64 << s;
    let name_next = (s as u64 + 1) << NAME_NEXT_SHIFT;
    let wider_matches = &next.matches[..];
    let parts = par(scorers, wider_matches.len(), |r, _| {
        let mut out = Scan::default();
        for block in r.clone().step_by(CANCEL_EVERY) {
            if cancel() {
                return None;
            }
            let end = (block + CANCEL_EVERY).min(r.end);
            for (i, &id) in (block..end).zip(&wider_matches[block..end]) {
                let m = index.meta[id as usize];
                if filtered && !prep.accepts(m, id) {
                    continue;
                }
                // Matches beyond those prepared (a cancelled preparation) take the plain test.
                let f = next.follow.get(i).copied().unwrap_or(PLAIN);
                let class = if f & PLAIN != 0 {
                    match prep.matches(index, id) {
                        Some(class) => class,
                        None => continue,
                    }
                } else {
                    if f & bit == 0 && !prep.in_term_city(last_term, m) {
                        continue;
                    }
                    if f & (0x7F << NAME_NEXT_SHIFT) == name_next {
                        if index.name_bytes(id) == phrase_len {
                            MatchClass::Exact
                        } else {
                            MatchClass::NamePrefix
                        }
                    } else if next.word.get(i).is_some_and(|w| w & bit != 0) {
                        MatchClass::WordPrefix
                    } else {
                        MatchClass::Fuzzy
                    }
                };
                out.ids.push(id);
                out.classes.push(class);
                out.counts[class as usize] += 1;
            }
        }
        Some(out)
    });
    let mut all = Scan::default();
    for part in parts {
        all.append(part?);
    }
    Some(all)
}

/// Extends `done` with [`starts_of`] of the following records' names, up to every record
/// (names with accents get an empty one: the coarse key leaves them to the bound). Returns
/// false when `cancel` said to stop; a later call goes on from there.
pub(crate) fn starts(index: &Index, done: &mut Vec<Starts>, cancel: Cancel<'_>) -> bool {
    done.reserve_exact(index.len() - done.len().min(index.len()));
    while done.len() < index.len() {
        if cancel() {
            return false;
        }
        let (block, end) = (done.len(), (done.len() + CANCEL_EVERY).min(index.len()));
        done.extend((block..end).map(|i| {
            if index.meta[i].has(FLAG_PADDED) {
                Starts::default()
            } else {
                starts_of(index.name(i as RecordId).as_bytes())
            }
        }));
    }
    true
}

#[cfg(test)]
#[path = "next_tests.rs"]
mod tests;
