//! Likely duplicate records: the same E.164 phone, the same e-mail, or names that match closely
//! in the same city. Records are grouped ("blocked") by phone, e-mail and city + name word
//! before any names are compared, so 100k contacts take a fraction of a second, not n² pairs.

use crate::model::Kind;
use crate::model::schema::{Col, Described, text_of};
use crate::search::fold_char;
use crate::store::{self, Record, Store};
use serde::Serialize;
use std::collections::HashMap;

/// What the finder needs of one record.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    pub id: String,
    pub name: String,
    pub city: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// Why two records look like one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "why", content = "value")]
pub enum Reason {
    /// The same phone (E.164), or one's phone is the other's WhatsApp.
    SamePhone(String),
    SameEmail(String),
    /// Names this similar (0–1) in the same city.
    SimilarName(f64),
}

/// Two records that look like one, strongest first in a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    pub kind: Kind,
    pub left: String,
    pub left_name: String,
    pub right: String,
    pub right_name: String,
    /// 0–1: a shared phone or e-mail counts most, a close name adds.
    pub score: f64,
    pub reasons: Vec<Reason>,
}

/// Names at least this similar, in the same city, are listed.
pub const NAME_THRESHOLD: f64 = 0.84;

/// A city + name-word block this large is a common word ("komunitas"), not a clue: skipped.
const MAX_BLOCK: usize = 64;

/// Lowercase, accents stripped, punctuation to spaces, spaces collapsed.
pub fn fold_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().map(fold_char) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

/// Similarity 0–1 of two folded names: the better of edit similarity over the whole name and
/// over the words sorted (so "Contoh Dewi" matches "Dewi Contoh").
pub fn name_similarity(a: &str, b: &str) -> f64 {
    let sorted = |s: &str| {
        let mut w: Vec<&str> = s.split(' ').collect();
        w.sort_unstable();
        w.join(" ")
    };
    edit_similarity(a, b).max(edit_similarity(&sorted(a), &sorted(b)))
}

/// 1 − Levenshtein distance / longer length, over chars.
fn edit_similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    1.0 - prev[b.len()] as f64 / longest as f64
}

/// Finds the likely duplicate pairs among `entries` of `kind`, strongest first.
pub fn find(kind: Kind, entries: &[Entry]) -> Vec<Pair> {
    let folded: Vec<String> = entries.iter().map(|e| fold_name(&e.name)).collect();
    let emails: Vec<Option<String>> = entries
        .iter()
        .map(|e| {
            e.email
                .as_deref()
                .map(|m| m.trim().to_lowercase())
                .filter(|m| !m.is_empty())
        })
        .collect();
    // Keys borrow from the entries: (0, phone, ""), (1, e-mail, ""), (2, city, name word).
    let mut blocks: HashMap<(u8, &str, &str), Vec<u32>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let at = i;
        let i = i as u32;
        if let Some(p) = e.phone.as_deref().filter(|p| !p.is_empty()) {
            blocks.entry((0, p, "")).or_default().push(i);
        }
        if let Some(m) = emails[at].as_deref() {
            blocks.entry((1, m, "")).or_default().push(i);
        }
        if let Some(city) = e.city.as_deref() {
            for w in folded[at].split(' ').filter(|w| w.len() >= 3) {
                blocks.entry((2, city, w)).or_default().push(i);
            }
        }
    }
    let mut pairs: HashMap<(u32, u32), Vec<Reason>> = HashMap::new();
    for ((tag, key, _), members) in &blocks {
        if members.len() < 2 || (*tag == 2 && members.len() > MAX_BLOCK) {
            continue;
        }
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                if a == b {
                    continue;
                }
                let reasons = pairs.entry((a.min(b), a.max(b))).or_default();
                match tag {
                    0 => reasons.push(Reason::SamePhone((*key).to_string())),
                    1 => reasons.push(Reason::SameEmail((*key).to_string())),
                    _ => {}
                }
            }
        }
    }
    let mut out: Vec<Pair> = pairs
        .into_iter()
        .filter_map(|((a, b), mut reasons)| {
            let (ea, eb) = (&entries[a as usize], &entries[b as usize]);
            let same_city = ea.city.is_some() && ea.city == eb.city;
            let sim = name_similarity(&folded[a as usize], &folded[b as usize]);
            if same_city && sim >= NAME_THRESHOLD {
                reasons.push(Reason::SimilarName((sim * 100.0).round() / 100.0));
            }
            if reasons.is_empty() {
                return None;
            }
            let strong = reasons
                .iter()
                .filter(|r| !matches!(r, Reason::SimilarName(_)))
                .count();
            let score = (0.5 * strong as f64 + 0.5 * sim * f64::from(u8::from(same_city)))
                .max(if strong > 0 { 0.6 + 0.4 * sim } else { 0.0 })
                .min(1.0);
            Some(Pair {
                kind,
                left: ea.id.clone(),
                left_name: ea.name.clone(),
                right: eb.id.clone(),
                right_name: eb.name.clone(),
                score: (score * 100.0).round() / 100.0,
                reasons,
            })
        })
        .collect();
    out.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then_with(|| x.left_name.cmp(&y.left_name))
            .then_with(|| x.left.cmp(&y.left))
    });
    out
}

/// The finder's view of one record (phone, else WhatsApp, as the phone).
pub fn entry<R: Described>(r: &R, id: &str) -> Entry {
    Entry {
        id: id.to_string(),
        name: r.name().to_string(),
        city: r.city().map(String::from),
        phone: text_of(r, Col::Phone)
            .or_else(|| text_of(r, Col::Whatsapp))
            .cloned(),
        email: text_of(r, Col::Email).cloned(),
    }
}

fn entries_of<R: Record>(store: &Store) -> store::Result<Vec<Entry>> {
    let mut out = Vec::new();
    store.each::<R>(|r| {
        out.push(entry(&r, &r.meta().id));
        Ok(())
    })?;
    Ok(out)
}

/// The likely duplicates among the records of `kind` in the store.
pub fn in_store(store: &Store, kind: Kind) -> store::Result<Vec<Pair>> {
    use crate::model::{Community, Contact, Organisation, Space};
    let entries = match kind {
        Kind::Community => entries_of::<Community>(store)?,
        Kind::Space => entries_of::<Space>(store)?,
        Kind::Organisation => entries_of::<Organisation>(store)?,
        Kind::Contact => entries_of::<Contact>(store)?,
        _ => Vec::new(),
    };
    Ok(find(kind, &entries))
}

/// `left` with the fields in `take_right` taken from `right`, read from the kind's schema; a
/// contact keeps the roles of both (a role is never lost in a merge).
pub fn merged<R: Record>(left: &R, right: &R, take_right: &[Col]) -> R {
    use crate::model::schema::Slot;
    let mut out = left.clone();
    for def in R::schema().fields {
        let take = take_right.contains(&def.col);
        match &def.slot {
            Slot::Name if take => *out.name_mut() = right.name().to_string(),
            Slot::Text(get, set) if take => set(&mut out).clone_from(get(right)),
            Slot::Int(get, set) if take => *set(&mut out) = *get(right),
            Slot::Float(get, set) if take => *set(&mut out) = *get(right),
            Slot::List(get, set) if take => set(&mut out).clone_from(get(right)),
            Slot::Visibility(get, set) if take => *set(&mut out) = *get(right),
            Slot::Roles(get, set) => {
                for role in get(right) {
                    if !get(&out).contains(role) {
                        set(&mut out).push(role.clone());
                    }
                }
            }
            _ => {}
        }
    }
    if take_right.contains(&Col::Source) {
        out.meta_mut().source.clone_from(&right.meta().source);
    }
    out
}

/// Merges record `right` into `left` (fields in `take_right` from `right`) in one transaction.
pub fn merge<R: Record>(
    store: &mut Store,
    left: &str,
    right: &str,
    take_right: &[Col],
) -> store::Result<Option<R>> {
    let (Some(l), Some(r)) = (store.get::<R>(left)?, store.get::<R>(right)?) else {
        return Ok(None);
    };
    let mut survivor = merged(&l, &r, take_right);
    store.write(|w| w.merge_into(&mut survivor, right))?;
    Ok(Some(survivor))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(id: &str, name: &str, city: Option<&str>, phone: Option<&str>) -> Entry {
        Entry {
            id: id.into(),
            name: name.into(),
            city: city.map(String::from),
            phone: phone.map(String::from),
            email: None,
        }
    }

    #[test]
    fn phones_and_close_names_in_one_city_pair_up_strongest_first() {
        let list = [
            e("1", "Dewi Contoh", Some("33.72"), Some("+6281200000011")),
            e("2", "Dewi Contoh S.", Some("33.72"), None),
            e("3", "Dewy Contoh", Some("32.73"), Some("+6281200000011")),
            e("4", "Dewi Contoh", Some("32.73"), None),
            e("5", "Budi Lain", Some("33.72"), None),
        ];
        let pairs = find(Kind::Contact, &list);
        let ids: Vec<(&str, &str)> = pairs
            .iter()
            .map(|p| (p.left.as_str(), p.right.as_str()))
            .collect();
        assert_eq!(ids[0], ("1", "3"), "{pairs:#?}");
        assert!(matches!(pairs[0].reasons[0], Reason::SamePhone(_)));
        assert!(ids.contains(&("1", "2")) && ids.contains(&("3", "4")));
        assert!(!ids.iter().any(|(a, b)| *a == "5" || *b == "5"));
        assert!(pairs.windows(2).all(|w| w[0].score >= w[1].score));
    }

    #[test]
    fn similarity_ignores_case_accents_and_word_order() {
        assert!(name_similarity(&fold_name("René Contoh"), &fold_name("contoh rene")) > 0.99);
        assert!(name_similarity(&fold_name("Komunitas A"), &fold_name("Ruang B")) < 0.5);
    }
}
