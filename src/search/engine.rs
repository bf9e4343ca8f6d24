//! The search passes over many records, split across threads (one scorer each): the scan
//! (filters and prefilter, no scorer) and the ranking (scorer on the few that can reach the
//! top k, then `select_nth_unstable`).

use super::index::{Index, RecordId};
use super::rank::{Hit, MatchClass, Prepared, key_class, key_score};
use super::scorer::Scorer;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Below this many items a pass runs on the calling thread alone: spawning costs more.
const PARALLEL_MIN: usize = 8192;
/// How often a pass checks for cancellation.
const CANCEL_EVERY: usize = 4096;

/// Returns true when the search should stop (a newer query arrived).
pub type Cancel<'a> = &'a (dyn Fn() -> bool + Sync);

/// The records a search looks at: every record, or the matches of a wider query.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Candidates<'a> {
    All(usize),
    List(&'a [RecordId]),
}

impl Candidates<'_> {
    pub fn len(self) -> usize {
        match self {
            Candidates::All(n) => n,
            Candidates::List(l) => l.len(),
        }
    }
}

/// The records that matched, in index order, with their classes.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    pub ids: Vec<RecordId>,
    pub classes: Vec<MatchClass>,
    pub counts: [usize; 4],
}

impl Scan {
    pub(crate) fn append(&mut self, mut other: Scan) {
        self.ids.append(&mut other.ids);
        self.classes.append(&mut other.classes);
        for (a, b) in self.counts.iter_mut().zip(other.counts) {
            *a += b;
        }
    }
}

/// Parts per thread of a parallel pass: threads take parts as they finish, so one slowed down
/// by other work on the machine (two shared cores) does not leave the other waiting for it.
const PARTS_PER_THREAD: usize = 8;

/// Runs `f` over contiguous parts of `0..n`, spread over one thread per scorer (the first
/// being this thread), each thread taking the next part when done. Results come back in order.
pub(crate) fn par<T: Send>(
    scorers: &[Box<dyn Scorer>],
    n: usize,
    f: impl Fn(Range<usize>, &dyn Scorer) -> T + Sync,
) -> Vec<T> {
    let threads = if n < PARALLEL_MIN {
        1
    } else {
        scorers.len().max(1)
    };
    if threads == 1 {
        return vec![f(0..n, scorers[0].as_ref())];
    }
    let parts = threads * PARTS_PER_THREAD;
    let next = AtomicUsize::new(0);
    let work = |scorer: &dyn Scorer| {
        let mut done = Vec::new();
        loop {
            let p = next.fetch_add(1, Ordering::Relaxed);
            if p >= parts {
                return done;
            }
            done.push((p, f(n * p / parts..n * (p + 1) / parts, scorer)));
        }
    };
    let mut all = std::thread::scope(|s| {
        let work = &work;
        let handles: Vec<_> = scorers[1..threads]
            .iter()
            .map(|sc| s.spawn(move || work(sc.as_ref())))
            .collect();
        let mut all = work(scorers[0].as_ref());
        for h in handles {
            match h.join() {
                Ok(v) => all.extend(v),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    });
    all.sort_unstable_by_key(|&(p, _)| p);
    all.into_iter().map(|(_, t)| t).collect()
}

/// Filters and prefilters `cands[range]`. `None` when cancelled.
pub(crate) fn scan(
    index: &Index,
    prep: &Prepared<'_>,
    cands: Candidates<'_>,
    range: Range<usize>,
    scorers: &[Box<dyn Scorer>],
    cancel: Cancel<'_>,
) -> Option<Scan> {
    let start = range.start;
    let parts = par(scorers, range.len(), |r, _| {
        let mut out = Scan::default();
        let r = start + r.start..start + r.end;
        for block in r.clone().step_by(CANCEL_EVERY) {
            if cancel() {
                return None;
            }
            let end = (block + CANCEL_EVERY).min(r.end);
            let mut visit = |id: RecordId| {
                if let Some(class) = prep.matches(index, id) {
                    out.ids.push(id);
                    out.classes.push(class);
                    out.counts[class as usize] += 1;
                }
            };
            match cands {
                Candidates::All(_) => (block..end).for_each(|i| visit(i as RecordId)),
                Candidates::List(l) => l[block..end].iter().for_each(|&id| visit(id)),
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

/// The best `k` of a scan, ranked. Exact and prefix matches need no scorer. Scattered
/// matches are scored only when fewer than `k` names match better, and then in order of an
/// upper bound of their score ([`Prepared::bound_key`]): once `k` are scored, a match whose
/// bound cannot beat the `k`-th is never scored. At most `budget` of them are scored (the
/// most promising first), which bounds the time of an early first page.
pub(crate) fn top_k(
    index: &Index,
    prep: &Prepared<'_>,
    scan: &Scan,
    k: usize,
    budget: usize,
    scorers: &[Box<dyn Scorer>],
    cancel: Cancel<'_>,
) -> Option<Vec<Hit>> {
    if k == 0 || scan.ids.is_empty() {
        return Some(Vec::new());
    }
    let text = !prep.query.terms.is_empty();
    if !text {
        return Some(first_in_order(index, &scan.ids, k));
    }
    let mut cutoff = MatchClass::Fuzzy;
    let mut seen = 0;
    for class in MatchClass::ALL {
        seen += scan.counts[class as usize];
        if seen >= k {
            cutoff = class;
            break;
        }
    }
    // A complete ranking first rules scattered matches out by a coarse key, reading no name.
    let coarse = budget == usize::MAX && prep.has_starts();
    // Sure keys (no scorer needed) and, for scattered matches, bound (or coarse) keys.
    let parts = par(scorers, scan.ids.len(), |r, scorer| {
        let mut sure = Vec::new();
        let mut maybe = Vec::new();
        for block in r.clone().step_by(CANCEL_EVERY) {
            if cancel() {
                return None;
            }
            let end = (block + CANCEL_EVERY).min(r.end);
            for (&id, &class) in scan.ids[block..end].iter().zip(&scan.classes[block..end]) {
                if class > cutoff {
                    continue;
                }
                if class == MatchClass::Fuzzy && text {
                    let key = if coarse {
                        prep.coarse_key(index, id)
                    } else {
                        prep.bound_key(index, id)
                    };
                    maybe.push((key, id));
                } else {
                    sure.push((prep.key(index, id, class, scorer), id));
                }
            }
        }
        Some((sure, maybe))
    });
    let mut keyed = Vec::new();
    let mut maybe = Vec::new();
    for part in parts {
        let (mut s, mut m) = part?;
        keyed.append(&mut s);
        maybe.append(&mut m);
    }
    let need = k.saturating_sub(keyed.len());
    keyed.append(&mut if coarse {
        best_scattered_coarse(index, prep, maybe, need, Head::DEFAULT, scorers, cancel)?
    } else {
        best_scattered(index, prep, maybe, need, budget, scorers, cancel)?
    });
    if index.has_order() {
        if keyed.len() > k {
            keyed.select_nth_unstable(k - 1);
            keyed.truncate(k);
        }
        keyed.sort_unstable();
    } else {
        // A lean index: keys tie across records, so every record tied with the k-th key
        // stays until names decide.
        if keyed.len() > k {
            keyed.select_nth_unstable(k - 1);
            let kth = keyed[k - 1].0;
            let (top, rest) = keyed.split_at_mut(k);
            let mut ties: Vec<(u64, RecordId)> =
                rest.iter().filter(|e| e.0 == kth).copied().collect();
            let mut kept = top.to_vec();
            kept.append(&mut ties);
            keyed = kept;
        }
        keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| index.tie_cmp(a.1, b.1)));
        keyed.truncate(k);
    }
    Some(
        keyed
            .into_iter()
            .map(|(key, id)| {
                if text {
                    Hit {
                        id,
                        class: key_class(key),
                        score: key_score(key),
                    }
                } else {
                    Hit {
                        id,
                        class: MatchClass::Fuzzy,
                        score: 0,
                    }
                }
            })
            .collect(),
    )
}

/// Without text, the first `k` matches in (kind, name) order, kept in a bounded heap rather
/// than sorting every match (all records, for an empty query line).
fn first_in_order(index: &Index, ids: &[RecordId], k: usize) -> Vec<Hit> {
    let hit = |id| Hit {
        id,
        class: MatchClass::Fuzzy,
        score: 0,
    };
    if !index.has_order() {
        let mut ids = ids.to_vec();
        if ids.len() > k {
            ids.select_nth_unstable_by(k - 1, |&a, &b| index.tie_cmp(a, b));
            ids.truncate(k);
        }
        ids.sort_unstable_by(|&a, &b| index.tie_cmp(a, b));
        return ids.into_iter().map(hit).collect();
    }
    let mut heap = std::collections::BinaryHeap::with_capacity(k + 1);
    for &id in ids {
        let order = index.order_of(id);
        if heap.len() < k {
            heap.push((order, id));
        } else if heap.peek().is_some_and(|&(worst, _)| order < worst) {
            heap.pop();
            heap.push((order, id));
        }
    }
    heap.into_sorted_vec()
        .into_iter()
        .map(|(_, id)| hit(id))
        .collect()
}

/// Keys of the scattered matches that can be among the best `need` (see [`top_k`]).
fn best_scattered(
    index: &Index,
    prep: &Prepared<'_>,
    mut maybe: Vec<(u64, RecordId)>,
    need: usize,
    budget: usize,
    scorers: &[Box<dyn Scorer>],
    cancel: Cancel<'_>,
) -> Option<Vec<(u64, RecordId)>> {
    if need == 0 || maybe.is_empty() {
        return Some(Vec::new());
    }
    let score = |items: &[(u64, RecordId)]| score_all(index, prep, items, scorers, cancel);
    // Score the most promising first: twice as many as needed, to set a good threshold.
    let first = (2 * need).max(256).min(budget).min(maybe.len());
    if first < maybe.len() {
        maybe.select_nth_unstable(first);
    }
    let (head, tail) = maybe.split_at(first);
    let mut scored = score(head)?;
    if first == budget {
        return Some(scored);
    }
    let threshold = if scored.len() >= need {
        *scored.select_nth_unstable(need - 1).1
    } else {
        (u64::MAX, RecordId::MAX)
    };
    // `<=`: in a lean index keys tie across records, and a tie may still win on its name.
    let rest: Vec<(u64, RecordId)> = tail
        .iter()
        .filter(|b| b.0 <= threshold.0)
        .copied()
        .collect();
    scored.append(&mut score(&rest)?);
    Some(scored)
}

/// [`best_scattered`] from coarse keys of the scattered matches ([`Prepared::coarse_key`]):
/// the bounds of the most promising by coarse key, then their best scores, set a threshold;
/// a match whose coarse key is worse than that cannot reach the top, and its name is never
/// read. The rest have their bound checked against it as `best_scattered` does.
pub(crate) fn best_scattered_coarse(
    index: &Index,
    prep: &Prepared<'_>,
    mut maybe: Vec<(u64, RecordId)>,
    need: usize,
    sizes: Head,
    scorers: &[Box<dyn Scorer>],
    cancel: Cancel<'_>,
) -> Option<Vec<(u64, RecordId)>> {
    if need == 0 || maybe.is_empty() {
        return Some(Vec::new());
    }
    // Bound keys of the items whose coarse key is no worse than `threshold`, kept when no
    // worse either.
    let bound = |items: &[(u64, RecordId)], threshold: u64| -> Option<Vec<(u64, RecordId)>> {
        let parts = par(scorers, items.len(), |r, _| {
            let mut out = Vec::new();
            for block in r.clone().step_by(CANCEL_EVERY) {
                if cancel() {
                    return None;
                }
                let end = (block + CANCEL_EVERY).min(r.end);
                for &(coarse, id) in &items[block..end] {
                    if coarse <= threshold {
                        let key = prep.bound_key(index, id);
                        if key <= threshold {
                            out.push((key, id));
                        }
                    }
                }
            }
            Some(out)
        });
        let mut all = Vec::new();
        for p in parts {
            all.append(&mut p?);
        }
        Some(all)
    };
    // Many: the threshold they set decides how many names the rest costs (at 1M records,
    // `sm` bounds some 35,000 of 217,000 after 4,000, some 4,000 after 16,000). A first page
    // starts with fewer, and takes more when the threshold they set is loose: `smr`'s first
    // page bounded 38,000 of 79,000 names after 2,048 (15-19 ms to its page), none after
    // 16,384 (12 ms), while `kota s` bounds none after 2,048 (16,384 cost it 4 ms more).
    let mut first = (32 * need).max(sizes.start).min(maybe.len());
    loop {
        if first < maybe.len() {
            maybe.select_nth_unstable(first);
        }
        let (head, tail) = maybe.split_at(first);
        let head = bound(head, u64::MAX)?;
        let mut scored = best_scattered(index, prep, head, need, usize::MAX, scorers, cancel)?;
        // The `need`-th best score so far: a match whose bound is worse cannot displace it.
        // `<=`: in a lean index keys tie across records, and a tie may still win on its name.
        let threshold = if scored.len() >= need {
            let mut keys: Vec<u64> = scored.iter().map(|e| e.0).collect();
            *keys.select_nth_unstable(need - 1).1
        } else {
            u64::MAX
        };
        if 4 * first <= sizes.grown && tail.iter().filter(|b| b.0 <= threshold).count() > 4 * first
        {
            #[cfg(test)]
            GREW.with(|g| g.set(g.get() + 1));
            first = sizes.grown.min(maybe.len());
            continue;
        }
        let rest = bound(tail, threshold)?;
        scored.append(&mut score_all(index, prep, &rest, scorers, cancel)?);
        return Some(scored);
    }
}

/// How many scattered matches [`best_scattered_coarse`] bounds first (at least), and how
/// many when the threshold those set leaves more than four times as many to bound.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Head {
    pub start: usize,
    pub grown: usize,
}

impl Head {
    pub(crate) const DEFAULT: Head = Head {
        start: 2048,
        grown: 16_384,
    };
}

#[cfg(test)]
thread_local! {
    /// How many times [`best_scattered_coarse`] grew its head on this thread.
    pub(crate) static GREW: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Scored keys of scattered matches, split across the scorers' threads.
fn score_all(
    index: &Index,
    prep: &Prepared<'_>,
    items: &[(u64, RecordId)],
    scorers: &[Box<dyn Scorer>],
    cancel: Cancel<'_>,
) -> Option<Vec<(u64, RecordId)>> {
    let parts = par(scorers, items.len(), |r, scorer| {
        let mut out = Vec::with_capacity(r.len());
        for block in r.clone().step_by(CANCEL_EVERY / 8) {
            if cancel() {
                return None;
            }
            let end = (block + CANCEL_EVERY / 8).min(r.end);
            for &(_, id) in &items[block..end] {
                out.push((prep.key(index, id, MatchClass::Fuzzy, scorer), id));
            }
        }
        Some(out)
    });
    let mut all = Vec::with_capacity(items.len());
    for p in parts {
        all.append(&mut p?);
    }
    Some(all)
}
