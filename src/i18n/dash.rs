//! The words of the coverage dashboard (Bahasa Indonesia and English), beside the main
//! catalogue so the dashboard's strings live together.

use super::Lang;

/// Fixed strings of the coverage dashboard. One static per language: [`DASH_EN`], [`DASH_ID`].
#[derive(Debug)]
pub struct DashStrings {
    pub title: &'static str,
    /// Chart tabs: ICCN membership, KaTa Kreatif, UNESCO, subsectors, stale records.
    pub tab_iccn: &'static str,
    pub tab_kata: &'static str,
    pub tab_unesco: &'static str,
    pub tab_sub: &'static str,
    pub tab_stale: &'static str,
    /// The ICCN chart's legend: glyphs for member, not a member, unknown.
    pub legend_iccn: &'static str,
    /// What each of the other charts counts.
    pub legend_kata: &'static str,
    pub legend_unesco: &'static str,
    pub legend_sub: &'static str,
    pub legend_stale: &'static str,
    /// Totals under the charts; `{…}` are filled by [`DashStrings::total`].
    pub total_iccn: &'static str,
    pub total_kata: &'static str,
    pub total_unesco: &'static str,
    pub total_sub: &'static str,
    pub total_stale: &'static str,
    /// The key hints.
    pub keys: &'static str,
    /// UNESCO has no search filter: Enter lists the province's cities instead.
    pub unesco_no_filter: &'static str,
}

/// English.
pub static DASH_EN: DashStrings = DashStrings {
    title: "Coverage",
    tab_iccn: "ICCN",
    tab_kata: "KaTa",
    tab_unesco: "UNESCO",
    tab_sub: "Subsectors",
    tab_stale: "Stale",
    legend_iccn: "█ member ▒ not ░ unknown — yes·no·unknown/kab+kota",
    legend_kata: "KaTa Kreatif certified kab/kota per province",
    legend_unesco: "UNESCO Creative Cities per province",
    legend_sub: "communities per subsector",
    legend_stale: "records not verified within a year, per province",
    total_iccn: "{a} known members, {b} known non-members, {c} unknown of {n}",
    total_kata: "{a} KaTa Kreatif kab/kota of {n}",
    total_unesco: "{a} UNESCO Creative Cities",
    total_sub: "{a} communities (one can have several subsectors)",
    total_stale: "{a} stale records (verified before {d})",
    keys: "Tab chart  j/k move  Enter search  Esc close",
    unesco_no_filter: "no unesco: filter yet; listing the province's cities",
};

/// Bahasa Indonesia.
pub static DASH_ID: DashStrings = DashStrings {
    title: "Cakupan",
    tab_iccn: "ICCN",
    tab_kata: "KaTa",
    tab_unesco: "UNESCO",
    tab_sub: "Subsektor",
    tab_stale: "Usang",
    legend_iccn: "█ anggota ▒ bukan ░ belum diketahui — ya·tidak·?/kab+kota",
    legend_kata: "kab/kota bersertifikat KaTa Kreatif per provinsi",
    legend_unesco: "Kota Kreatif UNESCO per provinsi",
    legend_sub: "komunitas per subsektor",
    legend_stale: "entri yang tidak dicek setahun terakhir, per provinsi",
    total_iccn: "{a} anggota, {b} bukan anggota, {c} belum diketahui dari {n}",
    total_kata: "{a} kab/kota KaTa Kreatif dari {n}",
    total_unesco: "{a} Kota Kreatif UNESCO",
    total_sub: "{a} komunitas (satu bisa punya beberapa subsektor)",
    total_stale: "{a} entri usang (dicek sebelum {d})",
    keys: "Tab grafik  j/k pindah  Enter cari  Esc tutup",
    unesco_no_filter: "belum ada saringan unesco:; menampilkan kab/kota provinsinya",
};

impl DashStrings {
    /// `template` with `{a}`, `{b}`, `{c}` (the `figures`), `{n}` (`of`) and `{d}` (`date`)
    /// filled in.
    pub fn total(template: &str, figures: [i64; 3], of: i64, date: &str) -> String {
        let [first, second, third] = figures;
        template
            .replace("{a}", &first.to_string())
            .replace("{b}", &second.to_string())
            .replace("{c}", &third.to_string())
            .replace("{n}", &of.to_string())
            .replace("{d}", date)
    }
}

impl Lang {
    /// The coverage dashboard's strings for this language.
    pub fn dash(self) -> &'static DashStrings {
        match self {
            Lang::En => &DASH_EN,
            Lang::Id => &DASH_ID,
        }
    }
}
