//! Provinces and kabupaten/kota: the official region table, its lookups and network facts.

use super::{Result, Store, Writer, now_timestamp};
use crate::model::{Bounds, City, CityKind, IccnStatus, Province};
use rusqlite::{OptionalExtension, Row, params};

/// A city reference that does not name exactly one kabupaten/kota.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CityLookupError {
    #[error("unknown city '{input}'{}", hint(.candidates))]
    Unknown {
        input: String,
        candidates: Vec<String>,
    },
    #[error("ambiguous city '{input}': could be {}", .candidates.join(", "))]
    Ambiguous {
        input: String,
        candidates: Vec<String>,
    },
}

fn hint(candidates: &[String]) -> String {
    if candidates.is_empty() {
        " (give a Kemendagri code such as 33.74 or a full name such as Kota Semarang)".to_string()
    } else {
        format!("; did you mean {}?", candidates.join(", "))
    }
}

/// Normalises a Kemendagri city code: `3374` and `33.74` both give `33.74`.
pub fn normalise_city_code(input: &str) -> Option<String> {
    let s = input.trim();
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let shape_ok = s.chars().all(|c| c.is_ascii_digit() || c == '.');
    (shape_ok && digits.len() == 4).then(|| format!("{}.{}", &digits[..2], &digits[2..]))
}

/// Lowercase name with the common Indonesian prefixes spelled out (`kab.` → `kabupaten`).
fn fold_city_name(input: &str) -> String {
    let lower = input.trim().to_lowercase().replace('.', ". ");
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '.')
        .filter(|w| !w.is_empty())
        .collect();
    let mut out: Vec<&str> = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        out.push(match (*w, i) {
            ("kab" | "kabup" | "regency", _) => "kabupaten",
            ("kot" | "city", _) => "kota",
            _ => w,
        });
    }
    // "Semarang Regency" / "Semarang City" put the kind last.
    if out.len() > 1
        && let Some(last @ ("kabupaten" | "kota")) = out.last().copied()
    {
        out.pop();
        out.insert(0, last);
    }
    out.join(" ")
}

fn name_without_kind(folded: &str) -> &str {
    folded
        .strip_prefix("kabupaten ")
        .or_else(|| folded.strip_prefix("kota "))
        .unwrap_or(folded)
}

const CITY_COLUMNS: &str = "code, name, kind, province_code, seat, lat, lon, coord_source, \
     coord_quality, iccn_status, iccn_forum, iccn_joined, unesco_field, unesco_year, source, last_verified, \
     iccn_source, iccn_reported, kata_year, kata_subsectors, kata_source";

fn read_city(r: &Row) -> rusqlite::Result<City> {
    let kind: String = r.get(2)?;
    Ok(City {
        code: r.get(0)?,
        name: r.get(1)?,
        kind: if kind == "kota" {
            CityKind::Kota
        } else {
            CityKind::Kabupaten
        },
        province_code: r.get(3)?,
        seat: r.get(4)?,
        lat: r.get(5)?,
        lon: r.get(6)?,
        coord_source: r.get(7)?,
        coord_quality: r.get(8)?,
        iccn_status: IccnStatus::parse(&r.get::<_, String>(9)?).unwrap_or_default(),
        iccn_forum: r.get(10)?,
        iccn_joined: r.get(11)?,
        unesco_field: r.get(12)?,
        unesco_year: r.get(13)?,
        source: r.get(14)?,
        last_verified: r.get(15)?,
        iccn_source: r.get(16)?,
        iccn_reported: r.get(17)?,
        kata_year: r.get(18)?,
        kata_subsectors: crate::model::rules::list(&r.get::<_, String>(19)?),
        kata_source: r.get(20)?,
    })
}

const PROVINCE_COLUMNS: &str = "code, name, aliases, min_lat, max_lat, min_lon, max_lon, unesco_field, unesco_year, source, last_verified";

fn read_province(r: &Row) -> rusqlite::Result<Province> {
    let aliases: String = r.get(2)?;
    let bounds = match (r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?) {
        (Some(min_lat), Some(max_lat), Some(min_lon), Some(max_lon)) => Some(Bounds {
            min_lat,
            max_lat,
            min_lon,
            max_lon,
        }),
        _ => None,
    };
    Ok(Province {
        code: r.get(0)?,
        name: r.get(1)?,
        aliases: crate::model::rules::list(&aliases),
        bounds,
        unesco_field: r.get(7)?,
        unesco_year: r.get(8)?,
        source: r.get(9)?,
        last_verified: r.get(10)?,
    })
}

impl Store {
    /// All provinces, by code.
    pub fn provinces(&self) -> Result<Vec<Province>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {PROVINCE_COLUMNS} FROM province ORDER BY code"
        ))?;
        Ok(stmt
            .query_map([], read_province)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// One province by its two-digit code.
    pub fn province(&self, code: &str) -> Result<Option<Province>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {PROVINCE_COLUMNS} FROM province WHERE code = ?1"
        ))?;
        Ok(stmt.query_row(params![code], read_province).optional()?)
    }

    /// All kabupaten/kota, by code.
    pub fn cities(&self) -> Result<Vec<City>> {
        self.cities_where("1 = 1", "")
    }

    /// The kabupaten/kota of one province, by code.
    pub fn cities_in(&self, province_code: &str) -> Result<Vec<City>> {
        self.cities_where("province_code = ?1", province_code)
    }

    fn cities_where(&self, filter: &str, arg: &str) -> Result<Vec<City>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {CITY_COLUMNS} FROM city WHERE {filter} ORDER BY code"
        ))?;
        let rows = if filter.contains("?1") {
            stmt.query_map(params![arg], read_city)?
                .collect::<rusqlite::Result<_>>()?
        } else {
            stmt.query_map([], read_city)?
                .collect::<rusqlite::Result<_>>()?
        };
        Ok(rows)
    }

    /// One kabupaten/kota by code (`33.74` or `3374`).
    pub fn city(&self, code: &str) -> Result<Option<City>> {
        let Some(code) = normalise_city_code(code) else {
            return Ok(None);
        };
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("SELECT {CITY_COLUMNS} FROM city WHERE code = ?1"))?;
        Ok(stmt.query_row(params![code], read_city).optional()?)
    }

    /// Finds the one city a person means: a code (`33.74`, `3374`), a full name (`Kota Semarang`,
    /// `Kab. Bandung`, `Semarang City`) or a bare name when only one city has it.
    /// Anything else is an error that names the candidates.
    pub fn resolve_city(&self, input: &str) -> Result<City> {
        let cities = self.cities()?;
        Ok(resolve_in(&cities, input)?.clone())
    }
}

/// [`Store::resolve_city`] over an already loaded list (import resolves many rows at once).
pub fn resolve_in<'a>(cities: &'a [City], input: &str) -> Result<&'a City, CityLookupError> {
    if let Some(code) = normalise_city_code(input) {
        return cities
            .iter()
            .find(|c| c.code == code)
            .ok_or_else(|| CityLookupError::Unknown {
                input: input.to_string(),
                candidates: Vec::new(),
            });
    }
    let want = fold_city_name(input);
    let folded: Vec<String> = cities.iter().map(|c| fold_city_name(&c.name)).collect();
    if let Some(i) = folded.iter().position(|f| *f == want) {
        return Ok(&cities[i]);
    }
    let bare = name_without_kind(&want);
    let same: Vec<&City> = cities
        .iter()
        .zip(&folded)
        .filter(|(_, f)| name_without_kind(f) == bare)
        .map(|(c, _)| c)
        .collect();
    let label = |c: &City| format!("{} ({})", c.name, c.code);
    match same.as_slice() {
        [one] => Ok(one),
        [] => {
            let candidates = cities
                .iter()
                .zip(&folded)
                .filter(|(_, f)| !bare.is_empty() && f.contains(bare))
                .take(5)
                .map(|(c, _)| label(c))
                .collect();
            Err(CityLookupError::Unknown {
                input: input.to_string(),
                candidates,
            })
        }
        many => Err(CityLookupError::Ambiguous {
            input: input.to_string(),
            candidates: many.iter().map(|c| label(c)).collect(),
        }),
    }
}

impl Writer<'_> {
    /// Inserts or replaces a province (bundled data loading).
    pub fn put_province(&self, p: &Province) -> Result<()> {
        let now = now_timestamp();
        let b = p.bounds;
        self.conn.prepare_cached(
            "INSERT INTO province (code, name, aliases, min_lat, max_lat, min_lon, max_lon, unesco_field, \
             unesco_year, source, last_verified, created_at, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?12) \
             ON CONFLICT(code) DO UPDATE SET name=excluded.name, aliases=excluded.aliases, \
             min_lat=excluded.min_lat, max_lat=excluded.max_lat, min_lon=excluded.min_lon, max_lon=excluded.max_lon, \
             unesco_field=excluded.unesco_field, unesco_year=excluded.unesco_year, source=excluded.source, \
             last_verified=excluded.last_verified, updated_at=excluded.updated_at",
        )?
        .execute(params![
            p.code,
            p.name,
            p.aliases.join(";"),
            b.map(|b| b.min_lat),
            b.map(|b| b.max_lat),
            b.map(|b| b.min_lon),
            b.map(|b| b.max_lon),
            p.unesco_field,
            p.unesco_year,
            p.source,
            p.last_verified,
            now
        ])?;
        Ok(())
    }

    /// Inserts or replaces a kabupaten/kota (bundled data loading).
    pub fn put_city(&self, c: &City) -> Result<()> {
        let now = now_timestamp();
        self.conn.prepare_cached(&format!(
            "INSERT INTO city ({CITY_COLUMNS}, created_at, updated_at) \
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?22) \
             ON CONFLICT(code) DO UPDATE SET name=excluded.name, kind=excluded.kind, \
             province_code=excluded.province_code, seat=excluded.seat, lat=excluded.lat, lon=excluded.lon, \
             coord_source=excluded.coord_source, coord_quality=excluded.coord_quality, \
             iccn_status=excluded.iccn_status, iccn_forum=excluded.iccn_forum, iccn_joined=excluded.iccn_joined, \
             unesco_field=excluded.unesco_field, unesco_year=excluded.unesco_year, source=excluded.source, \
             last_verified=excluded.last_verified, iccn_source=excluded.iccn_source, \
             iccn_reported=excluded.iccn_reported, kata_year=excluded.kata_year, \
             kata_subsectors=excluded.kata_subsectors, kata_source=excluded.kata_source, \
             updated_at=excluded.updated_at"
        ))?
        .execute(params![
            c.code,
            c.name,
            c.kind.as_str(),
            c.province_code,
            c.seat,
            c.lat,
            c.lon,
            c.coord_source,
            c.coord_quality,
            c.iccn_status.as_str(),
            c.iccn_forum,
            c.iccn_joined,
            c.unesco_field,
            c.unesco_year,
            c.source,
            c.last_verified,
            c.iccn_source,
            c.iccn_reported,
            c.kata_year,
            c.kata_subsectors.join(";"),
            c.kata_source,
            now
        ])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn city(code: &str, name: &str) -> City {
        City {
            code: code.into(),
            name: name.into(),
            kind: if name.starts_with("Kota") {
                CityKind::Kota
            } else {
                CityKind::Kabupaten
            },
            province_code: code[..2].into(),
            seat: None,
            lat: None,
            lon: None,
            coord_source: None,
            coord_quality: None,
            iccn_status: IccnStatus::Unknown,
            iccn_forum: None,
            iccn_joined: None,
            iccn_source: None,
            iccn_reported: None,
            kata_year: None,
            kata_subsectors: Vec::new(),
            kata_source: None,
            unesco_field: None,
            unesco_year: None,
            source: None,
            last_verified: None,
        }
    }

    fn sample() -> Vec<City> {
        vec![
            city("33.22", "Kabupaten Semarang"),
            city("33.74", "Kota Semarang"),
            city("33.72", "Kota Surakarta"),
            city("32.04", "Kabupaten Bandung"),
            city("32.17", "Kabupaten Bandung Barat"),
            city("32.73", "Kota Bandung"),
        ]
    }

    #[test]
    fn codes_normalise_with_or_without_dot() {
        assert_eq!(normalise_city_code("3374").as_deref(), Some("33.74"));
        assert_eq!(normalise_city_code(" 33.74 ").as_deref(), Some("33.74"));
        assert_eq!(normalise_city_code("33"), None);
        assert_eq!(normalise_city_code("33.7a"), None);
    }

    #[test]
    fn resolves_codes_full_names_and_common_forms() {
        let c = sample();
        assert_eq!(resolve_in(&c, "3374").expect("code").name, "Kota Semarang");
        assert_eq!(resolve_in(&c, "kota semarang").expect("name").code, "33.74");
        assert_eq!(resolve_in(&c, "Kab. Semarang").expect("kab.").code, "33.22");
        assert_eq!(
            resolve_in(&c, "Semarang Regency").expect("en").code,
            "33.22"
        );
        assert_eq!(
            resolve_in(&c, "Surakarta").expect("bare unique").code,
            "33.72"
        );
    }

    #[test]
    fn ambiguous_and_unknown_names_list_candidates() {
        let c = sample();
        let err = resolve_in(&c, "Semarang").expect_err("ambiguous");
        let msg = err.to_string();
        assert!(
            msg.contains("Kota Semarang (33.74)") && msg.contains("Kabupaten Semarang (33.22)"),
            "{msg}"
        );
        let err = resolve_in(&c, "Bandung Timur").expect_err("unknown");
        assert!(matches!(err, CityLookupError::Unknown { .. }));
        let err = resolve_in(&c, "99.99").expect_err("unknown code");
        assert!(err.to_string().contains("99.99"));
    }
}
