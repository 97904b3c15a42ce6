#!/usr/bin/env bash
# Create .venv with Sikerja and its test tools installed; quick no-op when up to date.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Sikerja needs Python 3.11 or newer (found: $("$PY" --version 2>&1))." >&2
  exit 1
fi
stamp=.venv/.installed
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e '.[test]'
  touch "$stamp"
fi
# Translations are compiled with Babel from locales/*.po (binaries are never committed).
.venv/bin/python -c 'from handlers.core.i18n import compile_catalogs; compile_catalogs(force=True)'
