//! JSON out, escaped for terminals: serde_json escapes C0 controls, quotes and backslashes;
//! this also writes DEL, C1 controls and the bidi controls as `\uXXXX`, so `--json` output and
//! JSON exports never carry a raw character that could control a terminal or reorder text.

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};
use std::io::{self, Write};

/// A formatter (pretty or compact) that escapes every unsafe character
/// ([`crate::text::is_unsafe`]).
struct Safe<F>(F);

impl<F: Formatter> Formatter for Safe<F> {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, s: &str) -> io::Result<()> {
        let mut rest = s;
        while let Some((at, c)) = rest
            .char_indices()
            .find(|(_, c)| crate::text::is_unsafe(*c))
        {
            w.write_all(&rest.as_bytes()[..at])?;
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                write!(w, "\\u{u:04x}")?;
            }
            rest = &rest[at + c.len_utf8()..];
        }
        w.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Writes `value` as pretty JSON with every unsafe character escaped.
pub fn to_writer_pretty<W: Write, T: Serialize + ?Sized>(
    w: W,
    value: &T,
) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(w, Safe(PrettyFormatter::new()));
    value.serialize(&mut ser)
}

/// One line of JSON (no spaces, as `serde_json::to_string`) with every unsafe character
/// escaped: what the CLI's `--json` reports print.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Safe(CompactFormatter));
    value.serialize(&mut ser)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// [`to_writer_pretty`] into a string.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::new();
    to_writer_pretty(&mut out, value)?;
    // Only valid UTF-8 is written: the input is `str`, escapes are ASCII.
    Ok(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_escaped_and_the_json_parses_back() {
        let v = serde_json::json!({"name": "a\u{1b}]0;x\u{7}\u{202E}b\u{200F}\u{7f}\u{9b}c é"});
        let out = to_string_pretty(&v).expect("json");
        assert!(
            !out.chars().any(|c| crate::text::is_unsafe(c) && c != '\n'),
            "{out:?}"
        );
        assert!(out.contains("\\u202e") && out.contains("\\u001b") && out.contains("é"));
        let back: serde_json::Value = serde_json::from_str(&out).expect("parses");
        assert_eq!(back, v);
        let line = to_string(&v).expect("json");
        assert!(line.contains("\\u202e") && !line.contains('\n'));
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&line).expect("parses"),
            v
        );
        assert_eq!(
            to_string_pretty(&serde_json::json!([1, {"a": "b"}])).expect("json"),
            serde_json::to_string_pretty(&serde_json::json!([1, {"a": "b"}])).expect("json")
        );
    }
}
