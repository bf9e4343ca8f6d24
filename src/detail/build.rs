//! Building a [`Detail`]: the set fields of a record in the order its schema's `detail` list
//! gives (directory kinds), or by hand for the official regions.

use super::{Detail, Field, Value, format_phone_national, is_stale};
use crate::model::schema::{Col, Described, Slot, text_of};
use crate::model::{
    City, Community, Contact, Event, Kind, Meta, Organisation, Province, Space, subsector_name,
};
use crate::store::Related;
use chrono::NaiveDate;

/// Collects set fields in order.
#[derive(Default)]
struct Fields(Vec<(Field, Value)>);

impl Fields {
    fn text(&mut self, f: Field, v: Option<&String>) {
        if let Some(v) = v.map(|s| s.trim()).filter(|s| !s.is_empty()) {
            self.0.push((f, Value::Text(v.to_string())));
        }
    }
    fn list(&mut self, f: Field, v: Vec<String>) {
        if !v.is_empty() {
            self.0.push((f, Value::List(v)));
        }
    }
    fn coord(&mut self, lat: Option<f64>, lon: Option<f64>, quality: Option<&String>) {
        if let (Some(lat), Some(lon)) = (lat, lon) {
            self.0.push((
                Field::Coordinates,
                Value::Coord {
                    lat,
                    lon,
                    quality: quality.cloned(),
                },
            ));
        }
    }
    fn phones(&mut self, phone: Option<&String>, whatsapp: Option<&String>) {
        let value = |n: &String, wa: bool| Value::Phone {
            e164: n.clone(),
            national: format_phone_national(n),
            whatsapp: wa,
        };
        let wa_same = whatsapp.is_some() && whatsapp == phone;
        if let Some(p) = phone.filter(|p| !p.is_empty()) {
            self.0.push((Field::Phone, value(p, wa_same)));
        }
        if let Some(w) = whatsapp.filter(|w| !w.is_empty() && !wa_same) {
            self.0.push((Field::WhatsApp, value(w, true)));
        }
    }
    fn sources(&mut self, source: Option<&String>) {
        let v = source
            .map(|s| {
                s.split(" | ")
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        self.list(Field::Sources, v);
    }
    fn verified(&mut self, meta: &Meta, today: NaiveDate) {
        self.0.push((
            Field::LastVerified,
            Value::Verified {
                date: meta.last_verified.clone(),
                stale: is_stale(meta.last_verified.as_deref(), today),
            },
        ));
        if meta.synthetic {
            self.0.push((Field::Synthetic, Value::Text("yes".into())));
        }
    }
}

/// Splits subsectors into official names and free tags.
fn subsectors(f: &mut Fields, slugs: &[String]) {
    let official = slugs
        .iter()
        .filter_map(|s| subsector_name(s).map(String::from))
        .collect();
    let tags = slugs
        .iter()
        .filter(|s| subsector_name(s).is_none())
        .cloned()
        .collect();
    f.list(Field::Subsectors, official);
    f.list(Field::Tags, tags);
}

/// A province.
pub fn of_province(p: &Province, related: Related) -> Detail {
    let mut f = Fields::default();
    f.0.push((Field::Code, Value::Text(p.code.clone())));
    f.list(Field::Aliases, p.aliases.clone());
    if let Some(field) = &p.unesco_field {
        f.0.push((
            Field::Unesco,
            Value::Unesco {
                field: field.clone(),
                year: p.unesco_year,
            },
        ));
    }
    f.sources(p.source.as_ref());
    Detail {
        kind: Kind::Province,
        id: p.code.clone(),
        title: p.name.clone(),
        fields: f.0,
        related,
    }
}

/// A kabupaten/kota; `province` is its province's name when known.
pub fn of_city(c: &City, province: Option<&str>, related: Related, today: NaiveDate) -> Detail {
    let mut f = Fields::default();
    f.0.push((Field::Code, Value::Text(c.code.clone())));
    f.0.push((Field::CityKind, Value::CityKind(c.kind)));
    f.text(Field::Province, province.map(String::from).as_ref());
    f.text(Field::Seat, c.seat.as_ref());
    f.coord(c.lat, c.lon, c.coord_quality.as_ref());
    f.0.push((
        Field::Iccn,
        Value::Iccn {
            status: c.iccn_status,
            forum: c.iccn_forum.clone(),
            joined: c.iccn_joined,
            reported: c.iccn_reported.clone(),
        },
    ));
    if let Some(year) = c.kata_year {
        f.0.push((
            Field::Kata,
            Value::Kata {
                year,
                subsectors: c.kata_subsectors.clone(),
            },
        ));
    }
    if let Some(field) = &c.unesco_field {
        f.0.push((
            Field::Unesco,
            Value::Unesco {
                field: field.clone(),
                year: c.unesco_year,
            },
        ));
    }
    // The UNESCO, ICCN and KaTa sources often cite the same article: list each once.
    let mut sources: Vec<&str> = Vec::new();
    for s in [&c.source, &c.iccn_source, &c.kata_source]
        .into_iter()
        .filter_map(|s| s.as_deref())
        .flat_map(|s| s.split(" | "))
    {
        if !sources.contains(&s) {
            sources.push(s);
        }
    }
    f.sources((!sources.is_empty()).then(|| sources.join(" | ")).as_ref());
    if c.last_verified.is_some() {
        f.0.push((
            Field::LastVerified,
            Value::Verified {
                date: c.last_verified.clone(),
                stale: is_stale(c.last_verified.as_deref(), today),
            },
        ));
    }
    Detail {
        kind: Kind::City,
        id: c.code.clone(),
        title: c.name.clone(),
        fields: f.0,
        related,
    }
}

/// Any directory record, its lines in the order its schema's `detail` gives; `city` is its
/// city's display name.
pub fn of_record<R: Described>(
    r: &R,
    city: Option<&str>,
    related: Related,
    today: NaiveDate,
) -> Detail {
    let schema = R::schema();
    let mut f = Fields::default();
    for col in schema.detail {
        let Some(def) = schema.field(*col) else {
            continue;
        };
        let Some(show) = col.show() else { continue };
        match (show, &def.slot) {
            (Field::City, _) => f.text(Field::City, city.map(String::from).as_ref()),
            (Field::Phone, _) => f.phones(text_of(r, Col::Phone), text_of(r, Col::Whatsapp)),
            // Shown with the phone above.
            (Field::WhatsApp, _) => {}
            (Field::Instagram, Slot::Text(get, _)) => f.text(
                Field::Instagram,
                get(r)
                    .as_ref()
                    .map(|i| format!("@{}", i.trim_start_matches('@')))
                    .as_ref(),
            ),
            (Field::Sources, _) => f.sources(r.meta().source.as_ref()),
            (Field::LastVerified, _) => f.verified(r.meta(), today),
            (Field::Dates, _) => {
                let dates = match (text_of(r, Col::StartDate), text_of(r, Col::EndDate)) {
                    (Some(a), Some(b)) if a != b => Some(format!("{a} – {b}")),
                    (Some(a), _) => Some(a.clone()),
                    (None, Some(b)) => Some(b.clone()),
                    (None, None) => None,
                };
                f.text(Field::Dates, dates.as_ref());
            }
            (Field::Coordinates, Slot::Float(lat, _)) => {
                let lon = match schema.field(Col::Lon).map(|d| &d.slot) {
                    Some(Slot::Float(lon, _)) => *lon(r),
                    _ => None,
                };
                f.coord(*lat(r), lon, None);
            }
            (Field::Subsectors, Slot::List(get, _)) => subsectors(&mut f, get(r)),
            (show, Slot::List(get, _)) => f.list(show, get(r).clone()),
            (show, Slot::Int(get, _)) => f.text(show, get(r).map(|y| y.to_string()).as_ref()),
            (show, Slot::Text(get, _)) => f.text(show, get(r).as_ref()),
            (show, Slot::Visibility(get, _)) => {
                f.0.push((show, Value::Text(get(r).as_str().to_string())));
            }
            (_, Slot::Id | Slot::Name | Slot::Float(..) | Slot::Roles(..)) => {}
        }
    }
    detail(schema.kind, r.meta(), r.name(), f, related)
}

/// A community; `city` is its city's display name.
pub fn of_community(
    r: &Community,
    city: Option<&str>,
    related: Related,
    today: NaiveDate,
) -> Detail {
    of_record(r, city, related, today)
}

/// A space; `city` is its city's display name.
pub fn of_space(r: &Space, city: Option<&str>, related: Related, today: NaiveDate) -> Detail {
    of_record(r, city, related, today)
}

/// An organisation; `city` is its city's display name.
pub fn of_organisation(
    r: &Organisation,
    city: Option<&str>,
    related: Related,
    today: NaiveDate,
) -> Detail {
    of_record(r, city, related, today)
}

/// A contact; `city` is its city's display name.
pub fn of_contact(r: &Contact, city: Option<&str>, related: Related, today: NaiveDate) -> Detail {
    of_record(r, city, related, today)
}

/// An event.
pub fn of_event(r: &Event, related: Related, today: NaiveDate) -> Detail {
    of_record(r, None, related, today)
}

fn detail(kind: Kind, meta: &Meta, name: &str, f: Fields, related: Related) -> Detail {
    Detail {
        kind,
        id: meta.id.clone(),
        title: name.to_string(),
        fields: f.0,
        related,
    }
}
