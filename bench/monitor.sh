#!/usr/bin/env bash
# Distillation monitoring on traces it was not tuned on: generates fresh labeled traces with
# ../shared/tools/tracegen.py (the test split of the prompt sources, seeds other than the dev set's,
# once with the generator's own wording and once with bench/monitor-templates.json, this project's
# rephrased templates and other hydra cluster sizes), replays each through `strait monitor replay`,
# scores it with score_verdicts.py and prints the replay throughput.
# Fails when a target is missed: ROC AUC < 0.98, TPR at 1% FPR < 0.95, a distillation scenario whose
# median organization is below `review`, or a benign scenario whose median organization is above `watch`.
#   flock /tmp/strait-mvn.lock bench/monitor.sh [SEED] [ORGS] [DAYS]
# Skips (exit 0) when ../shared is absent.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared="$root/../shared"
if [ ! -f "$shared/tools/tracegen.py" ]; then
  echo "monitor bench: skipped, $shared/tools is not present"
  exit 0
fi
seed=${1:-4242}
orgs=${2:-150}
days=${3:-14}
cd "$root"
JAVA_HOME=$("$root/bin/find-java")
export JAVA_HOME
jar="$root/app/target/strait.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root" -path "$root/*/target" -prune -o \( -name '*.java' -o -name 'pom.xml' \) -newer "$jar" -print -quit)" ]; then
  ./mvnw -q -o -B -DskipTests -pl app -am package >&2 || ./mvnw -q -B -DskipTests -pl app -am package >&2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
run() { # NAME SEED [tracegen options...]
  local name=$1 s=$2 dir="$tmp/$1"
  shift 2
  python3 "$shared/tools/tracegen.py" --out "$dir" --seed "$s" --orgs "$orgs" --days "$days" --split test --gzip --quiet "$@"
  "$JAVA_HOME/bin/java" -XX:+UseParallelGC -jar "$jar" monitor replay --trace "$dir/trace.jsonl.gz" \
      --models "$dir/models.json" > "$dir/verdicts.jsonl" 2> "$dir/replay.log"
  echo "== $name (seed $s, $orgs orgs, $days days, split test $*)"
  grep -v '^monitor replay: .* line ' "$dir/replay.log" || true
  python3 "$shared/tools/score_verdicts.py" "$dir/labels.jsonl" "$dir/verdicts.jsonl" | tee "$dir/score.txt"
  echo
  python3 - "$dir/labels.jsonl" "$dir/verdicts.jsonl" "$dir/score.txt" <<'PY' || status=1
import json, re, sys
labels = {json.loads(l)["org"]: json.loads(l) for l in open(sys.argv[1]) if l.strip()}
verdicts = {json.loads(l)["org"]: json.loads(l) for l in open(sys.argv[2]) if l.strip()}
last = open(sys.argv[3]).read().strip().splitlines()[-1]
auc, tpr = (float(x) for x in re.findall(r"=([0-9.]+)", last))
order = ["ok", "watch", "review", "throttle", "suspend"]
by = {}
for org, lab in labels.items():
    by.setdefault((lab["label"], lab["scenario"]), []).append(order.index(verdicts.get(org, {"verdict": "ok"})["verdict"]))
bad = []
if auc < 0.98: bad.append(f"AUC {auc} < 0.98")
if tpr < 0.95: bad.append(f"TPR@1%FPR {tpr} < 0.95")
for (label, scen), levels in sorted(by.items()):
    levels.sort()
    median = levels[(len(levels) - 1) // 2] if label == "distillation" else levels[len(levels) // 2]
    caught = sum(l >= 2 for l in levels)
    print(f"  {label:12} {scen:22} orgs {len(levels):3}  median {order[median]:8}  >= review {caught}")
    if label == "distillation" and median < 2: bad.append(f"{scen}: median org below review")
    if label == "benign" and median > 1: bad.append(f"{scen}: median org above watch")
print("  targets: " + ("MISSED: " + "; ".join(bad) if bad else "met"))
sys.exit(1 if bad else 0)
PY
}
run builtin-wording "$seed"
run own-wording "$((seed + 1))" --templates "$root/bench/monitor-templates.json"
exit $status
