//! The map pane and the nearby list in the app, driven by keys on the seeded in-memory store
//! and drawn on ratatui's `TestBackend` at 80×24 and 40×12.

use crate::support::app::{act, app_over, draw, key, status, typ};
use crossterm::event::KeyCode;
use jejaring::i18n::Lang;
use jejaring::tui::action::Action;
use jejaring::tui::app::{App, Focus, Popup};

fn seeded_app() -> App {
    let store = jejaring::service::open_seeded_in_memory().expect("seeded store");
    app_over(store, Lang::En)
}

/// `kind:space` typed, the list focused, the map opened with `m`.
fn spaces_on_the_map() -> App {
    let mut app = seeded_app();
    typ(&mut app, "kind:space");
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), Focus::List);
    key(&mut app, KeyCode::Char('m'));
    assert!(app.map().is_open(), "{}", status(&app));
    app
}

fn braille_cells(term: &ratatui::Terminal<ratatui::backend::TestBackend>) -> usize {
    term.backend()
        .buffer()
        .content()
        .iter()
        .filter(|c| {
            c.symbol()
                .chars()
                .any(|ch| ('\u{2801}'..='\u{28FF}').contains(&ch))
        })
        .count()
}

#[test]
fn map_snapshots_80x24_and_40x12() {
    for (w, h) in [(80, 24), (40, 12)] {
        let mut app = spaces_on_the_map();
        let term = draw(&mut app, w, h);
        assert!(braille_cells(&term) > 20, "no coast at {w}x{h}");
        insta::assert_snapshot!(format!("map_spaces_{w}x{h}"), term.backend());
    }
}

#[test]
fn map_follows_the_search() {
    let mut app = spaces_on_the_map();
    let shown = |app: &App| {
        let s = app.results.shown();
        app.map()
            .with_markers(&s.index, &s.matches, <[(f64, f64)]>::len)
    };
    let spaces = shown(&app);
    assert!(spaces > 10, "{spaces}");
    key(&mut app, KeyCode::Char('/'));
    typ(&mut app, " prov:jateng");
    let java = shown(&app);
    assert!(java > 0 && java < spaces, "{java} of {spaces}");
    let term = draw(&mut app, 80, 24);
    assert!(
        term.backend()
            .to_string()
            .contains(&format!("{java} on the map"))
    );
}

#[test]
fn zoom_pan_centre_and_reset() {
    let mut app = spaces_on_the_map();
    let start = *app.map().viewport();
    for c in ['+', '+', 'L', 'K'] {
        key(&mut app, KeyCode::Char(c));
    }
    assert!((app.map().viewport().zoom() - 4.0).abs() < 1e-9);
    assert_ne!(app.map().viewport().centre(), start.centre());
    key(&mut app, KeyCode::Char('c'));
    let (lat, lon) = app.map().viewport().centre();
    assert!((-11.0..6.0).contains(&lat) && (95.0..141.0).contains(&lon));
    key(&mut app, KeyCode::Char('0'));
    assert_eq!(*app.map().viewport(), start);
    // The wheel over the map zooms; a drag pans.
    let area = app.map_area().expect("map shown");
    let (x, y) = (area.x + area.width / 2, area.y + area.height / 2);
    act(&mut app, Action::ScrollUp { x, y });
    assert!((app.map().viewport().zoom() - 2.0).abs() < 1e-9);
    let before = app.map().viewport().centre();
    act(&mut app, Action::Click { x, y });
    act(&mut app, Action::Drag { x: x + 5, y });
    assert!(
        app.map().viewport().centre().1 < before.1,
        "dragging right shows the west"
    );
    key(&mut app, KeyCode::Char('m'));
    assert!(!app.map().is_open());
}

#[test]
fn nearby_list_of_kota_semarang() {
    let mut app = seeded_app();
    typ(&mut app, "kota semarang kind:city");
    key(&mut app, KeyCode::Tab);
    assert_eq!(
        app.selected_record().map(|r| r.name.to_string()).as_deref(),
        Some("Kota Semarang")
    );
    key(&mut app, KeyCode::Char('N'));
    let Some(Popup::Nearby(list)) = app.popup() else {
        panic!("no nearby list: {}", status(&app));
    };
    assert!((list.km - 50.0).abs() < 1e-9);
    let km = |name: &str| list.rows.iter().find(|r| r.name == name).map(|r| r.km);
    for name in ["Kabupaten Semarang", "Kabupaten Demak", "Kabupaten Kendal"] {
        assert!(km(name).is_some(), "{name}");
    }
    let salatiga = km("Kota Salatiga").expect("Salatiga");
    assert!((salatiga - 38.0).abs() < 2.0, "{salatiga}");
    assert!(list.rows.windows(2).all(|w| w[0].km <= w[1].km));
    assert!(list.rows.iter().any(|r| r.basis == "seat of Kota Semarang"));
    let before = list.rows.len();
    insta::assert_snapshot!("nearby_semarang_80x24", draw(&mut app, 80, 24).backend());
    key(&mut app, KeyCode::Char('-'));
    let Some(Popup::Nearby(list)) = app.popup() else {
        panic!("the list closed");
    };
    assert!((list.km - 25.0).abs() < 1e-9);
    assert!(list.rows.len() < before);
    assert!(list.rows.iter().all(|r| r.km <= 25.0));
    // Enter opens the selected row's record.
    key(&mut app, KeyCode::Enter);
    assert!(app.popup().is_none());
    assert_eq!(app.focus(), Focus::Detail);
    assert!(app.opened().is_some());
}
