//! Address books as contact tables: vCard files ([`super::vcard_in`]) and Google Contacts CSV
//! exports (their own headers: `First Name`, `Phone 1 - Value`, `Organization Name`, …, in the
//! current and the older "Given Name" form). Both become rows of contact cells, so validation,
//! phone normalisation and `FILE:LINE:` problems are the importer's own.

use super::Problem;
use super::columns::Field;
use super::source::{Input, Loc, Table};
use crate::model::Kind;

/// One row of cells and the line it starts on.
pub type Row = (u64, Vec<(Field, String)>);

/// Reads `input` as an address book when it is one: `Some` tables (possibly none, with
/// problems) for a vCard file or a Google Contacts CSV, `None` for any other file.
pub fn tables<'a>(
    input: &'a Input,
    data: &'a [u8],
    forced: Option<Kind>,
    problems: &mut Vec<Problem>,
) -> Option<Vec<Table<'a>>> {
    let origin = input.origin.as_str();
    let (rows, notes) = if super::vcard_in::looks_like_vcard(data) {
        let text = String::from_utf8_lossy(data);
        let (cards, notes) = super::vcard_in::read(origin, &text, problems);
        let rows = cards.into_iter().map(|c| (c.line, c.cells)).collect();
        (rows, notes)
    } else if is_google_csv(data) {
        google_rows(origin, data, problems)?
    } else {
        return None;
    };
    if let Some(k) = forced.filter(|k| *k != Kind::Contact) {
        problems.push(Problem::at(
            origin,
            Loc::File,
            None,
            format!("an address book holds contacts, not {}", k.plural()),
        ));
        return Some(Vec::new());
    }
    let mut table = Table::rows(origin, Kind::Contact, rows, data.len());
    if notes.without_city > 0 {
        table.notes.push(Problem::at(
            origin,
            Loc::File,
            Some("city".into()),
            format!(
                "{} contact(s) have no address city and land without one; set it in the app \
                 (e to edit) or add a city column",
                notes.without_city
            ),
        ));
    }
    if notes.org_without_title > 0 {
        table.notes.push(Problem::at(
            origin,
            Loc::File,
            Some("organisation".into()),
            format!(
                "{} contact(s) name an organisation but no title; a role needs both, so the \
                 organisation was left out",
                notes.org_without_title
            ),
        ));
    }
    Some(vec![table])
}

/// The header line of a CSV file.
fn header_line(data: &[u8]) -> &[u8] {
    let end = memchr::memchr(b'\n', data).unwrap_or(data.len());
    &data[..end]
}

/// Google Contacts' export: its phone/e-mail value columns or its name columns.
fn is_google_csv(data: &[u8]) -> bool {
    let h = String::from_utf8_lossy(header_line(data));
    h.contains("Phone 1 - Value")
        || h.contains("E-mail 1 - Value")
        || (h.contains("First Name") && h.contains("Last Name"))
        || (h.contains("Given Name") && h.contains("Family Name"))
}

fn google_rows(
    origin: &str,
    data: &[u8],
    problems: &mut Vec<Problem>,
) -> Option<(Vec<Row>, super::vcard_in::Notes)> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(data);
    let names = super::source::header(origin, &mut reader, problems)?;
    let col = |want: &[&str]| want.iter().find_map(|w| names.iter().position(|n| n == w));
    let cols = |suffix: &str| -> Vec<usize> {
        (0..names.len())
            .filter(|&i| names[i].ends_with(suffix) && !names[i].starts_with("Custom"))
            .collect()
    };
    let full = col(&["Name"]);
    let parts: Vec<usize> = [
        col(&["First Name", "Given Name"]),
        col(&["Middle Name", "Additional Name"]),
        col(&["Last Name", "Family Name"]),
    ]
    .into_iter()
    .flatten()
    .collect();
    let phones: Vec<usize> = names
        .iter()
        .enumerate()
        .filter(|(_, n)| n.starts_with("Phone ") && n.ends_with(" - Value"))
        .map(|(i, _)| i)
        .collect();
    let emails = cols(" - Value")
        .into_iter()
        .filter(|&i| names[i].starts_with("E-mail "))
        .collect::<Vec<_>>();
    let org = col(&["Organization Name", "Organization 1 - Name"]);
    let title = col(&["Organization Title", "Organization 1 - Title"]);
    let city = col(&["Address 1 - City"]);
    let website = col(&["Website 1 - Value"]);
    let mut rows = Vec::new();
    let mut notes = super::vcard_in::Notes::default();
    let mut record = csv::StringRecord::new();
    let mut line = 1u64;
    let mut byte = 0usize;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let at = e.position().map_or(0, csv::Position::line);
                problems.push(Problem::at(
                    origin,
                    Loc::Line(at),
                    None,
                    format!("cannot read this line: {e}"),
                ));
                continue;
            }
        }
        let start = record.position().map_or(byte, |p| p.byte() as usize);
        line += memchr::memchr_iter(b'\n', &data[byte.min(start)..start]).count() as u64;
        byte = start;
        // Google writes several values of one field as `a ::: b`: the first is the primary.
        let get = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .and_then(|v| v.split(":::").next())
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(String::from)
        };
        let name = get(full).unwrap_or_else(|| {
            parts
                .iter()
                .filter_map(|i| get(Some(*i)))
                .collect::<Vec<_>>()
                .join(" ")
        });
        let mut cells = vec![(Field::Name, name)];
        let first = |list: &[usize]| list.iter().find_map(|i| get(Some(*i)));
        let mut put = |f: Field, v: Option<String>| {
            if let Some(v) = v {
                cells.push((f, v));
            }
        };
        put(Field::Phone, first(&phones));
        put(Field::Email, first(&emails));
        put(Field::Website, get(website));
        let c = get(city);
        if c.is_none() {
            notes.without_city += 1;
        }
        put(Field::City, c);
        match (get(org), get(title)) {
            (Some(o), Some(t)) => {
                put(Field::Organisation, Some(o));
                put(Field::Role, Some(t));
            }
            (Some(_), None) => notes.org_without_title += 1,
            _ => {}
        }
        if cells.len() > 1 || !cells[0].1.is_empty() {
            rows.push((line.max(2), cells));
        }
    }
    Some((rows, notes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, text: &str) -> Input {
        Input {
            origin: name.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn google_csv_rows_take_first_values_and_their_lines() {
        let i = input(
            "google.csv",
            "First Name,Middle Name,Last Name,Organization Name,Organization Title,\
             E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Address 1 - City\n\
             Contoh,,Satu,,,* Home,satu@example.org,Mobile,0812-0000-0001 ::: 0812-0000-0002,\n\
             \"Dua\nBaris\",,,Org,Ketua,,,,,Bandung\n",
        );
        let mut p = Vec::new();
        let t = tables(&i, &i.bytes, None, &mut p).expect("google csv");
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(t[0].kind, Kind::Contact);
        assert_eq!(t[0].notes.len(), 1, "one row has no city");
        let mut seen = Vec::new();
        t[0].for_each_row(&mut p, |loc, c, _, _| {
            seen.push((
                loc.to_string(),
                c.get(Field::Name).map(String::from),
                c.get(Field::Phone).map(String::from),
                c.get(Field::Role).map(String::from),
            ));
        });
        assert_eq!(seen[0].0, ":2");
        assert_eq!(seen[0].1.as_deref(), Some("Contoh Satu"));
        assert_eq!(seen[0].2.as_deref(), Some("0812-0000-0001"));
        assert_eq!(seen[1].0, ":3");
        assert_eq!(seen[1].3.as_deref(), Some("Ketua"));
    }

    #[test]
    fn other_files_are_not_address_books() {
        let i = input("contacts.csv", "name,phone\nA,0812\n");
        assert!(tables(&i, &i.bytes, None, &mut Vec::new()).is_none());
        let v = input("x.vcf", "BEGIN:VCARD\nFN:A\nEND:VCARD\n");
        let mut p = Vec::new();
        assert!(tables(&v, &v.bytes, Some(Kind::Space), &mut p).is_some_and(|t| t.is_empty()));
        assert!(p[0].message.contains("not spaces"), "{p:?}");
    }
}
