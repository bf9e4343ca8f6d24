//! Drawing the sync conflicts popup: one line per conflict (record, field, the value kept
//! and the other), newest first, and the key that flips the selected one.

use super::draw_lines;
use crate::i18n::ShareMsg;
use crate::tui::app::App;
use crate::tui::keymap::{Scope, label_for};
use crate::tui::sanitize::fit;
use crate::tui::share::{ConflictsView, shown_value};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// Draws the conflicts popup over `area` (above the status bar).
pub fn render_conflicts(app: &App, view: &ConflictsView, area: Rect, buf: &mut Buffer) {
    let t = app.theme();
    let lang = app.lang();
    let title = format!(
        " {} ",
        ShareMsg::ConflictsTitle { n: view.rows.len() }.text(lang)
    );
    let Some((r, w)) = super::list_popup(t, &title, area, buf) else {
        return;
    };
    let key = label_for(crate::tui::action::Action::FlipConflict, Scope::Popup).unwrap_or("f");
    let mut lines = vec![Line::from(Span::styled(
        fit(&ShareMsg::FlipHint { key }.text(lang), w),
        t.note,
    ))];
    if view.rows.is_empty() {
        lines.push(Line::from(Span::styled(
            fit(&ShareMsg::NoConflicts.text(lang), w),
            t.note,
        )));
    }
    let rows = usize::from(r.height).saturating_sub(1).max(1);
    let first = view.selected.saturating_sub(rows.saturating_sub(1));
    for (i, row) in view.rows.iter().enumerate().skip(first).take(rows) {
        let c = &row.conflict;
        let text = ShareMsg::ConflictRow {
            record: &row.name,
            field: &c.field,
            winner: &shown_value(&c.winner_value),
            loser: &shown_value(&c.loser_value),
            flipped: c.flipped,
        }
        .text(lang);
        let style = if i == view.selected {
            t.selected
        } else {
            t.base
        };
        lines.push(Line::from(Span::styled(fit(&text, w), style)).style(style));
    }
    draw_lines(&lines, r, buf);
}
