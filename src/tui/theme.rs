//! Every style the app draws with. Colours are the 16 ANSI ones so any terminal shows them;
//! with `NO_COLOR` set only bold, underline and reverse remain.

use ratatui::style::{Color, Modifier, Style};

/// The styles of every element.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub base: Style,
    pub border: Style,
    pub border_focused: Style,
    pub title: Style,
    pub prompt: Style,
    pub placeholder: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub matched: Style,
    pub kind_tag: Style,
    pub note: Style,
    pub label: Style,
    pub heading: Style,
    pub whatsapp: Style,
    pub stale: Style,
    pub link: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub status: Style,
    pub status_key: Style,
    pub message: Style,
    pub error: Style,
    pub count: Style,
    pub active_filter: Style,
    /// The map pane's layers (coast, neighbours, markers, selection, counts).
    pub map: crate::geo::canvas::MapStyle,
}

impl Theme {
    /// The colour theme, or the monochrome one when `no_color`.
    pub fn new(no_color: bool) -> Theme {
        if no_color {
            Self::mono()
        } else {
            Self::color()
        }
    }

    /// Whether the environment asks for no colour (`NO_COLOR` set and non-empty).
    pub fn no_color_from_env() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }

    fn color() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            base: Style::default(),
            border: Style::default().fg(Color::DarkGray),
            border_focused: Style::default().fg(Color::Cyan),
            title: Style::default().add_modifier(bold),
            prompt: Style::default().fg(Color::Cyan).add_modifier(bold),
            placeholder: Style::default().fg(Color::DarkGray),
            selected: Style::default()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(bold),
            selected_unfocused: Style::default().add_modifier(Modifier::REVERSED),
            matched: Style::default()
                .fg(Color::Yellow)
                .add_modifier(bold | Modifier::UNDERLINED),
            kind_tag: Style::default().fg(Color::Magenta),
            note: Style::default().fg(Color::DarkGray),
            label: Style::default().fg(Color::Blue).add_modifier(bold),
            heading: Style::default().fg(Color::Cyan).add_modifier(bold),
            whatsapp: Style::default().fg(Color::Green),
            stale: Style::default().fg(Color::Red),
            link: Style::default()
                .fg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED),
            tab: Style::default().fg(Color::Gray),
            tab_active: Style::default()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(bold),
            status: Style::default(),
            status_key: Style::default().fg(Color::Cyan).add_modifier(bold),
            message: Style::default().fg(Color::Green),
            error: Style::default().fg(Color::Red).add_modifier(bold),
            count: Style::default().fg(Color::Yellow),
            active_filter: Style::default().fg(Color::Green).add_modifier(bold),
            map: crate::geo::canvas::MapStyle::default(),
        }
    }

    fn mono() -> Theme {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let plain = Style::default();
        let rev = Style::default().add_modifier(Modifier::REVERSED);
        Theme {
            base: plain,
            border: plain,
            border_focused: bold,
            title: bold,
            prompt: bold,
            placeholder: plain,
            selected: rev.add_modifier(Modifier::BOLD),
            selected_unfocused: rev,
            matched: bold.add_modifier(Modifier::UNDERLINED),
            kind_tag: plain,
            note: plain,
            label: bold,
            heading: bold,
            whatsapp: plain,
            stale: bold,
            link: Style::default().add_modifier(Modifier::UNDERLINED),
            tab: plain,
            tab_active: rev,
            status: plain,
            status_key: bold,
            message: plain,
            error: bold,
            count: plain,
            active_filter: bold,
            map: crate::geo::canvas::MapStyle {
                indonesia: Color::Reset,
                neighbour: Color::Reset,
                marker: Color::Reset,
                selected: Color::Reset,
                count: rev,
            },
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Self::color()
    }
}
