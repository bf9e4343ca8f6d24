//! Drawing the address-book popups: a contact's QR code (half blocks, white on black whatever
//! the theme, so a phone reads it), the duplicates list and the field-by-field merge view.

use super::draw_lines;
use crate::dupes::Reason;
use crate::i18n;
use crate::tui::app::App;
use crate::tui::book::{DupesView, MergeDraft, QrCard};
use crate::tui::sanitize::{fit, width, wrap};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

/// The widest quiet zone tried around a code (the standard asks for 4 modules).
const MAX_QUIET: usize = 4;

/// Draws the QR popup over the whole of `area`: the code at the top left with the widest quiet
/// zone that fits, the contact's name and a note to its right; when even the smallest quiet
/// zone does not fit, a note with the sizes instead.
pub fn render_qr(app: &App, q: &QrCard, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let words = app.lang().book();
    Clear.render(area, buf);
    buf.set_style(area, theme.base);
    let (w, h) = (usize::from(area.width), usize::from(area.height));
    let art = (1..=MAX_QUIET)
        .rev()
        .filter_map(|quiet| crate::qr::render(&q.card, quiet).ok())
        .find(|a| a.fits(w, h));
    let Some(art) = art else {
        let need = crate::qr::render(&q.card, 1).map_or_else(
            |e| e.to_string(),
            |a| format!("{} × {}", a.width, a.lines.len()),
        );
        let text = format!(
            "{} {need} {} {w} × {h}. {}",
            words.qr_too_big, words.qr_window, words.qr_enlarge
        );
        let mut lines = vec![Line::from(Span::styled(fit(&q.name, w), theme.heading))];
        lines.extend(
            wrap(&text, w)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, theme.note))),
        );
        draw_lines(&lines, area, buf);
        return;
    };
    let code = Style::default().fg(Color::White).bg(Color::Black);
    for (i, line) in art.lines.iter().enumerate() {
        buf.set_string(area.x, area.y + i as u16, line, code);
    }
    let left = art.width + 2;
    if w > left + 8 {
        let tw = w - left;
        let mut lines = vec![Line::from(Span::styled(
            format!("{} · {}", words.qr_title, fit(&q.name, tw)),
            theme.heading,
        ))];
        for note in [words.qr_scan, words.qr_visibility] {
            lines.push(Line::default());
            lines.extend(
                wrap(note, tw)
                    .into_iter()
                    .map(|l| Line::from(Span::styled(l, theme.note))),
            );
        }
        let r = Rect::new(area.x + left as u16, area.y, tw as u16, area.height);
        draw_lines(&lines, r, buf);
    }
}

fn reason_text(app: &App, r: &Reason) -> String {
    let b = app.lang().book();
    match r {
        Reason::SamePhone(p) => format!("{} {p}", b.why_phone),
        Reason::SameEmail(m) => format!("{} {m}", b.why_email),
        Reason::SimilarName(s) => format!("{} {s:.2}", b.why_name),
    }
}

/// Draws the duplicates popup: the pairs, or the pair being merged.
pub fn render_dupes(app: &App, view: &DupesView, area: Rect, buf: &mut Buffer) {
    let t = app.theme();
    let b = app.lang().book();
    let title = match &view.merge {
        Some(_) => b.merge_title,
        None => b.dupes_title,
    };
    let title = format!(" {} ({}) ", title, view.pairs.len());
    let Some((r, inner_w)) = super::list_popup(t, &title, area, buf) else {
        return;
    };
    let lines = match &view.merge {
        Some(draft) => merge_lines(app, draft, inner_w, usize::from(r.height)),
        None => pair_lines(app, view, inner_w, usize::from(r.height)),
    };
    draw_lines(&lines, r, buf);
}

/// The first row to show so `selected` is visible in `rows` rows.
fn first_row(selected: usize, rows: usize) -> usize {
    selected.saturating_sub(rows.saturating_sub(1))
}

fn pair_lines(app: &App, view: &DupesView, w: usize, h: usize) -> Vec<Line<'static>> {
    let t = app.theme();
    let b = app.lang().book();
    let mut out = vec![Line::from(Span::styled(fit(b.dupes_keys, w), t.note))];
    if view.pairs.is_empty() {
        out.push(Line::from(Span::styled(fit(b.dupes_none, w), t.note)));
        return out;
    }
    let rows = h.saturating_sub(1).max(1);
    for (i, p) in view
        .pairs
        .iter()
        .enumerate()
        .skip(first_row(view.selected, rows))
        .take(rows)
    {
        let style = if i == view.selected {
            t.selected
        } else {
            t.base
        };
        let tag = format!("{:.2} {} ", p.score, i18n::kind_tag(app.lang(), p.kind));
        let why: Vec<String> = p.reasons.iter().map(|r| reason_text(app, r)).collect();
        let text = format!("{} ↔ {} · {}", p.left_name, p.right_name, why.join(", "));
        let rest = w.saturating_sub(width(&tag));
        out.push(
            Line::from(vec![
                Span::styled(
                    tag,
                    if i == view.selected {
                        style
                    } else {
                        t.kind_tag
                    },
                ),
                Span::styled(fit(&text, rest), style),
            ])
            .style(style),
        );
    }
    out
}

fn merge_lines(app: &App, draft: &MergeDraft, w: usize, h: usize) -> Vec<Line<'static>> {
    let theme = app.theme();
    let words = app.lang().book();
    let mut out = vec![
        Line::from(Span::styled(fit(words.merge_keys, w), theme.note)),
        Line::from(Span::styled(fit(words.roles_kept, w), theme.note)),
    ];
    let label_w = 12.min(w / 4);
    let side_w = w.saturating_sub(label_w + 1) / 2;
    let cell = |mark: bool, text: &str| {
        let m = if mark { "● " } else { "○ " };
        let s = format!("{m}{}", fit(text, side_w.saturating_sub(3)));
        let pad = side_w.saturating_sub(width(&s));
        format!("{s}{}", " ".repeat(pad))
    };
    out.push(Line::from(vec![
        Span::raw(" ".repeat(label_w + 1)),
        Span::styled(
            cell(true, &format!("{}: {}", words.left, draft.keep_name)),
            theme.heading,
        ),
        Span::styled(
            cell(false, &format!("{}: {}", words.right, draft.other_name)),
            theme.heading,
        ),
    ]));
    let rows = h.saturating_sub(out.len()).max(1);
    for (i, row) in draft
        .rows
        .iter()
        .enumerate()
        .skip(first_row(draft.selected, rows))
        .take(rows)
    {
        let selected = i == draft.selected;
        let kept = if selected { theme.selected } else { theme.link };
        let dropped = if selected { theme.selected } else { theme.note };
        let label = fit(i18n::column_label(app.lang(), row.col), label_w);
        let pad = label_w.saturating_sub(width(&label));
        let line = Line::from(vec![
            Span::styled(format!("{label}{} ", " ".repeat(pad)), theme.label),
            Span::styled(
                cell(!row.take_right, &row.left),
                if row.take_right { dropped } else { kept },
            ),
            Span::styled(
                cell(row.take_right, &row.right),
                if row.take_right { kept } else { dropped },
            ),
        ]);
        out.push(line);
    }
    out
}
