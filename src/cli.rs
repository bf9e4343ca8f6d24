//! The command line: the TUI by default, and subcommands scripts can rely on.
//!
//! Exit codes: 0 found / done, 1 nothing found, 2 usage or data error. Errors go to stderr.

use crate::model::Kind;
use crate::store::Store;
use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;

/// Exit code when a query found nothing.
pub const NOT_FOUND: u8 = 1;
/// Exit code for usage and data errors.
pub const ERROR: u8 = 2;

/// Jejaring: an offline directory of Indonesia's creative-economy network.
///
/// With no subcommand it opens the terminal app.
#[derive(Debug, Parser)]
#[command(name = "jejaring", version, about, long_about = None)]
pub struct Cli {
    /// Database file (default: the user's data directory).
    #[arg(long, global = true, env = "JEJARING_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Machine-readable JSON output.
    #[arg(long, global = true)]
    pub json: bool,
    /// Interface language (default: from LANG).
    #[arg(long, global = true, value_parser = ["id", "en"])]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fuzzy search over every record, ranked as in the app.
    Search {
        /// Words and filters (`kind:space prov:jateng sub:musik iccn:yes stale:yes`).
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Only this kind of record.
        #[arg(long)]
        kind: Option<Kind>,
        /// At most this many results.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// One record with its related records (id, Kemendagri code such as 33.74, or province code).
    Show {
        #[arg(value_name = "ID_OR_CODE")]
        id: String,
    },
    /// Counts per kind and per province, and ICCN member coverage.
    Stats,
    /// The database file: where it is, or an integrity check.
    Db {
        #[command(subcommand)]
        action: DbAction,
    },
    /// Sources and licences of the bundled data.
    About,
    /// Import CSV/JSON files of communities, spaces, organisations or contacts (all or nothing).
    Import(crate::io::command::ImportArgs),
    /// Export records as CSV or JSON (the import format) or vCard.
    Export(crate::io::command::ExportArgs),
    /// Copy the database with SQLite's online backup.
    Backup(crate::io::command::BackupArgs),
    /// Replace the database with a checked backup.
    Restore(crate::io::command::RestoreArgs),
    /// Add a deterministic synthetic directory (for scale tests) to the database given by --db.
    Gen {
        /// How many records to generate.
        #[arg(long)]
        records: usize,
        /// Seed: the same seed gives the same records.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Debug, Subcommand)]
pub enum DbAction {
    /// Print the database path.
    Path,
    /// Run SQLite's integrity and foreign-key checks.
    Check,
}

/// Where the database lives when neither `--db` nor `JEJARING_DB` is given.
pub fn default_db_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("id", "ICCN", "jejaring")
        .context("cannot find a home directory for the database; pass --db PATH")?;
    Ok(dirs.data_dir().join("jejaring.db"))
}

/// Runs the parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> Result<u8> {
    let db = match &cli.db {
        Some(p) => p.clone(),
        None => default_db_path()?,
    };
    let language = lang(&cli);
    let Some(command) = cli.command else {
        return run_tui(&cli, &db);
    };
    let mut out = std::io::stdout().lock();
    match command {
        Command::Db {
            action: DbAction::Path,
        } => {
            if cli.json {
                writeln!(out, "{}", serde_json::json!({ "path": db }))?;
            } else {
                writeln!(out, "{}", db.display())?;
            }
            Ok(0)
        }
        Command::About => {
            write!(out, "{}", crate::assets::ATTRIBUTIONS)?;
            Ok(0)
        }
        Command::Gen { records, seed } => {
            if cli.db.is_none() {
                eprintln!(
                    "jejaring: gen adds synthetic records; name the database to fill with --db PATH \
                     (it never touches your directory unless you ask)"
                );
                return Ok(ERROR);
            }
            let mut store = Store::open(&db)?;
            let started = std::time::Instant::now();
            let n = crate::generate::generate(&mut store, records, seed, |done| {
                if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
                    eprint!("\rgenerated {done} of {records}");
                }
            })?;
            if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
                eprintln!();
            }
            crate::index_load::refresh_cache(&store);
            if cli.json {
                writeln!(
                    out,
                    "{}",
                    serde_json::json!({ "generated": n, "seed": seed, "db": db })
                )?;
            } else {
                writeln!(
                    out,
                    "added {n} synthetic records (seed {seed}) to {} in {:.1} s",
                    db.display(),
                    started.elapsed().as_secs_f64()
                )?;
            }
            Ok(0)
        }
        Command::Restore(args) => crate::io::command::run_restore(&db, &args),
        Command::Import(args) => {
            crate::io::command::run_import(&mut Store::open(&db)?, &args, cli.json)
        }
        Command::Export(args) => crate::io::command::run_export(&Store::open(&db)?, &args),
        Command::Backup(args) => crate::io::command::run_backup(&Store::open(&db)?, &args),
        Command::Stats => crate::cli_report::stats(&Store::open(&db)?, cli.json, &mut out),
        Command::Show { id } => {
            crate::cli_report::show(&Store::open(&db)?, &id, language, cli.json, &mut out)
        }
        Command::Db {
            action: DbAction::Check,
        } => crate::cli_report::check(&Store::open(&db)?, cli.json, &mut out),
        Command::Search { query, kind, limit } => crate::cli_report::search(
            &Store::open(&db)?,
            &query.join(" "),
            kind,
            limit,
            cli.json,
            &mut out,
        ),
    }
}

/// The interface language: `--lang`, else the environment.
fn lang(cli: &Cli) -> crate::i18n::Lang {
    cli.lang
        .as_deref()
        .and_then(crate::i18n::Lang::from_code)
        .unwrap_or_else(crate::i18n::Lang::from_env)
}

fn run_tui(cli: &Cli, db: &std::path::Path) -> Result<u8> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        eprintln!(
            "jejaring: the terminal app needs a terminal on stdout; for scripts use a subcommand \
             (jejaring search, show, stats, export) — see jejaring --help"
        );
        return Ok(ERROR);
    }
    let store = Store::open(db)?;
    let mut opts = crate::tui::TuiOptions::from_env(db.to_path_buf());
    opts.lang = lang(cli);
    crate::tui::run(store, opts)?;
    Ok(0)
}
