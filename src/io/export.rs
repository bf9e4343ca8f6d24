//! Export in exactly the import format (CSV with one kind per file, JSON arrays or an object
//! keyed by kind), so export → import is a lossless round trip; vCard for contacts.
//!
//! References (`operator`, `space`, a contact's `organisation`) are written as ids, which
//! import resolves like names. `whatsapp` is written as `yes` when it equals the phone.
//! Timestamps (`created_at`, `updated_at`) are not part of the format: an import stamps its own.
//!
//! A redacted export (without `--include-private`) withholds a private contact's private
//! fields but never in a way an import reads as "clear this": a CSV cell holds the marker
//! [`WITHHELD`], which no valid phone, WhatsApp, e-mail or Instagram value can equal and which
//! import reads as "leave the field as it is"; a JSON record simply lacks the key, which import
//! reads the same way (a column absent from a file never erases a field). Marking cells rather
//! than dropping the columns keeps public contacts' numbers in the file, and the marker tells a
//! reader of the file why the cell says nothing. So `export` → `import --update` is lossless.
//!
//! Control and bidi characters (which import refuses, but a restored database may hold) are
//! written as visible placeholders in CSV and vCard and as `\uXXXX` escapes in JSON, every time.

use super::columns::{Field, columns};
use crate::model::schema::{FieldDef, RolePart, Slot, Ty, text_of};
use crate::model::{Community, Contact, Kind, Organisation, Space, Visibility};
use crate::store::{self, Record, Store};
use crate::text;
use serde_json::{Map, Value};
use std::collections::HashSet;
use std::io::Write;

/// The text of a withheld private cell in a redacted CSV export; import leaves the field as it
/// is (see the module doc). Not a valid value of any private field.
pub const WITHHELD: &str = "(private)";

/// One cell's value before it is written as CSV text or JSON.
pub enum Cell {
    Text(Option<String>),
    Num(Option<f64>),
    Int(Option<i32>),
    List(Vec<String>),
    /// Per-role dates: empty when none is set.
    Dates(Vec<Option<String>>),
}

impl Cell {
    fn csv(self) -> String {
        match self {
            Cell::Text(t) => t
                .map(|t| text::visible_keep_newlines(&t).into_owned())
                .unwrap_or_default(),
            Cell::Num(n) => n.map(|v| v.to_string()).unwrap_or_default(),
            Cell::Int(n) => n.map(|v| v.to_string()).unwrap_or_default(),
            Cell::List(v) => text::visible_keep_newlines(&v.join(";")).into_owned(),
            Cell::Dates(v) => v
                .into_iter()
                .map(Option::unwrap_or_default)
                .collect::<Vec<_>>()
                .join(";"),
        }
    }

    fn json(self) -> Value {
        match self {
            Cell::Text(t) => t.map_or(Value::Null, Value::String),
            Cell::Num(n) => n.map_or(Value::Null, Value::from),
            Cell::Int(n) => n.map_or(Value::Null, Value::from),
            Cell::List(v) => Value::from(v),
            Cell::Dates(v) => Value::Array(
                v.into_iter()
                    .map(|d| d.map_or(Value::Null, Value::String))
                    .collect(),
            ),
        }
    }
}

/// A record kind export writes: every kind with a schema, its cells read through the schema.
pub trait Export: Record {
    /// The value of one column.
    fn cell(&self, f: Field) -> Cell {
        match Self::schema().field(f) {
            Some(def) => cell_of(self, def),
            None => Cell::Text(None),
        }
    }
    /// True when column `f` of this record is withheld by `filter`: the record is private, the
    /// field is private and the filter does not include private fields.
    fn withheld(&self, f: Field, filter: &Filter) -> bool {
        let schema = Self::schema();
        !filter.include_private
            && schema
                .visibility
                .is_some_and(|v| v(self) == Visibility::Private)
            && schema.field(f).is_some_and(|d| d.private)
    }
    /// Leaves out the fields the schema marks private when the record is private (a private
    /// contact's phone, WhatsApp, e-mail and Instagram).
    fn redact(&mut self) {
        let schema = Self::schema();
        if schema
            .visibility
            .is_some_and(|v| v(self) == Visibility::Private)
        {
            for def in schema.fields.iter().filter(|d| d.private) {
                if let Slot::Text(_, set) = &def.slot {
                    *set(self) = None;
                }
            }
        }
    }
}

impl<R: Record> Export for R {}

fn cell_of<R: Record>(r: &R, def: &FieldDef<R>) -> Cell {
    match &def.slot {
        Slot::Id => Cell::Text(Some(r.meta().id.clone())),
        Slot::Name => Cell::Text(Some(r.name().to_string())),
        Slot::Text(get, _) if def.ty == Ty::Whatsapp => {
            // `yes` says "the phone is on WhatsApp", as people write it in spreadsheets.
            let phone = text_of(r, Field::Phone);
            Cell::Text(match (get(r), phone) {
                (Some(w), Some(p)) if w == p => Some("yes".to_string()),
                (w, _) => w.clone(),
            })
        }
        Slot::Text(get, _) => Cell::Text(get(r).clone()),
        Slot::Int(get, _) => Cell::Int(*get(r)),
        Slot::Float(get, _) => Cell::Num(*get(r)),
        Slot::List(get, _) => Cell::List(get(r).clone()),
        Slot::Visibility(get, _) => Cell::Text(Some(get(r).as_str().to_string())),
        Slot::Roles(get, _) => {
            let roles = get(r);
            match def.ty {
                Ty::Role(RolePart::Title) => {
                    Cell::List(roles.iter().map(|r| r.role.clone()).collect())
                }
                Ty::Role(RolePart::Target) => {
                    Cell::List(roles.iter().map(|r| r.target_id.clone()).collect())
                }
                Ty::Role(RolePart::Start) => dates(roles.iter().map(|r| r.start.clone()).collect()),
                _ => dates(roles.iter().map(|r| r.end.clone()).collect()),
            }
        }
    }
}

fn dates(v: Vec<Option<String>>) -> Cell {
    Cell::Dates(if v.iter().all(Option::is_none) {
        Vec::new()
    } else {
        v
    })
}

/// Which records to export.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only records with these ids (`None` = every record).
    pub ids: Option<HashSet<String>>,
    /// Keep private contacts' phone, `WhatsApp`, e-mail and Instagram.
    pub include_private: bool,
}

impl Filter {
    /// The records a search for `query` finds, with the app's own engine and query syntax
    /// (`kind:`, `prov:`, `sub:`, …), so `export --query` exports what the app lists.
    pub fn matching(store: &Store, query: &str, include_private: bool) -> Result<Filter, String> {
        let ids = crate::index_load::ids_matching(store, query).map_err(|e| e.to_string())?;
        Ok(Filter {
            ids: Some(ids),
            include_private,
        })
    }
}

/// Why an export stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] store::StoreError),
    /// Writing the output failed (a full disk, a closed pipe): the `io::Error` is kept as the
    /// source so `main` can tell a closed pipe (`jejaring export … | head`) from a real failure.
    #[error("cannot write the export")]
    Write(#[source] std::io::Error),
    #[error("{0} are official data and are not exported")]
    NotExported(&'static str),
}

impl From<std::io::Error> for ExportError {
    fn from(e: std::io::Error) -> Self {
        ExportError::Write(e)
    }
}

impl From<csv::Error> for ExportError {
    fn from(e: csv::Error) -> Self {
        match e.into_kind() {
            csv::ErrorKind::Io(io) => ExportError::Write(io),
            other => ExportError::Write(std::io::Error::other(format!("{other:?}"))),
        }
    }
}

impl From<serde_json::Error> for ExportError {
    fn from(e: serde_json::Error) -> Self {
        ExportError::Write(e.into())
    }
}

/// Calls `f` with every record of `R` that passes the filter, redacted as the filter asks.
pub fn each<R: Export>(
    store: &Store,
    filter: &Filter,
    mut f: impl FnMut(R) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    store.each_or::<R, ExportError>(|mut r| {
        if filter
            .ids
            .as_ref()
            .is_some_and(|ids| !ids.contains(&r.meta().id))
        {
            return Ok(());
        }
        if !filter.include_private {
            r.redact();
        }
        f(r)
    })
}

fn csv_of<R: Export, W: Write>(
    store: &Store,
    filter: &Filter,
    out: W,
) -> Result<usize, ExportError> {
    let cols = columns(R::KIND);
    let mut w = csv::Writer::from_writer(out);
    w.write_record(cols.iter().map(|f| f.name()))?;
    let mut n = 0;
    each::<R>(store, filter, |r| {
        n += 1;
        Ok(w.write_record(cols.iter().map(|f| {
            if r.withheld(*f, filter) {
                WITHHELD.to_string()
            } else {
                r.cell(*f).csv()
            }
        }))?)
    })?;
    w.flush()?;
    Ok(n)
}

/// Writes the records of one kind as CSV in the import format; returns how many.
pub fn write_csv<W: Write>(
    store: &Store,
    kind: Kind,
    filter: &Filter,
    out: W,
) -> Result<usize, ExportError> {
    match kind {
        Kind::Community => csv_of::<Community, W>(store, filter, out),
        Kind::Space => csv_of::<Space, W>(store, filter, out),
        Kind::Organisation => csv_of::<Organisation, W>(store, filter, out),
        Kind::Contact => csv_of::<Contact, W>(store, filter, out),
        other => Err(ExportError::NotExported(other.plural())),
    }
}

fn json_of<R: Export>(store: &Store, filter: &Filter) -> Result<Vec<Value>, ExportError> {
    let cols = columns(R::KIND);
    let mut out = Vec::new();
    each::<R>(store, filter, |r| {
        let obj: Map<String, Value> = cols
            .iter()
            .filter(|f| !r.withheld(**f, filter))
            .map(|f| (f.name().to_string(), r.cell(*f).json()))
            .collect();
        out.push(Value::Object(obj));
        Ok(())
    })?;
    Ok(out)
}

/// The JSON export objects of one kind (also the properties of a GeoJSON feature).
pub(crate) fn json_kind(
    store: &Store,
    kind: Kind,
    filter: &Filter,
) -> Result<Vec<Value>, ExportError> {
    match kind {
        Kind::Community => json_of::<Community>(store, filter),
        Kind::Space => json_of::<Space>(store, filter),
        Kind::Organisation => json_of::<Organisation>(store, filter),
        _ => json_of::<Contact>(store, filter),
    }
}

/// Writes JSON in the import format: an array for one kind, or an object keyed by kind
/// (plural names, in import order) for several. Returns how many records.
pub fn write_json<W: Write>(
    store: &Store,
    kinds: &[Kind],
    filter: &Filter,
    mut out: W,
) -> Result<usize, ExportError> {
    let mut n = 0;
    let value = if let [kind] = kinds {
        let v = json_kind(store, *kind, filter)?;
        n += v.len();
        Value::Array(v)
    } else {
        let mut map = Map::new();
        for kind in kinds {
            let v = json_kind(store, *kind, filter)?;
            n += v.len();
            map.insert(kind.plural().to_string(), Value::Array(v));
        }
        Value::Object(map)
    };
    super::json::to_writer_pretty(&mut out, &value)?;
    writeln!(out)?;
    Ok(n)
}

/// Writes contacts as vCard 4.0 cards; returns how many.
pub fn write_vcard<W: Write>(store: &Store, filter: &Filter, out: W) -> Result<usize, ExportError> {
    super::vcard::write(store, filter, out)
}
