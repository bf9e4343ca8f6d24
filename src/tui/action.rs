//! Everything a user can ask the app to do, as one enum. The key map turns keys into these;
//! [`super::app::App::update`] turns them into state changes. Help text per language lives in
//! [`help`], keyed by variant, so the help overlay is generated from the same table as the keys.

use crate::i18n::Lang;

/// One user intent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Quit the app.
    Quit,
    /// Type a character into the search line.
    Input(char),
    /// Delete the character before the cursor; on an empty line, go back.
    DeleteChar,
    /// Delete the last word of the query.
    DeleteWord,
    /// Clear the query.
    ClearQuery,
    /// Move the cursor or delete on the search line.
    QueryEdit(super::query_line::LineEdit),
    /// Move the selection up one row.
    Up,
    /// Move the selection down one row.
    Down,
    /// Move the selection up one page.
    PageUp,
    /// Move the selection down one page.
    PageDown,
    /// Jump to the first row.
    Top,
    /// Jump to the last row.
    Bottom,
    /// Open the selected record (or a province's cities; a related record from a detail pane).
    Open,
    /// Go back to where you were, like a browser.
    Back,
    /// Focus the next pane (search → list → detail).
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// Return to the search line.
    FocusSearch,
    /// Leave the search line / close / clear / go back, depending on where you are.
    Escape,
    /// Show the next kind tab (all, cities, communities, spaces, organisations, contacts).
    NextTab,
    /// Show the previous kind tab.
    PrevTab,
    /// Show or hide the filter panel with counts per kind, province and subsector.
    ToggleFacets,
    /// Copy the phone, e-mail or address of the record (a small menu).
    Copy,
    /// Open the website or a map of the record with the system opener.
    OpenLink,
    /// Export every current result (the editable kinds) to a JSON file in the import format.
    ExportResults,
    /// Show the keys.
    Help,
    /// Show data sources and licences.
    About,
    /// Left click at a screen cell.
    Click { x: u16, y: u16 },
    /// Mouse wheel up over a screen cell.
    ScrollUp { x: u16, y: u16 },
    /// Mouse wheel down over a screen cell.
    ScrollDown { x: u16, y: u16 },
    /// The terminal changed size.
    Resize { width: u16, height: u16 },
    /// Add a record of the current kind tab (or choose the kind).
    New,
    /// Edit the selected community, space, organisation or contact.
    Edit,
    /// Delete the selected record, after saying what links go with it.
    Delete,
    /// Stamp the selected record as verified today.
    Verify,
    /// Undo the last change.
    Undo,
    /// Save the form.
    Save,
    /// Add another role to a contact's form.
    AddRole,
    /// Remove the focused role from a contact's form.
    RemoveRole,
    /// Answer yes to a question.
    Confirm,
    /// Edit the focused input of a form or picker.
    TextEdit(tui_input::InputRequest),
    /// The data changed: refresh the search and the record shown.
    DataChanged,
    /// Show or hide the map of the current results.
    ToggleMap,
    /// List the records near the selected one (within a radius, nearest first).
    Nearby,
    /// Zoom the map in.
    MapZoomIn,
    /// Zoom the map out.
    MapZoomOut,
    /// Pan the map by whole steps east and north (negative: west, south).
    MapPan { east: i8, north: i8 },
    /// Centre the map on the selected record.
    MapCentre,
    /// Show all of Indonesia again.
    MapReset,
    /// Widen the nearby list's radius.
    RadiusUp,
    /// Narrow the nearby list's radius.
    RadiusDown,
    /// Mouse drag with the left button held, at a screen cell.
    Drag { x: u16, y: u16 },
    /// Show the selected contact's card as a QR code for a phone camera.
    ShowQr,
    /// List likely duplicate records, to compare and merge.
    Dupes,
    /// Merge view: keep the left record's value of this field.
    KeepLeft,
    /// Merge view: take the other record's value of this field.
    KeepRight,
    /// Merge view: merge the pair as chosen (undo with `u`).
    MergePair,
    /// Show or hide the coverage dashboard (bar charts; Enter searches a bar's records).
    Dashboard,
    /// Apply the bundles of other replicas waiting in the sync folder.
    ApplyBundles,
    /// List the sync conflicts (fields two replicas changed at once).
    Conflicts,
    /// Conflicts list: flip the selected conflict (the other value wins).
    FlipConflict,
}

/// The help text for an action in `lang`.
pub fn help(lang: Lang, action: Action) -> &'static str {
    let en = lang == Lang::En;
    let pick = |e: &'static str, i: &'static str| if en { e } else { i };
    match action {
        Action::Quit => pick("quit", "keluar"),
        Action::Input(_) => pick("type to search", "ketik untuk mencari"),
        Action::DeleteChar => pick(
            "delete a letter (on an empty line: back)",
            "hapus satu huruf (baris kosong: kembali)",
        ),
        Action::DeleteWord => pick("delete a word", "hapus satu kata"),
        Action::ClearQuery => pick("clear the query", "kosongkan pencarian"),
        Action::QueryEdit(e) => super::query_line::help(lang, e),
        Action::Up => pick("move up", "naik"),
        Action::Down => pick("move down", "turun"),
        Action::PageUp => pick("page up", "halaman naik"),
        Action::PageDown => pick("page down", "halaman turun"),
        Action::Top => pick("first row", "baris pertama"),
        Action::Bottom => pick("last row", "baris terakhir"),
        Action::Open => pick("open the selected record", "buka entri terpilih"),
        Action::Back => pick("back (history)", "kembali (riwayat)"),
        Action::FocusNext => pick("next pane", "panel berikutnya"),
        Action::FocusPrev => pick("previous pane", "panel sebelumnya"),
        Action::FocusSearch => pick("back to the search line", "kembali ke baris cari"),
        Action::Escape => pick("leave / close / clear", "keluar panel / tutup / kosongkan"),
        Action::NextTab => pick("next kind tab", "tab jenis berikutnya"),
        Action::PrevTab => pick("previous kind tab", "tab jenis sebelumnya"),
        Action::ToggleFacets => pick("filter panel with counts", "panel saring dengan jumlah"),
        Action::Copy => pick(
            "copy phone, e-mail or address",
            "salin telepon, surel atau alamat",
        ),
        Action::OpenLink => pick("open website or map", "buka situs web atau peta"),
        Action::ExportResults => pick(
            "export the results to a JSON file",
            "ekspor hasil ke berkas JSON",
        ),
        Action::Help => pick("this help", "bantuan ini"),
        Action::About => pick("data sources and licences", "sumber data dan lisensi"),
        Action::Click { .. } => pick("select", "pilih"),
        Action::ScrollUp { .. } | Action::ScrollDown { .. } => pick("scroll", "gulir"),
        Action::Resize { .. } => pick("resize", "ubah ukuran"),
        Action::New => pick("add a record", "tambah entri"),
        Action::Edit => pick("edit the record", "ubah entri"),
        Action::Delete => pick("delete the record", "hapus entri"),
        Action::Verify => pick("stamp verified today", "tandai dicek hari ini"),
        Action::Undo => pick("undo the last change", "batalkan perubahan terakhir"),
        Action::Save => pick("save", "simpan"),
        Action::AddRole => pick(
            "add another role (contact forms)",
            "tambah peran lain (formulir kontak)",
        ),
        Action::RemoveRole => pick("remove this role", "hapus peran ini"),
        Action::Confirm => pick("yes", "ya"),
        Action::TextEdit(_) => pick("type in the field", "ketik di isian"),
        Action::DataChanged => pick("refresh", "muat ulang"),
        Action::ToggleMap => pick("map of the results", "peta hasil"),
        Action::Nearby => pick(
            "records near the selected one",
            "entri di sekitar yang terpilih",
        ),
        Action::MapZoomIn => pick("map: zoom in", "peta: perbesar"),
        Action::MapZoomOut => pick("map: zoom out", "peta: perkecil"),
        Action::MapPan { east: 1, .. } => pick("map: pan east", "peta: geser ke timur"),
        Action::MapPan { east: -1, .. } => pick("map: pan west", "peta: geser ke barat"),
        Action::MapPan { north: 1, .. } => pick("map: pan north", "peta: geser ke utara"),
        Action::MapPan { .. } => pick("map: pan south", "peta: geser ke selatan"),
        Action::MapCentre => pick("map: jump to the selected", "peta: ke entri terpilih"),
        Action::MapReset => pick("map: all of Indonesia", "peta: seluruh Indonesia"),
        Action::RadiusUp => pick("nearby: wider radius", "sekitar: radius lebih lebar"),
        Action::RadiusDown => pick("nearby: smaller radius", "sekitar: radius lebih kecil"),
        Action::Drag { .. } => pick("drag the map", "seret peta"),
        Action::ShowQr => pick(
            "QR code of the contact (for a phone)",
            "kode QR kontak (untuk ponsel)",
        ),
        Action::Dupes => pick(
            "likely duplicates: compare and merge",
            "kemungkinan ganda: bandingkan dan gabung",
        ),
        Action::KeepLeft => pick("merge: keep the left value", "gabung: pakai nilai kiri"),
        Action::KeepRight => pick("merge: take the right value", "gabung: pakai nilai kanan"),
        Action::MergePair => pick("merge the pair", "gabungkan pasangan"),
        Action::Dashboard => pick(
            "coverage dashboard (Enter on a bar searches it)",
            "dasbor cakupan (Enter pada batang mencarinya)",
        ),
        Action::ApplyBundles => pick(
            "apply the bundles waiting in the sync folder",
            "terapkan bundel yang menunggu di folder sinkron",
        ),
        Action::Conflicts => pick(
            "sync conflicts (f flips the selected one)",
            "konflik sinkron (f membalik yang terpilih)",
        ),
        Action::FlipConflict => pick(
            "conflicts: flip the selected one",
            "konflik: balik yang terpilih",
        ),
    }
}

/// A one- or two-word version of [`help`] for the status bar.
pub fn hint(lang: Lang, action: Action) -> &'static str {
    let en = lang == Lang::En;
    let pick = |e: &'static str, i: &'static str| if en { e } else { i };
    match action {
        Action::Quit => pick("quit", "keluar"),
        Action::Up | Action::Down => pick("move", "pindah"),
        Action::Open => pick("open", "buka"),
        Action::Back => pick("back", "kembali"),
        Action::FocusNext | Action::FocusPrev => pick("panes", "panel"),
        Action::FocusSearch => pick("search", "cari"),
        Action::Escape => pick("close", "tutup"),
        Action::NextTab | Action::PrevTab => pick("kinds", "jenis"),
        Action::ToggleFacets => pick("filters", "saring"),
        Action::Copy => pick("copy", "salin"),
        Action::OpenLink => pick("web/map", "web/peta"),
        Action::ExportResults => pick("export", "ekspor"),
        Action::Help => pick("help", "bantuan"),
        Action::About => pick("about", "tentang"),
        Action::New => pick("add", "tambah"),
        Action::Edit => pick("edit", "ubah"),
        Action::Delete => pick("delete", "hapus"),
        Action::Verify => pick("verified", "dicek"),
        Action::Undo => pick("undo", "batal"),
        Action::AddRole => pick("+role", "+peran"),
        Action::RemoveRole => pick("-role", "-peran"),
        Action::ToggleMap => pick("map", "peta"),
        Action::Nearby => pick("nearby", "sekitar"),
        Action::ShowQr => pick("QR", "QR"),
        Action::Dupes => pick("duplicates", "ganda"),
        Action::Dashboard => pick("coverage", "cakupan"),
        Action::ApplyBundles => pick("apply bundles", "terapkan bundel"),
        Action::Conflicts => pick("conflicts", "konflik"),
        Action::FlipConflict => pick("flip", "balik"),
        other => help(lang, other),
    }
}
