//! What the read-only subcommands print: `stats`, `show`, `db check`, `search`.
//! Text for people, `--json` for scripts; data is made visible-safe before it reaches a terminal.

use crate::cli::{ERROR, NOT_FOUND};
use crate::model::{Community, Contact, Event, Kind, Organisation, Space};
use crate::store::{Related, Store, normalise_city_code};
use anyhow::Result;
use serde_json::{Value, json};
use std::io::Write;

/// Control characters in data are shown as visible placeholders, never sent to the terminal.
fn visible(s: &str) -> String {
    crate::text::visible(s).into_owned()
}

/// `jejaring stats`.
pub fn stats(store: &Store, as_json: bool, out: &mut impl Write) -> Result<u8> {
    let st = store.stats()?;
    if as_json {
        let kinds: serde_json::Map<String, Value> = st
            .kinds
            .iter()
            .map(|(k, n)| (k.as_str().to_string(), json!(n)))
            .collect();
        writeln!(
            out,
            "{}",
            json!({
                "kinds": kinds,
                "kabupaten": st.kabupaten,
                "kota": st.kota,
                "iccn_members": st.iccn_members,
                "iccn_coverage_percent": (st.iccn_coverage() * 10.0).round() / 10.0,
                "unesco_creative_cities": st.unesco_cities,
                "synthetic_records": st.synthetic,
                "provinces": st.provinces,
            })
        )?;
        return Ok(0);
    }
    for (kind, n) in &st.kinds {
        let label = match kind {
            Kind::City => format!(
                "{n:>8}  kabupaten/kota ({} kabupaten, {} kota)",
                st.kabupaten, st.kota
            ),
            k => format!("{n:>8}  {}", k.plural()),
        };
        writeln!(out, "{label}")?;
    }
    writeln!(
        out,
        "ICCN members: {} of {} kabupaten/kota ({:.1}%)",
        st.iccn_members,
        st.kabupaten + st.kota,
        st.iccn_coverage()
    )?;
    writeln!(out, "UNESCO Creative Cities: {}", st.unesco_cities)?;
    if st.synthetic > 0 {
        writeln!(out, "Synthetic (generated) records: {}", st.synthetic)?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{:<4} {:<28} {:>4} {:>4} {:>4} {:>6} {:>6} {:>6} {:>6}",
        "code", "province", "kab", "kota", "iccn", "comm", "spaces", "orgs", "people"
    )?;
    for p in &st.provinces {
        writeln!(
            out,
            "{:<4} {:<28} {:>4} {:>4} {:>4} {:>6} {:>6} {:>6} {:>6}",
            p.code,
            visible(&p.name),
            p.kabupaten,
            p.kota,
            p.iccn_members,
            p.communities,
            p.spaces,
            p.organisations,
            p.contacts
        )?;
    }
    Ok(0)
}

/// `jejaring db check`.
pub fn check(store: &Store, as_json: bool, out: &mut impl Write) -> Result<u8> {
    let problems = store.check()?;
    if as_json {
        writeln!(
            out,
            "{}",
            json!({ "path": store.path(), "ok": problems.is_empty(), "problems": problems })
        )?;
    } else if problems.is_empty() {
        writeln!(out, "ok: {} is whole", store.path().display())?;
    } else {
        for p in &problems {
            eprintln!("{}: {}", store.path().display(), visible(p));
        }
    }
    Ok(if problems.is_empty() { 0 } else { ERROR })
}

/// Finds the record an id or code names: a province code (`33`), a city code (`33.74`, `3374`)
/// or a record id.
pub fn lookup(store: &Store, id: &str) -> Result<Option<(Kind, Value)>> {
    let id = id.trim();
    if id.len() == 2
        && let Some(p) = store.province(id)?
    {
        return Ok(Some((Kind::Province, serde_json::to_value(p)?)));
    }
    if normalise_city_code(id).is_some() {
        return Ok(store
            .city(id)?
            .map(|c| serde_json::to_value(c).map(|v| (Kind::City, v)))
            .transpose()?);
    }
    let value = match store.kind_of_id(id)? {
        Some(Kind::Community) => serde_json::to_value(store.get::<Community>(id)?)?,
        Some(Kind::Space) => serde_json::to_value(store.get::<Space>(id)?)?,
        Some(Kind::Organisation) => serde_json::to_value(store.get::<Organisation>(id)?)?,
        Some(Kind::Contact) => serde_json::to_value(store.get::<Contact>(id)?)?,
        Some(Kind::Event) => serde_json::to_value(store.get::<Event>(id)?)?,
        Some(Kind::Province | Kind::City) | None => return Ok(None),
    };
    Ok(store.kind_of_id(id)?.map(|k| (k, value)))
}

/// The record's key of `show`: code for regions, id otherwise.
fn record_key(kind: Kind, v: &Value) -> String {
    let key = match kind {
        Kind::Province | Kind::City => &v["code"],
        _ => &v["meta"]["id"],
    };
    key.as_str().unwrap_or_default().to_string()
}

/// Flattens a record's JSON into `field: value` lines, leaving out empty fields.
fn fields(prefix: &str, v: &Value, lines: &mut Vec<(String, String)>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                // Nested groups (meta, channels, bounds) read as plain fields; roles show as related.
                if k == "roles" || k == "name" {
                    continue;
                }
                let key = if prefix.is_empty() || matches!(prefix, "meta" | "channels") {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                fields(&key, v, lines);
            }
        }
        Value::Null => {}
        Value::String(s) if s.is_empty() => {}
        Value::Array(a) if a.is_empty() => {}
        Value::Bool(false) if prefix == "synthetic" => {}
        Value::String(s) => lines.push((prefix.to_string(), s.clone())),
        Value::Array(a) => lines.push((
            prefix.to_string(),
            a.iter()
                .map(|x| x.as_str().map_or_else(|| x.to_string(), String::from))
                .collect::<Vec<_>>()
                .join(", "),
        )),
        other => lines.push((prefix.to_string(), other.to_string())),
    }
}

fn related_json(related: &Related) -> Value {
    Value::Array(
        related
            .groups
            .iter()
            .map(|(rel, refs)| json!({ "relation": rel, "records": refs }))
            .collect(),
    )
}

/// `jejaring show ID_OR_CODE`.
pub fn show(store: &Store, id: &str, as_json: bool, out: &mut impl Write) -> Result<u8> {
    let Some((kind, value)) = lookup(store, id)? else {
        eprintln!(
            "jejaring: nothing has the id or code '{}' (try: jejaring search {})",
            visible(id),
            visible(id)
        );
        return Ok(NOT_FOUND);
    };
    let key = record_key(kind, &value);
    let related = store.related(kind, &key)?;
    if as_json {
        writeln!(
            out,
            "{}",
            json!({ "kind": kind, "record": value, "related": related_json(&related) })
        )?;
        return Ok(0);
    }
    let name = value["name"].as_str().unwrap_or_default();
    writeln!(out, "{} ({kind} {})", visible(name), visible(&key))?;
    let mut lines = Vec::new();
    fields("", &value, &mut lines);
    let width = lines.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    for (k, v) in lines {
        writeln!(out, "  {k:<width$}  {}", visible(&v))?;
    }
    for (rel, refs) in &related.groups {
        writeln!(
            out,
            "\n{} ({}):",
            crate::text::relation_label(*rel),
            refs.len()
        )?;
        for r in refs {
            let note = r.note.as_deref().map(|n| format!(" — {}", visible(n)));
            writeln!(
                out,
                "  {:<12} {:<36} {}{}",
                r.kind.as_str(),
                visible(&r.id),
                visible(&r.name),
                note.unwrap_or_default()
            )?;
        }
    }
    Ok(0)
}

/// `jejaring search QUERY` (filled in by the search engine).
pub fn search(
    _store: &Store,
    _query: &str,
    _kind: Option<Kind>,
    _limit: usize,
    _as_json: bool,
    _out: &mut impl Write,
) -> Result<u8> {
    anyhow::bail!("search is being wired to the index")
}
