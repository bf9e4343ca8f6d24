//! The records related to one record, grouped, for detail panes and `jejaring show`.

use super::{Result, Store};
use crate::model::{Kind, RecordRef};
use serde::Serialize;

pub use crate::model::Relation;

/// Related records in display order; empty groups are left out.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Related {
    pub groups: Vec<(Relation, Vec<RecordRef>)>,
}

impl Related {
    /// All related records in display order, flattened (for list selection).
    pub fn all(&self) -> impl Iterator<Item = &RecordRef> {
        self.groups.iter().flat_map(|(_, v)| v)
    }
}

// Each query returns (id, name, note) rows.
const CITY_OF: &str = "SELECT c.code, c.name, NULL FROM city c WHERE c.code = \
     (SELECT city_code FROM {T} WHERE id = ?1)";
// A role is past when its end date has passed, or when another holder of the same role in the
// same record was reported later: a role's date is its start, else the holder's last_verified
// (the newest source showing them), so a successor named by a newer source comes first without
// an end date being invented for the predecessor.
const PEOPLE_IN: &str = "SELECT c.id, c.name, r.role || coalesce(' (' || r.start_date || \
     coalesce('–' || r.end_date, '–') || ')', ''), \
     (r.end_date IS NOT NULL AND r.end_date < date('now')) OR EXISTS (SELECT 1 FROM role r2 \
       JOIN contact c2 ON c2.id = r2.contact_id WHERE r2.{COL} = r.{COL} AND r2.role = r.role \
       AND r2.rid <> r.rid \
       AND coalesce(r2.start_date, c2.last_verified) > coalesce(r.start_date, c.last_verified)) AS past \
     FROM role r JOIN contact c ON c.id = r.contact_id \
     WHERE r.{COL} = ?1 AND past = {PAST} \
     ORDER BY r.end_date IS NOT NULL, coalesce(r.start_date, c.last_verified) DESC, c.name";

impl Store {
    fn group(&self, kind: Kind, sql: &str, arg: &str) -> Result<Vec<RecordRef>> {
        super::delete::refs(self.conn(), kind, sql, arg)
    }

    /// The records related to `id` of `kind`, grouped.
    pub fn related(&self, kind: Kind, id: &str) -> Result<Related> {
        let mut groups = Vec::new();
        let mut push = |rel: Relation, k: Kind, sql: &str| -> Result<()> {
            let v = self.group(k, sql, id)?;
            if !v.is_empty() {
                groups.push((rel, v));
            }
            Ok(())
        };
        let city_of = |table: &str| CITY_OF.replace("{T}", table);
        let people = |col: &str| PEOPLE_IN.replace("{COL}", col).replace("{PAST}", "0");
        let past_people = |col: &str| PEOPLE_IN.replace("{COL}", col).replace("{PAST}", "1");
        match kind {
            Kind::Province => {
                push(
                    Relation::Cities,
                    Kind::City,
                    "SELECT code, name, CASE iccn_status WHEN 'yes' THEN 'ICCN' WHEN 'no' THEN 'not ICCN' END FROM city \
                     WHERE province_code = ?1 ORDER BY code",
                )?;
            }
            Kind::City => {
                push(
                    Relation::Province,
                    Kind::Province,
                    "SELECT p.code, p.name, NULL FROM province p JOIN city c ON c.province_code = p.code WHERE c.code = ?1",
                )?;
                push(
                    Relation::Communities,
                    Kind::Community,
                    "SELECT id, name, nullif(replace(subsectors, ';', ', '), '') FROM community \
                     WHERE city_code = ?1 ORDER BY name COLLATE NOCASE LIMIT 1000",
                )?;
                push(
                    Relation::Spaces,
                    Kind::Space,
                    "SELECT id, name, space_type FROM space WHERE city_code = ?1 ORDER BY name COLLATE NOCASE LIMIT 1000",
                )?;
                push(
                    Relation::Organisations,
                    Kind::Organisation,
                    "SELECT id, name, org_type FROM organisation WHERE city_code = ?1 ORDER BY name COLLATE NOCASE LIMIT 1000",
                )?;
                push(
                    Relation::Contacts,
                    Kind::Contact,
                    "SELECT c.id, c.name, (SELECT role FROM role r WHERE r.contact_id = c.id ORDER BY position LIMIT 1) \
                     FROM contact c WHERE city_code = ?1 ORDER BY name COLLATE NOCASE LIMIT 1000",
                )?;
                push(
                    Relation::Events,
                    Kind::Event,
                    "SELECT e.id, e.name, CAST(e.year AS TEXT) FROM event e JOIN event_city ec ON ec.event_id = e.id \
                     WHERE ec.city_code = ?1 ORDER BY e.year",
                )?;
            }
            Kind::Community => {
                push(Relation::City, Kind::City, &city_of("community"))?;
                push(
                    Relation::BasedAt,
                    Kind::Space,
                    "SELECT s.id, s.name, s.space_type FROM space s JOIN community c ON c.space_id = s.id WHERE c.id = ?1",
                )?;
                push(Relation::People, Kind::Contact, &people("community_id"))?;
                push(
                    Relation::PastPeople,
                    Kind::Contact,
                    &past_people("community_id"),
                )?;
            }
            Kind::Space => {
                push(Relation::City, Kind::City, &city_of("space"))?;
                push(
                    Relation::Operator,
                    Kind::Organisation,
                    "SELECT o.id, o.name, o.org_type FROM organisation o JOIN space s ON s.operator_id = o.id WHERE s.id = ?1",
                )?;
                push(
                    Relation::BasedHere,
                    Kind::Community,
                    "SELECT id, name, NULL FROM community WHERE space_id = ?1 ORDER BY name",
                )?;
                push(Relation::People, Kind::Contact, &people("space_id"))?;
                push(
                    Relation::PastPeople,
                    Kind::Contact,
                    &past_people("space_id"),
                )?;
                push(
                    Relation::Events,
                    Kind::Event,
                    "SELECT id, name, CAST(year AS TEXT) FROM event WHERE venue_id = ?1 ORDER BY year",
                )?;
            }
            Kind::Organisation => {
                push(Relation::City, Kind::City, &city_of("organisation"))?;
                push(
                    Relation::Operates,
                    Kind::Space,
                    "SELECT id, name, space_type FROM space WHERE operator_id = ?1 ORDER BY name",
                )?;
                push(Relation::People, Kind::Contact, &people("organisation_id"))?;
                push(
                    Relation::PastPeople,
                    Kind::Contact,
                    &past_people("organisation_id"),
                )?;
            }
            Kind::Contact => {
                push(Relation::City, Kind::City, &city_of("contact"))?;
                for (col, k) in [
                    ("community", Kind::Community),
                    ("space", Kind::Space),
                    ("organisation", Kind::Organisation),
                ] {
                    push(
                        Relation::Roles,
                        k,
                        &format!(
                            "SELECT t.id, t.name, r.role FROM role r JOIN {col} t ON t.id = r.{col}_id \
                             WHERE r.contact_id = ?1 ORDER BY r.position"
                        ),
                    )?;
                }
            }
            Kind::Event => {
                push(
                    Relation::Cities,
                    Kind::City,
                    "SELECT c.code, c.name, NULL FROM event_city ec JOIN city c ON c.code = ec.city_code \
                     WHERE ec.event_id = ?1 ORDER BY ec.position",
                )?;
                push(
                    Relation::Venue,
                    Kind::Space,
                    "SELECT s.id, s.name, s.space_type FROM space s JOIN event e ON e.venue_id = s.id WHERE e.id = ?1",
                )?;
            }
        }
        // A contact's roles come from three tables; show them as one group.
        let mut merged: Vec<(Relation, Vec<RecordRef>)> = Vec::new();
        for (rel, v) in groups {
            match merged.last_mut() {
                Some((last, acc)) if *last == rel => acc.extend(v),
                _ => merged.push((rel, v)),
            }
        }
        Ok(Related { groups: merged })
    }
}
