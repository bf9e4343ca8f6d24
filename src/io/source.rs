//! Reading import files into tables of rows: CSV (BOM, comma/semicolon/tab sniffed from the
//! header, RFC 4180 quoting) and JSON (an array of objects, or an object keyed by kind).

use super::Problem;
use super::columns::{FIELD_COUNT, Field, columns, kind_from_fields, kind_from_file_name};
use crate::model::Kind;
use std::fmt;
use std::path::Path;

/// Where a row is: a CSV line or a JSON record index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loc {
    /// The file as a whole.
    File,
    /// 1-based line where a CSV record starts.
    Line(u64),
    /// Index of an object in a JSON array, with the kind key when the file is keyed by kind.
    Record(Option<String>, usize),
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Loc::File => Ok(()),
            Loc::Line(n) => write!(f, ":{n}"),
            Loc::Record(None, i) => write!(f, ": record {i}"),
            Loc::Record(Some(k), i) => write!(f, ": {k} record {i}"),
        }
    }
}

/// The cells of one row by [`Field`]: `None` when the file has no such column.
pub struct Cells<'a> {
    v: [Option<&'a str>; FIELD_COUNT],
}

impl<'a> Cells<'a> {
    /// The raw text of a column, if the file has it.
    pub fn get(&self, f: Field) -> Option<&'a str> {
        self.v[f.index()]
    }

    fn is_blank(&self) -> bool {
        self.v.iter().flatten().all(|s| s.trim().is_empty())
    }

    /// A copy that outlives the row (to hand it to another thread).
    pub fn to_owned_cells(&self) -> OwnedCells {
        OwnedCells {
            v: self.v.map(|c| c.map(Box::from)),
        }
    }
}

/// [`Cells`] that own their text.
#[derive(Debug)]
pub struct OwnedCells {
    v: [Option<Box<str>>; FIELD_COUNT],
}

impl OwnedCells {
    /// The cells, borrowed.
    pub fn cells(&self) -> Cells<'_> {
        Cells {
            v: std::array::from_fn(|i| self.v[i].as_deref()),
        }
    }
}

/// A file's bytes and the name used in messages.
pub struct Input {
    pub origin: String,
    pub bytes: Vec<u8>,
}

impl Input {
    /// Reads a file from disk.
    pub fn read(path: &Path) -> std::io::Result<Input> {
        Ok(Input {
            origin: path.display().to_string(),
            bytes: std::fs::read(path)?,
        })
    }
}

enum Body<'a> {
    Csv {
        data: &'a [u8],
        delimiter: u8,
        map: Vec<Option<Field>>,
    },
    Json {
        key: Option<String>,
        rows: Vec<Vec<(Field, String)>>,
    },
    /// Rows read from an address book, each with the line it starts on.
    Rows(Vec<super::contacts_in::Row>),
}

/// The rows of one kind from one file.
pub struct Table<'a> {
    pub origin: &'a str,
    pub kind: Kind,
    body: Body<'a>,
    /// Size in bytes, for the progress bar.
    pub size: usize,
    /// Things the summary should say about the file that do not refuse it.
    pub notes: Vec<Problem>,
}

impl<'a> Table<'a> {
    /// A table of rows already split into cells (an address book), each at its line.
    pub(super) fn rows(
        origin: &'a str,
        kind: Kind,
        rows: Vec<super::contacts_in::Row>,
        size: usize,
    ) -> Self {
        Table {
            origin,
            kind,
            body: Body::Rows(rows),
            size,
            notes: Vec::new(),
        }
    }
}

/// Strips a UTF-8 byte order mark.
fn strip_bom(b: &[u8]) -> &[u8] {
    b.strip_prefix(b"\xef\xbb\xbf").unwrap_or(b)
}

/// The delimiter a spreadsheet used: the most frequent of `,` `;` and tab outside quotes in the
/// header line.
fn sniff_delimiter(data: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in data {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

fn looks_like_json(path_hint: &str, data: &[u8]) -> bool {
    let ext = Path::new(path_hint)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase);
    match ext.as_deref() {
        Some("json") => return true,
        Some("csv" | "txt" | "tsv") => return false,
        _ => {}
    }
    matches!(
        data.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'[' | b'{')
    )
}

/// Maps header names to fields, reporting unknown, duplicate and foreign columns.
fn map_header(
    origin: &str,
    names: &[String],
    kind: Option<Kind>,
    problems: &mut Vec<Problem>,
    loc: &Loc,
) -> Vec<Option<Field>> {
    let mut seen: Vec<Field> = Vec::new();
    let mut map = Vec::with_capacity(names.len());
    for name in names {
        if name.trim().is_empty() {
            map.push(None);
            continue;
        }
        let field = Field::parse(name);
        let mut keep = field;
        match field {
            None => problems.push(Problem::at(
                origin,
                loc.clone(),
                None,
                format!(
                    "column '{name}' is not known; rename it to one of the columns of the kind \
                     (see assets/examples/) or remove it"
                ),
            )),
            Some(f) if seen.contains(&f) => {
                problems.push(Problem::at(
                    origin,
                    loc.clone(),
                    None,
                    format!("column '{name}' repeats column '{}'", f.name()),
                ));
                keep = None;
            }
            Some(f) => seen.push(f),
        }
        map.push(keep);
    }
    if let Some(kind) = kind {
        for (name, f) in names.iter().zip(&map) {
            if let Some(f) = f
                && !columns(kind).contains(f)
            {
                problems.push(Problem::at(
                    origin,
                    loc.clone(),
                    None,
                    format!(
                        "column '{name}' does not belong to {}: their columns are {}",
                        kind.plural(),
                        columns(kind)
                            .iter()
                            .map(|f| f.name())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
        }
        if !map.contains(&Some(Field::Name)) && !map.contains(&Some(Field::Id)) {
            problems.push(Problem::at(
                origin,
                loc.clone(),
                None,
                "there is no 'name' (nama) column (nor an 'id' column, for updates)".to_string(),
            ));
        }
    }
    map
}

fn decide_kind(
    origin: &str,
    forced: Option<Kind>,
    fields: &[Field],
    problems: &mut Vec<Problem>,
) -> Option<Kind> {
    let kind = forced
        .or_else(|| kind_from_file_name(Path::new(origin)))
        .or_else(|| kind_from_fields(fields));
    if kind.is_none() {
        problems.push(Problem::at(
            origin,
            Loc::File,
            None,
            "cannot tell which kind of record this file holds; name it communities.csv, \
             spaces.csv, organisations.csv or contacts.csv, or pass --kind"
                .to_string(),
        ));
    }
    kind
}

/// Splits an input into tables. Problems with the file as a whole (unreadable, unknown columns,
/// unknown kind) go to `problems`; the tables that could be read are returned.
pub fn tables<'a>(
    input: &'a Input,
    forced: Option<Kind>,
    problems: &mut Vec<Problem>,
) -> Vec<Table<'a>> {
    let origin = input.origin.as_str();
    let data = strip_bom(&input.bytes);
    if let Some(found) = super::contacts_in::tables(input, data, forced, problems) {
        return found;
    }
    if looks_like_json(origin, data) {
        json::tables(input, data, forced, problems)
    } else {
        csv_table(input, data, forced, problems)
            .into_iter()
            .collect()
    }
}

/// The header line's names, trimmed; `None` (with the problem recorded) when it cannot be read.
pub(super) fn header(
    origin: &str,
    reader: &mut csv::Reader<&[u8]>,
    problems: &mut Vec<Problem>,
) -> Option<Vec<String>> {
    match reader.headers() {
        Ok(h) => Some(h.iter().map(|s| s.trim().to_string()).collect()),
        Err(e) => {
            problems.push(Problem::at(
                origin,
                Loc::Line(1),
                None,
                format!("cannot read the header line: {e}"),
            ));
            None
        }
    }
}

fn csv_table<'a>(
    input: &'a Input,
    data: &'a [u8],
    forced: Option<Kind>,
    problems: &mut Vec<Problem>,
) -> Option<Table<'a>> {
    let origin = input.origin.as_str();
    let delimiter = sniff_delimiter(data);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(data);
    let names = header(origin, &mut reader, problems)?;
    let mut header_problems = Vec::new();
    let fields: Vec<Field> = names.iter().filter_map(|n| Field::parse(n)).collect();
    let kind = decide_kind(origin, forced, &fields, problems)?;
    let map = map_header(
        origin,
        &names,
        Some(kind),
        &mut header_problems,
        &Loc::Line(1),
    );
    problems.extend(header_problems);
    Some(Table {
        origin,
        kind,
        body: Body::Csv {
            data,
            delimiter,
            map,
        },
        size: data.len(),
        notes: Vec::new(),
    })
}

/// Line numbers (1-based) of byte offsets, counted forwards once: offsets come in order.
struct LineCounter<'a> {
    data: &'a [u8],
    byte: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(data: &'a [u8]) -> Self {
        LineCounter {
            data,
            byte: 0,
            line: 1,
        }
    }

    /// The line holding the first byte at or after `at` that is not a line break (the csv
    /// crate puts a record's start on the `\n` of the CRLF before it).
    fn at(&mut self, at: usize) -> u64 {
        let mut at = at.min(self.data.len());
        while self
            .data
            .get(at)
            .is_some_and(|b| matches!(b, b'\r' | b'\n'))
        {
            at += 1;
        }
        if at > self.byte {
            self.line += memchr::memchr_iter(b'\n', &self.data[self.byte..at]).count() as u64;
            self.byte = at;
        }
        self.line
    }
}

impl Table<'_> {
    /// The kind's columns this table does not have at all (for JSON: in none of its records).
    /// Import leaves those fields of an updated record as they were.
    pub fn absent_columns(&self) -> Vec<Field> {
        let present = |f: &Field| match &self.body {
            Body::Csv { map, .. } => map.contains(&Some(*f)),
            Body::Json { rows, .. } => rows.iter().any(|r| r.iter().any(|(g, _)| g == f)),
            // Address books: a field no card has is absent.
            Body::Rows(rows) => rows.iter().any(|(_, r)| r.iter().any(|(g, _)| g == f)),
        };
        columns(self.kind)
            .iter()
            .filter(|f| **f != Field::Id && !present(f))
            .copied()
            .collect()
    }

    /// About how many rows the table has (CSV lines, which quoted line breaks overcount).
    pub fn rows_hint(&self) -> usize {
        match &self.body {
            Body::Csv { data, .. } => memchr::memchr_iter(b'\n', data).count().saturating_sub(1),
            Body::Json { rows, .. } => rows.len(),
            Body::Rows(rows) => rows.len(),
        }
    }

    /// Calls `f` with each non-blank row, its location and the bytes read so far.
    pub fn for_each_row(
        &self,
        problems: &mut Vec<Problem>,
        mut f: impl FnMut(&Loc, &Cells<'_>, usize, &mut Vec<Problem>),
    ) {
        match &self.body {
            Body::Csv {
                data,
                delimiter,
                map,
            } => {
                let mut reader = csv::ReaderBuilder::new()
                    .delimiter(*delimiter)
                    .flexible(true)
                    .from_reader(*data);
                // Bytes, decoded per record, and line numbers counted from byte offsets: the
                // csv crate's own line count drifts on CRLF files and puts a UTF-8 error of
                // the first data row on the header line.
                let mut raw = csv::ByteRecord::new();
                let mut lines = LineCounter::new(data);
                loop {
                    match reader.read_byte_record(&mut raw) {
                        Ok(false) => break,
                        Ok(true) => {}
                        Err(e) => {
                            let line = e.position().map_or(0, |p| lines.at(p.byte() as usize));
                            problems.push(Problem::at(
                                self.origin,
                                Loc::Line(line),
                                None,
                                format!("cannot read this line: {e}"),
                            ));
                            if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                                break;
                            }
                            continue;
                        }
                    }
                    let start = raw.position().map_or(0, |p| p.byte() as usize);
                    let line = lines.at(start);
                    let loc = Loc::Line(line);
                    // Moved, not taken: `take` would allocate a new empty record every row.
                    let record = match csv::StringRecord::from_byte_record(raw) {
                        Ok(r) => r,
                        Err(e) => {
                            let column = map
                                .get(e.utf8_error().field())
                                .copied()
                                .flatten()
                                .map(|f| f.name().to_string());
                            problems.push(Problem::at(
                                self.origin,
                                loc,
                                column,
                                "is not valid UTF-8 text; save the file as UTF-8 (CSV UTF-8 in \
                                 spreadsheet programs)"
                                    .to_string(),
                            ));
                            raw = e.into_byte_record();
                            continue;
                        }
                    };
                    let mut cells = Cells {
                        v: [None; FIELD_COUNT],
                    };
                    for (i, f) in map.iter().enumerate() {
                        if let Some(f) = f {
                            cells.v[f.index()] = Some(record.get(i).unwrap_or(""));
                        }
                    }
                    if record.len() > map.len()
                        && record.iter().skip(map.len()).any(|c| !c.trim().is_empty())
                    {
                        problems.push(Problem::at(
                            self.origin,
                            loc.clone(),
                            None,
                            format!(
                                "has {} cells but the header names {} columns",
                                record.len(),
                                map.len()
                            ),
                        ));
                    }
                    if !cells.is_blank() {
                        f(&loc, &cells, start, problems);
                    }
                    raw = record.into_byte_record();
                }
            }
            Body::Json { key, rows } => {
                for (i, row) in rows.iter().enumerate() {
                    let mut cells = Cells {
                        v: [None; FIELD_COUNT],
                    };
                    for (field, value) in row {
                        cells.v[field.index()] = Some(value.as_str());
                    }
                    let loc = Loc::Record(key.clone(), i);
                    f(&loc, &cells, self.size * i / rows.len().max(1), problems);
                }
            }
            Body::Rows(rows) => {
                for (i, (line, row)) in rows.iter().enumerate() {
                    let mut cells = Cells {
                        v: [None; FIELD_COUNT],
                    };
                    for (field, value) in row {
                        cells.v[field.index()] = Some(value.as_str());
                    }
                    f(
                        &Loc::Line(*line),
                        &cells,
                        self.size * i / rows.len().max(1),
                        problems,
                    );
                }
            }
        }
    }
}

#[path = "source_json.rs"]
mod json;

#[cfg(test)]
#[path = "source_tests.rs"]
mod tests;
