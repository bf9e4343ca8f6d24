//! Text made safe for a terminal: data never controls it.

use std::borrow::Cow;

/// True for characters that would control the terminal or reorder text if printed raw:
/// C0/C1 controls, DEL, the bidirectional embeddings, overrides and isolates, and the
/// invisible direction marks (LRM, RLM, ALM).
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{061C}'
        )
}

/// Replaces control characters and escape sequences' introducers with visible placeholders
/// (`␛` for ESC, `␊` for a newline, `�` for C1 controls and bidi overrides). Borrows when clean.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                // U+2400.. are the "control pictures" for the C0 range.
                '\0'..='\x1f' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
                '\x7f' => '\u{2421}',
                c if is_unsafe(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// [`visible`] for a file format that can hold line breaks (a CSV cell in quotes, a vCard
/// value escaped as `\n`): newlines stay, every other unsafe character becomes its placeholder.
/// Exports write data this way every time, so no file carries an escape sequence.
pub fn visible_keep_newlines(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.split('\n')
            .map(|line| visible(line).into_owned())
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible_placeholders() {
        assert_eq!(visible("Hetero Space"), "Hetero Space");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
        assert_eq!(visible("a\x1b[31mred"), "a\u{241B}[31mred");
        assert_eq!(visible("x\ny\tz"), "x\u{240A}y\u{2409}z");
        assert_eq!(visible("del\x7f"), "del\u{2421}");
        assert_eq!(visible("c1\u{9b}31m"), "c1\u{FFFD}31m");
        assert_eq!(visible("bidi\u{202E}txt"), "bidi\u{FFFD}txt");
        assert_eq!(visible("Kafé 東京"), "Kafé 東京");
        assert_eq!(visible("rlm\u{200F}x"), "rlm\u{FFFD}x");
    }

    #[test]
    fn exports_keep_line_breaks_and_nothing_else_unsafe() {
        assert_eq!(visible_keep_newlines("a\nb"), "a\nb");
        assert_eq!(
            visible_keep_newlines("a\x1b]0;x\x07\nb\u{202E}"),
            "a\u{241B}]0;x\u{2407}\nb\u{FFFD}"
        );
    }
}
