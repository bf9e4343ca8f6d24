//! Builds the search index from the store: the one bridge between [`crate::store`] and
//! [`crate::search`], so neither knows the other.

use crate::model::rules::{self, Staleness};
use crate::model::{IccnStatus, Kind, SUBSECTORS};
use crate::search::{
    CityInfo, Index, IndexBuilder, IndexRow, ProvinceInfo, Regions, cache, extras,
};
use crate::store::{Result, Store};
use std::collections::{HashMap, HashSet};

/// The date before which `last_verified` counts as stale, as `YYYY-MM-DD`.
pub fn stale_cutoff() -> String {
    Staleness::now().cutoff().to_string()
}

/// The region tables the index refers to, in store order.
pub fn regions(store: &Store) -> Result<Regions> {
    let provinces = store.provinces()?;
    let prov_index: HashMap<&str, u8> = provinces
        .iter()
        .enumerate()
        .map(|(i, p)| (p.code.as_str(), i as u8))
        .collect();
    let cities = store
        .cities()?
        .into_iter()
        .map(|c| CityInfo {
            province: prov_index
                .get(c.province_code.as_str())
                .copied()
                .unwrap_or(u8::MAX),
            kata_year: c.kata_year.and_then(|y| u16::try_from(y).ok()),
            kota: c.kind == crate::model::CityKind::Kota,
            code: c.code,
            name: c.name,
        })
        .collect();
    Ok(Regions {
        provinces: provinces
            .into_iter()
            .map(|p| ProvinceInfo {
                code: p.code,
                name: p.name,
                aliases: p.aliases,
            })
            .collect(),
        cities,
    })
}

/// Builds the index over every record (or the first `limit`, for a quick first frame: that
/// one skips the precomputed one-letter results, which cost more than they save there).
/// The full index starts from the index cache when it is fresh, and takes the tie-break order
/// and one-letter tables from [`extras`] when they were saved for the same data (else computes
/// and saves them).
pub fn load_index(store: &Store, limit: Option<usize>) -> Result<Index> {
    if limit.is_some() {
        return build(store, limit, true);
    }
    let (lean, stamp) = lean_cached_stamped(store, &[])?;
    let Some(stamp) = stamp else {
        return Ok(lean.into_full());
    };
    Ok(extras::complete(store.path(), &stamp, lean))
}

/// The index for answering one query (the CLI): every record, without the tables that only
/// pay off over a typing session, from the index cache when it is fresh. Ranks exactly as
/// [`load_index`].
pub fn load_index_for_one_search(store: &Store) -> Result<Index> {
    lean_cached(store)
}

/// Brings the index cache up to date after a command wrote to the store, so the next
/// `jejaring search` reads it instead of rebuilding from every row. Does nothing for stores
/// without a cache; a cache that cannot be written is skipped, as in [`load_index`]. The
/// write has landed by then, so a failure here is only a warning: the next search rebuilds.
pub fn refresh_cache(store: &Store) {
    refresh_cache_with(store, &[]);
}

/// [`refresh_cache`] after a bulk import that created `created` (its report's list): those
/// records are taken from the list rather than read back, when nothing else wrote since.
pub fn refresh_cache_with(store: &Store, created: &[crate::store::IndexRecordBuf]) {
    let fresh = if store.wrote_last().unwrap_or(false) {
        created
    } else {
        &[]
    };
    if let Err(e) = lean_cached_stamped(store, fresh) {
        eprintln!(
            "jejaring: warning: the search index was not refreshed ({e}); the next search rebuilds it"
        );
    }
}

/// What a cached index depends on besides the file format: the data (its generation, which
/// every write changes), the schema, today's stale cutoff and this build. `None` when the
/// store cannot vouch for its data (no generation recorded).
pub fn cache_stamp(store: &Store) -> Result<Option<String>> {
    let generation = store.generation()?;
    if generation.is_empty() {
        return Ok(None);
    }
    Ok(Some(format!(
        "generation={generation};schema={};stale-before={};jejaring={}",
        store.schema_version()?,
        stale_cutoff(),
        env!("CARGO_PKG_VERSION")
    )))
}

/// The lean index from `<db>.index` when its stamp matches, else built from the store and
/// saved there (silently skipped when the directory is not writable). In-memory stores have
/// no cache.
fn lean_cached(store: &Store) -> Result<Index> {
    lean_cached_stamped(store, &[]).map(|(index, _)| index)
}

/// [`lean_cached`] with the stamp it was read or saved under (`None`: no cache); `created`
/// as for [`build_with`].
fn lean_cached_stamped(
    store: &Store,
    created: &[crate::store::IndexRecordBuf],
) -> Result<(Index, Option<String>)> {
    let db = store.path();
    if db == std::path::Path::new(":memory:") {
        return Ok((build_with(store, None, true, created)?, None));
    }
    // The stamp is read before the rows: a write in between leaves a stale stamp (a rebuild
    // next time), never fresh-looking old data.
    let Some(stamp) = cache_stamp(store)? else {
        return Ok((build_with(store, None, true, created)?, None));
    };
    let path = cache::path_for(db);
    if let Some(index) = cache::read(&path, &stamp) {
        return Ok((index, Some(stamp)));
    }
    let index = build_with(store, None, true, created)?;
    let _ = cache::write(&path, &stamp, &index);
    Ok((index, Some(stamp)))
}

fn build(store: &Store, limit: Option<usize>, lean: bool) -> Result<Index> {
    build_with(store, limit, lean, &[])
}

/// [`build`], taking the records a bulk import just created from `created` instead of the
/// store ([`Store::for_each_index_record_with`]).
fn build_with(
    store: &Store,
    limit: Option<usize>,
    lean: bool,
    created: &[crate::store::IndexRecordBuf],
) -> Result<Index> {
    let regions = regions(store)?;
    let city_index: HashMap<String, u16> = regions
        .cities
        .iter()
        .enumerate()
        .map(|(i, c)| (c.code.clone(), i as u16))
        .collect();
    let province_index: HashMap<String, u8> = regions
        .provinces
        .iter()
        .enumerate()
        .map(|(i, p)| (p.code.clone(), i as u8))
        .collect();
    let membership: HashMap<String, bool> = store
        .cities()?
        .into_iter()
        .filter_map(|c| match c.iccn_status {
            IccnStatus::Yes => Some((c.code, true)),
            IccnStatus::No => Some((c.code, false)),
            IccnStatus::Unknown => None,
        })
        .collect();
    let staleness = Staleness::now();
    let mut builder = IndexBuilder::new(regions);
    // One row reused for every record: no allocation per record on a million-row load.
    let mut row = IndexRow {
        kind: Kind::Province,
        rowid: 0,
        name: String::new(),
        city: None,
        province: None,
        subsectors: 0,
        tags: Vec::new(),
        iccn: None,
        stale: false,
    };
    store.for_each_index_record_with(limit, created, |r| {
        row.kind = r.kind;
        row.rowid = r.rowid;
        row.name.clear();
        row.name.push_str(r.name);
        row.city = r.city_code.and_then(|c| city_index.get(c).copied());
        row.province = r.province_code.and_then(|c| province_index.get(c).copied());
        row.iccn = r.city_code.and_then(|c| membership.get(c).copied());
        // Official regions are not "verified" by coordinators; only directory records go stale.
        row.stale =
            !matches!(r.kind, Kind::Province | Kind::City) && staleness.is_stale(r.last_verified);
        row.subsectors = 0;
        row.tags.clear();
        for tag in rules::list_items(r.subsectors) {
            match SUBSECTORS.iter().position(|(slug, _)| *slug == tag) {
                Some(bit) => row.subsectors |= 1 << bit,
                None => row.tags.push(tag.to_string()),
            }
        }
        builder.push(&row);
    })?;
    Ok(if lean {
        builder.finish_lean()
    } else {
        builder.finish()
    })
}

/// Why a query could not select records.
#[derive(Debug, thiserror::Error)]
pub enum SelectError {
    #[error(transparent)]
    Query(#[from] crate::search::QueryError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// Ids (UUIDs, or codes for regions) of every record `query` finds, ranked as in the app.
pub fn ids_matching(
    store: &Store,
    query: &str,
) -> std::result::Result<HashSet<String>, SelectError> {
    let index = std::sync::Arc::new(load_index_for_one_search(store)?);
    let parsed = std::sync::Arc::new(crate::search::Query::parse(query, index.aliases())?);
    let results = crate::search::Searcher::new(
        std::sync::Arc::clone(&index),
        crate::search::SearchOptions::default(),
    )
    .search(&parsed);
    ids_of(store, &index, &results.matches)
}

/// Store ids of index records.
pub fn ids_of(
    store: &Store,
    index: &Index,
    records: &[crate::search::RecordId],
) -> std::result::Result<HashSet<String>, SelectError> {
    let mut ids = HashSet::with_capacity(records.len());
    for &r in records {
        let rec = index.record(r);
        if let Some(id) = store.id_by_rowid(rec.kind, rec.rowid)? {
            ids.insert(id);
        }
    }
    Ok(ids)
}
