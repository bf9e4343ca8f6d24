//! Lookup tables for the query language: province names and abbreviations, city words for
//! place context, free tags, and the small table of Indonesian short forms.

use super::fold::fold_str;
use super::index::Regions;
use std::collections::HashMap;

/// Short forms people type, with what they stand for (folded). Only forms that are not
/// already a subsequence of their expansion need to be here (`jkt` finds Jakarta as is),
/// but a listed expansion also ranks such records higher.
const TEXT_ALIASES: &[(&str, &[&str])] = &[
    ("jogja", &["yogyakarta"]),
    ("jogjakarta", &["yogyakarta"]),
    ("djogja", &["yogyakarta"]),
    ("yogya", &["yogyakarta"]),
    ("diy", &["yogyakarta"]),
    ("solo", &["surakarta"]),
    ("jkt", &["jakarta"]),
    ("dki", &["jakarta"]),
    ("kab", &["kabupaten"]),
    ("kabupaten", &["kab"]),
    ("kodya", &["kota"]),
    ("smg", &["semarang"]),
    ("sby", &["surabaya"]),
    ("bdg", &["bandung"]),
    ("mks", &["makassar"]),
    ("dps", &["denpasar"]),
    ("mdn", &["medan"]),
    ("plg", &["palembang"]),
    ("bpp", &["balikpapan"]),
    ("ekraf", &["ekonomi kreatif"]),
];

/// Words of a city name that say what kind of region it is rather than which one.
const REGION_WORDS: &[&str] = &["kota", "kabupaten", "kab", "adm", "administrasi"];

/// Lookups that [`super::Query::parse`] needs; built by the index from its regions and tags.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    provinces: HashMap<String, u8>,
    province_names: Vec<String>,
    province_alias_lists: Vec<Vec<String>>,
    city_province: Vec<u8>,
    city_words: Vec<Box<[String]>>,
    tags: HashMap<String, u16>,
}

/// Folds a key and turns `-`, `_` and runs of spaces into one space.
pub(crate) fn key(raw: &str) -> String {
    fold_str(raw.trim())
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

impl Aliases {
    /// Lookups for the given regions (tags are added by the index builder).
    pub fn new(regions: &Regions) -> Self {
        let mut provinces = HashMap::new();
        let mut province_alias_lists = Vec::new();
        for (i, p) in regions.provinces.iter().enumerate() {
            let Ok(i) = u8::try_from(i) else { break };
            provinces.insert(key(&p.code), i);
            let name = key(&p.name);
            provinces.insert(name.replace(' ', ""), i);
            provinces.insert(name, i);
            let mut folded_aliases = Vec::new();
            for a in &p.aliases {
                let a = key(a);
                provinces.insert(a.clone(), i);
                folded_aliases.push(a);
            }
            province_alias_lists.push(folded_aliases);
        }
        let city_words = regions
            .cities
            .iter()
            .map(|c| {
                key(&c.name)
                    .split(' ')
                    .filter(|w| !REGION_WORDS.contains(w))
                    .map(str::to_string)
                    .collect()
            })
            .collect();
        Aliases {
            provinces,
            province_names: regions.provinces.iter().map(|p| key(&p.name)).collect(),
            province_alias_lists,
            city_province: regions.cities.iter().map(|c| c.province).collect(),
            city_words,
            tags: HashMap::new(),
        }
    }

    pub(crate) fn add_tag(&mut self, folded: String, id: u16) {
        self.tags.insert(folded, id);
    }

    /// The free tags (folded), by tag id.
    pub(crate) fn tags_by_id(&self) -> Vec<&str> {
        let mut out = vec![""; self.tags.len()];
        for (tag, &id) in &self.tags {
            if let Some(slot) = out.get_mut(usize::from(id)) {
                *slot = tag;
            }
        }
        out
    }

    /// Province index for a code, name (`jawa tengah`, `jawa-tengah`) or alias, any case.
    pub fn province(&self, raw: &str) -> Option<u8> {
        let k = key(raw);
        self.provinces
            .get(&k)
            .or_else(|| self.provinces.get(&k.replace(' ', "")))
            .copied()
    }

    /// Tag id of a free tag, any case.
    pub fn tag(&self, raw: &str) -> Option<u16> {
        self.tags.get(&key(raw)).copied()
    }

    /// Number of provinces.
    pub fn province_count(&self) -> usize {
        self.province_names.len()
    }

    /// Number of cities.
    pub fn city_count(&self) -> usize {
        self.city_words.len()
    }

    /// Other spellings of a folded free-text term (not including the term itself).
    pub(crate) fn expansions(&self, term: &str) -> Vec<String> {
        let mut out: Vec<String> = TEXT_ALIASES
            .iter()
            .filter(|(a, _)| *a == term)
            .flat_map(|(_, e)| e.iter().map(|s| (*s).to_string()))
            .collect();
        for (i, aliases) in self.province_alias_lists.iter().enumerate() {
            if aliases.iter().any(|a| a == term) && self.province_names[i] != term {
                out.push(self.province_names[i].clone());
            }
        }
        out
    }

    /// Cities a folded term can stand for as place context: a word of the city name (other
    /// than `kota`/`kabupaten`) starts with it, or it names the city's province exactly.
    pub(crate) fn context_cities(&self, term: &str) -> Vec<u16> {
        let province = self.provinces.get(term).copied();
        self.city_words
            .iter()
            .enumerate()
            .filter(|(c, words)| {
                words.iter().any(|w| w.starts_with(term))
                    || province.is_some() && self.city_province.get(*c).copied() == province
            })
            .filter_map(|(c, _)| u16::try_from(c).ok())
            .collect()
    }
}
