#!/usr/bin/env bash
# Runs examples/spark/quotes_job.py on a real local Spark and checks that it
# writes exactly the rows `saidwho extract` writes on the same documents.
#
#   bash scripts/spark_test.sh
#
# Idempotent: Java (Debian's openjdk-17-jre-headless) is installed only when
# `java` is missing, pyspark only when the venv lacks it, the release binary is
# built only when missing. Environment:
#   SPARK_VENV        venv for pyspark            (default target/spark-venv)
#   PYSPARK_VERSION   pyspark from PyPI           (default 4.3.0)
#   SAIDWHO           the binary to test          (default ${CARGO_TARGET_DIR:-target}/release/saidwho;
#                     built when missing, never rebuilt: CI builds it first)
#   SPARK_TEST_WORK   scratch folder, recreated   (default target/spark-test)
#   POLNEAR_TEXT      second corpus, if present   (default ../shared/polnear-train/text)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
T0=$SECONDS
phase() { echo "== spark_test: $* (t=$((SECONDS - T0)) s)"; }

VENV=${SPARK_VENV:-target/spark-venv}
PYSPARK_VERSION=${PYSPARK_VERSION:-4.3.0}
BIN=${SAIDWHO:-${CARGO_TARGET_DIR:-target}/release/saidwho}
W=${SPARK_TEST_WORK:-target/spark-test}
POLNEAR=${POLNEAR_TEXT:-../shared/polnear-train/text}

# --- Java (Spark 4 needs 17 or newer)
if ! command -v java >/dev/null 2>&1; then
    phase "installing Java"
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        echo "spark_test: java is missing; install a JRE 17+ (Debian: openjdk-17-jre-headless)" >&2
        exit 2
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
java -version 2>&1 | sed -n 1p

# --- pyspark in a venv
if ! "$VENV/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
    phase "installing pyspark==$PYSPARK_VERSION into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --disable-pip-version-check --progress-bar off -q "pyspark==$PYSPARK_VERSION"
fi
PY=$ROOT/$VENV/bin/python
[ -x "$PY" ] || PY=$VENV/bin/python
export PYSPARK_PYTHON=$PY PYSPARK_DRIVER_PYTHON=$PY
"$PY" -c "import pyspark; print('pyspark', pyspark.__version__)"

# --- the binary
if [ ! -x "$BIN" ]; then
    phase "building $BIN"
    cargo build --release
fi
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")

rm -rf "$W"
mkdir -p "$W"
W=$(cd "$W" && pwd)

# --- inputs, and saidwho run directly on them
# name DIR: writes $W/name.jsonl and $W/name.direct.csv; checks that the JSONL
# input gives byte for byte the CSV of the text files (ids = relative paths)
prepare() {
    local name=$1 dir=$2
    "$PY" examples/spark/spark_check.py to-jsonl "$dir" "$W/$name.jsonl"
    "$BIN" extract --jobs 2 -o "$W/$name.direct.csv" "$dir"
    "$BIN" extract --jobs 2 --input jsonl -o "$W/$name.from-jsonl.csv" "$W/$name.jsonl"
    if ! cmp "$W/$name.direct.csv" "$W/$name.from-jsonl.csv"; then
        echo "spark_test: FAIL saidwho on $W/$name.jsonl differs from saidwho on $dir" >&2
        diff "$W/$name.direct.csv" "$W/$name.from-jsonl.csv" | sed -n 1,20p >&2 || true
        exit 1
    fi
    echo "ok   $name: saidwho --input jsonl = saidwho on the text files ($(($(wc -l <"$W/$name.jsonl"))) docs, $(($(wc -c <"$W/$name.direct.csv") / 1024)) KiB of CSV, identical)"
}
phase "preparing inputs"
prepare corpus corpus
if [ -d "$POLNEAR" ]; then
    prepare polnear "$POLNEAR"
    MAIN=polnear
else
    echo "spark_test: $POLNEAR not found, the spark-submit run uses corpus/"
    MAIN=corpus
fi

# --- the job as a user runs it: spark-submit, the binary shipped with --files
phase "spark-submit on $MAIN"
"$VENV/bin/spark-submit" --master 'local[2]' --files "$BIN" \
    --conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false --conf spark.log.level=WARN \
    examples/spark/quotes_job.py \
    --input "$W/$MAIN.jsonl" --format jsonl --output "$W/$MAIN.parquet" \
    --saidwho saidwho --partitions 4

# --- compare, plus the corpus through JSONL / Parquet, exit 1 and exit 2
phase "checks"
"$PY" examples/spark/spark_check.py check --saidwho "$BIN" --work "$W" \
    --compare "$MAIN via spark-submit --files, 4 partitions" "$W/$MAIN.parquet" "$W/$MAIN.direct.csv" \
    --corpus "$W/corpus.jsonl" "$W/corpus.direct.csv"
phase "done"
