//! The words of the address-book views in the app (QR code, duplicates and merging, the link
//! menu), Bahasa Indonesia and English, kept together like the map's.

use super::Lang;

/// Fixed strings of the address-book views. One static per language: [`BOOK_EN`], [`BOOK_ID`].
#[derive(Debug)]
pub struct BookStrings {
    pub qr_title: &'static str,
    /// Shown beside the code.
    pub qr_scan: &'static str,
    /// `Q` pressed on something that is not a contact.
    pub qr_contacts_only: &'static str,
    /// The code does not fit: followed by the sizes.
    pub qr_too_big: &'static str,
    /// Between the code's size and the window's.
    pub qr_window: &'static str,
    /// What to do when it does not fit.
    pub qr_enlarge: &'static str,
    /// The card holds only the fields the contact's visibility allows.
    pub qr_visibility: &'static str,
    pub dupes_title: &'static str,
    pub dupes_none: &'static str,
    pub dupes_keys: &'static str,
    pub merge_title: &'static str,
    pub merge_keys: &'static str,
    /// Column headings of the merge view.
    pub left: &'static str,
    pub right: &'static str,
    /// Roles are never chosen: both records' are kept.
    pub roles_kept: &'static str,
    pub why_phone: &'static str,
    pub why_email: &'static str,
    pub why_name: &'static str,
    /// Status after a merge; followed by the survivor's name.
    pub merged: &'static str,
    /// Title of the menu `o` shows when a record has several links.
    pub links_title: &'static str,
}

/// English.
pub static BOOK_EN: BookStrings = BookStrings {
    qr_title: "QR code",
    qr_scan: "Scan with a phone camera to add this contact.",
    qr_contacts_only: "QR codes are for contacts: select a contact first",
    qr_too_big: "This card's code needs",
    qr_window: "cells; the window is",
    qr_enlarge: "Enlarge the window or lower the font size, or run: jejaring show ID --qr",
    qr_visibility: "Only the fields its visibility allows.",
    dupes_title: "Likely duplicates",
    dupes_none: "No likely duplicates.",
    dupes_keys: "Enter compare and merge · Esc close",
    merge_title: "Merge",
    merge_keys: "←/h keep left · →/l take right · m merge · Esc back",
    left: "keep",
    right: "other (deleted)",
    roles_kept: "Roles and links of both go to the one kept.",
    why_phone: "same phone",
    why_email: "same e-mail",
    why_name: "similar name, same city",
    merged: "Merged into",
    links_title: "Open",
};

/// Bahasa Indonesia.
pub static BOOK_ID: BookStrings = BookStrings {
    qr_title: "Kode QR",
    qr_scan: "Pindai dengan kamera ponsel untuk menambah kontak ini.",
    qr_contacts_only: "Kode QR untuk kontak: pilih kontak dulu",
    qr_too_big: "Kode kartu ini perlu",
    qr_window: "sel; jendela ini",
    qr_enlarge: "Perbesar jendela atau perkecil huruf, atau jalankan: jejaring show ID --qr",
    qr_visibility: "Hanya isian yang diizinkan visibilitasnya.",
    dupes_title: "Kemungkinan ganda",
    dupes_none: "Tidak ada kemungkinan ganda.",
    dupes_keys: "Enter bandingkan dan gabung · Esc tutup",
    merge_title: "Gabung",
    merge_keys: "←/h pakai kiri · →/l pakai kanan · m gabung · Esc kembali",
    left: "dipakai",
    right: "lainnya (dihapus)",
    roles_kept: "Peran dan tautan keduanya pindah ke yang dipakai.",
    why_phone: "telepon sama",
    why_email: "surel sama",
    why_name: "nama mirip, kota sama",
    merged: "Digabung ke",
    links_title: "Buka",
};

impl Lang {
    /// The address-book strings for this language.
    pub fn book(self) -> &'static BookStrings {
        match self {
            Lang::En => &BOOK_EN,
            Lang::Id => &BOOK_ID,
        }
    }
}
