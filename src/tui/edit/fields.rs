//! The fields of each kind's form: their order, labels and which of them are pickers.

use crate::i18n::Lang;
use crate::model::Kind;

/// One field of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKey {
    Name,
    Type,
    City,
    Address,
    Lat,
    Lon,
    Operator,
    BaseSpace,
    Subsectors,
    Description,
    Founded,
    Facilities,
    OpeningHours,
    Website,
    Instagram,
    Email,
    Phone,
    WhatsApp,
    Visibility,
    Organisation,
    Role,
    LastVerified,
    Source,
}

/// What a picker field chooses from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// A kabupaten/kota.
    City,
    /// A record of one of these kinds.
    Records(&'static [Kind]),
}

use FieldKey as F;

const COMMUNITY: &[FieldKey] = &[
    F::Name,
    F::City,
    F::Subsectors,
    F::Description,
    F::Founded,
    F::BaseSpace,
    F::Website,
    F::Instagram,
    F::Email,
    F::Phone,
    F::WhatsApp,
    F::LastVerified,
    F::Source,
];
const SPACE: &[FieldKey] = &[
    F::Name,
    F::Type,
    F::City,
    F::Address,
    F::Lat,
    F::Lon,
    F::Operator,
    F::Facilities,
    F::OpeningHours,
    F::Description,
    F::Website,
    F::Instagram,
    F::Email,
    F::Phone,
    F::WhatsApp,
    F::LastVerified,
    F::Source,
];
const ORGANISATION: &[FieldKey] = &[
    F::Name,
    F::Type,
    F::City,
    F::Description,
    F::Website,
    F::Instagram,
    F::Email,
    F::Phone,
    F::WhatsApp,
    F::LastVerified,
    F::Source,
];
const CONTACT: &[FieldKey] = &[
    F::Name,
    F::City,
    F::Visibility,
    F::Organisation,
    F::Role,
    F::Phone,
    F::WhatsApp,
    F::Email,
    F::Instagram,
    F::LastVerified,
    F::Source,
];

impl FieldKey {
    /// The fields of a form for `kind`, in order.
    pub fn of(kind: Kind) -> &'static [FieldKey] {
        match kind {
            Kind::Space => SPACE,
            Kind::Organisation => ORGANISATION,
            Kind::Contact => CONTACT,
            _ => COMMUNITY,
        }
    }

    /// The label shown before the input.
    pub fn label(self, lang: Lang) -> &'static str {
        let s = lang.edit();
        match self {
            F::Name => s.f_name,
            F::Type => s.f_type,
            F::City => s.f_city,
            F::Address => s.f_address,
            F::Lat => s.f_lat,
            F::Lon => s.f_lon,
            F::Operator => s.f_operator,
            F::BaseSpace => s.f_base_space,
            F::Subsectors => s.f_subsectors,
            F::Description => s.f_description,
            F::Founded => s.f_founded,
            F::Facilities => s.f_facilities,
            F::OpeningHours => s.f_opening_hours,
            F::Website => s.f_website,
            F::Instagram => s.f_instagram,
            F::Email => s.f_email,
            F::Phone => s.f_phone,
            F::WhatsApp => s.f_whatsapp,
            F::Visibility => s.f_visibility,
            F::Organisation => s.f_organisation,
            F::Role => s.f_role,
            F::LastVerified => s.f_last_verified,
            F::Source => s.f_source,
        }
    }

    /// What the field picks from, for picker fields.
    pub fn pick(self) -> Option<Pick> {
        match self {
            F::City => Some(Pick::City),
            F::Operator => Some(Pick::Records(&[Kind::Organisation])),
            F::BaseSpace => Some(Pick::Records(&[Kind::Space])),
            F::Organisation => Some(Pick::Records(&[
                Kind::Community,
                Kind::Space,
                Kind::Organisation,
            ])),
            _ => None,
        }
    }
}
