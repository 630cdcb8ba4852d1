#!/usr/bin/env bash
# Installs what the local viewing and alerting stack needs and is missing; quick when everything is there.
#
#   bash otel-collector/stack/install.sh            # VictoriaLogs, Prometheus, Alertmanager, Chromium
#   bash otel-collector/stack/install.sh --no-browser
#   bash otel-collector/stack/install.sh --victorialogs-only   # what the SIEM end-to-end test needs
#
# - VictoriaLogs: built through the Go module proxy (go install) into otel-collector/.build/bin, at the
#   versions pinned in otel-collector/stack/victorialogs/go.mod (which says why those); rebuilt when the
#   pins change.
# - prometheus, prometheus-alertmanager, chromium: Debian packages (apt-get, as root, no questions asked).
#   policy-rc.d keeps the packages from starting their own system services; the stack runs its own
#   instances with its own configuration, ports and data (see stack.mjs).
# Prints KEY=VALUE lines with the paths of the binaries on stdout; progress goes to stderr.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$here/.build/bin"
victorialogs="$bin/victoria-logs"
stamp="$bin/victoria-logs.pins"
module="$here/stack/victorialogs"
browser=1
packages_too=1
case "${1:-}" in
  --no-browser) browser=0 ;;
  --victorialogs-only) browser=0 packages_too=0 ;;
esac

log() { echo "stack install: $*" >&2; }

# --- Debian packages --------------------------------------------------------------------------------
packages=()
[[ $packages_too == 1 ]] && packages+=(prometheus prometheus-alertmanager)
[[ $browser == 1 ]] && packages+=(chromium)
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$package")
  fi
done
if ((${#missing[@]} > 0)); then
  if [[ $(id -u) != 0 ]]; then
    log "missing Debian packages ${missing[*]}: run as root or install them with apt-get"
    exit 1
  fi
  log "installing ${missing[*]} (apt-get)"
  policy=/usr/sbin/policy-rc.d
  created_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    created_policy=1
  fi
  trap '[[ $created_policy == 1 ]] && rm -f "$policy"' EXIT
  export DEBIAN_FRONTEND=noninteractive
  # Lock::Timeout waits for another apt-get (a parallel setup script) instead of failing.
  apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# --- VictoriaLogs -----------------------------------------------------------------------------------
pins="$(cat "$module/go.mod" "$module/go.sum" | sha256sum | cut -d' ' -f1)"
if [[ ! -x $victorialogs || "$(cat "$stamp" 2>/dev/null)" != "$pins" ]]; then
  log "building victoria-logs (go install through the module proxy, a few minutes)"
  mkdir -p "$bin"
  # -mod=readonly: the build uses exactly the pinned, checksummed module graph.
  (cd "$module" && CGO_ENABLED=0 GOBIN="$bin" GOTOOLCHAIN=local GOFLAGS="-buildvcs=false -mod=readonly" \
    go install -trimpath tool) >&2
  echo "$pins" >"$stamp"
fi

echo "VICTORIALOGS=$victorialogs"
[[ $packages_too == 1 ]] || exit 0
echo "PROMETHEUS=$(command -v prometheus)"
echo "ALERTMANAGER=$(command -v prometheus-alertmanager)"
[[ $browser == 1 ]] && echo "CHROMIUM=$(command -v chromium)"
exit 0
