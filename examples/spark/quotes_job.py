#!/usr/bin/env python3
"""Extract quotes from articles with saidwho, as a streaming worker under Apache Spark.

Reads articles (JSON lines or Parquet, one article per record with an id and a
text column), feeds every partition to one `saidwho extract --input jsonl
--format jsonl -` process, and writes one Parquet row per quote with typed
columns (saidwho's JSON lines are parsed by the JVM with from_json, against a
schema made from the binary's own header).

    spark-submit --master 'local[2]' examples/spark/quotes_job.py \\
        --input articles.jsonl --format jsonl --output quotes.parquet \\
        --saidwho target/release/saidwho

See examples/spark/README.md for a cluster.

Why mapPartitions + subprocess and not RDD.pipe
-----------------------------------------------
`RDD.pipe(cmd, checkCode=True)` raises on *any* non-zero exit, and without
checkCode it ignores every exit status. saidwho exits 1 when it skipped some
records (each one explained on stderr) and 2 on a usage or output error; we
want the first to be logged and counted, and the second to fail the task (so
Spark retries it and, if it keeps failing, fails the job). Only a process we
start ourselves tells us which it was. Running it ourselves also lets us keep
the tail of its stderr for the error message, pass the arguments as a list (no
shell, so no quoting trouble with the binary's path) and not start a process
for an empty partition.

Rows already handed to Spark by a task that then fails are not lost or
duplicated: a failed task's output files are never committed.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import shutil
import stat
import subprocess
import sys
import threading
import time
from typing import Iterable, Iterator

# The columns saidwho writes, in order, with their Spark types ("int", "double"
# or "string"; every column is nullable, the int columns mention_start/_end,
# cue_start/_end and parent are null when empty). The job asks the binary for
# its header at start and uses the binary's list: a column it does not know is
# kept as a string (with a warning), a column the binary does not write is left
# out. scripts/spark_test.sh fails if the binary writes a column missing here or
# in another order, so this table is kept up to date. speaker_id and context
# come last (a binary built before them writes the first 19 columns only), and
# via, added later, goes just before them.
KNOWN_COLUMNS: dict[str, str] = {
    "doc": "string",
    "quote_id": "int",
    "start": "int",
    "end": "int",
    "text": "string",
    "kind": "string",
    "speaker": "string",
    "mention": "string",
    "mention_start": "int",
    "mention_end": "int",
    "cue": "string",
    "cue_start": "int",
    "cue_end": "int",
    "confidence": "double",
    "addressee": "string",
    "addressee_mention": "string",
    "parent": "int",
    "depth": "int",
    "rule": "string",
    "via": "string",
    "speaker_id": "string",
    "context": "string",
}

# saidwho numbers speakers per run ("batch"): S0001, S0002 … in order of first
# appearance, so in Spark every partition starts again at S0001. Unless
# --speaker-ids raw, the job writes those automatic ids as "p<partition>:S0001"
# so that ids from two partitions never look the same; a person keeps one id
# within a partition only. Ids pinned with an aliases file are global and are
# kept as they are.
AUTO_SPEAKER_ID = re.compile(r"S[0-9]{4,}")

STDERR_TAIL = 40  # lines of saidwho's stderr kept for the log / the error message


def log(msg: str) -> None:
    print(f"quotes_job: {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- the binary


def resolve_binary(name: str) -> str:
    """Finds saidwho where this code runs (driver or executor).

    In order: a file shipped with `--files` / `--ship` (SparkFiles, looked up
    by base name), the path as given, then the PATH.
    """
    candidates = []
    try:
        from pyspark import SparkFiles

        candidates.append(SparkFiles.get(os.path.basename(name)))
    except Exception:  # no SparkContext / SparkFiles root here
        pass
    if os.sep in name:
        candidates.append(name)
    found = shutil.which(name)
    if found:
        candidates.append(found)
    for c in candidates:
        if c and os.path.isfile(c):
            if not os.access(c, os.X_OK):
                # a shipped file may arrive without its executable bit
                try:
                    os.chmod(c, os.stat(c).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
                except OSError:
                    continue
            return os.path.abspath(c)
    raise FileNotFoundError(
        f"saidwho binary {name!r} not found (not shipped with --files/--ship, not a file, not on PATH)"
    )


def binary_columns(binary: str) -> list[str]:
    """The CSV header of the binary: run on an empty document it writes only that."""
    p = subprocess.run(
        [binary, "extract", "--format", "csv", "-"],
        input=b"",
        capture_output=True,
        check=False,
    )
    if p.returncode != 0:
        raise RuntimeError(f"{binary} extract on empty input exited {p.returncode}: {p.stderr.decode(errors='replace')}")
    import csv
    import io

    rows = list(csv.reader(io.StringIO(p.stdout.decode("utf-8"))))
    if len(rows) != 1 or not rows[0]:
        raise RuntimeError(f"{binary}: expected a header row only on empty input, got {len(rows)} rows")
    return rows[0]


def read_alias_ids(path: str) -> frozenset[str]:
    """The ids of a saidwho aliases file (CSV name,id; header and # lines skipped)."""
    import csv

    ids = set()
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.reader(f):
            if len(row) < 2 or row[0].lstrip().startswith("#") or row == ["name", "id"]:
                continue
            ids.add(row[1].strip())
    return frozenset(ids)


def spark_schema(columns: list[str]):
    from pyspark.sql import types as T

    kinds = {"int": T.IntegerType(), "double": T.DoubleType(), "string": T.StringType()}
    return T.StructType([T.StructField(c, kinds[KNOWN_COLUMNS.get(c, "string")], True) for c in columns])


# ---------------------------------------------------------- the worker side


def make_partition_runner(binary_name: str, extra_args: list[str], counters):
    """Returns the function run on every partition (closure shipped to executors).

    It yields (partition index, one JSON line of saidwho's output): the lines
    are parsed into typed columns by the JVM (from_json), which costs about a
    quarter of the CPU that json.loads + pickling typed tuples back costs here.
    """

    def run_partition(index: int, lines: Iterable[str]) -> Iterator[tuple[int, str]]:
        lines = iter(lines)
        first = next(lines, None)
        if first is None:
            return  # empty partition: no process
        binary = resolve_binary(binary_name)
        cmd = [binary, "extract", "--input", "jsonl", "--format", "jsonl", *extra_args, "-"]
        t0, cpu0 = time.monotonic(), time.process_time()
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

        # stdin is written and stderr drained on their own threads, so none of
        # the three pipes can fill up and block the others.
        # (pyspark's own RDD.pipe also consumes the partition on a writer thread)
        feed_error: list[BaseException] = []
        fed = [0, 0]  # records, bytes

        def feed() -> None:
            try:
                for line in _chain(first, lines):
                    b = line.encode("utf-8")
                    proc.stdin.write(b)
                    proc.stdin.write(b"\n")
                    fed[0] += 1
                    fed[1] += len(b) + 1
                counters["records"].add(fed[0])
            except BrokenPipeError:
                pass  # saidwho stopped reading: its exit code says why
            except BaseException as e:  # noqa: BLE001 - reported after the process ends
                feed_error.append(e)
            finally:
                try:
                    proc.stdin.close()
                except BrokenPipeError:
                    pass

        tail: collections.deque[str] = collections.deque(maxlen=STDERR_TAIL)
        n_err = [0]

        def drain() -> None:
            for raw in proc.stderr:
                line = raw.decode("utf-8", errors="replace").rstrip("\n")
                n_err[0] += 1
                tail.append(line)
                print(f"saidwho[partition {index}]: {line}", file=sys.stderr, flush=True)

        threads = [threading.Thread(target=feed, daemon=True), threading.Thread(target=drain, daemon=True)]
        for t in threads:
            t.start()
        try:
            n_rows = 0
            for raw in proc.stdout:
                n_rows += 1
                yield (index, raw.decode("utf-8").rstrip("\n"))
        finally:
            proc.stdout.close()
            # wait4, not wait: it also gives saidwho's CPU time for the log line
            _, status, usage = os.wait4(proc.pid, 0)
            code = proc.returncode = os.waitstatus_to_exitcode(status)
            for t in threads:
                t.join()
        secs = max(time.monotonic() - t0, 1e-9)
        log(
            f"partition {index}: {fed[0]} records, {fed[1] / 1e6:.1f} MB, {n_rows} quotes in {secs:.2f} s "
            f"({fed[1] / 1e6 / secs:.1f} MB/s); CPU saidwho {usage.ru_utime + usage.ru_stime:.2f} s, "
            f"python {time.process_time() - cpu0:.2f} s; exit {code}"
        )
        if feed_error:
            raise RuntimeError(f"partition {index}: feeding saidwho failed") from feed_error[0]
        counters["quotes"].add(n_rows)
        if code == 1:
            # some records were skipped; saidwho said which on stderr (logged above)
            counters["partitions_with_skips"].add(1)
            counters["skip_messages"].add(n_err[0])
            log(f"partition {index}: saidwho exited 1, skipped records:\n  " + "\n  ".join(tail))
        elif code != 0:
            raise RuntimeError(
                f"partition {index}: {' '.join(cmd)} exited {code}"
                + (f" (signal {-code})" if code < 0 else "")
                + ":\n"
                + "\n".join(tail)
            )

    return run_partition


def _chain(first, rest):
    yield first
    yield from rest


# ------------------------------------------------------------ the driver side


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--input", required=True, help="file or folder (JSONL: *.jsonl, *.jsonl.gz; or Parquet)")
    p.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl", help="input format")
    p.add_argument("--output", required=True, help="Parquet folder to write (overwritten)")
    p.add_argument(
        "--saidwho",
        default="saidwho",
        help="the binary: a path, a name on PATH, or the base name of a file shipped with --files (default: saidwho)",
    )
    p.add_argument("--ship", action="store_true", help="ship --saidwho to the executors (SparkContext.addFile)")
    p.add_argument("--id-field", default="id", help="column / JSON field with the document id (default: id)")
    p.add_argument("--text-field", default="text", help="column / JSON field with the article text (default: text)")
    p.add_argument("--partitions", type=int, default=0, help="repartition the input to N partitions first (0: keep)")
    p.add_argument("--jobs", type=int, default=1, help="saidwho threads per task (default 1: Spark runs one task a core)")
    p.add_argument("--all", action="store_true", help="pass --all to saidwho (also quote marks that are not speech)")
    p.add_argument(
        "--speaker-ids",
        choices=["partition", "raw"],
        default="partition",
        help="partition (default): automatic speaker ids as p<N>:S0001, unique per partition; "
        "raw: as saidwho writes them (S0001 restarts in every partition)",
    )
    p.add_argument(
        "--aliases",
        help="pass --aliases FILE to saidwho (name,id CSV; must exist on every executor); its ids are kept as given",
    )
    p.add_argument("--lexicon", help="pass --lexicon FILE to saidwho (the file must exist on every executor)")
    p.add_argument("--output-partitions", type=int, default=0, help="coalesce the output to N files (0: one per task)")
    p.add_argument("--master", help="Spark master when not set by spark-submit (default: local[*])")
    return p.parse_args(argv)


def run(spark, args: argparse.Namespace) -> dict[str, int]:
    """Runs the job in an existing SparkSession; returns the counters."""
    from pyspark.sql import functions as F

    sc = spark.sparkContext
    if args.ship:
        sc.addFile(os.path.abspath(args.saidwho))
        binary_name = os.path.basename(args.saidwho)
    else:
        binary_name = args.saidwho

    columns = binary_columns(resolve_binary(binary_name))
    unknown = [c for c in columns if c not in KNOWN_COLUMNS]
    gone = [c for c in KNOWN_COLUMNS if c not in columns]
    if unknown:
        log(f"saidwho writes columns this job does not know, kept as strings: {', '.join(unknown)}")
    if gone:
        log(f"this saidwho does not write (an older binary?): {', '.join(gone)}")
    schema = spark_schema(columns)

    # Both inputs become an RDD of JSON lines. JSONL is passed on as raw lines
    # (lineSep "\n" only, as saidwho splits), so saidwho parses each record once
    # and reports bad ones itself; Parquet rows are serialised by the JVM.
    if args.format == "jsonl":
        lines = spark.read.option("lineSep", "\n").text(args.input)
        id_field, text_field = args.id_field, args.text_field
    else:
        df = spark.read.parquet(args.input)
        lines = df.select(
            F.to_json(F.struct(F.col(args.id_field).alias("id"), F.col(args.text_field).alias("text")))
        )
        id_field, text_field = "id", "text"
    if args.partitions > 0:
        # on the DataFrame: an RDD of Python objects would be shuffled in pickled batches
        lines = lines.repartition(args.partitions)
    lines = lines.rdd.map(lambda r: r[0])

    extra = ["--jobs", str(args.jobs), "--id-field", id_field, "--text-field", text_field]
    if args.all:
        extra.append("--all")
    if args.lexicon:
        extra += ["--lexicon", args.lexicon]
    alias_ids: frozenset[str] = frozenset()
    if args.aliases:
        extra += ["--aliases", args.aliases]
        alias_ids = read_alias_ids(args.aliases)

    # accumulators: for the log only (a retried task may count twice)
    counters = {k: sc.accumulator(0) for k in ("records", "quotes", "partitions_with_skips", "skip_messages")}
    raw = spark.createDataFrame(
        lines.mapPartitionsWithIndex(make_partition_runner(binary_name, extra, counters)),
        "partition int, line string",
    )
    # FAILFAST: a value of the wrong type fails the task instead of becoming null
    out = raw.select("partition", F.from_json("line", schema, {"mode": "FAILFAST"}).alias("q"))
    cols = [F.col(f"q.{c}").alias(c) for c in columns]
    if "speaker_id" in columns and args.speaker_ids == "partition":
        sid = F.col("q.speaker_id")
        auto = sid.rlike("^" + AUTO_SPEAKER_ID.pattern + "$")
        if alias_ids:
            auto = auto & ~sid.isin(sorted(alias_ids))
        qualified = F.when(auto, F.concat(F.lit("p"), F.col("partition").cast("string"), F.lit(":"), sid))
        cols[columns.index("speaker_id")] = qualified.otherwise(sid).alias("speaker_id")
    out = out.select(*cols)
    if args.output_partitions > 0:
        out = out.coalesce(args.output_partitions)
    out.write.mode("overwrite").parquet(args.output)

    c = {k: v.value for k, v in counters.items()}
    log(
        f"{c['records']} input lines, {c['quotes']} quotes -> {args.output}"
        + (
            f"; {c['partitions_with_skips']} partition(s) skipped records ({c['skip_messages']} message(s) on stderr)"
            if c["partitions_with_skips"]
            else ""
        )
    )
    return c


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("saidwho-quotes")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    try:
        run(spark, args)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
