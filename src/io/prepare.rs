//! Records built from a file's rows on a second thread while the importer writes them: the
//! checks and conversions of every cell (a third of a large import's row loop) run beside
//! SQLite's inserts, on the other core. A row that needs the database (its id exists, or it
//! names another record) comes over as its cells, and the importer builds it itself.

use super::Problem;
use super::build::{Cities, Import, Row};
use super::columns::Field;
use super::dups::{Dup, Known};
use super::source::{Loc, OwnedCells, Table};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender};

/// Rows per hand-over: one channel message per row would cost more than it moves.
const BATCH: usize = 256;

/// Batches in flight: enough to keep both threads busy, few enough to bound the memory.
pub(super) const QUEUE: usize = 8;

/// One row, or what reading found, in file order.
// Nearly every item is `Built`: boxing the record would add an allocation per row.
#[allow(clippy::large_enum_variant)]
pub(super) enum Prepared<R> {
    /// Problems found while reading or checking a row.
    Problems(Vec<Problem>),
    /// A new record, checked; `id` is the row's id cell when it has one.
    Built {
        loc: Loc,
        id: Option<String>,
        rec: R,
        dup: Dup,
    },
    /// A row to build with the database (with its duplicate checks, when it is a new record).
    Cells {
        loc: Loc,
        cells: OwnedCells,
        dup: Option<Dup>,
    },
}

/// What the reading thread works with: the ids existing before the import (rows naming one
/// go over as cells), its own city resolver, and the duplicate checks.
pub(super) struct Reader<'a> {
    pub ids: &'a HashSet<String>,
    pub cities: Cities,
    pub known: &'a mut Known,
}

impl Reader<'_> {
    /// Reads `t`'s rows and sends them, built where the database is not needed, in batches.
    pub(super) fn build_rows<R: Import + Send>(
        mut self,
        t: &Table<'_>,
        bar: Option<&indicatif::ProgressBar>,
        offset: u64,
        tx: &SyncSender<Vec<Prepared<R>>>,
        used: &Receiver<Vec<Prepared<R>>>,
    ) {
        let mut batch = Vec::with_capacity(BATCH);
        // The next batch: a used one back from the importer, emptied here (its records were
        // allocated on this thread, and freeing them here keeps that work off the writer).
        let next = || match used.try_recv() {
            Ok(mut old) => {
                old.clear();
                old
            }
            Err(_) => Vec::with_capacity(BATCH),
        };
        let origin: Arc<str> = Arc::from(t.origin);
        let mut read = Vec::new();
        let mut n = 0u64;
        t.for_each_row(&mut read, |loc, cells, pos, read| {
            if !read.is_empty() {
                batch.push(Prepared::Problems(std::mem::take(read)));
            }
            batch.push(self.build::<R>(&origin, loc, cells));
            if batch.len() >= BATCH {
                // The importer only goes away by panicking, which the scope reports.
                let _ = tx.send(std::mem::replace(&mut batch, next()));
            }
            n += 1;
            if let Some(bar) = bar
                && n.is_multiple_of(4096)
            {
                bar.set_position(offset + pos as u64);
            }
        });
        if !read.is_empty() {
            batch.push(Prepared::Problems(read));
        }
        if !batch.is_empty() {
            let _ = tx.send(batch);
        }
    }

    /// One row: its problems, the record built from it, or its cells when the database is
    /// needed. A new record's likely duplicates are found here, in file order, also for a row
    /// the importer builds again for a reference (should that reference fail, the import is
    /// refused anyway).
    fn build<R: Import>(
        &mut self,
        origin: &Arc<str>,
        loc: &Loc,
        cells: &super::source::Cells<'_>,
    ) -> Prepared<R> {
        let problem = |column: &str, message: String| {
            Problem::at(origin, loc.clone(), Some(column.to_string()), message)
        };
        let id = cells
            .get(Field::Id)
            .map(str::trim)
            .filter(|s| !s.is_empty());
        if let Some(id) = id {
            if let Err(e) = super::validate::checked_text(id, false) {
                return Prepared::Problems(vec![problem("id", e)]);
            }
            if self.ids.contains(id) {
                return Prepared::Cells {
                    loc: loc.clone(),
                    cells: cells.to_owned_cells(),
                    dup: None,
                };
            }
        }
        let mut rec = R::default();
        // Never consulted: without a database every reference defers the row.
        let mut refs = HashMap::new();
        let mut x = Row {
            w: None,
            cities: &mut self.cities,
            refs: &mut refs,
            problems: Vec::new(),
            deferred: false,
        };
        rec.apply(cells, &mut x);
        let clean = x.problems.is_empty();
        if x.deferred {
            return Prepared::Cells {
                loc: loc.clone(),
                cells: cells.to_owned_cells(),
                dup: clean.then(|| self.known.check(origin, loc, &rec)),
            };
        }
        if !clean {
            return Prepared::Problems(
                x.problems
                    .into_iter()
                    .map(|(f, m)| problem(f.name(), m))
                    .collect(),
            );
        }
        Prepared::Built {
            loc: loc.clone(),
            id: id.map(String::from),
            dup: self.known.check(origin, loc, &rec),
            rec,
        }
    }
}
