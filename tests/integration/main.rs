//! All integration tests in one binary (one link step instead of one per file).

mod assets;
mod cache;
mod cli;
mod edit;
mod geo;
mod import_export;
mod store;
mod support;
mod tui;
mod tui_map;
