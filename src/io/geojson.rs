//! GeoJSON export (RFC 7946): a `FeatureCollection` of the records that have a place, one
//! `Point` per record in `[lon, lat]` order, for QGIS, uMap or geojson.io.
//!
//! A feature's properties are the record's JSON export object (the import format, private
//! fields only with `--include-private`), plus `kind` and `coord_basis`: `own` for a space's
//! own coordinate, `city_seat` for a record placed at its kabupaten/kota's seat (with the
//! city's name in `coord_city`). Records with neither are left out.

use super::export::{ExportError, Filter, json_kind};
use crate::model::Kind;
use crate::store::Store;
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::io::Write;

/// Writes the records of `kinds` that pass `filter` as a `FeatureCollection`; returns how many
/// features (records with a place).
pub fn write<W: Write>(
    store: &Store,
    kinds: &[Kind],
    filter: &Filter,
    mut out: W,
) -> Result<usize, ExportError> {
    let seats: HashMap<String, (f64, f64, String)> = store
        .cities()?
        .into_iter()
        .filter_map(|c| Some((c.code, (c.lat?, c.lon?, c.name))))
        .collect();
    let mut features = Vec::new();
    for &kind in kinds {
        for record in json_kind(store, kind, filter)? {
            let Value::Object(mut props) = record else {
                continue;
            };
            let Some((lat, lon)) = place(&mut props, &seats) else {
                continue;
            };
            props.insert("kind".to_string(), json!(kind));
            features.push(json!({
                "type": "Feature",
                "geometry": { "type": "Point", "coordinates": [lon, lat] },
                "properties": Value::Object(props),
            }));
        }
    }
    let n = features.len();
    let collection = json!({ "type": "FeatureCollection", "features": features });
    super::json::to_writer_pretty(&mut out, &collection)?;
    writeln!(out)?;
    Ok(n)
}

/// The record's position, noting its basis in `props`: its own `lat`/`lon`, else its city's
/// seat.
fn place(
    props: &mut Map<String, Value>,
    seats: &HashMap<String, (f64, f64, String)>,
) -> Option<(f64, f64)> {
    let own = props
        .get("lat")
        .and_then(Value::as_f64)
        .zip(props.get("lon").and_then(Value::as_f64));
    if let Some(p) = own {
        props.insert("coord_basis".to_string(), json!("own"));
        return Some(p);
    }
    let (lat, lon, name) = seats.get(props.get("city")?.as_str()?)?;
    props.insert("coord_basis".to_string(), json!("city_seat"));
    props.insert("coord_city".to_string(), json!(name));
    Some((*lat, *lon))
}
