//! Deterministic synthetic directory records for scale tests, benchmarks and `jejaring gen`.
//!
//! Names are combinations of common Indonesian words, topics and given and family names; no
//! real person's data. Generated records carry no phone number or other channel. The same
//! seed and city list always give the same records.

use crate::model::{Kind, SUBSECTORS};
use crate::search::{CityInfo, IndexRow, ProvinceInfo, Regions};

/// One generated record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthRecord {
    pub kind: Kind,
    pub name: String,
    /// Index into the city list the generator was given.
    pub city: u16,
    /// Bit `i` = `model::SUBSECTORS[i]`.
    pub subsectors: u32,
    /// Free tags (lowercase).
    pub tags: Vec<String>,
    /// Days since the record was last verified; `None` = never verified.
    pub verified_days_ago: Option<u32>,
}

/// Topics per subsector, as they appear in community and organisation names.
const TOPICS: [&[&str]; 17] = [
    &[
        "Developer",
        "Startup",
        "Coding",
        "Python",
        "Android",
        "Web Developer",
    ],
    &["Game Developer", "Game Indie", "Esports", "Board Game"],
    &["Arsitek Muda", "Arsitektur", "Arsitektur Hijau"],
    &["Desain Interior", "Interior"],
    &[
        "Desain Grafis",
        "Ilustrator",
        "Tipografi",
        "Komik",
        "Ilustrasi",
    ],
    &["Desain Produk", "Maker", "Industri Kreatif"],
    &[
        "Fesyen",
        "Batik",
        "Tenun",
        "Distro",
        "Modest Fashion",
        "Rajut",
    ],
    &[
        "Film Pendek",
        "Animasi",
        "Videografi",
        "Sinema",
        "Dokumenter",
    ],
    &["Fotografi", "Foto", "Kamera Analog", "Street Photography"],
    &[
        "Kriya",
        "Keramik",
        "Anyaman",
        "Kerajinan Bambu",
        "Gerabah",
        "Perak",
    ],
    &[
        "Kopi",
        "Kuliner",
        "Barista",
        "Kue Tradisional",
        "Pecinta Kuliner",
    ],
    &[
        "Musik",
        "Band Indie",
        "Gitar Akustik",
        "Keroncong",
        "Jazz",
        "Hip Hop",
    ],
    &["Penulis", "Literasi", "Zine", "Buku", "Pustaka"],
    &["Kreator Konten", "Digital Marketing", "Periklanan"],
    &["Teater", "Tari", "Wayang", "Stand Up Comedy", "Gamelan"],
    &["Seni Rupa", "Mural", "Lukis", "Street Art", "Grafiti"],
    &["Radio Komunitas", "Podcast", "Penyiar"],
];

const COMMUNITY_PREFIXES: &[&str] = &[
    "Komunitas",
    "Sobat",
    "Kolektif",
    "Forum",
    "Paguyuban",
    "Sanggar",
    "Kelompok",
    "Gerakan",
    "Klub",
    "Sahabat",
    "Keluarga",
    "Kawan",
    "Pecinta",
    "Jaringan",
];

const WORDS: &[&str] = &[
    "Nusantara",
    "Cahaya",
    "Kita",
    "Sinergi",
    "Padi",
    "Lentera",
    "Kolaborasi",
    "Tumbuh",
    "Akar",
    "Harmoni",
    "Samudra",
    "Rimba",
    "Kinara",
    "Arunika",
    "Senja",
    "Pelangi",
    "Bumi",
    "Langit",
    "Teras",
    "Serambi",
    "Pendopo",
    "Kampung",
    "Titik Temu",
    "Simpul",
    "Ruang Temu",
    "Muda",
    "Bersama",
    "Swadaya",
    "Gotong Royong",
    "Cipta",
    "Karya",
    "Rasa",
    "Lokal",
    "Merdeka",
    "Jingga",
    "Mentari",
    "Purnama",
    "Bintang",
    "Kenari",
    "Cendana",
    "Beringin",
    "Kelapa",
    "Rempah",
];

const SPACE_PATTERNS: &[&str] = &[
    "Rumah Kreatif {city}",
    "{city} Creative Hub",
    "{word} Coworking",
    "Galeri {word}",
    "Ruang {word}",
    "Studio {word}",
    "Makerspace {city}",
    "Taman Budaya {city}",
    "{word} Space {city}",
    "Kedai Kopi {word}",
    "Gedung Kesenian {city}",
    "Pasar Kreatif {city}",
    "Technopark {city}",
    "Perpustakaan {word}",
    "Café {word}",
    "{word} Creative Space",
    "Coworking {word} {city}",
    "Balai {word}",
];

const ORG_PATTERNS: &[&str] = &[
    "Dinas Pariwisata dan Kebudayaan {city}",
    "Dinas Koperasi dan UMKM {city}",
    "Komite Ekonomi Kreatif {city}",
    "Universitas {word} {city}",
    "Politeknik {city}",
    "Institut Seni {city}",
    "Yayasan {word} {word2}",
    "PT {word} {word2} Kreatif",
    "CV {word} {word2}",
    "Asosiasi {topic} Indonesia",
    "Himpunan {topic} {city}",
    "Koperasi {word} Kreatif",
    "Sekolah Tinggi Desain {city}",
    "Badan Ekonomi Kreatif {city}",
];

const GIVEN: &[&str] = &[
    "Dewi",
    "Budi",
    "Siti",
    "Agus",
    "Rina",
    "Andi",
    "Putri",
    "Rizky",
    "Ayu",
    "Fajar",
    "Indah",
    "Wahyu",
    "Sri",
    "Eko",
    "Nur",
    "Dian",
    "Yusuf",
    "Ahmad",
    "Muhammad",
    "Nurul",
    "Made",
    "Ketut",
    "Wayan",
    "Nyoman",
    "Putu",
    "Kadek",
    "Komang",
    "Gede",
    "Intan",
    "Bayu",
    "Dimas",
    "Galih",
    "Fitri",
    "Ratna",
    "Sari",
    "Hendra",
    "Rudi",
    "Joko",
    "Bambang",
    "Teguh",
    "Hadi",
    "Yohanes",
    "Maria",
    "Yosef",
    "Fransiskus",
    "Agustina",
    "Rahmat",
    "Irfan",
    "Aditya",
    "Reza",
    "Nanda",
    "Citra",
    "Larasati",
    "Anisa",
    "Aisyah",
    "Zainal",
    "Arif",
    "Taufik",
    "Linda",
    "Wulan",
    "Tri",
    "Yuni",
    "Rani",
    "Lina",
    "Dodi",
    "Fikri",
    "Hana",
    "Ilham",
    "Kartika",
    "Mega",
    "Novi",
    "Oki",
];

const FAMILY: &[&str] = &[
    "Lestari",
    "Pratama",
    "Saputra",
    "Saputri",
    "Wijaya",
    "Kusuma",
    "Santoso",
    "Hidayat",
    "Nugroho",
    "Setiawan",
    "Hartono",
    "Purnomo",
    "Siregar",
    "Nasution",
    "Harahap",
    "Lubis",
    "Simanjuntak",
    "Sitompul",
    "Tanjung",
    "Situmorang",
    "Manurung",
    "Sinaga",
    "Hutapea",
    "Ginting",
    "Sembiring",
    "Tarigan",
    "Batubara",
    "Wibowo",
    "Rahayu",
    "Utami",
    "Handayani",
    "Permata",
    "Maharani",
    "Putra",
    "Ramadhan",
    "Firmansyah",
    "Kurniawan",
    "Susanto",
    "Gunawan",
    "Salim",
    "Halim",
    "Wongso",
    "Manuhutu",
    "Pattinama",
    "Latuconsina",
    "Mandagi",
    "Wenas",
    "Rumbiak",
    "Kambu",
    "Daeng",
    "Pakpahan",
    "Sulistyo",
    "Anggraini",
    "Safitri",
    "Wulandari",
];

const TAGS: &[&str] = &[
    "kopi",
    "batik",
    "startup",
    "literasi",
    "anak muda",
    "difabel",
];

/// Generates records for the given cities (display names such as `Kota Semarang`); earlier
/// cities get more records, so put the big ones first.
#[derive(Debug, Clone)]
pub struct Generator {
    rng: fastrand::Rng,
    /// City names without `Kota`/`Kabupaten`.
    cities: Vec<String>,
}

fn short_city(name: &str) -> String {
    [
        "Kota Administrasi ",
        "Kabupaten Administrasi ",
        "Kota ",
        "Kabupaten ",
    ]
    .iter()
    .find_map(|p| name.strip_prefix(p))
    .unwrap_or(name)
    .to_string()
}

impl Generator {
    /// A generator seeded with `seed`. An empty city list gets one placeholder city.
    pub fn new(seed: u64, city_names: &[String]) -> Self {
        let mut cities: Vec<String> = city_names.iter().map(|c| short_city(c)).collect();
        if cities.is_empty() {
            cities.push("Nusantara".to_string());
        }
        Generator {
            rng: fastrand::Rng::with_seed(seed),
            cities,
        }
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.rng.usize(..items.len())]
    }

    fn fill(&mut self, pattern: &str, city: &str, topic: &str) -> String {
        let word = self.pick(WORDS);
        let word2 = self.pick(WORDS);
        pattern
            .replace("{city}", city)
            .replace("{word2}", word2)
            .replace("{word}", word)
            .replace("{topic}", topic)
    }

    /// A subsector and one of its topics.
    fn topic(&mut self) -> (usize, &'static str) {
        let sub = self.rng.usize(..SUBSECTORS.len());
        (sub, self.pick(TOPICS[sub]))
    }

    fn community(&mut self, city: &str) -> (String, u32) {
        let (sub, topic) = self.topic();
        let name = match self.rng.u8(..10) {
            0..=3 => format!("{} {topic} {city}", self.pick(COMMUNITY_PREFIXES)),
            4..=5 => format!("{topic} {city}"),
            6 => format!("{city} {topic} Community"),
            7 => format!(
                "{} {topic} {}",
                self.pick(COMMUNITY_PREFIXES),
                self.pick(WORDS)
            ),
            _ => format!("{} {topic}", self.pick(COMMUNITY_PREFIXES)),
        };
        (name, 1 << sub)
    }

    fn subsector_bits(&mut self, max: u8) -> u32 {
        (0..self.rng.u8(..=max)).fold(0, |bits, _| bits | 1 << self.rng.usize(..SUBSECTORS.len()))
    }

    fn person(&mut self) -> String {
        let given = self.pick(GIVEN);
        match self.rng.u8(..10) {
            0 => given.to_string(),
            1..=6 => format!("{given} {}", self.pick(FAMILY)),
            _ => format!("{given} {} {}", self.pick(GIVEN), self.pick(FAMILY)),
        }
    }

    /// The next record.
    pub fn record(&mut self) -> SynthRecord {
        // Skewed towards the first cities, as real directories are.
        let f = self.rng.f64();
        let city = ((f * f * f) * self.cities.len() as f64) as usize;
        let city = city.min(self.cities.len() - 1);
        let city_name = self.cities[city].clone();
        let (kind, name, subsectors) = match self.rng.u8(..100) {
            0..=39 => (Kind::Contact, self.person(), self.subsector_bits(1)),
            40..=69 => {
                let (name, bits) = self.community(&city_name);
                (Kind::Community, name, bits | self.subsector_bits(1))
            }
            70..=81 => {
                let pattern = self.pick(SPACE_PATTERNS);
                let name = self.fill(pattern, &city_name, "");
                (Kind::Space, name, self.subsector_bits(3))
            }
            82..=96 => {
                let (sub, topic) = self.topic();
                let pattern = self.pick(ORG_PATTERNS);
                let name = self.fill(pattern, &city_name, topic);
                (Kind::Organisation, name, 1 << sub | self.subsector_bits(1))
            }
            _ => {
                let (sub, topic) = self.topic();
                let year = 2015 + self.rng.u16(..11);
                let name = match self.rng.u8(..3) {
                    0 => format!("Festival {topic} {city_name} {year}"),
                    1 => format!("Pekan Kreatif {city_name} {year}"),
                    _ => format!("Pameran {topic} {year}"),
                };
                (Kind::Event, name, 1 << sub)
            }
        };
        let tags = if self.rng.u8(..10) == 0 {
            vec![self.pick(TAGS).to_string()]
        } else {
            Vec::new()
        };
        let verified_days_ago = (self.rng.u8(..10) != 0).then(|| self.rng.u32(..800));
        SynthRecord {
            kind,
            name,
            city: city as u16,
            subsectors,
            tags,
            verified_days_ago,
        }
    }
}

impl Iterator for Generator {
    type Item = SynthRecord;

    fn next(&mut self) -> Option<SynthRecord> {
        Some(self.record())
    }
}

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
        iccn: false,
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
        iccn: i % 4 == 0,
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
            iccn: r.city % 4 == 0,
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
            name,
            province,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_records() {
        let cities = vec!["Kota Semarang".to_string(), "Kabupaten Sleman".to_string()];
        let a: Vec<_> = Generator::new(7, &cities).take(200).collect();
        let b: Vec<_> = Generator::new(7, &cities).take(200).collect();
        let c: Vec<_> = Generator::new(8, &cities).take(200).collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert!(a.iter().all(|r| r.city < 2 && !r.name.is_empty()));
        assert!(a.iter().any(|r| r.name.contains("Semarang")));
        assert!(!a.iter().any(|r| r.name.contains("Kota ")));
    }

    #[test]
    fn every_kind_and_subsector_appears() {
        let regions = regions();
        let names: Vec<String> = regions.cities.iter().map(|c| c.name.clone()).collect();
        let records: Vec<_> = Generator::new(1, &names).take(5000).collect();
        for kind in [
            Kind::Community,
            Kind::Space,
            Kind::Organisation,
            Kind::Contact,
        ] {
            assert!(records.iter().any(|r| r.kind == kind), "{kind}");
        }
        let bits = records.iter().fold(0, |b, r| b | r.subsectors);
        assert_eq!(bits, (1 << SUBSECTORS.len()) - 1);
    }

    #[test]
    fn regions_table_is_complete() {
        let r = regions();
        assert_eq!(r.provinces.len(), 38);
        assert_eq!(r.cities.len(), 514);
        let mut codes: Vec<_> = r.cities.iter().map(|c| &c.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 514);
    }
}
