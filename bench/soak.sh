#!/usr/bin/env bash
# Soak: open-loop load through a gateway for a long while, with a fault injected every minute, then
# the two promises that matter checked at the end:
#   - no usage record lost or doubled: ledger rows = requests answered 200 (the load generator's count)
#   - flat memory: the gateway's heap after a full GC at the end is within a bound of the one at the start,
#     once the output-provenance index's own growth is set aside: it keeps every answer's fingerprints
#     in memory by design (BENCHMARKS.md, issue 6), bounded by each market's retention, and says how
#     many bytes it holds (/admin/provenance/stats, memoryBytes); anything else that grows is a leak
# The faults cycle, one per minute, each held for the first 20 s of its minute: upstream connection
# resets, PostgreSQL frozen (SIGSTOP of the embedded database's processes, found by their data
# directory), 5xx, 429 storms, latency spikes past the idle timeout. The primary deployment takes the
# upstream faults; a healthy one in the same region must answer instead (bench/soak-strait.yaml).
# Redis is not in the cycle here (no redis-server in this environment); RedisLimitsTest covers it.
#
#   bench/soak.sh [minutes] [rate]      default: 30 minutes at 2000 req/s
#
# Exits 1 when a record is lost or doubled, when any request failed, or when the heap grew past the
# bound (STRAIT_SOAK_HEAP_BOUND_MB, default 64 MB). Results go to bench/results/soak-<timestamp>/.
# Run it alone: flock /tmp/strait-mvn.lock bench/soak.sh 5 2000
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
minutes=${1:-30}
rate=${2:-2000}
bound_mb=${STRAIT_SOAK_HEAP_BOUND_MB:-64}
java="$JAVA_HOME/bin/java"
app_jar="$root/app/target/strait.jar"
[ -f "$app_jar" ] || ./mvnw -q -B -DskipTests -pl app -am package >&2

out="$root/bench/results/soak-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$out"
pids=()
frozen=()
cleanup() {
  for pid in "${frozen[@]}"; do kill -CONT "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$out/data"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

announced() {
  for _ in $(seq 1 300); do
    url=$(grep -o "$2" "$1" 2>/dev/null | head -1 || true)
    [ -n "$url" ] && { echo "$url"; return 0; }
    sleep 0.1
  done
  echo "soak.sh: timed out waiting for $1" >&2; return 1
}

OPTS="-Xms512m -Xmx512m -XX:+UseParallelGC"
"$java" $OPTS -jar "$app_jar" emulator --port 0 >"$out/healthy.out" 2>"$out/healthy.err" &
pids+=($!)
"$java" $OPTS -jar "$app_jar" emulator --port 0 >"$out/faulty.out" 2>"$out/faulty.err" &
pids+=($!)
export STRAIT_EMULATOR_URL=$(announced "$out/healthy.err" 'http://[0-9.]*:[0-9]*')
export STRAIT_FAULTY_URL=$(announced "$out/faulty.err" 'http://[0-9.]*:[0-9]*')
export STRAIT_ADMIN_TOKEN="soak-admin-$RANDOM$RANDOM$RANDOM"
export STRAIT_EMULATOR_KEY="sk-emulator-$RANDOM"
"$java" -Xms1g -Xmx1g -XX:+UseParallelGC -Xlog:gc:file="$out/gateway-gc.log" -jar "$app_jar" serve \
  --config "$root/bench/soak-strait.yaml" --policy "$root/bench/strait-bench-policy.yaml" \
  --port 0 --admin-port 0 --data-dir "$out/data" >"$out/gateway.log" 2>"$out/gateway.err" &
pids+=($!)
gateway_pid=${pids[-1]}
gateway=$(announced "$out/gateway.err" 'gateway on http://[0-9.]*:[0-9]*' | sed 's/^gateway on //')
admin=$(announced "$out/gateway.err" 'admin: http://[0-9.]*:[0-9]*' | sed 's/^admin: //')
for _ in $(seq 1 100); do curl -fsS "$admin/readyz" >/dev/null 2>&1 && break; sleep 0.1; done

admin_post() {
  curl -sS --fail-with-body -X POST -H "authorization: Bearer $STRAIT_ADMIN_TOKEN" -H 'content-type: application/json' \
    --data "$2" "$admin$1"
}
json_field() { { grep -o "\"$1\" *: *\"[^\"]*\"" || true; } | head -1 | sed 's/.*: *"\(.*\)"/\1/'; }
org=$(admin_post /admin/orgs '{"legal_name":"Soak Ltd","registration_number":"SOAK-1","market":"US","kind":"enterprise","contacts":["soak@example.com"]}' | json_field id)
admin_post "/admin/orgs/$org/state" '{"state":"verified","reason":"soak customer"}' >/dev/null
key=$(admin_post /admin/keys "{\"org\":\"$org\",\"name\":\"soak\"}" | json_field key)
for _ in $(seq 1 50); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "authorization: Bearer $key" -H 'content-type: application/json' \
    --data '{"model":"gpt-4o","max_tokens":4,"messages":[{"role":"user","content":"hi"}]}' "$gateway/v1/chat/completions")
  [ "$code" = 200 ] && break
  sleep 0.2
done
[ "$code" = 200 ] || { echo "soak.sh: gateway answers $code; see $out/gateway.err" >&2; exit 1; }

heap_after_gc() {
  jcmd "$gateway_pid" GC.run >/dev/null
  sleep 1
  # The GC log says "Pause Full (Diagnostic Command) 300M->42M(1024M)": the figure after the arrow.
  grep -E 'Pause Full \((Diagnostic Command|System.gc\(\))\)' "$out/gateway-gc.log" | tail -1 | sed 's/.*->\([0-9]*\)M.*/\1/'
}
index_mb() {
  curl -fsS -H "authorization: Bearer $STRAIT_ADMIN_TOKEN" "$admin/admin/provenance/stats" \
    | grep -o '"memoryBytes" *: *[0-9]*' | awk -F: '{print int($2 / 1048576)}'
}
rows() {
  local from to
  from=$(date -u +%F); to=$(date -u -d tomorrow +%F)
  curl -fsS -H "authorization: Bearer $STRAIT_ADMIN_TOKEN" "$admin/admin/reports/usage?by=model&from=$from&to=$to" \
    | grep -o '"requests" *: *[0-9]*' | awk -F: '{s += $2} END {print s + 0}'
}
fault() { curl -fsS -X PUT -H 'content-type: application/json' --data "$1" "$STRAIT_FAULTY_URL/_emulator/faults" >/dev/null; }
clear_faults() { curl -fsS -X DELETE "$STRAIT_FAULTY_URL/_emulator/faults" >/dev/null; }
pg_pids() {
  local master
  master=$(pgrep -f -- "-D $out/data/postgres" | head -1 || true)
  [ -n "$master" ] && { echo "$master"; pgrep -P "$master" || true; }
}

# Warm the JIT a little, so the first minute does not meet cold code at full rate; not counted.
"$java" -Xms256m -Xmx256m -jar "$jar" --url "$gateway/v1/chat/completions" --api-key "$key" --connections 4 \
  --warmup 0 --duration 5 --label warm --out "$out/warm.json" >/dev/null
rows_before=$(rows)
heap_start=$(heap_after_gc)
index_start=$(index_mb)
echo "soak: $minutes min at $rate req/s through $gateway; heap after GC at start: ${heap_start} MB; rows before: $rows_before" | tee "$out/summary.txt"

"$java" -Xms512m -Xmx512m -jar "$jar" --url "$gateway/v1/chat/completions" --api-key "$key" --rate "$rate" \
  --warmup 0 --duration $((minutes * 60)) --label soak --out "$out/soak.json" >"$out/loadgen.out" 2>&1 &
load_pid=$!
pids+=($load_pid)

faults=(reset db 5xx 429 latency)
for ((m = 0; m < minutes; m++)); do
  kind=${faults[$((m % ${#faults[@]}))]}
  echo "soak: minute $((m + 1)): $kind for 20 s" | tee -a "$out/summary.txt"
  case "$kind" in
    reset) fault '{"reset":true}' ;;
    5xx) fault '{"fail_status":503}' ;;
    429) fault '{"fail_status":429,"retry_after_s":1}' ;;
    latency) fault '{"latency_ms":5000}' ;;
    db) frozen=($(pg_pids)); [ ${#frozen[@]} -gt 0 ] && kill -STOP "${frozen[@]}" ;;
  esac
  sleep 20
  clear_faults
  if [ ${#frozen[@]} -gt 0 ]; then kill -CONT "${frozen[@]}"; frozen=(); fi
  sleep 40
done
wait "$load_pid" || true

# Let the spool drain into the ledger, then count.
answered=$(grep -o '"ok":[0-9]*' "$out/soak.json" | cut -d: -f2)
errors=$(grep -o '"errors":[0-9]*' "$out/soak.json" | cut -d: -f2)
sent=$(grep -o '"sent":[0-9]*' "$out/soak.json" | cut -d: -f2)
for _ in $(seq 1 60); do
  now=$(rows); [ $((now - rows_before)) -ge "$answered" ] && break; sleep 1
done
sleep 2
ledger=$(( $(rows) - rows_before ))
heap_end=$(heap_after_gc)
index_end=$(index_mb)
index_growth=$((index_end - index_start))
growth=$((heap_end - heap_start - index_growth))
rss_mb=$(( $(awk '/VmRSS/{print $2}' "/proc/$gateway_pid/status") / 1024 ))
{
  echo "sent: $sent  answered 200: $answered  errors: $errors"
  echo "ledger rows: $ledger  (lost: $((answered > ledger ? answered - ledger : 0)), doubled: $((ledger > answered ? ledger - answered : 0)))"
  echo "heap after GC: start ${heap_start} MB, end ${heap_end} MB; provenance index ${index_start} -> ${index_end} MB"
  echo "growth outside the provenance index: ${growth} MB (bound ${bound_mb} MB); gateway RSS ${rss_mb} MB"
  grep -o '"throughput_rps":[0-9.]*\|"p50":[0-9.]*\|"p99":[0-9.]*\|"p999":[0-9.]*' "$out/soak.json" | tr '\n' ' '; echo
} | tee -a "$out/summary.txt"
status=0
[ "$ledger" -eq "$answered" ] || { echo "soak: FAIL: ledger rows differ from answered requests" | tee -a "$out/summary.txt"; status=1; }
[ "$errors" -eq 0 ] || { echo "soak: FAIL: $errors requests failed" | tee -a "$out/summary.txt"; status=1; }
[ "$growth" -le "$bound_mb" ] || { echo "soak: FAIL: heap outside the provenance index grew ${growth} MB" | tee -a "$out/summary.txt"; status=1; }
[ $status -eq 0 ] && echo "soak: PASS" | tee -a "$out/summary.txt"
exit $status
