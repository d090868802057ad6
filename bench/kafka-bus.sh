#!/usr/bin/env bash
# Rough figures for the Kafka event bus against a real single-node KRaft broker started for the run
# (kafka_2.13 from Maven Central, in a child JVM) and an embedded PostgreSQL: producer burst and
# throughput, ledger-consumer throughput, and send-to-consumer lag at a steady rate.
#   bench/kafka-bus.sh [records-in-burst] [steady-rate-per-second] [compression: none|lz4|zstd|…]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
out=$(mktemp)
flock /tmp/strait-mvn.lock ./mvnw -q -B -pl app -am verify -Dtest=KafkaBusBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false \
  -Dstrait.bench.records="${1:-200000}" -Dstrait.bench.rate="${2:-5000}" -Dstrait.bench.compression="${3:-none}" >"$out" 2>&1 || true
grep -E '^(compression|burst|ledger consumer|steady)' "$out" || { echo "no figures; the run said:" >&2; tail -40 "$out" >&2; exit 1; }
