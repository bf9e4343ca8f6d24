//! Editing in the app: add (`n`), edit (`e`), delete (`d`), stamp verified (`v`) and undo
//! (`u`) communities, spaces, organisations and contacts. Regions are read-only.
//!
//! - [`form`]: the form per kind (fields in `fields.rs`, validation as you type in `check.rs`,
//!   with `crate::io::validate`);
//! - [`picker`]: the fuzzy picker over cities and records (`crate::search`);
//! - [`records`]: one type over the editable kinds, and the undo log;
//! - `update.rs`: the editing actions from the panes and what follows a write;
//! - `keys.rs`: the keys while the form, picker, kind menu or a question is open;
//! - [`change`]: each change as data, written by the effect runner in one `Store::write`
//!   transaction;
//! - `view.rs`: drawing the form, the picker, the kind menu and the confirmations.

pub mod change;
mod check;
mod fields;
pub mod form;
mod keys;
pub mod picker;
pub mod records;
mod update;
pub(crate) mod view;

pub use change::Change;

use super::keymap::Scope;
use crate::model::Kind;
use crate::search::Index;
use crate::store::DeleteReport;
use form::Form;
use picker::Picker;
use records::Undo;
use std::sync::Arc;

/// Most changes kept for undo.
pub const UNDO_DEPTH: usize = 50;

/// A question waiting for y / n.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirm {
    /// Delete this record, taking the listed links with it.
    Delete {
        kind: Kind,
        id: String,
        name: String,
        report: DeleteReport,
    },
    /// Close the form, dropping unsaved changes.
    Discard,
}

/// Everything the editing screens keep: the open form, picker, kind menu or question, the undo
/// log, and the search index the picker uses (built on first use, dropped on each change).
#[derive(Debug, Default)]
pub struct EditState {
    form: Option<Form>,
    picker: Option<Picker>,
    /// The "new record of which kind" menu, with its selected row.
    menu: Option<usize>,
    confirm: Option<Confirm>,
    undo: Vec<Undo>,
    index: Option<Arc<Index>>,
}

impl EditState {
    /// The key scope while editing; `None` when no editing screen is open.
    pub fn scope(&self) -> Option<Scope> {
        if self.confirm.is_some() {
            Some(Scope::Confirm)
        } else if self.form.is_some() || self.menu.is_some() {
            Some(Scope::Form)
        } else {
            None
        }
    }

    /// Whether an editing screen has the keyboard.
    pub fn is_active(&self) -> bool {
        self.scope().is_some()
    }

    /// How many changes can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// The open form.
    pub fn form(&self) -> Option<&Form> {
        self.form.as_ref()
    }

    /// The open picker.
    pub fn picker(&self) -> Option<&Picker> {
        self.picker.as_ref()
    }

    /// The kind menu's selected row, when the menu is open.
    pub fn menu(&self) -> Option<usize> {
        self.menu
    }

    /// The question waiting for y / n.
    pub fn confirm(&self) -> Option<&Confirm> {
        self.confirm.as_ref()
    }

    /// Keeps `undo` for `u`, dropping the oldest beyond [`UNDO_DEPTH`].
    fn remember(&mut self, undo: Undo) {
        if self.undo.len() == UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.undo.push(undo);
    }

    /// The data changed: the pickers' index is rebuilt on next use.
    pub(crate) fn forget_index(&mut self) {
        self.index = None;
    }
}
