//! Records built from a file's rows on a second thread while the importer writes them: the
//! checks and conversions of every cell (a third of a large import's row loop) run beside
//! SQLite's inserts, on the other core. A row that needs the database (its id exists, or it
//! names another record) comes over as its cells, and the importer builds it itself.

use super::Problem;
use super::build::{Cities, Import, Row};
use super::columns::Field;
use super::source::{Loc, OwnedCells, Table};
use std::collections::{HashMap, HashSet};
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
    },
    /// A row to build with the database.
    Cells { loc: Loc, cells: OwnedCells },
}

/// Reads `t`'s rows and sends them, built where the database is not needed, in batches.
/// `ids` are the ids of `R` existing before the import.
pub(super) fn build_rows<R: Import + Send>(
    t: &Table<'_>,
    ids: &HashSet<String>,
    mut cities: Cities,
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
    // Never consulted: without a database every reference defers the row.
    let mut refs = HashMap::new();
    let mut read = Vec::new();
    let mut n = 0u64;
    t.for_each_row(&mut read, |loc, cells, pos, read| {
        if !read.is_empty() {
            batch.push(Prepared::Problems(std::mem::take(read)));
        }
        batch.push(build::<R>(
            t.origin,
            loc,
            cells,
            ids,
            &mut cities,
            &mut refs,
        ));
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

/// One row: its problems, the record built from it, or its cells when the database is needed.
fn build<R: Import>(
    origin: &str,
    loc: &Loc,
    cells: &super::source::Cells<'_>,
    ids: &HashSet<String>,
    cities: &mut Cities,
    refs: &mut HashMap<String, crate::model::Kind>,
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
        if ids.contains(id) {
            return Prepared::Cells {
                loc: loc.clone(),
                cells: cells.to_owned_cells(),
            };
        }
    }
    let mut rec = R::default();
    let mut x = Row {
        w: None,
        cities,
        refs,
        problems: Vec::new(),
        deferred: false,
    };
    rec.apply(cells, &mut x);
    if x.deferred {
        return Prepared::Cells {
            loc: loc.clone(),
            cells: cells.to_owned_cells(),
        };
    }
    if !x.problems.is_empty() {
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
        rec,
    }
}
