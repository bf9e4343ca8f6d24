//! Files Jejaring writes: private modes, atomic outputs and the sweep of stale temporaries.
//!
//! - Personal data never lands in a file others can read: the database (and so SQLite's -wal
//!   and -shm, which take the database file's mode), the index cache, backups, staged restores
//!   and `--include-private` exports are created 0600, and directories Jejaring creates 0700,
//!   whatever the umask ([`create_private`], [`create_dir_private`]).
//! - An output file appears whole or not at all: [`Output`] writes a temporary beside the
//!   target and renames it into place; an existing target is refused unless `--force`.
//! - Temporaries carry the writer's process id (`.NAME.TAG-PID…`); [`sweep`] removes those of
//!   processes that are gone, so a kill at any moment leaves nothing behind after the next run.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Mode of files holding personal data.
pub const PRIVATE_FILE: u32 = 0o600;
/// Mode of directories Jejaring creates.
pub const PRIVATE_DIR: u32 = 0o700;

/// Creates `path` (which must not exist) readable and writable by its owner only.
pub fn create_private(path: &Path) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, PRIVATE_FILE);
    o.open(path)
}

/// Creates `dir` and its missing parents with mode 0700; existing directories are left as
/// they are (a user's own choice, such as a shared /tmp, is not ours to change).
pub fn create_dir_private(dir: &Path) -> io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, PRIVATE_DIR);
    b.create(dir)
}

/// `.NAME.TAG-PID` beside `path`: a temporary name unique to this process.
pub fn temp_beside(path: &Path, tag: &str) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "jejaring".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Removes `path` and SQLite's `-wal`, `-shm` and `-journal` beside it; missing files are fine.
pub fn remove_with_sidecars(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        // Best effort: a file that cannot be removed is swept again next time.
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// True when no process has this id. Linux answers through /proc; elsewhere a process is
/// taken as alive (nothing is removed that might still be written).
fn is_dead(pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    let proc = Path::new("/proc");
    proc.join("self").exists() && !proc.join(pid.to_string()).exists()
}

/// The process id in a temporary's name after `.NAME.TAG-`: the leading digits of the rest.
fn pid_of(rest: &str) -> Option<u32> {
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// The temporary tags written beside a database or output file.
const TAGS: [&str; 4] = ["index.tmp", "restore", "backup", "out"];

/// Removes the temporaries of dead processes beside `path` (the database or an output file):
/// `.NAME.index.tmp-PID-N`, `.NAME.restore-PID`, `.NAME.backup-PID`, `.NAME.out-PID`, each
/// with its SQLite sidecars. Returns how many were removed. Never fails: a sweep is tidying.
pub fn sweep(path: &Path) -> usize {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return 0;
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = file.strip_prefix(&format!(".{name}.")) else {
            continue;
        };
        let stale = TAGS.iter().any(|tag| {
            rest.strip_prefix(tag)
                .and_then(|r| r.strip_prefix('-'))
                .and_then(pid_of)
                .is_some_and(is_dead)
        });
        if stale && std::fs::remove_file(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// An output file written atomically: bytes go to `.NAME.out-PID` beside the target, which
/// [`Output::commit`] renames into place; dropped uncommitted, the temporary is removed.
pub struct Output {
    target: PathBuf,
    tmp: PathBuf,
    file: Option<io::BufWriter<File>>,
}

/// Why an output could not be started.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{} exists already; choose a new name or pass --force to replace it", .0.display())]
    Exists(PathBuf),
    #[error("cannot create {}: {source}", .path.display())]
    Create {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

impl Output {
    /// Starts writing `target`: refused when it exists and `force` is not set. `private`
    /// creates the file 0600 (personal data); otherwise with the usual mode under the umask.
    pub fn start(target: &Path, force: bool, private: bool) -> Result<Output, OutputError> {
        if !force && target.symlink_metadata().is_ok() {
            return Err(OutputError::Exists(target.to_path_buf()));
        }
        sweep(target);
        let tmp = temp_beside(target, "out");
        let _ = std::fs::remove_file(&tmp);
        let mut o = OpenOptions::new();
        o.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut o, if private { PRIVATE_FILE } else { 0o666 });
        let file = o.open(&tmp).map_err(|source| OutputError::Create {
            path: target.to_path_buf(),
            source,
        })?;
        Ok(Output {
            target: target.to_path_buf(),
            tmp,
            file: Some(io::BufWriter::new(file)),
        })
    }

    /// Flushes, syncs and renames the temporary into place: the target is whole from here on.
    pub fn commit(mut self) -> io::Result<()> {
        if let Some(w) = self.file.take() {
            let f = w.into_inner().map_err(io::IntoInnerError::into_error)?;
            f.sync_all()?;
        }
        std::fs::rename(&self.tmp, &self.target)
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.file {
            Some(f) => f.write(buf),
            None => Err(io::Error::other("output already committed")),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if self.file.is_some() {
            self.file = None;
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn mode(p: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(p).expect("meta").permissions().mode() & 0o777
    }

    #[test]
    fn outputs_are_atomic_refuse_to_overwrite_and_leave_no_temporary() {
        let dir = tempfile::tempdir().expect("dir");
        let target = dir.path().join("out.csv");
        let mut o = Output::start(&target, false, true).expect("start");
        o.write_all(b"a,b\n").expect("write");
        assert!(
            !target.exists(),
            "nothing carries the name before the commit"
        );
        o.commit().expect("commit");
        assert_eq!(std::fs::read(&target).expect("read"), b"a,b\n");
        #[cfg(unix)]
        assert_eq!(mode(&target), 0o600);
        assert!(matches!(
            Output::start(&target, false, false),
            Err(OutputError::Exists(_))
        ));
        let mut o = Output::start(&target, true, false).expect("force");
        o.write_all(b"x").expect("write");
        drop(o);
        assert_eq!(
            std::fs::read(&target).expect("read"),
            b"a,b\n",
            "dropped = not written"
        );
        let left: Vec<_> = std::fs::read_dir(dir.path()).expect("ls").collect();
        assert_eq!(left.len(), 1, "only the target remains");
    }

    #[test]
    fn sweep_removes_temporaries_of_dead_processes_only() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("j.db");
        // A pid far above any pid_max is never a live process.
        let dead = 4_000_000_000u32;
        let me = std::process::id();
        let names = [
            format!(".j.db.index.tmp-{dead}-0"),
            format!(".j.db.restore-{dead}"),
            format!(".j.db.backup-{dead}"),
            format!(".j.db.backup-{dead}-wal"),
            format!(".j.db.out-{dead}"),
            format!(".j.db.restore-{me}"),
            "j.db".to_string(),
            ".other.restore-1".to_string(),
        ];
        for n in &names {
            std::fs::write(dir.path().join(n), b"x").expect("write");
        }
        if !Path::new("/proc/self").exists() {
            eprintln!("skipped: no /proc to tell a dead process");
            return;
        }
        assert_eq!(sweep(&db), 5);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .expect("ls")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                ".j.db.restore-".to_string() + &me.to_string(),
                ".other.restore-1".into(),
                "j.db".into()
            ]
        );
    }
}
