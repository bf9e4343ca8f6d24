//! The replica's ed25519 key pair, kept beside its database: `DB.sync-key` (the secret half,
//! mode 0600) and `DB.sync-key.pub` (replica id and public key, the file to hand to peers).

use super::SyncError;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The first line of a public key file.
const PUB_HEADER: &str = "jejaring-sync-key 1";

/// A replica's signing key.
pub struct Keys {
    signing: SigningKey,
    /// Where the public key file is.
    pub public_path: PathBuf,
}

/// A peer's public key file, read.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicKeyFile {
    pub replica: String,
    /// Base64 of the 32-byte ed25519 public key.
    pub key: String,
}

fn secret_path(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(".sync-key");
    PathBuf::from(p)
}

impl Keys {
    /// The key pair of the replica whose database is `db`, made on first use.
    pub fn load_or_create(db: &Path, replica: &str) -> Result<Keys, SyncError> {
        let secret = secret_path(db);
        let mut public_path = secret.clone().into_os_string();
        public_path.push(".pub");
        let public_path = PathBuf::from(public_path);
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| SyncError::Io { path, source }
        };
        let signing = match std::fs::read_to_string(&secret) {
            Ok(text) => {
                let bytes: [u8; 32] = B64
                    .decode(text.trim())
                    .ok()
                    .and_then(|b| b.try_into().ok())
                    .ok_or_else(|| SyncError::BadKey(secret.clone()))?;
                SigningKey::from_bytes(&bytes)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let key = SigningKey::generate(&mut rand_core::OsRng);
                let mut f = crate::files::create_private(&secret).map_err(io(&secret))?;
                writeln!(f, "{}", B64.encode(key.to_bytes())).map_err(io(&secret))?;
                f.sync_all().map_err(io(&secret))?;
                key
            }
            Err(e) => return Err(io(&secret)(e)),
        };
        let keys = Keys {
            signing,
            public_path,
        };
        let text = format!(
            "{PUB_HEADER}\nreplica {replica}\nkey {}\n",
            keys.public_key()
        );
        if std::fs::read_to_string(&keys.public_path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&keys.public_path, text).map_err(io(&keys.public_path))?;
        }
        Ok(keys)
    }

    /// Base64 of the public key.
    pub fn public_key(&self) -> String {
        B64.encode(self.signing.verifying_key().to_bytes())
    }

    /// Signs `data`; base64 of the signature.
    pub fn sign(&self, data: &[u8]) -> String {
        B64.encode(self.signing.sign(data).to_bytes())
    }
}

/// True when `signature` (base64) is `key`'s (base64) signature of `data`.
pub fn verify(key: &str, data: &[u8], signature: &str) -> bool {
    let Some(key) = B64
        .decode(key)
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .and_then(|b| VerifyingKey::from_bytes(&b).ok())
    else {
        return false;
    };
    let Some(sig) = B64
        .decode(signature)
        .ok()
        .and_then(|b| <[u8; 64]>::try_from(b).ok())
    else {
        return false;
    };
    key.verify(data, &Signature::from_bytes(&sig)).is_ok()
}

/// Reads a peer's public key file (as `jejaring sync key` names it).
pub fn read_public(path: &Path) -> Result<PublicKeyFile, SyncError> {
    let text = std::fs::read_to_string(path).map_err(|source| SyncError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let bad = || SyncError::BadKey(path.to_path_buf());
    let mut lines = text.lines();
    if lines.next() != Some(PUB_HEADER) {
        return Err(bad());
    }
    let replica = lines
        .next()
        .and_then(|l| l.strip_prefix("replica "))
        .filter(|r| uuid::Uuid::parse_str(r).is_ok())
        .ok_or_else(bad)?;
    let key = lines
        .next()
        .and_then(|l| l.strip_prefix("key "))
        .filter(|k| B64.decode(k).is_ok_and(|b| b.len() == 32))
        .ok_or_else(bad)?;
    Ok(PublicKeyFile {
        replica: replica.to_string(),
        key: key.to_string(),
    })
}

/// Removes the key pair beside database `db` (a copied database's, which belongs to the
/// replica it was copied from); the next [`Keys::load_or_create`] makes a new one.
pub fn discard(db: &Path) -> Result<(), SyncError> {
    let secret = secret_path(db);
    let mut public = secret.clone().into_os_string();
    public.push(".pub");
    for path in [secret, PathBuf::from(public)] {
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(SyncError::Io { path, source: e });
            }
            _ => {}
        }
    }
    Ok(())
}
