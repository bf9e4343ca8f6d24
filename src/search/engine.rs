//! The search passes over many records, split across threads (one scorer each): the scan
//! (filters and prefilter, no scorer) and the ranking (scorer on the few that can reach the
//! top k, then `select_nth_unstable`).

use super::index::{Index, RecordId};
use super::rank::{Hit, MatchClass, Prepared, key_class, key_score};
use super::scorer::Scorer;
use std::ops::Range;

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
    fn append(&mut self, mut other: Scan) {
        self.ids.append(&mut other.ids);
        self.classes.append(&mut other.classes);
        for (a, b) in self.counts.iter_mut().zip(other.counts) {
            *a += b;
        }
    }
}

/// Runs `f` over contiguous parts of `0..n`, one part per scorer, the first on this thread.
/// Results come back in order.
pub(crate) fn par<T: Send>(
    scorers: &[Box<dyn Scorer>],
    n: usize,
    f: impl Fn(Range<usize>, &dyn Scorer) -> T + Sync,
) -> Vec<T> {
    let parts = if n < PARALLEL_MIN {
        1
    } else {
        scorers.len().max(1)
    };
    let bounds: Vec<Range<usize>> = (0..parts)
        .map(|p| n * p / parts..n * (p + 1) / parts)
        .collect();
    if parts == 1 {
        return vec![f(0..n, scorers[0].as_ref())];
    }
    std::thread::scope(|s| {
        let f = &f;
        let handles: Vec<_> = bounds[1..]
            .iter()
            .zip(&scorers[1..])
            .map(|(r, sc)| {
                let r = r.clone();
                s.spawn(move || f(r, sc.as_ref()))
            })
            .collect();
        let mut out = vec![f(bounds[0].clone(), scorers[0].as_ref())];
        for h in handles {
            match h.join() {
                Ok(v) => out.push(v),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
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

/// The best `k` of a scan, ranked. Only records of a class that can reach the top `k` are
/// scored: when 500 names start with the query, the scattered matches need no score.
pub(crate) fn top_k(
    index: &Index,
    prep: &Prepared<'_>,
    scan: &Scan,
    k: usize,
    scorers: &[Box<dyn Scorer>],
    cancel: Cancel<'_>,
) -> Option<Vec<Hit>> {
    if k == 0 || scan.ids.is_empty() {
        return Some(Vec::new());
    }
    let text = !prep.query.terms.is_empty();
    let mut cutoff = MatchClass::Fuzzy;
    let mut seen = 0;
    for class in MatchClass::ALL {
        seen += scan.counts[class as usize];
        if seen >= k {
            cutoff = class;
            break;
        }
    }
    let parts = par(scorers, scan.ids.len(), |r, scorer| {
        let mut keyed = Vec::new();
        for block in r.clone().step_by(CANCEL_EVERY) {
            if cancel() {
                return None;
            }
            let end = (block + CANCEL_EVERY).min(r.end);
            for (&id, &class) in scan.ids[block..end].iter().zip(&scan.classes[block..end]) {
                if class <= cutoff {
                    keyed.push((prep.key(index, id, class, scorer), id));
                }
            }
        }
        Some(keyed)
    });
    let mut keyed = Vec::new();
    for part in parts {
        keyed.append(&mut part?);
    }
    if keyed.len() > k {
        keyed.select_nth_unstable(k - 1);
        keyed.truncate(k);
    }
    keyed.sort_unstable();
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
