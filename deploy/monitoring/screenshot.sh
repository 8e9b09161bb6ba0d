#!/usr/bin/env bash
# Takes a screenshot of a running Prometheus's page in headless Chromium (Debian's `chromium`).
#   deploy/monitoring/screenshot.sh [URL] [OUTPUT.png]
# Defaults: the local stack's alerts page (Debian's build serves the classic UI: /classic/alerts), docs/prometheus-alerts.png.
set -euo pipefail
url="${1:-http://127.0.0.1:9090/classic/alerts}"
output="${2:-$(cd "$(dirname "$0")/../.." && pwd)/docs/prometheus-alerts.png}"
if ! command -v chromium >/dev/null 2>&1; then
  echo "error: chromium is not installed (apt-get install chromium)" >&2
  exit 3
fi
if ! curl -fsS -o /dev/null "$url"; then
  echo "error: nothing answers at $url; start the stack with ./platform up --with monitoring" >&2
  exit 3
fi
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars --window-size=1400,1000 \
  --virtual-time-budget=8000 --screenshot="$output" "$url" >/dev/null 2>&1
echo "Screenshot of $url in $output"
