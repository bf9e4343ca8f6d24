//! The words of `jejaring sync` (Bahasa Indonesia and English). Values are shown as they
//! come: callers make data terminal-safe first (`text::visible`).

use super::Lang;
use std::path::Path;

/// One message of `jejaring sync`.
#[derive(Debug, Clone)]
pub enum SyncMsg<'a> {
    /// A bundle was written.
    Exported {
        path: &'a Path,
        changes: usize,
    },
    /// Nothing new to export.
    NothingToExport,
    /// One bundle applied.
    Applied {
        path: &'a Path,
        new: usize,
        records: usize,
        conflicts: usize,
    },
    /// No bundle waited.
    NothingToApply,
    /// A peer was trusted.
    Trusted {
        replica: &'a str,
    },
    /// `status` headings and lines.
    Replica {
        id: &'a str,
    },
    Peer {
        id: &'a str,
    },
    Bundle {
        id: &'a str,
        replica: &'a str,
        changes: i64,
        at: &'a str,
    },
    Waiting {
        n: usize,
    },
    Conflict {
        id: i64,
        record: &'a str,
        field: &'a str,
        winner: &'a str,
        loser: &'a str,
        flipped: bool,
    },
    NoConflicts,
    /// `flip` of an unknown conflict.
    NoSuchConflict(i64),
    Flipped(i64),
}

impl SyncMsg<'_> {
    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => en(self),
            Lang::Id => id(self),
        }
    }
}

fn en(m: &SyncMsg<'_>) -> String {
    match m {
        SyncMsg::Exported { path, changes } => {
            format!("wrote {} ({changes} changes)", path.display())
        }
        SyncMsg::NothingToExport => "nothing new to export".into(),
        SyncMsg::Applied {
            path,
            new,
            records,
            conflicts,
        } => format!(
            "applied {}: {new} new changes, {records} records written, {conflicts} conflicts",
            path.display()
        ),
        SyncMsg::NothingToApply => "no bundle waiting".into(),
        SyncMsg::Trusted { replica } => format!("trusted replica {replica}"),
        SyncMsg::Replica { id } => format!("this replica: {id}"),
        SyncMsg::Peer { id } => format!("trusted peer: {id}"),
        SyncMsg::Bundle {
            id,
            replica,
            changes,
            at,
        } => {
            format!("bundle {id} from {replica}: {changes} changes, {at}")
        }
        SyncMsg::Waiting { n: 1 } => "1 bundle waiting (jejaring sync apply DIR)".into(),
        SyncMsg::Waiting { n } => format!("{n} bundles waiting (jejaring sync apply DIR)"),
        SyncMsg::Conflict {
            id,
            record,
            field,
            winner,
            loser,
            flipped,
        } => format!(
            "conflict {id}: {record} {field}: kept {winner} over {loser}{}",
            if *flipped { " (flipped)" } else { "" }
        ),
        SyncMsg::NoConflicts => "no conflicts".into(),
        SyncMsg::NoSuchConflict(id) => {
            format!("jejaring: no conflict {id} (see jejaring sync status)")
        }
        SyncMsg::Flipped(id) => {
            format!("conflict {id} flipped: the other value now wins (export to share it)")
        }
    }
}

fn id(m: &SyncMsg<'_>) -> String {
    match m {
        SyncMsg::Exported { path, changes } => {
            format!("menulis {} ({changes} perubahan)", path.display())
        }
        SyncMsg::NothingToExport => "tidak ada yang baru untuk diekspor".into(),
        SyncMsg::Applied {
            path,
            new,
            records,
            conflicts,
        } => format!(
            "menerapkan {}: {new} perubahan baru, {records} rekaman ditulis, {conflicts} konflik",
            path.display()
        ),
        SyncMsg::NothingToApply => "tidak ada bundel yang menunggu".into(),
        SyncMsg::Trusted { replica } => format!("replika {replica} dipercaya"),
        SyncMsg::Replica { id } => format!("replika ini: {id}"),
        SyncMsg::Peer { id } => format!("rekan tepercaya: {id}"),
        SyncMsg::Bundle {
            id,
            replica,
            changes,
            at,
        } => {
            format!("bundel {id} dari {replica}: {changes} perubahan, {at}")
        }
        SyncMsg::Waiting { n } => format!("{n} bundel menunggu (jejaring sync apply DIR)"),
        SyncMsg::Conflict {
            id,
            record,
            field,
            winner,
            loser,
            flipped,
        } => format!(
            "konflik {id}: {record} {field}: {winner} dipertahankan atas {loser}{}",
            if *flipped { " (dibalik)" } else { "" }
        ),
        SyncMsg::NoConflicts => "tidak ada konflik".into(),
        SyncMsg::NoSuchConflict(id) => {
            format!("jejaring: tidak ada konflik {id} (lihat jejaring sync status)")
        }
        SyncMsg::Flipped(id) => {
            format!("konflik {id} dibalik: nilai lainnya kini menang (ekspor untuk membagikannya)")
        }
    }
}
