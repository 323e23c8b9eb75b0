//! CSV rendering: RFC 4180, UTF-8, one header row always (even when no quote
//! is found), fields quoted only when needed, multi-line quotes kept in one
//! field.

use super::Row;

/// The header row, in column order.
pub const CSV_HEADER: &[&str] = &[
    "doc",
    "quote_id",
    "start",
    "end",
    "text",
    "kind",
    "speaker",
    "mention",
    "mention_start",
    "mention_end",
    "cue",
    "cue_start",
    "cue_end",
    "confidence",
    "addressee",
    "addressee_mention",
    "parent",
    "depth",
    "rule",
    "via",
    "speaker_id",
    "context",
];

/// Writes rows into a byte buffer (one per document, so documents can be
/// rendered on worker threads and written in order).
#[derive(Debug, Default)]
pub struct CsvWriter;

impl CsvWriter {
    /// The header line.
    pub fn header() -> Vec<u8> {
        let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
        w.write_record(CSV_HEADER).expect("header writes to memory");
        w.into_inner().expect("flush to memory")
    }

    /// Appends `rows` to `out`: the bytes the `csv` crate's default writer
    /// gives for the serialised rows (a field is quoted only when it holds
    /// `,` `"` CR or LF, `"` doubled inside; `None` is an empty field; numbers
    /// by `itoa` and `ryu`, as `csv` writes them), written straight into the
    /// buffer (serde and `csv` per row were a twelfth of the run time).
    pub fn render(rows: &[Row<'_>], out: &mut Vec<u8>) {
        // the rows of one document share its id (the same `&str`): its
        // cell is rendered once and copied for the rows after
        let mut doc: Option<(&str, std::ops::Range<usize>)> = None;
        for r in rows {
            match &doc {
                Some((id, cell)) if std::ptr::eq(*id, r.doc) => out.extend_from_within(cell.clone()),
                _ => {
                    let start = out.len();
                    text(out, r.doc);
                    doc = Some((r.doc, start..out.len()));
                }
            }
            out.push(b',');
            int(out, r.quote_id);
            out.push(b',');
            int(out, r.start);
            out.push(b',');
            int(out, r.end);
            out.push(b',');
            text(out, r.text);
            out.push(b',');
            plain(out, r.kind);
            out.push(b',');
            text(out, r.speaker);
            out.push(b',');
            text(out, r.mention);
            out.push(b',');
            opt(out, r.mention_start);
            out.push(b',');
            opt(out, r.mention_end);
            out.push(b',');
            text(out, r.cue);
            out.push(b',');
            opt(out, r.cue_start);
            out.push(b',');
            opt(out, r.cue_end);
            out.push(b',');
            confidence(out, r.confidence);
            out.push(b',');
            text(out, r.addressee);
            out.push(b',');
            text(out, r.addressee_mention);
            out.push(b',');
            opt(out, r.parent);
            out.push(b',');
            int(out, r.depth as usize);
            out.push(b',');
            plain(out, r.rule);
            out.push(b',');
            text(out, r.via);
            out.push(b',');
            text(out, &r.speaker_id);
            out.push(b',');
            text(out, r.context);
            out.push(b'\n');
        }
    }
}

/// A text field, quoted when it holds a delimiter, a quote or a line end.
/// Always inline: a dozen calls a row, most for a few bytes, where the
/// call itself was a good part of the cost.
#[inline(always)]
fn text(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    // (most rows have no addressee and no via)
    if b.is_empty() {
        return;
    }
    // most cells are a few bytes (ids, numbers, names): eight bytes tested
    // at once cost less there than setting up two vector searches
    let plain = if b.len() < 32 {
        !short_needs_quotes(b)
    } else {
        memchr::memchr3(b',', b'"', b'\n', b).is_none() && memchr::memchr(b'\r', b).is_none()
    };
    if plain {
        out.extend_from_slice(b);
        return;
    }
    out.push(b'"');
    let mut rest = b;
    while let Some(i) = memchr::memchr(b'"', rest) {
        out.extend_from_slice(&rest[..=i]);
        out.push(b'"');
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// Does a cell of 1 to 31 bytes hold `,` `"` CR or LF? Read as integers of
/// eight bytes (the last one overlapping the one before; a cell under eight
/// bytes as two overlapping halves, zeros above), each tested for the four
/// bytes at once: a byte loop made four comparisons a byte.
#[inline(always)]
fn short_needs_quotes(b: &[u8]) -> bool {
    let n = b.len();
    if n >= 8 {
        let word = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().expect("eight bytes"));
        let mut at = 0;
        while at + 8 < n {
            if special_byte(word(at)) {
                return true;
            }
            at += 8;
        }
        return special_byte(word(n - 8));
    }
    let x = if n >= 4 {
        let four = |at: usize| u64::from(u32::from_le_bytes(b[at..at + 4].try_into().expect("four bytes")));
        four(0) | four(n - 4) << (8 * (n - 4))
    } else if n >= 2 {
        let two = |at: usize| u64::from(u16::from_le_bytes(b[at..at + 2].try_into().expect("two bytes")));
        two(0) | two(n - 2) << (8 * (n - 2))
    } else {
        b.first().map_or(0, |&c| u64::from(c))
    };
    special_byte(x)
}

/// True when a byte of `x` is `,` `"` CR or LF: a byte equal to one of them
/// xors to zero, and a zero byte is the only one whose top bit is set by
/// subtracting one from it and not set in it (the lowest zero byte is
/// always found, so the answer is exact).
#[inline(always)]
fn special_byte(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOP: u64 = 0x80 * ONES;
    let zero = |t: u64| t.wrapping_sub(ONES) & !t;
    let found = zero(x ^ (b',' as u64 * ONES))
        | zero(x ^ (b'"' as u64 * ONES))
        | zero(x ^ (b'\n' as u64 * ONES))
        | zero(x ^ (b'\r' as u64 * ONES));
    found & TOP != 0
}

/// A cell from a fixed set of words with nothing to quote (kinds, rule
/// ids): written as it is, without the scan for characters to quote.
#[inline]
fn plain(out: &mut Vec<u8>, s: &'static str) {
    debug_assert!(!s.contains([',', '"', '\n', '\r']), "{s:?} needs quoting");
    out.extend_from_slice(s.as_bytes());
}

/// A confidence as `ryu` writes it. The rules give a few dozen distinct
/// values, so the text of each is kept per thread, in a small table
/// indexed by the value's bits (formatting a float was ~280 instructions
/// a row); a value whose slot holds another is formatted again.
fn confidence(out: &mut Vec<u8>, x: f32) {
    /// Slots: a value's bits, the length of its text (0: an empty slot)
    /// and the text.
    type Slot = (u32, u8, [u8; 15]);
    thread_local! {
        static SEEN: std::cell::RefCell<[Slot; 64]> = const { std::cell::RefCell::new([(0, 0, [0; 15]); 64]) };
    }
    let bits = x.to_bits();
    let slot = (bits.wrapping_mul(0x9E37_79B9) >> 26) as usize;
    SEEN.with_borrow_mut(|seen| {
        let (key, len, bytes) = &mut seen[slot];
        if *key != bits || *len == 0 {
            let mut buf = ryu::Buffer::new();
            let text = buf.format(x).as_bytes();
            if text.len() > bytes.len() {
                out.extend_from_slice(text);
                return;
            }
            bytes[..text.len()].copy_from_slice(text);
            *len = text.len() as u8;
            *key = bits;
        }
        out.extend_from_slice(&bytes[..*len as usize]);
    });
}

/// A number as `itoa` writes it. One under 10^8 (every offset and count
/// of a news article) is made as eight digits in one integer and written
/// as one word, its leading zeros then cut off: `itoa` and the `memcpy`
/// call for its few bytes were some forty instructions a number.
#[inline(always)]
fn int(out: &mut Vec<u8>, n: usize) {
    if n >= 100_000_000 {
        return long_int(out, n);
    }
    let digits = eight_digits(n as u32);
    // (a zero keeps its one digit)
    let lead = (digits.trailing_zeros() / 8).min(7) as usize;
    let len = out.len() + 8 - lead;
    out.extend_from_slice(&((digits + 0x3030_3030_3030_3030) >> (8 * lead)).to_le_bytes());
    out.truncate(len);
}

/// [`int`] of a number of nine digits or more (none in a news article):
/// out of line, so the common path inlines small.
#[cold]
#[inline(never)]
fn long_int(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// The eight decimal digits of `n` (below 10^8, leading zeros included) as
/// the bytes of a little-endian integer, most significant first, each as
/// its value (not yet ASCII): split in halves of four digits, quarters of
/// two, then single digits, each step on all lanes at once (a division by
/// 100 or 10 as a multiplication and a shift, exact below 10^4 and 10^3).
#[inline(always)]
fn eight_digits(n: u32) -> u64 {
    let x = u64::from(n / 10_000) | u64::from(n % 10_000) << 32;
    let hundreds = ((x * 5243) >> 19) & 0x0000_007F_0000_007F;
    let x = hundreds | (x - hundreds * 100) << 16;
    let tens = ((x * 103) >> 10) & 0x000F_000F_000F_000F;
    tens | (x - tens * 10) << 8
}

#[inline]
fn opt(out: &mut Vec<u8>, n: Option<usize>) {
    if let Some(n) = n {
        int(out, n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The eight-byte test of short cells answers as a byte loop does, for
    /// every byte at every place of every short length.
    #[test]
    fn short_cells_quoted_as_byte_by_byte() {
        for len in 1..32 {
            for at in 0..len {
                for c in 0..=255u8 {
                    let mut s = vec![b'a'; len];
                    s[at] = c;
                    let want = s.iter().any(|&c| matches!(c, b',' | b'"' | b'\n' | b'\r'));
                    assert_eq!(short_needs_quotes(&s), want, "byte {c:#x} at {at} of {len}");
                }
            }
        }
    }

    /// Numbers are written as `itoa` writes them, on both sides of 10^8.
    #[test]
    fn numbers_read_as_itoa_writes_them() {
        let mut values: Vec<usize> = (0..100_000).collect();
        for p in 1..=19 {
            let b = 10usize.pow(p);
            values.extend([b - 1, b, b + 1, b / 2 * 3, b.wrapping_mul(7) + 13]);
        }
        values.extend((0..100_000usize).map(|i| i * 1009 + 7_919));
        values.push(usize::MAX);
        for n in values {
            let mut got = b"x".to_vec();
            int(&mut got, n);
            assert_eq!(&got[1..], itoa::Buffer::new().format(n).as_bytes(), "{n}");
        }
    }

    /// The direct writer gives the bytes of `csv`'s serde writer.
    #[test]
    fn confidences_read_as_ryu_writes_them() {
        let mut values: Vec<f32> = (0..=300).map(|i| i as f32 / 300.0).collect();
        values.extend([0.0, -0.0, 1.0, 0.97, 0.86, f32::NAN, f32::INFINITY, f32::MIN_POSITIVE, -1.175_494_4e-38]);
        values.push(f32::from_bits(u32::MAX));
        // twice over: the second time from the table
        for x in values.iter().chain(&values) {
            let mut got = Vec::new();
            confidence(&mut got, *x);
            assert_eq!(got, ryu::Buffer::new().format(*x).as_bytes(), "{x}");
        }
    }

    #[test]
    fn render_matches_the_csv_crate() {
        let text = "“Wait, \"no\",” he said.\r\nLater Ona Kalve told the envoy: “We are ‘fine’, €5 or not.”\n\n“Yes,\n” said Petr. “Ok” said Ana, “and\r\n then”.\n";
        let quotes = crate::Extractor::new().extract(text);
        let mut rows = super::super::rows("d,\"1\".txt", text, &quotes, true);
        assert!(rows.len() >= 3);
        rows[0].speaker_id = "S0001".into();
        rows[1].parent = Some(1);
        let mut got = Vec::new();
        CsvWriter::render(&rows, &mut got);
        let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
        for r in &rows {
            w.serialize(r).unwrap();
        }
        assert_eq!(String::from_utf8(got).unwrap(), String::from_utf8(w.into_inner().unwrap()).unwrap());
    }
}
