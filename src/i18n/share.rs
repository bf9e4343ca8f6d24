//! The words of sharing in the app and around the database file (Bahasa Indonesia and
//! English): bundles waiting and applied from the status bar, the conflicts list, a copied
//! database becoming a new replica, a restore recorded as changes. Values are shown as they
//! come: callers make data terminal-safe first (`text::visible`).

use super::Lang;
use std::path::Path;

/// One message about sharing.
#[derive(Debug, Clone)]
pub enum ShareMsg<'a> {
    /// The database was opened at another file than its replica id was made at (a copy).
    Reidentified {
        db: &'a Path,
        old: &'a str,
        new: &'a str,
    },
    /// The status bar's note: bundles of other replicas wait in the sync folder.
    Waiting { n: usize, key: &'a str },
    /// `S` pressed with no sync folder known.
    NoFolder,
    /// `S` pressed and nothing waited.
    NothingWaiting { dir: &'a Path },
    /// What `S` did: changes new here, bundles applied, and the first refusal (if any).
    Applied {
        changes: usize,
        bundles: usize,
        refused: usize,
        first_refusal: Option<&'a str>,
    },
    /// The conflicts popup's title.
    ConflictsTitle { n: usize },
    /// The conflicts popup with nothing in it.
    NoConflicts,
    /// One conflict row: the field, the value kept and the other.
    ConflictRow {
        record: &'a str,
        field: &'a str,
        winner: &'a str,
        loser: &'a str,
        flipped: bool,
    },
    /// The popup's last line: which key flips.
    FlipHint { key: &'a str },
    /// A conflict was flipped from the app.
    Flipped,
    /// A restore's differences were recorded as this replica's changes.
    RestoreRecorded { changes: usize },
    /// The database replaced could not be read: the backup's replica and log were kept.
    RestoreNotRecorded { why: &'a str },
}

impl ShareMsg<'_> {
    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => en(self),
            Lang::Id => id(self),
        }
    }
}

fn en(m: &ShareMsg<'_>) -> String {
    match m {
        ShareMsg::Reidentified { db, old, new } => format!(
            "{} is a copy of replica {old}: it is now replica {new} with its own sync key \
             (hand peers the file `jejaring sync key` names)",
            db.display()
        ),
        ShareMsg::Waiting { n: 1, key } => format!("1 bundle waiting ({key} applies)"),
        ShareMsg::Waiting { n, key } => format!("{n} bundles waiting ({key} applies)"),
        ShareMsg::NoFolder => "no sync folder yet: run `jejaring sync export --to DIR` or \
                               `jejaring sync apply DIR` once, or set JEJARING_SYNC_DIR"
            .into(),
        ShareMsg::NothingWaiting { dir } => format!("no bundle waiting in {}", dir.display()),
        ShareMsg::Applied {
            changes,
            bundles,
            refused,
            first_refusal,
        } => {
            let why = first_refusal.unwrap_or("");
            let plural = |n: &usize, one: &'static str, many: &'static str| {
                if *n == 1 { one } else { many }
            };
            let from = format!("{bundles} {}", plural(bundles, "bundle", "bundles"));
            let what = format!("{changes} {}", plural(changes, "change", "changes"));
            match (bundles, refused) {
                (_, 0) => format!("applied {what} from {from}"),
                (0, n) => format!(
                    "{n} {} refused, nothing applied: {why}",
                    plural(n, "bundle", "bundles")
                ),
                (_, n) => format!("applied {what} from {from}; {n} refused: {why}"),
            }
        }
        ShareMsg::ConflictsTitle { n } => format!("Conflicts ({n})"),
        ShareMsg::NoConflicts => {
            "No conflicts: no field was changed on two replicas at once.".into()
        }
        ShareMsg::ConflictRow {
            record,
            field,
            winner,
            loser,
            flipped,
        } => format!(
            "{record} · {field}: kept {winner} over {loser}{}",
            if *flipped { " (flipped)" } else { "" }
        ),
        ShareMsg::FlipHint { key } => {
            format!("{key}: flip (the other value wins, shared at the next export)")
        }
        ShareMsg::Flipped => "flipped: the other value now wins (export to share it)".into(),
        ShareMsg::RestoreRecorded { changes } => format!(
            "{changes} records differ from before: recorded as this replica's changes (shared \
             at the next export)"
        ),
        ShareMsg::RestoreNotRecorded { why } => format!(
            "the database replaced could not be read ({why}): the restore is not recorded as \
             changes, and the backup's own change log is kept"
        ),
    }
}

fn id(m: &ShareMsg<'_>) -> String {
    match m {
        ShareMsg::Reidentified { db, old, new } => format!(
            "{} adalah salinan replika {old}: kini menjadi replika {new} dengan kunci sinkron \
             sendiri (berikan rekan berkas yang disebut `jejaring sync key`)",
            db.display()
        ),
        ShareMsg::Waiting { n, key } => format!("{n} bundel menunggu ({key} menerapkan)"),
        ShareMsg::NoFolder => "belum ada folder sinkron: jalankan sekali `jejaring sync export \
                               --to DIR` atau `jejaring sync apply DIR`, atau atur \
                               JEJARING_SYNC_DIR"
            .into(),
        ShareMsg::NothingWaiting { dir } => {
            format!("tidak ada bundel yang menunggu di {}", dir.display())
        }
        ShareMsg::Applied {
            changes,
            bundles,
            refused,
            first_refusal,
        } => {
            let why = first_refusal.unwrap_or("");
            match (bundles, refused) {
                (_, 0) => format!("menerapkan {changes} perubahan dari {bundles} bundel"),
                (0, n) => format!("{n} bundel ditolak, tidak ada yang diterapkan: {why}"),
                (_, n) => format!(
                    "menerapkan {changes} perubahan dari {bundles} bundel; {n} ditolak: {why}"
                ),
            }
        }
        ShareMsg::ConflictsTitle { n } => format!("Konflik ({n})"),
        ShareMsg::NoConflicts => {
            "Tidak ada konflik: tidak ada isian yang diubah di dua replika sekaligus.".into()
        }
        ShareMsg::ConflictRow {
            record,
            field,
            winner,
            loser,
            flipped,
        } => format!(
            "{record} · {field}: {winner} dipakai, bukan {loser}{}",
            if *flipped { " (dibalik)" } else { "" }
        ),
        ShareMsg::FlipHint { key } => {
            format!("{key}: balik (nilai lain menang, dibagikan pada ekspor berikutnya)")
        }
        ShareMsg::Flipped => "dibalik: nilai lain kini menang (ekspor untuk membagikannya)".into(),
        ShareMsg::RestoreRecorded { changes } => format!(
            "{changes} rekaman berbeda dari sebelumnya: dicatat sebagai perubahan replika ini \
             (dibagikan pada ekspor berikutnya)"
        ),
        ShareMsg::RestoreNotRecorded { why } => format!(
            "basis data yang diganti tidak dapat dibaca ({why}): pemulihan tidak dicatat sebagai \
             perubahan, dan catatan perubahan cadangan tetap dipakai"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_say_every_message() {
        let p = Path::new("/tmp/x");
        let all = [
            ShareMsg::Reidentified {
                db: p,
                old: "a",
                new: "b",
            },
            ShareMsg::Waiting { n: 2, key: "S" },
            ShareMsg::NoFolder,
            ShareMsg::NothingWaiting { dir: p },
            ShareMsg::Applied {
                changes: 3,
                bundles: 1,
                refused: 1,
                first_refusal: Some("untrusted"),
            },
            ShareMsg::ConflictsTitle { n: 1 },
            ShareMsg::NoConflicts,
            ShareMsg::FlipHint { key: "f" },
            ShareMsg::Flipped,
            ShareMsg::RestoreRecorded { changes: 2 },
            ShareMsg::RestoreNotRecorded { why: "x" },
        ];
        for m in &all {
            assert!(!m.text(Lang::En).is_empty());
            assert_ne!(m.text(Lang::En), m.text(Lang::Id), "{m:?}");
        }
    }
}
