#!/usr/bin/env bash
# Ledger ingest benchmark: spool appends (the request path's share) and spool → PostgreSQL ingest.
#   flock /tmp/strait-mvn.lock bench/ledger.sh [RECORDS]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
JAVA_HOME=$("$root/bin/find-java")
export JAVA_HOME
jar="$root/bench/target/strait-bench.jar"
if [ ! -f "$jar" ] || [ -n "$(find bench/src store/src core/src -name '*.java' -newer "$jar" -print -quit)" ]; then
  ./mvnw -q -o -B -DskipTests -pl bench -am package >&2 || ./mvnw -q -B -DskipTests -pl bench -am package >&2
fi
# Embedded PostgreSQL refuses root: bin/java-unprivileged runs the JVM as a plain user.
exec "$root/bin/java-unprivileged" -XX:+UseParallelGC -cp "$jar" dev.strait.bench.LedgerIngest "$@"
