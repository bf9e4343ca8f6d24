//! `x`: export every current result to a JSON file in the import format. `update` checks the
//! answer is complete and collects the ids ([`App::export_results`]); the effect runner writes
//! the file ([`Export::write`]) and hands the outcome back ([`App::exported`]).

use super::app::{App, Effect};
use crate::io::export::{Filter, write_json};
use crate::model::Kind;
use crate::store::Store;
use std::collections::HashSet;
use std::path::PathBuf;

/// An export to write: the records' ids and the directory of the new file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    dir: PathBuf,
    ids: HashSet<String>,
}

/// How an export went: the file and how many records it holds, or the file and the error.
pub(crate) type Outcome = Result<(PathBuf, usize), (PathBuf, String)>;

impl Export {
    /// Writes `jejaring-results-<time>.json` (communities, spaces, organisations, contacts;
    /// private contact fields left out). An empty export leaves no file behind.
    pub(crate) fn write(self, store: &Store) -> Outcome {
        let filter = Filter {
            ids: Some(self.ids),
            include_private: false,
        };
        let name = format!(
            "jejaring-results-{}.json",
            chrono::Local::now().format("%Y%m%d-%H%M%S")
        );
        let path = self.dir.join(name);
        let written = std::fs::File::create(&path)
            .map_err(|e| e.to_string())
            .and_then(|f| {
                write_json(store, &Kind::EDITABLE, &filter, std::io::BufWriter::new(f))
                    .map_err(|e| e.to_string())
            });
        match written {
            Ok(0) => {
                let _ = std::fs::remove_file(&path);
                Ok((path, 0))
            }
            Ok(n) => Ok((path, n)),
            Err(e) => Err((path, e)),
        }
    }
}

impl App {
    /// Asks to export the current results to [`App::export_dir`]; says why not while the
    /// answer is still incomplete.
    pub(crate) fn export_results(&mut self) -> Option<Effect> {
        let shown = self.results.shown();
        if !shown.complete {
            self.notify(self.lang().strings().export_wait);
            return None;
        }
        match crate::index_load::ids_of(self.store(), &shown.index, &shown.matches) {
            Ok(ids) => Some(Effect::Export(Export {
                dir: self.export_dir().to_path_buf(),
                ids,
            })),
            Err(e) => {
                self.status_mut().fail(e);
                None
            }
        }
    }

    /// Says how the export went.
    pub(crate) fn exported(&mut self, outcome: Outcome) {
        let s = self.lang().strings();
        match outcome {
            Ok((_, 0)) => self.notify(s.export_empty),
            Ok((path, n)) => self.notify(format!("{} {} ({n})", s.exported, path.display())),
            Err((path, e)) => self.status_mut().fail(format!("{}: {e}", path.display())),
        }
    }
}
