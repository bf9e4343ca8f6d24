//! The terminal's side of two effects: the clipboard through OSC 52 (works over SSH and in
//! tmux with `set-clipboard on`) and opening links with the system opener.

use base64::Engine;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The OSC 52 sequence that puts `text` on the terminal's clipboard.
pub fn osc52(text: &str) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{b64}\x07")
}

/// Writes the OSC 52 sequence for `text` to `out`.
pub fn copy_to(out: &mut impl Write, text: &str) -> std::io::Result<()> {
    out.write_all(osc52(text).as_bytes())?;
    out.flush()
}

/// Only plain web links go to the opener: no `file:`, no scripts, no control characters.
pub fn safe_url(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

fn find_in_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    p.is_file()
}

/// The system opener (`open` on macOS, `xdg-open` elsewhere), when one is installed and a
/// display is there to show the result.
pub fn opener() -> Option<PathBuf> {
    if cfg!(target_os = "macos") {
        return find_in_path("open");
    }
    let display = std::env::var_os("DISPLAY").is_some_and(|v| !v.is_empty())
        || std::env::var_os("WAYLAND_DISPLAY").is_some_and(|v| !v.is_empty());
    if display {
        find_in_path("xdg-open")
    } else {
        None
    }
}

/// Opens `url` with the system opener, detached. `false` when there is none or it failed,
/// so the caller can show the link instead.
pub fn open_url(url: &str) -> bool {
    if !safe_url(url) {
        return false;
    }
    let Some(cmd) = opener() else {
        return false;
    };
    match Command::new(cmd)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(mut child) => {
            // Reap it in the background so it never lingers as a zombie.
            std::thread::spawn(move || child.wait());
            true
        }
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_encodes_base64() {
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
        let mut out = Vec::new();
        copy_to(&mut out, "+6281234567890").expect("write");
        assert!(out.starts_with(b"\x1b]52;c;"));
    }

    #[test]
    fn only_web_links_open() {
        assert!(safe_url("https://hetero.space"));
        assert!(!safe_url("javascript:alert(1)"));
        assert!(!safe_url("file:///etc/passwd"));
        assert!(!safe_url("https://a.b/\x1b[2J"));
    }
}
