//! Jejaring: an offline terminal directory of Indonesia's creative-economy network.
//!
//! Module map (data flows up from SQLite to the screen, one direction):
//! - [`model`]  plain record structs per kind, no SQL, no terminal types
//! - [`store`]  the SQLite store: open, migrations, typed queries (the only place with SQL)
//! - [`search`] the in-memory index, query syntax and fuzzy ranking
//! - [`synth`]  deterministic synthetic records for scale tests and benchmarks
pub mod model;
pub mod search;
pub mod store;
pub mod synth;
