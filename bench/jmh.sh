#!/usr/bin/env bash
# Runs the JMH microbenchmarks in bench/src/main/java/dev/strait/bench/jmh (all, or those named),
# building the bench jar first when needed. Take the Maven lock so no build competes for the cores:
#   flock /tmp/strait-mvn.lock bench/jmh.sh AccessPolicyBenchmark
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
JAVA_HOME=$("$root/bin/find-java")
export JAVA_HOME
jar="$root/bench/target/strait-bench.jar"
if [ ! -f "$jar" ] || [ -n "$(find bench/src core/src -name '*.java' -newer "$jar" -print -quit)" ]; then
  ./mvnw -q -o -B -DskipTests -pl bench -am package >&2 || ./mvnw -q -B -DskipTests -pl bench -am package >&2
fi
mkdir -p bench/results
exec "$JAVA_HOME/bin/java" -cp "$jar" org.openjdk.jmh.Main -rf json -rff bench/results/jmh.json "$@"
