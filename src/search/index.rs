//! The in-memory index: every record's name, letter mask and packed metadata, and a folded
//! copy of the few names that need one, built in one streaming pass from [`IndexRow`]s.
//!
//! An ASCII name is its own folded copy once lowercased, and the search compares bytes without
//! ASCII case, so only names with other chars (accents, other scripts) or NULs keep a folded
//! copy; at a million names that saves about a quarter of the index.

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
    /// The ICCN membership of the record's city: `Some(true)` member, `Some(false)` a source
    /// says not a member, `None` unknown (or no city).
    pub iccn: Option<bool>,
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
    /// Year first certified KaTa Kreatif, if it is.
    pub kata_year: Option<u16>,
    /// A kota (else a kabupaten), for the list's kind tag.
    pub kota: bool,
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
/// The record's city is an ICCN member (a source says yes).
pub(crate) const FLAG_ICCN: u8 = 1 << 3;
/// A source says the record's city is not an ICCN member. Neither flag: unknown.
pub(crate) const FLAG_ICCN_NO: u8 = 1 << 6;
pub(crate) const FLAG_STALE: u8 = 1 << 4;
/// The name has its own folded copy (it has non-ASCII chars or NULs); the copy may hold
/// padding bytes.
pub(crate) const FLAG_PADDED: u8 = 1 << 5;
/// `rowids` holds this when the real rowid does not fit in 32 bits (see `big_rowids`).
const BIG_ROWID: u32 = u32::MAX;

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
    /// The ICCN membership flags as yes / no / unknown.
    pub fn iccn(self) -> Option<bool> {
        if self.has(FLAG_ICCN) {
            Some(true)
        } else if self.has(FLAG_ICCN_NO) {
            Some(false)
        } else {
            None
        }
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
    /// As [`IndexRow::iccn`].
    pub iccn: Option<bool>,
    pub stale: bool,
}

/// The search index. Build it with [`Index::build`] or an [`IndexBuilder`]; share it between
/// threads in an `Arc` (it is immutable once built).
#[derive(Debug)]
pub struct Index {
    pub(crate) names: String,
    /// `offsets[i]..offsets[i + 1]` is record `i` in `names`.
    pub(crate) offsets: Vec<u32>,
    /// Folded copies of the names flagged `FLAG_PADDED`, each as long as its name.
    pub(crate) folded: Vec<u8>,
    /// (record, start in `folded`) of each name with a folded copy, by record.
    pub(crate) folded_at: Vec<(RecordId, u32)>,
    pub(crate) masks: Vec<u64>,
    pub(crate) meta: Vec<Meta>,
    /// Rowids that fit in 32 bits (nearly all); others are in `big_rowids`.
    pub(crate) rowids: Vec<u32>,
    pub(crate) big_rowids: HashMap<RecordId, i64>,
    /// Position of each record in (kind, folded name, name) order: the final tie-breaker.
    /// Empty in a lean index, which compares names instead (see [`Index::tie_cmp`]).
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

    /// Adds what a lean index (a single search, the cache) leaves out: the tie-break order
    /// and the one-letter tables. A full index is returned as is.
    #[must_use]
    pub fn into_full(mut self) -> Index {
        if !self.has_order() {
            self.order = sort_order(&self);
            self.letters = LetterTable::build(&self);
        }
        self
    }

    /// A lean index completed with a tie-break order and letter tables computed earlier for
    /// the same records (see [`super::extras`]).
    pub(crate) fn with_extras(mut self, order: Vec<u32>, letters: LetterTable) -> Index {
        self.order = order;
        self.letters = letters;
        self
    }

    /// Name of record `id` (panics when out of range).
    pub fn name(&self, id: RecordId) -> &str {
        let i = id as usize;
        &self.names[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    /// What the search compares the query with: the folded copy of record `id`'s name (same
    /// byte length as the name), or the name itself when it is ASCII. Compare its bytes
    /// without ASCII case.
    pub(crate) fn hay(&self, id: RecordId) -> &[u8] {
        let i = id as usize;
        let (start, end) = (self.offsets[i] as usize, self.offsets[i + 1] as usize);
        if !self.meta[i].has(FLAG_PADDED) {
            return &self.names.as_bytes()[start..end];
        }
        match self.folded_at.binary_search_by_key(&id, |&(r, _)| r) {
            Ok(k) => {
                let at = self.folded_at[k].1 as usize;
                &self.folded[at..at + end - start]
            }
            Err(_) => &self.names.as_bytes()[start..end],
        }
    }

    /// The record's tie-break position, 0 for every record of a lean index.
    pub(crate) fn order_of(&self, id: RecordId) -> u32 {
        self.order.get(id as usize).copied().unwrap_or(0)
    }

    /// Whether the tie-break order was computed (not a lean index).
    pub(crate) fn has_order(&self) -> bool {
        !self.order.is_empty()
    }

    /// The tie-break order itself, computed on demand: kind, then the folded name (bytes
    /// without ASCII case, shorter names padded with zeros), then the name, then the id. This
    /// is the order `sort_order` gives, so a lean index ranks as a full one does.
    pub(crate) fn tie_cmp(&self, a: RecordId, b: RecordId) -> std::cmp::Ordering {
        let (ha, hb) = (self.hay(a), self.hay(b));
        let padded = |h: &[u8], i: usize| h.get(i).map_or(0, u8::to_ascii_lowercase);
        self.meta[a as usize]
            .kind_index()
            .cmp(&self.meta[b as usize].kind_index())
            .then_with(|| {
                (0..ha.len().max(hb.len()))
                    .map(|i| padded(ha, i).cmp(&padded(hb, i)))
                    .find(|o| o.is_ne())
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
            .then_with(|| self.name(a).cmp(self.name(b)))
            .then(a.cmp(&b))
    }

    /// Name length in bytes.
    pub(crate) fn name_bytes(&self, id: RecordId) -> usize {
        let i = id as usize;
        (self.offsets[i + 1] - self.offsets[i]) as usize
    }

    /// Record `id` (panics when out of range).
    pub fn record(&self, id: RecordId) -> Record<'_> {
        let m = self.meta[id as usize];
        Record {
            id,
            kind: m.kind(),
            rowid: match self.rowids[id as usize] {
                BIG_ROWID => self.big_rowids.get(&id).copied().unwrap_or(-1),
                small => i64::from(small),
            },
            name: self.name(id),
            city: (m.city != NO_CITY).then_some(m.city),
            province: (m.province != NO_PROVINCE).then_some(m.province),
            subsectors: m.subsectors,
            iccn: m.iccn(),
            stale: m.has(FLAG_STALE),
        }
    }

    /// Bytes held by the index's own tables (not counting allocator slack).
    pub fn heap_bytes(&self) -> usize {
        self.names.capacity()
            + self.folded.capacity()
            + self.folded_at.capacity() * 8
            + self.offsets.capacity() * 4
            + self.masks.capacity() * 8
            + self.meta.capacity() * 8
            + self.rowids.capacity() * 4
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
                offsets,
                folded: Vec::new(),
                folded_at: Vec::new(),
                masks: Vec::with_capacity(records),
                meta: Vec::with_capacity(records),
                rowids: Vec::with_capacity(records),
                big_rowids: HashMap::new(),
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
        ix.names.push_str(&row.name);
        ix.offsets.push(ix.names.len() as u32);
        let own_copy = !row.name.is_ascii() || row.name.contains('\0');
        if own_copy {
            let start = ix.folded.len();
            fold::fold_into(&row.name, &mut ix.folded);
            ix.folded_at.push((id, start as u32));
            ix.masks.push(fold::mask(&ix.folded[start..]));
        } else {
            ix.masks.push(fold::mask(row.name.as_bytes()));
        }
        let city = row
            .city
            .filter(|&c| usize::from(c) < ix.regions.cities.len());
        let province = city
            .map(|c| ix.regions.cities[usize::from(c)].province)
            .or(row.province)
            .filter(|&p| usize::from(p) < ix.regions.provinces.len());
        let kind = Kind::ALL.iter().position(|&k| k == row.kind).unwrap_or(0) as u8;
        let mut bits = kind;
        match row.iccn {
            Some(true) => bits |= FLAG_ICCN,
            Some(false) => bits |= FLAG_ICCN_NO,
            None => {}
        }
        if row.stale {
            bits |= FLAG_STALE;
        }
        if own_copy {
            bits |= FLAG_PADDED;
        }
        ix.meta.push(Meta {
            subsectors: row.subsectors,
            city: city.unwrap_or(NO_CITY),
            province: province.unwrap_or(NO_PROVINCE),
            bits,
        });
        match u32::try_from(row.rowid) {
            Ok(small) if small != BIG_ROWID => ix.rowids.push(small),
            _ => {
                ix.rowids.push(BIG_ROWID);
                ix.big_rowids.insert(id, row.rowid);
            }
        }
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

    /// Finishes the index: tie-break order and the precomputed single-letter results (for the
    /// TUI, which answers many queries).
    pub fn finish(self) -> Index {
        self.finish_lean().into_full()
    }

    /// Finishes the index without the tie-break order and the one-letter tables: for a single
    /// search (the CLI), where building them costs more than they save. It ranks exactly as a
    /// full index (ties compare names instead), one-letter queries just take the general path.
    pub fn finish_lean(mut self) -> Index {
        let mut ix = self.index;
        ix.names.shrink_to_fit();
        ix.folded.shrink_to_fit();
        ix.folded_at.shrink_to_fit();
        ix.offsets.shrink_to_fit();
        ix.masks.shrink_to_fit();
        ix.meta.shrink_to_fit();
        ix.rowids.shrink_to_fit();
        for (tag, id) in self.tag_ids.drain() {
            ix.aliases.add_tag(tag, id);
        }
        ix
    }
}

/// Ranks every record by (kind, folded name, name, id). Sorts 8-byte slices of the folded
/// names as integers, then re-sorts each run of equal slices on the next 8 bytes: names
/// sharing a prefix (`Komunitas …`) are many, and comparing integers beats comparing text.
fn sort_order(ix: &Index) -> Vec<u32> {
    let n = ix.meta.len();
    // The first key holds the kind and 7 bytes; deeper keys 8 bytes from `7 + 8 * (depth-1)`.
    let key = |id: RecordId, depth: usize| -> u64 {
        let hay = ix.hay(id);
        let mut k = [0u8; 8];
        let (dst, from) = if depth == 0 {
            k[0] = ix.meta[id as usize].kind_index() as u8 + 1;
            (&mut k[1..], 0)
        } else {
            (&mut k[..], 7 + 8 * (depth - 1))
        };
        for (d, s) in dst.iter_mut().zip(hay.iter().skip(from)) {
            *d = s.to_ascii_lowercase();
        }
        u64::from_be_bytes(k)
    };
    let mut keyed: Vec<(u64, u32)> = (0..n as u32).map(|id| (key(id, 0), id)).collect();
    keyed.sort_unstable();
    let mut runs = vec![(0, n, 0usize)];
    while let Some((start, end, depth)) = runs.pop() {
        let mut i = start;
        while i < end {
            let mut j = i + 1;
            while j < end && keyed[j].0 == keyed[i].0 {
                j += 1;
            }
            if j - i > 1 {
                let run = &mut keyed[i..j];
                let longest = run.iter().map(|&(_, id)| ix.name_bytes(id)).max();
                if longest.is_some_and(|l| l > 7 + 8 * depth) {
                    for e in run.iter_mut() {
                        e.0 = key(e.1, depth + 1);
                    }
                    run.sort_unstable();
                    runs.push((i, j, depth + 1));
                } else {
                    // Folded names are equal: the original name, then the id, decide.
                    run.sort_unstable_by(|a, b| ix.name(a.1).cmp(ix.name(b.1)).then(a.1.cmp(&b.1)));
                }
            }
            i = j;
        }
    }
    let mut order = vec![0u32; n];
    for (pos, &(_, id)) in keyed.iter().enumerate() {
        order[id as usize] = pos as u32;
    }
    order
}
