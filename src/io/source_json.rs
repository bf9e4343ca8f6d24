//! JSON files: an array of records of one kind, or an object of arrays keyed by kind, each
//! record's values flattened to the cells a CSV row would have.

use super::{Body, Field, Input, Kind, Loc, Problem, Table, decide_kind, map_header};

fn json_scalar(v: &serde_json::Value) -> Option<String> {
    use serde_json::Value as J;
    match v {
        J::Null => Some(String::new()),
        J::String(s) => Some(s.clone()),
        J::Number(n) => Some(n.to_string()),
        J::Bool(b) => Some(if *b { "yes" } else { "no" }.to_string()),
        J::Array(items) => items
            .iter()
            .map(|i| match i {
                J::Array(_) | J::Object(_) => None,
                other => json_scalar(other),
            })
            .collect::<Option<Vec<_>>>()
            .map(|v| v.join(";")),
        J::Object(_) => None,
    }
}

pub(super) fn tables<'a>(
    input: &'a Input,
    data: &[u8],
    forced: Option<Kind>,
    problems: &mut Vec<Problem>,
) -> Vec<Table<'a>> {
    let origin = input.origin.as_str();
    let value: serde_json::Value = match serde_json::from_slice(data) {
        Ok(v) => v,
        Err(e) => {
            problems.push(Problem::at(
                origin,
                Loc::Line(e.line() as u64),
                None,
                format!("not valid JSON: {e}"),
            ));
            return Vec::new();
        }
    };
    let groups: Vec<(Option<String>, Option<Kind>, Vec<serde_json::Value>)> = match value {
        serde_json::Value::Array(items) => vec![(None, forced, items)],
        serde_json::Value::Object(map) => {
            let mut groups = Vec::new();
            for (key, v) in map {
                let kind = key
                    .parse::<Kind>()
                    .ok()
                    .filter(|k| Kind::EDITABLE.contains(k));
                match (kind, v) {
                    (Some(k), serde_json::Value::Array(items)) => {
                        groups.push((Some(key), Some(k), items));
                    }
                    _ => problems.push(Problem::at(
                        origin,
                        Loc::File,
                        None,
                        format!(
                            "key '{key}' is not a list of communities, spaces, organisations or \
                             contacts"
                        ),
                    )),
                }
            }
            groups
        }
        _ => {
            problems.push(Problem::at(
                origin,
                Loc::File,
                None,
                "expected an array of records or an object keyed by kind".to_string(),
            ));
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (key, kind, items) in groups {
        let mut rows = Vec::with_capacity(items.len());
        let mut all_names: Vec<String> = Vec::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let loc = Loc::Record(key.clone(), i);
            let serde_json::Value::Object(obj) = item else {
                problems.push(Problem::at(
                    origin,
                    loc,
                    None,
                    "is not an object".to_string(),
                ));
                ok = false;
                continue;
            };
            let mut row = Vec::with_capacity(obj.len());
            for (name, v) in obj {
                if !all_names.contains(name) {
                    all_names.push(name.clone());
                }
                match (Field::parse(name), json_scalar(v)) {
                    (Some(f), Some(s)) => row.push((f, s)),
                    (Some(_), None) => {
                        problems.push(Problem::at(
                            origin,
                            loc.clone(),
                            Some(name.clone()),
                            "must be text, a number, or a list of them".to_string(),
                        ));
                        ok = false;
                    }
                    (None, _) => {}
                }
            }
            rows.push(row);
        }
        let fields: Vec<Field> = all_names.iter().filter_map(|n| Field::parse(n)).collect();
        let Some(kind) = kind.or_else(|| decide_kind(origin, forced, &fields, problems)) else {
            continue;
        };
        let mut header_problems = Vec::new();
        map_header(
            origin,
            &all_names,
            Some(kind),
            &mut header_problems,
            &Loc::File,
        );
        // Every record is one object; a missing name is reported per record instead.
        header_problems.retain(|p| !p.message.starts_with("there is no 'name'"));
        problems.extend(header_problems);
        if ok {
            out.push(Table {
                origin,
                kind,
                body: Body::Json { key, rows },
                size: data.len(),
                notes: Vec::new(),
            });
        }
    }
    out
}
