//! Editing the search line: cursor moves and deletions, applied through `tui-input`'s
//! [`Input`] (which keeps the text, the cursor as a char index, and a kill buffer).

use super::action::Action;
use super::app::App;
use super::panes::Focus;
use crate::i18n::Lang;
use tui_input::{Input, InputRequest};

/// A cursor move or deletion on the search line (the keys are in the key map).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEdit {
    /// One character left.
    Left,
    /// One character right; at the end of the line, focus the next pane.
    Right,
    /// One word left.
    WordLeft,
    /// One word right.
    WordRight,
    /// To the start of the line.
    Start,
    /// To the end of the line.
    End,
    /// Delete the character under the cursor.
    DeleteNext,
}

/// The help text for a line edit in `lang`.
pub fn help(lang: Lang, edit: LineEdit) -> &'static str {
    let en = lang == Lang::En;
    let pick = |e: &'static str, i: &'static str| if en { e } else { i };
    match edit {
        LineEdit::Left => pick("cursor left", "kursor ke kiri"),
        LineEdit::Right => pick(
            "cursor right (at the end: next pane)",
            "kursor ke kanan (di ujung: panel berikutnya)",
        ),
        LineEdit::WordLeft => pick("one word left", "satu kata ke kiri"),
        LineEdit::WordRight => pick("one word right", "satu kata ke kanan"),
        LineEdit::Start => pick("start of the line", "awal baris"),
        LineEdit::End => pick("end of the line", "akhir baris"),
        LineEdit::DeleteNext => pick(
            "delete the letter under the cursor",
            "hapus huruf di kursor",
        ),
    }
}

/// The search line: text, cursor (a char index) and kill buffer.
#[derive(Debug, Default)]
pub struct QueryLine {
    input: Input,
}

impl QueryLine {
    /// The text as typed.
    pub fn text(&self) -> &str {
        self.input.value()
    }

    /// The cursor, as a char index.
    pub fn cursor(&self) -> usize {
        self.input.cursor()
    }

    /// Replaces the text; the cursor goes to the end.
    pub(crate) fn set(&mut self, text: String) {
        self.input = Input::new(text);
    }

    /// Whether the cursor is past the last character.
    fn at_end(&self) -> bool {
        self.input.cursor() >= self.text().chars().count()
    }

    /// Applies `req`; true when the text changed.
    fn handle(&mut self, req: InputRequest) -> bool {
        self.input.handle(req).is_some_and(|c| c.value)
    }
}

impl App {
    /// The query line as typed.
    pub fn query(&self) -> &str {
        self.search().line().text()
    }

    /// The cursor on the query line, as a char index.
    pub fn query_cursor(&self) -> usize {
        self.search().line().cursor()
    }

    /// Replaces the query line (history, facet toggles); the cursor goes to the end.
    pub(crate) fn set_query(&mut self, text: String) {
        self.search_mut().line_mut().set(text);
    }

    /// Applies a text-changing action of the search line; re-runs the search if the text
    /// changed. Returns false for actions that are not line edits.
    pub(crate) fn edit_line(&mut self, action: Action) -> bool {
        let req = match action {
            Action::Input(c) => InputRequest::InsertChar(c),
            Action::DeleteChar => InputRequest::DeletePrevChar,
            Action::DeleteWord => InputRequest::DeletePrevWord,
            Action::ClearQuery => InputRequest::DeleteLine,
            Action::QueryEdit(e) => match e {
                LineEdit::Left => InputRequest::GoToPrevChar,
                LineEdit::Right if self.search().line().at_end() => {
                    self.set_focus(Focus::List);
                    return true;
                }
                LineEdit::Right => InputRequest::GoToNextChar,
                LineEdit::WordLeft => InputRequest::GoToPrevWord,
                LineEdit::WordRight => InputRequest::GoToNextWord,
                LineEdit::Start => InputRequest::GoToStart,
                LineEdit::End => InputRequest::GoToEnd,
                LineEdit::DeleteNext => InputRequest::DeleteNextChar,
            },
            _ => return false,
        };
        if self.search_mut().line_mut().handle(req) {
            self.query_changed();
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_edit_has_help_in_both_languages() {
        for e in [
            LineEdit::Left,
            LineEdit::Right,
            LineEdit::WordLeft,
            LineEdit::WordRight,
            LineEdit::Start,
            LineEdit::End,
            LineEdit::DeleteNext,
        ] {
            assert!(!help(Lang::En, e).is_empty());
            assert!(!help(Lang::Id, e).is_empty());
        }
    }
}
