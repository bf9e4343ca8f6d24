//! The detail pane's lines for a width: the record's title and kind, its labelled fields
//! (wrapped), then its related records grouped, each selectable line tagged with its related
//! record. Composed here once, painted by `view/detail.rs`, and counted and hit-tested by
//! `update` (scrolling, clicks) without any drawing.

use crate::detail::{Detail, Field, Value};
use crate::i18n::{self, Lang};
use crate::tui::app::{App, Focus};
use crate::tui::layout::inner;
use crate::tui::sanitize::{clean, fit, width, wrap};
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Lines of the pane, with the related-record index of each selectable line.
pub(crate) struct Lines<'a> {
    pub(crate) lines: Vec<(Line<'a>, Option<usize>)>,
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

pub(crate) fn build<'a>(app: &App, d: &Detail, w: usize) -> Lines<'a> {
    build_upto(app, d, w, usize::MAX)
}

/// [`build`] stopping at `rows` lines, but never before the first related record: all a
/// pane scrolled to the top shows, and whether related records start below it. A city at
/// a million records has some 2,000 of them, and composing every line on each frame took
/// the drawing 3-7 ms.
fn build_upto<'a>(app: &App, d: &Detail, w: usize, rows: usize) -> Lines<'a> {
    let t = app.theme();
    let lang = app.lang();
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
    let focused = app.focus() == Focus::Detail;
    let mut index = 0;
    for (rel, items) in &d.related.groups {
        out.push(Line::default());
        let head = format!("{} ({})", i18n::relation_name(lang, *rel), items.len());
        out.push(Line::from(Span::styled(fit(&head, w), t.heading)));
        for r in items {
            if index > 0 && out.lines.len() >= rows {
                return out;
            }
            let selected = focused && index == app.cursor();
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

/// The pane's lines for `w` columns and `h` rows, and the first one shown. With the keyboard,
/// the pane scrolls so the selected related record is visible; a record without related
/// records scrolls by [`App::detail_scroll`] instead. Without the keyboard it shows the top,
/// and only the lines that fit are composed ([`build_upto`]).
pub(crate) fn shown<'a>(app: &App, d: &Detail, w: usize, h: usize) -> (Lines<'a>, usize) {
    if app.focus() != Focus::Detail {
        return (build_upto(app, d, w, h), 0);
    }
    let lines = build(app, d, w);
    let offset = scroll_offset(app, &lines, h);
    (lines, offset)
}

/// The first line shown in `h` rows with the keyboard (see [`shown`]).
fn scroll_offset(app: &App, lines: &Lines<'_>, h: usize) -> usize {
    let cursor_line = lines
        .lines
        .iter()
        .position(|(_, idx)| *idx == Some(app.cursor()));
    match cursor_line {
        Some(c) if c >= h => c + 1 - h,
        Some(_) => 0,
        None => app
            .detail()
            .scroll()
            .min(lines.lines.len().saturating_sub(h)),
    }
}

/// How many lines the detail pane `area` holds for the current record.
pub(crate) fn line_count(app: &App, area: Rect) -> usize {
    let r = inner(area);
    app.detail()
        .shown()
        .map_or(0, |d| build(app, d, r.width.into()).lines.len())
}

/// The related record (its index in [`App::related`]) on line `line` inside the pane `area`
/// (from [`crate::tui::layout::hit`]), as the pane is drawn with the current focus.
pub(crate) fn related_at(app: &App, area: Rect, line: usize) -> Option<usize> {
    let d = app.detail().shown()?;
    let r = inner(area);
    if r.width == 0 || line >= usize::from(r.height) {
        return None;
    }
    let (lines, offset) = shown(app, d, r.width.into(), usize::from(r.height));
    lines.lines.get(offset + line).and_then(|(_, idx)| *idx)
}
