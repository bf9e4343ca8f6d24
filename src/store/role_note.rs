//! A contact's role in one line (`Ketua Dewan Pengarah, Indonesia Creative Cities Network
//! (ICCN)`), for `jejaring search` and anything else that lists people briefly.

use super::{Result, Store};
use rusqlite::OptionalExtension;

// The same "past" rule as the detail pane's people lists (see related.rs): a role is past when
// its end date has passed, or when another holder of the same role in the same record was
// reported later. Current roles come first in the contact's own order, then past ones, the
// latest first.
const ROLE_NOTE: &str = "SELECT r.role, coalesce(cm.name, s.name, o.name), \
     (r.end_date IS NOT NULL AND r.end_date < date('now')) OR EXISTS (SELECT 1 FROM role r2 \
       JOIN contact c2 ON c2.id = r2.contact_id \
       WHERE r2.role = r.role AND r2.rid <> r.rid \
         AND (r2.community_id = r.community_id OR r2.space_id = r.space_id \
              OR r2.organisation_id = r.organisation_id) \
         AND coalesce(r2.start_date, c2.last_verified) > coalesce(r.start_date, c.last_verified)) \
       AS past \
     FROM role r JOIN contact c ON c.id = r.contact_id \
     LEFT JOIN community cm ON cm.id = r.community_id \
     LEFT JOIN space s ON s.id = r.space_id \
     LEFT JOIN organisation o ON o.id = r.organisation_id \
     WHERE r.contact_id = ?1 \
     ORDER BY past, CASE WHEN past THEN 0 ELSE r.position END, \
       coalesce(r.end_date, r.start_date, c.last_verified) DESC, r.rid LIMIT 1";

/// A contact's role as one line says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleNote {
    /// `role, organisation` (or just the role when the organisation has no name).
    pub text: String,
    /// False when the role has ended or a later holder was reported (the contact has no
    /// current role; this is the latest past one).
    pub current: bool,
}

impl Store {
    /// Contact `id`'s current role and where, else its latest past role; `None` when the
    /// contact has no role (or there is no such contact).
    pub fn role_note(&self, id: &str) -> Result<Option<RoleNote>> {
        let mut stmt = self.conn().prepare_cached(ROLE_NOTE)?;
        let row: Option<(String, Option<String>, bool)> = stmt
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        Ok(row.map(|(role, place, past)| RoleNote {
            text: match place {
                Some(p) if !p.is_empty() => format!("{role}, {p}"),
                _ => role,
            },
            current: !past,
        }))
    }
}
