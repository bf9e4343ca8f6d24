//! The address book in the app, driven by keys on the seeded in-memory store: a contact's QR
//! code (decoded back from the drawn cells), `WhatsApp` links and copies, and the duplicates
//! view with a field-by-field merge undone by `u`. Test contacts are made up ("Contoh").

use crate::support::app::{app_over, draw, key, status, typ};
use crossterm::event::KeyCode;
use jejaring::i18n::Lang;
use jejaring::model::{Channels, Community, Contact, Organisation, Role, Visibility};
use jejaring::store::Store;
use jejaring::tui::app::{App, Effect, Focus, Popup};

const PHONE: &str = "+6281200000011";

fn contact(name: &str, email: Option<&str>, roles: Vec<Role>) -> Contact {
    Contact {
        name: name.into(),
        visibility: Visibility::Public,
        channels: Channels {
            phone: Some(PHONE.into()),
            whatsapp: Some(PHONE.into()),
            email: email.map(String::from),
            ..Channels::default()
        },
        roles,
        ..Contact::default()
    }
}

fn role(role: &str, target: &str) -> Role {
    Role {
        role: role.into(),
        target_id: target.into(),
        ..Role::default()
    }
}

/// The seeded store plus two made-up contacts that share a phone, each with its own role.
fn store_with_pair() -> (Store, Contact, Contact) {
    let mut store = jejaring::service::open_seeded_in_memory().expect("seeded");
    let org = store.all::<Organisation>().expect("orgs")[0]
        .meta
        .id
        .clone();
    let com = store.all::<Community>().expect("coms")[0].meta.id.clone();
    let mut a = contact(
        "Dewi Contoh",
        Some("dewi@example.org"),
        vec![role("Ketua", &org)],
    );
    let mut b = contact("Dewi Contoh S.", None, vec![role("Anggota", &com)]);
    store
        .write(|w| {
            w.insert(&mut a)?;
            w.insert(&mut b)
        })
        .expect("insert");
    let a = store.get::<Contact>(&a.meta.id).expect("get").expect("a");
    let b = store.get::<Contact>(&b.meta.id).expect("get").expect("b");
    (store, a, b)
}

/// The app with `name` searched and opened in the detail pane.
fn opened(store: Store, name: &str) -> App {
    let mut app = app_over(store, Lang::En);
    typ(&mut app, &format!("kind:contact {name}"));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.focus(), Focus::Detail, "{}", status(&app));
    app
}

/// The QR code drawn at the top left of the screen, read back as half-block lines: as wide as
/// the run of light cells on the first row, as tall as the run down the first column.
fn drawn_code(term: &ratatui::Terminal<ratatui::backend::TestBackend>) -> Vec<String> {
    let buf = term.backend().buffer();
    let sym = |x: u16, y: u16| buf[(x, y)].symbol().to_string();
    let w = (0..buf.area.width)
        .take_while(|&x| sym(x, 0) == "█")
        .count() as u16;
    let h = (0..buf.area.height)
        .take_while(|&y| sym(0, y) == "█")
        .count() as u16;
    (0..h)
        .map(|y| (0..w).map(|x| sym(x, y)).collect())
        .collect()
}

#[test]
fn the_qr_code_in_the_app_scans_to_the_contacts_card_at_80x24() {
    let mut store = jejaring::service::open_seeded_in_memory().expect("seeded");
    let mut c = contact("Dewi Contoh", Some("dewi@example.org"), Vec::new());
    store.write(|w| w.insert(&mut c)).expect("insert");
    let card = jejaring::io::qr_card(&store, &c.meta.id)
        .expect("card")
        .expect("found");
    let mut app = opened(store, "dewi contoh");
    key(&mut app, KeyCode::Char('Q'));
    assert!(
        matches!(app.popup(), Some(Popup::Qr(_))),
        "{}",
        status(&app)
    );
    let term = draw(&mut app, 80, 24);
    assert_eq!(crate::address_book::decode(&drawn_code(&term)), card);
    insta::assert_snapshot!("qr_contact_80x24", term.backend());
    // Too small a window says so instead of drawing a code no phone could read.
    let term = draw(&mut app, 40, 12);
    let text = term.backend().to_string();
    assert!(text.contains("needs") && text.contains("40 × 12"), "{text}");
    insta::assert_snapshot!("qr_contact_40x12", term.backend());
    key(&mut app, KeyCode::Esc);
    assert!(app.popup().is_none());
}

#[test]
fn qr_is_for_contacts_only() {
    let store = jejaring::service::open_seeded_in_memory().expect("seeded");
    let mut app = app_over(store, Lang::En);
    typ(&mut app, "hetero sem");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('Q'));
    assert!(app.popup().is_none());
    assert!(status(&app).contains("contacts"), "{}", status(&app));
}

#[test]
fn whatsapp_is_offered_as_a_link_and_copied_in_both_forms() {
    let (store, _, _) = store_with_pair();
    let mut app = opened(store, "dewi contoh s");
    // One link only (no website, no position): `o` opens the chat at once.
    assert_eq!(
        key(&mut app, KeyCode::Char('o')),
        Some(Effect::Open("https://wa.me/6281200000011".into()))
    );
    // The test runner has no opener: the link popup shows; close it.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('y'));
    let Some(Popup::Copy { items, .. }) = app.popup() else {
        panic!("copy menu");
    };
    let values: Vec<&str> = items.iter().map(|(_, v)| v.as_str()).collect();
    assert!(
        values.contains(&PHONE) && values.contains(&"0812-0000-0011"),
        "{values:?}"
    );
}

/// `D` from the list, then down to the pair of `a` and `b`.
fn dupes_at_pair(app: &mut App, a: &Contact, b: &Contact) {
    key(app, KeyCode::Tab);
    key(app, KeyCode::Char('D'));
    let Some(Popup::Dupes(view)) = app.popup() else {
        panic!("dupes view: {}", status(app));
    };
    let at = view
        .pairs
        .iter()
        .position(|p| {
            let ids = [p.left.as_str(), p.right.as_str()];
            ids.contains(&a.meta.id.as_str()) && ids.contains(&b.meta.id.as_str())
        })
        .expect("the pair is listed");
    assert!(view.pairs.windows(2).all(|w| w[0].score >= w[1].score));
    for _ in 0..at {
        key(app, KeyCode::Char('j'));
    }
}

#[test]
fn dupes_view_snapshots_80x24_and_40x12() {
    for (w, h) in [(80, 24), (40, 12)] {
        let (store, a, b) = store_with_pair();
        let mut app = app_over(store, Lang::En);
        typ(&mut app, "dewi contoh");
        dupes_at_pair(&mut app, &a, &b);
        let term = draw(&mut app, w, h);
        assert!(term.backend().to_string().contains("Dewi Contoh"));
        insta::assert_snapshot!(format!("dupes_{w}x{h}"), term.backend());
        key(&mut app, KeyCode::Enter);
        let term = draw(&mut app, w, h);
        insta::assert_snapshot!(format!("merge_{w}x{h}"), term.backend());
    }
}

#[test]
fn merging_a_pair_keeps_every_role_and_u_restores_both_records() {
    let (store, a, b) = store_with_pair();
    let mut app = app_over(store, Lang::En);
    typ(&mut app, "dewi contoh");
    dupes_at_pair(&mut app, &a, &b);
    key(&mut app, KeyCode::Enter);
    let Some(Popup::Dupes(view)) = app.popup() else {
        panic!("merge view");
    };
    let draft = view.merge.clone().expect("draft");
    let (keep, gone) = if draft.keep == a.meta.id {
        (&a, &b)
    } else {
        (&b, &a)
    };
    // Take the other's name: the survivor keeps its id but that field.
    let name_row = draft
        .rows
        .iter()
        .position(|r| r.col == jejaring::model::schema::Col::Name)
        .expect("name row");
    for _ in 0..name_row {
        key(&mut app, KeyCode::Char('j'));
    }
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Char('m'));
    assert!(app.popup().is_none());
    assert!(status(&app).contains("Merged"), "{}", status(&app));
    let get = |app: &App, id: &str| app.store().get::<Contact>(id).expect("get");
    let merged = get(&app, &keep.meta.id).expect("survivor");
    assert_eq!(merged.name, gone.name);
    for r in keep.roles.iter().chain(&gone.roles) {
        assert!(merged.roles.contains(r), "lost {r:?}");
    }
    assert!(get(&app, &gone.meta.id).is_none());

    key(&mut app, KeyCode::Char('u'));
    assert!(status(&app).contains("Undone"), "{}", status(&app));
    let back_keep = get(&app, &keep.meta.id).expect("survivor back");
    let back_gone = get(&app, &gone.meta.id).expect("deleted record back");
    for (back, was) in [(&back_keep, keep), (&back_gone, gone)] {
        assert_eq!(back.name, was.name);
        assert_eq!(back.channels, was.channels);
        assert_eq!(back.roles, was.roles);
    }
}
