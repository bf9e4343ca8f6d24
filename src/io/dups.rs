//! Likely duplicates among the records an import adds: the same name in the same city (as
//! an existing record or an earlier row), or an existing record's phone, WhatsApp number or
//! e-mail. Checked on the thread that reads the rows (see [`super::prepare`]), in file order.

use super::Problem;
use super::columns::Field;
use super::source::Loc;
use crate::model::Kind;
use crate::model::schema::text_of;
use crate::store::{self, Record, Writer};
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::Arc;

/// What the checks found for one new record.
#[derive(Debug, Default)]
pub(super) struct Dup {
    pub warnings: Vec<Problem>,
    /// It looks like a record already in the database.
    pub like_existing: bool,
}

/// Where an earlier record with the same name and city came from.
enum Seen {
    Existing(String),
    Row(Arc<str>, Loc),
}

/// What the import knows of existing records (read in its transaction) and of the rows so far:
/// existing ids, name+city keys and channels, per kind.
#[derive(Default)]
pub(super) struct Known {
    /// Shared with the thread that builds records (see [`super::prepare`]).
    pub(super) ids: HashMap<Kind, Arc<HashSet<String>>>,
    /// Duplicate key to an index in `seen`: a small map, probed once per row, stays in cache.
    names: HashMap<u64, u32, BuildHasherDefault<KeyHasher>>,
    seen: Vec<Seen>,
    /// Existing records' phones, WhatsApp numbers and lowercase e-mails, to their ids.
    channels: HashMap<(Kind, String), String>,
}

/// Hashes a [`dup_key`], which is already a hash, by taking it as it is.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A hash of kind, lowercase name and city: the duplicate key. ASCII names (the common case)
/// are lowered on the stack and hashed in one go; others char by char, to the same bytes.
fn dup_key(kind: Kind, name: &str, city: Option<&str>) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    kind.hash(&mut h);
    let name = name.trim();
    let mut buf = [0u8; 64];
    if name.is_ascii() && name.len() <= buf.len() {
        let lower = &mut buf[..name.len()];
        lower.copy_from_slice(name.as_bytes());
        lower.make_ascii_lowercase();
        h.write(lower);
    } else {
        for c in name.chars().flat_map(char::to_lowercase) {
            h.write(c.encode_utf8(&mut [0u8; 4]).as_bytes());
        }
    }
    city.hash(&mut h);
    h.finish()
}

impl Known {
    /// Reads the existing records of `kind` inside the import's transaction, so an import
    /// that waited for another one's lock sees what that one wrote.
    pub(super) fn load(&mut self, store: &Writer<'_>, kind: Kind) -> store::Result<()> {
        let mut ids = HashSet::new();
        let (names, seen) = (&mut self.names, &mut self.seen);
        store.each_identity(kind, |id, name, city| {
            names.insert(dup_key(kind, name, city), seen.len() as u32);
            seen.push(Seen::Existing(id.to_string()));
            ids.insert(id.to_string());
        })?;
        self.ids.insert(kind, Arc::new(ids));
        let channels = &mut self.channels;
        store.each_channel(kind, |id, values| {
            for v in values.into_iter().flatten() {
                channels
                    .entry((kind, v.to_lowercase()))
                    .or_insert_with(|| id.to_string());
            }
        })
    }

    /// Room for `rows` more keys.
    pub(super) fn reserve(&mut self, rows: usize) {
        self.names.reserve(rows);
        self.seen.reserve(rows);
    }

    /// Notes a new record read at `loc` of `origin`, and says which records it is likely a
    /// duplicate of.
    pub(super) fn check<R: Record>(&mut self, origin: &Arc<str>, loc: &Loc, rec: &R) -> Dup {
        let problem = |column: &str, message: String| {
            Problem::at(origin, loc.clone(), Some(column.to_string()), message)
        };
        let key = dup_key(
            R::KIND,
            rec.name(),
            crate::model::schema::Described::city(rec),
        );
        let earlier = match self.names.entry(key) {
            Entry::Occupied(e) => self.seen.get(*e.get() as usize),
            Entry::Vacant(e) => {
                e.insert(self.seen.len() as u32);
                self.seen.push(Seen::Row(Arc::clone(origin), loc.clone()));
                None
            }
        };
        let existing = matches!(earlier, Some(Seen::Existing(_)));
        // An existing record with this row's phone, WhatsApp number or e-mail.
        let same_channel = if existing {
            None
        } else {
            [Field::Phone, Field::Whatsapp, Field::Email]
                .into_iter()
                .filter_map(|col| text_of(rec, col).map(|v| (col, v)))
                .find_map(|(col, v)| {
                    self.channels
                        .get(&(R::KIND, v.to_lowercase()))
                        .map(|other| (col, v.clone(), other.clone()))
                })
        };
        let mut dup = Dup {
            warnings: Vec::new(),
            like_existing: existing || same_channel.is_some(),
        };
        if let Some((col, value, other)) = same_channel {
            dup.warnings.push(problem(
                col.name(),
                format!(
                    "likely duplicate: an existing {} has {} {value} (id {other})",
                    R::KIND,
                    col.name()
                ),
            ));
        }
        match earlier {
            Some(Seen::Existing(other)) => dup.warnings.push(problem(
                "name",
                format!(
                    "likely duplicate: a {} named '{}' in the same city already exists (id {other})",
                    R::KIND,
                    rec.name()
                ),
            )),
            Some(Seen::Row(file, at)) => dup.warnings.push(problem(
                "name",
                format!(
                    "likely duplicate of {file}{at}: same name '{}' in the same city",
                    rec.name()
                ),
            )),
            None => {}
        }
        dup
    }
}
