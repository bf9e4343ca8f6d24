//! A QR code drawn with Unicode half blocks: two module rows per text line, so a code of N
//! modules takes N/2 + 1 lines. Light modules (and the quiet zone) are drawn as blocks, which
//! shows dark-on-light on the usual light-on-dark terminal; the TUI sets both colours itself.

use qrcode::{Color, EcLevel, QrCode};

/// A QR code as text lines of equal width (in terminal cells).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrArt {
    pub lines: Vec<String>,
    /// Width of every line in cells (one per module).
    pub width: usize,
}

/// Why a text cannot be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QrError {
    /// More than a QR code holds (about 2,900 bytes at the lowest correction level).
    #[error("too long for a QR code ({0} bytes)")]
    TooLong(usize),
}

/// The modules of `text` at the lowest error correction (the smallest code that holds it: a
/// screen shows it crisply, so little correction is needed), with `quiet` light modules around.
pub fn modules(text: &str, quiet: usize) -> Result<(usize, Vec<bool>), QrError> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L)
        .map_err(|_| QrError::TooLong(text.len()))?;
    let n = code.width();
    let colors = code.to_colors();
    let size = n + 2 * quiet;
    let mut dark = vec![false; size * size];
    for y in 0..n {
        for x in 0..n {
            dark[(y + quiet) * size + x + quiet] = colors[y * n + x] == Color::Dark;
        }
    }
    Ok((size, dark))
}

/// Draws `text` as half-block lines: `█` both light, `▀` top light, `▄` bottom light, space
/// both dark (the row below the last is light).
pub fn render(text: &str, quiet: usize) -> Result<QrArt, QrError> {
    let (size, dark) = modules(text, quiet)?;
    let light = |x: usize, y: usize| y >= size || !dark[y * size + x];
    let lines = (0..size)
        .step_by(2)
        .map(|y| {
            (0..size)
                .map(|x| match (light(x, y), light(x, y + 1)) {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    (false, false) => ' ',
                })
                .collect()
        })
        .collect();
    Ok(QrArt { lines, width: size })
}

impl QrArt {
    /// Whether it fits in `width` × `height` cells.
    pub fn fits(&self, width: usize, height: usize) -> bool {
        self.width <= width && self.lines.len() <= height
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_half_the_modules_and_all_one_width() {
        let art = render("BEGIN:VCARD\r\nEND:VCARD\r\n", 2).expect("qr");
        assert_eq!(art.lines.len(), art.width.div_ceil(2));
        assert!(art.lines.iter().all(|l| l.chars().count() == art.width));
        assert!(art.lines[0].chars().all(|c| c == '█'), "quiet zone on top");
        assert!(render(&"x".repeat(5000), 1).is_err());
    }
}
