//! Address books: a phone's vCard export and a Google Contacts CSV imported as contacts, a
//! contact's QR code decoded back to its card, and duplicates found and merged keeping roles.

use jejaring::io::Input;
use jejaring::io::import::{self, Options};
use jejaring::model::{Contact, Kind, Visibility};
use jejaring::store::Store;
use std::path::Path;

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/examples");

fn seeded() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = jejaring::service::open_seeded(&dir.path().join("t.db")).expect("open");
    (dir, store)
}

fn import(store: &mut Store, inputs: &[Input]) -> import::Report {
    let r = import::import(store, inputs, Options::default()).expect("import");
    assert!(r.problems.is_empty(), "{:#?}", r.problems);
    r
}

fn example(name: &str) -> Input {
    Input::read(&Path::new(EXAMPLES).join(name)).expect("read")
}

#[test]
fn phone_vcards_and_google_csv_become_contacts_with_e164_numbers() {
    let (_d, mut store) = seeded();
    let before = store.count(Kind::Contact).expect("count");
    let r = import(
        &mut store,
        &[example("kontak-hp.vcf"), example("google-contacts.csv")],
    );
    assert_eq!(r.total().added, 5);
    assert!(
        r.warnings
            .iter()
            .any(|w| w.message.contains("no address city"))
    );
    let all = store.all::<Contact>().expect("all");
    assert_eq!(all.len() as i64, before + 5);
    for name in [
        "Dewi Contoh",
        "Agus Contoh Pratama",
        "René Contoh",
        "Wulan Contoh",
        "Yudi Contoh",
    ] {
        let c = all
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("{name}"));
        let phone = c.channels.phone.as_deref().unwrap_or_default();
        assert!(phone.starts_with("+62"), "{name}: {phone}");
    }
    let dewi = all.iter().find(|c| c.name == "Dewi Contoh").expect("dewi");
    assert_eq!(dewi.roles.len(), 1);
    assert_eq!(dewi.city_code.as_deref(), Some("33.72"));
}

#[test]
fn a_broken_card_is_refused_at_the_line_it_starts_on() {
    let (_d, mut store) = seeded();
    let text =
        "BEGIN:VCARD\nFN:A\nTEL:0812-0000-0011\nEND:VCARD\nBEGIN:VCARD\nFN:B\nTEL:12\nEND:VCARD\n";
    let input = Input {
        origin: "hp.vcf".into(),
        bytes: text.as_bytes().to_vec(),
    };
    let r = import::import(&mut store, &[input], Options::default()).expect("import");
    assert!(!r.written);
    let first = r.problems[0].to_string();
    assert!(first.starts_with("hp.vcf:5: column 'phone'"), "{first}");
}

/// The modules read back from half-block lines, as a grey image four pixels per module.
pub(crate) fn decode(lines: &[String]) -> String {
    let width = lines[0].chars().count();
    let mut light = vec![vec![true; width]; lines.len() * 2];
    for (y, line) in lines.iter().enumerate() {
        for (x, c) in line.chars().enumerate() {
            let (top, bottom) = match c {
                '█' => (true, true),
                '▀' => (true, false),
                '▄' => (false, true),
                _ => (false, false),
            };
            light[2 * y][x] = top;
            light[2 * y + 1][x] = bottom;
        }
    }
    let scale = 4;
    let mut img =
        rqrr::PreparedImage::prepare_from_greyscale(width * scale, light.len() * scale, |x, y| {
            if light[y / scale][x / scale] { 255 } else { 0 }
        });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one code");
    grids[0].decode().expect("decodes").1
}

#[test]
fn the_qr_code_of_a_public_contact_decodes_to_its_card() {
    let (_d, mut store) = seeded();
    import(&mut store, &[example("kontak-hp.vcf")]);
    let mut dewi = store
        .all::<Contact>()
        .expect("all")
        .into_iter()
        .find(|c| c.name == "Dewi Contoh")
        .expect("dewi");
    dewi.visibility = Visibility::Public;
    store.write(|w| w.update(&mut dewi)).expect("update");
    let card = jejaring::io::qr_card(&store, &dewi.meta.id)
        .expect("card")
        .expect("found");
    assert!(card.contains("TEL;") && card.contains("EMAIL:"), "{card}");
    let art = jejaring::qr::render(&card, 2).expect("qr");
    assert_eq!(decode(&art.lines), card);
    // A private contact's code leaves the phone and e-mail out.
    dewi.visibility = Visibility::Private;
    store.write(|w| w.update(&mut dewi)).expect("update");
    let private = jejaring::io::qr_card(&store, &dewi.meta.id)
        .expect("card")
        .expect("found");
    assert!(
        !private.contains("TEL;") && !private.contains("EMAIL:"),
        "{private}"
    );
}

#[test]
fn the_same_people_imported_twice_are_listed_and_merging_keeps_every_role() {
    let (_d, mut store) = seeded();
    import(&mut store, &[example("kontak-hp.vcf")]);
    let text = std::fs::read_to_string(Path::new(EXAMPLES).join("kontak-hp.vcf")).expect("read");
    let again = text
        .replace("FN:Dewi Contoh", "FN:Dewi Contoh S.")
        .replace("TITLE:Relawan", "TITLE:Koordinator");
    import(
        &mut store,
        &[Input {
            origin: "again.vcf".into(),
            bytes: again.into_bytes(),
        }],
    );
    let pairs = jejaring::dupes::in_store(&store, Kind::Contact).expect("dupes");
    let dewi = pairs
        .iter()
        .find(|p| p.left_name.starts_with("Dewi") && p.right_name.starts_with("Dewi"))
        .expect("the two Dewis pair up");
    let (keep, other) = (dewi.left.clone(), dewi.right.clone());
    let merged = jejaring::dupes::merge::<Contact>(&mut store, &keep, &other, &[])
        .expect("merge")
        .expect("both found");
    let stored = store.get::<Contact>(&keep).expect("get").expect("kept");
    let mut titles: Vec<&str> = stored.roles.iter().map(|r| r.role.as_str()).collect();
    titles.sort_unstable();
    assert_eq!(titles, ["Koordinator", "Relawan"]);
    assert_eq!(stored.roles, merged.roles);
    assert!(store.get::<Contact>(&other).expect("get").is_none());
}
