//! The commands that move data in or out of the database: `import`, `export`, `backup`,
//! `restore` and `gen`. Reports go to stdout, problems to stderr; every message comes from
//! [`CliMsg`] and every exit code from [`super`].

use super::{BackupArgs, ERROR, ExportArgs, Format, ImportArgs, NOT_FOUND, OK, RestoreArgs};
use crate::i18n::{CliMsg, ImportOutcome, Lang, ShareMsg, Tally};
use crate::io::backup::{self, RestoreError};
use crate::io::export::{self, Filter};
use crate::io::import::{self, Counts, Options, Report};
use crate::io::{Input, Loc, Problem};
use crate::model::Kind;
use crate::store::Store;
use anyhow::{Context, Result};
use std::io::{IsTerminal, Write};
use std::path::Path;

fn tally(c: &Counts) -> Tally {
    Tally {
        added: c.added,
        updated: c.updated,
        unchanged: c.unchanged,
    }
}

fn summary(report: &Report, lang: Lang) -> String {
    let outcome = if report.written {
        ImportOutcome::Written
    } else if report.problems.is_empty() {
        ImportOutcome::DryRun
    } else {
        ImportOutcome::Refused
    };
    let per_kind: Vec<(Kind, Tally)> = report.counts.iter().map(|(k, c)| (*k, tally(c))).collect();
    CliMsg::ImportSummary {
        outcome,
        total: tally(&report.total()),
        per_kind: &per_kind,
    }
    .text(lang)
}

/// `jejaring import`. Exit [`OK`] when written (or a clean dry run), [`NOT_FOUND`] when the
/// files held no rows, [`ERROR`] when any problem refused the import (every problem is listed
/// on stderr).
pub fn import(store: &mut Store, args: &ImportArgs, lang: Lang, json: bool) -> Result<u8> {
    let mut inputs = Vec::new();
    let mut unreadable = Vec::new();
    for path in &args.files {
        match Input::read(path) {
            Ok(i) => inputs.push(i),
            Err(e) => unreadable.push(Problem::at(
                &path.display().to_string(),
                Loc::File,
                None,
                CliMsg::CannotRead(&e.to_string()).text(lang),
            )),
        }
    }
    let opts = Options {
        kind: args.kind,
        update: args.update,
        // An unreadable file refuses the whole import, but the others are still checked.
        dry_run: args.dry_run || !unreadable.is_empty(),
        progress: std::io::stderr().is_terminal(),
    };
    // The commit leaves the log to be copied beside the index refresh below (two cores).
    let auto = store.autocheckpoint()?;
    store.set_autocheckpoint(0)?;
    let imported = import::import(store, &inputs, opts);
    store.set_autocheckpoint(auto)?;
    let mut report = imported?;
    // A second connection copies the import's log into the database file while this one
    // reports and refreshes the search index (two cores).
    let path = store.path().to_path_buf();
    let copy = (report.written && path != Path::new(":memory:"))
        .then(|| std::thread::spawn(move || Store::checkpoint_file(&path)));
    report.dry_run = args.dry_run;
    unreadable.append(&mut report.problems);
    report.problems = unreadable;
    {
        // Unlocked again before the report's thread starts, which may need stderr too.
        let mut err = std::io::BufWriter::new(std::io::stderr().lock());
        for p in &report.problems {
            writeln!(err, "{p}")?;
        }
        err.flush()?;
    }
    // The report goes out on its own thread while this one refreshes the search index: a
    // large import warns tens of thousands of times, and both take tens of milliseconds.
    let printed = std::thread::scope(|s| {
        let printer = s.spawn(|| print_report(&report, lang, json));
        if report.written {
            // Pay for the search index now, beside the import, rather than on the next search.
            crate::index_load::refresh_cache_with(store, &report.created);
        }
        printer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    // A copy that failed (a reader in the way) is made by the next commit or close.
    if let Some(copy) = copy {
        let _ = copy.join();
    }
    printed?;
    if !report.problems.is_empty() {
        if !json {
            let refused = CliMsg::ImportRefused(report.problems.len());
            eprintln!("{}", refused.text(lang));
        }
        return Ok(ERROR);
    }
    let t = report.total();
    // The process ends with this command: freeing the report's hundreds of thousands of small
    // strings one by one (and glibc merging them when the database's page cache is freed on
    // close) cost 50-80 ms of a 1.2 s import, for memory the exit returns anyway.
    std::mem::forget(report);
    Ok(if t.added + t.updated + t.unchanged == 0 {
        NOT_FOUND
    } else {
        OK
    })
}

/// Writes an import's report to stdout: the warnings, the summary and the columns an update
/// kept (or the whole report as JSON). Buffered: one write per warning, else.
fn print_report(report: &Report, lang: Lang, json: bool) -> Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if json {
        crate::io::json::to_writer_pretty(&mut out, report)?;
        writeln!(out)?;
    } else {
        for w in &report.warnings {
            writeln!(out, "{}", CliMsg::Warning(&w.to_string()).text(lang))?;
        }
        if report.like_existing > 0 {
            writeln!(
                out,
                "{}",
                CliMsg::LikeExisting(report.like_existing).text(lang)
            )?;
        }
        writeln!(out, "{}", summary(report, lang))?;
        let t = report.total();
        if t.updated + t.unchanged > 0 {
            for a in &report.absent {
                let kept = CliMsg::AbsentKept {
                    file: &a.file,
                    columns: &a.columns,
                };
                writeln!(out, "{}", kept.text(lang))?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// Starts an atomic output file ([`crate::files::Output`]): refused when it exists without
/// `--force`, 0600 when it holds private fields.
fn open_output(path: &Path, args: &ExportArgs) -> Result<crate::files::Output> {
    Ok(crate::files::Output::start(
        path,
        args.force,
        args.include_private,
    )?)
}

/// `jejaring export`. Exit [`OK`] when something was written, [`NOT_FOUND`] when nothing
/// matched, [`ERROR`] for a bad query or a kind/format that does not fit.
pub fn export(store: &Store, args: &ExportArgs, lang: Lang) -> Result<u8> {
    let filter = match &args.query {
        Some(q) => match Filter::matching(store, q, args.include_private) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("{}", CliMsg::BadExportQuery(&e).text(lang));
                return Ok(ERROR);
            }
        },
        None => Filter {
            ids: None,
            include_private: args.include_private,
        },
    };
    if let Some(kind) = args.kind
        && !Kind::EDITABLE.contains(&kind)
    {
        eprintln!("{}", CliMsg::OfficialNotExported(kind).text(lang));
        return Ok(ERROR);
    }
    // All kinds as CSV need a directory: an existing one, or a new one named with a trailing
    // slash or without an extension (`-o exported/`, `-o exported`), created here.
    let to_dir = args.output.as_deref().filter(|p| {
        p.is_dir()
            || (args.format == Format::Csv
                && args.kind.is_none()
                && !p.exists()
                && (p
                    .as_os_str()
                    .to_string_lossy()
                    .ends_with(std::path::MAIN_SEPARATOR)
                    || p.extension().is_none()))
    });
    let output = args.output.as_deref();
    let n = match (args.format, args.kind, to_dir) {
        (Format::Vcard, Some(k), _) if k != Kind::Contact => {
            eprintln!("{}", CliMsg::VcardIsForContacts.text(lang));
            return Ok(ERROR);
        }
        (Format::Vcard, _, _) => write_to(output, args, lang, |w| {
            export::write_vcard(store, &filter, w)
        })?,
        (Format::Csv, None, Some(dir)) => {
            if !dir.exists() {
                crate::files::create_dir_private(dir)
                    .with_context(|| CliMsg::CannotCreate(dir).text(lang))?;
            }
            // Every file is checked first, so a refusal leaves none half-replaced.
            let kinds = crate::assets::DIRECTORY.map(|(k, _)| k);
            let mut outputs = Vec::new();
            for kind in kinds {
                let path = dir.join(format!("{}.csv", kind.plural()));
                outputs.push(open_output(&path, args)?);
            }
            let mut n = 0;
            for (kind, mut o) in kinds.into_iter().zip(outputs.iter_mut()) {
                n += export::write_csv(store, kind, &filter, &mut o)?;
            }
            for o in outputs {
                o.commit()?;
            }
            n
        }
        (Format::Csv, None, None) => {
            eprintln!("{}", CliMsg::CsvNeedsOneKind.text(lang));
            return Ok(ERROR);
        }
        (Format::Csv, Some(kind), _) => write_to(output, args, lang, |w| {
            export::write_csv(store, kind, &filter, w)
        })?,
        (Format::Geojson, kind, _) => {
            let kinds: Vec<Kind> = kind.map_or_else(|| Kind::IMPORT_ORDER.to_vec(), |k| vec![k]);
            write_to(output, args, lang, |w| {
                crate::io::geojson::write(store, &kinds, &filter, w)
            })?
        }
        (Format::Json, kind, _) => {
            let kinds: Vec<Kind> = match kind {
                Some(k) => vec![k],
                None => crate::assets::DIRECTORY.map(|(k, _)| k).to_vec(),
            };
            write_to(output, args, lang, |w| {
                export::write_json(store, &kinds, &filter, w)
            })?
        }
    };
    if let Some(path) = &args.output {
        println!("{}", CliMsg::Exported { n, to: path }.text(lang));
    }
    Ok(if n == 0 { NOT_FOUND } else { OK })
}

/// Runs one export writer on `path` or stdout. The writer's error keeps its source chain
/// (an `io::Error` of a closed pipe reaches `main`, which exits quietly).
fn write_to<E>(
    path: Option<&Path>,
    args: &ExportArgs,
    lang: Lang,
    f: impl FnOnce(&mut dyn Write) -> Result<usize, E>,
) -> Result<usize>
where
    E: std::error::Error + Send + Sync + 'static,
{
    match path {
        Some(p) if p.is_dir() => anyhow::bail!(CliMsg::IsADirectory(p).text(lang)),
        Some(p) => {
            let mut w = open_output(p, args)?;
            let n = f(&mut w)?;
            w.commit()?;
            Ok(n)
        }
        None => {
            let mut w = std::io::BufWriter::new(std::io::stdout().lock());
            let n = f(&mut w)?;
            w.flush()?;
            Ok(n)
        }
    }
}

/// `jejaring backup FILE`: the online backup to a new file, then checked.
pub fn backup(store: &Store, args: &BackupArgs, lang: Lang) -> Result<u8> {
    let bytes = backup::backup(store, &args.file, args.force)?;
    let done = CliMsg::BackedUp {
        to: &args.file,
        bytes,
    };
    println!("{}", done.text(lang));
    Ok(OK)
}

/// `jejaring restore FILE`: checks the backup's integrity and schema, then copies it into the
/// database at `db_path` with SQLite's backup API (one atomic step for other readers).
pub fn restore(db_path: &Path, args: &RestoreArgs, lang: Lang) -> Result<u8> {
    match backup::restore(db_path, &args.file) {
        Ok(restored) => {
            let done = CliMsg::Restored {
                from: &args.file,
                into: db_path,
                counts: &restored.counts,
            };
            println!("{}", done.text(lang));
            match restored.recorded {
                Ok(changes) => {
                    println!("{}", ShareMsg::RestoreRecorded { changes }.text(lang));
                }
                Err(why) => {
                    let msg = ShareMsg::RestoreNotRecorded { why: &why };
                    eprintln!("jejaring: {}", crate::text::visible(&msg.text(lang)));
                }
            }
            Ok(OK)
        }
        Err(RestoreError::Refused(why)) => {
            let refused = CliMsg::NotRestored {
                file: &args.file,
                why: &why.to_string(),
            };
            eprintln!("{}", refused.text(lang));
            Ok(ERROR)
        }
        Err(RestoreError::Other(e)) => Err(e),
    }
}

/// `jejaring gen --records N [--seed S]`: adds a deterministic synthetic directory, showing
/// progress on a terminal, then refreshes the search index cache.
pub fn generate(
    store: &mut Store,
    records: usize,
    seed: u64,
    lang: Lang,
    json: bool,
    out: &mut impl Write,
) -> Result<u8> {
    let started = std::time::Instant::now();
    let tty = std::io::stderr().is_terminal();
    let generated = crate::synth::generate(store, records, seed, |done| {
        if tty {
            let progress = CliMsg::GenProgress {
                done,
                total: records,
            };
            eprint!("{}", progress.text(lang));
        }
    });
    if tty {
        eprintln!();
    }
    let n = match generated {
        // Ids are seeded: the same seed collides on its first record, in the first batch, so
        // nothing was written.
        Err(e) if e.is_constraint() => {
            let db = store.path();
            eprintln!("{}", CliMsg::GenSeedTaken { seed, db }.text(lang));
            return Ok(ERROR);
        }
        r => r?,
    };
    crate::index_load::refresh_cache(store);
    let db = store.path();
    if json {
        let summary = serde_json::json!({ "generated": n, "seed": seed, "db": db });
        writeln!(out, "{}", crate::io::json::to_string(&summary)?)?;
    } else {
        let done = CliMsg::GenDone {
            added: n,
            seed,
            db,
            seconds: started.elapsed().as_secs_f64(),
        };
        writeln!(out, "{}", done.text(lang))?;
    }
    Ok(OK)
}
