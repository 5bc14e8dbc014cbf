#!/usr/bin/env bash
# Runs the benchmarks of this project side by side in one JVM: this client (reactive and blocking),
# the official MCP Java SDK client and a bare WebClient floor, against one in-process loopback MCP
# server speaking the handshake era (2025-11-25) and the modern one (2026-07-28); then JMH
# micro-benchmarks. Prints a table with the ratios and writes results.json, results.md and chart.svg
# to benchmarks/target/results (or --out DIR).
#
#   benchmarks/run.sh            the full run (about 45 minutes on 2 cores, both eras)
#   benchmarks/run.sh --quick    a short run (about 5 minutes on 2 cores, build included)
#   benchmarks/run.sh --eras modern    one era only (handshake or modern)
#   benchmarks/run.sh --skip heap,micro ...    leave phases out (load, allocation, seed, first-call, heap, micro)
#   benchmarks/run.sh --rounds 20 --window 1000 ...    many short rounds instead of 5 of 4 s
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
