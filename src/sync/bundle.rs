//! The bundle file: `JJB1 REPLICA BUNDLE SIGNATURE` on the first line, then the changes as
//! gzip-compressed JSON lines. The signature covers the first line's first three words and
//! the compressed bytes, and is checked before anything is decompressed.

use super::SyncError;
use super::keys::{self, Keys};
use crate::store::Change;
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use std::io::{Read, Write};
use std::path::Path;

const MAGIC: &str = "JJB1";
/// File name ending of bundles.
pub const EXT: &str = "jjb";
/// A bundle bigger than this when decompressed is refused (a broken or hostile file).
const MAX_PLAIN: u64 = 1 << 30;

fn signed_bytes(replica: &str, bundle: &str, payload: &[u8]) -> Vec<u8> {
    let mut data = format!("{MAGIC} {replica} {bundle}\n").into_bytes();
    data.extend_from_slice(payload);
    data
}

/// The bytes of a signed bundle of `changes`.
pub fn encode(keys: &Keys, replica: &str, bundle: &str, changes: &[Change]) -> Vec<u8> {
    let mut plain = Vec::with_capacity(changes.len() * 200);
    for c in changes {
        // Writing to a Vec cannot fail, and a Change always serialises.
        let _ = serde_json::to_writer(&mut plain, c);
        plain.push(b'\n');
    }
    // Compressed in one call: many small writes into the encoder cost more.
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    let _ = gz.write_all(&plain);
    let payload = gz.finish().unwrap_or_default();
    let sig = keys.sign(&signed_bytes(replica, bundle, &payload));
    let mut out = format!("{MAGIC} {replica} {bundle} {sig}\n").into_bytes();
    out.extend_from_slice(&payload);
    out
}

/// A bundle's header, read without trusting it yet.
pub struct Header<'a> {
    pub replica: &'a str,
    pub bundle: &'a str,
    signature: &'a str,
    payload: &'a [u8],
}

/// Reads the first line of `bytes` (from `path`, for messages).
pub fn header<'a>(path: &Path, bytes: &'a [u8]) -> Result<Header<'a>, SyncError> {
    let bad = |why: &str| SyncError::BadBundle(path.to_path_buf(), why.to_string());
    let nl = bytes
        .iter()
        .position(|b| *b == b'\n')
        .ok_or_else(|| bad("no header line"))?;
    let line = std::str::from_utf8(&bytes[..nl]).map_err(|_| bad("header is not text"))?;
    let words: Vec<&str> = line.split(' ').collect();
    match words[..] {
        [MAGIC, replica, bundle, signature] => Ok(Header {
            replica,
            bundle,
            signature,
            payload: &bytes[nl + 1..],
        }),
        _ => Err(bad("not a Jejaring bundle (JJB1 header expected)")),
    }
}

/// Checks the signature against the peer's `key` and returns the changes, all written by
/// the header's replica.
pub fn open(path: &Path, h: &Header<'_>, key: &str) -> Result<Vec<Change>, SyncError> {
    if !keys::verify(
        key,
        &signed_bytes(h.replica, h.bundle, h.payload),
        h.signature,
    ) {
        return Err(SyncError::BadSignature(path.to_path_buf()));
    }
    let bad = |why: String| SyncError::BadBundle(path.to_path_buf(), why);
    let mut text = String::new();
    GzDecoder::new(h.payload)
        .take(MAX_PLAIN)
        .read_to_string(&mut text)
        .map_err(|e| bad(format!("cannot decompress: {e}")))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let c: Change =
            serde_json::from_str(line).map_err(|e| bad(format!("line {}: {e}", i + 1)))?;
        if c.replica != h.replica {
            return Err(bad(format!(
                "line {}: a change by replica {} in a bundle signed by {}",
                i + 1,
                c.replica,
                h.replica
            )));
        }
        out.push(c);
    }
    Ok(out)
}
