#!/usr/bin/env bash
# Denied-party screening on the real list samples in ../shared/data/screening (evaluation data, not in
# the repository): recall on spelling variants of every listed name (target ≥ 99%), false positives on
# 12,000 synthetic clean company names (≤ 1%), and the latency of screening one name (p99 ≤ 5 ms).
# Exits non-zero when a target is missed; prints "skipped" and exits 0 when the data is not there.
#   flock /tmp/strait-mvn.lock bench/screening.sh [LISTS_DIR] [CLEAN_NAMES]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
lists=${1:-"$root/../shared/data/screening"}
if [ ! -d "$lists" ]; then
  echo "screening: no lists at $lists; skipped"
  exit 0
fi
exec "$JAVA_HOME/bin/java" -XX:+UseParallelGC -Xmx1g -cp "$jar" dev.strait.bench.screening.ScreeningEval "$lists" "${2:-12000}"
