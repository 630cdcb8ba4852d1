#!/usr/bin/env bash
# Vets and tests the collector's Go modules with the race detector. Extra arguments go to
# `go test` (e.g. -run TestChain). The fuzz targets run on their committed seed corpus here; to
# fuzz further: cd securityprocessor && go test -fuzz FuzzCanonicalEncoding ./integrity
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# siemexporter's tests deliver into a real VictoriaLogs (built through the Go module proxy).
bash "$here/stack/install.sh" --victorialogs-only >/dev/null
for module in securityprocessor otlpjsonerrors awssigv4auth siemexporter siemcloudtest cmd/secotel-verify otlpsink; do
  echo "== $module" >&2
  (cd "$here/$module" && go vet ./... && go test -race "$@" ./...)
done
# The side-by-side benchmark's own module: its test proves both processors remove the secrets of
# the records the benchmark feeds them (bench/collector/run.sh runs the benchmarks).
echo "== bench/collector/compare" >&2
(cd "$here/../bench/collector/compare" && go vet ./... && go test -race "$@" ./...)
# The race detector inflates memory and time, so the detection-state budget (1M sources <= 64 MiB,
# with one and with three failed logins each) and the million-source flood are run without it.
echo "== detection state budget, million-source flood" >&2
(cd "$here/securityprocessor" && go test -count=1 -run 'TestDetectionStateFor1MSources|TestMillionJunkSourcesDoNotEvictTheAttacker' ./detection)
# Likewise the verifier's memory: 1M records verified with the live heap of 20,000.
echo "== verifier memory" >&2
(cd "$here/securityprocessor" && go test -count=1 -run TestVerifierMemoryDoesNotGrowWithTheOutput ./integrity)
