#!/usr/bin/env bash
# Installs the Python packages the SIEM end-to-end test reads CEF with (an independent parser from PyPI) into a
# virtual environment under .cache/, at the versions pinned in scripts/siem-python-requirements.txt, refused when
# a licence is not allowed (sigma/tools/licences.py); quick when they are there. Prints the environment's python.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
requirements="$root/scripts/siem-python-requirements.txt"
venv="$root/.cache/siem-python"
stamp="$venv/requirements.sha256"
pins="$(sha256sum "$requirements" | cut -d' ' -f1)"

if [[ ! -x $venv/bin/python || "$(cat "$stamp" 2>/dev/null)" != "$pins" ]]; then
  # Debian ships venv's pip bootstrap (ensurepip) in its own package.
  if ! python3 -c 'import ensurepip' 2>/dev/null; then
    if [[ $(id -u) != 0 ]]; then
      echo "siem-python: python3-venv is missing: run as root or install it with apt-get" >&2
      exit 1
    fi
    echo "siem-python: installing python3-venv (apt-get)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends python3-venv >&2
  fi
  echo "siem-python: installing $(grep -v '^#' "$requirements" | tr '\n' ' ')into $venv (pip)" >&2
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$requirements" >&2
  # No AGPL, GPL, SSPL or BUSL code, test tools included: the Sigma tools' licence check reads any environment.
  if ! "$venv/bin/python" "$root/sigma/tools/licences.py" >/dev/null; then
    rm -rf "$venv"
    exit 1
  fi
  echo "$pins" >"$stamp"
fi
echo "$venv/bin/python"
