//! The terminal app driven by keys on an in-memory store, drawn on ratatui's `TestBackend`:
//! snapshots of every pane at 80×24 and 40×12 (empty results, long names, wide and combining
//! Unicode, control characters in data) and flows through navigation, filters and history.

use crate::support::app::{app_over, draw, key, key_mod, status, typ};
use crate::support::records;
use crossterm::event::{KeyCode, KeyModifiers};
use jejaring::i18n::Lang;
use jejaring::model::{
    Channels, City, CityKind, Community, Contact, Kind, Meta, Organisation, Province, Role, Space,
    Visibility,
};
use jejaring::store::Store;
use jejaring::tui::action::Action;
use jejaring::tui::app::{App, Effect, Focus, Popup, Source};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

fn province(code: &str, name: &str, aliases: &[&str]) -> Province {
    Province {
        aliases: aliases.iter().map(|a| (*a).to_string()).collect(),
        source: Some("Kepmendagri 300.2.2-2138/2025".into()),
        ..records::province(code, name)
    }
}

fn city(code: &str, name: &str, kind: CityKind, prov: &str) -> City {
    City {
        lat: Some(-7.0),
        lon: Some(110.4),
        coord_quality: Some("seat".into()),
        ..records::city(code, name, kind, prov)
    }
}

fn meta(id: &str, verified: &str) -> Meta {
    records::meta(
        id,
        verified,
        "Test fixture, https://example.org/a | Second source",
    )
}

fn space(id: &str, name: &str, city: &str) -> Space {
    Space {
        meta: meta(id, "2020-01-31"),
        name: name.into(),
        space_type: Some("co-working".into()),
        city_code: Some(city.into()),
        ..Space::default()
    }
}

/// A small directory with stable ids and dates, so snapshots do not drift.
fn fixture() -> Store {
    let mut store = Store::open_empty_in_memory().expect("store");
    store
        .write(|w| {
            w.put_province(&province("31", "DKI Jakarta", &["dki", "jakarta"]))?;
            w.put_province(&province("32", "Jawa Barat", &["jabar"]))?;
            w.put_province(&province("33", "Jawa Tengah", &["jateng"]))?;
            w.put_city(&city("31.71", "Kota Administrasi Jakarta Pusat", CityKind::Kota, "31"))?;
            let mut bandung = city("32.73", "Kota Bandung", CityKind::Kota, "32");
            bandung.iccn_status = jejaring::model::IccnStatus::Yes;
            bandung.iccn_forum = Some("Bandung Creative City Forum (BCCF)".into());
            bandung.iccn_joined = Some(2015);
            bandung.unesco_field = Some("Design".into());
            bandung.unesco_year = Some(2015);
            w.put_city(&bandung)?;
            w.put_city(&city("33.02", "Kabupaten Banyumas", CityKind::Kabupaten, "33"))?;
            w.put_city(&city("33.72", "Kota Surakarta", CityKind::Kota, "33"))?;
            w.put_city(&city("33.74", "Kota Semarang", CityKind::Kota, "33"))?;
            let mut impala = Organisation {
                meta: meta("org-impala", "2025-01-01"),
                name: "Impala Network".into(),
                org_type: Some("company".into()),
                ..Organisation::default()
            };
            w.insert(&mut impala)?;
            let mut smg = space("space-smg", "Hetero Space Semarang", "33.74");
            smg.address = Some("UMKM Center Jawa Tengah, Jl. Setiabudi No. 192, Banyumanik".into());
            smg.operator_id = Some("org-impala".into());
            smg.channels = Channels {
                website: Some("https://hetero.space".into()),
                phone: Some("+6281200000000".into()),
                whatsapp: Some("+6281200000000".into()),
                email: Some("halo@example.org".into()),
                ..Channels::default()
            };
            smg.lat = Some(-7.0581);
            smg.lon = Some(110.4289);
            w.insert(&mut smg)?;
            w.insert(&mut space("space-solo", "Hetero Space Solo", "33.72"))?;
            let mut bms = space("space-bms", "Hetero Space Banyumas", "33.02");
            bms.opening_hours = Some("Mon–Fri 09:00–18:00".into());
            bms.channels.phone = Some("+62281000000".into());
            w.insert(&mut bms)?;
            let mut long = Community {
                meta: meta("com-long", "2019-05-01"),
                name: "Komunitas Pecinta Musik Keroncong dan Dangdut Koplo Se-Jawa Barat Raya Bersatu Selamanya".into(),
                city_code: Some("32.73".into()),
                subsectors: vec!["musik".into(), "seni_pertunjukan".into(), "keroncong".into()],
                ..Community::default()
            };
            w.insert(&mut long)?;
            let mut wide = Community {
                meta: meta("com-wide", "2019-05-01"),
                name: "北京 Café\u{301} Kreatif".into(),
                city_code: Some("32.73".into()),
                subsectors: vec!["kuliner".into()],
                description: Some("Wide 创意 and combining e\u{301} marks.\nSecond line.".into()),
                ..Community::default()
            };
            w.insert(&mut wide)?;
            let mut evil = Community {
                meta: meta("com-evil", "2019-05-01"),
                name: "Evil\x1b[2J\x1b]52;c;aGk=\x07 Komunitas\u{202e}".into(),
                city_code: Some("32.73".into()),
                description: Some("bell\x07 csi\u{9b}31m tab\tend".into()),
                ..Community::default()
            };
            w.insert(&mut evil)?;
            let mut andi = Contact {
                meta: meta("contact-andi", "2024-02-02"),
                name: "Andi Pratama".into(),
                city_code: Some("33.74".into()),
                visibility: Visibility::Public,
                roles: vec![Role {
                    role: "Community manager".into(),
                    target_id: "space-smg".into(),
                    start: Some("2021".into()),
                    end: None,
                }],
                ..Contact::default()
            };
            w.insert(&mut andi)?;
            Ok(())
        })
        .expect("fixture");
    store
}

fn app_with(lang: Lang) -> App {
    app_over(fixture(), lang)
}

fn app() -> App {
    app_with(Lang::En)
}

fn screen(term: &Terminal<TestBackend>) -> String {
    term.backend().to_string()
}

fn names(app: &App) -> Vec<String> {
    (0..app.hits().len())
        .filter_map(|i| app.results.row(i))
        .map(|r| r.name.to_string())
        .collect()
}

/// The id (UUID or region code) of list row `i`.
fn row_id(app: &App, i: usize) -> String {
    let r = app.results.row(i).expect("row");
    app.store()
        .id_by_rowid(r.kind, r.rowid)
        .expect("lookup")
        .expect("id")
}

fn selected_name(app: &App) -> Option<String> {
    app.selected_record().map(|r| r.name.to_string())
}

/// Both sizes, one snapshot each.
fn snap_both(name: &str, mut setup: impl FnMut() -> App) {
    for (w, h) in [(80, 24), (40, 12)] {
        let mut app = setup();
        let term = draw(&mut app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), term.backend());
    }
}

#[test]
fn opens_on_provinces_with_search_focused() {
    let app = app();
    assert_eq!(app.focus(), Focus::Search);
    assert_eq!(names(&app), ["DKI Jakarta", "Jawa Barat", "Jawa Tengah"]);
    snap_both("start", self::app);
}

#[test]
fn typing_hetero_lists_three_spaces_with_highlights() {
    let mut app = app();
    typ(&mut app, "hetero");
    assert_eq!(
        names(&app),
        [
            "Hetero Space Solo",
            "Hetero Space Banyumas",
            "Hetero Space Semarang"
        ]
    );
    let term = draw(&mut app, 80, 24);
    // "SPC " then the name: the six matched letters are underlined.
    let buf = term.backend().buffer();
    let row = (0..24)
        .find(|y| {
            (0..80)
                .map(|x| buf[(x, *y)].symbol())
                .collect::<String>()
                .contains("Hetero Space Solo")
        })
        .expect("row");
    let start = (0..80).find(|x| buf[(*x, row)].symbol() == "H").expect("H");
    for x in start..start + 6 {
        assert!(buf[(x, row)].modifier.contains(Modifier::UNDERLINED));
    }
    assert!(
        !buf[(start + 7, row)]
            .modifier
            .contains(Modifier::UNDERLINED)
    );
    snap_both("hetero", || {
        let mut a = self::app();
        typ(&mut a, "hetero");
        a
    });
}

#[test]
fn empty_results_say_so() {
    snap_both("empty", || {
        let mut a = app();
        typ(&mut a, "zzzqqq");
        a
    });
}

#[test]
fn open_jump_to_city_and_back() {
    let mut app = app();
    typ(&mut app, "hetero sem");
    assert_eq!(names(&app)[0], "Hetero Space Semarang");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.focus(), Focus::Detail);
    assert_eq!(
        app.opened().cloned(),
        Some((Kind::Space, "space-smg".into()))
    );
    // The first related record is the city.
    assert_eq!(app.related()[0].name, "Kota Semarang");
    snap_both("detail_space", || {
        let mut a = self::app();
        typ(&mut a, "hetero sem");
        key(&mut a, KeyCode::Enter);
        a
    });
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.opened().cloned(), Some((Kind::City, "33.74".into())));
    let names: Vec<&str> = app.related().iter().map(|r| r.name.as_str()).collect();
    assert!(names.contains(&"Hetero Space Semarang") && names.contains(&"Andi Pratama"));
    key(&mut app, KeyCode::Backspace);
    assert_eq!(
        app.opened().cloned(),
        Some((Kind::Space, "space-smg".into()))
    );
    key_mod(&mut app, KeyCode::Left, KeyModifiers::ALT);
    assert_eq!(app.opened().cloned(), None);
    assert_eq!(app.query(), "hetero sem");
    assert_eq!(app.focus(), Focus::Search);
    key(&mut app, KeyCode::Backspace);
    assert_eq!(app.query(), "hetero se");
}

#[test]
fn browse_province_city_records() {
    let mut app = app();
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), Focus::List);
    key(&mut app, KeyCode::Char('G'));
    assert_eq!(selected_name(&app).as_deref(), Some("Jawa Tengah"));
    key(&mut app, KeyCode::Enter);
    assert_eq!(*app.source(), Source::Province("33".into()));
    assert_eq!(
        names(&app),
        ["Kabupaten Banyumas", "Kota Semarang", "Kota Surakarta"]
    );
    snap_both("province_cities", || {
        let mut a = self::app();
        key(&mut a, KeyCode::Tab);
        key(&mut a, KeyCode::Char('G'));
        key(&mut a, KeyCode::Enter);
        a
    });
    key(&mut app, KeyCode::Char('G'));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.opened().cloned(), Some((Kind::City, "33.72".into())));
    key(&mut app, KeyCode::Esc);
    assert_eq!(*app.source(), Source::Province("33".into()));
    assert_eq!(app.opened().cloned(), None);
    key(&mut app, KeyCode::Char('h'));
    assert_eq!(*app.source(), Source::Search);
    assert_eq!(selected_name(&app).as_deref(), Some("Jawa Tengah"));
}

#[test]
fn city_detail_shows_iccn_and_unesco() {
    snap_both("detail_city", || {
        let mut a = app();
        typ(&mut a, "kota bandung");
        key(&mut a, KeyCode::Enter);
        a
    });
}

#[test]
fn long_wide_and_hostile_names_stay_in_their_cells() {
    for (w, h) in [(80, 24), (40, 12)] {
        let mut app = app();
        key_mod(&mut app, KeyCode::Char('t'), KeyModifiers::CONTROL);
        key_mod(&mut app, KeyCode::Char('t'), KeyModifiers::CONTROL);
        assert_eq!(app.hits().len(), 3, "communities tab");
        let term = draw(&mut app, w, h);
        let text = screen(&term);
        assert!(!text.contains('\x1b') && !text.contains('\x07'));
        insta::assert_snapshot!(format!("communities_{w}x{h}"), term.backend());
    }
    for id in ["com-evil", "com-wide"] {
        for (w, h) in [(80, 24), (40, 12)] {
            let mut app = app();
            key_mod(&mut app, KeyCode::Char('t'), KeyModifiers::CONTROL);
            key_mod(&mut app, KeyCode::Char('t'), KeyModifiers::CONTROL);
            let i = (0..app.hits().len())
                .position(|i| row_id(&app, i) == id)
                .expect("listed");
            for _ in 0..i {
                key(&mut app, KeyCode::Down);
            }
            key(&mut app, KeyCode::Enter);
            let term = draw(&mut app, w, h);
            let text = screen(&term);
            assert!(!text.contains('\x1b') && !text.contains('\u{9b}'));
            insta::assert_snapshot!(format!("detail_{id}_{w}x{h}"), term.backend());
        }
    }
}

#[test]
fn kind_filter_in_query_and_tabs() {
    let mut app = app();
    typ(&mut app, "kind:space prov:jateng");
    assert_eq!(names(&app).len(), 3);
    key_mod(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typ(&mut app, "sub:music");
    assert_eq!(names(&app).len(), 1);
    key_mod(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(app.query(), "");
    for _ in 0..5 {
        key_mod(&mut app, KeyCode::Char('t'), KeyModifiers::CONTROL);
    }
    assert_eq!(names(&app), ["Andi Pratama"]);
}

#[test]
fn facets_toggle_filters() {
    let mut app = app();
    typ(&mut app, "e");
    key_mod(&mut app, KeyCode::Char('f'), KeyModifiers::CONTROL);
    assert_eq!(app.focus(), Focus::Facets);
    snap_both("facets", || {
        let mut a = self::app();
        typ(&mut a, "e");
        key_mod(&mut a, KeyCode::Char('f'), KeyModifiers::CONTROL);
        a
    });
    // Move to the first province row and toggle it.
    let row = app
        .facets()
        .rows()
        .iter()
        .position(
            |r| matches!(r, jejaring::tui::app::FacetRow::Province { code, .. } if code == "33"),
        )
        .expect("Jawa Tengah facet");
    for _ in 0..row {
        key(&mut app, KeyCode::Char('j'));
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.query(), "e prov:33");
    let index = &app.results.shown().index;
    assert!(!app.hits().is_empty());
    assert!(app.hits().iter().all(|h| {
        index
            .record(h.id)
            .province
            .is_some_and(|p| index.regions().provinces[usize::from(p)].code == "33")
    }));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.query(), "e");
    key(&mut app, KeyCode::Esc);
    assert!(!app.facets().is_open());
}

#[test]
fn copy_menu_and_link() {
    let mut app = app();
    typ(&mut app, "hetero sem");
    key(&mut app, KeyCode::Enter);
    assert_eq!(key(&mut app, KeyCode::Char('y')), None);
    assert!(matches!(app.popup(), Some(Popup::Copy { .. })));
    snap_both("copy_menu", || {
        let mut a = self::app();
        typ(&mut a, "hetero sem");
        key(&mut a, KeyCode::Enter);
        key(&mut a, KeyCode::Char('y'));
        a
    });
    key(&mut app, KeyCode::Char('j'));
    let effect = key(&mut app, KeyCode::Enter);
    assert_eq!(effect, Some(Effect::Copy("halo@example.org".into())));
    assert!(app.popup().is_none());
    let effect = key(&mut app, KeyCode::Char('o'));
    assert_eq!(effect, Some(Effect::Open("https://hetero.space".into())));
    app.show_link("https://hetero.space".into());
    snap_both("link", || {
        let mut a = self::app();
        a.show_link(
            "https://www.openstreetmap.org/?mlat=-7.05810&mlon=110.42890#map=16/-7.05810/110.42890"
                .into(),
        );
        a
    });
    assert_eq!(
        key(&mut app, KeyCode::Char('y')),
        Some(Effect::Copy("https://hetero.space".into()))
    );
}

#[test]
fn help_and_about_overlays() {
    snap_both("help", || {
        let mut a = app();
        key(&mut a, KeyCode::F(1));
        a
    });
    // The attributions text changes with the bundled data, so check it shows rather than
    // snapshotting it.
    for (w, h) in [(80, 24), (40, 12)] {
        let mut a = app();
        key(&mut a, KeyCode::Tab);
        key(&mut a, KeyCode::Char('a'));
        let text = screen(&draw(&mut a, w, h));
        let first = jejaring::assets::ATTRIBUTIONS
            .lines()
            .find(|l| !l.trim().is_empty())
            .expect("attributions");
        let head: String = first.chars().take(usize::from(w) - 4).collect();
        let head = head.split_whitespace().next().expect("a word");
        assert!(text.contains(head), "{text}");
    }
    let mut a = app();
    key(&mut a, KeyCode::F(1));
    key(&mut a, KeyCode::Esc);
    assert!(a.popup().is_none());
}

#[test]
fn indonesian_interface() {
    snap_both("indonesian", || {
        let mut a = app_with(Lang::Id);
        typ(&mut a, "hetero");
        a
    });
}

#[test]
fn quitting() {
    let mut a = app();
    typ(&mut a, "q");
    assert!(!a.has_quit(), "q types on the search line");
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Char('q'));
    assert!(a.has_quit());
    let mut a = app();
    key_mod(&mut a, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(a.has_quit());
}

#[test]
fn mouse_selects_and_scrolls() {
    let mut a = app();
    typ(&mut a, "hetero");
    draw(&mut a, 80, 24);
    // List pane starts at row 2 (search, tabs), its first row at 3.
    a.update(Action::Click { x: 5, y: 4 });
    assert_eq!(a.focus(), Focus::List);
    assert_eq!(a.list().selected(), 1);
    a.update(Action::ScrollDown { x: 5, y: 4 });
    assert_eq!(a.list().selected(), 2);
    a.update(Action::ScrollUp { x: 5, y: 4 });
    assert_eq!(a.list().selected(), 0);
}

#[test]
fn every_size_draws_without_panic() {
    let mut a = app();
    typ(&mut a, "hetero sem");
    key(&mut a, KeyCode::Enter);
    for w in [1, 2, 5, 10, 20, 39, 40, 59, 60, 80, 99, 100, 140] {
        for h in [1, 2, 3, 5, 11, 12, 13, 14, 24, 40] {
            draw(&mut a, w, h);
        }
    }
    key_mod(&mut a, KeyCode::Char('f'), KeyModifiers::CONTROL);
    key(&mut a, KeyCode::Char('?'));
    for w in [1, 3, 40, 80, 120] {
        for h in [1, 3, 12, 24] {
            draw(&mut a, w, h);
        }
    }
}

#[test]
fn the_query_line_edits_at_the_cursor() {
    let mut a = app();
    typ(&mut a, "hetero");
    for _ in 0..3 {
        key(&mut a, KeyCode::Left);
    }
    assert_eq!(a.query_cursor(), 3);
    typ(&mut a, "X");
    assert_eq!(a.query(), "hetXero");
    assert!(names(&a).is_empty(), "the search re-ran on the edited text");
    key(&mut a, KeyCode::Left);
    key(&mut a, KeyCode::Delete);
    assert_eq!(a.query(), "hetero");
    assert_eq!(names(&a).len(), 3);
    key_mod(&mut a, KeyCode::Char('a'), KeyModifiers::CONTROL);
    assert_eq!(a.query_cursor(), 0);
    key(&mut a, KeyCode::Delete);
    assert_eq!(a.query(), "etero");
    key_mod(&mut a, KeyCode::Char('e'), KeyModifiers::CONTROL);
    assert_eq!(a.query_cursor(), 5);
    typ(&mut a, " sem");
    key(&mut a, KeyCode::Home);
    key(&mut a, KeyCode::End);
    key_mod(&mut a, KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(a.query(), "etero ");
    key_mod(&mut a, KeyCode::Left, KeyModifiers::CONTROL);
    assert_eq!(a.query_cursor(), 0);
    key_mod(&mut a, KeyCode::Right, KeyModifiers::CONTROL);
    assert!(a.query_cursor() > 0);
    // The cursor cell is drawn where the cursor is, not at the end.
    key(&mut a, KeyCode::Home);
    let term = draw(&mut a, 40, 12);
    let buf = term.backend().buffer();
    assert_eq!(buf[(2, 0)].symbol(), "e");
    assert_ne!(buf[(2, 0)].modifier, buf[(3, 0)].modifier, "cursor cell");
    key_mod(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(a.query(), "");
    // Backspace on an empty line still goes back; Right at the end still leaves the line.
    key(&mut a, KeyCode::Right);
    assert_eq!(a.focus(), Focus::List);
}

/// The screen row on which `text` is drawn at or right of column `from`, if any.
fn row_of(term: &Terminal<TestBackend>, from: u16, text: &str) -> Option<u16> {
    let buf = term.backend().buffer();
    let area = buf.area;
    (0..area.height).find(|y| {
        (from..area.width)
            .map(|x| buf[(x, *y)].symbol())
            .collect::<String>()
            .contains(text)
    })
}

#[test]
fn clicking_a_tab_switches_to_it() {
    let mut a = app();
    draw(&mut a, 80, 24);
    // Row 1: " All │ Cities │ Communities │ …"
    a.update(Action::Click { x: 8, y: 1 });
    assert_eq!(a.tab(), 1);
    assert!(names(&a).contains(&"Kota Bandung".to_string()));
    a.update(Action::Click { x: 2, y: 1 });
    assert_eq!(a.tab(), 0);
    // A separator selects nothing.
    a.update(Action::Click { x: 5, y: 1 });
    assert_eq!(a.tab(), 0);
}

#[test]
fn clicking_a_related_record_selects_then_opens_it() {
    let mut a = app();
    typ(&mut a, "kota semarang");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.opened().cloned(), Some((Kind::City, "33.74".into())));
    let term = draw(&mut a, 80, 24);
    let y = row_of(&term, 34, "Andi Pratama").expect("related contact drawn");
    let i = a
        .related()
        .iter()
        .position(|r| r.name == "Andi Pratama")
        .expect("related");
    a.update(Action::Click { x: 50, y });
    assert_eq!(a.cursor(), i);
    assert_eq!(
        a.opened().cloned(),
        Some((Kind::City, "33.74".into())),
        "one click selects"
    );
    a.update(Action::Click { x: 50, y });
    assert_eq!(
        a.opened().cloned(),
        Some((Kind::Contact, "contact-andi".into()))
    );
    key(&mut a, KeyCode::Backspace);
    assert_eq!(a.opened().cloned(), Some((Kind::City, "33.74".into())));
}

#[test]
fn related_records_below_the_fold_are_announced_and_reached_on_focus() {
    let mut a = app();
    typ(&mut a, "kota semarang");
    let term = draw(&mut a, 80, 14);
    assert!(
        row_of(&term, 34, "related records below: Tab").is_some(),
        "{}",
        screen(&term)
    );
    assert!(row_of(&term, 34, "Andi Pratama").is_none());
    // Tab twice: search → list → detail; the first related record is selected and shown.
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.focus(), Focus::Detail);
    let term = draw(&mut a, 80, 14);
    assert!(row_of(&term, 34, "related records below").is_none());
    let first = a.related()[0].name.clone();
    assert!(row_of(&term, 34, &first).is_some(), "{}", screen(&term));
}

/// A city with many related records: the preview composes only its top (a city at a million
/// records has some 2,000), yet shows what the whole list would, and the keyboard still
/// reaches the last record.
#[test]
fn a_city_with_many_related_records_previews_its_top_and_reaches_its_last() {
    let mut store = fixture();
    store
        .write(|w| {
            for i in 0..300 {
                w.insert(&mut space(
                    &format!("space-many-{i:03}"),
                    &format!("Ruang Banyak {i:03}"),
                    "33.02",
                ))?;
            }
            Ok(())
        })
        .expect("insert");
    let mut a = app_over(store, Lang::En);
    typ(&mut a, "kabupaten banyumas");
    assert_eq!(
        a.selected_id().expect("id"),
        Some((Kind::City, "33.02".into()))
    );
    let term = draw(&mut a, 100, 40);
    assert!(
        row_of(&term, 40, "Spaces (301)").is_some(),
        "{}",
        screen(&term)
    );
    // Related records fill the pane to its bottom border, in order.
    let first = row_of(&term, 40, "Ruang Banyak 000").expect("first related drawn");
    let drawn = (0..300)
        .take_while(|i| row_of(&term, 40, &format!("Ruang Banyak {i:03}")) == Some(first + i))
        .count() as u16;
    assert!(drawn >= 10, "{}", screen(&term));
    let below = row_of(&term, 40, "┘").expect("the pane's bottom border");
    assert_eq!(first + drawn, below, "{}", screen(&term));
    assert!(row_of(&term, 40, "Ruang Banyak 299").is_none());
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.focus(), Focus::Detail);
    key(&mut a, KeyCode::End);
    let term = draw(&mut a, 100, 40);
    assert!(
        row_of(&term, 40, "Ruang Banyak 299").is_some(),
        "{}",
        screen(&term)
    );
}

#[test]
fn x_exports_the_current_results_in_the_import_format() {
    let mut app = app();
    let dir = tempfile::tempdir().expect("dir");
    app.set_export_dir(dir.path().to_path_buf());
    typ(&mut app, "hetero");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('x'));
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .expect("read dir")
        .filter_map(Result::ok)
        .collect();
    assert_eq!(files.len(), 1, "one export file");
    let text = std::fs::read_to_string(files[0].path()).expect("read");
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    let spaces = v["spaces"].as_array().expect("spaces");
    let mut names: Vec<&str> = spaces.iter().filter_map(|s| s["name"].as_str()).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "Hetero Space Banyumas",
            "Hetero Space Semarang",
            "Hetero Space Solo"
        ]
    );
    assert!(
        v.get("contacts")
            .is_none_or(|c| c.as_array().is_some_and(Vec::is_empty))
    );
    let status = status(&app);
    assert!(status.starts_with("Exported the results"), "{status}");
    // Rows carry the import columns, ids included, so the file re-imports with --update.
    for column in ["id", "name", "type", "city", "operator", "source"] {
        assert!(spaces[0].get(column).is_some(), "column {column}");
    }
}

#[test]
fn export_is_an_effect_and_update_writes_no_file() {
    let mut app = app();
    let dir = tempfile::tempdir().expect("dir");
    app.set_export_dir(dir.path().to_path_buf());
    typ(&mut app, "hetero");
    let effect = app.update(Action::ExportResults);
    assert!(matches!(effect, Some(Effect::Export(_))), "{effect:?}");
    let files = std::fs::read_dir(dir.path()).expect("read dir").count();
    assert_eq!(files, 0, "the runner writes the file, not update");
}
