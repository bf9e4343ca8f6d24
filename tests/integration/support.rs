//! Shared helpers: a temporary database and the real binary.

use assert_cmd::Command;
use std::path::PathBuf;
use tempfile::TempDir;

/// A fresh temporary directory with a database path inside it (created on first use).
pub struct TempDb {
    pub _dir: TempDir,
    pub path: PathBuf,
}

impl TempDb {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("test.db");
        TempDb { _dir: dir, path }
    }

    /// The `jejaring` binary with `--db` pointing at this database and a fixed language.
    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("jejaring").expect("binary");
        c.arg("--db")
            .arg(&self.path)
            .env("LANG", "en_US.UTF-8")
            .env_remove("JEJARING_DB");
        c
    }
}

/// Runs the command and parses its stdout as JSON.
pub fn json(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.output().expect("run");
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}
