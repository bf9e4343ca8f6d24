//! The status bar: the last message, or the keys that apply where the keyboard is now.

use crate::tui::action::{Action, hint};
use crate::tui::app::{App, Focus};
use crate::tui::keymap::{Scope, label_for};
use crate::tui::sanitize::{fit, width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// The actions worth showing for the current scope, most useful first.
fn hints(app: &App) -> &'static [Action] {
    let contact_form = app.edit().picker().is_none()
        && app.edit().menu().is_none()
        && app
            .edit()
            .form()
            .is_some_and(|f| f.kind == crate::model::Kind::Contact);
    match (app.scope(), app.focus()) {
        (Scope::Popup, _) => &[Action::Open, Action::Escape],
        (Scope::Form, _) if contact_form => &[
            Action::FocusNext,
            Action::Save,
            Action::Open,
            Action::AddRole,
            Action::RemoveRole,
            Action::Escape,
        ],
        (Scope::Form, _) => &[
            Action::FocusNext,
            Action::Save,
            Action::Open,
            Action::Escape,
        ],
        (Scope::Confirm, _) => &[Action::Confirm, Action::Escape],
        (Scope::Search, _) => &[
            Action::Down,
            Action::Open,
            Action::FocusNext,
            Action::NextTab,
            Action::ToggleFacets,
            Action::Back,
            Action::Help,
            Action::Quit,
        ],
        (_, Focus::Detail) => &[
            Action::Down,
            Action::Open,
            Action::Back,
            Action::Edit,
            Action::Verify,
            Action::Help,
            Action::Quit,
            Action::Copy,
            Action::OpenLink,
            Action::FocusSearch,
        ],
        (_, Focus::Facets) => &[Action::Down, Action::Open, Action::Escape, Action::Help],
        _ => &[
            Action::Down,
            Action::Open,
            Action::Back,
            Action::FocusSearch,
            Action::New,
            Action::Edit,
            Action::Delete,
            Action::Help,
            Action::Quit,
            Action::Undo,
            Action::ToggleFacets,
            Action::Copy,
        ],
    }
}

/// Draws the status bar.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let t = app.theme();
    let w = usize::from(area.width);
    if let Some((msg, err)) = app.status() {
        let style = if err { t.error } else { t.message };
        buf.set_stringn(area.x, area.y, fit(msg, w), w, style);
        return;
    }
    let scope = app.scope();
    let mut spans = Vec::new();
    let mut used = 0;
    // Bundles waiting in the sync folder come first: they are news, the keys are not.
    let waiting = app.share().waiting();
    if waiting > 0
        && matches!(scope, Scope::Search | Scope::Panes)
        && let Some(key) = label_for(Action::ApplyBundles, Scope::Panes)
    {
        let note = crate::i18n::ShareMsg::Waiting { n: waiting, key }.text(app.lang());
        let note = format!("{}  ", fit(&note, w));
        used += width(&note);
        spans.push(Span::styled(note, t.status_key));
    }
    for action in hints(app) {
        let Some(key) = label_for(*action, scope) else {
            continue;
        };
        let text = crate::tui::edit::view::scoped_help(app.lang(), scope, *action, true)
            .unwrap_or_else(|| hint(app.lang(), *action));
        let need = width(key) + 1 + width(text) + 2;
        if used + need > w {
            break;
        }
        spans.push(Span::styled(key, t.status_key));
        spans.push(Span::styled(format!(" {text}  "), t.status));
        used += need;
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}
