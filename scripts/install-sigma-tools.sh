#!/usr/bin/env bash
# Installs pySigma and its backends from PyPI into a repository-local virtual environment (.cache/sigma-venv),
# pinned by sigma/tools/requirements.txt, for the Sigma tests (scripts/test/sigma.test.ts). Runs again only when
# the requirements changed, and refuses the environment when a licence is not allowed (sigma/tools/licences.py).
# Needs python3 with the venv module (Debian: python3-venv).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.cache/sigma-venv"
requirements="$root/sigma/tools/requirements.txt"
stamp="$venv/.requirements"
if [[ -x "$venv/bin/python" ]] && cmp -s "$requirements" "$stamp"; then exit 0; fi
if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
  echo "install-sigma-tools: python3 with the venv and ensurepip modules is needed (apt-get install python3-venv)" >&2
  exit 1
fi
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$requirements" >&2
"$venv/bin/pip" check >&2
# No AGPL, GPL, SSPL or BUSL code, test tools included (LGPL is allowed for these test tools).
if ! "$venv/bin/python" "$root/sigma/tools/licences.py" >/dev/null; then
  rm -rf "$venv"
  exit 1
fi
cp "$requirements" "$stamp"
echo "install-sigma-tools: pySigma installed in ${venv#"$root"/}" >&2
