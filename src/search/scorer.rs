//! The fuzzy scorer seam: [`Scorer`] and its fuzzy-matcher implementation, [`SkimScorer`].

use fuzzy_matcher::skim::SkimMatcherV2;

/// Scores how well a pattern matches a name. Implementations must match exactly when the
/// pattern's chars occur in order in the name, comparing ASCII letters without case: the
/// index's prefilter relies on that to reject records without calling the scorer.
///
/// Give each thread its own scorer: scratch buffers shared between threads cost more than
/// the second thread gains.
pub trait Scorer: Send + Sync {
    /// Score of `pattern` in `name` (higher is better), `None` when it does not match.
    fn score(&self, name: &str, pattern: &str) -> Option<i64>;
    /// Score and the char indices in `name` of the matched pattern chars.
    fn positions(&self, name: &str, pattern: &str) -> Option<(i64, Vec<usize>)>;
}

/// [`Scorer`] backed by fuzzy-matcher's `SkimMatcherV2`, ignoring case.
///
/// Each call uses a fresh matcher: fuzzy-matcher 0.3.7 reuses its score matrix between calls
/// without clearing it, so a reused matcher's score can depend on what it scored before (seen:
/// `aaa` in a run of `a`s scores 71 fresh and 74 after other calls), which would make rankings
/// differ between threads and between narrowed and fresh searches. A fresh matcher costs
/// about the same as a reused one (both about 0.5 µs per short name), and is never shared
/// between threads. (`use_cache(false)` would be the switch for this, but it panics in 0.3.7.)
#[derive(Default)]
pub struct SkimScorer;

impl SkimScorer {
    fn matcher() -> SkimMatcherV2 {
        // Ignore case: patterns are lowercased, so smart case would never apply anyway, and
        // the case-mismatch penalty still prefers names typed as the query is.
        SkimMatcherV2::default().ignore_case()
    }
}

impl std::fmt::Debug for SkimScorer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SkimScorer")
    }
}

impl Scorer for SkimScorer {
    fn score(&self, name: &str, pattern: &str) -> Option<i64> {
        Self::matcher().fuzzy(name, pattern, false).map(|(s, _)| s)
    }

    fn positions(&self, name: &str, pattern: &str) -> Option<(i64, Vec<usize>)> {
        Self::matcher().fuzzy(name, pattern, true)
    }
}
