//! Reading vCard files (2.1 as older phones write it, 3.0 per RFC 2426, 4.0 per RFC 6350) into
//! rows of contact cells, so the importer validates them like any CSV row.
//!
//! A small reader rather than a crate: the vCard crates on crates.io are either 4.0-only and
//! strict (they refuse the quoted-printable 2.1/3.0 cards phones still export) or very young.
//! Only the properties a contact has are read: `FN` (else `N`), `TEL`, `EMAIL`, `ORG`+`TITLE`,
//! `ADR` (its locality is the city), `URL`; `PHOTO`, `NOTE` and the rest are skipped.

use super::Problem;
use super::columns::Field;
use super::source::Loc;

/// One card: the line its `BEGIN:VCARD` is on and its cells by column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub line: u64,
    pub cells: Vec<(Field, String)>,
}

/// What reading a file found besides the cards: counts for the import summary.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Notes {
    /// Cards with no address locality: they land without a city.
    pub without_city: usize,
    /// Cards with an organisation but no title: the organisation is left out (a role needs both).
    pub org_without_title: usize,
}

/// True when the bytes look like a vCard file (first non-blank line `BEGIN:VCARD`).
pub fn looks_like_vcard(data: &[u8]) -> bool {
    let start = data
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(data.len());
    data[start..]
        .get(..11)
        .is_some_and(|b| b.eq_ignore_ascii_case(b"BEGIN:VCARD"))
}

/// One unfolded content line and the physical line it starts on.
struct Logical {
    line: u64,
    text: String,
}

/// Joins folded lines (a line starting with a space or tab continues the one before, RFC 6350
/// 3.2) and quoted-printable soft breaks (a QP value ending in `=` goes on, vCard 2.1).
fn unfold(text: &str) -> Vec<Logical> {
    let mut out: Vec<Logical> = Vec::new();
    let mut qp_open = false;
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let line = i as u64 + 1;
        match out.last_mut() {
            Some(last) if qp_open => {
                last.text.pop(); // the soft-break `=`
                last.text.push_str(raw.trim_start());
            }
            Some(last) if raw.starts_with([' ', '\t']) => last.text.push_str(&raw[1..]),
            _ if raw.trim().is_empty() => {
                qp_open = false;
                continue;
            }
            _ => out.push(Logical {
                line,
                text: raw.to_string(),
            }),
        }
        qp_open = out.last().is_some_and(|l| {
            l.text.ends_with('=')
                && head(&l.text)
                    .to_ascii_uppercase()
                    .contains("QUOTED-PRINTABLE")
        });
    }
    out
}

/// The part before the value: `group.NAME;params`.
fn head(line: &str) -> &str {
    split_value(line).map_or(line, |(h, _)| h)
}

/// Splits `head:value` at the first colon outside double quotes.
fn split_value(line: &str) -> Option<(&str, &str)> {
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ':' if !quoted => return Some((&line[..i], &line[i + 1..])),
            _ => {}
        }
    }
    None
}

/// A parsed content line: upper-case name without its group, upper-case parameter words.
struct Prop<'a> {
    name: String,
    params: Vec<String>,
    value: &'a str,
}

fn prop(line: &str) -> Option<Prop<'_>> {
    let (head, value) = split_value(line)?;
    let mut parts = head.split(';');
    let full = parts.next()?;
    // `ITEM1.TEL`: the group only ties a property to its label; the property is the same.
    let name = full
        .rsplit('.')
        .next()
        .unwrap_or(full)
        .trim()
        .to_ascii_uppercase();
    let params = parts
        .flat_map(|p| {
            let (k, v) = p.split_once('=').unwrap_or(("TYPE", p));
            v.split(',')
                .map(move |v| format!("{}={}", k.trim(), v.trim().trim_matches('"')))
                .collect::<Vec<_>>()
        })
        .map(|p| p.to_ascii_uppercase())
        .collect();
    Some(Prop {
        name,
        params,
        value,
    })
}

impl Prop<'_> {
    fn has(&self, param: &str) -> bool {
        self.params.iter().any(|p| p == param)
    }

    fn is_qp(&self) -> bool {
        self.has("ENCODING=QUOTED-PRINTABLE") || self.has("TYPE=QUOTED-PRINTABLE")
    }

    /// The value as text: quoted-printable decoded (as UTF-8), escapes kept for [`components`].
    fn text(&self) -> String {
        if self.is_qp() {
            decode_qp(self.value)
        } else {
            self.value.to_string()
        }
    }
}

/// Decodes quoted-printable (`=C3=A9` → `é`); invalid sequences are kept as written.
fn decode_qp(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (b[i], b.get(i + 1).copied(), b.get(i + 2).copied()) {
            (b'=', Some(h), Some(l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Splits a structured value at unescaped `;` and unescapes each component.
fn components(v: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n' | 'N') => cur.push('\n'),
                Some(e) => cur.push(e),
                None => {}
            },
            ';' => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out.into_iter().map(|s| s.trim().to_string()).collect()
}

/// A single text value, unescaped.
fn unescape(v: &str) -> String {
    components(&v.replace(';', "\\;")).concat()
}

/// What one card collects before it becomes cells.
#[derive(Default)]
struct Draft {
    line: u64,
    name: Option<String>,
    structured: Option<String>,
    phone: Option<(bool, String)>,
    email: Option<String>,
    org: Option<String>,
    title: Option<String>,
    city: Option<String>,
    website: Option<String>,
    instagram: Option<String>,
}

impl Draft {
    fn take(&mut self, p: &Prop<'_>) {
        let text = p.text();
        match p.name.as_str() {
            "FN" => self.name = Some(unescape(&text)).filter(|s| !s.is_empty()),
            "N" => {
                // family;given;additional;prefix;suffix → "prefix given additional family suffix"
                let c = components(&text);
                let at = |i: usize| c.get(i).map_or("", String::as_str);
                let words = [at(3), at(1), at(2), at(0), at(4)];
                let joined = words
                    .iter()
                    .filter(|w| !w.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ");
                self.structured = Some(joined).filter(|s| !s.is_empty());
            }
            "TEL" => {
                let number = unescape(text.trim().trim_start_matches("tel:"));
                let cell = p.has("TYPE=CELL") || p.has("TYPE=MOBILE");
                // The first number, or the first mobile one: the one that takes a message.
                if !number.is_empty() && self.phone.as_ref().is_none_or(|(c, _)| cell && !c) {
                    self.phone = Some((cell, number));
                }
            }
            "EMAIL" if self.email.is_none() => {
                self.email = Some(unescape(&text)).filter(|s| !s.is_empty());
            }
            "ORG" if self.org.is_none() => {
                self.org = components(&text).into_iter().find(|s| !s.is_empty());
            }
            "TITLE" | "ROLE" if self.title.is_none() => {
                self.title = Some(unescape(&text)).filter(|s| !s.is_empty());
            }
            "ADR" if self.city.is_none() => {
                // pobox;ext;street;locality;region;code;country
                self.city = components(&text).get(3).cloned().filter(|s| !s.is_empty());
            }
            "URL" => {
                let url = unescape(&text);
                if url.contains("instagram.com/") {
                    self.instagram.get_or_insert(url);
                } else if !url.is_empty() {
                    self.website.get_or_insert(url);
                }
            }
            _ => {}
        }
    }

    fn finish(self, notes: &mut Notes) -> Card {
        let mut cells = Vec::new();
        let name = self.name.or(self.structured).unwrap_or_default();
        cells.push((Field::Name, name));
        let mut put = |f: Field, v: Option<String>| {
            if let Some(v) = v {
                cells.push((f, v));
            }
        };
        put(Field::Phone, self.phone.map(|(_, n)| n));
        put(Field::Email, self.email);
        put(Field::Website, self.website);
        put(Field::Instagram, self.instagram);
        if self.city.is_none() {
            notes.without_city += 1;
        }
        put(Field::City, self.city);
        match (self.org, self.title) {
            (Some(org), Some(title)) => {
                put(Field::Organisation, Some(org));
                put(Field::Role, Some(title));
            }
            (Some(_), None) => notes.org_without_title += 1,
            _ => {}
        }
        Card {
            line: self.line,
            cells,
        }
    }
}

/// Reads every card of a vCard file. A card left open, or a line outside any card, is a
/// problem at the line where it is.
pub fn read(origin: &str, text: &str, problems: &mut Vec<Problem>) -> (Vec<Card>, Notes) {
    let mut cards = Vec::new();
    let mut notes = Notes::default();
    let mut open: Option<Draft> = None;
    let problem = |line: u64, msg: &str| Problem::at(origin, Loc::Line(line), None, msg.into());
    for l in unfold(text) {
        let Some(p) = prop(&l.text) else {
            problems.push(problem(
                l.line,
                "is not a vCard content line (NAME:value); a folded line must start with a space",
            ));
            continue;
        };
        match (
            p.name.as_str(),
            p.value.trim().to_ascii_uppercase().as_str(),
        ) {
            ("BEGIN", "VCARD") => {
                if let Some(d) = open.take() {
                    problems.push(problem(d.line, "this card has no END:VCARD"));
                }
                open = Some(Draft {
                    line: l.line,
                    ..Draft::default()
                });
            }
            ("END", "VCARD") => match open.take() {
                Some(d) => cards.push(d.finish(&mut notes)),
                None => problems.push(problem(l.line, "END:VCARD without BEGIN:VCARD")),
            },
            _ => match open.as_mut() {
                Some(d) => d.take(&p),
                None => problems.push(problem(l.line, "is outside any BEGIN:VCARD … END:VCARD")),
            },
        }
    }
    if let Some(d) = open {
        problems.push(problem(d.line, "this card has no END:VCARD"));
    }
    (cards, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(c: &Card, f: Field) -> Option<&str> {
        c.cells
            .iter()
            .find(|(g, _)| *g == f)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn rfc_6350_example_with_folding_groups_and_uri_phones() {
        let text = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Simon\r\n  Perreault\r\n\
                    N:Perreault;Simon;;;ing. jr,M.Sc.\r\n\
                    ITEM1.TEL;VALUE=uri;TYPE=\"work,voice\";PREF=1:tel:+1-418-656-9254\r\n\
                    TEL;VALUE=uri;TYPE=\"work,cell,voice,video,text\":tel:+1-418-262-6501\r\n\
                    EMAIL;TYPE=work:simon.perreault@viagenie.ca\r\n\
                    ADR;TYPE=work:;;2875 boul. Laurier\\, suite D2-630;Quebec;QC;G1V 2M2;Canada\r\n\
                    PHOTO:data:image/jpeg;base64,AAAA\r\nEND:VCARD\r\n";
        let mut p = Vec::new();
        let (cards, notes) = read("a.vcf", text, &mut p);
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(cards.len(), 1);
        let c = &cards[0];
        assert_eq!(c.line, 1);
        assert_eq!(cell(c, Field::Name), Some("Simon Perreault"));
        assert_eq!(cell(c, Field::Phone), Some("+1-418-262-6501"));
        assert_eq!(cell(c, Field::City), Some("Quebec"));
        assert_eq!(cell(c, Field::Email), Some("simon.perreault@viagenie.ca"));
        assert_eq!(notes, Notes::default());
    }

    #[test]
    fn rfc_2426_style_cards_quoted_printable_and_line_numbers() {
        let text = "BEGIN:VCARD\nVERSION:3.0\nN:Doe;John;;;\nFN:John Doe\nORG:Example.com Inc.;\n\
                    TITLE:Imaginary test person\nTEL;type=CELL:+1 781 555 1212\nEND:VCARD\n\n\
                    BEGIN:VCARD\nVERSION:2.1\n\
                    N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:;Ren=C3=A9 =\nContoh;;;\n\
                    TEL;CELL:0812\nEND:VCARD\n";
        let mut p = Vec::new();
        let (cards, notes) = read("b.vcf", text, &mut p);
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(cards[1].line, 10);
        assert_eq!(
            cell(&cards[0], Field::Organisation),
            Some("Example.com Inc.")
        );
        assert_eq!(cell(&cards[0], Field::Role), Some("Imaginary test person"));
        assert_eq!(cell(&cards[1], Field::Name), Some("René Contoh"));
        assert_eq!(notes.without_city, 2);
    }

    #[test]
    fn broken_cards_are_located() {
        let mut p = Vec::new();
        read(
            "c.vcf",
            "BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\nnonsense\n",
            &mut p,
        );
        let text: Vec<String> = p.iter().map(ToString::to_string).collect();
        assert_eq!(text[0], "c.vcf:1: this card has no END:VCARD");
        assert!(text[1].starts_with("c.vcf:6: is not a vCard"), "{text:?}");
        assert!(looks_like_vcard(b"\r\nbegin:vcard\r\n"));
        assert!(!looks_like_vcard(b"name,phone\n"));
    }
}
