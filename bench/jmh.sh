#!/usr/bin/env bash
# Runs the JMH microbenchmarks in bench/src/main/java/dev/strait/bench/jmh (all, or those named),
# building the bench jar first when needed. Take the Maven lock so no build competes for the cores:
#   flock /tmp/strait-mvn.lock bench/jmh.sh AccessPolicyBenchmark
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
mkdir -p bench/results
exec "$JAVA_HOME/bin/java" -cp "$jar" org.openjdk.jmh.Main -rf json -rff bench/results/jmh.json "$@"
