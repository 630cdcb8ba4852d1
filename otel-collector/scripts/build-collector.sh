#!/usr/bin/env bash
# Builds otelcol-secotel from builder-config.yaml into otel-collector/.build/ with OCB, which it
# installs through the Go module proxy. Skips the build when the binary is newer than every input
# (the manifest, the in-tree component modules and this script). Prints the binary's path on success.
set -euo pipefail

OCB_VERSION=v0.161.0 # must match the manifest's release train
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$here/.build"
binary="$build/otelcol-secotel/otelcol-secotel"
ocb="$build/bin/builder"

# One build at a time: test files that run in parallel may all ask for the binary. The check below
# runs under the lock, so a caller that waited finds the binary built and returns at once.
mkdir -p "$build"
if command -v flock >/dev/null; then
  exec 9>"$build/.lock"
  flock 9
fi

newer_input() {
  find "$here/builder-config.yaml" "$here/securityprocessor" "$here/otlpjsonerrors" "$here/siemexporter" "$here/awssigv4auth" \
    "$here/scripts/build-collector.sh" \
    -type f -newer "$binary" -print -quit
}

if [[ -x "$binary" && -z "$(newer_input)" ]]; then
  echo "$binary"
  exit 0
fi

mkdir -p "$build/bin"
if [[ ! -x "$ocb" ]] || ! "$ocb" version 2>/dev/null | grep -q "${OCB_VERSION#v}"; then
  GOBIN="$build/bin" go install "go.opentelemetry.io/collector/cmd/builder@$OCB_VERSION" >&2
fi

# Reproducible: no VCS stamping, no cgo, paths trimmed (OCB adds -trimpath), fixed module graph.
export CGO_ENABLED=0 GOFLAGS="-buildvcs=false" GOTOOLCHAIN=local
cd "$here"
"$ocb" --config builder-config.yaml >&2
echo "$binary"
