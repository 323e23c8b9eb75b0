#!/usr/bin/env bash
# A profile-guided (PGO) build of saidwho: the same code, compiled a second
# time with the branch and call counts of a run over the bundled articles.
#
#   bench/pgo.sh [OUT]
#
# OUT  default target/pgo/saidwho: where the binary is written
#
# Needs LLVM's llvm-profdata of the compiler's own LLVM version: rustup's
# `llvm-tools` component, which the script adds when rustup is there, or
# else an llvm-profdata on the PATH of the same LLVM major version.
# The profile comes from corpus/ (the five articles shipped with the
# project), never from the text a benchmark then measures: a binary tuned
# to the benchmark's own text would flatter it. Its output is the plain
# build's, byte for byte (the script checks, on corpus/).
#
# Takes two release builds (about 5 minutes on 2 cores). See bench/README.md.
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

die() { echo "pgo.sh: $*" >&2; exit 1; }
say() { echo "pgo.sh: $*" >&2; }

out=${1:-target/pgo/saidwho}
work=${CARGO_TARGET_DIR:-$repo_root/target}/pgo
profiles=$work/profiles
# (each step's own RUSTFLAGS on top of the caller's)
flags=${RUSTFLAGS:-}
# (the instrumented binary writes its counts where -Cprofile-generate says)
unset LLVM_PROFILE_FILE

# ---------------------------------------------------------------- llvm-profdata
host=$(rustc -vV | sed -n 's/^host: //p')
llvm_major=$(rustc -vV | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')
profdata=$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata
if [[ ! -x $profdata ]] && command -v rustup > /dev/null; then
    say "rustup component add llvm-tools"
    rustup component add llvm-tools >&2 || say "rustup could not add llvm-tools"
fi
if [[ ! -x $profdata ]]; then
    # a compiler without rustup (a distribution's rustc, built on the
    # system's LLVM): an llvm-profdata on the PATH of the same LLVM major
    # version reads its profiles
    for p in "llvm-profdata-$llvm_major" llvm-profdata; do
        if command -v "$p" > /dev/null && "$p" merge --version 2>/dev/null | grep -q "LLVM version $llvm_major\."; then
            profdata=$(command -v "$p")
            break
        fi
    done
fi
[[ -x $profdata ]] || die "no llvm-profdata for LLVM $llvm_major (rustc's): add rustup's llvm-tools component, or install llvm-profdata of LLVM $llvm_major"
say "using $profdata"

# ---------------------------------------------------------------- profile
say "build 1/2: instrumented"
rm -rf "$profiles"
RUSTFLAGS="$flags -Cprofile-generate=$profiles" cargo build --release --target-dir "$work/gen" >&2
gen=$work/gen/release/saidwho

say "training run over corpus/"
# one job, as most of the work; then the pool's paths, and the JSONL writer
for _ in 1 2 3 4 5 6 7 8 9 10; do
    "$gen" extract --jobs 1 corpus/ -o "$work/train.csv"
done
"$gen" extract --jobs 2 corpus/ -o "$work/train-2.csv"
"$gen" extract --jobs 1 --format jsonl corpus/ -o "$work/train.jsonl"
"$profdata" merge -o "$work/saidwho.profdata" "$profiles"

# ---------------------------------------------------------------- build
say "build 2/2: with the profile"
RUSTFLAGS="$flags -Cprofile-use=$work/saidwho.profdata" cargo build --release --target-dir "$work/use" >&2
mkdir -p "$(dirname "$out")"
cp "$work/use/release/saidwho" "$out"

# the same output as the instrumented build (the plain code, counted)
"$out" extract --jobs 1 corpus/ -o "$work/check.csv"
cmp -s "$work/train.csv" "$work/check.csv" || die "the PGO build's CSV on corpus/ differs from the instrumented build's"
say "wrote $out"
