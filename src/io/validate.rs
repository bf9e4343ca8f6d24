//! Field validators shared by the importer and the app's edit form.
//!
//! Each takes the text a person typed and returns the normalised value or a message that quotes
//! the input and says what would be accepted. Callers prefix the file, line and column.

use crate::model::{Bounds, Visibility, normalise_subsector};
use chrono::{Datelike, NaiveDate};

/// Longest accepted text field, in bytes.
pub const MAX_TEXT: usize = 4096;

/// Longest input quoted back in a message, in characters.
const QUOTE_MAX: usize = 40;

/// The input as quoted in a message: shortened, with control characters made visible.
pub fn quote(raw: &str) -> String {
    // Messages reach terminals: control characters shown as the app shows them.
    let head: String = raw.chars().take(QUOTE_MAX).collect();
    let mut out = crate::text::visible(&head).into_owned();
    if raw.chars().count() > QUOTE_MAX {
        out.push('…');
    }
    format!("\"{out}\"")
}

/// Checks a free-text field: trims it, refuses control characters and overlong text.
/// `multiline` allows line breaks and tabs (descriptions, addresses). Empty gives `None`.
pub fn text(raw: &str, multiline: bool) -> Result<Option<String>, String> {
    let s = checked_text(raw, multiline)?;
    Ok((!s.is_empty()).then(|| s.to_string()))
}

/// [`text`] without the copy: the trimmed slice (empty for a blank cell).
pub fn checked_text(raw: &str, multiline: bool) -> Result<&str, String> {
    let s = raw.trim();
    if s.len() > MAX_TEXT {
        return Err(format!(
            "{} is {} bytes long; the limit is {MAX_TEXT} bytes (4 KiB)",
            quote(s),
            s.len()
        ));
    }
    // Control characters are C0 and DEL (single bytes) or C1 (0xC2 0x80..=0x9F in UTF-8): a
    // byte scan finds their absence without decoding; the slow scan names the one found.
    let maybe_control = s.bytes().any(|b| b < 0x20 || b == 0x7f || b == 0xc2);
    if maybe_control
        && let Some((i, c)) = s
            .chars()
            .enumerate()
            .find(|(_, c)| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')))
    {
        // A line break in a one-line field is most often a quote left open in a CSV cell,
        // which swallowed the rows after it.
        if matches!(c, '\n' | '\r') {
            return Err(format!(
                "{} holds a line break at character {}; this field is one line \
                 (is a quote \" left open in a CSV cell?)",
                quote(s),
                i + 1
            ));
        }
        return Err(format!(
            "{} contains the control character U+{:04X} at character {}; remove it",
            quote(s),
            u32::from(c),
            i + 1
        ));
    }
    Ok(s)
}

/// True when `national` (digits after +62) is an Indonesian mobile number by the metadata's own
/// pattern `8[1-35-9]\d{7,10}`; checked without the regex engine because import is hot.
fn is_mobile(national: &[u8]) -> bool {
    (9..=12).contains(&national.len())
        && national[0] == b'8'
        && matches!(national[1], b'1'..=b'3' | b'5'..=b'9')
        && national.iter().all(u8::is_ascii_digit)
}

/// Normalises a phone number to E.164 (`+62…`) and checks it against real numbering metadata.
///
/// Accepts `0812-3456-7890`, `62812…`, `812…`, `+62 (0)812…`, `(022) 1234567` and foreign
/// numbers written with `+`.
pub fn phone(raw: &str) -> Result<String, String> {
    let bad = || format!("{} is not a valid Indonesian number", quote(raw));
    let s: String = raw
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')' | '[' | ']' | '\u{a0}'))
        .collect();
    let national = if let Some(rest) = s.strip_prefix("+62") {
        rest.strip_prefix('0').unwrap_or(rest)
    } else if let Some(rest) = s.strip_prefix('+') {
        let e164 = format!("+{rest}");
        return match phonenumber::parse(None, &e164) {
            Ok(n) if n.is_valid() && rest.bytes().all(|b| b.is_ascii_digit()) => Ok(e164),
            _ => Err(format!("{} is not a valid phone number", quote(raw))),
        };
    } else if let Some(rest) = s.strip_prefix("62") {
        rest.strip_prefix('0').unwrap_or(rest)
    } else if let Some(rest) = s.strip_prefix('0') {
        rest
    } else if s.starts_with('8') {
        s.as_str()
    } else {
        return Err(bad());
    };
    if national.is_empty() || !national.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let e164 = format!("+62{national}");
    if is_mobile(national.as_bytes()) {
        return Ok(e164);
    }
    match phonenumber::parse(None, &e164) {
        Ok(n) if n.is_valid() => Ok(e164),
        _ => Err(bad()),
    }
}

/// A stored E.164 number in the national format people read: `0812-3456-7890`, `(022) 1234567`.
/// Foreign numbers are shown in international format; anything unparsable is returned as is.
pub fn format_national(e164: &str) -> String {
    let Ok(n) = phonenumber::parse(None, e164) else {
        return e164.to_string();
    };
    let mode = if n.code().value() == 62 {
        phonenumber::Mode::National
    } else {
        phonenumber::Mode::International
    };
    n.format().mode(mode).to_string()
}

pub use crate::model::rules::{is_no, is_yes};

/// The `whatsapp` column: yes/ya/true/1 means "the phone number is on `WhatsApp`", no/tidak/0 or
/// empty means none, anything else is a number of its own.
pub fn whatsapp(raw: &str, phone_e164: Option<&str>) -> Result<Option<String>, String> {
    if raw.trim().is_empty() || is_no(raw) {
        return Ok(None);
    }
    if is_yes(raw) {
        return match phone_e164 {
            Some(p) => Ok(Some(p.to_string())),
            None => Err(format!(
                "{} means the phone is on WhatsApp, but the row has no phone; give the WhatsApp \
                 number instead",
                quote(raw)
            )),
        };
    }
    phone(raw).map(Some)
}

/// A plain e-mail address check: one `@`, a name, and a domain with a dot.
pub fn email(raw: &str) -> Result<String, String> {
    let s = raw.trim();
    let bad = || format!("{} is not an e-mail address (name@example.org)", quote(raw));
    let (local, domain) = s.split_once('@').ok_or_else(bad)?;
    let domain_ok = domain.contains('.')
        && domain
            .split('.')
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'));
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "._%+-!#$&'*/=?^`{|}~".contains(c));
    if domain_ok && local_ok && s.len() <= 254 {
        Ok(s.to_string())
    } else {
        Err(bad())
    }
}

/// A web address; `https://` is added when the scheme is missing.
pub fn url(raw: &str) -> Result<String, String> {
    let s = raw.trim();
    let full = if s.contains("://") {
        s.to_string()
    } else {
        format!("https://{s}")
    };
    let bad = || format!("{} is not a web address (https://example.org)", quote(raw));
    let rest = full
        .strip_prefix("https://")
        .or_else(|| full.strip_prefix("http://"))
        .ok_or_else(bad)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_ok = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':'));
    if host_ok && !full.chars().any(char::is_whitespace) && full.len() <= MAX_TEXT {
        Ok(full)
    } else {
        Err(bad())
    }
}

/// An Instagram handle without `@`; accepts `@name` and profile URLs.
pub fn instagram(raw: &str) -> Result<String, String> {
    let mut s = raw.trim();
    for prefix in ["https://", "http://", "www.", "instagram.com/", "@"] {
        s = s.strip_prefix(prefix).unwrap_or(s);
    }
    let s = s.split(['?', '#']).next().unwrap_or_default();
    let s = s.trim_end_matches('/');
    let ok = (1..=30).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_');
    if ok {
        Ok(s.to_string())
    } else {
        Err(format!(
            "{} is not an Instagram handle (1–30 letters, digits, '.' or '_')",
            quote(raw)
        ))
    }
}

/// A founding year between 1900 and this year.
pub fn year(raw: &str) -> Result<i32, String> {
    let now = chrono::Utc::now().year();
    match raw.trim().parse::<i32>() {
        Ok(y) if (1900..=now).contains(&y) => Ok(y),
        _ => Err(format!(
            "{} is not a year between 1900 and {now}",
            quote(raw)
        )),
    }
}

fn number(raw: &str, what: &str) -> Result<f64, String> {
    let s = raw.trim();
    // Spreadsheets set to Indonesian write a decimal comma.
    let s = if s.contains('.') {
        s.to_string()
    } else {
        s.replace(',', ".")
    };
    s.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("{} is not a {what} (a decimal number)", quote(raw)))
}

/// A latitude inside Indonesia.
pub fn lat(raw: &str) -> Result<f64, String> {
    let b = Bounds::INDONESIA;
    let v = number(raw, "latitude")?;
    if (b.min_lat..=b.max_lat).contains(&v) {
        Ok(v)
    } else {
        Err(format!(
            "{} is outside Indonesia (latitude {} to {})",
            quote(raw),
            b.min_lat,
            b.max_lat
        ))
    }
}

/// A longitude inside Indonesia.
pub fn lon(raw: &str) -> Result<f64, String> {
    let b = Bounds::INDONESIA;
    let v = number(raw, "longitude")?;
    if (b.min_lon..=b.max_lon).contains(&v) {
        Ok(v)
    } else {
        Err(format!(
            "{} is outside Indonesia (longitude {} to {})",
            quote(raw),
            b.min_lon,
            b.max_lon
        ))
    }
}

/// Subsectors separated by `;`: official names, slugs and common spellings become slugs,
/// anything else is kept as a free tag. Duplicates are dropped, order kept.
pub fn subsectors(raw: &str) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for part in crate::model::rules::list_items(raw) {
        let slugs = normalise_subsector(part);
        let items: Vec<String> = if slugs.is_empty() {
            vec![text(part, false)?.unwrap_or_default()]
        } else {
            slugs.into_iter().map(String::from).collect()
        };
        for item in items {
            if !out.iter().any(|o| o.eq_ignore_ascii_case(&item)) {
                out.push(item);
            }
        }
    }
    Ok(out)
}

/// A date as `YYYY-MM-DD`; `DD/MM/YYYY` and `DD-MM-YYYY` are accepted and converted.
pub fn date(raw: &str) -> Result<String, String> {
    let s = raw.trim();
    // Most dates already are `YYYY-MM-DD` (every export): checked without chrono's format
    // machinery, which dominated importing a large export.
    let b = s.as_bytes();
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && let (Ok(y), Ok(m), Ok(d)) = (s[..4].parse(), s[5..7].parse(), s[8..].parse())
        && NaiveDate::from_ymd_opt(y, m, d).is_some()
    {
        return Ok(s.to_string());
    }
    ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
        .map(|d| d.format("%Y-%m-%d").to_string())
        .ok_or_else(|| format!("{} is not a date (YYYY-MM-DD, or DD/MM/YYYY)", quote(raw)))
}

/// Private, network or public (Indonesian words accepted).
pub fn visibility(raw: &str) -> Result<Visibility, String> {
    raw.parse::<Visibility>().map_err(|_| {
        format!(
            "{} is not a visibility (private, network or public)",
            quote(raw)
        )
    })
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
