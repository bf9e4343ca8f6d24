//! vCard 4.0 (RFC 6350) for contacts: one card per contact, CRLF line endings, lines folded at
//! 75 octets, `\`, `,`, `;` and newlines escaped. Which fields become which properties is read
//! from the contact schema's `vcard` list and each field's type.

use super::export::{ExportError, Filter, each};
use crate::model::schema::{Col, Slot, Ty, text_of};
use crate::model::{Community, Contact, Kind, Organisation, Space};
use crate::store::Record;
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

/// One record's card: the properties its schema's `vcard` list names, in that order, each
/// written as its field's type says.
/// `compact` leaves out what a phone does not need (UID, NOTE, REV), for a QR code.
fn card<R: Record>(store: &Store, r: &R, compact: bool) -> store::Result<String> {
    let name = r.name();
    let mut lines = vec!["BEGIN:VCARD".to_string(), "VERSION:4.0".to_string()];
    if !compact {
        lines.push(format!("UID:urn:uuid:{}", r.meta().id));
    }
    lines.push(format!("FN:{}", escape(name)));
    lines.push(format!("N:{}", structured_name(name)));
    let mut notes = Vec::new();
    let schema = R::schema();
    for def in schema.vcard.iter().filter_map(|c| schema.field(*c)) {
        let value = text_of(r, def.col);
        match (def.ty, &def.slot) {
            (Ty::Phone, _) => {
                if let Some(p) = value {
                    lines.push(format!("TEL;TYPE=cell;VALUE=uri:tel:{p}"));
                }
            }
            (Ty::Whatsapp, _) => {
                if let Some(w) = value.filter(|w| text_of(r, Col::Phone) != Some(*w)) {
                    lines.push(format!("TEL;TYPE=\"cell,text\";VALUE=uri:tel:{w}"));
                }
            }
            (Ty::Email, _) => {
                if let Some(e) = value {
                    lines.push(format!("EMAIL:{}", escape(e)));
                }
            }
            (Ty::Role(_), Slot::Roles(get, _)) => {
                for (i, role) in get(r).iter().enumerate() {
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
            }
            (Ty::City, _) => {
                if let Some(code) = value
                    && let Some(city) = store.city(code)?
                {
                    lines.push(format!(
                        "ADR;TYPE=work:;;;{};;;Indonesia",
                        escape(&city.name)
                    ));
                }
            }
            (Ty::Url, _) => {
                if let Some(u) = value {
                    lines.push(format!("URL:{}", escape(u)));
                }
            }
            (Ty::Instagram, _) => {
                if let Some(ig) = value {
                    lines.push(format!(
                        "URL;TYPE=instagram:https://www.instagram.com/{}",
                        escape(ig)
                    ));
                }
            }
            // Sources (and any other text) go to the note, after the roles.
            _ => {
                if let Some(s) = value {
                    notes.push(format!("Source: {s}"));
                }
            }
        }
    }
    if compact {
        notes.clear();
    }
    if !notes.is_empty() {
        lines.push(format!("NOTE:{}", escape(&notes.join("\n"))));
    }
    let updated = &r.meta().updated_at;
    if !updated.is_empty() && !compact {
        lines.push(format!("REV:{}", updated.replace(['-', ':'], "")));
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
        Ok(out.write_all(card(store, &c, false)?.as_bytes())?)
    })?;
    Ok(n)
}

/// The card a QR code carries for one contact: compact, and without the private fields when the
/// contact is private (the export's redaction). `None` when there is no such contact.
pub fn qr_card(store: &Store, id: &str) -> store::Result<Option<String>> {
    use super::export::Export;
    let Some(mut c) = store.get::<Contact>(id)? else {
        return Ok(None);
    };
    c.redact();
    card(store, &c, true).map(Some)
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
