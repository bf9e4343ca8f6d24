//! Binding a record's values to a prepared statement: the common columns and the ones its
//! schema declares, in the order of [`insert_sql`].

use super::records::{COMMON, COMMON_LEN, Record};
use crate::model::rules;
use crate::model::schema::Slot;
use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{Statement, ToSql};

/// Binds values to consecutive parameters of a prepared statement without copying them.
pub(super) struct Binder<'s, 'c> {
    stmt: &'s mut Statement<'c>,
    next: usize,
    /// Every parameter was cleared to NULL first, so NULLs are not bound again.
    sparse: bool,
}

impl<'s, 'c> Binder<'s, 'c> {
    /// Binds from parameter `first` (1-based) on.
    pub(super) fn new(stmt: &'s mut Statement<'c>, first: usize) -> Self {
        Binder {
            stmt,
            next: first,
            sparse: false,
        }
    }

    /// Binds every parameter from the first: all are set to NULL, then only the values that
    /// are not NULL are bound (most optional fields of a row are empty; an import binds
    /// hundreds of thousands of rows).
    pub(super) fn sparse(stmt: &'s mut Statement<'c>) -> Self {
        stmt.clear_bindings();
        Binder {
            stmt,
            next: 1,
            sparse: true,
        }
    }

    /// Binds the next parameter.
    pub(super) fn bind<T: ToSql>(&mut self, v: T) -> rusqlite::Result<()> {
        let null = || {
            v.to_sql().is_ok_and(|o| {
                matches!(
                    o,
                    ToSqlOutput::Borrowed(ValueRef::Null) | ToSqlOutput::Owned(Value::Null)
                )
            })
        };
        if !(self.sparse && null()) {
            self.stmt.raw_bind_parameter(self.next, v)?;
        }
        self.next += 1;
        Ok(())
    }
}

/// Binds the values of the schema's table columns, in order, by reference.
pub(super) fn bind_fields<R: Record>(r: &R, b: &mut Binder<'_, '_>) -> rusqlite::Result<()> {
    for f in R::schema().stored() {
        match &f.slot {
            Slot::Text(get, _) => b.bind(get(r).as_deref())?,
            Slot::Int(get, _) => b.bind(*get(r))?,
            Slot::Float(get, _) => b.bind(*get(r))?,
            Slot::List(get, _) => b.bind(rules::join_list(get(r)))?,
            Slot::Visibility(get, _) => b.bind(get(r).as_str())?,
            Slot::Id | Slot::Name | Slot::Roles(..) => {}
        }
    }
    Ok(())
}

/// `INSERT INTO table (common, fields) VALUES (?1, …)` for kind `R`.
pub(super) fn insert_sql<R: Record>() -> String {
    let columns = R::schema().db_columns();
    let marks: Vec<String> = (1..=COMMON_LEN + columns.len())
        .map(|i| format!("?{i}"))
        .collect();
    format!(
        "INSERT INTO {} ({COMMON}, {}) VALUES ({})",
        R::schema().table,
        columns.join(", "),
        marks.join(", ")
    )
}

/// Binds every column of [`insert_sql`] for `rec`.
pub(super) fn bind_insert<R: Record>(stmt: &mut Statement<'_>, rec: &R) -> rusqlite::Result<()> {
    let m = rec.meta();
    let mut b = Binder::sparse(stmt);
    b.bind(&m.id)?;
    b.bind(rec.name())?;
    b.bind(m.source.as_deref())?;
    b.bind(m.last_verified.as_deref())?;
    b.bind(m.synthetic)?;
    b.bind(&m.created_at)?;
    b.bind(&m.updated_at)?;
    bind_fields(rec, &mut b)
}
