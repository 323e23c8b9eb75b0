//! The Excel workbook (`--format xlsx -o quotes.xlsx`).
//!
//! Sheet **quotes**: the CSV columns, one row per quote, in the same order
//! as the CSV, plus an empty `verdict` column for the reviewer (a drop-down
//! of `ok`, `wrong-speaker`, `not-a-quote`, `missed`; any other text, such
//! as the right speaker's name, is accepted too). The header row is frozen
//! and has an autofilter; text wraps and aligns to the top; offsets, ids
//! and depth are numbers, `confidence` a number shown with two decimals and
//! shaded when below 0.6. The offset columns are grouped and collapsed
//! (the `+` above the column letters opens them). Text cells are stored as
//! strings, so "=1+1" or "-5 dead" is shown as written with no apostrophe
//! (unlike `--excel` CSV); a cell longer than 32,767 characters is cut
//! there and ends with `…`.
//!
//! Sheet **speakers**: `speaker_id`, `speaker`, `names` (`;`-joined),
//! `quotes`, `documents` (a count), `doc_ids` (`;`-joined) and a link to the
//! speaker's first quote.
//!
//! A workbook cannot be streamed like CSV (it is a zip file whose directory
//! comes last, so it needs `-o FILE`): the batch appends each document's
//! rows to the quotes sheet in input order and the file is written once at
//! the end. The cells stay in memory until then, about 5 KB per quote, so
//! the workbook is for review-sized batches; a sheet holds at most
//! 1,048,575 quotes (more is refused: use CSV). rust_xlsxwriter's
//! constant-memory mode is not used: in 0.90 it writes the last row twice
//! when that row has a height, which Excel reports as a damaged file.

use super::excel::truncate_cell;
use super::{Cell, Row, CSV_HEADER};
use crate::error::{Error, ErrorKind};
use crate::speakers::SpeakerIds;
use rust_xlsxwriter::{
    Color, ConditionalFormatCell, ConditionalFormatCellRule, DataValidation, Format, FormatAlign, FormatBorder, Url,
    Workbook, Worksheet, XlsxError,
};
use std::collections::HashMap;
use std::io::{Seek, Write};

/// Verdicts offered in the `verdict` drop-down.
pub const VERDICTS: &[&str] = &["ok", "wrong-speaker", "not-a-quote", "missed"];

/// Below this confidence a row is shaded.
const LOW_CONFIDENCE: f64 = 0.6;

/// Most data rows one sheet holds (Excel's limit less the header).
const MAX_ROWS: u32 = 1_048_575;

/// Column widths (characters) of the quotes sheet, by header name.
fn width(col: &str) -> f64 {
    match col {
        "doc" => 22.0,
        "quote_id" | "parent" | "depth" => 7.5,
        "start" | "end" | "mention_start" | "mention_end" | "cue_start" | "cue_end" => 8.0,
        "text" => 60.0,
        "kind" => 9.0,
        "speaker" | "mention" | "addressee" | "addressee_mention" | "via" => 20.0,
        "cue" => 13.0,
        "confidence" => 11.0,
        "rule" => 18.0,
        "speaker_id" => 11.0,
        "context" => 70.0,
        _ => 12.0,
    }
}

/// Points per line of wrapped text (the default 11 pt font) and the most
/// lines a row is given, so one long paragraph does not fill the screen
/// (the whole text stays in the cell).
const LINE_HEIGHT: f64 = 15.0;
const MAX_LINES: usize = 12;

/// Lines `s` takes when wrapped in a column `width` characters wide (a
/// slight overestimate: average letters are narrower than the `0` that
/// column widths count).
fn wrapped_lines(s: &str, width: f64) -> usize {
    let per_line = width.max(1.0);
    s.split('\n').map(|l| ((l.chars().count() as f64) / per_line).ceil().max(1.0) as usize).sum()
}

/// Offset columns, grouped and collapsed.
const OFFSET_GROUPS: &[(&str, &str)] = &[("start", "end"), ("mention_start", "mention_end"), ("cue_start", "cue_end")];

fn xerr(e: XlsxError) -> Error {
    Error::new(ErrorKind::Csv(format!("cannot write the workbook: {e}")))
}

fn col_of(name: &str) -> u16 {
    CSV_HEADER.iter().position(|h| *h == name).expect("known column") as u16
}

/// Builds the workbook row by row; [`XlsxWriter::finish`] gives the file.
pub struct XlsxWriter {
    /// The workbook; sheet 0 is "quotes".
    book: Workbook,
    /// Next row to write (row 0 is the header).
    row: u32,
    text: Format,
    context: Format,
    int: Format,
    num: Format,
    header: Format,
    /// Row of the first quote of each speaker id.
    first_row: HashMap<String, u32>,
    context_col: u16,
}

impl std::fmt::Debug for XlsxWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("XlsxWriter").field("row", &self.row).finish_non_exhaustive()
    }
}

impl XlsxWriter {
    /// A workbook with the header row written.
    pub fn new() -> Result<XlsxWriter, Error> {
        let top = Format::new().set_align(FormatAlign::Top);
        let header = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_background_color(Color::RGB(0xDDE4EE))
            .set_border_bottom(FormatBorder::Thin);
        let mut book = Workbook::new();
        book.add_worksheet();
        let mut w = XlsxWriter {
            book,
            row: 1,
            text: top.clone().set_text_wrap(),
            context: top.clone().set_text_wrap().set_font_color(Color::RGB(0x505860)),
            int: top.clone().set_num_format("0"),
            num: top.set_num_format("0.00"),
            header,
            first_row: HashMap::new(),
            context_col: col_of("context"),
        };
        let ws = w.book.worksheet_from_index(0).map_err(xerr)?;
        ws.set_name("quotes").map_err(xerr)?;
        let verdict_col = CSV_HEADER.len() as u16;
        for (c, h) in CSV_HEADER.iter().chain(std::iter::once(&"verdict")).enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &w.header).map_err(xerr)?;
            ws.set_column_width(c as u16, if c as u16 == verdict_col { 18.0 } else { width(h) }).map_err(xerr)?;
        }
        for (a, b) in OFFSET_GROUPS {
            ws.group_columns_collapsed(col_of(a), col_of(b)).map_err(xerr)?;
        }
        ws.set_freeze_panes(1, 0).map_err(xerr)?;
        ws.set_landscape();
        ws.set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(0, 0).map_err(xerr)?;
        Ok(w)
    }

    /// Appends the rows of one document.
    pub fn append(&mut self, rows: &[Row<'_>]) -> Result<(), Error> {
        let ws = self.book.worksheet_from_index(0).map_err(xerr)?;
        for r in rows {
            if self.row > MAX_ROWS {
                return Err(Error::new(ErrorKind::Usage(format!(
                    "more than {MAX_ROWS} quotes do not fit in one sheet; use --format csv"
                ))));
            }
            let row = self.row;
            let cells = r.cells();
            // a spreadsheet does not grow rows to fit wrapped text on opening (Calc does not)
            let lines = cells
                .iter()
                .enumerate()
                .map(|(c, cell)| match cell {
                    Cell::Text(s) => wrapped_lines(s, width(CSV_HEADER[c])),
                    _ => 1,
                })
                .max()
                .unwrap_or(1);
            ws.set_row_height(row, LINE_HEIGHT * lines.min(MAX_LINES) as f64).map_err(xerr)?;
            for (c, cell) in cells.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text("") | Cell::Empty => {}
                    Cell::Text(s) => {
                        let fmt = if c == self.context_col { &self.context } else { &self.text };
                        ws.write_string_with_format(row, c, truncate_cell(s), fmt).map_err(xerr)?;
                    }
                    Cell::Int(n) => {
                        ws.write_number_with_format(row, c, *n as f64, &self.int).map_err(xerr)?;
                    }
                    Cell::Num(x) => {
                        // the CSV's shortest decimal, not the f32's binary expansion
                        let x: f64 = x.to_string().parse().unwrap_or(f64::from(*x));
                        ws.write_number_with_format(row, c, x, &self.num).map_err(xerr)?;
                    }
                }
            }
            if !r.speaker_id.is_empty() {
                self.first_row.entry(r.speaker_id.to_string()).or_insert(row);
            }
            self.row += 1;
        }
        Ok(())
    }

    /// Number of quote rows written so far.
    pub fn rows(&self) -> u32 {
        self.row - 1
    }

    /// Adds the filter, the verdict drop-down, the shading and the speakers
    /// sheet, and writes the .xlsx file to `out`.
    pub fn finish<W: Write + Seek + Send>(mut self, speakers: &SpeakerIds, out: W) -> Result<(), Error> {
        let last = self.row.saturating_sub(1).max(1);
        let ncols = CSV_HEADER.len() as u16;
        let ws = self.book.worksheet_from_index(0).map_err(xerr)?;
        ws.autofilter(0, 0, last, ncols).map_err(xerr)?;
        let verdicts = DataValidation::new()
            .allow_list_strings(VERDICTS)
            .map_err(xerr)?
            .show_error_message(false)
            .set_input_title("Verdict")
            .map_err(xerr)?
            .set_input_message("ok, wrong-speaker, not-a-quote, missed, or type the right speaker's name")
            .map_err(xerr)?;
        ws.add_data_validation(1, ncols, last, ncols, &verdicts).map_err(xerr)?;
        let conf = col_of("confidence");
        let low = ConditionalFormatCell::new()
            .set_rule(ConditionalFormatCellRule::LessThan(LOW_CONFIDENCE))
            .set_format(Format::new().set_background_color(Color::RGB(0xFCE4C4)));
        ws.add_conditional_format(1, conf, last, conf, &low).map_err(xerr)?;

        let mut sp = Worksheet::new();
        sp.set_name("speakers").map_err(xerr)?;
        let head = ["speaker_id", "speaker", "names", "quotes", "documents", "doc_ids", "first quote"];
        let widths = [11.0, 26.0, 40.0, 8.0, 10.0, 50.0, 12.0];
        for (c, (h, wd)) in head.iter().zip(widths).enumerate() {
            sp.write_string_with_format(0, c as u16, *h, &self.header).map_err(xerr)?;
            sp.set_column_width(c as u16, wd).map_err(xerr)?;
        }
        let summary = speakers.summary();
        for (i, s) in summary.iter().enumerate() {
            let r = i as u32 + 1;
            sp.write_string_with_format(r, 0, &s.id, &self.text).map_err(xerr)?;
            sp.write_string_with_format(r, 1, truncate_cell(&s.speaker), &self.text).map_err(xerr)?;
            sp.write_string_with_format(r, 2, truncate_cell(&s.names.join(";")), &self.text).map_err(xerr)?;
            sp.write_number_with_format(r, 3, s.quotes as f64, &self.int).map_err(xerr)?;
            sp.write_number_with_format(r, 4, s.documents.len() as f64, &self.int).map_err(xerr)?;
            sp.write_string_with_format(r, 5, truncate_cell(&s.documents.join(";")), &self.text).map_err(xerr)?;
            if let Some(&row) = self.first_row.get(&s.id) {
                let link = Url::new(format!("internal:'quotes'!A{}", row + 1)).set_text(format!("row {}", row + 1));
                sp.write_url(r, 6, link).map_err(xerr)?;
            }
        }
        let last_sp = (summary.len() as u32).max(1);
        sp.autofilter(0, 0, last_sp, head.len() as u16 - 1).map_err(xerr)?;
        sp.set_freeze_panes(1, 0).map_err(xerr)?;

        self.book.push_worksheet(sp);
        self.book.save_to_writer(out).map_err(xerr)
    }
}
