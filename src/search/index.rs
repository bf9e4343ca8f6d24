//! The in-memory index: every record's name, its folded copy, letter mask and packed metadata,
//! built in one streaming pass from [`IndexRow`]s.

use super::aliases::Aliases;
use super::fold;
use super::letters::LetterTable;
use crate::model::Kind;
use std::collections::HashMap;

/// Position of a record in the [`Index`] (0-based, in the order rows were pushed).
pub type RecordId = u32;

/// One record as the index needs it; the store produces these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexRow {
    pub kind: Kind,
    /// `SQLite` rowid within that kind's table (provinces and cities too).
    pub rowid: i64,
    pub name: String,
    /// Index into [`Regions::cities`]; for a city row, the city itself.
    pub city: Option<u16>,
    /// Index into [`Regions::provinces`]. Leave `None` when `city` is set (the province is
    /// taken from the city); set it for province rows and records known only by province.
    pub province: Option<u8>,
    /// Bit `i` set = `model::SUBSECTORS[i]`.
    pub subsectors: u32,
    /// Free tags (not official subsectors); `sub:TAG` filters on them.
    pub tags: Vec<String>,
    /// The record is in an ICCN member city.
    pub iccn: bool,
    /// `last_verified` is missing or more than a year old.
    pub stale: bool,
}

/// A kabupaten or kota as the index needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CityInfo {
    /// Kemendagri code in dotted form (`33.74`).
    pub code: String,
    /// Display name (`Kota Semarang`).
    pub name: String,
    /// Index into [`Regions::provinces`].
    pub province: u8,
}

/// A province as the index needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvinceInfo {
    /// Kemendagri code (`33`).
    pub code: String,
    /// Display name (`Jawa Tengah`).
    pub name: String,
    /// Common abbreviations and other names (`jateng`, `central java`), any case.
    pub aliases: Vec<String>,
}

/// The region tables that [`IndexRow::city`] and [`IndexRow::province`] index into.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Regions {
    pub provinces: Vec<ProvinceInfo>,
    pub cities: Vec<CityInfo>,
}

/// Packed per-record metadata: 8 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Meta {
    pub subsectors: u32,
    /// `NO_CITY` when unknown.
    pub city: u16,
    /// `NO_PROVINCE` when unknown.
    pub province: u8,
    /// Bits 0–2 kind, then the `FLAG_*` bits.
    pub bits: u8,
}

pub(crate) const NO_CITY: u16 = u16::MAX;
pub(crate) const NO_PROVINCE: u8 = u8::MAX;
pub(crate) const FLAG_ICCN: u8 = 1 << 3;
pub(crate) const FLAG_STALE: u8 = 1 << 4;
/// The folded copy has padding (the name has non-ASCII chars), so byte tricks need care.
pub(crate) const FLAG_PADDED: u8 = 1 << 5;

impl Meta {
    pub fn kind_index(self) -> usize {
        usize::from(self.bits & 0b111)
    }
    pub fn kind(self) -> Kind {
        Kind::ALL[self.kind_index()]
    }
    pub fn has(self, flag: u8) -> bool {
        self.bits & flag != 0
    }
}

/// A record as stored in the index, borrowed from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record<'a> {
    pub id: RecordId,
    pub kind: Kind,
    pub rowid: i64,
    pub name: &'a str,
    pub city: Option<u16>,
    pub province: Option<u8>,
    pub subsectors: u32,
    pub iccn: bool,
    pub stale: bool,
}

/// The search index. Build it with [`Index::build`] or an [`IndexBuilder`]; share it between
/// threads in an `Arc` (it is immutable once built).
#[derive(Debug)]
pub struct Index {
    pub(crate) names: String,
    pub(crate) folded: Vec<u8>,
    /// `offsets[i]..offsets[i + 1]` is record `i` in both `names` and `folded`.
    pub(crate) offsets: Vec<u32>,
    pub(crate) masks: Vec<u64>,
    pub(crate) meta: Vec<Meta>,
    pub(crate) rowids: Vec<i64>,
    /// Position of each record in (kind, folded name, name) order: the final tie-breaker.
    pub(crate) order: Vec<u32>,
    /// Records carrying each free tag, by tag id.
    pub(crate) tag_postings: Vec<Vec<RecordId>>,
    pub(crate) aliases: Aliases,
    pub(crate) regions: Regions,
    pub(crate) letters: LetterTable,
}

impl Index {
    /// Builds an index from rows streamed from the store.
    pub fn build(regions: Regions, rows: impl IntoIterator<Item = IndexRow>) -> Index {
        let mut builder = IndexBuilder::new(regions);
        for row in rows {
            builder.push(&row);
        }
        builder.finish()
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.meta.len()
    }

    /// Whether the index holds no record.
    pub fn is_empty(&self) -> bool {
        self.meta.is_empty()
    }

    /// The lookup tables that [`super::Query::parse`] needs.
    pub fn aliases(&self) -> &Aliases {
        &self.aliases
    }

    /// The region tables the index was built with (for facet labels).
    pub fn regions(&self) -> &Regions {
        &self.regions
    }

    /// Name of record `id` (panics when out of range).
    pub fn name(&self, id: RecordId) -> &str {
        let i = id as usize;
        &self.names[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    /// The folded copy of record `id`'s name, padded to the original's byte layout.
    pub(crate) fn folded(&self, id: RecordId) -> &[u8] {
        let i = id as usize;
        &self.folded[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    /// Record `id` (panics when out of range).
    pub fn record(&self, id: RecordId) -> Record<'_> {
        let m = self.meta[id as usize];
        Record {
            id,
            kind: m.kind(),
            rowid: self.rowids[id as usize],
            name: self.name(id),
            city: (m.city != NO_CITY).then_some(m.city),
            province: (m.province != NO_PROVINCE).then_some(m.province),
            subsectors: m.subsectors,
            iccn: m.has(FLAG_ICCN),
            stale: m.has(FLAG_STALE),
        }
    }

    /// Bytes held by the index's own tables (not counting allocator slack).
    pub fn heap_bytes(&self) -> usize {
        self.names.capacity()
            + self.folded.capacity()
            + self.offsets.capacity() * 4
            + self.masks.capacity() * 8
            + self.meta.capacity() * 8
            + self.rowids.capacity() * 8
            + self.order.capacity() * 4
            + self
                .tag_postings
                .iter()
                .map(|p| p.capacity() * 4)
                .sum::<usize>()
            + self.letters.heap_bytes()
    }
}

/// Builds an [`Index`] one row at a time, so a million rows never sit in memory at once.
#[derive(Debug)]
pub struct IndexBuilder {
    index: Index,
    tag_ids: HashMap<String, u16>,
}

impl IndexBuilder {
    /// A builder for records in the given regions.
    pub fn new(regions: Regions) -> Self {
        Self::with_capacity(regions, 0, 0)
    }

    /// A builder that reserves room for `records` records of `name_bytes` bytes in total
    /// (a hint from `SELECT count(*)`, which avoids growing the buffers while loading).
    pub fn with_capacity(regions: Regions, records: usize, name_bytes: usize) -> Self {
        let mut offsets = Vec::with_capacity(records + 1);
        offsets.push(0);
        IndexBuilder {
            index: Index {
                names: String::with_capacity(name_bytes),
                folded: Vec::with_capacity(name_bytes),
                offsets,
                masks: Vec::with_capacity(records),
                meta: Vec::with_capacity(records),
                rowids: Vec::with_capacity(records),
                order: Vec::new(),
                tag_postings: Vec::new(),
                aliases: Aliases::new(&regions),
                regions,
                letters: LetterTable::default(),
            },
            tag_ids: HashMap::new(),
        }
    }

    /// Adds one record. Rows beyond `u32::MAX` bytes of names in total are not supported.
    pub fn push(&mut self, row: &IndexRow) {
        let ix = &mut self.index;
        let id = ix.meta.len() as RecordId;
        let start = ix.folded.len();
        ix.names.push_str(&row.name);
        fold::fold_into(&row.name, &mut ix.folded);
        ix.offsets.push(ix.names.len() as u32);
        ix.masks.push(fold::mask(&ix.folded[start..]));
        let city = row
            .city
            .filter(|&c| usize::from(c) < ix.regions.cities.len());
        let province = city
            .map(|c| ix.regions.cities[usize::from(c)].province)
            .or(row.province)
            .filter(|&p| usize::from(p) < ix.regions.provinces.len());
        let kind = Kind::ALL.iter().position(|&k| k == row.kind).unwrap_or(0) as u8;
        let mut bits = kind;
        if row.iccn {
            bits |= FLAG_ICCN;
        }
        if row.stale {
            bits |= FLAG_STALE;
        }
        if !row.name.is_ascii() {
            bits |= FLAG_PADDED;
        }
        ix.meta.push(Meta {
            subsectors: row.subsectors,
            city: city.unwrap_or(NO_CITY),
            province: province.unwrap_or(NO_PROVINCE),
            bits,
        });
        ix.rowids.push(row.rowid);
        for tag in &row.tags {
            let key = fold::fold_str(tag.trim());
            if key.is_empty() {
                continue;
            }
            let next = self.tag_ids.len();
            let Ok(next) = u16::try_from(next) else {
                continue; // more distinct tags than a filter table is meant for
            };
            let tag_id = *self.tag_ids.entry(key).or_insert(next);
            if usize::from(tag_id) == ix.tag_postings.len() {
                ix.tag_postings.push(Vec::new());
            }
            let postings = &mut ix.tag_postings[usize::from(tag_id)];
            if postings.last() != Some(&id) {
                postings.push(id);
            }
        }
    }

    /// Finishes the index: tie-break order and the precomputed single-letter results.
    pub fn finish(self) -> Index {
        let mut ix = self.finish_without_letters();
        ix.letters = LetterTable::build(&ix);
        ix
    }

    /// Finishes the index without the single-letter results (one-letter queries then scan
    /// like any other): for a small first-frame index, where building them costs more than
    /// every search it will answer.
    pub fn finish_without_letters(mut self) -> Index {
        let mut ix = self.index;
        ix.names.shrink_to_fit();
        ix.folded.shrink_to_fit();
        ix.offsets.shrink_to_fit();
        ix.masks.shrink_to_fit();
        ix.meta.shrink_to_fit();
        ix.rowids.shrink_to_fit();
        ix.order = sort_order(&ix);
        for (tag, id) in self.tag_ids.drain() {
            ix.aliases.add_tag(tag, id);
        }
        ix
    }
}

/// Ranks every record by (kind, folded name, name). Sorting on a packed prefix key first
/// keeps most comparisons to one integer compare.
fn sort_order(ix: &Index) -> Vec<u32> {
    let n = ix.meta.len();
    let mut keyed: Vec<(u64, u32)> = (0..n)
        .map(|i| {
            let f = ix.folded(i as RecordId);
            let mut prefix = [0u8; 8];
            prefix[0] = ix.meta[i].kind_index() as u8;
            for (dst, src) in prefix[1..].iter_mut().zip(f) {
                *dst = *src;
            }
            (u64::from_be_bytes(prefix), i as u32)
        })
        .collect();
    keyed.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| ix.folded(a.1).cmp(ix.folded(b.1)))
            .then_with(|| ix.name(a.1).cmp(ix.name(b.1)))
            .then(a.1.cmp(&b.1))
    });
    let mut order = vec![0u32; n];
    for (pos, &(_, id)) in keyed.iter().enumerate() {
        order[id as usize] = pos as u32;
    }
    order
}
