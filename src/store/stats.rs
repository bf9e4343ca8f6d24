//! Counts for `jejaring stats`: per kind, per province, ICCN coverage.

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
    pub iccn_members: i64,
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
    pub unesco_cities: i64,
    pub synthetic: i64,
    pub provinces: Vec<ProvinceStats>,
}

impl Stats {
    /// Share of kabupaten/kota that are ICCN members, in percent.
    pub fn iccn_coverage(&self) -> f64 {
        let cities = self.kabupaten + self.kota;
        if cities == 0 {
            0.0
        } else {
            100.0 * self.iccn_members as f64 / cities as f64
        }
    }
}

impl Store {
    /// Counts per kind and per province.
    pub fn stats(&self) -> Result<Stats> {
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
        let sql = format!(
            "SELECT p.code, p.name, \
             (SELECT count(*) FROM city c WHERE c.province_code = p.code AND c.kind = 'kabupaten'), \
             (SELECT count(*) FROM city c WHERE c.province_code = p.code AND c.kind = 'kota'), \
             (SELECT count(*) FROM city c WHERE c.province_code = p.code AND c.iccn_member = 1), \
             {}, {}, {}, {} FROM province p ORDER BY p.code",
            per_city("community"),
            per_city("space"),
            per_city("organisation"),
            per_city("contact")
        );
        let mut stmt = conn.prepare(&sql)?;
        let provinces = stmt
            .query_map([], |r| {
                Ok(ProvinceStats {
                    code: r.get(0)?,
                    name: r.get(1)?,
                    kabupaten: r.get(2)?,
                    kota: r.get(3)?,
                    iccn_members: r.get(4)?,
                    communities: r.get(5)?,
                    spaces: r.get(6)?,
                    organisations: r.get(7)?,
                    contacts: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Stats {
            kinds,
            kabupaten: one("SELECT count(*) FROM city WHERE kind = 'kabupaten'")?,
            kota: one("SELECT count(*) FROM city WHERE kind = 'kota'")?,
            iccn_members: one("SELECT count(*) FROM city WHERE iccn_member = 1")?,
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
