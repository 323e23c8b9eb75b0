#!/usr/bin/env python3
"""Checks for quotes_job.py, run by scripts/spark_test.sh.

    spark_check.py to-jsonl DIR OUT.jsonl
        Writes one JSON line per *.txt / *.md file under DIR, in saidwho's
        order: id = path relative to DIR (as saidwho names it), text = the
        file's content exactly as read (UTF-8, strict).

    spark_check.py check --saidwho BIN --work DIR \\
            [--compare NAME PARQUET DIRECT.csv]... --corpus CORPUS.jsonl CORPUS.csv
        In one local SparkSession:
        - the binary's columns are the job's KNOWN_COLUMNS, in order;
        - every --compare: the job's Parquet output (typed schema) has exactly
          the rows of `saidwho extract` run directly (CSV), as a multiset of
          typed rows;
        - the job on the corpus from JSONL (several partitions) and from
          Parquet with other column names gives those rows too;
        - a partition whose saidwho exits 1 (bad records) is logged, the job
          succeeds and keeps the good records' rows;
        - a partition whose saidwho exits 2 fails the job.
        Ends with "N passed, N failed"; exit 1 if anything failed.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import os
import re
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import quotes_job  # noqa: E402

csv.field_size_limit(1 << 30)


def to_jsonl(src: str, out: str) -> None:
    items = []
    for root, dirs, files in os.walk(src):
        for f in files:
            if f.lower().endswith((".txt", ".md")):
                p = os.path.join(root, f)
                items.append((os.path.relpath(p, src).replace(os.sep, "/"), p))
    # saidwho sorts each folder's entries as paths, component by component
    # ("a/b.txt" before "a.txt"), so compare component tuples, not strings
    items.sort(key=lambda x: tuple(c.encode("utf-8") for c in x[0].split("/")))
    with open(out, "w", encoding="utf-8", newline="") as w:
        for rel, p in items:
            with open(p, "rb") as r:
                text = r.read().decode("utf-8")
            w.write(json.dumps({"id": rel, "text": text}, ensure_ascii=False) + "\n")
    print(f"spark_check: {len(items)} documents from {src} -> {out}")


# ------------------------------------------------------------------ helpers


def typed(value: str, kind: str):
    if kind == "string":
        return value
    if value == "":
        return None
    return int(value) if kind == "int" else float(value)


def direct_rows(path: str) -> tuple[list[str], collections.Counter]:
    with open(path, encoding="utf-8", newline="") as f:
        r = csv.reader(f)
        header = next(r)
        kinds = [quotes_job.KNOWN_COLUMNS.get(c, "string") for c in header]
        rows = collections.Counter(tuple(typed(v, k) for v, k in zip(row, kinds)) for row in r)
    return header, rows


def spark_rows(spark, path: str, header: list[str]) -> collections.Counter:
    df = spark.read.parquet(path)
    return collections.Counter(tuple(row[c] for c in header) for row in df.select(*header).collect())


PARTITION_ID = re.compile(r"p[0-9]+:S[0-9]{4,}")


def mask_speaker_ids(rows: collections.Counter, header: list[str], spark_side: bool) -> collections.Counter:
    """speaker_id reduced to "has one" ("*"): per-partition ids cannot equal a
    single run's. On the Spark side an id must have the p<N>:S0001 form."""
    if "speaker_id" not in header:
        return rows
    i = header.index("speaker_id")
    out: collections.Counter = collections.Counter()
    for row, n in rows.items():
        v = row[i]
        if v:
            v = "*" if not spark_side or PARTITION_ID.fullmatch(v) else f"malformed:{v}"
        out[row[:i] + (v,) + row[i + 1 :]] += n
    return out


class Checks:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    def ok(self, name: str, cond: bool, detail: str = "") -> bool:
        if cond:
            self.passed += 1
            print(f"ok   {name}{': ' + detail if detail else ''}")
        else:
            self.failed += 1
            print(f"FAIL {name}{': ' + detail if detail else ''}")
        return cond


def compare(checks: Checks, spark, name: str, parquet: str, direct_csv: str, speaker_ids: str = "exact") -> None:
    """speaker_ids: "exact" for a job run with --speaker-ids raw on one
    partition (same documents in the same order as the direct run), "partition"
    for a run with several partitions and the default p<N>:S0001 ids."""
    from pyspark.sql import types as T

    header, want = direct_rows(direct_csv)
    df = spark.read.parquet(parquet)
    expected = quotes_job.spark_schema(header)
    got_types = [(f.name, f.dataType) for f in df.schema.fields]
    want_types = [(f.name, f.dataType) for f in expected.fields]
    checks.ok(
        f"{name}: Parquet schema is typed",
        got_types == want_types,
        ", ".join(f"{n}:{t.simpleString()}" for n, t in got_types) if got_types != want_types else
        "int: " + " ".join(n for n, t in got_types if isinstance(t, T.IntegerType))
        + "; double: " + " ".join(n for n, t in got_types if isinstance(t, T.DoubleType)),
    )
    got = spark_rows(spark, parquet, header)
    if speaker_ids == "partition":
        want, got = mask_speaker_ids(want, header, False), mask_speaker_ids(got, header, True)
        if "speaker_id" in header:
            name += " (speaker_id: present/absent only)"
    missing = want - got
    extra = got - want
    docs_want = len({r[0] for r in want})
    docs_got = len({r[0] for r in got})
    detail = (
        f"direct {sum(want.values())} rows / {docs_want} docs, spark {sum(got.values())} rows / {docs_got} docs, "
        f"{sum(missing.values())} missing, {sum(extra.values())} extra"
    )
    if checks.ok(f"{name}: same rows as saidwho extract", not missing and not extra, detail):
        return
    for label, c in (("missing", missing), ("extra", extra)):
        for row in list(c)[:5]:
            print(f"     {label}: {row}")


def job_args(**kw) -> argparse.Namespace:
    argv = []
    for k, v in kw.items():
        flag = "--" + k.replace("_", "-")
        if v is True:
            argv.append(flag)
        elif v is not None:
            argv += [flag, str(v)]
    return quotes_job.parse_args(argv)


# -------------------------------------------------------------------- check


def check(a: argparse.Namespace) -> int:
    from pyspark.sql import SparkSession
    from pyspark.sql import types as T

    checks = Checks()
    binary = os.path.abspath(a.saidwho)
    cols = quotes_job.binary_columns(binary)
    known = list(quotes_job.KNOWN_COLUMNS)
    # the binary's columns must be KNOWN_COLUMNS, or its first 19 (built before speaker_id, context)
    fits = cols == known[: len(cols)] and len(cols) >= known.index("rule") + 1
    checks.ok(
        "saidwho's columns are the job's KNOWN_COLUMNS",
        fits,
        (f"{len(cols)} of {len(known)} columns" + ("" if len(cols) == len(known) else f", without {known[len(cols):]}"))
        if fits else f"binary {cols} vs job {known}: update KNOWN_COLUMNS in quotes_job.py",
    )

    spark = (
        SparkSession.builder.master(a.master).appName("saidwho-spark-check")
        .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false").getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    spark.sparkContext.addPyFile(quotes_job.__file__)  # the Python workers import it
    try:
        for name, parquet, direct in a.compare or []:
            compare(checks, spark, name, parquet, direct, "partition")

        corpus_jsonl, corpus_csv = a.corpus
        w = a.work

        # JSONL, several partitions (several saidwho processes)
        out = os.path.join(w, "corpus-jsonl.parquet")
        quotes_job.run(spark, job_args(input=corpus_jsonl, format="jsonl", output=out, saidwho=binary, partitions=3))
        compare(checks, spark, "corpus via JSONL, 3 partitions", out, corpus_csv, "partition")

        # Parquet input with other column names
        src = os.path.join(w, "corpus-input.parquet")
        schema = T.StructType([T.StructField("id", T.StringType()), T.StructField("text", T.StringType())])
        spark.read.schema(schema).json(corpus_jsonl).withColumnRenamed("id", "article_id").withColumnRenamed(
            "text", "body"
        ).write.mode("overwrite").parquet(src)
        out = os.path.join(w, "corpus-parquet.parquet")
        quotes_job.run(
            spark,
            job_args(input=src, format="parquet", output=out, saidwho=binary, id_field="article_id", text_field="body",
                     speaker_ids="raw"),
        )
        compare(checks, spark, "corpus via Parquet (article_id, body)", out, corpus_csv)

        # exit 1: bad records are skipped and logged, the job goes on
        bad = os.path.join(w, "corpus-bad.jsonl")
        with open(corpus_jsonl, encoding="utf-8") as r, open(bad, "w", encoding="utf-8") as wr:
            lines = r.read().splitlines()
            wr.write(lines[0] + "\n{not json\n")
            wr.write(json.dumps({"id": "no-text"}) + "\n")
            wr.write("\n".join(lines[1:]) + "\n")
        out = os.path.join(w, "corpus-bad.parquet")
        counters = quotes_job.run(
            spark, job_args(input=bad, format="jsonl", output=out, saidwho=binary, speaker_ids="raw")
        )
        checks.ok(
            "saidwho exit 1 (2 bad records) is logged, the job succeeds",
            counters["partitions_with_skips"] == 1 and counters["skip_messages"] == 2,
            f"counters {counters}",
        )
        compare(checks, spark, "corpus with 2 bad records", out, corpus_csv)

        # exit 2: the task fails, so the job fails
        out = os.path.join(w, "corpus-exit2.parquet")
        print("(the failing task below is expected; Spark's own log of it is silenced)")
        spark.sparkContext.setLogLevel("OFF")
        try:
            quotes_job.run(
                spark,
                job_args(input=corpus_jsonl, format="jsonl", output=out, saidwho=binary,
                         lexicon=os.path.join(w, "no-such-lexicon.toml")),
            )
        except Exception as e:  # Py4JJavaError wrapping the task's RuntimeError
            msg = str(e)
            checks.ok("saidwho exit 2 fails the job", "exited 2" in msg, "message names the exit code"
                      if "exited 2" in msg else msg[:500])
        else:
            checks.ok("saidwho exit 2 fails the job", False, "the job succeeded")
        finally:
            spark.sparkContext.setLogLevel("ERROR")
    except Exception:
        traceback.print_exc()
        checks.ok("check ran to the end", False)
    finally:
        spark.stop()

    print(f"spark: {checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


def main() -> int:
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("to-jsonl")
    t.add_argument("src")
    t.add_argument("out")
    c = sub.add_parser("check")
    c.add_argument("--saidwho", required=True)
    c.add_argument("--work", required=True)
    c.add_argument("--master", default="local[2]")
    c.add_argument("--compare", nargs=3, action="append", metavar=("NAME", "PARQUET", "DIRECT_CSV"))
    c.add_argument("--corpus", nargs=2, required=True, metavar=("JSONL", "DIRECT_CSV"))
    a = p.parse_args()
    if a.cmd == "to-jsonl":
        to_jsonl(a.src, a.out)
        return 0
    return check(a)


if __name__ == "__main__":
    sys.exit(main())
