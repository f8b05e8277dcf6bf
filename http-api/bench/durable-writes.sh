#!/usr/bin/env bash
# What durable H2 commits cost: CreateCollaboration throughput with WRITE_DELAY=0 (Parley) vs 500 (H2's default).
#   http-api/bench/durable-writes.sh [--clients N] [--seconds S] [--rounds R]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -pl http-api -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
    -Dmdep.includeScope=test
classpath="http-api/target/classes:http-api/target/test-classes:$(cat http-api/target/bench.classpath)"
exec java -Xmx2g -cp "$classpath" dev.parley.http.it.DurableWritesBenchmark "$@"
