//! Records by city, for queries whose place words widen an earlier answer.
//!
//! In a query of two or more words, a word may match a record through its city (see the
//! `query` module), so `kota s` is not a narrowing of `kota`: it also matches the records
//! of the cities whose names start with `kota` (Kotamobagu, Kotabaru, the Kotawaringins).
//! It is one all the same, plus those cities' records
//! ([`Query::added_cities`]); this table lists them, so such a query re-checks the earlier
//! matches and a few cities' records instead of every record.

#[cfg(doc)]
use super::query::Query;

use super::index::{Index, NO_CITY, RecordId};

/// Every record with a city, grouped by city, in index order within each (4 bytes a record).
#[derive(Debug, Default)]
pub(crate) struct CityRecords {
    /// `ids[offsets[c]..offsets[c + 1]]` are city `c`'s records.
    offsets: Vec<u32>,
    ids: Vec<RecordId>,
}

impl CityRecords {
    /// The table of `index`: two passes over its metadata.
    pub fn build(index: &Index) -> Self {
        let cities = index.regions.cities.len();
        let mut offsets = vec![0u32; cities + 1];
        for m in &index.meta {
            if m.city != NO_CITY
                && let Some(o) = offsets.get_mut(usize::from(m.city) + 1)
            {
                *o += 1;
            }
        }
        for c in 0..cities {
            offsets[c + 1] += offsets[c];
        }
        let mut next: Vec<u32> = offsets[..cities].to_vec();
        let mut ids = vec![0; offsets[cities] as usize];
        for (i, m) in index.meta.iter().enumerate() {
            if let Some(at) = next.get_mut(usize::from(m.city)) {
                ids[*at as usize] = i as RecordId;
                *at += 1;
            }
        }
        CityRecords { offsets, ids }
    }

    /// City `c`'s records, in index order (none for an unknown city).
    pub fn of(&self, c: u16) -> &[RecordId] {
        let c = usize::from(c);
        match (self.offsets.get(c), self.offsets.get(c + 1)) {
            (Some(&a), Some(&b)) => &self.ids[a as usize..b as usize],
            _ => &[],
        }
    }

    /// How many records `cities` have together.
    pub fn count(&self, cities: &[u16]) -> usize {
        cities.iter().map(|&c| self.of(c).len()).sum()
    }

    /// `base` (in index order) and the records of `cities`, merged in index order without
    /// repeats; `len` is the number of records in the index.
    pub fn union(&self, len: usize, base: &[RecordId], cities: &[u16]) -> Vec<RecordId> {
        // A bitset over the records: a few hundred microseconds at a million, whatever the
        // number of cities, where a k-way merge pays a heap step per record.
        let mut bits = vec![0u64; len.div_ceil(64)];
        let mut set = |id: RecordId| {
            if let Some(w) = bits.get_mut(id as usize / 64) {
                *w |= 1 << (id % 64);
            }
        };
        base.iter().copied().for_each(&mut set);
        for &c in cities {
            self.of(c).iter().copied().for_each(&mut set);
        }
        let mut out = Vec::with_capacity(base.len() + self.count(cities));
        for (w, &word) in bits.iter().enumerate() {
            let mut word = word;
            while word != 0 {
                out.push((w * 64) as RecordId + word.trailing_zeros());
                word &= word - 1;
            }
        }
        out
    }
}
