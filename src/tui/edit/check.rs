//! Validation of one form field as you type, with [`crate::io::validate`]: the problem shown
//! next to the field, or the normalised value when it differs from what was typed.

use super::fields::Field as F;
use super::form::FormField;
use crate::i18n::EditStrings;
use crate::io::validate;

/// A problem with what was typed in a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Required,
    Phone,
    WhatsApp,
    Email,
    Url,
    Instagram,
    Year,
    Lat,
    Lon,
    Date,
    Visibility,
    Text,
    RoleNeedsOrg,
}

impl Problem {
    /// The message shown next to the field.
    pub fn message(self, s: &EditStrings) -> &'static str {
        match self {
            Problem::Required => s.p_required,
            Problem::Phone => s.p_phone,
            Problem::WhatsApp => s.p_whatsapp,
            Problem::Email => s.p_email,
            Problem::Url => s.p_url,
            Problem::Instagram => s.p_instagram,
            Problem::Year => s.p_year,
            Problem::Lat => s.p_lat,
            Problem::Lon => s.p_lon,
            Problem::Date => s.p_date,
            Problem::Visibility => s.p_visibility,
            Problem::Text => s.p_text,
            Problem::RoleNeedsOrg => s.p_role_needs_org,
        }
    }
}

/// Validates one field: its problem, and the normalised value when it differs from the input.
pub(crate) fn check(
    f: &FormField,
    phone: Option<&str>,
    has_org: bool,
) -> (Option<Problem>, Option<String>) {
    let raw = f.input.value();
    let trimmed = raw.trim();
    let note = |v: String| (v != trimmed).then_some(v);
    if f.key.pick().is_some() {
        return (None, None);
    }
    if trimmed.is_empty() {
        let problem = match f.key {
            F::Name => Some(Problem::Required),
            F::Role if has_org => Some(Problem::Required),
            _ => None,
        };
        return (problem, None);
    }
    let result: Result<Option<String>, Problem> = match f.key {
        F::Phone => validate::phone(raw).map(note).map_err(|_| Problem::Phone),
        F::Whatsapp => validate::whatsapp(raw, phone)
            .map(|v| v.and_then(note))
            .map_err(|_| Problem::WhatsApp),
        F::Email => validate::email(raw).map(note).map_err(|_| Problem::Email),
        F::Website => validate::url(raw).map(note).map_err(|_| Problem::Url),
        F::Instagram => validate::instagram(raw)
            .map(note)
            .map_err(|_| Problem::Instagram),
        F::FoundedYear => validate::year(raw).map(|_| None).map_err(|_| Problem::Year),
        F::Lat => validate::lat(raw).map(|_| None).map_err(|_| Problem::Lat),
        F::Lon => validate::lon(raw).map(|_| None).map_err(|_| Problem::Lon),
        F::Role | F::RoleStart | F::RoleEnd if !has_org => Err(Problem::RoleNeedsOrg),
        F::LastVerified | F::RoleStart | F::RoleEnd => {
            validate::date(raw).map(note).map_err(|_| Problem::Date)
        }
        F::Visibility => validate::visibility(raw)
            .map(|v| note(v.as_str().to_string()))
            .map_err(|_| Problem::Visibility),
        F::Subsectors => validate::subsectors(raw)
            .map(|v| note(v.join("; ")))
            .map_err(|_| Problem::Text),
        _ => validate::text(raw, true)
            .map(|_| None)
            .map_err(|_| Problem::Text),
    };
    match result {
        Ok(n) => (None, n),
        Err(p) => (Some(p), None),
    }
}
