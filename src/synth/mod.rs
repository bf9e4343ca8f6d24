//! Deterministic synthetic directory records for scale tests, benchmarks and `jejaring gen`.
//!
//! Names are combinations of common Indonesian words, topics and given and family names; no
//! real person's data. Generated records carry no phone number or other channel. The same
//! seed and city list always give the same records.

//!
//! - [`Generator`] the record stream (names from `words`)
//! - [`generate`]  `jejaring gen`: writes generated records into a store
//! - `fixture`     a synthetic region table and index rows for tests and benches only: it is
//!   compiled into the library's tests and, by path, into `benches/search.rs`, never into a
//!   release build (`jejaring gen` uses the store's real cities instead)

mod fill;
#[cfg(test)]
pub(crate) mod fixture;
mod words;

pub use fill::generate;
/// The synthetic regions and index rows, for the library's own tests.
#[cfg(test)]
pub(crate) use fixture::{index_rows, regions};

use crate::model::{Kind, SUBSECTORS};
// The fixture's `use super::…` finds the index types here (benches supply their own).
#[cfg(test)]
use crate::search::{CityInfo, IndexRow, ProvinceInfo, Regions};
use words::{COMMUNITY_PREFIXES, FAMILY, GIVEN, ORG_PATTERNS, SPACE_PATTERNS, TAGS, TOPICS, WORDS};

/// One generated record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthRecord {
    pub kind: Kind,
    pub name: String,
    /// Index into the city list the generator was given.
    pub city: u16,
    /// Bit `i` = `model::SUBSECTORS[i]`.
    pub subsectors: u32,
    /// Free tags (lowercase).
    pub tags: Vec<String>,
    /// Days since the record was last verified; `None` = never verified.
    pub verified_days_ago: Option<u32>,
}
/// Generates records for the given cities (display names such as `Kota Semarang`); earlier
/// cities get more records, so put the big ones first.
#[derive(Debug, Clone)]
pub struct Generator {
    rng: fastrand::Rng,
    /// City names without `Kota`/`Kabupaten`.
    cities: Vec<String>,
}

fn short_city(name: &str) -> String {
    [
        "Kota Administrasi ",
        "Kabupaten Administrasi ",
        "Kota ",
        "Kabupaten ",
    ]
    .iter()
    .find_map(|p| name.strip_prefix(p))
    .unwrap_or(name)
    .to_string()
}

impl Generator {
    /// A generator seeded with `seed`. An empty city list gets one placeholder city.
    pub fn new(seed: u64, city_names: &[String]) -> Self {
        let mut cities: Vec<String> = city_names.iter().map(|c| short_city(c)).collect();
        if cities.is_empty() {
            cities.push("Nusantara".to_string());
        }
        Generator {
            rng: fastrand::Rng::with_seed(seed),
            cities,
        }
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.rng.usize(..items.len())]
    }

    fn fill(&mut self, pattern: &str, city: &str, topic: &str) -> String {
        let word = self.pick(WORDS);
        let word2 = self.pick(WORDS);
        pattern
            .replace("{city}", city)
            .replace("{word2}", word2)
            .replace("{word}", word)
            .replace("{topic}", topic)
    }

    /// A subsector and one of its topics.
    fn topic(&mut self) -> (usize, &'static str) {
        let sub = self.rng.usize(..SUBSECTORS.len());
        (sub, self.pick(TOPICS[sub]))
    }

    fn community(&mut self, city: &str) -> (String, u32) {
        let (sub, topic) = self.topic();
        let name = match self.rng.u8(..10) {
            0..=3 => format!("{} {topic} {city}", self.pick(COMMUNITY_PREFIXES)),
            4..=5 => format!("{topic} {city}"),
            6 => format!("{city} {topic} Community"),
            7 => format!(
                "{} {topic} {}",
                self.pick(COMMUNITY_PREFIXES),
                self.pick(WORDS)
            ),
            _ => format!("{} {topic}", self.pick(COMMUNITY_PREFIXES)),
        };
        (name, 1 << sub)
    }

    fn subsector_bits(&mut self, max: u8) -> u32 {
        (0..self.rng.u8(..=max)).fold(0, |bits, _| bits | 1 << self.rng.usize(..SUBSECTORS.len()))
    }

    /// A person's name as Indonesians have them (one, two or three words from common given and
    /// family names), for synthetic contacts.
    pub fn person(&mut self) -> String {
        let given = self.pick(GIVEN);
        match self.rng.u8(..10) {
            0 => given.to_string(),
            1..=6 => format!("{given} {}", self.pick(FAMILY)),
            _ => format!("{given} {} {}", self.pick(GIVEN), self.pick(FAMILY)),
        }
    }

    /// The next record.
    pub fn record(&mut self) -> SynthRecord {
        // Skewed towards the first cities, as real directories are.
        let f = self.rng.f64();
        let city = ((f * f * f) * self.cities.len() as f64) as usize;
        let city = city.min(self.cities.len() - 1);
        let city_name = self.cities[city].clone();
        let (kind, name, subsectors) = match self.rng.u8(..100) {
            0..=39 => (Kind::Contact, self.person(), self.subsector_bits(1)),
            40..=69 => {
                let (name, bits) = self.community(&city_name);
                (Kind::Community, name, bits | self.subsector_bits(1))
            }
            70..=81 => {
                let pattern = self.pick(SPACE_PATTERNS);
                let name = self.fill(pattern, &city_name, "");
                (Kind::Space, name, self.subsector_bits(3))
            }
            82..=96 => {
                let (sub, topic) = self.topic();
                let pattern = self.pick(ORG_PATTERNS);
                let name = self.fill(pattern, &city_name, topic);
                (Kind::Organisation, name, 1 << sub | self.subsector_bits(1))
            }
            _ => {
                let (sub, topic) = self.topic();
                let year = 2015 + self.rng.u16(..11);
                let name = match self.rng.u8(..3) {
                    0 => format!("Festival {topic} {city_name} {year}"),
                    1 => format!("Pekan Kreatif {city_name} {year}"),
                    _ => format!("Pameran {topic} {year}"),
                };
                (Kind::Event, name, 1 << sub)
            }
        };
        let tags = if self.rng.u8(..10) == 0 {
            vec![self.pick(TAGS).to_string()]
        } else {
            Vec::new()
        };
        let verified_days_ago = (self.rng.u8(..10) != 0).then(|| self.rng.u32(..800));
        SynthRecord {
            kind,
            name,
            city: city as u16,
            subsectors,
            tags,
            verified_days_ago,
        }
    }
}

impl Iterator for Generator {
    type Item = SynthRecord;

    fn next(&mut self) -> Option<SynthRecord> {
        Some(self.record())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_records() {
        let cities = vec!["Kota Semarang".to_string(), "Kabupaten Sleman".to_string()];
        let a: Vec<_> = Generator::new(7, &cities).take(200).collect();
        let b: Vec<_> = Generator::new(7, &cities).take(200).collect();
        let c: Vec<_> = Generator::new(8, &cities).take(200).collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert!(a.iter().all(|r| r.city < 2 && !r.name.is_empty()));
        assert!(a.iter().any(|r| r.name.contains("Semarang")));
        assert!(!a.iter().any(|r| r.name.contains("Kota ")));
    }

    #[test]
    fn every_kind_and_subsector_appears() {
        let regions = regions();
        let names: Vec<String> = regions.cities.iter().map(|c| c.name.clone()).collect();
        let records: Vec<_> = Generator::new(1, &names).take(5000).collect();
        for kind in [
            Kind::Community,
            Kind::Space,
            Kind::Organisation,
            Kind::Contact,
        ] {
            assert!(records.iter().any(|r| r.kind == kind), "{kind}");
        }
        let bits = records.iter().fold(0, |b, r| b | r.subsectors);
        assert_eq!(bits, (1 << SUBSECTORS.len()) - 1);
    }

    #[test]
    fn regions_table_is_complete() {
        let r = regions();
        assert_eq!(r.provinces.len(), 38);
        assert_eq!(r.cities.len(), 514);
        let mut codes: Vec<_> = r.cities.iter().map(|c| &c.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 514);
    }
}
