#!/usr/bin/env python3
"""Calibration of saidwho's confidence column against gold.

  scripts/calibration.py GOLD.jsonl PRED.csv [--by rule]

A predicted row is right when it overlaps a gold quote (>= 50% of the shorter
span, one-to-one, largest overlap first, as score.py) and its mention span
overlaps a gold mention span (or, for gold without a mention, it names none).
Prints precision per confidence bucket (or per rule with --by rule): the
share of rows in the bucket that are right, so a reviewer sorting by
confidence knows what each band is worth.
"""
import argparse, collections, csv, json


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('gold'); ap.add_argument('pred')
    ap.add_argument('--by', choices=['bucket', 'rule'], default='bucket')
    a = ap.parse_args()
    gold = collections.defaultdict(list)
    for line in open(a.gold, encoding='utf-8'):
        if line.strip():
            g = json.loads(line)
            gold[g['doc']].append(g)
    rows = [r for r in csv.DictReader(open(a.pred, encoding='utf-8-sig')) if r['kind'] != 'nested']
    by_doc = collections.defaultdict(list)
    for r in rows:
        by_doc[r['doc'].rsplit('/', 1)[-1]].append(r)
    stats = collections.defaultdict(lambda: [0, 0])
    for d, preds in by_doc.items():
        cands = []
        for gi, g in enumerate(gold.get(d, [])):
            for pi, p in enumerate(preds):
                s, e = int(p['start']), int(p['end'])
                ov = min(e, g['end']) - max(s, g['start'])
                if ov > 0 and ov >= 0.5 * min(e - s, g['end'] - g['start']):
                    cands.append((-ov, gi, pi))
        cands.sort()
        gm, pm = set(), {}
        for _, gi, pi in cands:
            if gi not in gm and pi not in pm:
                gm.add(gi); pm[pi] = gi
        for pi, p in enumerate(preds):
            ok = False
            if pi in pm:
                g = gold[d][pm[pi]]
                spans = g.get('mention_spans') or ([[g['mention_start'], g['mention_end']]] if g.get('mention_start') is not None else [])
                if spans and p['mention_start']:
                    ms, me = int(p['mention_start']), int(p['mention_end'])
                    ok = any(min(b, me) - max(a_, ms) >= 1 for a_, b in spans)
                elif not spans:
                    ok = not p['mention']
            c = float(p['confidence'] or 0)
            key = p['rule'] if a.by == 'rule' else ('%.1f-%.1f' % (int(c * 10) / 10, int(c * 10) / 10 + 0.1) if c < 1 else '1.0')
            stats[key][0] += 1
            stats[key][1] += ok
    print('| %s | rows | right | precision |' % ('rule' if a.by == 'rule' else 'confidence'))
    print('|---|---|---|---|')
    for k in sorted(stats, reverse=True):
        n, ok = stats[k]
        print('| %s | %d | %d | %.2f |' % (k, n, ok, ok / n))


main()
