#!/usr/bin/env bash
# Review outputs checked with the real programs (issue 5):
#   - LibreOffice Calc opens the `--excel` CSV and the XLSX headless and saves
#     them back as CSV: same rows and columns as the default CSV, diacritics
#     intact, multi-line quotes in one cell, formula-like text kept as text;
#   - Chromium renders report.html headless: every quote highlighted exactly
#     once, speaker table counts = the CSV's per-speaker counts, tags balanced,
#     the filters work (through chromedriver), no JS errors, no horizontal
#     scrolling on a phone, and screenshots (desktop, phone) for a human look.
#
# Usage: bash scripts/review_tests.sh        (CI calls exactly this)
# Env:   SAIDWHO=path/to/binary   use this binary instead of building one
#        REVIEW_OUT=dir           where outputs and screenshots go
#                                 (default: target/review-tests, recreated)
#        REVIEW_NO_INSTALL=1      never apt-get install missing programs
# Idempotent; prints one line per check and "review: N passed, M failed";
# exits non-zero if any check failed or a program is missing.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${REVIEW_OUT:-$ROOT/target/review-tests}"
PASSED=0
FAILED=0

pass() { PASSED=$((PASSED + 1)); printf '  ok    %s\n' "$1"; }
fail() { FAILED=$((FAILED + 1)); printf '  FAIL  %s\n' "$1"; }
# check NAME CMD...: runs CMD, passes if it exits 0, else shows its output
check() {
    local name="$1" out
    shift
    if out="$("$@" 2>&1)"; then
        pass "$name"
        [ -n "$out" ] && printf '%s\n' "$out" | sed 's/^/        /'
    else
        fail "$name"
        printf '%s\n' "$out" | tail -25 | sed 's/^/        /'
    fi
    return 0
}
finish() {
    echo
    echo "outputs and screenshots: $OUT"
    echo "review: $PASSED passed, $FAILED failed"
    [ "$FAILED" -eq 0 ]
    exit $?
}

echo "== programs"
need_install=()
command -v soffice >/dev/null 2>&1 || need_install+=(libreoffice-calc)
command -v chromium >/dev/null 2>&1 || need_install+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_install+=(chromium-driver)
fc-list 2>/dev/null | grep -qi dejavu || need_install+=(fonts-dejavu-core)
if [ "${#need_install[@]}" -gt 0 ]; then
    if [ "${REVIEW_NO_INSTALL:-0}" != 1 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        t0=$(date +%s)
        export DEBIAN_FRONTEND=noninteractive
        if apt-get update -qq >/dev/null 2>&1 &&
            apt-get install -y -qq --no-install-recommends "${need_install[@]}" >/dev/null 2>&1; then
            pass "installed ${need_install[*]} in $(($(date +%s) - t0)) s"
        else
            fail "apt-get install ${need_install[*]}"
        fi
    else
        fail "missing ${need_install[*]} (install: apt-get install ${need_install[*]})"
    fi
fi
for p in soffice chromium chromedriver python3; do
    command -v "$p" >/dev/null 2>&1 || { fail "$p not found"; finish; }
done
pass "$(soffice --version 2>/dev/null | head -1 | cut -d' ' -f1-2); $(chromium --version 2>/dev/null); $(python3 --version)"

echo "== outputs"
if [ -z "${SAIDWHO:-}" ]; then
    if (cd "$ROOT" && cargo build --quiet --bin saidwho); then
        SAIDWHO="${CARGO_TARGET_DIR:-$ROOT/target}/debug/saidwho"
    else
        fail "cargo build"
        finish
    fi
fi
rm -rf "$OUT"
mkdir -p "$OUT/in" "$OUT/lo" "$OUT/home"
INPUTS=("$ROOT/corpus" "$ROOT/tests/data/review")
run_saidwho() { "$SAIDWHO" "$@"; }
check "extract (default CSV)" run_saidwho extract "${INPUTS[@]}" -o "$OUT/in/plain.csv"
check "extract --excel" run_saidwho extract "${INPUTS[@]}" --excel -o "$OUT/in/excel.csv"
check "extract --format xlsx" run_saidwho extract "${INPUTS[@]}" --format xlsx -o "$OUT/in/book.xlsx"
check "report" run_saidwho report "${INPUTS[@]}" -o "$OUT/report.html"
check "speakers" run_saidwho speakers "${INPUTS[@]}" -o "$OUT/speakers.csv"

# The checks proper, in Python (standard library only).
cat >"$OUT/check.py" <<'PY'
import csv, html.parser, io, json, os, socket, subprocess, sys, tempfile, time, urllib.request, zipfile
from collections import Counter

OUT = os.environ["OUT"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

def load(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.reader(f))

def unneutralize(cell):
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell

def fail(msg):
    print(msg)
    sys.exit(1)

def same_table(ref, got, fix=lambda c: c, extra_cols=0):
    """Same rows and columns as the reference CSV, cell for cell."""
    if len(got) != len(ref):
        fail(f"{len(got)} rows, want {len(ref)}")
    if len(got[0]) != len(ref[0]) + extra_cols:
        fail(f"{len(got[0])} columns, want {len(ref[0]) + extra_cols}")
    bad = []
    for i, (a, b) in enumerate(zip(ref, got)):
        if len(b) != len(got[0]):
            bad.append(f"row {i}: {len(b)} cells")
        for j, (x, y) in enumerate(zip(a, b)):
            if x != fix(y):
                bad.append(f"row {i} {ref[0][j]}: {x[:50]!r} came back as {y[:50]!r}")
    if bad:
        fail("\n".join(bad[:10]))
    return f"{len(got) - 1} rows x {len(got[0])} columns identical"

def text_checks(rows, expect_apostrophe):
    """Diacritics, multi-line cells, formula-like text kept as text."""
    h = rows[0]
    text, speaker = h.index("text"), h.index("speaker")
    texts = [r[text] for r in rows[1:]]
    speakers = {r[speaker] for r in rows[1:]}
    if "Gitanas Nausėda" not in speakers:
        fail(f"Nausėda lost: {sorted(speakers)}")
    if not any("\n\n" in t for t in texts):
        fail("multi-line quote not in one cell")
    p = "'" if expect_apostrophe else ""
    for want in ["=1+1,", "-5 dead and dozens hurt,", "+49 callers, @everyone in the office,", "=SUM(A1:A9)"]:
        if p + want not in texts:
            near = [t for t in texts if want[1:6] in t]
            fail(f"{p + want!r} not kept as text (got {near})")
    for bad in ["2", "Err:509", "0", "-5", "#NAME?"]:
        if bad in texts:
            fail(f"a formula ran: {bad!r} in the text column")

def soffice(args):
    prof = "file://" + os.path.join(OUT, "lo", "profile")
    cmd = ["timeout", "180", "soffice", f"-env:UserInstallation={prof}", "--headless", "--norestore"] + args
    r = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, HOME=os.path.join(OUT, "home")))
    if r.returncode != 0:
        fail(f"soffice failed ({r.returncode}): {r.stdout}{r.stderr}")

def lo_csv():
    """Calc opens the --excel CSV (UTF-8, comma) and saves it as CSV."""
    soffice(["--infilter=CSV:44,34,76,1", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1",
             "--outdir", os.path.join(OUT, "lo", "from-excel-csv"), os.path.join(OUT, "in", "excel.csv")])
    got = load(os.path.join(OUT, "lo", "from-excel-csv", "excel.csv"))
    text_checks(got, expect_apostrophe=True)
    print(same_table(load(os.path.join(OUT, "in", "plain.csv")), got, fix=unneutralize))

def lo_plain_is_unsafe():
    """Why --excel exists: Calc runs the formulas of the default CSV."""
    soffice(["--infilter=CSV:44,34,76,1", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1",
             "--outdir", os.path.join(OUT, "lo", "from-plain-csv"), os.path.join(OUT, "in", "plain.csv")])
    got = load(os.path.join(OUT, "lo", "from-plain-csv", "plain.csv"))
    texts = [r[got[0].index("text")] for r in got[1:]]
    if "=SUM(A1:A9)" in texts:
        fail("Calc kept the plain formula as text: the default-CSV hazard is gone?")
    print("default CSV: '=SUM(A1:A9)' came back as", [t for t in texts if t in ("0", "Err:509", "#NAME?")][:2])

def lo_xlsx():
    """Calc opens the workbook and saves both sheets as CSV."""
    outdir = os.path.join(OUT, "lo", "from-xlsx")
    soffice(["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
             "--outdir", outdir, os.path.join(OUT, "in", "book.xlsx")])
    quotes = load(os.path.join(outdir, "book-quotes.csv"))
    speakers = load(os.path.join(outdir, "book-speakers.csv"))
    if quotes[0][-1] != "verdict":
        fail(f"last column {quotes[0][-1]!r}, want verdict")
    text_checks(quotes, expect_apostrophe=False)
    ref = load(os.path.join(OUT, "in", "plain.csv"))
    msg = same_table(ref, [r[:-1] for r in quotes])
    want = load(os.path.join(OUT, "speakers.csv"))
    if [r[:6] for r in speakers] != want:
        fail(f"speakers sheet differs from `saidwho speakers`:\n{speakers[:3]}\n{want[:3]}")
    with zipfile.ZipFile(os.path.join(OUT, "in", "book.xlsx")) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    for need in ['state="frozen"', "<autoFilter", "<dataValidation", "<conditionalFormatting"]:
        if need not in sheet:
            fail(f"{need} missing in the quotes sheet")
    # Calc shrugs at a repeated <row>; Excel calls the file damaged
    import re
    rs = [int(r) for r in re.findall(r'<row r="(\d+)"', sheet)]
    if rs != list(range(1, len(ref) + 1)):
        fail(f"rows of the quotes sheet not 1..{len(ref)} once each: {rs[-4:]}")
    print(msg + f" (+ verdict); speakers sheet: {len(speakers) - 1} speakers")

class Dom(html.parser.HTMLParser):
    VOID = {"meta", "br", "input", "link", "img", "hr"}
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.marks, self.spk, self.docs = [], [], [], [], {}
        self.cur_doc_link = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in self.VOID:
            self.stack.append(tag)
        cls = (a.get("class") or "").split()
        if tag == "mark" and "q" in cls:
            self.marks.append(a)
        if tag == "tr" and "spk" in cls:
            self.spk.append(a)
        if tag == "a" and self.stack[-2:-1] == ["li"] and (a.get("href") or "").startswith("#d") and "-q" not in a["href"]:
            self.cur_doc_link = a["href"][2:]
    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]} at {self.getpos()}")
        else:
            self.stack.pop()
    def handle_data(self, data):
        if self.cur_doc_link is not None:
            self.docs[data] = int(self.cur_doc_link)
            self.cur_doc_link = None

def chromium(args):
    base = ["timeout", "120", "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars", "--user-data-dir=" + tempfile.mkdtemp(prefix="chromium-", dir=OUT)]
    return subprocess.run(base + args, capture_output=True, text=True)

def dom():
    """The DOM Chromium builds from report.html against the CSV of the same run."""
    r = chromium(["--dump-dom", "file://" + os.path.join(OUT, "report.html")])
    if r.returncode != 0 or "<mark" not in r.stdout:
        fail(f"chromium --dump-dom failed ({r.returncode}): {r.stderr[-500:]}")
    with open(os.path.join(OUT, "report.dom.html"), "w") as f:
        f.write(r.stdout)
    d = Dom()
    d.feed(r.stdout)
    if d.errors:
        fail("\n".join(d.errors[:5]))
    rows = load(os.path.join(OUT, "in", "plain.csv"))
    h = rows[0]
    doc, qid, sid = h.index("doc"), h.index("quote_id"), h.index("speaker_id")
    ids = Counter(m.get("id") for m in d.marks)
    problems = [f"{i} highlighted {n} times" for i, n in ids.items() if n != 1]
    for row in rows[1:]:
        anchor = f"d{d.docs[row[doc]]}-q{row[qid]}"
        m = [m for m in d.marks if m.get("id") == anchor]
        if len(m) != 1:
            problems.append(f"{anchor}: {len(m)} highlights")
        elif m[0].get("data-sid", "") != row[sid]:
            problems.append(f"{anchor}: speaker {m[0].get('data-sid')!r}, CSV {row[sid]!r}")
    if len(d.marks) != len(rows) - 1:
        problems.append(f"{len(d.marks)} highlights for {len(rows) - 1} CSV rows")
    want = Counter(r[sid] for r in rows[1:])
    got = {a.get("data-sid", ""): int(a["data-count"]) for a in d.spk}
    if got != dict(want):
        problems.append(f"speaker table {got} != CSV {dict(want)}")
    if problems:
        fail("\n".join(problems[:10]))
    print(f"{len(d.marks)} highlights = {len(rows) - 1} CSV rows; {len(got)} speaker rows match the CSV counts")

def webdriver():
    """The page's JS with a real browser (chromedriver on 127.0.0.1)."""
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
    drv = subprocess.Popen(["chromedriver", f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    def req(method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        rq = urllib.request.Request(base + path, data=data, method=method, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(rq, timeout=60) as f:
            return json.load(f)["value"]
    sess = None
    try:
        for _ in range(100):
            try:
                req("GET", "/status"); break
            except Exception:
                time.sleep(0.1)
        args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--user-data-dir=" + tempfile.mkdtemp(prefix="chromedriver-", dir=OUT),
                "--window-size=1400,1000"]
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:loggingPrefs": {"browser": "ALL"},
                "goog:chromeOptions": {"binary": subprocess.check_output(["sh", "-c", "command -v chromium"], text=True).strip(), "args": args}}}}
        sess = req("POST", "/session", caps)["sessionId"]
        S = f"/session/{sess}"
        js = lambda src: req("POST", S + "/execute/sync", {"script": src, "args": []})
        def click(css):
            el = req("POST", S + "/element", {"using": "css selector", "value": css})
            req("POST", S + f"/element/{list(el.values())[0]}/click", {})
        req("POST", S + "/url", {"url": "file://" + os.path.join(OUT, "report.html")})
        rows = load(os.path.join(OUT, "in", "plain.csv"))
        h = rows[0]
        conf, sid, speaker = h.index("confidence"), h.index("speaker_id"), h.index("speaker")
        low = sum(1 for r in rows[1:] if float(r[conf]) < 0.6)
        visible = 'return [...document.querySelectorAll("li.qi")].filter(e => e.offsetParent !== null && !e.hidden).length'
        problems = []
        if js(visible) != len(rows) - 1:
            problems.append(f"{js(visible)} quote cards visible, want {len(rows) - 1}")
        click("#only-low")
        if js(visible) != low:
            problems.append(f"only-low: {js(visible)} cards visible, want {low}")
        plain = js('return [...document.querySelectorAll("mark.q:not(.low)")].filter(m => getComputedStyle(m).backgroundColor !== "rgba(0, 0, 0, 0)").length')
        if plain:
            problems.append(f"only-low: {plain} other quotes still coloured")
        click("#only-low")
        top = Counter(r[sid] for r in rows[1:] if r[sid]).most_common(1)[0]
        click(f'#spk option[value="{top[0]}"]')
        if js(visible) != top[1]:
            problems.append(f"speaker {top[0]}: {js(visible)} cards visible, want {top[1]}")
        dim = js('return document.querySelectorAll("mark.q.dim").length')
        if dim != len(rows) - 1 - top[1]:
            problems.append(f"speaker {top[0]}: {dim} quotes dimmed, want {len(rows) - 1 - top[1]}")
        click('#spk option[value=""]')
        click("mark.q")
        tip = js('const t = document.getElementById("tip"); return [t.classList.contains("on"), t.textContent]')
        if not tip[0] or rows[1][speaker] not in tip[1]:
            problems.append(f"tap on a quote: tip {tip}")
        req("POST", S + "/window/rect", {"width": 390, "height": 844})
        over = js("return document.documentElement.scrollWidth - window.innerWidth")
        if over > 1:
            problems.append(f"phone width: the page scrolls sideways by {over}px")
        if js('return getComputedStyle(document.querySelector("aside.qlist")).position') != "static":
            problems.append("phone width: quote list still sticky")
        try:
            logs = [l for l in req("POST", S + "/se/log", {"type": "browser"}) if l.get("level") == "SEVERE"]
        except Exception:
            logs = []
        if logs:
            problems.append(f"console errors: {logs[:3]}")
        if problems:
            fail("\n".join(problems))
        print(f"filters: only-low shows {low}, speaker {top[0]} shows {top[1]}; tap tip ok; phone: no sideways scroll")
    finally:
        if sess:
            try:
                req("DELETE", f"/session/{sess}")
            except Exception:
                pass
        drv.terminate()
        drv.wait(timeout=10)

def screenshots():
    """Desktop and phone screenshots for a human to look at."""
    msgs = []
    for name, size in [("desktop", "1400,1000"), ("phone", "390,1600")]:
        png = os.path.join(OUT, f"report-{name}.png")
        r = chromium([f"--screenshot={png}", f"--window-size={size}", "file://" + os.path.join(OUT, "report.html")])
        if r.returncode != 0 or not os.path.exists(png):
            fail(f"{name} screenshot failed: {r.stderr[-300:]}")
        n = os.path.getsize(png)
        if n < 30000:
            fail(f"{name} screenshot is {n} bytes: blank page?")
        msgs.append(f"{png} ({n // 1024} KB)")
    print("\n".join(msgs))

{"lo-csv": lo_csv, "lo-plain": lo_plain_is_unsafe, "lo-xlsx": lo_xlsx, "dom": dom, "webdriver": webdriver,
 "screenshots": screenshots}[sys.argv[1]]()
PY
export OUT
py() { python3 "$OUT/check.py" "$@"; }

echo "== LibreOffice Calc"
check "--excel CSV opens in Calc: rows, columns, Nausėda, multi-line cells, formulas as text" py lo-csv
check "default CSV in Calc runs formulas (why --excel exists)" py lo-plain
check "XLSX opens in Calc: both sheets, same cells as the CSV, typed numbers" py lo-xlsx

echo "== Chromium"
check "report DOM: one highlight per CSV row, speaker counts = CSV, tags balanced" py dom
check "report JS (chromedriver): low-confidence filter, speaker filter, tap tip, phone layout" py webdriver
check "report screenshots (desktop 1400px, phone 390px)" py screenshots

finish
