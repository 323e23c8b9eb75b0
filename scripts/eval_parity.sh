#!/usr/bin/env bash
# Compare the figures of shared/eval/score.py and of the Rust port
# (`saidwho eval`) on one gold/prediction pair.
#
#   scripts/eval_parity.sh GOLD.jsonl PRED.csv [--docs DIR] [--canonical] [--score-nested]
#
# GOLD must be JSONL (the only gold format score.py reads). Both programs get
# the same arguments plus --json; every leaf of the two JSON objects is
# compared by key path, value and type (int vs float). Prints each difference
# and a summary; exits 0 when all figures are identical, 1 otherwise.
#
# Environment: SCORE_PY (default: ../shared/eval/score.py beside this repo),
# EVAL_BIN (an already built saidwho binary; default: cargo run --release),
# CARGO_TARGET_DIR as usual.
set -euo pipefail
if [ $# -lt 2 ]; then
    sed -n '2,7p' "$0" >&2
    exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
score=${SCORE_PY:-$root/../shared/eval/score.py}
py_json=$(mktemp)
rs_json=$(mktemp)
trap 'rm -f "$py_json" "$rs_json"' EXIT

python3 "$score" "$@" --json >"$py_json"
if [ -n "${EVAL_BIN:-}" ]; then
    "$EVAL_BIN" eval "$@" --json >"$rs_json"
else
    cargo run --quiet --release --manifest-path "$root/Cargo.toml" -- eval "$@" --json >"$rs_json"
fi

python3 - "$py_json" "$rs_json" <<'PY'
import json, sys

def leaves(x, path=''):
    if isinstance(x, dict):
        for k, v in x.items():
            yield from leaves(v, path + '/' + k)
    else:
        yield path, x

py = dict(leaves(json.load(open(sys.argv[1], encoding='utf-8'))))
rs = dict(leaves(json.load(open(sys.argv[2], encoding='utf-8'))))
keys = sorted(set(py) | set(rs))
bad = 0
for k in keys:
    a, b = py.get(k, '<missing>'), rs.get(k, '<missing>')
    if a != b or type(a) is not type(b):
        bad += 1
        print('DIFF %-55s score.py %r   rust %r' % (k, a, b))
for k in ('detection_exact', 'detection_overlap', 'end_to_end'):
    m = py.get('/%s/f1' % k)
    print('%-18s tp %-6s P %-7s R %-7s F1 %s' % (k, py.get('/%s/tp' % k), py.get('/%s/precision' % k),
                                                 py.get('/%s/recall' % k), m))
print('attribution        %s/%s = %s' % (py.get('/attribution/correct'), py.get('/attribution/judged'),
                                         py.get('/attribution/speaker_accuracy')))
print('%d figures compared, %d differ%s' % (len(keys), bad, '' if bad else ': IDENTICAL'))
sys.exit(1 if bad else 0)
PY
