//! The index cache: a built lean [`Index`] saved beside the database (`<db>.index`), so a
//! one-off search (the CLI) reads a file instead of rebuilding from every SQLite row.
//!
//! The file is a magic header, a format version, a caller-given stamp (what the index was
//! built from; a different stamp means stale), the names, the other tables, and a checksum of
//! each of those two parts (both seeded with the stamp). The names (about half the file) are
//! read on a second thread while this one reads the rest.
//!
//! Reading checks the stamp, every length against the bytes left, every offset and index
//! against the tables it points into, and the checksums: a stale, truncated or corrupt file is
//! an error, never a panic, and the caller rebuilds. Writes go to a temporary file renamed into
//! place, so a reader never sees half a file (no fsync: a file torn by a crash fails its checks).
//! Deleting the file is always safe.

use super::aliases::Aliases;
use super::index::{
    CityInfo, FLAG_PADDED, Index, Meta, NO_CITY, NO_PROVINCE, ProvinceInfo, RecordId, Regions,
};
use super::letters::LetterTable;
use crate::model::{Kind, SUBSECTORS};
use crc32fast::Hasher as Sum;
use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

const MAGIC: &[u8; 6] = b"JJRIDX";
/// Bump when the layout below changes.
const VERSION: u16 = 4;
/// Bytes converted per read or write of a numeric table (keeps the peak memory at the index).
const CHUNK: usize = 1 << 16;

/// The cache file of the database at `db`: `<db>.index`.
pub fn path_for(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(".index");
    PathBuf::from(p)
}

/// Deletes the cache of the database at `db` (after the file was replaced), and the app's
/// additions to it ([`super::extras`]). A missing file is fine; other errors are returned.
pub fn remove(db: &Path) -> io::Result<()> {
    super::extras::remove(db)?;
    match std::fs::remove_file(path_for(db)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// The index cached at `path` if it carries `stamp` and is whole; `None` otherwise (missing,
/// stale, truncated or corrupt: the caller rebuilds).
pub fn read(path: &Path, stamp: &str) -> Option<Index> {
    let file = std::fs::File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    let file = std::sync::Mutex::new(Some(file));
    let open = |at: u64| -> io::Result<io::BufReader<std::fs::File>> {
        // The first reader takes the handle opened above; each other part opens its own.
        let mut f = match file.lock().ok().and_then(|mut f| f.take()) {
            Some(f) => f,
            None => std::fs::File::open(path)?,
        };
        io::Seek::seek(&mut f, io::SeekFrom::Start(at))?;
        // Small: the big reads bypass the buffer once it is empty.
        Ok(io::BufReader::with_capacity(8192, f))
    };
    decode(open, len, stamp).ok()
}

/// Numbers this process's writes: temporary names must differ even when the app rebuilds on
/// two threads at once.
static WRITES: AtomicU32 = AtomicU32::new(0);

/// Writes `index` to `path` with `stamp`, through a temporary file renamed into place.
pub fn write(path: &Path, stamp: &str, index: &Index) -> io::Result<()> {
    let name = path
        .file_name()
        .map_or_else(|| "index".into(), |n| n.to_string_lossy().into_owned());
    let call = WRITES.fetch_add(1, Ordering::Relaxed);
    let tmp = path.with_file_name(format!(".{name}.tmp-{}-{call}", std::process::id()));
    let result = (|| {
        // 0600: the index holds names, and the files it is cached beside are private.
        let _ = std::fs::remove_file(&tmp);
        let mut w = io::BufWriter::with_capacity(CHUNK, crate::files::create_private(&tmp)?);
        encode(index, stamp, &mut w)?;
        w.into_inner().map_err(io::IntoInnerError::into_error)?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Serialises the lean parts of `index` (not the tie-break order nor the one-letter tables,
/// which [`Index::into_full`] recomputes).
pub fn encode(index: &Index, stamp: &str, w: &mut impl Write) -> io::Result<()> {
    w.write_all(MAGIC)?;
    w.write_all(&VERSION.to_le_bytes())?;
    w.write_all(&len32(stamp.len())?.to_le_bytes())?;
    w.write_all(stamp.as_bytes())?;
    w.write_all(&len32(index.names.len())?.to_le_bytes())?;
    w.write_all(index.names.as_bytes())?;
    let mut names_sum = seeded(stamp);
    names_sum.update(index.names.as_bytes());
    let names_sum = names_sum.finalize();
    let mut out = Output {
        w,
        sum: seeded(stamp),
        buf: Vec::with_capacity(CHUNK),
    };
    out.u32(len32(index.len())?)?;
    out.array(&index.offsets, |v, b| b.extend(v.to_le_bytes()))?;
    out.bytes(&index.folded)?;
    out.u32(len32(index.folded_at.len())?)?;
    out.array(&index.folded_at, |(r, at), b| {
        b.extend(r.to_le_bytes());
        b.extend(at.to_le_bytes());
    })?;
    out.array(&index.masks, |v, b| b.extend(v.to_le_bytes()))?;
    out.array(&index.meta, |m, b| {
        b.extend(m.subsectors.to_le_bytes());
        b.extend(m.city.to_le_bytes());
        b.push(m.province);
        b.push(m.bits);
    })?;
    out.array(&index.rowids, |v, b| b.extend(v.to_le_bytes()))?;
    let mut big: Vec<(RecordId, i64)> = index.big_rowids.iter().map(|(&k, &v)| (k, v)).collect();
    big.sort_unstable();
    out.u32(len32(big.len())?)?;
    out.array(&big, |(r, id), b| {
        b.extend(r.to_le_bytes());
        b.extend(id.to_le_bytes());
    })?;
    let tags = index.aliases.tags_by_id();
    let tags: Vec<_> = tags.iter().zip(&index.tag_postings).collect();
    out.u32(len32(tags.len())?)?;
    for (tag, postings) in tags {
        out.bytes(tag.as_bytes())?;
        out.u32(len32(postings.len())?)?;
        out.array(postings, |v, b| b.extend(v.to_le_bytes()))?;
    }
    let regions = &index.regions;
    out.u32(len32(regions.provinces.len())?)?;
    for p in &regions.provinces {
        out.bytes(p.code.as_bytes())?;
        out.bytes(p.name.as_bytes())?;
        out.u32(len32(p.aliases.len())?)?;
        for a in &p.aliases {
            out.bytes(a.as_bytes())?;
        }
    }
    out.u32(len32(regions.cities.len())?)?;
    for c in &regions.cities {
        out.bytes(c.code.as_bytes())?;
        out.bytes(c.name.as_bytes())?;
        out.buf.push(c.province);
        out.buf
            .extend_from_slice(&c.kata_year.unwrap_or(0).to_le_bytes());
        out.buf.push(u8::from(c.kota));
    }
    out.flush()?;
    let sum = out.sum.finalize();
    out.w.write_all(&names_sum.to_le_bytes())?;
    out.w.write_all(&sum.to_le_bytes())
}

/// Reads an index written by [`encode`], `len` bytes in all; `open(at)` gives a reader of
/// those bytes from offset `at` (called once per part, from two threads). Any mismatch is an
/// `InvalidData` error.
pub fn decode<R: Read>(
    open: impl Fn(u64) -> io::Result<R> + Sync,
    len: u64,
    stamp: &str,
) -> io::Result<Index> {
    let mut input = Input::new(open(0)?, len);
    let mut head = [0u8; 8];
    input.read(&mut head)?;
    check(&head[..6] == MAGIC && head[6..] == VERSION.to_le_bytes())?;
    let found = input.sized_bytes()?;
    check(found == stamp.as_bytes())?;
    let names_len = u64::from(input.u32()?);
    check(names_len <= input.left)?;
    let names_at = len - input.left;
    drop(input);
    let rest_at = names_at + names_len;
    std::thread::scope(|s| {
        let names = s.spawn(|| -> io::Result<(String, u32)> {
            let mut input = Input::new(open(names_at)?, names_len);
            input.sum = Some(seeded(stamp));
            let bytes = input.bytes_of(names_len as usize)?;
            let sum = input.sum.take().map_or(0, Sum::finalize);
            Ok((String::from_utf8(bytes).map_err(|_| bad())?, sum))
        });
        let mut input = Input::new(open(rest_at)?, len - rest_at);
        input.sum = Some(seeded(stamp));
        let rest = decode_rest(&mut input);
        let (names, names_sum) = names.join().map_err(|_| bad())??;
        let mut index = rest?;
        let rest_sum = input.sum.take().map(Sum::finalize);
        let mut sums = [0u8; 8];
        input.read(&mut sums)?;
        check(u32::from_le_bytes(arr(&sums)) == names_sum)?;
        check(Some(u32::from_le_bytes(arr(&sums[4..]))) == rest_sum && input.left == 0)?;
        // Every name is a slice of `names` on char boundaries, in order.
        let offsets = &index.offsets;
        check(offsets.last() == Some(&len32(names.len())?))?;
        check(offsets.iter().all(|&o| names.is_char_boundary(o as usize)))?;
        index.names = names;
        Ok(index)
    })
}

/// Everything but the names (left empty; [`decode`] checks the offsets against them).
fn decode_rest<R: Read>(input: &mut Input<R>) -> io::Result<Index> {
    let n = input.u32()? as usize;
    let offsets = input.array(n + 1, 4, |b| u32::from_le_bytes(arr(b)))?;
    check(offsets.first() == Some(&0))?;
    check(offsets.windows(2).all(|w| w[0] <= w[1]))?;
    let folded = input.sized_bytes()?;
    let count = input.u32()? as usize;
    let folded_at = input.array(count, 8, |b| {
        (u32::from_le_bytes(arr(b)), u32::from_le_bytes(arr(&b[4..])))
    })?;
    check(folded_at.windows(2).all(|w| w[0].0 < w[1].0))?;
    for &(id, at) in &folded_at {
        let i = id as usize;
        check(i < n)?;
        let name_len = (offsets[i + 1] - offsets[i]) as usize;
        check(
            (at as usize)
                .checked_add(name_len)
                .is_some_and(|e| e <= folded.len()),
        )?;
    }
    let masks = input.array(n, 8, |b| u64::from_le_bytes(arr(b)))?;
    let meta = input.array(n, 8, |b| Meta {
        subsectors: u32::from_le_bytes(arr(b)),
        city: u16::from_le_bytes(arr(&b[4..])),
        province: b[6],
        bits: b[7],
    })?;
    let rowids = input.array(n, 4, |b| u32::from_le_bytes(arr(b)))?;
    let count = input.u32()? as usize;
    let big = input.array(count, 12, |b| {
        (u32::from_le_bytes(arr(b)), i64::from_le_bytes(arr(&b[4..])))
    })?;
    check(big.iter().all(|&(id, _)| (id as usize) < n))?;
    let tag_count = input.u32()? as usize;
    let mut tags = Vec::new();
    let mut tag_postings = Vec::new();
    for _ in 0..tag_count {
        tags.push(input.string()?);
        let count = input.u32()? as usize;
        let postings = input.array(count, 4, |b| u32::from_le_bytes(arr(b)))?;
        check(postings.iter().all(|&id| (id as usize) < n))?;
        tag_postings.push(postings);
    }
    check(u16::try_from(tag_count).is_ok())?;
    let mut regions = Regions::default();
    for _ in 0..input.u32()? {
        let code = input.string()?;
        let name = input.string()?;
        let mut aliases = Vec::new();
        for _ in 0..input.u32()? {
            aliases.push(input.string()?);
        }
        regions.provinces.push(ProvinceInfo {
            code,
            name,
            aliases,
        });
    }
    for _ in 0..input.u32()? {
        let code = input.string()?;
        let name = input.string()?;
        let mut province = [0u8; 4];
        input.read(&mut province)?;
        let kata = u16::from_le_bytes([province[1], province[2]]);
        regions.cities.push(CityInfo {
            code,
            name,
            province: province[0],
            kata_year: (kata != 0).then_some(kata),
            kota: province[3] == 1,
        });
    }
    let (cities, provinces) = (regions.cities.len(), regions.provinces.len());
    check(provinces < usize::from(NO_PROVINCE) && cities < usize::from(NO_CITY))?;
    let known = |m: &Meta| {
        m.kind_index() < Kind::ALL.len()
            && (m.city == NO_CITY || usize::from(m.city) < cities)
            && (m.province == NO_PROVINCE || usize::from(m.province) < provinces)
            && m.subsectors >> SUBSECTORS.len() == 0
    };
    check(meta.iter().all(known))?;
    // A record flagged as having a folded copy has one, and only those do.
    check(meta.iter().filter(|m| m.has(FLAG_PADDED)).count() == folded_at.len())?;
    check(
        folded_at
            .iter()
            .all(|&(id, _)| meta[id as usize].has(FLAG_PADDED)),
    )?;
    let mut aliases = Aliases::new(&regions);
    for (id, tag) in tags.into_iter().enumerate() {
        aliases.add_tag(tag, id as u16);
    }
    Ok(Index {
        names: String::new(),
        offsets,
        folded,
        folded_at,
        masks,
        meta,
        rowids,
        big_rowids: big.into_iter().collect::<HashMap<_, _>>(),
        order: Vec::new(),
        tag_postings,
        aliases,
        regions,
        letters: LetterTable::default(),
    })
}

fn bad() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, "invalid index cache")
}

fn check(ok: bool) -> io::Result<()> {
    if ok { Ok(()) } else { Err(bad()) }
}

fn len32(n: usize) -> io::Result<u32> {
    u32::try_from(n).map_err(|_| bad())
}

/// The first `N` bytes of `b` (callers pass slices of at least `N`).
fn arr<const N: usize>(b: &[u8]) -> [u8; N] {
    let mut a = [0u8; N];
    a.copy_from_slice(&b[..N]);
    a
}

/// The body writer: buffers small values, checksums everything it passes on.
struct Output<'w, W: Write> {
    w: &'w mut W,
    sum: Sum,
    buf: Vec<u8>,
}

impl<W: Write> Output<'_, W> {
    fn flush(&mut self) -> io::Result<()> {
        self.sum.update(&self.buf);
        self.w.write_all(&self.buf)?;
        self.buf.clear();
        Ok(())
    }

    fn u32(&mut self, v: u32) -> io::Result<()> {
        self.buf.extend(v.to_le_bytes());
        if self.buf.len() >= CHUNK {
            self.flush()?;
        }
        Ok(())
    }

    /// A length-prefixed byte string.
    fn bytes(&mut self, b: &[u8]) -> io::Result<()> {
        self.u32(len32(b.len())?)?;
        self.flush()?;
        self.sum.update(b);
        self.w.write_all(b)
    }

    fn array<T>(&mut self, items: &[T], put: impl Fn(&T, &mut Vec<u8>)) -> io::Result<()> {
        for item in items {
            put(item, &mut self.buf);
            if self.buf.len() >= CHUNK {
                self.flush()?;
            }
        }
        Ok(())
    }
}

/// The body reader: refuses any length beyond the bytes left, checksums what it reads.
struct Input<R: Read> {
    r: R,
    left: u64,
    /// Running checksum, from the start of the body.
    sum: Option<Sum>,
    chunk: Vec<u8>,
}

impl<R: Read> Input<R> {
    fn new(r: R, left: u64) -> Self {
        Input {
            r,
            left,
            sum: None,
            chunk: vec![0; CHUNK],
        }
    }

    fn take(&mut self, n: usize) -> io::Result<()> {
        self.left = self.left.checked_sub(n as u64).ok_or_else(bad)?;
        Ok(())
    }

    fn read(&mut self, buf: &mut [u8]) -> io::Result<()> {
        self.take(buf.len())?;
        self.r.read_exact(buf)?;
        if let Some(sum) = &mut self.sum {
            sum.update(buf);
        }
        Ok(())
    }

    fn u32(&mut self) -> io::Result<u32> {
        let mut b = [0u8; 4];
        self.read(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }

    fn bytes_of(&mut self, n: usize) -> io::Result<Vec<u8>> {
        check(n as u64 <= self.left)?;
        let mut v = vec![0; n];
        self.read(&mut v)?;
        Ok(v)
    }

    /// A length-prefixed byte string.
    fn sized_bytes(&mut self) -> io::Result<Vec<u8>> {
        let n = self.u32()? as usize;
        self.bytes_of(n)
    }

    fn string(&mut self) -> io::Result<String> {
        String::from_utf8(self.sized_bytes()?).map_err(|_| bad())
    }

    /// `n` items of `size` bytes each, converted a chunk at a time.
    fn array<T>(&mut self, n: usize, size: usize, f: impl Fn(&[u8]) -> T) -> io::Result<Vec<T>> {
        let total = n.checked_mul(size).ok_or_else(bad)?;
        check(total as u64 <= self.left)?;
        let mut out = Vec::with_capacity(n);
        let mut chunk = std::mem::take(&mut self.chunk);
        let per = CHUNK / size * size;
        let mut done = 0;
        while done < total {
            let part = &mut chunk[..per.min(total - done)];
            self.read(part)?;
            out.extend(part.chunks_exact(size).map(&f));
            done += part.len();
        }
        self.chunk = chunk;
        Ok(out)
    }
}

/// The checksum of a part: CRC-32 (crc32fast) over the stamp, then the part's bytes, so a
/// part taken from another cache file (replaced between two opens) does not pass. It catches
/// torn writes and flipped bits, not tampering.
fn seeded(stamp: &str) -> Sum {
    let mut sum = Sum::new();
    sum.update(stamp.as_bytes());
    sum
}

#[cfg(test)]
#[path = "cache_tests.rs"]
mod tests;
