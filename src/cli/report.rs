//! What the read-only subcommands print: `search`, `show`, `stats`, `db path`, `db check`, `about`.
//! Text for people, `--json` for scripts; data is made visible-safe before it reaches a terminal.

use super::{ERROR, NOT_FOUND, OK};
use crate::i18n::{CliMsg, Lang};
use crate::model::{Community, Contact, Event, Kind, Organisation, Space};
use crate::search::{Query, SearchOptions, Searcher};
use crate::store::{Related, Store, normalise_city_code};
use anyhow::Result;
use serde_json::{Value, json};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

/// Control characters in data are shown as visible placeholders, never sent to the terminal.
fn visible(s: &str) -> String {
    crate::text::visible(s).into_owned()
}

/// A `--json` report as one line, control and bidi characters escaped ([`crate::io::json`]).
fn safe_json(v: &Value) -> serde_json::Result<String> {
    crate::io::json::to_string(v)
}

/// `jejaring db path`.
pub fn db_path(db: &Path, as_json: bool, out: &mut impl Write) -> Result<u8> {
    if as_json {
        writeln!(out, "{}", safe_json(&json!({ "path": db }))?)?;
    } else {
        writeln!(out, "{}", db.display())?;
    }
    Ok(OK)
}

/// `jejaring about`: the sources and licences of the bundled data.
pub fn about(out: &mut impl Write) -> Result<u8> {
    write!(out, "{}", crate::assets::ATTRIBUTIONS)?;
    Ok(OK)
}

/// `jejaring stats`.
pub fn stats(store: &Store, lang: Lang, as_json: bool, out: &mut impl Write) -> Result<u8> {
    let cutoff = crate::index_load::stale_cutoff();
    let st = store.stats(&cutoff)?;
    let stale: i64 = st.provinces.iter().map(|p| p.stale).sum();
    if as_json {
        let kinds: serde_json::Map<String, Value> = st
            .kinds
            .iter()
            .map(|(k, n)| (k.as_str().to_string(), json!(n)))
            .collect();
        writeln!(
            out,
            "{}",
            safe_json(&json!({
                "kinds": kinds,
                "kabupaten": st.kabupaten,
                "kota": st.kota,
                "iccn": {
                    "known_members": st.iccn_members,
                    "known_non_members": st.iccn_non_members,
                    "unknown": st.iccn_unknown,
                    "cities": st.kabupaten + st.kota,
                },
                "kata_kreatif": {
                    "cities": st.kata,
                    "per_year": st.kata_years.iter().map(|(y, n)| json!({"year": y, "cities": n})).collect::<Vec<_>>(),
                },
                "communities_per_subsector": st.subsectors.iter().map(|(s, n)| json!({"subsector": s, "communities": n})).collect::<Vec<_>>(),
                "unesco_creative_cities": st.unesco_cities,
                "stale_records": { "records": stale, "verified_before": cutoff },
                "synthetic_records": st.synthetic,
                "provinces": st.provinces,
            }))?
        )?;
        return Ok(OK);
    }
    for (kind, n) in &st.kinds {
        let label = match kind {
            Kind::City => CliMsg::StatsCities {
                n: *n,
                kabupaten: st.kabupaten,
                kota: st.kota,
            },
            k => CliMsg::StatsKind { kind: *k, n: *n },
        };
        writeln!(out, "{}", label.text(lang))?;
    }
    let iccn = CliMsg::StatsIccn {
        members: st.iccn_members,
        non_members: st.iccn_non_members,
        unknown: st.iccn_unknown,
        cities: st.kabupaten + st.kota,
    };
    writeln!(out, "{}", iccn.text(lang))?;
    let kata = CliMsg::StatsKata {
        n: st.kata,
        years: &st.kata_years,
    };
    writeln!(out, "{}", kata.text(lang))?;
    writeln!(out, "{}", CliMsg::StatsUnesco(st.unesco_cities).text(lang))?;
    // Every subsector, empty ones too: the coverage view charts them all.
    let subs: Vec<String> = st
        .subsectors
        .iter()
        .map(|(s, n)| format!("{s} {n}"))
        .collect();
    if !subs.is_empty() {
        writeln!(
            out,
            "{}",
            CliMsg::StatsSubsectors(&subs.join(", ")).text(lang)
        )?;
    }
    let stale_line = CliMsg::StatsStale {
        n: stale,
        before: &cutoff,
    };
    writeln!(out, "{}", stale_line.text(lang))?;
    if st.synthetic > 0 {
        writeln!(out, "{}", CliMsg::StatsSynthetic(st.synthetic).text(lang))?;
    }
    writeln!(out)?;
    writeln!(out, "{}", CliMsg::StatsColumns.text(lang))?;
    for p in &st.provinces {
        let n = |v: i64| v.to_string();
        let line = crate::i18n::stats_line(&[
            p.code.clone(),
            visible(&p.name),
            n(p.kabupaten),
            n(p.kota),
            n(p.iccn_members),
            n(p.iccn_non_members),
            n(p.iccn_unknown),
            n(p.kata),
            n(p.unesco),
            n(p.stale),
            n(p.communities),
            n(p.spaces),
            n(p.organisations),
            n(p.contacts),
        ]);
        writeln!(out, "{line}")?;
    }
    Ok(OK)
}

/// `jejaring db check`.
pub fn check(store: &Store, lang: Lang, as_json: bool, out: &mut impl Write) -> Result<u8> {
    let problems = store.check()?;
    if as_json {
        writeln!(
            out,
            "{}",
            safe_json(
                &json!({ "path": store.path(), "ok": problems.is_empty(), "problems": problems })
            )?
        )?;
    } else if problems.is_empty() {
        writeln!(out, "{}", CliMsg::CheckOk(store.path()).text(lang))?;
    } else {
        for p in &problems {
            eprintln!("{}: {}", store.path().display(), visible(p));
        }
    }
    Ok(if problems.is_empty() { OK } else { ERROR })
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

fn related_json(related: &Related) -> Value {
    Value::Array(
        related
            .groups
            .iter()
            .map(|(rel, refs)| json!({ "relation": rel, "records": refs }))
            .collect(),
    )
}

/// `jejaring show ID_OR_CODE`: the app's detail pane as text, or the record as JSON.
pub fn show(
    store: &Store,
    id: &str,
    lang: Lang,
    as_json: bool,
    out: &mut impl Write,
) -> Result<u8> {
    let found = lookup(store, id)?;
    let detail = match &found {
        Some((kind, value)) => crate::detail::load(store, *kind, &record_key(*kind, value))?,
        None => None,
    };
    let (Some((kind, value)), Some(detail)) = (found, detail) else {
        eprintln!("{}", CliMsg::ShowNotFound(&visible(id)).text(lang));
        return Ok(NOT_FOUND);
    };
    if as_json {
        writeln!(
            out,
            "{}",
            safe_json(
                &json!({ "kind": kind, "record": value, "related": related_json(&detail.related) })
            )?
        )?;
        return Ok(OK);
    }
    writeln!(
        out,
        "{} ({} {})",
        visible(&detail.title),
        crate::i18n::kind_name(lang, kind),
        visible(&detail.id)
    )?;
    let lines = detail.lines(lang);
    let width = lines
        .iter()
        .map(|(k, _)| unicode_width::UnicodeWidthStr::width(*k))
        .max()
        .unwrap_or(0);
    for (label, value) in &lines {
        let pad = width - unicode_width::UnicodeWidthStr::width(*label);
        // Multi-line values (descriptions, sources) continue under the value column.
        let value = visible(value).replace('\u{240A}', &format!("\n  {:width$}  ", ""));
        writeln!(out, "  {label}{:pad$}  {value}", "")?;
    }
    for (rel, refs) in &detail.related.groups {
        writeln!(
            out,
            "\n{} ({}):",
            crate::i18n::relation_name(lang, *rel),
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
    Ok(OK)
}

/// `jejaring search QUERY`: the app's ranking, one result a line (kind, id/code, name, city;
/// a contact with a role adds it as a fifth column, `role, organisation`: the current one, else
/// the latest, marked as past).
pub fn search(
    store: &Store,
    query: &str,
    kind: Option<Kind>,
    limit: usize,
    lang: Lang,
    as_json: bool,
    out: &mut impl Write,
) -> Result<u8> {
    let index = Arc::new(crate::index_load::load_index_for_one_search(store)?);
    let text = match kind {
        Some(k) => format!("{query} kind:{k}"),
        None => query.to_string(),
    };
    let parsed = match Query::parse(&text, index.aliases()) {
        Ok(q) => Arc::new(q),
        Err(e) => {
            eprintln!("jejaring: {}", visible(&e.to_string()));
            return Ok(ERROR);
        }
    };
    let options = SearchOptions {
        top_k: limit.max(1),
        ..SearchOptions::default()
    };
    let results = Searcher::new(Arc::clone(&index), options).search(&parsed);
    let hits = &results.hits[..results.hits.len().min(limit)];
    let mut rows = Vec::with_capacity(hits.len());
    for hit in hits {
        let rec = index.record(hit.id);
        let id = store.id_by_rowid(rec.kind, rec.rowid)?.unwrap_or_default();
        let city = rec
            .city
            .and_then(|c| index.regions().cities.get(usize::from(c)));
        let role = if rec.kind == Kind::Contact {
            store.role_note(&id)?
        } else {
            None
        };
        rows.push((rec, id, city, role));
    }
    if as_json {
        let list: Vec<Value> = rows
            .iter()
            .map(|(rec, id, city, role)| {
                let mut v = json!({
                    "kind": rec.kind,
                    "id": id,
                    "name": rec.name,
                    "city": city.map(|c| &c.name),
                    "city_code": city.map(|c| &c.code),
                });
                if rec.kind == Kind::Contact {
                    v["role"] = json!(role.as_ref().map(|r| &r.text));
                    v["role_current"] = json!(role.as_ref().map(|r| r.current));
                }
                v
            })
            .collect();
        writeln!(
            out,
            "{}",
            safe_json(&json!({ "total": results.total(), "results": list }))?
        )?;
    } else {
        for (rec, id, city, role) in &rows {
            let city = city.map_or(String::new(), |c| visible(&c.name));
            // Only contacts with a role get the fifth column: other lines stay as they were.
            let role = role.as_ref().map_or(String::new(), |r| {
                let text = visible(&r.text);
                if r.current {
                    format!("\t{text}")
                } else {
                    format!("\t{}", CliMsg::PastRole(&text).text(lang))
                }
            });
            writeln!(
                out,
                "{}\t{}\t{}\t{city}{role}",
                rec.kind.as_str(),
                visible(id),
                visible(rec.name)
            )?;
        }
    }
    Ok(if rows.is_empty() { NOT_FOUND } else { OK })
}
