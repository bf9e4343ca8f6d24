//! Two records side by side for a field-by-field merge: one row per field of the kind's schema
//! (where the two differ or either is set), each kept from the left or taken from the right.
//! The merge itself is [`crate::dupes::merge`] (one transaction, roles and links moved).

use crate::model::schema::{Col, Slot};
use crate::model::{AnyRecord, Community, Contact, Kind, Organisation, Space};
use crate::store::{self, Record, Store};

/// One field of a merge: both values as text and which one the survivor keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldRow {
    pub col: Col,
    pub left: String,
    pub right: String,
    /// Take the right record's value (else keep the left's).
    pub take_right: bool,
}

/// A field's value as one line of text (lists `;`-joined), empty when unset.
fn text_of<R: Record>(r: &R, slot: &Slot<R>) -> Option<String> {
    Some(match slot {
        Slot::Name => r.name().to_string(),
        Slot::Text(get, _) => get(r).clone().unwrap_or_default(),
        Slot::Int(get, _) => get(r).map(|v| v.to_string()).unwrap_or_default(),
        Slot::Float(get, _) => get(r).map(|v| v.to_string()).unwrap_or_default(),
        Slot::List(get, _) => get(r).join("; "),
        Slot::Visibility(get, _) => get(r).as_str().to_string(),
        // Roles are never chosen: the survivor keeps both records' roles.
        Slot::Id | Slot::Roles(..) => return None,
    })
}

fn rows_of<R: Record>(left: &R, right: &R) -> Vec<FieldRow> {
    let mut out: Vec<FieldRow> = R::schema()
        .fields
        .iter()
        .filter_map(|def| {
            let (l, r) = (text_of(left, &def.slot)?, text_of(right, &def.slot)?);
            // A field set on the right only is taken from it: nothing is lost by default.
            let take_right = l.is_empty() && !r.is_empty();
            (!l.is_empty() || !r.is_empty()).then_some(FieldRow {
                col: def.col,
                left: l,
                right: r,
                take_right,
            })
        })
        .collect();
    let (ls, rs) = (&left.meta().source, &right.meta().source);
    if ls != rs {
        out.push(FieldRow {
            col: Col::Source,
            left: ls.clone().unwrap_or_default(),
            right: rs.clone().unwrap_or_default(),
            take_right: ls.is_none(),
        });
    }
    out
}

/// The merge rows of two records of one kind (empty when the kinds differ).
pub fn rows(left: &AnyRecord, right: &AnyRecord) -> Vec<FieldRow> {
    match (left, right) {
        (AnyRecord::Community(l), AnyRecord::Community(r)) => rows_of(l, r),
        (AnyRecord::Space(l), AnyRecord::Space(r)) => rows_of(l, r),
        (AnyRecord::Organisation(l), AnyRecord::Organisation(r)) => rows_of(l, r),
        (AnyRecord::Contact(l), AnyRecord::Contact(r)) => rows_of(l, r),
        _ => Vec::new(),
    }
}

/// The columns the rows take from the right.
pub fn take_right(rows: &[FieldRow]) -> Vec<Col> {
    rows.iter()
        .filter(|r| r.take_right)
        .map(|r| r.col)
        .collect()
}

/// Merges `other` into `keep` (both of `kind`) in one transaction: the fields in `take_right`
/// from `other`, roles and links moved, `other` deleted. `None` when either is missing.
pub fn merge(
    store: &mut Store,
    kind: Kind,
    keep: &str,
    other: &str,
    take_right: &[Col],
) -> store::Result<Option<AnyRecord>> {
    use crate::dupes::merge as m;
    Ok(match kind {
        Kind::Community => {
            m::<Community>(store, keep, other, take_right)?.map(AnyRecord::Community)
        }
        Kind::Space => m::<Space>(store, keep, other, take_right)?.map(AnyRecord::Space),
        Kind::Organisation => {
            m::<Organisation>(store, keep, other, take_right)?.map(AnyRecord::Organisation)
        }
        Kind::Contact => m::<Contact>(store, keep, other, take_right)?.map(AnyRecord::Contact),
        Kind::Province | Kind::City | Kind::Event => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_list_set_fields_and_take_what_only_the_right_has() {
        let mut l = Contact {
            name: "Dewi Contoh".into(),
            ..Contact::default()
        };
        l.channels.email = Some("dewi@example.org".into());
        let mut r = l.clone();
        r.name = "Dewi C.".into();
        r.channels.email = None;
        r.channels.phone = Some("+6281200000011".into());
        let rows = rows(&AnyRecord::Contact(l), &AnyRecord::Contact(r));
        let get = |c: Col| rows.iter().find(|x| x.col == c).expect("row");
        assert!(!get(Col::Name).take_right);
        assert!(!get(Col::Email).take_right);
        assert!(get(Col::Phone).take_right);
        assert_eq!(take_right(&rows), vec![Col::Phone]);
    }
}
