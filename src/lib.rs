//! Jejaring: an offline terminal directory of Indonesia's creative-economy network.
//!
//! Module map (data flows up from `SQLite` to the screen, one direction):
//! - [`model`]  plain record structs per kind, no SQL, no terminal types
//! - [`store`]  the `SQLite` store: open, migrations, typed queries (the only place with SQL)
//! - [`assets`] the bundled regions and starter directory, embedded in the binary
//! - [`service`] opening a database ready to use: the store, seeded from the assets
//! - [`io`]     import and export (CSV, JSON, vCard), backup and restore
//! - [`cli`]    the command line: clap tree, dispatch, exit codes; reports and transfers
//! - [`text`]   terminal-safe text
//! - [`files`]  private file modes, atomic outputs, the sweep of stale temporaries
//! - [`search`] the in-memory index, query syntax and fuzzy ranking
//! - [`sync`]   sharing between replicas: change log, signed bundles, merge (see its doc)
//! - [`synth`]  deterministic synthetic records for `jejaring gen`, scale tests and benchmarks
//! - [`index_load`] the search index from the store, through its cache file
//! - [`i18n`]   every user-visible string, in Bahasa Indonesia and English
//! - [`detail`] a plain view model of one record (detail panes, `jejaring show`)
//! - [`geo`]    coastlines, distances, the nearby index and map binning
//! - [`places`] where a record stands (own coordinate or city seat), nearby lists
//! - [`dupes`]  likely duplicate records and merging two into one
//! - [`merge_plan`] the side-by-side fields of a pair being merged, from the kind's schema
//! - [`qr`]     a contact's card as a QR code in half blocks
//! - [`tui`]    the terminal app
pub mod assets;
pub mod cli;
pub mod detail;
pub mod dupes;
pub mod files;
pub mod geo;
pub mod i18n;
pub mod index_load;
pub mod io;
pub mod merge_plan;
pub mod model;
pub mod places;
pub mod qr;
pub mod search;
pub mod service;
pub mod store;
pub mod sync;
pub mod synth;
pub mod text;
pub mod tui;
