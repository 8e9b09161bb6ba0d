#!/usr/bin/env bash
# Makes the platform image's base: Debian minbase with the Java 17 runtime and the platform's user,
# packed as a docker-save tarball (the format Jib reads as a `tar://` base). The tarball is built
# once per machine and cached, keyed by this script, the Debian suite, the mirror and the
# architecture, so changing any of them builds a new one. The Debian mirror is the one this
# machine's apt already uses (or DEBIAN_MIRROR).
#
# usage: base-image.sh BASE_REF LINK
#   BASE_REF  the image's configured base; anything but tar://LINK means a base from a registry,
#             and nothing is built
#   LINK      where the build expects the base tarball (a symbolic link to the cached one)
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 BASE_REF LINK" >&2
  exit 2
fi
base_ref="$1"
link="$2"
if [ "$base_ref" != "tar://$link" ]; then
  echo "Base image $base_ref comes from a registry: no base tarball to build."
  exit 0
fi

suite="${DEBIAN_SUITE:-bookworm}"
arch="$(dpkg --print-architecture 2>/dev/null || echo amd64)"
platform_uid=10001
platform_gid=10001
# Timestamps inside the tarball, so that the same inputs give the same bytes.
epoch="${SOURCE_DATE_EPOCH:-0}"

apt_mirror() {
  # deb822 sources first (Debian 12's default), then the one-line format.
  local file
  for file in /etc/apt/sources.list.d/*.sources; do
    [ -f "$file" ] || continue
    awk -v suite="$suite" '
      BEGIN { RS = ""; FS = "\n" }
      {
        uris = ""; suites = ""
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^URIs:/) { uris = $i; sub(/^URIs:[ \t]*/, "", uris) }
          if ($i ~ /^Suites:/) { suites = " " $i " " }
        }
        if (uris != "" && index(suites, " " suite " ") > 0) { split(uris, u, " "); print u[1]; exit }
      }' "$file"
  done | head -n 1
  if [ -f /etc/apt/sources.list ]; then
    awk '$1 == "deb" && $2 !~ /^\[/ && $3 !~ /security/ { print $2; exit }
         $1 == "deb" && $2 ~ /^\[/ && $4 !~ /security/ { print $3; exit }' /etc/apt/sources.list
  fi
}

mirror="${DEBIAN_MIRROR:-$(apt_mirror | head -n 1)}"
if [ -z "$mirror" ]; then
  echo "error: no Debian mirror in this machine's apt sources (/etc/apt/sources.list.d/*.sources," \
    "/etc/apt/sources.list); set DEBIAN_MIRROR to one and retry." >&2
  exit 2
fi

key="$( (cat "$0"; echo "$suite $arch $mirror $platform_uid $platform_gid $epoch") | sha256sum | cut -c1-16)"
cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/taxi-platform"
cached="$cache_dir/base-$suite-$arch-$key.tar"

if [ ! -f "$cached" ]; then
  if ! command -v debootstrap >/dev/null 2>&1; then
    echo "error: debootstrap is needed to build the image's base; install it (apt-get install" \
      "debootstrap), or build on a registry base with -Dimage.base=IMAGE." >&2
    exit 2
  fi
  if [ "$(id -u)" != "0" ]; then
    echo "error: building the image's base with debootstrap needs root (it is built once per" \
      "machine); run the build once as root, or build on a registry base with -Dimage.base=IMAGE." >&2
    exit 2
  fi
  mkdir -p "$cache_dir"
  work="$(mktemp -d "$cache_dir/base-build.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  root="$work/rootfs"
  echo "Building the image base: debootstrap minbase $suite + openjdk-17-jre-headless from $mirror ..."
  debootstrap --variant=minbase --arch="$arch" --include=openjdk-17-jre-headless \
    "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
    tail -n 30 "$work/debootstrap.log" >&2
    echo "error: debootstrap failed (log above)" >&2
    exit 1
  }

  # Trim what a runtime image never reads, and what differs from one build to the next.
  rm -rf "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* \
    "$root"/usr/share/lintian "$root"/usr/share/locale/* \
    "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/var/cache/debconf/*-old \
    "$root"/var/lib/dpkg/*-old "$root"/var/cache/ldconfig/aux-cache "$root"/var/log/* \
    "$root"/debootstrap "$root"/tmp/* "$root"/root/.cache
  : >"$root/etc/machine-id"
  # The platform's user and its data directory (a volume in the image).
  echo "platform:x:$platform_uid:$platform_gid:Taxi Platform:/data:/usr/sbin/nologin" >>"$root/etc/passwd"
  echo "platform:x:$platform_gid:" >>"$root/etc/group"
  echo "platform:!:0:0:99999:7:::" >>"$root/etc/shadow"
  mkdir -p "$root/data"
  chown "$platform_uid:$platform_gid" "$root/data"
  chmod 0750 "$root/data"

  pack() { # DIR OUT: a tarball of DIR's entries (named without "./"), its bytes from the files alone
    local entries
    mapfile -t entries < <(cd "$1" && ls -A)
    tar --sort=name --mtime="@$epoch" --numeric-owner --format=posix \
      --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
      -C "$1" -cf "$2" "${entries[@]}"
  }
  image="$work/image"
  mkdir -p "$image"
  pack "$root" "$work/layer.tar"
  layer_id="$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
  mkdir -p "$image/$layer_id"
  mv "$work/layer.tar" "$image/$layer_id/layer.tar"
  java_home="$(dirname "$(dirname "$(readlink -f "$root/usr/lib/jvm/java-17-openjdk-$arch/bin/java")")")"
  java_home="${java_home#"$root"}"
  created="$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)"
  cat >"$work/config.json" <<JSON
{"architecture":"$arch","os":"linux","created":"$created","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$java_home","LANG=C.UTF-8"]},"rootfs":{"type":"layers","diff_ids":["sha256:$layer_id"]},"history":[{"created":"$created","created_by":"debootstrap --variant=minbase --include=openjdk-17-jre-headless $suite"}]}
JSON
  config_id="$(sha256sum "$work/config.json" | cut -d' ' -f1)"
  mv "$work/config.json" "$image/$config_id.json"
  cat >"$image/manifest.json" <<JSON
[{"Config":"$config_id.json","RepoTags":["taxi-platform-base:$suite"],"Layers":["$layer_id/layer.tar"]}]
JSON
  pack "$image" "$work/base.tar"
  mv "$work/base.tar" "$cached"
  echo "Base image cached: $cached ($(du -h "$cached" | cut -f1))"
fi

mkdir -p "$(dirname "$link")"
ln -sfn "$cached" "$link"
echo "Base image: $cached"
