//! The words of the command line (Bahasa Indonesia and English): reports, refusals and the
//! summaries of import, export, backup, restore and gen.
//!
//! Each message is a [`CliMsg`] variant carrying its values, so a translation can put them in
//! the order its grammar wants; [`CliMsg::text`] renders it in one language. Data in the values
//! is shown as it comes: callers make it terminal-safe first. Error texts of the library's own
//! error types (store, import) are not here: they are English `Display`s of those types.

use super::Lang;
use crate::model::Kind;
use std::path::Path;

/// Counts of one import: added, updated, unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// How an import ended, for its summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOutcome {
    Written,
    DryRun,
    /// Refused: the counts are of the rows without problems, what the files would do once fixed.
    Refused,
}

/// One message of the command line, with the values it shows.
#[derive(Debug, Clone)]
pub enum CliMsg<'a> {
    /// `gen` without `--db`.
    GenNeedsDb,
    /// Progress of `gen` on a terminal (no newline).
    GenProgress {
        done: usize,
        total: usize,
    },
    GenDone {
        added: usize,
        seed: u64,
        db: &'a Path,
        seconds: f64,
    },
    /// `gen` with a seed whose records the database already holds (ids are seeded too).
    GenSeedTaken {
        seed: u64,
        db: &'a Path,
    },
    /// The TUI was asked for with stdout not a terminal.
    TuiNeedsTerminal,
    /// No data directory for the default database.
    NoHomeDir,
    /// `stats`: the row of one kind (`n` right-aligned in 8 columns).
    StatsKind {
        kind: Kind,
        n: i64,
    },
    /// `stats`: the row of kabupaten/kota.
    StatsCities {
        n: i64,
        kabupaten: i64,
        kota: i64,
    },
    /// `stats`: ICCN membership as the sources state it, unknown kept apart from "no".
    StatsIccn {
        members: i64,
        non_members: i64,
        unknown: i64,
        cities: i64,
    },
    /// `stats`: KaTa Kreatif cities, with the count per year.
    StatsKata {
        n: i64,
        years: &'a [(i32, i64)],
    },
    StatsUnesco(i64),
    /// `stats`: communities per subsector (`slug n, …`).
    StatsSubsectors(&'a str),
    StatsSynthetic(i64),
    /// `stats`: directory records not verified since `before` (`YYYY-MM-DD`), as in the
    /// per-province column and the app's coverage view.
    StatsStale {
        n: i64,
        before: &'a str,
    },
    /// `stats`: the headings of the per-province table, in column order.
    StatsColumns,
    /// `search`: a contact's latest role when it is no longer current.
    PastRole(&'a str),
    /// `db check` found nothing wrong.
    CheckOk(&'a Path),
    /// `show` found nothing for an id or code.
    ShowNotFound(&'a str),
    /// An import input could not be read (the problem's message).
    CannotRead(&'a str),
    /// A warning line of an import.
    Warning(&'a str),
    /// How many incoming rows look like existing records (the warnings above say which).
    LikeExisting(usize),
    ImportSummary {
        outcome: ImportOutcome,
        total: Tally,
        /// Per kind, only shown when the import touched more than one kind.
        per_kind: &'a [(Kind, Tally)],
    },
    /// `db check` on a path with no file: nothing is created.
    NoSuchDb(&'a Path),
    /// Columns a file lacks: an update left those fields as they were.
    AbsentKept {
        file: &'a str,
        columns: &'a [&'a str],
    },
    /// The import was refused for this many problems.
    ImportRefused(usize),
    /// `--query` of an export did not parse (the parser's message).
    BadExportQuery(&'a str),
    /// Provinces and cities are not exported.
    OfficialNotExported(Kind),
    VcardIsForContacts,
    CsvNeedsOneKind,
    Exported {
        n: usize,
        to: &'a Path,
    },
    IsADirectory(&'a Path),
    CannotCreate(&'a Path),
    BackedUp {
        to: &'a Path,
        bytes: u64,
    },
    Restored {
        from: &'a Path,
        into: &'a Path,
        counts: &'a str,
    },
    NotRestored {
        file: &'a Path,
        why: &'a str,
    },
}

impl CliMsg<'_> {
    /// The message in `lang`, with any control or bidi character from data (a file name, a
    /// header, a record) shown as a visible placeholder; line breaks of multi-line messages stay.
    pub fn text(&self, lang: Lang) -> String {
        let text = match lang {
            Lang::En => en(self),
            Lang::Id => id(self),
        };
        // The progress line's own carriage return is the only control character a message
        // may carry; it holds no data.
        if matches!(self, CliMsg::GenProgress { .. }) {
            return text;
        }
        crate::text::visible_keep_newlines(&text).into_owned()
    }
}

fn en(m: &CliMsg<'_>) -> String {
    match m {
        CliMsg::GenNeedsDb => {
            "jejaring: gen adds synthetic records; name the database to fill with \
                               --db PATH (it never touches your directory unless you ask)"
                .into()
        }
        CliMsg::GenProgress { done, total } => format!("\rgenerated {done} of {total}"),
        CliMsg::GenDone {
            added,
            seed,
            db,
            seconds,
        } => format!(
            "added {added} synthetic records (seed {seed}) to {} in {seconds:.1} s",
            db.display()
        ),
        CliMsg::GenSeedTaken { seed, db } => format!(
            "jejaring: {} already holds the records of seed {seed} (a seed gives the same ids \
             each time); nothing was added: use another --seed, or a new --db",
            db.display()
        ),
        CliMsg::TuiNeedsTerminal => "jejaring: the terminal app needs a terminal on stdout; for \
                                     scripts use a subcommand (jejaring search, show, stats, \
                                     export) — see jejaring --help"
            .into(),
        CliMsg::NoHomeDir => "cannot find a home directory for the database; pass --db PATH".into(),
        CliMsg::StatsKind { kind, n } => format!("{n:>8}  {}", kind.plural()),
        CliMsg::StatsCities { n, kabupaten, kota } => {
            format!("{n:>8}  kabupaten/kota ({kabupaten} kabupaten, {kota} kota)")
        }
        CliMsg::StatsIccn {
            members,
            non_members,
            unknown,
            cities,
        } => format!(
            "ICCN membership of the {cities} kabupaten/kota: {members} known members, \
             {non_members} known non-members, {unknown} unknown (no source checked says)"
        ),
        CliMsg::StatsKata { n, years } => {
            format!("KaTa Kreatif kabupaten/kota: {n}{}", per_year(years))
        }
        CliMsg::StatsUnesco(n) => format!("UNESCO Creative Cities: {n}"),
        CliMsg::StatsSubsectors(s) => format!("Communities per subsector: {s}"),
        CliMsg::StatsSynthetic(n) => format!("Synthetic (generated) records: {n}"),
        CliMsg::PastRole(role) => format!("{role} (past role)"),
        CliMsg::StatsStale { n, before } => {
            format!("Stale records (not verified since {before}): {n}")
        }
        CliMsg::StatsColumns => columns([
            "code", "province", "kab", "kota", "iccn", "no", "unkn", "kata", "unesco", "stale",
            "comm", "spaces", "orgs", "people",
        ]),
        CliMsg::CheckOk(path) => format!("ok: {} is whole", path.display()),
        CliMsg::ShowNotFound(id) => {
            format!("jejaring: nothing has the id or code '{id}' (try: jejaring search {id})")
        }
        CliMsg::CannotRead(e) => format!("cannot read: {e}"),
        CliMsg::Warning(w) => format!("warning: {w}"),
        CliMsg::LikeExisting(n) => format!(
            "{n} incoming row(s) look like records already in the database (same name in the \
             same city, phone or e-mail); see the warnings above, and `jejaring dupes`"
        ),
        CliMsg::ImportSummary {
            outcome,
            total,
            per_kind,
        } => {
            let verb = match outcome {
                ImportOutcome::Written => "imported",
                ImportOutcome::DryRun => "dry run, nothing written",
                ImportOutcome::Refused => "refused, nothing written; the valid rows would give",
            };
            let tally = |t: &Tally| {
                format!(
                    "{} added, {} updated, {} unchanged",
                    t.added, t.updated, t.unchanged
                )
            };
            let per: Vec<String> = per_kind
                .iter()
                .map(|(k, t)| format!("{}: {}", k.plural(), tally(t)))
                .collect();
            format!("{verb}: {}{}", tally(total), bracketed(&per))
        }
        CliMsg::NoSuchDb(p) => format!(
            "jejaring: {} does not exist; nothing was checked or created (check the --db path)",
            p.display()
        ),
        CliMsg::AbsentKept { file, columns } => format!(
            "{file}: no column {}; those fields of updated records were left as they were",
            columns.join(", ")
        ),
        CliMsg::ImportRefused(n) => format!("jejaring: {n} problem(s); nothing was written"),
        CliMsg::BadExportQuery(e) => format!("jejaring: --query: {e}"),
        CliMsg::OfficialNotExported(kind) => format!(
            "jejaring: {} are official data and are not exported; choose community, space, \
             organisation or contact",
            kind.plural()
        ),
        CliMsg::VcardIsForContacts => {
            "jejaring: vCard export is for contacts; drop --kind or use --kind contact".into()
        }
        CliMsg::CsvNeedsOneKind => "jejaring: a CSV file holds one kind; give --kind, or -o DIR/ \
                                    for one file per kind"
            .into(),
        CliMsg::Exported { n, to } => format!("exported {n} record(s) to {}", to.display()),
        CliMsg::IsADirectory(p) => format!("{} is a directory; give a file name", p.display()),
        CliMsg::CannotCreate(p) => format!("cannot create {}", p.display()),
        CliMsg::BackedUp { to, bytes } => {
            format!("backed up to {} ({bytes} bytes)", to.display())
        }
        CliMsg::Restored { from, into, counts } => format!(
            "restored {} into {} ({counts})",
            from.display(),
            into.display()
        ),
        CliMsg::NotRestored { file, why } => format!(
            "jejaring: {} was not restored: {why}; the database is unchanged",
            file.display()
        ),
    }
}

fn id(m: &CliMsg<'_>) -> String {
    let plural = |k: &Kind| super::kind_plural(Lang::Id, *k).to_lowercase();
    match m {
        CliMsg::GenNeedsDb => "jejaring: gen menambahkan data sintetis; sebutkan basis data yang \
                               diisi dengan --db PATH (direktori Anda tidak disentuh kecuali \
                               diminta)"
            .into(),
        CliMsg::GenProgress { done, total } => format!("\rdibuat {done} dari {total}"),
        CliMsg::GenDone {
            added,
            seed,
            db,
            seconds,
        } => format!(
            "{added} data sintetis (seed {seed}) ditambahkan ke {} dalam {seconds:.1} dtk",
            db.display()
        ),
        CliMsg::GenSeedTaken { seed, db } => format!(
            "jejaring: {} sudah berisi data seed {seed} (satu seed selalu memberi id yang sama); \
             tidak ada yang ditambahkan: pakai --seed lain, atau --db baru",
            db.display()
        ),
        CliMsg::TuiNeedsTerminal => "jejaring: aplikasi terminal memerlukan terminal pada stdout; \
                                     untuk skrip gunakan subperintah (jejaring search, show, \
                                     stats, export) — lihat jejaring --help"
            .into(),
        CliMsg::NoHomeDir => {
            "direktori rumah untuk basis data tidak ditemukan; berikan --db PATH".into()
        }
        CliMsg::StatsKind { kind, n } => format!("{n:>8}  {}", plural(kind)),
        CliMsg::StatsCities { n, kabupaten, kota } => {
            format!("{n:>8}  kabupaten/kota ({kabupaten} kabupaten, {kota} kota)")
        }
        CliMsg::StatsIccn {
            members,
            non_members,
            unknown,
            cities,
        } => format!(
            "Keanggotaan ICCN dari {cities} kabupaten/kota: {members} anggota diketahui, \
             {non_members} diketahui bukan anggota, {unknown} tidak diketahui (tidak ada sumber)"
        ),
        CliMsg::StatsKata { n, years } => {
            format!("Kabupaten/kota KaTa Kreatif: {n}{}", per_year(years))
        }
        CliMsg::StatsUnesco(n) => format!("Kota Kreatif UNESCO: {n}"),
        CliMsg::StatsSubsectors(s) => format!("Komunitas per subsektor: {s}"),
        CliMsg::StatsSynthetic(n) => format!("Data sintetis (buatan): {n}"),
        CliMsg::PastRole(role) => format!("{role} (peran lama)"),
        CliMsg::StatsStale { n, before } => {
            format!("Entri usang (tidak dicek sejak {before}): {n}")
        }
        CliMsg::StatsColumns => columns([
            "kode", "provinsi", "kab", "kota", "iccn", "tdk", "?", "kata", "unesco", "usang",
            "kom", "ruang", "org", "orang",
        ]),
        CliMsg::CheckOk(path) => format!("ok: {} utuh", path.display()),
        CliMsg::ShowNotFound(id) => format!(
            "jejaring: tidak ada data dengan id atau kode '{id}' (coba: jejaring search {id})"
        ),
        CliMsg::CannotRead(e) => format!("tidak dapat dibaca: {e}"),
        CliMsg::Warning(w) => format!("peringatan: {w}"),
        CliMsg::LikeExisting(n) => format!(
            "{n} baris masukan mirip data yang sudah ada (nama sama di kab/kota yang sama, \
             telepon atau surel); lihat peringatan di atas, dan `jejaring dupes`"
        ),
        CliMsg::ImportSummary {
            outcome,
            total,
            per_kind,
        } => {
            let verb = match outcome {
                ImportOutcome::Written => "diimpor",
                ImportOutcome::DryRun => "uji coba, tidak ada yang ditulis",
                ImportOutcome::Refused => {
                    "ditolak, tidak ada yang ditulis; baris yang sah akan memberi"
                }
            };
            let tally = |t: &Tally| {
                format!(
                    "{} ditambah, {} diperbarui, {} tetap",
                    t.added, t.updated, t.unchanged
                )
            };
            let per: Vec<String> = per_kind
                .iter()
                .map(|(k, t)| format!("{}: {}", plural(k), tally(t)))
                .collect();
            format!("{verb}: {}{}", tally(total), bracketed(&per))
        }
        CliMsg::NoSuchDb(p) => format!(
            "jejaring: {} tidak ada; tidak ada yang diperiksa atau dibuat (periksa jalur --db)",
            p.display()
        ),
        CliMsg::AbsentKept { file, columns } => format!(
            "{file}: tidak ada kolom {}; isian itu pada data yang diperbarui tetap seperti semula",
            columns.join(", ")
        ),
        CliMsg::ImportRefused(n) => format!("jejaring: {n} masalah; tidak ada yang ditulis"),
        CliMsg::BadExportQuery(e) => format!("jejaring: --query: {e}"),
        CliMsg::OfficialNotExported(kind) => format!(
            "jejaring: {} adalah data resmi dan tidak diekspor; pilih community, space, \
             organisation atau contact",
            plural(kind)
        ),
        CliMsg::VcardIsForContacts => "jejaring: ekspor vCard hanya untuk kontak; hapus --kind \
                                       atau gunakan --kind contact"
            .into(),
        CliMsg::CsvNeedsOneKind => "jejaring: satu berkas CSV memuat satu jenis; berikan --kind, \
                                    atau -o DIR/ untuk satu berkas per jenis"
            .into(),
        CliMsg::Exported { n, to } => format!("{n} data diekspor ke {}", to.display()),
        CliMsg::IsADirectory(p) => {
            format!("{} adalah direktori; berikan nama berkas", p.display())
        }
        CliMsg::CannotCreate(p) => format!("tidak dapat membuat {}", p.display()),
        CliMsg::BackedUp { to, bytes } => {
            format!("dicadangkan ke {} ({bytes} bita)", to.display())
        }
        CliMsg::Restored { from, into, counts } => format!(
            "{} dipulihkan ke {} ({counts})",
            from.display(),
            into.display()
        ),
        CliMsg::NotRestored { file, why } => format!(
            "jejaring: {} tidak dipulihkan: {why}; basis data tidak berubah",
            file.display()
        ),
    }
}

/// The heading line of the `stats` province table, aligned like its rows.
fn columns(h: [&str; 14]) -> String {
    stats_line(&h.map(String::from))
}

/// One line of the `stats` per-province table (headings or figures), columns aligned.
pub fn stats_line(c: &[String; 14]) -> String {
    format!(
        "{:<4} {:<26} {:>4} {:>4} {:>4} {:>4} {:>4} {:>4} {:>6} {:>5} {:>6} {:>6} {:>6} {:>6}",
        c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12], c[13]
    )
}

/// ` (a; b)` when there is more than one part, else nothing.
fn bracketed(parts: &[String]) -> String {
    if parts.len() > 1 {
        format!(" ({})", parts.join("; "))
    } else {
        String::new()
    }
}

/// ` (2019: 10, 2021: 11)`, or nothing when there are no years.
fn per_year(years: &[(i32, i64)]) -> String {
    if years.is_empty() {
        return String::new();
    }
    let v: Vec<String> = years.iter().map(|(y, n)| format!("{y}: {n}")).collect();
    format!(" ({})", v.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_speaks_both_languages() {
        let p = Path::new("x.db");
        let t = Tally {
            added: 1,
            updated: 2,
            unchanged: 3,
        };
        let msgs = [
            CliMsg::GenNeedsDb,
            CliMsg::CheckOk(p),
            CliMsg::StatsUnesco(4),
            CliMsg::ImportSummary {
                outcome: ImportOutcome::Refused,
                total: t,
                per_kind: &[(Kind::Space, t), (Kind::Contact, t)],
            },
            CliMsg::NotRestored { file: p, why: "w" },
            CliMsg::NoSuchDb(p),
            CliMsg::AbsentKept {
                file: "f",
                columns: &["phone"],
            },
            CliMsg::PastRole("Ketua"),
            CliMsg::StatsStale {
                n: 2,
                before: "2025-01-01",
            },
            CliMsg::GenSeedTaken { seed: 1, db: p },
        ];
        for m in &msgs {
            let (en, id) = (m.text(Lang::En), m.text(Lang::Id));
            assert!(!en.is_empty() && !id.is_empty());
            assert_ne!(en, id, "{m:?} is not translated");
        }
        assert_eq!(
            msgs[3].text(Lang::En),
            "refused, nothing written; the valid rows would give: 1 added, 2 updated, 3 \
             unchanged (spaces: 1 added, 2 updated, 3 unchanged; contacts: 1 added, 2 updated, \
             3 unchanged)"
        );
    }
}
