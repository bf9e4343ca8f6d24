//! Domain rules every layer shares, so the importer, the search filters, the bundled-data loader
//! and the app agree: yes/no words, `;`-separated list cells, staleness, and subsector spellings.

use chrono::NaiveDate;

/// Words that mean "yes" in a flag cell or filter, in English and Indonesian (any case).
pub const YES_WORDS: &[&str] = &["yes", "ya", "y", "true", "1", "iya"];
/// Words that mean "no" (`-` is how many spreadsheets leave a flag unset).
pub const NO_WORDS: &[&str] = &["no", "tidak", "n", "false", "0", "-", "t"];

/// `Some(true)` for a yes word, `Some(false)` for a no word, `None` for anything else.
pub fn yes_no(raw: &str) -> Option<bool> {
    let key = raw.trim().to_lowercase();
    if YES_WORDS.contains(&key.as_str()) {
        Some(true)
    } else if NO_WORDS.contains(&key.as_str()) {
        Some(false)
    } else {
        None
    }
}

/// True for a yes word.
pub fn is_yes(raw: &str) -> bool {
    yes_no(raw) == Some(true)
}

/// True for a no word.
pub fn is_no(raw: &str) -> bool {
    yes_no(raw) == Some(false)
}

/// The separator of list cells (subsectors, facilities, roles): lists are short and read whole.
pub const LIST_SEPARATOR: char = ';';

/// The entries of a `;`-list cell, trimmed, empty entries dropped.
pub fn list_items(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(LIST_SEPARATOR)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// [`list_items`] as owned strings.
pub fn list(cell: &str) -> Vec<String> {
    list_items(cell).map(String::from).collect()
}

/// The entries of a `;`-list cell keeping empty ones (per-role columns line up by position);
/// an empty cell is an empty list.
pub fn list_positions(cell: &str) -> Vec<&str> {
    if cell.trim().is_empty() {
        Vec::new()
    } else {
        cell.split(LIST_SEPARATOR).map(str::trim).collect()
    }
}

/// A list as one cell.
pub fn join_list(items: &[String]) -> String {
    items.join(";")
}

/// Records verified longer ago than this are stale (hubs move and rename).
pub const STALE_AFTER_DAYS: i64 = 365;

/// When records count as stale: verified before a cutoff date, or never. One value serves a
/// whole index build, so the check per record is a string comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staleness {
    cutoff: String,
}

impl Staleness {
    /// Staleness as of `today`.
    pub fn at(today: NaiveDate) -> Staleness {
        let cutoff = today - chrono::Duration::days(STALE_AFTER_DAYS);
        Staleness {
            cutoff: cutoff.format("%Y-%m-%d").to_string(),
        }
    }

    /// Staleness as of today (UTC).
    pub fn now() -> Staleness {
        Staleness::at(chrono::Utc::now().date_naive())
    }

    /// The last date that is still stale, as `YYYY-MM-DD`.
    pub fn cutoff(&self) -> &str {
        &self.cutoff
    }

    /// Whether a record last verified on `last_verified` (`YYYY-MM-DD…`) needs checking again:
    /// missing, unreadable, or more than [`STALE_AFTER_DAYS`] ago.
    pub fn is_stale(&self, last_verified: Option<&str>) -> bool {
        match last_verified
            .and_then(|d| d.get(..10))
            .filter(|d| is_iso_date(d))
        {
            Some(d) => d < self.cutoff.as_str(),
            None => true,
        }
    }
}

/// `YYYY-MM-DD` shape (digits and dashes), checked without parsing: it runs once per record.
fn is_iso_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// The 17 official creative-economy subsectors: (slug, official name).
pub const SUBSECTORS: [(&str, &str); 17] = [
    ("aplikasi", "Aplikasi"),
    ("pengembang_permainan", "Pengembang Permainan"),
    ("arsitektur", "Arsitektur"),
    ("desain_interior", "Desain Interior"),
    ("dkv", "Desain Komunikasi Visual"),
    ("desain_produk", "Desain Produk"),
    ("fesyen", "Fesyen"),
    ("film_animasi_video", "Film, Animasi, dan Video"),
    ("fotografi", "Fotografi"),
    ("kriya", "Kriya"),
    ("kuliner", "Kuliner"),
    ("musik", "Musik"),
    ("penerbitan", "Penerbitan"),
    ("periklanan", "Periklanan"),
    ("seni_pertunjukan", "Seni Pertunjukan"),
    ("seni_rupa", "Seni Rupa"),
    ("televisi_radio", "Televisi dan Radio"),
];

/// Official display name of a subsector slug, or `None` for a free tag.
pub fn subsector_name(slug: &str) -> Option<&'static str> {
    SUBSECTORS.iter().find(|(s, _)| *s == slug).map(|(_, n)| *n)
}

/// Maps a subsector as people write it (slug, official name, common older spellings, English)
/// to official slugs. Older statistics merge apps and games, so that name maps to both.
/// Returns an empty vector for a free tag.
pub fn normalise_subsector(raw: &str) -> Vec<&'static str> {
    let key: String = raw
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for (slug, name) in SUBSECTORS {
        if key == slug.replace('_', " ") || key == name.to_lowercase().replace(',', "") {
            return vec![slug];
        }
    }
    let one = |s: &'static str| vec![s];
    match key.as_str() {
        "aplikasi dan pengembang permainan"
        | "aplikasi dan game developer"
        | "aplikasi dan game" => {
            vec!["aplikasi", "pengembang_permainan"]
        }
        "app" | "apps" | "applications" | "software" => one("aplikasi"),
        "game" | "games" | "game developer" | "game development" | "pengembang game" => {
            one("pengembang_permainan")
        }
        "architecture" => one("arsitektur"),
        "interior" | "interior design" => one("desain_interior"),
        "desain komunikasi visual"
        | "visual communication design"
        | "graphic design"
        | "desain grafis" => one("dkv"),
        "product design" => one("desain_produk"),
        "fashion" | "mode" => one("fesyen"),
        "film"
        | "animasi"
        | "video"
        | "film animasi video"
        | "film animasi dan video"
        | "film animation video"
        | "animation" => one("film_animasi_video"),
        "photography" | "foto" => one("fotografi"),
        "kerajinan" | "kria" | "craft" | "crafts" => one("kriya"),
        "culinary" | "food" | "makanan" => one("kuliner"),
        "music" => one("musik"),
        "publishing" | "publisher" => one("penerbitan"),
        "advertising" | "iklan" => one("periklanan"),
        "performing arts" | "seni pertunjukkan" | "teater" | "tari" => one("seni_pertunjukan"),
        "fine arts" | "visual arts" | "art" | "seni" => one("seni_rupa"),
        "tv dan radio"
        | "tv radio"
        | "televisi radio"
        | "television and radio"
        | "tv"
        | "radio" => one("televisi_radio"),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_and_no_words_in_both_languages() {
        for w in ["yes", "YA", " y ", "true", "1", "iya"] {
            assert_eq!(yes_no(w), Some(true), "{w}");
        }
        for w in ["no", "Tidak", "n", "false", "0", "-"] {
            assert_eq!(yes_no(w), Some(false), "{w}");
        }
        assert_eq!(yes_no("maybe"), None);
    }

    #[test]
    fn lists_trim_and_drop_empty_entries_unless_positions_matter() {
        assert_eq!(list(" a; ;b ;"), vec!["a", "b"]);
        assert_eq!(list_positions("a;;b"), vec!["a", "", "b"]);
        assert!(list_positions("  ").is_empty());
        assert_eq!(join_list(&list("x;y")), "x;y");
    }

    #[test]
    fn staleness_is_a_year_and_missing_or_unreadable_dates_are_stale() {
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        let s = Staleness::at(day("2026-06-01"));
        assert!(!s.is_stale(Some("2025-06-01")));
        assert!(s.is_stale(Some("2025-05-31")));
        assert!(!s.is_stale(Some("2026-05-01T10:00:00Z")));
        assert!(s.is_stale(None));
        assert!(s.is_stale(Some("someday")));
    }

    #[test]
    fn subsectors_accept_official_names_and_common_spellings() {
        assert_eq!(normalise_subsector("Fashion"), vec!["fesyen"]);
        assert_eq!(normalise_subsector("Kerajinan"), vec!["kriya"]);
        assert_eq!(normalise_subsector("TV dan Radio"), vec!["televisi_radio"]);
        assert_eq!(
            normalise_subsector("Film, Animasi, dan Video"),
            vec!["film_animasi_video"]
        );
        assert_eq!(normalise_subsector("seni_rupa"), vec!["seni_rupa"]);
        assert_eq!(
            normalise_subsector("Aplikasi dan Game Developer"),
            vec!["aplikasi", "pengembang_permainan"]
        );
        assert!(normalise_subsector("kopi").is_empty());
    }
}
