#!/usr/bin/env python3
"""Render bench/compare.sh's results.tsv as one markdown table with notes.

results.tsv columns: key, label, bytes, seconds, rss_kb, cpu_seconds, score
(path of a score.py --json file, or -).  Speed is bytes / wall seconds in
MB/s (10^6 bytes), and bytes / CPU seconds (less disturbed by other load on
the machine); peak RSS in MiB; quality from score.py: detection_overlap.f1,
attribution.speaker_accuracy, end_to_end.f1.
"""
import argparse
import csv
import datetime
import json
import os
import platform


def cpu_model():
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or 'unknown CPU'


def num(x):
    if x is None:
        return '–'
    return '%.3f' % x if x < 1 else '%.1f' % x


def pct(x):
    return '–' if x is None else '%.1f' % (100 * x)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('results')
    ap.add_argument('--corpus-bytes', type=int, required=True)
    ap.add_argument('--corpus-files', type=int, required=True)
    ap.add_argument('--copies', type=int, required=True)
    ap.add_argument('--runs', type=int, required=True)
    ap.add_argument('--wc-words', default='?')
    ap.add_argument('--textacy-json', required=True)
    ap.add_argument('--textacy-wall', type=float, required=True)
    ap.add_argument('--textacy-failed', default='0',
                    help='"N of M" documents textacy raised on')
    ap.add_argument('--load', default='?', help='load average before the runs')
    ap.add_argument('--saidwho', default='saidwho')
    ap.add_argument('--textacy-versions', default='')
    a = ap.parse_args()

    with open(a.results, newline='') as f:
        rows = list(csv.DictReader(f, delimiter='\t'))
    by_key = {r['key']: r for r in rows}
    for r in rows:
        r['mbps'] = int(r['bytes']) / float(r['seconds']) / 1e6
        cpu = float(r['cpu_seconds'])
        r['mb_cpu'] = int(r['bytes']) / cpu / 1e6 if cpu > 0 else None
        r['rss_mib'] = float(r['rss_kb']) / 1024
        r['q'] = None
        if r['score'] != '-' and os.path.exists(r['score']):
            with open(r['score'], encoding='utf-8') as f:
                r['q'] = json.load(f)
    base = by_key['textacy']['mbps']

    tj = json.loads(a.textacy_json)
    out = []
    out.append('| tool | measured on | MB/s | MB per CPU-s | peak RSS (MiB) | '
               'detection F1 % (overlap) | speaker acc. % | end-to-end F1 % | '
               'speed vs textacy |')
    out.append('|---|---|--:|--:|--:|--:|--:|--:|--:|')
    runs_of_corpus = '%.1f MB corpus, median of %d' % (a.corpus_bytes / 1e6, a.runs)
    where = {k: runs_of_corpus for k in ('saidwho-1', 'saidwho-n', 'saidwho-pgo-1', 'saidwho-pgo-n',
                                         'wc', 'wc-files', 'wc-utf8')}
    where['textacy'] = '%.1f MB sample, 1 run' % (int(by_key['textacy']['bytes']) / 1e6)
    for r in rows:
        q = r['q']
        det = q['detection_overlap']['f1'] if q else None
        spk = q['attribution']['speaker_accuracy'] if q else None
        e2e = q['end_to_end']['f1'] if q else None
        mbps = r['mbps']
        out.append('| %s | %s | %s | %s | %.0f | %s | %s | %s | %s× |' % (
            r['label'], where.get(r['key'], ''), num(mbps), num(r['mb_cpu']),
            r['rss_mib'], pct(det), pct(spk), pct(e2e),
            ('%.0f' % (mbps / base)) if mbps / base >= 10 else ('%.1f' % (mbps / base))))

    # the targets as ratios of this run: share of wc -w per
    # CPU-second, and the all-cores speed-up in wall time
    lines = []
    for build, k1, kn in (('', 'saidwho-1', 'saidwho-n'), (', PGO build', 'saidwho-pgo-1', 'saidwho-pgo-n')):
        one, alln = by_key.get(k1), by_key.get(kn)
        if not (one and alln):
            continue
        shares = ['%.2f of `%s`' % (one['mb_cpu'] / by_key[k]['mb_cpu'], by_key[k]['label'])
                  for k in ('wc', 'wc-files', 'wc-utf8') if k in by_key and by_key[k]['mb_cpu'] and one['mb_cpu']]
        lines.append('- saidwho --jobs 1%s per CPU-second: %s; all cores: %.2f× --jobs 1 '
                     'in wall time.' % (build, '; '.join(shares) or '–', alln['mbps'] / one['mbps']))
    targets = [''] + lines if lines else []

    now = datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')
    notes = [
        '',
        'Measured %s on %d cores (%s; load average %s before the runs), '
        '%s; %s.' % (now, os.cpu_count() or 0, cpu_model(), a.load, a.saidwho,
                     a.textacy_versions),
        '',
        '- Speed corpus: the PolNeAR training articles copied %d times '
        '(%d files, %d bytes); MB = 10^6 bytes of UTF-8 input; page cache warm '
        '(the corpus read again before every timed command).'
        % (a.copies, a.corpus_files, a.corpus_bytes),
        '- saidwho: `saidwho extract CORPUS -o FILE [--jobs 1]`, wall time of the '
        'whole process; --jobs 1 and all-cores outputs checked byte-identical. '
        'MB per CPU-s: input bytes per second of user + system time of all '
        'threads and processes, the figure least disturbed by other load.',
        '- PGO build (where there is one): the same code compiled with the '
        'branch and call counts of a run over the five articles in corpus/ '
        '(`bench/pgo.sh`), not over the text measured here; its output '
        'checked byte-identical.',
        '- wc -w, with LC_ALL=C (%s words): `find CORPUS -type f -exec cat {} + '
        '| wc -w` (via cat), and `find CORPUS -type f -exec wc -w {} +` (on '
        'the files: no pipe, the stricter floor); the latter again in a UTF-8 '
        'locale where the machine has one (C.UTF-8: GNU wc reads ASCII '
        'faster there than under LC_ALL=C); RSS is that of the largest '
        'process.' % a.wc_words,
        '- textacy: `extract.triples.direct_quotations` on spaCy docs (NER '
        'excluded: the extractor never reads it), one process, on a fixed '
        'sample of %d articles (%d bytes). MB/s counts parsing + extraction '
        '(%.1f s, %.1f CPU-s) without loading the model (%.1f s); the whole '
        'process took %.1f s.' % (tj['docs'], tj['bytes'], tj['seconds'],
                                  tj['cpu_seconds'], tj['load_seconds'],
                                  a.textacy_wall),
        '- Quality: score.py on all of polnear-train (gold.jsonl); detection '
        'F1 = detection_overlap.f1, end-to-end F1 = end_to_end.f1 (span '
        'overlap and right speaker mention). textacy raised on %s documents, '
        'which give no rows: it refuses a document with an odd number of '
        'quotation-mark tokens (an unclosed quote, or a plural possessive ’).'
        % a.textacy_failed,
    ]
    print('\n'.join(out + targets + notes))


if __name__ == '__main__':
    main()
