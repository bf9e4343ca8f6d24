//! Tests of the detail view model.

use super::*;
use crate::model::{Channels, Meta};

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
