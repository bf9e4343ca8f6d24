//! `x`: export every current result to a JSON file in the import format.

use super::app::App;
use crate::io::export::{Filter, write_json};
use crate::model::Kind;

impl App {
    /// Writes the current results (communities, spaces, organisations, contacts; private
    /// contact fields left out) to `jejaring-results-<time>.json` in [`App::export_dir`].
    pub fn export_results(&mut self) {
        let shown = self.results.shown();
        if !shown.complete {
            self.notify(self.lang.strings().export_wait);
            return;
        }
        let ids = match crate::index_load::ids_of(&self.store, &shown.index, &shown.matches) {
            Ok(ids) => ids,
            Err(e) => {
                self.status = Some((e.to_string(), true));
                return;
            }
        };
        let filter = Filter {
            ids: Some(ids),
            include_private: false,
        };
        let name = format!(
            "jejaring-results-{}.json",
            chrono::Local::now().format("%Y%m%d-%H%M%S")
        );
        let path = self.export_dir.join(name);
        let written = std::fs::File::create(&path)
            .map_err(|e| e.to_string())
            .and_then(|f| {
                write_json(
                    &self.store,
                    &Kind::EDITABLE,
                    &filter,
                    std::io::BufWriter::new(f),
                )
                .map_err(|e| e.to_string())
            });
        match written {
            Ok(0) => {
                let _ = std::fs::remove_file(&path);
                self.notify(self.lang.strings().export_empty);
            }
            Ok(n) => {
                let msg = format!("{} {} ({n})", self.lang.strings().exported, path.display());
                self.notify(msg);
            }
            Err(e) => self.status = Some((format!("{}: {e}", path.display()), true)),
        }
    }
}
