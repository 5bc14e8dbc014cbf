#!/usr/bin/env bash
# Runs the benchmarks of this project side by side in one JVM: this client (reactive and blocking),
# the official MCP Java SDK client and a bare WebClient floor, against one in-process loopback MCP
# server; then JMH micro-benchmarks. Prints a table with the ratios and writes results.json,
# results.md and chart.svg to benchmarks/target/results (or --out DIR).
#
#   benchmarks/run.sh            the full run (about 25 minutes on 2 cores)
#   benchmarks/run.sh --quick    a short run (under 3 minutes on 2 cores, build included)
#   benchmarks/run.sh --skip heap,micro ...    leave phases out (load, allocation, seed, first-call, heap, micro)
#
# JAVA_HOME picks the JDK (17 or newer). BENCH_JVM_ARGS overrides the JVM options.
set -euo pipefail
cd "$(dirname "$0")/.."

offline=()
if [[ "${BENCH_OFFLINE:-}" == "1" ]]; then offline=(-o); fi
echo "[bench] building (./mvnw -pl benchmarks -am package -DskipTests)" >&2
./mvnw -B -q "${offline[@]}" -pl benchmarks -am package -DskipTests >&2

java="java"
if [[ -n "${JAVA_HOME:-}" ]]; then java="$JAVA_HOME/bin/java"; fi
jvm_args=${BENCH_JVM_ARGS:-"-Xms2g -Xmx2g -XX:+UseG1GC -XX:+AlwaysPreTouch"}
# shellcheck disable=SC2086
exec "$java" $jvm_args -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    dev.mcpclient.bench.BenchmarkMain "$@"
