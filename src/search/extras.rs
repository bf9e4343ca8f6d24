//! What the app's full index adds to the lean one of the [`super::cache`], saved beside it
//! (`<db>.index-full`): the tie-break order and the one-letter tables. Computing them takes
//! most of the app's index load at 1M records (a sort of every name and two passes over the
//! index); reading them back takes a few milliseconds, so keystrokes right after start find
//! the full index sooner. The CLI never needs them and never writes them; the app writes the
//! file once after computing them, and any write to the store changes the stamp.
//!
//! The file is a magic header, a format version, the stamp of the lean cache it completes,
//! the record count, the order, the 36 letter entries, and a CRC-32 (seeded with the stamp)
//! of everything after the stamp. Reading checks the stamp, the count against the index, that
//! the order is a permutation, every record id, class and table size, and the checksum: a
//! stale or damaged file is ignored and recomputed, never trusted. Deleting it is always safe.

use super::facets::Facets;
use super::index::{Index, RecordId};
use super::letters::{LetterEntry, LetterTable, SLOTS};
use super::rank::{Hit, MatchClass};
use crate::model::{Kind, SUBSECTORS};
use crc32fast::Hasher as Sum;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 6] = b"JJRXTR";
/// Bump when the layout below changes.
const VERSION: u16 = 1;

/// The file of the database at `db`: `<db>.index-full`.
pub fn path_for(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(".index-full");
    PathBuf::from(p)
}

/// The lean `index` (of the database at `db`, cached under `stamp`) made full: from the file
/// when it carries `stamp` and fits the index, else computed ([`Index::into_full`]) and saved
/// for the next start (best effort, as for the cache).
pub fn complete(db: &Path, stamp: &str, index: Index) -> Index {
    if let Some((order, letters)) = read(db, stamp, &index) {
        return index.with_extras(order, letters);
    }
    let full = index.into_full();
    let _ = write(db, stamp, &full);
    full
}

/// The saved order and letter tables for `index`, if the file carries `stamp` and fits it.
pub(crate) fn read(db: &Path, stamp: &str, index: &Index) -> Option<(Vec<u32>, LetterTable)> {
    decode(&std::fs::read(path_for(db)).ok()?, stamp, index)
}

/// Saves the order and letter tables of the full `index` for the database at `db`, through a
/// temporary file (named like the index cache's, so a sweep finds one left by a crash).
pub fn write(db: &Path, stamp: &str, index: &Index) -> io::Result<()> {
    if !index.has_order() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "a lean index"));
    }
    let path = path_for(db);
    // `.NAME.index.tmp-PID-full`: the pattern `files::sweep` removes after a crash.
    let name = db
        .file_name()
        .map_or_else(|| "jejaring".into(), |n| n.to_string_lossy().into_owned());
    let tmp = db.with_file_name(format!(".{name}.index.tmp-{}-full", std::process::id()));
    let result = (|| {
        let _ = std::fs::remove_file(&tmp);
        let mut f = crate::files::create_private(&tmp)?;
        f.write_all(&encode(index, stamp))?;
        drop(f);
        std::fs::rename(&tmp, &path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Deletes the file of the database at `db`; a missing file is fine.
pub fn remove(db: &Path) -> io::Result<()> {
    match std::fs::remove_file(path_for(db)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

fn put32(b: &mut Vec<u8>, v: usize) {
    // Counts here are record ids and table sizes, all below 2^32 (ids are u32).
    b.extend((v as u32).to_le_bytes());
}

/// The file's bytes for a full `index`.
pub(crate) fn encode(index: &Index, stamp: &str) -> Vec<u8> {
    let mut b = Vec::with_capacity(16 + stamp.len() + index.len() * 4 + 64 * 1024);
    b.extend(MAGIC);
    b.extend(VERSION.to_le_bytes());
    put32(&mut b, stamp.len());
    b.extend(stamp.as_bytes());
    let body = b.len();
    put32(&mut b, index.len());
    for &o in &index.order {
        b.extend(o.to_le_bytes());
    }
    for e in index.letters.entries() {
        put32(&mut b, e.total);
        put32(&mut b, e.hits.len());
        for h in &e.hits {
            b.extend(h.id.to_le_bytes());
            b.push(h.class as u8);
            b.extend(h.score.to_le_bytes());
        }
        let f = &e.facets;
        f.kinds.iter().for_each(|&v| b.extend(v.to_le_bytes()));
        put32(&mut b, f.provinces.len());
        f.provinces.iter().for_each(|&v| b.extend(v.to_le_bytes()));
        b.extend(f.no_province.to_le_bytes());
        f.subsectors.iter().for_each(|&v| b.extend(v.to_le_bytes()));
    }
    let sum = checksum(stamp, &b[body..]);
    b.extend(sum.to_le_bytes());
    b
}

fn checksum(stamp: &str, body: &[u8]) -> u32 {
    let mut sum = Sum::new();
    sum.update(stamp.as_bytes());
    sum.update(body);
    sum.finalize()
}

/// Reads bytes front to back; every read checks the bytes left.
struct Reader<'a> {
    b: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.b.len() {
            return None;
        }
        let (head, rest) = self.b.split_at(n);
        self.b = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn len(&mut self) -> Option<usize> {
        self.u32().map(|v| v as usize)
    }

    fn u32s<const N: usize>(&mut self) -> Option<[u32; N]> {
        let mut out = [0; N];
        for v in &mut out {
            *v = self.u32()?;
        }
        Some(out)
    }
}

/// The order and letter tables in `bytes`, if they carry `stamp` and fit `index`.
pub(crate) fn decode(bytes: &[u8], stamp: &str, index: &Index) -> Option<(Vec<u32>, LetterTable)> {
    let mut r = Reader { b: bytes };
    (r.take(6)? == MAGIC).then_some(())?;
    (r.take(2)? == VERSION.to_le_bytes()).then_some(())?;
    let stamp_len = r.len()?;
    (r.take(stamp_len)? == stamp.as_bytes()).then_some(())?;
    let body = r.b.len().checked_sub(4)?;
    let sum = u32::from_le_bytes(r.b[body..].try_into().ok()?);
    (checksum(stamp, &r.b[..body]) == sum).then_some(())?;
    r.b = &r.b[..body];
    let n = index.len();
    (r.len()? == n).then_some(())?;
    let raw = r.take(n.checked_mul(4)?)?;
    let order: Vec<u32> = raw
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    // A permutation of 0..n: every position once.
    let mut seen = vec![false; n];
    for &o in &order {
        let slot = seen.get_mut(o as usize)?;
        (!*slot).then_some(())?;
        *slot = true;
    }
    let provinces = index.regions.provinces.len();
    let mut entries = Vec::with_capacity(SLOTS);
    for _ in 0..SLOTS {
        let total = r.len()?;
        let count = r.len()?;
        (count <= total && count <= n).then_some(())?;
        let mut hits = Vec::with_capacity(count);
        for _ in 0..count {
            let h = r.take(13)?;
            let id = RecordId::from_le_bytes(h[..4].try_into().ok()?);
            if id as usize >= n {
                return None;
            }
            hits.push(Hit {
                id,
                class: *MatchClass::ALL.get(usize::from(h[4]))?,
                score: i64::from_le_bytes(h[5..13].try_into().ok()?),
            });
        }
        let kinds = r.u32s::<{ Kind::ALL.len() }>()?;
        (r.len()? == provinces).then_some(())?;
        let mut counts = Vec::with_capacity(provinces);
        for _ in 0..provinces {
            counts.push(r.u32()?);
        }
        let no_province = r.u32()?;
        let subsectors = r.u32s::<{ SUBSECTORS.len() }>()?;
        entries.push(LetterEntry {
            hits,
            total,
            facets: Facets {
                kinds,
                provinces: counts,
                no_province,
                subsectors,
            },
        });
    }
    r.b.is_empty().then_some(())?;
    Some((order, LetterTable::from_entries(entries)?))
}

#[cfg(test)]
#[path = "extras_tests.rs"]
mod tests;
