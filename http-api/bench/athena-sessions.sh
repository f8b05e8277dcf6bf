#!/usr/bin/env bash
# What Athena sessions cost over signed HTTP: StartSession -> IDLE, SELECT 1 -> COMPLETED, TPC-H Q1 vs the engine.
#   http-api/bench/athena-sessions.sh [--sessions N] [--calculations N] [--rows N] [--runs N]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -pl http-api -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
    -Dmdep.includeScope=test
classpath="http-api/target/classes:http-api/target/test-classes:$(cat http-api/target/bench.classpath)"
exec java -Xmx4g --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$classpath" \
    dev.parley.http.it.AthenaSessionsBenchmark "$@"
