//! Char-for-char folding (lowercase, accents stripped) and the 64-bit "letters present" mask.
//!
//! The folded copy of a name keeps the byte layout of the original: a char whose folded form
//! is shorter in UTF-8 (`é`, two bytes, becomes `e`, one byte) is padded with [`FILLER`] bytes.
//! So one offset table serves both copies, and char positions found in the folded copy (with
//! fillers skipped) are char positions in the original, which is what highlights need.

use unicode_normalization::char::decompose_canonical;

/// Padding byte in a folded copy. Folding maps a NUL in the data to a space, so a NUL in a
/// folded copy is always padding and never matches a query byte.
pub const FILLER: u8 = 0;

/// Folds one char: lowercase, then the base letter of its canonical decomposition
/// (`É` → `e`, `ñ` → `n`). A char whose folded form would need more UTF-8 bytes than the
/// original keeps its lowercase or, failing that, itself, so the layout never grows.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return if c == '\0' {
            ' '
        } else {
            c.to_ascii_lowercase()
        };
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    let mut base = None;
    decompose_canonical(lower, |d| {
        if base.is_none() {
            base = Some(d);
        }
    });
    let folded = match base.unwrap_or(lower) {
        // Letters with no decomposition that people type without the stroke.
        'ø' => 'o',
        'ł' => 'l',
        'đ' => 'd',
        'ı' => 'i',
        other => other,
    };
    if folded.len_utf8() <= c.len_utf8() {
        folded
    } else if lower.len_utf8() <= c.len_utf8() {
        lower
    } else {
        c
    }
}

/// Appends the folded copy of `s` to `out`, exactly `s.len()` bytes long (see the module doc).
pub fn fold_into(s: &str, out: &mut Vec<u8>) {
    if s.is_ascii() {
        out.extend(
            s.bytes()
                .map(|b| if b == 0 { b' ' } else { b.to_ascii_lowercase() }),
        );
        return;
    }
    let mut buf = [0u8; 4];
    for c in s.chars() {
        let folded = fold_char(c).encode_utf8(&mut buf);
        out.extend_from_slice(folded.as_bytes());
        out.extend(std::iter::repeat_n(FILLER, c.len_utf8() - folded.len()));
    }
}

/// Folds a query string (no padding: queries are only searched for, never mapped back).
pub fn fold_str(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// A folded copy as text without its padding; char `i` of the result is char `i` of the
/// original name.
pub fn unpad(folded: &[u8]) -> String {
    let bytes: Vec<u8> = folded.iter().copied().filter(|&b| b != FILLER).collect();
    // Removing whole padding bytes (each a complete one-byte char) keeps UTF-8 valid.
    String::from_utf8(bytes).unwrap_or_default()
}

/// Bit for one byte of folded text: letters and digits get their own bit, any other byte
/// shares one of the remaining 28 bits. A record can only match a query whose mask is a
/// subset of its own, since every byte of a subsequence occurs in the text.
#[inline]
fn bit(b: u8) -> u64 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'0'..=b'9' => 1 << (26 + b - b'0'),
        _ => 1 << (36 + b % 28),
    }
}

/// The "letters present" mask of folded text; padding bytes are ignored.
pub fn mask(folded: &[u8]) -> u64 {
    folded
        .iter()
        .filter(|&&b| b != FILLER)
        .fold(0, |m, &b| m | bit(b))
}

/// Whether `needle` occurs in order (not necessarily contiguous) in `hay`, byte by byte.
/// For an ASCII needle this is exactly the char-level subsequence test, because ASCII bytes
/// never occur inside a multi-byte UTF-8 char; callers check non-ASCII needles by char too.
#[inline]
pub fn is_subsequence(needle: &[u8], hay: &[u8]) -> bool {
    let mut rest = hay;
    for &b in needle {
        match memchr::memchr(b, rest) {
            Some(i) => rest = &rest[i + 1..],
            None => return false,
        }
    }
    true
}

/// Char-level subsequence test over a padded folded copy (padding never matches).
pub fn is_char_subsequence(needle: &str, folded: &[u8]) -> bool {
    let Ok(hay) = std::str::from_utf8(folded) else {
        return false;
    };
    let mut chars = hay.chars();
    needle.chars().all(|n| chars.any(|c| c == n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_layout_and_strips_accents() {
        let name = "Café Ñusa Ünïk ØL";
        let mut out = Vec::new();
        fold_into(name, &mut out);
        assert_eq!(out.len(), name.len());
        assert_eq!(unpad(&out), "cafe nusa unik ol");
        assert_eq!(unpad(&out).chars().count(), name.chars().count());
    }

    #[test]
    fn ascii_folding_is_lowercase_and_nul_becomes_space() {
        let mut out = Vec::new();
        fold_into("Hetero\0SPACE", &mut out);
        assert_eq!(out, b"hetero space");
    }

    #[test]
    fn folded_chars_never_grow() {
        for c in ['Ⱥ', 'İ', 'ẞ', 'Σ', '中', 'ǅ'] {
            assert!(fold_char(c).len_utf8() <= c.len_utf8(), "{c}");
        }
    }

    #[test]
    fn mask_is_superset_for_subsequences() {
        let mut name = Vec::new();
        fold_into("Komunitas Fotografi Semarang", &mut name);
        let q = fold_str("fotsmg");
        assert_eq!(mask(q.as_bytes()) & !mask(&name), 0);
        assert!(is_subsequence(q.as_bytes(), &name));
        assert!(!is_subsequence(b"zz", &name));
        assert!(!is_subsequence(b"gf", b"fg"));
    }

    #[test]
    fn char_subsequence_handles_non_ascii() {
        let mut name = Vec::new();
        fold_into("Rumah 中文 Kreatif", &mut name);
        assert!(is_char_subsequence("中k", &name));
        assert!(!is_char_subsequence("k中", &name));
    }
}
