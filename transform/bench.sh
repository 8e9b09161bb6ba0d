#!/usr/bin/env bash
# Runs the transformation engine's benchmark: builds the module and its test classes, then runs
# dev.taxiplatform.transform.bench.TransformBenchmark with an embedded PostgreSQL.
#   transform/bench.sh [DATA_DIR]        (default ./.platform-data; writes bench-results/transform.json)
# Sizes: -Dbench.rides=1000000 -Dbench.models=1000 via BENCH_OPTS.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
cd "$root"
mvn -q -B -pl transform -am test-compile -DskipTests
mvn -q -B -pl transform dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$here/target/bench.classpath"
exec java -Xmx2g ${BENCH_OPTS:-} -Dplatform.home="$root" \
  -cp "$here/target/test-classes:$here/target/classes:$(cat "$here/target/bench.classpath")" \
  dev.taxiplatform.transform.bench.TransformBenchmark "${1:-$root/.platform-data}"
