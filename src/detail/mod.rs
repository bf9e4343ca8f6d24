//! A plain view model of one record for detail panes and `jejaring show`: title, ordered
//! labelled fields (only those set), related records grouped. No terminal types live here.
//!
//! Build one with [`load`] (reads the store) or the pure `of_*` functions (tests, other callers).
//! Labels and words come from [`crate::i18n`]; values keep their structure ([`Value`]) so a
//! renderer can style a `WhatsApp` mark or a stale date.

use crate::i18n::{self, Lang};
use crate::model::{CityKind, Community, Contact, Event, IccnStatus, Kind, Organisation, Space};
use crate::store::{self, Related, Store};

mod build;
pub use build::{
    of_city, of_community, of_contact, of_event, of_organisation, of_province, of_record, of_space,
};
use chrono::NaiveDate;

/// The labelled fields a detail can show (declared with the schemas, which say which column
/// shows as which field).
pub use crate::model::schema::Show as Field;

/// A field's value, structured so renderers can style parts of it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Free text (may span lines).
    Text(String),
    /// A phone number: stored E.164, shown in national format, with the `WhatsApp` flag.
    Phone {
        e164: String,
        national: String,
        whatsapp: bool,
    },
    /// A list shown comma-separated (or one per line for sources).
    List(Vec<String>),
    /// Kabupaten or kota.
    CityKind(CityKind),
    /// ICCN membership of a city.
    Iccn {
        status: IccnStatus,
        forum: Option<String>,
        joined: Option<i32>,
        /// The date the source shows the membership.
        reported: Option<String>,
    },
    /// KaTa Kreatif: the year first certified and the subsectors named.
    Kata { year: i32, subsectors: Vec<String> },
    /// UNESCO Creative City designation.
    Unesco { field: String, year: Option<i32> },
    /// A position with its quality note.
    Coord {
        lat: f64,
        lon: f64,
        quality: Option<String>,
    },
    /// `last_verified`, with whether it is older than a year (or missing).
    Verified { date: Option<String>, stale: bool },
}

impl Value {
    /// The value as one plain line of text in `lang` (lists comma-separated).
    pub fn text(&self, lang: Lang) -> String {
        let s = lang.strings();
        match self {
            Value::Text(t) => t.clone(),
            Value::Phone {
                national, whatsapp, ..
            } => {
                if *whatsapp {
                    format!("{national} ({})", s.whatsapp_mark)
                } else {
                    national.clone()
                }
            }
            Value::List(v) => v.join(", "),
            Value::CityKind(CityKind::Kabupaten) => s.kabupaten.to_string(),
            Value::CityKind(CityKind::Kota) => s.kota.to_string(),
            Value::Iccn {
                status,
                forum,
                joined,
                reported,
            } => {
                let mut out = match status {
                    IccnStatus::Yes => s.iccn_member.to_string(),
                    IccnStatus::No => s.iccn_not_member.to_string(),
                    IccnStatus::Unknown => s.iccn_unknown.to_string(),
                };
                if let Some(f) = forum {
                    out = format!("{out}: {f}");
                }
                if let Some(y) = joined {
                    out = format!("{out} ({} {y})", s.since);
                }
                if let Some(d) = reported {
                    out = format!("{out}; {} {d}", s.reported);
                }
                out
            }
            Value::Kata { year, subsectors } if subsectors.is_empty() => year.to_string(),
            Value::Kata { year, subsectors } => format!("{year} ({})", subsectors.join(", ")),
            Value::Unesco { field, year } => match year {
                Some(y) => format!("{field}, {y}"),
                None => field.clone(),
            },
            Value::Coord { lat, lon, quality } => match quality {
                Some(q) => format!("{lat:.4}, {lon:.4} ({q})"),
                None => format!("{lat:.4}, {lon:.4}"),
            },
            Value::Verified { date, stale } => match (date, stale) {
                (Some(d), true) => format!("{d} ({})", s.stale_mark),
                (Some(d), false) => d.clone(),
                (None, _) => format!("{} ({})", s.never_verified, s.stale_mark),
            },
        }
    }
}

/// One record, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct Detail {
    pub kind: Kind,
    /// UUID, or Kemendagri code for provinces and cities.
    pub id: String,
    pub title: String,
    /// Set fields in display order.
    pub fields: Vec<(Field, Value)>,
    pub related: Related,
}

impl Detail {
    /// The first value of `field`, if set.
    pub fn get(&self, field: Field) -> Option<&Value> {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, v)| v)
    }

    /// Things worth copying, in menu order: phone, `WhatsApp`, e-mail, address, website,
    /// Instagram, position. Phones are copied in E.164 so they dial from anywhere.
    pub fn copyables(&self) -> Vec<(Field, String)> {
        let order = [
            Field::Phone,
            Field::WhatsApp,
            Field::Email,
            Field::Address,
            Field::Website,
            Field::Instagram,
            Field::Coordinates,
        ];
        let mut out = Vec::new();
        for f in order {
            match self.get(f) {
                Some(Value::Text(t)) => out.push((f, t.clone())),
                Some(Value::Phone { e164, .. }) => out.push((f, e164.clone())),
                Some(Value::Coord { lat, lon, .. }) => out.push((f, format!("{lat}, {lon}"))),
                _ => {}
            }
        }
        out
    }

    /// The `WhatsApp` number (E.164 and national), whether its own field or the phone.
    pub fn whatsapp(&self) -> Option<(&str, &str)> {
        self.fields.iter().find_map(|(_, v)| match v {
            Value::Phone {
                e164,
                national,
                whatsapp: true,
            } => Some((e164.as_str(), national.as_str())),
            _ => None,
        })
    }

    /// The links `o` offers: the website, a contact's `WhatsApp` chat (`https://wa.me/…`) and
    /// an OpenStreetMap link to the position, in that order.
    pub fn links(&self) -> Vec<(Field, String)> {
        let mut out = Vec::new();
        if let Some(Value::Text(w)) = self.get(Field::Website) {
            out.push((Field::Website, self.link().unwrap_or_else(|| w.clone())));
        }
        if self.kind == Kind::Contact
            && let Some((e164, _)) = self.whatsapp()
        {
            out.push((Field::WhatsApp, wa_me(e164)));
        }
        if let Some(Value::Coord { lat, lon, .. }) = self.get(Field::Coordinates) {
            out.push((Field::Coordinates, osm_url(*lat, *lon)));
        }
        out
    }

    /// What `y` offers: [`Detail::copyables`], and for a contact its `WhatsApp` number also in
    /// national form (`0812-…`) beside the international one.
    pub fn copy_menu(&self) -> Vec<(Field, String)> {
        let mut out = self.copyables();
        if self.kind == Kind::Contact
            && let Some((e164, national)) = self.whatsapp()
            && let Some(at) = out.iter().position(|(_, v)| v == e164)
        {
            let field = out[at].0;
            out.insert(at + 1, (field, national.to_string()));
        }
        out
    }

    /// The link `o` opens: the website, else an OpenStreetMap link to the position.
    pub fn link(&self) -> Option<String> {
        if let Some(Value::Text(w)) = self.get(Field::Website) {
            return Some(if w.contains("://") {
                w.clone()
            } else {
                format!("https://{w}")
            });
        }
        match self.get(Field::Coordinates) {
            Some(Value::Coord { lat, lon, .. }) => Some(osm_url(*lat, *lon)),
            _ => None,
        }
    }

    /// Plain `label: value` lines in `lang`, for the CLI.
    pub fn lines(&self, lang: Lang) -> Vec<(&'static str, String)> {
        self.fields
            .iter()
            .map(|(f, v)| (i18n::field_label(lang, *f), v.text(lang)))
            .collect()
    }
}

/// The `WhatsApp` chat link of an E.164 number: `https://wa.me/` and its digits.
pub fn wa_me(e164: &str) -> String {
    let digits: String = e164.chars().filter(char::is_ascii_digit).collect();
    format!("https://wa.me/{digits}")
}

/// An OpenStreetMap link centred on a position.
pub fn osm_url(lat: f64, lon: f64) -> String {
    format!("https://www.openstreetmap.org/?mlat={lat:.5}&mlon={lon:.5}#map=16/{lat:.5}/{lon:.5}")
}

/// Shows an E.164 Indonesian number in national format (`0812-3456-7890`, `(022) 1234567`),
/// with the phone-number metadata the importer validates against.
pub fn format_phone_national(e164: &str) -> String {
    crate::io::validate::format_national(e164)
}

/// Whether a record last verified on `last_verified` (`YYYY-MM-DD…`) needs checking again:
/// missing, unreadable, or more than a year before `today` (the rule is
/// [`crate::model::rules::Staleness`], shared with the search index).
pub fn is_stale(last_verified: Option<&str>, today: NaiveDate) -> bool {
    crate::model::rules::Staleness::at(today).is_stale(last_verified)
}

/// Today's date in UTC, the reference for staleness.
pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// Reads one record and its related records. `Ok(None)` when no such record exists.
pub fn load(store: &Store, kind: Kind, id: &str) -> store::Result<Option<Detail>> {
    load_on(store, kind, id, today())
}

/// [`load`] with a fixed date for staleness (tests).
pub fn load_on(
    store: &Store,
    kind: Kind,
    id: &str,
    today: NaiveDate,
) -> store::Result<Option<Detail>> {
    let city_name = |code: Option<&String>| -> store::Result<Option<String>> {
        let Some(code) = code else { return Ok(None) };
        Ok(match store.city(code)? {
            Some(c) => {
                let prov = store.province(&c.province_code)?.map(|p| p.name);
                Some(match prov {
                    Some(p) => format!("{} ({})", c.name, p),
                    None => c.name,
                })
            }
            None => Some(code.clone()),
        })
    };
    let related = || store.related(kind, id);
    Ok(match kind {
        Kind::Province => match store.province(id)? {
            Some(p) => Some(of_province(&p, related()?)),
            None => None,
        },
        Kind::City => match store.city(id)? {
            Some(c) => {
                let prov = store.province(&c.province_code)?.map(|p| p.name);
                Some(of_city(
                    &c,
                    prov.as_deref(),
                    store.related(kind, &c.code)?,
                    today,
                ))
            }
            None => None,
        },
        Kind::Community => match store.get::<Community>(id)? {
            Some(r) => {
                let city = city_name(r.city_code.as_ref())?;
                Some(of_community(&r, city.as_deref(), related()?, today))
            }
            None => None,
        },
        Kind::Space => match store.get::<Space>(id)? {
            Some(r) => {
                let city = city_name(r.city_code.as_ref())?;
                Some(of_space(&r, city.as_deref(), related()?, today))
            }
            None => None,
        },
        Kind::Organisation => match store.get::<Organisation>(id)? {
            Some(r) => {
                let city = city_name(r.city_code.as_ref())?;
                Some(of_organisation(&r, city.as_deref(), related()?, today))
            }
            None => None,
        },
        Kind::Contact => match store.get::<Contact>(id)? {
            Some(r) => {
                let city = city_name(r.city_code.as_ref())?;
                Some(of_contact(&r, city.as_deref(), related()?, today))
            }
            None => None,
        },
        Kind::Event => match store.get::<Event>(id)? {
            Some(r) => Some(of_event(&r, related()?, today)),
            None => None,
        },
    })
}

#[cfg(test)]
mod tests;
