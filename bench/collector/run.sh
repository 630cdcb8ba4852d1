#!/usr/bin/env bash
# Runs every collector benchmark (three runs each, one after another: the machine is shared) and
# prints the medians, then secotel's security processor side by side with the contrib
# redactionprocessor on the same records. Results: bench/collector/RESULTS.md.
# Usage: bench/collector/run.sh   (BENCHTIME=5s for longer runs; the default is 2s)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
processor="$here/../../otel-collector/securityprocessor"
benchtime="${BENCHTIME:-2s}"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT

bench() { # directory, package, pattern
  (cd "$1" && go test -run '^$' -bench "$3" -benchtime "$benchtime" -count 3 "$2") | tee -a "$out" >&2
}

echo "== the comparison measures real work: both processors remove every secret" >&2
(cd "$here/compare" && go vet ./... && go test -count=1 -run TestBothRemoveTheSecrets .) >&2

echo "== benchmarks ($benchtime x 3)" >&2
bench "$processor/redaction" . 'Benchmark(RedactAttributes|RedactStringBenign|RedactStringLong)$'
bench "$processor/detection" . 'BenchmarkObserve$'
bench "$processor" . 'Benchmark(DetectionAndChaining|DetectionOnly|ChainingOnly)$'
bench "$here/compare" . 'Benchmark(SecotelRedaction|SecotelAll|ContribRedaction|ContribRedactionLight)$'
echo "== detection state for 1M sources" >&2
(cd "$processor/detection" && go test -run '^$' -bench 'BenchmarkStateBytesPerSource' -benchtime 1x .) | tee -a "$out" >&2

# Medians of the three runs: ns/op, records/s and records per CPU-second where the benchmark
# reports them.
awk '
  /^Benchmark/ {
    name = $1; sub(/-[0-9]+$/, "", name)
    if (!(name in seen)) { seen[name] = 1; order[++n] = name }
    for (i = 2; i < NF; i++) {
      if ($(i+1) == "ns/op") ns[name] = ns[name] " " $i
      if ($(i+1) == "records/s") rps[name] = rps[name] " " $i
      if ($(i+1) == "records/cpu-s") cps[name] = cps[name] " " $i
      if ($(i+1) == "MiB/1M-sources") mib[name] = mib[name] " " $i
    }
  }
  function median(list,   a, k) {
    k = split(list, a, " "); if (k == 0) return ""
    asort(a); return a[int((k + 1) / 2)]
  }
  END {
    printf "\n%-58s %12s %12s %14s\n", "benchmark (median of runs)", "ns/op", "records/s", "records/cpu-s"
    for (i = 1; i <= n; i++) {
      m = order[i]
      if (m in mib) { printf "%-58s %26s MiB\n", m, median(mib[m]); continue }
      printf "%-58s %12.0f %12s %14s\n", m, median(ns[m]), (m in rps) ? sprintf("%.0f", median(rps[m])) : "-",
        (m in cps) ? sprintf("%.0f", median(cps[m])) : "-"
    }
    base = median(rps["BenchmarkContribRedaction"]); cbase = median(cps["BenchmarkContribRedaction"])
    printf "\nSide by side, same batches of 100 records (8 attributes, one secret each), one core:\n"
    printf "%-48s %10s %10s %14s %10s\n", "processor", "records/s", "x contrib", "records/cpu-s", "x contrib"
    split("SecotelRedaction SecotelAll ContribRedaction ContribRedactionLight", names, " ")
    split("secotel: redaction|secotel: redaction + detection + chaining|contrib redactionprocessor: equivalent rules|contrib redactionprocessor: light rules", labels, "|")
    for (i = 1; i <= 4; i++) {
      r = median(rps["Benchmark" names[i]]); c = median(cps["Benchmark" names[i]])
      printf "%-48s %10.0f %10.1f %14.0f %10.1f\n", labels[i], r, r / base, c, c / cbase
    }
  }' "$out"
