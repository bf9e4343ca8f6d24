//! What deleting a record takes with it: the roles in it and the records that lose a link,
//! read before the delete for the confirmation prompt and for undo.

use super::Result;
use crate::model::{Kind, RecordRef};
use rusqlite::{Connection, params};

/// What deleting a record takes with it, for the confirmation prompt.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DeleteReport {
    /// Roles of contacts in the record, removed with it.
    pub roles: Vec<RecordRef>,
    /// Records that point at it and lose the link (communities based there, spaces it operates, …).
    pub unlinked: Vec<RecordRef>,
}

impl DeleteReport {
    pub fn is_empty(&self) -> bool {
        self.roles.is_empty() && self.unlinked.is_empty()
    }
}

/// The `(id, name, note)` rows `sql` selects for `id`, as references to records of `kind`.
pub(super) fn refs(conn: &Connection, kind: Kind, sql: &str, id: &str) -> Result<Vec<RecordRef>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![id], |r| {
        Ok(RecordRef {
            kind,
            id: r.get(0)?,
            name: r.get(1)?,
            note: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn delete_report(conn: &Connection, kind: Kind, id: &str) -> Result<DeleteReport> {
    let mut report = DeleteReport::default();
    let role_col = match kind {
        Kind::Community => Some("community_id"),
        Kind::Space => Some("space_id"),
        Kind::Organisation => Some("organisation_id"),
        _ => None,
    };
    if let Some(col) = role_col {
        report.roles = refs(
            conn,
            Kind::Contact,
            &format!(
                "SELECT c.id, c.name, r.role FROM role r JOIN contact c ON c.id = r.contact_id \
                 WHERE r.{col} = ?1 ORDER BY c.name"
            ),
            id,
        )?;
    }
    if kind == Kind::Contact {
        report.roles = refs(
            conn,
            Kind::Contact,
            "SELECT r.contact_id, coalesce(cm.name, sp.name, o.name), r.role FROM role r \
             LEFT JOIN community cm ON cm.id = r.community_id \
             LEFT JOIN space sp ON sp.id = r.space_id \
             LEFT JOIN organisation o ON o.id = r.organisation_id \
             WHERE r.contact_id = ?1",
            id,
        )?;
    }
    match kind {
        Kind::Space => {
            report.unlinked = refs(
                conn,
                Kind::Community,
                "SELECT id, name, 'based here' FROM community WHERE space_id = ?1 ORDER BY name",
                id,
            )?;
            report.unlinked.extend(refs(
                conn,
                Kind::Event,
                "SELECT id, name, 'venue' FROM event WHERE venue_id = ?1 ORDER BY name",
                id,
            )?);
        }
        Kind::Organisation => {
            report.unlinked = refs(
                conn,
                Kind::Space,
                "SELECT id, name, 'operator' FROM space WHERE operator_id = ?1 ORDER BY name",
                id,
            )?;
        }
        _ => {}
    }
    Ok(report)
}

/// Logs one record's change by a delete's cascade (see [`Cascade`]).
type CascadeNote = Box<dyn FnOnce(&super::Writer<'_>) -> Result<()>>;

/// What a delete's foreign-key cascades change in other records (a link cleared, a role
/// removed), read before the delete so that each change is logged as an edit of that record
/// after it: peers then clear the same links even if the deleted record comes back.
pub(super) struct Cascade(Vec<CascadeNote>);

impl Cascade {
    /// Reads and expands the records `report` names.
    pub(super) fn before(w: &super::Writer<'_>, report: &DeleteReport) -> Result<Cascade> {
        use crate::model::{Community, Contact, Event, Organisation, Space};
        let mut notes = Vec::new();
        for r in report.roles.iter().chain(&report.unlinked) {
            super::snapshot::expand(w.conn, r.kind, &r.id)?;
            let note = match r.kind {
                Kind::Community => note_after::<Community>(w, &r.id)?,
                Kind::Space => note_after::<Space>(w, &r.id)?,
                Kind::Organisation => note_after::<Organisation>(w, &r.id)?,
                Kind::Contact => note_after::<Contact>(w, &r.id)?,
                Kind::Event => note_after::<Event>(w, &r.id)?,
                Kind::Province | Kind::City => None,
            };
            notes.extend(note);
        }
        Ok(Cascade(notes))
    }

    /// Logs how each record changed.
    pub(super) fn log(self, w: &super::Writer<'_>) -> Result<()> {
        self.0.into_iter().try_for_each(|note| note(w))
    }
}

fn note_after<R: super::Record + 'static>(
    w: &super::Writer<'_>,
    id: &str,
) -> Result<Option<CascadeNote>> {
    let Some(before) = super::records::get::<R>(w.conn, id)? else {
        return Ok(None);
    };
    Ok(Some(Box::new(
        move |w: &super::Writer<'_>| match super::records::get::<R>(w.conn, &before.meta().id)? {
            Some(after) => super::changes::note(w.conn, &w.clock, true, Some(&before), &after),
            None => Ok(()),
        },
    )))
}
