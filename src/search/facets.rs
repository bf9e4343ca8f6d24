//! Facet counts over a result set: how many matches per kind, province and subsector.

use super::engine::par;
use super::index::{Index, NO_PROVINCE, RecordId};
use super::scorer::Scorer;
use crate::model::{Kind, SUBSECTORS};

/// Counts of the current matches per kind, province and subsector, for the facet panel.
/// To toggle a facet, add or remove the matching filter (see [`Facets::token`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    /// By `Kind::ALL` index.
    pub kinds: [u32; Kind::ALL.len()],
    /// By province index (`Regions::provinces`).
    pub provinces: Vec<u32>,
    /// Matches with no known province.
    pub no_province: u32,
    /// By `model::SUBSECTORS` index; a record with two subsectors counts in both.
    pub subsectors: [u32; SUBSECTORS.len()],
}

impl Facets {
    fn empty(provinces: usize) -> Self {
        Facets {
            provinces: vec![0; provinces],
            ..Facets::default()
        }
    }

    fn add_record(&mut self, index: &Index, id: RecordId) {
        let m = index.meta[id as usize];
        self.kinds[m.kind_index()] += 1;
        if m.province == NO_PROVINCE {
            self.no_province += 1;
        } else if let Some(c) = self.provinces.get_mut(usize::from(m.province)) {
            *c += 1;
        }
        let mut bits = m.subsectors;
        while bits != 0 {
            let i = bits.trailing_zeros() as usize;
            if let Some(c) = self.subsectors.get_mut(i) {
                *c += 1;
            }
            bits &= bits - 1;
        }
    }

    fn merge(&mut self, other: &Facets) {
        for (a, b) in self.kinds.iter_mut().zip(other.kinds) {
            *a += b;
        }
        for (a, b) in self.provinces.iter_mut().zip(&other.provinces) {
            *a += b;
        }
        self.no_province += other.no_province;
        for (a, b) in self.subsectors.iter_mut().zip(other.subsectors) {
            *a += b;
        }
    }

    /// Counts over `ids` on the calling thread.
    pub fn count(index: &Index, ids: &[RecordId]) -> Facets {
        let mut f = Facets::empty(index.regions.provinces.len());
        for &id in ids {
            f.add_record(index, id);
        }
        f
    }

    /// Counts over `ids`, split across the scorers' threads.
    pub(crate) fn count_par(index: &Index, ids: &[RecordId], scorers: &[Box<dyn Scorer>]) -> Self {
        let parts = par(scorers, ids.len(), |r, _| Facets::count(index, &ids[r]));
        let mut total = Facets::empty(index.regions.provinces.len());
        for p in &parts {
            total.merge(p);
        }
        total
    }

    /// The query token that filters on a facet, e.g. `kind:space`, `prov:33`, `sub:musik`.
    pub fn token(index: &Index, facet: Facet) -> Option<String> {
        match facet {
            Facet::Kind(k) => Some(format!("kind:{}", k.as_str())),
            Facet::Province(p) => index
                .regions
                .provinces
                .get(usize::from(p))
                .map(|p| format!("prov:{}", p.code)),
            Facet::Subsector(i) => SUBSECTORS.get(i).map(|(slug, _)| format!("sub:{slug}")),
        }
    }
}

/// One facet value, to turn into a filter token with [`Facets::token`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Kind(Kind),
    /// Province index.
    Province(u8),
    /// `model::SUBSECTORS` index.
    Subsector(usize),
}
