# Shared by the bench scripts: find a JDK 21+ and build the bench jar when its sources are newer.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
JAVA_HOME=$("$root/bin/find-java")
export JAVA_HOME
jar="$root/bench/target/strait-bench.jar"
if [ ! -f "$jar" ] || [ -n "$(find bench/src store/src core/src gateway/src provenance/src screening/src monitor/src app/src -name '*.java' -newer "$jar" -print -quit)" ]; then
  ./mvnw -q -o -B -DskipTests -pl bench -am package >&2 || ./mvnw -q -B -DskipTests -pl bench -am package >&2
fi
