//! The detail pane: the record's title and kind, its labelled fields (wrapped to the pane),
//! then its related records grouped, with the selected one highlighted when focused.

use super::pane;
use crate::detail::{Detail, Field, Value};
use crate::i18n::{self, Lang};
use crate::tui::app::{App, Focus};
use crate::tui::layout::inner;
use crate::tui::sanitize::{clean, fit, width, wrap};
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// Lines of the pane, with the related-record index of each selectable line.
struct Lines<'a> {
    lines: Vec<(Line<'a>, Option<usize>)>,
    width: usize,
}

impl<'a> Lines<'a> {
    fn push(&mut self, line: Line<'a>) {
        self.lines.push((line, None));
    }

    /// A labelled value: the label in a column when there is room, else on its own line.
    fn field(&mut self, label: &str, label_w: usize, value: &[String], style: Style, t: &Theme) {
        let side = self.width >= 36;
        let col = if side { label_w + 2 } else { 2 };
        let value_w = self.width.saturating_sub(col).max(1);
        let mut rows: Vec<String> = Vec::new();
        for v in value {
            rows.extend(wrap(v, value_w));
        }
        if side {
            for (i, row) in rows.into_iter().enumerate() {
                let head = if i == 0 {
                    let pad = label_w.saturating_sub(width(label));
                    format!("{label}{}  ", " ".repeat(pad))
                } else {
                    " ".repeat(col)
                };
                self.push(Line::from(vec![
                    Span::styled(head, t.label),
                    Span::styled(row, style),
                ]));
            }
        } else {
            self.push(Line::from(Span::styled(fit(label, self.width), t.label)));
            for row in rows {
                self.push(Line::from(vec![Span::raw("  "), Span::styled(row, style)]));
            }
        }
    }
}

fn value_style(v: &Value, t: &Theme) -> Style {
    match v {
        Value::Verified { stale: true, .. } => t.stale,
        Value::Phone { whatsapp: true, .. } => t.whatsapp,
        _ => t.base,
    }
}

fn value_rows(f: Field, v: &Value, lang: Lang) -> Vec<String> {
    match (f, v) {
        (Field::Sources, Value::List(items)) => items.iter().map(|s| format!("• {s}")).collect(),
        (_, Value::Text(text)) => text.split('\n').map(String::from).collect(),
        _ => vec![v.text(lang)],
    }
}

fn build<'a>(app: &App, d: &Detail, w: usize) -> Lines<'a> {
    let t = &app.theme;
    let lang = app.lang;
    let mut out = Lines {
        lines: Vec::new(),
        width: w,
    };
    for row in wrap(&d.title, w) {
        out.push(Line::from(Span::styled(row, t.title)));
    }
    out.push(Line::from(Span::styled(
        fit(i18n::kind_name(lang, d.kind), w),
        t.kind_tag,
    )));
    out.push(Line::default());
    let label_w = d
        .fields
        .iter()
        .map(|(f, _)| width(i18n::field_label(lang, *f)))
        .max()
        .unwrap_or(0)
        .min(w / 3);
    for (f, v) in &d.fields {
        let label = fit(i18n::field_label(lang, *f), label_w);
        out.field(
            &label,
            label_w,
            &value_rows(*f, v, lang),
            value_style(v, t),
            t,
        );
    }
    let focused = app.focus == Focus::Detail;
    let mut index = 0;
    for (rel, items) in &d.related.groups {
        out.push(Line::default());
        let head = format!("{} ({})", i18n::relation_name(lang, *rel), items.len());
        out.push(Line::from(Span::styled(fit(&head, w), t.heading)));
        for r in items {
            let selected = focused && index == app.cursor;
            let style = if selected { t.selected } else { t.base };
            let mut text = format!("  {}", clean(&r.name));
            if let Some(note) = r.note.as_deref().filter(|n| !n.is_empty()) {
                text = format!("{text} — {}", clean(note));
            }
            let mut line = Line::from(Span::styled(fit(&text, w), style));
            if selected {
                line = line.style(style);
            }
            out.lines.push((line, Some(index)));
            index += 1;
        }
    }
    out
}

/// The first line shown in `h` rows. With the keyboard, the pane scrolls so the selected
/// related record is visible; a record without related records scrolls by
/// [`App::detail_scroll`] instead. Without the keyboard it shows the top.
fn scroll_offset(app: &App, lines: &Lines<'_>, h: usize) -> usize {
    if app.focus != Focus::Detail {
        return 0;
    }
    let cursor_line = lines
        .lines
        .iter()
        .position(|(_, idx)| *idx == Some(app.cursor));
    match cursor_line {
        Some(c) if c >= h => c + 1 - h,
        Some(_) => 0,
        None => app.detail_scroll.min(lines.lines.len().saturating_sub(h)),
    }
}

/// How many lines the detail pane `area` holds for the current record.
pub fn line_count(app: &App, area: Rect) -> usize {
    let r = inner(area);
    app.detail
        .as_ref()
        .map_or(0, |d| build(app, d, r.width.into()).lines.len())
}

/// The related record (its index in [`App::related`]) drawn on screen row `y` of the pane
/// `area`, as the pane would be drawn with the current focus (for mouse clicks).
pub fn related_at(app: &App, area: Rect, y: u16) -> Option<usize> {
    let d = app.detail.as_ref()?;
    let r = inner(area);
    if r.width == 0 || y < r.y || y >= r.y + r.height {
        return None;
    }
    let lines = build(app, d, r.width.into());
    let offset = scroll_offset(app, &lines, usize::from(r.height));
    lines
        .lines
        .get(offset + usize::from(y - r.y))
        .and_then(|(_, idx)| *idx)
}

/// Draws the detail pane.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let words = app.lang.strings();
    pane(
        app,
        Line::from(format!(" {} ", words.detail)),
        Focus::Detail,
    )
    .render(area, buf);
    let r = inner(area);
    if r.width == 0 || r.height == 0 {
        return;
    }
    let Some(d) = &app.detail else {
        for (i, line) in wrap(words.nothing_selected, r.width.into())
            .iter()
            .take(r.height.into())
            .enumerate()
        {
            buf.set_stringn(r.x, r.y + i as u16, line, r.width.into(), app.theme.note);
        }
        return;
    };
    let lines = build(app, d, r.width.into());
    let h = usize::from(r.height);
    let offset = scroll_offset(app, &lines, h);
    for (i, (line, _)) in lines.lines.iter().skip(offset).take(h).enumerate() {
        let y = r.y + i as u16;
        if line.style != Style::default() {
            buf.set_style(Rect::new(r.x, y, r.width, 1), line.style);
        }
        buf.set_line(r.x, y, line, r.width);
    }
    // A preview whose related records start below the fold says so on its last line.
    let first_related = lines.lines.iter().position(|(_, idx)| idx.is_some());
    if app.focus != Focus::Detail && h >= 3 && first_related.is_some_and(|f| f >= offset + h - 1) {
        let y = r.y + r.height - 1;
        let text = format!("↓ {}", words.related_below);
        buf.set_style(Rect::new(r.x, y, r.width, 1), app.theme.base);
        buf.set_line(
            r.x,
            y,
            &Line::from(Span::styled(fit(&text, r.width.into()), app.theme.note)),
            r.width,
        );
    }
}
