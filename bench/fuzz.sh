#!/usr/bin/env bash
# Coverage-guided fuzzing of Strait's parsers and translators with Jazzer, each target for a while.
# In the test suite the same @FuzzTest methods only replay their committed corpora (regression mode);
# here JAZZER_FUZZ=1 makes Jazzer mutate inputs under coverage feedback. A finding is written beside
# the corpus as src/test/resources/<package>/<Class>Inputs/<method>/crash-<sha1> (commit it: it then
# replays in the suite as a regression test) and this script exits 1.
#
#   bench/fuzz.sh [seconds-per-target] [target-filter]
#     seconds-per-target  default 60
#     target-filter       a substring of "module:Class#method" to run only some targets
#
# Takes the Maven lock while it builds, and while it fuzzes (two cores, shared).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
seconds=${1:-60}
filter=${2:-}
JAVA_HOME=$("$root/bin/find-java")
export JAVA_HOME

targets=(
  "core:dev.strait.core.sse.SseParserFuzzTest#anyBytesInAnyPiecesParseToTheSameEventsAsTheWhole"
  "gateway:dev.strait.gateway.front.RequestParsingFuzzTest#anyBodyIsAcceptedOrRefusedWithAClientErrorOnEveryEndpoint"
  "gateway:dev.strait.gateway.translate.TranslationFuzzTest#anAcceptedChatRequestTranslatesToAnthropicAndBackKeepingItsText"
  "gateway:dev.strait.gateway.translate.TranslationFuzzTest#anAcceptedAnthropicRequestTranslatesToChatAndBackKeepingItsText"
  "gateway:dev.strait.gateway.translate.TranslationFuzzTest#anyUpstreamStreamTranslatesWithoutAnException"
  "gateway:dev.strait.gateway.translate.TranslationFuzzTest#aChatStreamRoundTripsThroughAnthropicKeepingTextAndToolArguments"
  "screening:dev.strait.screening.match.NormalizerFuzzTest#anyNameNormalisesDeterministicallyIntoCleanTokens"
  "app:dev.strait.app.config.ConfigParsingFuzzTest#anyConfigurationTextIsSealedOrRefusedWithItsFileNamed"
  "app:dev.strait.app.config.ConfigParsingFuzzTest#anyPolicyTextIsSealedOrRefusedWithItsFileNamed"
  "app:dev.strait.app.config.ConfigParsingFuzzTest#anyPriceBookTextIsSealedOrRefusedWithItsFileNamed"
)

echo "fuzz: building test classes and classpaths"
flock /tmp/strait-mvn.lock ./mvnw -q -B -pl app -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/fuzz-classpath.txt >/dev/null
launcher=$(ls "$HOME"/.m2/repository/org/junit/platform/junit-platform-launcher/1.14.1/junit-platform-launcher-1.14.1.jar)

failed=()
for target in "${targets[@]}"; do
  [[ -z "$filter" || "$target" == *"$filter"* ]] || continue
  module=${target%%:*}; rest=${target#*:}; class=${rest%%#*}; method=${rest#*#}
  cp="$root/$module/target/test-classes:$root/$module/target/classes:$(cat "$module/target/fuzz-classpath.txt"):$launcher"
  log="$root/$module/target/fuzz-$method.log"
  echo "fuzz: $class#$method for ${seconds}s (log: ${log#$root/})"
  set +e
  # Jazzer ends a run only at the annotation's maxDuration (2 h): timeout(1) ends it here; 124 = ran
  # the whole time without a finding. The JVM flags keep Jazzer's agent quiet on JDK classes it cannot read.
  JAZZER_FUZZ=1 flock /tmp/strait-mvn.lock timeout --signal=INT --kill-after=30 "$seconds" \
    "$JAVA_HOME/bin/java" -Xmx1g -XX:+EnableDynamicAgentLoading -cp "$cp" "$root/bench/fuzz/FuzzRunner.java" \
    "$class" "$method" "$root/$module" >"$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -oE '#[0-9]+' "$log" | tail -1 || true)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 || true)
  if [ $rc -eq 0 ] || [ $rc -eq 124 ] || { [ $rc -eq 130 ] && ! grep -q "FuzzTestFindingException\|failed=[1-9]" "$log"; }; then
    echo "fuzz:   ok (${runs:-?} executions, ${cov:-coverage ?})"
  else
    echo "fuzz:   FINDING (exit $rc): see $log and new crash-* files under $module/src/test/resources"
    grep -E "FuzzTestFindingException|Caused by|^== Java Exception" "$log" | head -5 || true
    failed+=("$class#$method")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: ${#failed[@]} target(s) with findings: ${failed[*]}"
  exit 1
fi
echo "fuzz: no findings"
