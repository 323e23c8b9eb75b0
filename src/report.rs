//! The HTML review report (`saidwho report PATH... -o report.html`).
//!
//! One self-contained file (inline CSS and a few lines of inline JS, no
//! network, no external fonts) that a reviewer opens in a browser:
//!
//! - a table of speakers (one colour each, the batch's `speaker_id`, the
//!   names seen, the number of quotes and documents, and a link to every
//!   quote);
//! - every article, its text as written (line breaks kept), each quote
//!   highlighted once in its speaker's colour — a nested quote highlighted
//!   inside its parent — with the mention underlined and the cue in italics;
//!   hovering a quote shows speaker, id, cue, addressee, confidence, rule and
//!   kind (the `title` attribute; a tap on a phone shows the same in a bar at
//!   the bottom);
//! - beside each article (below it on a narrow screen) the list of its
//!   quotes with the same details;
//! - quotes under the low-confidence threshold (0.6 by default) drawn with a
//!   dashed red outline, and a checkbox that shows only those; a speaker
//!   drop-down dims every other speaker's quotes.
//!
//! It reads well on a phone (one column under 60em) and prints (controls
//! hidden, colours kept, no sticky panels). All text is HTML-escaped; quote
//! spans are byte spans, cut on character boundaries.
//!
//! Markup the tests rely on: each quote is one `<mark class="q …">` with
//! `id="d{doc}-q{quote_id}"` and `data-sid` (the speaker id, empty for none);
//! each speaker row is `<tr class="spk" data-sid="…" data-count="N">`.

use crate::attributor::Quote;
use crate::output::{is_written, Row};
use crate::speakers::SpeakerIds;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

/// How the report is drawn.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// Quotes with a confidence below this are marked low.
    pub low_confidence: f32,
    /// Quotes of kind `other` are shown too.
    pub all: bool,
    /// The page title.
    pub title: String,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions { low_confidence: 0.6, all: false, title: "saidwho review".into() }
    }
}

/// One rendered article, ready to be put in the report in input order.
#[derive(Debug, Clone)]
pub struct Article {
    index: usize,
    doc: String,
    html: String,
    /// Per quote: speaker id, anchor, short label.
    refs: Vec<(String, String, String)>,
    low: usize,
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    escape_into(&mut out, s);
    out
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// The colour class number of a speaker id: the number of an automatic id
/// (`S0007` → 7), a hash of any other id, 0 for no speaker.
fn colour_of(id: &str) -> u32 {
    if id.is_empty() {
        return 0;
    }
    if let Some(n) = id.strip_prefix('S').and_then(|d| d.parse::<u32>().ok()) {
        return n.max(1);
    }
    // FNV-1a
    let mut h: u32 = 0x811c_9dc5;
    for b in id.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    100_000 + h % 100_000
}

/// Well separated hues for the first speakers of a batch.
const HUES: [u32; 12] = [212, 28, 135, 285, 352, 178, 48, 95, 318, 245, 10, 195];

/// The CSS of one colour class: the first twelve from a fixed palette, then
/// hues a golden angle apart with alternating lightness.
fn colour_css(n: u32) -> String {
    if n == 0 {
        return ".c0{--bg:#e6e8eb;--fg:#6b7480}".into();
    }
    let (hue, light) = match HUES.get(n as usize - 1) {
        Some(&h) => (f64::from(h), 87),
        None => ((f64::from(n) * 137.507_764) % 360.0, if n % 2 == 0 { 84 } else { 90 }),
    };
    format!(".c{n}{{--bg:hsl({hue:.0} 80% {light}%);--fg:hsl({hue:.0} 60% 36%)}}")
}

/// Largest char boundary ≤ `i` (clamped to the text).
fn floor(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum What {
    /// A quote: index into the written quotes.
    Quote(usize),
    /// The mention of a quote's speaker (colour of that quote).
    Mention(usize),
    /// The cue of a quote.
    Cue,
}

/// Renders one article. `rows` are the rows written for `quotes` (same
/// options), `index` the 1-based position of the document in the batch.
pub fn render_article(
    index: usize,
    doc: &str,
    text: &str,
    quotes: &[Quote],
    rows: &[Row<'_>],
    opts: &ReportOptions,
) -> Article {
    let written: Vec<&Quote> = quotes.iter().filter(|q| is_written(q, opts.all)).collect();
    debug_assert_eq!(written.len(), rows.len());
    let n = written.len().min(rows.len());
    let anchor = |i: usize| format!("d{index}-q{}", rows[i].quote_id);

    // quotes, well nested: a quote reaching past its enclosing quote is cut there
    let mut order: Vec<usize> = (0..n).collect();
    let span = |i: usize| (floor(text, written[i].span.outer.start), floor(text, written[i].span.outer.end));
    order.sort_by_key(|&i| (span(i).0, std::cmp::Reverse(span(i).1), i));
    let mut ivs: Vec<(usize, usize, What)> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for &i in &order {
        let (s, mut e) = span(i);
        while stack.last().is_some_and(|&top| top <= s) {
            stack.pop();
        }
        if let Some(&top) = stack.last() {
            e = e.min(top);
        }
        let e = e.max(s);
        stack.push(e);
        ivs.push((s, e, What::Quote(i)));
    }
    // mentions and cues, where they cross no quote boundary and no other one
    let bounds: BTreeSet<usize> = ivs.iter().flat_map(|&(s, e, _)| [s, e]).collect();
    let mut extras: Vec<(usize, usize, What)> = Vec::new();
    for (i, q) in written.iter().enumerate().take(n) {
        for (sp, what) in [(q.mention, What::Mention(i)), (q.cue, What::Cue)] {
            let Some(sp) = sp else { continue };
            let (s, e) = (floor(text, sp.start), floor(text, sp.end));
            if s >= e || bounds.range(s + 1..e).next().is_some() {
                continue;
            }
            if extras.iter().any(|&(a, b, _)| a < e && s < b) {
                continue;
            }
            extras.push((s, e, what));
        }
    }
    ivs.extend(extras);
    ivs.sort_by_key(|&(s, e, w)| (s, std::cmp::Reverse(e), w));

    let mut body = String::with_capacity(text.len() * 2);
    let mut pos = 0;
    // open elements: (end, closing tag)
    let mut open: Vec<(usize, &str)> = Vec::new();
    let close = |body: &mut String, pos: &mut usize, (end, tag): (usize, &str)| {
        escape_into(body, &text[*pos..end]);
        *pos = end;
        body.push_str(tag);
    };
    for &(s, e, what) in &ivs {
        while let Some(&top) = open.last() {
            if top.0 > s {
                break;
            }
            close(&mut body, &mut pos, top);
            open.pop();
        }
        escape_into(&mut body, &text[pos..s]);
        pos = s;
        match what {
            What::Quote(i) => {
                let r = &rows[i];
                let low = r.confidence < opts.low_confidence;
                let _ = write!(
                    body,
                    "<mark class=\"q c{}{}\" id=\"{}\" data-sid=\"{}\" data-conf=\"{}\" title=\"{}\">",
                    colour_of(&r.speaker_id),
                    if low { " low" } else { "" },
                    anchor(i),
                    escape(&r.speaker_id),
                    r.confidence,
                    escape(&tooltip(r, opts.low_confidence))
                );
                open.push((e, "</mark>"));
            }
            What::Mention(i) => {
                let _ = write!(body, "<span class=\"m c{}\">", colour_of(&rows[i].speaker_id));
                open.push((e, "</span>"));
            }
            What::Cue => {
                body.push_str("<span class=\"cue\">");
                open.push((e, "</span>"));
            }
        }
    }
    while let Some(top) = open.pop() {
        close(&mut body, &mut pos, top);
    }
    escape_into(&mut body, &text[pos..]);

    // the article: heading, text, list of quotes
    let mut html = String::with_capacity(body.len() + 512 * n + 256);
    let low_count = rows.iter().take(n).filter(|r| r.confidence < opts.low_confidence).count();
    let _ = write!(
        html,
        "<article class=\"doc\" id=\"d{index}\"><h2><span class=\"docid\">{}</span> <small>{} quote{}{}</small></h2>",
        escape(doc),
        n,
        if n == 1 { "" } else { "s" },
        if low_count > 0 { format!(", <span class=\"lowtag\">{low_count} low</span>") } else { String::new() }
    );
    if n == 0 {
        let _ = write!(html, "<details class=\"text-wrap\"><summary>No quotes found — show the text</summary><div class=\"text\">{body}</div></details>");
    } else {
        let _ = write!(html, "<div class=\"text\">{body}</div>");
    }
    html.push_str("<aside class=\"qlist\"><ol>");
    let mut refs = Vec::with_capacity(n);
    for (i, r) in rows.iter().enumerate().take(n) {
        let low = r.confidence < opts.low_confidence;
        let _ = write!(
            html,
            "<li class=\"qi c{}{}\" data-sid=\"{}\"><div class=\"h\"><a href=\"#{}\">#{}</a> <b>{}</b>{}<span class=\"conf\">{}{:.2}</span></div><q>{}</q><div class=\"meta\">{}{} · {}{}{}</div></li>",
            colour_of(&r.speaker_id),
            if low { " low" } else { "" },
            escape(&r.speaker_id),
            anchor(i),
            r.quote_id,
            if r.speaker.is_empty() { "(no speaker)".to_string() } else { escape(r.speaker) },
            if r.speaker_id.is_empty() { String::new() } else { format!(" <span class=\"sid\">{}</span>", escape(&r.speaker_id)) },
            if low { "<span class=\"lowtag\">low</span> " } else { "" },
            r.confidence,
            escape(&snippet(r.text, 140)),
            if r.cue.is_empty() { String::new() } else { format!("<span class=\"cue\">{}</span> · ", escape(r.cue)) },
            escape(r.kind),
            escape(r.rule),
            if r.addressee.is_empty() { String::new() } else { format!(" · to {}", escape(r.addressee)) },
            if r.via.is_empty() { String::new() } else { format!(" · via {}", escape(r.via)) },
        );
        refs.push((r.speaker_id.to_string(), anchor(i), format!("{}·{}", index, r.quote_id)));
    }
    html.push_str("</ol></aside></article>\n");
    Article { index, doc: doc.to_string(), html, refs, low: low_count }
}

/// The hover text of a quote.
fn tooltip(r: &Row<'_>, low: f32) -> String {
    let mut t = String::new();
    if r.speaker.is_empty() {
        t.push_str("(no speaker)");
    } else {
        let _ = write!(t, "{}", r.speaker);
        if !r.speaker_id.is_empty() {
            let _ = write!(t, " [{}]", r.speaker_id);
        }
    }
    if !r.mention.is_empty() && r.mention != r.speaker {
        let _ = write!(t, "\nmention: {}", r.mention);
    }
    if !r.cue.is_empty() {
        let _ = write!(t, "\ncue: {}", r.cue);
    }
    if !r.addressee.is_empty() {
        let _ = write!(t, "\nto: {}", r.addressee);
    }
    if !r.via.is_empty() {
        let _ = write!(t, "\nvia: {}", r.via);
    }
    let _ = write!(
        t,
        "\nconfidence: {:.2}{}\n{} · {} · #{}",
        r.confidence,
        if r.confidence < low { " (low)" } else { "" },
        r.kind,
        r.rule,
        r.quote_id
    );
    t
}

/// The first `max` characters of `s` (whitespace runs as one space).
fn snippet(s: &str, max: usize) -> String {
    let words: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.chars().count() <= max {
        return words;
    }
    let cut: String = words.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

/// The report being assembled: articles in input order, then
/// [`Report::finish`].
#[derive(Debug, Clone)]
pub struct Report {
    opts: ReportOptions,
    articles: Vec<Article>,
}

impl Report {
    /// An empty report.
    pub fn new(opts: ReportOptions) -> Report {
        Report { opts, articles: Vec::new() }
    }

    /// Adds the next article (call in input order).
    pub fn push(&mut self, a: Article) {
        self.articles.push(a);
    }

    /// The whole HTML page.
    pub fn finish(self, speakers: &SpeakerIds) -> String {
        let o = &self.opts;
        let n_quotes: usize = self.articles.iter().map(|a| a.refs.len()).sum();
        let n_low: usize = self.articles.iter().map(|a| a.low).sum();
        // quotes per speaker id, in order of first appearance
        let mut by_sid: Vec<(String, Vec<(String, String)>)> = Vec::new();
        let mut at: HashMap<String, usize> = HashMap::new();
        for a in &self.articles {
            for (sid, anchor, label) in &a.refs {
                let i = *at.entry(sid.clone()).or_insert_with(|| {
                    by_sid.push((sid.clone(), Vec::new()));
                    by_sid.len() - 1
                });
                by_sid[i].1.push((anchor.clone(), label.clone()));
            }
        }
        // the no-speaker row last
        if let Some(i) = by_sid.iter().position(|(s, _)| s.is_empty()) {
            let none = by_sid.remove(i);
            by_sid.push(none);
        }
        let summary: HashMap<String, crate::speakers::SpeakerSummary> =
            speakers.summary().into_iter().map(|s| (s.id.clone(), s)).collect();
        let n_speakers = by_sid.iter().filter(|(s, _)| !s.is_empty()).count();

        let mut colours: BTreeSet<u32> = by_sid.iter().map(|(s, _)| colour_of(s)).collect();
        colours.insert(0);
        let mut css = String::from(CSS);
        for c in colours {
            css.push_str(&colour_css(c));
            css.push('\n');
        }

        let mut h = String::with_capacity(self.articles.iter().map(|a| a.html.len()).sum::<usize>() + 16_384);
        let _ = write!(
            h,
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"saidwho {}\">\n<title>{}</title>\n<style>\n{}</style></head>\n<body>\n",
            env!("CARGO_PKG_VERSION"),
            escape(&o.title),
            css
        );
        let _ = write!(
            h,
            "<header class=\"top\"><h1>{}</h1><span class=\"stats\">{} article{} · {} quote{} · {} speaker{} · <span class=\"lowtag\">{} low-confidence</span></span>",
            escape(&o.title),
            self.articles.len(),
            if self.articles.len() == 1 { "" } else { "s" },
            n_quotes,
            if n_quotes == 1 { "" } else { "s" },
            n_speakers,
            if n_speakers == 1 { "" } else { "s" },
            n_low
        );
        let _ = write!(
            h,
            "<div class=\"controls\"><label><input type=\"checkbox\" id=\"only-low\"> only low confidence (&lt; {:.2})</label> <label>speaker <select id=\"spk\"><option value=\"\">all</option>",
            o.low_confidence
        );
        for (sid, _) in &by_sid {
            let name = if sid.is_empty() {
                "(no speaker)".to_string()
            } else {
                summary.get(sid).map(|s| format!("{} [{}]", s.speaker, sid)).unwrap_or_else(|| sid.clone())
            };
            let value = if sid.is_empty() { "~none" } else { sid };
            let _ = write!(h, "<option value=\"{}\">{}</option>", escape(value), escape(&name));
        }
        h.push_str("</select></label></div></header>\n<main>\n");

        // speakers table
        h.push_str("<section id=\"speakers\"><h2>Speakers</h2><div class=\"tablewrap\"><table class=\"speakers\"><thead><tr><th></th><th>Speaker</th><th>Id</th><th class=\"n\">Quotes</th><th class=\"n\">Docs</th><th>Quotes (article·quote)</th></tr></thead><tbody>\n");
        for (sid, quotes) in &by_sid {
            let s = summary.get(sid);
            let name = match s {
                _ if sid.is_empty() => "(no speaker)".to_string(),
                Some(s) => s.speaker.clone(),
                None => sid.clone(),
            };
            let aka: Vec<&String> = s.map(|s| s.names.iter().filter(|n| **n != name).collect()).unwrap_or_default();
            let docs: BTreeSet<&str> = quotes.iter().map(|(a, _)| a.split('-').next().unwrap_or("")).collect();
            let c = colour_of(sid);
            let _ = write!(
                h,
                "<tr class=\"spk c{c}\" data-sid=\"{}\" data-count=\"{}\"><td><span class=\"sw c{c}\"></span></td><td>{}{}</td><td class=\"sid\">{}</td><td class=\"n nq\">{}<span class=\"unit\"> quote{}</span></td><td class=\"n nd\">{}<span class=\"unit\"> document{}</span></td><td class=\"links\">",
                escape(sid),
                quotes.len(),
                escape(&name),
                if aka.is_empty() {
                    String::new()
                } else {
                    format!(
                        "<div class=\"aka\">also: {}</div>",
                        aka.iter().map(|a| escape(a)).collect::<Vec<_>>().join(", ")
                    )
                },
                escape(sid),
                quotes.len(),
                if quotes.len() == 1 { "" } else { "s" },
                docs.len(),
                if docs.len() == 1 { "" } else { "s" },
            );
            for (anchor, label) in quotes {
                let _ = write!(h, "<a class=\"c{c}\" href=\"#{}\">{}</a>", escape(anchor), escape(label));
            }
            h.push_str("</td></tr>\n");
        }
        h.push_str("</tbody></table></div></section>\n");

        // documents
        h.push_str("<nav id=\"docs\"><h2>Articles</h2><ol>");
        for a in &self.articles {
            let _ =
                write!(h, "<li><a href=\"#d{}\">{}</a> <small>{}</small></li>", a.index, escape(&a.doc), a.refs.len());
        }
        h.push_str("</ol></nav>\n");
        for a in &self.articles {
            h.push_str(&a.html);
        }
        h.push_str("</main>\n<div id=\"tip\" role=\"status\"></div>\n<script>\n");
        h.push_str(JS);
        h.push_str("</script>\n</body></html>\n");
        h
    }
}

const CSS: &str = r#":root{--ink:#1d232b;--muted:#5c6773;--line:#d8dee6;--panel:#f5f7fa;--low:#c0392b}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;color:var(--ink);background:#fff}
header.top{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid var(--line);padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.35rem 1.25rem;align-items:center}
header.top h1{font-size:1.1rem;margin:0}
.stats{color:var(--muted)}
.controls{display:flex;flex-wrap:wrap;gap:.35rem 1rem;align-items:center;margin-left:auto}
.controls select{max-width:16rem}
main{max-width:84rem;margin:0 auto;padding:.5rem 1rem 3rem}
h2{font-size:1.05rem;margin:1rem 0 .5rem}
.tablewrap{overflow-x:auto}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
th.n,td.n{text-align:right;font-variant-numeric:tabular-nums}
td.sid,.sid{color:var(--muted);font-size:.85em;white-space:nowrap}
.aka{color:var(--muted);font-size:.85em;font-weight:normal}
.unit{display:none}
.sw{display:inline-block;width:1rem;height:1rem;border-radius:3px;background:var(--bg);border:2px solid var(--fg);vertical-align:middle}
.links a{display:inline-block;margin:0 .25rem .2rem 0;padding:0 .35rem;border-radius:3px;background:var(--bg);color:var(--ink);text-decoration:none;font-size:.85em;font-variant-numeric:tabular-nums}
.links a:hover{outline:1px solid var(--fg)}
nav#docs ol{margin:0;padding-left:1.5rem;columns:2 24rem}
nav#docs small{color:var(--muted)}
article.doc{display:grid;grid-template-columns:minmax(0,1fr) minmax(15rem,22rem);gap:1rem 1.5rem;border-top:3px solid var(--line);margin-top:1.5rem;padding-top:.5rem;scroll-margin-top:4rem}
article.doc>h2{grid-column:1/-1;margin:.25rem 0;overflow-wrap:anywhere}
article.doc>h2 small{color:var(--muted);font-weight:normal}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font-family:Georgia,"Times New Roman","DejaVu Serif",serif;font-size:1.04rem;line-height:1.7}
details.text-wrap{grid-column:1}
details.text-wrap summary{cursor:pointer;color:var(--muted)}
mark.q{background:var(--bg);color:inherit;border-bottom:2px solid var(--fg);border-radius:2px;padding:1px 0;cursor:pointer;-webkit-box-decoration-break:clone;box-decoration-break:clone;scroll-margin-top:5rem}
mark.q mark.q{box-shadow:inset 0 0 0 1px var(--fg);border-bottom-width:3px}
mark.q.low{outline:2px dashed var(--low);outline-offset:1px}
mark.q:target{box-shadow:0 0 0 3px #f5b700}
.m{text-decoration:underline 2px;text-decoration-color:var(--fg);text-underline-offset:3px;font-weight:600}
.cue{font-style:italic}
.text .cue{text-decoration:underline dotted 1px;text-underline-offset:3px}
aside.qlist{position:sticky;top:3.75rem;align-self:start;max-height:calc(100vh - 4.5rem);overflow:auto;background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:.5rem}
aside.qlist:empty,aside.qlist ol:empty{display:none}
aside ol{list-style:none;margin:0;padding:0}
li.qi{border-left:6px solid var(--fg);background:#fff;margin:0 0 .45rem;padding:.3rem .5rem;border-radius:3px;font-size:.88rem;line-height:1.4}
li.qi.low{border-left-style:dashed;outline:1px dashed var(--low)}
li.qi .h{display:flex;align-items:baseline;gap:0 .35rem}
li.qi .h b{flex:1 1 auto;min-width:0}
li.qi .h .sid,li.qi .h .conf{white-space:nowrap}
li.qi a{color:var(--ink);font-weight:600;text-decoration:none}
li.qi q{display:block;margin:.1rem 0}
li.qi q{color:#333;font-family:Georgia,"DejaVu Serif",serif}
li.qi .meta{color:var(--muted);font-size:.8em}
.conf{font-variant-numeric:tabular-nums;color:var(--muted)}
.lowtag{color:var(--low);font-weight:600;white-space:nowrap}
body.only-low li.qi:not(.low){display:none}
body.only-low mark.q:not(.low),mark.q.dim{background:none;border-bottom-color:transparent;box-shadow:none}
#tip{position:fixed;left:.5rem;right:.5rem;bottom:.5rem;z-index:9;display:none;white-space:pre-line;background:#1d232b;color:#fff;padding:.6rem .8rem;border-radius:6px;font-size:.9rem;box-shadow:0 2px 10px rgba(0,0,0,.3)}
#tip.on{display:block}
@media (max-width:60em){
 header.top{position:static}
 .controls{margin-left:0}
 article.doc{grid-template-columns:minmax(0,1fr)}
 aside.qlist{position:static;max-height:none}
 .text{font-size:1rem}
 nav#docs ol{columns:1}
 table.speakers thead{display:none}
 table.speakers tr{display:grid;grid-template-columns:1.6rem auto auto minmax(0,1fr) auto;gap:0 .6rem;padding:.45rem 0;border-bottom:1px solid var(--line)}
 table.speakers td{border:0;padding:0}
 table.speakers td:first-child{grid-row:1/3}
 table.speakers td:nth-child(2){grid-column:2/5;grid-row:1;font-weight:600}
 table.speakers td.sid{grid-column:5;grid-row:1;text-align:right}
 table.speakers td.nq,table.speakers td.nd{grid-row:2;text-align:left;color:var(--muted);font-size:.85em}
 table.speakers td.nq{grid-column:2}
 table.speakers td.nd{grid-column:3}
 table.speakers .unit{display:inline}
 table.speakers td.links{grid-column:1/-1;grid-row:3;padding-top:.3rem}
}
@media print{
 header.top{position:static;border:0}
 .controls,#tip{display:none}
 main{max-width:none;padding:0}
 article.doc{display:block;break-before:page;border-top:0}
 aside.qlist{position:static;max-height:none;overflow:visible;border:0;background:none;padding:0;margin-top:.75rem}
 li.qi{break-inside:avoid}
 mark.q,li.qi,.sw,.links a{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 a{color:inherit;text-decoration:none}
 details.text-wrap>div{display:block}
}
"#;

const JS: &str = r#"(function(){
var b=document.body,low=document.getElementById('only-low'),sel=document.getElementById('spk'),tip=document.getElementById('tip');
low.addEventListener('change',function(){b.classList.toggle('only-low',low.checked);});
sel.addEventListener('change',function(){var v=sel.value;
 document.querySelectorAll('mark.q').forEach(function(m){m.classList.toggle('dim',v!==''&&(m.getAttribute('data-sid')||'~none')!==v);});
 document.querySelectorAll('li.qi').forEach(function(l){l.hidden=v!==''&&(l.getAttribute('data-sid')||'~none')!==v;});});
document.addEventListener('click',function(e){var m=e.target.closest?e.target.closest('mark.q'):null;
 if(!m){tip.classList.remove('on');return;}tip.textContent=m.getAttribute('title');tip.classList.add('on');});
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::rows;

    fn page(text: &str) -> String {
        let quotes = crate::Extractor::new().extract(text);
        let mut ids = SpeakerIds::new();
        ids.assign_quotes("t.txt", text, &quotes, false);
        let rows = rows("t.txt", text, &quotes, false);
        let mut r = Report::new(ReportOptions::default());
        r.push(render_article(1, "t.txt", text, &quotes, &rows, &r.opts));
        r.finish(&ids)
    }

    #[test]
    fn escapes_and_nests() {
        let text = "<b>x</b> & “I was leaving when he said: ‘Wait, <i>wait</i>,’” Dalby explained.\n";
        let h = page(text);
        assert!(!h.contains("<b>x"), "raw markup from the text");
        assert!(h.contains("&lt;b&gt;x&lt;/b&gt; &amp; "));
        assert_eq!(h.matches("<mark class=\"q").count(), 2);
        assert_eq!(h.matches("</mark>").count(), 2);
        // the nested quote opens inside its parent
        let outer = h.find("id=\"d1-q1\"").unwrap();
        let inner = h.find("id=\"d1-q2\"").unwrap();
        let first_close = h.find("</mark>").unwrap();
        assert!(outer < inner && inner < first_close);
        assert!(h.matches("<span").count() == h.matches("</span>").count());
    }

    #[test]
    fn cuts_on_char_boundaries() {
        assert_eq!(floor("aé", 2), 1);
        assert_eq!(floor("aé", 9), 3);
        assert_eq!(snippet("a  b\nc", 10), "a b c");
        assert_eq!(snippet("ééééé", 3), "ééé…");
    }
}
