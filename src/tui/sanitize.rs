//! Data never controls the terminal: control characters, escape sequences and bidi overrides in
//! any field become visible placeholders (`␛`, `␊`, `�`, via [`crate::text::visible`]), one char
//! for one char so match positions still line up. Also width-correct truncation and word wrapping (wide CJK and
//! combining marks measured with `unicode-width`).

use std::borrow::Cow;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `s` with every unsafe char replaced by a visible placeholder (same number of chars);
/// the one definition lives in [`crate::text::visible`].
pub fn clean(s: &str) -> Cow<'_, str> {
    crate::text::visible(s)
}

/// Display width of already-cleaned text.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cleans `s` and cuts it to at most `max` columns, ending in `…` when cut.
pub fn fit(s: &str, max: usize) -> String {
    let s = clean(s);
    if width(&s) <= max {
        return s.into_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > max - 1 {
            break;
        }
        w += cw;
        out.push(c);
    }
    out.push('…');
    out
}

/// Cleans `s` and word-wraps it to `max` columns; a word wider than a line is split.
/// Line breaks in the data start new lines.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    for para in s.split('\n') {
        let para = clean(para.trim_end_matches('\r'));
        let mut line = String::new();
        let mut w = 0;
        for word in para.split(' ') {
            let ww = width(word);
            if w > 0 && w + 1 + ww > max {
                lines.push(std::mem::take(&mut line));
                w = 0;
            }
            if w > 0 {
                line.push(' ');
                w += 1;
            }
            if ww <= max - w {
                line.push_str(word);
                w += ww;
                continue;
            }
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if w + cw > max && w > 0 {
                    lines.push(std::mem::take(&mut line));
                    w = 0;
                }
                line.push(c);
                w += cw;
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_placeholders_one_for_one() {
        assert_eq!(clean("a\x1b[31mb"), "a␛[31mb");
        assert_eq!(clean("x\ny\tz\x07"), "x␊y␉z␇");
        assert_eq!(clean("\u{9b}2J\u{202e}abc\x7f"), "�2J�abc␡");
        assert!(matches!(clean("Kota Semarang"), Cow::Borrowed(_)));
        let raw = "\x1b]52;c;aGk=\x07";
        assert_eq!(clean(raw).chars().count(), raw.chars().count());
    }

    #[test]
    fn fit_counts_columns_not_bytes() {
        assert_eq!(fit("北京市创意空间", 7), "北京市…");
        assert_eq!(width(&fit("北京市创意空间", 7)), 7);
        assert_eq!(fit("Cafe\u{301} Sore", 20), "Cafe\u{301} Sore");
        assert_eq!(width("Cafe\u{301}"), 4);
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn wrap_breaks_words_and_long_runs() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
        assert_eq!(wrap("创意空间", 5), ["创意", "空间"]);
    }
}
