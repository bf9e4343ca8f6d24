//! `jejaring sync`: share the directory with other coordinators through bundle files in a
//! shared folder (Syncthing, a USB stick); see [`crate::sync`].

use super::{ERROR, NOT_FOUND, OK};
use crate::i18n::{Lang, SyncMsg};
use crate::store::Store;
use crate::text::visible;
use anyhow::Result;
use clap::Subcommand;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum SyncAction {
    /// Write one bundle of this replica's changes not exported yet into DIR/<replica-id>/.
    Export {
        /// The shared folder.
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
    },
    /// Apply every other replica's bundles in DIR not applied yet (any order, idempotent).
    Apply {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// This replica, trusted peers, applied bundles, conflicts (and bundles waiting in DIR).
    Status {
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Print the path of this replica's public key file, to hand to peers.
    Key,
    /// Trust a peer's public key file: its bundles will be applied.
    Trust {
        #[arg(value_name = "KEYFILE")]
        file: PathBuf,
    },
    /// Flip conflict ID: the value that lost wins (shared at the next export).
    Flip {
        #[arg(value_name = "ID")]
        id: i64,
    },
}

/// Runs one `sync` action.
pub fn run(
    store: &mut Store,
    action: SyncAction,
    lang: Lang,
    json: bool,
    out: &mut impl Write,
) -> Result<u8> {
    match action {
        SyncAction::Export { to } => {
            let exported = crate::sync::export(store, &to)?;
            // The app watches the folder last used (see `sync::folder`).
            crate::sync::folder::remember(store, &to)?;
            let Some((path, changes)) = exported else {
                writeln!(out, "{}", SyncMsg::NothingToExport.text(lang))?;
                return Ok(NOT_FOUND);
            };
            let msg = SyncMsg::Exported {
                path: &path,
                changes,
            };
            writeln!(out, "{}", msg.text(lang))?;
            Ok(OK)
        }
        SyncAction::Apply { dir } => {
            crate::sync::folder::remember(store, &dir)?;
            let report = crate::sync::apply_dir(store, &dir)?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &report)?;
                writeln!(out)?;
            } else {
                for (path, a) in &report.applied {
                    let msg = SyncMsg::Applied {
                        path,
                        new: a.new,
                        records: a.records,
                        conflicts: a.conflicts,
                    };
                    writeln!(out, "{}", msg.text(lang))?;
                }
                if report.applied.is_empty() && report.refused.is_empty() {
                    writeln!(out, "{}", SyncMsg::NothingToApply.text(lang))?;
                }
            }
            for why in &report.refused {
                eprintln!("jejaring: {}", visible(why));
            }
            Ok(if !report.refused.is_empty() {
                ERROR
            } else if report.applied.is_empty() {
                NOT_FOUND
            } else {
                OK
            })
        }
        SyncAction::Status { dir } => status(store, dir.as_deref(), lang, json, out),
        SyncAction::Key => {
            let keys = crate::sync::keys(store)?;
            writeln!(out, "{}", keys.public_path.display())?;
            Ok(OK)
        }
        SyncAction::Trust { file } => {
            let replica = crate::sync::trust(store, &file)?;
            writeln!(out, "{}", SyncMsg::Trusted { replica: &replica }.text(lang))?;
            Ok(OK)
        }
        SyncAction::Flip { id } => {
            if store.flip_conflict(id)? {
                writeln!(out, "{}", SyncMsg::Flipped(id).text(lang))?;
                Ok(OK)
            } else {
                eprintln!("{}", SyncMsg::NoSuchConflict(id).text(lang));
                Ok(NOT_FOUND)
            }
        }
    }
}

fn status(
    store: &mut Store,
    dir: Option<&std::path::Path>,
    lang: Lang,
    json: bool,
    out: &mut impl Write,
) -> Result<u8> {
    let replica = store.replica_id()?;
    let peers = store.peers()?;
    let bundles = store.bundles()?;
    let conflicts = store.conflicts()?;
    let waiting = match dir {
        Some(d) => crate::sync::waiting(store, d)?.len(),
        None => 0,
    };
    if json {
        let v = serde_json::json!({
            "replica": replica,
            "peers": peers.iter().map(|(r, _)| r).collect::<Vec<_>>(),
            "bundles": bundles.iter().map(|(id, r, n, at)| serde_json::json!({"id": id, "replica": r, "changes": n, "applied_at": at})).collect::<Vec<_>>(),
            "waiting": waiting,
            "conflicts": conflicts,
        });
        serde_json::to_writer_pretty(&mut *out, &v)?;
        writeln!(out)?;
        return Ok(OK);
    }
    writeln!(out, "{}", SyncMsg::Replica { id: &replica }.text(lang))?;
    for (id, _) in &peers {
        writeln!(out, "{}", SyncMsg::Peer { id: &visible(id) }.text(lang))?;
    }
    for (id, r, changes, at) in &bundles {
        let msg = SyncMsg::Bundle {
            id: &visible(id),
            replica: &visible(r),
            changes: *changes,
            at,
        };
        writeln!(out, "{}", msg.text(lang))?;
    }
    if dir.is_some() {
        writeln!(out, "{}", SyncMsg::Waiting { n: waiting }.text(lang))?;
    }
    if conflicts.is_empty() {
        writeln!(out, "{}", SyncMsg::NoConflicts.text(lang))?;
    }
    for c in &conflicts {
        let msg = SyncMsg::Conflict {
            id: c.id,
            record: &visible(&c.record_id),
            field: &visible(&c.field),
            winner: &visible(&c.winner_value),
            loser: &visible(&c.loser_value),
            flipped: c.flipped,
        };
        writeln!(out, "{}", msg.text(lang))?;
    }
    Ok(OK)
}
