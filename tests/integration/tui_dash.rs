//! The coverage dashboard in the app, driven by keys on the seeded in-memory store and drawn
//! on ratatui's `TestBackend` at 80×24 and 40×12: its bars are `Store::stats`'s figures and
//! Enter on a bar searches exactly that bar's records.

use crate::support::app::{app_over, draw, key, status};
use crossterm::event::KeyCode;
use jejaring::i18n::Lang;
use jejaring::tui::app::{App, Focus, Popup};
use jejaring::tui::dash::{Chart, Dashboard};

/// The seeded app with the list focused and the dashboard opened with `s`.
fn dashboard_open(lang: Lang) -> App {
    let store = jejaring::service::open_seeded_in_memory().expect("seeded store");
    let mut app = app_over(store, lang);
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), Focus::List);
    key(&mut app, KeyCode::Char('s'));
    assert!(dash(&app).is_some(), "{}", status(&app));
    app
}

fn dash(app: &App) -> Option<&Dashboard> {
    match app.popup() {
        Some(Popup::Dashboard(d)) => Some(d),
        _ => None,
    }
}

#[test]
fn dashboard_snapshots_80x24_and_40x12() {
    // ICCN and subsectors: figures that do not move with today's date (stale ones do).
    for (w, h) in [(80, 24), (40, 12)] {
        let mut app = dashboard_open(Lang::En);
        let term = draw(&mut app, w, h);
        insta::assert_snapshot!(format!("dash_iccn_{w}x{h}"), term.backend());
        for _ in 0..3 {
            key(&mut app, KeyCode::Tab);
        }
        assert_eq!(dash(&app).map(Dashboard::chart), Some(Chart::Subsectors));
        let term = draw(&mut app, w, h);
        insta::assert_snapshot!(format!("dash_subsectors_{w}x{h}"), term.backend());
    }
}

#[test]
fn dashboard_speaks_indonesian() {
    let mut app = dashboard_open(Lang::Id);
    let screen = draw(&mut app, 80, 24).backend().to_string();
    assert!(screen.contains("Cakupan") && screen.contains("belum diketahui"));
}

#[test]
fn bars_carry_the_stats_figures() {
    let app = dashboard_open(Lang::En);
    let d = dash(&app).expect("open");
    let st = &d.stats;
    let iccn = &d.bars[0];
    assert_eq!(iccn.len(), st.provinces.len());
    let yes: i64 = iccn.iter().map(|b| b.segments[0]).sum();
    let unknown: i64 = iccn.iter().map(|b| b.segments[2]).sum();
    assert_eq!((yes, unknown), (st.iccn_members, st.iccn_unknown));
    assert!(
        iccn.iter().all(|b| b.of == Some(b.sum())),
        "yes + no + unknown make every kab/kota"
    );
    let subs: Vec<i64> = d.bars[3].iter().map(Bar::sum).collect();
    let want: Vec<i64> = st.subsectors.iter().map(|(_, n)| *n).collect();
    assert_eq!(subs, want);
}

use jejaring::tui::dash::Bar;

/// Selects the bar with the largest first value of chart `tab` and presses Enter: the query
/// line takes the bar's search, and the search finds as many records as the bar shows.
fn enter_on_biggest_bar(tab: usize) -> (String, i64, App) {
    let mut app = dashboard_open(Lang::En);
    for _ in 0..tab {
        key(&mut app, KeyCode::Tab);
    }
    let bars = dash(&app).expect("open").shown().to_vec();
    let (pos, bar) = bars
        .iter()
        .enumerate()
        .max_by_key(|(i, b)| (b.segments[0], std::cmp::Reverse(*i)))
        .expect("bars");
    assert!(bar.segments[0] > 0, "{bar:?}");
    for _ in 0..pos {
        key(&mut app, KeyCode::Char('j'));
    }
    key(&mut app, KeyCode::Enter);
    assert!(app.popup().is_none(), "Enter closes the dashboard");
    (bar.query.clone(), bar.segments[0], app)
}

#[test]
fn enter_on_a_bar_searches_its_slice() {
    let (query, members, app) = enter_on_biggest_bar(0);
    assert!(
        query.starts_with("prov:") && query.ends_with("kind:city iccn:yes"),
        "{query}"
    );
    assert_eq!(app.query(), query);
    assert_eq!(app.focus(), Focus::List);
    assert_eq!(app.results.shown().total as i64, members);

    let (query, n, app) = enter_on_biggest_bar(3);
    assert!(query.starts_with("kind:community sub:"), "{query}");
    assert_eq!(app.results.shown().total as i64, n);

    let (query, n, app) = enter_on_biggest_bar(1);
    assert!(query.ends_with("kata:yes"), "{query}");
    assert_eq!(app.results.shown().total as i64, n);

    let (query, n, app) = enter_on_biggest_bar(4);
    assert!(query.ends_with("stale:yes"), "{query}");
    assert_eq!(app.results.shown().total as i64, n);
}

#[test]
fn esc_and_s_close_and_backspace_returns() {
    let mut app = dashboard_open(Lang::En);
    key(&mut app, KeyCode::Esc);
    assert!(app.popup().is_none());
    key(&mut app, KeyCode::Char('s'));
    key(&mut app, KeyCode::Char('s'));
    assert!(app.popup().is_none());
    let (_, _, mut app) = enter_on_biggest_bar(0);
    key(&mut app, KeyCode::Backspace);
    assert_eq!(app.query(), "", "back to where the dashboard was opened");
}
