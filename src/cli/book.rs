//! The address-book commands: `show ID --qr` (a contact's card as a QR code), `dupes` (likely
//! duplicate records, strongest first) and `merge` (one into the other, one transaction).

use super::{ERROR, NOT_FOUND, OK};
use crate::dupes::{self, Pair, Reason};
use crate::model::schema::Col;
use crate::model::{Community, Contact, Kind, Organisation, Space};
use crate::store::Store;
use crate::text::visible;
use anyhow::Result;
use std::io::Write;

/// `show ID --qr`: the contact's QR card (private fields left out for a private contact).
pub fn show_qr(store: &Store, id: &str, out: &mut impl Write) -> Result<u8> {
    let Some(card) = crate::io::qr_card(store, id.trim())? else {
        eprintln!("jejaring: no contact has the id '{}'", visible(id));
        return Ok(NOT_FOUND);
    };
    match crate::qr::render(&card, 2) {
        Ok(art) => {
            for line in &art.lines {
                writeln!(out, "{line}")?;
            }
            if !art.fits(80, 24) {
                writeln!(
                    out,
                    "note: this code is {} × {} cells, larger than an 80 × 24 terminal; enlarge \
                     the window or lower the font size before scanning",
                    art.width,
                    art.lines.len()
                )?;
            }
            Ok(OK)
        }
        Err(e) => {
            eprintln!("jejaring: the card {e}");
            Ok(ERROR)
        }
    }
}

fn reason_text(r: &Reason) -> String {
    match r {
        Reason::SamePhone(p) => format!("same phone {}", visible(p)),
        Reason::SameEmail(m) => format!("same e-mail {}", visible(m)),
        Reason::SimilarName(s) => format!("similar names in the same city ({s:.2})"),
    }
}

/// `dupes [--kind K]`: likely duplicate pairs, strongest first, with why.
pub fn dupes(store: &Store, kind: Option<Kind>, json: bool, out: &mut impl Write) -> Result<u8> {
    let kinds = kind.map_or(Kind::EDITABLE.to_vec(), |k| vec![k]);
    let mut all: Vec<Pair> = Vec::new();
    for k in kinds {
        all.extend(dupes::in_store(store, k)?);
    }
    all.sort_by(|a, b| b.score.total_cmp(&a.score));
    if json {
        writeln!(
            out,
            "{}",
            serde_json::json!({ "pairs": all, "total": all.len() })
        )?;
    } else {
        for p in &all {
            writeln!(
                out,
                "{:.2}  {:<12} {} ({})  ~  {} ({})\n      {}",
                p.score,
                p.kind.as_str(),
                visible(&p.left_name),
                visible(&p.left),
                visible(&p.right_name),
                visible(&p.right),
                p.reasons
                    .iter()
                    .map(reason_text)
                    .collect::<Vec<_>>()
                    .join("; ")
            )?;
        }
        writeln!(out, "{} likely duplicate pair(s)", all.len())?;
    }
    Ok(if all.is_empty() { NOT_FOUND } else { OK })
}

/// `merge KEEP OTHER [--take-right COL…]`: OTHER folded into KEEP.
pub fn merge(store: &mut Store, keep: &str, other: &str, take: &[String]) -> Result<u8> {
    let mut cols = Vec::new();
    for t in take {
        let Some(c) = Col::parse(t) else {
            eprintln!("jejaring: '{}' is not a column name", visible(t));
            return Ok(ERROR);
        };
        cols.push(c);
    }
    let kind = store.kind_of_id(keep)?;
    if kind != store.kind_of_id(other)? || kind.is_none() {
        eprintln!(
            "jejaring: '{}' and '{}' are not two records of one kind",
            visible(keep),
            visible(other)
        );
        return Ok(ERROR);
    }
    let name = match kind {
        Some(Kind::Contact) => dupes::merge::<Contact>(store, keep, other, &cols)?.map(|r| r.name),
        Some(Kind::Organisation) => {
            dupes::merge::<Organisation>(store, keep, other, &cols)?.map(|r| r.name)
        }
        Some(Kind::Space) => dupes::merge::<Space>(store, keep, other, &cols)?.map(|r| r.name),
        Some(Kind::Community) => {
            dupes::merge::<Community>(store, keep, other, &cols)?.map(|r| r.name)
        }
        _ => None,
    };
    match name {
        Some(n) => {
            println!("merged into {} ({})", visible(&n), visible(keep));
            Ok(OK)
        }
        None => Ok(NOT_FOUND),
    }
}
