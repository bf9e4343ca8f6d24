//! A plain view model of one record for detail panes and `jejaring show`: title, ordered
//! labelled fields (only those set), related records grouped. No terminal types live here.
//!
//! Build one with [`load`] (reads the store) or the pure `of_*` functions (tests, other callers).
//! Labels and words come from [`crate::i18n`]; values keep their structure ([`Value`]) so a
//! renderer can style a `WhatsApp` mark or a stale date.

use crate::i18n::{self, Lang};
use crate::model::schema::{Col, Described, Slot, text_of};
use crate::model::{
    City, CityKind, Community, Contact, Event, IccnStatus, Kind, Meta, Organisation, Province,
    Space, subsector_name,
};
use crate::store::{self, Related, Store};
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
mod tests {
    use super::*;
    use crate::model::Channels;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn phones_show_in_national_format() {
        assert_eq!(format_phone_national("+6281234567890"), "0812-3456-7890");
        assert_eq!(format_phone_national("+62 812 3456 789"), "0812-3456-789");
        assert_eq!(format_phone_national("+62221234567"), "(022) 1234567");
        assert_eq!(format_phone_national("+62215551234"), "(021) 5551234");
        assert_eq!(format_phone_national("+62274123456"), "(0274) 123456");
        // Foreign numbers read in international format.
        assert_eq!(format_phone_national("+6512345678"), "+65 12345678");
        assert_eq!(format_phone_national("0812"), "0812");
    }

    #[test]
    fn staleness_is_a_year() {
        let today = day("2026-03-01");
        assert!(is_stale(None, today));
        assert!(is_stale(Some("nonsense"), today));
        assert!(is_stale(Some("2025-02-01"), today));
        assert!(!is_stale(Some("2025-06-01"), today));
        assert!(!is_stale(Some("2026-03-01T10:00:00Z"), today));
    }

    #[test]
    fn space_fields_are_ordered_and_only_set_ones() {
        let s = Space {
            meta: Meta {
                id: "s1".into(),
                last_verified: Some("2020-01-31".into()),
                source: Some("A | B".into()),
                ..Meta::default()
            },
            name: "Hetero Space Semarang".into(),
            space_type: Some("co-working".into()),
            address: Some("Jl. Setiabudi No. 192".into()),
            channels: Channels {
                phone: Some("+6281234567890".into()),
                whatsapp: Some("+6281234567890".into()),
                website: Some("hetero.space".into()),
                ..Channels::default()
            },
            ..Space::default()
        };
        let d = of_space(
            &s,
            Some("Kota Semarang"),
            Related::default(),
            day("2026-01-01"),
        );
        let labels: Vec<Field> = d.fields.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            labels,
            [
                Field::Type,
                Field::City,
                Field::Address,
                Field::Phone,
                Field::Website,
                Field::Sources,
                Field::LastVerified
            ]
        );
        assert_eq!(
            d.get(Field::Phone).map(|v| v.text(Lang::En)),
            Some("0812-3456-7890 (WhatsApp)".into())
        );
        assert!(matches!(
            d.get(Field::LastVerified),
            Some(Value::Verified { stale: true, .. })
        ));
        assert_eq!(d.link(), Some("https://hetero.space".into()));
        assert_eq!(d.copyables()[0], (Field::Phone, "+6281234567890".into()));
    }

    #[test]
    fn a_contacts_whatsapp_is_a_link_and_copies_in_both_forms() {
        let c = Contact {
            name: "Dewi Contoh".into(),
            channels: Channels {
                phone: Some("+62221234567".into()),
                whatsapp: Some("+6281234567890".into()),
                website: Some("example.org".into()),
                ..Channels::default()
            },
            ..Contact::default()
        };
        let d = of_contact(&c, None, Related::default(), day("2026-01-01"));
        let links: Vec<String> = d.links().into_iter().map(|(_, u)| u).collect();
        assert_eq!(
            links,
            ["https://example.org", "https://wa.me/6281234567890"]
        );
        let copies: Vec<String> = d.copy_menu().into_iter().map(|(_, v)| v).collect();
        let at = copies
            .iter()
            .position(|v| v == "+6281234567890")
            .expect("e164");
        assert_eq!(copies[at + 1], "0812-3456-7890");
        assert_eq!(wa_me("+62 812-3456"), "https://wa.me/628123456");
    }
}
