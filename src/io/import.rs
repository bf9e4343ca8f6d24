//! The importer: every file of one invocation in one transaction, all or nothing, every problem
//! reported; and the loader of the bundled starter directory, which uses the same path.

use super::Problem;
use super::build::{Cities, Import, Row};
use super::dups::{Dup, Known};
use super::prepare::Prepared;
use super::source::{Input, Loc, Table, tables};
use crate::model::{Community, Contact, Kind, Organisation, Space};
use crate::store::{self, Bulk, Store, StoreError, Writer, now_timestamp};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;

/// How to import.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// The kind of every file, overriding file names and headers.
    pub kind: Option<Kind>,
    /// Rows whose id exists replace that record; without it they are problems.
    pub update: bool,
    /// Check and count, then write nothing.
    pub dry_run: bool,
    /// Draw a progress bar on stderr for large inputs.
    pub progress: bool,
}

/// Rows added, updated and unchanged, for one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// What an import did (or, for a dry run or a refused import, would have done).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub counts: BTreeMap<Kind, Counts>,
    /// Likely duplicates: same name in the same city, or an existing record's phone or e-mail.
    pub warnings: Vec<Problem>,
    /// Incoming rows that look like records already in the database (by name and city, phone
    /// or e-mail).
    pub like_existing: usize,
    /// Anything that refuses the import.
    pub problems: Vec<Problem>,
    /// True when the changes were committed.
    pub written: bool,
    pub dry_run: bool,
    /// Per file and kind, the columns the file lacks: fields an update leaves as they were.
    pub absent: Vec<Absent>,
    /// The records created, as the search index reads them, in the order they were created
    /// (so the index refresh after the import need not read them back).
    #[serde(skip)]
    pub created: Vec<crate::store::IndexRecordBuf>,
}

/// Columns absent from one table of one file (an update never erases those fields).
#[derive(Debug, Clone, Serialize)]
pub struct Absent {
    pub file: String,
    pub kind: Kind,
    pub columns: Vec<&'static str>,
}

impl Report {
    /// Counts over all kinds.
    pub fn total(&self) -> Counts {
        self.counts.values().fold(Counts::default(), |a, c| Counts {
            added: a.added + c.added,
            updated: a.updated + c.updated,
            unchanged: a.unchanged + c.unchanged,
        })
    }
}

/// Why an import stopped.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Problems were found, or it was a dry run: the transaction was rolled back on purpose
    /// (the report says why). Only the importer sees this; [`import`] returns the report.
    #[error("the import was rolled back")]
    RolledBack,
}

/// Page cache during an import, in KiB as `PRAGMA cache_size` takes it (negative): 256 MiB.
const IMPORT_CACHE_KIB: i64 = -262_144;

/// Order in which kinds are imported, so references point backwards.
fn rank(kind: Kind) -> usize {
    Kind::IMPORT_ORDER
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(Kind::IMPORT_ORDER.len())
}

/// New record ids: UUID version 7 with one timestamp per import and, after a few random bits,
/// a counter from a random start, so the ids ascend and the unique-id index grows at its end
/// instead of splitting pages all over. Unique, not secret.
struct Ids {
    prefix: [u8; 3],
    counter: u64,
    millis: u64,
}

/// The counter fills the last seven random bytes; starting below 2^55 it cannot wrap.
const ID_COUNTER_MAX: u64 = (1 << 55) - 1;

impl Ids {
    fn new() -> Ids {
        let millis = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        let seed = uuid::Uuid::new_v4().into_bytes();
        let mut start = [0u8; 8];
        start.copy_from_slice(&seed[8..16]);
        Ids {
            prefix: [seed[0], seed[1], seed[2]],
            counter: u64::from_be_bytes(start) & ID_COUNTER_MAX,
            millis,
        }
    }

    fn next(&mut self) -> String {
        self.counter += 1;
        let mut bytes = [0u8; 10];
        bytes[..3].copy_from_slice(&self.prefix);
        bytes[3..].copy_from_slice(&self.counter.to_be_bytes()[1..]);
        let id = uuid::Builder::from_unix_timestamp_millis(self.millis, &bytes).into_uuid();
        // Encoded on the stack: `to_string` goes through the formatting machinery.
        id.hyphenated()
            .encode_lower(&mut uuid::Uuid::encode_buffer())
            .to_string()
    }
}

/// The state of one import run inside its transaction.
struct Run<'a, 'w> {
    w: &'a Writer<'w>,
    bulk: Bulk<'w>,
    ids: Ids,
    cities: Cities,
    /// Which kind holds each referenced id (see [`Row::refs`]).
    refs: HashMap<String, Kind>,
    known: Known,
    opts: Options,
    now: String,
    report: Report,
}

impl Run<'_, '_> {
    fn table(&mut self, t: &Table<'_>, bar: Option<&indicatif::ProgressBar>, offset: u64) {
        self.report.warnings.extend(t.notes.iter().cloned());
        let rows = t.rows_hint();
        if let Err(e) = self.bulk.set_aside_indexes(t.kind, rows) {
            self.report.problems.push(Problem::at(
                t.origin,
                Loc::File,
                None,
                format!("database error: {e}"),
            ));
        }
        self.known.reserve(rows);
        let origin: Rc<str> = Rc::from(t.origin);
        match t.kind {
            Kind::Community => self.rows::<Community>(t, &origin, bar, offset),
            Kind::Space => self.rows::<Space>(t, &origin, bar, offset),
            Kind::Organisation => self.rows::<Organisation>(t, &origin, bar, offset),
            _ => self.rows::<Contact>(t, &origin, bar, offset),
        }
    }

    /// The rows of `t`: read, checked and built on a second thread (rows that need the
    /// database come over as cells), written here in file order.
    fn rows<R: Import + Send>(
        &mut self,
        t: &Table<'_>,
        origin: &Rc<str>,
        bar: Option<&indicatif::ProgressBar>,
        offset: u64,
    ) {
        let ids = self.known.ids.get(&R::KIND).cloned().unwrap_or_default();
        let cities = self.cities.clone();
        // The duplicate checks run on the reading thread; this one keeps the existing ids.
        let mut known = std::mem::take(&mut self.known);
        self.known.ids.clone_from(&known.ids);
        let known_ref = &mut known;
        let (tx, rx) = std::sync::mpsc::sync_channel(super::prepare::QUEUE);
        // Batches go back to be freed (and reused) on the thread that allocated them.
        let (done, used) = std::sync::mpsc::channel();
        std::thread::scope(|s| {
            s.spawn(move || {
                let reader = super::prepare::Reader {
                    ids: &ids,
                    cities,
                    known: known_ref,
                };
                reader.build_rows::<R>(t, bar, offset, &tx, &used);
            });
            for mut batch in rx {
                // Records are large: worked on where they lie, not moved out.
                for item in &mut batch {
                    match item {
                        Prepared::Problems(found) => self.report.problems.append(found),
                        Prepared::Built { loc, id, rec, dup } => {
                            self.settle(origin, loc, id.as_deref(), rec, None, Some(dup));
                        }
                        Prepared::Cells { loc, cells, dup } => {
                            self.row::<R>(origin, loc, &cells.cells(), dup.as_mut());
                        }
                    }
                }
                let _ = done.send(batch);
            }
        });
        self.known = known;
    }

    fn row<R: Import>(
        &mut self,
        origin: &Rc<str>,
        loc: &Loc,
        cells: &super::source::Cells<'_>,
        dup: Option<&mut Dup>,
    ) {
        let problem = |column: Option<&str>, message: String| {
            Problem::at(origin, loc.clone(), column.map(String::from), message)
        };
        let id = cells
            .get(super::columns::Field::Id)
            .map(str::trim)
            .filter(|s| !s.is_empty());
        if let Some(id) = id
            && let Err(e) = super::validate::checked_text(id, false)
        {
            self.report.problems.push(problem(Some("id"), e));
            return;
        }
        let exists = id.is_some_and(|id| {
            self.known
                .ids
                .get(&R::KIND)
                .is_some_and(|ids| ids.contains(id))
        });
        // Without `--update` an existing id is still read: a row identical to the record is
        // "unchanged" (an export imported into a fresh, seeded database), only a change is refused.
        let old: Option<R> = match (id, exists) {
            (Some(id), true) => match self.w.get::<R>(id) {
                Ok(found) => found,
                Err(e) => {
                    self.report
                        .problems
                        .push(problem(None, format!("database error: {e}")));
                    return;
                }
            },
            _ => None,
        };
        let mut rec = old.clone().unwrap_or_default();
        let mut x = Row {
            w: Some(self.w),
            cities: &mut self.cities,
            refs: &mut self.refs,
            problems: Vec::new(),
            deferred: false,
        };
        rec.apply(cells, &mut x);
        if !x.problems.is_empty() {
            self.report.problems.extend(
                x.problems
                    .into_iter()
                    .map(|(f, m)| problem(Some(f.name()), m)),
            );
            return;
        }
        self.settle(origin, loc, id, &mut rec, old, dup);
    }

    /// A row built and checked, with the record it replaces if its id exists: unchanged,
    /// updated, or added (with the likely duplicates the reading thread found for it).
    fn settle<R: Import>(
        &mut self,
        origin: &Rc<str>,
        loc: &Loc,
        id: Option<&str>,
        rec: &mut R,
        old: Option<R>,
        dup: Option<&mut Dup>,
    ) {
        let problem = |column: Option<&str>, message: String| {
            Problem::at(origin, loc.clone(), column.map(String::from), message)
        };
        let counts = self.report.counts.entry(R::KIND).or_default();
        if let Some(old) = old {
            if *rec == old {
                counts.unchanged += 1;
            } else if !self.opts.update {
                self.report.problems.push(problem(
                    Some("id"),
                    format!(
                        "a {} with id '{}' already exists and differs; pass --update to change it",
                        R::KIND,
                        old.meta().id
                    ),
                ));
            } else if let Err(e) = self.w.update(rec) {
                self.report
                    .problems
                    .push(problem(None, format!("cannot update: {e}")));
            } else {
                counts.updated += 1;
            }
            return;
        }
        if let Some(dup) = dup {
            self.report.like_existing += usize::from(dup.like_existing);
            self.report.warnings.append(&mut dup.warnings);
        }
        let meta = rec.meta_mut();
        if let Some(id) = id {
            meta.id = id.to_string();
        } else {
            meta.id = self.ids.next();
        }
        meta.created_at.clone_from(&self.now);
        meta.updated_at.clone_from(&self.now);
        match self.bulk.insert(rec) {
            Ok(rid) => {
                counts.added += 1;
                if !self.opts.dry_run {
                    self.report
                        .created
                        .push(crate::store::IndexRecordBuf::take(rec, rid));
                }
            }
            Err(e) if e.is_constraint() => {
                let msg = match id {
                    Some(id) => format!(
                        "id '{id}' appears twice in this import (or names a record being deleted)"
                    ),
                    None => "conflicts with the database's rules (a city or reference that no \
                             longer exists)"
                        .to_string(),
                };
                let column = if id.is_some() { "id" } else { "city" };
                self.report.problems.push(problem(Some(column), msg));
            }
            Err(e) => self
                .report
                .problems
                .push(problem(None, format!("cannot insert: {e}"))),
        }
    }
}

/// Imports `inputs` into the store in one transaction. Nothing is written when any problem is
/// found or for a dry run; the report says what was (or would have been) added, updated and
/// left unchanged, and lists every problem and likely duplicate.
pub fn import(store: &mut Store, inputs: &[Input], opts: Options) -> Result<Report, ImportError> {
    let mut problems = Vec::new();
    let mut all: Vec<Table<'_>> = inputs
        .iter()
        .flat_map(|i| tables(i, opts.kind, &mut problems))
        .collect();
    all.sort_by_key(|t| rank(t.kind));
    let kinds: HashSet<Kind> = all.iter().map(|t| t.kind).collect();
    let cities = Cities::new(store.cities()?);
    let total: usize = all.iter().map(|t| t.size).sum();
    let bar = (opts.progress && total > 4 << 20).then(|| {
        let bar = indicatif::ProgressBar::new(total as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} importing {bar:40} {bytes}/{total_bytes} ({eta})",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let absent = all
        .iter()
        .map(|t| Absent {
            file: t.origin.to_string(),
            kind: t.kind,
            columns: t.absent_columns().iter().map(|f| f.name()).collect(),
        })
        .filter(|a| !a.columns.is_empty())
        .collect();
    let mut report = Report {
        problems,
        dry_run: opts.dry_run,
        absent,
        ..Report::default()
    };
    let cache = store.cache_size()?;
    // A large import touches many index pages; a bigger page cache keeps them from spilling
    // to the WAL before the commit. Durability settings are untouched (WAL, NORMAL).
    store.set_cache_size(IMPORT_CACHE_KIB)?;
    let result = store.write_or(|w| {
        let mut known = Known::default();
        for kind in &kinds {
            known.load(w, *kind)?;
        }
        let mut run = Run {
            w,
            bulk: w.bulk(),
            ids: Ids::new(),
            cities,
            refs: HashMap::new(),
            known,
            opts,
            now: now_timestamp(),
            report: std::mem::take(&mut report),
        };
        let mut offset = 0u64;
        for t in &all {
            run.table(t, bar.as_ref(), offset);
            offset += t.size as u64;
        }
        report = run.report;
        if report.problems.is_empty() && !opts.dry_run {
            run.bulk.finish().map_err(ImportError::from)
        } else {
            Err(ImportError::RolledBack)
        }
    });
    store.set_cache_size(cache)?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    match result {
        Ok(()) => report.written = true,
        Err(ImportError::RolledBack) => {}
        Err(e) => return Err(e),
    }
    Ok(report)
}

/// Loads one bundled directory file (the import format, cities by code) inside the seeding
/// transaction; `path` names it in messages. Any problem is a [`StoreError::Assets`] listing
/// them all.
pub fn load_bundled(w: &Writer<'_>, kind: Kind, path: &str, text: &str) -> store::Result<()> {
    let input = Input {
        origin: format!("assets/{path}"),
        bytes: text.as_bytes().to_vec(),
    };
    let mut problems = Vec::new();
    let found = tables(&input, Some(kind), &mut problems);
    let mut run = Run {
        w,
        bulk: w.bulk(),
        ids: Ids::new(),
        cities: Cities::codes_only(),
        refs: HashMap::new(),
        known: Known::default(),
        opts: Options::default(),
        now: now_timestamp(),
        report: Report {
            problems,
            ..Report::default()
        },
    };
    for t in &found {
        run.table(t, None, 0);
    }
    if run.report.problems.is_empty() {
        run.bulk.finish()
    } else {
        Err(StoreError::Assets(
            run.report
                .problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
        ))
    }
}
