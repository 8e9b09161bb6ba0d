#!/usr/bin/env bash
# `./platform image build`: builds the platform image, taxi-platform:VERSION, offline, into
# target/image/taxi-platform-VERSION.tar, and prints its size, layers and digest.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: platform image build [--base IMAGE]

Build the platform image taxi-platform:VERSION (every component, the SQL models, the pipelines)
without a Docker engine or a registry, into target/image/taxi-platform-VERSION.tar, and print its
size, layers and digest. The tarball loads with docker load, podman load, minikube image load or
kind load image-archive.

The base is Debian (minbase) with its Java 17 runtime, built from this machine's apt mirror with
debootstrap (needs root, once per machine; cached under ~/.cache/taxi-platform/).

Options:
  --base IMAGE   build on a Java 17 image from a registry instead (e.g. eclipse-temurin:17-jre)
  -h, --help     show this help
USAGE
}

home="${PLATFORM_HOME:-$(cd "$(dirname "$0")/../../../../.." && pwd)}"
args=()
case "${1:-}" in
  build) shift ;;
  -h | --help | help | "")
    usage
    exit 0
    ;;
  *)
    echo "error: unknown image command \"$1\"; try: platform image build" >&2
    exit 2
    ;;
esac
while [ $# -gt 0 ]; do
  case "$1" in
    --base)
      [ $# -ge 2 ] || { echo "error: --base needs an image, e.g. --base eclipse-temurin:17-jre" >&2; exit 2; }
      args+=("-Dimage.base=$2")
      shift 2
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      echo "error: unknown option \"$1\"; see platform image build --help" >&2
      exit 2
      ;;
  esac
done
if ! command -v mvn >/dev/null 2>&1; then
  echo "error: Maven (mvn) builds the image; install it (apt-get install maven) and retry." >&2
  exit 2
fi

revision="$(git -C "$home" rev-parse HEAD 2>/dev/null || echo unknown)"
if [ "$revision" != unknown ] && [ -n "$(git -C "$home" status --porcelain 2>/dev/null)" ]; then
  revision="$revision-modified"
fi
source_url="$(git -C "$home" remote get-url origin 2>/dev/null || true)"
case "$source_url" in
  https://* | http://* | git@* | ssh://*) args+=("-Dimage.source=$source_url") ;;
esac
echo "Building the platform image (revision $revision) ..." >&2
log="$home/target/image-build.log"
mkdir -p "$home/target"
if ! mvn -B -ntp -f "$home/pom.xml" -P image -pl deploy/image -am package -DskipTests \
    -Dspotless.check.skip=true -Dimage.revision="$revision" "${args[@]}" >"$log" 2>&1; then
  grep -E '^\[ERROR\]|^error:' "$log" | head -n 20 >&2 || true
  echo "error: the image build failed; full log in $log" >&2
  exit 1
fi
sed -n '/^Image layout:/p; /^Image tarball:/,/^  image id:/p' "$log"
