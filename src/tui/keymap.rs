//! Keys → actions: one table ([`BINDINGS`]) read by both [`map_key`] and the help overlay.
//! Pure functions, no state changes.

use super::action::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind};

/// Where the keyboard is: decides which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Applies everywhere (checked last).
    Anywhere,
    /// The search line is focused: printable keys type.
    Search,
    /// The list, detail or filter pane is focused.
    Panes,
    /// A popup (help, about, copy menu, link) is open.
    Popup,
    /// An edit form, picker or kind menu is open: printable keys type into the focused input.
    Form,
    /// A yes/no question (delete, discard changes) is open.
    Confirm,
}

/// One key binding.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub scope: Scope,
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub action: Action,
    /// How the key is written in help and the status bar.
    pub label: &'static str,
}

const fn b(
    scope: Scope,
    code: KeyCode,
    mods: KeyModifiers,
    action: Action,
    label: &'static str,
) -> Binding {
    Binding {
        scope,
        code,
        mods,
        action,
        label,
    }
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

use super::query_line::LineEdit;
use KeyCode::{
    BackTab, Backspace, Char, Delete, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp,
    Right, Tab, Up,
};
use Scope::{Anywhere, Confirm, Form, Panes, Popup, Search};

const MAP_WEST: Action = Action::MapPan { east: -1, north: 0 };
const MAP_EAST: Action = Action::MapPan { east: 1, north: 0 };
const MAP_NORTH: Action = Action::MapPan { east: 0, north: 1 };
const MAP_SOUTH: Action = Action::MapPan { east: 0, north: -1 };

/// Every binding, in help order. Earlier entries win within a scope; scope-specific entries
/// win over [`Scope::Anywhere`].
pub const BINDINGS: &[Binding] = &[
    // The search line.
    b(Search, Enter, NONE, Action::Open, "Enter"),
    b(Search, Tab, NONE, Action::FocusNext, "Tab"),
    b(Search, Esc, NONE, Action::Escape, "Esc"),
    b(Search, Backspace, NONE, Action::DeleteChar, "Backspace"),
    b(Search, Char('w'), CTRL, Action::DeleteWord, "Ctrl-W"),
    b(Search, Char('u'), CTRL, Action::ClearQuery, "Ctrl-U"),
    b(Search, Left, NONE, Action::QueryEdit(LineEdit::Left), "←"),
    b(Search, Right, NONE, Action::QueryEdit(LineEdit::Right), "→"),
    b(
        Search,
        Left,
        CTRL,
        Action::QueryEdit(LineEdit::WordLeft),
        "Ctrl-←",
    ),
    b(
        Search,
        Right,
        CTRL,
        Action::QueryEdit(LineEdit::WordRight),
        "Ctrl-→",
    ),
    b(
        Search,
        Home,
        NONE,
        Action::QueryEdit(LineEdit::Start),
        "Home",
    ),
    b(
        Search,
        Char('a'),
        CTRL,
        Action::QueryEdit(LineEdit::Start),
        "Ctrl-A",
    ),
    b(Search, End, NONE, Action::QueryEdit(LineEdit::End), "End"),
    b(
        Search,
        Char('e'),
        CTRL,
        Action::QueryEdit(LineEdit::End),
        "Ctrl-E",
    ),
    b(
        Search,
        Delete,
        NONE,
        Action::QueryEdit(LineEdit::DeleteNext),
        "Del",
    ),
    // Panes.
    b(Panes, Char('j'), NONE, Action::Down, "j"),
    b(Panes, Char('k'), NONE, Action::Up, "k"),
    b(Panes, Char('g'), NONE, Action::Top, "g"),
    b(Panes, Char('G'), NONE, Action::Bottom, "G"),
    b(Panes, Home, NONE, Action::Top, "Home"),
    b(Panes, End, NONE, Action::Bottom, "End"),
    b(Panes, Enter, NONE, Action::Open, "Enter"),
    b(Panes, Char('l'), NONE, Action::Open, "l"),
    b(Panes, Backspace, NONE, Action::Back, "Backspace"),
    b(Panes, Char('h'), NONE, Action::Back, "h"),
    b(Panes, Tab, NONE, Action::FocusNext, "Tab"),
    b(Panes, BackTab, SHIFT, Action::FocusPrev, "Shift-Tab"),
    b(Panes, Char('/'), NONE, Action::FocusSearch, "/"),
    b(Panes, Esc, NONE, Action::Escape, "Esc"),
    b(Panes, Char(']'), NONE, Action::NextTab, "]"),
    b(Panes, Char('['), NONE, Action::PrevTab, "["),
    b(Panes, Char('f'), NONE, Action::ToggleFacets, "f"),
    b(Panes, Char('y'), NONE, Action::Copy, "y"),
    b(Panes, Char('o'), NONE, Action::OpenLink, "o"),
    b(Panes, Char('x'), NONE, Action::ExportResults, "x"),
    b(Panes, Char('?'), NONE, Action::Help, "?"),
    b(Panes, Char('a'), NONE, Action::About, "a"),
    b(Panes, Char('q'), NONE, Action::Quit, "q"),
    b(Panes, Char('n'), NONE, Action::New, "n"),
    b(Panes, Char('e'), NONE, Action::Edit, "e"),
    b(Panes, Char('d'), NONE, Action::Delete, "d"),
    b(Panes, Char('v'), NONE, Action::Verify, "v"),
    b(Panes, Char('u'), NONE, Action::Undo, "u"),
    // The map and nearby lists (src/tui/map.rs).
    b(Panes, Char('m'), NONE, Action::ToggleMap, "m"),
    b(Panes, Char('N'), NONE, Action::Nearby, "N"),
    b(Panes, Char('+'), NONE, Action::MapZoomIn, "+"),
    b(Panes, Char('='), NONE, Action::MapZoomIn, "="),
    b(Panes, Char('-'), NONE, Action::MapZoomOut, "-"),
    b(Panes, Char('H'), NONE, MAP_WEST, "H"),
    b(Panes, Char('L'), NONE, MAP_EAST, "L"),
    b(Panes, Char('K'), NONE, MAP_NORTH, "K"),
    b(Panes, Char('J'), NONE, MAP_SOUTH, "J"),
    b(Panes, Char('c'), NONE, Action::MapCentre, "c"),
    b(Panes, Char('0'), NONE, Action::MapReset, "0"),
    // The address book (src/tui/book.rs).
    b(Panes, Char('Q'), NONE, Action::ShowQr, "Q"),
    b(Panes, Char('D'), NONE, Action::Dupes, "D"),
    // The coverage dashboard (src/tui/dash.rs).
    b(Panes, Char('s'), NONE, Action::Dashboard, "s"),
    // Sharing (src/tui/share.rs).
    b(Panes, Char('S'), NONE, Action::ApplyBundles, "S"),
    b(Panes, Char('C'), NONE, Action::Conflicts, "C"),
    // Edit forms and pickers (other keys edit the focused input).
    b(Form, Tab, NONE, Action::FocusNext, "Tab"),
    b(Form, BackTab, SHIFT, Action::FocusPrev, "Shift-Tab"),
    b(Form, Enter, NONE, Action::Open, "Enter"),
    b(Form, Char('s'), CTRL, Action::Save, "Ctrl-S"),
    b(Form, Char('r'), CTRL, Action::AddRole, "Ctrl-R"),
    b(Form, Char('x'), CTRL, Action::RemoveRole, "Ctrl-X"),
    b(Form, Esc, NONE, Action::Escape, "Esc"),
    // Questions.
    b(Confirm, Char('y'), NONE, Action::Confirm, "y"),
    b(Confirm, Enter, NONE, Action::Confirm, "Enter"),
    b(Confirm, Char('n'), NONE, Action::Escape, "n"),
    b(Confirm, Esc, NONE, Action::Escape, "Esc"),
    // Popups.
    b(Popup, Esc, NONE, Action::Escape, "Esc"),
    b(Popup, Char('q'), NONE, Action::Escape, "q"),
    b(Popup, Char('?'), NONE, Action::Escape, "?"),
    b(Popup, Enter, NONE, Action::Open, "Enter"),
    b(Popup, Char('j'), NONE, Action::Down, "j"),
    b(Popup, Char('k'), NONE, Action::Up, "k"),
    b(Popup, Char('y'), NONE, Action::Copy, "y"),
    b(Popup, Char('+'), NONE, Action::RadiusUp, "+"),
    b(Popup, Char('='), NONE, Action::RadiusUp, "="),
    b(Popup, Char('-'), NONE, Action::RadiusDown, "-"),
    b(Popup, Left, NONE, Action::KeepLeft, "←"),
    b(Popup, Char('h'), NONE, Action::KeepLeft, "h"),
    b(Popup, Right, NONE, Action::KeepRight, "→"),
    b(Popup, Char('l'), NONE, Action::KeepRight, "l"),
    b(Popup, Char('m'), NONE, Action::MergePair, "m"),
    b(Popup, Tab, NONE, Action::FocusNext, "Tab"),
    b(Popup, BackTab, SHIFT, Action::FocusPrev, "Shift-Tab"),
    b(Popup, Char('s'), NONE, Action::Dashboard, "s"),
    b(Popup, Char('f'), NONE, Action::FlipConflict, "f"),
    // Everywhere.
    b(Anywhere, Char('c'), CTRL, Action::Quit, "Ctrl-C"),
    b(Anywhere, Down, NONE, Action::Down, "↓"),
    b(Anywhere, Up, NONE, Action::Up, "↑"),
    b(Anywhere, Char('n'), CTRL, Action::Down, "Ctrl-N"),
    b(Anywhere, Char('p'), CTRL, Action::Up, "Ctrl-P"),
    b(Anywhere, PageDown, NONE, Action::PageDown, "PgDn"),
    b(Anywhere, PageUp, NONE, Action::PageUp, "PgUp"),
    b(Anywhere, Left, ALT, Action::Back, "Alt-←"),
    b(Anywhere, Right, NONE, Action::FocusNext, "→"),
    b(Anywhere, Left, NONE, Action::FocusPrev, "←"),
    b(Anywhere, Char('t'), CTRL, Action::NextTab, "Ctrl-T"),
    b(Anywhere, Char('f'), CTRL, Action::ToggleFacets, "Ctrl-F"),
    b(Anywhere, Char('y'), CTRL, Action::Copy, "Ctrl-Y"),
    b(Anywhere, Char('o'), CTRL, Action::OpenLink, "Ctrl-O"),
    b(Anywhere, F(1), NONE, Action::Help, "F1"),
];

/// Whether `event` presses `binding`'s key. Shift is ignored for characters (it is in the char).
fn matches(binding: &Binding, event: &KeyEvent) -> bool {
    if binding.code != event.code {
        return false;
    }
    let mods = if matches!(event.code, Char(_) | BackTab) {
        event.modifiers - SHIFT
    } else {
        event.modifiers
    };
    let want = if matches!(binding.code, BackTab) {
        binding.mods - SHIFT
    } else {
        binding.mods
    };
    mods == want
}

/// The action for a key press in `scope`, if any. Printable keys on the search line type.
pub fn map_key(event: &KeyEvent, scope: Scope) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let own = BINDINGS
        .iter()
        .filter(|b| b.scope == scope)
        .find(|b| matches(b, event));
    if let Some(b) = own {
        return Some(b.action);
    }
    if scope == Search
        && let Char(c) = event.code
        && (event.modifiers - SHIFT).is_empty()
    {
        return Some(Action::Input(c));
    }
    if scope == Form
        && let Some(req) =
            tui_input::backend::crossterm::to_input_request(&crossterm::event::Event::Key(*event))
    {
        return Some(Action::TextEdit(req));
    }
    BINDINGS
        .iter()
        .filter(|b| b.scope == Anywhere)
        .find(|b| matches(b, event))
        .map(|b| b.action)
}

/// The action for a mouse event, if any.
pub fn map_mouse(event: &MouseEvent) -> Option<Action> {
    let (x, y) = (event.column, event.row);
    match event.kind {
        MouseEventKind::Down(crossterm::event::MouseButton::Left) => Some(Action::Click { x, y }),
        MouseEventKind::Drag(crossterm::event::MouseButton::Left) => Some(Action::Drag { x, y }),
        MouseEventKind::ScrollUp => Some(Action::ScrollUp { x, y }),
        MouseEventKind::ScrollDown => Some(Action::ScrollDown { x, y }),
        _ => None,
    }
}

/// The first key label bound to `action` in `scope` (or anywhere), for the status bar.
pub fn label_for(action: Action, scope: Scope) -> Option<&'static str> {
    BINDINGS
        .iter()
        .filter(|b| b.scope == scope || b.scope == Anywhere)
        .find(|b| b.action == action)
        .map(|b| b.label)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn typing_on_the_search_line_types_even_vim_keys() {
        assert_eq!(
            map_key(&key(Char('j'), NONE), Search),
            Some(Action::Input('j'))
        );
        assert_eq!(
            map_key(&key(Char('Q'), SHIFT), Search),
            Some(Action::Input('Q'))
        );
        assert_eq!(
            map_key(&key(Char('q'), NONE), Search),
            Some(Action::Input('q'))
        );
        assert_eq!(map_key(&key(Char('c'), CTRL), Search), Some(Action::Quit));
        assert_eq!(map_key(&key(Char('n'), CTRL), Search), Some(Action::Down));
        assert_eq!(map_key(&key(Down, NONE), Search), Some(Action::Down));
        assert_eq!(map_key(&key(Enter, NONE), Search), Some(Action::Open));
    }

    #[test]
    fn panes_use_vim_keys_and_q_quits() {
        assert_eq!(map_key(&key(Char('j'), NONE), Panes), Some(Action::Down));
        assert_eq!(map_key(&key(Char('G'), SHIFT), Panes), Some(Action::Bottom));
        assert_eq!(map_key(&key(Char('q'), NONE), Panes), Some(Action::Quit));
        assert_eq!(
            map_key(&key(Char('/'), NONE), Panes),
            Some(Action::FocusSearch)
        );
        assert_eq!(map_key(&key(Left, ALT), Panes), Some(Action::Back));
        assert_eq!(
            map_key(&key(BackTab, SHIFT), Panes),
            Some(Action::FocusPrev)
        );
        assert_eq!(map_key(&key(Char('c'), CTRL), Popup), Some(Action::Quit));
        assert_eq!(map_key(&key(Char('z'), NONE), Panes), None);
    }

    #[test]
    fn releases_are_ignored() {
        let mut k = key(Char('q'), NONE);
        k.kind = KeyEventKind::Release;
        assert_eq!(map_key(&k, Panes), None);
    }

    #[test]
    fn every_binding_has_help_in_both_languages() {
        use crate::i18n::Lang;
        for b in BINDINGS {
            assert!(!super::super::action::help(Lang::En, b.action).is_empty());
            assert!(!super::super::action::help(Lang::Id, b.action).is_empty());
        }
    }
}
