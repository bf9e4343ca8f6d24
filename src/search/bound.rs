//! An upper bound of fuzzy-matcher's skim score, cheap enough to compute for every scattered
//! match, so that only those that can reach the top k are scored.

/// Skim's in-place bonus of the char at `j` of an ASCII name: 8 after the start or a hard
/// separator (doubled for the first char), 7 after other punctuation, 6 for a camel hump.
fn in_place_bonus(name: &[u8], j: usize) -> i32 {
    let cur = name[j];
    let Some(&prev) = j.checked_sub(1).and_then(|k| name.get(k)) else {
        return 16;
    };
    match prev {
        0 | b' ' | b'/' | b'\\' | b'|' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => 8,
        b'!'..=b'\'' | b'*'..=b'.' | b':'..=b'@' | b'^'..=b'`' | b'~' => 7,
        b'a'..=b'z' | b'0'..=b'9' if cur.is_ascii_uppercase() => 6,
        _ if !prev.is_ascii() && cur.is_ascii_uppercase() => 6,
        _ => 0,
    }
}

/// Skim's case-mismatch penalty of a matched char: the pattern is lowercase, so a name byte
/// that differs from it (its uppercase) scores 2 less.
fn case_penalty(name_byte: u8, pattern_byte: u8) -> i32 {
    if name_byte == pattern_byte { 0 } else { 2 }
}

/// An upper bound of the skim score of the lowercase ASCII pattern `p` in the ASCII `name`,
/// or `None` when `p` is not a subsequence of it (ASCII case ignored).
///
/// It runs skim's alignment recurrence on bytes: each matched char scores 16 (14 when its
/// case differs from the pattern's: skim's case-mismatch penalty) plus its in-place bonus
/// after a gap (a gap costs 3 plus its length), or plus max(in-place bonus, 4) when it
/// continues a run. Leaving the penalty out made the bound loose for every capitalised name,
/// and at 1M records `sm` scored some 18,000 names for its first 100. (fuzzy-matcher 0.3.7
/// stores a run's bonus in the cell it is about to leave, so a run never carries its first
/// char's bonus forward; the tests check the bound against the scorer.) Skim itself spends
/// most of its time converting, allocating and classifying chars, so this costs a fraction
/// of a call and lets most scattered matches go unscored.
pub(crate) fn skim_bound(p: &[u8], name: &[u8]) -> Option<i64> {
    // Rows on the stack for the usual short names; longer ones are rare enough for the heap.
    const SHORT: usize = 64;
    if name.len() <= 64 && p.len() <= 32 {
        return skim_bound_bits(p, name);
    }
    // Nothing can match before the first occurrence of the pattern's first char.
    let start = memchr::memchr2(p.first()?.to_ascii_uppercase(), p[0], name)?;
    if name.len() - start <= SHORT {
        let mut rows = [0i32; 3 * SHORT];
        skim_bound_in(p, name, start, &mut rows)
    } else {
        skim_bound_in(p, name, start, &mut vec![0i32; 3 * name.len()])
    }
}

/// [`skim_bound`] for names of at most 64 bytes: the same recurrence, visiting only the
/// positions where each pattern char occurs (bit sets), which are few.
fn skim_bound_bits(p: &[u8], name: &[u8]) -> Option<i64> {
    const NEG: i32 = i32::MIN / 2;
    let mut occurs = [0u64; 32];
    for (j, &b) in name.iter().enumerate() {
        let b = b.to_ascii_lowercase();
        for (o, &pc) in occurs.iter_mut().zip(p) {
            *o |= u64::from(b == pc) << j;
        }
    }
    let mut prev = [0i32; 64];
    let mut cur = [0i32; 64];
    let mut prev_valid = occurs[0];
    let mut bits = prev_valid;
    while bits != 0 {
        let j = bits.trailing_zeros() as usize;
        prev[j] = 15 - case_penalty(name[j], p[0]) + in_place_bonus(name, j);
        bits &= bits - 1;
    }
    for (&here, &pc) in occurs[1..p.len()].iter().zip(&p[1..]) {
        let mut valid = 0u64;
        let mut gap_from = NEG; // best prev[j'] + j' over j' <= j - 2
        let mut unfolded = prev_valid;
        let mut bits = here;
        while bits != 0 {
            let j = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            while unfolded != 0 && unfolded.trailing_zeros() as usize + 2 <= j {
                let k = unfolded.trailing_zeros() as usize;
                gap_from = gap_from.max(prev[k] + k as i32);
                unfolded &= unfolded - 1;
            }
            let run = if j >= 1 && prev_valid >> (j - 1) & 1 == 1 {
                prev[j - 1] + in_place_bonus(name, j).max(4)
            } else {
                NEG
            };
            let after_gap = if gap_from > NEG {
                gap_from - j as i32 - 2 + in_place_bonus(name, j)
            } else {
                NEG
            };
            let best = run.max(after_gap);
            if best > NEG {
                cur[j] = 16 - case_penalty(name[j], pc) + best;
                valid |= 1 << j;
            }
        }
        if valid == 0 {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
        prev_valid = valid;
    }
    let mut best = None;
    let mut bits = prev_valid;
    while bits != 0 {
        let j = bits.trailing_zeros() as usize;
        best = best.max(Some(i64::from(prev[j])));
        bits &= bits - 1;
    }
    best
}

/// [`skim_bound`] over `name[start..]`, with scratch space for three rows of values.
fn skim_bound_in(p: &[u8], full: &[u8], start: usize, scratch: &mut [i32]) -> Option<i64> {
    const NEG: i32 = i32::MIN / 2;
    let name = &full[start..];
    let n = name.len();
    let (bonus, rows) = scratch.split_at_mut(n);
    let (prev, cur) = rows.split_at_mut(n);
    let (mut prev, mut cur) = (&mut prev[..n], &mut cur[..n]);
    for (j, b) in bonus.iter_mut().enumerate() {
        *b = in_place_bonus(full, start + j);
    }
    for (i, &pc) in p.iter().enumerate() {
        // Best prev[j'] + j' over j' <= j - 2: the start of a gap ending before j.
        let mut gap_from = NEG;
        let mut any = false;
        for j in 0..n {
            if j >= 2 {
                gap_from = gap_from.max(prev[j - 2] + j as i32 - 2);
            }
            cur[j] = if name[j].to_ascii_lowercase() != pc {
                NEG
            } else if i == 0 {
                15 - case_penalty(name[j], pc) + bonus[j]
            } else {
                let run = if j >= 1 {
                    prev[j - 1] + bonus[j].max(4)
                } else {
                    NEG
                };
                let after_gap = gap_from - j as i32 - 2 + bonus[j];
                16 - case_penalty(name[j], pc) + run.max(after_gap)
            };
            any |= cur[j] > NEG / 2;
        }
        if !any {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.iter()
        .copied()
        .filter(|&v| v > NEG / 2)
        .max()
        .map(i64::from)
}

/// Bits 36..42 of [`Starts::upper`]: the slot + 1 of the name's first char (0: not a letter
/// or digit).
const FIRST_SHIFT: u32 = 36;
/// Bit 43 of [`Starts::upper`]: the name's first char is an uppercase letter (the scorer's
/// case penalty applies to a lowercase pattern there).
const FIRST_UPPER: u64 = 1 << 43;

/// What [`coarse_bound`] needs to know of an ASCII name, in three words. It does not depend
/// on the query, so it is computed once per index.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Starts {
    /// The lowercase letters and digits that have an in-place bonus somewhere after the
    /// first char (bits by `letters::slot`).
    pub lower: u64,
    /// The same for uppercase letters (which pay the case penalty), and the first char
    /// ([`FIRST_SHIFT`], [`FIRST_UPPER`]).
    pub upper: u64,
    /// The pairs of adjacent letters and digits, hashed into 64 bits ([`pair_bit`]).
    pub pairs: u64,
}

/// The bit of two adjacent slots in [`Starts::pairs`] (collisions only make it looser).
fn pair_bit(a: usize, b: usize) -> u64 {
    1 << ((a * 37 + b * 11) % 64)
}

/// Slot + 1 of each byte that is a letter or digit (any ASCII case), else 0.
const SLOT1: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = (b as u8).to_ascii_lowercase();
        t[b] = match c {
            b'a'..=b'z' => c - b'a' + 1,
            b'0'..=b'9' => c - b'0' + 27,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// [`Starts`] of an ASCII name. A char is taken to have a bonus wherever
/// [`in_place_bonus`] may give one (after a char that is not a letter or digit, or an
/// uppercase letter after another char that is not uppercase): a superset, so still a bound.
pub(crate) fn starts_of(name: &[u8]) -> Starts {
    let Some((&first, rest)) = name.split_first() else {
        return Starts::default();
    };
    let mut st = Starts {
        upper: u64::from(SLOT1[usize::from(first)]) << FIRST_SHIFT,
        ..Starts::default()
    };
    if first.is_ascii_uppercase() {
        st.upper |= FIRST_UPPER;
    }
    let mut prev = first;
    for &b in rest {
        let (sp, sb) = (SLOT1[usize::from(prev)], SLOT1[usize::from(b)]);
        if sb != 0 {
            let upper = b.is_ascii_uppercase();
            if sp == 0 || upper && !prev.is_ascii_uppercase() {
                if upper {
                    st.upper |= 1 << (sb - 1);
                } else {
                    st.lower |= 1 << (sb - 1);
                }
            }
            if sp != 0 {
                st.pairs |= pair_bit(usize::from(sp - 1), usize::from(sb - 1));
            }
        }
        prev = b;
    }
    st
}

/// An upper bound of [`skim_bound`] (so of the skim score) of the lowercase pattern `p` in a
/// name known only by its [`Starts`], reading no name. A matched char scores 16, less 2 when
/// its case differs (an uppercase letter), plus: for the first char, its bonus (16 at the
/// start of the name, at most 8 where a bonus is, else 0); for the others, in a run (the two
/// chars adjacent in the name, as [`Starts::pairs`] may tell), the larger of its bonus and 4,
/// where the bonus can only be a camel hump's 6 on an uppercase letter, so at most 20 in all;
/// after a gap, its bonus less at least 4. Chars other than letters and digits are assumed
/// to score the most. Loose, but it sets apart the many names whose letters stand only
/// inside words from the few that can reach the top.
pub(crate) fn coarse_bound(p: &[u8], st: Starts) -> i64 {
    let Some((&first, _)) = p.split_first() else {
        return 0;
    };
    let slot = super::letters::slot;
    let lower = |s: usize| st.lower >> s & 1 == 1;
    let upper = |s: usize| s < 36 && st.upper >> s & 1 == 1;
    let head = match slot(first) {
        None => 16,
        Some(s) if s as u64 + 1 == st.upper >> FIRST_SHIFT & 0x7F => {
            if st.upper & FIRST_UPPER == 0 { 16 } else { 14 }
        }
        Some(s) if lower(s) => 8,
        Some(s) if upper(s) => 6,
        Some(_) => 0,
    };
    let tail: i64 = p
        .windows(2)
        .map(|w| match (slot(w[0]), slot(w[1])) {
            (Some(a), Some(b)) => {
                let gap = if lower(b) {
                    20
                } else if upper(b) {
                    18
                } else {
                    12
                };
                if st.pairs & pair_bit(a, b) != 0 {
                    gap.max(20)
                } else {
                    gap
                }
            }
            _ => 24,
        })
        .sum();
    15 + head + tail
}
