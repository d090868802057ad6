#!/usr/bin/env bash
# Strait side by side with the alternatives (issue 9), in one command, on loopback. Starts the upstream
# emulator and, in front of it, nginx (a plain reverse proxy: the floor for any proxy), the Portkey
# gateway (npm @portkey-ai/gateway, pinned in bench/portkey) and Strait (bench/compare-strait.yaml:
# policy, metering and limits on), then drives the same workloads with bench's LoadGen against each:
#   max        small chat, closed loop, 32 connections: maximum throughput
#   rate1000   small chat, open loop at 1,000 / 5,000 / 10,000 req/s (latency from the intended send
#   rate5000     time: free of coordinated omission). A rate is skipped for a target whose maximum
#   rate10000    throughput is below 80% of it (its queue would only grow: Portkey, usually).
#   stream50   streaming chat of 50 chunks, open loop at 500 req/s (Portkey: not run, non-streaming only)
#   held       10,000 concurrent long-lived streams through Strait (the emulator paces them), heap
#              per 1,000 open streams and every content chunk counted
#   profile    Strait at 5,000 req/s (or 80% of its maximum, when lower) again under a JFR recording:
#              hot methods and a summary by Strait caller (full runs only; BENCH_PROFILE_RATE overrides)
# Prints compare.md (also in bench/results/<timestamp>-compare/ with every JSON line, log and GC log).
# Exits non-zero on errors only (a failed request, a server that does not start), not on missed targets.
#
#   bench/compare.sh [--quick] [--no-build] [--no-profile] [--only "WORKLOAD ..."]
#     --quick       a smoke test for CI (about two minutes; figures meaningless): 100 and 500 req/s,
#                   2-3 s runs, 1,000 held streams, no profile
#     --no-build    use the jars already in app/target and bench/target
#     --no-profile  skip the JFR run
#     --only W      run only these of: max rates stream50 held profile (e.g. while investigating one)
#
# Take the Maven lock for a measured run, so no build shares the two cores: flock /tmp/strait-mvn.lock bench/compare.sh
# Installs what it needs when missing: nginx (apt-get) and Portkey (npm ci into bench/portkey/node_modules).
# STRAIT_JAVA_OPTS is appended to Strait's JVM flags; BENCH_SERVER_OPTS / BENCH_LOADGEN_OPTS replace the defaults.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

quick=false
build=true
profile=true
only="max rates stream50 held profile"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=true; profile=false ;;
    --no-build) build=false ;;
    --no-profile) profile=false ;;
    --only) only=${2:?--only needs workloads}; shift ;;
    -h|--help) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

# Ten thousand streams need ten thousand sockets in the emulator and in the gateway's upstream pool.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

JAVA_HOME=$("$root/bin/find-java")
export JAVA_HOME
java="$JAVA_HOME/bin/java"
jcmd="$JAVA_HOME/bin/jcmd"
app_jar="$root/app/target/strait.jar"
bench_jar="$root/bench/target/strait-bench.jar"
SERVER_OPTS=${BENCH_SERVER_OPTS:-"-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseParallelGC -Xmn128m"}
LOADGEN_OPTS=${BENCH_LOADGEN_OPTS:-"-Xms512m -Xmx512m -XX:+AlwaysPreTouch"}

# Quick runs meet cold JITs on a busy CI box: their figures mean nothing, so they also use low rates that
# every target (Portkey too) drains quickly; they only prove that every workload runs end to end.
if $quick; then
  prime=1; warm=1; run=2; max_warm=1; max_run=2; held=1000; ramp=1; hold=5; rates="100 500"
else
  prime=45; warm=4; run=10; max_warm=3; max_run=10; held=10000; ramp=12; hold=36; rates="1000 5000 10000"
fi
stream_rate=500
# The emulator's answers are 20 tokens long whatever max_tokens allows, and it streams a request's
# choices one after another: five choices of ten tokens make a stream of 50 content chunks.
stream50=(--stream --choices 5 --max-tokens 10)
want() { [[ " $only " == *" $1 "* ]]; }

if $build; then
  stale=$(find "$root" -path "$root/*/target" -prune -o -path "$root/bench/portkey" -prune -o \
    \( -name '*.java' -o -name 'pom.xml' -o -name '*.yaml' \) -newer "$bench_jar" -print -quit 2>/dev/null || true)
  if [ ! -f "$bench_jar" ] || [ ! -f "$app_jar" ] || [ -n "$stale" ]; then
    echo "compare.sh: building jars ..." >&2
    ./mvnw -q -o -B -DskipTests -pl bench -am package >&2 || ./mvnw -q -B -DskipTests -pl bench -am package >&2
  fi
fi

# --- the alternatives, installed on first use (CI machines start without them)
nginx_bin=$(command -v nginx || true)
[ -n "$nginx_bin" ] || [ ! -x /usr/sbin/nginx ] || nginx_bin=/usr/sbin/nginx
if [ -z "$nginx_bin" ]; then
  echo "compare.sh: installing nginx (apt-get) ..." >&2
  sudo_=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $sudo_ apt-get install -y -q nginx >&2 || { $sudo_ apt-get update -q >&2 && $sudo_ apt-get install -y -q nginx >&2; }
  nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
fi
portkey_dir="$root/bench/portkey"
portkey_main="$portkey_dir/node_modules/@portkey-ai/gateway/build/start-server.js"
if [ ! -f "$portkey_main" ]; then
  echo "compare.sh: installing the Portkey gateway (npm ci) ..." >&2
  (cd "$portkey_dir" && npm ci --ignore-scripts --no-audit --no-fund >&2)
fi

out="$root/bench/results/$(date -u +%Y%m%d-%H%M%S)-compare"
mkdir -p "$out"
ln -sfn "$(basename "$out")" "$root/bench/results/latest-compare"
facts="$out/facts.properties"
: >"$facts"
fact() { echo "$1=$2" >>"$facts"; }

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$out/data" "$out/nginx/tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
source "$root/bench/servers.sh"
wait_http() {  # url pid name
  for _ in $(seq 1 300); do
    curl -s -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || { echo "compare.sh: $3 died; see $out/$3.*" >&2; cat "$out/$3".* >&2 || true; return 1; }
    sleep 0.1
  done
  echo "compare.sh: $3 did not answer at $1" >&2
  return 1
}

# --- the upstream: unpaced emulator (no latency, tokens as fast as the socket takes them)
"$java" $SERVER_OPTS -Xlog:gc:file="$out/emulator-gc.log" -jar "$app_jar" emulator --port 0 \
  >"$out/emulator.out" 2>"$out/emulator.err" &
pids+=($!); emulator_pid=$!
emulator=$(announced_url "$out/emulator.err" 'http://[0-9.]*:[0-9]*' "$emulator_pid")

# --- nginx: a plain reverse proxy with keep-alive to the upstream, no access log, no buffering of streams
nginx_port=$(free_port)
mkdir -p "$out/nginx/tmp"
sed -e "s|@PREFIX@|$out/nginx|g" -e "s|@PORT@|$nginx_port|g" -e "s|@UPSTREAM@|${emulator#http://}|g" \
  "$root/bench/compare-nginx.conf" >"$out/nginx/nginx.conf"
"$nginx_bin" -p "$out/nginx" -c "$out/nginx/nginx.conf" -e "$out/nginx/error.log" >"$out/nginx.out" 2>&1 &
pids+=($!); nginx_pid=$!
nginx="http://127.0.0.1:$nginx_port"
wait_http "$nginx/" "$nginx_pid" nginx

# --- Portkey: its Node server as shipped, one process, forwarding to the emulator as a custom OpenAI host
portkey_port=$(free_port)
NODE_ENV=production node "$portkey_main" --port="$portkey_port" --headless >"$out/portkey.out" 2>"$out/portkey.err" &
pids+=($!); portkey_pid=$!
portkey="http://127.0.0.1:$portkey_port"
wait_http "$portkey/" "$portkey_pid" portkey
portkey_headers=(--header "x-portkey-provider:openai" --header "x-portkey-custom-host:$emulator/v1")

# --- Strait: the full pipeline; customer, key and limits created through the admin API
export STRAIT_EMULATOR_URL="$emulator"
export STRAIT_ADMIN_TOKEN="bench-admin-$RANDOM$RANDOM$RANDOM"
export STRAIT_EMULATOR_KEY="sk-emulator-$RANDOM$RANDOM"
"$java" $SERVER_OPTS -Xlog:gc:file="$out/strait-gc.log" ${STRAIT_JAVA_OPTS:-} -jar "$app_jar" serve \
  --config "$root/bench/compare-strait.yaml" --policy "$root/bench/strait-bench-policy.yaml" \
  --port 0 --admin-port 0 --data-dir "$out/data" >"$out/strait.log" 2>"$out/strait.err" &
pids+=($!); strait_pid=$!
strait=$(announced_url "$out/strait.err" 'gateway on http://[0-9.]*:[0-9]*' "$strait_pid" | sed 's/^gateway on //')
admin=$(announced_url "$out/strait.err" 'admin: http://[0-9.]*:[0-9]*' "$strait_pid" | sed 's/^admin: //')
wait_ready "$admin"
# Limits that every request takes and settles but none reaches: 1e9 requests and 1e12 tokens a minute.
bench_key=$(bench_customer_key '{"requests_per_minute":1000000000,"tokens_per_minute":1000000000000,"monthly_budget":"1000000000","currency":"USD"}')
wait_served "$strait" "$bench_key" "$out/strait.log"
for target in nginx portkey; do
  base=$([ "$target" = nginx ] && echo "$nginx" || echo "$portkey")
  code=$(curl -s -o "$out/$target-check.json" -w '%{http_code}' -H "authorization: Bearer $bench_key" \
    -H 'content-type: application/json' -H "x-portkey-provider: openai" -H "x-portkey-custom-host: $emulator/v1" \
    --data '{"model":"gpt-4o","max_tokens":4,"messages":[{"role":"user","content":"hi"}]}' "$base/v1/chat/completions")
  [ "$code" = 200 ] || { echo "compare.sh: $target answers $code; see $out/$target-check.json" >&2; exit 1; }
done

{
  echo "date: $(date -u +%FT%TZ)"
  echo "git: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (dirty tree)')"
  echo "cpus: $(nproc) ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'))"
  echo "kernel: $(uname -sr)"
  echo "java: $("$java" -version 2>&1 | head -1)"
  echo "nginx: $("$nginx_bin" -v 2>&1 | sed 's/.*: //')  node: $(node --version)  portkey: $(node -p "require('$portkey_dir/node_modules/@portkey-ai/gateway/package.json').version")"
  echo "server JVM flags: $SERVER_OPTS ${STRAIT_JAVA_OPTS:-}"
  echo "loadgen JVM flags: $LOADGEN_OPTS"
  echo "mode: $($quick && echo quick || echo full)"
  echo "open files: $(ulimit -n)"
} | tee "$out/env.txt" >&2

# CPU of each process during each run, from /proc, so a run disturbed by something else can be spotted.
hz=$(getconf CLK_TCK)
tree_ticks() {  # the process and its children (nginx workers)
  local t=0 p
  for p in $1 $(pgrep -P "$1" 2>/dev/null || true); do
    t=$((t + $(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo $t
}
busy_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat; }
printf 'run\twall_s\tall_busy\temulator\tproxy\tloadgen\tother\n' >"$out/cpu.tsv"
proxy_pid() {
  case $1 in direct) echo "$emulator_pid" ;; nginx) echo "$nginx_pid" ;; portkey) echo "$portkey_pid" ;; strait) echo "$strait_pid" ;; esac
}
url_of() {
  case $1 in direct) echo "$emulator" ;; nginx) echo "$nginx" ;; portkey) echo "$portkey" ;; strait) echo "$strait" ;; esac
}

# One LoadGen run against one target; its JSON lands in $out/NAME.json.
load() {
  local name=$1 target=$2; shift 2
  local extra=()
  [ "$target" = portkey ] && extra=("${portkey_headers[@]}")
  echo "--- $name" >&2
  local pp t0 b0 e0 p0 t1 b1 e1 p1 lg
  pp=$(proxy_pid "$target")
  t0=$(date +%s.%N); b0=$(busy_ticks); e0=$(tree_ticks "$emulator_pid"); p0=$(tree_ticks "$pp")
  "$java" $LOADGEN_OPTS -Xlog:gc:file="$out/$name-gc.log" -jar "$bench_jar" --label "$name" --out "$out/$name.json" \
    --url "$(url_of "$target")/v1/chat/completions" --api-key "$bench_key" "${extra[@]}" "$@" >/dev/null
  t1=$(date +%s.%N); b1=$(busy_ticks); e1=$(tree_ticks "$emulator_pid"); p1=$(tree_ticks "$pp")
  lg=$(grep -o '"loadgen_cpu_s":[0-9.]*' "$out/$name.json" | cut -d: -f2)
  awk -v n="$name" -v w="$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')" -v b=$((b1 - b0)) -v e=$((e1 - e0)) \
      -v p=$((p1 - p0)) -v l="${lg:-0}" -v hz="$hz" -v same="$([ "$target" = direct ] && echo 1 || echo 0)" 'BEGIN {
    c = hz * w; if (same) p = 0
    printf "%s\t%.1f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\n", n, w, b / c, e / c, p / c, l / w, (b - e - p) / c - l / w }' \
    | tee -a "$out/cpu.tsv" | awk -F'\t' '{printf "  cpu (cores): all %s  emulator %s  proxy %s  loadgen %s  other %s\n", $3, $4, $5, $6, $7}' >&2
}
max_of() { grep -o '"throughput_rps":[0-9.]*' "$out/max-$1.json" | cut -d: -f2; }

# Each target runs its workloads back to back, primed by a closed loop just before them (the prime is not
# compared). On two shared cores C2 needs about 40 s of load to compile the gateway's path: primed for
# 12 s, and then left idle while the other targets ran, Strait met its measured run half compiled (C2
# took a quarter of a core through its maximum run; session 5, BENCHMARKS.md).
for target in direct nginx portkey strait; do
  load "prime-$target" "$target" --connections 16 --warmup 0 --duration "$prime"
  streams=$([ "$target" != portkey ] && echo true || echo false)   # Portkey: non-streaming only
  if $streams && ! $quick; then
    load "prime-stream-$target" "$target" "${stream50[@]}" --connections 4 --warmup 0 --duration $((prime / 3))
  fi
  want max && load "max-$target" "$target" --connections 32 --warmup "$max_warm" --duration "$max_run"
  want rates && for rate in $rates; do
    max=$(max_of "$target" 2>/dev/null || true)
    if ! $quick && [ -n "$max" ] && awk -v m="$max" -v r="$rate" 'BEGIN{exit !(m < 0.8 * r)}'; then
      echo "--- rate$rate-$target skipped: its maximum throughput is $max req/s" >&2
      fact "skipped.rate$rate-$target" "$max"
      continue
    fi
    load "rate$rate-$target" "$target" --rate "$rate" --warmup "$warm" --duration "$run"
  done
  if want stream50 && $streams; then
    load "stream50-$target" "$target" "${stream50[@]}" --rate "$stream_rate" --warmup "$warm" --duration "$run"
  fi
done

# --- held streams: the emulator paces every stream's 50 chunks over the hold, so they all stay open at once.
if want held; then
heap_used_kb() {  # live heap after a full collection, from jcmd (ParallelGC and G1 both print "used NK")
  "$jcmd" "$strait_pid" GC.run >/dev/null
  "$jcmd" "$strait_pid" GC.heap_info | grep -o 'used [0-9]*K' | head -2 | tr -dc '0-9\n' | awk '{s+=$1} END {print s}'
}
fact heap.before_kb "$(heap_used_kb)"
curl -fsS -X PUT -H 'content-type: application/json' --data "{\"tokens_per_second\": $(awk -v h="$hold" 'BEGIN{print 50 / (h - 1)}')}" \
  "$emulator/_emulator/faults" >/dev/null
fact fds.before "$(ls /proc/$strait_pid/fd | wc -l)"
echo "--- held-strait ($held streams)" >&2
"$java" $LOADGEN_OPTS -Xlog:gc:file="$out/held-strait-gc.log" -jar "$bench_jar" --label held-strait --out "$out/held-strait.json" \
  --url "$strait/v1/chat/completions" --api-key "$bench_key" --http2 --streams "$held" --ramp "$ramp" --hold "$hold" \
  --choices 5 --max-tokens 10 --expect-chunks 50 >/dev/null 2>"$out/held-strait.err" &
held_pid=$!
for _ in $(seq 1 $((hold * 10 + 600))); do
  grep -q '^plateau' "$out/held-strait.err" 2>/dev/null && break
  kill -0 "$held_pid" 2>/dev/null || break
  sleep 0.1
done
fact held.open_at_plateau "$(grep -o '^plateau open=[0-9]*' "$out/held-strait.err" | cut -d= -f2 || echo 0)"
fact held.inflight_at_plateau "$(grep -o 'inflight=[0-9]*' "$out/held-strait.err" | cut -d= -f2 || echo 0)"
fact fds.plateau "$(ls /proc/$strait_pid/fd | wc -l)"
fact heap.plateau_kb "$(heap_used_kb)"
"$jcmd" "$strait_pid" GC.class_histogram 2>/dev/null | head -45 >"$out/held-histogram.txt" || true
rc=0; wait "$held_pid" || rc=$?
cat "$out/held-strait.err" | grep -v '^streams:' >&2 || true
curl -fsS -X DELETE "$emulator/_emulator/faults" >/dev/null   # back to no faults (PUT {"reset":true} would be a fault)
[ "$rc" = 0 ] || { echo "compare.sh: the held-streams run failed; see $out/held-strait.err" >&2; exit 1; }
fi

# --- profile: Strait at 5,000 req/s again, under JFR (not the measured run: the recording costs a little)
if $profile && want profile; then
  "$jcmd" "$strait_pid" JFR.start name=compare settings=profile filename="$out/strait-5000.jfr" >/dev/null
  # 5,000 req/s, or 80% of Strait's maximum when it cannot take 5,000 (a queue that only grows would
  # profile the backlog, and its requests would time out).
  profile_rate=${BENCH_PROFILE_RATE:-$(awk -v m="$(max_of strait 2>/dev/null || echo 0)" 'BEGIN {
    r = 5000; if (m > 0 && m < r / 0.8) r = int(m * 0.8); print r }')}
  fact profile.rate "$profile_rate"
  load "profile-strait" strait --rate "$profile_rate" --warmup 2 --duration "$run"
  "$jcmd" "$strait_pid" JFR.stop name=compare >/dev/null
  "$JAVA_HOME/bin/jfr" view --width 160 hot-methods "$out/strait-5000.jfr" >"$out/hot-methods.txt" 2>&1 || true
  "$JAVA_HOME/bin/jfr" view --width 160 allocation-by-class "$out/strait-5000.jfr" >"$out/allocation-by-class.txt" 2>&1 || true
  "$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample --stack-depth 64 "$out/strait-5000.jfr" \
    | python3 "$root/bench/jfr-summary.py" >"$out/jfr-summary.md" 2>&1 || true
fi

# --- GC pauses of the gateway (the held-streams probe's forced full collections are left out)
gc_summary() {
  grep -v 'Diagnostic Command\|System.gc\|Heap Inspection' "$1" | grep -o 'Pause [A-Za-z]*.* [0-9.]*ms$' | grep -o '[0-9.]*ms$' | tr -d 'ms' \
    | awk '{n++; t+=$1; if ($1>m) m=$1} END {printf "%d %.1f %.1f\n", n, t, m}'
}
read -r n t m < <(gc_summary "$out/strait-gc.log"); fact gc.strait.count "$n"; fact gc.strait.total_ms "$t"; fact gc.strait.max_ms "$m"
read -r n t m < <(gc_summary "$out/emulator-gc.log"); fact gc.emulator.count "$n"; fact gc.emulator.total_ms "$t"; fact gc.emulator.max_ms "$m"
fact mode "$($quick && echo quick || echo full)"
fact rates "$rates"

"$java" -cp "$bench_jar" dev.strait.bench.SideBySide "$out" | tee "$out/compare.md"
echo "results: $out" >&2

errors=$(find "$out" -maxdepth 1 \( -name 'max-*.json' -o -name 'rate*.json' -o -name 'stream50-*.json' \
  -o -name 'held-*.json' -o -name 'profile-*.json' \) -exec cat {} + | { grep -o '"errors":[0-9]*' || true; } | cut -d: -f2 | awk '{s+=$1} END {print s+0}')
if [ "$errors" != "0" ]; then
  echo "compare.sh: $errors request(s) failed; see error_detail in $out/*.json" >&2
  exit 1
fi
