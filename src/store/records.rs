//! Typed create/read/update/delete for the editable record kinds, through one [`Record`] trait so
//! each kind states its columns once.

use super::binding::{Binder, bind_fields, bind_insert, insert_sql};
use super::delete::{DeleteReport, delete_report};
use super::{Result, Store, StoreError, Writer, now_timestamp};
use crate::model::schema::{Described, Slot};
use crate::model::{Community, Contact, Event, Kind, Meta, Organisation, Role, Space, rules};
use rusqlite::{Connection, OptionalExtension, Row, params};

/// A record kind stored in its own table with the common columns
/// `id, name, source, last_verified, synthetic, created_at, updated_at`, followed by the table
/// columns its schema declares ([`crate::model::schema`]). Kinds with child rows (a contact's
/// roles, an event's cities) write and read them in the hooks.
pub trait Record: Described {
    const KIND: Kind;
    /// Writes child rows (roles, event cities) after the record itself.
    fn save_children(&self, _c: &Children<'_>) -> Result<()> {
        Ok(())
    }
    /// Reads child rows after the record itself.
    fn load_children(&mut self, _c: &Children<'_>) -> Result<()> {
        Ok(())
    }
}

/// The open transaction or connection child rows are written through (opaque outside the store).
pub struct Children<'a> {
    pub(super) conn: &'a Connection,
    /// The record was just inserted: it has no child rows to delete first.
    pub(super) fresh: bool,
    /// Which kind holds a target id, remembered across the rows of one bulk insert.
    pub(super) kinds: Option<&'a std::cell::RefCell<std::collections::HashMap<String, Kind>>>,
}

impl<'a> Children<'a> {
    pub(super) fn of(conn: &'a Connection) -> Self {
        Children {
            conn,
            fresh: false,
            kinds: None,
        }
    }

    /// Which kind holds `id`, from the bulk insert's memory when it has one.
    fn kind_of(&self, id: &str) -> Result<Option<Kind>> {
        let Some(memo) = self.kinds else {
            return kind_of_id(self.conn, id);
        };
        if let Some(k) = memo.borrow().get(id) {
            return Ok(Some(*k));
        }
        let found = kind_of_id(self.conn, id)?;
        if let Some(k) = found {
            memo.borrow_mut().insert(id.to_string(), k);
        }
        Ok(found)
    }
}

pub(super) const COMMON: &str =
    "id, name, source, last_verified, synthetic, created_at, updated_at";
pub(super) const COMMON_LEN: usize = 7;

/// Builds a record from the common columns and the schema's table columns starting at `at`.
fn from_row<R: Record>(meta: Meta, name: String, row: &Row, at: usize) -> rusqlite::Result<R> {
    let mut r = R::default();
    *r.meta_mut() = meta;
    *r.name_mut() = name;
    for (i, f) in R::schema().stored().enumerate() {
        let at = at + i;
        match &f.slot {
            Slot::Text(_, set) => *set(&mut r) = row.get(at)?,
            Slot::Int(_, set) => *set(&mut r) = row.get(at)?,
            Slot::Float(_, set) => *set(&mut r) = row.get(at)?,
            Slot::List(_, set) => *set(&mut r) = rules::list(text_at(row, at)?.unwrap_or("")),
            Slot::Visibility(_, set) => {
                *set(&mut r) = text_at(row, at)?
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_default();
            }
            Slot::Id | Slot::Name | Slot::Roles(..) => {}
        }
    }
    Ok(r)
}

impl Record for Community {
    const KIND: Kind = Kind::Community;
}

impl Record for Space {
    const KIND: Kind = Kind::Space;
}

impl Record for Organisation {
    const KIND: Kind = Kind::Organisation;
}

impl Record for Contact {
    const KIND: Kind = Kind::Contact;
    fn save_children(&self, c: &Children<'_>) -> Result<()> {
        let conn = c.conn;
        if !c.fresh {
            conn.prepare_cached("DELETE FROM role WHERE contact_id = ?1")?
                .execute(params![self.meta.id])?;
        }
        for (pos, role) in self.roles.iter().enumerate() {
            let column = match c.kind_of(&role.target_id)? {
                Some(Kind::Community) => "community_id",
                Some(Kind::Space) => "space_id",
                Some(Kind::Organisation) => "organisation_id",
                _ => {
                    return Err(StoreError::NotFound {
                        kind: Kind::Organisation,
                        id: role.target_id.clone(),
                    });
                }
            };
            conn.prepare_cached(&format!(
                "INSERT INTO role (contact_id, {column}, role, start_date, end_date, position) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
            ))?
            .execute(params![
                self.meta.id,
                role.target_id,
                role.role,
                role.start,
                role.end,
                pos as i64
            ])?;
        }
        Ok(())
    }
    fn load_children(&mut self, c: &Children<'_>) -> Result<()> {
        let mut stmt = c.conn.prepare_cached(
            "SELECT role, coalesce(community_id, space_id, organisation_id), start_date, end_date \
             FROM role WHERE contact_id = ?1 ORDER BY position",
        )?;
        self.roles = stmt
            .query_map(params![self.meta.id], |r| {
                Ok(Role {
                    role: r.get(0)?,
                    target_id: r.get(1)?,
                    start: r.get(2)?,
                    end: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(())
    }
}

impl Record for Event {
    const KIND: Kind = Kind::Event;
    fn save_children(&self, c: &Children<'_>) -> Result<()> {
        let conn = c.conn;
        if !c.fresh {
            conn.prepare_cached("DELETE FROM event_city WHERE event_id = ?1")?
                .execute(params![self.meta.id])?;
        }
        for (pos, code) in self.city_codes.iter().enumerate() {
            conn.prepare_cached(
                "INSERT INTO event_city (event_id, city_code, position) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![self.meta.id, code, pos as i64])?;
        }
        Ok(())
    }
    fn load_children(&mut self, c: &Children<'_>) -> Result<()> {
        let mut stmt = c.conn.prepare_cached(
            "SELECT city_code FROM event_city WHERE event_id = ?1 ORDER BY position",
        )?;
        self.city_codes = stmt
            .query_map(params![self.meta.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(())
    }
}

fn select_sql<R: Record>(filter: &str) -> String {
    format!(
        "SELECT {COMMON}, {} FROM {} {filter}",
        R::schema().db_columns().join(", "),
        R::schema().table
    )
}

/// A text column read in place (no copy); `None` for NULL.
fn text_at<'r>(row: &'r Row<'_>, i: usize) -> rusqlite::Result<Option<&'r str>> {
    row.get_ref(i)?.as_str_or_null().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn read<R: Record>(row: &Row) -> rusqlite::Result<R> {
    let meta = Meta {
        id: row.get(0)?,
        source: row.get(2)?,
        last_verified: row.get(3)?,
        synthetic: row.get(4)?,
        created_at: row.get(5)?,
        updated_at: row.get(6)?,
    };
    from_row(meta, row.get(1)?, row, COMMON_LEN)
}

/// Which editable kind holds `id`, if any.
pub(crate) fn kind_of_id(conn: &Connection, id: &str) -> Result<Option<Kind>> {
    let mut stmt = conn.prepare_cached(
        "SELECT 'community' FROM community WHERE id = ?1 \
         UNION ALL SELECT 'space' FROM space WHERE id = ?1 \
         UNION ALL SELECT 'organisation' FROM organisation WHERE id = ?1 \
         UNION ALL SELECT 'contact' FROM contact WHERE id = ?1 \
         UNION ALL SELECT 'event' FROM event WHERE id = ?1",
    )?;
    let kind: Option<String> = stmt.query_row(params![id], |r| r.get(0)).optional()?;
    Ok(kind.and_then(|k| k.parse().ok()))
}

pub(super) fn get<R: Record>(conn: &Connection, id: &str) -> Result<Option<R>> {
    get_where(conn, "WHERE id = ?1", id)
}

/// The record of kind `R` at local rid `rid`.
pub(super) fn get_by_rid<R: Record>(conn: &Connection, rid: i64) -> Result<Option<R>> {
    get_where(conn, "WHERE rid = ?1", rid)
}

/// The one record of kind `R` that `filter` (one parameter) selects, with its child rows.
fn get_where<R: Record>(
    conn: &Connection,
    filter: &str,
    param: impl rusqlite::ToSql,
) -> Result<Option<R>> {
    let mut stmt = conn.prepare_cached(&select_sql::<R>(filter))?;
    let rec = stmt.query_row(params![param], read::<R>).optional()?;
    match rec {
        Some(mut r) => {
            r.load_children(&Children::of(conn))?;
            Ok(Some(r))
        }
        None => Ok(None),
    }
}

pub(super) fn table_of(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Community => Some(Community::schema().table),
        Kind::Space => Some(Space::schema().table),
        Kind::Organisation => Some(Organisation::schema().table),
        Kind::Contact => Some(Contact::schema().table),
        Kind::Event => Some(Event::schema().table),
        Kind::Province | Kind::City => None,
    }
}

impl Writer<'_> {
    /// Inserts a new record. An empty id gets a fresh UUID; timestamps are set here.
    pub fn insert<R: Record>(&self, rec: &mut R) -> Result<()> {
        let now = now_timestamp();
        let meta = rec.meta_mut();
        if meta.id.is_empty() {
            meta.id = uuid::Uuid::new_v4().to_string();
        }
        if meta.created_at.is_empty() {
            meta.created_at.clone_from(&now);
        }
        meta.updated_at = now;
        self.insert_exact(rec)
    }

    /// Inserts a record keeping its timestamps as given (import of exported data, generators).
    pub fn insert_exact<R: Record>(&self, rec: &R) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(&insert_sql::<R>())?;
        bind_insert(&mut stmt, rec)?;
        stmt.raw_execute()?;
        rec.save_children(&Children::of(self.conn))?;
        super::changes::note(self.conn, &self.clock, self.recording.get(), None, rec)
    }

    /// Replaces an existing record's fields and bumps `updated_at`.
    pub fn update<R: Record>(&self, rec: &mut R) -> Result<()> {
        let before = if self.recording.get() {
            super::snapshot::expand(self.conn, R::KIND, &rec.meta().id)?;
            get::<R>(self.conn, &rec.meta().id)?
        } else {
            None
        };
        rec.meta_mut().updated_at = now_timestamp();
        let sets: Vec<String> = ["name", "source", "last_verified"]
            .into_iter()
            .chain(R::schema().db_columns())
            .enumerate()
            .map(|(i, f)| format!("{f} = ?{}", i + 2))
            .collect();
        let sql = format!(
            "UPDATE {} SET {}, updated_at = ?{} WHERE id = ?1",
            R::schema().table,
            sets.join(", "),
            sets.len() + 2
        );
        let m = rec.meta();
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut b = Binder::new(&mut stmt, 1);
        b.bind(&m.id)?;
        b.bind(rec.name())?;
        b.bind(m.source.as_deref())?;
        b.bind(m.last_verified.as_deref())?;
        bind_fields(rec, &mut b)?;
        b.bind(&m.updated_at)?;
        let n = stmt.raw_execute()?;
        if n == 0 {
            return Err(StoreError::NotFound {
                kind: R::KIND,
                id: m.id.clone(),
            });
        }
        rec.save_children(&Children::of(self.conn))?;
        match &before {
            Some(before) => super::changes::note(self.conn, &self.clock, true, Some(before), rec),
            None => Ok(()),
        }
    }

    /// Deletes a record and the links that depend on it; returns what went with it.
    pub fn delete(&self, kind: Kind, id: &str) -> Result<DeleteReport> {
        let table = table_of(kind).ok_or_else(|| StoreError::NotFound {
            kind,
            id: id.to_string(),
        })?;
        let report = delete_report(self.conn, kind, id)?;
        let cascade = if self.recording.get() {
            super::snapshot::expand(self.conn, kind, id)?;
            Some(super::delete::Cascade::before(self, &report)?)
        } else {
            None
        };
        let n = self
            .conn
            .execute(&format!("DELETE FROM {table} WHERE id = ?1"), params![id])?;
        if n == 0 {
            return Err(StoreError::NotFound {
                kind,
                id: id.to_string(),
            });
        }
        super::changes::note_delete(self, kind, id)?;
        if let Some(cascade) = cascade {
            cascade.log(self)?;
        }
        Ok(report)
    }

    /// Sets `last_verified` (and `updated_at`) of one record.
    pub fn stamp_verified(&self, kind: Kind, id: &str, date: &str) -> Result<()> {
        let table = table_of(kind).ok_or_else(|| StoreError::NotFound {
            kind,
            id: id.to_string(),
        })?;
        if self.recording.get() {
            super::snapshot::expand(self.conn, kind, id)?;
        }
        let n = self.conn.execute(
            &format!("UPDATE {table} SET last_verified = ?2, updated_at = ?3 WHERE id = ?1"),
            params![id, date, now_timestamp()],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound {
                kind,
                id: id.to_string(),
            });
        }
        super::changes::note_field(self, kind, id, "last_verified", &date.into())
    }

    /// Reads a record inside the transaction.
    pub fn get<R: Record>(&self, id: &str) -> Result<Option<R>> {
        get(self.conn, id)
    }

    /// Which editable kind holds `id`.
    pub fn kind_of_id(&self, id: &str) -> Result<Option<Kind>> {
        kind_of_id(self.conn, id)
    }

    /// Ids of records of kind `R` named exactly `name` (case-insensitive) in `city_code`.
    pub fn ids_named<R: Record>(&self, name: &str, city_code: Option<&str>) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id FROM {} WHERE name = ?1 COLLATE NOCASE AND (?2 IS NULL OR city_code IS ?2)",
            R::schema().table
        ))?;
        let ids = stmt
            .query_map(params![name, city_code], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }
}

impl Store {
    /// One record by id.
    pub fn get<R: Record>(&self, id: &str) -> Result<Option<R>> {
        get(self.conn(), id)
    }

    /// Which editable kind holds `id`.
    pub fn kind_of_id(&self, id: &str) -> Result<Option<Kind>> {
        kind_of_id(self.conn(), id)
    }

    /// What deleting the record would take with it (for confirmation), without deleting.
    pub fn delete_report(&self, kind: Kind, id: &str) -> Result<DeleteReport> {
        delete_report(self.conn(), kind, id)
    }

    /// The id of the record of `kind` with SQLite rowid `rid` (the search index's handle).
    pub fn id_by_rowid(&self, kind: Kind, rid: i64) -> Result<Option<String>> {
        let sql = match kind {
            Kind::Province => "SELECT code FROM province WHERE rid = ?1".to_string(),
            Kind::City => "SELECT code FROM city WHERE rid = ?1".to_string(),
            _ => format!(
                "SELECT id FROM {} WHERE rid = ?1",
                table_of(kind).unwrap_or("community")
            ),
        };
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_row(params![rid], |r| r.get(0))
            .optional()?)
    }

    /// Calls `f` with every record of kind `R`, in name order (streaming, for export).
    pub fn each<R: Record>(&self, f: impl FnMut(R) -> Result<()>) -> Result<()> {
        self.each_or(f)
    }

    /// [`Store::each`] for a caller with its own error type (an export's write errors stop
    /// the loop and come back as they were).
    pub fn each_or<R: Record, E: From<StoreError>>(
        &self,
        mut f: impl FnMut(R) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut stmt = self
            .conn()
            .prepare(&select_sql::<R>("ORDER BY name COLLATE NOCASE, id"))
            .map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let mut rec = read::<R>(row).map_err(StoreError::from)?;
            rec.load_children(&Children::of(self.conn()))?;
            f(rec)?;
        }
        Ok(())
    }

    /// Every record of kind `R`, in name order.
    pub fn all<R: Record>(&self) -> Result<Vec<R>> {
        let mut out = Vec::new();
        self.each(|r| {
            out.push(r);
            Ok(())
        })?;
        Ok(out)
    }

    /// Number of records of `kind`.
    pub fn count(&self, kind: Kind) -> Result<i64> {
        let table = match kind {
            Kind::Province => "province",
            Kind::City => "city",
            _ => table_of(kind).unwrap_or("community"),
        };
        Ok(self
            .conn()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    }
}

impl Writer<'_> {
    /// Calls `f` with the id, name and city code of every record of `kind` that has a city
    /// (communities, spaces, organisations, contacts), in no particular order: the import's
    /// duplicate check, without building whole records or sorting. Read in this transaction,
    /// so it includes what other writers committed before it took the lock.
    pub fn each_identity(
        &self,
        kind: Kind,
        mut f: impl FnMut(&str, &str, Option<&str>),
    ) -> Result<()> {
        let Some(table) = table_of(kind).filter(|_| Kind::EDITABLE.contains(&kind)) else {
            return Ok(());
        };
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT id, name, city_code FROM {table}"))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let (id, name) = (text_at(row, 0)?, text_at(row, 1)?);
            f(
                id.unwrap_or_default(),
                name.unwrap_or_default(),
                text_at(row, 2)?,
            );
        }
        Ok(())
    }

    /// Calls `f` with the id and the phone, WhatsApp and e-mail of every record of `kind`
    /// that has one of them: the import's check for incoming rows that look like existing
    /// records.
    pub fn each_channel(
        &self,
        kind: Kind,
        mut f: impl FnMut(&str, [Option<&str>; 3]),
    ) -> Result<()> {
        let Some(table) = table_of(kind).filter(|_| Kind::EDITABLE.contains(&kind)) else {
            return Ok(());
        };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, phone, whatsapp, email FROM {table} \
             WHERE phone IS NOT NULL OR whatsapp IS NOT NULL OR email IS NOT NULL"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            f(
                text_at(row, 0)?.unwrap_or_default(),
                [text_at(row, 1)?, text_at(row, 2)?, text_at(row, 3)?],
            );
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "records_tests.rs"]
mod tests;
