#!/usr/bin/env bash
# Sets up dkg on a fresh machine: a .venv with the project and its dev extras (tests, linters).
set -euo pipefail
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "dkg needs Python 3.11 or newer (found: $("$PYTHON" --version 2>&1)); set PYTHON=/path/to/python3.11" >&2
  exit 1
fi
[ -d .venv ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'
# Optional: Comunica, a JavaScript SPARQL client the API's tests also talk to (skipped without Node/npm).
if command -v npm >/dev/null 2>&1 && [ ! -x node_modules/.bin/comunica-sparql ]; then
  npm install --no-save --no-audit --no-fund --silent @comunica/query-sparql@4 >/dev/null 2>&1 \
    || echo "note: could not install @comunica/query-sparql; its tests will be skipped" >&2
fi
echo "dkg is installed in .venv: run tests with .venv/bin/pytest, the CLI with .venv/bin/dkg"
