//! The SQLite store: open, migrations and typed queries. The only module with SQL.
