//! The query language: free text plus `kind:`, `prov:`, `sub:`, `iccn:` and `stale:` filters.
//!
//! Free text is split into words; a record matches when every word matches. A word matches
//! when its letters occur in order in the record's name (accents and case folded), or, in a
//! query of two or more words, when a word of three or more letters starts a word of the
//! record's city name or names its province (`fotografi semarang` finds photography
//! communities in Kota and Kabupaten Semarang). Such place words add nothing to the score,
//! so records whose own name carries every word rank first.
//!
//! Several values of one filter (`kind:space,community` or `kind:space kind:community`) are
//! alternatives; different filters must all hold.

use super::aliases::{Aliases, key};
use super::fold::{self, fold_str};
use crate::model::{self, Kind};

/// Why a query could not be parsed; the message is meant for the status line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("unknown filter '{0}' (use kind:, prov:, sub:, iccn:, kata: or stale:)")]
    UnknownFilter(String),
    #[error("unknown kind '{0}' (province, city, community, space, organisation, contact, event)")]
    UnknownKind(String),
    #[error("unknown province '{0}' (a code like 33, a name like jawa-tengah, or jateng)")]
    UnknownProvince(String),
    #[error("unknown subsector or tag '{0}'")]
    UnknownSubsector(String),
    #[error("{filter}: expects yes or no, not '{value}'")]
    NotYesNo { filter: &'static str, value: String },
    #[error("iccn: expects yes, no or unknown, not '{0}'")]
    NotIccn(String),
    #[error("kata: expects yes, no or a year from 2019 (kata:2021), not '{0}'")]
    NotKata(String),
    #[error("too many words ({given} different ones); a search takes at most {max}")]
    TooManyWords { given: usize, max: usize },
    #[error("a word of {given} letters is too long to search for (at most {max})")]
    WordTooLong { given: usize, max: usize },
}

/// Most distinct free-text words in one query: each word is scored against every candidate,
/// so the work per keystroke is bounded by this, whatever is pasted into the search line.
pub const MAX_TERMS: usize = 16;
/// Longest free-text word: fuzzy scoring is quadratic in the pattern's length.
pub const MAX_TERM_CHARS: usize = 64;

/// One spelling of a free-text word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Alt {
    /// Lowercased as typed: the pattern scored against the original name.
    pub lower: String,
    /// Folded: the prefilter pattern, also scored against the folded name as a fallback.
    pub folded: String,
    pub mask: u64,
}

impl Alt {
    fn new(lower: String) -> Self {
        let folded = fold_str(&lower);
        let mask = fold::mask(folded.as_bytes());
        Alt {
            lower,
            folded,
            mask,
        }
    }
}

/// A free-text word: its spellings, and the cities it may name as place context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Term {
    pub alts: Vec<Alt>,
    /// Sorted city indices; empty when the word is not a place word.
    pub cities: Vec<u16>,
}

/// The restrictions of a query. `None` or empty means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Bit `i` = `Kind::ALL[i]`; 0 = any kind.
    pub kinds: u8,
    /// Province indices, sorted; empty = any.
    pub provinces: Vec<u8>,
    /// `sub:` subsector bits; a record passes `sub:` with any of these bits or tags.
    pub subsectors: u32,
    /// `sub:` free tag ids, sorted.
    pub tags: Vec<u16>,
    /// `iccn:` as a mask of [`ICCN_YES`], [`ICCN_NO`], [`ICCN_UNKNOWN`]; 0 = any.
    pub iccn: u8,
    /// `kata:` as a mask: bit `i` = certified KaTa Kreatif in [`KATA_FIRST_YEAR`] + `i`,
    /// [`KATA_NONE`] = not certified; 0 = any.
    pub kata: u32,
    pub stale: Option<bool>,
}

/// `iccn:yes`: a source says the record's city is a member.
pub const ICCN_YES: u8 = 1;
/// `iccn:no`: a source says the record's city is not a member.
pub const ICCN_NO: u8 = 2;
/// `iccn:unknown`: no source says either way (or the record has no city).
pub const ICCN_UNKNOWN: u8 = 4;
/// The first year KaTa Kreatif certified kab/kota (bit 0 of [`Filters::kata`]).
pub const KATA_FIRST_YEAR: u16 = 2019;
/// `kata:no`.
pub const KATA_NONE: u32 = 1 << 31;
/// `kata:yes`: any year.
const KATA_ANY_YEAR: u32 = KATA_NONE - 1;

/// The `iccn:` bit of a record's membership.
pub(crate) fn iccn_bit(member: Option<bool>) -> u8 {
    match member {
        Some(true) => ICCN_YES,
        Some(false) => ICCN_NO,
        None => ICCN_UNKNOWN,
    }
}

/// The `kata:` bit of a city's certification year.
pub(crate) fn kata_bit(year: Option<u16>) -> u32 {
    match year.and_then(|y| y.checked_sub(KATA_FIRST_YEAR)) {
        Some(i) if i < 31 => 1 << i,
        Some(_) => KATA_ANY_YEAR,
        None => KATA_NONE,
    }
}

impl Filters {
    /// Whether any filter is set.
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// Whether `sub:` is set.
    pub fn has_sub(&self) -> bool {
        self.subsectors != 0 || !self.tags.is_empty()
    }

    /// Whether every record passing `self` also passes `wider`.
    fn within(&self, wider: &Filters) -> bool {
        let kinds = wider.kinds == 0 || self.kinds != 0 && self.kinds & !wider.kinds == 0;
        let provinces = wider.provinces.is_empty()
            || !self.provinces.is_empty()
                && self.provinces.iter().all(|p| wider.provinces.contains(p));
        let sub = !wider.has_sub()
            || self.has_sub()
                && self.subsectors & !wider.subsectors == 0
                && self.tags.iter().all(|t| wider.tags.contains(t));
        let iccn = wider.iccn == 0 || self.iccn != 0 && self.iccn & !wider.iccn == 0;
        let kata = wider.kata == 0 || self.kata != 0 && self.kata & !wider.kata == 0;
        let stale = wider.stale.is_none() || self.stale == wider.stale;
        kinds && provinces && sub && iccn && kata && stale
    }
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The free text, lowercased, words joined by one space.
    text: String,
    pub(crate) terms: Vec<Term>,
    /// Folded texts a name is compared with to find exact and prefix matches: each spelling
    /// of a one-word query, or the whole text of a longer one.
    pub(crate) phrases: Vec<String>,
    filters: Filters,
}

fn yes_no(filter: &'static str, value: &str) -> Result<bool, QueryError> {
    crate::model::rules::yes_no(&key(value)).ok_or_else(|| QueryError::NotYesNo {
        filter,
        value: value.to_string(),
    })
}

impl Query {
    /// Parses a query line. A token `name:value` is a filter; a filter still without a value
    /// (`kind:` while typing) is ignored.
    pub fn parse(input: &str, aliases: &Aliases) -> Result<Query, QueryError> {
        let mut words = Vec::new();
        let mut filters = Filters::default();
        for token in input.split_whitespace() {
            let filter = token
                .split_once(':')
                .filter(|(name, _)| !name.is_empty() && name.chars().all(char::is_alphabetic));
            let Some((name, values)) = filter else {
                let word = token.to_lowercase();
                let word = word.trim_end_matches('.');
                // A repeated word adds nothing to the match, only work.
                if !word.is_empty() && !words.iter().any(|w| w == word) {
                    let given = word.chars().count();
                    if given > MAX_TERM_CHARS {
                        return Err(QueryError::WordTooLong {
                            given,
                            max: MAX_TERM_CHARS,
                        });
                    }
                    words.push(word.to_string());
                    if words.len() > MAX_TERMS {
                        let given = input
                            .split_whitespace()
                            .filter(|t| !t.contains(':'))
                            .map(str::to_lowercase)
                            .collect::<std::collections::HashSet<_>>()
                            .len();
                        return Err(QueryError::TooManyWords {
                            given,
                            max: MAX_TERMS,
                        });
                    }
                }
                continue;
            };
            for value in values.split(',').filter(|v| !v.is_empty()) {
                apply_filter(&mut filters, &name.to_lowercase(), value, aliases)?;
            }
        }
        filters.provinces.sort_unstable();
        filters.provinces.dedup();
        filters.tags.sort_unstable();
        filters.tags.dedup();
        let place_context = words.len() >= 2;
        let terms: Vec<Term> = words
            .iter()
            .map(|w| {
                let mut alts = vec![Alt::new(w.clone())];
                for e in aliases.expansions(&alts[0].folded) {
                    if !alts.iter().any(|a| a.folded == e) {
                        alts.push(Alt::new(e));
                    }
                }
                let folded = &alts[0].folded;
                let cities = if place_context && folded.chars().count() >= 3 {
                    aliases.context_cities(folded)
                } else {
                    Vec::new()
                };
                Term { alts, cities }
            })
            .collect();
        let phrases = match terms.as_slice() {
            [] => Vec::new(),
            [one] => one.alts.iter().map(|a| a.folded.clone()).collect(),
            many => vec![
                many.iter()
                    .map(|t| t.alts[0].folded.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            ],
        };
        Ok(Query {
            text: words.join(" "),
            terms,
            phrases,
            filters,
        })
    }

    /// The free text, lowercased, words joined by one space.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The filters.
    pub fn filters(&self) -> &Filters {
        &self.filters
    }

    /// Whether the query has no free text (it lists every record passing the filters).
    pub fn is_text_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether every record matching `self` also matches `wider`, so `self` can be answered by
    /// re-checking only `wider`'s matches (typing more letters, adding a word or a filter).
    pub fn narrows(&self, wider: &Query) -> bool {
        self.added_cities(wider)
            .is_some_and(|added| added.is_empty())
    }

    /// The cities whose records may match `self` without matching `wider`, when that is the
    /// only way they can differ: `self` narrows `wider` by spelling and filters, and its
    /// words may name more cities (`kota s` after `kota`, where `kota` became a place word).
    /// A match of `self` is then a match of `wider` or a record of one of these cities: a
    /// record matching each word by name, or by a city the wider word names too, matches
    /// `wider`. Sorted; empty when `self` narrows `wider` outright ([`Query::narrows`]);
    /// `None` when it does not narrow it this way.
    pub(crate) fn added_cities(&self, wider: &Query) -> Option<Vec<u16>> {
        let narrows = self.filters.within(&wider.filters)
            && wider.terms.len() <= self.terms.len()
            && wider
                .terms
                .iter()
                .zip(&self.terms)
                .all(|(w, s)| spellings_within(s, w));
        if !narrows {
            return None;
        }
        let mut added: Vec<u16> = wider
            .terms
            .iter()
            .zip(&self.terms)
            .flat_map(|(w, s)| {
                s.cities
                    .iter()
                    .filter(|c| w.cities.binary_search(c).is_err())
            })
            .copied()
            .collect();
        added.sort_unstable();
        added.dedup();
        Some(added)
    }
}

/// Whether every name holding a spelling of term `s` holds a spelling of term `w`.
fn spellings_within(s: &Term, w: &Term) -> bool {
    s.alts.iter().all(|sa| {
        w.alts.iter().any(|wa| {
            fold::is_subsequence(wa.folded.as_bytes(), sa.folded.as_bytes())
                && fold::is_char_subsequence(&wa.folded, sa.folded.as_bytes())
        })
    })
}

/// `stale:yes stale:no` are alternatives like any other values: together they allow both.
fn either(old: Option<bool>, new: bool) -> Option<bool> {
    match old {
        Some(o) if o != new => None,
        _ => Some(new),
    }
}

fn apply_filter(
    f: &mut Filters,
    name: &str,
    value: &str,
    aliases: &Aliases,
) -> Result<(), QueryError> {
    match name {
        "kind" | "k" | "jenis" => {
            let kind: Kind = value
                .parse()
                .map_err(|_| QueryError::UnknownKind(value.to_string()))?;
            let i = Kind::ALL.iter().position(|&k| k == kind).unwrap_or(0);
            f.kinds |= 1 << i;
        }
        "prov" | "p" | "province" | "provinsi" => {
            let p = aliases
                .province(value)
                .ok_or_else(|| QueryError::UnknownProvince(value.to_string()))?;
            f.provinces.push(p);
        }
        "sub" | "s" | "subsector" | "subsektor" | "tag" => {
            let slugs = model::normalise_subsector(value);
            if slugs.is_empty() {
                let tag = aliases
                    .tag(value)
                    .ok_or_else(|| QueryError::UnknownSubsector(value.to_string()))?;
                f.tags.push(tag);
            }
            for slug in slugs {
                if let Some(i) = model::SUBSECTORS.iter().position(|(s, _)| *s == slug) {
                    f.subsectors |= 1 << i;
                }
            }
        }
        "iccn" => {
            f.iccn |= match key(value).as_str() {
                "unknown" | "tidak-diketahui" | "tidak_diketahui" | "?" => ICCN_UNKNOWN,
                v => match model::rules::yes_no(v) {
                    Some(true) => ICCN_YES,
                    Some(false) => ICCN_NO,
                    None => return Err(QueryError::NotIccn(value.to_string())),
                },
            };
        }
        "kata" => {
            let v = key(value);
            f.kata |= match (model::rules::yes_no(&v), v.parse::<u16>()) {
                (Some(true), _) => KATA_ANY_YEAR,
                (Some(false), _) => KATA_NONE,
                (None, Ok(y)) if (KATA_FIRST_YEAR..KATA_FIRST_YEAR + 31).contains(&y) => {
                    kata_bit(Some(y))
                }
                _ => return Err(QueryError::NotKata(value.to_string())),
            };
        }
        "stale" | "lama" => f.stale = either(f.stale, yes_no("stale", value)?),
        other => return Err(QueryError::UnknownFilter(other.to_string())),
    }
    Ok(())
}
