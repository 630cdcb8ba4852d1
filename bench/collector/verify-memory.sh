#!/usr/bin/env bash
# Measures secotel-verify's peak resident memory on a generated chained output of RECORDS records
# (default 1,000,000; 100 records per line, signed genesis and shutdown checkpoints), for the
# verifier of this tree and, when BEFORE names a commit, for the verifier of that commit.
# Results: bench/collector/RESULTS.md ("secotel-verify memory").
# Usage: bench/collector/verify-memory.sh   (RECORDS=200000 BEFORE=60696a6 ...)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$here/../.."
records="${RECORDS:-1000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$repo/otel-collector/securityprocessor" &&
  SECOTEL_GENERATE_OUTPUT="$work/output.json" SECOTEL_GENERATE_RECORDS="$records" \
    go test -count=1 -run '^TestWriteGeneratedOutput$' ./integrity >/dev/null)
echo "output: $records records, $(du -m "$work/output.json" | cut -f1) MB" >&2

measure() { # label, source tree
  (cd "$2/otel-collector/cmd/secotel-verify" && go build -o "$work/verify-$1" .)
  /usr/bin/time -f "$1: %M KiB max resident, %e s elapsed" "$work/verify-$1" "$work/output.json" >"$work/$1.out" 2>"$work/$1.time" || true
  tail -1 "$work/$1.out" >&2
  tail -1 "$work/$1.time"
}

measure after "$repo"
if [[ -n "${BEFORE:-}" ]]; then
  mkdir "$work/before"
  git -C "$repo" archive "$BEFORE" otel-collector | tar -x -C "$work/before"
  measure before "$work/before"
fi
