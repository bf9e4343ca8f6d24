//! Sharing in the app: the status bar's note when bundles of other replicas wait in the sync
//! folder (counted by a watcher thread on its own connection, see `tui/mod.rs`), `S` to apply
//! them, and the conflicts list (`C`) where `f` flips the selected one.
//!
//! The sync folder is the one [`crate::sync::folder`] names (`JEJARING_SYNC_DIR`, else the
//! folder last used by `jejaring sync export --to`/`sync apply`). Applying and flipping are
//! effects ([`Effect::ApplyBundles`], [`Effect::FlipConflict`]); drawing is in
//! `view/share.rs`.

use super::action::Action;
use super::app::{App, Effect, Popup};
use super::book::moved;
use crate::i18n::ShareMsg;
use crate::model::AnyRecord;
use crate::store::Conflict;
use crate::sync::folder::Outcome;
use std::path::PathBuf;

/// The sync folder and how many bundles wait there.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ShareState {
    dir: Option<PathBuf>,
    waiting: usize,
}

impl ShareState {
    /// The sync folder, if one is known.
    pub fn dir(&self) -> Option<&PathBuf> {
        self.dir.as_ref()
    }

    /// Bundles waiting (as last counted).
    pub fn waiting(&self) -> usize {
        self.waiting
    }
}

/// One row of the conflicts list: the conflict and the name of its record.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictRow {
    pub conflict: Conflict,
    /// The record's name, or its id when it is gone.
    pub name: String,
}

/// The conflicts popup: every conflict recorded (newest first) and the selected row.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictsView {
    pub rows: Vec<ConflictRow>,
    pub selected: usize,
}

/// A logged JSON value as a person reads it: text without quotes, `—` for nothing.
pub fn shown_value(json: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(json) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(serde_json::Value::Null) => "—".into(),
        _ => json.to_string(),
    }
}

impl App {
    /// The sync folder and the bundles waiting there.
    pub fn share(&self) -> &ShareState {
        &self.share_state
    }

    /// Sets the sync folder (the event loop passes `JEJARING_SYNC_DIR` over the remembered
    /// one).
    pub fn set_sync_dir(&mut self, dir: Option<PathBuf>) {
        self.share_state.dir = dir;
    }

    /// The watcher counted `n` bundles waiting in the sync folder.
    pub fn sync_waiting(&mut self, n: usize) {
        self.share_state.waiting = n;
    }

    /// `S` and `C` pressed in the panes.
    pub(crate) fn share_action(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::ApplyBundles => {
                let Some(dir) = self.share_state.dir.clone() else {
                    self.notify(ShareMsg::NoFolder.text(self.lang()));
                    return None;
                };
                Some(Effect::ApplyBundles(dir))
            }
            Action::Conflicts => {
                self.open_conflicts(0);
                None
            }
            _ => None,
        }
    }

    /// Opens (or reloads) the conflicts list with row `selected` chosen.
    fn open_conflicts(&mut self, selected: usize) {
        let list = match self.store().conflicts() {
            Ok(list) => list,
            Err(e) => {
                self.status_mut().fail(e);
                return;
            }
        };
        let rows: Vec<ConflictRow> = list
            .into_iter()
            .map(|c| {
                let name = c
                    .kind
                    .parse()
                    .ok()
                    .and_then(|kind| AnyRecord::load(self.store(), kind, &c.record_id).ok())
                    .flatten()
                    .map_or_else(|| c.record_id.clone(), |r| r.name().to_string());
                ConflictRow { conflict: c, name }
            })
            .collect();
        let selected = selected.min(rows.len().saturating_sub(1));
        *self.popup_mut() = Some(Popup::Conflicts(ConflictsView { rows, selected }));
    }

    /// An action while the conflicts list is open.
    pub(crate) fn update_conflicts(&mut self, action: Action) -> Option<Effect> {
        let Some(Popup::Conflicts(view)) = self.popup_mut().as_mut() else {
            return None;
        };
        if let Some(s) = moved(view.selected, view.rows.len(), action) {
            view.selected = s;
            return None;
        }
        match action {
            Action::FlipConflict => {
                let row = view.rows.get(view.selected)?;
                if row.conflict.flipped {
                    return None;
                }
                return Some(Effect::FlipConflict(row.conflict.id));
            }
            Action::Escape | Action::Conflicts => *self.popup_mut() = None,
            _ => {}
        }
        None
    }

    /// What [`Effect::ApplyBundles`] did: says it, with the bundles still waiting, and
    /// reloads when anything was applied.
    pub(crate) fn bundles_applied(
        &mut self,
        outcome: Result<Outcome, crate::sync::SyncError>,
        still_waiting: usize,
    ) -> Option<Effect> {
        self.share_state.waiting = still_waiting;
        // Applying writes even when every bundle is refused (the replica id, the clock): our
        // own write, which the watcher must not report as another program's.
        self.mark_generation();
        let outcome = match outcome {
            Ok(o) => o,
            Err(e) => {
                self.status_mut().fail(crate::text::visible(&e.to_string()));
                return None;
            }
        };
        if outcome.bundles == 0 && outcome.refused.is_empty() {
            let dir = self.share_state.dir.clone().unwrap_or_default();
            self.notify(ShareMsg::NothingWaiting { dir: &dir }.text(self.lang()));
            return None;
        }
        // The reason, without the bundle's long path before it (`PATH: refused: WHY`).
        let first = outcome.refused.first().map(|r| {
            let why = r.split_once("refused: ").map_or(r.as_str(), |(_, why)| why);
            crate::text::visible(why).into_owned()
        });
        let msg = ShareMsg::Applied {
            changes: outcome.changes,
            bundles: outcome.bundles,
            refused: outcome.refused.len(),
            first_refusal: first.as_deref(),
        }
        .text(self.lang());
        if outcome.bundles == 0 {
            self.status_mut().fail(msg);
            return None;
        }
        if !outcome.refused.is_empty() {
            // The refusal must stay on screen after the reload, as an error.
            let effect = self.data_changed(None);
            self.status_mut().fail(msg);
            return Some(effect);
        }
        Some(self.data_changed(Some(msg)))
    }

    /// What [`Effect::FlipConflict`] did: the list shows the flip, and the data reloads.
    pub(crate) fn conflict_flipped(
        &mut self,
        result: crate::store::Result<bool>,
    ) -> Option<Effect> {
        match result {
            Ok(true) => {
                let selected = match self.popup() {
                    Some(Popup::Conflicts(v)) => v.selected,
                    _ => 0,
                };
                self.open_conflicts(selected);
                let notice = ShareMsg::Flipped.text(self.lang());
                Some(self.data_changed(Some(notice)))
            }
            Ok(false) => None,
            Err(e) => {
                self.status_mut().fail(e);
                None
            }
        }
    }
}
