//! Export in exactly the import format (CSV with one kind per file, JSON arrays or an object
//! keyed by kind), so export → import is a lossless round trip; vCard for contacts.
//!
//! References (`operator`, `space`, a contact's `organisation`) are written as ids, which
//! import resolves like names. `whatsapp` is written as `yes` when it equals the phone.
//! Timestamps (`created_at`, `updated_at`) are not part of the format: an import stamps its own.

use super::columns::{Field, columns};
use crate::model::{Channels, Community, Contact, Kind, Organisation, Space, Visibility};
use crate::store::{self, Record, Store};
use serde_json::{Map, Value};
use std::collections::HashSet;
use std::io::Write;

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
            Cell::Text(t) => t.unwrap_or_default(),
            Cell::Num(n) => n.map(|v| v.to_string()).unwrap_or_default(),
            Cell::Int(n) => n.map(|v| v.to_string()).unwrap_or_default(),
            Cell::List(v) => v.join(";"),
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

/// A record kind export writes.
pub trait Export: Record {
    /// The value of one column.
    fn cell(&self, f: Field) -> Cell;
    /// Leaves out private fields (phone, `WhatsApp`, e-mail, Instagram) when the record is private.
    fn redact(&mut self) {}
}

fn channel(c: &Channels, f: Field) -> Cell {
    Cell::Text(match f {
        Field::Website => c.website.clone(),
        Field::Instagram => c.instagram.clone(),
        Field::Email => c.email.clone(),
        Field::Phone => c.phone.clone(),
        Field::Whatsapp => match (&c.whatsapp, &c.phone) {
            (Some(w), Some(p)) if w == p => Some("yes".to_string()),
            (w, _) => w.clone(),
        },
        _ => None,
    })
}

fn common<R: Record>(r: &R, f: Field) -> Cell {
    let m = r.meta();
    Cell::Text(match f {
        Field::Id => Some(m.id.clone()),
        Field::Name => Some(r.name().to_string()),
        Field::Source => m.source.clone(),
        Field::LastVerified => m.last_verified.clone(),
        _ => None,
    })
}

impl Export for Community {
    fn cell(&self, f: Field) -> Cell {
        match f {
            Field::Subsectors => Cell::List(self.subsectors.clone()),
            Field::City => Cell::Text(self.city_code.clone()),
            Field::Space => Cell::Text(self.space_id.clone()),
            Field::Description => Cell::Text(self.description.clone()),
            Field::FoundedYear => Cell::Int(self.founded_year),
            Field::Website | Field::Instagram | Field::Email | Field::Phone | Field::Whatsapp => {
                channel(&self.channels, f)
            }
            _ => common(self, f),
        }
    }
}

impl Export for Space {
    fn cell(&self, f: Field) -> Cell {
        match f {
            Field::Type => Cell::Text(self.space_type.clone()),
            Field::City => Cell::Text(self.city_code.clone()),
            Field::Address => Cell::Text(self.address.clone()),
            Field::Lat => Cell::Num(self.lat),
            Field::Lon => Cell::Num(self.lon),
            Field::Operator => Cell::Text(self.operator_id.clone()),
            Field::Facilities => Cell::List(self.facilities.clone()),
            Field::OpeningHours => Cell::Text(self.opening_hours.clone()),
            Field::Description => Cell::Text(self.description.clone()),
            Field::Website | Field::Instagram | Field::Email | Field::Phone | Field::Whatsapp => {
                channel(&self.channels, f)
            }
            _ => common(self, f),
        }
    }
}

impl Export for Organisation {
    fn cell(&self, f: Field) -> Cell {
        match f {
            Field::Type => Cell::Text(self.org_type.clone()),
            Field::City => Cell::Text(self.city_code.clone()),
            Field::Description => Cell::Text(self.description.clone()),
            Field::Website | Field::Instagram | Field::Email | Field::Phone | Field::Whatsapp => {
                channel(&self.channels, f)
            }
            _ => common(self, f),
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

impl Export for Contact {
    fn cell(&self, f: Field) -> Cell {
        match f {
            Field::Role => Cell::List(self.roles.iter().map(|r| r.role.clone()).collect()),
            Field::Organisation => {
                Cell::List(self.roles.iter().map(|r| r.target_id.clone()).collect())
            }
            Field::RoleStart => dates(self.roles.iter().map(|r| r.start.clone()).collect()),
            Field::RoleEnd => dates(self.roles.iter().map(|r| r.end.clone()).collect()),
            Field::City => Cell::Text(self.city_code.clone()),
            Field::Visibility => Cell::Text(Some(self.visibility.as_str().to_string())),
            Field::Website | Field::Instagram | Field::Email | Field::Phone | Field::Whatsapp => {
                channel(&self.channels, f)
            }
            _ => common(self, f),
        }
    }
    fn redact(&mut self) {
        if self.visibility == Visibility::Private {
            self.channels = Channels {
                website: self.channels.website.take(),
                ..Channels::default()
            };
        }
    }
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

/// Calls `f` with every record of `R` that passes the filter, redacted as the filter asks.
pub fn each<R: Export>(
    store: &Store,
    filter: &Filter,
    mut f: impl FnMut(R) -> store::Result<()>,
) -> store::Result<()> {
    store.each::<R>(|mut r| {
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

fn io_err(e: impl std::fmt::Display) -> store::StoreError {
    store::StoreError::Assets(format!("cannot write the export: {e}"))
}

fn csv_of<R: Export, W: Write>(store: &Store, filter: &Filter, out: W) -> store::Result<usize> {
    let cols = columns(R::KIND);
    let mut w = csv::Writer::from_writer(out);
    w.write_record(cols.iter().map(|f| f.name()))
        .map_err(io_err)?;
    let mut n = 0;
    each::<R>(store, filter, |r| {
        n += 1;
        w.write_record(cols.iter().map(|f| r.cell(*f).csv()))
            .map_err(io_err)
    })?;
    w.flush().map_err(io_err)?;
    Ok(n)
}

/// Writes the records of one kind as CSV in the import format; returns how many.
pub fn write_csv<W: Write>(
    store: &Store,
    kind: Kind,
    filter: &Filter,
    out: W,
) -> store::Result<usize> {
    match kind {
        Kind::Community => csv_of::<Community, W>(store, filter, out),
        Kind::Space => csv_of::<Space, W>(store, filter, out),
        Kind::Organisation => csv_of::<Organisation, W>(store, filter, out),
        Kind::Contact => csv_of::<Contact, W>(store, filter, out),
        other => Err(store::StoreError::Assets(format!(
            "{} are official data and are not exported",
            other.plural()
        ))),
    }
}

fn json_of<R: Export>(store: &Store, filter: &Filter) -> store::Result<Vec<Value>> {
    let cols = columns(R::KIND);
    let mut out = Vec::new();
    each::<R>(store, filter, |r| {
        let obj: Map<String, Value> = cols
            .iter()
            .map(|f| (f.name().to_string(), r.cell(*f).json()))
            .collect();
        out.push(Value::Object(obj));
        Ok(())
    })?;
    Ok(out)
}

fn json_kind(store: &Store, kind: Kind, filter: &Filter) -> store::Result<Vec<Value>> {
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
) -> store::Result<usize> {
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
    serde_json::to_writer_pretty(&mut out, &value).map_err(io_err)?;
    writeln!(out).map_err(io_err)?;
    Ok(n)
}

/// Writes contacts as vCard 4.0 cards; returns how many.
pub fn write_vcard<W: Write>(store: &Store, filter: &Filter, out: W) -> store::Result<usize> {
    super::vcard::write(store, filter, out)
}
