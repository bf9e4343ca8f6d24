//! The `import`, `export`, `backup` and `restore` subcommands: arguments and entry points the
//! CLI calls. Reports go to stdout, problems to stderr; exit 0 done, 1 nothing to do, 2 error.

use super::export::{self, Filter};
use super::import::{self, Options, Report};
use super::{Input, Loc, Problem};
use crate::model::Kind;
use crate::store::Store;
use anyhow::{Context, Result};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Exit code: nothing to do or nothing matched.
const NOTHING: u8 = 1;
/// Exit code: data or usage error.
const ERROR: u8 = 2;

/// `jejaring import FILE... [--kind K] [--dry-run] [--update]`
#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// CSV or JSON files; all are imported in one transaction (all or nothing).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The kind of every file (default: from the file name, else from the columns).
    #[arg(long)]
    pub kind: Option<Kind>,
    /// Check everything and report what would change, without writing.
    #[arg(long)]
    pub dry_run: bool,
    /// Rows whose id already exists replace that record (otherwise they are refused).
    #[arg(long)]
    pub update: bool,
}

/// Export file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Json,
    Vcard,
}

/// `jejaring export [--kind K] [--query Q] --format csv|json|vcard [-o FILE] [--include-private]`
#[derive(Debug, Clone, clap::Args)]
pub struct ExportArgs {
    /// Only this kind (CSV needs one kind, or `-o DIR` for one file per kind).
    #[arg(long)]
    pub kind: Option<Kind>,
    /// Only records whose name matches.
    #[arg(long)]
    pub query: Option<String>,
    /// csv and json are the import format; vcard is for contacts.
    #[arg(long, value_enum)]
    pub format: Format,
    /// Output file or, for CSV of every kind, a directory (default: stdout).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Include private contacts' phone, `WhatsApp`, e-mail and Instagram.
    #[arg(long)]
    pub include_private: bool,
}

/// `jejaring backup FILE`
#[derive(Debug, Clone, clap::Args)]
pub struct BackupArgs {
    /// Where to write the copy (must not exist yet).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

/// `jejaring restore FILE`
#[derive(Debug, Clone, clap::Args)]
pub struct RestoreArgs {
    /// A backup made by `jejaring backup`; checked before anything is replaced.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

fn summary(report: &Report) -> String {
    let t = report.total();
    let verb = if report.written {
        "imported"
    } else if report.problems.is_empty() {
        "dry run, nothing written"
    } else {
        // The counts are of the rows without problems: what the file would do once fixed.
        "refused, nothing written; the valid rows would give"
    };
    let per: Vec<String> = report
        .counts
        .iter()
        .map(|(k, c)| {
            format!(
                "{}: {} added, {} updated, {} unchanged",
                k.plural(),
                c.added,
                c.updated,
                c.unchanged
            )
        })
        .collect();
    format!(
        "{verb}: {} added, {} updated, {} unchanged{}",
        t.added,
        t.updated,
        t.unchanged,
        if per.len() > 1 {
            format!(" ({})", per.join("; "))
        } else {
            String::new()
        }
    )
}

/// Runs `jejaring import`. Exit 0 when written (or a clean dry run), 1 when the files held no
/// rows, 2 when any problem refused the import (every problem is listed on stderr).
pub fn run_import(store: &mut Store, args: &ImportArgs, json: bool) -> Result<u8> {
    let mut inputs = Vec::new();
    let mut unreadable = Vec::new();
    for path in &args.files {
        match Input::read(path) {
            Ok(i) => inputs.push(i),
            Err(e) => unreadable.push(Problem::at(
                &path.display().to_string(),
                Loc::File,
                None,
                format!("cannot read: {e}"),
            )),
        }
    }
    let opts = Options {
        kind: args.kind,
        update: args.update,
        dry_run: args.dry_run || !unreadable.is_empty(),
        progress: std::io::stderr().is_terminal(),
    };
    let mut report = import::import(store, &inputs, opts)?;
    report.dry_run = args.dry_run;
    unreadable.append(&mut report.problems);
    report.problems = unreadable;
    let mut err = std::io::stderr().lock();
    for p in &report.problems {
        writeln!(err, "{p}")?;
    }
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        for w in &report.warnings {
            writeln!(out, "warning: {w}")?;
        }
        writeln!(out, "{}", summary(&report))?;
    }
    if !report.problems.is_empty() {
        if !json {
            writeln!(
                err,
                "jejaring: {} problem(s); nothing was written",
                report.problems.len()
            )?;
        }
        return Ok(ERROR);
    }
    if report.written {
        // Pay for the search index now, beside the import, rather than on the next search.
        crate::index_load::refresh_cache(store);
    }
    let t = report.total();
    Ok(if t.added + t.updated + t.unchanged == 0 {
        NOTHING
    } else {
        0
    })
}

fn open_output(path: &Path) -> Result<std::io::BufWriter<std::fs::File>> {
    let f =
        std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    Ok(std::io::BufWriter::new(f))
}

/// Runs `jejaring export`. Exit 0 when something was written, 1 when nothing matched.
pub fn run_export(store: &Store, args: &ExportArgs) -> Result<u8> {
    let filter = match &args.query {
        Some(q) => match Filter::matching(store, q, args.include_private) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("jejaring: --query: {e}");
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
        eprintln!(
            "jejaring: {} are official data and are not exported; choose community, space, \
             organisation or contact",
            kind.plural()
        );
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
    let n = match (args.format, args.kind, to_dir) {
        (Format::Vcard, Some(k), _) if k != Kind::Contact => {
            eprintln!("jejaring: vCard export is for contacts; drop --kind or use --kind contact");
            return Ok(ERROR);
        }
        (Format::Vcard, _, _) => write_to(args.output.as_deref(), |w| {
            export::write_vcard(store, &filter, w)
        })?,
        (Format::Csv, None, Some(dir)) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            let mut n = 0;
            for kind in crate::assets::DIRECTORY.map(|(k, _)| k) {
                let path = dir.join(format!("{}.csv", kind.plural()));
                n += export::write_csv(store, kind, &filter, open_output(&path)?)?;
            }
            n
        }
        (Format::Csv, None, None) => {
            eprintln!(
                "jejaring: a CSV file holds one kind; give --kind, or -o DIR/ for one file per kind"
            );
            return Ok(ERROR);
        }
        (Format::Csv, Some(kind), _) => write_to(args.output.as_deref(), |w| {
            export::write_csv(store, kind, &filter, w)
        })?,
        (Format::Json, kind, _) => {
            let kinds: Vec<Kind> = match kind {
                Some(k) => vec![k],
                None => crate::assets::DIRECTORY.map(|(k, _)| k).to_vec(),
            };
            write_to(args.output.as_deref(), |w| {
                export::write_json(store, &kinds, &filter, w)
            })?
        }
    };
    if let Some(path) = &args.output {
        println!("exported {n} record(s) to {}", path.display());
    }
    Ok(if n == 0 { NOTHING } else { 0 })
}

fn write_to(
    path: Option<&Path>,
    f: impl FnOnce(&mut dyn Write) -> Result<usize, super::export::ExportError>,
) -> Result<usize> {
    match path {
        Some(p) if p.is_dir() => {
            anyhow::bail!("{} is a directory; give a file name", p.display())
        }
        Some(p) => {
            let mut w = open_output(p)?;
            let n = f(&mut w)?;
            w.flush()?;
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

/// Runs `jejaring backup FILE`: `SQLite`'s online backup to a new file, then checked.
pub fn run_backup(store: &Store, args: &BackupArgs) -> Result<u8> {
    let bytes = super::backup::backup(store, &args.file)?;
    println!("backed up to {} ({bytes} bytes)", args.file.display());
    Ok(0)
}

/// Runs `jejaring restore FILE`: checks the backup's integrity and schema, then copies it into
/// the database at `db_path` with `SQLite`'s backup API (one atomic step for other readers).
pub fn run_restore(db_path: &Path, args: &RestoreArgs) -> Result<u8> {
    match super::backup::restore(db_path, &args.file) {
        Ok(counts) => {
            println!(
                "restored {} into {} ({counts})",
                args.file.display(),
                db_path.display()
            );
            Ok(0)
        }
        Err(super::backup::RestoreError::Refused(why)) => {
            eprintln!(
                "jejaring: {} was not restored: {why}; the database is unchanged",
                args.file.display()
            );
            Ok(ERROR)
        }
        Err(super::backup::RestoreError::Other(e)) => Err(e),
    }
}
