//! The fields of each kind's form: their order, labels and which of them are pickers. The
//! fields are the import columns ([`Field`]), so a form and a spreadsheet name the same things.

use crate::i18n::Lang;
pub use crate::io::columns::Field;
use crate::model::Kind;

/// What a picker field chooses from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// A kabupaten/kota.
    City,
    /// A record of one of these kinds.
    Records(&'static [Kind]),
}

use Field as F;

const COMMUNITY: &[Field] = &[
    F::Name,
    F::City,
    F::Subsectors,
    F::Description,
    F::FoundedYear,
    F::Space,
    F::Website,
    F::Instagram,
    F::Email,
    F::Phone,
    F::Whatsapp,
    F::LastVerified,
    F::Source,
];
const SPACE: &[Field] = &[
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
    F::Whatsapp,
    F::LastVerified,
    F::Source,
];
const ORGANISATION: &[Field] = &[
    F::Name,
    F::Type,
    F::City,
    F::Description,
    F::Website,
    F::Instagram,
    F::Email,
    F::Phone,
    F::Whatsapp,
    F::LastVerified,
    F::Source,
];
const CONTACT: &[Field] = &[
    F::Name,
    F::City,
    F::Visibility,
    F::Organisation,
    F::Role,
    F::RoleStart,
    F::RoleEnd,
    F::Phone,
    F::Whatsapp,
    F::Email,
    F::Instagram,
    F::LastVerified,
    F::Source,
];

impl Field {
    /// The fields of a form for `kind`, in order.
    pub fn of_form(kind: Kind) -> &'static [Field] {
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
            F::Space => s.f_base_space,
            F::Subsectors => s.f_subsectors,
            F::Description => s.f_description,
            F::FoundedYear => s.f_founded,
            F::Facilities => s.f_facilities,
            F::OpeningHours => s.f_opening_hours,
            F::Website => s.f_website,
            F::Instagram => s.f_instagram,
            F::Email => s.f_email,
            F::Phone => s.f_phone,
            F::Whatsapp => s.f_whatsapp,
            F::Visibility => s.f_visibility,
            F::Organisation => s.f_organisation,
            F::Role => s.f_role,
            F::LastVerified => s.f_last_verified,
            F::Source => s.f_source,
            F::RoleStart => s.f_role_start,
            F::RoleEnd => s.f_role_end,
            // Ids are kept, never typed: no form shows them.
            F::Id => "id",
        }
    }

    /// What the field picks from, for picker fields.
    pub fn pick(self) -> Option<Pick> {
        match self {
            F::City => Some(Pick::City),
            F::Operator => Some(Pick::Records(&[Kind::Organisation])),
            F::Space => Some(Pick::Records(&[Kind::Space])),
            F::Organisation => Some(Pick::Records(&[
                Kind::Community,
                Kind::Space,
                Kind::Organisation,
            ])),
            _ => None,
        }
    }
}
