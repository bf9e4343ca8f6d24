//! The address book in the app: a contact's card as a QR code (`Q`), likely duplicates (`D`)
//! with a field-by-field merge (one [`Change::Merge`], undone with `u`), and the menu `o`
//! shows when a record has several links (website, `WhatsApp`, map).
//!
//! The pairs come from [`crate::dupes`] (the same list as `jejaring dupes`), the rows of a merge
//! from [`crate::merge_plan`]; drawing is in `view/book.rs`.

use super::action::Action;
use super::app::{App, Effect, Popup};
use super::edit::Change;
use super::edit::records::Undo;
use crate::dupes::Pair;
use crate::merge_plan::{self, FieldRow};
use crate::model::{AnyRecord, Kind};

/// The card a QR popup shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrCard {
    pub name: String,
    /// The vCard text encoded (only the fields the contact's visibility allows).
    pub card: String,
}

/// One pair opened for merging: the left record is kept, the right deleted.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeDraft {
    pub kind: Kind,
    pub keep: String,
    pub other: String,
    pub keep_name: String,
    pub other_name: String,
    pub rows: Vec<FieldRow>,
    pub selected: usize,
}

/// The duplicates popup: the pairs (strongest first), the selection and the pair being merged.
#[derive(Debug, Clone, PartialEq)]
pub struct DupesView {
    pub pairs: Vec<Pair>,
    pub selected: usize,
    pub merge: Option<MergeDraft>,
}

/// `selected` moved by the action's step within `len` rows (`None`: not a move).
pub(crate) fn moved(selected: usize, len: usize, action: Action) -> Option<usize> {
    let delta: isize = match action {
        Action::Up | Action::ScrollUp { .. } => -1,
        Action::Down | Action::ScrollDown { .. } => 1,
        Action::PageUp => -10,
        Action::PageDown => 10,
        Action::Top => isize::MIN / 2,
        Action::Bottom => isize::MAX / 2,
        _ => return None,
    };
    Some(
        selected
            .saturating_add_signed(delta)
            .min(len.saturating_sub(1)),
    )
}

impl App {
    /// `Q`, `D` and `o` pressed in the panes.
    pub(crate) fn book_action(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::ShowQr => self.open_qr(),
            Action::Dupes => self.open_dupes(),
            Action::OpenLink => {
                // Only a contact offers a menu (its `WhatsApp` chat); other records open
                // their website, else their map, at once as before.
                let links = match self.detail().shown() {
                    Some(d) if d.kind == Kind::Contact => d.links(),
                    Some(d) => d
                        .link()
                        .map(|u| (crate::detail::Field::Website, u))
                        .into_iter()
                        .collect(),
                    None => Vec::new(),
                };
                match links.len() {
                    0 => self.notify(self.lang().strings().open_nothing),
                    1 => return links.into_iter().next().map(|(_, url)| Effect::Open(url)),
                    _ => {
                        *self.popup_mut() = Some(Popup::Links {
                            items: links,
                            selected: 0,
                        });
                    }
                }
            }
            _ => {}
        }
        None
    }

    fn open_qr(&mut self) {
        let id = match self.detail().shown() {
            Some(d) if d.kind == Kind::Contact => d.id.clone(),
            _ => {
                self.notify(self.lang().book().qr_contacts_only);
                return;
            }
        };
        match crate::io::qr_card(self.store(), &id) {
            Ok(Some(card)) => {
                let name = self
                    .detail()
                    .shown()
                    .map(|d| d.title.clone())
                    .unwrap_or_default();
                *self.popup_mut() = Some(Popup::Qr(QrCard { name, card }));
            }
            Ok(None) => {}
            Err(e) => self.status_mut().fail(e),
        }
    }

    fn open_dupes(&mut self) {
        let mut pairs = Vec::new();
        for kind in Kind::EDITABLE {
            match crate::dupes::in_store(self.store(), kind) {
                Ok(p) => pairs.extend(p),
                Err(e) => {
                    self.status_mut().fail(e);
                    return;
                }
            }
        }
        // Strongest first across kinds, as `jejaring dupes` lists them.
        pairs.sort_by(|a, b| b.score.total_cmp(&a.score));
        *self.popup_mut() = Some(Popup::Dupes(DupesView {
            pairs,
            selected: 0,
            merge: None,
        }));
    }

    /// An action while the duplicates list or the link menu is open.
    pub(crate) fn update_book_popup(&mut self, action: Action) -> Option<Effect> {
        match self.popup_mut().as_mut()? {
            Popup::Links { items, selected } => {
                if let Some(s) = moved(*selected, items.len(), action) {
                    *selected = s;
                    return None;
                }
                let url = items.get(*selected).map(|(_, u)| u.clone());
                match action {
                    Action::Open | Action::Copy => {
                        *self.popup_mut() = None;
                        let url = url?;
                        if action == Action::Copy {
                            self.notify(format!("{}: {url}", self.lang().strings().copied));
                            return Some(Effect::Copy(url));
                        }
                        return Some(Effect::Open(url));
                    }
                    Action::Escape | Action::OpenLink => *self.popup_mut() = None,
                    _ => {}
                }
                None
            }
            Popup::Dupes(view) if view.merge.is_some() => self.update_merge(action),
            Popup::Dupes(view) => {
                if let Some(s) = moved(view.selected, view.pairs.len(), action) {
                    view.selected = s;
                    return None;
                }
                match action {
                    Action::Open => self.start_merge(),
                    Action::Escape | Action::Dupes => *self.popup_mut() = None,
                    _ => {}
                }
                None
            }
            _ => None,
        }
    }

    /// Opens the selected pair side by side.
    fn start_merge(&mut self) {
        let Some(Popup::Dupes(view)) = self.popup() else {
            return;
        };
        let Some(pair) = view.pairs.get(view.selected).cloned() else {
            return;
        };
        let load = |id: &str| AnyRecord::load(self.store(), pair.kind, id);
        let (left, right) = match (load(&pair.left), load(&pair.right)) {
            (Ok(Some(l)), Ok(Some(r))) => (l, r),
            (Err(e), _) | (_, Err(e)) => {
                self.status_mut().fail(e);
                return;
            }
            _ => return,
        };
        let draft = MergeDraft {
            kind: pair.kind,
            keep: pair.left,
            other: pair.right,
            keep_name: left.name().to_string(),
            other_name: right.name().to_string(),
            rows: merge_plan::rows(&left, &right),
            selected: 0,
        };
        if let Some(Popup::Dupes(view)) = self.popup_mut() {
            view.merge = Some(draft);
        }
    }

    /// An action in the merge view: choose a side per field, merge, or go back to the list.
    fn update_merge(&mut self, action: Action) -> Option<Effect> {
        let Some(Popup::Dupes(view)) = self.popup_mut().as_mut() else {
            return None;
        };
        let draft = view.merge.as_mut()?;
        if let Some(s) = moved(draft.selected, draft.rows.len(), action) {
            draft.selected = s;
            return None;
        }
        match action {
            Action::KeepLeft | Action::KeepRight => {
                if let Some(row) = draft.rows.get_mut(draft.selected) {
                    row.take_right = action == Action::KeepRight;
                }
            }
            Action::Escape | Action::Back => view.merge = None,
            Action::MergePair => {
                let draft = draft.clone();
                *self.popup_mut() = None;
                return match Undo::for_merge(self.store(), draft.kind, &draft.keep, &draft.other) {
                    Ok(undo) => Some(Effect::Write(Box::new(Change::Merge {
                        kind: draft.kind,
                        take_right: merge_plan::take_right(&draft.rows),
                        keep: draft.keep,
                        other: draft.other,
                        undo,
                    }))),
                    Err(e) => {
                        self.status_mut().fail(e);
                        None
                    }
                };
            }
            _ => {}
        }
        None
    }
}
