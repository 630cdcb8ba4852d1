#!/usr/bin/env bash
# Installs the Python test tools (pySigma and its backends for the Sigma tests, pycef for the SIEM end-to-end
# test) from PyPI into a repository-local virtual environment, .cache/python-tools, at the exact versions of
# scripts/python-requirements.txt. Runs again only when the requirements changed; refuses the environment when a
# licence is not allowed (scripts/python-licences.py). Prints the environment's python.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
requirements="$root/scripts/python-requirements.txt"
venv="$root/.cache/python-tools"
stamp="$venv/requirements.sha256"
pins="$(sha256sum "$requirements" | cut -d' ' -f1)"

if [[ ! -x $venv/bin/python || "$(cat "$stamp" 2>/dev/null)" != "$pins" ]]; then
  # Debian ships venv's pip bootstrap (ensurepip) in a package of its own.
  if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    if [[ $(id -u) != 0 ]]; then
      echo "install-python-tools: python3-venv is missing: run as root or install it with apt-get" >&2
      exit 1
    fi
    echo "install-python-tools: installing python3-venv (apt-get)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends python3-venv >&2
  fi
  rm -rf "$venv"
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$requirements" >&2
  "$venv/bin/pip" check >&2
  # No AGPL, GPL, SSPL or BUSL code, test tools included (LGPL is allowed for these test tools).
  if ! "$venv/bin/python" "$root/scripts/python-licences.py" >/dev/null; then
    rm -rf "$venv"
    exit 1
  fi
  echo "$pins" >"$stamp"
  echo "install-python-tools: installed in ${venv#"$root"/}" >&2
fi
echo "$venv/bin/python"
