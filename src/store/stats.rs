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
        let cities_where = |cond: &str| {
            format!("(SELECT count(*) FROM city c WHERE c.province_code = p.code AND {cond})")
        };
        // Events count in the province of their first city, as the search places them.
        let stale_events = "(SELECT count(*) FROM event t JOIN city c ON c.code = \
             (SELECT city_code FROM event_city ec WHERE ec.event_id = t.id ORDER BY position LIMIT 1) \
             WHERE c.province_code = p.code AND (t.last_verified IS NULL OR t.last_verified < ?1))";
        let sql = format!(
            "SELECT p.code, p.name, {}, {}, {}, {}, {}, {}, {} + (p.unesco_year IS NOT NULL), \
             {stale_events} FROM province p ORDER BY p.code",
            cities_where("c.kind = 'kabupaten'"),
            cities_where("c.kind = 'kota'"),
            cities_where("c.iccn_status = 'yes'"),
            cities_where("c.iccn_status = 'no'"),
            cities_where("c.iccn_status = 'unknown'"),
            cities_where("c.kata_year IS NOT NULL"),
            cities_where("c.unesco_year IS NOT NULL"),
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
                    communities: 0,
                    spaces: 0,
                    organisations: 0,
                    contacts: 0,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut provinces = provinces;
        // One grouped pass per directory table (not one per province and figure): at a million
        // records the dashboard opens in a fraction of the time.
        let at: std::collections::HashMap<String, usize> = provinces
            .iter()
            .enumerate()
            .map(|(i, p)| (p.code.clone(), i))
            .collect();
        let province_of: std::collections::HashMap<String, String> = {
            let mut stmt = conn.prepare("SELECT code, province_code FROM city")?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?
        };
        for table in ["community", "space", "organisation", "contact"] {
            // A plain scan grouped by city: walking the city index would fetch every row at
            // random to read `last_verified` (2–3× slower at a million records).
            let mut stmt = conn.prepare(&format!(
                "SELECT city_code, count(*), sum(last_verified IS NULL OR last_verified < ?1) \
                 FROM {table} NOT INDEXED WHERE city_code IS NOT NULL GROUP BY city_code"
            ))?;
            let rows = stmt.query_map([stale_before], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })?;
            for row in rows {
                let (city, n, stale) = row?;
                let Some(p) = province_of
                    .get(&city)
                    .and_then(|code| at.get(code))
                    .and_then(|i| provinces.get_mut(*i))
                else {
                    continue;
                };
                p.stale += stale;
                match table {
                    "community" => p.communities += n,
                    "space" => p.spaces += n,
                    "organisation" => p.organisations += n,
                    _ => p.contacts += n,
                }
            }
        }
        // Subsectors in one pass over the communities' lists.
        let mut per_subsector = [0i64; crate::model::SUBSECTORS.len()];
        {
            let mut stmt = conn.prepare("SELECT subsectors FROM community")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let Some(list) = row.get_ref(0)?.as_str_or_null().ok().flatten() else {
                    continue;
                };
                let mut seen = [false; crate::model::SUBSECTORS.len()];
                for slug in crate::model::rules::list_items(list) {
                    if let Some(i) = crate::model::SUBSECTORS
                        .iter()
                        .position(|(s, _)| *s == slug)
                        && !seen[i]
                    {
                        seen[i] = true;
                        per_subsector[i] += 1;
                    }
                }
            }
        }
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
                .zip(per_subsector)
                .map(|((slug, _), n)| (*slug, n))
                .collect(),
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
