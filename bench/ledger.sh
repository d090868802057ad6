#!/usr/bin/env bash
# Ledger ingest benchmark: spool appends (the request path's share) and spool → PostgreSQL ingest.
#   flock /tmp/strait-mvn.lock bench/ledger.sh [RECORDS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# Embedded PostgreSQL refuses root: bin/java-unprivileged runs the JVM as a plain user.
exec "$root/bin/java-unprivileged" -XX:+UseParallelGC -cp "$jar" dev.strait.bench.LedgerIngest "$@"
