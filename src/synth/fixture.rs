//! Test and bench support, not part of the release library: a synthetic region table (the 38
//! provinces and 514 kabupaten/kota) and index rows for a synthetic directory.
//!
//! Compiled twice: as `synth::fixture` in the library's tests, and by `#[path]` in
//! `benches/search.rs`. It names its dependencies through `super::` so each includer supplies
//! them (`Kind`, `Generator` and the search index's row and region types).

use super::{CityInfo, Generator, IndexRow, Kind, ProvinceInfo, Regions};

/// Index rows for a synthetic directory: every province and city of `regions`, then
/// `records` generated records. Every fourth city counts as an ICCN member; a record is stale
/// when it was never verified or over a year ago. Rowids count from 1 per kind.
pub fn index_rows(seed: u64, regions: &Regions, records: usize) -> impl Iterator<Item = IndexRow> {
    let provinces = regions.provinces.iter().enumerate().map(|(i, p)| IndexRow {
        kind: Kind::Province,
        rowid: i as i64 + 1,
        name: p.name.clone(),
        city: None,
        province: Some(i as u8),
        subsectors: 0,
        tags: Vec::new(),
        iccn: None,
        stale: false,
    });
    let cities = regions.cities.iter().enumerate().map(|(i, c)| IndexRow {
        kind: Kind::City,
        rowid: i as i64 + 1,
        name: c.name.clone(),
        city: Some(i as u16),
        province: None,
        subsectors: 0,
        tags: Vec::new(),
        iccn: (i % 4 == 0).then_some(true),
        stale: false,
    });
    let names: Vec<String> = regions.cities.iter().map(|c| c.name.clone()).collect();
    let mut rowids = [0i64; Kind::ALL.len()];
    let generated = Generator::new(seed, &names).take(records).map(move |r| {
        let k = Kind::ALL.iter().position(|&k| k == r.kind).unwrap_or(0);
        rowids[k] += 1;
        IndexRow {
            kind: r.kind,
            rowid: rowids[k],
            name: r.name,
            city: Some(r.city),
            province: None,
            subsectors: r.subsectors,
            tags: r.tags,
            iccn: (r.city % 4 == 0).then_some(true),
            stale: r.verified_days_ago.is_none_or(|d| d > 365),
        }
    });
    provinces.chain(cities).chain(generated)
}

/// The 38 provinces: (code, name, aliases).
const PROVINCES: [(&str, &str, &[&str]); 38] = [
    ("11", "Aceh", &["nad"]),
    ("12", "Sumatera Utara", &["sumut", "north sumatra"]),
    ("13", "Sumatera Barat", &["sumbar", "west sumatra"]),
    ("14", "Riau", &[]),
    ("15", "Jambi", &[]),
    ("16", "Sumatera Selatan", &["sumsel", "south sumatra"]),
    ("17", "Bengkulu", &[]),
    ("18", "Lampung", &[]),
    (
        "19",
        "Kepulauan Bangka Belitung",
        &["babel", "bangka belitung"],
    ),
    ("21", "Kepulauan Riau", &["kepri"]),
    ("31", "DKI Jakarta", &["dki", "jakarta"]),
    ("32", "Jawa Barat", &["jabar", "west java"]),
    ("33", "Jawa Tengah", &["jateng", "central java"]),
    ("34", "DI Yogyakarta", &["diy", "jogja", "yogyakarta"]),
    ("35", "Jawa Timur", &["jatim", "east java"]),
    ("36", "Banten", &[]),
    ("51", "Bali", &[]),
    ("52", "Nusa Tenggara Barat", &["ntb"]),
    ("53", "Nusa Tenggara Timur", &["ntt"]),
    ("61", "Kalimantan Barat", &["kalbar"]),
    ("62", "Kalimantan Tengah", &["kalteng"]),
    ("63", "Kalimantan Selatan", &["kalsel"]),
    ("64", "Kalimantan Timur", &["kaltim"]),
    ("65", "Kalimantan Utara", &["kaltara"]),
    ("71", "Sulawesi Utara", &["sulut"]),
    ("72", "Sulawesi Tengah", &["sulteng"]),
    ("73", "Sulawesi Selatan", &["sulsel"]),
    ("74", "Sulawesi Tenggara", &["sultra"]),
    ("75", "Gorontalo", &[]),
    ("76", "Sulawesi Barat", &["sulbar"]),
    ("81", "Maluku", &[]),
    ("82", "Maluku Utara", &["malut"]),
    ("91", "Papua", &[]),
    ("92", "Papua Barat", &["pabar"]),
    ("93", "Papua Selatan", &[]),
    ("94", "Papua Tengah", &[]),
    ("95", "Papua Pegunungan", &[]),
    ("96", "Papua Barat Daya", &[]),
];

/// Well-known kota and kabupaten: (province code, name). Big cities first.
const CITIES: &[(&str, &str)] = &[
    ("31", "Kota Administrasi Jakarta Selatan"),
    ("32", "Kota Bandung"),
    ("35", "Kota Surabaya"),
    ("34", "Kota Yogyakarta"),
    ("33", "Kota Semarang"),
    ("12", "Kota Medan"),
    ("73", "Kota Makassar"),
    ("51", "Kota Denpasar"),
    ("35", "Kota Malang"),
    ("33", "Kota Surakarta"),
    ("31", "Kota Administrasi Jakarta Pusat"),
    ("31", "Kota Administrasi Jakarta Barat"),
    ("31", "Kota Administrasi Jakarta Timur"),
    ("31", "Kota Administrasi Jakarta Utara"),
    ("32", "Kota Bogor"),
    ("32", "Kota Bekasi"),
    ("32", "Kota Depok"),
    ("36", "Kota Tangerang"),
    ("16", "Kota Palembang"),
    ("13", "Kota Padang"),
    ("14", "Kota Pekanbaru"),
    ("64", "Kota Balikpapan"),
    ("64", "Kota Samarinda"),
    ("61", "Kota Pontianak"),
    ("63", "Kota Banjarmasin"),
    ("71", "Kota Manado"),
    ("21", "Kota Batam"),
    ("18", "Kota Bandar Lampung"),
    ("11", "Kota Banda Aceh"),
    ("15", "Kota Jambi"),
    ("17", "Kota Bengkulu"),
    ("19", "Kota Pangkalpinang"),
    ("21", "Kota Tanjungpinang"),
    ("32", "Kota Cirebon"),
    ("32", "Kota Tasikmalaya"),
    ("33", "Kota Salatiga"),
    ("33", "Kota Pekalongan"),
    ("33", "Kota Tegal"),
    ("33", "Kota Magelang"),
    ("35", "Kota Batu"),
    ("35", "Kota Kediri"),
    ("35", "Kota Blitar"),
    ("35", "Kota Madiun"),
    ("36", "Kota Serang"),
    ("36", "Kota Cilegon"),
    ("52", "Kota Mataram"),
    ("52", "Kota Bima"),
    ("53", "Kota Kupang"),
    ("61", "Kota Singkawang"),
    ("62", "Kota Palangka Raya"),
    ("63", "Kota Banjarbaru"),
    ("64", "Kota Bontang"),
    ("65", "Kota Tarakan"),
    ("71", "Kota Bitung"),
    ("72", "Kota Palu"),
    ("73", "Kota Parepare"),
    ("74", "Kota Kendari"),
    ("75", "Kota Gorontalo"),
    ("81", "Kota Ambon"),
    ("82", "Kota Ternate"),
    ("91", "Kota Jayapura"),
    ("96", "Kota Sorong"),
    ("33", "Kabupaten Semarang"),
    ("32", "Kabupaten Bandung"),
    ("34", "Kabupaten Sleman"),
    ("34", "Kabupaten Bantul"),
    ("34", "Kabupaten Gunungkidul"),
    ("34", "Kabupaten Kulon Progo"),
    ("51", "Kabupaten Gianyar"),
    ("51", "Kabupaten Badung"),
    ("51", "Kabupaten Tabanan"),
    ("35", "Kabupaten Banyuwangi"),
    ("35", "Kabupaten Jember"),
    ("35", "Kabupaten Malang"),
    ("32", "Kabupaten Bogor"),
    ("33", "Kabupaten Kudus"),
    ("33", "Kabupaten Jepara"),
    ("33", "Kabupaten Banyumas"),
    ("32", "Kabupaten Garut"),
    ("32", "Kabupaten Sumedang"),
    ("32", "Kabupaten Purwakarta"),
    ("35", "Kabupaten Sidoarjo"),
    ("35", "Kabupaten Gresik"),
    ("52", "Kabupaten Lombok Barat"),
    ("53", "Kabupaten Sikka"),
    ("64", "Kabupaten Kutai Kartanegara"),
    ("73", "Kabupaten Gowa"),
    ("73", "Kabupaten Toraja Utara"),
    ("71", "Kabupaten Minahasa"),
    ("12", "Kabupaten Deli Serdang"),
    ("12", "Kabupaten Samosir"),
    ("13", "Kabupaten Agam"),
    ("14", "Kabupaten Siak"),
    ("21", "Kabupaten Bintan"),
    ("19", "Kabupaten Belitung"),
];

const SYLLABLES: &[&str] = &[
    "ba", "ra", "ma", "su", "ka", "ta", "lo", "ngi", "wa", "se", "mu", "ri", "pa", "da", "ja",
    "bo", "ne", "ga", "li", "to", "sa", "ku", "ro", "hu",
];

/// A synthetic region table: the 38 provinces and 514 kabupaten/kota (the well-known ones
/// first, then made-up kabupaten names); codes of made-up cities are made up too.
/// For benchmarks and tests; the real table lives in the store.
pub fn regions() -> Regions {
    let provinces: Vec<ProvinceInfo> = PROVINCES
        .iter()
        .map(|(code, name, aliases)| ProvinceInfo {
            code: (*code).to_string(),
            name: (*name).to_string(),
            aliases: aliases.iter().map(|a| (*a).to_string()).collect(),
        })
        .collect();
    let province_of = |code: &str| PROVINCES.iter().position(|p| p.0 == code).unwrap_or(0) as u8;
    let mut per_province = [0u32; 38];
    let mut cities = Vec::new();
    let mut add = |province: u8, name: String, cities: &mut Vec<CityInfo>| {
        let p = usize::from(province);
        per_province[p] += 1;
        cities.push(CityInfo {
            code: format!("{}.{:02}", PROVINCES[p].0, per_province[p]),
            kota: name.starts_with("Kota "),
            name,
            province,
            kata_year: None,
        });
    };
    for (code, name) in CITIES {
        add(province_of(code), (*name).to_string(), &mut cities);
    }
    let mut rng = fastrand::Rng::with_seed(514);
    while cities.len() < 514 {
        let syllables = 2 + rng.usize(..2);
        let word: String = (0..syllables)
            .map(|_| SYLLABLES[rng.usize(..SYLLABLES.len())])
            .collect();
        let mut chars = word.chars();
        let name = chars
            .next()
            .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
            .unwrap_or_default();
        let province = (cities.len() % PROVINCES.len()) as u8;
        add(province, format!("Kabupaten {name}"), &mut cities);
    }
    Regions { provinces, cities }
}
