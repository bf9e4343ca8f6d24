//! The in-memory search index, query syntax and fuzzy ranking.
