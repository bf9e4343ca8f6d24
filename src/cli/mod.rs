//! The command line: the clap tree, dispatch, and the one set of exit codes.
//! With no subcommand it opens the TUI; subcommands are what scripts rely on.
//!
//! - [`report`]   what the read-only subcommands print (`search`, `show`, `stats`, `db`, `about`)
//! - [`transfer`] the commands that move data in or out (`import`, `export`, `backup`,
//!   `restore`, `gen`)
//!
//! Exit codes: [`OK`] found / done, [`NOT_FOUND`] nothing found or nothing to do, [`ERROR`]
//! usage or data error. Reports go to stdout, problems to stderr; every message comes from
//! [`crate::i18n::CliMsg`].

pub mod book;
pub mod near;
pub mod report;
pub mod sync;
pub mod transfer;

use crate::i18n::{CliMsg, Lang};
use crate::model::Kind;
use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};

/// Exit code when the command did what was asked.
pub const OK: u8 = 0;
/// Exit code when a query found nothing or there was nothing to do.
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
        /// Draw a contact's card (public fields only) as a QR code for a phone to scan.
        #[arg(long)]
        qr: bool,
    },
    /// Likely duplicate records (same phone or e-mail, or close names in one city), strongest first.
    Dupes {
        /// Only this kind of record.
        #[arg(long)]
        kind: Option<Kind>,
    },
    /// Merge record OTHER into KEEP: chosen fields, roles and links move to KEEP, OTHER is deleted.
    Merge {
        keep: String,
        other: String,
        /// Columns to take from OTHER instead of KEEP (e.g. `--take-right phone,email`).
        #[arg(long, value_delimiter = ',')]
        take_right: Vec<String>,
    },
    /// Records within a radius of one record (id or Kemendagri code such as 33.74), nearest first.
    Near {
        #[arg(value_name = "CODE_OR_ID")]
        id: String,
        /// Radius in km.
        #[arg(long, default_value_t = 50.0)]
        km: f64,
        /// Only this kind of record.
        #[arg(long)]
        kind: Option<Kind>,
        /// At most this many records.
        #[arg(long, default_value_t = 50)]
        limit: usize,
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
    Import(ImportArgs),
    /// Export records as CSV or JSON (the import format) or vCard.
    Export(ExportArgs),
    /// Copy the database with SQLite's online backup.
    Backup(BackupArgs),
    /// Replace the database with a checked backup.
    Restore(RestoreArgs),
    /// Add a deterministic synthetic directory (for scale tests) to the database given by --db.
    Gen {
        /// How many records to generate.
        #[arg(long)]
        records: usize,
        /// Seed: the same seed gives the same records.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Share the directory with other coordinators: signed change bundles in a shared folder.
    Sync {
        #[command(subcommand)]
        action: sync::SyncAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum DbAction {
    /// Print the database path.
    Path,
    /// Run SQLite's integrity and foreign-key checks.
    Check,
}

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
    /// A GeoJSON `FeatureCollection` (RFC 7946, `[lon, lat]`) of the records with a place.
    Geojson,
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
    /// csv and json are the import format; vcard is for contacts; geojson is for maps.
    #[arg(long, value_enum)]
    pub format: Format,
    /// Output file or, for CSV of every kind, a directory (default: stdout).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Include private contacts' phone, `WhatsApp`, e-mail and Instagram (the file is 0600).
    #[arg(long)]
    pub include_private: bool,
    /// Replace an existing output file (otherwise refused).
    #[arg(long)]
    pub force: bool,
}

/// `jejaring backup FILE`
#[derive(Debug, Clone, clap::Args)]
pub struct BackupArgs {
    /// Where to write the copy (must not exist yet, unless --force).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Replace an existing file.
    #[arg(long)]
    pub force: bool,
}

/// `jejaring restore FILE`
#[derive(Debug, Clone, clap::Args)]
pub struct RestoreArgs {
    /// A backup made by `jejaring backup`; checked before anything is replaced.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

/// Where the database lives when neither `--db` nor `JEJARING_DB` is given.
pub fn default_db_path(lang: Lang) -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("id", "ICCN", "jejaring")
        .with_context(|| CliMsg::NoHomeDir.text(lang))?;
    Ok(dirs.data_dir().join("jejaring.db"))
}

/// Runs the parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> Result<u8> {
    let lang = language(&cli);
    let db = match &cli.db {
        Some(p) => p.clone(),
        None => default_db_path(lang)?,
    };
    let Some(command) = cli.command else {
        return run_tui(lang, &db);
    };
    let json = cli.json;
    let open = || crate::service::open_seeded(&db);
    let mut out = std::io::stdout().lock();
    match command {
        Command::Db {
            action: DbAction::Path,
        } => report::db_path(&db, json, &mut out),
        Command::About => report::about(&mut out),
        Command::Gen { records, seed } => {
            // gen writes only where it is told on the command line: never into the user's
            // default directory, nor one named only by JEJARING_DB (set for everyday use).
            if cli.db.is_none() || !db_given_as_flag() {
                eprintln!("{}", CliMsg::GenNeedsDb.text(lang));
                return Ok(ERROR);
            }
            transfer::generate(&mut open()?, records, seed, lang, json, &mut out)
        }
        Command::Restore(args) => transfer::restore(&db, &args, lang),
        Command::Import(args) => {
            // The import prints its report on a second thread, beside the index refresh.
            drop(out);
            transfer::import(&mut open()?, &args, lang, json)
        }
        Command::Export(args) => transfer::export(&open()?, &args, lang),
        Command::Backup(args) => transfer::backup(&open()?, &args, lang),
        Command::Sync { action } => sync::run(&mut open()?, action, lang, json, &mut out),
        Command::Stats => report::stats(&open()?, lang, json, &mut out),
        Command::Show { id, qr: true } => book::show_qr(&open()?, &id, &mut out),
        Command::Show { id, qr: false } => report::show(&open()?, &id, lang, json, &mut out),
        Command::Dupes { kind } => book::dupes(&open()?, kind, json, &mut out),
        Command::Merge {
            keep,
            other,
            take_right,
        } => book::merge(&mut open()?, &keep, &other, &take_right),
        Command::Near {
            id,
            km,
            kind,
            limit,
        } => near::near(
            &open()?,
            &id,
            near::NearArgs { km, kind, limit },
            lang,
            json,
            &mut out,
        ),
        Command::Db {
            action: DbAction::Check,
        } => {
            // A check creates nothing: a mistyped path is reported, not made.
            if !db.is_file() {
                eprintln!("{}", CliMsg::NoSuchDb(&db).text(lang));
                return Ok(ERROR);
            }
            report::check(&crate::store::Store::open(&db)?, lang, json, &mut out)
        }
        Command::Search { query, kind, limit } => report::search(
            &open()?,
            &query.join(" "),
            kind,
            limit,
            lang,
            json,
            &mut out,
        ),
    }
}

/// True when `--db` was given on the command line (not only through `JEJARING_DB`).
fn db_given_as_flag() -> bool {
    std::env::args_os().any(|a| {
        let a = a.to_string_lossy();
        a == "--db" || a.starts_with("--db=")
    })
}

/// The interface language: `--lang`, else the environment.
fn language(cli: &Cli) -> Lang {
    cli.lang
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or_else(Lang::from_env)
}

fn run_tui(lang: Lang, db: &Path) -> Result<u8> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        eprintln!("{}", CliMsg::TuiNeedsTerminal.text(lang));
        return Ok(ERROR);
    }
    let store = crate::service::open_seeded(db)?;
    let mut opts = crate::tui::TuiOptions::from_env(db.to_path_buf());
    opts.lang = lang;
    crate::tui::run(store, opts)?;
    Ok(OK)
}
