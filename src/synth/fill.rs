//! `jejaring gen`: writes a deterministic synthetic directory into a database for scale tests.
//! Every generated record is marked `synthetic`; none carries a phone number or e-mail.

use super::{Generator, SynthRecord};
use crate::model::{Community, Contact, Event, Kind, Meta, Organisation, SUBSECTORS, Space};
use crate::store::{Result, Store};

/// Records per transaction: big enough to be fast, small enough to show progress.
const BATCH: usize = 50_000;

fn subsector_list(bits: u32, tags: &[String]) -> Vec<String> {
    SUBSECTORS
        .iter()
        .enumerate()
        .filter(|(i, _)| bits & (1 << i) != 0)
        .map(|(_, (slug, _))| (*slug).to_string())
        .chain(tags.iter().cloned())
        .collect()
}

/// Adds `records` synthetic records (seeded, so the same seed gives the same directory) and
/// returns how many were written. `progress` is called after each batch with the count so far.
pub fn generate(
    store: &mut Store,
    records: usize,
    seed: u64,
    mut progress: impl FnMut(usize),
) -> Result<usize> {
    let cities = store.cities()?;
    let names: Vec<String> = cities.iter().map(|c| c.name.clone()).collect();
    let mut generator = Generator::new(seed, &names);
    // Ids come from their own seeded stream so they are stable across runs too.
    let mut ids = fastrand::Rng::with_seed(seed ^ 0x6a65_6a61_7269_6e67);
    let now = crate::store::now_timestamp();
    let today = chrono::Utc::now().date_naive();
    let source = format!("synthetic: jejaring gen --seed {seed}");
    let mut written = 0;
    while written < records {
        let n = BATCH.min(records - written);
        store.write(|w| {
            // Scale-test data stays on this machine: never logged for sharing.
            w.as_common_base();
            for _ in 0..n {
                let r: SynthRecord = generator.record();
                let meta = Meta {
                    id: uuid::Builder::from_random_bytes(ids.u128(..).to_le_bytes())
                        .into_uuid()
                        .to_string(),
                    created_at: now.clone(),
                    updated_at: now.clone(),
                    last_verified: r.verified_days_ago.map(|d| {
                        (today - chrono::Days::new(u64::from(d)))
                            .format("%Y-%m-%d")
                            .to_string()
                    }),
                    source: Some(source.clone()),
                    synthetic: true,
                };
                let city_code = cities.get(usize::from(r.city)).map(|c| c.code.clone());
                match r.kind {
                    Kind::Community => w.insert_exact(&Community {
                        meta,
                        name: r.name,
                        city_code,
                        subsectors: subsector_list(r.subsectors, &r.tags),
                        ..Default::default()
                    })?,
                    Kind::Space => w.insert_exact(&Space {
                        meta,
                        name: r.name,
                        city_code,
                        space_type: Some("co-working".into()),
                        ..Default::default()
                    })?,
                    Kind::Organisation => w.insert_exact(&Organisation {
                        meta,
                        name: r.name,
                        city_code,
                        ..Default::default()
                    })?,
                    Kind::Event => w.insert_exact(&Event {
                        meta,
                        name: r.name,
                        city_codes: city_code.into_iter().collect(),
                        ..Default::default()
                    })?,
                    Kind::Contact | Kind::Province | Kind::City => w.insert_exact(&Contact {
                        meta,
                        name: r.name,
                        city_code,
                        ..Default::default()
                    })?,
                }
            }
            Ok(())
        })?;
        written += n;
        progress(written);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_directory_and_every_record_is_marked_synthetic() {
        let run = |seed| {
            let mut s = crate::service::open_seeded_in_memory().expect("store");
            assert_eq!(generate(&mut s, 300, seed, |_| {}).expect("gen"), 300);
            let mut names: Vec<(String, String)> = Vec::new();
            s.each::<Community>(|c| {
                if c.meta.synthetic {
                    names.push((c.meta.id, c.name));
                }
                Ok(())
            })
            .expect("each");
            assert_eq!(s.stats("2000-01-01").expect("stats").synthetic, 300);
            names
        };
        let a = run(7);
        assert!(!a.is_empty());
        assert_eq!(a, run(7));
        assert_ne!(a, run(8));
    }
}
