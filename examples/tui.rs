//! Runs the terminal app without the CLI: `cargo run --example tui -- --db PATH [--lang id|en]
//! [--demo]`. `--demo` runs on an in-memory store with three Hetero Space records and their
//! regions, for trying the app and the tmux end-to-end check before the bundled data lands.

use jejaring::i18n::Lang;
use jejaring::model::{City, CityKind, Meta, Province, Space};
use jejaring::store::Store;
use jejaring::tui::{TuiOptions, run};
use std::io::IsTerminal;
use std::path::PathBuf;

fn demo(store: &mut Store) -> anyhow::Result<()> {
    if store.count(jejaring::model::Kind::Space)? > 0 {
        return Ok(());
    }
    let need_province = store.province("33")?.is_none();
    let need_cities = store.city("33.74")?.is_none();
    store.write(|w| {
        if need_province {
            w.put_province(&Province {
                code: "33".into(),
                name: "Jawa Tengah".into(),
                aliases: vec!["jateng".into()],
                bounds: None,
                unesco_field: None,
                unesco_year: None,
                source: None,
            })?;
        }
        let cities = [
            ("33.02", "Kabupaten Banyumas", CityKind::Kabupaten),
            ("33.72", "Kota Surakarta", CityKind::Kota),
            ("33.74", "Kota Semarang", CityKind::Kota),
        ];
        for (code, name, kind) in cities.into_iter().filter(|_| need_cities) {
            w.put_city(&City {
                code: code.into(),
                name: name.into(),
                kind,
                province_code: "33".into(),
                seat: None,
                lat: None,
                lon: None,
                coord_source: None,
                coord_quality: None,
                iccn_member: false,
                iccn_forum: None,
                iccn_joined: None,
                unesco_field: None,
                unesco_year: None,
                source: None,
                last_verified: None,
            })?;
        }
        for (name, city) in [
            ("Hetero Space Semarang", "33.74"),
            ("Hetero Space Solo", "33.72"),
            ("Hetero Space Banyumas", "33.02"),
        ] {
            w.insert(&mut Space {
                meta: Meta {
                    source: Some("demo".into()),
                    ..Meta::default()
                },
                name: name.into(),
                space_type: Some("co-working".into()),
                city_code: Some(city.into()),
                ..Space::default()
            })?;
        }
        Ok(())
    })?;
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut db = PathBuf::from("jejaring-demo.db");
    let mut lang = Lang::from_env();
    let mut with_demo = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--db" => db = args.next().map(PathBuf::from).unwrap_or(db),
            "--lang" => {
                lang = args
                    .next()
                    .and_then(|l| Lang::from_code(&l))
                    .unwrap_or(lang);
            }
            "--demo" => with_demo = true,
            other => anyhow::bail!("unknown argument {other}"),
        }
    }
    if !std::io::stdout().is_terminal() {
        anyhow::bail!("{}", lang.strings().not_a_terminal);
    }
    // Until the bundled regions land on this branch, the demo runs on an in-memory store.
    let store = if with_demo {
        let mut store = Store::open_empty_in_memory()?;
        demo(&mut store)?;
        db = PathBuf::from(":memory:");
        store
    } else {
        Store::open(&db)?
    };
    let mut opts = TuiOptions::from_env(db);
    opts.lang = lang;
    run(store, opts)
}
