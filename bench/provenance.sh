#!/usr/bin/env bash
# Output provenance benchmark: memory per generation (extrapolated to 10 million), indexing cost,
# the request path's share, attribution of 1,000-record datasets (accuracy, false attribution, time).
# Human text for the false-attribution figure comes from ../shared/data/prompts when it exists.
#   flock /tmp/strait-mvn.lock bench/provenance.sh [GENERATIONS] [TRIALS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
human=""
if [ -d "$root/../shared/data/prompts" ]; then human="$root/../shared/data/prompts"; fi
exec "$JAVA_HOME/bin/java" -XX:+UseParallelGC -Xmx8g -cp "$jar" dev.strait.bench.provenance.ProvenanceBench \
  "${1:-1000000}" "${2:-100}" $human
