//! Import and export: CSV, JSON and vCard files in and out of the store, each import one transaction.
pub mod import;
