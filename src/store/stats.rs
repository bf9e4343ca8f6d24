//! Counts for `jejaring stats` and the coverage view: per kind, per province (ICCN members
//! yes / no / unknown, KaTa Kreatif, UNESCO, stale records), per subsector.

use super::{Result, Store};
use crate::model::Kind;
use serde::Serialize;

/// One province's counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProvinceStats {
    pub code: String,
    pub name: String,
    pub kabupaten: i64,
    pub kota: i64,
    /// Kab/kota a source names as ICCN members.
    pub iccn_members: i64,
    /// Kab/kota a source says are not members.
    pub iccn_non_members: i64,
    /// Kab/kota no source checked says either way.
    pub iccn_unknown: i64,
    /// Kab/kota certified KaTa Kreatif.
    pub kata: i64,
    /// UNESCO Creative Cities (kab/kota and the province itself).
    pub unesco: i64,
    /// Directory records (events too) in the province whose `last_verified` is missing or
    /// older than the cutoff: what `prov:… stale:yes` lists.
    pub stale: i64,
    pub communities: i64,
    pub spaces: i64,
    pub organisations: i64,
    pub contacts: i64,
}

/// Whole-directory counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Records per kind, in [`Kind::ALL`] order.
    pub kinds: Vec<(Kind, i64)>,
    pub kabupaten: i64,
    pub kota: i64,
    pub iccn_members: i64,
    pub iccn_non_members: i64,
    pub iccn_unknown: i64,
    /// Kab/kota certified KaTa Kreatif, and how many per year (oldest first).
    pub kata: i64,
    pub kata_years: Vec<(i32, i64)>,
    pub unesco_cities: i64,
    /// Communities per subsector slug, in `SUBSECTORS` order.
    pub subsectors: Vec<(&'static str, i64)>,
    pub synthetic: i64,
    pub provinces: Vec<ProvinceStats>,
}

impl Store {
    /// Counts per kind and per province. `stale_before` is the `YYYY-MM-DD` before which a
    /// record's `last_verified` counts as stale.
    pub fn stats(&self, stale_before: &str) -> Result<Stats> {
        let conn = self.conn();
        let kinds = Kind::ALL
            .iter()
            .map(|&k| Ok((k, self.count(k)?)))
            .collect::<Result<Vec<_>>>()?;
        let one = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
        let per_city = |table: &str| {
            format!(
                "(SELECT count(*) FROM {table} t JOIN city c ON c.code = t.city_code WHERE c.province_code = p.code)"
            )
        };
        let cities_where = |cond: &str| {
            format!("(SELECT count(*) FROM city c WHERE c.province_code = p.code AND {cond})")
        };
        let stale_in = |table: &str| {
            format!(
                "(SELECT count(*) FROM {table} t JOIN city c ON c.code = t.city_code \
                 WHERE c.province_code = p.code AND (t.last_verified IS NULL OR t.last_verified < ?1))"
            )
        };
        // Events count in the province of their first city, as the search places them.
        let stale_events = "(SELECT count(*) FROM event t JOIN city c ON c.code = \
             (SELECT city_code FROM event_city ec WHERE ec.event_id = t.id ORDER BY position LIMIT 1) \
             WHERE c.province_code = p.code AND (t.last_verified IS NULL OR t.last_verified < ?1))";
        let sql = format!(
            "SELECT p.code, p.name, {}, {}, {}, {}, {}, {}, {} + (p.unesco_year IS NOT NULL), \
             {} + {} + {} + {} + {stale_events}, {}, {}, {}, {} FROM province p ORDER BY p.code",
            cities_where("c.kind = 'kabupaten'"),
            cities_where("c.kind = 'kota'"),
            cities_where("c.iccn_status = 'yes'"),
            cities_where("c.iccn_status = 'no'"),
            cities_where("c.iccn_status = 'unknown'"),
            cities_where("c.kata_year IS NOT NULL"),
            cities_where("c.unesco_year IS NOT NULL"),
            stale_in("community"),
            stale_in("space"),
            stale_in("organisation"),
            stale_in("contact"),
            per_city("community"),
            per_city("space"),
            per_city("organisation"),
            per_city("contact")
        );
        let mut stmt = conn.prepare(&sql)?;
        let provinces = stmt
            .query_map([stale_before], |r| {
                Ok(ProvinceStats {
                    code: r.get(0)?,
                    name: r.get(1)?,
                    kabupaten: r.get(2)?,
                    kota: r.get(3)?,
                    iccn_members: r.get(4)?,
                    iccn_non_members: r.get(5)?,
                    iccn_unknown: r.get(6)?,
                    kata: r.get(7)?,
                    unesco: r.get(8)?,
                    stale: r.get(9)?,
                    communities: r.get(10)?,
                    spaces: r.get(11)?,
                    organisations: r.get(12)?,
                    contacts: r.get(13)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Stats {
            kinds,
            kabupaten: one("SELECT count(*) FROM city WHERE kind = 'kabupaten'")?,
            kota: one("SELECT count(*) FROM city WHERE kind = 'kota'")?,
            iccn_members: one("SELECT count(*) FROM city WHERE iccn_status = 'yes'")?,
            iccn_non_members: one("SELECT count(*) FROM city WHERE iccn_status = 'no'")?,
            iccn_unknown: one("SELECT count(*) FROM city WHERE iccn_status = 'unknown'")?,
            kata: one("SELECT count(*) FROM city WHERE kata_year IS NOT NULL")?,
            kata_years: {
                let mut stmt = conn.prepare(
                    "SELECT kata_year, count(*) FROM city WHERE kata_year IS NOT NULL \
                     GROUP BY kata_year ORDER BY kata_year",
                )?;
                stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()?
            },
            subsectors: crate::model::SUBSECTORS
                .iter()
                .map(|(slug, _)| {
                    let n: i64 = conn.query_row(
                        "SELECT count(*) FROM community WHERE ';' || subsectors || ';' LIKE ?1",
                        [format!("%;{slug};%")],
                        |r| r.get(0),
                    )?;
                    Ok((*slug, n))
                })
                .collect::<Result<_>>()?,
            unesco_cities: one("SELECT count(*) FROM city WHERE unesco_year IS NOT NULL")?
                + one("SELECT count(*) FROM province WHERE unesco_year IS NOT NULL")?,
            synthetic: one(
                "SELECT (SELECT count(*) FROM community WHERE synthetic = 1) + \
                 (SELECT count(*) FROM space WHERE synthetic = 1) + \
                 (SELECT count(*) FROM organisation WHERE synthetic = 1) + \
                 (SELECT count(*) FROM contact WHERE synthetic = 1) + \
                 (SELECT count(*) FROM event WHERE synthetic = 1)",
            )?,
            provinces,
        })
    }
}
