//! The editing actions pressed in the panes (`n e d v u`), and what follows a write: keep its
//! undo, reload, say what happened. The writes themselves are [`Change`]s for the effect
//! runner; reading the store (a record to edit, what a delete takes with it) happens here.

use super::form::Form;
use super::records::{AnyRecord, Undo};
use super::{Change, Confirm};
use crate::model::Kind;
use crate::store;
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, Focus, TABS};

impl App {
    /// The editing actions pressed in the panes (`n e d v u`), and [`Action::DataChanged`].
    pub(crate) fn edit_action(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::New => {
                let kind = TABS[self.tab()].filter(|k| Kind::EDITABLE.contains(k));
                let edit = self.edit_mut();
                match kind {
                    Some(kind) => edit.form = Some(Form::new(kind)),
                    None => edit.menu = Some(0),
                }
            }
            Action::Edit => {
                let (kind, id) = self.editable_selection()?;
                match AnyRecord::load(self.store(), kind, &id) {
                    Ok(Some(rec)) => {
                        let store = self.store();
                        let labels = |id: &str| label_of(store, id);
                        let form = Form::edit(rec, &labels);
                        self.edit_mut().form = Some(form);
                    }
                    Ok(None) => {}
                    Err(e) => self.status_mut().fail(e),
                }
            }
            Action::Delete => {
                let (kind, id) = self.editable_selection()?;
                let name = self
                    .detail()
                    .shown()
                    .map(|d| d.title.clone())
                    .unwrap_or_default();
                match self.store().delete_report(kind, &id) {
                    Ok(report) => {
                        self.edit_mut().confirm = Some(Confirm::Delete {
                            kind,
                            id,
                            name,
                            report,
                        });
                    }
                    Err(e) => self.status_mut().fail(e),
                }
            }
            Action::Verify => {
                let (kind, id) = self.editable_selection()?;
                return self.stamp(kind, id);
            }
            Action::Undo => return self.undo(),
            Action::DataChanged => return Some(self.data_changed(None)),
            _ => {}
        }
        None
    }

    /// The selected (or opened) record when it is editable; otherwise says why not.
    fn editable_selection(&mut self) -> Option<(Kind, String)> {
        let sel = self.detail().shown().map(|d| (d.kind, d.id.clone()));
        match sel {
            Some((kind, id)) if Kind::EDITABLE.contains(&kind) => Some((kind, id)),
            Some(_) => {
                self.notify(self.lang().edit().read_only);
                None
            }
            None => {
                self.notify(self.lang().edit().select_first);
                None
            }
        }
    }

    fn stamp(&mut self, kind: Kind, id: String) -> Option<Effect> {
        match AnyRecord::load(self.store(), kind, &id) {
            Ok(Some(prev)) => Some(Effect::Write(Box::new(Change::Stamp { kind, id, prev }))),
            Ok(None) => None,
            Err(e) => {
                self.status_mut().fail(e);
                None
            }
        }
    }

    fn undo(&mut self) -> Option<Effect> {
        let Some(undo) = self.edit_mut().undo.pop() else {
            self.notify(self.lang().edit().nothing_to_undo);
            return None;
        };
        Some(Effect::Write(Box::new(Change::Undo(undo))))
    }

    /// Asks to delete a record, with the undo that restores it and its links.
    pub(super) fn delete(&mut self, kind: Kind, id: String) -> Option<Effect> {
        let store = self.store();
        let undo = match AnyRecord::load(store, kind, &id) {
            Ok(Some(rec)) => store
                .delete_report(kind, &id)
                .and_then(|report| Undo::for_delete(store, rec, &report)),
            Ok(None) => return None,
            Err(e) => Err(e),
        };
        match undo {
            Ok(undo) => Some(Effect::Write(Box::new(Change::Delete { kind, id, undo }))),
            Err(e) => {
                self.status_mut().fail(e);
                None
            }
        }
    }

    /// A change was written (or refused): keep its undo, reload and say what happened. A
    /// refused change leaves everything as it was, the undo log included.
    pub(crate) fn written(
        &mut self,
        change: Box<Change>,
        result: store::Result<()>,
    ) -> Option<Effect> {
        if let Err(e) = result {
            if let Change::Undo(undo) = *change {
                self.edit_mut().undo.push(undo);
            }
            self.status_mut().fail(e);
            return None;
        }
        let s = self.lang().edit();
        let msg = match *change {
            Change::Stamp { prev, .. } => {
                let msg = format!("{}: {}", s.verified, prev.name());
                self.edit_mut().remember(Undo::Updated(prev));
                msg
            }
            Change::Undo(undo) => format!("{}: {}", s.undone, undo.name()),
            Change::Merge { undo, .. } => {
                let msg = format!("{}: {}", self.lang().book().merged, undo.name());
                self.edit_mut().remember(undo);
                msg
            }
            Change::Delete { undo, .. } => {
                let msg = format!("{}: {}", s.deleted, undo.name());
                self.edit_mut().remember(undo);
                msg
            }
            Change::Save { record, original } => {
                self.edit_mut().form = None;
                if let Some(prev) = original {
                    self.edit_mut().remember(Undo::Updated(*prev));
                    format!("{}: {}", s.saved, record.name())
                } else {
                    self.edit_mut().remember(Undo::Inserted {
                        kind: record.kind(),
                        id: record.id().to_string(),
                        name: record.name().to_string(),
                    });
                    let opened = (record.kind(), record.id().to_string());
                    self.detail_mut().set_opened(Some(opened));
                    self.set_focus(Focus::Detail);
                    format!("{}: {}", s.added, record.name())
                }
            }
        };
        Some(self.data_changed(Some(msg)))
    }
}

/// The name of a city (by code) or of an editable record (by id), for picker fields.
fn label_of(store: &store::Store, id: &str) -> Option<String> {
    if let Ok(Some(c)) = store.city(id) {
        return Some(c.name);
    }
    let kind = store.kind_of_id(id).ok().flatten()?;
    AnyRecord::load(store, kind, id)
        .ok()
        .flatten()
        .map(|r| r.name().to_string())
}
