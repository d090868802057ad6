#!/usr/bin/env bash
# Strait's loopback benchmark, in one command: starts an emulator and a gateway in front of it on
# free ports, then measures the same load direct-to-emulator and through Strait:
#   nonstream  small chat, open loop at 1,000 req/s      (the ≤ 1 ms added-p99 target)
#   stream     streaming chat, open loop at 200 req/s    (emulator unpaced)
#   max        small chat, closed loop, 32 connections   (maximum throughput)
# Results (JSON per run, logs, summary.md) go to bench/results/<timestamp>/; everything it started is
# stopped on exit. Exits 1 when any run saw an error.
#
#   bench/run.sh [--quick] [--no-build] [--only SCENARIO]
#     --quick     2 s warm-up and 3 s per run: a smoke test for CI, not a measurement
#     --no-build  use the jars already in app/target and bench/target
#     --only S    run one scenario (nonstream, stream or max), e.g. while profiling
#
# Timing on a shared 2-core box means nothing if something else is busy: run it alone, and take the
# Maven lock so no build starts meanwhile: flock /tmp/strait-mvn.lock bench/run.sh
# STRAIT_JAVA_OPTS is appended to the gateway's JVM flags (e.g. to start a JFR recording);
# BENCH_SERVER_OPTS and BENCH_LOADGEN_OPTS replace the default JVM flags (below) of the servers and the
# load generator, e.g. to compare collectors. BENCH_CONFIG replaces bench/strait-bench.yaml (e.g.
# bench/strait-bench-traced.yaml: the same with request traces exported over OTLP).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

quick=false
build=true
scenarios="nonstream stream max"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=true ;;
    --no-build) build=false ;;
    --only) scenarios=${2:?--only needs a scenario}; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
want() { [[ " $scenarios " == *" $1 "* ]]; }

JAVA_HOME=$("$root/bin/find-java")
export JAVA_HOME
java="$JAVA_HOME/bin/java"
app_jar="$root/app/target/strait.jar"
bench_jar="$root/bench/target/strait-bench.jar"

# Fixed, pre-touched heaps: no run pays for heap growth or first-touch page faults mid-measurement.
# Default collector (G1) otherwise; each JVM's GC log lands beside the results.
SERVER_OPTS=${BENCH_SERVER_OPTS:-"-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseParallelGC -Xmn128m"}
LOADGEN_OPTS=${BENCH_LOADGEN_OPTS:-"-Xms512m -Xmx512m -XX:+AlwaysPreTouch"}

if $build; then
  stale=$(find "$root" -path "$root/*/target" -prune -o \( -name '*.java' -o -name 'pom.xml' -o -name '*.yaml' \) \
    -newer "$bench_jar" -print -quit 2>/dev/null || true)
  if [ ! -f "$bench_jar" ] || [ ! -f "$app_jar" ] || [ -n "$stale" ]; then
    echo "run.sh: building jars ..." >&2
    # Offline first (the usual case: dependencies already in ~/.m2), online if that fails.
    ./mvnw -q -o -B -DskipTests -pl bench -am package >&2 || ./mvnw -q -B -DskipTests -pl bench -am package >&2
  fi
fi

if $quick; then
  warm_rate=2; run_rate=3; warm_max=2; run_max=3
else
  warm_rate=10; run_rate=20; warm_max=5; run_max=15
fi

out="$root/bench/results/$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$out"
ln -sfn "$(basename "$out")" "$root/bench/results/latest"

pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$out/data"   # the gateway's embedded PostgreSQL: tens of MB a run, of no use afterwards
}
trap cleanup EXIT
trap 'exit 130' INT TERM

source "$root/bench/servers.sh"

"$java" $SERVER_OPTS -Xlog:gc:file="$out/emulator-gc.log" -jar "$app_jar" emulator --port 0 --latency-ms 0 --tokens-per-second 0 \
  >"$out/emulator.out" 2>"$out/emulator.err" &
pids+=($!)
emulator_pid=${pids[-1]}
emulator=$(announced_url "$out/emulator.err" 'http://[0-9.]*:[0-9]*' "$emulator_pid")

export STRAIT_EMULATOR_URL="$emulator"
export STRAIT_ADMIN_TOKEN="bench-admin-$RANDOM$RANDOM$RANDOM"
export STRAIT_EMULATOR_KEY="sk-emulator-$RANDOM$RANDOM"
# Gateway stdout is its JSON access log: one line per request, kept with the results.
"$java" $SERVER_OPTS -Xlog:gc:file="$out/gateway-gc.log" ${STRAIT_JAVA_OPTS:-} -jar "$app_jar" serve --config "${BENCH_CONFIG:-$root/bench/strait-bench.yaml}" --policy "$root/bench/strait-bench-policy.yaml" \
  --port 0 --admin-port 0 --data-dir "$out/data" >"$out/gateway.log" 2>"$out/gateway.err" &
pids+=($!)
gateway_pid=${pids[-1]}
gateway=$(announced_url "$out/gateway.err" 'gateway on http://[0-9.]*:[0-9]*' "$gateway_pid" | sed 's/^gateway on //')
admin=$(announced_url "$out/gateway.err" 'admin: http://[0-9.]*:[0-9]*' "$gateway_pid" | sed 's/^admin: //')
wait_ready "$admin"

bench_key=$(bench_customer_key)
wait_served "$gateway" "$bench_key" "$out/gateway.log"

{
  echo "date: $(date -u +%FT%TZ)"
  echo "git: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (dirty tree)')"
  echo "cpus: $(nproc) ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'))"
  echo "kernel: $(uname -sr)"
  echo "java: $("$java" -version 2>&1 | head -1)"
  echo "server JVM flags: $SERVER_OPTS ${STRAIT_JAVA_OPTS:-}"
  echo "loadgen JVM flags: $LOADGEN_OPTS"
  echo "mode: $($quick && echo quick || echo full)"
  echo "emulator: $emulator  gateway: $gateway"
} | tee "$out/env.txt" >&2

# CPU accounting around each run, from /proc: who used the two cores while it ran. "other" is
# everything that is not ours (another build, a test suite): if it is not near zero, distrust the run.
busy_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $9}' /proc/stat; }
proc_ticks() { awk '{print $14+$15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
hz=$(getconf CLK_TCK)
printf 'run\twall_s\tall_busy_cores\temulator_cores\tgateway_cores\tloadgen_cores\tother_cores\tsteal_cores\n' >"$out/cpu.tsv"

# One load-generator run; its JSON line lands in $out/NAME.json, its table on the terminal.
load() {
  local name=$1; shift
  echo "--- $name" >&2
  local t0 b0 e0 g0 t1 b1 e1 g1
  t0=$(date +%s.%N); read -r b0 s0 < <(busy_ticks); e0=$(proc_ticks "$emulator_pid"); g0=$(proc_ticks "$gateway_pid")
  "$java" $LOADGEN_OPTS -Xlog:gc:file="$out/$name-gc.log" -jar "$bench_jar" --label "$name" --out "$out/$name.json" "$@" >/dev/null
  t1=$(date +%s.%N); read -r b1 s1 < <(busy_ticks); e1=$(proc_ticks "$emulator_pid"); g1=$(proc_ticks "$gateway_pid")
  local lg
  lg=$(grep -o '"loadgen_cpu_s":[0-9.]*' "$out/$name.json" | cut -d: -f2)
  awk -v n="$name" -v w="$(echo "$t1 - $t0" | awk '{print $1 - $3}')" -v b=$((b1 - b0)) -v e=$((e1 - e0)) \
      -v g=$((g1 - g0)) -v l="${lg:-0}" -v st=$((s1 - s0)) -v hz="$hz" 'BEGIN {
    c = hz * w; printf "%s\t%.1f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\n", n, w, b / c, e / c, g / c, l / w,
      (b - e - g) / c - l / w, st / c }' | tee -a "$out/cpu.tsv" | awk -F'\t' '{printf "  cpu (cores): all %s  emulator %s  gateway %s  loadgen %s  other %s  steal %s\n", $3, $4, $5, $6, $7, $8}' >&2
}

key=(--api-key "$bench_key")
# Prime both servers' JIT with a gentle closed loop first, so the first open-loop run does not meet
# cold code at full rate (a backlog built while cold takes the whole run to drain). Not compared.
for target in direct strait; do
  base=$([ "$target" = direct ] && echo "$emulator" || echo "$gateway")
  load "prime-$target" --url "$base/v1/chat/completions" "${key[@]}" --connections 4 --warmup 0 --duration "$warm_max"
  load "prime-stream-$target" --url "$base/v1/chat/completions" "${key[@]}" --stream --connections 4 --warmup 0 \
    --duration "$warm_max"
done
want nonstream && for target in direct strait; do
  base=$([ "$target" = direct ] && echo "$emulator" || echo "$gateway")
  load "nonstream-$target" --url "$base/v1/chat/completions" "${key[@]}" \
    --rate 1000 --warmup "$warm_rate" --duration "$run_rate"
done
want stream && for target in direct strait; do
  base=$([ "$target" = direct ] && echo "$emulator" || echo "$gateway")
  load "stream-$target" --url "$base/v1/chat/completions" "${key[@]}" --stream \
    --rate 200 --warmup "$warm_rate" --duration "$run_rate"
done
want max && for target in direct strait; do
  base=$([ "$target" = direct ] && echo "$emulator" || echo "$gateway")
  load "max-$target" --url "$base/v1/chat/completions" "${key[@]}" \
    --connections 32 --warmup "$warm_max" --duration "$run_max"
done

"$java" -cp "$bench_jar" dev.strait.bench.Compare "$out" $scenarios | tee "$out/summary.md"
{ echo '| run | wall s | all busy cores | emulator | gateway | loadgen | other | steal |'; echo '|---|---:|---:|---:|---:|---:|---:|---:|'
  tail -n +2 "$out/cpu.tsv" | awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8}'; } \
  | tee -a "$out/summary.md"
echo "results: $out" >&2

errors=$(cat "$out"/*-direct.json "$out"/*-strait.json | grep -o '"errors":[0-9]*' | cut -d: -f2 | awk '{s+=$1} END {print s+0}')
if [ "$errors" != "0" ]; then
  echo "run.sh: $errors request(s) failed; see error_detail in $out/*.json" >&2
  exit 1
fi
