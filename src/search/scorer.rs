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
pub struct SkimScorer(SkimMatcherV2);

impl Default for SkimScorer {
    fn default() -> Self {
        // Ignore case: patterns are lowercased, so smart case would never apply anyway, and
        // the case-mismatch penalty still prefers names typed as the query is.
        SkimScorer(SkimMatcherV2::default().ignore_case())
    }
}

impl std::fmt::Debug for SkimScorer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SkimScorer")
    }
}

impl Scorer for SkimScorer {
    fn score(&self, name: &str, pattern: &str) -> Option<i64> {
        self.0.fuzzy(name, pattern, false).map(|(s, _)| s)
    }

    fn positions(&self, name: &str, pattern: &str) -> Option<(i64, Vec<usize>)> {
        self.0.fuzzy(name, pattern, true)
    }
}
