//! The editing actions: open the form, menu or delete question from the panes, handle keys
//! while they are open, and write each change in one transaction with its undo kept.

use super::form::{Form, Picked};
use super::picker::Picker;
use super::records::{AnyRecord, Undo};
use super::{Confirm, UNDO_DEPTH};
use crate::model::Kind;
use crate::store::{self, StoreError};
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, Focus, TABS};
use std::sync::Arc;

/// Up to this many records the index is rebuilt on the UI thread after an edit (a few ms).
const SYNC_RELOAD_MAX: usize = 200_000;
use tui_input::InputRequest;

impl App {
    /// The editing actions pressed in the panes (`n e d v u`), and [`Action::DataChanged`].
    pub(crate) fn edit_action(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::New => match TABS[self.tab].filter(|k| Kind::EDITABLE.contains(k)) {
                Some(kind) => self.edit.form = Some(Form::new(kind)),
                None => self.edit.menu = Some(0),
            },
            Action::Edit => {
                let (kind, id) = self.editable_selection()?;
                match AnyRecord::load(&self.store, kind, &id) {
                    Ok(Some(rec)) => {
                        let store = &self.store;
                        let labels = |id: &str| label_of(store, id);
                        self.edit.form = Some(Form::edit(rec, &labels));
                    }
                    Ok(None) => {}
                    Err(e) => self.fail(&e),
                }
            }
            Action::Delete => {
                let (kind, id) = self.editable_selection()?;
                let name = self
                    .detail
                    .as_ref()
                    .map(|d| d.title.clone())
                    .unwrap_or_default();
                match self.store.delete_report(kind, &id) {
                    Ok(report) => {
                        self.edit.confirm = Some(Confirm::Delete {
                            kind,
                            id,
                            name,
                            report,
                        });
                    }
                    Err(e) => self.fail(&e),
                }
            }
            Action::Verify => {
                let (kind, id) = self.editable_selection()?;
                self.stamp(kind, &id);
            }
            Action::Undo => self.undo(),
            Action::DataChanged => self.data_changed(),
            _ => {}
        }
        None
    }

    /// Keys while a form, picker, menu or question is open.
    pub(crate) fn update_edit(&mut self, action: Action) -> Option<Effect> {
        // Pasted text arrives as typed characters.
        let action = match action {
            Action::Input(c) => Action::TextEdit(InputRequest::InsertChar(c)),
            other => other,
        };
        if self.edit.confirm.is_some() {
            self.update_confirm(action);
        } else if self.edit.menu.is_some() {
            self.update_menu(action);
        } else if self.edit.picker.is_some() {
            self.update_picker(action);
        } else {
            self.update_form(action);
        }
        None
    }

    /// The store changed: rebuild the search index and reload the record shown. Small
    /// directories rebuild at once; big ones in the background (the old index answers meanwhile).
    /// The pickers' index is rebuilt on their next use.
    pub fn data_changed(&mut self) {
        // Our own writes land here too: the watcher then sees nothing new.
        self.generation = self.store.generation().unwrap_or_default();
        self.edit.index = None;
        self.detail = None;
        let in_memory = self.store.path() == std::path::Path::new(":memory:");
        if in_memory || self.results.index().len() <= SYNC_RELOAD_MAX {
            match crate::index_load::load_index(&self.store, None) {
                Ok(index) => self.set_index(Arc::new(index), true),
                Err(e) => self.fail(&e),
            }
        } else {
            self.reload_requested = true;
        }
        self.load_detail();
        if self.opened.is_some() && self.detail.is_none() {
            self.opened = None;
            if self.focus == Focus::Detail {
                self.focus = Focus::List;
            }
            self.load_detail();
        }
    }

    /// The selected (or opened) record when it is editable; otherwise says why not.
    fn editable_selection(&mut self) -> Option<(Kind, String)> {
        let sel = self.detail.as_ref().map(|d| (d.kind, d.id.clone()));
        match sel {
            Some((kind, id)) if Kind::EDITABLE.contains(&kind) => Some((kind, id)),
            Some(_) => {
                self.notify(self.lang.edit().read_only);
                None
            }
            None => {
                self.notify(self.lang.edit().select_first);
                None
            }
        }
    }

    /// Shows a store error in the status bar (busy database included) instead of failing.
    fn fail(&mut self, e: &StoreError) {
        self.status = Some((e.to_string(), true));
    }

    fn remember(&mut self, undo: Undo) {
        if self.edit.undo.len() == UNDO_DEPTH {
            self.edit.undo.remove(0);
        }
        self.edit.undo.push(undo);
    }

    fn stamp(&mut self, kind: Kind, id: &str) {
        let prev = match AnyRecord::load(&self.store, kind, id) {
            Ok(Some(r)) => r,
            Ok(None) => return,
            Err(e) => return self.fail(&e),
        };
        let today = store::today();
        match self.store.write(|w| w.stamp_verified(kind, id, &today)) {
            Ok(()) => {
                let msg = format!("{}: {}", self.lang.edit().verified, prev.name());
                self.remember(Undo::Updated(prev));
                self.data_changed();
                self.notify(msg);
            }
            Err(e) => self.fail(&e),
        }
    }

    fn undo(&mut self) {
        let Some(undo) = self.edit.undo.pop() else {
            self.notify(self.lang.edit().nothing_to_undo);
            return;
        };
        match self.store.write(|w| undo.apply(w)) {
            Ok(()) => {
                let msg = format!("{}: {}", self.lang.edit().undone, undo.name());
                self.data_changed();
                self.notify(msg);
            }
            Err(e) => {
                self.fail(&e);
                self.edit.undo.push(undo);
            }
        }
    }

    fn delete(&mut self, kind: Kind, id: &str) {
        let rec = match AnyRecord::load(&self.store, kind, id) {
            Ok(Some(r)) => r,
            Ok(None) => return,
            Err(e) => return self.fail(&e),
        };
        let undo = self
            .store
            .delete_report(kind, id)
            .and_then(|report| Undo::for_delete(&self.store, rec, &report));
        let undo = match undo {
            Ok(u) => u,
            Err(e) => return self.fail(&e),
        };
        match self.store.write(|w| w.delete(kind, id)) {
            Ok(_) => {
                let msg = format!("{}: {}", self.lang.edit().deleted, undo.name());
                self.remember(undo);
                self.data_changed();
                self.notify(msg);
            }
            Err(e) => self.fail(&e),
        }
    }

    fn update_confirm(&mut self, action: Action) {
        match action {
            Action::Confirm => match self.edit.confirm.take() {
                Some(Confirm::Delete { kind, id, .. }) => self.delete(kind, &id),
                Some(Confirm::Discard) => {
                    self.edit.form = None;
                    self.edit.picker = None;
                }
                None => {}
            },
            Action::Escape => self.edit.confirm = None,
            _ => {}
        }
    }

    fn update_menu(&mut self, action: Action) {
        let n = Kind::EDITABLE.len();
        let sel = self.edit.menu.unwrap_or(0);
        let pick = match action {
            Action::Down | Action::FocusNext => {
                self.edit.menu = Some((sel + 1) % n);
                None
            }
            Action::Up | Action::FocusPrev => {
                self.edit.menu = Some((sel + n - 1) % n);
                None
            }
            Action::Open => Some(sel),
            Action::TextEdit(InputRequest::InsertChar(c)) => c
                .to_digit(10)
                .and_then(|d| (d as usize).checked_sub(1))
                .filter(|i| *i < n),
            Action::Escape => {
                self.edit.menu = None;
                None
            }
            _ => None,
        };
        if let Some(i) = pick {
            self.edit.menu = None;
            self.edit.form = Some(Form::new(Kind::EDITABLE[i]));
        }
    }

    fn update_form(&mut self, action: Action) {
        let Some(form) = self.edit.form.as_mut() else {
            return;
        };
        match action {
            Action::FocusNext | Action::Down => form.move_focus(1),
            Action::FocusPrev | Action::Up => form.move_focus(-1),
            Action::PageDown => form.move_focus(5),
            Action::PageUp => form.move_focus(-5),
            Action::Save => self.save(),
            Action::AddRole if !form.add_role() => self.notify(self.lang.edit().no_roles),
            Action::RemoveRole if !form.remove_role() => {
                self.notify(self.lang.edit().not_on_role);
            }
            Action::Open => {
                if form.on_save() {
                    self.save();
                } else if form.on_cancel() {
                    self.cancel_form();
                } else if form.focused().is_some_and(|f| f.key.pick().is_some()) {
                    self.open_picker("");
                } else {
                    form.move_focus(1);
                }
            }
            Action::Escape => self.cancel_form(),
            Action::TextEdit(req) => {
                let Some(field) = form.focused() else {
                    return;
                };
                if field.key.pick().is_none() {
                    form.edit_text(req);
                    return;
                }
                match req {
                    InputRequest::InsertChar(c) => self.open_picker(&c.to_string()),
                    InputRequest::DeletePrevChar
                    | InputRequest::DeleteNextChar
                    | InputRequest::DeleteLine => {
                        let i = form.focus;
                        form.choose(i, None);
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    fn cancel_form(&mut self) {
        if self.edit.form.as_ref().is_some_and(|f| f.dirty) {
            self.edit.confirm = Some(Confirm::Discard);
        } else {
            self.edit.form = None;
        }
    }

    /// The search index for pickers: the app's own once it is complete (no second copy in
    /// memory); until then one built from the store on first use.
    fn pick_index(&mut self) -> Option<Arc<crate::search::Index>> {
        if self.results.index_complete() {
            return Some(Arc::clone(self.results.index()));
        }
        if self.edit.index.is_none() {
            match crate::index_load::load_index(&self.store, None) {
                Ok(index) => self.edit.index = Some(Arc::new(index)),
                Err(e) => self.fail(&e),
            }
        }
        self.edit.index.clone()
    }

    fn open_picker(&mut self, start: &str) {
        let Some((i, pick)) = self
            .edit
            .form
            .as_ref()
            .and_then(|f| f.focused().and_then(|x| x.key.pick()).map(|p| (f.focus, p)))
        else {
            return;
        };
        let Some(index) = self.pick_index() else {
            return;
        };
        self.edit.picker = Some(Picker::new(i, pick, start, &index, &self.store));
    }

    fn update_picker(&mut self, action: Action) {
        match action {
            Action::TextEdit(req) => {
                let Some(index) = self.pick_index() else {
                    return;
                };
                if let Some(p) = self.edit.picker.as_mut() {
                    p.edit(req, &index, &self.store);
                }
            }
            Action::Down => self.move_picker(1),
            Action::Up => self.move_picker(-1),
            Action::PageDown => self.move_picker(10),
            Action::PageUp => self.move_picker(-10),
            Action::Open | Action::FocusNext => {
                let Some(p) = self.edit.picker.take() else {
                    return;
                };
                let Some(choice) = p.chosen() else {
                    self.edit.picker = Some(p);
                    return;
                };
                let picked = choice.map(|row| Picked {
                    id: row.id.clone(),
                    label: row.name.clone(),
                });
                if let Some(form) = self.edit.form.as_mut() {
                    form.choose(p.field, picked);
                    form.move_focus(1);
                }
            }
            Action::Escape => self.edit.picker = None,
            _ => {}
        }
    }

    fn move_picker(&mut self, delta: isize) {
        if let Some(p) = self.edit.picker.as_mut() {
            p.move_by(delta);
        }
    }

    fn save(&mut self) {
        let Some(form) = self.edit.form.as_mut() else {
            return;
        };
        let Some(mut rec) = form.to_record() else {
            let first = form.validate().unwrap_or(0);
            form.focus = first;
            let label = form.fields[first].key.label(self.lang);
            self.status = Some((format!("{}: {label}", self.lang.edit().invalid_form), true));
            return;
        };
        let original = form.original.clone();
        if original.as_ref() == Some(&rec) {
            self.edit.form = None;
            self.notify(self.lang.edit().unchanged);
            return;
        }
        let result = match &original {
            Some(_) => self.store.write(|w| rec.update(w)),
            None => self.store.write(|w| rec.insert(w)),
        };
        if let Err(e) = result {
            return self.fail(&e);
        }
        self.edit.form = None;
        let s = self.lang.edit();
        let msg = if let Some(prev) = original {
            self.remember(Undo::Updated(prev));
            format!("{}: {}", s.saved, rec.name())
        } else {
            self.remember(Undo::Inserted {
                kind: rec.kind(),
                id: rec.id().to_string(),
                name: rec.name().to_string(),
            });
            self.opened = Some((rec.kind(), rec.id().to_string()));
            self.focus = Focus::Detail;
            format!("{}: {}", s.added, rec.name())
        };
        self.data_changed();
        self.notify(msg);
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
