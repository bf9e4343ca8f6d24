//! Connection settings a long job changes for its duration, and error tests callers need
//! without seeing SQLite's types.

use super::{Result, Store, StoreError};

impl Store {
    /// The page cache size, as `PRAGMA cache_size` gives it (negative: KiB).
    pub fn cache_size(&self) -> Result<i64> {
        Ok(self
            .conn()
            .pragma_query_value(None, "cache_size", |r| r.get(0))?)
    }

    /// Sets the page cache size (`PRAGMA cache_size`; negative: KiB).
    pub fn set_cache_size(&self, size: i64) -> Result<()> {
        Ok(self.conn().pragma_update(None, "cache_size", size)?)
    }
}

impl StoreError {
    /// Whether SQLite refused a write for breaking a constraint (a unique id, a foreign key).
    pub fn is_constraint(&self) -> bool {
        matches!(self, StoreError::Sql(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::ConstraintViolation)
    }
}
