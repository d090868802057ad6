#!/usr/bin/env bash
# Rough figures for the Kafka event bus against a real single-node KRaft broker started for the run
# (kafka_2.13 from Maven Central, in a child JVM) and an embedded PostgreSQL: producer burst and
# throughput, ledger-consumer throughput, and send-to-consumer lag at a steady rate.
#   bench/kafka-bus.sh [records-in-burst] [steady-rate-per-second]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
flock /tmp/strait-mvn.lock ./mvnw -o -q -B -pl app -am verify -Dtest=KafkaBusBenchmarkTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Dstrait.bench.kafka=true \
  -Dstrait.bench.records="${1:-200000}" -Dstrait.bench.rate="${2:-5000}" >/dev/null 2>&1 || true
report=app/target/surefire-reports/dev.strait.app.KafkaBusBenchmarkTest-output.txt
grep -E '^(burst|ledger consumer|steady)' "$report" || { echo "no figures: see $report and app/target/surefire-reports" >&2; exit 1; }
