//! The search line (prompt, query, result count) and the kind tabs under it.

use crate::tui::app::{App, Focus, TABS};
use crate::tui::panes::tab_text;
use crate::tui::sanitize::{self, fit, width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// `› query▏            3/120`
pub fn render_line(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let t = app.theme();
    let s = app.lang().strings();
    let shown = app.results.shown();
    let count = if !app.results.index_complete() {
        format!(" {} ", s.loading_index)
    } else if app.results.current() && (shown.complete || shown.exact_page) {
        format!(" {}/{} ", shown.total, shown.index.len())
    } else {
        // The first page is in; the complete count follows.
        format!(" {}…/{} ", shown.total, shown.index.len())
    };
    let count_w = width(&count).min(usize::from(area.width) / 2);
    let avail = usize::from(area.width).saturating_sub(count_w + 3);
    let mut spans = vec![Span::styled("› ", t.prompt)];
    if app.query().is_empty() {
        if app.focus() == Focus::Search {
            spans.push(Span::styled(" ", t.selected_unfocused));
        }
        spans.push(Span::styled(
            fit(s.search_placeholder, avail.saturating_sub(1)),
            t.placeholder,
        ));
    } else {
        spans.extend(query_spans(app, avail));
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
    let cx = area.x + area.width.saturating_sub(count_w as u16);
    buf.set_stringn(cx, area.y, &count, count_w, t.note);
}

/// The query with the cursor cell, scrolled so the cursor stays in `avail` columns (a long
/// query shows its end while typing there). `clean` maps char to char, so the cursor's char
/// index holds in the cleaned text.
fn query_spans(app: &App, avail: usize) -> Vec<Span<'static>> {
    let t = app.theme();
    let chars: Vec<char> = sanitize::clean(app.query()).chars().collect();
    let c = app.query_cursor().min(chars.len());
    let focused = app.focus() == Focus::Search;
    let at = if focused {
        chars
            .get(c)
            .map_or_else(|| " ".to_string(), char::to_string)
    } else {
        String::new()
    };
    let after_start = if focused { (c + 1).min(chars.len()) } else { c };
    let mut before: String = chars[..c].iter().collect();
    while width(&before) + width(&at) > avail && !before.is_empty() {
        before.remove(0);
    }
    let mut room = avail.saturating_sub(width(&before) + width(&at));
    let mut after = String::new();
    for ch in &chars[after_start..] {
        let w = width(&ch.to_string());
        if w > room {
            break;
        }
        room -= w;
        after.push(*ch);
    }
    let mut spans = vec![Span::styled(before, t.base)];
    if focused {
        spans.push(Span::styled(at, t.selected_unfocused));
    }
    spans.push(Span::styled(after, t.base));
    spans
}

/// ` All │ Cities │ Communities …` with the active tab highlighted.
pub fn render_tabs(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.theme();
    let mut spans = Vec::new();
    for i in 0..TABS.len() {
        if i > 0 {
            spans.push(Span::styled("│", t.border));
        }
        let style = if i == app.tab() { t.tab_active } else { t.tab };
        spans.push(Span::styled(tab_text(app.lang(), i), style));
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}
