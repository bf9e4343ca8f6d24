//! Popups over the panes: key help (generated from the key table), about (attributions),
//! the copy menu and a link to copy.

use super::draw_lines;
use crate::i18n;
use crate::tui::action::help;
use crate::tui::app::{App, Popup};
use crate::tui::keymap::{BINDINGS, Scope};
use crate::tui::layout::centred;
use crate::tui::sanitize::{fit, width, wrap};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

fn scope_name(app: &App, scope: Scope) -> &'static str {
    let s = app.lang().strings();
    match scope {
        Scope::Anywhere => s.scope_anywhere,
        Scope::Search => s.scope_search,
        Scope::Panes => s.scope_list,
        Scope::Popup => s.scope_facets,
        Scope::Form => app.lang().edit().scope_form,
        Scope::Confirm => app.lang().edit().scope_confirm,
    }
}

/// The help text, one line per binding, grouped by scope.
fn help_lines(app: &App) -> Vec<Line<'static>> {
    let t = app.theme();
    let mut out = Vec::new();
    for scope in [
        Scope::Search,
        Scope::Panes,
        Scope::Form,
        Scope::Confirm,
        Scope::Anywhere,
    ] {
        out.push(Line::from(Span::styled(
            scope_name(app, scope).to_string(),
            t.heading,
        )));
        for b in BINDINGS.iter().filter(|b| b.scope == scope) {
            let pad = 11usize.saturating_sub(width(b.label));
            out.push(Line::from(vec![
                Span::styled(format!("  {}{}", b.label, " ".repeat(pad)), t.status_key),
                Span::raw(
                    crate::tui::edit::view::scoped_help(app.lang(), scope, b.action, false)
                        .unwrap_or_else(|| help(app.lang(), b.action)),
                ),
            ]));
        }
    }
    out
}

/// Draws the open popup.
pub fn render(app: &App, popup: &Popup, area: Rect, buf: &mut Buffer) {
    if let Popup::Dashboard(d) = popup {
        super::dash::render(app, d, area, buf);
        return;
    }
    let t = app.theme();
    let s = app.lang().strings();
    match popup {
        Popup::Qr(q) => return super::book::render_qr(app, q, area, buf),
        Popup::Dupes(v) => return super::book::render_dupes(app, v, area, buf),
        Popup::Conflicts(v) => return super::share::render_conflicts(app, v, area, buf),
        _ => {}
    }
    let (title, box_area) = match popup {
        Popup::Help { .. } => (
            s.help_title,
            centred(area, 64, area.height.saturating_sub(2)),
        ),
        Popup::About { .. } => (
            s.about_title,
            centred(area, 76, area.height.saturating_sub(2)),
        ),
        Popup::Copy { items, .. } => (s.copy_title, centred(area, 60, items.len() as u16 + 2)),
        Popup::Links { items, .. } => (
            app.lang().book().links_title,
            centred(area, 76, items.len() as u16 + 2),
        ),
        // Drawn by their own views over the whole screen.
        Popup::Qr(_) | Popup::Dupes(_) | Popup::Dashboard(_) | Popup::Conflicts(_) => return,
        Popup::Link { .. } => (s.open_title, centred(area, 70, 8)),
        Popup::Nearby(list) => (
            app.lang().geo().nearby_title,
            centred(area, 76, (list.rows.len() as u16).saturating_add(4).max(6)),
        ),
    };
    if box_area.width < 3 || box_area.height < 3 {
        return;
    }
    Clear.render(box_area, buf);
    let inner_w = usize::from(box_area.width - 2);
    let block = Block::bordered()
        .border_style(t.border_focused)
        .title(Line::from(format!(" {} ", fit(title, inner_w.saturating_sub(2)))).style(t.title));
    let r = block.inner(box_area);
    block.render(box_area, buf);
    let lines: Vec<Line> = match popup {
        Popup::Help { scroll } => {
            let mut l = help_lines(app);
            l.push(Line::default());
            l.push(Line::from(Span::styled(s.help_footer, t.note)));
            l.into_iter().skip(*scroll).collect()
        }
        Popup::About { scroll } => crate::assets::ATTRIBUTIONS
            .lines()
            .flat_map(|l| wrap(l, inner_w))
            .map(Line::from)
            .skip(*scroll)
            .collect(),
        Popup::Copy { items, selected } | Popup::Links { items, selected } => items
            .iter()
            .enumerate()
            .map(|(i, (f, v))| {
                let style = if i == *selected { t.selected } else { t.base };
                let label = format!("{} {}: ", i + 1, i18n::field_label(app.lang(), *f));
                let rest = inner_w.saturating_sub(width(&label));
                Line::from(vec![
                    Span::styled(label, if i == *selected { style } else { t.label }),
                    Span::styled(fit(v, rest), style),
                ])
                .style(style)
            })
            .collect(),
        Popup::Link { url } => {
            let mut l: Vec<Line> = wrap(s.open_no_opener, inner_w)
                .into_iter()
                .map(|x| Line::from(Span::styled(x, t.note)))
                .collect();
            l.extend(
                wrap(url, inner_w)
                    .into_iter()
                    .map(|x| Line::from(Span::styled(x, t.link))),
            );
            l
        }
        Popup::Nearby(list) => super::map::nearby_lines(app, list, inner_w, usize::from(r.height)),
        Popup::Qr(_) | Popup::Dupes(_) | Popup::Dashboard(_) | Popup::Conflicts(_) => Vec::new(),
    };
    draw_lines(&lines, r, buf);
}
