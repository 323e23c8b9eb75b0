#!/usr/bin/env bash
# Linearity of saidwho (issue 6): throughput in MB/s per document size, on
# adversarial documents, and per number of documents. If the pipeline is
# linear, the MB/s column stays flat down each series.
#
#   bench/linear.sh [OUT_DIR]        (default target/linear)
#
# Environment:
#   SAIDWHO=path   binary to measure; when set, `cargo build --release` is skipped
#   RUNS=3         runs per case; the fastest is kept
#   JOBS=1         --jobs for saidwho (1: one core, comparable across machines)
#   TOTAL_MB=10    input per case of the size series (N documents × size)
#
# Inputs are generated from the committed articles in corpus/ (real news
# text, cycled), so the numbers are reproducible without shared/ data:
#   size series   1 KB … 10 MB documents, TOTAL_MB of input per case (10,000 ×
#                 1 KB … 1 × 10 MB), so per-document costs show too
#   one line      10 MB with no line break: one paragraph
#   unbalanced    10 MB of article text with 100,000 stray quote marks
#   nested        quotes nested 30 deep (1 and 10 MB) and 1,000 deep (0.1 and
#                 1 MB); each row's text holds the levels inside it, so the
#                 output grows with depth × input: MB/s falls with depth, but
#                 must not fall with size at a fixed depth
#   documents     10 / 100 / 1,000 documents of 10 KB
#   speakers      a new speaker name in every quote: one document of 0.5 and
#                 2 MB, and 100 / 400 documents of 5 KB (batch speaker ids)
# Output: a table on stdout (and OUT_DIR/linear.md): input MB, best wall
# time, MB/s, peak RSS (from /usr/bin/time), output MB.
set -euo pipefail
export LC_ALL=C

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"
out=${1:-target/linear}
RUNS=${RUNS:-3}
JOBS=${JOBS:-1}
TOTAL_MB=${TOTAL_MB:-10}
mkdir -p "$out"
out=$(cd "$out" && pwd)

command -v python3 >/dev/null || { echo "linear.sh: needs python3 to generate inputs" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "linear.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

if [ -z "${SAIDWHO:-}" ]; then
    cargo build --release --quiet --bin saidwho
    SAIDWHO=${CARGO_TARGET_DIR:-target}/release/saidwho
fi
bin=$(cd "$(dirname "$SAIDWHO")" && pwd)/$(basename "$SAIDWHO")

# ---- inputs (regenerated each run; deterministic)
in=$out/in
rm -rf "$in"
mkdir -p "$in"
python3 - "$in" "$TOTAL_MB" corpus/*.txt <<'PY'
import os, random, sys
out, total_mb, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
src = "\n".join(open(f, encoding="utf-8").read().strip() for f in sorted(files)) + "\n"
rnd = random.Random(6)

def text_of(n, off=0):
    """n bytes (or a few less) of article text from character `off` of the
    source on, cycling, cut at a character boundary."""
    s = src[off % len(src):] + src * (n // len(src) + 2)
    return s.encode()[:n].decode("utf-8", "ignore")

def write(path, s):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(s)

total = total_mb * 1000 * 1000
for label, size in [("1KB", 1000), ("10KB", 10_000), ("100KB", 100_000), ("1MB", 1000_000), ("10MB", 10_000_000)]:
    for i in range(max(1, total // size)):
        # each document starts at a different place in the source
        write(f"{out}/size-{label}/{i:05}.txt", text_of(size, i * 7919))

write(f"{out}/oneline/doc.txt", text_of(10_000_000).replace("\r", " ").replace("\n", " "))

marks = ["“", "”", '"', "'", "‘", "’", "«", "»", "„", "‹", "›", "''"]
words = text_of(10_000_000).split(" ")
for i in rnd.sample(range(len(words)), 100_000):
    m = rnd.choice(marks)
    words[i] = m + words[i] if rnd.random() < 0.5 else words[i] + m
write(f"{out}/unbalanced/doc.txt", " ".join(words))

def nested(depth):
    return "He said: " + "".join("“a " if i % 2 == 0 else "‘a " for i in range(depth)) + "core" + \
        "".join("”" if i % 2 == 0 else "’" for i in reversed(range(depth))) + " he said.\n"

for depth, size, label in [(30, 1000_000, "30-1MB"), (30, 10_000_000, "30-10MB"),
                           (1000, 100_000, "1000-100KB"), (1000, 1000_000, "1000-1MB")]:
    block = nested(depth)
    write(f"{out}/nested-{label}/doc.txt", block * (size // len(block.encode())))

for n in (10, 100, 1000):
    for i in range(n):
        write(f"{out}/docs-{n}/{i:04}.txt", text_of(10_000, i * 7919))

# a new speaker in every quote: the speaker registry and the batch-level
# speaker ids must not compare each name with every name seen before
def name():
    return "".join(rnd.choice("BCDFGHKLMNPRSTVZ") + rnd.choice("aeiou") + rnd.choice("lnrst")
                   for _ in range(2)).capitalize()

def speakers(size):
    parts, total = [], 0
    while total < size:
        x = (f"“We will see,” said {name()} {name()}, the {rnd.choice(['envoy', 'minister', 'spokesman'])} "
             f"of {name()}. “No,” he added.{chr(10) if rnd.random() < 0.2 else ' '}")
        parts.append(x)
        total += len(x.encode())
    return "".join(parts)

for label, size in [("500KB", 500_000), ("2MB", 2_000_000)]:
    write(f"{out}/speakers-{label}/doc.txt", speakers(size))
for n in (100, 400):
    for i in range(n):
        write(f"{out}/speakers-docs-{n}/{i:04}.txt", speakers(5_000))
PY

# ---- measurement
table=$out/linear.md
{
    echo "saidwho $("$bin" --version | awk '{print $2}'), --jobs $JOBS, best of $RUNS, $(nproc) cores"
    echo
    echo "| case | docs | input MB | best s | MB/s | peak RSS MB | output MB |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
} > "$table"
cat "$table"

measure() { # label dir
    local label=$1 dir=$2 best="" rss="" docs bytes t0 t1 t outb
    docs=$(find "$dir" -name '*.txt' | wc -l)
    bytes=$(find "$dir" -name '*.txt' -exec cat {} + | wc -c)
    for _ in $(seq "$RUNS"); do
        t0=$EPOCHREALTIME
        /usr/bin/time -f "%M" -o "$out/time.txt" "$bin" extract --jobs "$JOBS" -o "$out/out.csv" "$dir"
        t1=$EPOCHREALTIME
        t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
        if [ -z "$best" ] || awk -v t="$t" -v b="$best" 'BEGIN { exit !(t < b) }'; then
            best=$t
            rss=$(tail -n 1 "$out/time.txt")
        fi
    done
    outb=$(wc -c < "$out/out.csv")
    awk -v l="$label" -v d="$docs" -v b="$bytes" -v t="$best" -v r="$rss" -v o="$outb" 'BEGIN {
        printf "| %s | %d | %.2f | %.3f | %.1f | %.0f | %.1f |\n", l, d, b / 1e6, t, b / 1e6 / t, r / 1024, o / 1e6
    }' >> "$table"
    tail -n 1 "$table"
}

for s in 1KB 10KB 100KB 1MB 10MB; do measure "size $s" "$in/size-$s"; done
measure "one line, 10 MB" "$in/oneline"
measure "100,000 unbalanced marks, 10 MB" "$in/unbalanced"
measure "nested 30 deep, 1 MB" "$in/nested-30-1MB"
measure "nested 30 deep, 10 MB" "$in/nested-30-10MB"
measure "nested 1,000 deep, 100 KB" "$in/nested-1000-100KB"
measure "nested 1,000 deep, 1 MB" "$in/nested-1000-1MB"
for n in 10 100 1000; do measure "$n documents of 10 KB" "$in/docs-$n"; done
measure "new speaker per quote, 500 KB" "$in/speakers-500KB"
measure "new speaker per quote, 2 MB" "$in/speakers-2MB"
measure "new speakers, 100 docs of 5 KB" "$in/speakers-docs-100"
measure "new speakers, 400 docs of 5 KB" "$in/speakers-docs-400"
rm -f "$out/out.csv" "$out/time.txt"
echo
echo "table written to $table"
