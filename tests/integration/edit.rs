//! Editing in the terminal app, driven by keys on an in-memory store: add a community with a
//! city from the picker, fix a space's phone, delete an organisation (its links listed first),
//! stamp verified, and undo each change (the store is back as it was). Snapshots of the form
//! at 80×24 and 40×12 and of the delete question.

use crate::support::app::{
    Headless, app_over, ctrl, draw, external_change, key, results_of, status, typ,
};
use crate::support::records::{self, province};
use crossterm::event::KeyCode;
use jejaring::i18n::Lang;
use jejaring::model::{
    City, CityKind, Community, Contact, Kind, Meta, Organisation, Role, Space, Visibility,
};
use jejaring::store::Store;
use jejaring::tui::action::Action;
use jejaring::tui::app::{App, Effect};
use jejaring::tui::edit::Confirm;
use jejaring::tui::edit::form::{Field, Form};
use jejaring::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn city(code: &str, name: &str, prov: &str) -> City {
    records::city(code, name, CityKind::Kota, prov)
}

fn meta(id: &str) -> Meta {
    records::meta(id, "2020-01-31", "Test fixture")
}

/// Two provinces, three cities, an organisation operating a space, a community based at that
/// space and a contact with roles in both.
fn fixture() -> Store {
    let mut store = Store::open_empty_in_memory().expect("store");
    store
        .write(|w| {
            w.put_province(&province("32", "Jawa Barat"))?;
            w.put_province(&province("33", "Jawa Tengah"))?;
            w.put_city(&city("32.73", "Kota Bandung", "32"))?;
            w.put_city(&city("33.72", "Kota Surakarta", "33"))?;
            w.put_city(&city("33.74", "Kota Semarang", "33"))?;
            w.insert(&mut Organisation {
                meta: meta("org-impala"),
                name: "Impala Network".into(),
                org_type: Some("company".into()),
                city_code: Some("33.74".into()),
                ..Organisation::default()
            })?;
            let mut smg = Space {
                meta: meta("space-smg"),
                name: "Hetero Space Semarang".into(),
                space_type: Some("creative hub".into()),
                city_code: Some("33.74".into()),
                address: Some("Jl. Setiabudi No. 192, Banyumanik".into()),
                lat: Some(-7.0581),
                lon: Some(110.4289),
                operator_id: Some("org-impala".into()),
                ..Space::default()
            };
            smg.channels.phone = Some("+62247000000".into());
            smg.channels.website = Some("https://hetero.space".into());
            w.insert(&mut smg)?;
            w.insert(&mut Community {
                meta: meta("com-musik"),
                name: "Komunitas Musik Semarang".into(),
                city_code: Some("33.74".into()),
                subsectors: vec!["musik".into()],
                space_id: Some("space-smg".into()),
                ..Community::default()
            })?;
            w.insert(&mut Contact {
                meta: meta("contact-andi"),
                name: "Andi Pratama".into(),
                city_code: Some("33.74".into()),
                visibility: Visibility::Public,
                roles: vec![
                    Role {
                        role: "Community manager".into(),
                        target_id: "space-smg".into(),
                        start: Some("2021-03-01".into()),
                        end: None,
                    },
                    Role {
                        role: "Advisor".into(),
                        target_id: "org-impala".into(),
                        start: None,
                        end: None,
                    },
                ],
                ..Contact::default()
            })?;
            Ok(())
        })
        .expect("fixture");
    store
}

/// Whether the app's search index holds a record with this name.
fn indexed(app: &App, name: &str) -> bool {
    let index = app.results.index();
    (0..index.len() as u32).any(|i| index.name(i) == name)
}

fn app() -> App {
    app_over(fixture(), Lang::En)
}

fn screen(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    draw(app, width, height)
}

fn text(app: &mut App) -> String {
    screen(app, 80, 24).backend().to_string()
}

/// Opens the first search hit for `query` in the detail pane.
fn open(app: &mut App, query: &str) {
    typ(app, query);
    key(app, KeyCode::Enter);
}

/// Tabs through the form until `field` has the focus.
fn focus_field(app: &mut App, field: Field) {
    for _ in 0..40 {
        let form = app.edit().form().expect("form open");
        if form.focused().is_some_and(|f| f.key == field) {
            return;
        }
        key(app, KeyCode::Tab);
    }
    panic!("no field {field:?}");
}

/// The fixture's contact as the store holds it now.
fn stored_andi(app: &App) -> Contact {
    app.store()
        .get("contact-andi")
        .expect("get")
        .expect("contact")
}

/// Tabs through the form until `field` of role `role` (0 = the first) has the focus.
fn focus_role_field(app: &mut App, field: Field, role: usize) {
    for _ in 0..60 {
        let form = app.edit().form().expect("form open");
        if form
            .focused()
            .is_some_and(|f| f.key == field && f.role == role)
        {
            return;
        }
        key(app, KeyCode::Tab);
    }
    panic!("no field {field:?} of role {role}");
}

/// Every editable record, with `updated_at` blanked (undo is itself a change and bumps it).
#[derive(Debug, PartialEq)]
struct Everything {
    communities: Vec<Community>,
    spaces: Vec<Space>,
    organisations: Vec<Organisation>,
    contacts: Vec<Contact>,
}

fn everything(app: &App) -> Everything {
    let s = app.store();
    let mut all = Everything {
        communities: s.all().expect("communities"),
        spaces: s.all().expect("spaces"),
        organisations: s.all().expect("organisations"),
        contacts: s.all().expect("contacts"),
    };
    all.communities
        .iter_mut()
        .for_each(|r| r.meta.updated_at.clear());
    all.spaces
        .iter_mut()
        .for_each(|r| r.meta.updated_at.clear());
    all.organisations
        .iter_mut()
        .for_each(|r| r.meta.updated_at.clear());
    all.contacts
        .iter_mut()
        .for_each(|r| r.meta.updated_at.clear());
    all
}

#[test]
fn add_a_community_with_a_city_from_the_picker_then_undo() {
    let mut app = app();
    let before = everything(&app);
    key(&mut app, KeyCode::Esc); // to the list
    key(&mut app, KeyCode::Char(']'));
    key(&mut app, KeyCode::Char(']')); // the communities tab
    key(&mut app, KeyCode::Char('n'));
    let form = app.edit().form().expect("form");
    assert_eq!(form.kind, Kind::Community);
    typ(&mut app, "Komunitas Baru");
    focus_field(&mut app, Field::City);
    typ(&mut app, "semar");
    let picker = app.edit().picker().expect("picker");
    assert_eq!(picker.rows[0].name, "Kota Semarang");
    assert_eq!(picker.rows[0].note.as_deref(), Some("Jawa Tengah"));
    key(&mut app, KeyCode::Enter);
    assert!(app.edit().picker().is_none());
    focus_field(&mut app, Field::Subsectors);
    typ(&mut app, "Music; kopi");
    ctrl(&mut app, 's');
    assert!(app.edit().form().is_none(), "saved: {}", status(&app));
    assert_eq!(status(&app), "Added: Komunitas Baru");

    let added: Vec<Community> = app.store().all().expect("all");
    let new = added
        .iter()
        .find(|c| c.name == "Komunitas Baru")
        .expect("added");
    assert_eq!(new.city_code.as_deref(), Some("33.74"));
    assert_eq!(new.subsectors, ["musik", "kopi"]);
    // The new record is shown and searchable at once.
    assert_eq!(
        app.detail().shown().map(|d| d.title.as_str()),
        Some("Komunitas Baru")
    );
    assert!(indexed(&app, "Komunitas Baru"));

    key(&mut app, KeyCode::Char('u'));
    assert_eq!(status(&app), "Undone: Komunitas Baru");
    assert_eq!(everything(&app), before);
    assert!(!indexed(&app, "Komunitas Baru"));
}

#[test]
fn a_bad_phone_is_refused_and_a_good_one_stored_as_e164_then_undo() {
    let mut app = app();
    let before = everything(&app);
    open(&mut app, "hetero");
    key(&mut app, KeyCode::Char('e'));
    focus_field(&mut app, Field::Phone);
    ctrl(&mut app, 'u');
    typ(&mut app, "12345");
    ctrl(&mut app, 's');
    assert!(app.edit().form().is_some(), "not saved");
    assert!(
        status(&app).starts_with("Cannot save yet"),
        "{}",
        status(&app)
    );
    let shown = text(&mut app);
    assert!(
        shown.contains("not a valid Indonesian phone number"),
        "{shown}"
    );
    assert_eq!(everything(&app), before);

    ctrl(&mut app, 'u');
    typ(&mut app, "0812 3456 7890");
    assert!(text(&mut app).contains("→ +6281234567890"));
    ctrl(&mut app, 's');
    assert!(app.edit().form().is_none());
    let space: Space = app.store().get("space-smg").expect("get").expect("space");
    assert_eq!(space.channels.phone.as_deref(), Some("+6281234567890"));
    assert_eq!(space.address, before.spaces[0].address, "other fields kept");

    key(&mut app, KeyCode::Char('u'));
    assert_eq!(everything(&app), before);
}

#[test]
fn deleting_an_organisation_lists_its_links_then_undo_restores_them() {
    let mut app = app();
    let before = everything(&app);
    open(&mut app, "impala");
    key(&mut app, KeyCode::Char('d'));
    let Some(Confirm::Delete { report, .. }) = app.edit().confirm() else {
        panic!("no question");
    };
    assert_eq!(report.unlinked[0].name, "Hetero Space Semarang");
    assert_eq!(report.roles[0].name, "Andi Pratama");
    let shown = text(&mut app);
    assert!(
        shown.contains("• SPC Hetero Space Semarang: loses its link"),
        "{shown}"
    );
    assert!(
        shown.contains("• Andi Pratama (Advisor): role removed"),
        "{shown}"
    );
    insta::assert_snapshot!("delete_org_80x24", screen(&mut app, 80, 24).backend());
    insta::assert_snapshot!("delete_org_40x12", screen(&mut app, 40, 12).backend());

    key(&mut app, KeyCode::Char('y'));
    assert_eq!(status(&app), "Deleted: Impala Network");
    let s = app.store();
    assert!(s.get::<Organisation>("org-impala").expect("get").is_none());
    let space: Space = s.get("space-smg").expect("get").expect("space");
    assert_eq!(space.operator_id, None);
    let andi: Contact = s.get("contact-andi").expect("get").expect("contact");
    assert_eq!(andi.roles.len(), 1);

    key(&mut app, KeyCode::Char('u'));
    assert_eq!(everything(&app), before);
}

#[test]
fn n_keeps_nothing_when_the_question_is_answered_no() {
    let mut app = app();
    let before = everything(&app);
    open(&mut app, "impala");
    key(&mut app, KeyCode::Char('d'));
    key(&mut app, KeyCode::Char('n'));
    assert!(app.edit().confirm().is_none());
    assert_eq!(everything(&app), before);
}

#[test]
fn v_stamps_verified_today_and_u_takes_it_back() {
    let mut app = app();
    let before = everything(&app);
    open(&mut app, "komunitas musik");
    key(&mut app, KeyCode::Char('v'));
    assert_eq!(status(&app), "Verified today: Komunitas Musik Semarang");
    let c: Community = app
        .store()
        .get("com-musik")
        .expect("get")
        .expect("community");
    assert_eq!(c.meta.last_verified, Some(jejaring::store::today()));
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(everything(&app), before);
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(status(&app), "Nothing to undo.");
}

#[test]
fn regions_are_read_only() {
    let mut app = app();
    open(&mut app, "kota bandung");
    key(&mut app, KeyCode::Char('e'));
    assert!(app.edit().form().is_none());
    assert_eq!(
        status(&app),
        "Regions are official data and cannot be edited."
    );
}

#[test]
fn the_kind_menu_and_discarding_unsaved_changes() {
    let mut app = app();
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(app.edit().menu(), Some(0));
    key(&mut app, KeyCode::Char('4'));
    assert_eq!(app.edit().form().map(|f| f.kind), Some(Kind::Contact));
    typ(&mut app, "Sari");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.edit().confirm(), Some(&Confirm::Discard));
    key(&mut app, KeyCode::Esc);
    assert!(app.edit().form().is_some(), "still editing");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('y'));
    assert!(app.edit().form().is_none());
    assert!(!app.edit().is_active());
}

#[test]
fn a_contact_role_is_picked_from_records() {
    let mut app = app();
    open(&mut app, "andi");
    key(&mut app, KeyCode::Char('e'));
    focus_field(&mut app, Field::Organisation);
    typ(&mut app, "komunitas");
    key(&mut app, KeyCode::Enter);
    focus_field(&mut app, Field::Role);
    ctrl(&mut app, 'u');
    typ(&mut app, "Ketua");
    ctrl(&mut app, 's');
    let andi = stored_andi(&app);
    assert_eq!(andi.roles[0].target_id, "com-musik");
    assert_eq!(andi.roles[0].role, "Ketua");
    assert_eq!(andi.roles[1].role, "Advisor", "further roles kept");
}

#[test]
fn a_contact_has_every_role_in_the_form_and_roles_are_added_and_removed() {
    let mut app = app();
    open(&mut app, "andi");
    key(&mut app, KeyCode::Char('e'));
    let shown = text(&mut app);
    assert!(shown.contains("Member of 2"), "{shown}");
    assert!(shown.contains("Advisor"), "{shown}");
    assert!(shown.contains("2021-03-01"), "{shown}");
    assert!(
        shown.contains("Ctrl-R +role"),
        "the status bar offers it: {shown}"
    );

    // Ctrl-R: a third role, focused on its organisation picker.
    ctrl(&mut app, 'r');
    let form = app.edit().form().expect("form");
    assert_eq!(form.role_count(), 3);
    let focused = form.focused().expect("a field");
    assert_eq!((focused.key, focused.role), (Field::Organisation, 2));
    typ(&mut app, "komunitas");
    key(&mut app, KeyCode::Enter);
    focus_role_field(&mut app, Field::Role, 2);
    typ(&mut app, "Anggota");
    focus_role_field(&mut app, Field::RoleStart, 2);
    typ(&mut app, "2025-07-01");
    ctrl(&mut app, 's');
    assert!(app.edit().form().is_none(), "saved: {:?}", app.status());
    let andi = stored_andi(&app);
    let roles: Vec<(&str, &str, Option<&str>)> = andi
        .roles
        .iter()
        .map(|r| (r.role.as_str(), r.target_id.as_str(), r.start.as_deref()))
        .collect();
    assert_eq!(
        roles,
        [
            ("Community manager", "space-smg", Some("2021-03-01")),
            ("Advisor", "org-impala", None),
            ("Anggota", "com-musik", Some("2025-07-01")),
        ]
    );

    // Ctrl-X on the second role's title removes that role only.
    key(&mut app, KeyCode::Char('e'));
    focus_role_field(&mut app, Field::Role, 1);
    ctrl(&mut app, 'x');
    assert_eq!(app.edit().form().map(Form::role_count), Some(2));
    ctrl(&mut app, 's');
    let andi = stored_andi(&app);
    let names: Vec<&str> = andi.roles.iter().map(|r| r.role.as_str()).collect();
    assert_eq!(names, ["Community manager", "Anggota"]);
}

#[test]
fn form_snapshots() {
    for (w, h) in [(80, 24), (40, 12)] {
        let mut app = app();
        open(&mut app, "hetero");
        key(&mut app, KeyCode::Char('e'));
        focus_field(&mut app, Field::Lat);
        ctrl(&mut app, 'u');
        typ(&mut app, "12");
        insta::assert_snapshot!(
            format!("form_space_{w}x{h}"),
            screen(&mut app, w, h).backend()
        );
    }
    let mut app = app();
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('n'));
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "s");
    insta::assert_snapshot!("picker_city_80x24", screen(&mut app, 80, 24).backend());
    let mut contact = self::app();
    open(&mut contact, "andi");
    key(&mut contact, KeyCode::Char('e'));
    insta::assert_snapshot!(
        "form_contact_two_roles_80x24",
        screen(&mut contact, 80, 24).backend()
    );
}

#[test]
fn a_busy_database_is_reported_in_the_status_bar() {
    let db = crate::support::TempDb::new();
    let store = jejaring::service::open_seeded(&db.path).expect("open");
    let results = results_of(&store);
    let mut app = App::new(store, results, Lang::En, Theme::new(true));
    open(&mut app, "hetero");
    // Another program holds the write lock; the store waits its busy timeout, then says so.
    let other = rusqlite::Connection::open(&db.path).expect("second connection");
    other.execute_batch("BEGIN IMMEDIATE").expect("lock");
    key(&mut app, KeyCode::Char('v'));
    let (msg, is_error) = app.status().expect("status");
    assert!(is_error);
    assert!(msg.starts_with("database is busy"), "{msg}");
    assert_eq!(
        app.edit().undo_len(),
        0,
        "nothing to undo after a refused change"
    );
    other.execute_batch("ROLLBACK").expect("unlock");
    key(&mut app, KeyCode::Char('v'));
    assert!(
        status(&app).starts_with("Verified today"),
        "{}",
        status(&app)
    );
}

#[test]
fn help_lists_the_editing_keys() {
    let mut app = app();
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('?'));
    let mut seen = String::new();
    for _ in 0..8 {
        seen.push_str(&text(&mut app));
        key(&mut app, KeyCode::PageDown);
    }
    for want in [
        "add a record",
        "edit the record",
        "delete the record",
        "stamp verified today",
        "undo the last change",
        "Ctrl-S",
        "next field",
    ] {
        assert!(seen.contains(want), "help lacks {want}");
    }
}

#[test]
fn a_write_by_another_program_is_picked_up_and_said() {
    let db = crate::support::TempDb::new();
    let store = jejaring::service::open_seeded(&db.path).expect("open");
    let results = results_of(&store);
    let mut app = App::new(store, results, Lang::En, Theme::new(true));
    let mut other = jejaring::service::open_seeded(&db.path).expect("second instance");
    let before = other.generation().expect("generation");
    // The app's own write (`v` stamps verified): the generation it shows moves with it, so
    // the watcher's next look finds nothing new.
    open(&mut app, "hetero");
    key(&mut app, KeyCode::Char('v'));
    let own = other.generation().expect("generation");
    assert_ne!(own, before, "the stamp was written");
    assert!(!external_change(&mut app, &own));

    key(&mut app, KeyCode::Char('/'));
    ctrl(&mut app, 'u');
    typ(&mut app, "ruang tetangga");
    assert!(!indexed(&app, "Ruang Tetangga"));

    // Another program (an import in another shell) adds a space.
    let mut space = Space {
        name: "Ruang Tetangga".into(),
        city_code: Some("33.74".into()),
        ..Space::default()
    };
    other.write(|w| w.insert(&mut space)).expect("insert");
    let generation = other.generation().expect("generation");
    assert!(external_change(&mut app, &generation));
    assert!(indexed(&app, "Ruang Tetangga"));
    assert!(
        text(&mut app).contains("Ruang Tetangga"),
        "the query re-ran"
    );
    assert!(
        status(&app).contains("changed elsewhere"),
        "{}",
        status(&app)
    );
    assert!(!external_change(&mut app, &generation), "once only");
}

#[test]
fn update_only_asks_for_a_write_and_the_runner_makes_it() {
    let mut app = app();
    let before = everything(&app);
    open(&mut app, "komunitas musik");
    let effect = app.update(Action::Verify).expect("a write asked for");
    assert!(matches!(&effect, Effect::Write(_)), "{effect:?}");
    assert_eq!(everything(&app), before, "update itself writes nothing");
    jejaring::tui::effects::run(&mut app, effect, &mut Headless);
    assert_eq!(status(&app), "Verified today: Komunitas Musik Semarang");
    assert_ne!(everything(&app), before);
    assert_eq!(app.edit().undo_len(), 1);
}
