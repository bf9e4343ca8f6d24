//! The edit form: one labelled input per field of a record kind, validation as you type with
//! [`crate::io::validate`], and the conversion between records and form values.

pub use super::check::Problem;
use super::check::check;
pub use super::fields::{Field, Pick};
use super::records::AnyRecord;
use crate::any_record;
use crate::detail::format_phone_national;
use crate::io::validate;
use crate::model::schema::{Described, RolePart, Slot, Ty};
use crate::model::{Community, Contact, Kind, Organisation, Role, Space, rules};
use tui_input::{Input, InputRequest};

use Field as F;

/// A chosen city or record: its id (or code) and the name shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picked {
    pub id: String,
    pub label: String,
}

/// One field: the text typed (or the choice made), and what validation said.
#[derive(Debug, Clone)]
pub struct FormField {
    pub key: Field,
    /// Which of a contact's roles the field belongs to (0 for the first, and for every field
    /// that is not part of a role).
    pub role: usize,
    pub input: Input,
    /// The choice of a picker field.
    pub picked: Option<Picked>,
    pub problem: Option<Problem>,
    /// The normalised value when it differs from what was typed (`+6281…`).
    pub note: Option<String>,
}

/// The form for adding or editing one record.
#[derive(Debug, Clone)]
pub struct Form {
    pub kind: Kind,
    /// The record being edited; `None` when adding.
    pub original: Option<AnyRecord>,
    pub fields: Vec<FormField>,
    /// The focused row: a field, then the Save button, then Cancel.
    pub focus: usize,
    /// Something changed since the form opened.
    pub dirty: bool,
}

fn opt(s: Option<&String>) -> String {
    s.cloned().unwrap_or_default()
}

fn num(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn phone_text(v: Option<&String>) -> String {
    v.map(|p| format_phone_national(p)).unwrap_or_default()
}

/// Trimmed text, `None` when empty.
fn some(raw: &str) -> Option<String> {
    let t = raw.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The fields of one role, in the order the form shows them.
const ROLE_FIELDS: [Field; 4] = [F::Organisation, F::Role, F::RoleStart, F::RoleEnd];

fn is_role_field(key: Field) -> bool {
    ROLE_FIELDS.contains(&key)
}

impl FormField {
    /// An empty field `key` of role `role` (0 outside contact roles).
    fn empty(key: Field, role: usize) -> FormField {
        FormField {
            key,
            role,
            input: Input::default(),
            picked: None,
            problem: None,
            note: None,
        }
    }
}

impl Form {
    /// An empty form for a new record of `kind` (an editable kind).
    pub fn new(kind: Kind) -> Form {
        let mut form = Form {
            kind,
            original: None,
            fields: Field::of_form(kind)
                .iter()
                .map(|k| FormField::empty(*k, 0))
                .collect(),
            focus: 0,
            dirty: false,
        };
        if kind == Kind::Contact {
            form.set_text(F::Visibility, "private");
        }
        form.validate();
        form
    }

    /// A form filled from `rec`; `labels` names its picked city and records, by id or code.
    pub fn edit(rec: AnyRecord, labels: &dyn Fn(&str) -> Option<String>) -> Form {
        let mut form = Form::new(rec.kind());
        any_record!(&rec, r => form.fill(r, labels));
        form.original = Some(rec);
        form.dirty = false;
        form.validate();
        form
    }

    fn index_of(&self, key: Field) -> Option<usize> {
        self.fields.iter().position(|f| f.key == key)
    }

    /// The field with `key`, when the form has one.
    pub fn field(&self, key: Field) -> Option<&FormField> {
        self.fields.iter().find(|f| f.key == key)
    }

    fn set_text(&mut self, key: Field, text: &str) {
        self.set_text_at(self.index_of(key), text);
    }

    fn set_text_at(&mut self, i: Option<usize>, text: &str) {
        if let Some(f) = i.and_then(|i| self.fields.get_mut(i)) {
            f.input = Input::new(text.to_string());
        }
    }

    fn set_pick(
        &mut self,
        key: Field,
        id: Option<&String>,
        labels: &dyn Fn(&str) -> Option<String>,
    ) {
        self.set_pick_at(self.index_of(key), id, labels);
    }

    fn set_pick_at(
        &mut self,
        i: Option<usize>,
        id: Option<&String>,
        labels: &dyn Fn(&str) -> Option<String>,
    ) {
        if let (Some(f), Some(id)) = (i.and_then(|i| self.fields.get_mut(i)), id) {
            let label = labels(id).unwrap_or_else(|| id.clone());
            f.picked = Some(Picked {
                id: id.clone(),
                label,
            });
        }
    }

    /// The index of field `key` of role `n`.
    pub fn role_field(&self, n: usize, key: Field) -> Option<usize> {
        self.fields
            .iter()
            .position(|f| f.key == key && f.role == n && is_role_field(key))
    }

    /// How many roles the form holds (a contact form always shows at least one).
    pub fn role_count(&self) -> usize {
        self.fields
            .iter()
            .filter(|f| f.key == F::Organisation)
            .count()
    }

    /// Adds an empty role after the last one and focuses its organisation. Only contact
    /// forms have roles; returns whether one was added.
    pub fn add_role(&mut self) -> bool {
        let Some(last) = self.fields.iter().rposition(|f| is_role_field(f.key)) else {
            return false;
        };
        let n = self.role_count();
        let block = ROLE_FIELDS.iter().map(|k| FormField::empty(*k, n));
        let at = last + 1;
        self.fields.splice(at..at, block);
        self.focus = at;
        self.dirty = true;
        self.validate();
        true
    }

    /// Removes the role the focused field belongs to (the only role is emptied instead);
    /// returns whether the focus was on a role.
    pub fn remove_role(&mut self) -> bool {
        let Some(n) = self
            .focused()
            .filter(|f| is_role_field(f.key))
            .map(|f| f.role)
        else {
            return false;
        };
        if self.role_count() == 1 {
            for f in self.fields.iter_mut().filter(|f| is_role_field(f.key)) {
                f.input = Input::default();
                f.picked = None;
            }
        } else {
            self.fields
                .retain(|f| !(is_role_field(f.key) && f.role == n));
            for f in &mut self.fields {
                if is_role_field(f.key) && f.role > n {
                    f.role -= 1;
                }
            }
            let first = self.role_field(n.min(self.role_count() - 1), F::Organisation);
            self.focus = first.unwrap_or(0);
        }
        self.dirty = true;
        self.validate();
        true
    }

    /// Number of focusable rows: the fields, Save and Cancel.
    pub fn rows(&self) -> usize {
        self.fields.len() + 2
    }

    /// Whether the Save button has the focus.
    pub fn on_save(&self) -> bool {
        self.focus == self.fields.len()
    }

    /// Whether the Cancel button has the focus.
    pub fn on_cancel(&self) -> bool {
        self.focus == self.fields.len() + 1
    }

    /// The focused field, unless a button has the focus.
    pub fn focused(&self) -> Option<&FormField> {
        self.fields.get(self.focus)
    }

    /// Moves the focus by `delta` rows, wrapping around.
    pub fn move_focus(&mut self, delta: isize) {
        let n = self.rows() as isize;
        self.focus = (self.focus as isize + delta).rem_euclid(n) as usize;
    }

    /// Edits the focused text field; returns whether the value changed.
    pub fn edit_text(&mut self, req: InputRequest) -> bool {
        let Some(f) = self.fields.get_mut(self.focus) else {
            return false;
        };
        let changed = f.input.handle(req).is_some_and(|c| c.value);
        if changed {
            self.dirty = true;
            self.validate();
        }
        changed
    }

    /// Sets (or clears) the choice of picker field `i`.
    pub fn choose(&mut self, i: usize, picked: Option<Picked>) {
        if let Some(f) = self.fields.get_mut(i) {
            if f.picked != picked {
                self.dirty = true;
            }
            f.picked = picked;
        }
        self.validate();
    }

    /// Checks every field, setting its problem and note. Returns the first field with a problem.
    pub fn validate(&mut self) -> Option<usize> {
        let phone = self
            .field(F::Phone)
            .and_then(|f| validate::phone(f.input.value()).ok());
        // Each role's fields are checked against that role's organisation.
        let has_org: Vec<bool> = (0..self.role_count().max(1))
            .map(|n| {
                self.role_field(n, F::Organisation)
                    .is_some_and(|i| self.fields[i].picked.is_some())
            })
            .collect();
        for f in &mut self.fields {
            let org = has_org.get(f.role).copied().unwrap_or(false);
            let (problem, note) = check(f, phone.as_deref(), org);
            f.problem = problem;
            f.note = note;
        }
        self.fields.iter().position(|f| f.problem.is_some())
    }

    /// The record the form describes, built over the original (so fields the form does not
    /// show are kept). `None` while a field has a problem.
    pub fn to_record(&mut self) -> Option<AnyRecord> {
        if self.validate().is_some() {
            return None;
        }
        let mut rec = self.original.clone().unwrap_or(match self.kind {
            Kind::Space => AnyRecord::Space(Space::default()),
            Kind::Organisation => AnyRecord::Organisation(Organisation::default()),
            Kind::Contact => AnyRecord::Contact(Contact::default()),
            _ => AnyRecord::Community(Community::default()),
        });
        any_record!(&mut rec, r => self.read(r));
        Some(rec)
    }

    /// Fills the inputs from `r`, field by field as its schema declares them.
    fn fill<R: Described>(&mut self, r: &R, labels: &dyn Fn(&str) -> Option<String>) {
        for def in R::schema().fields {
            let col = def.col;
            match (&def.slot, def.ty) {
                (Slot::Name, _) => self.set_text(col, r.name()),
                (Slot::Roles(get, _), Ty::Role(RolePart::Target)) => {
                    for (n, role) in get(r).iter().enumerate() {
                        if n > 0 {
                            self.add_role();
                        }
                        let at = |key| self.role_field(n, key);
                        let (org, name, start, end) = (
                            at(F::Organisation),
                            at(F::Role),
                            at(F::RoleStart),
                            at(F::RoleEnd),
                        );
                        self.set_pick_at(org, Some(&role.target_id), labels);
                        self.set_text_at(name, &role.role);
                        self.set_text_at(start, &opt(role.start.as_ref()));
                        self.set_text_at(end, &opt(role.end.as_ref()));
                    }
                    self.focus = 0;
                }
                (Slot::Id | Slot::Roles(..), _) => {}
                (Slot::Text(get, _), Ty::City | Ty::Ref(_)) => {
                    self.set_pick(col, get(r).as_ref(), labels);
                }
                (Slot::Text(get, _), Ty::Phone | Ty::Whatsapp) => {
                    self.set_text(col, &phone_text(get(r).as_ref()));
                }
                (Slot::Text(get, _), _) => self.set_text(col, &opt(get(r).as_ref())),
                (Slot::Int(get, _), _) => {
                    self.set_text(col, &get(r).map(|y| y.to_string()).unwrap_or_default());
                }
                (Slot::Float(get, _), _) => self.set_text(col, &num(*get(r))),
                (Slot::List(get, _), _) => self.set_text(col, &get(r).join("; ")),
                (Slot::Visibility(get, _), _) => self.set_text(col, get(r).as_str()),
            }
        }
    }

    /// Writes the inputs into `r`, field by field as its schema declares them; fields the
    /// form does not show keep their value.
    fn read<R: Described>(&self, r: &mut R) {
        let raw = |k: Field| self.field(k).map(|f| f.input.value()).unwrap_or_default();
        let text = |k: Field| validate::text(raw(k), true).ok().flatten();
        let checked = |k: Field, valid: fn(&str) -> Result<String, String>| {
            some(raw(k)).and_then(|v| valid(&v).ok())
        };
        let picked = |k: Field| {
            self.field(k)
                .and_then(|f| f.picked.as_ref().map(|p| p.id.clone()))
        };
        let phone = checked(F::Phone, validate::phone);
        for def in R::schema().fields {
            let col = def.col;
            if self.field(col).is_none() {
                continue;
            }
            match (&def.slot, def.ty) {
                (Slot::Name, _) => *r.name_mut() = text(col).unwrap_or_default(),
                (Slot::Roles(_, set), Ty::Role(RolePart::Target)) => *set(r) = self.roles(),
                (Slot::Id | Slot::Roles(..), _) => {}
                (Slot::Text(_, set), Ty::City | Ty::Ref(_)) => *set(r) = picked(col),
                (Slot::Text(_, set), Ty::Url) => *set(r) = checked(col, validate::url),
                (Slot::Text(_, set), Ty::Instagram) => *set(r) = checked(col, validate::instagram),
                (Slot::Text(_, set), Ty::Email) => *set(r) = checked(col, validate::email),
                (Slot::Text(_, set), Ty::Date) => *set(r) = checked(col, validate::date),
                (Slot::Text(_, set), Ty::Phone) => set(r).clone_from(&phone),
                (Slot::Text(_, set), Ty::Whatsapp) => {
                    *set(r) = validate::whatsapp(raw(col), phone.as_deref())
                        .ok()
                        .flatten();
                }
                (Slot::Text(_, set), _) => *set(r) = text(col),
                (Slot::Int(_, set), _) => {
                    *set(r) = some(raw(col)).and_then(|y| validate::year(&y).ok());
                }
                (Slot::Float(_, set), Ty::Lon) => {
                    *set(r) = some(raw(col)).and_then(|v| validate::lon(&v).ok());
                }
                (Slot::Float(_, set), _) => {
                    *set(r) = some(raw(col)).and_then(|v| validate::lat(&v).ok());
                }
                (Slot::List(_, set), Ty::Subsectors) => {
                    *set(r) = validate::subsectors(raw(col)).unwrap_or_default();
                }
                (Slot::List(_, set), _) => *set(r) = rules::list(raw(col)),
                (Slot::Visibility(_, set), _) => {
                    *set(r) = validate::visibility(raw(col)).unwrap_or_default();
                }
            }
        }
    }

    /// The roles as the form holds them, in order; roles without an organisation are left out
    /// (validation has already refused a role, date or title without one).
    fn roles(&self) -> Vec<Role> {
        let value = |i: Option<usize>| {
            i.and_then(|i| self.fields.get(i))
                .map(|f| f.input.value())
                .unwrap_or_default()
        };
        (0..self.role_count())
            .filter_map(|n| {
                let org = self.role_field(n, F::Organisation)?;
                let target_id = self.fields[org].picked.as_ref()?.id.clone();
                let date =
                    |k| some(value(self.role_field(n, k))).and_then(|d| validate::date(&d).ok());
                Some(Role {
                    role: validate::text(value(self.role_field(n, F::Role)), true)
                        .ok()
                        .flatten()
                        .unwrap_or_default(),
                    target_id,
                    start: date(F::RoleStart),
                    end: date(F::RoleEnd),
                })
            })
            .collect()
    }
}

#[cfg(test)]
#[path = "form_tests.rs"]
mod tests;
