//! The map's command-line side as a process: `jejaring near` and `export --format geojson`.

use crate::support::{TempDb, json};
use predicates::prelude::*;

#[test]
fn near_semarang_lists_its_neighbours_nearest_first() {
    let db = TempDb::new();
    let v = json(db.cmd().args(["near", "33.74", "--km", "60", "--json"]));
    assert_eq!(v["origin"]["name"], "Kota Semarang");
    let results = v["results"].as_array().expect("results");
    let km_of = |name: &str| {
        results
            .iter()
            .find(|r| r["name"] == name)
            .and_then(|r| r["km"].as_f64())
    };
    for name in [
        "Kabupaten Semarang",
        "Kabupaten Demak",
        "Kabupaten Kendal",
        "Kota Salatiga",
    ] {
        let km = km_of(name).unwrap_or_else(|| panic!("{name} missing: {v}"));
        assert!(km > 0.0 && km <= 60.0, "{name}: {km}");
    }
    let salatiga = km_of("Kota Salatiga").unwrap_or_default();
    assert!((salatiga - 38.0).abs() < 2.0, "Salatiga at {salatiga} km");
    let kms: Vec<f64> = results.iter().filter_map(|r| r["km"].as_f64()).collect();
    assert!(kms.windows(2).all(|w| w[0] <= w[1]), "not nearest first");
    // Records in Kota Semarang itself say they stand at its seat.
    assert!(
        results
            .iter()
            .any(|r| r["basis_text"] == "seat of Kota Semarang"),
        "{v}"
    );
    // The text form says the same.
    db.cmd()
        .args(["near", "3374", "--km", "60", "--kind", "city"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Kota Salatiga"))
        .stdout(predicate::str::contains("Kabupaten Demak"))
        .stdout(predicate::str::contains("38.5 km"));
}

#[test]
fn near_exit_codes() {
    let db = TempDb::new();
    db.cmd().args(["near", "no-such-id"]).assert().code(1);
    db.cmd()
        .args(["near", "33.74", "--km", "-3"])
        .assert()
        .code(2);
    db.cmd()
        .args(["near", "33.74", "--km", "0", "--kind", "city"])
        .assert()
        .code(1);
    db.cmd()
        .args(["near", "33.74", "--limit", "2", "--json"])
        .assert()
        .success();
    let v = json(db.cmd().args(["near", "33.74", "--limit", "2", "--json"]));
    assert_eq!(v["results"].as_array().map(Vec::len), Some(2));
}

#[test]
fn geojson_parses_and_is_lon_lat() {
    let db = TempDb::new();
    let v = json(
        db.cmd()
            .args(["export", "--format", "geojson", "--query", "kind:space"]),
    );
    assert_eq!(v["type"], "FeatureCollection");
    let features = v["features"].as_array().expect("features");
    assert!(!features.is_empty());
    for f in features {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["geometry"]["type"], "Point");
        assert_eq!(f["properties"]["kind"], "space");
        let basis = f["properties"]["coord_basis"].as_str().unwrap_or_default();
        assert!(basis == "own" || basis == "city_seat", "{f}");
        let c = f["geometry"]["coordinates"]
            .as_array()
            .expect("coordinates");
        let (lon, lat) = (
            c[0].as_f64().unwrap_or_default(),
            c[1].as_f64().unwrap_or_default(),
        );
        // Indonesia: longitudes 94..142 east, latitudes 11 south..6 north.
        assert!(
            (94.0..142.0).contains(&lon) && (-11.5..6.5).contains(&lat),
            "{f}"
        );
    }
    // A Java city: Kota Semarang's spaces stand near 110.4 E, 7.0 S.
    let semarang = features
        .iter()
        .find(|f| f["properties"]["city"] == "33.74")
        .expect("a space in Kota Semarang");
    let c = &semarang["geometry"]["coordinates"];
    assert!(
        (c[0].as_f64().unwrap_or_default() - 110.4).abs() < 0.3,
        "{c}"
    );
    assert!((c[1].as_f64().unwrap_or_default() + 7.0).abs() < 0.3, "{c}");
}

#[test]
fn geojson_keeps_private_fields_out_unless_asked() {
    let db = TempDb::new();
    let all = |private: bool| {
        let mut cmd = db.cmd();
        cmd.args(["export", "--format", "geojson", "--kind", "contact"]);
        if private {
            cmd.arg("--include-private");
        }
        let out = cmd.output().expect("run");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let public = all(false);
    let private = all(true);
    // Never more fields without the flag than with it.
    assert!(public.len() <= private.len());
    if !public.trim().is_empty() {
        let v: serde_json::Value = serde_json::from_str(&public).expect("parses");
        assert_eq!(v["type"], "FeatureCollection");
    }
}
