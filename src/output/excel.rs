//! The spreadsheet dialect of the CSV (`--excel`): the same columns and
//! rows as the default CSV, written so that Excel, LibreOffice Calc and
//! Google Sheets open it right on a double click.
//!
//! Differences from the default CSV (which stays byte-faithful to the
//! contract in [`crate::output`]):
//!
//! - the file starts with a UTF-8 byte order mark (EF BB BF), so Excel
//!   reads "Šiauliai", not "Å iauliai";
//! - rows end with CRLF; a line break *inside* a quote is kept as it is in
//!   the text, inside a quoted field, so a multi-line quote stays one cell;
//! - a text cell that a spreadsheet would run as a formula — one starting
//!   with `=`, `+`, `-`, `@`, a tab or a carriage return ("=1+1", "-5 dead",
//!   "@channel") — gets an apostrophe in front (`'-5 dead`), which makes
//!   Excel and Calc keep it as text (CSV injection defence);
//! - a text cell longer than 32,767 characters (the most a cell holds) is
//!   cut there and ends with `…`.
//!
//! Reading such a file back (a reviewed sheet saved as CSV): strip the BOM,
//! accept CRLF, and remove one leading apostrophe from a cell whose next
//! character is one of `= + - @`, tab or CR ([`unneutralize`]); numbers and
//! offsets are written unchanged.

use super::{Cell, Row, CSV_HEADER};
use std::borrow::Cow;

/// The UTF-8 byte order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Most characters a spreadsheet cell holds (Excel's limit).
pub const MAX_CELL_CHARS: usize = 32_767;

/// A new buffer holding the byte order mark.
pub fn bom() -> Vec<u8> {
    BOM.to_vec()
}

/// True when a spreadsheet would take a cell starting like `s` for a formula.
pub fn looks_like_formula(s: &str) -> bool {
    matches!(s.as_bytes().first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'))
}

/// The text as a spreadsheet should receive it: an apostrophe in front of a
/// formula-like start, cut to [`MAX_CELL_CHARS`].
pub fn neutralize(s: &str) -> Cow<'_, str> {
    let s = truncate_cell(s);
    if looks_like_formula(&s) {
        Cow::Owned(format!("'{s}"))
    } else {
        s
    }
}

/// Undoes [`neutralize`]'s apostrophe (for readers of a reviewed sheet).
pub fn unneutralize(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if looks_like_formula(rest) => rest,
        _ => s,
    }
}

/// `s` cut to [`MAX_CELL_CHARS`] characters (the last one `…`) when longer.
pub fn truncate_cell(s: &str) -> Cow<'_, str> {
    if s.len() <= MAX_CELL_CHARS {
        return Cow::Borrowed(s);
    }
    match s.char_indices().nth(MAX_CELL_CHARS - 1) {
        None => Cow::Borrowed(s),
        Some((b, _)) if s[b..].chars().nth(1).is_none() => Cow::Borrowed(s),
        Some((b, _)) => Cow::Owned(format!("{}…", &s[..b])),
    }
}

/// Appends one CSV record in this dialect (CRLF, neutralised cells).
pub fn write_record<I, S>(out: &mut Vec<u8>, fields: I)
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut w =
        csv::WriterBuilder::new().has_headers(false).terminator(csv::Terminator::CRLF).from_writer(std::mem::take(out));
    let rec: Vec<String> = fields.into_iter().map(|f| neutralize(f.as_ref()).into_owned()).collect();
    w.write_record(&rec).expect("CSV writes to memory");
    *out = w.into_inner().expect("flush to memory");
}

/// The spreadsheet CSV writer: same columns as [`super::CsvWriter`].
#[derive(Debug, Default)]
pub struct ExcelCsvWriter;

impl ExcelCsvWriter {
    /// The byte order mark and the header line.
    pub fn header() -> Vec<u8> {
        let mut out = bom();
        write_record(&mut out, CSV_HEADER);
        out
    }

    /// Appends `rows` to `out`.
    pub fn render(rows: &[Row<'_>], out: &mut Vec<u8>) {
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .terminator(csv::Terminator::CRLF)
            .from_writer(std::mem::take(out));
        for r in rows {
            let cells = r.cells();
            let rec: Vec<Cow<'_, str>> = cells
                .iter()
                .map(|c| match c {
                    Cell::Text(s) => neutralize(s),
                    other => other.to_text(),
                })
                .collect();
            w.write_record(rec.iter().map(|f| f.as_bytes())).expect("rows write to memory");
        }
        *out = w.into_inner().expect("flush to memory");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_get_an_apostrophe() {
        assert_eq!(neutralize("=1+1"), "'=1+1");
        assert_eq!(neutralize("-5 dead"), "'-5 dead");
        assert_eq!(neutralize("+1"), "'+1");
        assert_eq!(neutralize("@channel"), "'@channel");
        assert_eq!(neutralize("\tx"), "'\tx");
        assert_eq!(neutralize("fine = ok"), "fine = ok");
        assert_eq!(neutralize("'quoted'"), "'quoted'");
        assert_eq!(unneutralize("'-5 dead"), "-5 dead");
        assert_eq!(unneutralize("'quoted'"), "'quoted'");
    }

    #[test]
    fn bom_crlf_and_multiline_cells() {
        let mut out = Vec::new();
        write_record(&mut out, ["a", "two\nlines", "=SUM(A1)", "Šiauliai"]);
        assert_eq!(out, "a,\"two\nlines\",'=SUM(A1),Šiauliai\r\n".as_bytes());
        let h = ExcelCsvWriter::header();
        assert!(h.starts_with(BOM));
        assert!(h.ends_with(b",context\r\n"));
    }

    #[test]
    fn long_cells_are_cut() {
        let long = "é".repeat(MAX_CELL_CHARS + 5);
        let cut = truncate_cell(&long);
        assert_eq!(cut.chars().count(), MAX_CELL_CHARS);
        assert!(cut.ends_with('…'));
        let exact = "é".repeat(MAX_CELL_CHARS);
        assert_eq!(truncate_cell(&exact), exact);
    }
}
