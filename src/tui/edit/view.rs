//! Drawing the editing screens over the panes: the form (one labelled input per field, the
//! problem under a field, the normalised value under the focused one), the picker, the kind
//! menu and the yes/no questions. Only borrows the state.

use super::Confirm;
use super::form::{Field, Form, FormField};
use super::picker::Picker;
use crate::i18n::{self, Lang};
use crate::model::Kind;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Scope;
use crate::tui::layout::centred;
use crate::tui::sanitize::{clean, fit, width, wrap};
use crate::tui::theme::Theme;
use crate::tui::view::draw_lines;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};
use unicode_width::UnicodeWidthChar;

/// What a key does in the form and question scopes, where the shared action words would
/// mislead (Tab is "next field", not "next pane"). `short` gives the status-bar word.
pub(crate) fn scoped_help(
    lang: Lang,
    scope: Scope,
    action: Action,
    short: bool,
) -> Option<&'static str> {
    let s = lang.edit();
    let pick = |long: &'static str, brief: &'static str| Some(if short { brief } else { long });
    match (scope, action) {
        (Scope::Form, Action::FocusNext) => pick(s.k_next_field, s.h_next),
        (Scope::Form, Action::FocusPrev) => pick(s.k_prev_field, s.h_next),
        (Scope::Form, Action::Open) => pick(s.k_enter, s.h_enter),
        (Scope::Form, Action::Save) => pick(s.k_save, s.save_button),
        (Scope::Form, Action::Escape) => pick(s.k_cancel, s.h_cancel),
        (Scope::Confirm, Action::Confirm) => Some(s.k_yes),
        (Scope::Confirm, Action::Escape) => pick(s.k_no, s.h_no),
        _ => None,
    }
}

/// Draws whatever editing screen is open (nothing when none is).
pub(crate) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    // The last row stays the status bar, which lists the keys that apply.
    let area = Rect::new(area.x, area.y, area.width, area.height.saturating_sub(1));
    let e = app.edit();
    if let Some(form) = &e.form {
        render_form(app, form, area, buf);
    }
    if let Some(p) = &e.picker {
        render_picker(app, p, area, buf);
    }
    if let Some(sel) = e.menu {
        render_menu(app, sel, area, buf);
    }
    if let Some(c) = &e.confirm {
        render_confirm(app, c, area, buf);
    }
}

/// A cleared, bordered box with a title; returns its inside (`None` when too small).
fn framed(t: &Theme, title: &str, r: Rect, buf: &mut Buffer) -> Option<Rect> {
    if r.width < 4 || r.height < 3 {
        return None;
    }
    Clear.render(r, buf);
    buf.set_style(r, t.base);
    let inner_w = usize::from(r.width - 2);
    Block::bordered()
        .border_style(t.border_focused)
        .title(Line::from(format!(" {} ", fit(title, inner_w.saturating_sub(2)))).style(t.title))
        .render(r, buf);
    Some(Rect::new(r.x + 1, r.y + 1, r.width - 2, r.height - 2))
}

/// The visible part of an input's text in `w` columns, and the cursor column within it.
fn input_view(value: &str, visual_cursor: usize, w: usize) -> (String, usize) {
    let shown = clean(value);
    let scroll = visual_cursor.saturating_sub(w.saturating_sub(1));
    let mut skipped = 0;
    let mut out = String::new();
    let mut used = 0;
    for c in shown.chars() {
        let cw = c.width().unwrap_or(0);
        if skipped < scroll {
            skipped += cw;
            continue;
        }
        if used + cw > w {
            break;
        }
        used += cw;
        out.push(c);
    }
    (out, visual_cursor.saturating_sub(skipped))
}

fn form_title(lang: Lang, form: &Form) -> String {
    let s = lang.edit();
    let kind = i18n::kind_name(lang, form.kind);
    match &form.original {
        Some(r) => format!("{} {kind}: {}", s.edit_title, r.name()),
        None => format!("{} {kind}", s.new_title),
    }
}

/// A field's label: `*` marks the required name; a contact's second and further roles are
/// numbered ("Role 2", "Role since 2").
fn label_text(f: &FormField, lang: Lang) -> String {
    let mark = if f.key == Field::Name { "*" } else { "" };
    if f.role > 0 {
        format!("{}{mark} {}", f.key.label(lang), f.role + 1)
    } else {
        format!("{}{mark}", f.key.label(lang))
    }
}

/// One field's lines; the cursor column on the first line when the field is focused.
fn field_lines(
    app: &App,
    f: &FormField,
    focused: bool,
    label_w: usize,
    value_w: usize,
) -> (Vec<Line<'static>>, Option<usize>) {
    let t = app.theme();
    let s = app.lang().edit();
    let label = fit(&label_text(f, app.lang()), label_w);
    let pad = " ".repeat(label_w.saturating_sub(width(&label)) + 1);
    let label_style = if focused {
        t.selected
    } else if f.problem.is_some() {
        t.error
    } else {
        t.label
    };
    let mut cursor = None;
    let value = if f.key.pick().is_some() {
        let text = f.picked.as_ref().map_or(s.pick_none, |p| p.label.as_str());
        let style = if f.picked.is_some() {
            t.base
        } else {
            t.placeholder
        };
        Span::styled(fit(&format!("▸ {text}"), value_w), style)
    } else {
        let at = if focused { f.input.visual_cursor() } else { 0 };
        let (shown, col) = input_view(f.input.value(), at, value_w);
        if focused {
            cursor = Some(label_w + 1 + col);
        }
        Span::styled(shown, t.base)
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(label, label_style),
        Span::raw(pad),
        value,
    ])];
    let indent = " ".repeat(label_w + 1);
    if let Some(p) = f.problem {
        lines.push(Line::from(vec![
            Span::raw(indent.clone()),
            Span::styled(fit(&format!("✗ {}", p.message(s)), value_w), t.error),
        ]));
    } else if focused && let Some(n) = &f.note {
        lines.push(Line::from(vec![
            Span::raw(indent),
            Span::styled(fit(&format!("→ {n}"), value_w), t.note),
        ]));
    }
    (lines, cursor)
}

fn button(label: &str, focused: bool, t: &Theme) -> Span<'static> {
    let style = if focused { t.selected } else { t.status_key };
    Span::styled(format!("[ {label} ]"), style)
}

fn render_form(app: &App, form: &Form, area: Rect, buf: &mut Buffer) {
    let t = app.theme();
    let s = app.lang().edit();
    let Some(inner) = framed(t, &form_title(app.lang(), form), area, buf) else {
        return;
    };
    let cols = usize::from(inner.width);
    let longest = form
        .fields
        .iter()
        .map(|f| width(&label_text(f, app.lang())) + 1)
        .max()
        .unwrap_or(8);
    let label_w = longest.min(cols / 3).max(1);
    let value_w = cols.saturating_sub(label_w + 1).max(1);
    let mut lines: Vec<Line> = Vec::new();
    let mut focus_span = (0, 0);
    let mut cursor = None;
    for (i, f) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let (l, c) = field_lines(app, f, focused, label_w, value_w);
        if focused {
            focus_span = (lines.len(), lines.len() + l.len() - 1);
            cursor = c.map(|x| (lines.len(), x));
        }
        lines.extend(l);
    }
    lines.push(Line::default());
    if form.on_save() || form.on_cancel() {
        focus_span = (lines.len(), lines.len());
    }
    lines.push(Line::from(vec![
        button(s.save_button, form.on_save(), t),
        Span::raw("  "),
        button(s.cancel_button, form.on_cancel(), t),
    ]));
    let rows_h = usize::from(inner.height);
    let offset = (focus_span.1 + 1).saturating_sub(rows_h).min(focus_span.0);
    let visible: Vec<Line> = lines.into_iter().skip(offset).take(rows_h).collect();
    draw_lines(&visible, inner, buf);
    if let Some((row, col)) = cursor
        && row >= offset
        && row - offset < rows_h
        && col < cols
        && app.edit().picker().is_none()
    {
        let pos = (inner.x + col as u16, inner.y + (row - offset) as u16);
        buf[pos].set_style(Style::default().add_modifier(Modifier::REVERSED));
    }
}

fn render_picker(app: &App, picker: &Picker, area: Rect, buf: &mut Buffer) {
    let t = app.theme();
    let s = app.lang().edit();
    let title = match picker.pick {
        super::form::Pick::City => s.pick_city,
        super::form::Pick::Records(_) => s.pick_record,
    };
    let want_h = (picker.rows.len() + 4).min(16) as u16;
    let r = centred(area, 60, want_h.max(6));
    let Some(inner) = framed(t, title, r, buf) else {
        return;
    };
    let cols = usize::from(inner.width);
    let (shown, col) = input_view(
        picker.input.value(),
        picker.input.visual_cursor(),
        cols.saturating_sub(2),
    );
    let mut lines = vec![Line::from(vec![
        Span::styled("› ", t.prompt),
        Span::styled(shown, t.base),
    ])];
    let list_h = usize::from(inner.height).saturating_sub(1);
    let offset = (picker.selected + 1).saturating_sub(list_h);
    let none = Line::from(Span::styled(s.pick_clear, t.placeholder));
    let mut rows: Vec<Line> = vec![none];
    for row in &picker.rows {
        let mut spans = Vec::new();
        if row.kind != Kind::City {
            spans.push(Span::styled(
                format!("{} ", i18n::kind_tag(app.lang(), row.kind)),
                t.kind_tag,
            ));
        }
        let name = fit(&row.name, cols.saturating_sub(4));
        let rest = cols.saturating_sub(width(&name) + 6);
        spans.push(Span::raw(name));
        if let Some(n) = &row.note
            && rest > 3
        {
            spans.push(Span::styled(format!("  {}", fit(n, rest)), t.note));
        }
        rows.push(Line::from(spans));
    }
    if picker.rows.is_empty() && !picker.input.value().trim().is_empty() {
        rows.push(Line::from(Span::styled(s.pick_empty, t.note)));
    }
    for (i, mut line) in rows.into_iter().enumerate().skip(offset).take(list_h) {
        if i == picker.selected {
            line = line.style(t.selected);
        }
        lines.push(line);
    }
    draw_lines(&lines, inner, buf);
    let x = 2 + col;
    if x < cols {
        buf[(inner.x + x as u16, inner.y)]
            .set_style(Style::default().add_modifier(Modifier::REVERSED));
    }
}

fn render_menu(app: &App, sel: usize, area: Rect, buf: &mut Buffer) {
    let t = app.theme();
    let r = centred(area, 30, Kind::EDITABLE.len() as u16 + 2);
    let Some(inner) = framed(t, app.lang().edit().kind_menu_title, r, buf) else {
        return;
    };
    for (i, kind) in Kind::EDITABLE.iter().enumerate() {
        let style = if i == sel { t.selected } else { t.base };
        let line = Line::from(format!("{} {}", i + 1, i18n::kind_name(app.lang(), *kind)));
        let y = inner.y + i as u16;
        if y < inner.y + inner.height {
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
            buf.set_line(inner.x, y, &line.style(style), inner.width);
        }
    }
}

fn confirm_lines(app: &App, c: &Confirm, w: usize) -> (String, Vec<Line<'static>>) {
    let t = app.theme();
    let s = app.lang().edit();
    let mut lines = Vec::new();
    let title = match c {
        Confirm::Delete {
            kind, name, report, ..
        } => {
            for l in wrap(name, w) {
                lines.push(Line::from(Span::styled(l, t.title)));
            }
            lines.push(Line::default());
            if report.is_empty() {
                lines.push(Line::from(Span::styled(s.delete_no_links, t.note)));
            } else {
                lines.push(Line::from(Span::styled(s.delete_links, t.heading)));
            }
            for r in &report.roles {
                let role = r.note.as_deref().unwrap_or_default();
                let text = format!("• {} ({role}): {}", r.name, s.delete_role);
                lines.extend(wrap(&text, w).into_iter().map(Line::from));
            }
            for r in &report.unlinked {
                let tag = i18n::kind_tag(app.lang(), r.kind);
                let text = format!("• {tag} {}: {}", r.name, s.delete_unlinked);
                lines.extend(wrap(&text, w).into_iter().map(Line::from));
            }
            format!("{} {}?", s.delete_title, i18n::kind_name(app.lang(), *kind))
        }
        Confirm::Discard => {
            lines.extend(wrap(s.discard_question, w).into_iter().map(Line::from));
            s.discard_question.to_string()
        }
    };
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(s.confirm_keys, t.status_key)));
    (title, lines)
}

fn render_confirm(app: &App, c: &Confirm, area: Rect, buf: &mut Buffer) {
    let w = area.width.min(64);
    let (title, lines) = confirm_lines(app, c, usize::from(w.saturating_sub(2)).max(1));
    let r = centred(area, w, lines.len() as u16 + 2);
    let Some(inner) = framed(app.theme(), &title, r, buf) else {
        return;
    };
    let h = usize::from(inner.height);
    if lines.len() > h && h > 0 {
        // Keep the question's keys visible when the list of links is long.
        let mut cut: Vec<Line> = lines[..h - 1].to_vec();
        cut.push(lines[lines.len() - 1].clone());
        draw_lines(&cut, inner, buf);
    } else {
        draw_lines(&lines, inner, buf);
    }
}
