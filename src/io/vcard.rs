//! vCard 4.0 (RFC 6350) for contacts: one card per contact, CRLF line endings, lines folded at
//! 75 octets, `\`, `,`, `;` and newlines escaped.

use super::export::{ExportError, Filter, each};
use crate::model::{Community, Contact, Kind, Organisation, Space};
use crate::store::{self, Store};
use std::io::Write;

/// Escapes a text value (or one component of a structured value).
fn escape(s: &str) -> String {
    let s = crate::text::visible_keep_newlines(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (never inside a UTF-8 character) and ends it with CRLF.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

/// `N`: family name last word, given names the rest (many Indonesians have one name).
fn structured_name(full: &str) -> String {
    match full.trim().rsplit_once(' ') {
        Some((given, family)) => format!("{};{};;;", escape(family), escape(given)),
        None => format!(";{};;;", escape(full.trim())),
    }
}

fn target_name(store: &Store, id: &str) -> store::Result<Option<String>> {
    Ok(match store.kind_of_id(id)? {
        Some(Kind::Organisation) => store.get::<Organisation>(id)?.map(|r| r.name),
        Some(Kind::Space) => store.get::<Space>(id)?.map(|r| r.name),
        Some(Kind::Community) => store.get::<Community>(id)?.map(|r| r.name),
        _ => None,
    })
}

/// One contact's card.
fn card(store: &Store, c: &Contact) -> store::Result<String> {
    let mut lines = vec![
        "BEGIN:VCARD".to_string(),
        "VERSION:4.0".to_string(),
        format!("UID:urn:uuid:{}", c.meta.id),
        format!("FN:{}", escape(&c.name)),
        format!("N:{}", structured_name(&c.name)),
    ];
    let ch = &c.channels;
    if let Some(p) = &ch.phone {
        lines.push(format!("TEL;TYPE=cell;VALUE=uri:tel:{p}"));
    }
    if let Some(w) = ch
        .whatsapp
        .as_ref()
        .filter(|w| ch.phone.as_ref() != Some(*w))
    {
        lines.push(format!("TEL;TYPE=\"cell,text\";VALUE=uri:tel:{w}"));
    }
    if let Some(e) = &ch.email {
        lines.push(format!("EMAIL:{}", escape(e)));
    }
    let mut notes = Vec::new();
    for (i, role) in c.roles.iter().enumerate() {
        let org = target_name(store, &role.target_id)?.unwrap_or_default();
        if i == 0 {
            lines.push(format!("ORG:{}", escape(&org)));
            lines.push(format!("TITLE:{}", escape(&role.role)));
        }
        let term = match (&role.start, &role.end) {
            (None, None) => String::new(),
            (s, e) => format!(
                " ({}–{})",
                s.as_deref().unwrap_or(""),
                e.as_deref().unwrap_or("")
            ),
        };
        notes.push(format!("{}, {org}{term}", role.role));
    }
    if let Some(code) = c.city_code.as_deref()
        && let Some(city) = store.city(code)?
    {
        lines.push(format!(
            "ADR;TYPE=work:;;;{};;;Indonesia",
            escape(&city.name)
        ));
    }
    if let Some(u) = &ch.website {
        lines.push(format!("URL:{}", escape(u)));
    }
    if let Some(ig) = &ch.instagram {
        lines.push(format!(
            "URL;TYPE=instagram:https://www.instagram.com/{}",
            escape(ig)
        ));
    }
    if let Some(s) = &c.meta.source {
        notes.push(format!("Source: {s}"));
    }
    if !notes.is_empty() {
        lines.push(format!("NOTE:{}", escape(&notes.join("\n"))));
    }
    if !c.meta.updated_at.is_empty() {
        lines.push(format!("REV:{}", c.meta.updated_at.replace(['-', ':'], "")));
    }
    lines.push("END:VCARD".to_string());
    // Values are escaped above; this also covers unescaped ones (ids, phone numbers) that a
    // restored database might hold raw.
    Ok(lines
        .iter()
        .map(|l| fold(&crate::text::visible(l)))
        .collect())
}

/// Writes every contact passing `filter` as a card; returns how many.
pub fn write<W: Write>(store: &Store, filter: &Filter, mut out: W) -> Result<usize, ExportError> {
    let mut n = 0;
    each::<Contact>(store, filter, |c| {
        n += 1;
        Ok(out.write_all(card(store, &c)?.as_bytes())?)
    })?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_lines_within_75_octets_and_characters_whole() {
        let long = format!("NOTE:{}", "é".repeat(100));
        let folded = fold(&long);
        for line in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, long);
    }

    #[test]
    fn escaping_and_names() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(
            structured_name("Tb. Fiki C. Satari"),
            "Satari;Tb. Fiki C.;;;"
        );
        assert_eq!(structured_name("Sukarno"), ";Sukarno;;;");
    }
}
