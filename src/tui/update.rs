//! [`App::update`]: one action in, state changed, maybe one [`Effect`] out for the runner
//! (see [`super::effects`]). Moving around is in `navigate.rs`, the mouse in `mouse.rs`,
//! editing in [`super::edit`].

use super::action::Action;
use super::app::{App, Effect, Focus, Popup, TABS};
use super::keymap::Scope;
use ratatui::layout::Rect;

/// Rows a mouse wheel notch moves.
pub(crate) const WHEEL: isize = 3;

impl App {
    /// The key scope for the current focus and popup.
    pub fn scope(&self) -> Scope {
        if self.popup().is_some() {
            Scope::Popup
        } else if let Some(scope) = self.edit().scope() {
            scope
        } else if self.focus() == Focus::Search {
            Scope::Search
        } else {
            Scope::Panes
        }
    }

    /// Applies one action. Returns a side effect for the runner, if any; nothing here writes
    /// files or the store.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        if !matches!(action, Action::Resize { .. }) {
            self.status_mut().clear();
        }
        if matches!(self.popup(), Some(Popup::Nearby(_)))
            && !matches!(action, Action::Quit | Action::Resize { .. })
        {
            self.update_nearby(action);
            return None;
        }
        if matches!(self.popup(), Some(Popup::Dupes(_) | Popup::Links { .. }))
            && !matches!(action, Action::Quit | Action::Resize { .. })
        {
            return self.update_book_popup(action);
        }
        if matches!(self.popup(), Some(Popup::Dashboard(_)))
            && !matches!(action, Action::Quit | Action::Resize { .. })
        {
            self.update_dashboard(action);
            return None;
        }
        if matches!(self.popup(), Some(Popup::Conflicts(_)))
            && !matches!(action, Action::Quit | Action::Resize { .. })
        {
            return self.update_conflicts(action);
        }
        if self.popup().is_some() && !matches!(action, Action::Quit | Action::Resize { .. }) {
            return self.update_popup(action);
        }
        if self.edit().is_active()
            && !matches!(action, Action::Quit | Action::Resize { .. } | Action::Help)
        {
            return self.update_edit(action);
        }
        match action {
            Action::Quit => self.request_quit(),
            Action::DeleteChar if self.query().is_empty() => self.back(),
            Action::Input(_)
            | Action::DeleteChar
            | Action::DeleteWord
            | Action::ClearQuery
            | Action::QueryEdit(_) => {
                self.edit_line(action);
            }
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-self.page()),
            Action::PageDown => self.move_by(self.page()),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::Open => self.open(),
            Action::Back => self.back(),
            Action::FocusNext => self.cycle_focus(true),
            Action::FocusPrev => self.cycle_focus(false),
            Action::FocusSearch => self.set_focus(Focus::Search),
            Action::Escape => self.escape(),
            Action::NextTab => self.set_tab((self.tab() + 1) % TABS.len()),
            Action::PrevTab => self.set_tab((self.tab() + TABS.len() - 1) % TABS.len()),
            Action::ToggleFacets => {
                let open = !self.facets().is_open();
                self.facets_mut().set_open(open);
                self.set_focus(if open { Focus::Facets } else { Focus::List });
            }
            Action::Copy => {
                let items = self
                    .detail()
                    .shown()
                    .map(crate::detail::Detail::copy_menu)
                    .unwrap_or_default();
                if items.is_empty() {
                    self.notify(self.lang().strings().copy_nothing);
                } else {
                    *self.popup_mut() = Some(Popup::Copy { items, selected: 0 });
                }
            }
            Action::OpenLink | Action::ShowQr | Action::Dupes => return self.book_action(action),
            Action::ExportResults => return self.export_results(),
            Action::Help => *self.popup_mut() = Some(Popup::Help { scroll: 0 }),
            Action::About => *self.popup_mut() = Some(Popup::About { scroll: 0 }),
            Action::Click { .. }
            | Action::ScrollUp { .. }
            | Action::ScrollDown { .. }
            | Action::Drag { .. }
                if self.map_mouse(action) => {}
            Action::Drag { .. } | Action::KeepLeft | Action::KeepRight | Action::MergePair => {}
            Action::ToggleMap
            | Action::Nearby
            | Action::MapZoomIn
            | Action::MapZoomOut
            | Action::MapPan { .. }
            | Action::MapCentre
            | Action::MapReset
            | Action::RadiusUp
            | Action::RadiusDown => self.map_action(action),
            Action::Dashboard => self.open_dashboard(),
            Action::ApplyBundles | Action::Conflicts | Action::FlipConflict => {
                return self.share_action(action);
            }
            Action::Click { x, y } => self.click(x, y),
            Action::ScrollUp { x, y } => self.wheel(x, y, -WHEEL),
            Action::ScrollDown { x, y } => self.wheel(x, y, WHEEL),
            Action::New
            | Action::Edit
            | Action::Delete
            | Action::Verify
            | Action::Undo
            | Action::Save
            | Action::AddRole
            | Action::RemoveRole
            | Action::Confirm
            | Action::TextEdit(_)
            | Action::DataChanged => return self.edit_action(action),
            Action::Resize { width, height } => {
                self.set_size(Rect::new(0, 0, width, height));
                self.fit_list();
                let h = self.facets_height();
                self.facets_mut().fit(h);
            }
        }
        None
    }

    fn update_popup(&mut self, action: Action) -> Option<Effect> {
        let copied = self.lang().strings().copied;
        let popup = self.popup_mut().as_mut()?;
        let delta = match action {
            Action::Up | Action::ScrollUp { .. } => -1,
            Action::Down | Action::ScrollDown { .. } => 1,
            Action::PageUp => -10,
            Action::PageDown => 10,
            _ => 0,
        };
        let chosen = matches!(action, Action::Open | Action::Copy);
        let copy = match popup {
            Popup::Help { scroll } | Popup::About { scroll } => {
                *scroll = scroll.saturating_add_signed(delta);
                None
            }
            Popup::Copy { items, selected } => {
                *selected = selected
                    .saturating_add_signed(delta)
                    .min(items.len().saturating_sub(1));
                // Enter on an empty menu just closes it.
                chosen.then(|| items.get(*selected).map(|(_, v)| v.clone()))
            }
            Popup::Link { url } => chosen.then(|| Some(url.clone())),
            // Handled in `update_nearby`, `update_book_popup` and `update_dashboard` before this
            // is reached.
            Popup::Nearby(_)
            | Popup::Dupes(_)
            | Popup::Links { .. }
            | Popup::Qr(_)
            | Popup::Dashboard(_)
            | Popup::Conflicts(_) => None,
        };
        if let Some(text) = copy {
            *self.popup_mut() = None;
            let text = text?;
            self.notify(format!("{copied}: {text}"));
            return Some(Effect::Copy(text));
        }
        if matches!(action, Action::Escape | Action::Help | Action::About) {
            *self.popup_mut() = None;
        }
        None
    }
}
