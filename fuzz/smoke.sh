#!/usr/bin/env bash
# Short fuzzing run for CI: each target for FUZZ_SECONDS (default 60) from
# the committed articles in corpus/ (plus up to 200 shared/polnear-train
# articles when that folder is beside the repo). Exits non-zero on a finding
# (crash, panic, timeout, out-of-memory); prints "skipped: …" and exits 0
# when no fuzzer toolchain is available here.
#
#   fuzz/smoke.sh [TARGET…]          (default: pipeline detect)
#
# Environment:
#   FUZZ_SECONDS=60     per target
#   FUZZ_INSTALL=1      `cargo install cargo-fuzz --locked` when missing (~5 min)
#
# libFuzzer needs rustc's -Z flags; on a stable toolchain RUSTC_BOOTSTRAP=1
# unlocks them. The targets are built without a sanitizer (-s none): the
# crate has no unsafe code, and a panic or an overflow (debug assertions are
# on) is what we look for.
set -euo pipefail
fuzz_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$fuzz_dir/.." && pwd)
cd "$fuzz_dir"
secs=${FUZZ_SECONDS:-60}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(pipeline detect)

skip() { echo "fuzz/smoke.sh: skipped: $*"; exit 0; }

if ! cargo fuzz --version >/dev/null 2>&1; then
    if [ "${FUZZ_INSTALL:-0}" = 1 ]; then
        cargo install cargo-fuzz --locked || skip "cargo install cargo-fuzz failed"
    else
        skip "cargo-fuzz is not installed (cargo install cargo-fuzz, or FUZZ_INSTALL=1)"
    fi
fi
command -v c++ >/dev/null || skip "no C++ compiler for libFuzzer (apt-get install g++)"
export RUSTC_BOOTSTRAP=1
rustc -Z help >/dev/null 2>&1 || skip "this rustc does not accept -Z flags, even with RUSTC_BOOTSTRAP=1"

# from here on a failure is a real one
for t in "${targets[@]}"; do
    cargo fuzz build -s none "$t"
done

for t in "${targets[@]}"; do
    seeds=corpus/$t
    mkdir -p "$seeds" "artifacts/$t"
    if [ -z "$(ls -A "$seeds")" ]; then
        cp "$repo_root"/corpus/*.txt "$seeds"/
        polnear=$repo_root/../shared/polnear-train/text
        if [ -d "$polnear" ]; then
            find "$polnear" -name '*.txt' | sort | sed -n '1,200p' | xargs -r cp -t "$seeds"/  # sed reads all: no SIGPIPE under pipefail
        fi
    fi
    echo "fuzz/smoke.sh: $t for ${secs}s from $(ls "$seeds" | wc -l) inputs"
    cargo fuzz run -s none "$t" "$seeds" -- \
        -max_total_time="$secs" -dict=dict/quotes.dict -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="artifacts/$t/" 2>&1 |
        grep -E "^(stat::|INFO: Running|==|SUMMARY|Done)|panicked|Test unit written|ERROR" || true
    if [ -n "$(ls -A "artifacts/$t")" ]; then
        echo "fuzz/smoke.sh: $t found a failing input: $(ls "artifacts/$t")" >&2
        exit 1
    fi
done
echo "fuzz/smoke.sh: no findings"
