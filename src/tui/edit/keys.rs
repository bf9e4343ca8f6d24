//! The keys while an editing screen is open: the yes/no question, the kind menu, the picker
//! and the form. Saving asks the effect runner for a write ([`Change::Save`]).

use super::form::{Form, Picked};
use super::picker::Picker;
use super::{Change, Confirm};
use crate::model::Kind;
use crate::search::Index;
use crate::tui::action::Action;
use crate::tui::app::{App, Effect};
use std::sync::Arc;
use tui_input::InputRequest;

/// What a form key leads to once the form is no longer borrowed.
enum Then {
    Save,
    Cancel,
    Pick(String),
    Say(&'static str),
}

impl App {
    /// Keys while a form, picker, menu or question is open.
    pub(crate) fn update_edit(&mut self, action: Action) -> Option<Effect> {
        // Pasted text arrives as typed characters.
        let action = match action {
            Action::Input(c) => Action::TextEdit(InputRequest::InsertChar(c)),
            other => other,
        };
        let edit = self.edit();
        if edit.confirm.is_some() {
            return self.update_confirm(action);
        } else if edit.menu.is_some() {
            self.update_menu(action);
        } else if edit.picker.is_some() {
            self.update_picker(action);
        } else {
            return self.update_form(action);
        }
        None
    }

    fn update_confirm(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Confirm => match self.edit_mut().confirm.take() {
                Some(Confirm::Delete { kind, id, .. }) => return self.delete(kind, id),
                Some(Confirm::Discard) => {
                    let edit = self.edit_mut();
                    edit.form = None;
                    edit.picker = None;
                }
                None => {}
            },
            Action::Escape => self.edit_mut().confirm = None,
            _ => {}
        }
        None
    }

    fn update_menu(&mut self, action: Action) {
        let n = Kind::EDITABLE.len();
        let edit = self.edit_mut();
        let sel = edit.menu.unwrap_or(0);
        let pick = match action {
            Action::Down | Action::FocusNext => {
                edit.menu = Some((sel + 1) % n);
                None
            }
            Action::Up | Action::FocusPrev => {
                edit.menu = Some((sel + n - 1) % n);
                None
            }
            Action::Open => Some(sel),
            Action::TextEdit(InputRequest::InsertChar(c)) => c
                .to_digit(10)
                .and_then(|d| (d as usize).checked_sub(1))
                .filter(|i| *i < n),
            Action::Escape => {
                edit.menu = None;
                None
            }
            _ => None,
        };
        if let Some(i) = pick {
            edit.menu = None;
            edit.form = Some(Form::new(Kind::EDITABLE[i]));
        }
    }

    fn update_form(&mut self, action: Action) -> Option<Effect> {
        let s = self.lang().edit();
        let form = self.edit_mut().form.as_mut()?;
        let then = match action {
            Action::FocusNext | Action::Down => {
                form.move_focus(1);
                None
            }
            Action::FocusPrev | Action::Up => {
                form.move_focus(-1);
                None
            }
            Action::PageDown => {
                form.move_focus(5);
                None
            }
            Action::PageUp => {
                form.move_focus(-5);
                None
            }
            Action::Save => Some(Then::Save),
            Action::AddRole if !form.add_role() => Some(Then::Say(s.no_roles)),
            Action::RemoveRole if !form.remove_role() => Some(Then::Say(s.not_on_role)),
            Action::Open => {
                if form.on_save() {
                    Some(Then::Save)
                } else if form.on_cancel() {
                    Some(Then::Cancel)
                } else if form.focused().is_some_and(|f| f.key.pick().is_some()) {
                    Some(Then::Pick(String::new()))
                } else {
                    form.move_focus(1);
                    None
                }
            }
            Action::Escape => Some(Then::Cancel),
            Action::TextEdit(req) => {
                let field = form.focused()?;
                if field.key.pick().is_none() {
                    form.edit_text(req);
                    return None;
                }
                match req {
                    InputRequest::InsertChar(c) => Some(Then::Pick(c.to_string())),
                    InputRequest::DeletePrevChar
                    | InputRequest::DeleteNextChar
                    | InputRequest::DeleteLine => {
                        let i = form.focus;
                        form.choose(i, None);
                        None
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        match then? {
            Then::Save => return self.save(),
            Then::Cancel => self.cancel_form(),
            Then::Pick(start) => self.open_picker(&start),
            Then::Say(msg) => self.notify(msg),
        }
        None
    }

    fn cancel_form(&mut self) {
        let edit = self.edit_mut();
        if edit.form.as_ref().is_some_and(|f| f.dirty) {
            edit.confirm = Some(Confirm::Discard);
        } else {
            edit.form = None;
        }
    }

    /// The search index for pickers: the app's own once it is complete (no second copy in
    /// memory); until then one built from the store on first use.
    fn pick_index(&mut self) -> Option<Arc<Index>> {
        if self.results.index_complete() {
            return Some(Arc::clone(self.results.index()));
        }
        if self.edit().index.is_none() {
            match crate::index_load::load_index(self.store(), None) {
                Ok(index) => self.edit_mut().index = Some(Arc::new(index)),
                Err(e) => self.status_mut().fail(e),
            }
        }
        self.edit().index.clone()
    }

    fn open_picker(&mut self, start: &str) {
        let Some((i, pick)) = self
            .edit()
            .form
            .as_ref()
            .and_then(|f| f.focused().and_then(|x| x.key.pick()).map(|p| (f.focus, p)))
        else {
            return;
        };
        let Some(index) = self.pick_index() else {
            return;
        };
        let picker = Picker::new(i, pick, start, &index, self.store());
        self.edit_mut().picker = Some(picker);
    }

    fn update_picker(&mut self, action: Action) {
        match action {
            Action::TextEdit(req) => {
                let Some(index) = self.pick_index() else {
                    return;
                };
                let (edit, store) = self.edit_and_store();
                if let Some(p) = edit.picker.as_mut() {
                    p.edit(req, &index, store);
                }
            }
            Action::Down => self.move_picker(1),
            Action::Up => self.move_picker(-1),
            Action::PageDown => self.move_picker(10),
            Action::PageUp => self.move_picker(-10),
            Action::Open | Action::FocusNext => {
                let edit = self.edit_mut();
                let Some(p) = edit.picker.take() else {
                    return;
                };
                let Some(choice) = p.chosen() else {
                    edit.picker = Some(p);
                    return;
                };
                let picked = choice.map(|row| Picked {
                    id: row.id.clone(),
                    label: row.name.clone(),
                });
                if let Some(form) = edit.form.as_mut() {
                    form.choose(p.field, picked);
                    form.move_focus(1);
                }
            }
            Action::Escape => self.edit_mut().picker = None,
            _ => {}
        }
    }

    fn move_picker(&mut self, delta: isize) {
        if let Some(p) = self.edit_mut().picker.as_mut() {
            p.move_by(delta);
        }
    }

    /// Checks the form and asks for its write; an invalid form focuses its first problem, an
    /// unchanged one just closes.
    fn save(&mut self) -> Option<Effect> {
        let lang = self.lang();
        let form = self.edit_mut().form.as_mut()?;
        let Some(record) = form.to_record() else {
            let first = form.validate().unwrap_or(0);
            form.focus = first;
            let label = form.fields[first].key.label(lang);
            let msg = format!("{}: {label}", lang.edit().invalid_form);
            self.status_mut().fail(msg);
            return None;
        };
        let original = form.original.clone().map(Box::new);
        if original.as_deref() == Some(&record) {
            self.edit_mut().form = None;
            self.notify(lang.edit().unchanged);
            return None;
        }
        Some(Effect::Write(Box::new(Change::Save {
            record: Box::new(record),
            original,
        })))
    }
}
