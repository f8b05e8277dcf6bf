#!/usr/bin/env bash
# Runs the TPC-H benchmark (dev.parley.engine.bench.TpchBenchmark); arguments go to it, e.g.
#   query-engine/bench/tpch.sh --scale 1 --runs 5 --queries all
# First use installs tpchgen-cli and datafusion-cli into ~/.cache/parley/tools and generates
# the data into ~/.cache/parley/tpch.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -pl query-engine test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
classpath="query-engine/target/classes:query-engine/target/test-classes:$(cat query-engine/target/bench.classpath)"
exec java --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx4g -cp "$classpath" dev.parley.engine.bench.TpchBenchmark "$@"
