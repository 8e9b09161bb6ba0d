#!/usr/bin/env bash
# Prints what an image tarball holds: its size as a tarball and unpacked, its layers, its digest.
#
# usage: image-facts.sh IMAGE_TAR
set -euo pipefail

if [ $# -ne 1 ] || [ ! -f "$1" ]; then
  echo "usage: $0 IMAGE_TAR (an existing docker-save tarball)" >&2
  exit 2
fi
tarball="$1"
target="$(dirname "$0")/../../../target"

human() { numfmt --to=iec-i --suffix=B --format=%.1f "$1"; }

manifest="$(tar -xOf "$tarball" manifest.json)"
layers="$(echo "$manifest" | grep -o '"Layers":\[[^]]*\]' | grep -o '"[^"]*\.tar[^"]*"' | tr -d '"')"
echo "Image tarball: $tarball"
echo "  size as tar:   $(human "$(stat -c %s "$tarball")")"
unpacked=0
index=0
while read -r layer; do
  [ -n "$layer" ] || continue
  index=$((index + 1))
  packed="$(tar -tvf "$tarball" "$layer" | awk '{ print $3 }')"
  size="$(tar -xOf "$tarball" "$layer" | gzip -dc | wc -c)"
  unpacked=$((unpacked + size))
  printf '  layer %d: %10s packed, %10s unpacked  %s\n' "$index" "$(human "$packed")" "$(human "$size")" "$layer"
done <<<"$layers"
echo "  layers:        $index"
echo "  unpacked size: $(human "$unpacked")"
[ -f "$target/image.digest" ] && echo "  digest:        $(cat "$target/image.digest")"
[ -f "$target/image.id" ] && echo "  image id:      $(cat "$target/image.id")"
true
