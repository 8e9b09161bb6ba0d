#!/usr/bin/env bash
# Lays out the installed platform for the image, in two trees that become two image layers:
#   OUT/libraries/opt/taxi-platform/lib/        third-party jars (change rarely)
#   OUT/application/opt/taxi-platform/          the project's jars (app/), each component's
#       descriptor and classpath (components/<name>/, paths relative to that directory), dbt/,
#       pipelines/, the broker's metric rules (deploy/monitoring/kafka/) and the `platform`
#       launcher (change with every commit)
# from the packaged source tree: each module's target/component/ and jar.
#
# usage: assemble-layout.sh PROJECT_ROOT LOCAL_REPOSITORY VERSION OUT
set -euo pipefail

if [ $# -ne 4 ]; then
  echo "usage: $0 PROJECT_ROOT LOCAL_REPOSITORY VERSION OUT" >&2
  exit 2
fi
root="$(cd "$1" && pwd)"
repository="$(cd "$2" && pwd)"
version="$3"
out="$4"
install=opt/taxi-platform

rm -rf "$out"
libraries="$out/libraries/$install"
application="$out/application/$install"
mkdir -p "$libraries/lib" "$application/app" "$application/components"

# A third-party jar keeps its file name behind its group id (two groups may ship the same name).
library_name() {
  local relative="${1#"$repository"/}"
  local file="${relative##*/}"
  local group_path="${relative%/*/*/*}"
  echo "${group_path//\//.}.$file"
}

module_jar() {
  local module="$1" jar
  for jar in "$root/$module/target/"*"-$version.jar"; do
    [ -f "$jar" ] && { echo "$jar"; return; }
  done
  echo "error: $module has no packaged jar in $root/$module/target; run the build's package phase" >&2
  exit 1
}

components=0
for descriptor in "$root"/*/target/component/component.properties; do
  [ -f "$descriptor" ] || continue
  module="$(basename "$(dirname "$(dirname "$(dirname "$descriptor")")")")"
  jar="$(module_jar "$module")"
  cp "$jar" "$application/app/"
  target="$application/components/$module"
  mkdir -p "$target"
  # The image holds the jar alone: its classes are the packaged ones.
  sed -e "s#^classes=.*#classes=../../app/$(basename "$jar")#" \
    -e '/^# The same classes packaged/d' -e '/^packaged-classes=/d' \
    "$descriptor" >"$target/component.properties"
  entries=()
  classpath_file="$(dirname "$descriptor")/classpath"
  if [ -s "$classpath_file" ]; then
    IFS=":" read -r -a paths <<<"$(tr -d "\n" <"$classpath_file")"
    for path in "${paths[@]}"; do
      [ -n "$path" ] || continue
      if [ ! -f "$path" ]; then
        echo "error: $module's classpath names $path, which is not a file; run the build's package phase" >&2
        exit 1
      fi
      case "$path" in
        "$repository"/*)
          name="$(library_name "$path")"
          [ -f "$libraries/lib/$name" ] || cp "$path" "$libraries/lib/$name"
          entries+=("../../lib/$name")
          ;;
        "$root"/*)
          cp -n "$path" "$application/app/"
          entries+=("../../app/$(basename "$path")")
          ;;
        *)
          echo "error: $module's classpath names $path, outside the project and $repository" >&2
          exit 1
          ;;
      esac
    done
  fi
  (IFS=':'; echo "${entries[*]}") >"$target/classpath"
  components=$((components + 1))
done
if [ "$components" -eq 0 ]; then
  echo "error: no built components under $root; run the build's package phase first" >&2
  exit 1
fi

cp -r "$root/dbt" "$root/pipelines" "$application/"
rm -rf "$application/dbt/target" "$application/dbt/logs"
# The SQL models' artifacts (compiled SQL, manifest) are written beside the project.
mkdir -p "$application/dbt/target"
# `platform server kafka --metrics-port` reads its exporter rules from here by default.
mkdir -p "$application/deploy/monitoring/kafka"
cp "$root/deploy/monitoring/kafka/jmx-exporter.yaml" "$application/deploy/monitoring/kafka/"
cp "$root/platform" "$application/platform"
echo "Image layout: $components components, $(ls "$libraries/lib" | wc -l) libraries" \
  "($(du -sh "$libraries/lib" | cut -f1)), $(ls "$application/app" | wc -l) project jars"
