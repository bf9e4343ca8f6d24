//! `jejaring near CODE_OR_ID [--km N] [--kind K] [--limit N]`: the records within a radius of
//! one record, nearest first, with the distance and its basis (own coordinate or a city's
//! seat). The same lookup as the app's nearby list ([`crate::places`]).

use super::{ERROR, NOT_FOUND, OK};
use crate::i18n::{Lang, kind_name};
use crate::model::Kind;
use crate::places::{Basis, Places, basis_text, find};
use crate::store::Store;
use anyhow::Result;
use serde_json::{Value, json};
use std::io::Write;

/// What to list.
#[derive(Debug, Clone, Copy)]
pub struct NearArgs {
    pub km: f64,
    pub kind: Option<Kind>,
    pub limit: usize,
}

/// The kind and id (code for regions) that `input` names.
fn resolve(store: &Store, input: &str) -> Result<Option<(Kind, String)>> {
    Ok(super::report::lookup(store, input)?.map(|(kind, v)| {
        let key = match kind {
            Kind::Province | Kind::City => &v["code"],
            _ => &v["meta"]["id"],
        };
        (kind, key.as_str().unwrap_or_default().to_string())
    }))
}

/// Runs `jejaring near`. Exit [`OK`] with at least one record listed, [`NOT_FOUND`] for an
/// unknown id or an empty radius, [`ERROR`] for a bad radius or a record with no position.
pub fn near(
    store: &Store,
    input: &str,
    args: NearArgs,
    lang: Lang,
    as_json: bool,
    out: &mut impl Write,
) -> Result<u8> {
    let g = lang.geo();
    let shown_input = crate::text::visible(input).into_owned();
    if !args.km.is_finite() || args.km < 0.0 {
        eprintln!("jejaring: --km {}: give a radius of 0 km or more", args.km);
        return Ok(ERROR);
    }
    let Some((kind, id)) = resolve(store, input)? else {
        eprintln!("jejaring: {} '{shown_input}'", g.cli_not_found);
        return Ok(NOT_FOUND);
    };
    let index = crate::index_load::load_index_for_one_search(store)?;
    let places = Places::load(store, index.regions())?;
    let origin = store
        .rowid_of(kind, &id)?
        .and_then(|rid| find(&index, kind, rid));
    let Some(origin) = origin else {
        eprintln!("jejaring: {} '{shown_input}'", g.cli_not_found);
        return Ok(NOT_FOUND);
    };
    let nearby = places.nearby_index(&index);
    let Some(list) = places.near(&index, &nearby, origin, args.km, args.kind, args.limit) else {
        eprintln!("jejaring: {shown_input} {}", g.cli_no_position);
        return Ok(ERROR);
    };
    let regions = index.regions();
    let from = index.record(origin);
    let from_place = places.place(&from);
    let mut rows = Vec::with_capacity(list.len());
    for n in &list {
        let rec = index.record(n.id);
        let key = store.id_by_rowid(rec.kind, rec.rowid)?.unwrap_or_default();
        rows.push((rec, key, n));
    }
    if as_json {
        let basis_word = |b: Basis| match b {
            Basis::Own => "own",
            Basis::Seat(_) => "seat",
            Basis::Province(_) => "province",
        };
        let results: Vec<Value> = rows
            .iter()
            .map(|(rec, key, n)| {
                json!({
                    "kind": rec.kind,
                    "id": key,
                    "name": rec.name,
                    "km": (n.km * 10.0).round() / 10.0,
                    "basis": basis_word(n.basis),
                    "basis_text": basis_text(lang, regions, rec.kind, n.basis),
                })
            })
            .collect();
        let value = json!({
            "origin": {
                "kind": kind,
                "id": id,
                "name": from.name,
                "basis": from_place.map(|p| basis_text(lang, regions, kind, p.basis)),
            },
            "km": args.km,
            "results": results,
        });
        crate::io::json::to_writer_pretty(&mut *out, &value)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "{} ({} {}), {} km{}",
            crate::text::visible(from.name),
            kind_name(lang, kind),
            crate::text::visible(&id),
            args.km,
            from_place
                .map(|p| format!(" ({})", basis_text(lang, regions, kind, p.basis)))
                .unwrap_or_default(),
        )?;
        for (rec, key, n) in &rows {
            writeln!(
                out,
                "{:>7.1} km  {}  ({} {}; {})",
                n.km,
                crate::text::visible(rec.name),
                kind_name(lang, rec.kind),
                crate::text::visible(key),
                crate::text::visible(&basis_text(lang, regions, rec.kind, n.basis)),
            )?;
        }
        if rows.is_empty() {
            writeln!(out, "{}", g.nearby_none)?;
        }
    }
    Ok(if rows.is_empty() { NOT_FOUND } else { OK })
}
