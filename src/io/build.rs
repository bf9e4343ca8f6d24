//! From a row's cells to a typed record: each column validated, cities and references resolved.
//! Columns the file lacks leave the record's value as it was (so `--update` with a few columns
//! changes only those); a present but empty cell clears the value.

use super::columns::Field;
use super::source::Cells;
use super::validate;
use crate::model::schema::{Slot, Ty, text_of};
use crate::model::{City, Community, Kind, Organisation, Role, Space, Visibility, rules};
use crate::store::{Record, StoreError, Writer, normalise_city_code, resolve_in};
use std::collections::{HashMap, HashSet};

/// Resolves city inputs (codes or names) and subsector lists with caches, since a file names
/// few distinct cities and subsector combinations.
#[derive(Clone)]
pub struct Cities {
    list: Vec<City>,
    codes: HashSet<String>,
    cache: HashMap<String, Result<String, String>>,
    subsectors: HashMap<String, Result<Vec<String>, String>>,
}

impl Cities {
    /// Resolves against a loaded city table.
    pub fn new(list: Vec<City>) -> Cities {
        let codes = list.iter().map(|c| c.code.clone()).collect();
        Cities {
            list,
            codes,
            cache: HashMap::new(),
            subsectors: HashMap::new(),
        }
    }

    /// Accepts codes only, trusting the database's foreign key (bundled data, loaded before the
    /// city table can be read through the store).
    pub fn codes_only() -> Cities {
        Cities::new(Vec::new())
    }

    fn resolve(&mut self, input: &str) -> Result<String, String> {
        if let Some(hit) = self.cache.get(input) {
            return hit.clone();
        }
        let out = match normalise_city_code(input) {
            Some(code) if self.list.is_empty() || self.codes.contains(&code) => Ok(code),
            _ if self.list.is_empty() => Err(format!(
                "{} is not a Kemendagri code (bundled data names cities by code, such as 33.74)",
                validate::quote(input)
            )),
            _ => resolve_in(&self.list, input)
                .map(|c| c.code.clone())
                .map_err(|e| e.to_string()),
        };
        self.cache.insert(input.to_string(), out.clone());
        out
    }

    fn subsectors(&mut self, input: &str) -> Result<Vec<String>, String> {
        if let Some(hit) = self.subsectors.get(input) {
            return hit.clone();
        }
        let out = validate::subsectors(input);
        self.subsectors.insert(input.to_string(), out.clone());
        out
    }
}

/// A record kind the importer builds from cells: every kind with a schema and a table.
pub trait Import: Record + PartialEq {
    /// Applies the row's cells onto the record, collecting problems per column.
    fn apply(&mut self, c: &Cells<'_>, x: &mut Row<'_, '_>) {
        apply(self, c, x);
    }
}

impl<R: Record + PartialEq> Import for R {}

/// Reads every column of the kind's schema from the row, in schema order, with the check its
/// type names; then the kind's rule across fields.
fn apply<R: Record>(rec: &mut R, c: &Cells<'_>, x: &mut Row<'_, '_>) {
    let schema = R::schema();
    let mut roles_read = false;
    for f in schema.fields {
        let col = f.col;
        // A cell a redacted export withheld leaves the field as it is, like an absent column.
        if f.private && c.get(col).map(str::trim) == Some(super::export::WITHHELD) {
            continue;
        }
        match (&f.slot, f.ty) {
            (Slot::Id, _) => {}
            (Slot::Name, _) => x.name(c, rec.name_mut()),
            (Slot::Roles(_, set), _) => {
                // The four role columns are read together, once.
                if !std::mem::replace(&mut roles_read, true) {
                    x.roles(c, set(rec));
                }
            }
            (Slot::Text(_, set), Ty::Multiline) => x.text(c, col, true, set(rec)),
            (Slot::Text(_, set), Ty::City) => x.city(c, set(rec)),
            (Slot::Text(_, set), Ty::Ref(kinds)) => x.reference(c, col, kinds, set(rec)),
            (Slot::Text(_, set), Ty::Url) => x.check(c, col, validate::url, set(rec)),
            (Slot::Text(_, set), Ty::Instagram) => x.check(c, col, validate::instagram, set(rec)),
            (Slot::Text(_, set), Ty::Email) => x.check(c, col, validate::email, set(rec)),
            (Slot::Text(_, set), Ty::Phone) => x.check(c, col, validate::phone, set(rec)),
            (Slot::Text(_, set), Ty::Date) => x.check(c, col, validate::date, set(rec)),
            (Slot::Text(_, set), Ty::Whatsapp) => {
                let v = x.raw(c, col, false);
                if !matches!(v, Raw::Skip) {
                    let phone = text_of(rec, Field::Phone).cloned();
                    match validate::whatsapp(v.or_empty(), phone.as_deref()) {
                        Ok(w) => *set(rec) = w,
                        Err(e) => x.problems.push((col, e)),
                    }
                }
            }
            (Slot::Int(_, set), _) => x.check(c, col, validate::year, set(rec)),
            (Slot::Float(_, set), Ty::Lon) => x.check(c, col, validate::lon, set(rec)),
            (Slot::Float(_, set), _) => x.check(c, col, validate::lat, set(rec)),
            (Slot::List(_, set), Ty::Subsectors) => {
                let v = x.raw(c, col, false);
                if !matches!(v, Raw::Skip) {
                    match x.cities.subsectors(v.or_empty()) {
                        Ok(s) => *set(rec) = s,
                        Err(e) => x.problems.push((col, e)),
                    }
                }
            }
            (Slot::List(_, set), _) => x.list(c, col, set(rec)),
            (Slot::Visibility(get, set), _) => {
                let mut vis = Some(*get(rec));
                x.check(c, col, validate::visibility, &mut vis);
                *set(rec) = vis.unwrap_or(Visibility::Private);
            }
            (Slot::Text(_, set), _) => x.text(c, col, false, set(rec)),
        }
    }
    if let Some((col, why)) = (schema.cross_check)(rec)
        && !x.problems.iter().any(|(f, _)| *f == col)
    {
        x.problems.push((col, why.to_string()));
    }
}

/// One row being built: where to resolve things, and the problems found so far.
pub struct Row<'a, 'w> {
    /// `None` while building away from the database (see `io::prepare`): a reference then
    /// sets `deferred` instead of being looked up.
    pub w: Option<&'a Writer<'w>>,
    pub cities: &'a mut Cities,
    /// Which kind holds each id a reference named, across the rows of one import: most rows
    /// of an export name the same few organisations, each looked up once.
    pub refs: &'a mut std::collections::HashMap<String, Kind>,
    pub problems: Vec<(Field, String)>,
    /// A reference was met without a database: the row must be built again with one.
    pub deferred: bool,
}

/// A cell after the text checks.
#[derive(Clone, Copy)]
enum Raw<'c> {
    /// No such column, or the text was refused (the problem is recorded): leave the value.
    Skip,
    /// An empty cell: clear the value.
    Empty,
    /// Trimmed text.
    Text(&'c str),
}

impl<'c> Raw<'c> {
    fn or_empty(self) -> &'c str {
        match self {
            Raw::Text(s) => s,
            _ => "",
        }
    }
}

impl Row<'_, '_> {
    fn raw<'c>(&mut self, c: &Cells<'c>, f: Field, multiline: bool) -> Raw<'c> {
        let Some(raw) = c.get(f) else {
            return Raw::Skip;
        };
        match validate::checked_text(raw, multiline) {
            Ok("") => Raw::Empty,
            Ok(s) => Raw::Text(s),
            Err(e) => {
                self.problems.push((f, e));
                Raw::Skip
            }
        }
    }

    fn text(&mut self, c: &Cells<'_>, f: Field, multiline: bool, slot: &mut Option<String>) {
        match self.raw(c, f, multiline) {
            Raw::Skip => {}
            Raw::Empty => *slot = None,
            Raw::Text(v) => *slot = Some(v.to_string()),
        }
    }

    fn check<T>(
        &mut self,
        c: &Cells<'_>,
        f: Field,
        valid: impl Fn(&str) -> Result<T, String>,
        slot: &mut Option<T>,
    ) {
        match self.raw(c, f, false) {
            Raw::Empty => *slot = None,
            Raw::Text(v) => match valid(v) {
                Ok(x) => *slot = Some(x),
                Err(e) => self.problems.push((f, e)),
            },
            Raw::Skip => {}
        }
    }

    fn list(&mut self, c: &Cells<'_>, f: Field, slot: &mut Vec<String>) {
        let v = self.raw(c, f, false);
        if !matches!(v, Raw::Skip) {
            *slot = rules::list(v.or_empty());
        }
    }

    fn city(&mut self, c: &Cells<'_>, slot: &mut Option<String>) {
        match self.raw(c, Field::City, false) {
            Raw::Empty => *slot = None,
            Raw::Text(v) => match self.cities.resolve(v) {
                Ok(code) => *slot = Some(code),
                Err(e) => self.problems.push((Field::City, e)),
            },
            Raw::Skip => {}
        }
    }

    /// Finds the record a reference names: an id, or an exact (case-insensitive) name among
    /// `kinds`, including records added earlier in this import.
    fn find(&mut self, input: &str, kinds: &[Kind]) -> Result<String, String> {
        let Some(w) = self.w else {
            self.deferred = true;
            return Ok(String::new());
        };
        let db = |e: StoreError| format!("database error: {e}");
        let known = if let Some(k) = self.refs.get(input) {
            Some(*k)
        } else {
            let found = w.kind_of_id(input).map_err(db)?;
            if let Some(k) = found {
                self.refs.insert(input.to_string(), k);
            }
            found
        };
        if let Some(k) = known {
            if kinds.contains(&k) {
                return Ok(input.to_string());
            }
            return Err(format!("id '{input}' is a {k}, not a {}", names(kinds)));
        }
        let mut hits = Vec::new();
        for k in kinds {
            let ids = match k {
                Kind::Community => w.ids_named::<Community>(input, None),
                Kind::Space => w.ids_named::<Space>(input, None),
                Kind::Organisation => w.ids_named::<Organisation>(input, None),
                _ => Ok(Vec::new()),
            }
            .map_err(db)?;
            hits.extend(ids.into_iter().map(|id| (*k, id)));
        }
        match hits.as_slice() {
            [(_, id)] => Ok(id.clone()),
            [] => Err(format!(
                "{} names no {} (give its id or exact name; import it first or in the same run)",
                validate::quote(input),
                names(kinds)
            )),
            many => Err(format!(
                "{} names {} records: {}; give the id instead",
                validate::quote(input),
                many.len(),
                many.iter()
                    .map(|(k, id)| format!("{k} {id}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    fn reference(&mut self, c: &Cells<'_>, f: Field, kinds: &[Kind], slot: &mut Option<String>) {
        match self.raw(c, f, false) {
            Raw::Empty => *slot = None,
            Raw::Text(v) => match self.find(v, kinds) {
                Ok(id) => *slot = Some(id),
                Err(e) => self.problems.push((f, e)),
            },
            Raw::Skip => {}
        }
    }

    fn name(&mut self, c: &Cells<'_>, slot: &mut String) {
        let v = self.raw(c, Field::Name, false);
        if !matches!(v, Raw::Skip) {
            *slot = v.or_empty().to_string();
        }
        if slot.is_empty() && !self.problems.iter().any(|(f, _)| *f == Field::Name) {
            self.problems
                .push((Field::Name, "a name is required".to_string()));
        }
    }
}

fn names(kinds: &[Kind]) -> String {
    kinds
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(" or ")
}

impl Row<'_, '_> {
    /// Reads a contact's four role columns (one `;`-entry per role) into `slot`.
    fn roles(&mut self, c: &Cells<'_>, slot: &mut Vec<Role>) {
        let x = self;
        let role = x.raw(c, Field::Role, false);
        let org = x.raw(c, Field::Organisation, false);
        let start = x.raw(c, Field::RoleStart, false);
        let end = x.raw(c, Field::RoleEnd, false);
        let (Raw::Empty | Raw::Text(_), Raw::Empty | Raw::Text(_)) = (role, org) else {
            for (f, present) in [
                (Field::Role, c.get(Field::Role).is_some()),
                (Field::Organisation, c.get(Field::Organisation).is_some()),
                (Field::RoleStart, c.get(Field::RoleStart).is_some()),
                (Field::RoleEnd, c.get(Field::RoleEnd).is_some()),
            ] {
                let both = c.get(Field::Role).is_some() && c.get(Field::Organisation).is_some();
                if present && !both {
                    x.problems.push((
                        f,
                        "roles need both the 'role' and the 'organisation' columns".to_string(),
                    ));
                }
            }
            return;
        };
        let roles = rules::list_positions(role.or_empty());
        let orgs = rules::list_positions(org.or_empty());
        if roles.len() != orgs.len() {
            x.problems.push((
                Field::Organisation,
                format!(
                    "{} names {} organisations for {} roles; give one per role, separated by ';'",
                    validate::quote(org.or_empty()),
                    orgs.len(),
                    roles.len()
                ),
            ));
            return;
        }
        let mut dates = |f: Field, cell: Raw<'_>| -> Vec<Option<String>> {
            let list = rules::list_positions(cell.or_empty());
            if list.is_empty() {
                return vec![None; roles.len()];
            }
            if list.len() != roles.len() {
                x.problems.push((
                    f,
                    format!(
                        "has {} dates for {} roles; give one per role (empty allowed), separated \
                         by ';'",
                        list.len(),
                        roles.len()
                    ),
                ));
                return vec![None; roles.len()];
            }
            list.into_iter()
                .map(|d| {
                    if d.is_empty() {
                        None
                    } else {
                        validate::date(d).map_err(|e| x.problems.push((f, e))).ok()
                    }
                })
                .collect()
        };
        let starts = dates(Field::RoleStart, start);
        let ends = dates(Field::RoleEnd, end);
        let mut out = Vec::with_capacity(roles.len());
        for (i, (r, o)) in roles.iter().zip(&orgs).enumerate() {
            if r.is_empty() || o.is_empty() {
                x.problems.push((
                    if r.is_empty() {
                        Field::Role
                    } else {
                        Field::Organisation
                    },
                    format!(
                        "role {} is incomplete: give both its role and organisation",
                        i + 1
                    ),
                ));
                continue;
            }
            match x.find(o, &[Kind::Organisation, Kind::Space, Kind::Community]) {
                Ok(target_id) => out.push(Role {
                    role: (*r).to_string(),
                    target_id,
                    start: starts[i].clone(),
                    end: ends[i].clone(),
                }),
                Err(e) => x.problems.push((Field::Organisation, e)),
            }
        }
        *slot = out;
    }
}
