//! The app's seam over search: a catalogue of every record's name and facets, the query
//! syntax (`kind:space prov:jateng sub:musik iccn:yes stale:yes`), fuzzy ranking, highlight
//! positions for visible rows and facet counts.
//!
//! This is a small stand-in for `crate::search` (being written on its own branch); the rest of
//! the app only sees [`Catalogue`], [`Query`], [`Hit`] and [`FacetCounts`], so swapping the engine
//! touches this file only.

use crate::detail::{is_stale, today};
use crate::model::{Community, Contact, Kind, Organisation, Space, subsector_name};
use crate::store::{self, Store};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::collections::HashMap;

/// One searchable record.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub kind: Kind,
    /// UUID, or Kemendagri code for provinces and cities.
    pub id: String,
    pub name: String,
    /// A short note shown beside the name: the city (for records), the province (for cities).
    pub note: Option<String>,
    /// Province code, when known.
    pub province: Option<String>,
    /// Subsector slugs and tags.
    pub subsectors: Vec<String>,
    pub iccn: bool,
    pub stale: bool,
    /// The name folded to lowercase ASCII letters, one char per char of `name`.
    folded: String,
}

/// A province as the query syntax knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ProvinceName {
    pub code: String,
    pub name: String,
    /// Lowercase abbreviations (`jateng`, `dki`).
    pub aliases: Vec<String>,
}

/// Every searchable record plus the province table for `prov:` filters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalogue {
    pub entries: Vec<Entry>,
    pub provinces: Vec<ProvinceName>,
    /// False while only the first page is loaded (the full catalogue builds in the background).
    pub complete: bool,
}

/// Folds one char for matching: lowercase, accents dropped (1:1, so positions carry over).
fn fold_char(c: char) -> char {
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'è' | 'é' | 'ê' | 'ë' | 'ē' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        other => other,
    }
}

/// Folds a string char by char (see [`fold_char`]).
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

impl Entry {
    /// A catalogue entry; `folded` is derived from `name`.
    pub fn new(kind: Kind, id: String, name: String) -> Entry {
        let folded = fold(&name);
        Entry {
            kind,
            id,
            name,
            note: None,
            province: None,
            subsectors: Vec::new(),
            iccn: false,
            stale: false,
            folded,
        }
    }
}

/// Reads the catalogue from the store. `first_page` loads only the provinces (instant), enough
/// for the first frame's browse list.
pub fn load_catalogue(store: &Store, first_page: bool) -> store::Result<Catalogue> {
    let today = today();
    let mut cat = Catalogue::default();
    let provinces = store.provinces()?;
    let mut prov_names = HashMap::new();
    for p in &provinces {
        prov_names.insert(p.code.clone(), p.name.clone());
        cat.provinces.push(ProvinceName {
            code: p.code.clone(),
            name: p.name.clone(),
            aliases: p.aliases.iter().map(|a| fold(a)).collect(),
        });
        let mut e = Entry::new(Kind::Province, p.code.clone(), p.name.clone());
        e.province = Some(p.code.clone());
        cat.entries.push(e);
    }
    if first_page {
        return Ok(cat);
    }
    let mut cities: HashMap<String, (String, String)> = HashMap::new();
    for c in store.cities()? {
        cities.insert(c.code.clone(), (c.name.clone(), c.province_code.clone()));
        let mut e = Entry::new(Kind::City, c.code.clone(), c.name.clone());
        e.note = prov_names.get(&c.province_code).cloned();
        e.province = Some(c.province_code.clone());
        e.iccn = c.iccn_member;
        cat.entries.push(e);
    }
    let make = |kind: Kind, id: &str, name: &str, city: Option<&String>, lv: Option<&str>| {
        let mut e = Entry::new(kind, id.to_string(), name.to_string());
        if let Some((cname, prov)) = city.and_then(|c| cities.get(c)) {
            e.note = Some(cname.clone());
            e.province = Some(prov.clone());
        }
        e.stale = is_stale(lv, today);
        e
    };
    let entries = &mut cat.entries;
    store.each::<Community>(|r| {
        let mut e = make(
            Kind::Community,
            &r.meta.id,
            &r.name,
            r.city_code.as_ref(),
            r.meta.last_verified.as_deref(),
        );
        e.subsectors = r.subsectors;
        entries.push(e);
        Ok(())
    })?;
    store.each::<Space>(|r| {
        entries.push(make(
            Kind::Space,
            &r.meta.id,
            &r.name,
            r.city_code.as_ref(),
            r.meta.last_verified.as_deref(),
        ));
        Ok(())
    })?;
    store.each::<Organisation>(|r| {
        entries.push(make(
            Kind::Organisation,
            &r.meta.id,
            &r.name,
            r.city_code.as_ref(),
            r.meta.last_verified.as_deref(),
        ));
        Ok(())
    })?;
    store.each::<Contact>(|r| {
        entries.push(make(
            Kind::Contact,
            &r.meta.id,
            &r.name,
            r.city_code.as_ref(),
            r.meta.last_verified.as_deref(),
        ));
        Ok(())
    })?;
    cat.complete = true;
    Ok(cat)
}

/// A parsed query line: free text plus filters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    /// The free text, folded.
    pub text: String,
    pub kinds: Vec<Kind>,
    /// Province codes.
    pub provinces: Vec<String>,
    /// Subsector slugs (or tags).
    pub subsectors: Vec<String>,
    pub iccn: Option<bool>,
    pub stale: Option<bool>,
}

fn yes_no(v: &str) -> Option<bool> {
    match v {
        "yes" | "ya" | "y" | "true" | "1" => Some(true),
        "no" | "tidak" | "n" | "false" | "0" => Some(false),
        _ => None,
    }
}

impl Query {
    /// Parses the query line. Unknown filters are kept as free text, so nothing typed is lost.
    pub fn parse(line: &str, cat: &Catalogue) -> Query {
        let mut q = Query::default();
        let mut words = Vec::new();
        for word in line.split_whitespace() {
            let lower = fold(word);
            let parsed = lower.split_once(':').and_then(|(key, val)| match key {
                "kind" | "jenis" => val.parse::<Kind>().ok().map(|k| q.kinds.push(k)),
                "prov" | "provinsi" | "province" => {
                    province_code(val, cat).map(|c| q.provinces.push(c))
                }
                "sub" | "subsektor" | "subsector" => {
                    let slugs = crate::model::normalise_subsector(val);
                    if slugs.is_empty() {
                        q.subsectors.push(val.to_string());
                    } else {
                        q.subsectors.extend(slugs.iter().map(|s| (*s).to_string()));
                    }
                    Some(())
                }
                "iccn" => yes_no(val).map(|b| q.iccn = Some(b)),
                "stale" | "usang" => yes_no(val).map(|b| q.stale = Some(b)),
                _ => None,
            });
            if parsed.is_none() {
                words.push(lower);
            }
        }
        q.text = words.join(" ");
        q
    }

    /// True when nothing is typed and no filter is set (the app then browses by place).
    pub fn is_empty(&self) -> bool {
        self == &Query::default()
    }

    fn accepts(&self, e: &Entry) -> bool {
        (self.kinds.is_empty() || self.kinds.contains(&e.kind))
            && (self.provinces.is_empty()
                || e.province
                    .as_ref()
                    .is_some_and(|p| self.provinces.contains(p)))
            && (self.subsectors.is_empty()
                || self.subsectors.iter().any(|s| e.subsectors.contains(s)))
            && self.iccn.is_none_or(|b| e.iccn == b)
            && self
                .stale
                .is_none_or(|b| e.stale == b && !matches!(e.kind, Kind::Province | Kind::City))
    }
}

/// A province code from a code, a name or an abbreviation.
fn province_code(val: &str, cat: &Catalogue) -> Option<String> {
    let val = val.trim();
    cat.provinces
        .iter()
        .find(|p| {
            p.code == val
                || p.aliases.iter().any(|a| a == val)
                || fold(&p.name).replace(' ', "") == val.replace(['_', '-'], "")
        })
        .map(|p| p.code.clone())
}

/// One ranked result: an index into [`Catalogue::entries`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub entry: usize,
    pub score: i64,
}

/// Ranks every entry that passes the filters (and `only`, the kind tab) against the text.
/// Exact matches come first, then prefix matches, then fuzzy by score; ties by name.
pub fn search(cat: &Catalogue, q: &Query, only: Option<Kind>) -> Vec<Hit> {
    let matcher = SkimMatcherV2::default().ignore_case();
    let mut hits: Vec<Hit> = cat
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| only.is_none_or(|k| e.kind == k) && q.accepts(e))
        .filter_map(|(i, e)| {
            if q.text.is_empty() {
                return Some(Hit { entry: i, score: 0 });
            }
            let score = matcher.fuzzy_match(&e.folded, &q.text)?;
            let bonus = if e.folded == q.text {
                1_000_000
            } else if e.folded.starts_with(&q.text) {
                500_000
            } else if e.folded.contains(&q.text) {
                100_000
            } else {
                0
            };
            Some(Hit {
                entry: i,
                score: score + bonus,
            })
        })
        .collect();
    let browse = q.text.is_empty();
    hits.sort_by(|a, b| {
        let (ea, eb) = (&cat.entries[a.entry], &cat.entries[b.entry]);
        b.score.cmp(&a.score).then_with(|| {
            if browse {
                // Without text, regions keep code order, the rest go by kind then name.
                ea.kind.cmp(&eb.kind).then_with(|| match ea.kind {
                    Kind::Province | Kind::City => ea.id.cmp(&eb.id),
                    _ => ea.folded.cmp(&eb.folded),
                })
            } else {
                ea.name
                    .len()
                    .cmp(&eb.name.len())
                    .then(ea.folded.cmp(&eb.folded))
            }
        })
    });
    hits
}

/// Char positions of the matched letters in `entry`'s name (for the visible rows only).
pub fn positions(cat: &Catalogue, q: &Query, entry: usize) -> Vec<usize> {
    let Some(e) = cat.entries.get(entry) else {
        return Vec::new();
    };
    if q.text.is_empty() {
        return Vec::new();
    }
    if let Some(start) = e.folded.find(&q.text) {
        // Prefer the contiguous run: it is what the user typed.
        let first = e.folded[..start].chars().count();
        return (first..first + q.text.chars().count()).collect();
    }
    SkimMatcherV2::default()
        .ignore_case()
        .fuzzy_indices(&e.folded, &q.text)
        .map(|(_, v)| v)
        .unwrap_or_default()
}

/// Counts per kind, province and subsector over a result set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FacetCounts {
    pub kinds: Vec<(Kind, usize)>,
    /// (province code, name, count), by count then code.
    pub provinces: Vec<(String, String, usize)>,
    /// (slug, count), by count then slug.
    pub subsectors: Vec<(String, usize)>,
}

/// Facet counts for `hits`.
pub fn facets(cat: &Catalogue, hits: &[Hit]) -> FacetCounts {
    let mut kinds: HashMap<Kind, usize> = HashMap::new();
    let mut provs: HashMap<&str, usize> = HashMap::new();
    let mut subs: HashMap<&str, usize> = HashMap::new();
    for h in hits {
        let e = &cat.entries[h.entry];
        *kinds.entry(e.kind).or_default() += 1;
        if let Some(p) = &e.province {
            *provs.entry(p).or_default() += 1;
        }
        for s in &e.subsectors {
            *subs.entry(s).or_default() += 1;
        }
    }
    let mut out = FacetCounts {
        kinds: Kind::ALL
            .iter()
            .filter_map(|k| kinds.get(k).map(|n| (*k, *n)))
            .collect(),
        ..FacetCounts::default()
    };
    out.provinces = provs
        .into_iter()
        .map(|(code, n)| {
            let name = cat
                .provinces
                .iter()
                .find(|p| p.code == code)
                .map_or_else(|| code.to_string(), |p| p.name.clone());
            (code.to_string(), name, n)
        })
        .collect();
    out.provinces
        .sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    out.subsectors = subs.into_iter().map(|(s, n)| (s.to_string(), n)).collect();
    out.subsectors
        .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// The official name of a subsector slug, or the tag itself.
pub fn subsector_label(slug: &str) -> &str {
    subsector_name(slug).unwrap_or(slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat() -> Catalogue {
        let mut entries = vec![
            Entry::new(Kind::Province, "33".into(), "Jawa Tengah".into()),
            Entry::new(Kind::City, "33.74".into(), "Kota Semarang".into()),
            Entry::new(Kind::Space, "a".into(), "Hetero Space Semarang".into()),
            Entry::new(Kind::Space, "b".into(), "Hetero Space Solo".into()),
            Entry::new(Kind::Community, "c".into(), "Komunitas Musik Hétero".into()),
        ];
        entries[1].province = Some("33".into());
        entries[2].province = Some("33".into());
        entries[4].subsectors = vec!["musik".into()];
        Catalogue {
            entries,
            provinces: vec![ProvinceName {
                code: "33".into(),
                name: "Jawa Tengah".into(),
                aliases: vec!["jateng".into()],
            }],
            complete: true,
        }
    }

    #[test]
    fn query_parses_filters_and_keeps_text() {
        let c = cat();
        let q = Query::parse(
            "Hetero kind:space prov:jateng sub:Music iccn:yes bogus:x",
            &c,
        );
        assert_eq!(q.text, "hetero bogus:x");
        assert_eq!(q.kinds, [Kind::Space]);
        assert_eq!(q.provinces, ["33"]);
        assert_eq!(q.subsectors, ["musik"]);
        assert_eq!(q.iccn, Some(true));
        assert!(Query::parse("  ", &c).is_empty());
    }

    #[test]
    fn prefix_ranks_before_scattered_and_accents_fold() {
        let c = cat();
        let hits = search(&c, &Query::parse("hetero", &c), None);
        let names: Vec<&str> = hits
            .iter()
            .map(|h| c.entries[h.entry].name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "Hetero Space Solo",
                "Hetero Space Semarang",
                "Komunitas Musik Hétero"
            ]
        );
        assert_eq!(
            positions(&c, &Query::parse("space", &c), 2),
            [7, 8, 9, 10, 11]
        );
        let only = search(&c, &Query::parse("hetero prov:jateng", &c), None);
        assert_eq!(only.len(), 1);
        let f = facets(&c, &hits);
        assert_eq!(f.kinds, [(Kind::Community, 1), (Kind::Space, 2)]);
        assert_eq!(f.subsectors, [("musik".to_string(), 1)]);
    }
}
