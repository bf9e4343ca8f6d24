//! The declarations: one [`Schema`] per record kind. Each is a table, read top to bottom:
//! the fields in import order, then the orders of the file, the form, the detail pane and the
//! vCard.

use super::{Col, Described, FieldDef, RolePart, Schema, Slot, Ty};
use crate::model::{Community, Contact, Event, Kind, Meta, Organisation, Space};

/// Accessors of an `Option<String>` field.
macro_rules! text {
    ($($f:ident).+) => {
        Slot::Text(|r| &r.$($f).+, |r| &mut r.$($f).+)
    };
}
macro_rules! int {
    ($($f:ident).+) => {
        Slot::Int(|r| &r.$($f).+, |r| &mut r.$($f).+)
    };
}
macro_rules! float {
    ($($f:ident).+) => {
        Slot::Float(|r| &r.$($f).+, |r| &mut r.$($f).+)
    };
}
macro_rules! list {
    ($($f:ident).+) => {
        Slot::List(|r| &r.$($f).+, |r| &mut r.$($f).+)
    };
}

/// A field line: column, table column (or `-`), type, slot.
macro_rules! field {
    ($col:ident, -, $ty:expr, $slot:expr) => {
        FieldDef {
            col: Col::$col,
            db: None,
            ty: $ty,
            slot: $slot,
            private: false,
        }
    };
    ($col:ident, $db:literal, $ty:expr, $slot:expr) => {
        FieldDef {
            col: Col::$col,
            db: Some($db),
            ty: $ty,
            slot: $slot,
            private: false,
        }
    };
    ($col:ident, $db:literal, $ty:expr, $slot:expr, private) => {
        FieldDef {
            col: Col::$col,
            db: Some($db),
            ty: $ty,
            slot: $slot,
            private: true,
        }
    };
}

/// The fields every directory record has (`id`, `name`, `source`, `last_verified`) are stored
/// in the common columns the store handles itself, so they have no table column here.
macro_rules! common_fields {
    ($t:ty) => {
        {
            let common: [FieldDef<$t>; 4] = [
            field!(Id, -, Ty::Id, Slot::Id),
            field!(Name, -, Ty::Name, Slot::Name),
            field!(Source, -, Ty::Text, text!(meta.source)),
            field!(LastVerified, -, Ty::Date, text!(meta.last_verified)),
            ];
            common
        }
    };
}

/// The public channels of communities, spaces and organisations (a contact's are private by
/// visibility, so it declares its own).
macro_rules! public_channels {
    ($t:ty) => {{
        let channels: [FieldDef<$t>; 5] = [
            field!(Website, "website", Ty::Url, text!(channels.website)),
            field!(
                Instagram,
                "instagram",
                Ty::Instagram,
                text!(channels.instagram)
            ),
            field!(Email, "email", Ty::Email, text!(channels.email)),
            field!(Phone, "phone", Ty::Phone, text!(channels.phone)),
            field!(Whatsapp, "whatsapp", Ty::Whatsapp, text!(channels.whatsapp)),
        ];
        channels
    }};
}

/// Implements [`Described`] for a struct with `meta`, `name` and (optionally) `city_code`.
macro_rules! described {
    ($t:ty, $schema:ident, city) => {
        described!(@ $t, $schema, city_code);
    };
    ($t:ty, $schema:ident) => {
        described!(@ $t, $schema);
    };
    (@ $t:ty, $schema:ident $(, $city:ident)?) => {
        impl Described for $t {
            fn schema() -> &'static Schema<Self> {
                &$schema
            }
            fn meta(&self) -> &Meta {
                &self.meta
            }
            fn meta_mut(&mut self) -> &mut Meta {
                &mut self.meta
            }
            fn name(&self) -> &str {
                &self.name
            }
            fn name_mut(&mut self) -> &mut String {
                &mut self.name
            }
            fn city(&self) -> Option<&str> {
                None $(.or(self.$city.as_deref()))?
            }
        }
    };
}

fn no_cross_check<R>(_: &R) -> Option<(Col, &'static str)> {
    None
}

use Col as C;

/// A creative community.
pub static COMMUNITY: Schema<Community> = Schema {
    kind: Kind::Community,
    table: "community",
    fields: &{
        let [id, name, source, verified] = common_fields!(Community);
        let [website, instagram, email, phone, whatsapp] = public_channels!(Community);
        [
            id,
            name,
            field!(Subsectors, "subsectors", Ty::Subsectors, list!(subsectors)),
            field!(City, "city_code", Ty::City, text!(city_code)),
            field!(Space, "space_id", Ty::Ref(&[Kind::Space]), text!(space_id)),
            field!(
                Description,
                "description",
                Ty::Multiline,
                text!(description)
            ),
            field!(FoundedYear, "founded_year", Ty::Year, int!(founded_year)),
            website,
            instagram,
            email,
            phone,
            whatsapp,
            source,
            verified,
        ]
    },
    file: &[
        C::Id,
        C::Name,
        C::Subsectors,
        C::City,
        C::Space,
        C::Description,
        C::FoundedYear,
        C::Website,
        C::Instagram,
        C::Email,
        C::Phone,
        C::Whatsapp,
        C::Source,
        C::LastVerified,
    ],
    form: &[
        C::Name,
        C::City,
        C::Subsectors,
        C::Description,
        C::FoundedYear,
        C::Space,
        C::Website,
        C::Instagram,
        C::Email,
        C::Phone,
        C::Whatsapp,
        C::LastVerified,
        C::Source,
    ],
    detail: &[
        C::City,
        C::Subsectors,
        C::FoundedYear,
        C::Phone,
        C::Whatsapp,
        C::Email,
        C::Website,
        C::Instagram,
        C::Description,
        C::Source,
        C::LastVerified,
    ],
    vcard: &[],
    visibility: None,
    cross_check: no_cross_check,
};
described!(Community, COMMUNITY, city);

fn lat_lon_together(s: &Space) -> Option<(Col, &'static str)> {
    match (s.lat, s.lon) {
        (Some(_), None) => Some((
            Col::Lon,
            "latitude and longitude go together: give both or neither",
        )),
        (None, Some(_)) => Some((
            Col::Lat,
            "latitude and longitude go together: give both or neither",
        )),
        _ => None,
    }
}

/// A creative space.
pub static SPACE: Schema<Space> = Schema {
    kind: Kind::Space,
    table: "space",
    fields: &{
        let [id, name, source, verified] = common_fields!(Space);
        let [website, instagram, email, phone, whatsapp] = public_channels!(Space);
        [
            id,
            name,
            field!(Type, "space_type", Ty::Text, text!(space_type)),
            field!(City, "city_code", Ty::City, text!(city_code)),
            field!(Address, "address", Ty::Multiline, text!(address)),
            field!(Lat, "lat", Ty::Lat, float!(lat)),
            field!(Lon, "lon", Ty::Lon, float!(lon)),
            field!(CoordSource, "coord_source", Ty::Text, text!(coord_source)),
            field!(
                Operator,
                "operator_id",
                Ty::Ref(&[Kind::Organisation]),
                text!(operator_id)
            ),
            field!(Facilities, "facilities", Ty::List, list!(facilities)),
            field!(
                OpeningHours,
                "opening_hours",
                Ty::Multiline,
                text!(opening_hours)
            ),
            field!(
                Description,
                "description",
                Ty::Multiline,
                text!(description)
            ),
            website,
            instagram,
            email,
            phone,
            whatsapp,
            source,
            verified,
        ]
    },
    file: &[
        C::Id,
        C::Name,
        C::Type,
        C::City,
        C::Address,
        C::Lat,
        C::Lon,
        C::CoordSource,
        C::Operator,
        C::Facilities,
        C::OpeningHours,
        C::Website,
        C::Instagram,
        C::Email,
        C::Phone,
        C::Whatsapp,
        C::Description,
        C::Source,
        C::LastVerified,
    ],
    form: &[
        C::Name,
        C::Type,
        C::City,
        C::Address,
        C::Lat,
        C::Lon,
        C::CoordSource,
        C::Operator,
        C::Facilities,
        C::OpeningHours,
        C::Description,
        C::Website,
        C::Instagram,
        C::Email,
        C::Phone,
        C::Whatsapp,
        C::LastVerified,
        C::Source,
    ],
    detail: &[
        C::Type,
        C::City,
        C::Address,
        C::Lat,
        C::CoordSource,
        C::OpeningHours,
        C::Phone,
        C::Whatsapp,
        C::Email,
        C::Website,
        C::Instagram,
        C::Facilities,
        C::Description,
        C::Source,
        C::LastVerified,
    ],
    vcard: &[],
    visibility: None,
    cross_check: lat_lon_together,
};
described!(Space, SPACE, city);

/// A ministry, agency, company, university, network or forum.
pub static ORGANISATION: Schema<Organisation> = Schema {
    kind: Kind::Organisation,
    table: "organisation",
    fields: &{
        let [id, name, source, verified] = common_fields!(Organisation);
        let [website, instagram, email, phone, whatsapp] = public_channels!(Organisation);
        [
            id,
            name,
            field!(Type, "org_type", Ty::Text, text!(org_type)),
            field!(City, "city_code", Ty::City, text!(city_code)),
            field!(
                Description,
                "description",
                Ty::Multiline,
                text!(description)
            ),
            website,
            instagram,
            email,
            phone,
            whatsapp,
            source,
            verified,
        ]
    },
    file: &[
        C::Id,
        C::Name,
        C::Type,
        C::City,
        C::Website,
        C::Email,
        C::Phone,
        C::Description,
        C::Source,
        C::LastVerified,
    ],
    form: &[
        C::Name,
        C::Type,
        C::City,
        C::Description,
        C::Website,
        C::Instagram,
        C::Email,
        C::Phone,
        C::Whatsapp,
        C::LastVerified,
        C::Source,
    ],
    detail: &[
        C::Type,
        C::City,
        C::Phone,
        C::Whatsapp,
        C::Email,
        C::Website,
        C::Instagram,
        C::Description,
        C::Source,
        C::LastVerified,
    ],
    vcard: &[],
    visibility: None,
    cross_check: no_cross_check,
};
described!(Organisation, ORGANISATION, city);

/// A person.
pub static CONTACT: Schema<Contact> = Schema {
    kind: Kind::Contact,
    table: "contact",
    fields: &{
        let [id, name, source, verified] = common_fields!(Contact);
        [
            id,
            name,
            field!(Role, -, Ty::Role(RolePart::Title), Slot::Roles(|r| &r.roles, |r| &mut r.roles)),
            field!(Organisation, -, Ty::Role(RolePart::Target), Slot::Roles(|r| &r.roles, |r| &mut r.roles)),
            field!(RoleStart, -, Ty::Role(RolePart::Start), Slot::Roles(|r| &r.roles, |r| &mut r.roles)),
            field!(RoleEnd, -, Ty::Role(RolePart::End), Slot::Roles(|r| &r.roles, |r| &mut r.roles)),
            field!(City, "city_code", Ty::City, text!(city_code)),
            // A private contact's website stays public: it is an organisation's page.
            field!(Website, "website", Ty::Url, text!(channels.website)),
            field!(
                Instagram,
                "instagram",
                Ty::Instagram,
                text!(channels.instagram),
                private
            ),
            field!(Email, "email", Ty::Email, text!(channels.email), private),
            field!(Phone, "phone", Ty::Phone, text!(channels.phone), private),
            field!(
                Whatsapp,
                "whatsapp",
                Ty::Whatsapp,
                text!(channels.whatsapp),
                private
            ),
            field!(
                Visibility,
                "visibility",
                Ty::Visibility,
                Slot::Visibility(|r| &r.visibility, |r| &mut r.visibility)
            ),
            source,
            verified,
        ]
    },
    file: &[
        C::Id,
        C::Name,
        C::Role,
        C::Organisation,
        C::City,
        C::Phone,
        C::Whatsapp,
        C::Email,
        C::Instagram,
        C::Visibility,
        C::RoleStart,
        C::RoleEnd,
        C::Source,
        C::LastVerified,
    ],
    form: &[
        C::Name,
        C::City,
        C::Visibility,
        C::Organisation,
        C::Role,
        C::RoleStart,
        C::RoleEnd,
        C::Phone,
        C::Whatsapp,
        C::Email,
        C::Instagram,
        C::LastVerified,
        C::Source,
    ],
    detail: &[
        C::City,
        C::Phone,
        C::Whatsapp,
        C::Email,
        C::Website,
        C::Instagram,
        C::Visibility,
        C::Source,
        C::LastVerified,
    ],
    vcard: &[
        C::Phone,
        C::Whatsapp,
        C::Email,
        C::Organisation,
        C::City,
        C::Website,
        C::Instagram,
        C::Source,
    ],
    visibility: Some(|r| r.visibility),
    cross_check: no_cross_check,
};
described!(Contact, CONTACT, city);

/// A network event (bundled data; not edited or imported by coordinators).
pub static EVENT: Schema<Event> = Schema {
    kind: Kind::Event,
    table: "event",
    fields: &{
        let [id, name, source, verified] = common_fields!(Event);
        [
            id,
            name,
            field!(EventType, "event_type", Ty::Text, text!(event_type)),
            field!(Year, "year", Ty::Year, int!(year)),
            field!(StartDate, "start_date", Ty::Date, text!(start_date)),
            field!(EndDate, "end_date", Ty::Date, text!(end_date)),
            field!(Venue, "venue_id", Ty::Ref(&[Kind::Space]), text!(venue_id)),
            field!(
                Description,
                "description",
                Ty::Multiline,
                text!(description)
            ),
            source,
            verified,
        ]
    },
    file: &[],
    form: &[],
    detail: &[
        C::EventType,
        C::Year,
        C::StartDate,
        C::Description,
        C::Source,
        C::LastVerified,
    ],
    vcard: &[],
    visibility: None,
    cross_check: no_cross_check,
};
described!(Event, EVENT);
