//! All integration tests in one binary (one link step instead of one per file).

mod address_book;
mod assets;
mod cache;
mod cli;
mod edit;
mod fuzz;
mod geo;
mod import_export;
mod reliability;
mod store;
mod support;
mod sync;
mod sync_files;
mod tui;
mod tui_book;
mod tui_dash;
mod tui_map;
mod tui_share;
